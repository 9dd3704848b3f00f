"""What the registration and monitoring ledgers (and exports) read: visits of a period in time
order, monitoring cases with their daily checks, a day's figures. Masked unless asked for full
data by a role that may see it, which is audited here (services/personal_data.py); the caller
audits the print or export as well."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.reference_models import Checkpoint
from jinsha_desktop.db.registration_models import (
    CaseStatusChange,
    DailyCheck,
    MonitoringCase,
    Person,
    Visit,
)
from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.masking import mask_id_number, mask_phone
from jinsha_desktop.domain.monitoring import CaseStatus
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.paging import order_terms
from jinsha_desktop.services.personal_data import grant_full_view
from jinsha_desktop.services.personal_data import require_full_view as require_full_view
from jinsha_desktop.services.registration import today_of
from jinsha_desktop.services.visit_lists import (
    SORTS,
    VisitFilter,
    VisitRow,
    VisitSort,
    _conditions,
    _local_midnight,
    visit_row,
    visit_rows_query,
)

STREAM_BATCH = 1_000
OLDEST_FIRST = VisitSort("visited_at", descending=False)
"""A ledger's order."""
MAX_PERIOD_DAYS = 366


def allows_full_data(context: AppContext, full: bool) -> bool:
    """A print or export: EXPORT needed; full numbers only when asked and the role allows it."""
    context.require(Permission.EXPORT)
    return require_full_view(context, full, "打印或导出")


def check_period(since: date, until: date) -> None:
    if until < since:
        raise ValidationError("结束日期不能早于开始日期。", "until")
    if (until - since).days >= MAX_PERIOD_DAYS:
        raise ValidationError("一次最多打印一年的台账，请缩短日期范围。", "until")


def count_visits(context: AppContext, flt: VisitFilter) -> int:
    context.require(Permission.VIEW_RECORDS)
    with context.reading() as session:
        return session.scalar(select(func.count(Visit.id)).where(*_conditions(flt, False))) or 0


def iter_visits(
    context: AppContext,
    flt: VisitFilter,
    *,
    full: bool = False,
    sort: VisitSort = OLDEST_FIRST,
) -> Iterator[VisitRow]:
    """Every visit the filter selects, in the list's sort order (oldest first for a ledger),
    streamed from the cursor (never all in memory). The rights are checked (and a full view
    audited) when called, not when the first row is read."""
    context.require(Permission.VIEW_RECORDS)
    conditions = _conditions(flt, False)  # bad search text refused now, not at the first row
    full = grant_full_view(
        context, full, f"读取登记记录的完整信息（{_period_of(flt)}）", table_name="visit"
    )
    return _stream_visits(context, conditions, full, sort)


def _period_of(flt: VisitFilter) -> str:
    """The dates a full read covers, for its audit entry (the search text is not repeated
    there: what was typed may itself be an ID number)."""
    return f"{flt.since or '…'} 至 {flt.until or '…'}"


def _stream_visits(
    context: AppContext, conditions: list[ColumnElement[bool]], full: bool, sort: VisitSort
) -> Iterator[VisitRow]:
    order = order_terms(SORTS.get(sort.key, SORTS["visited_at"]), Visit.id, sort.descending)
    stmt = (
        visit_rows_query()
        .where(*conditions)
        .order_by(*order)
        .execution_options(yield_per=STREAM_BATCH)
    )
    with context.reading() as session:
        for row in session.execute(stmt):
            yield visit_row(row, full)


@dataclass(frozen=True)
class CheckEntry:
    temperature: Decimal | None
    symptoms: str
    test_result: str


@dataclass(frozen=True)
class CaseEntry:
    person_name: str
    document_number: str
    phone: str
    reason: str
    start_date: date
    end_date: date
    responsible: str
    status: CaseStatus
    checks: dict[date, CheckEntry] = field(default_factory=dict)


def monitoring_entries(
    context: AppContext, since: date, until: date, *, full: bool = False
) -> list[CaseEntry]:
    """Cases whose period overlaps since..until, each with its checks in that range."""
    context.require(Permission.VIEW_RECORDS)
    check_period(since, until)
    full = grant_full_view(
        context, full, f"读取健康监测的完整信息（{since} 至 {until}）", table_name="monitoring_case"
    )
    stmt = (
        select(MonitoringCase, Person)
        .join(Person, Person.id == MonitoringCase.person_id)
        .where(
            MonitoringCase.deleted_at.is_(None),
            MonitoringCase.start_date <= until,
            MonitoringCase.end_date >= since,
        )
        .order_by(MonitoringCase.start_date, Person.name, MonitoringCase.id)
    )
    with context.reading() as session:
        found = session.execute(stmt).all()
        checks = _checks(session, [case.id for case, _ in found], since, until)
        return [
            CaseEntry(
                person.name,
                person.document_number if full else mask_id_number(person.document_number),
                person.phone if full else mask_phone(person.phone),
                case.reason,
                case.start_date,
                case.end_date,
                case.responsible,
                CaseStatus(case.status),
                checks.get(case.id, {}),
            )
            for case, person in found
        ]


def _checks(
    session: Session, case_ids: list[uuid.UUID], since: date, until: date
) -> dict[uuid.UUID, dict[date, CheckEntry]]:
    result: dict[uuid.UUID, dict[date, CheckEntry]] = {}
    for start in range(0, len(case_ids), 500):  # stay under SQLite's parameter limit
        rows = session.scalars(
            select(DailyCheck).where(
                DailyCheck.case_id.in_(case_ids[start : start + 500]),
                DailyCheck.deleted_at.is_(None),
                DailyCheck.check_date.between(since, until),
            )
        )
        for check in rows:
            result.setdefault(check.case_id, {})[check.check_date] = CheckEntry(
                check.temperature, check.symptoms, check.test_result
            )
    return result


@dataclass(frozen=True)
class CheckpointDay:
    checkpoint: str
    visits: int
    entering: int
    leaving: int
    flagged: int


@dataclass(frozen=True)
class DayFigures:
    day: date
    checkpoints: list[CheckpointDay]
    new_cases: int
    released: int
    under_monitoring: int
    overdue: int
    """Cases under monitoring with no check on that day."""


def day_figures(context: AppContext, day: date | None = None) -> DayFigures:
    """The figures of the daily summary (日报) for `day` (today by default)."""
    context.require(Permission.VIEW_RECORDS)
    day = day or today_of(context)
    start, end = _local_midnight(day), _local_midnight(day + timedelta(days=1))
    in_day: list[ColumnElement[bool]] = [
        Visit.deleted_at.is_(None),
        Visit.visited_at >= start,
        Visit.visited_at < end,
    ]
    per_checkpoint = (
        select(
            Checkpoint.name,
            func.count(Visit.id),
            func.count(Visit.id).filter(Visit.direction == "in"),
            func.count(Visit.id).filter(Visit.direction == "out"),
            func.count(Visit.id).filter(Visit.flagged.is_(True)),
        )
        .join(Visit, Visit.checkpoint_id == Checkpoint.id)
        .where(*in_day)
        .group_by(Checkpoint.name)
        .order_by(Checkpoint.name)
    )
    live = MonitoringCase.deleted_at.is_(None)
    open_on_day = (
        live,
        MonitoringCase.status == CaseStatus.MONITORING.value,
        MonitoringCase.start_date <= day,
    )
    checked = select(DailyCheck.case_id).where(
        DailyCheck.check_date == day, DailyCheck.deleted_at.is_(None)
    )
    with context.reading() as session:
        rows = [CheckpointDay(*row) for row in session.execute(per_checkpoint)]
        new_cases = session.scalar(
            select(func.count(MonitoringCase.id)).where(live, MonitoringCase.start_date == day)
        )
        released = session.scalar(
            select(func.count(func.distinct(CaseStatusChange.case_id))).where(
                CaseStatusChange.deleted_at.is_(None),
                CaseStatusChange.status == CaseStatus.RELEASED.value,
                CaseStatusChange.changed_at >= start,
                CaseStatusChange.changed_at < end,
            )
        )
        under = session.scalar(select(func.count(MonitoringCase.id)).where(*open_on_day))
        overdue = session.scalar(
            select(func.count(MonitoringCase.id)).where(
                *open_on_day, MonitoringCase.id.not_in(checked)
            )
        )
    return DayFigures(day, rows, new_cases or 0, released or 0, under or 0, overdue or 0)
