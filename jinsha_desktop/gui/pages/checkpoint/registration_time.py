"""The registration form's 时间: now, a time typed for one registration, or a kept time.

Typing a time changes only the registration being typed. Keeping it for the next ones (补录:
typing in a paper sheet afterwards) is a deliberate tick, shown as a banner at the top of the
form with a button to end it; it also ends at midnight (by the injected clock) and at logout
(the form is built again at the next login).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer

CLOCK_INTERVAL_MS = 15_000
BANNER_STYLE = (
    "QFrame#kept_time_banner { background: #fff3cd; border: 1px solid #d9a400; }"
    "QLabel#kept_time_text { color: #6b4400; font-weight: bold; }"
)


class VisitTime(QObject):
    """Drives the time field, the keep-time box and the back-entry banner of one form."""

    def __init__(self, form: Any, now: Callable[[], datetime], parent: QObject) -> None:
        super().__init__(parent)
        self.form, self._now = form, now
        self._typed = False
        """The time was typed for the registration in the form (not the clock's)."""
        self._kept_since: date | None = None
        """The day back-entry began; it ends when the clock passes midnight."""
        form.kept_time_banner.setStyleSheet(BANNER_STYLE)
        form.kept_time_banner.hide()
        form.visited_at.textEdited.connect(self._edited)
        form.visited_at.textChanged.connect(lambda _t: self._show_banner())
        form.keep_time.toggled.connect(self._keep_toggled)
        form.end_kept_time_button.clicked.connect(self.end_keeping)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self.follow_clock)
        self._clock.start(CLOCK_INTERVAL_MS)

    @property
    def kept(self) -> bool:
        return bool(self.form.keep_time.isChecked())

    def given(self) -> bool:
        """Whether the field holds a time to register (typed or kept), not the clock's now."""
        self.end_after_midnight()
        return self._typed or self.kept

    def set_typed(self, when: datetime) -> None:
        """A time for the registration in the form only (a draft, a visit being corrected)."""
        self._show(when)
        self._typed = True

    def mark_typed(self) -> None:
        self._typed = True

    def fresh(self) -> None:
        """After a save or a clear: the kept time stays, anything else follows the clock."""
        self.end_after_midnight()
        if not self.kept:
            self._typed = False
            self._show(self._now())

    def end_keeping(self) -> None:
        """Back to the clock's time (the banner's button, midnight)."""
        self.form.keep_time.setChecked(False)

    def end_after_midnight(self) -> None:
        if self._kept_since is not None and self._now().date() != self._kept_since:
            self.end_keeping()

    def follow_clock(self) -> None:
        self.end_after_midnight()
        if not self.kept and not self._typed and not self.form.visited_at.hasFocus():
            self._show(self._now())

    def _edited(self, _text: str) -> None:
        self._typed = True  # for this registration; keeping it is the box's job

    def _keep_toggled(self, kept: bool) -> None:
        self._kept_since = self._now().date() if kept else None
        if not kept:
            self._typed = False
            self._show(self._now())
        self._show_banner()

    def _show_banner(self) -> None:
        banner = self.form.kept_time_banner
        if not self.kept:
            banner.hide()
            return
        self.form.kept_time_text.setText(
            self.tr(
                "Back-entry: the time stays at %1 for every registration until you end it."
            ).replace("%1", self.form.visited_at.text().strip())
        )
        banner.show()

    def _show(self, when: datetime) -> None:
        self.form.visited_at.setText(when.strftime("%Y-%m-%d %H:%M"))
