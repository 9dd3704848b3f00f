"""Dates between Python and Qt, typed (QDate.toPython() is typed as returning object)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def python_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
