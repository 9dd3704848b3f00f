"""Preview and import: every row cleaned with the importer's domain rules and classified against
the database and the rows above it; then the good rows written in one transaction, audited."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from jinsha_desktop.domain.errors import (
    FormErrors,
    ProgressCallback,
    ValidationError,
    report_progress,
)
from jinsha_desktop.domain.imports import is_empty
from jinsha_desktop.domain.sheets import EXCEL_ERRORS, CellValue, SheetRow, SheetTable
from jinsha_desktop.services.audit import record_action
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.imports.framework import (
    FORMULA_MESSAGE,
    Importer,
    ImportPreview,
    PreviewRow,
    RowOutcome,
)
from jinsha_desktop.services.imports.mapping import check_mapping, remember_mapping

T = TypeVar("T")

REQUIRED_MESSAGE = "必填，不能为空。"
"""An empty required cell that the importer's own rules did not refuse (every importer here
refuses it with its domain rule's message; tests/reports/test_importers.py checks that)."""

BATCH_ROWS = 1_000
"""Rows cleaned and classified together: progress is reported, and cancel honoured, per batch."""


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
        errors: list[ValidationError] = []
        if self.importer.one_of and all(is_empty(values.get(k)) for k in self.importer.one_of):
            labels = "和".join(self.importer.field(k).label for k in self.importer.one_of)
            first, *others = [k for k in self.importer.one_of if k in self.column_of]
            errors.append(ValidationError(f"{labels}至少填写一项。", first, tuple(others)))
        try:
            cleaned = self.importer.clean(self.state, values)
        except (ValidationError, FormErrors) as error:
            flagged = {e.field for e in errors}
            found = error.errors if isinstance(error, FormErrors) else [error]
            errors += [e for e in found if e.field not in flagged]
        # An empty required cell is the importer's domain rule to answer (请填写姓名。, as the
        # form says it); this generic message only stops a row whose rules let one through.
        flagged = {e.field for e in errors}
        errors += [
            ValidationError(REQUIRED_MESSAGE, key)
            for key in self.required
            if key not in flagged and is_empty(values.get(key))
        ]
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
            for other in error.also:
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
        record_action(
            session,
            "import",
            f"导入{importer.title}“{preview.source_name[:60]}”：{summary}",
            table_name=importer.table_name,
        )
        remember_mapping(session, importer, preview.table, preview.mapping)
    return counts
