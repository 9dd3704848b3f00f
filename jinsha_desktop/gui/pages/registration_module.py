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

    def restore_draft(self, kind: str, key: str, values: dict[str, Any]) -> bool:
        """A registration typed when the program stopped: back into the form."""
        if self.form is None:
            return False
        self.setCurrentWidget(self.form)
        self.form.restore(values)
        return True
