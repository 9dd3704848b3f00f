"""Findings and their rectification (问题整改): the list, each unit's open and overdue count,
and the chosen finding's history, with the steps its state allows.

The list pages from the database like every list (search, filters, sort by header); overdue
findings (open past their deadline) show in the colour of what needs attention and, for readers
who do not tell colours apart, say so in their own column. Beside it: the finding chosen, every
step it went through (who, when, what), and the findings per unit; Enter on a unit there lists
that unit's findings. The buttons are the steps: a new patrol or resident finding, the unit's
rectification, the inspector's re-check, cancelling, a repair order for a compound's facility.
Each is the services' to allow or refuse; the page shows what they say.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.fields import text_of
from jinsha_desktop.domain.finding_kinds import FINDING
from jinsha_desktop.domain.findings import FindingSource, FindingStatus
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs import finding_steps
from jinsha_desktop.gui.forms.binder import refill_combo
from jinsha_desktop.gui.generated.ui_findings_page import Ui_FindingsPage
from jinsha_desktop.gui.lists.columns import Column, RowsTableModel, fit_columns
from jinsha_desktop.gui.lists.exporting import Export
from jinsha_desktop.gui.lists.paged_model import SortedSource
from jinsha_desktop.gui.lists.paged_page import PagedListPage
from jinsha_desktop.gui.lists.period_filter import PeriodFilter, choose_id, signals_blocked
from jinsha_desktop.gui.look import ERROR_COLOUR
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.reports.exports import export_findings
from jinsha_desktop.services import findings, reference
from jinsha_desktop.services.finding_lists import OPEN, FindingFilter, FindingSort, findings_page
from jinsha_desktop.services.findings import FindingDetail
from jinsha_desktop.services.registration import today_of

OVERDUE_COLOUR = QColor(ERROR_COLOUR)
DETAIL_LINES = 6


def overdue_foreground(row: Any) -> QColor | None:
    return OVERDUE_COLOUR if getattr(row, "overdue", False) else None


def _day(value: Any) -> str:
    return text_of(value) if value is not None else ""


def _small_table(table: QTableView, model: RowsTableModel) -> None:
    table.setModel(model)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    table.verticalHeader().hide()


class FindingsPage(PagedListPage):
    """Findings, newest first: filters, the chosen one's history, per-unit counts, steps."""

    finding_changed = Signal(object)
    """A finding was added or took a step here: its id."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        self.form: Ui_FindingsPage
        super().__init__(
            gui,
            Ui_FindingsPage(),
            FINDING,
            parent,
            default_sort="found_on",
            foreground=overdue_foreground,
        )
        user = gui.services.user
        self._can_inspect = user is not None and user.can(Permission.INSPECT)
        self._can_rectify = user is not None and (user.can(Permission.RECTIFY) or self._can_inspect)
        self.detail: FindingDetail | None = None
        form = self.form
        form.new_button.setVisible(self._can_inspect)
        for button in (form.recheck_button, form.cancel_button, form.repair_button):
            button.setVisible(self._can_inspect)
        form.rectify_button.setVisible(self._can_rectify)
        form.splitter.setStretchFactor(0, 3)
        form.splitter.setStretchFactor(1, 2)
        self.period = PeriodFilter(
            form.since_enabled, form.since, form.until_enabled, form.until, self.search
        )
        self.history = RowsTableModel(
            [
                Column("on", self.tr("Date"), 80, _day),
                Column("kind", self.tr("Step"), 70, lambda kind: shown(kind.label)),
                Column("deadline", self.tr("Deadline"), 80, _day),
                Column("by_name", self.tr("Recorded by"), 70),
                Column("note", self.tr("Note"), 160),
            ],
            self,
        )
        _small_table(form.history, self.history)
        self.per_unit = RowsTableModel(
            [
                Column("unit_name", self.tr("Unit"), 90),
                Column("open", self.tr("Open"), 50, str, align_right=True),
                Column("overdue", self.tr("Overdue"), 50, str, align_right=True),
                Column("closed", self.tr("Closed"), 50, str, align_right=True),
            ],
            self,
        )
        _small_table(form.summary, self.per_unit)
        # A unit's name takes what the counts leave; each count is as wide as its heading.
        summary_header = form.summary.horizontalHeader()
        summary_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        summary_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._size_detail()
        form.summary.setSortingEnabled(True)
        form.summary.installEventFilter(self)
        self._fill_choices()
        self._wire()
        self.search()
        self.show_summary()
        self.fit_columns()
        self._show_detail()

    # -- filters

    def _fill_choices(self) -> None:
        form = self.form
        form.status_filter.addItem(self.tr("Any"), "")
        form.status_filter.addItem(self.tr("Not closed"), OPEN)
        for status in FindingStatus:
            form.status_filter.addItem(shown(status.label), status.value)
        form.source.addItem(self.tr("Any"), "")
        for source in FindingSource:
            form.source.addItem(shown(source.label), source.value)
        self.period.start(today_of(self.gui.services), 90)
        self._refill_units()

    def _refill_units(self) -> None:
        """The villages and communities afresh (an administrator may have added one)."""
        try:
            units = reference.list_units(self.gui.services)
        except KnownError as error:
            self.form.status.setText(shown(error.message))
            return
        refill_combo(self.form.unit, [(unit.name, str(unit.id)) for unit in units])
        self.form.unit.setItemText(0, self.tr("All"))

    def _wire(self) -> None:
        form = self.form
        for combo in (form.status_filter, form.source, form.unit):
            combo.currentIndexChanged.connect(self.search)
        form.overdue_only.toggled.connect(self.search)
        form.new_button.clicked.connect(self.new_finding)
        form.rectify_button.clicked.connect(self.rectify_current)
        form.recheck_button.clicked.connect(self.recheck_current)
        form.cancel_button.clicked.connect(self.cancel_current)
        form.repair_button.clicked.connect(self.repair_order_of_current)
        form.summary.doubleClicked.connect(self._unit_chosen)
        self.model.reset_done.connect(self._show_detail)
        form.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())

    def current_filter(self) -> FindingFilter:
        form = self.form
        since, until = self.period.period()
        unit = form.unit.currentData()
        return FindingFilter(
            start=since,
            end=until,
            unit_id=uuid.UUID(unit) if unit else None,
            source=form.source.currentData() or None,
            status=form.status_filter.currentData() or None,
            overdue_only=form.overdue_only.isChecked(),
            search=form.search.text(),
        )

    def source(self) -> SortedSource:
        context = self.gui.services
        flt = self.current_filter()
        today = today_of(context)  # one "today" for every page of this list

        def for_sort(key: str, descending: bool) -> Any:
            sort = FindingSort(key or "found_on", descending)
            return lambda after, limit: findings_page(context, flt, sort, after, limit, today=today)

        return for_sort

    def export_title(self) -> str:
        return self.tr("Findings")

    def export_job(self, sort_key: str, descending: bool) -> Export:
        """The findings found (search, filters, sort as shown), phones masked."""
        sort = FindingSort(sort_key or "found_on", descending)
        flt, context = self.current_filter(), self.gui.services
        return lambda path, progress: export_findings(context, flt, sort, path, progress=progress)

    def status_text(self, shown_rows: int, more: bool) -> str:
        if more:
            return self.tr("%n finding(s) shown; scroll down for more.", "", shown_rows)
        return self.tr("%n finding(s) found.", "", shown_rows)

    # -- beside the list: the chosen finding and the units

    def show_summary(self) -> None:
        """Each unit's open, overdue and closed findings, as of today."""
        context = self.gui.services
        try:
            rows = findings.findings_per_unit(context, today_of(context))
        except KnownError as error:
            self.form.status.setText(shown(error.message))
            return
        self.per_unit.set_rows(rows)

    def _size_detail(self) -> None:
        """Room for the chosen finding's six lines (a long problem scrolls)."""
        detail = self.form.detail
        lines = detail.fontMetrics().lineSpacing() * DETAIL_LINES
        detail.setFixedHeight(lines + 2 * detail.frameWidth() + 8)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_detail()

    def _unit_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.per_unit.row_at(index.row())
            choose_id(self.form.unit, row.unit_id)  # searches again

    def _show_detail(self) -> None:
        """The chosen finding read afresh: where and what, its history, the steps it allows."""
        row = self.current_row()
        self.detail = None
        if row is not None:
            try:
                self.detail = findings.finding_detail(self.gui.services, row.id)
            except KnownError as error:
                self.form.status.setText(shown(error.message))
        detail = self.detail
        self.form.detail.setPlainText(self._describe(detail) if detail is not None else
                                      self.tr("Choose a finding to see its history."))  # fmt: skip
        self.history.set_rows(list(detail.events) if detail is not None else [])
        fit_columns(self.form.history, self.history.columns)
        self._enable_steps(detail)

    def _describe(self, detail: FindingDetail) -> str:
        lines = [
            "  ·  ".join(
                part
                for part in (
                    detail.number,
                    shown(detail.status.label),
                    shown(detail.source.label),
                    detail.unit_name,
                )
                if part
            ),
            detail.problem,
            self.tr("Lead: %1").replace("%1", detail.lead_name),
        ]
        if detail.helper_names:
            helpers = self.tr(", ", "between names in a list").join(detail.helper_names)
            lines.append(self.tr("Cooperating: %1").replace("%1", helpers))
        if detail.patrol:
            lines.append(self.tr("Patrol: %1").replace("%1", detail.patrol))
        if detail.reporter_name or detail.reporter_phone:
            reporter = " ".join(p for p in (detail.reporter_name, detail.reporter_phone) if p)
            lines.append(self.tr("Reported by: %1").replace("%1", reporter))  # phone masked
        lines.append(self.tr("Deadline: %1").replace("%1", _day(detail.deadline)))
        return "\n".join(lines)

    def _enable_steps(self, detail: FindingDetail | None) -> None:
        form = self.form
        status = detail.status if detail is not None else None
        form.rectify_button.setEnabled(status is FindingStatus.OPEN)
        form.recheck_button.setEnabled(status is FindingStatus.RECTIFIED)
        form.cancel_button.setEnabled(status in (FindingStatus.OPEN, FindingStatus.RECTIFIED))
        form.repair_button.setEnabled(
            detail is not None
            and detail.compound_id is not None
            and detail.repair_order_id is None
            and status in (FindingStatus.OPEN, FindingStatus.RECTIFIED)
        )

    # -- the steps

    def new_finding(self, draft: dict[str, Any] | None = None) -> bool:
        from jinsha_desktop.gui.dialogs.finding_dialog import open_new_finding

        if not self._can_inspect:
            return False
        saved = open_new_finding(self.gui, self, draft)
        if saved is False:
            return False
        if isinstance(saved, uuid.UUID):
            self._changed(saved, self.tr("Finding saved."))
        return True

    def restore_draft(self, _kind: str, key: str, values: dict[str, Any]) -> bool:
        """Reopen a finding's form a crash left half-typed: a new one, or one from a
        deduction (filled from its inspection, then the draft's values); False when that
        deduction is gone."""
        from jinsha_desktop.gui.dialogs.finding_dialog import ANSWER_KEY, open_finding_for_answer

        if key == "new":
            return self.new_finding(values)
        if not key.startswith(ANSWER_KEY) or not self._can_inspect:
            return False
        try:
            answer_id = uuid.UUID(key.removeprefix(ANSWER_KEY))
        except ValueError:
            return False
        saved = open_finding_for_answer(self.gui, self, answer_id, values)
        if saved is not None:
            self._changed(saved, self.tr("Finding saved."))
        return True

    def rectify_current(self) -> None:
        detail = self.detail
        if detail is None or not self.form.rectify_button.isEnabled():
            return
        dialog = finding_steps.RectifyDialog(self.gui, self, detail.id, detail.number)
        if finding_steps.take_step(dialog):
            self._changed(detail.id, self.tr("Rectification recorded."))

    def recheck_current(self) -> None:
        detail = self.detail
        if detail is None or not self.form.recheck_button.isEnabled():
            return
        dialog = finding_steps.RecheckDialog(self.gui, self, detail.id, detail.number)
        if finding_steps.take_step(dialog):
            self._changed(detail.id, self.tr("Re-check recorded."))

    def cancel_current(self) -> None:
        detail = self.detail
        if detail is None or not self.form.cancel_button.isEnabled():
            return
        if finding_steps.cancel_finding(self.gui, self, detail.id, detail.number):
            self._changed(detail.id, self.tr("Finding cancelled."))

    def repair_order_of_current(self) -> None:
        detail = self.detail
        if detail is None or not self.form.repair_button.isEnabled():
            return
        title = self.tr("Repair order")
        try:
            findings.repair_order_from_finding(self.gui.services, detail.id)
        except KnownError as error:
            self.gui.prompts.warn(self, title, shown(error.message))
            return
        self._changed(detail.id, self.tr("Repair order made; it is in the repairs module."))

    def _changed(self, finding_id: uuid.UUID, message: str) -> None:
        """A step was taken: the list, the counts and the history afresh, the finding kept
        chosen where it is still listed."""
        self.model.refresh()
        self.show_summary()
        self.finding_changed.emit(finding_id)
        self._choose(finding_id, message)  # the list was read again at once

    def _choose(self, finding_id: uuid.UUID, message: str) -> None:
        for number in range(self.model.rowCount()):
            if self.model.row_at(number).id == finding_id:
                self.form.table.selectRow(number)
                break
        self._show_detail()
        self.form.status.setText(message)

    def came_back(self) -> None:
        with signals_blocked([self.form.unit]):
            self._refill_units()
        self.show_summary()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.form.summary
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._unit_chosen(self.form.summary.currentIndex())
            return True
        return super().eventFilter(watched, event)
