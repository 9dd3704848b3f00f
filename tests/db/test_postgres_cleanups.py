"""Clean-ups and the repairs catalogue on a real PostgreSQL server: the same checks as
tests/unit/test_cleanups.py and tests/unit/test_repair_catalogue.py on SQLite — keyset pages in
every sort (PostgreSQL orders text and NULLs its own way), a soft-deleted clean-up kept but out
of the lists, a price change that leaves the part lines already written alone."""

from __future__ import annotations

import pytest

from jinsha_desktop.services.cleanups import CleanupSort, record_cleanups
from jinsha_desktop.services.context import AppContext
from tests.unit.test_cleanups import (
    check_a_soft_deleted_clean_up_is_kept_but_out_of_the_lists,
    check_keyset_pages,
    make_places,
    varied,
)
from tests.unit.test_repair_catalogue import (
    check_a_price_change_never_alters_the_part_lines_already_written,
)

pytestmark = pytest.mark.postgres


def test_keyset_pages_of_clean_ups_on_postgres(pg_admin: AppContext, data_dir) -> None:
    record_cleanups(pg_admin, varied(make_places(pg_admin)))
    for key in ("done_on", "compound", "category", "count"):
        for descending in (False, True):
            check_keyset_pages(pg_admin, CleanupSort(key, descending))


def test_a_soft_deleted_clean_up_on_postgres(pg_admin: AppContext, data_dir) -> None:
    check_a_soft_deleted_clean_up_is_kept_but_out_of_the_lists(pg_admin, make_places(pg_admin))


def test_a_price_change_on_postgres(pg_admin: AppContext) -> None:
    check_a_price_change_never_alters_the_part_lines_already_written(pg_admin)
