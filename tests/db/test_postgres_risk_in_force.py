"""The risk-area rule on a real PostgreSQL server: the SQL twin agrees with the domain predicate
on every case, and registration and the list screen use it (tests/unit/test_risk_in_force.py)."""

from __future__ import annotations

import pytest

from jinsha_desktop.services.context import AppContext
from tests.unit.test_risk_in_force import check_services_use_the_rule, check_sql_and_domain_agree

pytestmark = pytest.mark.postgres


def test_sql_and_domain_agree_on_every_case_on_postgres(pg_admin: AppContext) -> None:
    check_sql_and_domain_agree(pg_admin)


def test_registration_and_the_list_use_the_rule_on_postgres(pg_admin: AppContext) -> None:
    check_services_use_the_rule(pg_admin)
