"""Inspections on a real PostgreSQL server: the walk to submitted and locked, an amendment
beside the original, a checklist edit that changes no past score, bad answers refused, and the
list in every sort paged by keyset — the same checks as tests/unit/test_inspections.py."""

from __future__ import annotations

import pytest

from jinsha_desktop.services.context import AppContext
from tests.unit import test_inspections as on_sqlite

pytestmark = pytest.mark.postgres


def test_a_draft_to_submitted_and_locked_on_postgres(pg_admin: AppContext) -> None:
    on_sqlite.test_a_draft_is_walked_submitted_and_locked(pg_admin)


def test_an_amendment_on_postgres(pg_admin: AppContext) -> None:
    on_sqlite.test_an_amendment_is_kept_beside_the_original(pg_admin)


def test_a_checklist_edit_changes_no_past_score_on_postgres(pg_admin: AppContext) -> None:
    on_sqlite.test_editing_the_checklist_changes_no_past_score(pg_admin)


def test_bad_answers_on_postgres(pg_admin: AppContext) -> None:
    on_sqlite.test_bad_answers_are_named_and_nothing_is_kept(pg_admin, (-1,), None, "不能是负数")


def test_the_list_on_postgres(pg_admin: AppContext) -> None:
    on_sqlite.test_the_list_filters_sorts_and_pages(pg_admin)
