"""The clean-ups list (整治记录): searched, filtered and sorted in the database, a page at a time;
new, open, delete (with a reason), export."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.fields import text_of
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repair_kinds import CLEANUP
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.cleanup_dialog import open_cleanup
from jinsha_desktop.gui.forms.binder import as_uuid, refill_combo
from jinsha_desktop.gui.generated.ui_cleanups_page import Ui_CleanupsPage
from jinsha_desktop.gui.lists.exporting import Export
from jinsha_desktop.gui.lists.paged_model import SortedSource
from jinsha_desktop.gui.lists.paged_page import PagedListPage
from jinsha_desktop.gui.lists.period_filter import (
    PeriodFilter,
    PlaceFilter,
    choose_id,
    signals_blocked,
)
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.reports.exports import export_cleanups
from jinsha_desktop.services.campaigns import list_campaigns
from jinsha_desktop.services.cleanups import (
    CleanupFilter,
    CleanupRow,
    CleanupSort,
    cleanups_page,
    delete_cleanup,
)
from jinsha_desktop.services.registration import today_of
from jinsha_desktop.services.repair_catalogue import list_cleanup_categories


class CleanupsPage(PagedListPage):
    """Clean-ups, latest first: search, filters, sort by header, new, open, delete, export."""

    cleanup_saved = Signal(object)
    """A clean-up was added or changed through its form: its id."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        self.form: Ui_CleanupsPage
        super().__init__(gui, Ui_CleanupsPage(), CLEANUP, parent, default_sort="done_on")
        user = gui.services.user
        self._can_log = user is not None and user.can(Permission.LOG_REPAIRS)
        self.form.new_button.setVisible(self._can_log)
        self.form.delete_button.setVisible(self._can_log)
        self._hidden = CleanupFilter()
        """Filters with no widget of their own (a building…: from the totals' drill-down)."""
        self._fill_choices()
        self._wire()
        self.search()
        self.fit_columns()

    # -- filters

    def _fill_choices(self) -> None:
        form = self.form
        self.period = PeriodFilter(
            form.since_enabled, form.since, form.until_enabled, form.until, self.search
        )
        self.period.start(today_of(self.gui.services), 30)
        self.places = PlaceFilter(
            form.unit,
            form.compound,
            lambda: self.gui.services,
            self._chosen_by_hand,
            self.tr("All"),
        )
        self._refill()

    def _refill(self) -> None:
        """Places, categories and campaigns afresh; the choices stay where they still exist."""
        form, context = self.form, self.gui.services
        try:
            self.places.refill()
            categories = list_cleanup_categories(context)
            self._offer(form.category, [(c.name, str(c.id)) for c in categories])
            campaigns = list_campaigns(context)
            self._offer(form.campaign, [(c.name, str(c.id)) for c in campaigns])
        except KnownError as error:
            form.status.setText(shown(error.message))

    def _offer(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        refill_combo(combo, items)
        combo.setItemText(0, self.tr("All"))

    def _wire(self) -> None:
        form = self.form
        form.category.currentIndexChanged.connect(self._chosen_by_hand)
        form.campaign.currentIndexChanged.connect(self._chosen_by_hand)
        form.new_button.clicked.connect(self.new_cleanup)
        form.delete_button.clicked.connect(self.delete_current)

    def _chosen_by_hand(self) -> None:
        self._hidden = CleanupFilter()  # a choice made by hand replaces the totals' one
        self.search()

    def current_filter(self) -> CleanupFilter:
        form = self.form
        since, until = self.period.period()
        unit_id, compound_id = self.places.chosen()
        return replace(
            self._hidden,
            text=form.search.text(),
            since=since,
            until=until,
            unit_id=unit_id,
            compound_id=compound_id,
            category_id=as_uuid(form.category.currentData()),
            campaign_id=as_uuid(form.campaign.currentData()),
        )

    def show_filter(self, flt: CleanupFilter) -> None:
        """Show the clean-ups behind a figure (the totals' drill-down): the filter's choices
        set in the widgets; what has no widget (a building, "no campaign"…) is kept beside
        them until a choice is made by hand."""
        form = self.form
        combos = [*self.places.widgets(), form.category, form.campaign]
        with signals_blocked([*combos, *self.period.widgets(), form.search]):
            self.places.show(flt.unit_id, flt.compound_id)
            choose_id(form.category, flt.category_id)
            choose_id(form.campaign, flt.campaign_id)
            self.period.show(flt.since, flt.until)
            form.search.setText(flt.text)
        self._hidden = replace(
            flt, text="", since=None, until=None, unit_id=None, compound_id=None,
            category_id=None, campaign_id=None,
        )  # fmt: skip
        self.search()

    def source(self) -> SortedSource:
        context, flt = self.gui.services, self.current_filter()

        def for_sort(key: str, descending: bool) -> Any:
            sort = CleanupSort(key or "done_on", descending)
            return lambda after, limit: cleanups_page(context, flt, sort, after, limit)

        return for_sort

    def export_title(self) -> str:
        return self.tr("Clean-ups")

    def export_job(self, sort_key: str, descending: bool) -> Export:
        sort = CleanupSort(sort_key or "done_on", descending)
        flt, context = self.current_filter(), self.gui.services
        return lambda path, progress: export_cleanups(context, flt, sort, path, progress=progress)

    # -- rows

    def open_row(self, row: CleanupRow) -> None:
        self._open_form(row.id)

    def new_cleanup(self) -> None:
        if self._can_log:
            self._open_form(None)

    def _open_form(self, cleanup_id: uuid.UUID | None, draft: dict[str, Any] | None = None) -> bool:
        saved = open_cleanup(self.gui, self, cleanup_id, draft)
        if saved is False:
            return False
        if saved is not None:
            self.model.refresh()
            self.cleanup_saved.emit(saved)
        return True

    def restore_draft(self, kind: str, key: str, values: dict[str, Any]) -> bool:
        """Reopen the form a crash left half-typed ("new" or a saved clean-up's id), with its
        values; False when that clean-up is gone."""
        try:
            cleanup_id = None if key == "new" else uuid.UUID(key)
        except ValueError:
            return False
        return self._open_form(cleanup_id, values)

    def delete_current(self) -> None:
        """Soft-delete the selected clean-up after asking why (kept in the database, audited)."""
        row = self.current_row()
        if row is None or not self._can_log:
            return
        what = f"{text_of(row.done_on)} {row.compound_name} {shown(row.category)} {row.count}"
        if self.delete_with_reason(
            row,
            self.tr("Delete clean-up"),
            self.tr("Why is the clean-up %1 deleted? (kept and audited)").replace("%1", what),
            lambda reason: delete_cleanup(self.gui.services, row.id, reason, row.version),
        ):
            self.form.status.setText(self.tr("Clean-up %1 deleted.").replace("%1", what))

    def status_text(self, shown_rows: int, more: bool) -> str:
        if more:
            text = self.tr("%n clean-up(s) shown; scroll down for more.", "", shown_rows)
        else:
            text = self.tr("%n clean-up(s) found.", "", shown_rows)
        if self._hidden != CleanupFilter():
            text += " " + self.tr("Only the clean-ups behind the figure chosen in the totals.")
        return text

    def came_back(self) -> None:
        combos = [*self.places.widgets(), self.form.category, self.form.campaign]
        with signals_blocked(combos):
            self._refill()
