"""The people list (人员): everyone registered, searched by document number, name or phone.

Same mechanism as the visits list: pages of 200 fetched by key, sorted in the database.
Numbers are always masked here; the full view of one person goes through the person card.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.person import PERSON
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.generated.ui_people_page import Ui_PeoplePage
from jinsha_desktop.gui.lists.exporting import Export
from jinsha_desktop.gui.lists.paged_model import SortedSource
from jinsha_desktop.gui.lists.paged_page import PagedListPage
from jinsha_desktop.reports.exports import export_people
from jinsha_desktop.services import registration
from jinsha_desktop.services.visit_lists import PersonRow, people_page


class PeoplePage(PagedListPage):
    """Everyone registered, latest visit first; masked numbers."""

    person_opened = Signal(object)
    """The user opened a person (Enter or double click on the row): the PersonRow."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(gui, Ui_PeoplePage(), PERSON, parent, default_sort="last_visit_at")
        self.search()
        self.fit_columns()

    def source(self) -> SortedSource:
        context = self.gui.services
        text = self.form.search.text()

        def for_sort(key: str, descending: bool) -> Any:
            return lambda after, limit: people_page(
                context, text, key or "last_visit_at", descending, after, limit
            )

        return for_sort

    def export_title(self) -> str:
        return self.tr("People")

    def export_job(self, sort_key: str, descending: bool) -> Export:
        """The people found (search and sort as shown, numbers masked)."""
        text, context = self.form.search.text(), self.gui.services
        return lambda path, progress: export_people(
            context, text, sort_key or "last_visit_at", descending, path, progress=progress
        )

    def open_row(self, row: PersonRow) -> None:
        """Correct the selected person (roles that may edit records), then show the change."""
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

    def status_text(self, shown_rows: int, more: bool) -> str:
        if more:
            return self.tr("%n people shown; scroll down for more.", "", shown_rows)
        return self.tr("%n people found.", "", shown_rows)
