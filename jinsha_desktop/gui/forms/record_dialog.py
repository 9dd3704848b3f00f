"""The one dialog behaviour for editing a record: keyboard first, errors by the field, drafts."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.binder import FormBinder
from jinsha_desktop.gui.forms.drafts import DraftKeeper
from jinsha_desktop.gui.forms.enter_walk import EnterWalk


class RecordDialog(QDialog):
    """Subclasses set `ui_class` and `fields`, fill choices, and implement `submit(values)`.

    Enter moves to the next field and saves on the last one; Ctrl+S saves from anywhere.
    """

    ui_class: type
    fields: list[str]
    draft_kind = ""
    """Prefix of the draft key; empty for forms that must never keep drafts (passwords)."""

    def __init__(
        self, gui: GuiContext, parent: QWidget | None, record_key: str = "new", title: str = ""
    ) -> None:
        super().__init__(parent)
        self.gui = gui
        self.form = self.ui_class()
        self.form.setupUi(self)
        self.setWindowTitle(title or self.windowTitle())
        self.prepare()
        self.binder = FormBinder(self.form, self.fields)
        self._restored = False
        self.drafts: DraftKeeper | None = None
        if self.draft_kind:
            self.drafts = DraftKeeper(
                self.binder,
                lambda: self.gui.services,
                f"{self.draft_kind}:{record_key}",
                self.windowTitle(),
            )
        buttons: QDialogButtonBox = self.form.buttons
        save = buttons.button(QDialogButtonBox.StandardButton.Save) or buttons.button(
            QDialogButtonBox.StandardButton.Ok
        )
        save.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        self.walk = EnterWalk(self, [self.binder.widget(name) for name in self.fields], self.save)
        # Enter walks the fields; no button may catch it as the dialog's default.
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)

    def prepare(self) -> None:
        """Fill combo boxes and other choices before values are bound."""

    def submit(self, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def save(self) -> None:
        self.binder.clear_errors()
        try:
            self.submit(self.binder.values())
        except KnownError as error:
            self.binder.show_error(error)
            return
        if self.drafts is not None:
            self.drafts.discard()
        self.accept()

    def reject(self) -> None:
        if self.drafts is not None and (self.drafts.dirty or self._has_input()):
            if not self.gui.prompts.confirm(
                self,
                self.tr("Discard input"),
                self.tr("Close without saving? What you typed in this form will be lost."),
                self.tr("Close without saving"),
            ):
                return
            self.drafts.discard()
        super().reject()

    def _has_input(self) -> bool:
        return self._initial != self.binder.values() if hasattr(self, "_initial") else False

    def showEvent(self, event: Any) -> None:
        if not hasattr(self, "_initial"):
            self._initial = self.binder.values()
            if self.drafts is not None and not self._restored:
                # What the dialog filled in before it was shown is its starting point: Esc
                # closes it without asking, and no draft of it is kept.
                self.drafts.settle()
        super().showEvent(event)

    def restore(self, values: dict[str, Any]) -> None:
        """Put a draft's values back into the form (after a crash)."""
        self.binder.set_values(values)
        self._restored = True
        if self.drafts is not None:
            self.drafts.dirty = True
