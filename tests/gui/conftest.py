"""GUI fixtures: prompts that answer like a user would, and a logged-in GUI context."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.prompts import Prompts
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.setup import OpenDatabase
from tests.gui.keystroke_journeys import ascii_runs


class AnsweringPrompts(Prompts):
    """Records every prompt and answers `confirm` with the queued answers (default yes)."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answers: list[bool] = []
        self.choices: list[int] = []
        self.item_answers: list[int | None] = []
        self.defaults: list[bool | int] = []
        """What Enter would have answered, prompt by prompt (confirm: default_yes)."""
        self.save_path: Path | None = None
        self.text_answers: list[str | None] = []
        self.open_path: Path | None = None
        self.open_paths: list[Path] = []
        """What open_files answers (photos chosen from disk)."""
        self.print_to: Path | None = None
        """choose_printer answers by printing to this PDF file; None: the user cancels."""
        self.kinds: list[str] = []
        """The kind of file (file_dialogs.FileKind) of each save or open prompt, in order."""

    def info(self, parent: Any, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def warn(self, parent: Any, title: str, text: str) -> None:
        self.shown.append(("warn", title, text))

    def confirm(
        self, parent: Any, title: str, text: str, yes: str = "", *, default_yes: bool = False
    ) -> bool:
        self.shown.append(("confirm", title, text))
        self.defaults.append(default_yes)
        return self.answers.pop(0) if self.answers else True

    def choose(
        self, parent: Any, title: str, text: str, buttons: list[str], default: int, escape: int
    ) -> int:
        """Answers with the queued `choices`, else as Enter would (the default button)."""
        self.shown.append(("choose", title, text))
        self.defaults.append(default)
        return self.choices.pop(0) if self.choices else default

    def choose_item(
        self, parent: Any, title: str, label: str, items: list[str], current: int
    ) -> int | None:
        """Answers with the queued `item_answers`, else as Enter would (`current`)."""
        self.shown.append(("choose_item", title, label))
        return self.item_answers.pop(0) if self.item_answers else max(current, 0)

    def ask_text(self, parent: Any, title: str, label: str, text: str = "") -> str | None:
        self.shown.append(("ask_text", title, label))
        return self.text_answers.pop(0) if self.text_answers else None

    def save_file(
        self, parent: Any, title: str, suggested: str, filters: str, kind: str = ""
    ) -> Path | None:
        self.shown.append(("save_file", title, suggested))
        self.kinds.append(kind)
        return self.save_path

    def open_file(
        self,
        parent: Any,
        title: str,
        start: str,
        filters: str,
        must_exist: bool = True,
        kind: str = "",
    ) -> Path | None:
        self.shown.append(("open_file", title, start))
        self.kinds.append(kind)
        return self.open_path

    def open_files(self, parent: Any, title: str, filters: str, kind: str) -> list[Path]:
        self.shown.append(("open_files", title, ""))
        self.kinds.append(kind)
        return list(self.open_paths)

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


@pytest.fixture(autouse=True)
def application_look_given_back(qapp: Any) -> Any:
    """A test that saves settings applies an interface size (font and style sheet) to the whole
    application: give the next test the look it had, or what it measures and grabs changes with
    the order tests run in."""
    from PySide6.QtGui import QFont

    font, sheet = QFont(qapp.font()), qapp.styleSheet()
    yield
    if qapp.styleSheet() != sheet:
        qapp.setStyleSheet(sheet)
    if qapp.font() != font:
        qapp.setFont(font)


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


DIALOG_TIMEOUT_MS = 20_000


def when_dialog_opens(action: Callable[[Any], None], timeout_ms: int = DIALOG_TIMEOUT_MS) -> None:
    """Run `action(dialog)` once the modal dialog opened by the next call is the active window.

    Shown is not enough: a shortcut such as Ctrl+S reaches only the active window, and on a busy
    machine the window system activates a new dialog a moment after it is shown. So this waits
    for the state (modal, visible, active), polling from the event loop the dialog's exec() runs,
    and fails plainly, closing the dialog, if that state never comes. The dialog is closed after
    `action` if it is still open, so a failed check never leaves a modal dialog blocking the test.
    """
    from PySide6.QtCore import QDeadlineTimer, QTimer
    from PySide6.QtWidgets import QApplication

    deadline = QDeadlineTimer(timeout_ms)

    def ready(dialog: Any) -> bool:
        return (
            dialog is not None
            and dialog.isVisible()
            and QApplication.activeWindow() is dialog
            and not QApplication.activePopupWidget()
        )

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not ready(dialog):
            if deadline.hasExpired():
                if dialog is not None:
                    dialog.done(0)
                raise AssertionError(
                    f"no modal dialog became the active window within {timeout_ms} ms "
                    f"(modal: {dialog!r}, active: {QApplication.activeWindow()!r})"
                )
            QTimer.singleShot(10, poll)
            return
        try:
            action(dialog)
        finally:
            if dialog.isVisible():
                dialog.done(0)

    QTimer.singleShot(0, poll)


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Type like a person: ASCII as key presses, Chinese as an input method commits it.

    (QTest cannot synthesise key presses for characters outside Latin-1.)
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QInputMethodEvent

    for part in ascii_runs(text):
        if part.isascii():
            qtbot.keyClicks(widget, part)
        else:
            event = QInputMethodEvent()
            event.setCommitString(part)
            QCoreApplication.sendEvent(widget, event)
