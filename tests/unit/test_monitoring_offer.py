"""The monitoring case a flagged registration suggests (services.monitoring.offer_for).

The reason code and the cut of the reason are business decisions: made here, once, not by the
registration page that asks the clerk.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest

from jinsha_desktop.domain.monitoring import CaseStatus
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.risk import Flag
from jinsha_desktop.services import monitoring
from jinsha_desktop.services.monitoring import FollowUpStep
from jinsha_desktop.services.registration import PersonCard, RegistrationResult, today_of
from jinsha_desktop.services.registration_settings import RegistrationSettings

TODAY = date(2026, 11, 25)
PERSON, VISIT = uuid.uuid4(), uuid.uuid4()


def result(*flags: Flag, days: int = 14) -> RegistrationResult:
    return RegistrationResult(
        visit_id=VISIT,
        person_id=PERSON,
        new_person=False,
        flags=flags,
        suggested_monitoring_days=days,
        warnings=(),
    )


def test_an_unflagged_visit_offers_nothing():
    assert monitoring.offer_for(result(), RegistrationSettings(), TODAY) is None


def test_a_flagged_visit_offers_a_case_from_today_for_the_suggested_days():
    offer = monitoring.offer_for(
        result(Flag("high", "途经高风险地区：北京市朝阳区"), Flag("fever", "体温 37.8℃")),
        RegistrationSettings(),
        TODAY,
    )
    assert offer == monitoring.CaseInput(
        person_id=PERSON,
        reason="途经高风险地区：北京市朝阳区；体温 37.8℃",
        start_date=TODAY,
        days=14,
        reason_code="high",
        visit_id=VISIT,
    )


@pytest.mark.parametrize(
    ("code", "lengths", "expected"),
    [
        pytest.param("fever", {"fever": 7}, "fever", id="a-length-of-its-own"),
        pytest.param("fever", {"high": 14}, "manual", id="no-length-configured"),
        pytest.param("health_code", {"health_code": 7, "manual": 7}, "health_code", id="code"),
    ],
)
def test_the_reason_code_is_the_first_flags_when_the_settings_know_it(code, lengths, expected):
    settings = RegistrationSettings(monitoring_days=lengths)
    offer = monitoring.offer_for(result(Flag(code, "原因")), settings, TODAY)
    assert offer is not None and offer.reason_code == expected


def test_no_suggested_length_leaves_it_to_the_reasons_setting():
    offer = monitoring.offer_for(
        result(Flag("fever", "发热"), days=0), RegistrationSettings(), TODAY
    )
    assert offer is not None and offer.days is None


def test_a_long_reason_is_cut_to_what_a_case_holds_and_the_case_opens(admin):
    from jinsha_desktop.domain.visit import VisitInput
    from jinsha_desktop.services import registration
    from tests.unit.support import a_checkpoint, resident_id

    saved = registration.register_visit(
        admin,
        VisitInput(
            document_number=resident_id(),
            name="张三",
            health_code="yellow",
            checkpoint_id=a_checkpoint(admin),
        ),
    )
    flags = tuple(Flag("fever", f"第{n}条原因" + "很长" * 10) for n in range(12))
    offer = monitoring.offer_for(replace(saved, flags=flags), RegistrationSettings(), TODAY)
    assert offer is not None and len(offer.reason) == monitoring.REASON_MAX_LENGTH
    assert offer.reason.startswith("第0条原因")
    case_id = monitoring.open_case(admin, replace(offer, start_date=registration.today_of(admin)))
    [case] = [c for c in monitoring.cases(admin) if c.id == case_id]
    assert len(case.reason) == monitoring.REASON_MAX_LENGTH


def _card(status: str) -> PersonCard:
    return PersonCard(PERSON, "冯桂英", "female", None, "", "", True, (), status)


MAY_MONITOR, MAY_NOT = Role.CLERK, Role.CHECKPOINT


@pytest.mark.parametrize(
    ("role", "card", "step"),
    [
        (MAY_MONITOR, None, FollowUpStep.ASK),  # a new person
        (MAY_MONITOR, _card(""), FollowUpStep.ASK),
        (MAY_MONITOR, _card(CaseStatus.RELEASED.value), FollowUpStep.ASK),
        (MAY_MONITOR, _card(CaseStatus.MONITORING.value), FollowUpStep.ALREADY_MONITORED),
        (MAY_NOT, _card(CaseStatus.MONITORING.value), FollowUpStep.ALREADY_MONITORED),
        (MAY_NOT, None, FollowUpStep.INFORM),  # a volunteer: the unit's clerk follows up
        (MAY_NOT, _card(""), FollowUpStep.INFORM),
    ],
)
def test_the_follow_up_asks_only_who_may_monitor_a_person_not_monitored_yet(
    admin, role, card, step
):
    context = admin.as_user(replace(admin.user, role=role))
    flagged = result(Flag("fever", "发热"))
    follow = monitoring.follow_up(context, flagged, RegistrationSettings(), card)
    assert follow is not None and follow.step is step
    assert follow.case == monitoring.offer_for(flagged, RegistrationSettings(), today_of(context))


def test_an_unflagged_visit_needs_no_follow_up(admin):
    assert monitoring.follow_up(admin, result(), RegistrationSettings(), None) is None
