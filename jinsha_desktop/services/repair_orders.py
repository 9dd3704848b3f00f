"""Repair orders (报修单): report, take a step, parts, labour, delete, read one.

An order's status and dates are the fold of its events (domain/repairs.py). Every step appends
one event and writes the fold's result on the order in the same unit of work, so the two never
disagree; nothing here sets a status any other way.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.reference_models import Building, Compound
from jinsha_desktop.db.repair_models import (
    Part,
    RepairEvent,
    RepairOrder,
    RepairPart,
    SurveyCampaign,
    SurveyLine,
)
from jinsha_desktop.domain.errors import FieldChecks, NotFound, ValidationError
from jinsha_desktop.domain.masking import mask_phone
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repairs import (
    CENTS,
    Event,
    EventKind,
    OrderInput,
    OrderSource,
    OrderState,
    OrderStatus,
    PartKind,
    PlaceInput,
    check_costs_open,
    fold_events,
    line_cost,
    money_of,
    next_state,
    order_number,
    quantity_of,
)
from jinsha_desktop.domain.text import clean_name, clean_optional_text
from jinsha_desktop.services import photos
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.editing import delete_with_reason, load_for_edit, set_changed
from jinsha_desktop.services.personal_data import grant_full_view
from jinsha_desktop.services.repair_catalogue import installation_short_code
from jinsha_desktop.services.repair_order_detail import EventRow, OrderDetail, PartLine
from jinsha_desktop.services.repair_settings import repair_settings_in

TABLE = RepairOrder.__tablename__
WHAT = "这张报修单"


def report_order(
    context: AppContext,
    order: OrderInput,
    *,
    campaign_id: uuid.UUID | None = None,
    photos_before: Sequence[photos.StoredPhoto] = (),
) -> uuid.UUID:
    """A new order (a resident's report, a survey or inspection finding), with its photos."""
    context.require(Permission.LOG_REPAIRS)
    with context.uow() as session:
        record = new_order(session, context, order, campaign_id)
        photos.link_photos(session, TABLE, record.id, photos_before, "before")
        return record.id


def new_order(
    session: Session,
    context: AppContext,
    order: OrderInput,
    campaign_id: uuid.UUID | None = None,
) -> RepairOrder:
    """An order and its "reported" event inside the caller's unit of work (the survey
    conversion makes many in one). `order` is cleaned here as well."""
    order = order.cleaned(context.clock.now())
    _check_place(session, order.place)
    if campaign_id is not None:
        campaign = session.get(SurveyCampaign, campaign_id)
        if campaign is None or campaign.deleted_at is not None:
            raise ValidationError("找不到这个排查活动，可能已被删除。", "campaign_id")
    code = installation_short_code(session, context.installation_id)
    last = session.scalar(
        select(func.max(RepairOrder.seq)).where(
            RepairOrder.installation_id == context.installation_id
        )
    )
    seq = (last or 0) + 1
    state = next_state(None, Event(EventKind.REPORT, order.reported_at), context.clock.now())
    place = order.place
    record = RepairOrder(
        number=order_number(code, seq),
        seq=seq,
        source=order.source.value,
        campaign_id=campaign_id,
        compound_id=place.compound_id,
        building_id=place.building_id,
        unit_no=place.unit_no,
        floor=place.floor,
        location_note=place.location_note,
        problem=order.problem,
        reporter_name=order.reporter_name,
        reporter_phone=order.reporter_phone,
        note=order.note,
        status=state.status.value,
        reported_at=state.reported_at,
    )
    session.add(record)
    session.flush()
    session.add(
        RepairEvent(
            order_id=record.id,
            kind=EventKind.REPORT.value,
            at=order.reported_at,
            by_name=_who(context),
        )
    )
    return record


def take_step(
    context: AppContext,
    order_id: uuid.UUID,
    kind: EventKind,
    at: datetime,
    *,
    assignee: str = "",
    note: str = "",
    photos_after: Sequence[photos.StoredPhoto] = (),
    version: int | None = None,
) -> None:
    """Assign, record the repair, check, reject, cancel or reopen: one event appended."""
    context.require(Permission.LOG_REPAIRS)
    checks = FieldChecks()
    if kind is EventKind.ASSIGN:
        assignee = checks.check(clean_name, assignee, "维修人员或施工单位", "assignee") or ""
    cleaned_note = checks.check(clean_optional_text, note, "说明", "note", max_length=500)
    checks.raise_errors()
    with context.uow() as session:
        settings = repair_settings_in(session)
        order = load_for_edit(session, RepairOrder, order_id, version, WHAT)
        state = _state_of(session, order, context.clock.now())
        after = next_state(
            state, Event(kind, at, assignee, cleaned_note or ""), context.clock.now()
        )
        if (
            kind is EventKind.CHECK
            and settings.after_photo_required
            and not photos_after
            and not photos.has_photo(session, TABLE, order.id, "after")
        ):
            raise ValidationError("验收前请先添加维修后的照片。", "photos")
        session.add(
            RepairEvent(
                order_id=order.id,
                kind=kind.value,
                at=at,
                by_name=_who(context),
                assignee=assignee,
                note=cleaned_note or "",
            )
        )
        _write_state(order, after)
        photos.link_photos(session, TABLE, order.id, photos_after, "after")


def add_part(
    context: AppContext,
    order_id: uuid.UUID,
    part_id: uuid.UUID | None,
    quantity: object,
    *,
    version: int | None = None,
) -> uuid.UUID:
    """A part line at the catalogue's current unit price, kept with the line for ever."""
    context.require(Permission.LOG_REPAIRS)
    amount = quantity_of(quantity)
    with context.uow() as session:
        order = load_for_edit(session, RepairOrder, order_id, version, WHAT)
        check_costs_open(OrderStatus(order.status), "part_id")
        part = session.get(Part, part_id) if part_id is not None else None
        if part is None or part.deleted_at is not None:
            raise ValidationError("找不到这个配件，请从配件目录中选择。", "part_id")
        line = RepairPart(
            order_id=order.id,
            part_id=part.id,
            part_name=part.name,
            part_kind=part.kind,
            unit=part.unit,
            quantity=amount,
            unit_price=part.unit_price,
        )
        session.add(line)
        session.flush()
        _update_parts_cost(session, order)
        return line.id


def remove_part(context: AppContext, line_id: uuid.UUID) -> None:
    """A part line typed by mistake, removed (soft delete: the audit log keeps it)."""
    context.require(Permission.LOG_REPAIRS)
    with context.uow() as session:
        line = load_for_edit(session, RepairPart, line_id, None, "这条用料")
        order = load_for_edit(session, RepairOrder, line.order_id, None, WHAT)
        check_costs_open(OrderStatus(order.status), "part_id")
        line.deleted_at = context.clock.now()
        session.flush()
        _update_parts_cost(session, order)


def update_order(
    context: AppContext,
    order_id: uuid.UUID,
    order: OrderInput,
    *,
    labour_cost: object = None,
    version: int | None = None,
) -> None:
    """Correct what was reported (place, problem, reporter) and the labour cost. The report
    time is the first event's: it stays as saved. A phone left as shown masked stays as stored;
    a labour cost of None stays as it is (and changes only while the order is open)."""
    context.require(Permission.LOG_REPAIRS)
    labour = None if labour_cost is None else money_of(labour_cost, "人工费", "labour_cost")
    with context.uow() as session:
        record = load_for_edit(session, RepairOrder, order_id, version, WHAT)
        if labour is None:
            labour = record.labour_cost
        elif labour != record.labour_cost:
            check_costs_open(OrderStatus(record.status), "labour_cost")
        if record.reporter_phone and order.reporter_phone == mask_phone(record.reporter_phone):
            order = replace(order, reporter_phone=record.reporter_phone)
        cleaned = order.cleaned(context.clock.now())
        if cleaned.reported_at != record.reported_at:
            raise ValidationError(
                "报修时间保存后不能修改；如果登记错了，请取消这张报修单并重新登记。",
                "reported_at",
            )
        _check_place(session, cleaned.place)
        place = cleaned.place
        values = {
            "compound_id": place.compound_id,
            "building_id": place.building_id,
            "unit_no": place.unit_no,
            "floor": place.floor,
            "location_note": place.location_note,
            "problem": cleaned.problem,
            "reporter_name": cleaned.reporter_name,
            "reporter_phone": cleaned.reporter_phone,
            "note": cleaned.note,
            "labour_cost": labour,
        }
        set_changed(record, values)


def delete_order(
    context: AppContext, order_id: uuid.UUID, reason: str, version: int | None = None
) -> None:
    """Soft delete with a reason: out of lists and totals, kept in the database. The survey
    findings it was made from are released (typed again or turned into an order anew), never
    left counted as converted to an order nobody sees."""
    context.require(Permission.LOG_REPAIRS)
    delete_with_reason(context, RepairOrder, order_id, version, WHAT, reason, _release_findings)


def _release_findings(session: Session, order: RepairOrder) -> None:
    for line in session.scalars(select(SurveyLine).where(SurveyLine.repair_order_id == order.id)):
        line.repair_order_id = None


def order_detail(context: AppContext, order_id: uuid.UUID, *, full: bool = False) -> OrderDetail:
    context.require(Permission.VIEW_REPAIRS)
    grant_full_view(context, full, "查看报修单的完整电话", table_name=TABLE)
    now = context.clock.now()
    with context.reading() as session:
        settings = repair_settings_in(session)
        order = load_for_edit(session, RepairOrder, order_id, None, WHAT)
        compound = session.get(Compound, order.compound_id)
        building = session.get(Building, order.building_id) if order.building_id else None
        campaign = session.get(SurveyCampaign, order.campaign_id) if order.campaign_id else None
        events = _events(session, order.id)
        lines = session.scalars(
            select(RepairPart)
            .where(RepairPart.order_id == order.id, RepairPart.deleted_at.is_(None))
            .order_by(RepairPart.created_at)
        ).all()
        shown_photos = photos.photos_of(session, photos.photo_folder(context), TABLE, order.id)
        status = OrderStatus(order.status)
        days_open = (now - order.reported_at).days
        return OrderDetail(
            id=order.id,
            version=order.version,
            number=order.number,
            source=OrderSource(order.source),
            campaign_name=campaign.name if campaign is not None else "",
            unit_name=compound.unit.name if compound is not None else "",
            compound_id=order.compound_id,
            compound_name=compound.name if compound is not None else "",
            building_id=order.building_id,
            building_name=building.name if building is not None else "",
            unit_no=order.unit_no,
            floor=order.floor,
            location_note=order.location_note,
            problem=order.problem,
            reporter_name=order.reporter_name,
            reporter_phone=order.reporter_phone if full else mask_phone(order.reporter_phone),
            note=order.note,
            reported_at=order.reported_at,
            status=status,
            assignee=order.assignee,
            repaired_at=order.repaired_at,
            checked_at=order.checked_at,
            closed_at=order.closed_at,
            labour_cost=order.labour_cost,
            parts_cost=order.parts_cost,
            events=tuple(
                EventRow(EventKind(e.kind), e.at, e.by_name, e.assignee, e.note, e.created_at)
                for e in events
            ),
            parts=tuple(
                PartLine(
                    line.id, line.part_id, line.part_name, line.unit, line.quantity, line.unit_price
                )
                for line in lines
            ),
            photos=tuple(shown_photos),
            overdue_days=(max(0, days_open - settings.overdue_days) if status.is_open else 0),
        )


# ---------------------------------------------------------------- inside a unit of work


def _who(context: AppContext) -> str:
    return context.user.display_name if context.user is not None else ""


def _check_place(session: Session, place: PlaceInput) -> None:
    """The compound exists, the building is one of its, the unit and floor are within it."""
    compound = session.get(Compound, place.compound_id) if place.compound_id else None
    if compound is None or compound.deleted_at is not None:
        raise ValidationError("找不到这个小区，可能已被删除，请重新选择。", "compound_id")
    if place.building_id is None:
        return
    building = session.get(Building, place.building_id)
    if building is None or building.deleted_at is not None or building.compound_id != compound.id:
        raise ValidationError("请在这个小区的楼栋中选择。", "building_id")
    if place.unit_no and building.unit_count and place.unit_no > building.unit_count:
        raise ValidationError(f"{building.name}只有 {building.unit_count} 个单元。", "unit_no")
    if place.floor and building.floor_count and place.floor > building.floor_count:
        raise ValidationError(f"{building.name}只有 {building.floor_count} 层。", "floor")


def _events(session: Session, order_id: uuid.UUID) -> Sequence[RepairEvent]:
    """An order's events in the order they happened (entered order breaks a tie)."""
    return session.scalars(
        select(RepairEvent)
        .where(RepairEvent.order_id == order_id, RepairEvent.deleted_at.is_(None))
        .order_by(RepairEvent.at, RepairEvent.created_at)
    ).all()


def _state_of(session: Session, order: RepairOrder, now: datetime) -> OrderState:
    events = _events(session, order.id)
    return fold_events([Event(EventKind(e.kind), e.at, e.assignee, e.note) for e in events], now)


def _write_state(order: RepairOrder, state: OrderState) -> None:
    set_changed(
        order,
        {
            "status": state.status.value,
            "assignee": state.assignee,
            "assigned_at": state.assigned_at,
            "repaired_at": state.repaired_at,
            "checked_at": state.checked_at,
            "closed_at": state.closed_at,
        },
    )


def _update_parts_cost(session: Session, order: RepairOrder) -> None:
    """The order's parts cost (the sum of its lines' costs, each rounded as it is shown) and
    its quantities by kind (what the totals sum), from its lines."""
    lines = session.execute(
        select(RepairPart.part_kind, RepairPart.quantity, RepairPart.unit_price).where(
            RepairPart.order_id == order.id, RepairPart.deleted_at.is_(None)
        )
    ).all()
    cost = sum((line_cost(q, price) for _kind, q, price in lines), Decimal("0.00"))
    if order.parts_cost != cost:
        order.parts_cost = cost
    for kind in PartKind:
        quantity = sum((q for k, q, _p in lines if k == kind.value), Decimal(0)).quantize(CENTS)
        if getattr(order, f"parts_{kind.value}") != quantity:
            setattr(order, f"parts_{kind.value}", quantity)


def order_id_of(context: AppContext, number: str) -> uuid.UUID:
    """The order with this number (the command line, a search)."""
    context.require(Permission.VIEW_REPAIRS)
    with context.reading() as session:
        found = session.scalar(
            select(RepairOrder.id).where(
                RepairOrder.number == number.strip().upper(), RepairOrder.deleted_at.is_(None)
            )
        )
    if found is None:
        raise NotFound(f"找不到单号为 {number} 的报修单。")
    return found


def attach_order_photos(
    context: AppContext,
    order_id: uuid.UUID,
    stored: Sequence[photos.StoredPhoto],
    role: str,
) -> None:
    """Photos added to a saved order (before or after), beside the ones it has."""
    context.require(Permission.LOG_REPAIRS)
    if role not in ("before", "after"):
        raise ValidationError("照片只能是维修前或维修后的。", "photos")
    with context.uow() as session:
        order = load_for_edit(session, RepairOrder, order_id, None, WHAT)
        photos.link_photos(session, TABLE, order.id, stored, role)
