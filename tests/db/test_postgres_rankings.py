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
