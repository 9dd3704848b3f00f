"""The red/black list on a real PostgreSQL server: the same cases as tests/unit/test_rankings.py
(the SQL that combines the scores — sums, minima, the latest day, months by EXTRACT — is
written once for both databases)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinsha_desktop.services.context import AppContext
from tests.reports import test_ranking_notice as notice_tests
from tests.unit import test_rankings as cases

pytestmark = pytest.mark.postgres


def test_compute_ranks_by_the_mean_with_lists_and_previous_positions(pg_admin: AppContext) -> None:
    cases.test_compute_ranks_by_the_mean_with_lists_and_previous_positions(pg_admin)


def test_latest_and_lowest_combine_in_the_database(pg_admin: AppContext) -> None:
    cases.test_latest_and_lowest_combine_in_the_database(pg_admin)


def test_main_deductions_from_the_current_answers(pg_admin: AppContext) -> None:
    cases.test_the_black_list_carries_the_main_deductions(pg_admin)


def test_publish_and_out_of_date_after_an_amendment(pg_admin: AppContext) -> None:
    cases.test_publish_freezes_an_edition_that_an_amendment_makes_out_of_date(pg_admin)


def test_rules_are_stored_with_the_ranking(pg_admin: AppContext) -> None:
    cases.test_rules_are_stored_with_the_ranking(pg_admin)


def test_a_period_without_inspections_is_refused(pg_admin: AppContext) -> None:
    cases.test_a_period_without_submitted_inspections_is_refused(pg_admin)


def test_overdue_penalty(pg_admin: AppContext) -> None:
    cases.test_overdue_findings_cost_points_when_the_rules_say_so(pg_admin)


def test_trend_over_months_and_quarters(pg_admin: AppContext) -> None:
    cases.test_trend_per_unit_over_months_and_quarters(pg_admin)


def test_the_ranking_in_excel(pg_admin: AppContext, tmp_path: Path) -> None:
    notice_tests.test_the_ranking_and_the_notice_in_excel(pg_admin, tmp_path)


def test_the_basis_digest_is_the_same_on_both_databases(
    admin: AppContext, pg_admin: AppContext
) -> None:
    """A ranking published on one database and checked on the other (data moved to the
    server) is not out of date for the spelling of its ids and percents alone."""
    import uuid
    from datetime import date

    from jinsha_desktop.domain.rankings import Period
    from jinsha_desktop.services.ranking_basis import basis_digest
    from tests.unit.ranking_data import amend, an_inspection, unit_ids

    digests = []
    for context in (admin, pg_admin):
        unit = unit_ids(context)[0]
        for n, percent in enumerate(("88.5", "90", "72.25")):
            an_inspection(
                context,
                unit,
                date(2026, 10, 3 + n),
                percent,
                vetoed=n == 2,
                inspection_id=uuid.UUID(int=n + 1),
            )
        amend(context, uuid.UUID(int=2), "95.05")
        with context.reading() as session:
            digests.append(basis_digest(session, Period.parse("2026-10"), {}))
    assert digests[0] == digests[1]
