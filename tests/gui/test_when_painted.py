"""gui/app.when_painted: start-up work that waits for the first paint runs once, and runs even
for a window that is never exposed (started minimised)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from jinsha_desktop.gui.app import _FirstExpose, when_painted


def test_runs_once_after_the_window_is_painted(qtbot: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[bool] = []
    widget.show()
    when_painted(widget, lambda: calls.append(widget.windowHandle().isExposed()))
    assert calls == []  # not before the event loop has painted it
    qtbot.waitUntil(lambda: calls == [True])
    # Done: the watcher is gone, and with it the fallback timer that would call a second time
    qtbot.waitUntil(lambda: not widget.findChildren(_FirstExpose))
    assert calls == [True]


def test_runs_for_a_window_that_is_never_exposed(qtbot: Any) -> None:
    widget = QWidget()  # never shown: no Expose will come
    qtbot.addWidget(widget)
    calls: list[int] = []
    when_painted(widget, lambda: calls.append(1))
    qtbot.waitUntil(lambda: calls == [1], timeout=10_000)
    qtbot.waitUntil(lambda: not widget.findChildren(_FirstExpose))
    assert calls == [1]
