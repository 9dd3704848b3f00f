"""Dates between Qt and Python go through gui/qdates.py (QDate.toPython() is typed as object)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate

import jinsha_desktop
from jinsha_desktop.gui.qdates import python_date, qdate


def test_a_day_goes_to_qt_and_back() -> None:
    for day in (date(1900, 1, 1), date(2024, 2, 29), date(2026, 12, 31)):
        shown = qdate(day)
        assert (shown.year(), shown.month(), shown.day()) == (day.year, day.month, day.day)
        back = python_date(shown)
        assert back == day and type(back) is date


def test_qdate_to_python_is_read_in_one_place() -> None:
    """No page converts with toPython() and a type: ignore of its own (issue 12, point 10)."""
    package = Path(jinsha_desktop.__file__).parent
    readers = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "generated" not in path.parts and re.search(r"\.toPython\(\)", path.read_text("utf-8"))
    ]
    assert readers == ["gui/qdates.py"]
    assert python_date(QDate(2026, 12, 2)) == date(2026, 12, 2)
