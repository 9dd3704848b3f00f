"""Dates and times as volunteers type them from a paper sheet.

Input parsing, as a date box does it; what a valid visit is stays in the services.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from jinsha_desktop.domain.text import to_halfwidth

_DATE = re.compile(r"(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?|(\d{4})(\d{2})(\d{2})")
_TIME = re.compile(
    r"(?:(?:(\d{4})[-./年])?(\d{1,2})[-./月](\d{1,2})日?\s*)?(\d{1,2})[:：点时](\d{1,2})分?"
)


def parse_typed_date(text: str) -> date | None:
    """2026-11-24, 2026.11.24, 2026/11/24, 2026年11月24日 or 20261124; None when empty.
    ValueError("format") or ValueError("day") when it is no date."""
    text = to_halfwidth(text or "").strip()
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if match is None:
        raise ValueError("format")
    year, month, day = (int(part) for part in match.groups() if part is not None)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("day") from None


def parse_typed_time(text: str, today: date) -> datetime:
    """2026-11-24 08:15, 11-24 8:15 (this year) or 8:15 (today), as local time.
    ValueError("format") or ValueError("day") when it is no time."""
    match = _TIME.fullmatch(to_halfwidth(text or "").strip())
    if match is None:
        raise ValueError("format")
    year, month, day, hour, minute = match.groups()
    try:
        return datetime(
            int(year or today.year),
            int(month or today.month),
            int(day or today.day),
            int(hour),
            int(minute),
        ).astimezone()
    except ValueError:
        raise ValueError("day") from None
