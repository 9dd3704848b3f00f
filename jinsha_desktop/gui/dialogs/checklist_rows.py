"""The rows of the checklist editor: a section row, then its items, then the next section.

The model keeps what is typed as text (points "0.5", a cap left empty); the domain parses and
checks it when the checklist is saved (domain/checklists.ChecklistContent.cleaned), and its
errors come back by row ("section:2", "item:7") to be marked where they are.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QTableView,
    QWidget,
)

from jinsha_desktop.domain.checklists import ChecklistContent, ItemDraft, SectionDraft
from jinsha_desktop.domain.inspections import VetoMode

BAD = QBrush(QColor("#ffd6d6"))
SECTION = QBrush(QColor("#e9eef5"))
Index = QModelIndex | QPersistentModelIndex


@dataclass
class EditRow:
    """One row as typed: a section (title in `text`, its cap) or an item."""

    section: bool
    code: str = ""
    text: str = ""
    points: str = ""
    cap: str = ""
    na_allowed: bool = False
    photo_required: bool = False
    veto: bool = False
    error: str = field(default="", compare=False)


COLUMNS = ("code", "text", "points", "cap", "na_allowed", "photo_required", "veto")
FLAGS = ("na_allowed", "photo_required", "veto")
TEXTS = ("code", "text", "points", "cap")


def points_text(value: Decimal | None) -> str:
    """0.50 → "0.5", 100.00 → "100": points as a person types them."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


class ChecklistRowsModel(QAbstractTableModel):
    edited = Signal()
    """The user changed the checklist's rows (a cell, a row added, removed or moved)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[EditRow] = []
        self.headers = (
            self.tr("Code"),
            self.tr("Section / item"),
            self.tr("Points each"),
            self.tr("Cap"),
            self.tr("N/A ok"),
            self.tr("Photo"),
            self.tr("Veto"),
        )
        self.header_tips = (
            self.tr("A short reference printed beside the item, e.g. 1.3."),
            self.tr("A section row (bold), then its items."),
            self.tr("Points deducted per occurrence."),
            self.tr("Most points the item (or the section) can lose."),
            self.tr("“Not applicable” allowed: an N/A item leaves the maximum."),
            self.tr("A photo is required when the problem is found."),
            self.tr("One-vote veto: one occurrence fails the inspection."),
        )

    # -- content in and out

    def load(self, content: ChecklistContent) -> None:
        self.beginResetModel()
        self.rows = []
        for section in content.sections:
            self.rows.append(EditRow(True, text=section.title, cap=points_text(section.cap)))
            for item in section.items:
                self.rows.append(
                    EditRow(
                        False,
                        item.code,
                        item.text,
                        points_text(item.points),
                        points_text(item.cap),
                        item.na_allowed,
                        item.photo_required,
                        item.veto,
                    )
                )
        self.endResetModel()

    def load_rows(self, rows: list[dict[str, Any]]) -> None:
        """Rows as a draft kept them (`row_values`)."""
        self.beginResetModel()
        names = set(EditRow.__dataclass_fields__) - {"error"}
        self.rows = [EditRow(**{k: v for k, v in row.items() if k in names}) for row in rows]
        if self.rows and not self.rows[0].section:
            self.rows.insert(0, EditRow(True))  # the first row is always a section's
        self.endResetModel()

    def row_values(self) -> list[dict[str, Any]]:
        """The rows as plain values, for a draft."""
        return [{k: v for k, v in asdict(row).items() if k != "error"} for row in self.rows]

    def content(self, title: str, veto_mode: Any, veto_score: Any, note: str) -> ChecklistContent:
        """The checklist as typed (values not yet parsed: `cleaned` does that)."""
        sections: list[SectionDraft] = []
        for row in self.rows:
            if row.section:
                sections.append(SectionDraft(row.text, row.cap or None, ()))  # type: ignore[arg-type]
            elif sections:
                item = ItemDraft(
                    row.code,
                    row.text,
                    row.points,  # type: ignore[arg-type]
                    row.cap,  # type: ignore[arg-type]
                    row.na_allowed,
                    row.photo_required,
                    row.veto,
                )
                last = sections[-1]
                sections[-1] = replace(last, items=(*last.items, item))
        mode = veto_mode if veto_mode in set(VetoMode) else VetoMode.SET
        return ChecklistContent(title, tuple(sections), VetoMode(mode), veto_score, note)

    def row_of_field(self, name: str | None) -> int | None:
        """The row a domain error's field names ("section:2", "item:7"), None if none."""
        kind, _colon, number = (name or "").partition(":")
        if kind not in ("section", "item") or not number.isdigit():
            return None
        wanted, seen = int(number), -1
        for row, each in enumerate(self.rows):
            if each.section == (kind == "section"):
                seen += 1
                if seen == wanted:
                    return row
        return None

    def set_errors(self, errors: dict[int, str]) -> None:
        for row, each in enumerate(self.rows):
            each.error = errors.get(row, "")
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 6))

    # -- the table

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row, key = self.rows[index.row()], COLUMNS[index.column()]
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if row.section and key not in ("text", "cap"):
            return base
        if key in FLAGS:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, key = self.rows[index.row()], COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole) and key in TEXTS:
            return getattr(row, key)
        if role == Qt.ItemDataRole.CheckStateRole and key in FLAGS and not row.section:
            return Qt.CheckState.Checked if getattr(row, key) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole:
            return BAD if row.error else SECTION if row.section else None
        if role == Qt.ItemDataRole.FontRole and row.section:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:  # a long text is cut in its cell: whole here
            return row.error or self._tip(row, key) or (row.text if key == "text" else None)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("points", "cap"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _tip(self, row: EditRow, key: str) -> str | None:
        if row.section and key == "cap":
            return self.tr("Most points the section can lose; empty: its items' caps add up.")
        if key == "cap":
            return self.tr("Most points the item can lose: its share of the maximum.")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        row, key = self.rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and key in FLAGS and not row.section:
            setattr(row, key, Qt.CheckState(value) == Qt.CheckState.Checked)
        elif role == Qt.ItemDataRole.EditRole and key in TEXTS:
            text = str(value or "").strip()
            if text == getattr(row, key):
                return False
            setattr(row, key, text)
        else:
            return False
        row.error = ""
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 6))
        self.edited.emit()
        return True

    # -- adding, removing, moving

    def block(self, row: int) -> tuple[int, int]:
        """The rows [start, end) of a section row's section (an item row: just that row)."""
        if not self.rows[row].section:
            return row, row + 1
        end = row + 1
        while end < len(self.rows) and not self.rows[end].section:
            end += 1
        return row, end

    def insert(self, at: int, rows: list[EditRow]) -> None:
        self.beginInsertRows(QModelIndex(), at, at + len(rows) - 1)
        self.rows[at:at] = rows
        self.endInsertRows()
        self.edited.emit()

    def remove(self, start: int, end: int) -> None:
        self.beginRemoveRows(QModelIndex(), start, end - 1)
        del self.rows[start:end]
        self.endRemoveRows()
        self.edited.emit()

    def move(self, row: int, step: int) -> int | None:
        """Move a row (a section with its items) one place up (-1) or down (1); the row's new
        number, or None when it cannot move (the first row stays a section)."""
        start, end = self.block(row)
        if self.rows[row].section:
            if step < 0:
                if start == 0:
                    return None
                before = start - 1
                while not self.rows[before].section:
                    before -= 1
                destination, new_row = before, before
            else:
                if end >= len(self.rows):
                    return None
                _next_start, next_end = self.block(end)
                destination, new_row = next_end, start + (next_end - end)
        else:
            if step < 0 and row <= 1 or step > 0 and row >= len(self.rows) - 1:
                return None
            destination = row - 1 if step < 0 else row + 2
            new_row = row + step
        moving = QModelIndex()
        if not self.beginMoveRows(moving, start, end - 1, moving, destination):
            return None
        block = self.rows[start:end]
        del self.rows[start:end]
        at = destination if destination < start else destination - len(block)
        self.rows[at:at] = block
        self.endMoveRows()
        self.edited.emit()
        return new_row


class ChecklistTable(QTableView):
    """The editor's table: typing replaces a cell, Enter and Tab move to the next cell (and on
    to the next row), Space ticks a box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)

    def setModel(self, model: Any) -> None:  # noqa: N802 (Qt's name)
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        for column in (0, 2, 3, 4, 5, 6):
            title = model.headerData(column, Qt.Orientation.Horizontal)
            header.resizeSection(column, max(metrics.horizontalAdvance(title) + 24, 56))

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Enter or Tab in a cell: keep what was typed and select the next cell, not editing it,
        # so what is typed next replaces that cell.
        step = {
            QAbstractItemDelegate.EndEditHint.SubmitModelCache: 1,
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

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802
        # Chinese and full-width digits come from an input method, not as key presses: they
        # start typing in the cell too.
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
    ) -> QModelIndex:  # noqa: N802
        if action == QAbstractItemView.CursorAction.MoveNext:
            return self.next_cell(self.currentIndex(), 1)
        if action == QAbstractItemView.CursorAction.MovePrevious:
            return self.next_cell(self.currentIndex(), -1)
        return super().moveCursor(action, modifiers)

    def next_cell(self, index: Index, step: int) -> QModelIndex:
        """The next (1) or previous (-1) cell that takes input, in reading order; the same
        cell at either end."""
        model = self.model()
        columns = model.columnCount()
        position = index.row() * columns + index.column() if index.isValid() else -1
        last = model.rowCount() * columns
        takes_input = Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        while 0 <= position + step < last:
            position += step
            candidate = model.index(*divmod(position, columns))
            if model.flags(candidate) & takes_input:
                return candidate
        return model.index(index.row(), index.column()) if index.isValid() else QModelIndex()
