"""Repair orders (报修单): their workflow, numbers and the rules of their inputs.

An order's status and dates are never typed: they are folded from its append-only events
(`fold_events`), so a status can never be set without the date it was reached. Every step is
checked here (`next_state`): the form, the survey conversion, the importers and (later) the
bundle merge share the one rule.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from jinsha_desktop.domain.contact import clean_phone
from jinsha_desktop.domain.errors import FieldChecks, ValidationError
from jinsha_desktop.domain.fields import CellKind, text_of
from jinsha_desktop.domain.text import clean_name, clean_optional_text


class OrderStatus(StrEnum):
    REPORTED = "reported"
    ASSIGNED = "assigned"
    REPAIRED = "repaired"
    CHECKED = "checked"
    REJECTED = "rejected"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self in (OrderStatus.REPORTED, OrderStatus.ASSIGNED, OrderStatus.REPAIRED)


_STATUS_LABELS = {
    OrderStatus.REPORTED: "已报修",
    OrderStatus.ASSIGNED: "已派单",
    OrderStatus.REPAIRED: "已维修",
    OrderStatus.CHECKED: "已验收",
    OrderStatus.REJECTED: "已驳回",
    OrderStatus.CANCELLED: "已取消",
}
OPEN_STATUSES = tuple(status for status in OrderStatus if status.is_open)


class OrderSource(StrEnum):
    SURVEY = "survey"
    RESIDENT = "resident"
    INSPECTION = "inspection"

    @property
    def label(self) -> str:
        return {"survey": "排查发现", "resident": "居民报修", "inspection": "检查发现"}[self.value]


class EventKind(StrEnum):
    REPORT = "report"
    ASSIGN = "assign"
    REPAIR = "repair"
    CHECK = "check"
    REJECT = "reject"
    CANCEL = "cancel"
    REOPEN = "reopen"

    @property
    def label(self) -> str:
        return _EVENT_LABELS[self]


_EVENT_LABELS = {
    EventKind.REPORT: "报修",
    EventKind.ASSIGN: "派单",
    EventKind.REPAIR: "维修完成",
    EventKind.CHECK: "验收通过",
    EventKind.REJECT: "驳回",
    EventKind.CANCEL: "取消",
    EventKind.REOPEN: "重新打开",
}

# Which step may follow which status, and the status it leads to. Reopening is the only way
# back from a closed order (or a repair that failed its check), and it needs a reason.
_STEPS: dict[tuple[OrderStatus, EventKind], OrderStatus] = {
    (OrderStatus.REPORTED, EventKind.ASSIGN): OrderStatus.ASSIGNED,
    (OrderStatus.REPORTED, EventKind.REJECT): OrderStatus.REJECTED,
    (OrderStatus.REPORTED, EventKind.CANCEL): OrderStatus.CANCELLED,
    (OrderStatus.ASSIGNED, EventKind.ASSIGN): OrderStatus.ASSIGNED,
    (OrderStatus.ASSIGNED, EventKind.REPAIR): OrderStatus.REPAIRED,
    (OrderStatus.ASSIGNED, EventKind.REJECT): OrderStatus.REJECTED,
    (OrderStatus.ASSIGNED, EventKind.CANCEL): OrderStatus.CANCELLED,
    (OrderStatus.REPAIRED, EventKind.CHECK): OrderStatus.CHECKED,
}
_REOPENABLE = (
    OrderStatus.REPAIRED,
    OrderStatus.CHECKED,
    OrderStatus.REJECTED,
    OrderStatus.CANCELLED,
)
NEEDS_REASON = frozenset({EventKind.REJECT, EventKind.CANCEL, EventKind.REOPEN})


def steps_from(status: OrderStatus) -> tuple[EventKind, ...]:
    """The steps a user may take on an order in this status (the form offers these)."""
    steps = [kind for (start, kind) in _STEPS if start is status]
    if status in _REOPENABLE:
        steps.append(EventKind.REOPEN)
    return tuple(steps)


@dataclass(frozen=True)
class Event:
    """One step as the fold reads it."""

    kind: EventKind
    at: datetime
    assignee: str = ""
    note: str = ""


@dataclass(frozen=True)
class OrderState:
    """What an order's events add up to."""

    status: OrderStatus
    reported_at: datetime
    assignee: str = ""
    assigned_at: datetime | None = None
    repaired_at: datetime | None = None
    checked_at: datetime | None = None
    closed_at: datetime | None = None
    last_at: datetime | None = None
    """When the latest step happened: the next cannot be earlier."""


def next_state(state: OrderState | None, event: Event, now: datetime) -> OrderState:
    """The state after `event`, or ValidationError saying why the step cannot be taken."""
    if event.at > now:
        raise ValidationError("时间不能晚于现在，请核对。", "at")
    if state is None:
        if event.kind is not EventKind.REPORT:
            raise ValidationError("报修单的第一步必须是报修。", "kind")
        return OrderState(OrderStatus.REPORTED, event.at, last_at=event.at)
    if event.kind is EventKind.REPORT:
        raise ValidationError("这张报修单已经报修过了。", "kind")
    if event.at < state.reported_at:
        reported = text_of(state.reported_at, CellKind.DATETIME)
        raise ValidationError(f"时间不能早于报修时间（{reported}）。", "at")
    if state.last_at is not None and event.at < state.last_at:
        last = text_of(state.last_at, CellKind.DATETIME)
        raise ValidationError(f"时间不能早于上一步（{last}）。", "at")
    if event.kind in NEEDS_REASON and not event.note.strip():
        raise ValidationError(f"请填写{event.kind.label}的原因。", "note")
    moved = replace(state, last_at=event.at)
    if event.kind is EventKind.REOPEN:
        if state.status not in _REOPENABLE:
            raise ValidationError(f"{state.status.label}的报修单不需要重新打开。", "kind")
        back = OrderStatus.ASSIGNED if state.assignee else OrderStatus.REPORTED
        return replace(moved, status=back, repaired_at=None, checked_at=None, closed_at=None)
    target = _STEPS.get((state.status, event.kind))
    if target is None:
        raise ValidationError(_refusal(state.status, event.kind), "kind")
    if event.kind is EventKind.ASSIGN:
        if not event.assignee.strip():
            raise ValidationError("请填写维修人员或施工单位。", "assignee")
        return replace(moved, status=target, assignee=event.assignee, assigned_at=event.at)
    if event.kind is EventKind.REPAIR:
        return replace(moved, status=target, repaired_at=event.at)
    if event.kind is EventKind.CHECK:
        return replace(moved, status=target, checked_at=event.at, closed_at=event.at)
    return replace(moved, status=target, closed_at=event.at)  # rejected, cancelled


def _refusal(status: OrderStatus, kind: EventKind) -> str:
    if kind is EventKind.REPAIR and status is OrderStatus.REPORTED:
        return "请先派单，再登记维修完成。"
    if kind is EventKind.CHECK and status is not OrderStatus.REPAIRED:
        return "还没有维修完成，不能验收。"
    if not status.is_open:
        return f"这张报修单{status.label}，如需继续处理，请先“重新打开”并说明原因。"
    return f"{status.label}的报修单不能{kind.label}。"


def fold_events(events: list[Event], now: datetime) -> OrderState:
    """The state an order's events (in the order they happened) lead to."""
    state: OrderState | None = None
    for event in events:
        state = next_state(state, event, now)
    if state is None:
        raise ValidationError("报修单没有报修记录。", "kind")
    return state


def parts_allowed(status: OrderStatus) -> bool:
    """Parts and labour are recorded while an order is open. A rejected or cancelled order used
    none, and a checked one is closed: its cost is what was checked (reopen it to correct)."""
    return status.is_open


def check_costs_open(status: OrderStatus, field: str) -> None:
    """ValidationError unless the order's parts and labour may still change (`parts_allowed`)."""
    if not parts_allowed(status):
        raise ValidationError(
            f"{status.label}的报修单不能再改用料或人工费；如需更正，请先“重新打开”并说明原因。",
            field,
        )


class PartKind(StrEnum):
    """What the totals count a part as (the catalogue can hold many bulbs, one kind)."""

    BULB = "bulb"
    SWITCH = "switch"
    SPLITTER = "splitter"
    WIRE = "wire"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "bulb": "灯泡",
            "switch": "开关",
            "splitter": "均分器",
            "wire": "电线",
            "other": "其他",
        }[self.value]


# The catalogue seeded at first use; the administrator edits names, units and prices.
DEFAULT_PARTS: tuple[tuple[str, PartKind, str, Decimal], ...] = (
    ("LED 灯泡", PartKind.BULB, "个", Decimal("8.00")),
    ("声控开关", PartKind.SWITCH, "个", Decimal("15.00")),
    ("均分器", PartKind.SPLITTER, "个", Decimal("12.00")),
    ("电线", PartKind.WIRE, "米", Decimal("2.50")),
    ("灯座", PartKind.OTHER, "个", Decimal("5.00")),
)


# The clean-up categories seeded with the schema; the administrator edits and adds more.
DEFAULT_CLEANUP_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("乱堆乱放", "处"),
    ("乱拉乱挂", "处"),
    ("毁绿占绿", "处"),
    ("私搭乱建", "处"),
    ("停车位施划", "个"),
)

SEED_NAMESPACE = uuid.UUID("5b0f7f0e-4a4e-4d1c-9a39-0c6f1d3a1e13")


def seed_id(table: str, name: str) -> uuid.UUID:
    """The id of a seeded reference row: the same on every laptop, so bundles merge it once."""
    return uuid.uuid5(SEED_NAMESPACE, f"{table}:{name}")


class Group(StrEnum):
    """Who takes part in surveys and clean-ups (共治共建共管)."""

    CADRES = "cadres"
    URBAN_OFFICERS = "urban_officers"
    PROPERTY_STAFF = "property_staff"
    VOLUNTEERS = "volunteers"

    @property
    def label(self) -> str:
        return {
            "cadres": "机关社区干部",
            "urban_officers": "城管队员",
            "property_staff": "物管人员",
            "volunteers": "志愿者",
        }[self.value]


_CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: read aloud and typed back


def short_code_for(installation_id: uuid.UUID) -> str:
    """Four letters from the installation's id: printed in its order numbers (JS7K-000123)."""
    value = installation_id.int
    letters = []
    for _ in range(4):
        value, index = divmod(value, len(_CODE_LETTERS))
        letters.append(_CODE_LETTERS[index])
    return "".join(letters)


def order_number(short_code: str, seq: int) -> str:
    return f"{short_code}-{seq:06d}"


@dataclass(frozen=True)
class PlaceInput:
    """Where a fault is: a compound, and within it a building, unit (单元) and floor."""

    compound_id: uuid.UUID | None
    building_id: uuid.UUID | None = None
    unit_no: int | None = None
    floor: int | None = None
    location_note: str = ""

    def cleaned(self, checks: FieldChecks) -> PlaceInput:
        if self.compound_id is None:
            checks.fail("请选择小区。", "compound_id")
        if self.building_id is None and (self.unit_no or self.floor):
            checks.fail("填写单元或楼层前，请先选择楼栋。", "building_id")
        checks.check(whole_number, self.unit_no, "单元", "unit_no", 0, 50)
        checks.check(whole_number, self.floor, "楼层", "floor", -3, 100)
        note = checks.check(
            clean_optional_text, self.location_note, "位置", "location_note", max_length=100
        )
        return replace(self, location_note=note or "")


@dataclass(frozen=True)
class OrderInput:
    """A repair order as reported (by a resident, a survey or an inspection)."""

    place: PlaceInput
    problem: str
    reported_at: datetime
    source: OrderSource = OrderSource.RESIDENT
    reporter_name: str = ""
    reporter_phone: str = ""
    note: str = ""

    def cleaned(self, now: datetime) -> OrderInput:
        checks = FieldChecks()
        place = self.place.cleaned(checks)
        problem = checks.check(clean_name, self.problem, "问题描述", "problem", max_length=500)
        name = checks.check(
            clean_optional_text, self.reporter_name, "报修人", "reporter_name", max_length=50
        )
        phone = checks.check(clean_phone, self.reporter_phone, "reporter_phone")
        note = checks.check(clean_optional_text, self.note, "备注", "note", max_length=500)
        if self.reported_at > now:
            checks.fail("报修时间不能晚于现在，请核对。", "reported_at")
        checks.raise_errors()
        return replace(
            self,
            place=place,
            problem=problem or "",
            reporter_name=name or "",
            reporter_phone=phone or "",
            note=note or "",
        )


def whole_number(value: object, label: str, field: str, lowest: int, highest: int) -> int | None:
    """An optional whole number in a range ("" and None: not given)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{label}应为整数。", field)
    if not lowest <= value <= highest:
        raise ValidationError(f"{label}应在 {lowest} 到 {highest} 之间。", field)
    return value


def count_of(value: object, label: str, field: str, highest: int = 100_000) -> int:
    """A count typed or imported: a whole number, never negative ("" is 0)."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{label}应为整数，如 3。", field)
    if value < 0:
        raise ValidationError(f"{label}不能是负数。", field)
    if value > highest:
        raise ValidationError(f"{label}不能超过 {highest}。", field)
    return value


CENTS = Decimal("0.01")


def quantity_of(value: object, field: str = "quantity") -> Decimal:
    """A part line's quantity: more than 0, at most two decimals (wire by the metre: 2.5)."""
    try:
        amount = Decimal(str(value).strip()) if value is not None else Decimal("NaN")
    except InvalidOperation:
        raise ValidationError("数量应为数字，如 2 或 2.5。", field) from None
    if not amount.is_finite():
        raise ValidationError("数量应为数字，如 2 或 2.5。", field)
    if amount <= 0:
        raise ValidationError("数量必须大于 0。", field)
    if amount > 10_000 or amount != amount.quantize(CENTS):
        raise ValidationError("数量最多 10000，小数最多两位。", field)
    return amount.quantize(CENTS)  # as the database gives it back: 2.50


def quantity_text(quantity: Decimal) -> str:
    """A part line's quantity as people write it: 3.00 → 3, 2.50 → 2.5."""
    text = f"{quantity:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def line_cost(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """A part line's cost in yuan, rounded half up to the cent (2.5 m at 0.33 = 0.83): an
    order's parts cost is the sum of these, so the lines shown always add up to it."""
    return (Decimal(quantity) * Decimal(unit_price)).quantize(CENTS, rounding=ROUND_HALF_UP)


def money_of(value: object, label: str, field: str) -> Decimal:
    """An amount in yuan: not negative, two decimals at most ("" is 0)."""
    if value is None or value == "":
        return Decimal("0")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(f"{label}应为金额，如 12.50。", field) from None
    if not amount.is_finite():
        raise ValidationError(f"{label}应为金额，如 12.50。", field)
    if amount < 0:
        raise ValidationError(f"{label}不能是负数。", field)
    if amount >= Decimal("10000000") or amount != amount.quantize(CENTS):
        raise ValidationError(f"{label}最多两位小数，且小于一千万元。", field)
    return amount.quantize(CENTS)
