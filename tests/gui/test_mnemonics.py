"""No two widgets a user sees at once in a window share an Alt key (issue 10, point 8)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMainWindow, QTabBar, QWidget

from tests.gui.window_walk import (  # noqa: F401  (fixtures)
    LANGUAGES,
    demo_gui,
    demo_template,
    every_window,
    interface,
)

MNEMONIC = re.compile(r"&([^&])")


def mnemonic(text: str) -> str | None:
    match = MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).lower() if match else None


def visible_mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(key, text) of the menu bar titles, buttons, labels, group boxes and tabs shown."""
    texts: list[str] = []
    if isinstance(window, QMainWindow):
        texts += [action.text() for action in window.menuBar().actions() if action.isVisible()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
    return [(key, text) for text in texts if (key := mnemonic(text)) is not None]


def clashes(window: QWidget) -> list[str]:
    by_key: dict[str, list[str]] = {}
    for key, text in visible_mnemonics(window):
        by_key.setdefault(key, []).append(text)
    return [
        f"Alt+{key.upper()}: " + ", ".join(f"“{t}”" for t in texts)
        for key, texts in sorted(by_key.items())
        if len(texts) > 1
    ]


def test_mnemonic_is_the_letter_after_a_single_ampersand():
    assert mnemonic("保存 PDF(&S)…") == "s"
    assert mnemonic("Save && &close") == "c"
    assert mnemonic("Plain") is None


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_two_visible_widgets_of_a_window_share_a_mnemonic(qapp, demo_gui, language):  # noqa: F811
    problems: list[str] = []
    with interface(language, "normal") as families:
        for name, window in every_window(demo_gui(families)):
            problems += [f"{name}: {clash}" for clash in clashes(window)]
    unique = list(dict.fromkeys(problems))
    assert not unique, "\n".join(unique)
