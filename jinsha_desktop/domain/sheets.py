"""A sheet as plain data: the table an importer works on, whatever file it was read from.

reports/xlsx_reading.py reads an .xlsx into a `SheetTable`; services/imports cleans and imports
its rows. Nothing here knows openpyxl or a database, so the import services can be called with a
table built in a test, or (later) read from another format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from jinsha_desktop.domain.text import to_halfwidth

CellValue = str | int | float | bool | datetime | time | timedelta | None
"""A cell as Excel shows it: text, a number, a truth value, a date or time, or nothing."""

EXCEL_ERRORS = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")
)
"""The error values a formula can leave in a cell."""


# ---------------------------------------------------------------- cells and columns


def column_letter(number: int) -> str:
    """Excel's letters of a 1-based column: 1 → "A", 28 → "AB"."""
    if number < 1:
        raise ValueError(f"no column {number}")
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """The 1-based column of Excel's letters: "A" → 1, "ab" → 28."""
    if not letters or not letters.isascii() or not letters.isalpha():
        raise ValueError(f"no column {letters!r}")
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def cell_reference(row_number: int, column: int) -> str:
    """Excel's name of a cell from a 1-based row and a 0-based column: (12, 2) → "C12"."""
    return f"{column_letter(column + 1)}{row_number}"


# ---------------------------------------------------------------- the table


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One data row: its Excel row number, its values aligned with the headers, and the columns
    (0-based) whose value comes from a formula."""

    number: int
    values: tuple[CellValue, ...]
    formula_columns: tuple[int, ...] = ()
    sheet: str = ""
    """The sheet it comes from, when a table gathers several (`combine_sheets`)."""
    source_columns: tuple[int | None, ...] | None = None
    """In a gathered table, each column's column in its own sheet (None: filled from the
    sheet's name); None when the columns are the sheet's own."""


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
        """Where a value is, as Excel names it ("C12", "金沙花苑!C12" in a gathered table, where
        a value taken from the sheet's name is 工作表“金沙花苑”)."""
        if row.source_columns is not None and column < len(row.source_columns):
            own = row.source_columns[column]
            if own is None:
                return f"工作表“{row.sheet}”"
            column = own
        where = cell_reference(row.number, column)
        return f"{row.sheet}!{where}" if row.sheet else where


# ---------------------------------------------------------------- headers

_MARKERS = re.compile(
    r"[\(\[【<《]\s*(?:必填|选填|可选|非必填|必须|可不填|可空)\s*[\)\]】>》]|[*※★:]"
)
_BRACKETED = re.compile(r"[\(\[【<《][^\)\]】>》]*[\)\]】>》]")
INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")
"""Spaces, line breaks and the invisible characters pasted text carries."""


def normalize_header(text: object) -> str:
    """A header as compared: half-width, no spaces or line breaks, no "*" or "（必填）" markers."""
    if text is None:
        return ""
    plain = INVISIBLE.sub("", to_halfwidth(str(text)))
    return _MARKERS.sub("", plain).lower()


def match_rank(header: str, synonyms: Iterable[str]) -> tuple[int, int] | None:
    """(rank, -length of the synonym) of the best way a normalized `header` names a field; lower
    is better: 0 the same words, 1 the same once notes in brackets are dropped, 2 the header
    contains it. None when it names none of `synonyms` (normalized too)."""
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


def normalized_synonyms(header_synonyms: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Each field's header names, normalized for `match_rank`."""
    return {key: [normalize_header(s) for s in words] for key, words in header_synonyms.items()}


def propose_mapping(
    headers: Sequence[object], header_synonyms: Mapping[str, Sequence[str]]
) -> dict[int, str]:
    """Column index → field key. An exact match beats a header in brackets, which beats a header
    containing a synonym (a longer synonym winning); a field gets one column, a column one
    field, the leftmost column on a tie; columns naming no field are left out."""
    synonyms = normalized_synonyms(header_synonyms)
    candidates: list[tuple[tuple[int, int], int, int, str]] = []
    for order, key in enumerate(synonyms):
        for column, text in enumerate(headers):
            header = normalize_header(text)
            rank = match_rank(header, synonyms[key]) if header else None
            if rank is not None:
                candidates.append((rank, column, order, key))
    mapping: dict[int, str] = {}
    for _rank, column, _order, key in sorted(candidates):
        if column not in mapping and key not in mapping.values():
            mapping[column] = key
    return dict(sorted(mapping.items()))


def combine_sheets(tables: Sequence[SheetTable], key: str, label: str) -> SheetTable:
    """Several sheets of one workbook as one table (a sheet per compound): the columns each
    sheet's headers name are lined up by field, the others kept by header; a sheet without the
    `key` column gets it filled with the sheet's name (its column headed `label`, first). Every
    row remembers its sheet, so messages name "金沙花苑!C12"."""
    if len(tables) == 1 and key in tables[0].propose_mapping().values():
        return tables[0]
    headers: list[str] = [label]
    column_of: dict[str, int] = {key: 0}  # a field key or "header:<text>" → combined column
    layouts: list[dict[int, int]] = []
    for table in tables:
        named = table.propose_mapping()
        layout: dict[int, int] = {}
        for column, header in enumerate(table.headers):
            slot = named.get(column) or f"header:{normalize_header(header)}"
            if slot == "header:":
                continue  # an empty header over an empty column
            if slot not in column_of:
                column_of[slot] = len(headers)
                headers.append(header)
            layout[column] = column_of[slot]
        layouts.append(layout)
    rows: list[SheetRow] = []
    for table, layout in zip(tables, layouts, strict=True):
        own_key = key in table.propose_mapping().values()
        source: list[int | None] = [None] * len(headers)
        for own, combined in layout.items():
            source[combined] = own
        sources = tuple(source)
        for row in table.rows:
            values: list[CellValue] = [None] * len(headers)
            if not own_key:
                values[0] = table.sheet_name
            for column, value in enumerate(row.values):
                if column in layout:
                    values[layout[column]] = value
            formulas = tuple(sorted(layout[c] for c in row.formula_columns if c in layout))
            rows.append(SheetRow(row.number, tuple(values), formulas, table.sheet_name, sources))
    first = tables[0]
    return SheetTable(
        "、".join(table.sheet_name for table in tables),
        first.header_row,
        tuple(headers),
        rows,
        first.header_synonyms,
        tuple(number for table in tables for number in table.skipped_rows),
    )
