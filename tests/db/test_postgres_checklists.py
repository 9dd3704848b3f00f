"""Checklist templates and departments on a real PostgreSQL server: the same service tests as on
SQLite (tests/unit/test_checklists.py), run against the server."""

from __future__ import annotations

import pytest

from jinsha_desktop.services.context import AppContext
from tests.unit import test_checklists as on_sqlite

pytestmark = pytest.mark.postgres


def test_the_defaults_are_seeded_once_on_postgres(pg_admin: AppContext):
    on_sqlite.test_the_two_default_checklists_and_the_departments_are_seeded(pg_admin)
    on_sqlite.test_a_deleted_default_stays_deleted(pg_admin)


def test_a_new_template_on_postgres(pg_admin: AppContext):
    on_sqlite.test_a_new_template_is_version_1_and_reads_back(pg_admin)


def test_a_version_not_in_use_is_edited_in_place_on_postgres(pg_admin: AppContext):
    on_sqlite.test_a_version_not_in_use_is_edited_in_place(pg_admin)


def test_inspections_are_counted_per_template_on_postgres(pg_admin: AppContext):
    on_sqlite.test_the_templates_query_counts_inspections_per_template(pg_admin)


def test_a_version_in_use_makes_a_new_one_on_postgres(pg_admin: AppContext):
    on_sqlite.test_a_version_in_use_is_frozen_and_an_edit_makes_a_new_version(pg_admin)


def test_the_same_content_changes_nothing_on_postgres(pg_admin: AppContext):
    on_sqlite.test_saving_the_same_content_changes_nothing(pg_admin)


def test_deletes_are_audited_on_postgres(pg_admin: AppContext):
    on_sqlite.test_template_saves_and_deletes_are_audited_with_the_reason(pg_admin)


@pytest.mark.parametrize(
    ("content", "fields", "message"),
    [
        (on_sqlite.no_items, {"items"}, "检查清单至少要有一个检查项"),
        (on_sqlite.beyond_cap, {"item:0"}, "超过了本项封顶 3.00 分"),
    ],
    ids=["no-items", "beyond-cap"],
)
def test_bad_checklists_change_nothing_on_postgres(pg_admin: AppContext, content, fields, message):
    on_sqlite.test_a_bad_checklist_is_refused_naming_the_field_and_nothing_is_written(
        pg_admin, content, fields, message
    )
    on_sqlite.test_two_templates_cannot_share_a_name(pg_admin)


def test_departments_on_postgres(pg_admin: AppContext):
    on_sqlite.test_departments_are_added_renamed_ordered_and_deleted(pg_admin)
