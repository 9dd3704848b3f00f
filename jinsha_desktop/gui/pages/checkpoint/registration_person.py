"""Who a document number on the registration form belongs to: looked up through the service,
shown on the person card (gui/widgets/person_card.py), their name, phone and address filled into
the fields the user left empty, and their last trip offered with one key (F3)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.pages.checkpoint.registration_fields import VISIT_FORM, RegistrationBinder
from jinsha_desktop.gui.widgets.person_card import PersonCardBox
from jinsha_desktop.services import registration
from jinsha_desktop.services.last_visit import LastVisit, last_visit
from jinsha_desktop.services.registration import PersonCard
from jinsha_desktop.services.registration_settings import RegistrationSettings


class PersonPanel(QObject):
    """Shows the person on record and fills what is known into fields the user left empty."""

    def __init__(self, gui: GuiContext, form: Any, binder: RegistrationBinder) -> None:
        super().__init__(binder)
        self.gui, self.form, self.binder = gui, form, binder
        self.card: PersonCard | None = None
        self.last: LastVisit | None = None
        self.looked_up: tuple[str, str] | None = None
        self._autofilled: dict[str, Any] = {}
        self.view: PersonCardBox = form.known_box
        self._show_last(None)

    def look_up(self, kind: str, number: str, id_read: bool) -> None:
        """The person with this (valid) document, shown and filled in once per number."""
        if self.looked_up == (kind, number):
            return
        self.looked_up = (kind, number)
        try:
            card = registration.lookup_person(self.gui.services, kind, number)
        except KnownError:
            card = None
        self.show(card, known=True, id_read=id_read)

    def forget(self) -> None:
        """No (valid) number: nothing shown, what was filled for someone is taken back."""
        self.show(None, known=False, id_read=False)

    def show(self, card: PersonCard | None, known: bool, id_read: bool) -> None:
        """The person on record beside the form; their name, phone and address in the form."""
        f = self.form
        if card is None:
            if not known:
                self.looked_up = None
            for name, value in self._autofilled.items():
                if self.binder.value(name) == value:
                    self.binder.set_value(name, "")
            self._autofilled = {}
            f.phone.setPlaceholderText("")
        self.card = card
        self.view.show_person(card, known)
        if card is None:
            self._show_last(None)
            return
        self._autofill("name", card.name)
        self._autofill("destination_address", card.address)
        if not id_read:
            self._autofill("gender", card.gender)
            self._autofill("birth_date", card.birth_date.isoformat() if card.birth_date else "")
        if card.masked:
            # The full number is not shown to this role; left empty, the one on record stays.
            if card.phone:
                f.phone.setPlaceholderText(self.tr("%1 on record").replace("%1", card.phone))
        else:
            self._autofill("phone", card.phone)
        try:
            self._show_last(last_visit(self.gui.services, card.person_id))
        except KnownError:
            self._show_last(None)

    def _show_last(self, last: LastVisit | None) -> None:
        self.last = last
        self.view.show_last_visit(last)

    def use_last_visit(self, settings: RegistrationSettings) -> dict[str, Any]:
        """The last visit's trip as form values (empty when there is none), for the form to set:
        what the service says a new registration takes over (LastVisit.taken_over)."""
        last = self.last
        if last is None:
            return {}
        return VISIT_FORM.form_values(last, last.taken_over(settings.shows))

    def _autofill(self, name: str, value: Any) -> None:
        """Fill a field the user left empty (or that was filled for someone else before)."""
        if value in ("", None):
            return
        current = self.binder.value(name)
        if current in ("", None) or self._autofilled.get(name) == current:
            self.binder.set_value(name, value)
            self._autofilled[name] = value
