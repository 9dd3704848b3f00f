"""The files around an import: the sheet read for an importer, the rejected rows written back for
the sender, the blank template of an importer. The import itself is services/imports."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jinsha_desktop.domain.errors import ProgressCallback
from jinsha_desktop.domain.loose_values import cell_text
from jinsha_desktop.domain.sheets import CellValue, SheetTable, combine_sheets
from jinsha_desktop.reports.xlsx_package import WorkbookProblem
from jinsha_desktop.reports.xlsx_reading import read_sheet, read_sheets
from jinsha_desktop.reports.xlsx_template import TemplateColumn, write_template
from jinsha_desktop.reports.xlsx_writing import ErrorRow, write_error_workbook
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.imports import Importer, ImportPreview, RowOutcome


def read_for_import(
    context: AppContext,
    importer: Importer,
    path: str | Path,
    *,
    sheet_name: str | None = None,
    progress: ProgressCallback | None = None,
) -> SheetTable:
    """The sheet to import, under its header row (for an importer with a `sheet_field` and no
    `sheet_name`: every sheet with a header, as one table). WorkbookProblem for a file that
    cannot be read, has no recognisable header (the message names the expected columns) or no
    data rows; PermissionDenied before the file is opened when the role may not import it."""
    context.require(importer.permission)
    if importer.sheet_field and sheet_name is None:
        tables = read_sheets(Path(path), importer.header_synonyms(), progress=progress)
        sheet_field = importer.field(importer.sheet_field)
        table = combine_sheets(tables, sheet_field.key, sheet_field.label)
    else:
        table = read_sheet(
            Path(path), importer.header_synonyms(), sheet_name=sheet_name, progress=progress
        )
    if not table.rows:
        raise WorkbookProblem(
            f"工作表“{table.sheet_name}”第 {table.header_row} 行是表头，但下面没有数据。"
        )
    return table


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
