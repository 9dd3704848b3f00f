"""Facility repairs (设施维修): its pages as tabs, each built when first shown.

A tab is one entry in TABS: its title (English source, translated in "RepairsModule"), the page
class as "module:Class" (imported when the tab is first shown), and the right it needs.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QTabWidget, QWidget

from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext


@dataclass(frozen=True)
class Tab:
    title: str
    page: str
    """"package.module:Class", built as Class(gui, parent)."""
    permission: Permission = Permission.VIEW_REPAIRS
    drafts: tuple[str, ...] = ()
    """The kinds of draft its page restores (`restore_draft`), as gui/modules.py names them."""


_PAGES = "jinsha_desktop.gui.pages.repairs"
TABS: tuple[Tab, ...] = (
    # One line per page, in the order the tabs show.
    Tab("Repair orders", f"{_PAGES}.orders_page:OrdersPage", drafts=("repair_order",)),
    Tab("Survey campaigns", f"{_PAGES}.campaigns_page:CampaignsPage"),
    Tab("Clean-ups", f"{_PAGES}.cleanups_page:CleanupsPage", drafts=("cleanup",)),
    Tab("Totals", f"{_PAGES}.totals_page:TotalsPage"),
)


class RepairsModule(QTabWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        user = gui.services.user
        self.tabs = [tab for tab in TABS if user is not None and user.can(tab.permission)]
        self.pages: dict[str, QWidget] = {}
        for tab in self.tabs:
            self.addTab(QWidget(self), QCoreApplication.translate("RepairsModule", tab.title))
        self.currentChanged.connect(self._build)
        if self.tabs:
            self._build(0)

    def page(self, target: str) -> QWidget:
        """The page of this "module:Class" (built now if it was not yet), shown."""
        index = next(i for i, tab in enumerate(self.tabs) if tab.page == target)
        self.setCurrentIndex(index)
        return self._build(index)

    def restore_draft(self, kind: str, key: str, values: dict[str, Any]) -> bool:
        """Hand a draft left by a crash to the tab whose page restores its kind."""
        tab = next((tab for tab in self.tabs if kind in tab.drafts), None)
        if tab is None:
            return False
        return bool(self.page(tab.page).restore_draft(kind, key, values))  # type: ignore[attr-defined]

    def show_drill_down(self, drill: Any) -> None:
        """The orders or clean-ups behind a totals figure (a DrillDown), in their list."""
        if drill.of_cleanups:
            page, flt = f"{_PAGES}.cleanups_page:CleanupsPage", drill.cleanup_filter()
        else:
            page, flt = f"{_PAGES}.orders_page:OrdersPage", drill.order_filter()
        if any(tab.page == page for tab in self.tabs):
            self.page(page).show_filter(flt)  # type: ignore[attr-defined]

    def _build(self, index: int) -> QWidget:
        tab = self.tabs[index]
        if tab.page not in self.pages:
            module_name, _, name = tab.page.partition(":")
            page: QWidget = getattr(importlib.import_module(module_name), name)(self.gui, self)
            self.pages[tab.page] = page
            if hasattr(page, "drill_down"):  # the totals: a figure opens the records behind it
                page.drill_down.connect(self.show_drill_down)
            self.blockSignals(True)
            placeholder = self.widget(index)
            self.removeTab(index)
            self.insertTab(index, page, QCoreApplication.translate("RepairsModule", tab.title))
            self.setCurrentIndex(index)
            self.blockSignals(False)
            if placeholder is not None:
                placeholder.deleteLater()
        return self.pages[tab.page]


# Marked for pyside6-lupdate; TABS' titles are these strings.
_TITLES = (
    QT_TRANSLATE_NOOP("RepairsModule", "Repair orders"),
    QT_TRANSLATE_NOOP("RepairsModule", "Survey campaigns"),
    QT_TRANSLATE_NOOP("RepairsModule", "Clean-ups"),
    QT_TRANSLATE_NOOP("RepairsModule", "Totals"),
)
