"""Findings and their rectification (问题整改): record one (from an inspection's deduction, a
department patrol or a resident), rectify, re-check, cancel, turn into a repair order, read one.

A finding's status and dates are the fold of its events (domain/findings.py): every step appends
one event and writes the fold's result on the finding in the same unit of work.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.inspection_models import (
    Department,
    Finding,
    FindingEvent,
    FindingParty,
    Inspection,
    InspectionAnswer,
)
from jinsha_desktop.db.reference_models import Building, Compound, Unit
from jinsha_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from jinsha_desktop.domain.findings import (
    FindingEventKind,
    FindingInput,
    FindingSource,
    FindingState,
    FindingStatus,
    FindingStep,
    PartyInput,
    fold_steps,
    next_finding_state,
)
from jinsha_desktop.domain.inspections import InspectionStatus, PlaceKind
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repairs import OrderInput, OrderSource, PlaceInput
from jinsha_desktop.domain.text import clean_name, clean_optional_text
from jinsha_desktop.services import photos
from jinsha_desktop.services.context import AppContext, CurrentUser
from jinsha_desktop.services.editing import load_for_edit, set_changed
from jinsha_desktop.services.finding_detail import (
    FindingDetail,
    UnitFindings,
    finding_detail,
    findings_per_unit,
    overdue_open_at,
)
from jinsha_desktop.services.registration import today_of
from jinsha_desktop.services.repair_catalogue import installation_short_code
from jinsha_desktop.services.repair_orders import new_order

__all__ = [
    "FindingDetail",
    "UnitFindings",
    "answer_finding_input",
    "cancel_finding",
    "finding_detail",
    "finding_from_answer",
    "findings_per_unit",
    "new_finding",
    "overdue_open_at",
    "recheck",
    "rectify",
    "repair_order_from_finding",
]

TABLE = Finding.__tablename__
WHAT = "这个问题"
DEFAULT_DAYS = 7
"""A deduction's finding is due a week after the inspection unless the inspector says else."""


def new_finding(
    context: AppContext, data: FindingInput, *, photos: Sequence[photos.StoredPhoto] = ()
) -> uuid.UUID:
    """A department patrol's or a resident's finding, entered on its own (or an inspection
    team's noted outside a scored inspection)."""
    context.require(Permission.INSPECT)
    data = data.cleaned(today_of(context))
    with context.uow() as session:
        finding = _add(session, context, data, None, None)
        _link(session, finding.id, photos, "before")
        return finding.id


def answer_finding_input(context: AppContext, answer_id: uuid.UUID) -> FindingInput:
    """What a finding from this deduction starts as: the item and its note as the problem, the
    inspection's unit and place, found on the inspection's day, due a week later."""
    context.require(Permission.INSPECT)
    with context.reading() as session:
        answer, inspection = _deduction(session, answer_id)
        problem = answer.text if not answer.note else f"{answer.text}：{answer.note}"
        return FindingInput(
            source=FindingSource.INSPECTION,
            unit_id=inspection.unit_id,
            problem=problem[:500],
            found_on=inspection.inspected_on,
            deadline=inspection.inspected_on.fromordinal(
                inspection.inspected_on.toordinal() + DEFAULT_DAYS
            ),
            lead=PartyInput(unit_id=inspection.unit_id),
            place_kind=PlaceKind(inspection.place_kind),
            compound_id=inspection.compound_id,
            place=inspection.place,
        )


def finding_from_answer(
    context: AppContext,
    answer_id: uuid.UUID,
    data: FindingInput,
    *,
    photos: Sequence[photos.StoredPhoto] = (),
) -> uuid.UUID:
    """A deduction of an inspection made a finding: linked to both, the answer's photos copied
    onto it (as "before"), beside any photos given."""
    context.require(Permission.INSPECT)
    with context.uow() as session:
        answer, inspection = _deduction(session, answer_id)
        data = data.cleaned(today_of(context), inspection.inspected_on)
        finding = _add(session, context, data, inspection, answer)
        _copy_photos(session, answer.id, finding.id)
        _link(session, finding.id, photos, "before")
        return finding.id


def rectify(
    context: AppContext,
    finding_id: uuid.UUID,
    done_on: date | None,
    note: str,
    *,
    photos: Sequence[photos.StoredPhoto] = (),
) -> None:
    """The unit says what it did (整改完成), with its after photos: waits for the re-check."""
    user = context.require(Permission.RECTIFY)
    note = clean_optional_text(note, "整改情况", "note", max_length=500)
    if done_on is None:
        raise ValidationError("请填写整改完成日期。", "done_on")
    if done_on > today_of(context):
        raise ValidationError("整改完成日期不能晚于今天。", "done_on")
    with context.uow() as session:
        finding = load_for_edit(session, Finding, finding_id, None, WHAT)
        _check_own_unit(session, user, finding)
        _step(session, context, finding, FindingStep(FindingEventKind.RECTIFIED, done_on), note)
        _link(session, finding.id, photos, "after")


def recheck(
    context: AppContext,
    finding_id: uuid.UUID,
    passed: bool,
    on: date | None,
    note: str,
    new_deadline: date | None = None,
) -> None:
    """The inspector's re-check: passed closes the finding (销号); failed sends it back to the
    unit with a new deadline."""
    context.require(Permission.INSPECT)
    note = clean_optional_text(note, "复查意见", "note", max_length=500)
    if on is None:
        raise ValidationError("请填写复查日期。", "on")
    if on > today_of(context):
        raise ValidationError("复查日期不能晚于今天。", "on")
    kind = FindingEventKind.PASSED if passed else FindingEventKind.FAILED
    with context.uow() as session:
        finding = load_for_edit(session, Finding, finding_id, None, WHAT)
        step = FindingStep(kind, on, None if passed else new_deadline)
        _step(session, context, finding, step, note)


def cancel_finding(context: AppContext, finding_id: uuid.UUID, reason: str) -> None:
    """Withdrawn (entered twice, not a problem after all): kept, with the reason, audited."""
    context.require(Permission.INSPECT)
    reason = clean_name(reason, "撤销原因", "reason", max_length=200)
    with context.uow() as session:
        finding = load_for_edit(session, Finding, finding_id, None, WHAT)
        step = FindingStep(FindingEventKind.CANCELLED, today_of(context))
        _step(session, context, finding, step, reason)


def repair_order_from_finding(context: AppContext, finding_id: uuid.UUID) -> uuid.UUID:
    """A broken facility in a compound found by an inspection becomes a repair order of the
    repairs module (source: inspection), once; the finding keeps the order's id."""
    context.require(Permission.INSPECT)
    with context.uow() as session:
        finding = load_for_edit(session, Finding, finding_id, None, WHAT)
        if finding.repair_order_id is not None:
            raise ValidationError("这个问题已经生成过报修单。", "repair_order_id")
        if finding.compound_id is None:
            raise ValidationError(
                "只有小区里的问题才能生成报修单，请先在问题中选择小区。", "compound_id"
            )
        if not FindingStatus(finding.status).is_open:
            raise ValidationError("已销号或已撤销的问题不能再生成报修单。", "status")
        now = context.clock.now()
        order = new_order(
            session,
            context,
            OrderInput(
                PlaceInput(finding.compound_id, finding.building_id, location_note=finding.place),
                problem=f"{finding.problem}（问题 {finding.number}）"[:500],
                reported_at=now,
                source=OrderSource.INSPECTION,
                reporter_name=finding.reporter_name,
                reporter_phone=finding.reporter_phone,
            ),
        )
        finding.repair_order_id = order.id
        photos.copy_photo_links(
            session, (TABLE, finding.id), ("repair_order", order.id), "before", source_role="before"
        )
        return order.id


# ---------------------------------------------------------------- inside a unit of work


def _who(context: AppContext) -> str:
    return context.user.display_name if context.user is not None else ""


def _add(
    session: Session,
    context: AppContext,
    data: FindingInput,
    inspection: Inspection | None,
    answer: InspectionAnswer | None,
) -> Finding:
    _check_places(session, data)
    code = installation_short_code(session, context.installation_id)
    last = session.scalar(
        select(func.max(Finding.seq)).where(Finding.installation_id == context.installation_id)
    )
    seq = (last or 0) + 1
    assert data.found_on is not None and data.deadline is not None  # cleaned
    opened = FindingStep(FindingEventKind.OPENED, data.found_on, data.deadline)
    state = next_finding_state(None, opened)
    finding = Finding(
        number=f"{code}-Z{seq:06d}",
        seq=seq,
        source=data.source.value,
        inspection_id=inspection.id if inspection else None,
        answer_id=answer.id if answer else None,
        unit_id=data.unit_id,
        place_kind=data.place_kind.value,
        compound_id=data.compound_id,
        building_id=data.building_id,
        place=data.place,
        problem=data.problem,
        found_on=data.found_on,
        reporter_name=data.reporter_name,
        reporter_phone=data.reporter_phone,
        patrol=data.patrol,
        note=data.note,
        status=state.status.value,
        deadline=state.deadline,
    )
    session.add(finding)
    session.flush()
    parties = [("lead", data.lead), *(("helper", helper) for helper in data.helpers)]
    for position, (role, party) in enumerate(parties):
        session.add(
            FindingParty(
                finding_id=finding.id,
                role=role,
                unit_id=party.unit_id,
                department_id=party.department_id,
                position=position,
            )
        )
    session.add(
        FindingEvent(
            finding_id=finding.id,
            kind=opened.kind.value,
            at=context.clock.now(),
            by_name=_who(context),
            on=opened.on,
            deadline=opened.deadline,
        )
    )
    return finding


def _check_places(session: Session, data: FindingInput) -> None:
    unit = session.get(Unit, data.unit_id) if data.unit_id else None
    if unit is None or unit.is_deleted:
        raise ValidationError("找不到这个村/社区，可能已被删除，请重新选择。", "unit_id")
    if data.compound_id is not None:
        compound = session.get(Compound, data.compound_id)
        if compound is None or compound.is_deleted or compound.unit_id != unit.id:
            raise ValidationError("请在这个村/社区的小区中选择。", "compound_id")
    if data.building_id is not None:
        building = session.get(Building, data.building_id)
        if building is None or building.is_deleted or building.compound_id != data.compound_id:
            raise ValidationError("请在这个小区的楼栋中选择。", "building_id")
    for field, party in [("lead", data.lead), *(("helpers", h) for h in data.helpers)]:
        found: Unit | Department | None = (
            session.get(Unit, party.unit_id)
            if party.unit_id is not None
            else session.get(Department, party.department_id)
        )
        if found is None or found.is_deleted:
            raise ValidationError("所选责任单位不存在或已删除，请重新选择。", field)


def _deduction(session: Session, answer_id: uuid.UUID) -> tuple[InspectionAnswer, Inspection]:
    answer = session.get(InspectionAnswer, answer_id)
    inspection = session.get(Inspection, answer.inspection_id) if answer else None
    if answer is None or inspection is None or inspection.is_deleted:
        raise NotFound("找不到这一检查项，检查可能已被删除。")
    if inspection.status != InspectionStatus.SUBMITTED.value and answer.occurrences <= 0:
        raise ValidationError("这一项没有扣分，不能生成问题。", "occurrences")
    if answer.occurrences <= 0 or answer.not_applicable:
        raise ValidationError("这一项没有扣分，不能生成问题。", "occurrences")
    return answer, inspection


def _step(
    session: Session, context: AppContext, finding: Finding, step: FindingStep, note: str
) -> None:
    """Append the step's event and write the fold on the finding, or change nothing."""
    state = _state_of(session, finding)
    new = next_finding_state(state, step)  # refuses a step the status does not allow
    session.add(
        FindingEvent(
            finding_id=finding.id,
            kind=step.kind.value,
            at=context.clock.now(),
            by_name=_who(context),
            on=step.on,
            deadline=step.deadline,
            note=note,
        )
    )
    _write_state(finding, new)


def _state_of(session: Session, finding: Finding) -> FindingState:
    events = session.scalars(
        select(FindingEvent)
        .where(FindingEvent.finding_id == finding.id, FindingEvent.deleted_at.is_(None))
        .order_by(FindingEvent.at, FindingEvent.created_at)
    ).all()
    return fold_steps([FindingStep(FindingEventKind(e.kind), e.on, e.deadline) for e in events])


def _write_state(finding: Finding, state: FindingState) -> None:
    set_changed(
        finding,
        {
            "status": state.status.value,
            "deadline": state.deadline,
            "rectified_on": state.rectified_on,
            "closed_on": state.closed_on,
            "recheck_count": state.recheck_count,
        },
    )


def _check_own_unit(session: Session, user: CurrentUser, finding: Finding) -> None:
    """A clerk of a village or community records rectifications of that unit only: the
    finding's place or its lead."""
    if user.unit_id is None:
        return
    lead_unit = session.scalar(
        select(FindingParty.unit_id).where(
            FindingParty.finding_id == finding.id,
            FindingParty.role == "lead",
            FindingParty.deleted_at.is_(None),
        )
    )
    if user.unit_id not in (finding.unit_id, lead_unit):
        raise PermissionDenied("只能登记本村/社区问题的整改情况。")


def _copy_photos(session: Session, answer_id: uuid.UUID, finding_id: uuid.UUID) -> None:
    photos.copy_photo_links(
        session, ("inspection_answer", answer_id), (TABLE, finding_id), "before"
    )


def _link(
    session: Session,
    finding_id: uuid.UUID,
    stored: Sequence[photos.StoredPhoto],
    role: str,
) -> None:
    photos.link_photos(session, TABLE, finding_id, stored, role)
