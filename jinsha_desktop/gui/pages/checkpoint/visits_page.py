"""The visits list (登记记录): searched, filtered and sorted in the database, a page at a time.

A million visits stay in the database: the table model fetches 200 rows when the user scrolls
to the end, a header click asks the database for the new order, and the summary strip above
counts today's figures with a few indexed COUNTs.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QHeaderView, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.risk import HealthCode
from jinsha_desktop.domain.text import label_of
from jinsha_desktop.domain.visit import Direction
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.generated.ui_visits_page import Ui_VisitsPage
from jinsha_desktop.gui.lists.columns import Column, fit_columns, refit_after_font_change
from jinsha_desktop.gui.lists.exporting import ListExport
from jinsha_desktop.gui.lists.paged_model import PagedTableModel, SortedSource, attach_to_view
from jinsha_desktop.gui.messages import shown as shown_message
from jinsha_desktop.gui.widgets.summary_strip import SummaryStrip
from jinsha_desktop.reports.exports import export_visits
from jinsha_desktop.services.reference import list_checkpoints
from jinsha_desktop.services.registration import delete_visit
from jinsha_desktop.services.registration_settings import (
    RegistrationSettings,
    registration_settings,
)
from jinsha_desktop.services.visit_lists import SORTS, VisitFilter, VisitRow, VisitSort, visits_page

"""`(parent, title, label) -> reason`, None when the user cancels."""

FLAGGED_COLOUR = QColor("#b00020")
"""Flagged visits are shown in the colour of error messages (look.ERROR_STYLE)."""


def show_time(value: Any) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value is not None else ""


def show_temperature(value: Decimal | None) -> str:
    return f"{value:.1f}" if value is not None else ""


def show_health_code(value: str) -> str:
    return label_of(HealthCode, value)


def flagged_foreground(row: VisitRow) -> QColor | None:
    return FLAGGED_COLOUR if row.flagged else None


class VisitsPage(QWidget):
    """Registrations, newest first: one search box, filters, sort by header, soft delete."""

    visit_opened = Signal(object)
    """The user opened a visit (Enter or double click on its row): the VisitRow."""
    visit_deleted = Signal(object)
    """A visit was soft-deleted with a reason: its id."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.form = Ui_VisitsPage()
        self.form.setupUi(self)
        self.summary = SummaryStrip(gui, self)
        self.form.outer.insertWidget(0, self.summary)
        user = gui.services.user
        self._can_see_full = user is not None and user.can(Permission.VIEW_FULL_PERSONAL_DATA)
        self._can_delete = user is not None and user.can(Permission.EDIT_RECORDS)
        self.form.full_data.setVisible(self._can_see_full)
        self.form.delete_button.setVisible(self._can_delete)
        self.exporter = ListExport(self, gui)
        self.form.export_button.setVisible(user is not None and user.can(Permission.EXPORT))
        self.settings = registration_settings(gui.services)
        self.model = PagedTableModel(
            self.columns(self.settings),
            self,
            sort_keys={key: key for key in SORTS},
            default_sort=("visited_at", True),
            foreground=flagged_foreground,
            expected=(KnownError,),
        )
        table = self.form.table
        attach_to_view(table, self.model)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.installEventFilter(self)
        self.form.search.installEventFilter(self)
        self._fill_choices()
        self._apply_settings_to_filters()
        self._wire()
        self._shown_before = False
        self.summary.refresh()
        self.search()
        fit_columns(table, self.model.columns)

    # -- columns and filters

    def columns(self, settings: RegistrationSettings) -> list[Column]:
        """The list's columns; an epidemic field switched off in the settings has none."""
        columns = [
            Column("visited_at", self.tr("Time"), 130, formatter=show_time),
            Column("checkpoint", self.tr("Checkpoint"), 120),
            Column("direction", self.tr("In/out"), 50, formatter=lambda d: label_of(Direction, d)),
            Column("person_name", self.tr("Name"), 80),
            Column("document_number", self.tr("Document number"), 150),
            Column("phone", self.tr("Phone"), 100),
            Column("origin", self.tr("Coming from"), 140),
            Column("route", self.tr("Route"), 140, formatter="、".join),
            Column("plate", self.tr("Plate"), 80),
        ]
        if settings.temperature:
            columns.append(
                Column(
                    "temperature",
                    self.tr("Temp. °C"),
                    60,
                    formatter=show_temperature,
                    align_right=True,
                )
            )
        if settings.health_code:
            columns.append(
                Column("health_code", self.tr("Health code"), 60, formatter=show_health_code)
            )
        if settings.travel_code:
            starred, plain = self.tr("Starred"), self.tr("No star")
            columns.append(
                Column(
                    "travel_code_star",
                    self.tr("Travel code"),
                    70,
                    formatter=lambda v: "" if v is None else (starred if v else plain),
                )
            )
        if settings.any_epidemic_field:
            columns.append(Column("flag_reasons", self.tr("Flags"), 160))
        return columns

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
        now = self.gui.services.clock.now().astimezone()
        today = QDate(now.year, now.month, now.day)
        form.since.setDate(today.addDays(-6))
        form.until.setDate(today)

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
        form.export_button.clicked.connect(self.export)
        form.search.returnPressed.connect(self.search)
        form.search_button.clicked.connect(self.search)
        for box, edit in ((form.since_enabled, form.since), (form.until_enabled, form.until)):
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(self.search)
        form.since.dateChanged.connect(lambda _d: self._search_if(form.since_enabled.isChecked()))
        form.until.dateChanged.connect(lambda _d: self._search_if(form.until_enabled.isChecked()))
        form.checkpoint.currentIndexChanged.connect(self.search)
        form.health_code.currentIndexChanged.connect(self.search)
        form.flagged_only.toggled.connect(self.search)
        form.full_data.toggled.connect(self.search)
        form.delete_button.clicked.connect(self.delete_current)
        self.form.table.doubleClicked.connect(lambda _index: self.open_current())
        self.form.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.model.fetch_failed.connect(self._fetch_failed)
        self.model.reset_done.connect(self._update_status)
        self.model.rowsInserted.connect(lambda *_: self._update_status())
        self.model.rowsRemoved.connect(lambda *_: self._update_status())

    def _search_if(self, enabled: bool) -> None:
        if enabled:
            self.search()

    def current_filter(self) -> VisitFilter:
        form = self.form

        def day(enabled: bool, value: QDate) -> date | None:
            return value.toPython() if enabled else None  # type: ignore[return-value]

        flagged = True if form.flagged_only.isChecked() else None
        checkpoint = form.checkpoint.currentData()
        return VisitFilter(
            text=form.search.text(),
            since=day(form.since_enabled.isChecked(), form.since.date()),
            until=day(form.until_enabled.isChecked(), form.until.date()),
            checkpoint_id=uuid.UUID(checkpoint) if checkpoint else None,
            flagged=flagged,
            health_code=form.health_code.currentData() or "",
        )

    def _source(self) -> SortedSource:
        context = self.gui.services
        flt = self.current_filter()
        full = self._can_see_full and self.form.full_data.isChecked()

        def for_sort(key: str, descending: bool) -> Any:
            sort = VisitSort(key or "visited_at", descending)
            return lambda after, limit: visits_page(context, flt, sort, after, limit, full=full)

        return for_sort

    def export(self) -> bool:
        """The visits found (search, filters, sort as shown) to Excel, masked unless the full
        data is shown; in the background."""
        key, descending = self.model.current_sort()
        sort = VisitSort(key or "visited_at", descending)
        flt, context = self.current_filter(), self.gui.services
        full = self._can_see_full and self.form.full_data.isChecked()
        return self.exporter.start(
            self.tr("Visits"),
            lambda path, progress: export_visits(
                context, flt, sort, path, full=full, progress=progress
            ),
        )

    def search(self) -> None:
        """Ask the database again with the search box and filters as they are now."""
        self.form.status.setText("")
        self.model.set_source(self._source())

    # -- rows

    def current_row(self) -> VisitRow | None:
        index = self.form.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.visit_opened.emit(row)

    def delete_current(self) -> None:
        """Soft-delete the selected visit after asking why (kept in the database, audited)."""
        row = self.current_row()
        if row is None or not self._can_delete:
            return
        title = self.tr("Delete registration")
        reason = self.gui.prompts.ask_text(
            self,
            title,
            self.tr("Why is the registration of %1 at %2 deleted? (kept and audited)")
            .replace("%1", row.person_name)
            .replace("%2", show_time(row.visited_at)),
        )
        if reason is None:
            return
        try:
            delete_visit(self.gui.services, row.id, reason, row.version)
        except KnownError as error:
            self.gui.prompts.warn(self, title, error.message)
            return
        number = self.form.table.currentIndex().row()
        self.model.remove_id(row.id)
        if self.model.rowCount():
            self.form.table.selectRow(min(number, self.model.rowCount() - 1))
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
        parts = [f"{row.person_name}  {show_time(row.visited_at)}  {row.checkpoint}"]
        if row.purpose:
            parts.append(self.tr("Purpose: %1").replace("%1", row.purpose))
        if row.route:
            parts.append(self.tr("Route: %1").replace("%1", "、".join(row.route)))
        if row.flagged:
            parts.append(self.tr("Flagged: %1").replace("%1", row.flag_reasons))
        self.form.details.setText("   ".join(parts))
        self.form.details.setStyleSheet(f"color: {FLAGGED_COLOUR.name()};" if row.flagged else "")

    def _update_status(self) -> None:
        shown = self.model.rowCount()
        if self.model.canFetchMore():
            text = self.tr("%n visit(s) shown; scroll down for more.", "", shown)
        else:
            text = self.tr("%n visit(s) found.", "", shown)
        if self._can_see_full and self.form.full_data.isChecked():
            text += " " + self.tr("Full numbers shown (recorded in the audit log).")
        self.form.status.setText(text)

    def _fetch_failed(self, error: BaseException) -> None:
        message = shown_message(error.message) if isinstance(error, KnownError) else str(error)
        self.form.status.setText(message)

    # -- settings, keys, interface size

    def reload_settings(self) -> None:
        """Take the registration settings again (a field may have been switched on or off)."""
        settings = registration_settings(self.gui.services)
        if settings == self.settings:
            return
        self.settings = settings
        self._apply_settings_to_filters()
        self.model.set_columns(self.columns(settings))
        fit_columns(self.form.table, self.model.columns)

    def showEvent(self, event: Any) -> None:
        if self._shown_before:
            # Back on the page: visits may have been registered or settings changed meanwhile.
            try:
                self.reload_settings()
            except KnownError as error:
                self.form.status.setText(shown_message(error.message))
            self.summary.refresh()
            self.model.refresh()
        self._shown_before = True
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if watched is self.form.table:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.open_current()
                    return True
                if key == Qt.Key.Key_Delete and self._can_delete:
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
