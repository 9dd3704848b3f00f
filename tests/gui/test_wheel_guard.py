"""The mouse wheel scrolls a form; it changes a combo, spin box, date or slider only with focus.

Real wheel events (QWheelEvent through QApplication.sendEvent) on widgets inside a scroll area,
with the application-wide filter of gui/widgets/wheel_guard.py installed as gui/app.py does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jinsha_desktop.gui.widgets.wheel_guard import WheelGuard, install_wheel_guard


@pytest.fixture
def guard(qapp: QApplication) -> Iterator[WheelGuard]:
    installed = install_wheel_guard(qapp)
    assert install_wheel_guard(qapp) is installed  # once, however often it is asked
    yield installed
    qapp.removeEventFilter(installed)
    installed.setParent(None)
    installed.deleteLater()


class Form:
    """A tall form in a scroll area, like the registration page."""

    def __init__(self, qtbot: Any) -> None:
        self.area = QScrollArea()
        content = QWidget()
        layout = QVBoxLayout(content)
        self.combo = QComboBox()
        self.combo.addItems(["", "绿码", "黄码", "红码"])
        self.spin = QSpinBox()
        self.spin.setRange(0, 20)
        self.spin.setValue(5)
        self.date = QDateEdit(QDate(2026, 11, 25))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 10)
        self.slider.setValue(5)
        for widget in (self.combo, self.spin, self.date, self.slider):
            layout.addWidget(widget)
        layout.addStretch()
        content.setMinimumHeight(3000)
        self.area.setWidget(content)
        self.area.setWidgetResizable(True)
        self.area.resize(320, 300)
        qtbot.addWidget(self.area)
        self.area.show()
        qtbot.waitExposed(self.area)

    def values(self) -> tuple[int, int, QDate, int]:
        return (self.combo.currentIndex(), self.spin.value(), self.date.date(), self.slider.value())

    @property
    def scrolled(self) -> int:
        return self.area.verticalScrollBar().value()


def turn_wheel_down(widget: QWidget) -> None:
    """One notch of a real mouse wheel towards the user, over the middle of `widget`."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        widget.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_wheel_over_unfocused_fields_scrolls_the_form_and_changes_no_value(
    qtbot: Any, guard: WheelGuard
) -> None:
    # Given a form in a scroll area, the pointer over fields that do not have the focus
    form = Form(qtbot)
    before = form.values()
    assert form.scrolled == 0
    # When the wheel turns over the combo box
    turn_wheel_down(form.combo)
    # Then the combo keeps its (blank) value and the form scrolls instead
    assert form.values() == before
    assert form.scrolled > 0
    # And the same over the spin box, the date and the slider: each turn scrolls further
    for widget in (form.spin, form.date, form.slider):
        scrolled = form.scrolled
        turn_wheel_down(widget)
        assert form.values() == before, type(widget).__name__
        assert form.scrolled > scrolled, type(widget).__name__
    # And the wheel did not give any of them the focus
    for widget in (form.combo, form.spin, form.date, form.slider):
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus
        assert not widget.hasFocus()


@pytest.mark.parametrize("name", ["combo", "spin"])
def test_wheel_over_the_focused_field_changes_its_value(
    qtbot: Any, guard: WheelGuard, name: str
) -> None:
    # Given a form whose combo box or spin box has the focus (clicked or reached with Tab)
    form = Form(qtbot)
    form.area.activateWindow()
    qtbot.waitActive(form.area)
    widget = getattr(form, name)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    # When the wheel turns over it
    turn_wheel_down(widget)
    # Then its value changes (the next health code; one less companion) and the form stays put
    if name == "combo":
        assert form.combo.currentText() == "绿码"
    else:
        assert form.spin.value() == 4
    assert form.scrolled == 0


def test_without_the_guard_the_wheel_changes_an_unfocused_combo(qtbot: Any) -> None:
    # The trap the guard closes (issue 10, point 3): Qt's own behaviour
    form = Form(qtbot)
    turn_wheel_down(form.combo)
    assert form.combo.currentText() == "绿码"


def test_an_unfocused_spin_box_outside_any_scroll_area_keeps_its_value(
    qtbot: Any, guard: WheelGuard
) -> None:
    spin = QSpinBox()
    spin.setValue(3)
    qtbot.addWidget(spin)
    spin.show()
    qtbot.waitExposed(spin)
    turn_wheel_down(spin)
    assert spin.value() == 3


def test_scrolling_the_registration_form_over_health_code_and_companions(
    qtbot: Any, guard: WheelGuard, gui: Any
) -> None:
    # Given the registration form, smaller than its content, the cursor in 证件号码
    from jinsha_desktop.gui.pages.checkpoint.registration_page import RegistrationPage

    page = RegistrationPage(gui)
    qtbot.addWidget(page)
    page.resize(900, 420)
    page.show()
    qtbot.waitExposed(page)
    form = page.form
    bar = form.scroll.verticalScrollBar()
    assert bar.maximum() > 0
    health_code, companions = form.health_code.currentText(), form.companions.value()
    # When the volunteer turns the wheel over 健康码 and over 同行人数
    for widget in (form.health_code, form.companions):
        bar.setValue(0)
        turn_wheel_down(widget)
        # Then the form scrolls and neither field changes
        assert bar.value() > 0
    assert form.health_code.currentText() == health_code == ""
    assert form.companions.value() == companions
