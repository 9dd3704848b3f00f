"""What the rectification ledger (整改台账) reads: the findings of a period with their source,
place, lead and cooperating parties, dates and status, and how many days each ran past its
deadline (until closed, or until today while open).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.inspection_models import Department, Finding, FindingParty, Inspection
from jinsha_desktop.db.reference_models import Building, Compound, Unit
from jinsha_desktop.db.repair_models import RepairOrder
from jinsha_desktop.domain.findings import FindingSource, FindingStatus
from jinsha_desktop.domain.findings import overdue_days as domain_overdue_days
from jinsha_desktop.domain.masking import mask_phone
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.finding_lists import OPEN, FindingFilter, finding_conditions
from jinsha_desktop.services.inspection_ledger_data import active, place_text
from jinsha_desktop.services.ledger_choices import Choice
from jinsha_desktop.services.personal_data import grant_full_view
from jinsha_desktop.services.registration import today_of

NOT_CLOSED = OPEN
"""Waiting for the unit or for the re-check (the list's own code for it)."""
OVERDUE = "overdue"


def source_choices(_context: AppContext) -> list[Choice]:
    return [Choice(source.value, source.label) for source in FindingSource]


def rectification_choices(_context: AppContext) -> list[Choice]:
    """未销号 (waiting for work or a re-check), 逾期 (so and past the deadline), each status."""
    return [
        Choice(NOT_CLOSED, "未销号"),
        Choice(OVERDUE, "逾期未销号"),
        *(Choice(status.value, status.label) for status in FindingStatus),
    ]


@dataclass(frozen=True)
class FindingScope:
    since: date
    until: date
    unit_id: uuid.UUID | None = None
    source: str | None = None
    state: str | None = None
    """A FindingStatus value, NOT_CLOSED or OVERDUE; None: every finding."""


@dataclass(frozen=True)
class FindingLine:
    number: str
    source: str
    """Label: 检查组, 部门巡查, 群众反映."""
    source_detail: str
    """The inspection's number, the patrol's department, or the resident (phone masked)."""
    unit_name: str
    place: str
    problem: str
    lead: str
    helpers: str
    found_on: date
    deadline: date
    status: str
    """Label: 待整改, 待复查, 已销号, 已撤销."""
    state: str
    """The FindingStatus value."""
    rectified_on: date | None
    closed_on: date | None
    recheck_count: int
    overdue_days: int
    """Days past the deadline: an open one until today, a closed one until rectified."""
    repair_order: str


def _finding_query(scope: FindingScope, today: date) -> Select[*tuple[Any, ...]]:
    """The findings list's own WHERE (services/finding_lists.finding_conditions), so the
    ledger, the list and its export select the same findings for the same choices."""
    flt = FindingFilter(
        start=scope.since,
        end=scope.until,
        unit_id=scope.unit_id,
        source=scope.source,
        status=scope.state if scope.state != OVERDUE else None,
        overdue_only=scope.state == OVERDUE,
    )
    return (
        select(
            Finding, Unit.name, Compound.name, Building.name, Inspection.number, RepairOrder.number
        )
        .join(Unit, Unit.id == Finding.unit_id)
        .outerjoin(Compound, Compound.id == Finding.compound_id)
        .outerjoin(Building, Building.id == Finding.building_id)
        .outerjoin(Inspection, Inspection.id == Finding.inspection_id)
        .outerjoin(RepairOrder, RepairOrder.id == Finding.repair_order_id)
        .where(*finding_conditions(flt, today))
        .order_by(Finding.found_on, Unit.sort_order, Unit.name, Finding.seq)
    )


def count_finding_lines(context: AppContext, scope: FindingScope) -> int:
    context.require(Permission.VIEW_INSPECTIONS)
    today = today_of(context)
    with context.reading() as session:
        ids = _finding_query(scope, today).with_only_columns(Finding.id).order_by(None)
        return session.scalar(select(func.count()).select_from(ids.subquery())) or 0


def finding_lines(
    context: AppContext, scope: FindingScope, *, full: bool = False
) -> list[FindingLine]:
    """The findings of the period (found in it), oldest first, with who leads and helps; a
    resident's phone masked unless `full` is asked by a role that may see it (audited)."""
    context.require(Permission.VIEW_INSPECTIONS)
    full = grant_full_view(context, full, "读取整改台账的完整电话", table_name="finding")
    today = today_of(context)
    with context.reading() as session:
        found = session.execute(_finding_query(scope, today)).all()
        parties = _parties(session, [row[0].id for row in found])
        lines = []
        for finding, unit, compound, building, inspection, order in found:
            lead, helpers = parties.get(finding.id, ("", []))
            source = FindingSource(finding.source)
            detail = {
                FindingSource.INSPECTION: inspection or "",
                FindingSource.PATROL: finding.patrol,
                FindingSource.RESIDENT: "\n".join(
                    p
                    for p in (
                        finding.reporter_name,
                        finding.reporter_phone if full else mask_phone(finding.reporter_phone),
                    )
                    if p
                ),
            }[source]
            lines.append(
                FindingLine(
                    finding.number,
                    source.label,
                    detail,
                    unit,
                    place_text(finding.place_kind, " ".join(p for p in (compound, building) if p),
                               finding.place),
                    finding.problem,
                    lead,
                    "、".join(helpers),
                    finding.found_on,
                    finding.deadline,
                    FindingStatus(finding.status).label,
                    finding.status,
                    finding.rectified_on,
                    finding.closed_on,
                    finding.recheck_count,
                    overdue_days(finding.status, finding.deadline, finding.rectified_on, today),
                    order or "",
                )
            )  # fmt: skip
    return lines


def overdue_days(status: str, deadline: date, rectified_on: date | None, today: date) -> int:
    """How many days past its deadline a finding ran: an open one until today (the findings'
    own rule, domain/findings.overdue_days), a closed one until the unit rectified it; one
    waiting for the re-check or cancelled is not late."""
    if status == FindingStatus.CLOSED.value and rectified_on is not None:
        return max(0, (rectified_on - deadline).days)
    return domain_overdue_days(FindingStatus(status), deadline, today)


def _parties(
    session: Session, finding_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, list[str]]]:
    """Each finding's lead and helpers by name (a unit or a department), in their order."""
    named: dict[uuid.UUID, tuple[str, list[str]]] = {}
    for start in range(0, len(finding_ids), 500):
        rows = session.execute(
            select(FindingParty.finding_id, FindingParty.role, Unit.name, Department.name)
            .outerjoin(Unit, Unit.id == FindingParty.unit_id)
            .outerjoin(Department, Department.id == FindingParty.department_id)
            .where(
                FindingParty.finding_id.in_(finding_ids[start : start + 500]),
                active(FindingParty),
            )
            .order_by(FindingParty.finding_id, FindingParty.position)
        )
        for finding_id, role, unit, department in rows:
            lead, helpers = named.setdefault(finding_id, ("", []))
            name = unit or department or "（已删除）"
            if role == "lead":
                named[finding_id] = (name, helpers)
            else:
                helpers.append(name)
    return named
