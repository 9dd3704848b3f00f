"""The old compounds' ledgers on a real PostgreSQL server: the same PDFs as on SQLite
(tests/reports/test_repair_ledgers.py, whose checks run here on the server's data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinsha_desktop.services.context import AppContext
from tests.reports import test_repair_ledgers as on_sqlite

pytestmark = pytest.mark.postgres

CHECKS = [  # imported through the module: pytest would collect them here again
    on_sqlite.test_the_repair_ledger_prints_the_declared_columns_and_no_deleted_order,
    on_sqlite.test_the_repair_ledger_of_one_compound_names_it_once_above_the_table,
    on_sqlite.test_the_cleanup_ledger_lists_the_period_by_category,
    on_sqlite.test_the_compound_sheet_gives_each_compound_its_pages_with_photos,
    on_sqlite.test_the_blank_survey_sheet_has_a_row_per_building_and_unit,
]


def test_the_repair_ledgers_on_postgres(pg_admin: AppContext, data_dir: Path, tmp_path: Path):
    place = on_sqlite.build_place(pg_admin)
    for number, check in enumerate(CHECKS):
        check(pg_admin, place, tmp_path / str(number))
