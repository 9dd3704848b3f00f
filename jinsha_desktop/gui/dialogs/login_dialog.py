"""The login window: shown first and at once; the database opens behind it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from jinsha_desktop.gui.forms.enter_walk import EnterWalk
from jinsha_desktop.gui.generated.ui_login_dialog import Ui_LoginDialog
from jinsha_desktop.gui.look import ERROR_STYLE
from jinsha_desktop.gui.messages import shown


class LoginDialog(QDialog):
    """A view only: it asks, the start-up controller checks (gui/app.py)."""

    submitted = Signal(str, str)
    """The user asked to log in with (user name, password)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = Ui_LoginDialog()
        self.form.setupUi(self)
        title_font = self.form.app_title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.8)
        title_font.setBold(True)
        self.form.app_title.setFont(title_font)
        self.form.message.setStyleSheet(ERROR_STYLE)
        self.form.message.hide()
        self.form.hint.hide()
        self.ok_button.setText(self.tr("&Log in"))
        self.form.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("E&xit"))
        self.form.buttons.accepted.connect(self._submit)
        self.form.buttons.rejected.connect(self.reject)
        # Enter moves on to the password and logs in from there (the one Enter walk: Enter on
        # the user name must not also press Log in with an empty password, a failed login).
        EnterWalk(self, [self.form.username, self.form.password], self._submit)
        self.set_ready(False, self.tr("Opening the database…"))

    @property
    def ok_button(self) -> QPushButton:
        return self.form.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def set_ready(self, ready: bool, status: str = "") -> None:
        """Login is possible only once the database is open."""
        self.ok_button.setEnabled(ready)
        if status:
            self.form.hint.setText(status)
            self.form.hint.show()
        elif ready:
            self.form.hint.hide()

    def set_unit(self, unit_name: str) -> None:
        self.form.unit_label.setText(unit_name)

    def show_hint(self, text: str) -> None:
        self.form.hint.setText(text)
        self.form.hint.show()

    def show_error(self, message: str) -> None:
        self.form.message.setText(shown(message))
        self.form.message.show()
        self.form.password.selectAll()
        self.form.password.setFocus()

    def _submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self.form.message.hide()
        if not self.form.username.text().strip():
            self.show_error(self.tr("Please enter your user name."))
            self.form.username.setFocus()
            return
        self.submitted.emit(self.form.username.text(), self.form.password.text())
