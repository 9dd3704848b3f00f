"""Long work off the GUI thread: one helper, progress and cancel, result or error as signals.

The service reports progress through a plain callback `(done, total) -> bool | None`; returning
False asks it to stop. No processEvents() loops anywhere. Windows and pages start their jobs with
gui/jobs.run_job, which adds the progress dialog, cancel and the default failure handling.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)


class Job(QObject):
    """A running background job. Signals arrive on the GUI thread."""

    progressed = Signal(int, int)
    """(done, total) as reported by the service."""
    finished = Signal(object)
    """The function's return value."""
    failed = Signal(object)
    """The exception it raised (KnownError for expected failures)."""

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int) -> bool:
        """The progress callback handed to the service."""
        self.progressed.emit(done, total)
        return not self._cancel.is_set()


class _Runner(QRunnable):
    def __init__(
        self, job: Job, fn: Callable[..., Any], args: tuple[Any, ...], with_progress: bool
    ) -> None:
        super().__init__()
        self.job, self.fn, self.args, self.with_progress = job, fn, args, with_progress

    def run(self) -> None:
        try:
            args = (*self.args, self.job.report) if self.with_progress else self.args
            result = self.fn(*args)
        except BaseException as error:  # delivered to the GUI thread, which decides
            log.debug("background job failed", exc_info=True)
            self.job.failed.emit(error)
        else:
            self.job.finished.emit(result)


def start_job(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> Job:
    """Run `fn(*args)` on the shared thread pool; with `on_progress`, `fn` also receives the
    progress callback as its last argument. Handlers are connected before the job starts, so
    a quick job cannot finish unheard. Keep the returned Job referenced until it ends."""
    job = Job()
    job.finished.connect(on_done)
    job.failed.connect(on_error)
    if on_progress is not None:
        job.progressed.connect(on_progress)
    QThreadPool.globalInstance().start(_Runner(job, fn, args, on_progress is not None))
    return job


class MainThreadGarbageCollector(QObject):
    """Runs Python's cyclic garbage collector on the GUI thread only.

    Left automatic, the collector may run inside a worker thread and destroy Qt objects there,
    which crashes the process (PySide objects must die on the thread that owns them). Anki's
    `aqt` does the same: automatic collection off, a timer collecting on the main thread.
    """

    INTERVAL_MS = 10_000

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        gc.collect()
