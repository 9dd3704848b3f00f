"""Autosave of half-typed forms: every few seconds while there is unsaved input."""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.gui.forms.binder import FormBinder
from jinsha_desktop.gui.modules import draft_form
from jinsha_desktop.gui.prompts import Prompts
from jinsha_desktop.services import drafts
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.drafts import SavedDraft

log = logging.getLogger(__name__)

AUTOSAVE_INTERVAL_MS = 3000


class DraftKeeper(QObject):
    """Saves the form's values as a draft when they changed since the last save."""

    def __init__(
        self,
        binder: FormBinder,
        context: Callable[[], AppContext],
        form_key: str,
        title: str,
        interval_ms: int | None = None,
    ) -> None:
        super().__init__(binder)
        self.binder, self.context, self.form_key, self.title = binder, context, form_key, title
        self.dirty = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms or AUTOSAVE_INTERVAL_MS)
        self._timer.timeout.connect(self.save_now)
        binder.edited.connect(self._on_edited)

    def _on_edited(self) -> None:
        self.dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def save_now(self) -> None:
        if not self.dirty:
            self._timer.stop()
            return
        try:
            drafts.save_draft(self.context(), self.form_key, self.title, self.binder.values())
            self.dirty = False
        except KnownError as error:
            # The form itself still holds the input; the next tick tries again.
            log.warning("draft of %s not saved: %s", self.form_key, error.message)

    def settle(self) -> None:
        """What the form holds now is where it starts (values the dialog set itself: today's
        date, the record being edited), not input to keep."""
        self._timer.stop()
        self.dirty = False

    def discard(self) -> None:
        """The form was saved or deliberately abandoned: forget the draft."""
        self._timer.stop()
        self.dirty = False
        try:
            drafts.discard_draft(self.context(), self.form_key)
        except KnownError as error:
            log.warning("draft of %s not discarded: %s", self.form_key, error.message)


class DraftAnswer(IntEnum):
    """What the user chose for a draft left by a form that was never saved."""

    RESTORE = 0
    LATER = 1
    DISCARD = 2


def ask_about_draft(prompts: Prompts, parent: QWidget | None, draft: SavedDraft) -> DraftAnswer:
    """Restore a crashed form's input? Enter restores and Esc asks again at the next start:
    throwing typed input away takes the Discard button, never a reflex key."""
    when = draft.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
    text = (
        QCoreApplication.translate(
            "Drafts",
            "“%1” was not saved (last typed %2), perhaps because the program was "
            "closed unexpectedly. Restore it now?",
        )
        .replace("%1", draft_title(draft))
        .replace("%2", when)
    )
    buttons = [
        QCoreApplication.translate("Drafts", "Restore"),
        QCoreApplication.translate("Drafts", "Later"),
        QCoreApplication.translate("Drafts", "Discard it"),
    ]
    title = QCoreApplication.translate("Drafts", "Unsaved input found")
    answer = prompts.choose(parent, title, text, buttons, DraftAnswer.RESTORE, DraftAnswer.LATER)
    return DraftAnswer(answer)


def draft_title(draft: SavedDraft) -> str:
    """The form's name in the language of the interface asking now, not the stored title: that
    one is in the language of the session that typed the draft ("Visitor registration" in a
    Chinese interface)."""
    owner = draft_form(draft.form_key.partition(":")[0])
    return owner[1].shown_title() if owner is not None else draft.title
