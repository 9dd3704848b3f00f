"""The totals screen (维修统计): period, grouping and place filters; the table and its chart side
by side; a figure double-clicked (or Enter on it) lists the orders or clean-ups behind it;
export to Excel (with the chart) and print as the 维修统计表 ledger.

The figures come from services/repair_totals.py (summed in the database); this page only shows
them. The drill-down is a signal the module routes to the orders or clean-ups list.
"""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QHeaderView, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repair_totals import Figure, GroupBy, TotalsQuery, TotalsRow
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.binder import as_uuid, refill_combo
from jinsha_desktop.gui.generated.ui_repair_totals_page import Ui_RepairTotalsPage
from jinsha_desktop.gui.jobs import run_job
from jinsha_desktop.gui.lists.exporting import ListExport
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.pages.repairs.totals_chart import TotalsChart
from jinsha_desktop.gui.qdates import python_date, qdate
from jinsha_desktop.gui.workers import Job
from jinsha_desktop.services import reference
from jinsha_desktop.services.campaigns import list_campaigns
from jinsha_desktop.services.registration import today_of
from jinsha_desktop.services.repair_totals import DrillDown, TotalsTable, totals

Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class TotalsModel(QAbstractTableModel):
    """The rows of a TotalsTable and its total (bold), the group's name and what it belongs to
    first; handed whole by the page (a few hundred rows at most), never queried here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: TotalsTable | None = None
        self.rows: list[TotalsRow] = []
        self.headers: list[str] = []
        self.bold = QFont()
        self.bold.setBold(True)

    def set_table(self, table: TotalsTable, first_headers: list[str]) -> None:
        self.beginResetModel()
        self.table, self.rows = table, list(table.all_rows())
        self.headers = first_headers + [shown(c.header) for c in table.columns]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None  # never super(): see BASELINES.md, trap 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.table is None:
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return shown(row.label)
            if column == 1:
                return row.parent
            return self.table.text(row, self.table.columns[column - 2])
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and row.is_total:
            return self.bold
        return None

    def drill_down(self, index: Index) -> DrillDown | None:
        """The records behind the figure at `index` (a name: the group's orders)."""
        if not index.isValid() or self.table is None:
            return None
        row = self.rows[index.row()]
        columns = self.table.columns
        column = columns[index.column() - 2] if index.column() >= 2 else columns[0]
        return self.table.drill_down(row, column)


class TotalsPage(QWidget):
    """Totals per compound, community/village, building or campaign for a period."""

    drill_down = Signal(object)
    """A figure was opened: the DrillDown of the records behind it (the module shows them)."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.form = Ui_RepairTotalsPage()
        self.form.setupUi(self)
        self.model = TotalsModel(self)
        self.form.table.setModel(self.model)
        self.form.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.chart = TotalsChart(self.form.chart_holder)
        self.form.chart_layout.addWidget(self.chart)
        self.form.splitter.setStretchFactor(0, 3)
        self.form.splitter.setStretchFactor(1, 2)
        self.table: TotalsTable | None = None
        self.exporting = ListExport(self, gui)
        self.job: Job | None = None
        user = gui.services.user
        can_export = user is not None and user.can(Permission.EXPORT)
        self.form.export_button.setVisible(can_export)
        self.form.print_button.setVisible(can_export)
        self._fill_choices()
        self._wire()
        self.refresh()

    # -- filters

    def _fill_choices(self) -> None:
        form = self.form
        for by in (GroupBy.COMPOUND, GroupBy.UNIT, GroupBy.BUILDING, GroupBy.CAMPAIGN):
            form.by.addItem(shown(by.label), by.value)
        form.chart_kind.addItem(self.tr("Parts replaced by kind"), Figure.PARTS.value)
        form.chart_kind.addItem(self.tr("Clean-ups by category"), Figure.CLEANUPS.value)
        today = today_of(self.gui.services)
        form.since.setDate(qdate(today.replace(day=1)))
        form.until.setDate(qdate(today))
        try:
            units = reference.list_units(self.gui.services)
            refill_combo(form.unit, [(u.name, str(u.id)) for u in units])
            form.unit.setItemText(0, self.tr("All"))
            self._refill_compounds()
            campaigns = list_campaigns(self.gui.services)
            refill_combo(form.campaign, [(c.name, str(c.id)) for c in campaigns])
            form.campaign.setItemText(0, self.tr("All"))
        except KnownError as error:
            form.status.setText(shown(error.message))

    def _refill_compounds(self) -> None:
        rows = reference.list_compounds(self.gui.services, as_uuid(self.form.unit.currentData()))
        refill_combo(self.form.compound, [(row.name, str(row.id)) for row in rows])
        self.form.compound.setItemText(0, self.tr("All"))

    def _wire(self) -> None:
        form = self.form
        form.since.dateChanged.connect(self.refresh)
        form.until.dateChanged.connect(self.refresh)
        form.by.currentIndexChanged.connect(self.refresh)
        form.unit.currentIndexChanged.connect(self._unit_changed)
        form.compound.currentIndexChanged.connect(self.refresh)
        form.campaign.currentIndexChanged.connect(self.refresh)
        form.chart_kind.currentIndexChanged.connect(self._draw_chart)
        form.table.activated.connect(self.open_figure)  # double-click, or Enter
        form.export_button.clicked.connect(self.export)
        form.print_button.clicked.connect(self.print_ledger)

    def _unit_changed(self) -> None:
        try:
            self._refill_compounds()
        except KnownError as error:
            self.form.status.setText(shown(error.message))
        self.refresh()

    def query(self) -> TotalsQuery:
        form = self.form
        return TotalsQuery(
            python_date(form.since.date()),
            python_date(form.until.date()),
            GroupBy(form.by.currentData() or GroupBy.COMPOUND.value),
            unit_id=as_uuid(form.unit.currentData()),
            compound_id=as_uuid(form.compound.currentData()),
            campaign_id=as_uuid(form.campaign.currentData()),
        )

    def choose(self, combo_name: str, record_id: uuid.UUID | None) -> None:
        combo = getattr(self.form, combo_name)
        combo.setCurrentIndex(max(0, combo.findData(str(record_id) if record_id else "")))

    # -- figures

    def refresh(self) -> None:
        """Figures for the filters as they are now (a few grouped queries: fast enough to run
        on every change, like a list's first page)."""
        try:
            table = totals(self.gui.services, self.query())
        except KnownError as error:
            self.form.status.setText(shown(error.message))
            return
        self.table = table
        by = table.query.by
        second = self.tr("Start") if by is GroupBy.CAMPAIGN else self.tr("Belongs to")
        self.model.set_table(table, [shown(by.label), second])
        self.form.table.setColumnHidden(1, by is GroupBy.UNIT)
        self._draw_chart()
        figures = table.total.figures
        self.form.status.setText(
            self.tr(
                "%1 orders (%2 open, %3 overdue: open more than %4 days), %5 cleaned. "
                "Double-click a figure to list what it counts."
            )
            .replace("%1", str(figures.orders))
            .replace("%2", str(figures.open))
            .replace("%3", str(figures.overdue))
            .replace("%4", str(table.overdue_days))
            .replace("%5", str(sum(figures.cleanups.values())))
        )

    def _draw_chart(self) -> None:
        if self.table is not None:
            self.chart.show_table(self.table, Figure(self.form.chart_kind.currentData()))

    def open_figure(self, index: QModelIndex) -> None:
        drill = self.model.drill_down(index)
        if drill is not None:
            self.drill_down.emit(drill)

    # -- output

    def export(self) -> None:
        if self.table is None:
            return
        table, context, picture = self.table, self.gui.services, self.chart.png()
        from jinsha_desktop.reports.repair_totals_ledger import export_totals

        self.exporting.start(
            self.tr("Repair totals"),
            lambda path, progress: export_totals(context, table, path, picture, progress),
        )

    def print_ledger(self) -> None:
        """The 维修统计表 of these filters, generated, then sent to the printer chosen."""
        if self.table is None or self.job is not None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("维修统计表")
        if not self.gui.prompts.choose_printer(self, printer):
            return
        from jinsha_desktop.gui.printing import print_pdf
        from jinsha_desktop.reports.ledgers import (
            LedgerRequest,
            generate_ledger,
            record_ledger_output,
        )
        from jinsha_desktop.reports.repair_totals_ledger import BY, TOTALS_LEDGER

        query = self.query()
        request = LedgerRequest(
            TOTALS_LEDGER.name,
            query.since,
            query.until,
            filters={
                BY.key: None if query.by is GroupBy.COMPOUND else query.by,
                "community": query.unit_id,
                "compound": query.compound_id,
                "campaign": query.campaign_id,
            },
        )
        target = Path(tempfile.mkdtemp(prefix="jinsha-totals-")) / "维修统计表.pdf"
        context = self.gui.services

        def generate_and_print(progress: Any) -> int:
            result = generate_ledger(context, request, target, progress)
            pages = print_pdf(result.path, printer)
            record_ledger_output(context, result, f"送打印机 {printer.printerName()}")
            return pages

        def printed(pages: int) -> None:
            self.form.status.setText(
                self.tr("%1 pages sent to the printer.").replace("%1", str(pages))
            )

        def ended() -> None:
            self.job = None

        self.job = run_job(
            generate_and_print,
            parent=self,
            prompts=self.gui.prompts,
            title=self.tr("Print"),
            on_done=printed,
            on_end=ended,
            progress_text=self.tr("Printing the totals…"),
        )

    def came_back(self) -> None:
        self.refresh()
