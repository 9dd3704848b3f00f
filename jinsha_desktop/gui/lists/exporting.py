"""Export to Excel from any list: ask where, run the export in a worker with progress and
cancel, tell the user how it went. The list decides what is exported (reports/exports.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.errors import ProgressCallback
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.file_dialogs import FileKind
from jinsha_desktop.gui.jobs import run_job
from jinsha_desktop.gui.lists.columns import Column
from jinsha_desktop.gui.prompts import ensure_suffix
from jinsha_desktop.gui.workers import Job
from jinsha_desktop.reports.exports import ShownColumn, export_shown_rows
from jinsha_desktop.reports.xlsx_writing import ExportResult

Export = Callable[[Path, ProgressCallback], ExportResult]
"""Writes the list to the path, reporting progress; raises KnownError or Cancelled."""


class ListExport(QObject):
    """One export at a time per list; keeps its job alive until it ends."""

    def __init__(self, parent: QWidget, gui: GuiContext) -> None:
        super().__init__(parent)
        self.owner, self.gui = parent, gui
        self.job: Job | None = None
        self.result: ExportResult | None = None

    def start(self, title: str, export: Export) -> bool:
        """Ask for a file, then export in the background; False when the user cancelled."""
        if self.job is not None:
            return False
        suggested = f"{title}-{date.today():%Y%m%d}.xlsx"
        path = self.gui.prompts.save_file(
            self.owner,
            self.tr("Export to Excel"),
            suggested,
            self.tr("Excel workbooks (*.xlsx)"),
            FileKind.EXPORT,
        )
        if path is None:
            return False
        path = ensure_suffix(path, ".xlsx")

        def done(result: ExportResult) -> None:
            self.result = result
            self.gui.prompts.info(
                self.owner,
                self.tr("Export to Excel"),
                self.tr("%1 rows written to %2.")
                .replace("%1", str(result.rows))
                .replace("%2", str(result.path)),
            )

        def ended() -> None:
            self.job = None

        self.job = run_job(
            export,
            path,
            parent=self.owner,
            prompts=self.gui.prompts,
            title=self.tr("Export to Excel"),
            on_done=done,
            on_end=ended,
            progress_text=self.tr("Exporting…"),
        )
        return True

    def start_shown(self, title: str, columns: Sequence[Column], rows: Sequence[Any]) -> bool:
        """Export a small list exactly as shown: these columns, these rows, in this order."""
        shown = [ShownColumn(c.key, c.header, c.formatter) for c in columns]
        context, frozen = self.gui.services, list(rows)
        return self.start(
            title,
            lambda path, progress: export_shown_rows(context, title, shown, frozen, path, progress),
        )
