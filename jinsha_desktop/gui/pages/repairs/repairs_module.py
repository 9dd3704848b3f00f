"""Facility repairs (设施维修): its pages as tabs, each built when first shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.pages.tabbed_module import Tab, TabbedModule

_PAGES = "jinsha_desktop.gui.pages.repairs"
_VIEW = Permission.VIEW_REPAIRS


class RepairsModule(TabbedModule):
    CONTEXT = "RepairsModule"
    TABS = (
        # One line per page, in the order the tabs show.
        Tab("Repair orders", f"{_PAGES}.orders_page:OrdersPage", _VIEW, drafts=("repair_order",)),
        Tab("Survey campaigns", f"{_PAGES}.campaigns_page:CampaignsPage", _VIEW),
        Tab("Clean-ups", f"{_PAGES}.cleanups_page:CleanupsPage", _VIEW, drafts=("cleanup",)),
        Tab("Totals", f"{_PAGES}.totals_page:TotalsPage", _VIEW),
    )

    def page_built(self, page: QWidget) -> None:
        if hasattr(page, "drill_down"):  # the totals: a figure opens the records behind it
            page.drill_down.connect(self.show_drill_down)

    def show_drill_down(self, drill: Any) -> None:
        """The orders or clean-ups behind a totals figure (a DrillDown), in their list."""
        if drill.of_cleanups:
            page, flt = f"{_PAGES}.cleanups_page:CleanupsPage", drill.cleanup_filter()
        else:
            page, flt = f"{_PAGES}.orders_page:OrdersPage", drill.order_filter()
        if self.has_page(page):
            self.page(page).show_filter(flt)  # type: ignore[attr-defined]


# Marked for pyside6-lupdate; TABS' titles are these strings.
_TITLES = (
    QT_TRANSLATE_NOOP("RepairsModule", "Repair orders"),
    QT_TRANSLATE_NOOP("RepairsModule", "Survey campaigns"),
    QT_TRANSLATE_NOOP("RepairsModule", "Clean-ups"),
    QT_TRANSLATE_NOOP("RepairsModule", "Totals"),
)
