"""Findings on a real PostgreSQL server: the lifecycle, the clerk's own unit, the lists with
their filters and every sort paged by keyset (PostgreSQL orders text and NULLs its own way),
and the overdue rule of the ranking — the same checks as tests/unit/test_findings.py."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.findings import FindingSource
from jinsha_desktop.services import findings
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.finding_lists import (
    SORT_KEYS,
    FindingFilter,
    FindingSort,
    findings_page,
)
from tests.unit import test_findings as on_sqlite

pytestmark = pytest.mark.postgres


def test_the_lifecycle_on_postgres(pg_admin: AppContext) -> None:
    on_sqlite.test_a_finding_from_open_to_closed_after_a_failed_recheck(pg_admin)


def test_the_clerks_own_unit_on_postgres(pg_admin: AppContext) -> None:
    on_sqlite.test_a_clerk_rectifies_their_own_units_findings_only(pg_admin)


def test_lists_and_overdue_on_postgres(pg_admin: AppContext, clock: FixedClock) -> None:
    on_sqlite.test_lists_filter_by_source_status_unit_and_overdue(pg_admin, clock)


def test_the_overdue_rule_on_postgres(pg_admin: AppContext) -> None:
    on_sqlite.test_the_overdue_rule_of_the_ranking_looks_at_one_day(pg_admin)


def test_keyset_pages_of_findings_in_every_sort_on_postgres(pg_admin: AppContext) -> None:
    day = pg_admin.clock.now().date()
    for n in range(9):
        on_sqlite.a_finding(
            pg_admin,
            ("城东村", "金北村", "金余村")[n % 3],
            source=(FindingSource.PATROL, FindingSource.RESIDENT)[n % 2],
            reporter_name="王" if n % 2 else "",
            found_on=day - timedelta(days=n % 4 + 5),
            deadline=day - timedelta(days=n % 3),
        )
    closed = findings_page(pg_admin, FindingFilter())[0].id
    findings.rectify(pg_admin, closed, day, "")
    findings.recheck(pg_admin, closed, True, day, "")
    for key in SORT_KEYS:
        for descending in (False, True):
            sort = FindingSort(key, descending)
            whole = [row.id for row in findings_page(pg_admin, FindingFilter(), sort, limit=100)]
            paged, after = [], None
            while True:
                page = findings_page(pg_admin, FindingFilter(), sort, after, limit=2)
                if not page:
                    break
                paged += [row.id for row in page]
                after = (page[-1].sort_value, page[-1].id)
            assert paged == whole and len(whole) == 9, (key, descending)
