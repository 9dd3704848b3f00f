"""The village-inspection ledgers on a real PostgreSQL server: the same PDFs as on SQLite
(tests/reports/test_inspection_ledgers.py, whose checks run here on the server's data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinsha_desktop.services.context import AppContext
from tests.reports import test_inspection_ledgers as on_sqlite

pytestmark = pytest.mark.postgres

CHECKS = [  # imported through the module: pytest would collect them here again
    on_sqlite.test_the_inspection_ledger_prints_each_submitted_inspection_with_its_deductions,
    on_sqlite.test_the_rectification_ledger_lists_findings_with_parties_dates_and_overdue,
    on_sqlite.test_the_ledger_prints_the_copy_scored_not_the_templates_later_text,
]
FILTERS = [
    ({"source": "resident"}, ["T01-Z000003", "T01-Z000004"]),
    ({"rectification": "overdue"}, ["T01-Z000001"]),
]


def test_the_inspection_ledgers_on_postgres(pg_admin: AppContext, data_dir: Path, tmp_path: Path):
    records = on_sqlite.build_records(pg_admin)
    for number, check in enumerate(CHECKS):
        check(pg_admin, records, tmp_path / str(number))
    for number, (filters, expected) in enumerate(FILTERS):
        on_sqlite.test_the_rectification_ledger_filters(
            pg_admin, records, tmp_path / f"filter{number}", filters, expected
        )
