"""The repair orders list on a real PostgreSQL server: the same checks as on SQLite
(tests/unit/test_repair_lists.py) — filters, every sort paged through (the days open are the
server's own date arithmetic), the overdue rule, masked phones, the export."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.repair_lists import SORT_KEYS
from tests.unit import test_repair_lists as on_sqlite

pytestmark = pytest.mark.postgres


@pytest.fixture
def orders(pg_admin: AppContext) -> on_sqlite.Orders:
    return on_sqlite.make_orders(pg_admin)


def test_rows_parts_and_the_overdue_rule_on_postgres(pg_admin, orders):
    on_sqlite.test_newest_first_with_the_declared_keys(pg_admin, orders)
    on_sqlite.test_a_checked_orders_parts_are_summed_by_part_and_its_cost_kept(pg_admin, orders)
    on_sqlite.test_an_order_open_longer_than_the_setting_is_overdue_and_listed(pg_admin, orders)


def test_filters_on_postgres(pg_admin, orders):
    for flt, expected in (
        (on_sqlite.OrderFilter(status=on_sqlite.OPEN), ["fresh", "east_order", "late"]),
        (on_sqlite.OrderFilter(text="李大"), ["fresh"]),
        (on_sqlite.OrderFilter(text="100%"), []),
    ):
        on_sqlite.test_filters_and_search(pg_admin, orders, flt, expected)
    on_sqlite.test_filters_by_place_campaign_and_period(pg_admin, orders)
    on_sqlite.test_search_by_number_or_its_sequence(pg_admin, orders)


def test_every_sort_pages_through_every_order_once_on_postgres(pg_admin, orders):
    on_sqlite.test_sorts_mean_what_their_headers_say(pg_admin, orders)
    for key in SORT_KEYS:
        for descending in (False, True):
            on_sqlite.test_every_sort_pages_through_every_order_once(
                pg_admin, orders, key, descending
            )


def test_masked_phones_and_the_export_on_postgres(pg_admin, orders, tmp_path: Path):
    on_sqlite.test_phones_are_masked_unless_the_full_view_is_asked_and_audited(pg_admin, orders)
    on_sqlite.test_the_export_writes_the_list_as_shown_masked(pg_admin, orders, tmp_path)
