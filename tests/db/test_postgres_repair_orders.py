"""Repair orders on a real PostgreSQL server: the same service tests as on SQLite
(tests/unit/test_repair_orders.py), run against the server."""

from __future__ import annotations

import pytest

from jinsha_desktop.domain.repairs import PlaceInput
from jinsha_desktop.services.context import AppContext
from tests.unit import test_repair_orders as on_sqlite
from tests.unit.support import a_compound

pytestmark = pytest.mark.postgres


@pytest.fixture
def place(pg_admin: AppContext) -> PlaceInput:
    compound_id, buildings = a_compound(pg_admin)
    return PlaceInput(compound_id, buildings[0], unit_no=2, floor=5)


def test_an_order_from_a_residents_report_to_checked_on_postgres(pg_admin, place):
    on_sqlite.test_an_order_from_a_residents_report_to_checked(pg_admin, place)


def test_status_and_dates_are_the_fold_of_the_events_on_postgres(pg_admin, place):
    on_sqlite.test_the_stored_status_and_dates_are_always_the_fold_of_the_events(pg_admin, place)


def test_numbers_and_price_snapshots_on_postgres(pg_admin, place):
    on_sqlite.test_numbers_follow_on_per_installation_and_stay_unique(pg_admin, place)
    on_sqlite.test_a_part_keeps_the_price_it_was_used_at(pg_admin, place)


def test_a_deleted_order_is_kept_on_postgres(pg_admin, place):
    on_sqlite.test_a_deleted_order_is_kept_with_its_reason(pg_admin, place)
