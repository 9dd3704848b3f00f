"""The repair totals on a real PostgreSQL server: the same generated data and hand-worked figures
as tests/unit/test_repair_totals.py (days between two times and whole-cent sums are written
per database)."""

from __future__ import annotations

import pytest

from jinsha_desktop.domain.repair_totals import GroupBy
from jinsha_desktop.services.context import AppContext
from tests.unit.repair_totals_data import generate
from tests.unit.test_repair_totals import check_totals

pytestmark = pytest.mark.postgres


def test_totals_on_postgresql_equal_the_figures_worked_out_by_hand(pg_admin: AppContext) -> None:
    made = generate(pg_admin)
    for by in GroupBy:
        check_totals(pg_admin, made, by)
