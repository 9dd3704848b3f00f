"""The strip above the visits list: today's visits per checkpoint, flagged today, monitoring."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.look import ERROR_STYLE
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.services.visit_summary import VisitSummary, visit_summary

NUMBER_SCALE = 1.7
"""Figures are this much larger than the interface font, to be read at a glance."""
SHOWN_CHECKPOINTS = 6
"""Busiest checkpoints named on the strip; all of them are in the tooltip."""


def _unbroken(text: str) -> str:
    """`text` kept on one line when wrapped: CJK text may otherwise break between any two
    characters, splitting a checkpoint's name (U+2060 WORD JOINER forbids a break)."""
    return "\u2060".join(text)


class _Tile(QFrame):
    """A caption above a large figure, and an optional line of detail below."""

    def __init__(self, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        self.caption = QLabel(caption, self)
        self.figure = QLabel("—", self)
        self.figure.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.hide()
        for label in (self.caption, self.figure, self.detail):
            layout.addWidget(label)
        layout.addStretch(1)
        self._scale_figure()

    def set_figure(self, value: int, alert: bool = False) -> None:
        self.figure.setText(str(value))
        self.figure.setStyleSheet(ERROR_STYLE if alert and value else "")

    def set_detail(self, text: str, tooltip: str = "") -> None:
        self.detail.setText(text)
        self.detail.setVisible(bool(text))
        self.setToolTip(tooltip)

    def _scale_figure(self) -> None:
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * NUMBER_SCALE)
        font.setBold(True)
        self.figure.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # the interface size was changed
            self._scale_figure()
        super().changeEvent(event)


class SummaryStrip(QFrame):
    """Today's figures from services.visit_summary; `refresh()` counts again (a few indexed
    COUNTs, cheap enough to call whenever the list is shown or changed)."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.summary: VisitSummary | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.visits = _Tile(self.tr("Visits today"), self)
        self.flagged = _Tile(self.tr("Flagged today"), self)
        self.monitoring = _Tile(self.tr("Under monitoring"), self)
        layout.addWidget(self.visits, 4)
        layout.addWidget(self.flagged, 1)
        layout.addWidget(self.monitoring, 1)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem, 2)

    def refresh(self) -> None:
        try:
            summary = visit_summary(self.gui.services)
        except KnownError as error:
            self.problem.setText(shown(error.message))
            self.problem.show()
            return
        self.problem.hide()
        self.summary = summary
        self.visits.set_figure(summary.visits_today)
        busy = [c for c in summary.per_checkpoint if c.visits]
        entries = [f"{_unbroken(c.name)}\u00a0{c.visits}" for c in busy[:SHOWN_CHECKPOINTS]]
        if len(busy) > SHOWN_CHECKPOINTS:
            entries.append(self.tr("%n more", "", len(busy) - SHOWN_CHECKPOINTS))
        named = "  ·  ".join(entries)
        everyone = "\n".join(f"{c.name}: {c.visits}" for c in summary.per_checkpoint)
        self.visits.set_detail(named or self.tr("No visits yet today."), everyone)
        self.flagged.set_figure(summary.flagged_today, alert=True)
        self.monitoring.set_figure(summary.under_monitoring)
