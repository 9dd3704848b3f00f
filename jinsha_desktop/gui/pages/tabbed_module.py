"""A module whose pages are tabs, each built when first shown (facility repairs, inspections).

A tab is one entry of the module's TABS: its title (English source, translated in the module's
context), the page class as "module:Class" (imported when the tab is first shown), the right it
needs, and the kinds of draft its page restores.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QWidget

from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext


@dataclass(frozen=True)
class Tab:
    title: str
    page: str
    """"package.module:Class", built as Class(gui, parent)."""
    permission: Permission
    drafts: tuple[str, ...] = ()
    """The kinds of draft its page restores (`restore_draft`), as gui/modules.py names them."""


class TabbedModule(QTabWidget):
    TABS: ClassVar[tuple[Tab, ...]] = ()
    CONTEXT: ClassVar[str] = ""
    """The translation context of the tab titles (marked with QT_TRANSLATE_NOOP beside TABS)."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        user = gui.services.user
        self.tabs = [tab for tab in self.TABS if user is not None and user.can(tab.permission)]
        self.pages: dict[str, QWidget] = {}
        for tab in self.tabs:
            self.addTab(QWidget(self), self._title(tab))
        self.currentChanged.connect(self._build)
        if self.tabs:
            self._build(0)

    def page(self, target: str) -> QWidget:
        """The page of this "module:Class" (built now if it was not yet), shown."""
        index = next(i for i, tab in enumerate(self.tabs) if tab.page == target)
        self.setCurrentIndex(index)
        return self._build(index)

    def has_page(self, target: str) -> bool:
        return any(tab.page == target for tab in self.tabs)

    def restore_draft(self, kind: str, key: str, values: dict[str, Any]) -> bool:
        """Hand a draft left by a crash to the tab whose page restores its kind."""
        tab = next((tab for tab in self.tabs if kind in tab.drafts), None)
        if tab is None:
            return False
        return bool(self.page(tab.page).restore_draft(kind, key, values))  # type: ignore[attr-defined]

    def page_built(self, page: QWidget) -> None:
        """Connect what a page announces to the module (a drill-down, say)."""

    def _title(self, tab: Tab) -> str:
        return QCoreApplication.translate(self.CONTEXT, tab.title)

    def _build(self, index: int) -> QWidget:
        tab = self.tabs[index]
        if tab.page not in self.pages:
            module_name, _, name = tab.page.partition(":")
            page: QWidget = getattr(importlib.import_module(module_name), name)(self.gui, self)
            self.pages[tab.page] = page
            self.page_built(page)
            self.blockSignals(True)
            placeholder = self.widget(index)
            self.removeTab(index)
            self.insertTab(index, page, self._title(tab))
            self.setCurrentIndex(index)
            self.blockSignals(False)
            if placeholder is not None:
                placeholder.deleteLater()
        return self.pages[tab.page]
