"""Values as they come out of a spreadsheet someone else filled in: dates, text, ID numbers.

An office sheet holds the same date as a real date cell, an Excel serial number (44778), text in
half a dozen spellings (2022.8.5, 2022/08/05, 2022年8月5日, 20220805) or full-width digits typed by
an IME. These functions accept all of them and refuse the rest with a message naming the column.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.id_numbers import normalize_id_number
from jinsha_desktop.domain.text import to_halfwidth

# Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 is 1900-02-29, a day that never
# existed (kept from Lotus 1-2-3 on purpose). From serial 61 on, day 0 is therefore 1899-12-30.
_EXCEL_EPOCH = date(1899, 12, 30)
_FAKE_LEAP_DAY = 60
# Excel's own limits: 1900-01-01 .. 9999-12-31.
MIN_EXCEL_SERIAL = 1
MAX_EXCEL_SERIAL = 2_958_465

_DATE_PART = (
    r"(?:(?P<y>\d{4})\s*[-./年]\s*(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})\s*日?"
    r"|(?P<y8>\d{4})(?P<m8>\d{2})(?P<d8>\d{2}))"
)
# 14:30, 14:30:05, 14:30:05.123, 14时30分, 14点30分05秒; after a space, an ISO "T" or 日.
_TIME_PART = (
    r"(?:(?:\s+|\s*T|(?<=日))(?P<H>\d{1,2})\s*[:时点]\s*(?P<M>\d{1,2})"
    r"(?:\s*[:分]\s*(?P<S>\d{1,2})(?:\.\d+)?\s*秒?|\s*分)?)?"
)
_DATE_TEXT = re.compile(_DATE_PART + _TIME_PART, re.ASCII)
# A date cell whose format was later set to "text" shows its serial: "44778" or "44778.604".
_SERIAL_TEXT = re.compile(r"\d{5}(?:\.\d+)?", re.ASCII)
_EXAMPLE = "2022-08-05"
# 20220805 typed into a cell becomes a number far above any serial Excel uses for a date.
_TYPED_DIGITS = (1000_01_01, 9999_12_31)

# Full-width digits and Latin letters only: full-width punctuation such as （） belongs in
# Chinese text and is kept.
_FULLWIDTH_ALNUM = {
    code: code - 0xFEE0
    for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
}
_LEADING_QUOTES = "'‘’`"
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
    if _SERIAL_TEXT.fullmatch(text):
        return _from_serial(float(text), field, label, shown=text)
    match = _DATE_TEXT.fullmatch(text)
    if match is None:
        raise _not_a_date(field, label, text)
    parts = match.groupdict()
    year = int(parts["y"] or parts["y8"])
    month = int(parts["m"] or parts["m8"])
    day = int(parts["d"] or parts["d8"])
    hour, minute, second = (int(parts[key] or 0) for key in ("H", "M", "S"))
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise ValidationError(f"{label}“{text}”不是有效的日期，请核对年、月、日。", field) from None


def _from_serial(serial: float, field: str, label: str, shown: str) -> datetime:
    if not math.isfinite(serial) or not MIN_EXCEL_SERIAL <= serial < MAX_EXCEL_SERIAL + 1:
        raise _not_a_date(field, label, shown)
    days = math.floor(serial)
    if days == _FAKE_LEAP_DAY:
        raise ValidationError(
            f"{label}“{shown}”是 Excel 中的 1900-02-29，这一天并不存在，请核对。", field
        )
    # Before the fake leap day, Excel's count is one day ahead of the calendar.
    start = _EXCEL_EPOCH + timedelta(days=1) if days < _FAKE_LEAP_DAY else _EXCEL_EPOCH
    # A fraction of a day is stored in binary: 14:30 comes back as 14:29:59.99999.
    seconds = round((serial - days) * 86_400)
    return datetime.combine(start, time()) + timedelta(days=days, seconds=seconds)


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
