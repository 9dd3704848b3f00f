"""The registration form's route (途经地): places typed one at a time into a line, each added
to the list below it with Enter; Backspace on the empty line or Delete in the list removes one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QWidget

from jinsha_desktop.gui.forms.binder import FormBinder
from jinsha_desktop.gui.forms.enter_walk import is_plain_enter


class RouteList(QObject):
    """Drives `route_entry` (the line) and `route` (the list the binder reads)."""

    def __init__(self, form: Any, binder: FormBinder, move_on: Callable[[QWidget], None]) -> None:
        super().__init__(form.route)
        self.form, self.binder, self._move_on = form, binder, move_on
        form.route.installEventFilter(self)
        form.route_entry.installEventFilter(self)

    def typed(self) -> bool:
        """A place is typed in the line, not yet added."""
        return bool(self.form.route_entry.text().strip())

    def add_typed(self) -> None:
        """The place in the line into the list (once), the line emptied."""
        text = self.form.route_entry.text().strip()
        if text and text not in self.binder.value("route"):
            self.form.route.addItem(text)
            self._changed()
        self.form.route_entry.clear()

    def remove(self, row: int) -> None:
        if 0 <= row < self.form.route.count():
            self.form.route.takeItem(row)
            self._changed()

    def _changed(self) -> None:
        self.binder.clear_error("route")
        self.binder.edited.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        places: QListWidget = self.form.route
        line: QLineEdit = self.form.route_entry
        if watched is places and is_plain_enter(event):
            self._move_on(line)  # the list is part of the route field
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is places and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove(places.currentRow())
                return True
            if watched is line and key == Qt.Key.Key_Backspace and not self.typed():
                if line.text():
                    return False  # spaces: the line edits them
                self.remove(places.count() - 1)
                return True
        return super().eventFilter(watched, event)
