"""The inspections list (检查记录): searched, filtered and sorted in the database, a page at a time;
New, Open and Delete draft; Export of the list as shown."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.inspection_kinds import INSPECTION
from jinsha_desktop.domain.inspections import InspectionStatus
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.binder import as_uuid, refill_combo
from jinsha_desktop.gui.generated.ui_inspections_page import Ui_InspectionsPage
from jinsha_desktop.gui.lists.exporting import Export
from jinsha_desktop.gui.lists.paged_model import SortedSource
from jinsha_desktop.gui.lists.paged_page import PagedListPage
from jinsha_desktop.gui.lists.period_filter import PeriodFilter, signals_blocked
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.reports.exports import export_inspections
from jinsha_desktop.services import checklists, reference
from jinsha_desktop.services.inspection_lists import (
    InspectionFilter,
    InspectionSort,
    inspections_page,
)
from jinsha_desktop.services.inspections import delete_draft
from jinsha_desktop.services.registration import today_of

DEFAULT_SORT = "inspected_on"


class InspectionsPage(PagedListPage):
    """Inspections, newest first: search, filters, sort by header, open, new, delete a draft."""

    inspection_saved = Signal(object)
    """An inspection was created, saved, submitted or corrected through its form: its id."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        self.form: Ui_InspectionsPage
        super().__init__(gui, Ui_InspectionsPage(), INSPECTION, parent, default_sort=DEFAULT_SORT)
        user = gui.services.user
        self._can_inspect = user is not None and user.can(Permission.INSPECT)
        form = self.form
        for button in (form.new_button, form.delete_button):
            button.setVisible(self._can_inspect)
        self.period = PeriodFilter(
            form.since_enabled, form.since, form.until_enabled, form.until, self.search
        )
        self._fill_choices()
        for combo in (form.status_filter, form.template, form.unit):
            combo.currentIndexChanged.connect(self.search)
        form.new_button.clicked.connect(self.new_inspection)
        form.open_button.clicked.connect(self.open_current)
        form.delete_button.clicked.connect(self.delete_current)
        self.search()
        self.fit_columns()

    # -- filters

    def _fill_choices(self) -> None:
        form = self.form
        form.status_filter.addItem(self.tr("Any"), "")
        for status in InspectionStatus:
            form.status_filter.addItem(shown(status.label), status.value)
        self.period.start(today_of(self.gui.services), 90)
        self._refill_choices()

    def _refill_choices(self) -> None:
        """Villages, communities and checklists afresh (an administrator may have added one);
        the choices stay where they still exist."""
        form = self.form
        try:
            units = reference.list_units(self.gui.services)
            templates = checklists.list_templates(self.gui.services)
        except KnownError as error:
            form.status.setText(shown(error.message))
            return
        refill_combo(form.unit, [(u.name, str(u.id)) for u in units])
        refill_combo(form.template, [(t.name, str(t.id)) for t in templates])
        form.unit.setItemText(0, self.tr("All"))
        form.template.setItemText(0, self.tr("All"))

    def current_filter(self) -> InspectionFilter:
        form = self.form
        start, end = self.period.period()
        return InspectionFilter(
            start=start,
            end=end,
            unit_id=as_uuid(form.unit.currentData()),
            template_id=as_uuid(form.template.currentData()),
            status=form.status_filter.currentData() or None,
            search=form.search.text(),
        )

    def source(self) -> SortedSource:
        context, flt = self.gui.services, self.current_filter()

        def for_sort(key: str, descending: bool) -> Any:
            sort = InspectionSort(key or DEFAULT_SORT, descending)
            return lambda after, limit: inspections_page(context, flt, sort, after, limit)

        return for_sort

    def export_title(self) -> str:
        return self.tr("Inspections")

    def export_job(self, sort_key: str, descending: bool) -> Export:
        """The inspections found (search, filters, sort as shown) to a sheet of the declared
        columns; audited as an export."""
        context, flt = self.gui.services, self.current_filter()
        sort = InspectionSort(sort_key or DEFAULT_SORT, descending)
        return lambda path, progress: export_inspections(
            context, flt, sort, path, progress=progress
        )

    # -- rows

    def open_row(self, row: Any) -> None:
        self._open_form(row.id)

    def new_inspection(self) -> None:
        if self._can_inspect:
            self._open_form(None)

    def _open_form(
        self, inspection_id: uuid.UUID | None, draft: dict[str, Any] | None = None
    ) -> bool:
        from jinsha_desktop.gui.dialogs.inspection_dialog import InspectionDialog

        try:
            dialog = InspectionDialog(self.gui, inspection_id, self)
        except KnownError as error:  # e.g. deleted meanwhile, or no checklist yet
            self.form.status.setText(shown(error.message))
            return False
        if draft is not None:
            dialog.restore(draft)
        dialog.exec()
        if dialog.saved_id is not None:
            self.model.refresh()
            self.inspection_saved.emit(dialog.saved_id)
        return True

    def restore_draft(self, _kind: str, key: str, values: dict[str, Any]) -> bool:
        """Reopen the form a crash left half-typed ("new" or an inspection's id) with its
        values; False when that inspection is gone."""
        try:
            inspection_id = None if key == "new" else uuid.UUID(key)
        except ValueError:
            return False
        return self._can_inspect and self._open_form(inspection_id, values)

    def delete_current(self) -> None:
        """Soft-delete the selected draft after asking why (kept in the database, audited); a
        submitted inspection is never deleted (the service says so)."""
        row = self.current_row()
        if row is None or not self._can_inspect:
            return
        if self.delete_with_reason(
            row,
            self.tr("Delete draft inspection"),
            self.tr("Why is inspection %1 deleted? (kept and audited)").replace("%1", row.number),
            lambda reason: delete_draft(self.gui.services, row.id, reason),
        ):
            self.form.status.setText(self.tr("Inspection %1 deleted.").replace("%1", row.number))

    def status_text(self, shown_rows: int, more: bool) -> str:
        if more:
            return self.tr("Inspections shown: %1; scroll down for more.").replace(
                "%1", str(shown_rows)
            )
        return self.tr("Inspections found: %1.").replace("%1", str(shown_rows))

    def came_back(self) -> None:
        widgets = [self.form.unit, self.form.template]
        with signals_blocked(widgets):
            self._refill_choices()
