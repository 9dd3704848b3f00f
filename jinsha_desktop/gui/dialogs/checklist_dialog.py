"""The checklist editor (检查清单): the name and veto rule, then the sections and their items
in one table an administrator fills with the keyboard.

Which version a save changes is the service's rule (services/checklists.save_template): the
dialog says it before the save — "第2版 is used by inspections: saving makes 第3版" — so no one
is surprised that old inspections keep the version they were scored on.
"""

from __future__ import annotations

import uuid
from typing import Any, cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QWidget,
)

from jinsha_desktop.domain.checklists import ChecklistContent
from jinsha_desktop.domain.errors import FormErrors, KnownError
from jinsha_desktop.domain.inspections import VetoMode
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.checklist_rows import (
    COLUMNS,
    ChecklistRowsModel,
    EditRow,
    points_text,
)
from jinsha_desktop.gui.forms.binder import FormBinder
from jinsha_desktop.gui.forms.drafts import DraftKeeper
from jinsha_desktop.gui.forms.enter_walk import EnterWalk
from jinsha_desktop.gui.generated.ui_checklist_dialog import Ui_ChecklistDialog
from jinsha_desktop.gui.look import ERROR_STYLE, fit_to_screen
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.services.checklists import TemplateRow, save_template, template_content

HEADER_FIELDS = ["title", "veto_mode", "veto_score", "note"]


class _EditorInput(QObject):
    """The editor's whole input as the draft keeper reads a form: the header fields and every
    row (a crash loses nothing typed in the table either)."""

    edited = Signal()
    """The user changed a field or a row."""

    def __init__(self, binder: FormBinder, model: ChecklistRowsModel) -> None:
        super().__init__(binder)
        self.binder, self.model = binder, model
        binder.edited.connect(self.edited)
        model.edited.connect(self.edited)

    def values(self) -> dict[str, Any]:
        return {**self.binder.values(), "rows": self.model.row_values()}


class ChecklistDialog(QDialog):
    """Edit a template (`row`) or make a new one (None). `saved_id` is the template saved."""

    def __init__(self, gui: GuiContext, parent: QWidget | None, row: TemplateRow | None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.row = row
        self.saved_id: uuid.UUID | None = None
        self.form = Ui_ChecklistDialog()
        self.form.setupUi(self)
        for mode in VetoMode:
            self.form.veto_mode.addItem(shown(mode.label), mode.value)
        self.binder = FormBinder(self.form, HEADER_FIELDS)
        self.model = ChecklistRowsModel(self)
        self.table = self.form.items
        self.table.setModel(self.model)
        self.form.version_label.setText(self._version_text())
        if row is not None:
            self.setWindowTitle(self.tr("Checklist: %1").replace("%1", row.name))
            content, _number = template_content(gui.services, row.id)
            self._load(content)
        else:
            self.setWindowTitle(self.tr("New checklist"))
            self.model.insert(0, [EditRow(True), EditRow(False)])
        self._initial = self._content()
        key = f"checklist:{row.id if row is not None else 'new'}"
        self.drafts = DraftKeeper(
            cast(FormBinder, _EditorInput(self.binder, self.model)),
            lambda: self.gui.services,
            key,
            self.windowTitle(),
        )
        self._restored = False
        self._wire()
        self._update_maximum()
        # Two lines of note; the table takes the rest of a window as large as the screen allows.
        note = self.form.note
        note.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        margins = 2 * (note.frameWidth() + int(note.document().documentMargin()))
        note.setFixedHeight(note.fontMetrics().lineSpacing() * 2 + margins + 2)
        self.resize(1280, 660)
        fit_to_screen(self)

    def _load(self, content: ChecklistContent) -> None:
        self.binder.set_values(
            {
                "title": content.title,
                "veto_mode": VetoMode(content.veto_mode).value,
                "veto_score": points_text(content.veto_score),
                "note": content.note,
            }
        )
        self.model.load(content)

    def restore(self, values: dict[str, Any]) -> None:
        """Put a draft's input back (after a crash)."""
        self.binder.set_values({k: v for k, v in values.items() if k in HEADER_FIELDS})
        self.model.load_rows(list(values.get("rows") or []))
        self._update_maximum()
        self._restored = True
        self.drafts.dirty = True

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        if not self._restored:
            self.drafts.settle()  # what the dialog loaded is where it starts, not input
        super().showEvent(event)

    def _version_text(self) -> str:
        row = self.row
        if row is None:
            return self.tr("A new checklist: saving makes version 1 (第1版).")
        if row.frozen:
            return (
                self.tr(
                    "Version %1 is used by inspections and is frozen: saving makes version %2; "
                    "the inspections already made keep version %1."
                )
                .replace("%1", str(row.current_number))
                .replace("%2", str(row.current_number + 1))
            )
        return self.tr(
            "Version %1, not used by any inspection yet: saving changes this version."
        ).replace("%1", str(row.current_number))

    def _wire(self) -> None:
        form = self.form
        form.form_error.setStyleSheet(ERROR_STYLE)
        form.add_section_button.clicked.connect(self.add_section)
        form.add_item_button.clicked.connect(self.add_item)
        form.remove_button.clicked.connect(self.remove_row)
        form.up_button.clicked.connect(lambda: self.move_row(-1))
        form.down_button.clicked.connect(lambda: self.move_row(1))
        keys = (
            (QKeySequence(Qt.Key.Key_Insert), self.add_item),
            (QKeySequence("Ctrl+Ins"), self.add_section),
            (QKeySequence("Ctrl+Del"), self.remove_row),
            (QKeySequence("Ctrl+Up"), lambda: self.move_row(-1)),
            (QKeySequence("Ctrl+Down"), lambda: self.move_row(1)),
        )
        for sequence, slot in keys:
            shortcut = QShortcut(sequence, self.table, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        buttons: QDialogButtonBox = form.buttons
        buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            if isinstance(button, QPushButton):  # Enter walks the fields and the table
                button.setAutoDefault(False)
                button.setDefault(False)
        self.walk = EnterWalk(
            self, [self.binder.widget(name) for name in HEADER_FIELDS], self._into_table
        )
        self.model.edited.connect(self._update_maximum)
        self.binder.edited.connect(self._update_maximum)

    def _into_table(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.model.rows:
            self.table.setCurrentIndex(self.model.index(0, 1))

    # -- rows

    def _current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def _go_to(self, row: int, column: int = 1, *, edit: bool = False) -> None:
        index = self.model.index(row, column)
        self.table.setFocus()
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        if edit:
            self.table.edit(index)

    def add_item(self) -> None:
        """A new item after the current row (the first item of a section, when on it)."""
        self._finish_editing()
        current = self._current_row()
        if not self.model.rows:
            self.model.insert(0, [EditRow(True), EditRow(False)])
            self._go_to(0, edit=True)
            return
        at = len(self.model.rows) if current is None else current + 1
        self.model.insert(at, [EditRow(False)])
        self._go_to(at, 0, edit=True)

    def add_section(self) -> None:
        """A new section, with one empty item, after the current section."""
        self._finish_editing()
        current = self._current_row()
        if current is None or not self.model.rows:
            at = len(self.model.rows)
        else:
            start = current
            while not self.model.rows[start].section:
                start -= 1
            at = self.model.block(start)[1]
        self.model.insert(at, [EditRow(True), EditRow(False)])
        self._go_to(at, edit=True)

    def remove_row(self) -> None:
        self._finish_editing()
        row = self._current_row()
        if row is None:
            return
        start, end = self.model.block(row)  # a section goes with its items
        if end - start > 1 and not self.gui.prompts.confirm(
            self,
            self.tr("Remove section"),
            self.tr("Remove the section “%1” and its %2 items?")
            .replace("%1", self.model.rows[row].text)
            .replace("%2", str(end - start - 1)),
            self.tr("Remove"),
        ):
            return
        self.model.remove(start, end)
        if self.model.rows:
            self._go_to(min(start, len(self.model.rows) - 1), self.table.currentIndex().column())

    def move_row(self, step: int) -> None:
        self._finish_editing()
        row = self._current_row()
        if row is None:
            return
        column = self.table.currentIndex().column()
        moved = self.model.move(row, step)
        if moved is not None:
            self._go_to(moved, column)

    def _finish_editing(self) -> None:
        """Keep what a cell being typed holds (a button or Ctrl+S pressed while typing)."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            editor = self.table.indexWidget(self.table.currentIndex()) or self.focusWidget()
            if editor is not None and editor is not self.table:
                self.table.commitData(editor)
                self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    # -- the checklist

    def _content(self) -> ChecklistContent:
        values = self.binder.values()
        return self.model.content(
            values["title"], values["veto_mode"], values["veto_score"], values["note"]
        )

    def _update_maximum(self) -> None:
        try:
            clean = self._content().cleaned()
        except KnownError:
            self.form.maximum_label.setText(self.tr("Maximum: – (fix the marked values)"))
            return
        self.form.maximum_label.setText(
            self.tr("Maximum %1 points, %2 items")
            .replace("%1", points_text(clean.full_score().maximum))
            .replace("%2", str(clean.item_count))
        )

    def save(self) -> None:
        self._finish_editing()
        self.binder.clear_errors()
        self.model.set_errors({})
        self.form.form_error.setText("")
        try:
            self.saved_id = save_template(
                self.gui.services, self.row.id if self.row else None, self._content()
            )
        except FormErrors as error:
            self._show_errors(error)
            return
        except KnownError as error:
            self.binder.show_error(error)
            return
        self._initial = self._content()
        self.drafts.discard()
        self.accept()

    def _show_errors(self, error: FormErrors) -> None:
        """Header errors by their fields; row errors marked on their rows, the first one said
        below the table and selected."""
        by_row: dict[int, str] = {}
        header = []
        for each in error.errors:
            row = self.model.row_of_field(each.field)
            if row is None:
                header.append(each)
            else:
                by_row.setdefault(row, shown(each.message))
        self.model.set_errors(by_row)
        if header:
            self.binder.show_error(FormErrors(header))
        if by_row:
            first = min(by_row)
            message = (
                self.tr("Row %1: %2").replace("%1", str(first + 1)).replace("%2", by_row[first])
            )
            if header:
                message = f"{self.form.form_error.text()}\n{message}".strip()
            self.form.form_error.setText(message)
            self.form.form_error.show()
            if not any(each.field in HEADER_FIELDS for each in header):
                self._go_to(first, self._column_of(first))

    def _column_of(self, row: int) -> int:
        """The cell to put the cursor on for a row's error: its text when empty, else the
        points (an item) or the cap (a section)."""
        each = self.model.rows[row]
        if not each.text:
            return COLUMNS.index("text")
        return COLUMNS.index("cap" if each.section else "points")

    def reject(self) -> None:
        self._finish_editing()
        if self._content() != self._initial and not self.gui.prompts.confirm(
            self,
            self.tr("Discard changes"),
            self.tr("Close without saving? The changes to this checklist will be lost."),
            self.tr("Close without saving"),
        ):
            return
        self.drafts.discard()
        super().reject()

    def cell(self, row: int, key: str) -> Any:
        """What a cell holds (tests read it)."""
        return getattr(self.model.rows[row], key)
