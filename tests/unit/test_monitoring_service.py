"""Health monitoring: opening a case, daily checks, today's list, release and history."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from jinsha_desktop.db.registration_models import CaseStatusChange
from jinsha_desktop.domain.errors import FormErrors, PermissionDenied, ValidationError
from jinsha_desktop.domain.monitoring import CaseStatus
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.services import monitoring, registration
from jinsha_desktop.services.monitoring import CaseInput, CheckInput
from tests.unit.support import a_checkpoint, audit_entries, logged_in_as, resident_id


@pytest.fixture
def flagged(admin):
    checkpoint = a_checkpoint(admin)
    return registration.register_visit(
        admin,
        VisitInput(
            document_number=resident_id(),
            name="王秀英",
            health_code="yellow",
            checkpoint_id=checkpoint,
        ),
    )


def test_a_flagged_visit_suggests_the_configured_length(flagged):
    assert [f.code for f in flagged.flags] == ["health_code"]
    assert flagged.suggested_monitoring_days == 7


def test_opening_a_case_records_its_history_and_is_audited(admin, flagged, clock):
    today = registration.today_of(admin)
    case_id = monitoring.open_case(
        admin,
        CaseInput(
            flagged.person_id,
            "健康码为黄码",
            today,
            None,
            "health_code",
            "王秀英",
            flagged.visit_id,
        ),
    )
    [row] = monitoring.cases(admin)
    assert (row.id, row.days, row.end_date, row.status) == (
        case_id,
        7,
        today + timedelta(days=6),
        CaseStatus.MONITORING,
    )
    assert row.day_number == 1 and row.days_without_check == 1
    assert audit_entries(admin, table_name="monitoring_case", action="create")
    with admin.reading() as session:
        history = session.scalars(select(CaseStatusChange.status)).all()
    assert history == ["monitoring"]


def test_one_open_case_per_person(admin, flagged):
    today = registration.today_of(admin)
    monitoring.open_case(admin, CaseInput(flagged.person_id, "黄码", today))
    with pytest.raises(ValidationError, match="已在健康监测中"):
        monitoring.open_case(admin, CaseInput(flagged.person_id, "黄码", today))


def test_todays_list_shows_unchecked_cases_overdue_first(admin, flagged, clock):
    today = registration.today_of(admin)
    other = registration.register_visit(
        admin,
        VisitInput(
            document_number=resident_id(sequence=456),
            name="陈建国",
            temperature="37.8",
            checkpoint_id=a_checkpoint(admin, "金余村卡点"),
        ),
    )
    old = monitoring.open_case(
        admin, CaseInput(flagged.person_id, "黄码", today - timedelta(days=3))
    )
    new = monitoring.open_case(admin, CaseInput(other.person_id, "发热", today))
    assert [r.id for r in monitoring.today_list(admin)] == [old, new]
    monitoring.add_check(admin, old, CheckInput(today, "36.5"))
    assert [r.id for r in monitoring.today_list(admin)] == [new]


def test_daily_checks_are_validated_and_one_per_day(admin, flagged):
    today = registration.today_of(admin)
    case_id = monitoring.open_case(admin, CaseInput(flagged.person_id, "黄码", today))
    with pytest.raises(FormErrors) as caught:
        monitoring.add_check(admin, case_id, CheckInput(today + timedelta(days=1), "45"))
    assert {e.field for e in caught.value.errors} == {"temperature", "check_date"}
    monitoring.add_check(admin, case_id, CheckInput(today, "36.6", "", "negative"))
    with pytest.raises(ValidationError, match="已经检查过了"):
        monitoring.add_check(admin, case_id, CheckInput(today, "36.6"))
    [check] = monitoring.checks_of(admin, case_id)
    assert check.temperature == Decimal("36.6") and check.test_result == "negative"


def test_an_ended_period_without_flags_is_offered_for_release(admin, flagged):
    today = registration.today_of(admin)
    start = today - timedelta(days=8)
    case_id = monitoring.open_case(admin, CaseInput(flagged.person_id, "黄码", start, 7))
    for offset in range(6):
        monitoring.add_check(admin, case_id, CheckInput(start + timedelta(days=offset), "36.5"))
    [row] = monitoring.cases(admin)
    assert row.can_release
    # The last day's check, recorded late: still taken (a day after the period would not be).
    monitoring.add_check(admin, case_id, CheckInput(start + timedelta(days=6), "37.6"))
    [row] = monitoring.cases(admin)
    assert not row.can_release  # a fever during the period: not released without a look


def test_release_is_kept_in_the_history_and_ends_checks(admin, flagged):
    today = registration.today_of(admin)
    case_id = monitoring.open_case(admin, CaseInput(flagged.person_id, "黄码", today))
    [row] = monitoring.cases(admin)
    monitoring.change_status(admin, case_id, CaseStatus.RELEASED, "期满解除", row.version)
    assert monitoring.today_list(admin) == []
    with pytest.raises(ValidationError, match="不在监测中"):
        monitoring.add_check(admin, case_id, CheckInput(today, "36.5"))
    with admin.reading() as session:
        history = session.scalars(
            select(CaseStatusChange.status).order_by(CaseStatusChange.changed_at)
        ).all()
    assert history == ["monitoring", "released"]


def test_a_viewer_cannot_open_cases_or_record_checks(admin, flagged):
    viewer = logged_in_as(admin, "liju", Role.VIEWER)
    today = registration.today_of(admin)
    with pytest.raises(PermissionDenied):
        monitoring.open_case(viewer, CaseInput(flagged.person_id, "黄码", today))
    assert monitoring.cases(viewer) == []
