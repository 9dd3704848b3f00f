"""Two registrations typed with real key events on the real registration form, keys counted.

Shared by tests/gui/test_registration_keystrokes.py (the targets hold) and
tests/benchmarks/bench_keystrokes.py (the figures for the README).

What counts as one keystroke: one key press with its modifiers (Ctrl+S, Alt+M and F3 are one
each), and one Chinese character as an input method commits it (as one written character on
paper; a pinyin input method costs more keys per character, which the paper comparison ignores
in the paper form's favour).
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

RETURNING_TARGET = 20
"""Keys for a returning person with a valid ID (issue 10: measured 45 before)."""
NEW_PERSON_MARGIN = 10
"""Keys beyond name + ID + phone for a new person (issue 10: measured 68 in all before)."""
TEMPERATURE = "36.5"
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
ENTER = Qt.Key.Key_Return
MNEMONIC = re.compile(r"&([^&])")


class Keys:
    """Presses keys into whatever has the focus in `page`, counting them."""

    def __init__(self, page: QWidget) -> None:
        self.page = page
        self.count = 0
        self.log: list[str] = []

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget() or self.page.focusWidget()
        assert widget is not None, "nothing has the focus"
        return widget

    def type(self, text: str) -> None:
        """ASCII as key presses; Chinese as an input method commits it, one key per character."""
        for part in ascii_runs(text):
            if part.isascii():
                QTest.keyClicks(self.focused(), part)
            else:
                event = QInputMethodEvent()
                event.setCommitString(part)
                QCoreApplication.sendEvent(self.focused(), event)
            self.count += len(part)
            self.log.append(part)

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        QTest.keyClick(self.focused(), key, modifier)
        self.count += 1
        self.log.append(f"<{modifier.name if modifier.value else ''}{key.name}>")


def mnemonic_key(label: Any) -> Qt.Key:
    """The letter key of a label's mnemonic (read from the label, whatever letter it has)."""
    match = MNEMONIC.search(label.text().replace("&&", ""))
    assert match is not None, f"no mnemonic in {label.text()!r}"
    return Qt.Key(ord(match.group(1).upper()))


def returning_person(page: Any, id_number: str) -> Keys:
    """A person registered before: the ID, F3 for the last trip, the temperature, Ctrl+S."""
    f, keys = page.form, Keys(page)
    assert keys.focused() is f.document_number
    keys.type(id_number)
    assert f.known_box.use_last_visit_button.isEnabled(), "the last visit is not offered"
    keys.press(Qt.Key.Key_F3)
    if page.settings.requires("temperature"):
        assert keys.focused() is f.temperature, keys.focused().objectName()
        keys.type(TEMPERATURE)
    keys.press(Qt.Key.Key_S, CTRL)
    return keys


def new_person(page: Any, id_number: str, name: str, phone: str) -> Keys:
    """A first visit: ID, name, phone; the temperature by its label's mnemonic; the health code
    green; Ctrl+S."""
    f, keys = page.form, Keys(page)
    assert keys.focused() is f.document_number
    keys.type(id_number)
    keys.press(ENTER)
    assert keys.focused() is f.name, keys.focused().objectName()
    keys.type(name)
    keys.press(ENTER)
    assert keys.focused() is f.phone, keys.focused().objectName()
    keys.type(phone)
    if page.settings.requires("temperature") or page.settings.requires("health_code"):
        keys.press(mnemonic_key(f.temperature_label), ALT)
        assert keys.focused() is f.temperature, keys.focused().objectName()
        keys.type(TEMPERATURE)
        keys.press(ENTER)
        assert keys.focused() is f.health_code, keys.focused().objectName()
        keys.press(Qt.Key.Key_Down)  # the first colour: green
    keys.press(Qt.Key.Key_S, CTRL)
    return keys


def ascii_runs(text: str) -> list[str]:
    """`text` cut where it turns from ASCII (typed as keys) to other characters (committed by an
    input method) and back."""
    runs: list[str] = []
    for ch in text:
        if runs and runs[-1][-1].isascii() == ch.isascii():
            runs[-1] += ch
        else:
            runs.append(ch)
    return runs
