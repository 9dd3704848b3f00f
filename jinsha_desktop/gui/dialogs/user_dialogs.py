"""Account editors: a user (administrator), a password reset, one's own password."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.record_dialog import RecordDialog
from jinsha_desktop.gui.generated.ui_password_dialog import Ui_PasswordDialog
from jinsha_desktop.gui.generated.ui_user_dialog import Ui_UserDialog
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.services import auth, reference


class UserDialog(RecordDialog):
    """A new account (with its first password) or an existing one (name and role only)."""

    ui_class = Ui_UserDialog
    fields = ["username", "display_name", "role", "unit_id", "password", "password_repeat"]
    # No drafts: the form holds a password.

    def __init__(self, gui: GuiContext, parent: QWidget | None, user: auth.UserRow | None = None):
        self.user = user
        super().__init__(gui, parent)
        if user is not None:
            self.binder.set_values(
                {
                    "username": user.username,
                    "display_name": user.display_name,
                    "role": user.role.value,
                    "unit_id": str(user.unit_id) if user.unit_id else "",
                }
            )
            for name in ("password", "password_repeat"):
                self.binder.widget(name).hide()
                getattr(self.form, f"{name}_label").hide()
            self.fields = ["username", "display_name", "role", "unit_id"]
            self.binder.fields = self.fields

    def prepare(self) -> None:
        for role in Role:
            self.form.role.addItem(shown(role.label), role.value)
        self.form.role.setCurrentIndex(self.form.role.findData(Role.CHECKPOINT.value))
        # A clerk of a village or community records rectifications for that unit only.
        self.form.unit_id.addItem(self.tr("— whole sub-district —"), "")
        for unit in reference.list_units(self.gui.services):
            self.form.unit_id.addItem(unit.name, str(unit.id))

    def submit(self, values: dict[str, Any]) -> None:
        unit = values["unit_id"]
        data = auth.UserInput(
            values["username"],
            values["display_name"],
            values["role"],
            uuid.UUID(unit) if unit else None,
        )
        if self.user is None:
            if values["password"] != values["password_repeat"]:
                raise ValidationError(self.tr("The two passwords differ."), "password_repeat")
            auth.create_user(self.gui.services, data, values["password"])
        else:
            auth.update_user(self.gui.services, self.user.id, data, self.user.version)


class PasswordDialog(RecordDialog):
    """Change one's own password, or (with `reset_user`) set a temporary one as administrator."""

    ui_class = Ui_PasswordDialog
    fields = ["old_password", "new_password", "repeat_password"]

    def __init__(
        self,
        gui: GuiContext,
        parent: QWidget | None,
        reset_user: auth.UserRow | None = None,
        forced: bool = False,
    ) -> None:
        self.reset_user = reset_user
        super().__init__(gui, parent)
        if reset_user is not None:
            self.setWindowTitle(self.tr("Reset password of %s") % reset_user.display_name)
            self.form.intro.setText(
                self.tr(
                    "The user must choose a new password at the next login. Resetting also unlocks "
                    "a locked account."
                )
            )
            self.form.old_password.hide()
            self.form.old_password_label.hide()
            self.fields = ["new_password", "repeat_password"]
            self.binder.fields = self.fields
        elif forced:
            self.form.intro.setText(
                self.tr(
                    "Your password was set by the administrator. Please choose your own password "
                    "of at least 8 characters now."
                )
            )

    def submit(self, values: dict[str, Any]) -> None:
        if self.reset_user is not None:
            if values["new_password"] != values["repeat_password"]:
                raise ValidationError(self.tr("The two passwords differ."), "repeat_password")
            auth.reset_password(self.gui.services, self.reset_user.id, values["new_password"])
        else:
            auth.change_own_password(
                self.gui.services,
                values["old_password"],
                values["new_password"],
                values["repeat_password"],
            )
