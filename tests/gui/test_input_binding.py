"""The registration form bound to VisitInput by the input's field names and types, with a small
table of exceptions: no hand-written mapping form → input, input → form, last visit → form."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.gui.forms.input_binding import InputBinding
from jinsha_desktop.gui.generated.ui_registration_page import Ui_RegistrationPage
from jinsha_desktop.gui.pages.checkpoint.registration_fields import (
    STICKY,
    VISIT_FORM,
    defaults,
    reading_order,
    visit_input,
)

SAVED = VisitInput(
    document_number="320612199001011234",
    name="𠮷田 王秀英",
    document_type="other",
    gender="female",
    birth_date=date(1990, 1, 1),
    phone="13812345678",
    origin_region_code="310101",
    origin="上海市黄浦区",
    route=("苏州市", "无锡市"),
    destination_unit_id=uuid.uuid4(),
    destination_compound_id=uuid.uuid4(),
    destination_building_id=uuid.uuid4(),
    destination_door="2-301",
    destination_address="金沙镇新华路 8 号",
    purpose="探亲",
    plate="苏F12345",
    companions=2,
    temperature=Decimal("36.6"),
    health_code="green",
    travel_code_star=False,
    nucleic_test_date=date(2026, 11, 23),
    nucleic_test_result="negative",
    direction="out",
    visited_at=None,
    checkpoint_id=uuid.uuid4(),
    notes="备注",
)


def test_a_saved_visit_goes_into_the_form_and_comes_back_the_same():
    values = VISIT_FORM.to_form(SAVED)
    assert values["destination_unit_id"] == str(SAVED.destination_unit_id)
    assert values["route"] == ["苏州市", "无锡市"] and values["travel_code_star"] == "no_star"
    assert values["birth_date"] == "1990-01-01" and values["temperature"] == "36.6"
    errors: list[ValidationError] = []
    back = VISIT_FORM.to_input(values, errors, {"origin_region_code": "310101", "visited_at": None})
    assert errors == []
    assert back == dataclasses.replace(SAVED, temperature="36.6")  # typed text, checked later


FIELDS_AS_WRITTEN_BEFORE = [
    "document_type", "document_number", "name", "gender", "birth_date", "phone", "origin",
    "route", "destination_unit_id", "destination_compound_id", "destination_building_id",
    "destination_door", "destination_address", "purpose", "plate", "companions", "temperature",
    "health_code", "travel_code_star", "nucleic_test_date", "nucleic_test_result", "direction",
    "visited_at", "keep_time", "checkpoint_id", "notes",
]  # fmt: skip
"""The reading order the page kept by hand until it was read from the form's tab order."""


@pytest.fixture
def designed(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    form = Ui_RegistrationPage()
    form.setupUi(page)
    return form, page


def test_every_input_field_is_a_widget_named_after_it_or_declared_not_on_the_form(designed):
    form, page = designed
    bound = set(VISIT_FORM.conversions)
    assert bound | VISIT_FORM.not_on_form == {f.name for f in dataclasses.fields(VisitInput)}
    for key in bound:
        assert getattr(form, key).objectName() == key
    assert bound <= set(reading_order(form, page).fields)


def test_the_reading_order_is_the_forms_tab_order_as_it_was_written_by_hand(designed):
    order = reading_order(*designed)
    assert order.fields == FIELDS_AS_WRITTEN_BEFORE
    walk = [name for name in FIELDS_AS_WRITTEN_BEFORE if name != "route"]
    walk.insert(walk.index("origin") + 1, "route_entry")
    assert order.walk == walk


def test_a_fresh_form_is_the_inputs_defaults():
    fresh = {name: "" for name in FIELDS_AS_WRITTEN_BEFORE if name not in STICKY}
    fresh.update(document_type="resident_id", direction="in", companions=0, route=[])
    assert defaults() == fresh


def test_a_field_of_a_type_without_a_conversion_is_refused_at_once():
    @dataclasses.dataclass
    class Odd:
        when: complex

    with pytest.raises(TypeError, match="Odd.when"):
        InputBinding(Odd)


def test_every_unreadable_date_and_time_is_reported_at_once_next_to_its_field():
    values = VISIT_FORM.to_form(SAVED) | {
        "birth_date": "1990-02-30",
        "nucleic_test_date": "11-23",
        "visited_at": "25:00",
    }

    def no_time(_text: str):
        raise ValueError("day")

    errors: list[ValidationError] = []
    data = visit_input(
        values,
        id_read=False,
        time_given=True,
        parse_time=no_time,
        origin_code=lambda _o: "",
        errors=errors,
    )
    assert [(e.field, e.message) for e in errors] == [
        ("visited_at", "There is no such time: 25:00"),
        ("birth_date", "There is no such day: 1990-02-30"),
        ("nucleic_test_date", "Write the date as 2026-11-24."),
    ]
    assert data.birth_date is None and data.nucleic_test_date is None


def test_a_birth_date_read_from_the_id_number_is_not_taken_from_the_field():
    values = VISIT_FORM.to_form(SAVED) | {"birth_date": "not a date"}
    errors: list[ValidationError] = []
    data = visit_input(
        values,
        id_read=True,
        time_given=False,
        parse_time=lambda _t: None,
        origin_code=lambda _o: "310101",
        errors=errors,
    )
    assert errors == [] and data.birth_date is None and data.visited_at is None
    assert data.origin_region_code == "310101"


def test_a_field_the_form_has_no_widget_for_keeps_the_inputs_default():
    values = VISIT_FORM.to_form(SAVED)
    del values["purpose"], values["notes"]
    errors: list[ValidationError] = []
    data = VISIT_FORM.to_input(values, errors, {"origin_region_code": "", "visited_at": None})
    assert errors == [] and data.purpose == "" and data.notes == ""
    assert data.plate == SAVED.plate


def test_a_form_without_a_widget_for_an_input_field_still_saves_and_clears(qtbot, gui):
    from tests.gui.conftest import type_text
    from tests.gui.test_registration_page import ZHANG_SAN, open_page, save_with_ctrl_s, visits
    from tests.unit.support import a_checkpoint

    a_checkpoint(gui.services)
    page = open_page(qtbot, gui)
    page.binder.fields.remove("purpose")  # as a .ui without the 事由 widget
    assert not page.has_input()
    qtbot.keyClicks(page.form.document_number, ZHANG_SAN)
    type_text(qtbot, page.form.name, "张三")
    assert page.has_input()
    save_with_ctrl_s(qtbot, page)
    qtbot.waitUntil(lambda: len(visits(gui)) == 1)
    [visit] = visits(gui)
    assert visit.person_name == "张三" and visit.purpose == ""
