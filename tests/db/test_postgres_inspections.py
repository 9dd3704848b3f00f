"""Inspections on a real PostgreSQL server: the walk to submitted and locked, an amendment
beside the original (keeping the answers' photos, refused when bad, audited), a checklist edit
that changes no past score, bad answers and headers refused, and the list in every sort paged by
keyset with its filters — the same checks as tests/unit/test_inspections.py,
test_inspection_amendments.py and test_inspection_lists.py. Photos are in the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinsha_desktop.services.context import AppContext
from tests.unit import test_inspection_amendments as corrections
from tests.unit import test_inspection_lists as lists
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


def test_a_correction_keeps_the_photos_on_postgres(pg_admin: AppContext, data_dir: Path) -> None:
    corrections.test_a_correction_keeps_the_photos_and_a_locked_one_takes_none(pg_admin)


def test_a_bad_correction_on_postgres(pg_admin: AppContext, data_dir: Path) -> None:
    corrections.test_a_bad_correction_writes_nothing(pg_admin, (-1,), None, "不能是负数")


def test_every_step_is_audited_on_postgres(pg_admin: AppContext, data_dir: Path) -> None:
    corrections.test_every_step_is_audited(pg_admin)


def test_a_row_on_postgres(pg_admin: AppContext) -> None:
    lists.test_a_row_shows_place_checklist_score_and_state(pg_admin)


def test_the_filters_on_postgres(pg_admin: AppContext) -> None:
    lists.test_the_checklist_period_and_words_filter(pg_admin)


@pytest.mark.parametrize("what", ["unit", "compound"])
def test_a_header_naming_what_is_not_there_on_postgres(pg_admin: AppContext, what: str) -> None:
    lists.test_a_header_naming_what_is_not_there_is_refused(pg_admin, what, f"{what}_id")
