"""The people list (人员): everyone registered, searched by document number, name or phone.

Same mechanism as the visits list: pages of 200 fetched by key, sorted in the database.
Numbers are always masked here; the full view of one person goes through the person card.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.id_numbers import DocumentType, Gender
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.text import label_of
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.generated.ui_people_page import Ui_PeoplePage
from jinsha_desktop.gui.lists.columns import Column, fit_columns, refit_after_font_change
from jinsha_desktop.gui.lists.exporting import ListExport
from jinsha_desktop.gui.lists.paged_model import PagedTableModel, SortedSource, attach_to_view
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.pages.checkpoint.visits_page import show_time
from jinsha_desktop.reports.exports import export_people
from jinsha_desktop.services import registration
from jinsha_desktop.services.visit_lists import PERSON_SORTS, PersonRow, people_page


def show_gender(value: str) -> str:
    return label_of(Gender, value)


def show_document_type(value: str) -> str:
    return label_of(DocumentType, value)


def show_day(value: Any) -> str:
    return value.strftime("%Y-%m-%d") if value is not None else ""


class PeoplePage(QWidget):
    """Everyone registered, latest visit first; masked numbers."""

    person_opened = Signal(object)
    """The user opened a person (Enter or double click on the row): the PersonRow."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.form = Ui_PeoplePage()
        self.form.setupUi(self)
        self.model = PagedTableModel(
            [
                Column("name", self.tr("Name"), 90),
                Column("gender", self.tr("Gender"), 40, formatter=show_gender),
                Column("birth_date", self.tr("Born"), 90, formatter=show_day),
                Column("document_type", self.tr("Document"), 90, formatter=show_document_type),
                Column("document_number", self.tr("Document number"), 150),
                Column("phone", self.tr("Phone"), 100),
                Column("last_visit_at", self.tr("Last visit"), 130, formatter=show_time),
                Column("address", self.tr("Address"), 200),
            ],
            self,
            sort_keys={key: key for key in PERSON_SORTS},
            default_sort=("last_visit_at", True),
            expected=(KnownError,),
        )
        table = self.form.table
        attach_to_view(table, self.model)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.installEventFilter(self)
        self.form.search.installEventFilter(self)
        self.form.search.returnPressed.connect(self.search)
        self.form.search_button.clicked.connect(self.search)
        self.exporter = ListExport(self, gui)
        self.form.export_button.clicked.connect(self.export)
        user = gui.services.user
        self.form.export_button.setVisible(user is not None and user.can(Permission.EXPORT))
        table.doubleClicked.connect(lambda _index: self.open_current())
        self.model.fetch_failed.connect(self._fetch_failed)
        self.model.reset_done.connect(self._update_status)
        self.model.rowsInserted.connect(lambda *_: self._update_status())
        self._shown_before = False
        self.search()
        fit_columns(table, self.model.columns)

    def _source(self) -> SortedSource:
        context = self.gui.services
        text = self.form.search.text()

        def for_sort(key: str, descending: bool) -> Any:
            return lambda after, limit: people_page(
                context, text, key or "last_visit_at", descending, after, limit
            )

        return for_sort

    def export(self) -> bool:
        """The people found (search and sort as shown, numbers masked) to Excel."""
        key, descending = self.model.current_sort()
        text, context = self.form.search.text(), self.gui.services
        return self.exporter.start(
            self.tr("People"),
            lambda path, progress: export_people(
                context, text, key or "last_visit_at", descending, path, progress=progress
            ),
        )

    def search(self) -> None:
        """Ask the database again with the search box as it is now."""
        self.form.status.setText("")
        self.model.set_source(self._source())

    def current_row(self) -> PersonRow | None:
        index = self.form.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def open_current(self) -> None:
        """Correct the selected person (roles that may edit records), then show the change."""
        row = self.current_row()
        if row is None:
            return
        self.person_opened.emit(row)
        user = self.gui.services.user
        if user is not None and user.can(Permission.EDIT_RECORDS):
            from jinsha_desktop.gui.dialogs.person_dialog import PersonDialog

            if PersonDialog(self.gui, self, row).exec():
                self.model.refresh()

    def delete_current(self) -> None:
        """Soft-delete the selected person after asking why (kept, audited)."""
        row = self.current_row()
        user = self.gui.services.user
        if row is None or user is None or not user.can(Permission.EDIT_RECORDS):
            return
        reason = self.gui.prompts.ask_text(
            self,
            self.tr("Delete person"),
            self.tr("Why is %s deleted? The registrations stay; the reason is kept and audited.")
            % row.name,
        )
        if reason is None:
            return
        try:
            registration.delete_person(self.gui.services, row.id, reason, row.version)
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Delete person"), error.message)
            return
        self.model.refresh()

    def _update_status(self) -> None:
        shown = self.model.rowCount()
        if self.model.canFetchMore():
            text = self.tr("%n people shown; scroll down for more.", "", shown)
        else:
            text = self.tr("%n people found.", "", shown)
        self.form.status.setText(text)

    def _fetch_failed(self, error: BaseException) -> None:
        message = shown(error.message) if isinstance(error, KnownError) else str(error)
        self.form.status.setText(message)

    def showEvent(self, event: Any) -> None:
        if self._shown_before:
            self.model.refresh()  # people may have been registered meanwhile
        self._shown_before = True
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if watched is self.form.table and event.key() in (
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                self.open_current()
                return True
            if watched is self.form.table and event.key() == Qt.Key.Key_Delete:
                self.delete_current()
                return True
            if watched is self.form.search and event.key() == Qt.Key.Key_Down:
                self.form.table.setFocus()
                if self.model.rowCount() and not self.form.table.currentIndex().isValid():
                    self.form.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        refit_after_font_change(event, self.form.table, self.model.columns)
        super().changeEvent(event)
