"""Ledgers: choose one and its period, see it in the preview, print it or save the PDF."""

from __future__ import annotations

import functools
import shutil
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QPointF
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.file_dialogs import FileKind
from jinsha_desktop.gui.generated.ui_ledger_page import Ui_LedgerPage
from jinsha_desktop.gui.jobs import run_job
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.pages.ledgers.ledger_filters import FilterRows, mnemonics_in
from jinsha_desktop.gui.printing import print_pdf
from jinsha_desktop.gui.prompts import ensure_suffix
from jinsha_desktop.gui.qdates import python_date, qdate
from jinsha_desktop.gui.workers import Job
from jinsha_desktop.reports.ledgers import (
    LEDGERS,
    Ledger,
    LedgerRequest,
    LedgerResult,
    Period,
    all_filters,
    describe_missing,
    generate_ledger,
    record_ledger_output,
)
from jinsha_desktop.services.registration import today_of

ZOOM_STEP = 1.25


class LedgerPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.form = Ui_LedgerPage()
        self.form.setupUi(self)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self.form.preview_host)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.form.preview_layout.addWidget(self.view)
        self.folder = Path(tempfile.mkdtemp(prefix="jinsha-ledger-"))
        # generated ledgers live until the page goes (saved copies are the user's files)
        self.destroyed.connect(functools.partial(shutil.rmtree, self.folder, True))
        self.result: LedgerResult | None = None
        self.previewed: LedgerRequest | None = None
        """The choices `result` was generated from: print and save only while they still hold."""
        self.asked: LedgerRequest | None = None
        """The choices of the generation running now."""
        self.job: Job | None = None
        self.printer: QPrinter | None = None
        """The printer of a print job, kept alive until the job ends."""
        self.generation = 0
        user = gui.services.user
        # those whose data the user may read (property staff: no checkpoint ledger)
        offered = [led for led in LEDGERS.values() if user is not None and led.offered_to(user.can)]
        for ledger in offered:
            self.form.ledger.addItem(shown(ledger.title), ledger.name)
        # first the one the user may print (a checkpoint volunteer: the blank sheet)
        allowed = [led.name for led in offered if user is not None and user.can(led.permission)]
        if allowed:
            self.form.ledger.setCurrentIndex(self.form.ledger.findData(allowed[0]))
        today = today_of(gui.services)
        self.form.until.setDate(qdate(today))
        self.form.since.setDate(qdate(today - timedelta(days=6)))
        # every ledger's filters, each key once, below the dates: a ledger shows its own
        texts = [w.text() for w in self.findChildren(QLabel) + self.findChildren(QAbstractButton)]
        self.filters = FilterRows(
            all_filters(),
            gui.services,
            today,
            self.form.fields,
            self._row_of(self.form.until) + 1,
            mnemonics_in([*texts, self.tr("Da&y")]),
        )
        chain = [self.form.until, *self.filters.in_order(), self.form.pages]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.form.ledger.currentIndexChanged.connect(self._ledger_chosen)
        for changed in (
            self.form.ledger.currentIndexChanged,
            self.form.since.dateChanged,
            self.form.until.dateChanged,
            self.filters.changed,
            self.form.full.toggled,
            self.form.pages.valueChanged,
        ):
            changed.connect(self._choices_changed)
        self.form.generate_button.clicked.connect(self.generate)
        self.form.cancel_button.clicked.connect(self.cancel)
        self.form.print_button.clicked.connect(self.print_ledger)
        self.form.save_button.clicked.connect(self.save_pdf)
        self.form.previous_button.clicked.connect(lambda: self._go(-1))
        self.form.next_button.clicked.connect(lambda: self._go(1))
        self.form.page_number.valueChanged.connect(self._jump)
        self.form.zoom_in_button.clicked.connect(lambda: self._zoom(ZOOM_STEP))
        self.form.zoom_out_button.clicked.connect(lambda: self._zoom(1 / ZOOM_STEP))
        self.form.fit_width_button.clicked.connect(
            lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        )
        self.view.pageNavigator().currentPageChanged.connect(self._page_shown)
        self._ledger_chosen()
        self._set_running(False)
        self._show_document()

    # -- choices

    def chosen(self) -> Ledger:
        return LEDGERS[self.form.ledger.currentData()]

    def _ledger_chosen(self) -> None:
        """The controls the chosen ledger's declaration asks for, and no others."""
        ledger = self.chosen()
        _show(ledger.period is Period.RANGE, self.form.since, self.form.since_label)
        _show(ledger.period is not Period.NONE, self.form.until, self.form.until_label)
        one_day = ledger.period is Period.DAY
        self.form.until_label.setText(self.tr("Da&y") if one_day else self.tr("&To"))
        self.filters.show_for(ledger)
        _show(ledger.blank_pages, self.form.pages, self.form.pages_label)
        allowed = self._user_can(Permission.VIEW_FULL_PERSONAL_DATA)
        self.form.full.setVisible(ledger.personal_data)
        self.form.full.setEnabled(allowed)
        if not allowed:
            self.form.full.setChecked(False)
            self.form.full.setToolTip(self.tr("Your role may only print masked numbers."))

    def _choices_changed(self) -> None:
        """A preview of other choices than those on screen goes: printing or saving it would
        give the clerk another ledger than the one named (issue 10)."""
        if self.result is None or self.previewed == self.request():
            return
        self.result = self.previewed = None
        self.document.close()
        self._show_document()
        self.form.status.setText(
            self.tr("The choices changed: generate the preview again to print or save it.")
        )

    def _row_of(self, widget: QWidget) -> int:
        row, _role = cast(tuple[int, Any], self.form.fields.getWidgetPosition(widget))
        return row

    def _user_can(self, permission: Permission) -> bool:
        user = self.gui.services.user
        return user is not None and user.can(permission)

    def request(self) -> LedgerRequest:
        ledger = self.chosen()
        until = python_date(self.form.until.date())
        since = python_date(self.form.since.date()) if ledger.period is Period.RANGE else until
        return LedgerRequest(
            ledger.name,
            since,
            until,
            filters=self.filters.values(ledger),
            full=self.form.full.isChecked() and ledger.personal_data,
            blank_pages=self.form.pages.value() if ledger.blank_pages else 1,
        )

    # -- generating

    def generate(self) -> None:
        if self.job is not None:
            return
        request = self.request()
        if request.full and not self.gui.prompts.confirm(
            self,
            self.tr("Full personal data"),
            self.tr(
                "The ledger will show full ID and phone numbers. Keep the paper safe; the "
                "print is recorded in the audit log. Continue?"
            ),
        ):
            return
        self.generation += 1
        self.asked = request
        target = self.folder / f"台账-{self.generation}.pdf"
        self._set_running(True)
        self.form.status.setText(self.tr("Generating the ledger…"))
        self.job = self._run(self._generated, generate_ledger, self.gui.services, request, target)

    def _run(self, on_done: Callable[[Any], None], fn: Callable[..., Any], *args: Any) -> Job:
        """`fn(*args, progress)` in the background, its progress in the page, its result to
        `on_done`; a known error is told in the status line too."""
        return run_job(
            fn,
            *args,
            parent=self,
            prompts=self.gui.prompts,
            title=self.tr("Ledger"),
            on_done=on_done,
            on_progress=self._progressed,
            on_end=self._stopped,
            on_cancelled=lambda: self.form.status.setText(
                self.tr("Cancelled; nothing was generated.")
            ),
            on_known_error=self._failed,
        )

    def _stopped(self) -> None:
        self.job = None
        self._set_running(False)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progressed(self, done: int, total: int) -> None:
        self.form.progress.setMaximum(max(total, 1))
        self.form.progress.setValue(done)

    def _generated(self, result: LedgerResult) -> None:
        if self.asked != self.request():
            self._show_document()
            self.form.status.setText(
                self.tr("The choices changed: generate the preview again to print or save it.")
            )
            return
        self.result, self.previewed = result, self.asked
        self.document.load(str(result.path))
        self._show_document()
        self.form.status.setText(
            self.tr("%1 rows on %2 pages.")
            .replace("%1", str(result.rows))
            .replace("%2", str(result.pages))
        )
        if result.missing:
            self.gui.prompts.warn(
                self, self.tr("Characters that cannot be printed"), self._missing()
            )

    def _missing(self) -> str:
        assert self.result is not None
        return self.tr(
            "No font on this computer has these characters; they will be missing on paper. "
            "Add a font that has them (Settings › Ledger fonts) or write them in by hand:\n%1"
        ).replace("%1", describe_missing(self.result))

    def _failed(self, error: KnownError) -> None:
        self.form.status.setText(shown(error.message))
        self.gui.prompts.warn(self, self.tr("Ledger"), error.message)

    def _set_running(self, running: bool) -> None:
        self.form.generate_button.setEnabled(not running)
        self.form.cancel_button.setEnabled(running)
        self.form.progress.setVisible(running)
        self.form.cancel_button.setVisible(running)
        if running:
            self.form.progress.setValue(0)

    # -- preview

    def _show_document(self) -> None:
        pages = self.document.pageCount()
        has_pages = pages > 0
        for widget in (
            self.form.print_button,
            self.form.save_button,
            self.form.previous_button,
            self.form.next_button,
            self.form.page_number,
            self.form.zoom_in_button,
            self.form.zoom_out_button,
            self.form.fit_width_button,
        ):
            widget.setEnabled(has_pages and self.job is None)
        self.form.page_number.setMaximum(max(pages, 1))
        self.form.page_count.setText(self.tr("of %1").replace("%1", str(pages)))
        if has_pages:
            self._jump(1)

    def _page_shown(self, page: int) -> None:
        self.form.page_number.blockSignals(True)
        self.form.page_number.setValue(page + 1)
        self.form.page_number.blockSignals(False)

    def _go(self, step: int) -> None:
        self.form.page_number.setValue(self.form.page_number.value() + step)

    def _jump(self, number: int) -> None:
        page = min(max(number, 1), max(self.document.pageCount(), 1)) - 1
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def current_page(self) -> int:
        return int(self.view.pageNavigator().currentPage()) + 1

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(max(self.view.zoomFactor() * factor, 0.25), 6.0))

    # -- output

    def print_ledger(self) -> None:
        if self.result is None or self.job is not None:
            return
        if self.result.missing and not self.gui.prompts.confirm(
            self, self.tr("Characters that cannot be printed"), self._missing()
        ):
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.result.path.stem)
        printer.setFromTo(1, self.result.pages)
        if not self.gui.prompts.choose_printer(self, printer):
            return
        result = self.result
        self._set_running(True)
        self.form.status.setText(self.tr("Sending the ledger to the printer…"))

        def printed(pages: Any) -> None:
            self._show_document()
            record_ledger_output(self.gui.services, result, f"送打印机 {printer.printerName()}")
            self.form.status.setText(
                self.tr("%1 pages sent to the printer.").replace("%1", str(pages))
            )

        self.job = self._run(printed, print_pdf, result.path, printer)
        self.printer = printer

    def save_pdf(self) -> None:
        if self.result is None or self.previewed is None:
            return
        # named for the ledger in the preview, which is the one written
        title = LEDGERS[self.previewed.ledger].title
        suggested = f"{title}-{self.previewed.until:%Y%m%d}.pdf"
        target = self.gui.prompts.save_file(
            self, self.tr("Save ledger"), suggested, self.tr("PDF files (*.pdf)"),
            FileKind.LEDGER_PDF,
        )  # fmt: skip
        if target is None:
            return
        target = ensure_suffix(target, ".pdf")
        try:
            shutil.copyfile(self.result.path, target)
        except OSError as error:
            self.gui.prompts.warn(
                self,
                self.tr("Save ledger"),
                self.tr("The file could not be written: %1").replace(
                    "%1", error.strerror or str(error)
                ),
            )
            return
        record_ledger_output(self.gui.services, self.result, f"保存为 {target}")
        self.form.status.setText(self.tr("Saved to %1").replace("%1", str(target)))


def _show(visible: bool, *widgets: QWidget) -> None:
    for widget in widgets:
        widget.setVisible(visible)
