"""Loading a record to change it on a real PostgreSQL server (tests/unit/test_load_for_edit.py)."""

from __future__ import annotations

import pytest

from jinsha_desktop.services.context import AppContext
from tests.unit.test_load_for_edit import check_the_helper, check_the_services

pytestmark = pytest.mark.postgres


def test_missing_deleted_and_changed_records_are_refused_on_postgres(pg_admin: AppContext) -> None:
    check_the_helper(pg_admin)


def test_services_refuse_changed_and_gone_records_alike_on_postgres(pg_admin: AppContext) -> None:
    check_the_services(pg_admin)
