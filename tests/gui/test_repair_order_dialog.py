"""The repair order form (gui/dialogs/repair_order_dialog.py), driven like a user would: an order
from a resident's report to checked, with parts and an after photo, typed with keys; bad input
shown next to its field with nothing saved; a viewer sees no edit buttons."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from sqlalchemy import func, select

from jinsha_desktop.db.repair_models import RepairEvent
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.repairs import EventKind, OrderInput, OrderStatus, PlaceInput
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.repair_order_dialog import RepairOrderDialog
from jinsha_desktop.gui.dialogs.repair_order_panels import time_text
from jinsha_desktop.services import repair_orders
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.repair_settings import RepairSettings, save_repair_settings
from tests.gui.conftest import type_text
from tests.unit.support import a_compound, logged_in_as

K = EventKind


def opened(qtbot, gui: GuiContext, order_id: uuid.UUID | None = None) -> RepairOrderDialog:
    dialog = RepairOrderDialog(gui, None, order_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    return dialog


def press(qtbot, widget: QWidget, key: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, key)


def enter(qtbot, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def retype(qtbot, widget: QWidget, text: str) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, widget, text)


def a_photo(folder: Path, colour: str = "orange") -> Path:
    path = folder / f"{colour}.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return path


def report_an_order(admin: AppContext, days_ago: float = 2, **kw: object) -> uuid.UUID:
    compound_id, buildings = a_compound(admin, "北山新村")
    now = admin.clock.now()
    order = OrderInput(
        PlaceInput(compound_id, buildings[0], 2, 5),
        "楼道灯不亮",
        now - timedelta(days=days_ago),
        reporter_name="王阿姨",
        reporter_phone="13812345678",
    )
    return repair_orders.report_order(admin, order, **kw)  # type: ignore[arg-type]


def test_an_order_from_a_residents_report_to_checked_with_parts_and_an_after_photo(
    qtbot, gui: GuiContext, tmp_path: Path
):
    admin = gui.services
    a_compound(admin, "北山新村", buildings=3, units=2, floors=6)
    save_repair_settings(admin, RepairSettings(overdue_days=7, after_photo_required=True))
    dialog = opened(qtbot, gui)
    form = dialog.form

    # The report, typed: community, compound, building, unit, floor by arrow keys, Enter on.
    assert form.unit_id.hasFocus()
    press(qtbot, form.unit_id, Qt.Key.Key_Down)
    enter(qtbot, form.unit_id)
    assert form.compound_id.hasFocus()
    press(qtbot, form.compound_id, Qt.Key.Key_Down)
    enter(qtbot, form.compound_id)
    press(qtbot, form.building_id, Qt.Key.Key_Down)
    enter(qtbot, form.building_id)
    press(qtbot, form.unit_no, Qt.Key.Key_Down, 2)
    enter(qtbot, form.unit_no)
    press(qtbot, form.floor, Qt.Key.Key_Down, 7)  # past 地下2层 and 地下1层 to 5层
    assert form.floor.currentData() == 5
    enter(qtbot, form.floor)
    type_text(qtbot, form.location_note, "东侧楼道")
    enter(qtbot, form.location_note)
    type_text(qtbot, form.problem, "楼道灯不亮")
    enter(qtbot, form.problem)
    type_text(qtbot, form.reporter_name, "王阿姨")
    enter(qtbot, form.reporter_name)
    type_text(qtbot, form.reporter_phone, "13812345678")
    enter(qtbot, form.reporter_phone)
    assert form.reported_at.hasFocus()
    retype(qtbot, form.reported_at, "2026-11-23 08:15")
    enter(qtbot, form.reported_at)
    enter(qtbot, form.note)  # the last field of the report: Enter saves

    assert dialog.detail is not None, form.form_error.text()
    order_id = dialog.detail.id
    assert dialog.detail.status is OrderStatus.REPORTED
    assert dialog.detail.place == "1幢2单元5层 东侧楼道"
    assert form.tabs.currentWidget() is form.work_tab and form.step_at.hasFocus()

    # Assign: Enter walks the step's fields to its buttons; Space takes the step.
    retype(qtbot, form.step_at, "2026-11-23 10:00")
    enter(qtbot, form.step_at)
    type_text(qtbot, form.assignee, "李师傅")
    enter(qtbot, form.assignee)
    enter(qtbot, form.step_note)
    assert form.assign_button.hasFocus()
    qtbot.keyClick(form.assign_button, Qt.Key.Key_Space)
    assert dialog.detail.status is OrderStatus.ASSIGNED

    # Parts: a part and its quantity, Enter adds; labour typed, Ctrl+S saves it.
    form.tabs.setCurrentWidget(form.parts_tab)
    form.part_id.setFocus()
    press(qtbot, form.part_id, Qt.Key.Key_Down)
    enter(qtbot, form.part_id)
    type_text(qtbot, form.quantity, "3")
    enter(qtbot, form.quantity)
    press(qtbot, form.part_id, Qt.Key.Key_Down, 3)  # 电线, by the metre
    enter(qtbot, form.part_id)
    type_text(qtbot, form.quantity, "2.5")
    enter(qtbot, form.quantity)
    assert [line.name for line in dialog.detail.parts] == ["LED 灯泡", "电线"]
    retype(qtbot, form.labour_cost, "20")
    qtbot.keyClick(form.labour_cost, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.detail.labour_cost == Decimal("20.00")
    assert "50.25" in form.total.text()  # 3 × 8.00 + 2.5 × 2.50 + 20.00

    # Repaired, then checked with the after photo (the setting asks for one).
    form.tabs.setCurrentWidget(form.work_tab)
    retype(qtbot, form.step_at, "2026-11-24 16:00")
    qtbot.keyClick(form.repair_button, Qt.Key.Key_Space)
    assert dialog.detail.status is OrderStatus.REPAIRED
    qtbot.keyClick(form.check_button, Qt.Key.Key_Space)
    assert "照片" in form.step_error.text() or "photo" in form.step_error.text()
    assert dialog.detail.status is OrderStatus.REPAIRED
    dialog.after.add_sources([a_photo(tmp_path)])
    qtbot.waitUntil(lambda: not dialog.after.busy() and bool(dialog.after.pending()))
    qtbot.keyClick(form.check_button, Qt.Key.Key_Space)

    detail = repair_orders.order_detail(admin, order_id)
    assert detail.status is OrderStatus.CHECKED
    assert [e.kind for e in detail.events] == [K.REPORT, K.ASSIGN, K.REPAIR, K.CHECK]
    assert detail.assignee == "李师傅"
    assert detail.reported_at == detail.events[0].at
    assert time_text(detail.reported_at) == "2026-11-23 08:15"
    assert [p.role for p in detail.photos] == ["after"]
    assert detail.cost == Decimal("50.25") and detail.reporter_phone == "138****5678"
    assert dialog.saved_id == order_id
    assert not form.check_button.isVisible() and form.reopen_button.isVisible()


def test_a_step_before_the_report_is_refused_next_to_its_time(qtbot, gui: GuiContext):
    order_id = report_an_order(gui.services)
    dialog = opened(qtbot, gui, order_id)
    form = dialog.form
    form.tabs.setCurrentWidget(form.work_tab)
    before = time_text(gui.services.clock.now() - timedelta(days=3))

    retype(qtbot, form.step_at, before)
    type_text(qtbot, form.assignee, "李师傅")
    qtbot.keyClick(form.assign_button, Qt.Key.Key_Space)

    assert form.step_at_error.isVisible() and "报修时间" in form.step_at_error.text()
    assert form.step_at.hasFocus()
    assert "报修时间" in form.step_at.accessibleDescription()
    with gui.services.reading() as session:
        events = session.scalar(select(func.count(RepairEvent.id)))
    assert events == 1
    assert repair_orders.order_detail(gui.services, order_id).status is OrderStatus.REPORTED


@pytest.mark.parametrize(
    ("kind", "field", "typed"),
    [(K.REJECT, "step_note", ""), (K.ASSIGN, "assignee", "")],
    ids=["reject without a reason", "assign without a worker"],
)
def test_a_step_missing_what_it_needs_says_so_by_the_field(
    qtbot, gui: GuiContext, kind: EventKind, field: str, typed: str
):
    order_id = report_an_order(gui.services)
    dialog = opened(qtbot, gui, order_id)
    button = {K.REJECT: dialog.form.reject_button, K.ASSIGN: dialog.form.assign_button}[kind]
    dialog.form.tabs.setCurrentWidget(dialog.form.work_tab)

    qtbot.keyClick(button, Qt.Key.Key_Space)

    label = getattr(dialog.form, f"{field}_error")
    assert label.isVisible() and label.text()
    assert getattr(dialog.form, field).hasFocus()
    assert repair_orders.order_detail(gui.services, order_id).status is OrderStatus.REPORTED


def test_bad_parts_are_refused_and_a_rejected_order_takes_none(qtbot, gui: GuiContext):
    order_id = report_an_order(gui.services)
    dialog = opened(qtbot, gui, order_id)
    form = dialog.form
    form.tabs.setCurrentWidget(form.parts_tab)

    form.quantity.setFocus()
    type_text(qtbot, form.quantity, "3")
    enter(qtbot, form.quantity)  # no part chosen
    assert form.part_id_error.isVisible() and "配件" in form.part_id_error.text()
    press(qtbot, form.part_id, Qt.Key.Key_Down)
    retype(qtbot, form.quantity, "-2")
    enter(qtbot, form.quantity)
    assert form.quantity_error.isVisible() and "大于 0" in form.quantity_error.text()
    assert dialog.detail is not None and dialog.detail.parts == ()

    now = gui.services.clock.now()
    repair_orders.take_step(gui.services, order_id, K.REJECT, now, note="不是公共设施")
    dialog.reload()
    assert not form.add_part_button.isEnabled() and not form.quantity.isEnabled()


def test_a_bad_report_is_shown_by_its_fields_and_nothing_saved(qtbot, gui: GuiContext):
    a_compound(gui.services, "北山新村")
    dialog = opened(qtbot, gui)
    form = dialog.form
    form.reported_at.setFocus()
    retype(qtbot, form.reported_at, "昨天")

    qtbot.keyClick(form.reported_at, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert dialog.detail is None and dialog.saved_id is None
    assert form.reported_at_error.isVisible() and form.compound_id_error.isVisible()
    assert form.problem_error.isVisible()
    assert form.compound_id.hasFocus() or form.reported_at.hasFocus()


def test_a_viewer_sees_the_order_and_no_edit_buttons(qtbot, gui: GuiContext):
    order_id = report_an_order(gui.services)
    viewer = logged_in_as(gui.services, "chakan", Role.VIEWER)
    as_viewer = GuiContext(viewer, gui.opened, gui.config, gui.config_path, gui.prompts)
    dialog = opened(qtbot, as_viewer, order_id)
    form = dialog.form

    assert not form.buttons.button(QDialogButtonBox.StandardButton.Save).isVisible()
    for tab in (form.work_tab, form.parts_tab, form.photos_tab):
        form.tabs.setCurrentWidget(tab)
        assert not [b.text() for b in dialog.steps.buttons.values() if b.isVisible()]
        assert not form.add_part_button.isVisible() and not dialog.after.add_button.isVisible()
    assert not form.problem.isEnabled()
    assert form.reporter_phone.text() == "138****5678"


def test_property_staff_report_an_order(qtbot, gui: GuiContext):
    a_compound(gui.services, "北山新村")
    staff = logged_in_as(gui.services, "wuguan", Role.PROPERTY)
    dialog = opened(qtbot, GuiContext(staff, gui.opened, gui.config, gui.config_path, gui.prompts))
    form = dialog.form
    form.unit_id.setFocus()
    press(qtbot, form.unit_id, Qt.Key.Key_Down)
    press(qtbot, form.compound_id, Qt.Key.Key_Down)
    form.problem.setFocus()
    type_text(qtbot, form.problem, "路灯不亮")

    qtbot.keyClick(form.problem, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert dialog.detail is not None, form.form_error.text()
    assert dialog.detail.events[0].by_name == "测试用户"
