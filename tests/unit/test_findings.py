"""Findings through their services (services/findings.py, finding_lists.py): recorded from a
patrol or a resident, rectified, re-checked (failed, then passed), cancelled, made a repair
order; a clerk rectifies only their own unit's; lists, per-unit counts and the overdue rule."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.errors import FormErrors, PermissionDenied, ValidationError
from jinsha_desktop.domain.findings import (
    FindingEventKind,
    FindingInput,
    FindingSource,
    FindingStatus,
    PartyInput,
)
from jinsha_desktop.domain.inspections import PlaceKind
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.services import auth, checklists, findings, reference, repair_orders
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.finding_lists import (
    OPEN,
    FindingFilter,
    FindingSort,
    count_findings,
    findings_page,
    iter_findings,
)
from tests.unit.support import USER_PASSWORD, a_compound, audit_entries, logged_in_as, row_counts

D = date


def today(context: AppContext) -> date:
    return context.clock.now().date()


def units(admin: AppContext) -> dict[str, uuid.UUID]:
    return {u.name: u.id for u in reference.list_units(admin)}


def a_finding(admin: AppContext, unit: str = "城东村", **changes) -> uuid.UUID:
    unit_id = units(admin)[unit]
    values = {
        "source": FindingSource.PATROL,
        "unit_id": unit_id,
        "problem": "村部门前池塘漂浮垃圾",
        "found_on": today(admin) - timedelta(days=10),
        "deadline": today(admin) - timedelta(days=3),
        "lead": PartyInput(unit_id=unit_id),
        "patrol": "城管中队",
    }
    values.update(changes)
    return findings.new_finding(admin, FindingInput(**values))


def inspector(admin: AppContext) -> AppContext:
    return logged_in_as(admin, "jiancha", Role.INSPECTOR)


def clerk_of(admin: AppContext, unit: str) -> AppContext:
    auth.create_user(
        admin,
        auth.UserInput("cunwen", "村文书", Role.CLERK, units(admin)[unit]),
        USER_PASSWORD,
        must_change_password=False,
    )
    return auth.login(admin.as_user(None), "cunwen", USER_PASSWORD)


def test_a_finding_from_open_to_closed_after_a_failed_recheck(admin: AppContext) -> None:
    staff = inspector(admin)
    finding = a_finding(staff)
    detail = findings.finding_detail(staff, finding)
    assert detail.status is FindingStatus.OPEN and detail.number.endswith("-Z000001")
    assert detail.lead_name == "城东村" and detail.source is FindingSource.PATROL
    day = today(admin)
    findings.rectify(staff, finding, day - timedelta(days=2), "已清理")
    findings.recheck(staff, finding, False, day - timedelta(days=1), "仍有垃圾", day + timedelta(7))
    reopened = findings.finding_detail(staff, finding)
    assert reopened.status is FindingStatus.OPEN and reopened.deadline == day + timedelta(7)
    findings.rectify(staff, finding, day, "再次清理")
    findings.recheck(staff, finding, True, day, "合格")
    closed = findings.finding_detail(staff, finding)
    assert closed.status is FindingStatus.CLOSED and closed.closed_on == day
    assert [e.kind for e in closed.events] == [
        FindingEventKind.OPENED,
        FindingEventKind.RECTIFIED,
        FindingEventKind.FAILED,
        FindingEventKind.RECTIFIED,
        FindingEventKind.PASSED,
    ]
    assert closed.events[2].deadline == day + timedelta(7) and closed.events[2].note == "仍有垃圾"
    assert closed.recheck_count == 2
    # a closed finding takes no more steps, and the refusal changes nothing
    before = row_counts(admin)
    with pytest.raises(ValidationError, match="已销号"):
        findings.rectify(staff, finding, day, "又来")
    assert row_counts(admin) == before
    assert audit_entries(admin, table_name="finding_event")


def test_a_failed_recheck_without_a_new_deadline_changes_nothing(admin: AppContext) -> None:
    finding = a_finding(admin)
    findings.rectify(admin, finding, today(admin), "")
    before = row_counts(admin)
    with pytest.raises(ValidationError, match="新整改期限"):
        findings.recheck(admin, finding, False, today(admin), "不合格", None)
    assert row_counts(admin) == before
    assert findings.finding_detail(admin, finding).status is FindingStatus.RECTIFIED


def test_bad_input_is_refused_and_nothing_is_written(admin: AppContext) -> None:
    before = row_counts(admin)
    with pytest.raises(FormErrors) as caught:
        a_finding(admin, deadline=today(admin) - timedelta(days=20))
    assert caught.value.field == "deadline"
    with pytest.raises(ValidationError, match="责任单位"):
        a_finding(admin, lead=PartyInput(department_id=uuid.uuid4()))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        findings.rectify(admin, a_finding(admin), today(admin) + timedelta(days=1), "")
    assert row_counts(admin)["finding"] == before["finding"] + 1  # only the last good one


def test_a_clerk_rectifies_their_own_units_findings_only(admin: AppContext) -> None:
    own, other = a_finding(admin, "城东村"), a_finding(admin, "金北村")
    clerk = clerk_of(admin, "城东村")
    findings.rectify(clerk, own, today(admin), "已整改")
    with pytest.raises(PermissionDenied, match="本村/社区"):
        findings.rectify(clerk, other, today(admin), "已整改")
    with pytest.raises(PermissionDenied):
        findings.recheck(clerk, own, True, today(admin), "")  # re-checks are the inspector's
    # a finding in another village led by the clerk's own is theirs too
    led = a_finding(admin, "金北村", lead=PartyInput(unit_id=units(admin)["城东村"]))
    findings.rectify(clerk, led, today(admin), "牵头整改")
    viewer = logged_in_as(admin, "kan", Role.VIEWER)
    with pytest.raises(PermissionDenied):
        findings.rectify(viewer, other, today(admin), "")


def test_property_staff_and_checkpoint_volunteers_cannot_record_findings(admin: AppContext):
    for role in (Role.PROPERTY, Role.CHECKPOINT, Role.CLERK):
        with pytest.raises(PermissionDenied):
            a_finding(logged_in_as(admin, f"u{role.value}", role))


def test_a_resident_report_keeps_the_phone_masked_in_the_list(admin: AppContext) -> None:
    finding = a_finding(
        admin,
        source=FindingSource.RESIDENT,
        reporter_name="王阿姨",
        reporter_phone="13812345678",
        patrol="",
    )
    assert findings.finding_detail(admin, finding).reporter_phone == "138****5678"
    [row] = findings_page(admin, FindingFilter(source="resident"))
    assert row.reporter_phone == "138****5678" and row.source == "resident"
    assert findings.finding_detail(admin, finding, full=True).reporter_phone == "13812345678"


def test_cancelling_needs_a_reason_and_keeps_the_finding(admin: AppContext) -> None:
    finding = a_finding(admin)
    with pytest.raises(ValidationError):
        findings.cancel_finding(admin, finding, "  ")
    findings.cancel_finding(admin, finding, "重复登记")
    detail = findings.finding_detail(admin, finding)
    assert detail.status is FindingStatus.CANCELLED and detail.events[-1].note == "重复登记"


def test_a_finding_in_a_compound_becomes_one_repair_order(admin: AppContext) -> None:
    compound, buildings = a_compound(admin, "老街小区", unit_index=2)
    unit = reference.list_units(admin)[2]
    finding = a_finding(
        admin,
        unit.name,
        problem="3幢楼道灯不亮",
        place_kind=PlaceKind.COMPOUND,
        compound_id=compound,
        building_id=buildings[2],
    )
    staff = inspector(admin)  # no LOG_REPAIRS, still allowed: it is an inspection's finding
    order_id = findings.repair_order_from_finding(staff, finding)
    order = repair_orders.order_detail(admin, order_id)
    assert order.source == "inspection" and "3幢楼道灯不亮" in order.problem
    assert findings.finding_detail(admin, finding).repair_order_id == order_id
    with pytest.raises(ValidationError, match="已经生成过"):
        findings.repair_order_from_finding(staff, finding)
    with pytest.raises(ValidationError, match="小区"):
        findings.repair_order_from_finding(staff, a_finding(admin))


def test_lists_filter_by_source_status_unit_and_overdue(
    admin: AppContext, clock: FixedClock
) -> None:
    day = today(admin)
    late = a_finding(admin, "城东村")  # deadline 3 days ago
    a_finding(admin, "城东村", deadline=day + timedelta(days=5))
    a_finding(admin, "金北村", source=FindingSource.RESIDENT, reporter_name="李师傅")
    done = a_finding(admin, "金北村")
    findings.rectify(admin, done, day, "")
    findings.recheck(admin, done, True, day, "")
    assert count_findings(admin, FindingFilter()) == 4
    assert count_findings(admin, FindingFilter(source="patrol")) == 3
    assert count_findings(admin, FindingFilter(status=OPEN)) == 3
    assert count_findings(admin, FindingFilter(status="closed")) == 1
    overdue = findings_page(admin, FindingFilter(overdue_only=True))
    assert {row.id for row in overdue} == {
        late,
        *[r.id for r in overdue if r.unit_name == "金北村"],
    }
    assert all(row.overdue > 0 for row in overdue)
    chengdong = units(admin)["城东村"]
    assert count_findings(admin, FindingFilter(unit_id=chengdong)) == 2
    assert count_findings(admin, FindingFilter(search="李师")) == 1
    assert count_findings(admin, FindingFilter(search="Z000001")) == 1
    by_deadline = [
        r.deadline for r in findings_page(admin, FindingFilter(), FindingSort("deadline", False))
    ]
    assert by_deadline == sorted(by_deadline)
    assert len(list(iter_findings(admin, FindingFilter()))) == 4
    per_unit = {row.unit_name: row for row in findings.findings_per_unit(admin, day)}
    assert (per_unit["城东村"].open, per_unit["城东村"].overdue) == (2, 1)
    assert (per_unit["金北村"].open, per_unit["金北村"].closed) == (1, 1)


def test_the_overdue_rule_of_the_ranking_looks_at_one_day(admin: AppContext) -> None:
    day = today(admin)
    a_finding(admin, "城东村")  # found 10 days ago, due 3 days ago, open
    closed_late = a_finding(admin, "城东村")
    findings.rectify(admin, closed_late, day, "")
    findings.recheck(admin, closed_late, True, day, "")
    chengdong = units(admin)["城东村"]
    with admin.reading() as session:
        assert findings.overdue_open_at(session, day - timedelta(days=1))[chengdong] == 2
        assert findings.overdue_open_at(session, day + timedelta(days=1)).get(chengdong) == 1
        assert findings.overdue_open_at(session, day - timedelta(days=5)).get(chengdong) is None


def test_departments_lead_and_help(admin: AppContext) -> None:
    checklists.seed_checklists(admin)
    departments = {d.name: d.id for d in checklists.list_departments(admin)}
    lead = PartyInput(department_id=departments["城管中队"])
    helpers = (
        PartyInput(department_id=departments["环卫所"]),
        PartyInput(unit_id=units(admin)["金余村"]),
    )
    finding = a_finding(admin, lead=lead, helpers=helpers)
    detail = findings.finding_detail(admin, finding)
    assert detail.lead_name == "城管中队" and detail.helper_names == ["环卫所", "金余村"]
    [row] = findings_page(admin, FindingFilter())
    assert row.lead_name == "城管中队" and row.helper_names == "环卫所、金余村"
