"""User accounts: the administrator creates users, sets roles, resets passwords, disables."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.user_dialogs import PasswordDialog, UserDialog
from jinsha_desktop.gui.lists.columns import Column, show_text
from jinsha_desktop.gui.lists.record_list import RecordListPanel
from jinsha_desktop.services import auth


class UsersPage(RecordListPanel):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        self.gui = gui
        super().__init__(
            self.tr("User accounts"),
            [
                Column("username", self.tr("User name"), 120),
                Column("display_name", self.tr("Full name"), 120),
                Column("role", self.tr("Role"), 150, formatter=lambda role: role.label),
                Column("unit_name", self.tr("Village or community"), 110),
                Column(
                    "is_active",
                    self.tr("Status"),
                    80,
                    formatter=lambda active: self.tr("Active") if active else self.tr("Disabled"),
                ),
                Column(
                    "locked_until",
                    self.tr("Locked until"),
                    150,
                    formatter=lambda when: self._lock_text(when),
                ),
                Column("last_login_at", self.tr("Last login"), 160, formatter=show_text),
            ],
            parent,
        )
        self.enable_export(gui)
        self.form.delete_button.hide()
        self.reset_button = QPushButton(self.tr("&Reset password…"), self)
        self.toggle_button = QPushButton(self.tr("Disa&ble"), self)
        self.form.toolbar.addWidget(self.reset_button)
        self.form.toolbar.addWidget(self.toggle_button)
        self.add_requested.connect(lambda: self._open(UserDialog(gui, self)))
        self.edit_requested.connect(lambda row: self._open(UserDialog(gui, self, row)))
        self.reset_button.clicked.connect(self._reset)
        self.toggle_button.clicked.connect(self._toggle)
        self.current_changed.connect(self._update_toggle)
        self.refresh()

    def _lock_text(self, when: Any) -> str:
        if when is None or when <= self.gui.services.clock.now():
            return ""
        return show_text(when)

    def _open(self, dialog: QDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def _reset(self) -> None:
        row = self.current_row()
        if row is not None:
            self._open(PasswordDialog(self.gui, self, reset_user=row))

    def _toggle(self) -> None:
        row = self.current_row()
        if row is None:
            return
        try:
            auth.set_active(self.gui.services, row.id, not row.is_active)
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("User accounts"), error.message)
        self.refresh()

    def _update_toggle(self, row: Any) -> None:
        self.toggle_button.setText(
            self.tr("Disa&ble") if row is None or row.is_active else self.tr("Ena&ble")
        )

    def refresh(self) -> None:
        try:
            self.set_rows(auth.list_users(self.gui.services))
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("User accounts"), error.message)
        self._update_toggle(self.current_row())
