"""The audit log for administrators: filter, read the changes, verify the hash chain."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import QHeaderView, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.generated.ui_audit_page import Ui_AuditPage
from jinsha_desktop.gui.jobs import run_job
from jinsha_desktop.gui.lists.columns import (
    Column,
    RowsTableModel,
    fit_columns,
    refit_after_font_change,
    show_text,
)
from jinsha_desktop.gui.lists.exporting import ListExport
from jinsha_desktop.gui.look import ERROR_STYLE
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.qdates import python_date
from jinsha_desktop.gui.workers import Job
from jinsha_desktop.services.audit import (
    ACTION_LABELS,
    AuditFilter,
    check_audit_log,
    list_audit_entries,
)

TABLE_LABELS = {
    "app_user": "用户",
    "unit": "社区/村",
    "compound": "小区",
    "building": "楼栋",
    "checkpoint": "卡点",
    "setting": "设置",
    "installation": "安装",
}


class AuditPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.form = Ui_AuditPage()
        self.form.setupUi(self)
        self.model = RowsTableModel(
            [
                Column("at", self.tr("Time"), 160, formatter=show_text),
                Column("username", self.tr("User"), 90),
                Column("installation", self.tr("Installation"), 150),
                Column(
                    "action", self.tr("Action"), 90, formatter=lambda a: ACTION_LABELS.get(a, a)
                ),
                Column(
                    "table_name", self.tr("Table"), 80, formatter=lambda t: TABLE_LABELS.get(t, t)
                ),
                Column("summary", self.tr("Summary"), 260, formatter=lambda s: s),
            ],
            self,
        )
        self.form.table.setModel(self.model)
        self.form.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.form.table.horizontalHeader().setStretchLastSection(True)
        today = QDate.currentDate()
        self.form.since.setDate(today.addDays(-30))
        self.form.until.setDate(today)
        self.form.action.addItem(self.tr("All actions"), "")
        for key, label in ACTION_LABELS.items():
            self.form.action.addItem(shown(label), key)
        self.form.splitter.setSizes([500, 140])
        self.form.username.returnPressed.connect(self.refresh)
        self.form.text.returnPressed.connect(self.refresh)
        self.form.search_button.clicked.connect(self.refresh)
        self.form.verify_button.clicked.connect(self.verify)
        self.exporter = ListExport(self, gui)
        self.form.export_button.clicked.connect(
            lambda: self.exporter.start_shown(
                self.tr("Audit log"), self.model.columns, self.model.rows()
            )
        )
        self.form.table.selectionModel().currentRowChanged.connect(self._show_details)
        self._job: Job | None = None
        self.refresh()

    def current_filter(self) -> AuditFilter:
        local = datetime.now().astimezone().tzinfo

        def day(d: QDate, extra: int = 0) -> datetime:
            value = datetime.combine(python_date(d), time(), tzinfo=local)
            return value + timedelta(days=extra)

        return AuditFilter(
            since=day(self.form.since.date()),
            until=day(self.form.until.date(), 1),
            username=self.form.username.text().strip(),
            action=self.form.action.currentData(),
            text=self.form.text.text().strip(),
        )

    def refresh(self) -> None:
        try:
            rows = list_audit_entries(self.gui.services, self.current_filter())
        except KnownError as error:
            self.form.status.setText(shown(error.message))
            return
        self.model.set_rows(rows)
        fit_columns(self.form.table, self.model.columns)
        self.form.status.setText(self.tr("%n entries (newest first, at most 500).", "", len(rows)))

    def _show_details(self, current: Any, _previous: Any) -> None:
        if not current.isValid():
            self.form.details.clear()
            return
        row = self.model.row_at(current.row())
        lines = [
            f"{show_text(row.at)}  {row.username}  "
            f"{shown(ACTION_LABELS.get(row.action, row.action))}",
            f"{shown(TABLE_LABELS.get(row.table_name, row.table_name))} {row.record_id}",
            row.summary,
        ]
        for field, (old, new) in sorted(row.changes.items()):
            lines.append(
                f"  {field}: {json.dumps(old, ensure_ascii=False)} → "
                f"{json.dumps(new, ensure_ascii=False)}"
            )
        self.form.details.setPlainText("\n".join(line for line in lines if line.strip()))

    def verify(self) -> None:
        self.form.verify_button.setEnabled(False)
        self.form.status.setText(self.tr("Verifying the audit chain…"))

        self._job = run_job(
            check_audit_log,
            self.gui.services,
            parent=self,
            prompts=self.gui.prompts,
            title=self.tr("Audit log"),
            on_done=self._verified,
            on_end=lambda: self.form.verify_button.setEnabled(True),
            on_known_error=lambda error: self.form.status.setText(shown(error.message)),
        )

    def _verified(self, report: Any) -> None:
        if report.ok:
            self.form.status.setText(
                self.tr(
                    "Audit chain intact: %1 entries and %2 records checked, no change made outside "
                    "the program."
                )
                .replace("%1", str(report.entries_checked))
                .replace("%2", str(report.records_checked))
            )
            return
        problems = report.problems
        self.form.status.setText(self.tr("Audit chain BROKEN:") + "\n" + "\n".join(problems[:10]))
        self.form.status.setStyleSheet(ERROR_STYLE)

    def changeEvent(self, event: QEvent) -> None:
        refit_after_font_change(event, self.form.table, self.model.columns)
        super().changeEvent(event)
