"""Importing an office's spreadsheet: one framework, the importers declared in importers.py.

The steps, called the same way by the GUI, the command line and the tests:

1. `read_for_import(context, importer, path)` — the sheet under its header row; hostile or
   broken files are refused (WorkbookProblem) before anything is parsed.
2. `remembered_mapping(context, importer, table)` — column → field, as the user set it last time
   for these headers, else proposed from the header names; the user may correct it
   (`mapping_from_names` turns "列名或列号=字段" pairs into a mapping, for the command line).
3. `preview_import(context, importer, table, mapping)` — every row cleaned with the domain rules
   of the forms and classified against the database and the rows above it: 新增, 更新, 重复 or
   错误 (with the cell and the reason). Nothing is written.
4. `apply_import(context, preview)` — the good rows in one transaction. Classification is done
   again inside it, so applying twice (or after someone else imported the same file) adds
   nothing twice. One audit action "import" with the counts; the mapping is remembered.
5. `write_rejected(preview, path)` — the rejected rows as an error workbook for the sender: the
   original columns, 原行号, 错误原因, bad cells in red.

`write_import_template(importer, path, context)` writes the blank workbook of an importer.

Rules shared by every importer: a formula in a mapped column is read from the value Excel or
WPS saved with it (a roster's 性别 and 住址 are often computed), and the preview says which values
came from formulas; only a formula saved without its value (written by a program that does not
calculate) rejects its row, naming the cell; a formula in a column that is not imported is
ignored. Rows that are not data (a serial number alone, 合计, 填表人, 日期…) are left out when the
sheet is read (xlsx_reading.py). A row whose key repeats an earlier row of the file is 重复
when it says nothing different, 错误 when it contradicts the earlier row.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from openpyxl.utils.cell import column_index_from_string, get_column_letter
from sqlalchemy.orm import Session

from jinsha_desktop.domain.errors import (
    FormErrors,
    ProgressCallback,
    ValidationError,
    report_progress,
)
from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.domain.imports import is_empty
from jinsha_desktop.domain.loose_values import cell_text
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.reports.xlsx_reading import (
    EXCEL_ERRORS,
    CellValue,
    SheetRow,
    SheetTable,
    WorkbookProblem,
    normalize_header,
    propose_mapping,
    read_sheet,
)
from jinsha_desktop.reports.xlsx_template import TemplateColumn, write_template
from jinsha_desktop.reports.xlsx_writing import (
    ErrorRow,
    write_error_workbook,
)
from jinsha_desktop.services.audit import record_action
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.settings import read_setting, write_setting

P = ParamSpec("P")
T = TypeVar("T")

BATCH_ROWS = 1_000
"""Rows cleaned and classified together: progress is reported, and cancel honoured, per batch."""
MAPPING_SETTING = "import_mapping:{name}"
MAX_REMEMBERED_HEADERS = 300
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


class RowError(ValidationError):
    """An error of one row on `field`, also highlighting the cells of `also`."""

    def __init__(self, message: str, field: str, also: tuple[str, ...] = ()) -> None:
        super().__init__(message, field)
        self.also = also


def _errors_of(error: ValidationError | FormErrors) -> list[ValidationError]:
    return list(error.errors) if isinstance(error, FormErrors) else [error]


class RowChecks:
    """The errors of one row, each on the import field it concerns, all collected at once."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def check(
        self, field: str, rule: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T | None:
        """`rule(...)`, or None after recording its error(s) on `field`."""
        try:
            return rule(*args, **kwargs)
        except (ValidationError, FormErrors) as error:
            for each in _errors_of(error):
                self.fail(field, each.message)
        return None

    def check_form(self, renamed: Mapping[str, str], rule: Callable[[], T], /) -> T | None:
        """`rule()` of a domain form (`SomeInput(...).cleaned`), or None after recording its
        errors on their fields, renamed to import fields by `renamed` where they differ."""
        try:
            return rule()
        except (ValidationError, FormErrors) as error:
            for each in _errors_of(error):
                field = each.field or ""
                self.fail(renamed.get(field, field), each.message)
        return None

    def fail(self, field: str, message: str, also: tuple[str, ...] = ()) -> None:
        """Record an error on `field`, unless the field already has one (the first says most)."""
        if all(error.field != field for error in self.errors):
            self.errors.append(RowError(message, field, also))

    def has_error(self, field: str) -> bool:
        return any(error.field == field for error in self.errors)

    def raise_errors(self) -> None:
        if self.errors:
            raise FormErrors(self.errors)


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

    def rows_with(self, outcome: RowOutcome) -> list[PreviewRow]:
        return [row for row in self.rows if row.outcome is outcome]

    def summary(self) -> str:
        """The counts in words: 新增 3 行，更新 1 行，重复 0 行，错误 2 行."""
        return "，".join(f"{o.label} {n} 行" for o, n in self.counts().items())


# ---------------------------------------------------------------- reading and mapping


def read_for_import(
    context: AppContext,
    importer: Importer,
    path: str | Path,
    *,
    sheet_name: str | None = None,
    progress: ProgressCallback | None = None,
) -> SheetTable:
    """The sheet to import, under its header row. WorkbookProblem for a file that cannot be read,
    has no recognisable header (the message names the expected columns) or no data rows;
    PermissionDenied before the file is opened when the role may not import it."""
    context.require(importer.permission)
    table = read_sheet(
        Path(path), importer.header_synonyms(), sheet_name=sheet_name, progress=progress
    )
    if not table.rows:
        raise WorkbookProblem(
            f"工作表“{table.sheet_name}”第 {table.header_row} 行是表头，但下面没有数据。"
        )
    return table


def _setting_key(importer: Importer) -> str:
    return MAPPING_SETTING.format(name=importer.name)


def _remembered(session: Session, importer: Importer) -> dict[str, str]:
    text = read_setting(session, _setting_key(importer))
    try:
        stored = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(stored, dict):
        return {}
    return {str(k): str(v) for k, v in stored.items() if isinstance(v, str)}


def remembered_mapping(
    context: AppContext, importer: Importer, table: SheetTable
) -> dict[int, str]:
    """Column index → field key: as remembered for these headers (a column the user set to
    "not imported" stays so), the other columns as proposed by their header names."""
    return recall_mapping(context, importer, table).mapping


@dataclass(frozen=True)
class RecalledMapping:
    mapping: dict[int, str]
    note: str = ""
    """Said to the user when what was remembered was set aside (shown with the preview)."""


def recall_mapping(context: AppContext, importer: Importer, table: SheetTable) -> RecalledMapping:
    """remembered_mapping, with a note when the remembered one would not work for this sheet
    (a required field left out, say, by a memory older than the rule in remember_mapping) and
    the headers alone give one that does: that one is used instead, so that a bad memory never
    makes every later import fail."""
    with context.reading() as session:
        memory = _remembered(session, importer)
    mapping = _mapping_from(memory, importer, table)
    if not memory or _works(importer, table, mapping):
        return RecalledMapping(mapping)
    proposed = _mapping_from({}, importer, table)
    if proposed == mapping or not _works(importer, table, proposed):
        return RecalledMapping(mapping)
    return RecalledMapping(
        proposed,
        "上次记住的列对应用在这个表格上缺少必填项，这次没有使用，已按表头重新对应，请核对。",
    )


def _works(importer: Importer, table: SheetTable, mapping: Mapping[int, str]) -> bool:
    try:
        check_mapping(importer, table, mapping)
    except ValidationError:
        return False
    return True


def _mapping_from(
    memory: Mapping[str, str], importer: Importer, table: SheetTable
) -> dict[int, str]:
    keys = set(importer.keys)
    mapping: dict[int, str] = {}
    decided: set[int] = set()
    for column, header in enumerate(table.headers):
        name = normalize_header(header)
        if name and name in memory:
            decided.add(column)
            key = memory[name]
            if key in keys and key not in mapping.values():
                mapping[column] = key
    for column, key in propose_mapping(table.headers, importer.header_synonyms()).items():
        if column not in decided and key not in mapping.values():
            mapping[column] = key
    return dict(sorted(mapping.items()))


def remember_mapping(
    session: Session, importer: Importer, table: SheetTable, mapping: Mapping[int, str]
) -> None:
    """Store what each header of `table` was mapped to ("" for not imported), in the session's
    transaction, so the next file with these headers is mapped the same way.

    A header written twice in the sheet says nothing about either column and is not stored
    (two "姓名" columns once stored {"姓名": ""}: no name column ever again); and nothing is
    stored unless what is stored maps this very sheet to a mapping that works."""
    memory = _remembered(session, importer)
    before = dict(memory)
    names = [normalize_header(header) for header in table.headers]
    for column, name in enumerate(names):
        if name and names.count(name) == 1:
            memory.pop(name, None)  # re-inserted last: the newest survive the cap
            memory[name] = mapping.get(column, "")
    if len(memory) > MAX_REMEMBERED_HEADERS:
        memory = dict(list(memory.items())[-MAX_REMEMBERED_HEADERS:])
    if memory != before and _works(importer, table, _mapping_from(memory, importer, table)):
        write_setting(session, _setting_key(importer), json.dumps(memory, ensure_ascii=False))


def _field_named(importer: Importer, name: str) -> str | None:
    """A field key from its key, label or a synonym ("" or "-" means not imported)."""
    wanted = normalize_header(name)
    for candidate in importer.fields:
        if wanted == candidate.key or wanted in (normalize_header(n) for n in candidate.names):
            return candidate.key
    return None


def _column_named(table: SheetTable, name: str) -> int | None:
    """A column from its header text, or its letter ("D")."""
    text = name.strip()
    wanted = normalize_header(text)
    for column, header in enumerate(table.headers):
        if wanted and normalize_header(header) == wanted:
            return column
    if text.isascii() and text.isalpha() and len(text) <= 3:
        column = column_index_from_string(text.upper()) - 1
        return column if column < len(table.headers) else None
    return None


def mapping_from_names(
    importer: Importer,
    table: SheetTable,
    pairs: Mapping[str, str],
    base: Mapping[int, str] | None = None,
) -> dict[int, str]:
    """`base` (e.g. the remembered mapping) corrected by "column = field" pairs: the column by
    its letter or header, the field by its key, label or a synonym, "" or "-" to leave the
    column out. ValidationError for a column or field that does not exist."""
    mapping = dict(base or {})
    for column_name, field_name in pairs.items():
        column = _column_named(table, column_name)
        if column is None:
            shown = "、".join(h for h in table.headers if h)
            raise ValidationError(f"表格中没有“{column_name}”这一列（现有：{shown}）。", "mapping")
        if field_name.strip() in ("", "-"):
            mapping.pop(column, None)
            continue
        key = _field_named(importer, field_name)
        if key is None:
            known = "、".join(f.label for f in importer.fields)
            raise ValidationError(
                f"{importer.title}没有“{field_name}”这一项（可选：{known}）。", "mapping"
            )
        for other, other_key in list(mapping.items()):
            if other_key == key:
                del mapping[other]
        mapping[column] = key
    return dict(sorted(mapping.items()))


def check_mapping(importer: Importer, table: SheetTable, mapping: Mapping[int, str]) -> None:
    """ValidationError unless every field is mapped at most once, to a column of the sheet, and
    every required field is mapped."""
    columns_of: dict[str, list[int]] = {}
    for column, key in mapping.items():
        if key not in importer.keys:
            raise ValidationError(f"“{key}”不是{importer.title}的导入项。", "mapping")
        if not 0 <= column < len(table.headers):
            raise ValidationError(f"第 {column + 1} 列不在表格中。", "mapping")
        columns_of.setdefault(key, []).append(column)
    for key, columns in columns_of.items():
        if len(columns) > 1:
            letters = "、".join(f"{get_column_letter(c + 1)} 列" for c in columns)
            raise ValidationError(
                f"“{importer.field(key).label}”同时对应了 {letters}，请只保留一列。", "mapping"
            )
    missing = [f.label for f in importer.fields if f.required and f.key not in columns_of]
    if missing:
        raise ValidationError(
            f"必填的“{'”、“'.join(missing)}”没有对应到表格中的列。"
            "请在列对应中为它选择一列，或检查表头是否写错。",
            "mapping",
        )
    if importer.one_of and not any(key in columns_of for key in importer.one_of):
        labels = "”或“".join(importer.field(k).label for k in importer.one_of)
        raise ValidationError(f"“{labels}”至少要对应表格中的一列。", "mapping")


# ---------------------------------------------------------------- preview and import


class _Rows:
    """Cleans rows with one importer and mapping, and finds repeats within the file."""

    def __init__(
        self, importer: Importer, state: Any, table: SheetTable, mapping: Mapping[int, str]
    ) -> None:
        self.importer, self.state, self.table = importer, state, table
        self.mapping = dict(mapping)
        self.column_of = {key: column for column, key in mapping.items()}
        self.required = [f.key for f in importer.fields if f.required]
        self.first_of: dict[Hashable, PreviewRow] = {}

    def clean(self, row: SheetRow) -> PreviewRow:
        formulas = [c for c in row.formula_columns if c in self.mapping]
        unusable = {c: why for c in formulas if (why := _formula_problem(row.values[c]))}
        if unusable:
            reason = "；".join(
                f"{self.table.cell_name(row, c)} {self._label(self.mapping[c])}：{problem}"
                for c, problem in unusable.items()
            )
            return PreviewRow(row, RowOutcome.REJECT, reason + "。", tuple(unusable))
        width = len(row.values)
        values = {
            key: row.values[column] if column < width else None
            for column, key in self.mapping.items()
        }
        errors: list[ValidationError] = [
            RowError("必填，不能为空。", key) for key in self.required if is_empty(values.get(key))
        ]
        if self.importer.one_of and all(is_empty(values.get(k)) for k in self.importer.one_of):
            labels = "和".join(self.importer.field(k).label for k in self.importer.one_of)
            first, *others = [k for k in self.importer.one_of if k in self.column_of]
            errors.append(RowError(f"{labels}至少填写一项。", first, tuple(others)))
        try:
            cleaned = self.importer.clean(self.state, values)
        except (ValidationError, FormErrors) as error:
            flagged = {e.field for e in errors}
            errors += [e for e in _errors_of(error) if e.field not in flagged]
        if errors:
            reason, bad = self._reason(row, errors)
            return PreviewRow(row, RowOutcome.REJECT, reason, bad)
        warnings = tuple(cleaned.pop("_warnings", ()))
        warnings += tuple(
            f"{self.table.cell_name(row, c)} {self._label(self.mapping[c])}为公式计算值"
            for c in formulas
        )
        return PreviewRow(
            row, RowOutcome.ADD, values=cleaned, key=self.importer.key(cleaned), warnings=warnings
        )

    def _label(self, key: str | None) -> str:
        try:
            return self.importer.field(key or "").label
        except KeyError:
            return ""

    def _reason(self, row: SheetRow, errors: list[ValidationError]) -> tuple[str, tuple[int, ...]]:
        parts: list[str] = []
        bad: set[int] = set()
        for error in errors:
            message = error.message.rstrip("。")
            column = self.column_of.get(error.field or "")
            label = self._label(error.field)
            if column is not None:
                parts.append(f"{self.table.cell_name(row, column)} {label}：{message}")
                bad.add(column)
            else:
                parts.append(f"{label}：{message}" if label else message)
            for other in getattr(error, "also", ()):
                if other in self.column_of:
                    bad.add(self.column_of[other])
        return "；".join(parts) + "。", tuple(sorted(bad))

    def first_in_file(self, preview: PreviewRow) -> bool:
        """True for the first row of its key; a repeat becomes 重复, or 错误 if it differs."""
        first = self.first_of.setdefault(preview.key, preview)
        if first is preview:
            return True
        differing = [
            key
            for key in self.importer.keys
            if not _blank(preview.values.get(key))
            and not _blank(first.values.get(key))
            and preview.values[key] != first.values[key]
        ]
        if differing:
            labels = "、".join(self._label(k) for k in differing)
            preview.outcome = RowOutcome.REJECT
            preview.reason = (
                f"与第 {first.number} 行是同一条记录，但{labels}不同，请核对后只保留一行。"
            )
            preview.bad_columns = tuple(
                sorted(self.column_of[k] for k in differing if k in self.column_of)
            )
        else:
            preview.outcome = RowOutcome.DUPLICATE
            preview.reason = f"与第 {first.number} 行重复。"
        return False


def _formula_problem(value: CellValue) -> str:
    """Why a formula's saved value cannot be imported ("" when it can)."""
    if value is None:
        return FORMULA_MESSAGE
    error = value.strip() if isinstance(value, str) else ""
    if error in EXCEL_ERRORS:
        return f"公式的计算结果是错误值 {error}，请检查公式"
    return ""


def _blank(value: object) -> bool:
    return value is None or value == ""


def _batches(rows: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(rows), BATCH_ROWS):
        yield rows[start : start + BATCH_ROWS]


def preview_import(
    context: AppContext,
    importer: Importer,
    table: SheetTable,
    mapping: Mapping[int, str],
    *,
    path: str | Path | None = None,
    progress: ProgressCallback | None = None,
) -> ImportPreview:
    """Clean and classify every row; nothing is written. ValidationError for a mapping that
    leaves a required field out (naming it); Cancelled when `progress` answers False."""
    context.require(importer.permission)
    check_mapping(importer, table, mapping)
    state = importer.prepare(context)
    cleaner = _Rows(importer, state, table, mapping)
    result: list[PreviewRow] = []
    memory: dict[str, Any] = {}
    total = len(table.rows)
    report_progress(progress, 0, total)
    with context.reading() as session:
        for batch in _batches(table.rows):
            cleaned = [cleaner.clean(row) for row in batch]
            fresh = [
                p
                for p in cleaned
                if p.outcome is not RowOutcome.REJECT and cleaner.first_in_file(p)
            ]
            if fresh:
                importer.classify(session, fresh, memory)
            result.extend(cleaned)
            report_progress(progress, len(result), total)
    return ImportPreview(importer, Path(path or ""), table, dict(mapping), result)


def apply_import(
    context: AppContext, preview: ImportPreview, *, progress: ProgressCallback | None = None
) -> dict[RowOutcome, int]:
    """Import the preview's good rows in one transaction and return the rows by outcome.

    Each row is classified again inside the transaction (the database may have changed since
    the preview), so importing the same file twice adds nothing the second time. One audit
    action "import" records the file and the counts; the mapping is remembered. Cancelled (and
    nothing written) when `progress` answers False.
    """
    importer = preview.importer
    context.require(importer.permission)
    cleaner = _Rows(importer, None, preview.table, preview.mapping)
    counts = dict.fromkeys(importer.outcomes, 0)
    memory: dict[str, Any] = {}
    total = len(preview.rows)
    done = 0
    report_progress(progress, 0, total)
    with context.uow() as session:
        for batch in _batches(preview.rows):
            fresh: list[PreviewRow] = []
            for old in batch:
                if old.outcome is RowOutcome.REJECT:
                    counts[RowOutcome.REJECT] += 1
                    continue
                again = PreviewRow(old.row, RowOutcome.ADD, values=dict(old.values), key=old.key)
                if cleaner.first_in_file(again):
                    fresh.append(again)
                else:
                    counts[again.outcome] += 1
            if fresh:
                importer.classify(session, fresh, memory)
                importer.write(session, fresh, memory)
                session.flush()
                if importer.forget_written:
                    session.expunge_all()
            for row in fresh:
                counts[row.outcome] += 1
            done += len(batch)
            report_progress(progress, done, total)
        summary = "，".join(f"{o.label} {n} 行" for o, n in counts.items())
        name = preview.path.name or preview.table.sheet_name
        record_action(
            session,
            "import",
            f"导入{importer.title}“{name[:60]}”：{summary}",
            table_name=importer.table_name,
        )
        remember_mapping(session, importer, preview.table, preview.mapping)
    return counts


def write_rejected(preview: ImportPreview, path: str | Path) -> int:
    """Write the rejected rows to an error workbook (original headers and values, 原行号,
    错误原因, bad cells highlighted) and return how many; no file when there are none."""
    rejected = preview.rows_with(RowOutcome.REJECT)
    if not rejected:
        return 0
    write_error_workbook(
        Path(path),
        [header.replace("\n", " ") for header in preview.table.headers],
        (ErrorRow(_as_written(r.row.values), r.number, r.reason, r.bad_columns) for r in rejected),
        title=f"{preview.importer.title}错误记录",
    )
    return len(rejected)


EXCEL_SCIENTIFIC_FROM = 1e11
"""Excel's General format shows a whole number of 12 digits or more as 3.20681E+17."""


def _as_written(values: Sequence[CellValue]) -> tuple[CellValue, ...]:
    """The row for the error workbook: an ID number Excel stored as a number is written as its
    digits (text), so the sender sees 320681198802032000, not 3.20681E+17, and which digits
    Excel lost."""
    return tuple(
        cell_text(v)
        if isinstance(v, float) and v.is_integer() and abs(v) >= EXCEL_SCIENTIFIC_FROM
        else v
        for v in values
    )


def write_import_template(
    importer: Importer, path: str | Path, context: AppContext | None = None
) -> None:
    """The blank workbook of `importer`: its headers (required ones marked *), notes, drop-down
    lists (some, such as 社区/村, read from the database when a context is given)."""
    choices = importer.choices(context)
    columns = [
        TemplateColumn(f.key, f.label, f.kind, f.required, choices.get(f.key, f.choices), f.note)
        for f in importer.fields
    ]
    write_template(
        Path(path),
        importer.title,
        columns,
        example=importer.template_example,
        rules=importer.template_rules,
    )
