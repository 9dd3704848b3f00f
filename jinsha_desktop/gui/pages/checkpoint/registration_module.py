"""Visitor registration: the form, the visits list and the people list, as tabs of one module."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.pages.checkpoint.registration_page import RegistrationPage

if TYPE_CHECKING:
    from jinsha_desktop.gui.pages.checkpoint.people_page import PeoplePage
    from jinsha_desktop.gui.pages.checkpoint.visits_page import VisitsPage


class RegistrationModule(QTabWidget):
    checkpoint_changed = Signal(str)
    """The checkpoint the form registers for changed; carries its name ("" for none)."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        user = gui.services.user
        self.form: RegistrationPage | None = None
        if user is not None and user.can(Permission.REGISTER_VISITS):
            self.form = RegistrationPage(gui, self)
            self.form.checkpoint_changed.connect(self.checkpoint_changed)
            self.addTab(self.form, self.tr("Register"))
        # The lists are built when first shown: the form must be usable right after login.
        self.gui = gui
        self._visits: VisitsPage | None = None
        self._people: PeoplePage | None = None
        self._visits_tab = self.addTab(QWidget(self), self.tr("Visits"))
        self._people_tab = self.addTab(QWidget(self), self.tr("People"))
        self.currentChanged.connect(self._build_tab)

    def checkpoint_name(self) -> str:
        """The checkpoint the form registers for ("" without a form or a checkpoint)."""
        return self.form.checkpoint_name() if self.form is not None else ""

    @property
    def visits(self) -> VisitsPage:
        if self._visits is None:
            from jinsha_desktop.gui.pages.checkpoint.visits_page import VisitsPage

            self._visits = VisitsPage(self.gui, self)
            user = self.gui.services.user
            if self.form is not None and user is not None and user.can(Permission.EDIT_RECORDS):
                self._visits.visit_opened.connect(self.edit_visit)
            self._replace_tab(self._visits_tab, self._visits, self.tr("Visits"))
        return self._visits

    @property
    def people(self) -> PeoplePage:
        if self._people is None:
            from jinsha_desktop.gui.pages.checkpoint.people_page import PeoplePage

            self._people = PeoplePage(self.gui, self)
            self._replace_tab(self._people_tab, self._people, self.tr("People"))
        return self._people

    def _replace_tab(self, index: int, page: QWidget, title: str) -> None:
        current = self.currentIndex()
        placeholder = self.widget(index)
        self.blockSignals(True)
        self.removeTab(index)
        self.insertTab(index, page, title)
        self.setCurrentIndex(current)
        self.blockSignals(False)
        if placeholder is not None:
            placeholder.deleteLater()

    def _build_tab(self, index: int) -> None:
        if index == self._visits_tab:
            self.setCurrentWidget(self.visits)
        elif index == self._people_tab:
            self.setCurrentWidget(self.people)

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

    # -- asked by the main window before it closes or logs out

    def has_unsaved_input(self) -> bool:
        """The registration form holds typed input that was not saved."""
        return self.form is not None and self.form.has_input()

    def keep_unsaved_input(self) -> None:
        """Leaving anyway: write the draft now (not at the next autosave tick)."""
        if self.form is not None:
            self.form.drafts.save_now()

    def restore_draft(self, kind: str, key: str, values: dict[str, Any]) -> bool:
        """A registration typed when the program stopped: back into the form."""
        if self.form is None:
            return False
        self.setCurrentWidget(self.form)
        self.form.restore(values)
        return True
