"""The monitoring case's one declaration (domain/monitoring.py MONITORING): the monitoring lists
and the monitoring ledger's person columns read it."""

from __future__ import annotations

from datetime import date

from jinsha_desktop.domain.fields import always_on
from jinsha_desktop.domain.monitoring import MONITORING, CaseStatus
from jinsha_desktop.reports.ledger_declaration import ledger_columns
from jinsha_desktop.services.ledger_data import CaseEntry


def test_the_lists_show_the_case_columns_in_their_order():
    assert [f.key for f in MONITORING.shown("list", always_on)] == [
        "person_name",
        "phone",
        "reason",
        "day_number",
        "days",
        "end_date",
        "last_check_date",
        "days_without_check",
        "status",
        "responsible",
    ]


def test_the_ledger_prints_the_person_columns_from_the_declaration():
    columns, texts = ledger_columns(MONITORING.shown("ledger", always_on))
    assert [(c.header, c.min_chars, c.max_chars) for c in columns] == [
        ("姓名", 3, 5),
        ("证件号码", 10, 11),
        ("联系电话", 6.5, 7),
        ("监测原因", 4, 8),
        ("监测期", 6, 6),
        ("状态", 3, 3),
        ("责任人", 3, 4),
    ]
    case = CaseEntry(
        "冯桂英",
        "320612********1234",
        "138****5678",
        "健康码为黄码",
        date(2026, 11, 28),
        date(2026, 12, 4),
        "陈建国",
        CaseStatus.MONITORING,
    )
    assert texts(case) == [
        "冯桂英",
        "320612********1234",
        "138****5678",
        "健康码为黄码",
        "11-28至12-04",
        "监测中",
        "陈建国",
    ]
