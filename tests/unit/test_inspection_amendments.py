"""Corrections (更正) of submitted inspections and the photos of answers: a draft takes no
correction, a bad correction writes nothing, a correction keeps the photos of the answers it
copies, a locked inspection takes no photo, and every step leaves an audit entry."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from jinsha_desktop.domain.errors import FormErrors, PermissionDenied, ValidationError
from jinsha_desktop.domain.inspection_input import AnswerInput
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.services import inspections
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.inspection_detail import AnswerRow
from jinsha_desktop.services.photos import StoredPhoto, photo_folder, store_photo
from tests.unit.support import audit_entries, logged_in_as, row_counts
from tests.unit.test_inspections import SMALL, D, small_template, started, typed
from tests.unit.test_photos import jpeg_bytes

ANOTHER = replace(SMALL, title="另一份清单")


def answers_of(admin: AppContext, inspection: uuid.UUID) -> list[AnswerRow]:
    return inspections.inspection_detail(admin, inspection).answers


def with_a_photo(admin: AppContext) -> tuple[uuid.UUID, AnswerRow, StoredPhoto]:
    """A submitted inspection whose 违章搭建 (photo required) was found once, with its photo."""
    inspection = started(admin, small_template(admin))
    inspections.save_answers(admin, inspection, typed(admin, inspection, 0, 0, 1))
    answer = inspections.inspection_detail(admin, inspection).answers[2]
    stored = store_photo(photo_folder(admin), jpeg_bytes(), "违章.jpg")
    inspections.attach_answer_photos(admin, answer.id, [stored])
    inspections.submit_inspection(admin, inspection)
    return inspection, answer, stored


def test_a_draft_takes_no_correction(admin: AppContext) -> None:
    inspection = started(admin, small_template(admin))
    before = row_counts(admin)
    with pytest.raises(ValidationError, match="不需要更正"):
        inspections.amend_inspection(admin, inspection, typed(admin, inspection, 1), "改一下")
    assert row_counts(admin) == before


def test_a_correction_keeps_the_photos_and_a_locked_one_takes_none(admin: AppContext) -> None:
    inspection, answer, stored = with_a_photo(admin)
    assert inspections.inspection_detail(admin, inspection).original[2].photos == 1
    with pytest.raises(ValidationError, match="更正"):
        inspections.attach_answer_photos(admin, answer.id, [stored])
    inspections.amend_inspection(
        admin, inspection, typed(admin, inspection, 0, 1, 1), "漏记河道漂浮物"
    )
    detail = inspections.inspection_detail(admin, inspection)
    assert [a.photos for a in detail.answers] == [0, 0, 1, 0]
    assert all(a.amendment_id == detail.amendments[0].id for a in detail.answers)
    assert detail.submitted is not None and detail.submitted.score == D("7.50")
    assert detail.score is not None and detail.score.score == D("5.50")
    assert detail.amendments[0].made_by_name  # who corrected it is kept


@pytest.mark.parametrize(
    ("counts", "na", "words"),
    [((-1,), None, "不能是负数"), ((), 0, "不允许选“不适用”")],
)
def test_a_bad_correction_writes_nothing(admin: AppContext, counts, na, words) -> None:
    inspection, _answer, _stored = with_a_photo(admin)
    before = row_counts(admin)
    with pytest.raises(FormErrors, match=words):
        inspections.amend_inspection(
            admin, inspection, typed(admin, inspection, *counts, na=na), "更正"
        )
    assert row_counts(admin) == before
    assert inspections.inspection_detail(admin, inspection).amendments == []


def test_an_unknown_answer_in_a_correction_is_refused(admin: AppContext) -> None:
    inspection, _answer, _stored = with_a_photo(admin)
    stranger = started(admin, small_template(admin, ANOTHER))
    before = row_counts(admin)
    with pytest.raises((FormErrors, ValidationError)):
        inspections.amend_inspection(
            admin, inspection, [AnswerInput(a.id, 1) for a in answers_of(admin, stranger)], "错"
        )
    assert row_counts(admin) == before


def test_only_an_inspector_corrects(admin: AppContext) -> None:
    inspection, _answer, _stored = with_a_photo(admin)
    for role in (Role.CLERK, Role.VIEWER):
        other = logged_in_as(admin, f"y{role.value}", role)
        with pytest.raises(PermissionDenied):
            inspections.amend_inspection(other, inspection, [], "更正")


def test_every_step_is_audited(admin: AppContext) -> None:
    inspection, answer, _stored = with_a_photo(admin)
    inspections.amend_inspection(admin, inspection, typed(admin, inspection, 2), "更正次数")
    draft = started(admin, small_template(admin, ANOTHER))
    inspections.delete_draft(admin, draft, "重复录入")
    on_inspections = audit_entries(admin, table_name="inspection")
    # created, submitted, corrected (final_* and the count); the answers saved are audited
    # on their own rows
    mine = [e.action for e in on_inspections if e.record_id == str(inspection)]
    assert mine == ["create", "update", "update"]
    saved = audit_entries(admin, table_name="inspection_answer", record_id=str(answer.id))
    assert [e.action for e in saved] == ["create", "update", "update"]  # saved, its deduction
    assert [e.action for e in on_inspections if e.record_id == str(draft)][-1] == "delete"
    assert len(audit_entries(admin, table_name="inspection_amendment")) == 2
