"""Reading an office's .xlsx sheet for an importer: tolerant of mess, safe against hostile files.

`check_workbook_file` (xlsx_package.py) looks at the bytes before any XML is parsed and refuses,
with a message saying what to do, an encrypted workbook, an old .xls, a file that is no workbook,
a damaged file and a decompression bomb. `read_sheet` then finds the header row under title
rows, fills merged cells, skips blank rows and hands back every data row with its Excel row
number, its original values and the columns holding formulas.

The sheet XML is streamed here with lxml rather than through openpyxl's read-only worksheet:
that mode does not expose merged cells, cannot say how many bytes it has decompressed, keeps the
attributes of every row with a height or a style, and builds a cell object per cell (100,000
rows × 12 columns: openpyxl 9.3 s, this reader 4.2 s keeping every row). openpyxl still supplies
the number-format rules (which formats are dates) and the Excel serial conversion.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path

from lxml import etree
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel

from jinsha_desktop.domain.errors import ProgressCallback, report_progress
from jinsha_desktop.domain.loose_values import cell_text
from jinsha_desktop.domain.text import to_halfwidth
from jinsha_desktop.reports import xlsx_package
from jinsha_desktop.reports.xlsx_package import (  # noqa: F401 (re-exported)
    DAMAGED,
    DURATION,
    MAIN_NAMESPACES,
    NUMBER,
    CappedReader,
    SheetEntry,
    Tags,
    WorkbookParts,
    WorkbookProblem,
    check_workbook_file,
    forget,
    iterparse,
    open_workbook,
    shared_strings,
    sheet_names,
    string_item,
    style_kinds,
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

CellValue = str | int | float | bool | datetime | time | timedelta | None


# ---------------------------------------------------------------- the table


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One data row: its Excel row number, its values aligned with the headers, and the columns
    (0-based) whose value comes from a formula."""

    number: int
    values: tuple[CellValue, ...]
    formula_columns: tuple[int, ...] = ()


@dataclass(frozen=True)
class SheetTable:
    """The data rows of one sheet under its header row; blank rows are left out."""

    sheet_name: str
    header_row: int
    headers: tuple[str, ...]
    rows: list[SheetRow]
    header_synonyms: Mapping[str, Sequence[str]] = field(default_factory=dict, repr=False)
    skipped_rows: tuple[int, ...] = ()
    """Excel row numbers under the header that are not data: a row holding only its serial
    number, footer lines (合计, 填表人, 审核人, 日期…)."""

    def propose_mapping(self) -> dict[int, str]:
        """Column index → field key, by the synonyms the sheet was read with."""
        return propose_mapping(self.headers, self.header_synonyms)

    def cell_name(self, row: SheetRow, column: int) -> str:
        """Where a value is, as Excel names it ("C12"), for messages."""
        return cell_reference(row.number, column)


def cell_reference(row_number: int, column: int) -> str:
    """Excel's name of a cell from a 1-based row and a 0-based column: (12, 2) → "C12"."""
    return f"{get_column_letter(column + 1)}{row_number}"


# ---------------------------------------------------------------- headers

_MARKERS = re.compile(
    r"[\(\[【<《]\s*(?:必填|选填|可选|非必填|必须|可不填|可空)\s*[\)\]】>》]|[*※★:]"
)
_BRACKETED = re.compile(r"[\(\[【<《][^\)\]】>》]*[\)\]】>》]")
_INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


def normalize_header(text: object) -> str:
    """A header as compared: half-width, no spaces or line breaks, no "*" or "（必填）" markers."""
    if text is None:
        return ""
    plain = _INVISIBLE.sub("", to_halfwidth(str(text)))
    return _MARKERS.sub("", plain).lower()


def _match_rank(header: str, synonyms: Iterable[str]) -> tuple[int, int] | None:
    """(rank, -length of the synonym) of the best way `header` names a field; lower is better:
    0 the same words, 1 the same once notes in brackets are dropped, 2 the header contains it."""
    best: tuple[int, int] | None = None
    without_notes = _BRACKETED.sub("", header)
    for synonym in synonyms:
        if not synonym:
            continue
        if header == synonym:
            rank = 0
        elif without_notes == synonym:
            rank = 1
        elif synonym in header:
            rank = 2
        else:
            continue
        candidate = (rank, -len(synonym))
        if best is None or candidate < best:
            best = candidate
    return best


def _normalized_synonyms(header_synonyms: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    return {key: [normalize_header(s) for s in words] for key, words in header_synonyms.items()}


def propose_mapping(
    headers: Sequence[object], header_synonyms: Mapping[str, Sequence[str]]
) -> dict[int, str]:
    """Column index → field key. An exact match beats a header in brackets, which beats a header
    containing a synonym (a longer synonym winning); a field gets one column, a column one
    field, the leftmost column on a tie; columns naming no field are left out."""
    synonyms = _normalized_synonyms(header_synonyms)
    candidates: list[tuple[tuple[int, int], int, int, str]] = []
    for order, key in enumerate(synonyms):
        for column, text in enumerate(headers):
            header = normalize_header(text)
            rank = _match_rank(header, synonyms[key]) if header else None
            if rank is not None:
                candidates.append((rank, column, order, key))
    mapping: dict[int, str] = {}
    for _rank, column, _order, key in sorted(candidates):
        if column not in mapping and key not in mapping.values():
            mapping[column] = key
    return dict(sorted(mapping.items()))


def _header_score(
    values: Sequence[CellValue], synonyms: Mapping[str, list[str]]
) -> tuple[int, int]:
    """(fields named, of them exactly) by one row, each cell naming at most one field: a title
    that mentions 姓名、身份证号 in one sentence names one at most."""
    named: dict[str, int] = {}
    for value in values:
        header = normalize_header(value) if isinstance(value, str) else ""
        if not header or len(header) > 30:  # a title sentence is not a column name
            continue
        ranked = [
            (match, key)
            for key, words in synonyms.items()
            if (match := _match_rank(header, words)) is not None
        ]
        if ranked:
            (rank, _length), key = min(ranked)
            named[key] = min(named.get(key, rank), rank)
    return len(named), sum(1 for rank in named.values() if rank == 0)


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


class _RawRow:
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
class _Scan:
    rows: list[_RawRow]  # rows holding a value or a formula, in row order
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


class _CellReader:
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


def _scan_sheet(
    book: WorkbookParts,
    part: str,
    cells: _CellReader,
    progress: ProgressCallback | None,
    keep_going: Callable[[list[_RawRow]], bool] | None,
    skim_after: int | None = BLANK_ROWS_BEFORE_SKIMMING,
) -> _Scan | None:
    """Every row holding something, and the merged ranges, in one streaming pass over the sheet.

    `keep_going` looks at the first rows holding something; None is returned when it says no.
    After `skim_after` blank rows in a row, the rest is skimmed (see `_skim_blank_rows`); should
    a value turn up there after all, the sheet is read again in full.
    """
    wanted = {"row", "mergeCell", "mergeCells", *_AFTER_MERGES}
    local_names = {f"{{{ns}}}{name}": name for ns in MAIN_NAMESPACES for name in wanted}
    rows: list[_RawRow] = []
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
        return _scan_sheet(book, part, cells, progress, keep_going, skim_after=None)
    if not asked and keep_going is not None and not keep_going(rows):
        return None
    report_progress(progress, rows_seen, rows_seen)
    if any(a.number >= b.number for a, b in zip(rows, rows[1:], strict=False)):
        rows.sort(key=lambda row: row.number)  # Excel writes rows in order; others may not
    return _Scan(rows, merges, max_column)


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


def _read_row(
    element: etree._Element, number: int, cells: _CellReader, tags: Tags
) -> _RawRow | None:
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
    row = _RawRow(number)
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


def _fill_merges(scan: _Scan) -> None:
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


# ---------------------------------------------------------------- reading a sheet


def read_sheet(
    path: str | Path,
    header_synonyms: Mapping[str, Sequence[str]],
    *,
    sheet_name: str | None = None,
    progress: ProgressCallback | None = None,
) -> SheetTable:
    """The data rows of a sheet under its header row.

    `header_synonyms` maps each field key to the column names that mean it ("id_number":
    ["身份证号", "身份证号码", "证件号码"]). The sheet is `sheet_name`, else the first visible
    sheet whose first rows hold a header naming at least two fields. Merged cells are filled,
    blank rows skipped. WorkbookProblem when the file cannot be read or no header is found;
    Cancelled when `progress` answers False.
    """
    if not header_synonyms:
        raise ValueError("read_sheet needs at least one field with its header synonyms")
    synonyms = _normalized_synonyms(header_synonyms)
    needed = min(2, len(synonyms))
    book = open_workbook(Path(path))
    with book.archive:
        entries = _sheets_to_try(book, sheet_name)
        try:
            cells = _CellReader(shared_strings(book), style_kinds(book), book.epoch)
            for entry in entries:
                probe = None if sheet_name else _probe(synonyms, needed)
                scan = _scan_sheet(book, entry.part, cells, progress, probe)
                if scan is None:
                    continue
                table = _table(entry.name, scan, synonyms, needed, header_synonyms)
                if table is not None:
                    return table
        except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError):
            raise WorkbookProblem(DAMAGED) from None
    where = f"工作表“{sheet_name}”" if sheet_name else "各个工作表"
    examples = "、".join(f"“{words[0]}”" for words in header_synonyms.values() if words)
    raise WorkbookProblem(
        f"在{where}的前 {HEADER_SEARCH_ROWS} 行中没有找到表头。表头一行应至少包含以下列名中的"
        f" {needed} 个：{examples}。请确认选对了文件和工作表。"
    )


def _sheets_to_try(book: WorkbookParts, sheet_name: str | None) -> list[SheetEntry]:
    if not book.sheets:
        raise WorkbookProblem("工作簿中没有工作表。")
    if sheet_name is None:
        return [sheet for sheet in book.sheets if sheet.visible]
    wanted = normalize_header(sheet_name)
    for sheet in book.sheets:
        if sheet.name == sheet_name or normalize_header(sheet.name) == wanted:
            return [sheet]
    existing = "、".join(f"“{sheet.name}”" for sheet in book.sheets)
    raise WorkbookProblem(f"工作簿中没有名为“{sheet_name}”的工作表（现有：{existing}）。")


def _probe(synonyms: Mapping[str, list[str]], needed: int) -> Callable[[list[_RawRow]], bool]:
    """Whether a sheet's first rows name enough fields to be worth reading to the end."""

    def keep_going(rows: list[_RawRow]) -> bool:
        named: set[str] = set()
        for row in rows[:HEADER_SEARCH_ROWS]:
            for value in row.values:
                header = normalize_header(value) if isinstance(value, str) else ""
                if header and len(header) <= 30:
                    named.update(k for k, words in synonyms.items() if _match_rank(header, words))
        return len(named) >= needed

    return keep_going


def _table(
    name: str,
    scan: _Scan,
    synonyms: Mapping[str, list[str]],
    needed: int,
    header_synonyms: Mapping[str, Sequence[str]],
) -> SheetTable | None:
    _fill_merges(scan)
    best: _RawRow | None = None
    best_score = (needed - 1, 0)
    for row in scan.rows[:HEADER_SEARCH_ROWS]:
        score = _header_score(row.values, synonyms)
        if score > best_score:
            best, best_score = row, score
    if best is None:
        return None
    # A header cell merged down over two rows (a two-level header) ends the header lower.
    header_end = max(
        [best.number]
        + [
            last_row
            for _c, first_row, _l, last_row in scan.merges
            if first_row <= best.number <= last_row
        ]
    )
    serial_columns = {
        n for n, value in enumerate(best.values) if normalize_header(value) in SERIAL_HEADERS
    }
    data: list[_RawRow] = []
    skipped: list[int] = []
    for row in scan.rows:
        if row.number > header_end:
            (data if _is_data(row, serial_columns) else skipped).append(row)
    width = max([len(best.values)] + [len(row.values) for row in data])
    headers = tuple(_header_text(value) for value in best.values) + ("",) * (
        width - len(best.values)
    )
    rows: list[SheetRow] = []
    no_formulas: tuple[int, ...] = ()
    for row in data:
        values, row.values = row.values, []  # freed as we go: the peak stays near one copy
        values.extend([None] * (width - len(values)))
        formulas = tuple(sorted(row.formulas)) if row.formulas else no_formulas
        rows.append(SheetRow(row.number, tuple(values), formulas))
    return SheetTable(
        name, best.number, headers, rows, header_synonyms, tuple(r.number for r in skipped)
    )


# ---------------------------------------------------------------- rows that are not data

SERIAL_HEADERS = frozenset(("", "序号", "序", "编号", "顺序号", "no", "no.", "行号"))
"""Headers of a column numbering the rows ("" too: a number left of the table)."""
FOOTER_WORDS = (
    "合计|总计|小计|共计",
    "负责人|单位负责人|主要负责人|填表人|填报人|制表人|统计人|审核人|审批人|经办人|联系人"
    "|签字|签名|盖章|日期|填表日期|填报日期|制表日期|统计日期|报送日期|注|备注|说明",
)
# A total may run on ("合计52人"); a signature or date line is the word then a colon or nothing
# ("填表人：王芳", "日期："), so a name that merely starts with such a character is still data.
_FOOTER = re.compile(rf"(?:{FOOTER_WORDS[0]})|(?:{FOOTER_WORDS[1]})(?::|$)")
_FOOTER_STARTS = frozenset(word[0] for words in FOOTER_WORDS for word in words.split("|"))
EXCEL_ERRORS = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")
)
_SERIAL_LIMIT = 1_000_000


def _is_data(row: _RawRow, serial_columns: set[int]) -> bool:
    """Whether a row under the header is a record, not a line around one.

    Not data: a row holding only its serial number (rosters are numbered in advance, often with
    formulas dragged down whose results are empty or an error such as #VALUE!), a value that
    only comes from a merged range, and a footer line: 合计…, 填表人：, 审核人：, 日期：….
    """
    filled = row.filled or ()
    for column, value in enumerate(row.values):  # up to the first value of the row's own
        if column in filled or _holds_nothing(value):
            continue
        if column in serial_columns and _is_serial(value):
            continue
        if not isinstance(value, str) or value.lstrip()[:1] not in _FOOTER_STARTS:
            return True  # the common case, decided without normalising the text
        return not _FOOTER.match(_INVISIBLE.sub("", to_halfwidth(value)))
    return False


def _holds_nothing(value: CellValue) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or value.strip() in EXCEL_ERRORS
    return False


def _is_serial(value: CellValue) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return float(value).is_integer() and 0 < value < _SERIAL_LIMIT
    return isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 6


def _header_text(value: CellValue) -> str:
    if isinstance(value, str):
        return value.strip()
    return cell_text(value)
