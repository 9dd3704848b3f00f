"""Inspections through their services (services/inspections.py, inspection_lists.py): a draft
on the checklist's current version with a copy of its items, answers saved, submitted and
locked, corrected by an amendment beside the original; editing the checklist changes no past
score; bad input refused with nothing written."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from jinsha_desktop.domain.checklists import ChecklistContent, ItemDraft, SectionDraft
from jinsha_desktop.domain.errors import FormErrors, PermissionDenied, ValidationError
from jinsha_desktop.domain.inspection_input import AnswerInput, InspectionInput
from jinsha_desktop.domain.inspections import InspectionStatus, PlaceKind, VetoMode
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.services import checklists, inspections, reference
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.inspection_lists import (
    SORT_KEYS,
    InspectionFilter,
    InspectionSort,
    count_inspections,
    inspections_page,
    iter_inspections,
)
from tests.unit.support import audit_entries, logged_in_as, row_counts

D = Decimal

SMALL = ChecklistContent(
    "小清单",
    (
        SectionDraft(
            "环境卫生",
            D(5),
            (
                ItemDraft("1.1", "路边垃圾", D(1), D(3)),
                ItemDraft("1.2", "河道漂浮物", D(2), D(4), na_allowed=True),
            ),
        ),
        SectionDraft(
            "安全",
            None,
            (
                ItemDraft("2.1", "违章搭建", D("0.5"), D(2), photo_required=True),
                ItemDraft("2.2", "重大环境事件", D(1), D(1), veto=True),
            ),
        ),
    ),
    VetoMode.SET,
    D(0),
)


def small_template(admin: AppContext, content: ChecklistContent = SMALL) -> uuid.UUID:
    return checklists.save_template(admin, None, content)


def village(admin: AppContext, name: str = "城东村") -> uuid.UUID:
    return next(u.id for u in reference.list_units(admin) if u.name == name)


def started(admin: AppContext, template: uuid.UUID, **changes) -> uuid.UUID:
    values = {
        "template_id": template,
        "unit_id": village(admin),
        "inspected_on": admin.clock.now().date() - timedelta(days=1),
        "inspectors": "张检查、李检查",
    }
    values.update(changes)
    return inspections.new_inspection(admin, InspectionInput(**values))


def typed(admin: AppContext, inspection: uuid.UUID, *counts: int | str, na: int | None = None):
    answers = inspections.inspection_detail(admin, inspection).answers
    return [
        AnswerInput(a.id, counts[i] if i < len(counts) else 0, na == i)
        for i, a in enumerate(answers)
    ]


def test_a_draft_is_walked_submitted_and_locked(admin: AppContext) -> None:
    staff = logged_in_as(admin, "jiancha", Role.INSPECTOR)
    template = small_template(admin)
    inspection = started(staff, template)
    draft = inspections.inspection_detail(staff, inspection)
    assert draft.status is InspectionStatus.DRAFT and draft.number.endswith("-J000001")
    assert [a.text for a in draft.answers] == ["路边垃圾", "河道漂浮物", "违章搭建", "重大环境事件"]
    assert draft.rule_version == "小清单 第1版"
    # 路边垃圾 ×5 → capped at 3; 河道漂浮物 ×1 → 2; the section caps them at 5
    score = inspections.save_answers(staff, inspection, typed(staff, inspection, 5, "１"))
    assert (score.score, score.maximum, score.vetoed) == (D("3.00"), D("8.00"), False)
    submitted = inspections.submit_inspection(staff, inspection)
    assert submitted == score
    detail = inspections.inspection_detail(staff, inspection)
    assert detail.status is InspectionStatus.SUBMITTED and detail.submitted == score
    assert [a.deducted for a in detail.answers] == [D(3), D(2), D(0), D(0)]
    # locked: no edit, no photo, no delete
    before = row_counts(admin)
    with pytest.raises(ValidationError, match="更正"):
        inspections.save_answers(staff, inspection, typed(staff, inspection, 0))
    with pytest.raises(ValidationError, match="更正"):
        inspections.submit_inspection(staff, inspection)
    with pytest.raises(ValidationError, match="不能删除"):
        inspections.delete_draft(staff, inspection, "错了")
    assert row_counts(admin) == before
    assert audit_entries(admin, table_name="inspection")


def test_an_amendment_is_kept_beside_the_original(admin: AppContext) -> None:
    template = small_template(admin)
    inspection = started(admin, template)
    inspections.save_answers(admin, inspection, typed(admin, inspection, 1))
    original = inspections.submit_inspection(admin, inspection)
    with pytest.raises(ValidationError):
        inspections.amend_inspection(admin, inspection, typed(admin, inspection, 0), "  ")
    inspections.amend_inspection(
        admin, inspection, typed(admin, inspection, 0, 0, 0, 1), "漏记一项否决"
    )
    detail = inspections.inspection_detail(admin, inspection)
    assert detail.submitted == original and original.score == D("7.00")
    [amendment] = detail.amendments
    assert amendment.reason == "漏记一项否决" and amendment.vetoed and amendment.score == D(0)
    assert [a.occurrences for a in detail.original] == [1, 0, 0, 0]
    assert [a.occurrences for a in detail.answers] == [0, 0, 0, 1]
    assert detail.score is not None and detail.score.vetoed
    # a second correction names the answers of the first
    inspections.amend_inspection(admin, inspection, typed(admin, inspection, 2), "否决项记错")
    [row] = inspections_page(admin, InspectionFilter())
    assert (row.amendments, row.percent, row.veto) == (2, D("75.00"), False)
    entries = audit_entries(admin, table_name="inspection_amendment")
    assert len({entry.record_id for entry in entries}) == 2


def test_editing_the_checklist_changes_no_past_score(admin: AppContext) -> None:
    template = small_template(admin)
    inspection = started(admin, template)
    inspections.save_answers(admin, inspection, typed(admin, inspection, 2))
    before = inspections.submit_inspection(admin, inspection)
    harsher = replace(
        SMALL,
        sections=(
            SectionDraft("环境卫生（新）", None, (ItemDraft("1.1", "路边垃圾乱扔", D(3), D(6)),)),
        ),
    )
    checklists.save_template(admin, template, harsher)
    detail = inspections.inspection_detail(admin, inspection)
    assert detail.score == before and detail.rule_version == "小清单 第1版"
    assert detail.answers[0].text == "路边垃圾" and detail.answers[0].section_title == "环境卫生"
    newer = started(admin, template)
    assert inspections.inspection_detail(admin, newer).rule_version == "小清单 第2版"


def test_an_item_that_needs_a_photo_and_all_na(admin: AppContext) -> None:
    template = small_template(admin)
    inspection = started(admin, template)
    inspections.save_answers(admin, inspection, typed(admin, inspection, 0, 0, 1))
    with pytest.raises(ValidationError, match="违章搭建.*照片"):
        inspections.submit_inspection(admin, inspection)
    assert inspections.inspection_detail(admin, inspection).status is InspectionStatus.DRAFT
    only_na = ChecklistContent(
        "全部可不适用",
        (SectionDraft("一", None, (ItemDraft("1", "集贸市场", D(1), D(2), na_allowed=True),)),),
    )
    other = started(admin, small_template(admin, only_na))
    inspections.save_answers(admin, other, typed(admin, other, na=0))
    with pytest.raises(ValidationError, match="无法计分"):
        inspections.submit_inspection(admin, other)


@pytest.mark.parametrize(
    ("counts", "na", "words"),
    [
        ((-1,), None, "不能是负数"),
        (("两次",), None, "整数"),
        ((1000,), None, "不能超过 999"),
        ((), 0, "不允许选“不适用”"),
        ((0, 2), 1, "不能再记发生次数"),
    ],
)
def test_bad_answers_are_named_and_nothing_is_kept(admin: AppContext, counts, na, words) -> None:
    inspection = started(admin, small_template(admin))
    inspections.save_answers(admin, inspection, typed(admin, inspection, 1))
    before = row_counts(admin)
    with pytest.raises(FormErrors) as caught:
        inspections.save_answers(admin, inspection, typed(admin, inspection, *counts, na=na))
    assert words in str(caught.value) and caught.value.field.startswith("answer:")
    assert row_counts(admin) == before
    assert inspections.inspection_detail(admin, inspection).answers[0].occurrences == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"template_id": None}, "template_id"),
        ({"unit_id": None}, "unit_id"),
        ({"inspected_on": date(2099, 1, 1)}, "inspected_on"),
        ({"place_kind": PlaceKind.COMPOUND}, "compound_id"),
        ({"place_kind": PlaceKind.ROAD}, "place"),
        ({"inspectors": "人" * 201}, "inspectors"),
    ],
)
def test_a_bad_header_is_refused(admin: AppContext, changes, field) -> None:
    template = small_template(admin)
    before = row_counts(admin)
    with pytest.raises(FormErrors) as caught:
        started(admin, template, **changes)
    assert caught.value.field == field
    assert row_counts(admin) == before


def test_a_draft_is_deleted_with_a_reason_and_others_cannot_inspect(admin: AppContext) -> None:
    inspection = started(admin, small_template(admin))
    inspections.delete_draft(admin, inspection, "重复录入")
    assert count_inspections(admin, InspectionFilter()) == 0
    for role in (Role.CLERK, Role.PROPERTY, Role.VIEWER):
        with pytest.raises(PermissionDenied):
            started(
                logged_in_as(admin, f"x{role.value}", role),
                small_template(admin, replace(SMALL, title=f"清单{role.value}")),
            )


def test_the_list_filters_sorts_and_pages(admin: AppContext) -> None:
    template = small_template(admin)
    day = admin.clock.now().date()
    for n, name in enumerate(("城东村", "金北村", "金余村", "城东村", "金北村")):
        inspection = started(
            admin, template, unit_id=village(admin, name), inspected_on=day - timedelta(days=n)
        )
        inspections.save_answers(admin, inspection, typed(admin, inspection, n % 3))
        if n % 2 == 0:
            inspections.submit_inspection(admin, inspection)
    assert count_inspections(admin, InspectionFilter()) == 5
    assert count_inspections(admin, InspectionFilter(status="submitted")) == 3
    assert count_inspections(admin, InspectionFilter(unit_id=village(admin, "城东村"))) == 2
    assert count_inspections(admin, InspectionFilter(start=day - timedelta(days=1))) == 2
    assert count_inspections(admin, InspectionFilter(search="J000003")) == 1
    assert len(list(iter_inspections(admin, InspectionFilter()))) == 5
    for key in SORT_KEYS:
        for descending in (False, True):
            sort = InspectionSort(key, descending)
            whole = [r.id for r in inspections_page(admin, InspectionFilter(), sort)]
            paged, after = [], None
            while page := inspections_page(admin, InspectionFilter(), sort, after, 2):
                paged += [r.id for r in page]
                after = (page[-1].sort_value, page[-1].id)
            assert paged == whole and len(whole) == 5, key


def test_the_header_is_saved_with_the_answers_on_a_draft(admin: AppContext) -> None:
    template = small_template(admin)
    inspection = started(admin, template)
    yesterday = admin.clock.now().date() - timedelta(days=2)
    header = InspectionInput(
        template, village(admin, "金北村"), yesterday, PlaceKind.ROAD, None, " 金沙大道 ", "王五"
    )
    inspections.save_answers(admin, inspection, typed(admin, inspection, 1), header)
    detail = inspections.inspection_detail(admin, inspection)
    assert (detail.unit_name, detail.inspected_on, detail.place_kind) == (
        "金北村",
        yesterday,
        PlaceKind.ROAD,
    )
    assert (detail.place_text, detail.inspectors) == ("金沙大道", "王五")
    other = small_template(admin, replace(SMALL, title="别的清单"))
    before = row_counts(admin)
    with pytest.raises(ValidationError, match="不能更换") as caught:
        inspections.save_answers(
            admin, inspection, typed(admin, inspection, 2), replace(header, template_id=other)
        )
    assert caught.value.field == "template_id"
    with pytest.raises(FormErrors) as bad_date:
        inspections.save_answers(
            admin, inspection, [], replace(header, inspected_on=date(2099, 1, 1))
        )
    assert bad_date.value.field == "inspected_on"
    assert row_counts(admin) == before
    assert inspections.inspection_detail(admin, inspection).answers[0].occurrences == 1
