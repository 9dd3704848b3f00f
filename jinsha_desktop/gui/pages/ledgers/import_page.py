"""Excel import: choose what and the workbook, correct the column mapping, preview what will be
added, updated, skipped or rejected, then import the good rows (or, for a match list, save the
report). Every step runs in a worker; the file is read and written by reports/import_files.py,
the rules are in services/imports/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.loose_values import cell_text
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.sheets import SheetTable, column_letter
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.file_dialogs import FileKind
from jinsha_desktop.gui.generated.ui_import_page import Ui_ImportPage
from jinsha_desktop.gui.jobs import run_job
from jinsha_desktop.gui.lists.columns import Column, RowsTableModel, fit_columns
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.prompts import ensure_suffix
from jinsha_desktop.gui.style import show_real_sort_arrows
from jinsha_desktop.gui.workers import Job
from jinsha_desktop.reports.import_files import (
    read_for_import,
    write_import_template,
    write_rejected,
)
from jinsha_desktop.reports.match_report import match_report
from jinsha_desktop.services.imports import (
    IMPORTERS,
    Importer,
    ImportPreview,
    RowOutcome,
    apply_import,
    check_mapping,
    importers_for,
    preview_import,
    recall_mapping,
)

SAMPLE_ROWS = 3
FORMULA_SAMPLE_ROWS = 200
"""Rows looked at to mark a column whose values are computed by formulas."""
EXCEL_FILTER = "Excel (*.xlsx)"


class ImportPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.form = Ui_ImportPage()
        self.form.setupUi(self)
        self.table: SheetTable | None = None
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.imported: ImportPreview | None = None
        """The preview last imported: its rejected rows can still be saved for the sender."""
        self.job: Job | None = None
        self.last_result: Any = None
        self.mapping_boxes: list[QComboBox] = []
        self.mapping_note = ""
        """Why the remembered mapping was set aside, if it was (shown with the counts)."""
        user = gui.services.user
        self.offered = importers_for(user.can) if user is not None else []
        """The importers this user may run (the others are not shown)."""
        for importer in self.offered:
            self.form.importer.addItem(shown(importer.title), importer.name)
        self.model = RowsTableModel(
            [
                Column("number", self.tr("Row"), 50),
                Column("outcome", self.tr("Result"), 70, formatter=lambda o: o.label),
                Column("details", self.tr("Details"), 520),
            ],
            self,
        )
        self.form.rows.setModel(self.model)
        self.form.rows.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.form.rows.horizontalHeader().setStretchLastSection(True)
        show_real_sort_arrows(self.form.rows)
        fit_columns(self.form.rows, self.model.columns)
        self.form.importer.currentIndexChanged.connect(self._importer_chosen)
        self.form.choose_file_button.clicked.connect(self.choose_file)
        self.form.template_button.clicked.connect(self.save_template)
        self.form.preview_button.clicked.connect(self.run_preview)
        self.form.import_button.clicked.connect(self.run_import)
        self.form.errors_button.clicked.connect(self.save_rejected)
        self.form.report_button.clicked.connect(self.save_report)
        self.form.cancel_button.clicked.connect(self.cancel)
        self.form.full.setEnabled(user is not None and user.can(Permission.VIEW_FULL_PERSONAL_DATA))
        if self.offered:
            self._importer_chosen()

    @property
    def importer(self) -> Importer:
        return IMPORTERS[self.form.importer.currentData()]

    # -- choosing

    def _importer_chosen(self) -> None:
        importer = self.importer
        # Not importer.describe(): that names the command-line key ("（roster）") and is Chinese.
        columns = self.tr(", ").join(
            shown(f.label) + ("*" if f.required else "") for f in importer.fields
        )
        self.form.expects.setText(
            self.tr("%1: %2").replace("%1", shown(importer.title)).replace("%2", columns)
        )
        self._set_table(None, None)
        matching = not importer.writes_records
        self.form.report_button.setVisible(matching)
        self.form.full.setVisible(matching)
        self.form.import_button.setVisible(not matching)

    def choose_file(self) -> None:
        path = self.gui.prompts.open_file(
            self, self.tr("Choose the workbook to import"), "", self.tr(EXCEL_FILTER),
            kind=FileKind.IMPORT_WORKBOOK,
        )  # fmt: skip
        if path is None:
            return
        self.form.file_label.setText(str(path))
        self._start(
            self.tr("Reading the workbook…"),
            lambda progress: read_for_import(
                self.gui.services, self.importer, path, progress=progress
            ),
            lambda table: self._set_table(table, path),
        )

    def _set_table(self, table: SheetTable | None, path: Path | None) -> None:
        self.table, self.path, self.preview, self.imported = table, path, None, None
        self.model.set_rows([])
        self.form.counts.setText("")
        grid = self.form.mapping_grid
        while grid.count():
            item = grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.mapping_boxes = []
        if table is None:
            self.form.file_label.setText(self.tr("No workbook chosen."))
        else:
            self._fill_mapping(table)
            self.form.counts.setText(
                self.tr(
                    "Sheet “%1”: header on row %2, %3 data rows. Check the columns, then Preview."
                )
                .replace("%1", table.sheet_name)
                .replace("%2", str(table.header_row))
                .replace("%3", str(len(table.rows)))
            )
            if table.skipped_rows:
                self.form.counts.setText(
                    self.form.counts.text()
                    + " "
                    + self.tr(
                        "%1 rows that are not data (serial numbers only, totals, signatures, "
                        "dates) were left out."
                    ).replace("%1", str(len(table.skipped_rows)))
                )
            if self.mapping_note:  # a remembered mapping that would not work was set aside
                self.form.counts.setText(self.form.counts.text() + " " + self.mapping_note)
        self._enable()

    def _fill_mapping(self, table: SheetTable) -> None:
        recalled = recall_mapping(self.gui.services, self.importer, table)
        mapping = recalled.mapping
        self.mapping_note = shown(recalled.note) if recalled.note else ""
        grid = self.form.mapping_grid
        computed = {c for row in table.rows[:FORMULA_SAMPLE_ROWS] for c in row.formula_columns}
        for column, header in enumerate(table.headers):
            # cell_text: an ID stored as a number shows its digits, not 3.20681198802032e+17
            sample = "、".join(
                cell_text(row.values[column])
                for row in table.rows[:SAMPLE_ROWS]
                if column < len(row.values) and row.values[column] not in (None, "")
            )
            if column in computed:
                sample = self.tr("(formula values) %1").replace("%1", sample)
            name = column_letter(column + 1)
            label = QLabel(f"{name}　{header or self.tr('(no header)')}", self.form.mapping_host)
            label.setToolTip(sample)
            box = QComboBox(self.form.mapping_host)
            box.addItem(self.tr("not imported"), "")
            for item in self.importer.fields:
                box.addItem(shown(item.label) + ("*" if item.required else ""), item.key)
            box.setCurrentIndex(max(0, box.findData(mapping.get(column, ""))))
            box.currentIndexChanged.connect(self._mapping_changed)
            example = QLabel(sample[:60], self.form.mapping_host)
            example.setStyleSheet("color: #666;")
            row = column
            grid.addWidget(label, row, 0)
            grid.addWidget(box, row, 1)
            grid.addWidget(example, row, 2)
            self.mapping_boxes.append(box)
        grid.setColumnStretch(2, 1)

    def mapping(self) -> dict[int, str]:
        return {
            n: box.currentData() for n, box in enumerate(self.mapping_boxes) if box.currentData()
        }

    def _mapping_changed(self) -> None:
        self.preview = self.imported = None
        self.model.set_rows([])
        self._enable()

    # -- preview and import

    def run_preview(self) -> None:
        if self.table is None:
            return
        table, mapping, importer = self.table, self.mapping(), self.importer
        try:
            check_mapping(importer, table, mapping)
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Columns"), error.message)
            return
        self._start(
            self.tr("Checking every row…"),
            lambda progress: preview_import(
                self.gui.services, importer, table, mapping, path=self.path, progress=progress
            ),
            self._previewed,
        )

    def _previewed(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.model.set_rows(preview.rows)
        self.form.counts.setText(self.counts_text(preview.counts()))
        self._enable()

    def run_import(self) -> None:
        preview = self.preview
        if preview is None:
            return
        counts = preview.counts()
        writing = counts.get(RowOutcome.ADD, 0) + counts.get(RowOutcome.UPDATE, 0)
        if not writing:
            self.gui.prompts.info(
                self, self.tr("Import"), self.tr("There is nothing new to import.")
            )
            return
        if not self.gui.prompts.confirm(
            self,
            self.tr("Import"),
            self.tr("Import now? %1. Rejected and duplicate rows are left out.").replace(
                "%1", self.counts_text(preview.counts())
            ),
        ):
            return
        self._start(
            self.tr("Importing…"),
            lambda progress: apply_import(self.gui.services, preview, progress=progress),
            self._imported,
        )

    def counts_text(self, counts: dict[RowOutcome, int]) -> str:
        """The counts in words, in the interface language: 新增 3 行，错误 2 行."""
        return self.tr("; ").join(
            self.tr("%1 %2 row(s)").replace("%1", shown(outcome.label)).replace("%2", str(n))
            for outcome, n in counts.items()
        )

    def _imported(self, counts: dict[RowOutcome, int]) -> None:
        text = self.counts_text(counts)
        self.imported, self.preview = self.preview, None
        self.model.set_rows([])
        self.form.counts.setText(self.tr("Imported: %1.").replace("%1", text))
        self._enable()
        self.gui.prompts.info(self, self.tr("Import"), self.tr("Imported: %1.").replace("%1", text))

    def save_rejected(self) -> None:
        preview = self.preview or self.imported
        if preview is None or self.path is None:
            return
        target = self._ask_path(f"{self.path.stem}-错误行.xlsx", FileKind.IMPORT_RESULT)
        if target is not None:
            self._start(
                self.tr("Writing the rejected rows…"),
                lambda _progress: write_rejected(preview, target),
                lambda count: self._saved(target, count),
            )

    def save_report(self) -> None:
        preview = self.preview
        if preview is None or self.path is None:
            return
        full = self.form.full.isChecked() and self.form.full.isEnabled()
        target = self._ask_path(f"{self.path.stem}-比对结果.xlsx", FileKind.IMPORT_RESULT)
        if target is not None:
            self._start(
                self.tr("Matching the list…"),
                lambda _progress: match_report(self.gui.services, preview, target, full=full),
                lambda report: self._saved(target, len(report.found)),
            )

    def save_template(self) -> None:
        importer = self.importer
        target = self._ask_path(f"{importer.title}-模板.xlsx", FileKind.TEMPLATE)
        if target is None:
            return
        try:
            write_import_template(importer, target, self.gui.services)
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Blank template"), error.message)
            return
        self.form.counts.setText(self.tr("Template saved to %1").replace("%1", str(target)))

    def _ask_path(self, suggested: str, kind: FileKind) -> Path | None:
        target = self.gui.prompts.save_file(
            self, self.tr("Save workbook"), suggested, self.tr(EXCEL_FILTER), kind
        )
        return ensure_suffix(target, ".xlsx") if target is not None else None

    def _saved(self, target: Path, count: int) -> None:
        self.form.counts.setText(
            self.tr("%1 rows written to %2.").replace("%1", str(count)).replace("%2", str(target))
        )

    # -- background work

    def _start(self, message: str, work: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        if self.job is not None:
            return

        def finished(result: Any) -> None:
            self.last_result = result
            done(result)
            self._enable()

        self.form.counts.setText(message)
        self.job = run_job(
            work,
            parent=self,
            prompts=self.gui.prompts,
            title=self.tr("Excel import"),
            on_done=finished,
            on_progress=self._moved,
            on_end=self._stopped,
            on_cancelled=lambda: self.form.counts.setText(
                self.tr("Cancelled; nothing was changed.")
            ),
            on_known_error=self._failed,
        )
        self._enable()

    def _moved(self, done: int, total: int) -> None:
        self.form.progress.setMaximum(max(total, 1))
        self.form.progress.setValue(min(done, max(total, 1)))

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _stopped(self) -> None:
        self.job = None
        self._enable()

    def _failed(self, error: KnownError) -> None:
        self.form.counts.setText(shown(error.message))
        self.gui.prompts.warn(self, self.tr("Excel import"), error.message)

    def _enable(self) -> None:
        idle = self.job is None
        shown_preview = self.preview or self.imported
        counts = shown_preview.counts() if shown_preview is not None else {}
        form = self.form
        form.progress.setVisible(not idle)
        form.cancel_button.setVisible(not idle)
        form.importer.setEnabled(idle)
        form.choose_file_button.setEnabled(idle)
        form.preview_button.setEnabled(idle and self.table is not None)
        form.import_button.setEnabled(idle and self.preview is not None)
        form.errors_button.setEnabled(idle and counts.get(RowOutcome.REJECT, 0) > 0)
        form.report_button.setEnabled(idle and self.preview is not None)
