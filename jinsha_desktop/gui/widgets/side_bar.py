"""The main window's side bar: as wide as its longest module name, in any language and size."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QListWidget, QSizePolicy, QWidget


class SideBar(QListWidget):
    """A list of modules that never cuts a name off ("Visitor registratio") nor grows wider.

    Its width follows the items (font, style-sheet padding) and is worked out again when the
    interface size changes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        widest = max(
            (
                self.sizeHintForIndex(self.model().index(row, 0)).width()
                for row in range(self.count())
            ),
            default=0,
        )
        frame = 2 * self.frameWidth()
        margins = self.viewportMargins()
        return QSize(
            widest + frame + margins.left() + margins.right() + 2 * self.spacing(),
            super().sizeHint().height(),
        )

    def minimumSizeHint(self) -> QSize:
        return QSize(self.sizeHint().width(), super().minimumSizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()

    def rowsInserted(self, parent, start: int, end: int) -> None:  # type: ignore[no-untyped-def]
        super().rowsInserted(parent, start, end)
        self.updateGeometry()

    def dataChanged(self, *args) -> None:  # type: ignore[no-untyped-def]
        super().dataChanged(*args)
        self.updateGeometry()
