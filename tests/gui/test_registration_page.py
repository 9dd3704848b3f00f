"""The registration form typed with the keyboard alone; what was saved is read back."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from jinsha_desktop.db.registration_models import MonitoringCase, Person, Visit
from jinsha_desktop.domain.reference import BuildingInput, CompoundInput
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.gui.forms import drafts as draft_keeping
from jinsha_desktop.gui.pages.checkpoint.registration_page import DRAFT_KEY, RegistrationPage
from jinsha_desktop.services import drafts, monitoring, reference, registration
from jinsha_desktop.services.registration_settings import (
    RegistrationSettings,
    save_registration_settings,
)
from tests.gui.conftest import type_text
from tests.unit.support import a_checkpoint, resident_id

ZHANG_SAN = resident_id("320612", "19900101", 123)  # a man born 1990-01-01 in 通州区
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def checkpoint(gui):
    return a_checkpoint(gui.services)


def open_page(qtbot, gui) -> RegistrationPage:
    page = RegistrationPage(gui)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.setFocus()  # what the main window does when the module is opened
    return page


@pytest.fixture
def page(qtbot, gui, checkpoint) -> RegistrationPage:
    return open_page(qtbot, gui)


def focused(page: QWidget) -> QWidget:
    widget = page.focusWidget()
    assert widget is not None
    return widget


def keys(qtbot, page, text: str = "", *then: Qt.Key) -> None:
    """Type into whatever has the focus, then press the given keys (Enter, Tab…)."""
    if text:
        type_text(qtbot, focused(page), text)
    for key in then:
        qtbot.keyClick(focused(page), key)


ENTER = Qt.Key.Key_Return


def save_with_ctrl_s(qtbot, page) -> None:
    qtbot.keyClick(focused(page), Qt.Key.Key_S, CTRL)


def visits(gui) -> list[Visit]:
    with gui.services.reading() as session:
        rows = list(session.scalars(select(Visit).order_by(Visit.created_at, Visit.visited_at)))
        session.expunge_all()
        return rows


def people(gui) -> list[Person]:
    with gui.services.reading() as session:
        rows = list(session.scalars(select(Person)))
        session.expunge_all()
        return rows


def test_a_whole_registration_is_typed_with_keys_only(qtbot, gui, page, checkpoint):
    unit = reference.list_units(gui.services)[0]
    compound = reference.save_compound(gui.services, unit.id, CompoundInput("金沙花苑"))
    building = reference.save_building(gui.services, compound, BuildingInput("3 幢"))
    page.refresh()
    f = page.form
    assert focused(page) is f.document_number

    keys(qtbot, page, ZHANG_SAN, ENTER)
    assert focused(page) is f.name  # gender and birth date come from the number
    keys(qtbot, page, "张三", ENTER)
    assert focused(page) is f.phone
    keys(qtbot, page, "13812345678", ENTER)
    keys(qtbot, page, "江苏省南通市通州区", ENTER)
    assert focused(page) is f.route_entry
    keys(qtbot, page, "上海市浦东新区", ENTER)  # Enter adds a place and stays
    keys(qtbot, page, "苏州市", ENTER)
    assert focused(page) is f.route_entry
    keys(qtbot, page, "", ENTER)  # empty: on to the destination
    assert focused(page) is f.destination_unit_id
    keys(qtbot, page, "", Qt.Key.Key_Down, ENTER)
    keys(qtbot, page, "", Qt.Key.Key_Down, ENTER)
    keys(qtbot, page, "", Qt.Key.Key_Down, ENTER)
    keys(qtbot, page, "301", ENTER)
    assert focused(page) is f.destination_address
    keys(qtbot, page, "", ENTER)
    keys(qtbot, page, "探亲", ENTER)
    keys(qtbot, page, "苏F12345", ENTER)
    keys(qtbot, page, "1", ENTER)
    keys(qtbot, page, "36.5", ENTER)
    keys(qtbot, page, "", Qt.Key.Key_Down, ENTER)  # health code: green
    keys(qtbot, page, "", Qt.Key.Key_Down, ENTER)  # travel code: no star
    keys(qtbot, page, "2026-11-24", ENTER)
    keys(qtbot, page, "", Qt.Key.Key_Down, ENTER)  # negative
    assert focused(page) is f.direction
    keys(qtbot, page, "", ENTER, ENTER, ENTER)  # direction, time, keep time: as they are
    assert focused(page) is f.checkpoint_id
    keys(qtbot, page, "", ENTER)
    assert focused(page) is f.notes
    keys(qtbot, page, "送药", ENTER)  # Enter on the last field saves

    [visit] = visits(gui)
    assert (visit.person_name, visit.document_number, visit.phone) == (
        "张三",
        ZHANG_SAN,
        "13812345678",
    )
    assert (visit.origin, visit.origin_region_code) == ("江苏省南通市通州区", "320612")
    assert json.loads(visit.route) == ["上海市浦东新区", "苏州市"]
    assert (visit.destination_unit_id, visit.destination_compound_id) == (unit.id, compound)
    assert (visit.destination_building_id, visit.destination_door) == (building, "301")
    assert (visit.purpose, visit.plate, visit.companions) == ("探亲", "苏F12345", 1)
    assert (visit.temperature, visit.health_code, visit.travel_code_star) == (
        Decimal("36.5"),
        "green",
        False,
    )
    assert (visit.nucleic_test_date, visit.nucleic_test_result) == (date(2026, 11, 24), "negative")
    assert (visit.direction, visit.checkpoint_id, visit.notes) == ("in", checkpoint, "送药")
    assert visit.visited_at == gui.services.clock.now()
    assert not visit.flagged
    [person] = people(gui)
    assert (person.gender, person.birth_date, person.native_region_code) == (
        "male",
        date(1990, 1, 1),
        "320612",
    )
    # A fresh form, the focus back on the document number, nothing left as a draft.
    assert focused(page) is f.document_number
    assert f.name.text() == "" and f.route.count() == 0 and f.temperature.text() == ""
    assert "张三" in f.last_saved.text()
    assert drafts.pending_drafts(gui.services) == []


def test_a_card_reader_number_ending_with_enter_fills_gender_birth_date_and_age(qtbot, gui, page):
    f = page.form
    qtbot.keyClicks(f.document_number, resident_id("320612", "19600229", 246))
    # Ready before Enter: the reader's Enter only moves on.
    assert (f.gender.currentData(), f.birth_date.text()) == ("female", "1960-02-29")
    assert f.age.text() == "66 years old"
    assert "江苏省南通市通州区" in f.document_number_note.text()
    assert not f.gender.isEnabled() and f.birth_date.isReadOnly()
    qtbot.keyClick(f.document_number, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert focused(page) is f.name
    keys(qtbot, page, "王秀英", Qt.Key.Key_Tab)
    assert focused(page) is f.phone  # Tab passes by what the number said, too
    save_with_ctrl_s(qtbot, page)
    [person] = people(gui)
    assert (person.name, person.gender, person.birth_date) == (
        "王秀英",
        "female",
        date(1960, 2, 29),
    )
    assert focused(page) is f.document_number


def test_an_unknown_region_code_is_a_warning_and_the_visit_is_saved(qtbot, gui, page):
    f = page.form
    qtbot.keyClicks(f.document_number, resident_id("320699", "19900101", 123))
    assert "320699" in f.document_number_note.text()
    assert f.document_number_error.isHidden()
    keys(
        qtbot,
        page,
        "",
        ENTER,
    )
    keys(qtbot, page, "赵六")
    save_with_ctrl_s(qtbot, page)
    assert len(visits(gui)) == 1
    assert "320699" in f.last_saved.text()


def test_an_invalid_id_number_is_shown_next_to_the_field_and_nothing_is_saved(qtbot, gui, page):
    f = page.form
    wrong = ZHANG_SAN[:-1] + ("0" if ZHANG_SAN[-1] != "0" else "1")
    qtbot.keyClicks(f.document_number, wrong)
    assert f.document_number_error.isVisible()
    assert "校验位" in f.document_number_error.text()
    qtbot.keyClick(f.document_number, ENTER)
    assert focused(page) is f.document_number  # a bad read stays where it is
    assert f.gender.isEnabled()
    f.name.setFocus()
    keys(qtbot, page, "张三")
    save_with_ctrl_s(qtbot, page)
    assert "校验位" in f.document_number_error.text()
    assert focused(page) is f.document_number
    assert visits(gui) == [] and people(gui) == []


def test_every_bad_field_gets_its_message_and_nothing_is_saved(qtbot, gui, page):
    f = page.form
    keys(qtbot, page, ZHANG_SAN, ENTER, ENTER)  # no name
    keys(qtbot, page, "1381234", ENTER)
    f.temperature.setFocus()
    keys(qtbot, page, "45")
    f.nucleic_test_date.setFocus()
    keys(qtbot, page, "2026-02-30")
    save_with_ctrl_s(qtbot, page)
    assert "请填写姓名" in f.name_error.text()
    assert "11 位" in f.phone_error.text()
    assert "34.0" in f.temperature_error.text()
    assert "2026-02-30" in f.nucleic_test_date_error.text()
    assert focused(page) is f.name  # the first bad field in reading order
    assert visits(gui) == []


def test_a_known_person_is_recognised_and_the_form_filled(qtbot, gui, page, checkpoint):
    earlier = gui.services.clock.now() - timedelta(hours=3)
    first = registration.register_visit(
        gui.services,
        VisitInput(
            document_number=ZHANG_SAN,
            name="张三",
            phone="13812345678",
            destination_address="金沙镇人民路 8 号",
            checkpoint_id=checkpoint,
            visited_at=earlier,
        ),
    )
    monitoring.open_case(
        gui.services,
        monitoring.CaseInput(first.person_id, "健康码为黄码", registration.today_of(gui.services)),
    )
    f = page.form
    qtbot.keyClicks(f.document_number, ZHANG_SAN.lower())
    qtbot.keyClick(f.document_number, ENTER)
    assert f.name.text() == "张三"
    assert f.destination_address.text() == "金沙镇人民路 8 号"
    assert f.phone.text() == "" and "138****5678" in f.phone.placeholderText()  # masked
    assert "张三" in f.known_box.summary.text()
    assert "监测中" in f.known_box.monitoring_status.text()
    assert (
        f.known_box.recent_visits.count() == 1
        and "北山社区1号卡点" in f.known_box.recent_visits.item(0).text()
    )
    save_with_ctrl_s(qtbot, page)
    saved = visits(gui)
    assert len(saved) == 2 and len(people(gui)) == 1
    assert people(gui)[0].phone == "13812345678"  # left empty: the one on record stays


def test_another_number_takes_back_what_the_known_person_filled(qtbot, gui, page, checkpoint):
    registration.register_visit(
        gui.services,
        VisitInput(
            document_number=ZHANG_SAN,
            name="张三",
            checkpoint_id=checkpoint,
            visited_at=gui.services.clock.now() - timedelta(hours=3),
        ),
    )
    f = page.form
    qtbot.keyClicks(f.document_number, ZHANG_SAN)
    assert f.name.text() == "张三"
    qtbot.keyClick(f.document_number, Qt.Key.Key_Backspace)
    assert f.name.text() == "" and f.known_box.recent_visits.count() == 0


def test_a_second_registration_within_the_window_asks_first(qtbot, gui, page, prompts, checkpoint):
    registration.register_visit(
        gui.services,
        VisitInput(
            document_number=ZHANG_SAN,
            name="张三",
            checkpoint_id=checkpoint,
            visited_at=gui.services.clock.now() - timedelta(minutes=5),
        ),
    )
    f = page.form
    keys(qtbot, page, ZHANG_SAN, ENTER)
    prompts.answers = [False]
    save_with_ctrl_s(qtbot, page)
    assert "已在本卡点登记过" in prompts.texts("confirm")[0]
    assert len(visits(gui)) == 1
    assert f.document_number.text() == ZHANG_SAN  # kept, to change or to confirm
    prompts.answers = [True]
    save_with_ctrl_s(qtbot, page)
    assert len(visits(gui)) == 2
    assert f.document_number.text() == ""


@pytest.mark.parametrize(
    ("field", "typed", "reason", "code", "days"),
    [
        ("temperature", "37.5", "体温 37.5℃", "fever", 7),
        ("health_code", "yellow", "健康码为黄码", "health_code", 7),
    ],
    ids=["fever", "yellow-code"],
)
def test_a_flagged_visit_offers_monitoring_and_opens_the_case(
    qtbot, gui, page, prompts, field, typed, reason, code, days
):
    f = page.form
    keys(
        qtbot,
        page,
        ZHANG_SAN,
        ENTER,
    )
    keys(qtbot, page, "张三")
    getattr(f, field).setFocus()
    if field == "health_code":
        keys(qtbot, page, "", Qt.Key.Key_Down, Qt.Key.Key_Down)
        assert f.health_code.currentData() == typed
    else:
        keys(qtbot, page, typed)
    prompts.answers = [True]
    save_with_ctrl_s(qtbot, page)
    [visit] = visits(gui)
    assert visit.flagged and reason in visit.flag_reasons
    [offer] = prompts.texts("confirm")
    assert reason in offer and f"{days} days" in offer
    with gui.services.reading() as session:
        case = session.scalars(select(MonitoringCase)).one()
        assert (case.person_id, case.visit_id, case.reason_code, case.days) == (
            visit.person_id,
            visit.id,
            code,
            days,
        )
        assert case.start_date == registration.today_of(gui.services)
        assert reason in case.reason
    assert focused(page) is f.document_number


def test_declining_monitoring_opens_no_case(qtbot, gui, page, prompts):
    keys(
        qtbot,
        page,
        ZHANG_SAN,
        ENTER,
    )
    keys(qtbot, page, "张三")
    page.form.temperature.setFocus()
    keys(qtbot, page, "38.2")
    prompts.answers = [False]
    save_with_ctrl_s(qtbot, page)
    assert visits(gui)[0].flagged
    with gui.services.reading() as session:
        assert session.scalars(select(MonitoringCase)).all() == []


def test_epidemic_fields_switched_off_disappear_and_saving_still_works(qtbot, gui, checkpoint):
    save_registration_settings(
        gui.services,
        RegistrationSettings(
            health_code=False,
            travel_code=False,
            nucleic_test=False,
            risk_areas=False,
            temperature=False,
        ),
    )
    page = open_page(qtbot, gui)
    f = page.form
    for name in (
        "temperature",
        "health_code",
        "travel_code_star",
        "nucleic_test_date",
        "nucleic_test_result",
        "temperature_label",
        "health_code_label",
    ):
        assert not getattr(f, name).isVisible(), name
    keys(qtbot, page, ZHANG_SAN, ENTER)
    keys(qtbot, page, "张三")
    f.companions.setFocus()
    keys(qtbot, page, "", ENTER)
    assert focused(page) is f.direction  # the hidden fields are passed by
    save_with_ctrl_s(qtbot, page)
    [visit] = visits(gui)
    assert (visit.temperature, visit.health_code, visit.travel_code_star) == (None, "", None)
    assert not visit.flagged


def test_a_rare_character_name_is_saved_intact(qtbot, gui, page):
    name = "𠮷野㐂"  # U+20BB7 (Extension B) and U+3402 (Extension A)
    keys(qtbot, page, ZHANG_SAN, ENTER)
    keys(qtbot, page, name)
    assert page.form.name.text() == name
    save_with_ctrl_s(qtbot, page)
    assert [p.name for p in people(gui)] == [name]
    assert [v.person_name for v in visits(gui)] == [name]


# The offscreen platform cannot raise a popup or let it grab the keyboard; nothing is wrong.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_where_from_is_completed_from_the_region_table(qtbot, gui, page):
    f = page.form
    keys(qtbot, page, ZHANG_SAN, ENTER)
    keys(qtbot, page, "张三", ENTER, ENTER)
    assert focused(page) is f.origin
    keys(qtbot, page, "南通通州")
    popup = f.origin.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, ENTER)
    assert f.origin.text() == "江苏省南通市通州区"
    save_with_ctrl_s(qtbot, page)
    assert visits(gui)[0].origin_region_code == "320612"


def test_a_half_typed_registration_survives_as_a_draft(qtbot, gui, monkeypatch, checkpoint):
    monkeypatch.setattr(draft_keeping, "AUTOSAVE_INTERVAL_MS", 50)
    page = open_page(qtbot, gui)
    keys(qtbot, page, ZHANG_SAN, ENTER)
    keys(qtbot, page, "张三", ENTER)
    qtbot.waitUntil(lambda: bool(drafts.pending_drafts(gui.services)), timeout=5000)
    [draft] = drafts.pending_drafts(gui.services)
    assert draft.form_key == DRAFT_KEY
    page.drafts._timer.stop()  # the crash

    page.close()
    again = open_page(qtbot, gui)
    again.restore(draft.values)
    assert (again.form.document_number.text(), again.form.name.text()) == (ZHANG_SAN, "张三")
    assert again.form.gender.currentData() == "male" and not again.form.gender.isEnabled()
    qtbot.keyClick(again.focusWidget(), Qt.Key.Key_S, CTRL)
    assert [v.person_name for v in visits(gui)] == ["张三"]
    assert drafts.pending_drafts(gui.services) == []


WALKED = [
    "document_number", "name", "phone", "origin", "route_entry", "destination_unit_id",
    "destination_door", "destination_address", "purpose", "plate", "companions", "temperature",
    "health_code", "travel_code_star", "nucleic_test_date", "nucleic_test_result", "direction",
    "visited_at", "keep_time", "checkpoint_id", "notes",
]  # fmt: skip


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, ENTER], ids=["tab", "enter"])
def test_tab_and_enter_walk_the_fields_in_reading_order(qtbot, gui, page, key):
    f = page.form
    keys(qtbot, page, ZHANG_SAN)  # gender and birth date are then passed by
    seen = [focused(page).objectName()]
    while focused(page) is not f.notes:
        qtbot.keyClick(focused(page), key)
        seen.append(focused(page).objectName())
    # Compound and building wait for a community to be chosen.
    assert seen == WALKED


def test_a_flagged_visit_of_someone_already_monitored_only_tells(
    qtbot, gui, page, prompts, checkpoint
):
    first = registration.register_visit(
        gui.services,
        VisitInput(
            document_number=ZHANG_SAN,
            name="张三",
            checkpoint_id=checkpoint,
            visited_at=gui.services.clock.now() - timedelta(hours=3),
        ),
    )
    monitoring.open_case(
        gui.services,
        monitoring.CaseInput(first.person_id, "发热", registration.today_of(gui.services)),
    )
    keys(qtbot, page, ZHANG_SAN, ENTER)
    page.form.temperature.setFocus()
    keys(qtbot, page, "38.0")
    save_with_ctrl_s(qtbot, page)
    assert prompts.texts("confirm") == []
    [notice] = prompts.texts("info")
    assert "体温 38.0℃" in notice and "already under health monitoring" in notice


def test_clear_form_asks_and_forgets_the_draft(qtbot, gui, page, prompts):
    keys(qtbot, page, ZHANG_SAN, ENTER)
    keys(qtbot, page, "张三")
    page.drafts.save_now()
    assert drafts.pending_drafts(gui.services)
    while focused(page) is not page.form.new_button:
        qtbot.keyClick(focused(page), Qt.Key.Key_Tab)
    prompts.answers = [False]
    qtbot.keyClick(page.form.new_button, Qt.Key.Key_Space)
    assert page.form.name.text() == "张三"
    prompts.answers = [True]
    qtbot.keyClick(page.form.new_button, Qt.Key.Key_Space)
    assert "not been saved" in prompts.texts("confirm")[0]
    assert page.form.name.text() == "" and page.form.document_number.text() == ""
    assert focused(page) is page.form.document_number
    assert drafts.pending_drafts(gui.services) == [] and visits(gui) == []


def test_coming_back_to_the_page_keeps_the_choices_and_shows_new_reference_data(qtbot, gui, page):
    unit = reference.list_units(gui.services)[0]
    compound = reference.save_compound(gui.services, unit.id, CompoundInput("金沙花苑"))
    page.refresh()
    f = page.form
    f.destination_unit_id.setFocus()
    keys(qtbot, page, "", Qt.Key.Key_Down, ENTER, Qt.Key.Key_Down)
    assert f.destination_compound_id.currentData() == str(compound)
    a_checkpoint(gui.services, "金余村卡点")
    page.hide()  # another module is shown, then this one again
    page.show()
    assert f.destination_unit_id.currentData() == str(unit.id)
    assert f.destination_compound_id.currentData() == str(compound)
    assert f.checkpoint_id.count() == 2


def test_a_registration_opened_from_the_list_is_corrected_not_registered_again(qtbot, gui):
    from jinsha_desktop.gui.pages.checkpoint.registration_module import RegistrationModule
    from jinsha_desktop.services import visit_lists

    checkpoint = a_checkpoint(gui.services)
    registration.register_visit(
        gui.services,
        VisitInput(
            document_number=resident_id(), name="王秀英", purpose="探亲", checkpoint_id=checkpoint
        ),
    )
    module = RegistrationModule(gui)
    qtbot.addWidget(module)
    module.show()
    module.setCurrentWidget(module.visits)
    module.visits.search()
    module.visits.form.table.selectRow(0)
    qtbot.keyClick(module.visits.form.table, Qt.Key.Key_Return)
    assert module.currentWidget() is module.form
    assert module.form.form.name.text() == "王秀英"
    module.form.form.purpose.clear()
    type_text(qtbot, module.form.form.purpose, "上班")
    qtbot.mouseClick(module.form.form.save_button, Qt.MouseButton.LeftButton)
    rows = visit_lists.visits_page(gui.services, visit_lists.VisitFilter())
    assert [(r.person_name, r.purpose) for r in rows] == [("王秀英", "上班")]  # not a second one
    assert module.form._editing is None


def test_a_volunteer_is_told_of_a_flagged_visit_and_the_clerk_follows_it_up(
    qtbot, gui, prompts, checkpoint
):
    from jinsha_desktop.domain.permissions import Role
    from tests.unit.support import logged_in_as

    gui.services = logged_in_as(gui.services, "volunteer", Role.CHECKPOINT)
    page = open_page(qtbot, gui)
    keys(qtbot, page, ZHANG_SAN, ENTER)
    keys(qtbot, page, "张三")
    page.form.temperature.setFocus()
    keys(qtbot, page, "38.2")
    save_with_ctrl_s(qtbot, page)

    assert visits(gui)[0].flagged
    assert prompts.texts("confirm") == []  # no offer the volunteer's role would refuse
    [notice] = prompts.texts("info")
    assert "体温 38.2℃" in notice
    with gui.services.reading() as session:
        assert session.scalars(select(MonitoringCase)).all() == []


@pytest.mark.parametrize("health_code_on", [True, False], ids=["health-code-on", "off"])
def test_f3_fills_the_trip_the_visit_declaration_carries_over(
    qtbot, gui, checkpoint, health_code_on
):
    from dataclasses import replace

    from jinsha_desktop.domain.reference import CompoundInput
    from jinsha_desktop.services import reference
    from jinsha_desktop.services.registration_settings import (
        registration_settings,
        save_registration_settings,
    )

    settings = registration_settings(gui.services)
    save_registration_settings(
        gui.services,
        replace(
            settings,
            health_code=health_code_on,
            required=["temperature"],
        ),
    )
    unit = reference.list_units(gui.services)[0]
    compound = reference.save_compound(gui.services, unit.id, CompoundInput("金沙花苑"))
    registration.register_visit(
        gui.services,
        VisitInput(
            document_number=ZHANG_SAN,
            name="张三",
            origin="上海黄浦",  # as typed last time: not a name in the table
            origin_region_code="310101",
            route=("苏州市",),
            destination_unit_id=unit.id,
            destination_compound_id=compound,
            destination_door="2-301",
            purpose="探亲",
            plate="苏F12345",
            temperature="36.6",
            health_code="green" if health_code_on else "",
            companions=2,
            checkpoint_id=checkpoint,
            visited_at=gui.services.clock.now() - timedelta(days=1),
        ),
    )
    page = open_page(qtbot, gui)
    f = page.form
    qtbot.keyClicks(f.document_number, ZHANG_SAN)
    qtbot.keyClick(f.document_number, ENTER)
    assert "上海黄浦" in f.known_box.last_visit.text()
    qtbot.keyClick(focused(page), Qt.Key.Key_F3)
    values = page.binder.values()
    assert (values["origin"], values["route"], values["purpose"], values["plate"]) == (
        "上海黄浦",
        ["苏州市"],
        "探亲",
        "苏F12345",
    )
    assert values["destination_unit_id"] == str(unit.id)
    assert values["destination_compound_id"] == str(compound)
    assert values["destination_door"] == "2-301"
    assert values["health_code"] == ("green" if health_code_on else "")
    assert values["temperature"] == "" and values["companions"] == 0  # measured, counted anew
    assert focused(page) is f.temperature  # the first required field still empty
    keys(qtbot, page, "36.5")
    save_with_ctrl_s(qtbot, page)
    saved = visits(gui)[-1]
    assert (saved.origin, saved.origin_region_code) == ("上海黄浦", "310101")  # the code kept
