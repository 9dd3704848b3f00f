"""The visits list (登记记录): searched, filtered and sorted in the database, a page at a time.

A million visits stay in the database: the table model fetches 200 rows when the user scrolls
to the end, a header click asks the database for the new order, and the summary strip above
counts today's figures with a few indexed COUNTs.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.fields import text_of
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.risk import HealthCode
from jinsha_desktop.domain.visit import VISIT
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.generated.ui_visits_page import Ui_VisitsPage
from jinsha_desktop.gui.lists.exporting import Export
from jinsha_desktop.gui.lists.paged_model import SortedSource
from jinsha_desktop.gui.lists.paged_page import PagedListPage
from jinsha_desktop.gui.lists.period_filter import PeriodFilter
from jinsha_desktop.gui.look import ERROR_COLOUR
from jinsha_desktop.gui.messages import shown as shown_message
from jinsha_desktop.gui.widgets.summary_strip import SummaryStrip
from jinsha_desktop.reports.exports import export_visits
from jinsha_desktop.services.reference import list_checkpoints
from jinsha_desktop.services.registration import delete_visit, today_of
from jinsha_desktop.services.registration_settings import registration_settings
from jinsha_desktop.services.visit_lists import VisitFilter, VisitRow, VisitSort, visits_page

FLAGGED_COLOUR = QColor(ERROR_COLOUR)
"""Flagged visits are shown in the colour of error messages."""


def flagged_foreground(row: VisitRow) -> QColor | None:
    return FLAGGED_COLOUR if row.flagged else None


_ROUTE = VISIT.field("route")
"""The details line shows the route as the declaration does (joined with 、)."""


class VisitsPage(PagedListPage):
    """Registrations, newest first: one search box, filters, sort by header, soft delete."""

    visit_opened = Signal(object)
    """The user opened a visit (Enter or double click on its row): the VisitRow."""
    visit_deleted = Signal(object)
    """A visit was soft-deleted with a reason: its id."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        settings = registration_settings(gui.services)
        self.form: Ui_VisitsPage
        super().__init__(
            gui,
            Ui_VisitsPage(),
            VISIT,
            parent,
            default_sort="visited_at",
            switched_on=settings.shows,
            foreground=flagged_foreground,
        )
        self.settings = settings
        self.summary = SummaryStrip(gui, self)
        self.form.outer.insertWidget(0, self.summary)
        user = gui.services.user
        self._can_see_full = user is not None and user.can(Permission.VIEW_FULL_PERSONAL_DATA)
        self._can_delete = user is not None and user.can(Permission.EDIT_RECORDS)
        self.form.full_data.setVisible(self._can_see_full)
        self.form.delete_button.setVisible(self._can_delete)
        self._fill_choices()
        self._apply_settings_to_filters()
        self._wire()
        self.summary.refresh()
        self.search()
        self.fit_columns()

    # -- filters

    def _fill_choices(self) -> None:
        form = self.form
        form.checkpoint.addItem(self.tr("All checkpoints"), None)
        try:
            for checkpoint in list_checkpoints(self.gui.services):
                # As text: a Python object in a QVariant is not found again by findData().
                form.checkpoint.addItem(checkpoint.name, str(checkpoint.id))
        except KnownError as error:
            form.status.setText(shown_message(error.message))
        form.health_code.addItem(self.tr("Any"), "")
        for code in HealthCode:
            form.health_code.addItem(shown_message(code.label), code.value)
        self.period = PeriodFilter(
            form.since_enabled, form.since, form.until_enabled, form.until, self.search
        )
        self.period.start(today_of(self.gui.services), 7)

    def _apply_settings_to_filters(self) -> None:
        form = self.form
        form.health_code.setVisible(self.settings.health_code)
        form.health_code_label.setVisible(self.settings.health_code)
        if not self.settings.health_code:
            form.health_code.setCurrentIndex(0)
        form.flagged_only.setVisible(self.settings.any_epidemic_field)
        if not self.settings.any_epidemic_field:
            form.flagged_only.setChecked(False)

    def _wire(self) -> None:
        form = self.form
        form.checkpoint.currentIndexChanged.connect(self.search)
        form.health_code.currentIndexChanged.connect(self.search)
        form.flagged_only.toggled.connect(self.search)
        form.full_data.toggled.connect(self.search)
        form.delete_button.clicked.connect(self.delete_current)
        form.table.selectionModel().currentRowChanged.connect(self._show_details)

    def current_filter(self) -> VisitFilter:
        form = self.form
        flagged = True if form.flagged_only.isChecked() else None
        checkpoint = form.checkpoint.currentData()
        since, until = self.period.period()
        return VisitFilter(
            text=form.search.text(),
            since=since,
            until=until,
            checkpoint_id=uuid.UUID(checkpoint) if checkpoint else None,
            flagged=flagged,
            health_code=form.health_code.currentData() or "",
        )

    def source(self) -> SortedSource:
        context = self.gui.services
        flt = self.current_filter()
        full = self._full()

        def for_sort(key: str, descending: bool) -> Any:
            sort = VisitSort(key or "visited_at", descending)
            return lambda after, limit: visits_page(context, flt, sort, after, limit, full=full)

        return for_sort

    def export_title(self) -> str:
        return self.tr("Visits")

    def export_job(self, sort_key: str, descending: bool) -> Export:
        """The visits found (search, filters, sort as shown), masked unless the full data is
        shown."""
        sort = VisitSort(sort_key or "visited_at", descending)
        flt, context, full = self.current_filter(), self.gui.services, self._full()
        return lambda path, progress: export_visits(
            context, flt, sort, path, full=full, progress=progress
        )

    def _full(self) -> bool:
        return self._can_see_full and self.form.full_data.isChecked()

    # -- rows

    def open_row(self, row: VisitRow) -> None:
        self.visit_opened.emit(row)

    def delete_current(self) -> None:
        """Soft-delete the selected visit after asking why (kept in the database, audited)."""
        row = self.current_row()
        if row is None or not self._can_delete:
            return
        if not self.delete_with_reason(
            row,
            self.tr("Delete registration"),
            self.tr("Why is the registration of %1 at %2 deleted? (kept and audited)")
            .replace("%1", row.person_name)
            .replace("%2", text_of(row.visited_at)),
            lambda reason: delete_visit(self.gui.services, row.id, reason, row.version),
        ):
            return
        self.form.status.setText(
            self.tr("Registration of %1 deleted.").replace("%1", row.person_name)
        )
        self.summary.refresh()
        self.visit_deleted.emit(row.id)

    def _show_details(self, current: Any, _previous: Any) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is None:
            self.form.details.clear()
            return
        parts = [f"{row.person_name}  {text_of(row.visited_at)}  {row.checkpoint}"]
        if row.purpose:
            parts.append(self.tr("Purpose: %1").replace("%1", row.purpose))
        if row.route:
            parts.append(self.tr("Route: %1").replace("%1", _ROUTE.text(row)))
        if row.flagged:
            parts.append(self.tr("Flagged: %1").replace("%1", row.flag_reasons))
        self.form.details.setText("   ".join(parts))
        self.form.details.setStyleSheet(f"color: {FLAGGED_COLOUR.name()};" if row.flagged else "")

    def status_text(self, shown_rows: int, more: bool) -> str:
        if more:
            text = self.tr("%n visit(s) shown; scroll down for more.", "", shown_rows)
        else:
            text = self.tr("%n visit(s) found.", "", shown_rows)
        if self._full():
            text += " " + self.tr("Full numbers shown (recorded in the audit log).")
        return text

    # -- settings

    def reload_settings(self) -> None:
        """Take the registration settings again (a field may have been switched on or off)."""
        settings = registration_settings(self.gui.services)
        if settings == self.settings:
            return
        self.settings = settings
        self._apply_settings_to_filters()
        self.set_switches(settings.shows)

    def came_back(self) -> None:
        # Visits may have been registered or settings changed meanwhile.
        try:
            self.reload_settings()
        except KnownError as error:
            self.form.status.setText(shown_message(error.message))
        self.summary.refresh()
