"""Registering a visit: people found again, person updates with audit, duplicates, risk flags,
permissions, and nothing written on bad input."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from jinsha_desktop.db.registration_models import Person, Visit
from jinsha_desktop.domain.errors import FormErrors, PermissionDenied
from jinsha_desktop.domain.id_numbers import check_digit
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.risk import RiskAreaInput
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.services import registration, risk_areas
from jinsha_desktop.services.registration import DuplicateVisit
from jinsha_desktop.services.registration_settings import (
    RegistrationSettings,
    save_registration_settings,
)
from tests.unit.support import (
    a_checkpoint,
    audit_count,
    audit_entries,
    changes_of,
    logged_in_as,
    resident_id,
    row_counts,
)

ZHANG_SAN = resident_id("320612", "19900101", 123)


@pytest.fixture
def checkpoint(admin):
    return a_checkpoint(admin)


def a_visit(checkpoint, **changes) -> VisitInput:
    values = {"document_number": ZHANG_SAN, "name": "张三", "checkpoint_id": checkpoint}
    values.update(changes)
    return VisitInput(**values)


def hours_ago(context, hours: float):
    return context.clock.now() - timedelta(hours=hours)


def the_people(context) -> list[Person]:
    with context.reading() as session:
        rows = list(session.scalars(select(Person)))
        session.expunge_all()
        return rows


def the_visit(context, visit_id) -> Visit:
    with context.reading() as session:
        visit = session.get(Visit, visit_id)
        session.expunge_all()
        return visit


# ---------------------------------------------------------------- new and returning people


def test_a_new_person_is_created_with_what_the_id_number_says(admin, checkpoint):
    result = registration.register_visit(
        admin,
        a_visit(
            checkpoint,
            gender="female",
            phone="138 1234 5678",
            plate="苏f·12345",
            temperature="36,6",
            route=("上海市", "上海市", "苏州市"),
        ),
    )
    assert result.new_person and result.flags == () and result.suggested_monitoring_days == 0
    [person] = the_people(admin)
    # The number wins over what was chosen in the form: gender and birth date are not typed.
    assert (person.gender, person.birth_date, person.native_region_code) == (
        "male",
        date(1990, 1, 1),
        "320612",
    )
    visit = the_visit(admin, result.visit_id)
    assert (visit.phone, visit.plate, visit.temperature) == (
        "13812345678",
        "苏F12345",
        Decimal("36.6"),
    )
    assert json.loads(visit.route) == ["上海市", "苏州市"]
    assert visit.visited_at == admin.clock.now() and visit.person_id == person.id


def test_a_returning_person_is_found_by_the_document_however_it_is_typed(admin, checkpoint):
    first17 = next(
        f"32061219851231{n:03d}"
        for n in range(1000)
        if check_digit(f"32061219851231{n:03d}") == "X"
    )
    number = first17 + "X"
    first = registration.register_visit(
        admin, a_visit(checkpoint, document_number=number, visited_at=hours_ago(admin, 2))
    )
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in first17) + "ｘ"
    again = registration.register_visit(admin, a_visit(checkpoint, document_number=full_width))
    assert not again.new_person and again.person_id == first.person_id
    assert [p.document_number for p in the_people(admin)] == [number]
    assert the_visit(admin, again.visit_id).document_number == number


def test_person_data_edited_in_a_visit_updates_the_person_with_audit(admin, checkpoint):
    registration.register_visit(
        admin,
        a_visit(
            checkpoint,
            phone="13812345678",
            destination_address="人民路 8 号",
            visited_at=hours_ago(admin, 2),
        ),
    )
    registration.register_visit(
        admin, a_visit(checkpoint, name="张三丰", phone="", destination_address="人民路 9 号")
    )
    [person] = the_people(admin)
    # Changed details replace the old ones; one left empty this time keeps what is known.
    assert (person.name, person.phone, person.address) == ("张三丰", "13812345678", "人民路 9 号")
    [update] = [
        entry
        for entry in audit_entries(admin, table_name="person", action="update")
        if "name" in changes_of(entry)
    ]
    changes = changes_of(update)
    assert changes["name"] == ["张三", "张三丰"]
    assert changes["address"] == ["人民路 8 号", "人民路 9 号"]
    assert "phone" not in changes
    assert update.username == "admin"


def test_a_known_person_is_looked_up_with_recent_visits_and_a_masked_phone(admin, checkpoint):
    registration.register_visit(
        admin, a_visit(checkpoint, phone="13812345678", visited_at=hours_ago(admin, 2))
    )
    card = registration.lookup_person(admin, "resident_id", ZHANG_SAN.lower())
    assert card is not None
    assert (card.name, card.phone, card.masked) == ("张三", "138****5678", True)
    assert [v.checkpoint for v in card.recent_visits] == ["北山社区1号卡点"]
    assert card.monitoring_status == ""
    assert registration.lookup_person(admin, "resident_id", resident_id(sequence=456)) is None
    assert registration.lookup_person(admin, "resident_id", "123") is None


def test_a_full_lookup_shows_the_phone_and_is_audited(admin, checkpoint):
    registration.register_visit(admin, a_visit(checkpoint, phone="13812345678"))

    card = registration.lookup_person(admin, "resident_id", ZHANG_SAN, full=True)

    assert card is not None and (card.name, card.phone, card.masked) == (
        "张三",
        "13812345678",
        False,
    )
    [entry] = audit_entries(admin, action="view_full")
    assert entry.table_name == "person" and entry.record_id == str(card.person_id)
    assert ZHANG_SAN not in entry.summary
    volunteer = logged_in_as(admin, "volunteer", Role.CHECKPOINT)
    with pytest.raises(PermissionDenied):
        registration.lookup_person(volunteer, "resident_id", ZHANG_SAN, full=True)


# ---------------------------------------------------------------- the same person again soon


def test_a_second_registration_within_the_window_raises_duplicate_and_writes_nothing(
    admin, checkpoint
):
    registration.register_visit(admin, a_visit(checkpoint, visited_at=hours_ago(admin, 0.1)))
    before = row_counts(admin)
    with pytest.raises(DuplicateVisit, match="30 分钟内再次登记") as raised:
        registration.register_visit(admin, a_visit(checkpoint))
    assert raised.value.field == "document_number"
    assert row_counts(admin) == before
    confirmed = registration.register_visit(admin, a_visit(checkpoint), confirm_duplicate=True)
    assert not confirmed.new_person
    assert row_counts(admin)["visit"] == before["visit"] + 1


@pytest.mark.parametrize(
    ("minutes_ago", "same_checkpoint", "window"),
    [(31, True, 30), (5, False, 30), (5, True, 0)],
    ids=["outside-the-window", "another-checkpoint", "warning-switched-off"],
)
def test_no_duplicate_warning_outside_the_window_or_elsewhere(
    admin, checkpoint, minutes_ago, same_checkpoint, window
):
    save_registration_settings(
        admin, RegistrationSettings(duplicate_window_minutes=window, required=[])
    )
    registration.register_visit(
        admin, a_visit(checkpoint, visited_at=admin.clock.now() - timedelta(minutes=minutes_ago))
    )
    where = checkpoint if same_checkpoint else a_checkpoint(admin, "金余村卡点")
    assert not registration.register_visit(admin, a_visit(where)).new_person


# ---------------------------------------------------------------- risk flags


@pytest.fixture
def areas(admin):
    today = registration.today_of(admin)
    for name, level, start, end in [
        ("上海市浦东新区", "high", today - timedelta(days=3), None),
        ("南京市鼓楼区", "medium", today - timedelta(days=1), today + timedelta(days=6)),
        ("苏州市吴中区", "high", today - timedelta(days=20), today - timedelta(days=1)),
    ]:
        risk_areas.save_risk_area(admin, RiskAreaInput(name, level, start, end))


@pytest.mark.parametrize(
    ("changes", "codes", "days"),
    [
        ({}, [], 0),
        ({"health_code": "green", "temperature": "37.2"}, [], 0),
        ({"health_code": "yellow"}, ["health_code"], 7),
        ({"health_code": "red"}, ["health_code"], 7),
        ({"travel_code_star": True}, ["travel_star"], 7),
        ({"travel_code_star": False}, [], 0),
        ({"temperature": "37.3"}, ["fever"], 7),
        ({"origin": "上海市浦东新区"}, ["high"], 14),
        ({"route": ("江苏南通", "上海浦东新区张江镇")}, ["high"], 14),
        ({"origin": "南京市鼓楼区"}, ["medium"], 7),
        ({"origin": "苏州市吴中区"}, [], 0),
        ({"origin": "上海市浦东新区", "temperature": "38"}, ["high", "fever"], 14),
    ],
    ids=[
        "nothing",
        "green-and-37.2",
        "yellow-code",
        "red-code",
        "travel-star",
        "no-star",
        "fever-37.3",
        "from-high-risk",
        "route-through-high-risk",
        "from-medium-risk",
        "area-no-longer-in-force",
        "high-risk-and-fever",
    ],
)
def test_risk_flags_of_a_visit(admin, checkpoint, areas, changes, codes, days):
    result = registration.register_visit(admin, a_visit(checkpoint, **changes))
    assert [flag.code for flag in result.flags] == codes
    assert result.suggested_monitoring_days == days
    visit = the_visit(admin, result.visit_id)
    assert visit.flagged == bool(codes)
    assert [reason["code"] for reason in json.loads(visit.flag_reasons)] == codes


def test_switched_off_epidemic_fields_are_neither_kept_nor_flagged(admin, checkpoint, areas):
    save_registration_settings(
        admin,
        RegistrationSettings(
            health_code=False,
            travel_code=False,
            nucleic_test=False,
            risk_areas=False,
            temperature=False,
        ),
    )
    result = registration.register_visit(
        admin,
        a_visit(
            checkpoint,
            health_code="red",
            temperature="39",
            travel_code_star=True,
            nucleic_test_result="positive",
            origin="上海市浦东新区",
        ),
    )
    assert result.flags == ()
    visit = the_visit(admin, result.visit_id)
    assert (visit.health_code, visit.temperature, visit.travel_code_star) == ("", None, None)
    assert (visit.nucleic_test_result, visit.origin) == ("", "上海市浦东新区")


# ---------------------------------------------------------------- who may register


def test_a_checkpoint_volunteer_may_register(admin, checkpoint):
    volunteer = logged_in_as(admin, "volunteer", Role.CHECKPOINT)
    result = registration.register_visit(volunteer, a_visit(checkpoint))
    assert the_visit(admin, result.visit_id).created_by == volunteer.user.id
    assert registration.lookup_person(volunteer, "resident_id", ZHANG_SAN) is not None


def test_a_viewer_may_not_register_and_nothing_is_written(admin, checkpoint):
    viewer = logged_in_as(admin, "reader", Role.VIEWER)
    before = row_counts(admin)
    with pytest.raises(PermissionDenied):
        registration.register_visit(viewer, a_visit(checkpoint))
    with pytest.raises(PermissionDenied):
        registration.lookup_person(viewer, "resident_id", ZHANG_SAN)
    assert row_counts(admin) == before


# ---------------------------------------------------------------- bad input


def test_invalid_input_names_every_bad_field_and_writes_nothing(admin, checkpoint):
    before, audited = row_counts(admin), audit_count(admin)
    with pytest.raises(FormErrors) as raised:
        registration.register_visit(
            admin,
            VisitInput(
                document_number=ZHANG_SAN[:-1] + ("1" if ZHANG_SAN[-1] == "0" else "0"),
                name=" ",
                phone="1381234",
                plate="F12345",
                temperature="45",
                direction="sideways",
                companions=100,
                checkpoint_id=None,
                nucleic_test_date=registration.today_of(admin) + timedelta(days=1),
            ),
        )
    fields = {error.field for error in raised.value.errors}
    assert fields == {
        "document_number",
        "name",
        "phone",
        "plate",
        "temperature",
        "direction",
        "companions",
        "checkpoint_id",
        "nucleic_test_date",
    }
    assert row_counts(admin) == before and audit_count(admin) == audited


def test_a_destination_outside_its_community_is_refused(admin, checkpoint):
    from jinsha_desktop.domain.reference import CompoundInput
    from jinsha_desktop.services import reference

    first, second = reference.list_units(admin)[:2]
    compound = reference.save_compound(admin, first.id, CompoundInput("金沙花苑"))
    before = row_counts(admin)
    with pytest.raises(FormErrors) as raised:
        registration.register_visit(
            admin,
            a_visit(checkpoint, destination_unit_id=second.id, destination_compound_id=compound),
        )
    assert [e.field for e in raised.value.errors] == ["destination_compound_id"]
    assert row_counts(admin) == before


@pytest.fixture
def places(admin) -> dict[str, object]:
    """A destination's places by name; those starting with "gone" were deleted meanwhile."""
    import uuid

    from jinsha_desktop.db.reference_models import Checkpoint, Compound, Unit
    from jinsha_desktop.domain.reference import (
        BuildingInput,
        CompoundInput,
        UnitInput,
        UnitKind,
    )
    from jinsha_desktop.services import reference

    first, second = reference.list_units(admin)[:2]
    found = {"first": first.id, "second": second.id, "unknown": uuid.uuid4()}
    found["gone_unit"] = reference.save_unit(admin, UnitInput("拆并村", UnitKind.VILLAGE))
    found["compound"] = reference.save_compound(admin, first.id, CompoundInput("金沙花苑"))
    found["other_compound"] = reference.save_compound(admin, first.id, CompoundInput("金余新村"))
    found["building"] = reference.save_building(admin, found["compound"], BuildingInput("1幢"))
    found["gone_compound"] = reference.save_compound(admin, first.id, CompoundInput("拆迁小区"))
    found["in_gone"] = reference.save_building(admin, found["gone_compound"], BuildingInput("2幢"))
    found["gone_checkpoint"] = a_checkpoint(admin, "已撤卡点")
    with admin.uow() as session:
        for model, name in (
            (Unit, "gone_unit"),
            (Compound, "gone_compound"),
            (Checkpoint, "gone_checkpoint"),
        ):
            session.get(model, found[name]).deleted_at = admin.clock.now()
    return found


UNIT_GONE = ("destination_unit_id", "请选择目的地社区/村。")
COMPOUND_OUTSIDE = ("destination_compound_id", "小区不在所选社区/村内。")
BUILDING_OUTSIDE = ("destination_building_id", "楼栋不在所选小区内。")


@pytest.mark.parametrize(
    ("chosen", "errors"),
    [
        pytest.param(
            {"unit": "first", "compound": "compound", "building": "building"}, [], id="whole-chain"
        ),
        pytest.param({"compound": "compound"}, [], id="compound-without-community"),
        pytest.param({"unit": "unknown"}, [UNIT_GONE], id="unknown-community"),
        pytest.param({"unit": "gone_unit"}, [UNIT_GONE], id="deleted-community"),
        pytest.param(
            {"unit": "gone_unit", "compound": "compound"},
            [UNIT_GONE, COMPOUND_OUTSIDE],
            id="deleted-community-and-a-compound-of-another",
        ),
        pytest.param(
            {"unit": "second", "compound": "compound"}, [COMPOUND_OUTSIDE], id="compound-elsewhere"
        ),
        pytest.param(
            {"compound": "gone_compound", "building": "in_gone"},
            [COMPOUND_OUTSIDE],
            id="deleted-compound-with-its-building",
        ),
        pytest.param({"building": "building"}, [BUILDING_OUTSIDE], id="building-without-compound"),
        pytest.param(
            {"compound": "other_compound", "building": "building"},
            [BUILDING_OUTSIDE],
            id="building-elsewhere",
        ),
        pytest.param(
            {"checkpoint": "gone_checkpoint"},
            [("checkpoint_id", "请选择卡点。")],
            id="deleted-checkpoint",
        ),
    ],
)
def test_the_checkpoint_and_destination_must_exist_and_belong_together(
    admin, checkpoint, places, chosen: dict[str, str], errors: list[tuple[str, str]]
) -> None:
    wanted = dict(chosen)
    checkpoint = places[wanted.pop("checkpoint")] if "checkpoint" in wanted else checkpoint
    ids = {f"destination_{key}_id": places[name] for key, name in wanted.items()}
    before = row_counts(admin)
    if not errors:
        registration.register_visit(admin, a_visit(checkpoint, **ids))
        return
    with pytest.raises(FormErrors) as raised:
        registration.register_visit(admin, a_visit(checkpoint, **ids))
    assert [(e.field, e.message) for e in raised.value.errors] == errors
    assert row_counts(admin) == before
