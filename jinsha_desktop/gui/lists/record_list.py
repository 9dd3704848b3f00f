"""A titled list with search and New / Edit / Delete: the panel every small list uses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QWidget

from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.generated.ui_record_list import Ui_RecordList
from jinsha_desktop.gui.lists.columns import (
    Column,
    RowsTableModel,
    fit_columns,
    refit_after_font_change,
)
from jinsha_desktop.gui.lists.exporting import ListExport
from jinsha_desktop.gui.style import show_real_sort_arrows


class RecordListPanel(QWidget):
    add_requested = Signal()
    """The user asked for a new record."""
    edit_requested = Signal(object)
    """The user asked to edit this row (double click, Enter or the Edit button)."""
    delete_requested = Signal(object)
    """The user asked to delete this row."""
    current_changed = Signal(object)
    """The selected row changed (None when nothing is selected)."""

    def __init__(
        self,
        title: str,
        columns: Sequence[Column],
        parent: QWidget | None = None,
        *,
        editable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.form = Ui_RecordList()
        self.form.setupUi(self)
        self.form.title.setText(title)
        font = self.form.title.font()
        font.setBold(True)
        self.form.title.setFont(font)
        self.model = RowsTableModel(columns, self)
        self._all_rows: list[Any] = []
        table = self.form.table
        table.setModel(self.model)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        fit_columns(table, columns)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        show_real_sort_arrows(table)
        table.doubleClicked.connect(lambda _index: self._emit_for_current(self.edit_requested))
        table.selectionModel().currentRowChanged.connect(
            lambda _cur, _prev: self.current_changed.emit(self.current_row())
        )
        table.installEventFilter(self)
        self.form.search.textChanged.connect(self._apply_search)
        self.form.add_button.clicked.connect(self.add_requested)
        self.form.edit_button.clicked.connect(lambda: self._emit_for_current(self.edit_requested))
        self.form.delete_button.clicked.connect(
            lambda: self._emit_for_current(self.delete_requested)
        )
        self.set_editable(editable)

    def enable_export(self, gui: GuiContext) -> None:
        """Show Export… (to roles that may export), which writes the rows shown (search and
        sort applied) to Excel."""
        self.exporter = ListExport(self, gui)
        user = gui.services.user
        self.form.export_button.setVisible(user is not None and user.can(Permission.EXPORT))
        self.form.export_button.clicked.connect(self.export_shown)

    def export_shown(self) -> bool:
        return self.exporter.start_shown(
            self.form.title.text(), self.model.columns, self.model.rows()
        )

    def name_buttons(self, new: str, edit: str, delete: str, export: str) -> None:
        """Own button texts (and Alt keys) for a second list on a page, e.g. the buildings
        under the compounds: one "New…" and one Alt+N per window."""
        form = self.form
        for button, text in zip(
            (form.add_button, form.edit_button, form.delete_button, form.export_button),
            (new, edit, delete, export),
            strict=True,
        ):
            button.setText(text)

    def set_editable(self, editable: bool) -> None:
        for button in (self.form.add_button, self.form.edit_button, self.form.delete_button):
            button.setVisible(editable)

    def set_rows(self, rows: Sequence[Any]) -> None:
        keep = self.current_row()
        self._all_rows = list(rows)
        self._apply_search(self.form.search.text())
        fit_columns(self.form.table, self.model.columns)
        if keep is not None:
            self.select_where(lambda row: getattr(row, "id", None) == getattr(keep, "id", None))

    def _apply_search(self, text: str) -> None:
        needle = text.strip().lower()
        if not needle:
            self.model.set_rows(self._all_rows)
            return
        columns = self.model.columns
        self.model.set_rows(
            [
                row
                for row in self._all_rows
                if any(needle in c.text(row).lower() for c in columns)
            ]
        )

    def all_rows(self) -> list[Any]:
        """Every row handed over, whatever the search shows."""
        return list(self._all_rows)

    def current_row(self) -> Any:
        index = self.form.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_where(self, predicate: Any) -> None:
        for number, row in enumerate(self.model.rows()):
            if predicate(row):
                self.form.table.selectRow(number)
                return

    def _emit_for_current(self, signal: Any) -> None:
        row = self.current_row()
        if row is not None:
            signal.emit(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.form.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._emit_for_current(self.edit_requested)
                return True
            if event.key() == Qt.Key.Key_Delete and self.form.delete_button.isVisible():
                self._emit_for_current(self.delete_requested)
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        refit_after_font_change(event, self.form.table, self.model.columns)
        super().changeEvent(event)
