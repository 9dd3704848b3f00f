"""The repair orders list (报修单): searched, filtered and sorted in the database, a page at a time.

Overdue orders (open longer than the repair settings' days) show in the colour of what needs
attention and, for readers who do not tell colours apart, with 超期 n 天 in their own column.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repair_kinds import REPAIR_ORDER
from jinsha_desktop.domain.repairs import OrderSource, OrderStatus
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.generated.ui_repair_orders_page import Ui_RepairOrdersPage
from jinsha_desktop.gui.lists.columns import BASE_CHAR_WIDTH
from jinsha_desktop.gui.lists.exporting import Export
from jinsha_desktop.gui.lists.paged_model import SortedSource
from jinsha_desktop.gui.lists.paged_page import PagedListPage
from jinsha_desktop.gui.lists.period_filter import PeriodFilter, PlaceFilter, signals_blocked
from jinsha_desktop.gui.look import ERROR_COLOUR
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.reports.exports import export_repair_orders
from jinsha_desktop.services.registration import today_of
from jinsha_desktop.services.repair_lists import (
    CLOSED,
    OPEN,
    OrderFilter,
    OrderRow,
    OrderSort,
    orders_page,
)
from jinsha_desktop.services.repair_orders import delete_order

OVERDUE_COLOUR = QColor(ERROR_COLOUR)

LONG_TEXTS = ("problem", "parts")
"""Columns whose text can run to a line and more (a survey's findings for a whole compound, the
parts of a big order): as wide as the first rows need, at least as declared, no wider — the
state and the overdue days stay on the screen; a longer cell further down ends in … and shows
whole in its tooltip."""
FIRST_ROWS = 25


def overdue_foreground(row: OrderRow) -> QColor | None:
    return OVERDUE_COLOUR if row.overdue else None


class OrdersPage(PagedListPage):
    """Repair orders, newest first: search, filters, sort by header, open, new, export."""

    order_saved = Signal(object)
    """An order was added or changed through its form: its id."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        self.form: Ui_RepairOrdersPage
        super().__init__(
            gui,
            Ui_RepairOrdersPage(),
            REPAIR_ORDER,
            parent,
            default_sort="reported_at",
            foreground=overdue_foreground,
        )
        user = gui.services.user
        self._can_see_full = user is not None and user.can(Permission.VIEW_FULL_PERSONAL_DATA)
        self._can_log = user is not None and user.can(Permission.LOG_REPAIRS)
        self.form.full_data.setVisible(self._can_see_full)
        self.form.new_button.setVisible(self._can_log)
        self.form.settings_button.setVisible(
            user is not None and user.can(Permission.CHANGE_SETTINGS)
        )
        self._hidden = OrderFilter()
        """Filters with no widget of their own (a building, a campaign…: from the totals)."""
        form = self.form
        self.period = PeriodFilter(
            form.since_enabled, form.since, form.until_enabled, form.until, self.search
        )
        self.places = PlaceFilter(
            form.unit, form.compound, lambda: self.gui.services, self._place_changed, self.tr("All")
        )
        self._fill_choices()
        self._wire()
        self.search()
        self.fit_columns()

    def fit_columns(self) -> None:
        super().fit_columns()
        table, model = self.form.table, self.model
        scale = max(1.0, table.fontMetrics().averageCharWidth() / BASE_CHAR_WIDTH)
        rows = range(min(model.rowCount(), FIRST_ROWS))
        for number, column in enumerate(model.columns):
            if column.key in LONG_TEXTS:
                needed = [table.sizeHintForIndex(model.index(row, number)).width() for row in rows]
                wanted = max([int(column.width * scale), *needed]) + 8  # as fit_columns
                table.setColumnWidth(number, min(table.columnWidth(number), wanted))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)  # the columns refitted to the new size, then narrowed here
        if event.type() == QEvent.Type.FontChange:
            QTimer.singleShot(0, self.form.table, self.fit_columns)

    # -- filters

    def _fill_choices(self) -> None:
        form = self.form
        form.status_filter.addItem(self.tr("Any"), "")
        form.status_filter.addItem(self.tr("Open"), OPEN)
        for status in OrderStatus:
            form.status_filter.addItem(shown(status.label), status.value)
        form.status_filter.addItem(self.tr("Closed"), CLOSED)
        form.source.addItem(self.tr("Any"), "")
        for source in OrderSource:
            form.source.addItem(shown(source.label), source.value)
        self.period.start(today_of(self.gui.services), 30)
        self._refill_places()

    def _refill_places(self) -> None:
        """Communities and their compounds afresh (an administrator may have added one)."""
        try:
            self.places.refill()
        except KnownError as error:
            self.form.status.setText(shown(error.message))

    def _wire(self) -> None:
        form = self.form
        for combo in (form.status_filter, form.source):
            combo.currentIndexChanged.connect(self.search)
        form.overdue_only.toggled.connect(self.search)
        form.full_data.toggled.connect(self.search)
        form.new_button.clicked.connect(self.new_order)
        form.settings_button.clicked.connect(self.edit_settings)

    def _place_changed(self) -> None:
        self._hidden = OrderFilter()  # a place chosen by hand replaces the totals' one
        self.search()

    def current_filter(self) -> OrderFilter:
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
            status=form.status_filter.currentData() or "",
            source=form.source.currentData() or "",
            overdue_only=form.overdue_only.isChecked(),
        )

    def show_filter(self, flt: OrderFilter) -> None:
        """Show the orders behind a figure (the totals' drill-down): the filter's choices set
        in the widgets; what has no widget (a building, a campaign, a part kind…) is kept
        beside them until a place is chosen by hand."""
        form = self.form
        widgets: list[QWidget] = [
            form.status_filter, form.source, form.overdue_only, form.search,
            *self.period.widgets(), *self.places.widgets(),
        ]  # fmt: skip
        with signals_blocked(widgets):
            self.places.show(flt.unit_id, flt.compound_id)
            form.status_filter.setCurrentIndex(max(0, form.status_filter.findData(flt.status)))
            form.source.setCurrentIndex(max(0, form.source.findData(flt.source)))
            form.overdue_only.setChecked(flt.overdue_only)
            self.period.show(flt.since, flt.until)
            form.search.setText(flt.text)
        self._hidden = replace(
            flt, text="", since=None, until=None, unit_id=None, compound_id=None, status="",
            source="", overdue_only=False,
        )  # fmt: skip
        self.search()

    def source(self) -> SortedSource:
        context = self.gui.services
        flt, full = self.current_filter(), self._full()
        now = context.clock.now()  # one "now" for every page of this list

        def for_sort(key: str, descending: bool) -> Any:
            sort = OrderSort(key or "reported_at", descending)
            return lambda after, limit: orders_page(
                context, flt, sort, after, limit, full=full, now=now
            )

        return for_sort

    def export_title(self) -> str:
        return self.tr("Repair orders")

    def export_job(self, sort_key: str, descending: bool) -> Export:
        """The orders found (search, filters, sort as shown), phones masked unless shown."""
        sort = OrderSort(sort_key or "reported_at", descending)
        flt, context, full = self.current_filter(), self.gui.services, self._full()
        return lambda path, progress: export_repair_orders(
            context, flt, sort, path, full=full, progress=progress
        )

    def _full(self) -> bool:
        return self._can_see_full and self.form.full_data.isChecked()

    # -- rows

    def open_row(self, row: OrderRow) -> None:
        self._open_form(row.id)

    def new_order(self) -> None:
        if self._can_log:
            self._open_form(None)

    def _open_form(self, order_id: uuid.UUID | None, draft: dict[str, Any] | None = None) -> bool:
        from jinsha_desktop.gui.dialogs.repair_order_dialog import RepairOrderDialog

        try:
            dialog = RepairOrderDialog(self.gui, self, order_id)
        except KnownError as error:  # e.g. the order was deleted meanwhile
            self.form.status.setText(shown(error.message))
            return False
        if draft is not None:
            dialog.restore(draft)
        dialog.exec()
        if dialog.saved_id is not None:
            self.model.refresh()
            self.order_saved.emit(dialog.saved_id)
        return True

    def restore_draft(self, _kind: str, key: str, values: dict[str, Any]) -> bool:
        """Reopen the form a crash left half-typed ("new" or a saved order's id) with its
        values; False when that order is gone."""
        try:
            order_id = None if key == "new" else uuid.UUID(key)
        except ValueError:
            return False
        return self._can_log and self._open_form(order_id, values)

    def delete_current(self) -> None:
        """Soft-delete the selected order after asking why (kept in the database, audited)."""
        row = self.current_row()
        if row is None or not self._can_log:
            return
        if self.delete_with_reason(
            row,
            self.tr("Delete repair order"),
            self.tr("Why is repair order %1 deleted? (kept and audited)").replace("%1", row.number),
            lambda reason: delete_order(self.gui.services, row.id, reason, row.version),
        ):
            self.form.status.setText(self.tr("Repair order %1 deleted.").replace("%1", row.number))

    def edit_settings(self) -> None:
        from jinsha_desktop.gui.dialogs.repair_settings_dialog import RepairSettingsDialog

        if RepairSettingsDialog(self.gui, self).exec():
            self.model.refresh()

    def status_text(self, shown_rows: int, more: bool) -> str:
        if more:
            text = self.tr("%n order(s) shown; scroll down for more.", "", shown_rows)
        else:
            text = self.tr("%n order(s) found.", "", shown_rows)
        if self._hidden != OrderFilter():
            text += " " + self.tr("Only the orders behind the figure chosen in the totals.")
        if self._full():
            text += " " + self.tr("Full numbers shown (recorded in the audit log).")
        return text

    def came_back(self) -> None:
        # A compound may have been added meanwhile; the choices stay where they still exist.
        with signals_blocked(self.places.widgets()):
            self._refill_places()
