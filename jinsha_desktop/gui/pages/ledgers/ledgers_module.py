"""The "Ledgers and export" module: paper ledgers, and Excel import (exports sit on each list)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.pages.ledgers.import_page import ImportPage
from jinsha_desktop.gui.pages.ledgers.ledger_page import LedgerPage


class LedgersModule(QTabWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledgers = LedgerPage(gui, self)
        self.imports = ImportPage(gui, self)
        self.addTab(self.ledgers, self.tr("Paper ledgers"))
        if self.imports.offered:  # only the importers the user may run; none: no tab
            self.addTab(self.imports, self.tr("Import from Excel"))
        else:
            self.imports.hide()
