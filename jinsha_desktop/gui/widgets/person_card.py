"""The person on record, beside a form: who they are, whether they are followed up, their visits.

Shown by the registration form when a known document number is typed (and by any later form
that names a person). It only shows what a service found — `PersonCard` from the registration
service and the person's `LastVisit` — and offers the last trip with a button; filling the form
is the form's business (`use_last_visit_requested`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from jinsha_desktop.domain.monitoring import CaseStatus
from jinsha_desktop.domain.text import label_of
from jinsha_desktop.domain.visit import Direction, carried_over_headers
from jinsha_desktop.gui.look import ERROR_STYLE
from jinsha_desktop.gui.messages import shown

if TYPE_CHECKING:  # the card only shows what a service found
    from jinsha_desktop.services.last_visit import LastVisit
    from jinsha_desktop.services.registration import PersonCard

LAST_VISIT_KEY = "F3"


class PersonCardBox(QGroupBox):
    """The card: a summary, the monitoring status, the last visit and the recent visits."""

    use_last_visit_requested = Signal()
    """The user asked to fill the form with the last visit's trip (the button)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Person on record"))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.monitoring_status = QLabel(self)
        self.monitoring_status.setWordWrap(True)
        self.monitoring_status.setStyleSheet(ERROR_STYLE)
        self.last_visit = QLabel(self)
        # Read from the top, and allowed to shrink to one line: at the largest interface size a
        # last visit of five lines would push the window past the screen (its tooltip has it all).
        self.last_visit.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.last_visit.setMinimumHeight(self.last_visit.fontMetrics().lineSpacing())
        self.use_last_visit_button = QPushButton(
            self.tr("Use last visit (%1)").replace("%1", LAST_VISIT_KEY), self
        )
        self.use_last_visit_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        taken_over = self.tr(", ").join(shown(header) for header in carried_over_headers())
        self.use_last_visit_button.setToolTip(
            self.tr("Fill %1 as at the last visit; the temperature is measured anew.").replace(
                "%1", taken_over
            )
        )
        self.use_last_visit_button.clicked.connect(self.use_last_visit_requested)
        self.recent_visits_label = QLabel(self.tr("Recent visits"), self)
        self.recent_visits = QListWidget(self)
        self.recent_visits.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recent_visits.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.recent_visits.setWordWrap(True)
        for widget in (
            self.summary,
            self.monitoring_status,
            self.last_visit,
            self.use_last_visit_button,
            self.recent_visits_label,
            self.recent_visits,
        ):
            layout.addWidget(widget)
        self.show_person(None, known=False)

    def show_person(self, card: PersonCard | None, known: bool) -> None:
        """The person on record; without one, whether the number was looked up (`known`)."""
        self.recent_visits.clear()
        self.monitoring_status.clear()
        if card is None:
            self.show_last_visit(None)
            self.summary.setText(
                self.tr("Not registered before: a new person.")
                if known
                else self.tr("Read or type a document number to see the person's earlier visits.")
            )
            return
        details = [card.name]
        if card.phone:
            details.append(self.tr("Phone: %1").replace("%1", card.phone))
        if card.address:
            details.append(self.tr("Address: %1").replace("%1", card.address))
        self.summary.setText("\n".join(details))
        if card.monitoring_status:
            status = shown(CaseStatus(card.monitoring_status).label)
            self.monitoring_status.setText(self.tr("Health monitoring: %1").replace("%1", status))
        for visit in card.recent_visits:
            when = visit.visited_at.astimezone().strftime("%m-%d %H:%M")
            text = f"{when} {shown(label_of(Direction, visit.direction))} {visit.checkpoint}"
            if visit.flagged:
                text += " " + self.tr("(flagged)")
            self.recent_visits.addItem(text)
        if not card.recent_visits:
            self.recent_visits.addItem(self.tr("No visit yet"))

    def show_last_visit(self, last: LastVisit | None) -> None:
        """The person's last trip, offered with the button (hidden without one)."""
        self.use_last_visit_button.setEnabled(last is not None)
        self.use_last_visit_button.setVisible(last is not None)
        self.last_visit.setVisible(last is not None)
        if last is None:
            self.last_visit.clear()
            return
        parts = [
            part
            for part in (
                last.origin and self.tr("from %1").replace("%1", last.origin),
                last.destination_address or "",
                last.purpose,
                last.plate,
            )
            if part
        ]
        when = last.visited_at.astimezone().strftime("%m-%d %H:%M")
        # One line each: the side panel is narrow.
        self.last_visit.setText("\n".join([self.tr("Last visit %1:").replace("%1", when), *parts]))
        self.last_visit.setToolTip(self.last_visit.text())
