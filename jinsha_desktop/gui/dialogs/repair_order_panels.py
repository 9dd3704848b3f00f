"""The repair order form's steps and parts: each action is one service call, taken at once.

The steps panel offers the steps the domain allows from the order's status (`steps_from`), each
with its date-time (now unless typed) and, as the step needs, the worker or a reason; the
timeline below lists every step taken (kept for ever). The parts panel adds lines from the
catalogue at the catalogue's price of the day and shows each line's cost and the total. Neither
holds a rule: the services refuse, and their message is shown by the field it concerns.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QPushButton, QTableView

from jinsha_desktop.domain.errors import FormErrors, KnownError, ValidationError
from jinsha_desktop.domain.fields import CellKind, text_of
from jinsha_desktop.domain.repairs import EventKind, parts_allowed, quantity_text
from jinsha_desktop.domain.typed_dates import parse_typed_time
from jinsha_desktop.gui.forms.binder import FormBinder, as_uuid
from jinsha_desktop.gui.forms.enter_walk import EnterWalk
from jinsha_desktop.gui.forms.input_binding import InputBinding, typed_time
from jinsha_desktop.gui.lists.columns import Column, RowsTableModel, fit_columns
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.services import repair_orders
from jinsha_desktop.services.repair_catalogue import list_parts
from jinsha_desktop.services.repair_order_detail import OrderDetail

if TYPE_CHECKING:
    from jinsha_desktop.gui.dialogs.repair_order_dialog import RepairOrderDialog

STEP_FIELDS = {"at": "step_at", "assignee": "assignee", "note": "step_note"}
"""The service's field names → the steps panel's widgets."""
AFTER_PHOTO_STEPS = (EventKind.REPAIR, EventKind.CHECK)
"""Steps that take the after photos added and not yet saved with them."""


def time_text(moment: datetime) -> str:
    """A date-time as the form shows and reads it back (local time, to the minute)."""
    return text_of(moment, CellKind.DATETIME)


def read_time(name: str, text: str, now: datetime, errors: list[ValidationError]) -> Any:
    """A typed date-time (2026-11-24 08:15, 11-24 8:15, 8:15 for today); unreadable → errors."""
    today = now.astimezone().date()
    conversion = typed_time(lambda typed: parse_typed_time(typed, today))
    return InputBinding.read(name, conversion, text, errors)


def renamed(error: KnownError, names: dict[str, str]) -> FormErrors:
    """A service's error(s) with their fields named as this panel's widgets (others: general)."""
    errors = error.errors if isinstance(error, FormErrors) else [error]
    return FormErrors([ValidationError(e.message, names.get(e.field or "", None)) for e in errors])


def _small_table(table: QTableView, model: RowsTableModel) -> None:
    table.setModel(model)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()


class StepsPanel(QObject):
    """The Steps tab: step fields, the allowed step buttons, the timeline."""

    def __init__(self, dialog: RepairOrderDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        form = dialog.form
        self.buttons: dict[EventKind, QPushButton] = {
            EventKind.ASSIGN: form.assign_button,
            EventKind.REPAIR: form.repair_button,
            EventKind.CHECK: form.check_button,
            EventKind.REJECT: form.reject_button,
            EventKind.CANCEL: form.cancel_button,
            EventKind.REOPEN: form.reopen_button,
        }
        for kind, button in self.buttons.items():
            button.setToolTip(shown(kind.label))
            button.clicked.connect(lambda _checked=False, k=kind: self.take(k))
        fields = SimpleNamespace(
            **{name: getattr(form, name) for name in STEP_FIELDS.values()},
            **{f"{name}_error": getattr(form, f"{name}_error") for name in STEP_FIELDS.values()},
            form_error=form.step_error,
        )
        self.binder = FormBinder(fields, list(STEP_FIELDS.values()))
        widgets = [getattr(form, name) for name in STEP_FIELDS.values()]
        self.walk = EnterWalk(dialog, widgets, self._first_step_button)
        self.model = RowsTableModel(
            [
                Column("at", self.tr("When"), 130, time_text),
                Column("kind", self.tr("Step"), 80, lambda kind: shown(kind.label)),
                Column("assignee", self.tr("Worker or contractor"), 120),
                Column("note", self.tr("Reason or remark"), 200),
                Column("by_name", self.tr("Recorded by"), 90),
            ],
            self,
        )
        _small_table(form.events, self.model)

    def show(self, detail: OrderDetail | None, can_log: bool, now: datetime) -> None:
        form = self.dialog.form
        allowed = detail.steps if detail is not None and can_log else ()
        for kind, button in self.buttons.items():
            button.setVisible(kind in allowed)
        for name in STEP_FIELDS.values():
            getattr(form, name).setEnabled(bool(allowed))
        form.step_at.setText(time_text(now))
        form.assignee.setText(detail.assignee if detail is not None else "")
        form.step_note.clear()
        self.binder.clear_errors()
        if detail is None:
            form.step_error.setText(self.tr("Save the report first; then its steps follow here."))
            form.step_error.setStyleSheet("")
            form.step_error.show()
        self.model.set_rows(list(detail.events) if detail is not None else [])
        fit_columns(form.events, self.model.columns)

    def _first_step_button(self) -> None:
        button = next((b for b in self.buttons.values() if b.isVisible()), None)
        if button is not None:
            button.setFocus(Qt.FocusReason.TabFocusReason)

    def take(self, kind: EventKind) -> None:
        """Take the step now (one event appended by the service), then show the order again."""
        dialog, form = self.dialog, self.dialog.form
        detail = dialog.detail
        if detail is None:
            return
        self.binder.clear_errors()
        now = dialog.gui.services.clock.now()
        errors: list[ValidationError] = []
        at = read_time("step_at", form.step_at.text(), now, errors)
        if errors:
            self.binder.show_error(FormErrors(errors))
            return
        after = dialog.after.pending() if kind in AFTER_PHOTO_STEPS else []
        try:
            repair_orders.take_step(
                dialog.gui.services,
                detail.id,
                kind,
                at,
                assignee=form.assignee.text() if kind is EventKind.ASSIGN else "",
                note=form.step_note.text(),
                photos_after=after,
                version=detail.version,
            )
        except KnownError as error:
            self.binder.show_error(renamed(error, STEP_FIELDS))
            return
        if after:
            dialog.after.clear_pending()
        dialog.changed(self.tr("Step recorded: %1.").replace("%1", shown(kind.label)))
        self._first_step_button()


class PartsPanel(QObject):
    """The Parts tab: a part and its quantity, added at once; the lines, labour and total."""

    def __init__(self, dialog: RepairOrderDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        form = dialog.form
        self.binder = FormBinder(
            SimpleNamespace(
                part_id=form.part_id,
                quantity=form.quantity,
                part_id_error=form.part_id_error,
                quantity_error=form.quantity_error,
                form_error=form.parts_error,
            ),
            ["part_id", "quantity"],
        )
        self.walk = EnterWalk(dialog, [form.part_id, form.quantity], self.add)
        form.add_part_button.clicked.connect(self.add)
        form.remove_part_button.clicked.connect(self.remove_current)
        form.parts.installEventFilter(self)
        self.model = RowsTableModel(
            [
                Column("name", self.tr("Part"), 120),
                Column("unit", self.tr("Unit"), 50),
                Column("quantity", self.tr("Quantity"), 70, quantity_text, align_right=True),
                Column("unit_price", self.tr("Unit price"), 80, _money, align_right=True),
                Column("cost", self.tr("Cost"), 80, _money, align_right=True),
            ],
            self,
        )
        _small_table(form.parts, self.model)

    def fill_catalogue(self) -> None:
        combo = self.dialog.form.part_id
        combo.clear()
        combo.addItem("", "")
        for part in list_parts(self.dialog.gui.services):
            text = self.tr("%1 (%2 yuan per %3)").replace("%1", part.name)
            text = text.replace("%2", _money(part.unit_price)).replace("%3", part.unit)
            combo.addItem(text, str(part.id))

    def show(self, detail: OrderDetail | None, can_log: bool) -> None:
        form = self.dialog.form
        open_to_parts = detail is not None and can_log and parts_allowed(detail.status)
        for widget in (form.part_id, form.quantity, form.add_part_button):
            widget.setEnabled(open_to_parts)
        form.remove_part_button.setEnabled(detail is not None and can_log)
        for widget in (form.add_part_button, form.remove_part_button):
            widget.setVisible(can_log)
        self.binder.clear_errors()
        self.model.set_rows(list(detail.parts) if detail is not None else [])
        fit_columns(form.parts, self.model.columns)
        self.show_total(detail)

    def show_total(self, detail: OrderDetail | None) -> None:
        parts = detail.parts_cost if detail is not None else Decimal("0")
        labour = detail.labour_cost if detail is not None else Decimal("0")
        self.dialog.form.total.setText(
            self.tr("Parts %1 + labour %2 = %3 yuan")
            .replace("%1", _money(parts))
            .replace("%2", _money(labour))
            .replace("%3", _money(parts + labour))
        )

    def add(self) -> None:
        dialog, form = self.dialog, self.dialog.form
        detail = dialog.detail
        if detail is None or not form.add_part_button.isEnabled():
            return
        self.binder.clear_errors()
        part_id: uuid.UUID | None = as_uuid(form.part_id.currentData())
        try:
            repair_orders.add_part(
                dialog.gui.services, detail.id, part_id, form.quantity.text(),
                version=detail.version,
            )  # fmt: skip
        except KnownError as error:
            self.binder.show_error(renamed(error, {"part_id": "part_id", "quantity": "quantity"}))
            return
        form.quantity.clear()
        dialog.changed(self.tr("Part added."))
        form.part_id.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_current(self) -> None:
        dialog = self.dialog
        index = dialog.form.parts.currentIndex()
        if not index.isValid() or dialog.detail is None:
            return
        line = self.model.row_at(index.row())
        title = self.tr("Remove part")
        question = self.tr("Remove %1 × %2 from this order?")
        if not dialog.gui.prompts.confirm(
            dialog,
            title,
            question.replace("%1", line.name).replace("%2", quantity_text(line.quantity)),
            title,
        ):
            return
        try:
            repair_orders.remove_part(dialog.gui.services, line.id)
        except KnownError as error:
            dialog.gui.prompts.warn(dialog, title, shown(error.message))
            return
        dialog.changed(self.tr("Part removed."))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.dialog.form.parts
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
        ):
            self.remove_current()
            return True
        return super().eventFilter(watched, event)


def _money(value: Decimal) -> str:
    return text_of(value, CellKind.MONEY)
