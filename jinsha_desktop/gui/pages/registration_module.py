"""Visitor registration: the form, the visits list and the people list, as tabs of one module."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QWidget

from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.pages.people_page import PeoplePage
from jinsha_desktop.gui.pages.registration_page import RegistrationPage
from jinsha_desktop.gui.pages.visits_page import VisitsPage


class RegistrationModule(QTabWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        user = gui.services.user
        self.form: RegistrationPage | None = None
        if user is not None and user.can(Permission.REGISTER_VISITS):
            self.form = RegistrationPage(gui, self)
            self.addTab(self.form, self.tr("Register"))
        self.visits = VisitsPage(gui, self)
        self.people = PeoplePage(gui, self)
        self.addTab(self.visits, self.tr("Visits"))
        self.addTab(self.people, self.tr("People"))
        if self.form is not None and user is not None and user.can(Permission.EDIT_RECORDS):
            self.visits.visit_opened.connect(self.edit_visit)

    def edit_visit(self, row: Any) -> None:
        """Open a registration from the list in the form, to correct it."""
        assert self.form is not None
        if self.form.has_input() and not self.form.gui.prompts.confirm(
            self,
            self.tr("Correct a registration"),
            self.tr("The form holds unsaved input. Replace it with the registration to correct?"),
            self.tr("Replace"),
        ):
            return
        self.form.edit_visit(row.id)
        self.setCurrentWidget(self.form)

    def restore_draft(self, kind: str, key: str, values: dict[str, Any]) -> bool:
        """A registration typed when the program stopped: back into the form."""
        if self.form is None:
            return False
        self.setCurrentWidget(self.form)
        self.form.restore(values)
        return True
