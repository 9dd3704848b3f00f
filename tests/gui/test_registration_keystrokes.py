"""Keys a volunteer presses per registration stay within issue 10's targets (counted, not timed)."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest

from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.services import reference, registration
from jinsha_desktop.services.registration_settings import (
    RegistrationSettings,
    save_registration_settings,
)
from tests.gui.keystroke_journeys import (
    NEW_PERSON_MARGIN,
    RETURNING_TARGET,
    TEMPERATURE,
    new_person,
    returning_person,
)
from tests.gui.test_registration_page import open_page, visits
from tests.unit.support import a_checkpoint, resident_id

RETURNING = resident_id("320612", "19580315", 135)
NEW = resident_id("320684", "19900101", 246)


def a_trip_registered_before(gui, checkpoint) -> None:
    unit = reference.list_units(gui.services)[0]
    registration.register_visit(
        gui.services,
        VisitInput(
            document_number=RETURNING,
            name="顾海燕",
            phone="13912345678",
            origin="江苏省南通市通州区",
            route=("上海市浦东新区",),
            destination_unit_id=unit.id,
            destination_address="金沙镇人民路 8 号",
            purpose="探亲",
            plate="苏F12345",
            temperature="36.4",
            health_code="green",
            checkpoint_id=checkpoint,
            visited_at=gui.services.clock.now() - timedelta(days=2),
        ),
    )


@pytest.mark.parametrize(
    ("required", "target"),
    [
        (["temperature", "health_code"], RETURNING_TARGET + len(TEMPERATURE)),
        (["health_code"], RETURNING_TARGET),
    ],
    ids=["temperature-required", "temperature-not-required"],
)
def test_a_returning_person_takes_the_id_one_key_for_the_last_trip_and_saving(
    qtbot, gui, required, target
):
    save_registration_settings(gui.services, RegistrationSettings(required=required))
    checkpoint = a_checkpoint(gui.services)
    a_trip_registered_before(gui, checkpoint)
    page = open_page(qtbot, gui)

    keys = returning_person(page, RETURNING)

    assert keys.count <= target, keys.log
    assert len(visits(gui)) == 2
    last = visits(gui)[-1]
    assert (last.origin, json.loads(last.route), last.purpose, last.plate) == (
        "江苏省南通市通州区",
        ["上海市浦东新区"],
        "探亲",
        "苏F12345",
    )
    assert last.destination_address == "金沙镇人民路 8 号" and last.health_code == "green"
    # Measured anew, never copied from the last visit.
    expected = Decimal(TEMPERATURE) if "temperature" in required else None
    assert last.temperature == expected
    assert last.visited_at == gui.services.clock.now()


def test_a_new_person_takes_name_id_and_phone_and_at_most_ten_keys_more(qtbot, gui):
    save_registration_settings(gui.services, RegistrationSettings())  # a new installation's
    a_checkpoint(gui.services)
    page = open_page(qtbot, gui)
    name, phone = "陆建华", "13812345678"

    keys = new_person(page, NEW, name, phone)

    assert keys.count <= len(name) + len(NEW) + len(phone) + NEW_PERSON_MARGIN, keys.log
    [visit] = visits(gui)
    assert (visit.person_name, visit.document_number, visit.phone) == (name, NEW, phone)
    assert (visit.temperature, visit.health_code) == (Decimal(TEMPERATURE), "green")
