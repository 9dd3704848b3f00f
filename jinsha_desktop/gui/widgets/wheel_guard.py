"""The mouse wheel scrolls the page; it changes a value only in the field that has the focus.

Qt's combo boxes, spin boxes, date edits and sliders take every wheel turn under the pointer,
and take the focus with it (their focus policy is Qt.WheelFocus): scrolling a long form moved
健康码 from blank to 绿码 to 黄码 and stopped at 同行人数 (issue 10, point 3). One event filter on
the application, installed once at start-up (gui/app.py), makes every such widget in every window
behave as a person expects:

- it no longer takes the focus from the wheel (Qt.WheelFocus becomes Qt.StrongFocus when the
  widget is polished, i.e. before it is first shown);
- a wheel turn over one that does not have the focus leaves its value alone and scrolls the
  nearest enclosing scroll area (the form's QScrollArea, a list) instead;
- once it has the focus (clicked, or reached with Tab) the wheel changes its value as usual.

Scroll bars are sliders too, and keep their wheel.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

VALUE_WIDGETS = (QComboBox, QAbstractSpinBox, QAbstractSlider)
"""Widgets whose value a wheel turn changes (QAbstractSpinBox covers date and time edits)."""
_POLISH = QEvent.Type.Polish
_WHEEL = QEvent.Type.Wheel  # looked up once: the filter sees every event of the program


def changes_on_wheel(widget: QObject) -> bool:
    return isinstance(widget, VALUE_WIDGETS) and not isinstance(widget, QScrollBar)


def enclosing_scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        if parent.isWindow():
            return None
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """The application-wide event filter described above; see `install_wheel_guard`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if kind == _POLISH and changes_on_wheel(watched):
            assert isinstance(watched, QWidget)
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == _WHEEL and changes_on_wheel(watched):
            assert isinstance(watched, QWidget) and isinstance(event, QWheelEvent)
            if not watched.hasFocus():
                self._scroll_instead(watched, event)
                return True
        return False

    @staticmethod
    def _scroll_instead(widget: QWidget, event: QWheelEvent) -> None:
        area = enclosing_scroll_area(widget)
        if area is None:
            # Not in a scroll area: let Qt offer the turn to the parents, as to any other widget.
            event.ignore()
            return
        # Sent, not left to propagate: Qt passes a wheel event on to the parents only when it
        # came from the window system, and the area should scroll the same either way.
        viewport = area.viewport()
        position = viewport.mapFromGlobal(event.globalPosition())
        forwarded = QWheelEvent(
            position,
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
            event.source(),
        )
        QApplication.sendEvent(viewport, forwarded)
        event.accept()


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the filter on `app` once (before the first window); returns it."""
    existing = app.findChild(WheelGuard)
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
