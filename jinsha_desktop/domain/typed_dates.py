"""Dates and times as people write them: one reader for the form and the spreadsheet importer.

A volunteer typing from a paper sheet and an office's spreadsheet use the same spellings
(2026-11-24, 2026.11.24, 2026/11/24, 2026年11月24日, 20261124, full-width digits, 8:15, 20点05).
Two differences are the callers' choice, given as parameters of the one reader:
- `excel_serials`: the importer reads "44778" as the date cell it was (formatted as text later);
  in the form five digits typed into a date field are a mistake, not a date.
- `today`: the form's time field fills a missing year ("11-24 8:15") or day ("8:15") from it;
  a spreadsheet must write the whole date.
Input parsing only; what a valid visit is stays in its rules.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from jinsha_desktop.domain.text import to_halfwidth

_DATE = (
    r"(?:(?:(?P<y>\d{4})\s*[-./年]\s*)?(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})\s*日?"
    r"|(?P<y8>\d{4})(?P<m8>\d{2})(?P<d8>\d{2}))"
)
# 14:30, 14:30:05, 14:30:05.123, 14时30分, 14点30分05秒 (the full-width colon is made ASCII first).
_TIME = (
    r"(?P<H>\d{1,2})\s*[:时点]\s*(?P<M>\d{1,2})"
    r"(?:\s*[:分]\s*(?P<S>\d{1,2})(?:\.\d+)?\s*秒?|\s*分)?"
)
_MOMENT = re.compile(rf"(?:{_DATE})?(?:(?:\s*T\s*|\s*)(?:{_TIME}))?", re.ASCII)
# A date cell whose format was later set to "text" shows its serial: "44778" or "44778.604".
_SERIAL_TEXT = re.compile(r"\d{5}(?:\.\d+)?", re.ASCII)
LEADING_QUOTES = "'‘’`"
"""What Excel and people put before a value to keep it text; never part of the value."""

# Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 is 1900-02-29, a day that never
# existed (kept from Lotus 1-2-3 on purpose). From serial 61 on, day 0 is therefore 1899-12-30.
_EXCEL_EPOCH = date(1899, 12, 30)
_FAKE_LEAP_DAY = 60
# Excel's own limits: 1900-01-01 .. 9999-12-31.
MIN_EXCEL_SERIAL = 1
MAX_EXCEL_SERIAL = 2_958_465


@dataclass(frozen=True)
class Written:
    """A date as written, with the time of day when one was written."""

    day: date
    time: time | None

    def moment(self) -> datetime:
        """Naive local date and time (a date alone is midnight)."""
        return datetime.combine(self.day, self.time or time())


def read_written(
    text: str, *, today: date | None = None, excel_serials: bool = False
) -> Written | None:
    """The date (and time) written in `text`; None when it is empty.

    Raises ValueError("format") when it is no date, ValueError("day") when the date or time does
    not exist (2026-02-30, 25:00), ValueError("leap-day") for Excel's serial 60.
    """
    text = to_halfwidth(text or "").strip().lstrip(LEADING_QUOTES).strip()
    if not text:
        return None
    if excel_serials and _SERIAL_TEXT.fullmatch(text):
        moment = from_excel_serial(float(text))
        return Written(moment.date(), moment.time())
    match = _MOMENT.fullmatch(text)
    if match is None:
        raise ValueError("format")
    parts = match.groupdict()
    has_date = parts["m"] is not None or parts["m8"] is not None
    has_year = parts["y"] is not None or parts["y8"] is not None
    if today is None and not has_year:
        raise ValueError("format")  # "11-24" or "8:15": only the form knows which day
    if not has_date and parts["H"] is None:
        raise ValueError("format")
    base = today or date.min
    year = int(parts["y"] or parts["y8"] or base.year)
    month = int(parts["m"] or parts["m8"] or base.month)
    day = int(parts["d"] or parts["d8"] or base.day)
    try:
        written_day = date(year, month, day)
        if parts["H"] is None:
            return Written(written_day, None)
        hour, minute, second = (int(parts[key] or 0) for key in ("H", "M", "S"))
        return Written(written_day, time(hour, minute, second))
    except ValueError:
        raise ValueError("day") from None


def from_excel_serial(serial: float) -> datetime:
    """A naive datetime from an Excel serial (days since 1899-12-30, a fraction for the time).

    ValueError("format") outside Excel's range, ValueError("leap-day") for its 1900-02-29.
    """
    if not math.isfinite(serial) or not MIN_EXCEL_SERIAL <= serial < MAX_EXCEL_SERIAL + 1:
        raise ValueError("format")
    days = math.floor(serial)
    if days == _FAKE_LEAP_DAY:
        raise ValueError("leap-day")
    # Before the fake leap day, Excel's count is one day ahead of the calendar.
    start = _EXCEL_EPOCH + timedelta(days=1) if days < _FAKE_LEAP_DAY else _EXCEL_EPOCH
    # A fraction of a day is stored in binary: 14:30 comes back as 14:29:59.99999.
    seconds = round((serial - days) * 86_400)
    return datetime.combine(start, time()) + timedelta(days=days, seconds=seconds)


def parse_typed_date(text: str) -> date | None:
    """A date typed into a form: 2026-11-24, 2026.11.24, 2026/11/24, 2026年11月24日 or 20261124;
    None when empty. ValueError("format") or ValueError("day") when it is no date."""
    written = read_written(text)
    if written is None:
        return None
    if written.time is not None:
        raise ValueError("format")  # a date field holds a date
    return written.day


def parse_typed_time(text: str, today: date) -> datetime:
    """2026-11-24 08:15, 11-24 8:15 (this year) or 8:15 (today), as local time.
    ValueError("format") or ValueError("day") when it is no time."""
    written = read_written(text, today=today)
    if written is None or written.time is None:
        raise ValueError("format")
    return written.moment().astimezone()
