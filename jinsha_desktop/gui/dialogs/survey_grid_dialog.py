"""The paper survey sheet of one compound, typed in a grid with the keyboard only.

A row per building and unit (services/survey_lines.survey_sheet), columns bulbs, switches,
splitters, wiring, other. Digits typed on a cell replace it; Enter and Tab move right, and from
the last column to the first cell of the next row; Ctrl+S saves; Esc asks before discarding.
Each row is checked with the domain's rule (SurveyLineInput.cleaned) as it is typed: a bad
value is marked at its cell with the reason, and nothing is saved until every row is valid.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QInputMethodEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jinsha_desktop.domain.errors import FormErrors, KnownError
from jinsha_desktop.domain.surveys import COUNT_FIELDS, SurveyLineInput
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.look import ERROR_STYLE
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.qdates import python_date, qdate
from jinsha_desktop.services import survey_lines
from jinsha_desktop.services.registration import today_of
from jinsha_desktop.services.survey_lines import SheetLine, SurveySheet

KEYS = tuple(key for key, _label, _word in COUNT_FIELDS) + ("other",)
"""The typed columns, after the place column."""
BAD = QBrush(QColor("#ffd6d6"))
DONE = QBrush(QColor("#e8e8e8"))


class SurveyGrid(QTableWidget):
    """The grid: Enter moves on like Tab, and both wrap to the next row's first typed cell."""

    SHOWN_ROWS = 15
    """Rows the sheet asks room for (a paper sheet's page), cut to the screen by the dialog."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().sizeHint()
        rows = min(self.rowCount(), self.SHOWN_ROWS)
        height = (
            self.horizontalHeader().sizeHint().height()
            + rows * self.verticalHeader().defaultSectionSize()
            + 2 * self.frameWidth()
            + self.horizontalScrollBar().sizeHint().height()
        )
        return QSize(hint.width(), max(hint.height(), height))

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Enter or Tab in a cell: keep what was typed and select the next cell, not editing it,
        # so the next digits typed replace that cell's value.
        step = {
            QAbstractItemDelegate.EndEditHint.SubmitModelCache: 1,  # Enter
            QAbstractItemDelegate.EndEditHint.EditNextItem: 1,
            QAbstractItemDelegate.EndEditHint.EditPreviousItem: -1,
        }.get(hint)
        if step is None:
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.setCurrentIndex(self.next_cell(self.currentIndex(), step))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            self.state() != QAbstractItemView.State.EditingState
        ):
            self.setCurrentIndex(self.next_cell(self.currentIndex(), 1))
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        # Full-width digits and Chinese come from an input method, not as key presses: they
        # start typing in the cell too, replacing its value as a digit key does.
        index = self.currentIndex()
        if (
            self.state() != QAbstractItemView.State.EditingState
            and event.commitString()
            and index.flags() & Qt.ItemFlag.ItemIsEditable
        ):
            self.edit(index)
            editor = QApplication.focusWidget()
            if isinstance(editor, QLineEdit):
                editor.selectAll()
                QApplication.sendEvent(editor, event)
                return
        super().inputMethodEvent(event)

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        if action == QAbstractItemView.CursorAction.MoveNext:
            return self.next_cell(self.currentIndex(), 1)
        if action == QAbstractItemView.CursorAction.MovePrevious:
            return self.next_cell(self.currentIndex(), -1)
        return super().moveCursor(action, modifiers)

    def next_cell(self, index: QModelIndex | QPersistentModelIndex, step: int) -> QModelIndex:
        """The next (step 1) or previous (-1) editable cell in reading order; the same cell at
        either end of the sheet."""
        model = self.model()
        columns = model.columnCount()
        position = index.row() * columns + index.column() if index.isValid() else -1
        last = model.rowCount() * columns
        while 0 <= position + step < last:
            position += step
            candidate = model.index(*divmod(position, columns))
            if model.flags(candidate) & Qt.ItemFlag.ItemIsEditable:
                return candidate
        return model.index(index.row(), index.column()) if index.isValid() else QModelIndex()


class SurveyGridDialog(QDialog):
    saved = Signal(int)
    """The sheet was saved: how many lines changed."""

    def __init__(
        self,
        gui: GuiContext,
        parent: QWidget | None,
        campaign_id: uuid.UUID,
        compound_id: uuid.UUID,
    ) -> None:
        super().__init__(parent)
        self.gui = gui
        self.sheet: SurveySheet = survey_lines.survey_sheet(gui.services, campaign_id, compound_id)
        self.errors: dict[tuple[int, int], str] = {}
        self.dirty = False
        self.setWindowTitle(self.tr("Survey sheet: %1").replace("%1", self.sheet.compound))
        layout = QVBoxLayout(self)
        top = QFormLayout()
        self.campaign_label = QLabel(self.sheet.campaign, self)
        top.addRow(self.tr("Campaign:"), self.campaign_label)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        start, end = self.sheet.period
        self.day.setDateRange(qdate(start), qdate(end))
        typed = [line.surveyed_on for line in self.sheet.lines if line.surveyed_on]
        today = today_of(gui.services)
        self.day.setDate(qdate(max(typed) if typed else min(max(today, start), end)))
        self.day.dateChanged.connect(self._changed)
        top.addRow(self.tr("Survey &date:"), self.day)
        layout.addLayout(top)
        self.grid = SurveyGrid(len(self.sheet.lines), 1 + len(KEYS), self)
        self.grid.setHorizontalHeaderLabels(
            [self.tr("Building / unit")] + [shown(label) for _k, label, _w in COUNT_FIELDS]
            + [self.tr("Other problems")]
        )  # fmt: skip
        self.grid.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Room for "9999" in a count column whatever its heading.
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("99999") + 16)
        header.setSectionResizeMode(len(KEYS), QHeaderView.ResizeMode.Stretch)
        self._fill()
        self.grid.itemChanged.connect(self._item_changed)
        layout.addWidget(self.grid, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.status)
        hint = QLabel(
            self.tr("Type the counts; Enter or Tab moves on. Ctrl+S saves, Esc closes."), self
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):  # Enter belongs to the grid
                button.setAutoDefault(False)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        self.resize(self.sizeHint().expandedTo(QSize(760, 520)))  # a page of rows, on screen
        first = self.grid.next_cell(QModelIndex(), 1)
        self.grid.setCurrentIndex(first)
        self.grid.setFocus()

    def place_shown(self, line: SheetLine) -> str:
        """1幢 2单元 in the interface's language (the building's name as typed)."""
        if line.unit_no:
            return f"{line.building} " + self.tr("Unit %1").replace("%1", str(line.unit_no))
        return f"{line.building} " + self.tr("whole building")

    def _fill(self) -> None:
        self.grid.blockSignals(True)
        for row, line in enumerate(self.sheet.lines):
            place = QTableWidgetItem(self.place_shown(line))
            place.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.grid.setItem(row, 0, place)
            for column, key in enumerate(KEYS, start=1):
                value = getattr(line, key)
                item = QTableWidgetItem("" if value in (0, "") and not line.saved else str(value))
                if key != "other":
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if line.converted:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    item.setBackground(DONE)
                    item.setToolTip(self.tr("Turned into a repair order: no longer changed."))
                self.grid.setItem(row, column, item)
        self.grid.blockSignals(False)

    # -- checking

    def line_input(self, row: int) -> SurveyLineInput:
        line = self.sheet.lines[row]
        texts = {key: self._text(row, column) for column, key in enumerate(KEYS, start=1)}
        return SurveyLineInput(
            line.building_id,
            line.unit_no,
            texts["bulbs"],
            texts["switches"],
            texts["splitters"],
            texts["wiring"],
            texts["other"],
            python_date(self.day.date()),
        )

    def _text(self, row: int, column: int) -> str:
        item = self.grid.item(row, column)
        return item.text() if item is not None else ""

    def check_row(self, row: int) -> bool:
        """Mark the row's bad cells (and clear the good ones); True when it is valid."""
        line: SheetLine = self.sheet.lines[row]
        problems: dict[str, str] = {}
        try:
            self.line_input(row).cleaned(line.unit_count, line.building, self.sheet.period)
        except FormErrors as error:
            problems = {e.field or "": e.message for e in error.errors}
        self.grid.blockSignals(True)
        for column, key in enumerate(KEYS, start=1):
            item = self.grid.item(row, column)
            if item is None or line.converted:
                continue
            message = problems.get(key)
            if message:
                self.errors[(row, column)] = shown(message)
                item.setBackground(BAD)
                item.setToolTip(shown(message))
            else:
                self.errors.pop((row, column), None)
                item.setBackground(QBrush())
                item.setToolTip("")
        self.grid.blockSignals(False)
        self._show_first_error()
        return not any(r == row for r, _c in self.errors)

    def _show_first_error(self) -> None:
        if not self.errors:
            self.status.setText("")
            return
        row, column = min(self.errors)
        self.status.setText(
            self.tr("Row %1 (%2): %3")
            .replace("%1", str(row + 1))
            .replace("%2", self.sheet.lines[row].place)
            .replace("%3", self.errors[(row, column)])
        )

    def _item_changed(self, item: QTableWidgetItem) -> None:
        self.dirty = True
        self.check_row(item.row())

    def _changed(self) -> None:
        self.dirty = True

    # -- saving and leaving

    def save(self) -> None:
        if self.grid.state() == QAbstractItemView.State.EditingState:
            # Ctrl+S while a cell is being typed: take what it holds first.
            editor = self.grid.focusWidget()
            if editor is not None and editor is not self.grid:
                self.grid.commitData(editor)
                self.grid.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        rows = range(len(self.sheet.lines))
        if not all([self.check_row(row) for row in rows]):
            row, column = min(self.errors)
            self.grid.setCurrentCell(row, column)
            self.grid.setFocus()
            return
        lines = [self.line_input(row) for row in rows if not self.sheet.lines[row].converted]
        try:
            changed = survey_lines.save_survey(
                self.gui.services, self.sheet.campaign_id, self.sheet.compound_id, lines
            )
        except FormErrors as error:
            self._mark_service_errors(error)
            return
        except KnownError as error:
            self.status.setText(shown(error.message))
            return
        self.dirty = False
        self.saved.emit(changed)
        self.accept()

    def _mark_service_errors(self, error: FormErrors) -> None:
        editable = [r for r, line in enumerate(self.sheet.lines) if not line.converted]
        for each in error.errors:
            index, _dot, key = (each.field or "").partition(".")
            if index.isdigit() and key in KEYS:
                cell = (editable[int(index)], 1 + KEYS.index(key))
                self.errors[cell] = shown(each.message)
        self._show_first_error() if self.errors else self.status.setText(shown(error.message))

    def reject(self) -> None:
        if self.dirty and not self.gui.prompts.confirm(
            self,
            self.windowTitle(),
            self.tr("Discard what was typed on this sheet?"),
            self.tr("Discard"),
        ):
            return
        super().reject()

    def cell_text(self, row: int, key: str) -> str:
        """What a cell shows (tests and the page read it)."""
        return self._text(row, 1 + KEYS.index(key))
