"""The first-run wizard: unit name, this computer's name, the first administrator."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget, QWizard

from jinsha_desktop.domain.errors import FormErrors, KnownError
from jinsha_desktop.domain.first_run import FirstRun
from jinsha_desktop.domain.reference import DEFAULT_UNIT_NAME
from jinsha_desktop.gui.forms.binder import FormBinder
from jinsha_desktop.gui.forms.enter_walk import EnterWalk
from jinsha_desktop.gui.generated.ui_first_run_wizard import Ui_FirstRunWizard

UNIT_PAGE_FIELDS = ["unit_name", "installation_name"]
ADMIN_PAGE_FIELDS = [
    "admin_username",
    "admin_display_name",
    "admin_password",
    "admin_password_repeat",
]


class FirstRunWizard(QWizard):
    """Collects the answers; `complete` (set by the start-up controller) checks and saves them.

    `complete(answers)` raises KnownError (FormErrors for fields) to keep the wizard open.
    """

    def __init__(self, complete: Callable[[FirstRun], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = Ui_FirstRunWizard()
        self.form.setupUi(self)
        self.complete = complete
        self.binder = FormBinder(self.form, UNIT_PAGE_FIELDS + ADMIN_PAGE_FIELDS)
        self.form.unit_name.setText(DEFAULT_UNIT_NAME)
        self.form.admin_username.setText("admin")
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        # The one Enter walk of every form: Enter moves on, after a page's last field it goes
        # to the next page or finishes (and never also presses the wizard's default button).
        field = self.binder.widget
        EnterWalk(self, [field(name) for name in UNIT_PAGE_FIELDS], self.next)
        EnterWalk(self, [field(name) for name in ADMIN_PAGE_FIELDS], self._finish_from_keyboard)

    def _finish_from_keyboard(self) -> None:
        if self.currentPage() is self.form.admin_page:
            self.accept()

    def answers(self) -> FirstRun:
        return FirstRun(**self.binder.values())

    def validateCurrentPage(self) -> bool:
        if self.currentPage() is self.form.unit_page:
            # Check only this page's fields now; the rest when the wizard finishes.
            try:
                self.answers().cleaned()
            except FormErrors as error:
                mine = [e for e in error.errors if e.field in UNIT_PAGE_FIELDS]
                if mine:
                    self.binder.show_error(FormErrors(mine))
                    return False
            self.binder.clear_errors()
            return True
        try:
            self.complete(self.answers())
        except KnownError as error:
            self.binder.show_error(error)
            if isinstance(error, FormErrors) and any(
                e.field in UNIT_PAGE_FIELDS for e in error.errors
            ):
                self.back()
            return False
        return True
