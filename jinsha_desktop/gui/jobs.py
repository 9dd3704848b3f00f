"""One job runner: long work off the GUI thread, with progress and cancel, and its failures
handled once (STYLE.md, "One job runner, failures handled once"; as Anki's operations default
to showing the exception).

A caller says what to run and what to do with the result::

    self.job = run_job(
        backup.backup_database, self.gui.services, target,
        parent=self, prompts=self.gui.prompts, title=self.tr("Back up database"),
        on_done=finished, progress_text=self.tr("Backing up the database…"),
    )

The defaults: a cancelled job (Cancel pressed, or the service raised Cancelled) ends quietly;
a KnownError is shown with its message (`prompts.warn` under `title`); anything else is a bug,
raised again on the GUI thread, where the crash handler (gui/dialogs/crash_dialog.py) logs it
and shows the crash dialog. `on_cancelled` and `on_known_error` replace a default, `on_end`
runs first whatever the outcome (a page enables its buttons again there).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

from jinsha_desktop.domain.errors import Cancelled, KnownError
from jinsha_desktop.gui.prompts import Prompts
from jinsha_desktop.gui.workers import Job, start_job

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 400
"""A job quicker than this never shows its progress dialog."""


def run_job(
    fn: Callable[..., Any],
    *args: Any,
    parent: QWidget | None,
    prompts: Prompts,
    title: str,
    on_done: Callable[[Any], None],
    progress_text: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    on_end: Callable[[], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    on_known_error: Callable[[KnownError], None] | None = None,
) -> Job:
    """Run `fn(*args)` off the GUI thread; keep the returned Job referenced until it ends.

    With `progress_text` a progress dialog with a Cancel button shows while the job runs
    (after PROGRESS_DELAY_MS); with `on_progress` the caller shows progress itself (and
    cancels with `job.cancel()`). With either, `fn` receives the progress callback as its
    last argument.
    """
    dialog = _progress_dialog(parent, progress_text) if progress_text is not None else None
    job: Job | None = None

    def ended() -> None:
        if dialog is not None:
            dialog.reset()  # close() would emit canceled()
            dialog.deleteLater()
        if on_end is not None:
            on_end()

    def done(result: Any) -> None:
        ended()
        on_done(result)

    def failed(error: BaseException) -> None:
        ended()
        if isinstance(error, Cancelled) or (job is not None and job.cancelled):
            # A service stopped by its progress callback may raise its own kind of "stopped"
            # (the SQLite backup does): once the person pressed Cancel, it is a cancel.
            log.debug("job cancelled", exc_info=error)
            if on_cancelled is not None:
                on_cancelled()
        elif isinstance(error, KnownError):
            if on_known_error is not None:
                on_known_error(error)
            else:
                prompts.warn(parent, title, error.message)
        else:
            raise error

    def moved(done_count: int, total: int) -> None:
        if dialog is not None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done_count, max(total, 1)))
        if on_progress is not None:
            on_progress(done_count, total)

    reports = dialog is not None or on_progress is not None
    job = start_job(
        fn, *args, on_done=done, on_error=failed, on_progress=moved if reports else None
    )
    if dialog is not None:
        dialog.canceled.connect(job.cancel)
    return job


def _progress_dialog(parent: QWidget | None, text: str) -> QProgressDialog:
    dialog = QProgressDialog(text, QCoreApplication.translate("Jobs", "Cancel"), 0, 100, parent)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    # At the minimum the dialog (re)starts its show timer with the duration just set; without
    # this it keeps the one started by the constructor, Qt's default of 4 s.
    dialog.setValue(0)
    return dialog
