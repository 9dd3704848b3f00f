"""Streaming one worksheet's XML: every row holding something, its values as Excel shows them,
the columns computed by formulas, and the merged ranges — with hard limits on what is parsed.

The sheet XML is streamed here with lxml rather than through openpyxl's read-only worksheet:
that mode does not expose merged cells, cannot say how many bytes it has decompressed, keeps the
attributes of every row with a height or a style, and builds a cell object per cell (100,000
rows × 12 columns: openpyxl 9.3 s, this reader 4.2 s keeping every row). openpyxl still supplies
the number-format rules (which formats are dates) and the Excel serial conversion.
xlsx_reading.py finds the header and the data rows in what this returns.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from lxml import etree
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import from_excel

from jinsha_desktop.domain.errors import ProgressCallback, report_progress
from jinsha_desktop.domain.sheets import CellValue, cell_reference
from jinsha_desktop.reports import xlsx_package
from jinsha_desktop.reports.xlsx_package import (
    DAMAGED,
    DURATION,
    MAIN_NAMESPACES,
    NUMBER,
    CappedReader,
    Tags,
    WorkbookParts,
    WorkbookProblem,
    forget,
    iterparse,
    string_item,
    tags_of,
)

# ---------------------------------------------------------------- limits
# Excel's own maximum is 1,048,576 rows; more data rows than that is no spreadsheet.
MAX_DATA_ROWS = 1_100_000
MAX_COLUMNS = 500
# Filling merged cells is bounded too: a hostile sheet could merge the whole grid many times.
MAX_MERGED_RANGES = 100_000
MAX_MERGE_FILLS = 20_000_000
# Stored cells (rows × their width) are bounded as well: a sparse sheet with one value far to the
# right of every row would otherwise cost hundreds of slots per row.
MAX_CELLS = 20_000_000
# One row's XML: 500 columns of long text fit easily; a hostile row of millions of tiny cells is
# refused before its tree (about 150 bytes a node in libxml2) fills the memory.
MAX_ROW_XML_BYTES = 2 * 1024 * 1024
# After this many blank rows in a row, the rest of the sheet is searched as bytes (see
# _skim_blank_rows): a sheet formatted down to row 1,048,576 is read in a second, not in ten.
BLANK_ROWS_BEFORE_SKIMMING = 2_000
HEADER_SEARCH_ROWS = 30
PROGRESS_EVERY_ROWS = 1_000

# ---------------------------------------------------------------- the sheet

# Worksheet parts that come after <mergeCells> (ECMA-376 schema order): reaching one means
# everything needed has been read, and the rest (hyperlinks, validations…) is never built.
_AFTER_MERGES = (
    "phoneticPr",
    "cfRule",
    "dataValidation",
    "hyperlink",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "brk",
    "drawing",
    "legacyDrawing",
    "tablePart",
    "ignoredError",
)


class RawRow:
    __slots__ = ("number", "values", "formulas", "filled")

    def __init__(self, number: int) -> None:
        self.number = number
        self.values: list[CellValue] = []
        self.formulas: set[int] = set()
        self.filled: set[int] | None = None
        """Columns given the value of a merged range above (not the row's own)."""

    def put(self, column: int, value: CellValue, formula: bool) -> None:
        """Set the value of a 0-based column from a merged range."""
        if self.filled is None:
            self.filled = set()
        if column >= len(self.values) or self.values[column] is None:
            self.filled.add(column)
        missing = column - len(self.values)
        if missing >= 0:
            self.values.extend([None] * missing)
            self.values.append(value)
        else:
            self.values[column] = value
        if formula:
            self.formulas.add(column)


@dataclass
class SheetScan:
    rows: list[RawRow]  # rows holding a value or a formula, in row order
    merges: list[tuple[int, int, int, int]]  # first column, first row, last column, last row
    max_column: int  # 1-based, of any value


_COLUMN_NUMBERS: dict[str, int] = {}
_DIGITS = "0123456789"


def _column_number(reference: str) -> int:
    """1-based column of a cell reference ("AB12" → 28)."""
    letters = reference.rstrip(_DIGITS).lstrip("$").rstrip("$")
    number = _COLUMN_NUMBERS.get(letters)
    if number is None:
        if not letters.isascii() or not letters.isalpha() or len(letters) > 3:
            raise WorkbookProblem(DAMAGED)
        number = 0
        for letter in letters.upper():
            number = number * 26 + ord(letter) - 64
        _COLUMN_NUMBERS[letters] = number
    return number


def _row_number(row: etree._Element, previous: int) -> int:
    text = row.get("r")
    if text is None:
        return previous + 1
    try:
        return int(text)
    except ValueError:
        raise WorkbookProblem(DAMAGED) from None


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            raise WorkbookProblem(DAMAGED) from None


class CellReader:
    """Turns a <c> element into its value, as Excel shows it."""

    def __init__(self, strings: list[str], kinds: list[int], epoch: datetime) -> None:
        self.strings = strings
        self.kinds = kinds
        self.epoch = epoch

    def read(self, cell: etree._Element, tags: Tags) -> tuple[CellValue, bool]:
        """(value, whether a formula computes it)."""
        text: str | None = None
        inline: str | None = None
        formula = False
        for child in cell:
            tag = child.tag
            if tag == tags.v:
                # a formula's cached empty text is <v/>; a formula saved with no value (openpyxl,
                # some converters) has no <v> or an empty one of another type: None
                text = child.text if child.text is not None or cell.get("t") != "str" else ""
            elif tag == tags.f:
                formula = True
            elif tag == tags.is_:
                inline = string_item(child, tags)
        kind = cell.get("t")
        if kind == "inlineStr":
            return inline, formula
        if text is None:
            return None, formula
        if kind is None or kind == "n":
            return self._number(text, cell.get("s")), formula
        if kind == "s":
            try:
                return self.strings[int(text)], formula
            except (ValueError, IndexError):
                raise WorkbookProblem(DAMAGED) from None
        if kind == "b":
            return text.strip() in ("1", "true"), formula
        if kind == "d":
            try:
                return datetime.fromisoformat(text), formula
            except ValueError:
                return text, formula
        return text, formula  # "str" (a formula's text) and "e" (an error such as #N/A)

    def _number(self, text: str, style: str | None) -> CellValue:
        number = _number(text)
        if style and style != "0":
            try:
                kind = self.kinds[int(style)]
            except (ValueError, IndexError):
                kind = NUMBER
            if kind != NUMBER:
                try:
                    converted: CellValue = from_excel(
                        number, self.epoch, timedelta=kind == DURATION
                    )
                    return converted
                except (ValueError, OverflowError):
                    return number
        return number


def scan_sheet(
    book: WorkbookParts,
    part: str,
    cells: CellReader,
    progress: ProgressCallback | None,
    keep_going: Callable[[list[RawRow]], bool] | None,
    skim_after: int | None = BLANK_ROWS_BEFORE_SKIMMING,
) -> SheetScan | None:
    """Every row holding something, and the merged ranges, in one streaming pass over the sheet.

    `keep_going` looks at the first rows holding something; None is returned when it says no.
    After `skim_after` blank rows in a row, the rest is skimmed (see `_skim_blank_rows`); should
    a value turn up there after all, the sheet is read again in full.
    """
    wanted = {"row", "mergeCell", "mergeCells", *_AFTER_MERGES}
    local_names = {f"{{{ns}}}{name}": name for ns in MAIN_NAMESPACES for name in wanted}
    rows: list[RawRow] = []
    merges: list[tuple[int, int, int, int]] = []
    number = max_column = rows_seen = stored_cells = blank_run = 0
    size = book.archive.getinfo(part).file_size
    asked = keep_going is None
    tags: Tags | None = None
    content_after_blank_rows = False
    with book.archive.open(part) as raw:
        source = CappedReader(
            raw, xlsx_package.MAX_UNCOMPRESSED_BYTES, MAX_ROW_XML_BYTES, keep_recent=True
        )
        for element in iterparse(source, local_names):
            name = local_names[element.tag]
            if name == "row":
                number = _row_number(element, number)
                rows_seen += 1
                if len(element):  # cells, perhaps only styled empty ones
                    tags = tags or tags_of(element)
                    row = _read_row(element, number, cells, tags)
                    if row is not None:
                        rows.append(row)
                        max_column = max(max_column, len(row.values))
                        stored_cells += len(row.values)
                        blank_run = -1
                blank_run += 1
                forget(element)
                source.mark()
                if skim_after is not None and blank_run >= skim_after:
                    tail = _skim_blank_rows(source, progress, rows_seen, size)
                    content_after_blank_rows = tail is None
                    for reference in tail or ():
                        _add_merge(merges, reference)
                    break
                if len(rows) > MAX_DATA_ROWS or stored_cells > MAX_CELLS:
                    raise WorkbookProblem(
                        f"工作表太大（超过 {MAX_DATA_ROWS:,} 行或 {MAX_CELLS:,} 个单元格），"
                        "请把数据分成几个文件分批导入。"
                    )
                if not asked and len(rows) >= HEADER_SEARCH_ROWS:
                    asked = True
                    if keep_going is not None and not keep_going(rows):
                        return None
                if rows_seen % PROGRESS_EVERY_ROWS == 0:
                    estimate = rows_seen * size // max(source.count, 1)
                    report_progress(progress, rows_seen, max(estimate, rows_seen))
            elif name == "mergeCell":
                _add_merge(merges, element.get("ref", ""))
                element.clear()
                source.mark()
            else:  # the end of <mergeCells>, or a part that only comes after it
                break
    if content_after_blank_rows:  # read everything again, the slow way
        return scan_sheet(book, part, cells, progress, keep_going, skim_after=None)
    if not asked and keep_going is not None and not keep_going(rows):
        return None
    report_progress(progress, rows_seen, rows_seen)
    if any(a.number >= b.number for a, b in zip(rows, rows[1:], strict=False)):
        rows.sort(key=lambda row: row.number)  # Excel writes rows in order; others may not
    return SheetScan(rows, merges, max_column)


_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
# Every cell holding something has one of these children: a value, a formula, an inline string.
_CONTENT_TAG = re.compile(_PREFIX + rb"(?:v|f|is)[\s/>]")
_SHEET_DATA_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sheetData\s*>")
_MERGE_REFERENCE = re.compile(_PREFIX + rb"mergeCell\s[^>]*?\bref\s*=\s*[\"']([^\"'<>]{1,40})[\"']")
_SKIM_CHUNK = 1024 * 1024


def _skim_blank_rows(
    source: CappedReader, progress: ProgressCallback | None, rows_seen: int, size: int
) -> list[str] | None:
    """The rest of a sheet after many blank rows, read as bytes rather than parsed: the merged
    ranges found after the rows, or None as soon as any cell content turns up.

    A sheet formatted "to the bottom" holds a million rows of styled empty cells; parsing them
    takes seconds, searching their bytes for a value or a formula takes a fraction of that. The
    bytes the parser had read but not reported yet are searched too.
    """
    source.span_limit = None
    pending = b"".join(source.recent or ())
    source.recent = None
    references: list[str] = []
    in_rows = True
    while True:
        if in_rows:
            end = _SHEET_DATA_END.search(pending)
            if _CONTENT_TAG.search(pending if end is None else pending[: end.start()]):
                return None
            if end is not None:
                in_rows, pending = False, pending[end.end() :]
                continue
            rows_seen += pending.count(b"<row")
            pending = pending[-64:]
        else:
            last = 0
            for match in _MERGE_REFERENCE.finditer(pending):
                references.append(match.group(1).decode("ascii", "replace"))
                last = match.end()
            cut = pending.rfind(b"<", last)
            pending = pending[cut:] if cut >= 0 and len(pending) - cut < 4096 else b""
        chunk = source.read(_SKIM_CHUNK)
        if not chunk:
            break
        pending += chunk
        estimate = rows_seen * size // max(source.count, 1)
        report_progress(progress, rows_seen, max(estimate, rows_seen))
    if in_rows:
        raise WorkbookProblem(DAMAGED)  # the sheet's XML ends inside its rows
    return references


def _read_row(element: etree._Element, number: int, cells: CellReader, tags: Tags) -> RawRow | None:
    """The values of a <row>, or None when it holds nothing (only styled empty cells)."""
    values: list[CellValue] = []
    formulas: set[int] = set()
    known = _COLUMN_NUMBERS
    column = 0  # 1-based column of the last cell; -1 while it is only known from `reference`
    reference: str | None = None
    for cell in element:
        own = cell.get("r")
        if not len(cell):  # no value, no formula: a cell that only carries a style
            if own is None:
                column = _column_number(reference) + 1 if column < 0 and reference else column + 1
            else:
                column, reference = -1, own
            continue
        if own is not None:
            column = known.get(own.rstrip(_DIGITS)) or _column_number(own)
        elif column < 0 and reference:
            column = _column_number(reference) + 1
        else:
            column += 1
        value, formula = cells.read(cell, tags)
        if formula:
            formulas.add(column - 1)
        elif value is None or (isinstance(value, str) and not value.strip()):
            continue
        if column > MAX_COLUMNS:
            raise WorkbookProblem(
                f"单元格 {cell_reference(number, column - 1)} 有内容：表格超过了 "
                f"{MAX_COLUMNS} 列。请删除多余的列后再导入。"
            )
        missing = column - 1 - len(values)
        if missing == 0:
            values.append(value)
        elif missing > 0:
            values.extend([None] * missing)
            values.append(value)
        else:
            values[column - 1] = value
    if not values:
        return None
    row = RawRow(number)
    row.values, row.formulas = values, formulas
    return row


def _add_merge(merges: list[tuple[int, int, int, int]], reference: str) -> None:
    if len(merges) >= MAX_MERGED_RANGES:
        raise WorkbookProblem(
            f"工作表中的合并单元格超过 {MAX_MERGED_RANGES:,} 处，请取消合并后再导入。"
        )
    try:
        first_column, first_row, last_column, last_row = range_boundaries(reference)
    except (ValueError, TypeError):
        return  # a range Excel would not write; the cells keep their own values
    if None in (first_column, first_row, last_column, last_row):
        return
    assert first_column and first_row and last_column and last_row
    if (first_column, first_row) != (last_column, last_row):
        merges.append((first_column, first_row, last_column, last_row))


def fill_merges(scan: SheetScan) -> None:
    """Give every cell of a merged range the value of its top-left cell, as Excel shows it.

    Only rows holding something of their own are filled: a merged range over empty rows does
    not make records.
    """
    numbers = [row.number for row in scan.rows]
    by_number = {row.number: row for row in scan.rows}
    budget = MAX_MERGE_FILLS
    for first_column, first_row, last_column, last_row in scan.merges:
        top = by_number.get(first_row)
        if top is None or first_column > len(top.values):
            continue
        value = top.values[first_column - 1]
        formula = first_column - 1 in top.formulas
        if value is None and not formula:
            continue
        last_column = min(last_column, max(scan.max_column, first_column))
        start, end = bisect_left(numbers, first_row), bisect_right(numbers, last_row)
        budget -= (end - start) * (last_column - first_column + 1)
        if budget < 0:
            raise WorkbookProblem("工作表中的合并单元格过多，请取消合并后再导入。")
        for row in scan.rows[start:end]:
            for column in range(first_column - 1, last_column):
                row.put(column, value, formula)
