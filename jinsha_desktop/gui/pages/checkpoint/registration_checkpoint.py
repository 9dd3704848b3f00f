"""Which checkpoint this laptop registers for: shown at the top of the form (and, through
`changed`, in the main window's status bar), remembered per machine, asked at a shift's start."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.shifts import asks_for_checkpoint
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.binder import refill_combo
from jinsha_desktop.services import reference, registration

HEADER_STYLE = "font-weight: bold;"
MISSING_STYLE = "font-weight: bold; color: #c62828;"


class CheckpointChoice(QObject):
    changed = Signal(str)
    """The checkpoint shown changed; carries its name ("" when none is chosen)."""

    def __init__(self, gui: GuiContext, form: Any, page: QWidget) -> None:
        super().__init__(page)
        self.gui, self.form, self.page = gui, form, page
        form.checkpoint_id.activated.connect(lambda _i: self.remember())
        form.checkpoint_id.currentIndexChanged.connect(lambda _i: self._show())
        form.change_checkpoint_button.clicked.connect(self.ask)

    def fill(self) -> None:
        """The checkpoints from reference data; the one remembered for this machine chosen."""
        rows = reference.list_checkpoints(self.gui.services)
        items = [
            (row.name if row.unit_name in row.name else f"{row.unit_name} {row.name}", str(row.id))
            for row in rows
        ]
        remembered = str(getattr(self.gui.config, "checkpoint_id", "") or "")
        refill_combo(self.form.checkpoint_id, items, blank=False, keep=remembered)
        if not items:
            self.form.checkpoint_id.setPlaceholderText(
                self.tr("No checkpoint yet (Administration)")
            )
        self._show()

    def name(self) -> str:
        combo = self.form.checkpoint_id
        return str(combo.currentText()) if combo.currentIndex() >= 0 else ""

    def reset_to_remembered(self) -> None:
        """This machine's checkpoint again (after correcting another checkpoint's visit)."""
        index = self.form.checkpoint_id.findData(str(getattr(self.gui.config, "checkpoint_id", "")))
        if index >= 0:
            self.form.checkpoint_id.setCurrentIndex(index)

    def ask_at_shift_start(self) -> None:
        """The first login of a day on this machine (or none set): which checkpoint?"""
        combo = self.form.checkpoint_id
        if combo.count() == 0:
            return  # nothing to choose from yet: the header says so
        remembered = str(getattr(self.gui.config, "checkpoint_id", "") or "")
        today = registration.today_of(self.gui.services)
        known = bool(remembered) and combo.findData(remembered) >= 0
        if asks_for_checkpoint(known, str(getattr(self.gui.config, "checkpoint_day", "")), today):
            self.ask()

    def ask(self) -> None:
        """Choose the checkpoint from a list; Enter keeps the one shown."""
        combo = self.form.checkpoint_id
        names = [combo.itemText(index) for index in range(combo.count())]
        if not names:
            return
        answer = self.gui.prompts.choose_item(
            self.page,
            self.tr("Checkpoint on duty"),
            self.tr("Which checkpoint do you register people at in this shift?"),
            names,
            combo.currentIndex(),
        )
        if answer is not None:
            combo.setCurrentIndex(answer)
            self.remember()

    def remember(self) -> None:
        """This machine's checkpoint, chosen or confirmed today (the shift's)."""
        config = self.gui.config
        value = str(self.form.checkpoint_id.currentData() or "")
        day = registration.today_of(self.gui.services).isoformat()
        if not hasattr(config, "checkpoint_id"):
            return
        if (config.checkpoint_id, getattr(config, "checkpoint_day", "")) == (value, day):
            return
        config.checkpoint_id = value
        config.checkpoint_day = day
        try:
            self.gui.save_config()
        except OSError:
            pass  # remembering is a convenience; the choice still holds for this session

    def _show(self) -> None:
        name = self.name()
        label = self.form.checkpoint_banner
        if name:
            label.setText(self.tr("Checkpoint: %1").replace("%1", name))
            label.setStyleSheet(HEADER_STYLE)
        else:
            label.setText(self.tr("No checkpoint chosen: registrations cannot be saved."))
            label.setStyleSheet(MISSING_STYLE)
        self.changed.emit(name)
