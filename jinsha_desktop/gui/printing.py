"""Sending a PDF ledger to a printer: each page rendered by Qt PDF and painted on the printer.

Runs in a worker (painting on a QPrinter is allowed off the GUI thread); the document is opened
in that thread, not shared with the preview.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from jinsha_desktop.domain.errors import KnownError, ProgressCallback, report_progress

PRINT_DPI = 300


class PrintProblem(KnownError):
    """The ledger could not be sent to the printer."""


def print_pdf(path: Path, printer: QPrinter, progress: ProgressCallback | None = None) -> int:
    """Print the pages the print dialog asked for (all by default); returns how many."""
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_:
        raise PrintProblem("无法读取台账文件，请重新生成后再打印。")
    first, last = printer.fromPage(), printer.toPage()
    pages = list(range(first - 1, last)) if first and last else list(range(document.pageCount()))
    pages = [p for p in pages if 0 <= p < document.pageCount()]
    printer.setResolution(PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintProblem("打印机无法开始打印，请检查打印机是否连接、是否有纸后重试。")
    try:
        for done, page in enumerate(pages):
            report_progress(progress, done, len(pages))
            if done:
                printer.newPage()
            area = painter.viewport()
            size = document.pagePointSize(page)
            scale = min(area.width() / size.width(), area.height() / size.height())
            pixels = QSize(int(size.width() * scale), int(size.height() * scale))
            image = document.render(page, pixels)
            target = QRectF(0, 0, image.width(), image.height())
            target.moveCenter(QRectF(area).center())
            painter.drawImage(target, image)
        report_progress(progress, len(pages), len(pages))
    except BaseException:
        printer.abort()
        raise
    finally:
        painter.end()
        document.close()
    return len(pages)
