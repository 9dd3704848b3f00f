"""The import framework's declarations: what an importer is (its columns, rules and how its rows
meet the database), what a row becomes, and the preview of a sheet. The steps that use them are
in mapping.py (which column is which field) and run.py (preview and import); the importers are
one file each beside this one, listed in __init__.py.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.sheets import CellValue, SheetRow, SheetTable
from jinsha_desktop.services.context import AppContext

FORMULA_MESSAGE = (
    "是公式，但文件中没有保存公式的计算结果。请用 Excel 或 WPS 打开并保存一次，"
    "或复制后“粘贴为数值”再导入"
)


class RowOutcome(StrEnum):
    """What importing a row does. The match list uses FOUND / NOT_FOUND instead of ADD / UPDATE."""

    ADD = "add"
    UPDATE = "update"
    DUPLICATE = "duplicate"
    REJECT = "reject"
    FOUND = "found"
    NOT_FOUND = "not_found"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    RowOutcome.ADD: "新增",
    RowOutcome.UPDATE: "更新",
    RowOutcome.DUPLICATE: "重复",
    RowOutcome.REJECT: "错误",
    RowOutcome.FOUND: "有登记",
    RowOutcome.NOT_FOUND: "无登记",
}


@dataclass(frozen=True)
class ImportField:
    """One column an importer understands."""

    key: str
    label: str
    """The Chinese header of templates and messages; also a header it recognises."""
    synonyms: tuple[str, ...] = ()
    """Other headers meaning this column (short forms too: 身份证 does not match 身份证号)."""
    required: bool = False
    kind: CellKind = CellKind.TEXT
    choices: tuple[str, ...] = ()
    note: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)


@dataclass(slots=True, eq=False)
class PreviewRow:
    """One data row of the sheet and what importing it does."""

    row: SheetRow
    outcome: RowOutcome
    reason: str = ""
    """Why it is rejected ("C12 证件号码：…"), or what it adds, updates or repeats."""
    bad_columns: tuple[int, ...] = ()
    """0-based sheet columns to highlight."""
    values: dict[str, Any] = field(default_factory=dict)
    """The cleaned values, by field key (empty for a rejected row)."""
    key: Hashable = None
    warnings: tuple[str, ...] = ()

    @property
    def number(self) -> int:
        """The Excel row number."""
        return self.row.number

    @property
    def details(self) -> str:
        """The reason and the warnings (values computed by formulas among them), for the preview."""
        return "；".join(part.rstrip("。") for part in (self.reason, *self.warnings) if part) + (
            "。" if self.reason or self.warnings else ""
        )


class Importer(ABC):
    """The declaration of one importer: its columns and rules, and how rows meet the database.

    Subclasses set the class attributes and implement `clean`, `key`, `classify`, `write`.
    """

    name: str
    """Stable identifier, used on the command line and for the remembered mapping."""
    title: str
    fields: tuple[ImportField, ...]
    permission: Permission
    outcomes: tuple[RowOutcome, ...] = (
        RowOutcome.ADD,
        RowOutcome.UPDATE,
        RowOutcome.DUPLICATE,
        RowOutcome.REJECT,
    )
    one_of: tuple[str, ...] = ()
    """At least one of these fields must be mapped, and filled in on every row."""
    table_name: str = ""
    """Audited table of the import action."""
    writes_records: bool = True
    """False for an importer that only compares (the match list): the GUI says 比对, not 导入."""
    forget_written: bool = False
    """The importer keeps no database object from one batch to the next, so the session may
    forget each batch once it is flushed (a 100,000-row roster imports a fifth faster)."""
    template_rules: tuple[str, ...] = ()
    template_example: tuple[object, ...] | None = None
    sheet_field: str = ""
    """When set, a workbook is read whole: every sheet with a header, as one table, and a sheet
    without this field's column has it filled with the sheet's name (a sheet per compound)."""

    def field(self, key: str) -> ImportField:
        for candidate in self.fields:
            if candidate.key == key:
                return candidate
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    def header_synonyms(self) -> dict[str, tuple[str, ...]]:
        return {f.key: f.names for f in self.fields}

    def prepare(self, context: AppContext) -> Any:
        """What `clean` needs from the context (today, the division table…), read once."""
        return None

    def choices(self, context: AppContext | None) -> dict[str, tuple[str, ...]]:
        """Drop-down values of the template by field key (fixed choices, or from the database)."""
        return {f.key: f.choices for f in self.fields if f.choices}

    @abstractmethod
    def clean(self, state: Any, values: Mapping[str, CellValue]) -> dict[str, Any]:
        """The row's cleaned values; FormErrors/ValidationError naming import field keys.
        `values` holds the mapped cells only."""

    @abstractmethod
    def key(self, values: Mapping[str, Any]) -> Hashable:
        """What identifies the record a cleaned row stands for."""

    @abstractmethod
    def classify(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        """Set `outcome` and `reason` of each row (valid, first of its key in the file) against
        the database and what earlier batches planned (kept in `memory`, one dict per pass)."""

    def write(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        """Write the ADD and UPDATE rows of a batch `classify` has just seen in this session
        (the match list writes nothing)."""
        return None

    def describe(self) -> str:
        """What the importer expects, for help texts and the command line."""
        columns = "、".join(f.label + ("*" if f.required else "") for f in self.fields)
        return f"{self.title}（{self.name}）：{columns}"


@dataclass
class ImportPreview:
    """The classified rows of a sheet; nothing has been written."""

    importer: Importer
    path: Path
    table: SheetTable
    mapping: dict[int, str]
    rows: list[PreviewRow]

    def counts(self) -> dict[RowOutcome, int]:
        """Rows by outcome, every outcome of the importer present (zero included)."""
        counts = dict.fromkeys(self.importer.outcomes, 0)
        for row in self.rows:
            counts[row.outcome] = counts.get(row.outcome, 0) + 1
        return counts

    @property
    def source_name(self) -> str:
        """The file's name (or, without one, the sheet's), for headings and the audit log."""
        return self.path.name or self.table.sheet_name

    def rows_with(self, outcome: RowOutcome) -> list[PreviewRow]:
        return [row for row in self.rows if row.outcome is outcome]

    def summary(self) -> str:
        """The counts in words: 新增 3 行，更新 1 行，重复 0 行，错误 2 行."""
        return "，".join(f"{o.label} {n} 行" for o, n in self.counts().items())
