"""Settings: unit name and ledger fonts (in the database), interface size, language, database
(this machine)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from jinsha_desktop.config import LANGUAGES
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.file_dialogs import FileKind
from jinsha_desktop.gui.forms.record_dialog import RecordDialog
from jinsha_desktop.gui.generated.ui_settings_dialog import Ui_SettingsDialog
from jinsha_desktop.gui.look import apply_interface_scale
from jinsha_desktop.services import settings


class SettingsDialog(RecordDialog):
    ui_class = Ui_SettingsDialog
    fields = ["unit_name", "ledger_fonts", "interface_scale", "language", "database"]

    def __init__(self, gui: GuiContext, parent: QWidget | None, installation_name: str) -> None:
        super().__init__(gui, parent)
        config = gui.config
        self.binder.set_values(
            {
                "unit_name": settings.unit_name(gui.services),
                "ledger_fonts": settings.ledger_fonts(gui.services),
                "interface_scale": config.interface_scale,
                "language": config.language,
                "database": config.database or gui.opened.database.describe(),
            }
        )
        self.form.installation_name.setText(installation_name)
        user = gui.services.user
        may_change = user is not None and user.can(Permission.CHANGE_SETTINGS)
        self.form.unit_name.setEnabled(may_change)
        self.form.ledger_fonts.setEnabled(may_change)
        self.form.browse_database.clicked.connect(self._browse)
        self._new_scale: str | None = None

    def prepare(self) -> None:
        for key, label in (
            ("normal", self.tr("Normal")),
            ("large", self.tr("Large")),
            ("xlarge", self.tr("Extra large")),
        ):
            self.form.interface_scale.addItem(label, key)
        for key, label in LANGUAGES.items():
            self.form.language.addItem(label, key)

    def _browse(self) -> None:
        path = self.gui.prompts.open_file(
            self,
            self.tr("Choose the database file"),
            self.form.database.text(),
            self.tr("Jinsha Ledger database (*.sqlite3 *.db);;All files (*)"),
            must_exist=False,
            kind=FileKind.DATABASE,
        )
        if path is not None:
            self.form.database.setText(str(path))

    def done(self, result: int) -> None:
        # The new size applies once this dialog is closed: resized while on screen it was drawn
        # over itself (old and new layout at once) until the next repaint.
        super().done(result)
        scale, self._new_scale = self._new_scale, None
        if result == QDialog.DialogCode.Accepted and scale is not None:
            apply_interface_scale(
                QApplication.instance(),  # type: ignore[arg-type]
                self.gui.cjk_families,
                scale,
            )

    def submit(self, values: dict[str, Any]) -> None:
        if self.form.unit_name.isEnabled():
            settings.set_unit_name(self.gui.services, values["unit_name"])
            settings.set_ledger_fonts(self.gui.services, values["ledger_fonts"])
        config = self.gui.config
        restart = values["language"] != config.language or values["database"].strip() != (
            config.database or self.gui.opened.database.describe()
        )
        config.interface_scale = values["interface_scale"]
        config.language = values["language"]
        if values["database"].strip() != self.gui.opened.database.describe():
            config.database = values["database"].strip()
        self.gui.save_config()
        self._new_scale = config.interface_scale
        if restart:
            self.gui.prompts.info(
                self,
                self.tr("Settings"),
                self.tr("The new language or database is used from the next start of the program."),
            )
