"""Excel writing: exports streamed sheet by sheet, error workbooks for imports, blank templates.

Columns are declared once (`SheetColumn`: key, Chinese header, kind, width); rows are plain
sequences of values. Every file is written to a temporary name in the destination folder and
renamed at the end (xlsx_saving.py), so a cancelled, failed or killed export never leaves a half
file under the name the user chose. Text is written so that Excel, WPS and LibreOffice show it
and never run it: a value starting with = + - @ (or a tab / CR) is a string cell with the quote
prefix (DESIGN.md: "Excel exports are safe to open"), identity and phone numbers are text cells
formatted "@" (Excel keeps 15 significant digits: 320612199001011234 would become 3.20612E+17).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from itertools import chain, islice
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from jinsha_desktop.domain.errors import ProgressCallback, report_progress
from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.reports.xlsx_saving import ExcelWriteProblem as ExcelWriteProblem
from jinsha_desktop.reports.xlsx_saving import save_atomically as save_atomically

EXCEL_MAX_ROWS = 1_048_576
MAX_CELL_CHARS = 32_767
"""Excel's limit for one cell, counted in UTF-16 units (a CJK Ext-B character counts two)."""
TRUNCATION_MARKER = "…（超出 Excel 单元格长度上限，已截断）"
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DECIMAL_FORMAT = "0.0"
MONEY_FORMAT = "0.00"
TEXT_FORMAT = "@"
PROGRESS_EVERY = 1_000
WIDTH_SAMPLE_ROWS = 100
MIN_WIDTH, MAX_WIDTH = 6.0, 50.0
ROW_NUMBER_HEADER = "原行号"
REASON_HEADER = "错误原因"
INSTRUCTIONS_TITLE = "填写说明"
CHOICES_SHEET = "选项"
_EXCEL_EXACT_DIGITS = 10**15
"""Integers from here on lose digits as Excel numbers; they are written as text."""
RISKY_START = frozenset("=+-@\t\r")
"""First characters that make Excel, WPS or LibreOffice read a typed value as a formula."""
_ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
_C0_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BAD_TITLE = re.compile(r"[\\/*?:\[\]]")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_BAD_FILL = PatternFill("solid", fgColor="FFC7CE")
THIN_SIDE = Side(style="thin", color="A6A6A6")


@dataclass(frozen=True)
class SheetColumn:
    key: str
    header: str
    kind: CellKind = CellKind.TEXT
    width: float | None = None
    """In characters of the default font (a Chinese character counts two); None: estimated."""
    number_format: str | None = None
    """Overrides the kind's format, e.g. "0.00" for a DECIMAL column."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    sheet_names: tuple[str, ...]


@dataclass(frozen=True)
class ErrorRow:
    """One rejected import row: its values as read, where it was, why, and which cells."""

    values: Sequence[object]
    row_number: int
    reason: str
    bad_columns: Sequence[int] = ()
    """0-based indexes into `values` of the cells to highlight."""


# ---------------------------------------------------------------------------------------------
# Text and cells


def clean_text(text: str) -> str:
    """`text` without characters XML cannot hold, cut to Excel's cell limit with a marker."""
    if _NOT_XML.search(text):
        # Control characters (pasted from old systems) carry nothing visible: dropped.
        # Broken surrogates and non-characters become U+FFFD so the loss can be seen.
        text = _NOT_XML.sub("\ufffd", _C0_CONTROLS.sub("", text))
    if len(text) * 2 > MAX_CELL_CHARS and _utf16_units(text) > MAX_CELL_CHARS:
        room = MAX_CELL_CHARS - _utf16_units(TRUNCATION_MARKER)
        kept, used = [], 0
        for char in text:
            used += 2 if ord(char) > 0xFFFF else 1
            if used > room:
                break
            kept.append(char)
        text = "".join(kept) + TRUNCATION_MARKER
    return text


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _needs_care(text: str) -> bool:
    return bool(text) and (
        text[0] in RISKY_START
        or (text[0] == "#" and text in _ERROR_CODES)
        or len(text) * 2 > MAX_CELL_CHARS
        or _NOT_XML.search(text) is not None
    )


def display_width(text: str) -> int:
    """Width in Excel column units: East Asian wide characters count two."""
    return max(
        (
            sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
            for line in text.splitlines()
        ),
        default=0,
    )


class _CellMaker:
    """Makes the few cells that need a style or a forced type; the rest stay plain values.

    Plain values go through openpyxl's own fast path; a Cell costs an object and a style lookup,
    so one is made only for dates, identifiers, decimals, risky text and highlighted cells.
    """

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self._styles: dict[tuple[str | None, bool, bool], StyleArray] = {}

    def make(
        self,
        value: object,
        data_type: str,
        number_format: str | None = None,
        quoted: bool = False,
        bad: bool = False,
    ) -> Cell:
        key = (number_format, quoted, bad)
        style = self._styles.get(key)
        if style is None:
            model = Cell(self.sheet, 1, 1)
            if number_format:
                model.number_format = number_format
            if quoted:
                model.quotePrefix = True
            if bad:
                model.fill = _BAD_FILL
            style = self._styles[key] = model._style
        # Built without Cell.__init__, which copies the style array and binds the value: a
        # write-only cell is serialised once and dropped, so it can share the cached style,
        # and the value is already clean and its type decided (a str starting with "=" would
        # otherwise become a formula). A 100,000-row export makes half a million of these.
        cell = Cell.__new__(Cell)
        cell.parent, cell._style = self.sheet, style
        cell.row = cell.column = 1
        cell._value, cell.data_type = value, data_type
        cell._hyperlink = cell._comment = None
        return cell

    def text(self, text: str, number_format: str | None = None) -> Cell:
        text = clean_text(text)
        quoted = bool(text) and (text[0] in RISKY_START or text in _ERROR_CODES)
        return self.make(text, "s", number_format, quoted)

    def highlighted(self, value: object) -> Cell:
        if isinstance(value, Cell):
            return self.make(
                value._value, value.data_type, value.number_format, value.quotePrefix, bad=True
            )
        cell = self.make(None, "n", bad=True)
        if value is not None:
            cell.value = value  # plain values are safe: never a formula
        return cell


def _local_naive(moment: datetime) -> datetime:
    """Excel has no time zones: an aware time is shown as the computer's local time."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


def _converter(kind: CellKind, cells: _CellMaker, fmt: str | None) -> Callable[[object], object]:
    """A function turning one value of a column of `kind` into what the sheet should hold."""

    def plain(value: object) -> object:
        cls = value.__class__
        if cls is str:
            if not value:
                return None
            if _needs_care(value):  # type: ignore[arg-type]
                return cells.text(value)  # type: ignore[arg-type]
            return value
        if cls is int:
            if -_EXCEL_EXACT_DIGITS < value < _EXCEL_EXACT_DIGITS:  # type: ignore[operator]
                return value
            return cells.text(str(value), TEXT_FORMAT)
        if cls is float:
            return value if math.isfinite(value) else None  # type: ignore[arg-type]
        if value is None:
            return None
        return other(value)

    def other(value: object) -> object:
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, datetime):
            return cells.make(_local_naive(value), "d", DATETIME_FORMAT)
        if isinstance(value, date):
            return cells.make(value, "d", DATE_FORMAT)
        if isinstance(value, Enum):
            return plain(value.value)
        if isinstance(value, str):
            return plain(str(value))
        if isinstance(value, int):
            return plain(int(value))
        if isinstance(value, float):
            return plain(float(value))
        if hasattr(value, "is_finite"):  # decimal.Decimal
            return value if value.is_finite() else None
        return plain(str(value))

    if kind is CellKind.IDENTIFIER:

        def identifier(value: object) -> object:
            if value is None or value == "":
                return None
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return cells.text(value if isinstance(value, str) else str(value), fmt or TEXT_FORMAT)

        return identifier
    if kind is CellKind.DATE:

        def day(value: object) -> object:
            if isinstance(value, datetime):
                return cells.make(_local_naive(value).date(), "d", fmt or DATE_FORMAT)
            if isinstance(value, date):
                return cells.make(value, "d", fmt or DATE_FORMAT)
            return plain(value)

        return day
    if kind is CellKind.DATETIME:

        def moment(value: object) -> object:
            if isinstance(value, datetime):
                return cells.make(_local_naive(value), "d", fmt or DATETIME_FORMAT)
            if isinstance(value, date):
                return cells.make(value, "d", fmt or DATETIME_FORMAT)
            return plain(value)

        return moment
    if kind in (CellKind.DECIMAL, CellKind.MONEY) or (fmt and kind is CellKind.INTEGER):
        number_format = fmt or (MONEY_FORMAT if kind is CellKind.MONEY else DECIMAL_FORMAT)

        def number(value: object) -> object:
            converted = plain(value)
            if converted.__class__ in (int, float) or hasattr(converted, "is_finite"):
                return cells.make(converted, "n", number_format)
            return converted

        return number
    return plain


def _shown_width(value: object, kind: CellKind) -> int:
    """Roughly how wide `value` shows, for estimating a column's width."""
    if value is None:
        return 0
    if isinstance(value, date):  # 2026年11月25日 / 2026-11-25 09:30
        return 14 if kind is CellKind.DATE or not isinstance(value, datetime) else 16
    if isinstance(value, bool):
        return 2
    if isinstance(value, float) and kind is CellKind.DECIMAL:
        return len(f"{value:.1f}")
    return display_width(str(value)[:200])


def _column_width(column: SheetColumn, sample: Sequence[Sequence[object]], index: int) -> float:
    if column.width is not None:
        return column.width
    shown = max(
        (_shown_width(row[index], column.kind) for row in sample if index < len(row)), default=0
    )
    # Room for the bold header and the filter button.
    wanted = max(display_width(column.header) * 1.1 + 4, shown + 2)
    return round(min(max(wanted, MIN_WIDTH), MAX_WIDTH), 1)


def sheet_title(base: str, number: int = 1) -> str:
    """An allowed sheet name (31 characters, no []:*?/\\): `base`, then `base (2)`…"""
    base = _BAD_TITLE.sub("_", base).strip("'") or "数据"
    suffix = "" if number == 1 else f" ({number})"
    return base[: 31 - len(suffix)] + suffix


# ---------------------------------------------------------------------------------------------
# Streaming sheets


class _SheetStream:
    """Write-only sheets of one table: header, freeze, filter and widths; overflow to new sheets."""

    def __init__(
        self,
        workbook: Workbook,
        title: str,
        columns: Sequence[SheetColumn],
        widths: Sequence[float],
        heading: str | None,
        max_rows_per_sheet: int,
    ) -> None:
        self.header_row = 2 if heading else 1
        if not self.header_row < max_rows_per_sheet <= EXCEL_MAX_ROWS:
            raise ValueError(f"max_rows_per_sheet must be in ({self.header_row}, {EXCEL_MAX_ROWS}]")
        self.workbook = workbook
        self.title = title
        self.columns = columns
        self.widths = widths
        self.heading = heading
        self.capacity = max_rows_per_sheet - self.header_row
        self.names: list[str] = []
        self.rows_in_sheet = self.capacity  # so the first row opens the first sheet
        self.sheet: Any = None
        self.last_column = get_column_letter(len(columns))
        self.cells: _CellMaker
        self.converters: list[Callable[[object], object]] = []

    def _open_sheet(self) -> None:
        self._close_sheet()
        sheet = self.workbook.create_sheet(sheet_title(self.title, len(self.names) + 1))
        self.names.append(sheet.title)
        self.sheet, self.rows_in_sheet = sheet, 0
        self.cells = _CellMaker(sheet)
        self.converters = [_converter(c.kind, self.cells, c.number_format) for c in self.columns]
        for index, width in enumerate(self.widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        # Views and widths go out with the first row of a streamed sheet: set them before it.
        sheet.freeze_panes = f"A{self.header_row + 1}"
        sheet.print_title_rows = f"{self.header_row}:{self.header_row}"
        if self.heading:
            title = self.cells.text(self.heading)
            title.font = Font(bold=True, size=14)
            title.alignment = Alignment(horizontal="center", vertical="center")
            sheet.append([title])
            if len(self.columns) > 1:
                sheet.merged_cells.add(f"A1:{self.last_column}1")
        sheet.append([self._header_cell(c.header) for c in self.columns])

    def _header_cell(self, header: str) -> Cell:
        cell = self.cells.text(header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.border = Border(left=THIN_SIDE, right=THIN_SIDE, top=THIN_SIDE, bottom=THIN_SIDE)
        return cell

    def _close_sheet(self) -> None:
        if self.sheet is not None:
            last_row = self.header_row + self.rows_in_sheet
            self.sheet.auto_filter.ref = f"A{self.header_row}:{self.last_column}{last_row}"

    def convert(self, row: Sequence[object]) -> list[object]:
        if self.rows_in_sheet == self.capacity:
            self._open_sheet()
        return [convert(value) for convert, value in zip(self.converters, row, strict=True)]

    def append(self, converted: list[object]) -> None:
        self.sheet.append(converted)
        self.rows_in_sheet += 1

    def finish(self) -> tuple[str, ...]:
        if self.sheet is None:
            self._open_sheet()
        self._close_sheet()
        return tuple(self.names)


def _widths(columns: Sequence[SheetColumn], sample: Sequence[Sequence[object]]) -> list[float]:
    return [_column_width(column, sample, index) for index, column in enumerate(columns)]


def write_sheet(
    path: Path | str,
    title: str,
    columns: Sequence[SheetColumn],
    rows: Iterable[Sequence[object]],
    *,
    total: int | None = None,
    progress: ProgressCallback | None = None,
    max_rows_per_sheet: int = EXCEL_MAX_ROWS,
    heading: str | None = None,
    after: Callable[[Workbook], None] | None = None,
) -> ExportResult:
    """Stream `rows` into a new workbook at `path` (replaced only when complete).

    `title` names the sheet (“登记记录”, then “登记记录 (2)”… when the rows overflow a sheet);
    `heading`, if given, is a merged title line above the header. `progress(done, total)` is
    told every 1,000 rows and cancels by returning False (Cancelled; no file is left). `after`
    may add to the (write-only) workbook once the rows are in: a sheet with a chart's picture.
    """
    path = Path(path)
    if total is None:
        total = len(rows) if isinstance(rows, Sized) else 0
    iterator = iter(rows)
    sample = list(islice(iterator, WIDTH_SAMPLE_ROWS))
    widths = _widths(columns, sample)
    done = 0
    names: tuple[str, ...] = ()

    def fill(workbook: Workbook) -> None:
        nonlocal done, names
        stream = _SheetStream(workbook, title, columns, widths, heading, max_rows_per_sheet)
        report_progress(progress, 0, total)
        for row in chain(sample, iterator):
            stream.append(stream.convert(row))
            done += 1
            if done % PROGRESS_EVERY == 0:
                report_progress(progress, done, max(total, done))
        names = stream.finish()
        if after is not None:
            after(workbook)
        report_progress(progress, done, max(total, done))

    save_atomically(path, fill, write_only=True)
    return ExportResult(path, done, names)


def write_error_workbook(
    path: Path | str, headers: Sequence[str], rows: Iterable[ErrorRow], *, title: str = "错误记录"
) -> None:
    """The rejected rows of an import: original columns, 原行号 and 错误原因, bad cells in red."""
    width = len(headers)
    columns = [SheetColumn(f"column_{i}", h) for i, h in enumerate(headers)] + [
        SheetColumn("row_number", ROW_NUMBER_HEADER, CellKind.INTEGER),
        SheetColumn("reason", REASON_HEADER, width=40),
    ]

    def padded(error: ErrorRow) -> list[object]:
        values = list(error.values)[:width]
        return [*values, *([None] * (width - len(values))), error.row_number, error.reason]

    iterator = iter(rows)
    sample = list(islice(iterator, WIDTH_SAMPLE_ROWS))
    widths = _widths(columns, [padded(e) for e in sample])
    reason_font = Font(color="9C0006")

    def fill(workbook: Workbook) -> None:
        stream = _SheetStream(workbook, title, columns, widths, None, EXCEL_MAX_ROWS)
        for error in chain(sample, iterator):
            converted = stream.convert(padded(error))
            for index in error.bad_columns:
                if 0 <= index < width:
                    converted[index] = stream.cells.highlighted(converted[index])
            reason = converted[-1]
            if isinstance(reason, str):
                reason = converted[-1] = stream.cells.make(reason, "s")
            if isinstance(reason, Cell):
                reason.font = reason_font
            stream.append(converted)
        stream.finish()

    save_atomically(Path(path), fill, write_only=True)
