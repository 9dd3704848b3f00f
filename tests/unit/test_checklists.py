"""Checklist templates and departments: seeded once, edited by the administrator; a version in
use is frozen and an edit makes a new one, so what old inspections were scored on never changes."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from jinsha_desktop.db.inspection_models import ChecklistVersion, Inspection
from jinsha_desktop.domain.checklists import (
    CIVIL_TITLE,
    DEFAULT_CHECKLISTS,
    DEFAULT_DEPARTMENTS,
    RURAL_TITLE,
    ChecklistContent,
    ItemDraft,
    SectionDraft,
)
from jinsha_desktop.domain.errors import FormErrors, NotFound, PermissionDenied, ValidationError
from jinsha_desktop.domain.inspections import VetoMode
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.services import checklists
from jinsha_desktop.services.checklists import (
    delete_department,
    delete_template,
    freeze_version,
    list_departments,
    list_templates,
    save_department,
    save_template,
    seed_checklists,
    template_content,
    version_items,
)
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.reference import list_units
from tests.unit.support import audit_count, audit_entries, logged_in_as, row_counts

TWELVE = (
    "公益广告宣传",
    "小区环境",
    "主次干道",
    "建筑工地",
    "农村环境",
    "农贸市场",
    "背街小巷",
    "公共场所",
    "窗口单位",
    "河道水体",
    "交通秩序",
    "餐饮门店",
)


def small(title: str = "测试清单", points: str = "1", cap: str = "3") -> ChecklistContent:
    return ChecklistContent(
        title,
        (
            SectionDraft(
                "道路",
                Decimal("5"),
                (
                    ItemDraft("1.1", "路面有垃圾", Decimal(points), Decimal(cap)),
                    ItemDraft("1.2", "绿化缺株", Decimal("1"), Decimal("4"), na_allowed=True),
                ),
            ),
            SectionDraft(
                "其他",
                None,
                (ItemDraft("2.1", "被通报批评", Decimal("5"), Decimal("5"), veto=True),),
            ),
        ),
    )


def row_of(context: AppContext, template_id: uuid.UUID) -> checklists.TemplateRow:
    return next(row for row in list_templates(context) if row.id == template_id)


def in_use(context: AppContext, template_id: uuid.UUID) -> None:
    """What creating an inspection does to its version: freeze it (and count as one)."""
    row = row_of(context, template_id)
    assert row.current_version_id is not None
    unit = list_units(context)[0]
    with context.uow() as session:
        freeze_version(session, row.current_version_id, context.clock.now())
        session.add(
            Inspection(
                number=f"T-J{uuid.uuid4().hex[:6]}",
                seq=1,
                template_id=template_id,
                version_id=row.current_version_id,
                rule_version="测试",
                unit_id=unit.id,
                inspected_on=date(2026, 10, 8),
            )
        )


# ---------------------------------------------------------------- seeding


def test_the_two_default_checklists_and_the_departments_are_seeded(admin: AppContext):
    rows = list_templates(admin)
    assert [row.name for row in rows] == [RURAL_TITLE, CIVIL_TITLE]
    for row, content in zip(rows, DEFAULT_CHECKLISTS, strict=True):
        assert (row.current_number, row.frozen, row.inspections) == (1, False, 0)
        assert row.items == content.item_count
        assert template_content(admin, row.id) == (content, 1)
    assert [d.name for d in list_departments(admin)] == list(DEFAULT_DEPARTMENTS)
    assert seed_checklists(admin) is False


def test_the_defaults_are_real_checklists_out_of_100():
    rural, civil = DEFAULT_CHECKLISTS
    assert tuple(section.title for section in civil.sections) == TWELVE
    for content in DEFAULT_CHECKLISTS:
        assert content.cleaned() == content
        assert content.full_score().maximum == Decimal("100.00")
        items = [item for section in content.sections for item in section.items]
        assert any(item.veto for item in items)
        assert any(item.na_allowed for item in items)
        assert any(item.photo_required for item in items)
        assert all(Decimal("0.5") <= item.points <= Decimal("8") for item in items)
        assert all(len(section.items) >= 2 for section in content.sections)
    rural_sections = " ".join(section.title for section in rural.sections)
    for words in ("河道沟渠坑塘", "河坡", "庭院内外", "房前屋后", "垃圾分类", "公厕", "村容村貌"):
        assert words in rural_sections


def test_a_deleted_default_stays_deleted(admin: AppContext):
    rural = list_templates(admin)[0]
    delete_template(admin, rural.id, "改用新的考核办法")
    assert seed_checklists(admin) is False
    assert [row.name for row in list_templates(admin)] == [CIVIL_TITLE]


# ---------------------------------------------------------------- saving, versions


def test_a_new_template_is_version_1_and_reads_back(admin: AppContext):
    template_id = save_template(admin, None, small())
    row = row_of(admin, template_id)
    assert (row.name, row.current_number, row.items, row.frozen) == ("测试清单", 1, 3, False)
    content, number = template_content(admin, template_id)
    assert (content, number) == (small(), 1)
    with admin.reading() as session:
        assert [item.code for _section, item in version_items(session, row.current_version_id)] == [
            "1.1",
            "1.2",
            "2.1",
        ]


def test_a_version_not_in_use_is_edited_in_place(admin: AppContext):
    template_id = save_template(admin, None, small())
    first = row_of(admin, template_id).current_version_id
    save_template(admin, template_id, small(points="2", cap="4"))
    row = row_of(admin, template_id)
    assert (row.current_version_id, row.current_number) == (first, 1)
    content, _ = template_content(admin, template_id)
    assert content.sections[0].items[0].points == Decimal("2")
    with admin.reading() as session:
        assert len(version_items(session, first)) == 3  # the old rows are gone from the version


def test_a_version_in_use_is_frozen_and_an_edit_makes_a_new_version(admin: AppContext):
    template_id = save_template(admin, None, small())
    in_use(admin, template_id)
    old = row_of(admin, template_id)
    assert (old.frozen, old.inspections) == (True, 1)
    renamed = replace(small(points="2", cap="4"), title="测试清单（修订）")
    assert save_template(admin, template_id, renamed) == template_id
    new = row_of(admin, template_id)
    assert (new.name, new.current_number, new.frozen) == ("测试清单（修订）", 2, False)
    assert new.current_version_id != old.current_version_id
    # What the old inspections were scored on is still there, unchanged.
    assert template_content(admin, template_id, old.current_version_id) == (small(), 1)
    assert template_content(admin, template_id) == (renamed.cleaned(), 2)


def test_saving_the_same_content_changes_nothing(admin: AppContext):
    template_id = save_template(admin, None, small())
    in_use(admin, template_id)
    before = audit_count(admin)
    save_template(admin, template_id, small())
    assert audit_count(admin) == before
    assert row_of(admin, template_id).current_number == 1


def test_freezing_twice_keeps_the_first_time(admin: AppContext, clock):
    template_id = save_template(admin, None, small())
    version_id = row_of(admin, template_id).current_version_id
    assert version_id is not None
    with admin.uow() as session:
        freeze_version(session, version_id, clock.now())
    first = clock.now()
    clock.advance(days=1)
    with admin.uow() as session:
        freeze_version(session, version_id, clock.now())
    with admin.reading() as session:
        assert session.get(ChecklistVersion, version_id).frozen_at == first
    with admin.uow() as session, pytest.raises(NotFound):
        freeze_version(session, uuid.uuid4(), clock.now())


def test_template_saves_and_deletes_are_audited_with_the_reason(admin: AppContext):
    template_id = save_template(admin, None, small())
    assert audit_entries(admin, table_name="checklist_template", action="create")
    with pytest.raises(ValidationError, match="请填写删除原因"):
        delete_template(admin, template_id, " ")
    delete_template(admin, template_id, "重复的清单")
    assert template_id not in [row.id for row in list_templates(admin)]
    summaries = [e.summary for e in audit_entries(admin, table_name="checklist_template")]
    assert "删除检查清单“测试清单”：重复的清单" in summaries
    with pytest.raises(NotFound):
        template_content(admin, template_id)


# ---------------------------------------------------------------- bad input


def no_items() -> ChecklistContent:
    return ChecklistContent("空清单", ())


def beyond_cap() -> ChecklistContent:
    return small(points="4", cap="3")


def typed_badly() -> ChecklistContent:
    section = SectionDraft("道路", "五", (ItemDraft("1", "路面", "一分", "-2"),))  # type: ignore[arg-type]
    return ChecklistContent("清单", (section,), veto_score=Decimal("-1"))


def twice_the_same_code() -> ChecklistContent:
    section = small().sections[0]
    same = replace(section, items=(section.items[0], replace(section.items[1], code="1.1")))
    return replace(small(), sections=(same,))


@pytest.mark.parametrize(
    ("content", "fields", "message"),
    [
        (no_items, {"items"}, "检查清单至少要有一个检查项，请添加后再保存。"),
        (beyond_cap, {"item:0"}, "每次扣 4.00 分，超过了本项封顶 3.00 分"),
        (typed_badly, {"section:0", "item:0", "veto_score"}, "分类封顶分应为分值"),
        (twice_the_same_code, {"item:1"}, "检查项编号“1.1”重复了"),
        (lambda: replace(small(), title=""), {"title"}, "请填写清单名称。"),
        (lambda: replace(small(), veto_mode="half"), {"veto_mode"}, "请选择否决时的计分方式"),
    ],
    ids=["no-items", "beyond-cap", "typed-badly", "same-code", "no-title", "veto-mode"],
)
def test_a_bad_checklist_is_refused_naming_the_field_and_nothing_is_written(
    admin: AppContext, content, fields: set[str], message: str
):
    before = row_counts(admin)
    with pytest.raises(FormErrors) as raised:
        save_template(admin, None, content())
    assert {error.field for error in raised.value.errors} >= fields
    assert message in raised.value.message
    assert row_counts(admin) == before


def test_two_templates_cannot_share_a_name(admin: AppContext):
    with pytest.raises(ValidationError, match=f"已经有名为“{RURAL_TITLE}”的检查清单了"):
        save_template(admin, None, small(title=RURAL_TITLE))


def test_only_the_administrator_keeps_templates_and_departments(admin: AppContext):
    inspector = logged_in_as(admin, "jcy", Role.INSPECTOR)
    assert len(list_templates(inspector)) == 2
    assert list_departments(inspector)
    rural = list_templates(inspector)[0]
    with pytest.raises(PermissionDenied):
        save_template(inspector, None, small())
    with pytest.raises(PermissionDenied):
        delete_template(inspector, rural.id, "不用了")
    with pytest.raises(PermissionDenied):
        save_department(inspector, None, "新部门", 1, "")
    volunteer = logged_in_as(admin, "kd", Role.CHECKPOINT)
    with pytest.raises(PermissionDenied):
        list_templates(volunteer)


# ---------------------------------------------------------------- departments


def test_departments_are_added_renamed_ordered_and_deleted(admin: AppContext):
    new_id = save_department(admin, None, "  文明办 ", "0", "牵头文明创建")
    rows = list_departments(admin)
    assert (rows[0].id, rows[0].name, rows[0].note) == (new_id, "文明办", "牵头文明创建")
    save_department(admin, new_id, "文明实践所", 2000, "", version=rows[0].version)
    assert list_departments(admin)[-1].name == "文明实践所"
    with pytest.raises(ValidationError, match="已经有名为“城管中队”的部门了"):
        save_department(admin, new_id, "城管中队", 1, "")
    delete_department(admin, new_id)
    assert "文明实践所" not in [d.name for d in list_departments(admin)]


@pytest.mark.parametrize(
    ("name", "order", "fields"),
    [("", 1, {"name"}), ("水务站", "第一", {"sort_order"}), ("", "-3", {"name", "sort_order"})],
)
def test_a_bad_department_is_refused(admin: AppContext, name: str, order: object, fields):
    before = row_counts(admin)
    with pytest.raises(FormErrors) as raised:
        save_department(admin, None, name, order, "")
    assert {error.field for error in raised.value.errors} == fields
    assert row_counts(admin) == before


def test_the_templates_query_counts_inspections_per_template(admin: AppContext):
    template_id = save_template(admin, None, small())
    in_use(admin, template_id)
    in_use(admin, template_id)
    assert row_of(admin, template_id).inspections == 2
    with admin.reading() as session:
        assert session.scalar(select(func.count()).select_from(ChecklistVersion)) == 3
    assert VetoMode(template_content(admin, template_id)[0].veto_mode) is VetoMode.SET
