"""After a registration is saved: what the "last saved" box says, and the follow-up of a
flagged visit (the clerk is asked to start health monitoring; a volunteer is told).

What the case would be — its reason, reason code and length — is the monitoring service's
decision (`monitoring.offer_for`), and so is whether to ask or only tell
(`monitoring.follow_up`); here is only how it is asked and shown.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.text import label_of
from jinsha_desktop.domain.visit import Direction, VisitInput
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.look import ERROR_STYLE
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.services import monitoring
from jinsha_desktop.services.registration import PersonCard, RegistrationResult
from jinsha_desktop.services.registration_settings import RegistrationSettings


class AfterSave(QObject):
    """Tells what was saved and follows a flagged visit up, for one registration page."""

    def __init__(self, page: QWidget, gui: GuiContext, label: QLabel) -> None:
        super().__init__(page)
        self.page, self.gui, self.label = page, gui, label

    def show_saved(self, result: RegistrationResult, data: VisitInput, when: datetime) -> None:
        """Who was registered, which way and when; new or known; warnings; why it is flagged."""
        moment = when.astimezone().strftime("%Y-%m-%d %H:%M")
        lines = [
            f"{data.name.strip()}  {shown(label_of(Direction, data.direction))}  {moment}",
            self.tr("New person") if result.new_person else self.tr("Known person"),
            *map(shown, result.warnings),
        ]
        if result.flags:
            lines.append(self.tr("Needs follow-up:"))
            lines += [f"• {shown(flag.reason)}" for flag in result.flags]
        self.label.setText("\n".join(lines))
        self.label.setStyleSheet(ERROR_STYLE if result.flags else "")

    def offer_monitoring(
        self, result: RegistrationResult, card: PersonCard | None, settings: RegistrationSettings
    ) -> uuid.UUID | None:
        """A flagged visit: the clerk is asked to start monitoring (Enter says yes), a volunteer
        or a person already followed up is told. The case opened (and said so), or None."""
        gui, page = self.gui, self.page
        follow = monitoring.follow_up(gui.services, result, settings, card)
        if follow is None:
            return None
        title = self.tr("Visit flagged")
        flagged = self.tr("This visit is flagged:") + "\n"
        flagged += "\n".join(f"• {shown(flag.reason)}" for flag in result.flags)
        if follow.step is monitoring.FollowUpStep.ALREADY_MONITORED:
            already = self.tr("The person is already under health monitoring.")
            gui.prompts.info(page, title, flagged + "\n\n" + already)
            return None
        if follow.step is monitoring.FollowUpStep.INFORM:
            gui.prompts.info(page, title, flagged)
            return None
        offer = follow.case
        question = self.tr("Start health monitoring for %n days from today?", "", offer.days or 0)
        if not gui.prompts.confirm(
            page,
            title,
            flagged + "\n\n" + question,
            self.tr("Start monitoring"),
            default_yes=True,  # the person is flagged: Enter follows them up
        ):
            return None
        try:
            case_id = monitoring.open_case(gui.services, offer)
        except KnownError as error:
            gui.prompts.warn(page, self.tr("Health monitoring"), error.message)
            return None
        self.label.setText(self.label.text() + "\n" + self.tr("Health monitoring started."))
        return case_id
