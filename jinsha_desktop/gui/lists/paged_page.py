"""A database list page, written once: a record kind's columns, a page source, an exporter.

The visits and people lists (and the repair and inspection lists to come) are declarations of
this page: which kind's fields it shows (`RecordKind.shown("list", …)`), which service hands
out a page for the search box and filters as they are now (`source`), which export writes the
list as shown (`export_job`), and what opening or deleting a row does. Everything else is the
same on every list and lives here: pages of rows fetched by key as the user scrolls, sorting by
a header click in the database, Enter to search, Down from the search box into the rows, Enter
or a double click to open a row, Delete, F5 to fetch again, Export…, the status line, columns
refitted when the interface size changes, rows fetched again when the page is shown again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.fields import RecordKind, always_on
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.lists.columns import (
    columns_of,
    fit_columns,
    refit_after_font_change,
    sort_keys_of,
)
from jinsha_desktop.gui.lists.exporting import Export, ListExport
from jinsha_desktop.gui.lists.paged_model import PagedTableModel, SortedSource, attach_to_view
from jinsha_desktop.gui.lists.photo_cells import is_photo_column, open_viewer
from jinsha_desktop.gui.messages import shown


class ListForm(Protocol):
    """The widgets of a list page's Designer form that this page drives."""

    search: QLineEdit
    search_button: QPushButton
    export_button: QPushButton
    table: QTableView
    status: QLabel

    def setupUi(self, page: Any) -> None: ...


class PagedListPage(QWidget):
    """A list of one record kind, read from the database a page at a time.

    A subclass declares `source()` and `export_job()` and, where it has them, `open_row()`,
    `delete_current()`, `status_text()` and `came_back()`; it builds its own filters after
    calling this constructor, then calls `search()`.
    """

    def __init__(
        self,
        gui: GuiContext,
        form: ListForm,
        kind: RecordKind,
        parent: QWidget | None = None,
        *,
        default_sort: str,
        switched_on: Callable[[str], bool] = always_on,
        foreground: Callable[[Any], QColor | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.gui, self.form, self.kind = gui, form, kind
        form.setupUi(self)
        fields = kind.shown("list", switched_on)
        self.model = PagedTableModel(
            columns_of(fields),
            self,
            sort_keys=sort_keys_of(kind.fields),
            default_sort=(default_sort, True),
            foreground=foreground,
            expected=(KnownError,),
        )
        table = form.table
        attach_to_view(table, self.model)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.installEventFilter(self)
        form.search.installEventFilter(self)
        form.search.returnPressed.connect(self.search)
        form.search_button.clicked.connect(self.search)
        self.exporter = ListExport(self, gui)
        user = gui.services.user
        form.export_button.setVisible(user is not None and user.can(Permission.EXPORT))
        form.export_button.clicked.connect(self.export)
        table.doubleClicked.connect(self._double_clicked)
        self.model.fetch_failed.connect(self._fetch_failed)
        self.model.reset_done.connect(self._update_status)
        self.model.rowsInserted.connect(lambda *_: self._update_status())
        self.model.rowsRemoved.connect(lambda *_: self._update_status())
        self._shown_before = False

    # -- what a list declares

    def source(self) -> SortedSource:
        """The page source for the search box and filters as they are now."""
        raise NotImplementedError

    def export_job(self, sort_key: str, descending: bool) -> Export:
        """The export of the list as shown, in this order."""
        raise NotImplementedError

    def export_title(self) -> str:
        """The name of the list in the suggested file name."""
        return self.kind.title

    def open_row(self, row: Any) -> None:
        """Enter or a double click on a row."""

    def delete_current(self) -> None:
        """The Delete key on a row (each list asks, checks and deletes its own way)."""

    def status_text(self, shown_rows: int, more: bool) -> str:
        return f"{shown_rows}{'+' if more else ''}"

    def came_back(self) -> None:
        """The page is shown again: take what may have changed meanwhile (before a refresh)."""

    # -- the same on every list

    def search(self) -> None:
        """Ask the database again with the search box and filters as they are now."""
        self.form.status.setText("")
        self.model.set_source(self.source())

    def set_switches(self, switched_on: Callable[[str], bool]) -> None:
        """Show the columns of the fields these settings switch on; rows fetched again."""
        self.model.set_columns(columns_of(self.kind.shown("list", switched_on)))
        self.fit_columns()

    def fit_columns(self) -> None:
        fit_columns(self.form.table, self.model.columns)

    def export(self) -> bool:
        """The rows found (search, filters and sort as shown) to Excel, in the background."""
        key, descending = self.model.current_sort()
        return self.exporter.start(self.export_title(), self.export_job(key, descending))

    def delete_with_reason(
        self, row: Any, title: str, question: str, delete: Callable[[str], object]
    ) -> bool:
        """Ask why, soft-delete through `delete(reason)` (the service: kept and audited), then
        take the row out of the list with a row nearby chosen; False when the user cancelled
        or the service refused (its message shown under `title`)."""
        reason = self.gui.prompts.ask_text(self, title, question)
        if reason is None:
            return False
        try:
            delete(reason)
        except KnownError as error:
            self.gui.prompts.warn(self, title, shown(error.message))
            return False
        number = self.form.table.currentIndex().row()
        self.model.remove_id(row.id)
        if self.model.rowCount():
            self.form.table.selectRow(min(number, self.model.rowCount() - 1))
        return True

    def current_row(self) -> Any:
        index = self.form.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.open_row(row)

    def _double_clicked(self, index: QModelIndex) -> None:
        """On a photo cell with photos: the viewer on the record's photos; elsewhere: open."""
        if index.isValid() and is_photo_column(self.model.columns[index.column()]):
            row = self.model.row_at(index.row())
            cell = getattr(row, self.model.columns[index.column()].key)
            if open_viewer(self.gui, self, self.kind, row, cell) is not None:
                return
        self.open_current()

    def _update_status(self) -> None:
        self.form.status.setText(self.status_text(self.model.rowCount(), self.model.canFetchMore()))

    def _fetch_failed(self, error: BaseException) -> None:
        message = shown(error.message) if isinstance(error, KnownError) else str(error)
        self.form.status.setText(message)

    def showEvent(self, event: Any) -> None:
        if self._shown_before:
            self.came_back()
            self.model.refresh()
        self._shown_before = True
        super().showEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # F5 from anywhere on the page (a key its table, search box or filters leave alone);
        # not a window shortcut: several lists may live in one window.
        if event.key() == Qt.Key.Key_F5 and not event.modifiers():
            self.model.refresh()
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if watched is self.form.table:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.open_current()
                    return True
                if key == Qt.Key.Key_Delete:
                    self.delete_current()
                    return True
            elif watched is self.form.search and key == Qt.Key.Key_Down:
                # From the search box straight into the results.
                self.form.table.setFocus()
                if self.model.rowCount() and not self.form.table.currentIndex().isValid():
                    self.form.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        refit_after_font_change(event, self.form.table, self.model.columns)
        super().changeEvent(event)
