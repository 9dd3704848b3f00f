"""Health monitoring: today's list (no check yet today, overdue first), all cases, checks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.fields import always_on
from jinsha_desktop.domain.monitoring import MONITORING, CaseStatus
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.text import label_of
from jinsha_desktop.domain.visit import TestResult
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.monitoring_dialogs import CaseDialog, CheckDialog, StatusDialog
from jinsha_desktop.gui.lists.columns import Column, columns_of
from jinsha_desktop.gui.lists.record_list import RecordListPanel
from jinsha_desktop.services import monitoring


def _day(value: Any) -> str:
    return value.strftime("%Y-%m-%d") if value is not None else ""


class MonitoringPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        case_columns = columns_of(MONITORING.shown("list", always_on))
        self.today = RecordListPanel(
            self.tr("Not checked today (overdue first)"), case_columns, self, editable=False
        )
        self.all_cases = RecordListPanel(
            self.tr("All monitoring cases"), case_columns, self, editable=False
        )
        self.checks = RecordListPanel(
            self.tr("Checks of the selected case"),
            [
                Column("check_date", self.tr("Date"), 100, formatter=_day),
                Column("temperature", self.tr("Temperature"), 90, align_right=True),
                Column("symptoms", self.tr("Symptoms"), 200),
                Column(
                    "test_result",
                    self.tr("Test result"),
                    90,
                    formatter=lambda r: label_of(TestResult, r),
                ),
                Column("note", self.tr("Note"), 200),
            ],
            self,
            editable=False,
        )
        for panel in (self.today, self.all_cases, self.checks):
            panel.enable_export(gui)
        self.checks.form.export_button.setText(self.tr("Export chec&ks…"))
        self.check_button = QPushButton(self.tr("Record &check…"), self)
        self.status_button = QPushButton(self.tr("Change s&tatus…"), self)
        self.new_button = QPushButton(self.tr("Start &monitoring…"), self)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        user = gui.services.user
        self.may_follow_up = user is not None and user.can(Permission.MONITOR_HEALTH)
        """Starting cases and recording checks is the clerk's (the services refuse others)."""
        actions = QHBoxLayout()
        for button in (self.new_button, self.check_button, self.status_button):
            actions.addWidget(button)
            button.setVisible(self.may_follow_up)
        actions.addWidget(self.notice, 1)
        tabs = QTabWidget(self)
        tabs.addTab(self.today, self.tr("Today"))
        tabs.addTab(self.all_cases, self.tr("All cases"))
        self.tabs = tabs
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(tabs)
        split.addWidget(self.checks)
        split.setSizes([450, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(split)
        self.check_button.clicked.connect(self.record_check)
        self.status_button.clicked.connect(self.change_status)
        self.new_button.clicked.connect(self.start_case)
        self.today.edit_requested.connect(lambda _row: self.record_check())
        for panel in (self.today, self.all_cases):
            panel.current_changed.connect(self._show_checks)
        self.refresh()

    def current_case(self) -> monitoring.CaseRow | None:
        panel = self.today if self.tabs.currentWidget() is self.today else self.all_cases
        return panel.current_row()  # type: ignore[no-any-return]

    def _open(self, dialog: QDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def record_check(self) -> None:
        if not self.may_follow_up:  # a double click on the list of a role that only reads
            return
        case = self.current_case()
        if case is None:
            self.gui.prompts.info(
                self, self.tr("Health monitoring"), self.tr("Select a person in the list first.")
            )
            return
        self._open(CheckDialog(self.gui, self, case))

    def change_status(self) -> None:
        case = self.current_case()
        if case is not None and case.status is CaseStatus.MONITORING:
            self._open(StatusDialog(self.gui, self, case))

    def start_case(self) -> None:
        self._open(CaseDialog(self.gui, self))

    def _show_checks(self, case: Any) -> None:
        if case is None:
            self.checks.set_rows([])
            return
        self.checks.set_rows(monitoring.checks_of(self.gui.services, case.id))

    def refresh(self) -> None:
        try:
            self.today.set_rows(monitoring.today_list(self.gui.services))
            self.all_cases.set_rows(monitoring.cases(self.gui.services))
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Health monitoring"), error.message)
            return
        releasable = [c for c in self.all_cases.all_rows() if c.can_release]
        names = "、".join(c.person_name for c in releasable[:10])
        self.notice.setText(
            self.tr("Period ended without a flag, can be released: %s") % names if names else ""
        )

    def showEvent(self, event: Any) -> None:
        self.refresh()
        super().showEvent(event)

    def restore_draft(self, kind: str, key: str, values: dict[str, Any]) -> bool:
        """Reopen a half-typed case or check after a crash."""
        dialog: CaseDialog | CheckDialog
        if kind == "case":
            dialog = CaseDialog(self.gui, self)
        else:
            case = next((c for c in self.all_cases.all_rows() if str(c.id) == key), None)
            if case is None or case.status is not CaseStatus.MONITORING:
                return False
            dialog = CheckDialog(self.gui, self, case)
        dialog.restore(values)
        self._open(dialog)
        return True
