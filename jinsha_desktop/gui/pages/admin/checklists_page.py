"""The checklist templates in Administration: everyone who reads inspections sees them (name,
version, whether it is in use, items, inspections); the administrator adds, edits and deletes
them in the checklist editor (gui/dialogs/checklist_dialog.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.checklist_dialog import ChecklistDialog
from jinsha_desktop.gui.lists.columns import Column
from jinsha_desktop.gui.lists.record_list import RecordListPanel
from jinsha_desktop.services.checklists import TemplateRow, delete_template, list_templates


class ChecklistsPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.panel = RecordListPanel(
            self.tr("Checklists"),
            [
                Column("name", self.tr("Checklist"), 220),
                Column("current_number", self.tr("Version"), 70, formatter=self._version),
                Column("frozen", self.tr("In use"), 70, formatter=self._in_use),
                Column("items", self.tr("Items"), 60, align_right=True),
                Column("inspections", self.tr("Inspections"), 80, align_right=True),
            ],
        )
        # Own Alt keys: the departments' list shares the tab.
        self.panel.name_buttons(
            self.tr("New chec&klist…"),
            self.tr("Edit checkl&ist…"),
            self.tr("Delete checklist"),
            self.tr("Export checklists…"),
        )
        self.panel.enable_export(gui)
        self.hint = QLabel(
            self.tr(
                "A checklist used by inspections is frozen: editing it makes a new version, "
                "and past inspections and printouts keep the version they were scored on."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        layout.addWidget(self.hint)
        user = gui.services.user
        self.panel.set_editable(user is not None and user.can(Permission.MANAGE_REFERENCE_DATA))
        self.panel.add_requested.connect(lambda: self.open_editor(None))
        self.panel.edit_requested.connect(self.open_editor)
        self.panel.delete_requested.connect(self.delete)
        self.refresh()

    def _version(self, number: int) -> str:
        return self.tr("Version %1").replace("%1", str(number))

    def _in_use(self, frozen: bool) -> str:
        return self.tr("in use") if frozen else ""

    def editor_for_draft(self, kind: str, key: str) -> QDialog | None:
        """The editor a checklist's draft belongs to (None: not one, or the checklist is gone)."""
        if kind != "checklist":
            return None
        row = None
        if key != "new":
            row = next((r for r in self.rows() if str(r.id) == key), None)
            if row is None:
                return None
        return ChecklistDialog(self.gui, self, row)

    def open_editor(self, row: TemplateRow | None) -> ChecklistDialog | None:
        """The editor of `row` (None: a new checklist), shown modally; the list follows."""
        try:
            dialog = ChecklistDialog(self.gui, self, row)
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Checklists"), error.message)
            self.refresh()
            return None
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.panel.select_where(lambda each: each.id == dialog.saved_id)
        return dialog

    def delete(self, row: TemplateRow) -> None:
        reason = self.gui.prompts.ask_text(
            self,
            self.tr("Delete checklist"),
            self.tr(
                "Delete “%1”? New inspections can no longer use it; the inspections made on it "
                "keep their items and scores. Why is it deleted?"
            ).replace("%1", row.name),
        )
        if reason is None:
            return
        try:
            delete_template(self.gui.services, row.id, reason)
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Cannot delete"), error.message)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.panel.set_rows(list_templates(self.gui.services))
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Checklists"), error.message)

    def rows(self) -> list[Any]:
        return self.panel.all_rows()
