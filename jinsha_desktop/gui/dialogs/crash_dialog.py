"""The one place a bug ends up: logged (masked), shown with details that can be copied."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from jinsha_desktop import __version__
from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.masking import mask_personal_data_in_text
from jinsha_desktop.gui.messages import shown

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    def __init__(self, details: str, log_file: str, parent: QWidget | None = None) -> None:
        # Loaded when needed: importing the form costs start-up time for a dialog seldom seen.
        from jinsha_desktop.gui.generated.ui_crash_dialog import Ui_CrashDialog

        super().__init__(parent)
        self.form = Ui_CrashDialog()
        self.form.setupUi(self)
        self.form.details.setPlainText(details)
        self.form.log_location.setText(self.tr("Log file: %s") % log_file)
        self.form.copy_button.clicked.connect(self.copy_details)
        self.form.close_button.clicked.connect(self.accept)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.form.details.toPlainText())


def crash_details(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    text = "".join(traceback.format_exception(kind, value, tb))
    return mask_personal_data_in_text(
        f"金沙台账 {__version__}, Python {sys.version.split()[0]}\n{text}"
    )


def install_crash_handler(log_file: str) -> None:
    """Route uncaught exceptions (in slots too) to the log and the crash dialog."""
    showing = False

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        if isinstance(value, KnownError):
            # An expected failure that escaped its handler: still not a crash for the user.
            log.warning("unhandled expected error: %s", value.message)
            app = QApplication.instance()
            if app is not None and not showing:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(
                    QApplication.activeWindow(), shown("金沙台账"), shown(value.message)
                )
            return
        log.error("unexpected error", exc_info=(kind, value, tb))
        if QApplication.instance() is None or showing:
            return
        showing = True
        try:
            CrashDialog(
                crash_details(kind, value, tb), log_file, QApplication.activeWindow()
            ).exec()
        finally:
            showing = False

    sys.excepthook = hook
