"""Administration of the registration module: risk areas and the module's settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.risk import RiskAreaInput, RiskLevel
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.record_dialog import RecordDialog
from jinsha_desktop.gui.generated.ui_registration_settings_dialog import (
    Ui_RegistrationSettingsDialog,
)
from jinsha_desktop.gui.generated.ui_risk_area_dialog import Ui_RiskAreaDialog
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.services import registration, risk_areas
from jinsha_desktop.services.registration_settings import (
    EPIDEMIC_FIELDS,
    REQUIRABLE_FIELDS,
    registration_settings,
    save_registration_settings,
)

DAY_FIELDS = ("high", "medium", "health_code", "travel_star", "fever", "manual")


class RiskAreaDialog(RecordDialog):
    ui_class = Ui_RiskAreaDialog
    fields = ["name", "level", "effective_from", "effective_to", "note"]
    draft_kind = "risk_area"

    def __init__(
        self, gui: GuiContext, parent: QWidget | None, record: risk_areas.RiskAreaRow | None = None
    ) -> None:
        self.record = record
        super().__init__(gui, parent, str(record.id) if record else "new")
        today = registration.today_of(gui.services)
        self.form.effective_from.setDate(today)
        # The lowest date shows as "until further notice" (no end date).
        self.form.effective_to.setMinimumDate(QDate(2000, 1, 1))
        self.form.effective_to.setSpecialValueText(self.tr("until further notice"))
        self.form.effective_to.setDate(QDate(2000, 1, 1))
        if record is not None:
            self.binder.set_values(
                {
                    "name": record.name,
                    "level": record.level.value,
                    "effective_from": record.effective_from,
                    "effective_to": record.effective_to,
                    "note": record.note,
                }
            )

    def prepare(self) -> None:
        for level in RiskLevel:
            self.form.level.addItem(shown(level.label), level.value)

    def submit(self, values: dict[str, Any]) -> None:
        data = RiskAreaInput(
            values["name"], values["level"], values["effective_from"], values["effective_to"]
        )
        risk_areas.save_risk_area(
            self.gui.services,
            data,
            values["note"],
            self.record.id if self.record else None,
            self.record.version if self.record else None,
        )


class RegistrationSettingsDialog(RecordDialog):
    """Which epidemic fields the checkpoint uses, the duplicate window, monitoring lengths,
    and which fields a registration must have (the duty's)."""

    ui_class = Ui_RegistrationSettingsDialog
    fields = [
        *EPIDEMIC_FIELDS,
        "duplicate_window_minutes",
        *(f"days_{k}" for k in DAY_FIELDS),
        *(f"required_{k}" for k in REQUIRABLE_FIELDS),
    ]

    def __init__(self, gui: GuiContext, parent: QWidget | None) -> None:
        super().__init__(gui, parent)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 95)
        self.settings = registration_settings(gui.services)
        values: dict[str, Any] = {name: getattr(self.settings, name) for name in EPIDEMIC_FIELDS}
        values["duplicate_window_minutes"] = self.settings.duplicate_window_minutes
        for key in DAY_FIELDS:
            values[f"days_{key}"] = self.settings.monitoring_days.get(key, 7)
        for key in REQUIRABLE_FIELDS:
            values[f"required_{key}"] = key in self.settings.required
        self.binder.set_values(values)

    def submit(self, values: dict[str, Any]) -> None:
        settings = self.settings
        for name in EPIDEMIC_FIELDS:
            setattr(settings, name, bool(values[name]))
        settings.duplicate_window_minutes = values["duplicate_window_minutes"] or 0
        for key in DAY_FIELDS:
            settings.monitoring_days[key] = values[f"days_{key}"] or 1
        settings.required = [key for key in REQUIRABLE_FIELDS if values[f"required_{key}"]]
        save_registration_settings(self.gui.services, settings)
