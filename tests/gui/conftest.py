"""GUI fixtures: prompts that answer like a user would, and a logged-in GUI context."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.prompts import Prompts
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.setup import OpenDatabase


class AnsweringPrompts(Prompts):
    """Records every prompt and answers `confirm` with the queued answers (default yes)."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answers: list[bool] = []
        self.save_path: Path | None = None
        self.text_answers: list[str | None] = []
        self.open_path: Path | None = None
        self.print_to: Path | None = None
        """choose_printer answers by printing to this PDF file; None: the user cancels."""

    def info(self, parent: Any, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def warn(self, parent: Any, title: str, text: str) -> None:
        self.shown.append(("warn", title, text))

    def confirm(self, parent: Any, title: str, text: str, yes: str = "") -> bool:
        self.shown.append(("confirm", title, text))
        return self.answers.pop(0) if self.answers else True

    def ask_text(self, parent: Any, title: str, label: str, text: str = "") -> str | None:
        self.shown.append(("ask_text", title, label))
        return self.text_answers.pop(0) if self.text_answers else None

    def save_file(self, parent: Any, title: str, suggested: str, filters: str) -> Path | None:
        self.shown.append(("save_file", title, suggested))
        return self.save_path

    def open_file(
        self, parent: Any, title: str, start: str, filters: str, must_exist: bool = True
    ) -> Path | None:
        self.shown.append(("open_file", title, start))
        return self.open_path

    def choose_printer(self, parent: Any, printer: Any) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        self.shown.append(("choose_printer", "", ""))
        if self.print_to is None:
            return False
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.print_to))
        return True

    def texts(self, kind: str) -> list[str]:
        return [text for k, _title, text in self.shown if k == kind]


@pytest.fixture(autouse=True)
def garbage_collected_on_the_gui_thread(qapp: Any) -> Any:
    """As in the program (gui/workers.py): no collection inside worker threads."""
    import gc

    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture
def prompts() -> AnsweringPrompts:
    return AnsweringPrompts()


@pytest.fixture
def gui(
    admin: AppContext,
    opened: OpenDatabase,
    machine_config: MachineConfig,
    tmp_path: Path,
    prompts: AnsweringPrompts,
) -> GuiContext:
    return GuiContext(admin, opened, machine_config, tmp_path / "config.json", prompts)


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Type like a person: ASCII as key presses, Chinese as an input method commits it.

    (QTest cannot synthesise key presses for characters outside Latin-1.)
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QInputMethodEvent

    for part in _runs(text):
        if part.isascii():
            qtbot.keyClicks(widget, part)
        else:
            event = QInputMethodEvent()
            event.setCommitString(part)
            QCoreApplication.sendEvent(widget, event)


def _runs(text: str) -> list[str]:
    runs: list[str] = []
    for ch in text:
        if runs and runs[-1][-1].isascii() == ch.isascii():
            runs[-1] += ch
        else:
            runs.append(ch)
    return runs
