"""Read and write a form's fields by name, and show each error next to its field.

A form's Designer file names each input after the field it edits (`name`, `unit_id`, …) and puts
a label `<field>_error` under it; this binder needs nothing else.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from jinsha_desktop.domain.errors import FormErrors, KnownError
from jinsha_desktop.gui.look import ERROR_STYLE
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.qdates import python_date, qdate

_CHANGED_SIGNALS: tuple[tuple[type[QWidget], str], ...] = (
    (QLineEdit, "textEdited"),
    (QPlainTextEdit, "textChanged"),
    (QComboBox, "activated"),
    (QSpinBox, "valueChanged"),
    (QCheckBox, "toggled"),
    (QDateEdit, "dateChanged"),
)
"""The signal each kind of field widget emits when the user changes it."""


class FormBinder(QObject):
    """Binds the named input widgets of one form."""

    edited = Signal()
    """The user changed any field."""

    def __init__(self, form: object, fields: list[str]) -> None:
        super().__init__()
        self.form = form
        self.fields = fields
        for name in fields:
            self._connect(self.widget(name))
            # A message about a value the user has since changed is stale: it goes at once.
            self._on_change(self.widget(name), lambda *_a, n=name: self.clear_error(n))
            label = self.error_label(name)
            if label is not None:
                label.setStyleSheet(ERROR_STYLE)
                label.hide()
        general = self.error_label(None)
        if general is not None:
            general.setStyleSheet(ERROR_STYLE)
            general.hide()

    def widget(self, name: str) -> QWidget:
        return getattr(self.form, name)  # type: ignore[no-any-return]

    def error_label(self, name: str | None) -> QLabel | None:
        return getattr(self.form, f"{name}_error" if name else "form_error", None)

    def _connect(self, widget: QWidget) -> None:
        self._on_change(widget, self.edited)

    @staticmethod
    def _on_change(widget: QWidget, slot: Any) -> None:
        """Connect `slot` to the signal a user's change of `widget` emits."""
        for kind, signal in _CHANGED_SIGNALS:
            if isinstance(widget, kind):
                getattr(widget, signal).connect(slot)
                return

    # -- values

    def value(self, name: str) -> Any:
        widget = self.widget(name)
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            data = widget.currentData()
            return data if data is not None else widget.currentText()
        if isinstance(widget, QSpinBox):
            # A box showing its special text (e.g. "—") at its minimum means "no value".
            if widget.specialValueText() and widget.value() == widget.minimum():
                return None
            return widget.value()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QDateEdit):
            # A date box showing its special text (e.g. "长期") at its minimum means "no date".
            if widget.specialValueText() and widget.date() == widget.minimumDate():
                return None
            return python_date(widget.date())
        raise TypeError(f"unsupported field widget {type(widget).__name__}")

    def values(self) -> dict[str, Any]:
        return {name: self.value(name) for name in self.fields}

    def set_value(self, name: str, value: Any) -> None:
        widget = self.widget(name)
        if isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText("" if value is None else str(value))
        elif isinstance(widget, QComboBox):
            index = widget.findData(value)
            if index >= 0:
                widget.setCurrentIndex(index)
        elif isinstance(widget, QSpinBox):
            widget.setValue(widget.minimum() if value is None else int(value))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QDateEdit):
            if value is None or value == "":
                widget.setDate(widget.minimumDate())
            else:
                day = value if isinstance(value, date) else date.fromisoformat(str(value))
                widget.setDate(qdate(day))

    def set_values(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if name in self.fields:
                self.set_value(name, value)

    # -- errors

    def clear_error(self, name: str) -> None:
        """Hide the message next to one field (its value changed)."""
        label = self.error_label(name)
        if label is not None and not label.isHidden():
            label.clear()
            label.hide()
            self.widget(name).setAccessibleDescription("")

    def clear_errors(self) -> None:
        for name in [*self.fields, None]:
            label = self.error_label(name)
            if label is not None:
                label.clear()
                label.hide()

    def show_error(self, error: KnownError) -> None:
        """Put each message next to its field and move the focus to the first bad field."""
        self.clear_errors()
        errors = error.errors if isinstance(error, FormErrors) else [error]
        first: QWidget | None = None
        for item in errors:
            label = self.error_label(item.field if item.field in self.fields else None)
            if label is None:
                label = self.error_label(None)
            if label is None:
                continue
            message = shown(item.message)
            label.setText(message if not label.text() else label.text() + "\n" + message)
            label.show()
            if first is None and item.field in self.fields:
                first = self.widget(item.field)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(first, QLineEdit | QAbstractSpinBox):
                first.selectAll()
            # Screen readers announce the message with the field.
            first.setAccessibleDescription(shown(errors[0].message))


def as_uuid(value: Any) -> uuid.UUID | None:
    """A record's id from a choice's item data (text); None for no choice or no id."""
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def refill_combo(
    combo: QComboBox, items: list[tuple[str, str]], blank: bool = True, keep: str = ""
) -> None:
    """New choices from reference data; the current one stays chosen if it is still there."""
    current = combo.currentData() or keep
    combo.blockSignals(True)  # one change signal at the end, not one per step
    combo.clear()
    if blank:
        combo.addItem("", "")
    for label, value in items:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)
