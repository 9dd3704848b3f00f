"""Enter moves on: the one keyboard walk of every form (the registration page, record dialogs).

A volunteer fills a form with the number keys and Enter: Enter goes to the next field in reading
order, skipping what cannot take input now (hidden, disabled, read-only, filled from the ID
number), and on the last field it saves. A multi-line text box keeps Enter for its new lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def is_plain_enter(event: QEvent) -> bool:
    """Enter or the keypad's Enter, without Ctrl, Shift or Alt."""
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in ENTER_KEYS
        and not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
    )


def takes_input(widget: QWidget, owner: QWidget) -> bool:
    """Whether Enter (and Tab) should stop at `widget` now."""
    return bool(
        widget.isVisibleTo(owner)
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not getattr(widget, "isReadOnly", lambda: False)()
    )


def tab_order(first: QWidget, within: QWidget) -> list[QWidget]:
    """The widgets of `within` in tab order (the Designer file's <tabstops>), from `first`.

    A form's reading order is read from the form itself, so a field added in Designer (with
    its tab stop) takes its place in the walk without a list kept by hand.
    """
    order: list[QWidget] = []
    widget: QWidget | None = first
    while widget is not None:
        if widget is first and order:
            break
        if widget is first or within.isAncestorOf(widget):
            order.append(widget)
        widget = widget.nextInFocusChain()
    return order


class EnterWalk(QObject):
    """Walks `fields` (in reading order) on Enter and calls `finish` after the last one.

    `intercept(widget)` runs first and returns True when it handled this Enter itself (a bad
    document number stays, a typed route place is added); `reveal(widget)` brings the next field
    into view (a scroll area).
    """

    def __init__(
        self,
        owner: QWidget,
        fields: Sequence[QWidget],
        finish: Callable[[], None],
        *,
        intercept: Callable[[QWidget], bool] | None = None,
        reveal: Callable[[QWidget], None] | None = None,
    ) -> None:
        super().__init__(owner)
        self.owner, self.fields, self.finish = owner, list(fields), finish
        self.intercept, self.reveal = intercept, reveal
        for widget in self.fields:
            if not isinstance(widget, QPlainTextEdit):  # Enter is a new line there
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if is_plain_enter(event) and isinstance(watched, QWidget):
            if self.intercept is None or not self.intercept(watched):
                self.advance(watched)
            return True
        return super().eventFilter(watched, event)

    def advance(self, current: QWidget) -> None:
        """The next field after `current` that takes input; after the last one, finish."""
        start = self.fields.index(current) + 1 if current in self.fields else len(self.fields)
        following = next(
            (w for w in self.fields[start:] if takes_input(w, self.owner)),
            None,
        )
        if following is None:
            self.finish()
            return
        following.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(following, QLineEdit):
            following.selectAll()
        if self.reveal is not None:
            self.reveal(following)
