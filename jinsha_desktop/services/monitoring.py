"""Health monitoring (健康监测): cases, daily checks, today's list, release."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.registration_models import (
    CaseStatusChange,
    DailyCheck,
    MonitoringCase,
    Person,
    Visit,
)
from jinsha_desktop.domain.contact import FEVER_THRESHOLD, clean_temperature
from jinsha_desktop.domain.errors import FieldChecks, NotFound, ValidationError
from jinsha_desktop.domain.masking import mask_phone
from jinsha_desktop.domain.monitoring import CaseStatus
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.text import clean_name, clean_optional_text, search_text
from jinsha_desktop.domain.visit import TestResult
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.editing import load_for_edit
from jinsha_desktop.services.registration import PersonCard, RegistrationResult, today_of
from jinsha_desktop.services.registration_settings import (
    RegistrationSettings,
    registration_settings,
)

REASON_MAX_LENGTH = 200
"""A case's reason (监测原因) is at most this long: the flags' reasons are cut to it."""
REASONS_JOINED_BY = "；"


@dataclass(frozen=True)
class CaseInput:
    person_id: uuid.UUID
    reason: str
    start_date: date
    days: int | None = None
    """None: the length configured for `reason_code`."""
    reason_code: str = "manual"
    responsible: str = ""
    visit_id: uuid.UUID | None = None
    note: str = ""


def open_case(context: AppContext, data: CaseInput) -> uuid.UUID:
    """Start monitoring a person (one open case per person)."""
    context.require(Permission.MONITOR_HEALTH)
    settings = registration_settings(context)
    days = data.days or settings.monitoring_days.get(data.reason_code, 7)
    checks = FieldChecks()
    reason = checks.check(
        clean_name, data.reason, "监测原因", "reason", max_length=REASON_MAX_LENGTH
    )
    responsible = checks.check(
        clean_optional_text, data.responsible, "责任人", "responsible", max_length=50
    )
    note = checks.check(clean_optional_text, data.note, "备注", "note", max_length=500)
    if not 1 <= days <= 60:
        checks.fail("监测天数应在 1 到 60 天之间。", "days")
    if data.start_date > today_of(context) + timedelta(days=1):
        checks.fail("开始日期不能晚于明天。", "start_date")
    checks.raise_errors()
    with context.uow() as session:
        person = load_for_edit(session, Person, data.person_id, None, "这个人员")
        if _open_case_of(session, data.person_id) is not None:
            raise ValidationError(f"{person.name} 已在健康监测中。", "person_id")
        case = MonitoringCase(
            person_id=data.person_id,
            visit_id=data.visit_id,
            reason=reason or "",
            reason_code=data.reason_code,
            start_date=data.start_date,
            days=days,
            end_date=data.start_date + timedelta(days=days - 1),
            responsible=responsible or "",
            status=CaseStatus.MONITORING.value,
            note=note or "",
        )
        session.add(case)
        session.flush()
        session.add(
            CaseStatusChange(
                case_id=case.id, status=case.status, changed_at=context.clock.now(), note="开始监测"
            )
        )
        return case.id


def offer_for(
    result: RegistrationResult, settings: RegistrationSettings, today: date
) -> CaseInput | None:
    """The monitoring case a flagged registration suggests (None: the visit is not flagged).

    It starts today for the days the registration suggests; its reason is every flag's reason
    (cut to what a case's reason holds); its reason code is the first flag's when the settings
    give that reason a length of its own, else "manual".
    """
    if not result.flags:
        return None
    code = result.flags[0].code
    return CaseInput(
        person_id=result.person_id,
        reason=REASONS_JOINED_BY.join(flag.reason for flag in result.flags)[:REASON_MAX_LENGTH],
        start_date=today,
        days=result.suggested_monitoring_days or None,
        reason_code=code if code in settings.monitoring_days else "manual",
        visit_id=result.visit_id,
    )


class FollowUpStep(StrEnum):
    """What the registration form does with a flagged visit."""

    ASK = "ask"
    """Ask the user to start the suggested case (they may monitor health)."""
    ALREADY_MONITORED = "already_monitored"
    """Only tell: the person is under monitoring already."""
    INFORM = "inform"
    """Only tell: the user (a checkpoint volunteer) may not start monitoring; the clerk of the
    unit follows the person up."""


@dataclass(frozen=True)
class FollowUp:
    step: FollowUpStep
    case: CaseInput
    """The case `offer_for` suggests (started only after ASK is answered yes)."""


def follow_up(
    context: AppContext,
    result: RegistrationResult,
    settings: RegistrationSettings,
    card: PersonCard | None,
) -> FollowUp | None:
    """The follow-up of a saved registration (None: the visit is not flagged): ask to start
    monitoring, or only tell because the person (`card`, as the form showed them) is under
    monitoring already or the current user may not monitor health."""
    case = offer_for(result, settings, today_of(context))
    if case is None:
        return None
    if card is not None and card.monitoring_status == CaseStatus.MONITORING:
        return FollowUp(FollowUpStep.ALREADY_MONITORED, case)
    if context.user is None or not context.user.can(Permission.MONITOR_HEALTH):
        return FollowUp(FollowUpStep.INFORM, case)
    return FollowUp(FollowUpStep.ASK, case)


def _open_case_of(session: Session, person_id: uuid.UUID) -> MonitoringCase | None:
    return session.scalar(
        select(MonitoringCase).where(
            MonitoringCase.person_id == person_id,
            MonitoringCase.deleted_at.is_(None),
            MonitoringCase.status == CaseStatus.MONITORING.value,
        )
    )


def change_status(
    context: AppContext, case_id: uuid.UUID, status: CaseStatus, note: str, version: int
) -> None:
    """Release, transfer or mark lost contact; kept in the case's history."""
    context.require(Permission.MONITOR_HEALTH)
    text = clean_optional_text(note, "说明", "note", max_length=200)
    with context.uow() as session:
        case = _case(session, case_id, version)
        if case.status == status.value:
            return
        case.status = status.value
        session.add(
            CaseStatusChange(
                case_id=case.id, status=status.value, changed_at=context.clock.now(), note=text
            )
        )


def _case(session: Session, case_id: uuid.UUID, version: int | None) -> MonitoringCase:
    return load_for_edit(session, MonitoringCase, case_id, version, "这个监测记录")


@dataclass(frozen=True)
class CheckInput:
    check_date: date
    temperature: str | Decimal | None = None
    symptoms: str = ""
    test_result: str = ""
    note: str = ""


def add_check(context: AppContext, case_id: uuid.UUID, data: CheckInput) -> uuid.UUID:
    """Record one day's check (one per day; a second one for the same day is refused), on a
    day of the monitoring period: a day after its end is refused."""
    context.require(Permission.MONITOR_HEALTH)
    checks = FieldChecks()
    temperature = checks.check(clean_temperature, data.temperature, "temperature")
    symptoms = checks.check(clean_optional_text, data.symptoms, "症状", "symptoms", max_length=200)
    note = checks.check(clean_optional_text, data.note, "备注", "note", max_length=200)
    if data.test_result not in ("", *TestResult):
        checks.fail("请选择检测结果。", "test_result")
    if data.check_date > today_of(context):
        checks.fail("检查日期不能晚于今天。", "check_date")
    checks.raise_errors()
    with context.uow() as session:
        case = _case(session, case_id, None)
        if case.status != CaseStatus.MONITORING.value:
            raise ValidationError("这个人已不在监测中，不能再添加检查。", "check_date")
        if data.check_date < case.start_date:
            raise ValidationError("检查日期不能早于监测开始日期。", "check_date")
        if data.check_date > case.end_date:
            # A check after the period would look like monitoring that never ended; the last
            # day's check may still be recorded late.
            raise ValidationError(
                f"监测期已于 {case.end_date:%Y-%m-%d} 结束（共 {case.days} 天），"
                f"不能再添加 {data.check_date:%m月%d日} 的检查；请解除监测或更改状态。",
                "check_date",
            )
        exists = session.scalar(
            select(func.count())
            .select_from(DailyCheck)
            .where(
                DailyCheck.case_id == case_id,
                DailyCheck.check_date == data.check_date,
                DailyCheck.deleted_at.is_(None),
            )
        )
        if exists:
            raise ValidationError(f"{data.check_date:%m月%d日} 已经检查过了。", "check_date")
        check = DailyCheck(
            case_id=case_id,
            check_date=data.check_date,
            temperature=temperature,
            symptoms=symptoms or "",
            test_result=data.test_result,
            note=note or "",
        )
        session.add(check)
        session.flush()
        return check.id


@dataclass(frozen=True)
class CaseRow:
    id: uuid.UUID
    version: int
    person_id: uuid.UUID
    person_name: str
    phone: str
    reason: str
    start_date: date
    end_date: date
    days: int
    day_number: int
    """Which day of the period today is (1 = the first day)."""
    responsible: str
    status: CaseStatus
    last_check_date: date | None
    days_without_check: int
    """Days since the last check (or since the start); 0 = checked today."""
    can_release: bool
    """The period has ended and no check raised a flag."""


def today_list(context: AppContext, day: date | None = None) -> list[CaseRow]:
    """Every case under monitoring with no check today, overdue ones first."""
    rows = cases(context, only_open=True, day=day)
    today = day or today_of(context)
    due = [r for r in rows if r.last_check_date != today]
    return sorted(due, key=lambda r: (-r.days_without_check, r.end_date, r.person_name))


def cases(
    context: AppContext, *, only_open: bool = False, day: date | None = None, text: str = ""
) -> list[CaseRow]:
    context.require(Permission.VIEW_RECORDS)
    today = day or today_of(context)
    last_check = (
        select(DailyCheck.case_id, func.max(DailyCheck.check_date).label("last"))
        .where(DailyCheck.deleted_at.is_(None))
        .group_by(DailyCheck.case_id)
        .subquery()
    )
    stmt = (
        select(MonitoringCase, Person.name, Person.phone, last_check.c.last)
        .join(Person, Person.id == MonitoringCase.person_id)
        .outerjoin(last_check, last_check.c.case_id == MonitoringCase.id)
        .where(MonitoringCase.deleted_at.is_(None))
        .order_by(MonitoringCase.end_date, Person.name)
    )
    if only_open:
        stmt = stmt.where(MonitoringCase.status == CaseStatus.MONITORING.value)
    typed = search_text(text)
    if typed:
        stmt = stmt.where(Person.name.startswith(typed, autoescape=True))
    with context.reading() as session:
        flagged = _cases_with_flagged_checks(session)
        result = []
        for case, name, phone, last in session.execute(stmt):
            reference = last or case.start_date - timedelta(days=1)
            result.append(
                CaseRow(
                    case.id,
                    case.version,
                    case.person_id,
                    name,
                    mask_phone(phone),
                    case.reason,
                    case.start_date,
                    case.end_date,
                    case.days,
                    (today - case.start_date).days + 1,
                    case.responsible,
                    CaseStatus(case.status),
                    last,
                    max(0, (today - reference).days),
                    case.status == CaseStatus.MONITORING.value
                    and today > case.end_date
                    and case.id not in flagged,
                )
            )
        return result


def _cases_with_flagged_checks(session: Session) -> set[uuid.UUID]:
    rows = session.scalars(
        select(DailyCheck.case_id).where(
            DailyCheck.deleted_at.is_(None),
            (DailyCheck.temperature >= FEVER_THRESHOLD)
            | (DailyCheck.symptoms != "")
            | (DailyCheck.test_result == "positive"),
        )
    )
    return set(rows)


@dataclass(frozen=True)
class CheckRow:
    check_date: date
    temperature: Decimal | None
    symptoms: str
    test_result: str
    note: str


def checks_of(context: AppContext, case_id: uuid.UUID) -> list[CheckRow]:
    context.require(Permission.VIEW_RECORDS)
    with context.reading() as session:
        rows = session.scalars(
            select(DailyCheck)
            .where(DailyCheck.case_id == case_id, DailyCheck.deleted_at.is_(None))
            .order_by(DailyCheck.check_date)
        )
        return [
            CheckRow(c.check_date, c.temperature, c.symptoms, c.test_result, c.note) for c in rows
        ]


def flagged_visit_person(context: AppContext, visit_id: uuid.UUID) -> uuid.UUID:
    with context.reading() as session:
        person_id = session.scalar(select(Visit.person_id).where(Visit.id == visit_id))
        if person_id is None:
            raise NotFound("找不到这条登记记录。")
        return person_id
