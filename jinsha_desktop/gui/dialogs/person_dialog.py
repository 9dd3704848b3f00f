"""Correcting a person's name, phone or address from the people list."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.person import PersonInput
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.record_dialog import RecordDialog
from jinsha_desktop.gui.generated.ui_person_dialog import Ui_PersonDialog
from jinsha_desktop.services import registration
from jinsha_desktop.services.visit_lists import PersonRow


class PersonDialog(RecordDialog):
    ui_class = Ui_PersonDialog
    fields = ["name", "phone", "address"]
    # No draft: three fields correcting data already on record; nothing new is typed here.

    def __init__(self, gui: GuiContext, parent: QWidget | None, person: PersonRow) -> None:
        self.person = person
        super().__init__(gui, parent, str(person.id))
        self.form.document_number.setText(person.document_number)
        self.binder.set_values({"name": person.name, "address": person.address})
        self.form.phone.setPlaceholderText(person.phone)

    def submit(self, values: dict[str, Any]) -> None:
        registration.update_person(
            self.gui.services,
            self.person.id,
            PersonInput(values["name"], values["phone"], values["address"]),
            self.person.version,
        )
