"""The job runner (gui/jobs.py): every outcome of a background job handled once, by default:
the result handed over, Cancel quiet, a known error shown with its message, a bug to the crash
handler. Each test waits for state, never for time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from jinsha_desktop.db.sqlite_backup import BackupCancelled
from jinsha_desktop.domain.errors import Cancelled, KnownError, ValidationError
from jinsha_desktop.gui.jobs import run_job

TITLE = "Export to Excel"


@pytest.fixture
def owner(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


class Seen:
    """What the runner handed back to its caller, in order."""

    def __init__(self) -> None:
        self.events: list[Any] = []

    def done(self, result: Any) -> None:
        self.events.append(("done", result))

    def ended(self) -> None:
        self.events.append("ended")


def start(work: Callable[..., Any], owner: QWidget, prompts: Any, seen: Seen, **options: Any):
    return run_job(
        work,
        parent=owner,
        prompts=prompts,
        title=TITLE,
        on_done=seen.done,
        on_end=seen.ended,
        **options,
    )


def test_a_finished_job_ends_then_hands_over_its_result(qtbot, owner, prompts):
    seen = Seen()
    run_job(lambda a, b: a + b, 2, 3, parent=owner, prompts=prompts, title=TITLE,
            on_done=seen.done, on_end=seen.ended)  # fmt: skip
    qtbot.waitUntil(lambda: ("done", 5) in seen.events)
    assert seen.events == ["ended", ("done", 5)]
    assert prompts.shown == []


def test_a_known_error_is_shown_with_its_message_under_the_title(qtbot, owner, prompts):
    seen = Seen()

    def work() -> None:
        raise ValidationError("请选择卡点。", "checkpoint_id")

    start(work, owner, prompts, seen)
    qtbot.waitUntil(lambda: bool(prompts.shown))
    assert prompts.shown == [("warn", TITLE, "请选择卡点。")]
    assert seen.events == ["ended"]


def test_a_caller_may_show_a_known_error_its_own_way(qtbot, owner, prompts):
    seen, errors = Seen(), []

    def work() -> None:
        raise KnownError("数据库文件已损坏。请从备份恢复。")

    start(work, owner, prompts, seen, on_known_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert errors[0].message == "数据库文件已损坏。请从备份恢复。"
    assert prompts.shown == [] and seen.events == ["ended"]


def working(gate: threading.Event, stopped: type[BaseException]) -> Callable[..., str]:
    """A job that reports 1 of 2, waits for the test, then asks whether to go on."""

    def work(progress: Callable[[int, int], bool | None]) -> str:
        progress(1, 2)
        gate.wait(timeout=30)
        if progress(2, 2) is False:
            raise stopped()
        return "written"

    return work


@pytest.mark.parametrize("stopped", [Cancelled, BackupCancelled], ids=["cancelled", "own-error"])
def test_cancel_in_the_progress_dialog_ends_the_job_quietly(qtbot, owner, prompts, stopped):
    seen, cancelled, gate = Seen(), [], threading.Event()
    job = start(
        working(gate, stopped),
        owner,
        prompts,
        seen,
        progress_text="Exporting…",
        on_cancelled=lambda: cancelled.append(True),
    )
    dialog = owner.findChild(QProgressDialog)
    qtbot.waitUntil(dialog.isVisible)  # shown once the job takes a while
    qtbot.waitUntil(lambda: (dialog.value(), dialog.maximum()) == (1, 2))
    [cancel] = dialog.findChildren(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: bool(cancelled))
    assert job.cancelled
    assert seen.events == ["ended"] and prompts.shown == []
    qtbot.waitUntil(lambda: owner.findChild(QProgressDialog) is None)  # not left behind


def test_progress_may_be_shown_by_the_caller(qtbot, owner, prompts):
    seen, moves, gate = Seen(), [], threading.Event()
    gate.set()
    start(working(gate, Cancelled), owner, prompts, seen, on_progress=lambda *m: moves.append(m))
    qtbot.waitUntil(lambda: ("done", "written") in seen.events)
    assert moves == [(1, 2), (2, 2)]
    assert owner.findChild(QProgressDialog) is None


def test_a_bug_goes_to_the_crash_handler(qtbot, owner, prompts):
    seen = Seen()

    def work() -> None:
        raise RuntimeError("a bug")

    with qtbot.captureExceptions() as exceptions:
        start(work, owner, prompts, seen)
        qtbot.waitUntil(lambda: bool(exceptions))
    [(kind, error, _traceback)] = exceptions
    assert kind is RuntimeError and str(error) == "a bug"
    assert seen.events == ["ended"] and prompts.shown == []
