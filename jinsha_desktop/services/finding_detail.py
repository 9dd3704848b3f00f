"""Reading findings: one finding with its parties and history, each unit's open and overdue
counts, and the overdue rule the red/black list's penalty uses."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.inspection_models import (
    Department,
    Finding,
    FindingEvent,
    FindingParty,
    Inspection,
)
from jinsha_desktop.db.reference_models import Compound, Unit
from jinsha_desktop.domain.errors import NotFound
from jinsha_desktop.domain.findings import FindingEventKind, FindingSource, FindingStatus
from jinsha_desktop.domain.inspections import PlaceKind
from jinsha_desktop.domain.masking import mask_phone
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.personal_data import grant_full_view

CANCELLED = FindingStatus.CANCELLED.value


@dataclass(frozen=True)
class FindingEventRow:
    on: date
    kind: FindingEventKind
    deadline: date | None
    by_name: str
    note: str
    at: datetime


@dataclass(frozen=True)
class FindingDetail:
    id: uuid.UUID
    version: int
    number: str
    source: FindingSource
    status: FindingStatus
    unit_id: uuid.UUID
    unit_name: str
    place_kind: PlaceKind
    compound_id: uuid.UUID | None
    compound_name: str
    building_id: uuid.UUID | None
    place: str
    problem: str
    found_on: date
    deadline: date
    rectified_on: date | None
    closed_on: date | None
    recheck_count: int
    reporter_name: str
    reporter_phone: str
    """Masked unless a role that may see it asked for the full number (audited)."""
    patrol: str
    note: str
    lead_name: str
    lead_unit_id: uuid.UUID | None
    helper_names: list[str]
    inspection_id: uuid.UUID | None
    inspection_number: str | None
    answer_id: uuid.UUID | None
    repair_order_id: uuid.UUID | None
    events: list[FindingEventRow]


@dataclass(frozen=True)
class UnitFindings:
    unit_id: uuid.UUID
    unit_name: str
    open: int
    """Waiting for the unit or for the re-check."""
    overdue: int
    """Waiting for the unit past the deadline."""
    closed: int


def finding_detail(
    context: AppContext, finding_id: uuid.UUID, *, full: bool = False
) -> FindingDetail:
    context.require(Permission.VIEW_INSPECTIONS)
    show_full = grant_full_view(context, full, "查看问题反映人的完整电话", table_name="finding")
    with context.reading() as session:
        finding = session.get(Finding, finding_id)
        if finding is None or finding.is_deleted:
            raise NotFound("找不到这个问题，可能已被删除。")
        unit = session.get(Unit, finding.unit_id)
        compound = session.get(Compound, finding.compound_id) if finding.compound_id else None
        inspection = (
            session.get(Inspection, finding.inspection_id) if finding.inspection_id else None
        )
        lead, helpers = _parties(session, finding.id)
        return FindingDetail(
            id=finding.id,
            version=finding.version,
            number=finding.number,
            source=FindingSource(finding.source),
            status=FindingStatus(finding.status),
            unit_id=finding.unit_id,
            unit_name=unit.name if unit else "",
            place_kind=PlaceKind(finding.place_kind),
            compound_id=finding.compound_id,
            compound_name=compound.name if compound else "",
            building_id=finding.building_id,
            place=finding.place,
            problem=finding.problem,
            found_on=finding.found_on,
            deadline=finding.deadline,
            rectified_on=finding.rectified_on,
            closed_on=finding.closed_on,
            recheck_count=finding.recheck_count,
            reporter_name=finding.reporter_name,
            reporter_phone=(
                finding.reporter_phone if show_full else mask_phone(finding.reporter_phone)
            ),
            patrol=finding.patrol,
            note=finding.note,
            lead_name=lead[1] if lead else "",
            lead_unit_id=lead[0] if lead else None,
            helper_names=[name for _unit, name in helpers],
            inspection_id=finding.inspection_id,
            inspection_number=inspection.number if inspection else None,
            answer_id=finding.answer_id,
            repair_order_id=finding.repair_order_id,
            events=_events(session, finding.id),
        )


def party_names(session: Session, finding_ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[str, str]]:
    """Per finding: the lead's name and the helpers' names joined by 、 (lists, ledgers)."""
    rows = session.execute(
        select(FindingParty.finding_id, FindingParty.role, Unit.name, Department.name)
        .outerjoin(Unit, Unit.id == FindingParty.unit_id)
        .outerjoin(Department, Department.id == FindingParty.department_id)
        .where(FindingParty.finding_id.in_(finding_ids), FindingParty.deleted_at.is_(None))
        .order_by(FindingParty.finding_id, FindingParty.position)
    ).all()
    names: dict[uuid.UUID, tuple[str, list[str]]] = {}
    for finding_id, role, unit_name, department_name in rows:
        lead, helpers = names.get(finding_id, ("", []))
        name = unit_name or department_name or ""
        if role == "lead":
            lead = name
        else:
            helpers.append(name)
        names[finding_id] = (lead, helpers)
    return {key: (lead, "、".join(helpers)) for key, (lead, helpers) in names.items()}


def _parties(
    session: Session, finding_id: uuid.UUID
) -> tuple[tuple[uuid.UUID | None, str] | None, list[tuple[uuid.UUID | None, str]]]:
    rows = session.execute(
        select(FindingParty.role, FindingParty.unit_id, Unit.name, Department.name)
        .outerjoin(Unit, Unit.id == FindingParty.unit_id)
        .outerjoin(Department, Department.id == FindingParty.department_id)
        .where(FindingParty.finding_id == finding_id, FindingParty.deleted_at.is_(None))
        .order_by(FindingParty.position)
    ).all()
    lead = next(((u, n or d or "") for role, u, n, d in rows if role == "lead"), None)
    helpers = [(u, n or d or "") for role, u, n, d in rows if role != "lead"]
    return lead, helpers


def _events(session: Session, finding_id: uuid.UUID) -> list[FindingEventRow]:
    events = session.scalars(
        select(FindingEvent)
        .where(FindingEvent.finding_id == finding_id, FindingEvent.deleted_at.is_(None))
        .order_by(FindingEvent.at, FindingEvent.created_at)
    ).all()
    return [
        FindingEventRow(e.on, FindingEventKind(e.kind), e.deadline, e.by_name, e.note, e.at)
        for e in events
    ]


def findings_per_unit(context: AppContext, today: date) -> list[UnitFindings]:
    """Each village or community with findings: open, overdue (as of `today`) and closed."""
    context.require(Permission.VIEW_INSPECTIONS)
    is_open = Finding.status.in_((FindingStatus.OPEN.value, FindingStatus.RECTIFIED.value))
    overdue = (Finding.status == FindingStatus.OPEN.value) & (Finding.deadline < today)
    with context.reading() as session:
        rows = session.execute(
            select(
                Unit.id,
                Unit.name,
                func.sum(case((is_open, 1), else_=0)),
                func.sum(case((overdue, 1), else_=0)),
                func.sum(case((Finding.status == FindingStatus.CLOSED.value, 1), else_=0)),
            )
            .join(Finding, Finding.unit_id == Unit.id)
            .where(Finding.deleted_at.is_(None))
            .group_by(Unit.id, Unit.name, Unit.sort_order)
            .order_by(Unit.sort_order, Unit.name)
        ).all()
    return [
        UnitFindings(unit_id, name, int(open_ or 0), int(late or 0), int(closed or 0))
        for unit_id, name, open_, late, closed in rows
    ]


def overdue_open_at(session: Session, day: date) -> dict[uuid.UUID, int]:
    """Per unit: findings (not cancelled) found by `day`, past their deadline and not closed on
    `day` — the red/black list's overdue penalty, as of the period's end."""
    rows = session.execute(
        select(Finding.unit_id, func.count())
        .where(
            Finding.deleted_at.is_(None),
            Finding.status != CANCELLED,
            Finding.found_on <= day,
            Finding.deadline < day,
            or_(Finding.closed_on.is_(None), Finding.closed_on > day),
        )
        .group_by(Finding.unit_id)
    ).all()
    return {unit_id: count for unit_id, count in rows}
