"""The repair settings (overdue days, an after photo to check), for users who change settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.record_dialog import RecordDialog
from jinsha_desktop.gui.generated.ui_repair_settings_dialog import Ui_RepairSettingsDialog
from jinsha_desktop.services.repair_settings import (
    RepairSettings,
    repair_settings,
    save_repair_settings,
)


class RepairSettingsDialog(RecordDialog):
    ui_class = Ui_RepairSettingsDialog
    fields = ["overdue_days", "after_photo_required"]

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(gui, parent)
        settings = repair_settings(gui.services)
        self.binder.set_values(
            {
                "overdue_days": settings.overdue_days,
                "after_photo_required": settings.after_photo_required,
            }
        )

    def submit(self, values: dict[str, Any]) -> None:
        settings = RepairSettings(values["overdue_days"], values["after_photo_required"])
        save_repair_settings(self.gui.services, settings)
