"""The risk-area list, kept by the administrator from official notices."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.registration_admin_dialogs import (
    RegistrationSettingsDialog,
    RiskAreaDialog,
)
from jinsha_desktop.gui.lists.columns import Column
from jinsha_desktop.gui.lists.record_list import RecordListPanel
from jinsha_desktop.services import risk_areas


def _day(value: Any) -> str:
    return value.strftime("%Y-%m-%d") if value is not None else "长期"


class RiskAreasPage(RecordListPanel):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        self.gui = gui
        super().__init__(
            self.tr("Medium and high risk areas"),
            [
                Column("name", self.tr("Area"), 260),
                Column("level", self.tr("Level"), 80, formatter=lambda level: level.label),
                Column("effective_from", self.tr("From"), 100, formatter=_day),
                Column("effective_to", self.tr("Until"), 100, formatter=_day),
                Column("note", self.tr("Note"), 200),
            ],
            parent,
        )
        self.enable_export(gui)
        user = gui.services.user
        self.set_editable(user is not None and user.can(Permission.MANAGE_REFERENCE_DATA))
        self.settings_button = QPushButton(self.tr("Re&gistration settings…"), self)
        self.settings_button.setVisible(user is not None and user.can(Permission.CHANGE_SETTINGS))
        self.form.toolbar.addWidget(self.settings_button)
        self.add_requested.connect(lambda: self._open(RiskAreaDialog(gui, self)))
        self.edit_requested.connect(lambda row: self._open(RiskAreaDialog(gui, self, row)))
        self.delete_requested.connect(self._delete)
        self.settings_button.clicked.connect(lambda: RegistrationSettingsDialog(gui, self).exec())
        self.refresh()

    def _open(self, dialog: QDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def _delete(self, row: Any) -> None:
        if not self.gui.prompts.confirm(
            self,
            self.tr("Delete"),
            self.tr("Delete the risk area “%s”?") % row.name,
            self.tr("Delete"),
        ):
            return
        try:
            risk_areas.delete_risk_area(self.gui.services, row.id, row.version)
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Cannot delete"), error.message)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.set_rows(risk_areas.list_risk_areas(self.gui.services))
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Risk areas"), error.message)

    def restore_draft(self, key: str, values: dict[str, Any]) -> bool:
        record = next((r for r in self.all_rows() if str(r.id) == key), None)
        if key != "new" and record is None:
            return False
        dialog = RiskAreaDialog(self.gui, self, record)
        dialog.restore(values)
        self._open(dialog)
        return True
