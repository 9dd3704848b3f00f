"""The departments that lead or help with rectifications (城管中队, 环卫所… the "1+1+N"), in
Administration: reference data like the parts catalogue."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.reference_dialogs import ReferenceDialog
from jinsha_desktop.gui.generated.ui_department_dialog import Ui_DepartmentDialog
from jinsha_desktop.gui.lists.columns import Column
from jinsha_desktop.gui.lists.record_list import RecordListPanel
from jinsha_desktop.gui.pages.admin.reference_page import wire_panel
from jinsha_desktop.services.checklists import DEPARTMENTS, list_departments, save_department


class DepartmentDialog(ReferenceDialog):
    ui_class = Ui_DepartmentDialog
    fields = ["name", "sort_order", "note"]
    draft_kind = "department"

    def values_of(self, record: Any) -> dict[str, Any]:
        return {"name": record.name, "sort_order": str(record.sort_order), "note": record.note}

    def submit(self, values: dict[str, Any]) -> None:
        save_department(
            self.gui.services,
            self.record_id,
            values["name"],
            values["sort_order"],
            values["note"],
            self.version,
        )


class DepartmentsPage(RecordListPanel):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Departments"),
            [
                Column("name", self.tr("Department"), 180),
                Column("sort_order", self.tr("Order"), 60, align_right=True),
                Column("note", self.tr("Note"), 260),
            ],
            parent,
        )
        self.gui = gui
        self.form.table.setToolTip(
            self.tr("The departments that lead or help with rectifications (1+1+N).")
        )
        self.name_buttons(
            self.tr("New dep&artment…"),
            self.tr("Edit departme&nt…"),
            self.tr("Delete department"),
            self.tr("Export list…"),
        )
        self.enable_export(gui)
        wire_panel(self, gui, self, self._dialog, DEPARTMENTS, self.refresh)
        user = gui.services.user
        self.set_editable(user is not None and user.can(Permission.MANAGE_REFERENCE_DATA))
        self.refresh()

    def _dialog(self, row: Any = None) -> QDialog:
        return DepartmentDialog(self.gui, self, row)

    def refresh(self) -> None:
        try:
            self.set_rows(list_departments(self.gui.services))
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Departments"), error.message)

    def editor_for_draft(self, kind: str, key: str) -> QDialog | None:
        """The editor of a department's draft (None: not a department's, or it is gone)."""
        if kind != "department":
            return None
        record = None
        if key != "new":
            record = next((r for r in self.all_rows() if str(r.id) == key), None)
            if record is None:
                return None
        return DepartmentDialog(self.gui, self, record)
