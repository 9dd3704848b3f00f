"""Drafts of half-typed forms (services/drafts.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from jinsha_desktop.db.models import Draft
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.drafts import discard_draft, pending_drafts, save_draft
from tests.unit.support import audit_count, logged_in_as, raw_sqlite, verify

FORM = "reference/compound"


def _draft_rows(context: AppContext) -> int:
    with context.reading() as session:
        return session.scalar(select(func.count()).select_from(Draft)) or 0


def test_saved_draft_comes_back_with_its_values_exactly(
    admin: AppContext, clock: FixedClock
) -> None:
    values = {"name": "𠮷祥䶮苑", "address": "人民路\n1 号", "floors": 6, "flags": [True, None]}

    save_draft(admin, FORM, "新增小区", values)

    (draft,) = pending_drafts(admin)
    assert (draft.form_key, draft.title, draft.values, draft.saved_at) == (
        FORM,
        "新增小区",
        values,
        clock.now(),
    )


def test_saving_again_replaces_the_draft_of_that_form(admin: AppContext, clock: FixedClock) -> None:
    save_draft(admin, FORM, "新增小区", {"name": "金"})
    clock.advance(seconds=5)

    save_draft(admin, FORM, "新增小区：金沙花苑", {"name": "金沙花苑"})

    assert [(d.title, d.values, d.saved_at) for d in pending_drafts(admin)] == [
        ("新增小区：金沙花苑", {"name": "金沙花苑"}, clock.now())
    ]
    assert _draft_rows(admin) == 1


def test_drafts_of_different_forms_are_kept_apart_newest_first(
    admin: AppContext, clock: FixedClock
) -> None:
    save_draft(admin, FORM, "小区", {"name": "甲"})
    clock.advance(seconds=5)
    save_draft(admin, "reference/checkpoint", "卡点", {"name": "乙"})

    assert [d.form_key for d in pending_drafts(admin)] == ["reference/checkpoint", FORM]


def test_each_user_sees_only_their_own_drafts(admin: AppContext) -> None:
    clerk = logged_in_as(admin, "clerk", Role.CLERK)

    save_draft(admin, FORM, "管理员的", {"name": "甲"})
    save_draft(clerk, FORM, "业务员的", {"name": "乙"})

    assert [d.title for d in pending_drafts(admin)] == ["管理员的"]
    assert [d.title for d in pending_drafts(clerk)] == ["业务员的"]


def test_discarding_forgets_only_that_users_draft_of_that_form(admin: AppContext) -> None:
    clerk = logged_in_as(admin, "clerk", Role.CLERK)
    save_draft(admin, FORM, "管理员的", {"name": "甲"})
    save_draft(admin, "other", "另一张表", {"name": "丙"})
    save_draft(clerk, FORM, "业务员的", {"name": "乙"})

    discard_draft(admin, FORM)

    assert [d.form_key for d in pending_drafts(admin)] == ["other"]
    assert [d.title for d in pending_drafts(clerk)] == ["业务员的"]


def test_discarding_a_form_without_draft_is_harmless(admin: AppContext) -> None:
    discard_draft(admin, FORM)

    assert pending_drafts(admin) == []


def test_drafts_are_not_audit_records(admin: AppContext) -> None:
    entries = audit_count(admin)

    save_draft(admin, FORM, "小区", {"name": "甲"})
    save_draft(admin, FORM, "小区", {"name": "甲乙"})
    discard_draft(admin, FORM)

    assert audit_count(admin) == entries
    assert verify(admin).ok


def test_nobody_logged_in_has_no_drafts_and_saves_none(context: AppContext) -> None:
    save_draft(context, FORM, "小区", {"name": "甲"})
    discard_draft(context, FORM)

    assert pending_drafts(context) == []
    assert _draft_rows(context) == 0


@pytest.mark.parametrize(
    "payload",
    [pytest.param("{not json", id="broken-json"), pytest.param("[1, 2]", id="not-an-object")],
)
def test_unreadable_draft_is_skipped_not_a_crash(admin: AppContext, payload: str) -> None:
    save_draft(admin, FORM, "坏的", {"name": "甲"})
    save_draft(admin, "good", "好的", {"name": "乙"})
    assert admin.database.file is not None
    with raw_sqlite(admin.database.file) as connection:
        connection.execute("UPDATE draft SET payload = ? WHERE form_key = ?", (payload, FORM))

    assert [d.title for d in pending_drafts(admin)] == ["好的"]
