"""The repairs catalogue in Administration: the parts (with their unit prices) and the clean-up
categories. Everyone who reads repairs sees them; the administrator edits them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QSplitter, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.repair_catalogue_dialogs import CleanupCategoryDialog, PartDialog
from jinsha_desktop.gui.lists.columns import Column
from jinsha_desktop.gui.lists.record_list import RecordListPanel
from jinsha_desktop.gui.pages.admin.reference_page import wire_panel
from jinsha_desktop.services.repair_catalogue import (
    CLEANUP_CATEGORIES,
    PARTS,
    list_cleanup_categories,
    list_parts,
)


class RepairCataloguePage(QSplitter):
    """Parts above, clean-up categories below."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.gui = gui
        self.parts = RecordListPanel(
            self.tr("Parts"),
            [
                Column("name", self.tr("Part"), 160),
                Column("kind_label", self.tr("Counted as"), 100),
                Column("unit", self.tr("Unit"), 60),
                Column(
                    "unit_price",
                    self.tr("Unit price (yuan)"),
                    110,
                    formatter=lambda price: f"{price:.2f}",
                    align_right=True,
                ),
                Column("note", self.tr("Note"), 200),
            ],
        )
        self.parts.form.table.setToolTip(
            self.tr(
                "A new price applies to parts used from now on; parts already used keep theirs."
            )
        )
        self.categories = RecordListPanel(
            self.tr("Clean-up categories"),
            [
                Column("name", self.tr("Category"), 160),
                Column("unit", self.tr("Unit"), 60),
                Column("note", self.tr("Note"), 200),
            ],
        )
        # Own button texts and Alt keys: both lists are on one page.
        self.categories.name_buttons(
            self.tr("New categor&y…"),
            self.tr("Edit ca&tegory…"),
            self.tr("Delete cate&gory"),
            self.tr("Export categor&ies…"),
        )
        for panel in (self.parts, self.categories):
            self.addWidget(panel)
            panel.enable_export(gui)
        self.setSizes([350, 250])
        wire_panel(self, gui, self.parts, self._part_dialog, PARTS, self.refresh)
        wire_panel(
            self, gui, self.categories, self._category_dialog, CLEANUP_CATEGORIES, self.refresh
        )
        user = gui.services.user
        editable = user is not None and user.can(Permission.MANAGE_REFERENCE_DATA)
        for panel in (self.parts, self.categories):
            panel.set_editable(editable)
        self.refresh()

    def _part_dialog(self, row: Any = None) -> QDialog:
        return PartDialog(self.gui, self, row)

    def _category_dialog(self, row: Any = None) -> QDialog:
        return CleanupCategoryDialog(self.gui, self, row)

    def refresh(self) -> None:
        try:
            self.parts.set_rows(list_parts(self.gui.services))
            self.categories.set_rows(list_cleanup_categories(self.gui.services))
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Repairs catalogue"), error.message)

    def editor_for_draft(self, kind: str, key: str) -> QDialog | None:
        """The editor of a draft of a part or a category (None: not one of these, or gone)."""
        panels = {
            "part": (self.parts, PartDialog),
            "cleanup_category": (self.categories, CleanupCategoryDialog),
        }
        if kind not in panels:
            return None
        panel, dialog = panels[kind]
        record = None
        if key != "new":
            record = next((r for r in panel.all_rows() if str(r.id) == key), None)
            if record is None:
                return None
        return dialog(self.gui, self, record)
