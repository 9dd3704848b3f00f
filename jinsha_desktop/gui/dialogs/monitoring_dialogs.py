"""Dialogs of health monitoring: start a case, record a day's check, change the status."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.id_numbers import DocumentType
from jinsha_desktop.domain.monitoring import CaseStatus
from jinsha_desktop.domain.visit import TestResult
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.record_dialog import RecordDialog
from jinsha_desktop.gui.generated.ui_case_dialog import Ui_CaseDialog
from jinsha_desktop.gui.generated.ui_check_dialog import Ui_CheckDialog
from jinsha_desktop.gui.generated.ui_status_dialog import Ui_StatusDialog
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.services import monitoring, registration


class CheckDialog(RecordDialog):
    """One day's check of a monitored person."""

    ui_class = Ui_CheckDialog
    fields = ["check_date", "temperature", "symptoms", "test_result", "note"]
    draft_kind = "check"

    def __init__(self, gui: GuiContext, parent: QWidget | None, case: monitoring.CaseRow):
        self.case = case
        super().__init__(gui, parent, str(case.id))
        today = registration.today_of(gui.services)
        self.form.person_name.setText(case.person_name)
        self.form.check_date.setDate(min(today, case.end_date))
        if today > case.end_date:
            # Only the period's own days can still be checked (the service refuses the rest).
            self.form.check_date.setMaximumDate(case.end_date)
            self.form.form_error.setText(
                self.tr(
                    "The monitoring period ended on %1: only a check of a day up to then can "
                    "be recorded. Release the person or change the status instead."
                ).replace("%1", case.end_date.isoformat())
            )
            self.form.form_error.show()

    def prepare(self) -> None:
        self.form.test_result.addItem(self.tr("Not tested"), "")
        for result in TestResult:
            self.form.test_result.addItem(shown(result.label), result.value)

    def submit(self, values: dict[str, Any]) -> None:
        monitoring.add_check(
            self.gui.services,
            self.case.id,
            monitoring.CheckInput(
                values["check_date"],
                values["temperature"],
                values["symptoms"],
                values["test_result"],
                values["note"],
            ),
        )


class StatusDialog(RecordDialog):
    """Release, transfer, or mark lost contact, with an explanation kept in the history."""

    ui_class = Ui_StatusDialog
    fields = ["status", "note"]

    def __init__(self, gui: GuiContext, parent: QWidget | None, case: monitoring.CaseRow):
        self.case = case
        super().__init__(gui, parent)
        self.form.person_name.setText(case.person_name)
        if case.can_release:
            self.binder.set_value("status", CaseStatus.RELEASED.value)

    def prepare(self) -> None:
        for status in CaseStatus:
            if status is not CaseStatus.MONITORING:
                self.form.status.addItem(shown(status.label), status.value)

    def submit(self, values: dict[str, Any]) -> None:
        monitoring.change_status(
            self.gui.services,
            self.case.id,
            CaseStatus(values["status"]),
            values["note"],
            self.case.version,
        )


class CaseDialog(RecordDialog):
    """Start monitoring a person found by document number (or handed over by registration)."""

    ui_class = Ui_CaseDialog
    fields = [
        "document_type",
        "document_number",
        "reason",
        "start_date",
        "days",
        "responsible",
        "note",
    ]
    draft_kind = "case"

    def __init__(self, gui: GuiContext, parent: QWidget | None) -> None:
        super().__init__(gui, parent)
        self.form.start_date.setDate(registration.today_of(gui.services))
        self.form.document_number.textChanged.connect(self._look_up)

    def prepare(self) -> None:
        for kind in DocumentType:
            self.form.document_type.addItem(shown(kind.label), kind.value)

    def _look_up(self) -> None:
        values = self.binder.values()
        if len(values["document_number"].strip()) < 5:
            self.form.person_name.clear()
            return
        card = registration.lookup_person(
            self.gui.services, values["document_type"], values["document_number"]
        )
        self.form.person_name.setText(card.name if card is not None else "")

    def submit(self, values: dict[str, Any]) -> None:
        card = registration.lookup_person(
            self.gui.services, values["document_type"], values["document_number"]
        )
        if card is None:
            raise ValidationError(
                self.tr("No person is registered with this document number."), "document_number"
            )
        start: date = values["start_date"]
        monitoring.open_case(
            self.gui.services,
            monitoring.CaseInput(
                card.person_id,
                values["reason"],
                start,
                values["days"],
                "manual",
                values["responsible"],
                None,
                values["note"],
            ),
        )
