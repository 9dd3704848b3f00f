"""Reading an office's .xlsx sheet for an importer: tolerant of mess, safe against hostile files.

`check_workbook_file` (xlsx_package.py) looks at the bytes before any XML is parsed and refuses,
with a message saying what to do, an encrypted workbook, an old .xls, a file that is no workbook,
a damaged file and a decompression bomb. `read_sheet` then streams the sheet (xlsx_scan.py),
finds the header row under title rows, fills merged cells, skips blank rows and hands back every
data row with its Excel row number, its original values and the columns holding formulas, as a
plain `SheetTable` (domain/sheets.py) that the import services work on.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from lxml import etree

from jinsha_desktop.domain.errors import ProgressCallback
from jinsha_desktop.domain.loose_values import cell_text
from jinsha_desktop.domain.sheets import (
    EXCEL_ERRORS,
    INVISIBLE,
    CellValue,
    SheetRow,
    SheetTable,
    match_rank,
    normalize_header,
    normalized_synonyms,
)
from jinsha_desktop.domain.text import to_halfwidth
from jinsha_desktop.reports.xlsx_package import (  # noqa: F401 (re-exported)
    DAMAGED,
    SheetEntry,
    WorkbookParts,
    WorkbookProblem,
    check_workbook_file,
    open_workbook,
    shared_strings,
    sheet_names,
    style_kinds,
)
from jinsha_desktop.reports.xlsx_scan import (
    HEADER_SEARCH_ROWS,
    CellReader,
    RawRow,
    SheetScan,
    fill_merges,
    scan_sheet,
)


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
            if (match := match_rank(header, words)) is not None
        ]
        if ranked:
            (rank, _length), key = min(ranked)
            named[key] = min(named.get(key, rank), rank)
    return len(named), sum(1 for rank in named.values() if rank == 0)


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
    synonyms = normalized_synonyms(header_synonyms)
    needed = min(2, len(synonyms))
    book = open_workbook(Path(path))
    with book.archive:
        entries = _sheets_to_try(book, sheet_name)
        try:
            cells = CellReader(shared_strings(book), style_kinds(book), book.epoch)
            for entry in entries:
                probe = None if sheet_name else _probe(synonyms, needed)
                scan = scan_sheet(book, entry.part, cells, progress, probe)
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


def read_sheets(
    path: str | Path,
    header_synonyms: Mapping[str, Sequence[str]],
    *,
    progress: ProgressCallback | None = None,
) -> list[SheetTable]:
    """Every visible sheet with a header (`read_sheet`'s rules), in the workbook's order: a
    workbook with a sheet per compound. WorkbookProblem when no sheet has a header."""
    synonyms = normalized_synonyms(header_synonyms)
    needed = min(2, len(synonyms))
    book = open_workbook(Path(path))
    tables: list[SheetTable] = []
    with book.archive:
        try:
            cells = CellReader(shared_strings(book), style_kinds(book), book.epoch)
            for entry in _sheets_to_try(book, None):
                scan = scan_sheet(book, entry.part, cells, progress, _probe(synonyms, needed))
                if scan is None:
                    continue
                table = _table(entry.name, scan, synonyms, needed, header_synonyms)
                if table is not None and table.rows:
                    tables.append(table)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError):
            raise WorkbookProblem(DAMAGED) from None
    if not tables:
        return [read_sheet(path, header_synonyms, progress=progress)]  # its message, or no rows
    return tables


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


def _probe(synonyms: Mapping[str, list[str]], needed: int) -> Callable[[list[RawRow]], bool]:
    """Whether a sheet's first rows name enough fields to be worth reading to the end."""

    def keep_going(rows: list[RawRow]) -> bool:
        named: set[str] = set()
        for row in rows[:HEADER_SEARCH_ROWS]:
            for value in row.values:
                header = normalize_header(value) if isinstance(value, str) else ""
                if header and len(header) <= 30:
                    named.update(k for k, words in synonyms.items() if match_rank(header, words))
        return len(named) >= needed

    return keep_going


def _table(
    name: str,
    scan: SheetScan,
    synonyms: Mapping[str, list[str]],
    needed: int,
    header_synonyms: Mapping[str, Sequence[str]],
) -> SheetTable | None:
    fill_merges(scan)
    best: RawRow | None = None
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
    data: list[RawRow] = []
    skipped: list[RawRow] = []
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
_SERIAL_LIMIT = 1_000_000


def _is_data(row: RawRow, serial_columns: set[int]) -> bool:
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
        return not _FOOTER.match(INVISIBLE.sub("", to_halfwidth(value)))
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
