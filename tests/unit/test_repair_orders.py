"""Repair orders through their service (services/repair_orders.py) on a real SQLite file: the
status and dates come from the events, parts keep their price, bad input changes nothing."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from jinsha_desktop.db.repair_models import Part, RepairEvent, RepairOrder
from jinsha_desktop.domain.errors import (
    FormErrors,
    NotFound,
    PermissionDenied,
    StaleRecord,
    ValidationError,
)
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.repairs import (
    Event,
    EventKind,
    OrderInput,
    OrderStatus,
    PlaceInput,
    fold_events,
    short_code_for,
)
from jinsha_desktop.services import repair_orders
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.repair_settings import RepairSettings, save_repair_settings
from tests.unit.support import a_compound, logged_in_as, row_counts, verify

K = EventKind


@pytest.fixture
def place(admin: AppContext) -> PlaceInput:
    compound_id, buildings = a_compound(admin)
    return PlaceInput(compound_id, buildings[0], unit_no=2, floor=5)


def report(context: AppContext, place: PlaceInput, hours_ago: int = 48, **kw: object) -> uuid.UUID:
    now = context.clock.now()
    order = OrderInput(
        place,
        "楼道灯不亮",
        now - timedelta(hours=hours_ago),
        reporter_name="王阿姨",
        reporter_phone="13812345678",
        **kw,  # type: ignore[arg-type]
    )
    return repair_orders.report_order(context, order)


def part_id(context: AppContext, name: str = "LED 灯泡") -> uuid.UUID:
    with context.reading() as session:
        found = session.scalar(select(Part.id).where(Part.name == name))
    assert found is not None
    return found


def test_an_order_from_a_residents_report_to_checked(admin: AppContext, place: PlaceInput):
    order_id = report(admin, place)
    now = admin.clock.now()
    repair_orders.take_step(admin, order_id, K.ASSIGN, now - timedelta(hours=40), assignee="李师傅")
    repair_orders.add_part(admin, order_id, part_id(admin), "3")
    repair_orders.add_part(admin, order_id, part_id(admin, "电线"), "2.5")
    repair_orders.take_step(admin, order_id, K.REPAIR, now - timedelta(hours=30))
    repair_orders.take_step(admin, order_id, K.CHECK, now - timedelta(hours=2), note="已亮")

    detail = repair_orders.order_detail(admin, order_id)
    assert detail.status is OrderStatus.CHECKED
    assert detail.number == f"{short_code_for(admin.installation_id)}-000001"
    assert [e.kind for e in detail.events] == [K.REPORT, K.ASSIGN, K.REPAIR, K.CHECK]
    assert detail.events[1].by_name == "系统管理员"
    assert detail.assignee == "李师傅"
    assert detail.repaired_at == now - timedelta(hours=30)
    assert detail.closed_at == now - timedelta(hours=2)
    assert detail.parts_cost == Decimal("3") * Decimal("8.00") + Decimal("2.5") * Decimal("2.50")
    assert detail.reporter_phone == "138****5678"
    assert detail.place == "1幢2单元5层"
    assert detail.steps == (K.REOPEN,)
    assert verify(admin).ok


def test_the_stored_status_and_dates_are_always_the_fold_of_the_events(
    admin: AppContext, place: PlaceInput
):
    order_id = report(admin, place)
    now = admin.clock.now()
    for hours, kind in (
        (40, K.ASSIGN),
        (30, K.REPAIR),
        (20, K.REOPEN),
        (10, K.REPAIR),
        (5, K.CHECK),
    ):
        repair_orders.take_step(
            admin, order_id, kind, now - timedelta(hours=hours), assignee="李师傅", note="返工"
        )
        with admin.reading() as session:
            order = session.get(RepairOrder, order_id)
            rows = session.scalars(
                select(RepairEvent).where(RepairEvent.order_id == order_id).order_by(RepairEvent.at)
            ).all()
            folded = fold_events([Event(K(e.kind), e.at, e.assignee, e.note) for e in rows], now)
            assert order is not None
            assert (order.status, order.repaired_at, order.checked_at, order.closed_at) == (
                folded.status.value,
                folded.repaired_at,
                folded.checked_at,
                folded.closed_at,
            )


def test_numbers_follow_on_per_installation_and_stay_unique(admin: AppContext, place: PlaceInput):
    numbers = [repair_orders.order_detail(admin, report(admin, place)).number for _ in range(3)]
    assert [n.rsplit("-", 1)[1] for n in numbers] == ["000001", "000002", "000003"]
    other = replace(admin, installation_id=uuid.uuid4())  # another laptop on a shared server
    assert repair_orders.order_detail(admin, report(other, place)).number.endswith("-000001")
    assert repair_orders.order_id_of(admin, numbers[1].lower()) is not None


def test_a_part_keeps_the_price_it_was_used_at(admin: AppContext, place: PlaceInput):
    order_id = report(admin, place)
    repair_orders.add_part(admin, order_id, part_id(admin), 2)
    with admin.uow() as session:
        bulb = session.get(Part, part_id(admin))
        assert bulb is not None
        bulb.unit_price = Decimal("20.00")  # the catalogue's price goes up later
    repair_orders.add_part(admin, order_id, part_id(admin), 1)
    detail = repair_orders.order_detail(admin, order_id)
    assert [line.unit_price for line in detail.parts] == [Decimal("8.00"), Decimal("20.00")]
    assert detail.parts_cost == Decimal("36.00")


def test_removing_a_part_line_recomputes_the_cost_and_keeps_the_line(admin, place):
    order_id = report(admin, place)
    line = repair_orders.add_part(admin, order_id, part_id(admin), 2)
    repair_orders.remove_part(admin, line)
    assert repair_orders.order_detail(admin, order_id).parts_cost == Decimal("0.00")
    assert row_counts(admin)["repair_part"] == 1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c, o: repair_orders.add_part(c, o, uuid.uuid4(), 1), "找不到这个配件"),
        (lambda c, o: repair_orders.add_part(c, o, None, 1), "找不到这个配件"),
        (lambda c, o: repair_orders.add_part(c, o, part_id(c), "-2"), "大于 0"),
        (
            lambda c, o: repair_orders.take_step(
                c, o, K.ASSIGN, c.clock.now() - timedelta(days=30), assignee="李师傅"
            ),
            "早于报修时间",
        ),
        (lambda c, o: repair_orders.take_step(c, o, K.REPAIR, c.clock.now()), "请先派单"),
        (lambda c, o: repair_orders.take_step(c, o, K.REJECT, c.clock.now()), "驳回的原因"),
        (
            lambda c, o: repair_orders.take_step(c, o, K.ASSIGN, c.clock.now(), assignee=" "),
            "维修人员或施工单位",
        ),
        (
            lambda c, o: repair_orders.update_order(
                c, o, repair_orders.order_detail(c, o).as_input(), labour_cost="-5"
            ),
            "不能是负数",
        ),
        (lambda c, o: repair_orders.delete_order(c, o, ""), "删除原因"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(admin, place, call, message):
    order_id = report(admin, place)
    before = row_counts(admin)
    with admin.reading() as session:
        version = session.get(RepairOrder, order_id).version  # type: ignore[union-attr]
    with pytest.raises((ValidationError, FormErrors), match=message):
        call(admin, order_id)
    assert row_counts(admin) == before
    with admin.reading() as session:
        assert session.get(RepairOrder, order_id).version == version  # type: ignore[union-attr]


def test_no_parts_on_a_rejected_order(admin: AppContext, place: PlaceInput):
    order_id = report(admin, place)
    repair_orders.take_step(admin, order_id, K.REJECT, admin.clock.now(), note="不属于公共设施")
    with pytest.raises(ValidationError, match="已驳回的报修单不能再改用料"):
        repair_orders.add_part(admin, order_id, part_id(admin), 1)


def test_a_checked_orders_cost_is_frozen_until_it_is_reopened(admin: AppContext, place):
    order_id = report(admin, place)
    now = admin.clock.now()
    line = repair_orders.add_part(admin, order_id, part_id(admin), 2)
    repair_orders.take_step(admin, order_id, K.ASSIGN, now - timedelta(hours=3), assignee="李师傅")
    repair_orders.take_step(admin, order_id, K.REPAIR, now - timedelta(hours=2))
    repair_orders.update_order(
        admin, order_id, repair_orders.order_detail(admin, order_id).as_input(), labour_cost="40"
    )
    repair_orders.take_step(admin, order_id, K.CHECK, now - timedelta(hours=1))
    detail = repair_orders.order_detail(admin, order_id)
    for change in (
        lambda: repair_orders.add_part(admin, order_id, part_id(admin), 1),
        lambda: repair_orders.remove_part(admin, line),
        lambda: repair_orders.update_order(admin, order_id, detail.as_input(), labour_cost="50"),
    ):
        with pytest.raises(ValidationError, match="请先“重新打开”"):
            change()
    # what was reported can still be corrected, the cost stays
    edited = replace(detail.as_input(), problem="楼道灯不亮（东侧）")
    repair_orders.update_order(admin, order_id, edited)
    after = repair_orders.order_detail(admin, order_id)
    assert (after.parts_cost, after.labour_cost) == (Decimal("16.00"), Decimal("40.00"))
    repair_orders.take_step(admin, order_id, K.REOPEN, now, note="漏记一个灯泡")
    repair_orders.add_part(admin, order_id, part_id(admin), 1)
    assert repair_orders.order_detail(admin, order_id).parts_cost == Decimal("24.00")


@pytest.mark.parametrize(
    ("place_change", "field"),
    [
        ({"unit_no": 3}, "unit_no"),  # the building has 2 units
        ({"floor": 7}, "floor"),  # and 6 floors
        ({"compound_id": uuid.uuid4()}, "compound_id"),
    ],
)
def test_a_place_outside_the_building_is_refused(admin, place, place_change, field):
    bad = replace(place, **place_change)
    with pytest.raises(ValidationError) as refused:
        report(admin, bad)
    assert refused.value.field == field
    assert row_counts(admin)["repair_order"] == 0


def test_a_building_of_another_compound_is_refused(admin: AppContext, place: PlaceInput):
    _other, other_buildings = a_compound(admin, "人民新村")
    with pytest.raises(ValidationError, match="这个小区的楼栋"):
        report(admin, replace(place, building_id=other_buildings[0]))


def test_a_report_time_in_the_future_is_refused(admin: AppContext, place: PlaceInput):
    with pytest.raises(FormErrors, match="晚于现在"):
        report(admin, place, hours_ago=-1)


def test_the_report_time_cannot_be_changed_later(admin: AppContext, place: PlaceInput):
    order_id = report(admin, place)
    edited = replace(
        repair_orders.order_detail(admin, order_id).as_input(),
        reported_at=admin.clock.now() - timedelta(hours=1),
    )
    with pytest.raises(ValidationError, match="报修时间保存后不能修改"):
        repair_orders.update_order(admin, order_id, edited)


def test_an_edit_keeps_the_events_and_changes_what_was_reported(admin, place):
    order_id = report(admin, place)
    detail = repair_orders.order_detail(admin, order_id)
    edited = replace(detail.as_input(), problem="楼道灯和开关都坏了", reporter_phone="")
    repair_orders.update_order(admin, order_id, edited, labour_cost="30", version=detail.version)
    after = repair_orders.order_detail(admin, order_id)
    assert after.problem == "楼道灯和开关都坏了" and after.labour_cost == Decimal("30.00")
    assert after.events == detail.events
    with pytest.raises(StaleRecord):
        repair_orders.update_order(admin, order_id, edited, version=detail.version)


def test_a_deleted_order_is_kept_with_its_reason(admin: AppContext, place: PlaceInput):
    order_id = report(admin, place)
    repair_orders.delete_order(admin, order_id, "重复报修")
    with pytest.raises(NotFound):
        repair_orders.order_detail(admin, order_id)
    with admin.reading() as session:
        kept = session.get(RepairOrder, order_id)
        assert kept is not None and kept.delete_reason == "重复报修"


def test_checking_can_require_an_after_photo(admin: AppContext, place: PlaceInput):
    save_repair_settings(admin, RepairSettings(after_photo_required=True))
    order_id = report(admin, place)
    now = admin.clock.now()
    repair_orders.take_step(admin, order_id, K.ASSIGN, now - timedelta(hours=3), assignee="李师傅")
    repair_orders.take_step(admin, order_id, K.REPAIR, now - timedelta(hours=2))
    with pytest.raises(ValidationError, match="维修后的照片"):
        repair_orders.take_step(admin, order_id, K.CHECK, now)
    assert repair_orders.order_detail(admin, order_id).status is OrderStatus.REPAIRED


def test_the_full_phone_needs_the_right_and_is_audited(admin: AppContext, place: PlaceInput):
    order_id = report(admin, place)
    assert repair_orders.order_detail(admin, order_id, full=True).reporter_phone == "13812345678"
    staff = logged_in_as(admin, "wuguan", Role.PROPERTY)
    assert repair_orders.order_detail(staff, order_id).reporter_phone == "138****5678"
    with pytest.raises(PermissionDenied):
        repair_orders.order_detail(staff, order_id, full=True)


def test_property_staff_log_orders_and_viewers_only_read(admin: AppContext, place: PlaceInput):
    staff = logged_in_as(admin, "wuguan", Role.PROPERTY)
    order_id = report(staff, place)
    viewer = logged_in_as(admin, "kan", Role.VIEWER)
    assert repair_orders.order_detail(viewer, order_id).problem == "楼道灯不亮"
    with pytest.raises(PermissionDenied):
        repair_orders.take_step(viewer, order_id, K.ASSIGN, viewer.clock.now(), assignee="李师傅")
    checkpoint = logged_in_as(admin, "kadian", Role.CHECKPOINT)
    with pytest.raises(PermissionDenied):
        repair_orders.order_detail(checkpoint, order_id)


def test_the_parts_cost_is_the_sum_of_the_line_costs_as_shown(admin: AppContext, place: PlaceInput):
    order_id = report(admin, place)
    with admin.uow() as session:
        wire = session.get(Part, part_id(admin, "电线"))
        assert wire is not None
        wire.unit_price = Decimal("0.33")
    for _ in range(3):
        repair_orders.add_part(admin, order_id, part_id(admin, "电线"), "2.5")  # 0.825 each
    detail = repair_orders.order_detail(admin, order_id)
    assert [line.cost for line in detail.parts] == [Decimal("0.83")] * 3
    assert detail.parts_cost == Decimal("2.49")  # not 2.48 (0.825 × 3 rounded once)
    assert verify(admin).ok


def test_a_new_installation_never_takes_a_short_code_another_one_has(admin: AppContext):
    from jinsha_desktop.db.models import Installation
    from jinsha_desktop.services.repair_catalogue import free_short_code

    newcomer = uuid.uuid4()
    with admin.uow() as session:  # a laptop whose code happens to be the newcomer's
        session.add(Installation(name="另一台", short_code=short_code_for(newcomer)))
    with admin.reading() as session:
        code = free_short_code(session, newcomer)
        taken = set(session.scalars(select(Installation.short_code)).all())
    assert code != short_code_for(newcomer) and code not in taken and len(code) == 4
