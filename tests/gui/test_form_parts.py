"""The reusable form parts: the Enter walk (every form's) and the place picker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from jinsha_desktop.domain.reference import BuildingInput, CompoundInput
from jinsha_desktop.gui.forms.enter_walk import EnterWalk
from jinsha_desktop.gui.widgets.place_picker import PlacePicker
from jinsha_desktop.services import reference


@pytest.fixture
def walked(qtbot):
    """Six fields in reading order: a, b (disabled), c (read-only), d (hidden), note, e."""
    owner = QWidget()
    layout = QFormLayout(owner)
    fields = {}
    for name in ("a", "b", "c", "d", "note", "e"):
        fields[name] = QPlainTextEdit(owner) if name == "note" else QLineEdit(owner)
        layout.addRow(name, fields[name])
    fields["b"].setEnabled(False)
    fields["c"].setReadOnly(True)
    fields["d"].hide()
    finished = []
    owner.walk = EnterWalk(owner, list(fields.values()), lambda: finished.append(True))
    qtbot.addWidget(owner)
    owner.show()
    qtbot.waitExposed(owner)
    return fields, finished


def test_enter_skips_what_takes_no_input_and_saves_on_the_last_field(qtbot, walked):
    fields, finished = walked
    fields["a"].setFocus()
    qtbot.keyClick(fields["a"], Qt.Key.Key_Return)
    assert fields["note"].hasFocus()  # not the disabled, read-only or hidden ones
    qtbot.keyClick(fields["note"], Qt.Key.Key_Return)
    assert fields["note"].toPlainText() == "\n" and not finished  # a new line there
    fields["e"].setFocus()
    qtbot.keyClick(fields["e"], Qt.Key.Key_Return)
    assert finished == [True]


def test_the_keypad_enter_walks_too_but_not_with_shift(qtbot, walked):
    fields, finished = walked
    fields["a"].setText("x")
    fields["a"].setFocus()
    qtbot.keyClick(fields["a"], Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert fields["a"].hasFocus()
    qtbot.keyClick(fields["a"], Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert fields["note"].hasFocus() and not finished


def test_the_place_picker_offers_each_levels_choices_from_the_one_above(qtbot, gui):
    unit = reference.list_units(gui.services)[0]
    compound = reference.save_compound(gui.services, unit.id, CompoundInput("金沙花苑"))
    building = reference.save_building(gui.services, compound, BuildingInput("3 幢"))
    owner = QWidget()
    qtbot.addWidget(owner)
    combos = [QComboBox(owner) for _ in range(3)]
    picker = PlacePicker(lambda: gui.services, *combos)
    picker.refill()
    unit_box, compound_box, building_box = combos
    assert not compound_box.isEnabled() and not building_box.isEnabled()  # nothing chosen yet
    unit_box.setCurrentIndex(unit_box.findData(str(unit.id)))
    assert compound_box.isEnabled() and compound_box.itemText(1) == "金沙花苑"
    compound_box.setCurrentIndex(1)
    assert building_box.isEnabled() and building_box.itemText(1) == "3 幢"
    building_box.setCurrentIndex(1)
    assert (picker.unit_id(), picker.compound_id(), picker.building_id()) == (
        unit.id,
        compound,
        building,
    )
    unit_box.setCurrentIndex(0)  # no community: nothing below it
    assert picker.compound_id() is None and not compound_box.isEnabled()
    assert picker.building_id() is None and not building_box.isEnabled()


def test_a_refill_keeps_the_choices_that_still_exist(qtbot, gui):
    unit = reference.list_units(gui.services)[0]
    compound = reference.save_compound(gui.services, unit.id, CompoundInput("金沙花苑"))
    owner = QWidget()
    qtbot.addWidget(owner)
    unit_box, compound_box = QComboBox(owner), QComboBox(owner)
    picker = PlacePicker(lambda: gui.services, unit_box, compound_box)
    picker.refill()
    unit_box.setCurrentIndex(unit_box.findData(str(unit.id)))
    compound_box.setCurrentIndex(compound_box.findData(str(compound)))
    reference.save_compound(gui.services, unit.id, CompoundInput("新苑"))
    picker.refill()
    assert picker.compound_id() == compound and compound_box.count() == 3
    assert picker.building_id() is None


def test_the_person_card_shows_a_person_their_follow_up_and_visits(qtbot):
    import uuid
    from datetime import UTC, date, datetime

    from jinsha_desktop.gui.widgets.person_card import PersonCardBox
    from jinsha_desktop.services.last_visit import LastVisit
    from jinsha_desktop.services.registration import PersonCard, RecentVisit

    card_box = PersonCardBox()
    qtbot.addWidget(card_box)
    assert "document number" in card_box.summary.text()  # nothing looked up yet
    assert card_box.use_last_visit_button.isHidden()
    card_box.show_person(None, known=True)
    assert "new person" in card_box.summary.text()
    when = datetime(2026, 11, 24, 8, 15, tzinfo=UTC)
    card = PersonCard(
        person_id=uuid.uuid4(),
        name="𠮷田",
        gender="male",
        birth_date=date(1958, 3, 15),
        phone="139****5678",
        address="北山村 3 组",
        masked=True,
        recent_visits=(RecentVisit(when, "北山社区1号卡点", "in", True),),
        monitoring_status="monitoring",
    )
    card_box.show_person(card, known=True)
    assert card_box.summary.text().splitlines()[0] == "𠮷田"
    assert "139****5678" in card_box.summary.text()
    assert card_box.monitoring_status.text() != ""
    assert card_box.recent_visits.count() == 1
    assert "北山社区1号卡点" in card_box.recent_visits.item(0).text()
    last = LastVisit(
        visited_at=when,
        origin="上海市黄浦区",
        origin_region_code="310101",
        route=(),
        destination_unit_id=None,
        destination_compound_id=None,
        destination_building_id=None,
        destination_door="",
        destination_address="北山村 3 组",
        purpose="探亲",
        plate="",
        health_code="green",
    )
    card_box.show_last_visit(last)
    assert "上海市黄浦区" in card_box.last_visit.text() and "探亲" in card_box.last_visit.text()
    with qtbot.waitSignal(card_box.use_last_visit_requested):
        card_box.use_last_visit_button.click()
    card_box.show_last_visit(None)
    assert card_box.use_last_visit_button.isHidden() and card_box.last_visit.isHidden()


def test_the_person_cards_last_visit_tooltip_names_the_carried_over_fields(qtbot):
    from jinsha_desktop.gui.widgets.person_card import PersonCardBox

    card_box = PersonCardBox()
    qtbot.addWidget(card_box)
    tip = card_box.use_last_visit_button.toolTip()
    # no translator installed in the tests: the English source with the declared headings
    assert tip == (
        "Fill 来自何处, 途经地, 前往地点, 事由, 车牌, 健康码 as at the last visit; "
        "the temperature is measured anew."
    )
