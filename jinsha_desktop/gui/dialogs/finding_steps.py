"""The steps of a finding after it is opened: the unit's rectification (整改), the inspector's
re-check (复查: passed closes it, 销号; failed sends it back with a new deadline), and
cancelling it (撤销, with a reason).

Each step is one service call; the dialogs only read the date, the note and what the step needs,
and show the service's message by the field it concerns. Keyboard first: Enter walks the fields
and takes the step on the last one, Ctrl+S takes it from anywhere, Esc closes.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.binder import FormBinder
from jinsha_desktop.gui.forms.enter_walk import EnterWalk
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.qdates import qdate
from jinsha_desktop.gui.widgets.photo_strip import TILE_LINES, PhotoStrip
from jinsha_desktop.services import findings
from jinsha_desktop.services.registration import today_of


def _date_box(parent: QWidget, day: date) -> QDateEdit:
    box = QDateEdit(qdate(day), parent)
    box.setCalendarPopup(True)
    box.setDisplayFormat("yyyy-MM-dd")
    return box


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    return label


class StepDialog(QDialog):
    """A step's small form: a heading naming the finding, fields with their error lines, and
    one button that takes the step; `taken` after it was."""

    def __init__(self, gui: GuiContext, parent: QWidget | None, title: str, heading: str) -> None:
        super().__init__(parent)
        self.gui = gui
        self.taken = False
        self.setWindowTitle(title)
        self.heading = QLabel(heading, self)
        self.heading.setWordWrap(True)
        self.rows = QFormLayout()
        self.rows.setVerticalSpacing(2)
        self.form_error = _error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.take)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)  # Enter walks the fields
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.take)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.rows)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.widgets: dict[str, QWidget] = {}

    def add_row(self, name: str, label: str, widget: QWidget) -> QWidget:
        """A field with its label (its Alt key) and the line for its error below it."""
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        self.rows.addRow(caption, widget)
        error = _error_label(self)
        self.rows.addRow("", error)
        self.widgets[name] = widget
        self.widgets[f"{name}_error"] = error
        return widget

    def bind(self) -> None:
        """After the rows: the binder over them and Enter's walk through them."""
        names = [name for name in self.widgets if not name.endswith("_error")]
        self.binder = FormBinder(SimpleNamespace(**self.widgets, form_error=self.form_error), names)
        self.walk = EnterWalk(self, [self.widgets[name] for name in names], self.take)

    def take(self) -> None:
        self.binder.clear_errors()
        try:
            self.step(self.binder.values())
        except KnownError as error:
            self.binder.show_error(error)
            return
        self.taken = True
        self.accept()

    def step(self, values: dict[str, Any]) -> None:
        raise NotImplementedError


class RectifyDialog(StepDialog):
    """What the unit did: the day it was done, a note, photos after."""

    def __init__(
        self, gui: GuiContext, parent: QWidget | None, finding_id: uuid.UUID, number: str
    ) -> None:
        super().__init__(
            gui,
            parent,
            self.tr("Rectify finding %1").replace("%1", number),
            self.tr("Record what was done about finding %1.").replace("%1", number),
        )
        self.finding_id = finding_id
        today = today_of(gui.services)
        self.add_row("done_on", self.tr("&Done on"), _date_box(self, today))
        note = QLineEdit(self)
        note.setPlaceholderText(self.tr("What was done, by whom"))
        self.add_row("note", self.tr("&What was done"), note)
        self.bind()
        self.after = PhotoStrip(gui, self, role="after", title=self.tr("Photos &after"))
        side = self.after.fontMetrics().height() * TILE_LINES
        self.after.view.setMinimumWidth(side * 2)
        self.extra.addWidget(self.after)
        self.setTabOrder(note, self.after.view)
        self.widgets["done_on"].setFocus()

    def take(self) -> None:
        if self.after.busy():
            self.form_error.setText(self.tr("Photos are still being added; save again."))
            self.form_error.show()
            return
        super().take()

    def step(self, values: dict[str, Any]) -> None:
        findings.rectify(
            self.gui.services,
            self.finding_id,
            values["done_on"],
            values["note"],
            photos=self.after.pending(),
        )
        self.after.clear_pending()


class RecheckDialog(StepDialog):
    """The inspector's re-check: passed (the finding is closed) or failed (a new deadline)."""

    def __init__(
        self,
        gui: GuiContext,
        parent: QWidget | None,
        finding_id: uuid.UUID,
        number: str,
        days_to_rectify: int = findings.DEFAULT_DAYS,
    ) -> None:
        super().__init__(
            gui,
            parent,
            self.tr("Re-check finding %1").replace("%1", number),
            self.tr("Was finding %1 rectified?").replace("%1", number),
        )
        self.finding_id = finding_id
        today = today_of(gui.services)
        self.passed = QRadioButton(self.tr("&Passed: close the finding"), self)
        self.failed = QRadioButton(self.tr("&Failed: send it back"), self)
        self.passed.setChecked(True)
        self.choice = QButtonGroup(self)
        for button in (self.passed, self.failed):
            self.choice.addButton(button)
            self.rows.addRow(button)
        self.add_row("on", self.tr("Re-checked &on"), _date_box(self, today))
        note = QLineEdit(self)
        note.setPlaceholderText(self.tr("What was found"))
        self.add_row("note", self.tr("&Note"), note)
        deadline = _date_box(self, today + timedelta(days=days_to_rectify))
        deadline.setToolTip(self.tr("The day it must be rectified by after a failed re-check"))
        self.add_row("new_deadline", self.tr("New &deadline"), deadline)
        self.bind()
        self.failed.toggled.connect(deadline.setEnabled)
        deadline.setEnabled(False)
        self.passed.setFocus()

    def step(self, values: dict[str, Any]) -> None:
        passed = self.passed.isChecked()
        findings.recheck(
            self.gui.services,
            self.finding_id,
            passed,
            values["on"],
            values["note"],
            None if passed else values["new_deadline"],
        )


def take_step(dialog: StepDialog) -> bool:
    """Show a step's dialog; True when the step was taken."""
    dialog.exec()
    return dialog.taken


def cancel_finding(
    gui: GuiContext, parent: QWidget | None, finding_id: uuid.UUID, number: str
) -> bool:
    """Ask why, then cancel the finding (撤销: kept with its history, and audited); False when
    the user did not say why or the service refused (its message shown)."""
    title = QCoreApplication.translate("FindingSteps", "Cancel finding")
    question = QCoreApplication.translate(
        "FindingSteps", "Why is finding %1 cancelled? (kept and audited)"
    ).replace("%1", number)
    reason = gui.prompts.ask_text(parent, title, question)
    if reason is None:
        return False
    try:
        findings.cancel_finding(gui.services, finding_id, reason)
    except KnownError as error:
        gui.prompts.warn(parent, title, shown(error.message))
        return False
    return True
