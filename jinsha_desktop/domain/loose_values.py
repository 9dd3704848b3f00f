"""Values as they come out of a spreadsheet someone else filled in: dates, text, ID numbers.

An office sheet holds the same date as a real date cell, an Excel serial number (44778), text in
half a dozen spellings (2022.8.5, 2022/08/05, 2022年8月5日, 20220805) or full-width digits typed by
an IME. These functions accept all of them and refuse the rest with a message naming the column.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.id_numbers import normalize_id_number
from jinsha_desktop.domain.text import to_halfwidth
from jinsha_desktop.domain.typed_dates import LEADING_QUOTES, from_excel_serial, read_written

_EXAMPLE = "2022-08-05"
# 20220805 typed into a cell becomes a number far above any serial Excel uses for a date.
_TYPED_DIGITS = (1000_01_01, 9999_12_31)

# Full-width digits and Latin letters only: full-width punctuation such as （） belongs in
# Chinese text and is kept.
_FULLWIDTH_ALNUM = {
    code: code - 0xFEE0
    for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
}
_LEADING_QUOTES = LEADING_QUOTES
# Excel keeps 15 significant digits of a number: from 1e15 up, an ID number stored as a number
# has already lost its last digits (320612199001011234 becomes 320612199001011000).
LOSSY_NUMBER = 1e15
_SCIENTIFIC = re.compile(r"\d+(?:\.\d*)?[eE]\+?\d+", re.ASCII)
ID_NUMBER_STORED_AS_NUMBER = (
    "身份证号被 Excel 存成了数字，后几位已丢失（Excel 只保留 15 位有效数字）。"
    "请把该列设为“文本”后按证件重新填写。"
)


def parse_loose_date(value: object, field: str, label: str) -> date | None:
    """A date from a cell: a date/datetime, an Excel serial number or text in a common form.

    None for an empty cell; a time part ("2022-08-05 14:30") is read and dropped.
    Raises ValidationError naming `label` when the value is no date.
    """
    moment = parse_loose_datetime(value, field, label)
    return None if moment is None else moment.date()


def parse_loose_datetime(value: object, field: str, label: str) -> datetime | None:
    """A naive local datetime from a cell (a date alone is midnight); None for an empty cell.

    Aware datetimes are converted to local time. Excel serials may carry a fraction of a day.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone().replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, bool):
        raise _not_a_date(field, label, "TRUE" if value else "FALSE")
    if isinstance(value, int | float):
        if _TYPED_DIGITS[0] <= value <= _TYPED_DIGITS[1] and value == int(value):
            return _from_text(str(int(value)), field, label)  # 20220805 typed as a number
        return _from_serial(value, field, label, shown=cell_text(value))
    if isinstance(value, str):
        text = _clean_text(value)
        return _from_text(text, field, label) if text else None
    raise _not_a_date(field, label, str(value))


def _from_text(text: str, field: str, label: str) -> datetime:
    """Text in any spelling the form reads, or an Excel serial shown as text."""
    try:
        written = read_written(text, excel_serials=True)
    except ValueError as bad:
        raise _refused(bad, field, label, text) from None
    assert written is not None  # the caller passes non-empty text
    return written.moment()


def _from_serial(serial: float, field: str, label: str, shown: str) -> datetime:
    try:
        return from_excel_serial(serial)
    except ValueError as bad:
        raise _refused(bad, field, label, shown) from None


def _refused(bad: ValueError, field: str, label: str, shown: str) -> ValidationError:
    """The reader's reason ("format", "day", "leap-day") as a message naming the column."""
    if bad.args == ("day",):
        return ValidationError(f"{label}“{shown}”不是有效的日期，请核对年、月、日。", field)
    if bad.args == ("leap-day",):
        return ValidationError(
            f"{label}“{shown}”是 Excel 中的 1900-02-29，这一天并不存在，请核对。", field
        )
    return _not_a_date(field, label, shown)


def _not_a_date(field: str, label: str, shown: str) -> ValidationError:
    return ValidationError(
        f"{label}“{shown}”不是日期，请写成 {_EXAMPLE} 或 2022年8月5日 这样的格式。", field
    )


def _clean_text(value: str) -> str:
    text = value.strip().lstrip(_LEADING_QUOTES).strip()
    return to_halfwidth(text).strip()


def cell_text(value: object) -> str:
    """A cell as clean one-value text: surrounding spaces and a leading apostrophe removed,
    full-width digits and letters made half-width, numbers without a trailing ".0".

    A float of 1e15 or more (an ID number Excel stored as a number) comes back as its integral
    digits, which are already wrong at the end: use `id_number_cell` for document numbers.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip().lstrip(_LEADING_QUOTES).strip().translate(_FULLWIDTH_ALNUM)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def id_number_cell(value: object, field: str = "document_number") -> str:
    """A document number from a cell, normalised (no spaces, apostrophe or full-width digits).

    Refuses a number Excel stored as a float of 16 digits or more — its last digits are lost — and
    the scientific notation ("3.20612E+17") such a cell shows when copied as text. A 15-digit or
    shorter number (an old ID number) is exact and accepted.
    """
    if isinstance(value, float) and abs(value) >= LOSSY_NUMBER:
        raise ValidationError(ID_NUMBER_STORED_AS_NUMBER, field)
    text = cell_text(value)
    if _SCIENTIFIC.fullmatch(to_halfwidth(text).replace(" ", "")):
        raise ValidationError(ID_NUMBER_STORED_AS_NUMBER, field)
    return normalize_id_number(text)
