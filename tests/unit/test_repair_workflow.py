"""The repair order's workflow (domain/repairs.py), table-driven: which step may follow which,
what each step's date must be, and what the events fold to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from jinsha_desktop.domain.errors import FormErrors, ValidationError
from jinsha_desktop.domain.repairs import (
    Event,
    EventKind,
    OrderInput,
    OrderStatus,
    PlaceInput,
    fold_events,
    next_state,
    order_number,
    parts_allowed,
    quantity_of,
    short_code_for,
    steps_from,
)

K = EventKind
S = OrderStatus
T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=10)


def at(hours: int) -> datetime:
    return T0 + timedelta(hours=hours)


def events(*kinds: EventKind) -> list[Event]:
    """The steps one hour apart, with an assignee and a reason where they need one."""
    return [
        Event(kind, at(hour), assignee="李师傅" if kind is K.ASSIGN else "", note="原因")
        for hour, kind in enumerate(kinds)
    ]


@pytest.mark.parametrize(
    ("kinds", "status"),
    [
        ((K.REPORT,), S.REPORTED),
        ((K.REPORT, K.ASSIGN), S.ASSIGNED),
        ((K.REPORT, K.ASSIGN, K.ASSIGN), S.ASSIGNED),
        ((K.REPORT, K.ASSIGN, K.REPAIR), S.REPAIRED),
        ((K.REPORT, K.ASSIGN, K.REPAIR, K.CHECK), S.CHECKED),
        ((K.REPORT, K.REJECT), S.REJECTED),
        ((K.REPORT, K.ASSIGN, K.CANCEL), S.CANCELLED),
        ((K.REPORT, K.REJECT, K.REOPEN), S.REPORTED),
        ((K.REPORT, K.ASSIGN, K.REPAIR, K.REOPEN), S.ASSIGNED),  # the check failed: redo
        ((K.REPORT, K.ASSIGN, K.REPAIR, K.CHECK, K.REOPEN, K.REPAIR, K.CHECK), S.CHECKED),
    ],
)
def test_the_events_fold_to_the_status(kinds, status):
    assert fold_events(events(*kinds), NOW).status is status


@pytest.mark.parametrize(
    ("kinds", "refused", "message"),
    [
        ((K.REPORT,), K.REPAIR, "请先派单"),  # no repaired before assigned
        ((K.REPORT,), K.CHECK, "还没有维修完成"),
        ((K.REPORT, K.ASSIGN), K.CHECK, "还没有维修完成"),
        ((K.REPORT, K.ASSIGN, K.REPAIR, K.CHECK), K.ASSIGN, "重新打开"),  # reopen is explicit
        ((K.REPORT, K.REJECT), K.ASSIGN, "重新打开"),
        ((K.REPORT, K.CANCEL), K.REPAIR, "重新打开"),
        ((K.REPORT,), K.REOPEN, "不需要重新打开"),
        ((K.REPORT, K.ASSIGN), K.REOPEN, "不需要重新打开"),
        ((K.REPORT,), K.REPORT, "已经报修过"),
        ((), K.ASSIGN, "第一步必须是报修"),
    ],
)
def test_a_step_out_of_order_is_refused_with_a_reason(kinds, refused, message):
    state = fold_events(events(*kinds), NOW) if kinds else None
    step = Event(refused, at(20), assignee="李师傅", note="原因")
    with pytest.raises(ValidationError, match=message):
        next_state(state, step, NOW)


@pytest.mark.parametrize(
    ("step", "field", "message"),
    [
        (Event(K.ASSIGN, T0 - timedelta(minutes=1), "李师傅"), "at", "早于报修时间"),
        (Event(K.ASSIGN, NOW + timedelta(minutes=1), "李师傅"), "at", "晚于现在"),
        (Event(K.ASSIGN, at(1), ""), "assignee", "维修人员或施工单位"),
        (Event(K.REJECT, at(1), note="  "), "note", "驳回的原因"),
        (Event(K.CANCEL, at(1)), "note", "取消的原因"),
    ],
)
def test_a_step_with_a_bad_date_or_a_missing_reason_is_refused(step, field, message):
    state = fold_events(events(K.REPORT), NOW)
    with pytest.raises(ValidationError, match=message) as refused:
        next_state(state, step, NOW)
    assert refused.value.field == field


def test_a_step_cannot_be_dated_before_the_previous_one():
    state = fold_events(events(K.REPORT, K.ASSIGN, K.ASSIGN), NOW)  # last at hour 2
    with pytest.raises(ValidationError, match="早于上一步"):
        next_state(state, Event(K.REPAIR, at(1)), NOW)


def test_every_status_has_its_dates_and_reopening_clears_the_closing_ones():
    done = fold_events(events(K.REPORT, K.ASSIGN, K.REPAIR, K.CHECK), NOW)
    assert (done.reported_at, done.assigned_at, done.repaired_at, done.checked_at) == (
        at(0),
        at(1),
        at(2),
        at(3),
    )
    assert done.closed_at == at(3) and done.assignee == "李师傅"
    reopened = fold_events(events(K.REPORT, K.ASSIGN, K.REPAIR, K.CHECK, K.REOPEN), NOW)
    assert reopened.status is S.ASSIGNED
    assert reopened.repaired_at is reopened.checked_at is reopened.closed_at is None
    assert reopened.assigned_at == at(1)


@pytest.mark.parametrize("status", list(OrderStatus))
def test_the_steps_offered_are_the_ones_the_fold_accepts(status):
    for kind in EventKind:
        offered = kind in steps_from(status)
        state = fold_events(events(*_path_to(status)), NOW)
        try:
            next_state(state, Event(kind, at(30), "李师傅", "原因"), NOW)
            accepted = True
        except ValidationError:
            accepted = False
        assert offered is accepted, (status, kind)


def _path_to(status: OrderStatus) -> tuple[EventKind, ...]:
    return {
        S.REPORTED: (K.REPORT,),
        S.ASSIGNED: (K.REPORT, K.ASSIGN),
        S.REPAIRED: (K.REPORT, K.ASSIGN, K.REPAIR),
        S.CHECKED: (K.REPORT, K.ASSIGN, K.REPAIR, K.CHECK),
        S.REJECTED: (K.REPORT, K.REJECT),
        S.CANCELLED: (K.REPORT, K.CANCEL),
    }[status]


@pytest.mark.parametrize(("status", "allowed"), [(s, s.is_open) for s in S])
def test_parts_and_labour_change_only_while_an_order_is_open(status, allowed):
    assert parts_allowed(status) is allowed


@pytest.mark.parametrize(
    ("typed", "quantity", "message"),
    [
        ("2", Decimal("2"), None),
        ("2.5", Decimal("2.5"), None),
        (3, Decimal("3"), None),
        ("0", None, "大于 0"),
        ("-1", None, "大于 0"),
        ("abc", None, "应为数字"),
        ("nan", None, "应为数字"),
        ("1.234", None, "小数最多两位"),
        ("100000", None, "最多 10000"),
    ],
)
def test_part_quantities(typed, quantity, message):
    if message is None:
        assert quantity_of(typed) == quantity
    else:
        with pytest.raises(ValidationError, match=message):
            quantity_of(typed)


def test_order_numbers_carry_the_installations_short_code():
    import uuid

    codes = {short_code_for(uuid.uuid4()) for _ in range(200)}
    assert len(codes) > 190  # practically unique per laptop
    assert all(len(code) == 4 and not set(code) & set("IO01") for code in codes)
    assert order_number("JS7K", 12) == "JS7K-000012"


def test_an_order_input_collects_every_bad_field():
    bad = OrderInput(
        PlaceInput(None, None, unit_no=2, floor=200),
        "",
        NOW + timedelta(hours=1),
        reporter_phone="12345",
    )
    with pytest.raises(FormErrors) as refused:
        bad.cleaned(NOW)
    fields = {error.field for error in refused.value.errors}
    assert fields == {
        "compound_id",
        "building_id",
        "floor",
        "problem",
        "reporter_phone",
        "reported_at",
    }
