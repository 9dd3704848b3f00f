"""The item walk of an inspection: a table of the checklist's items grouped by section, driven
by keys alone, scored as it is typed.

The rows are the items as scored (a copy kept with the inspection, never the template's live
text); a section's title is a row of its own that the walk passes over. Keys on the table:
digits type how many times the problem was found (0–999), N toggles "not applicable" (refused,
with the checklist's message, on an item that does not allow it), Backspace takes the last digit
back, Enter or Down go to the next item and Up to the previous one. The score is worked out by
the domain rule (domain/inspections.score_inspection) on what is typed, with no database
round-trip per key; the service scores again when the answers are saved.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QTableView

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.inspections import (
    ZERO,
    Answer,
    ItemRule,
    Score,
    SectionRule,
    VetoMode,
    check_answer,
    occurrences_of,
    score_inspection,
)
from jinsha_desktop.gui.look import ERROR_COLOUR

COLUMNS = ("code", "text", "points", "cap", "times", "deducted", "marks", "photos", "note")
HEADERS: dict[str, str] = {
    "code": str(QT_TRANSLATE_NOOP("WalkModel", "No.")),
    "text": str(QT_TRANSLATE_NOOP("WalkModel", "Item")),
    "points": str(QT_TRANSLATE_NOOP("WalkModel", "Per time")),
    "cap": str(QT_TRANSLATE_NOOP("WalkModel", "Cap")),
    "times": str(QT_TRANSLATE_NOOP("WalkModel", "Times")),
    "deducted": str(QT_TRANSLATE_NOOP("WalkModel", "Lost")),
    "marks": str(QT_TRANSLATE_NOOP("WalkModel", "Marks")),
    "photos": str(QT_TRANSLATE_NOOP("WalkModel", "Photos")),
    "note": str(QT_TRANSLATE_NOOP("WalkModel", "Note")),
}
"""Column titles (English source, translated in the "WalkModel" context)."""
CHANGED_COLOUR = QColor("#fff3c4")
"""A correction's item that differs from the original answer."""
LOSS_COLOUR = QColor(ERROR_COLOUR)


def filled(text: str, *values: object) -> str:
    """A translated text with its %1, %2… replaced (Qt's arg(), which PySide lacks)."""
    for number, value in enumerate(values, start=1):
        text = text.replace(f"%{number}", str(value))
    return text


@dataclass
class WalkItem:
    """One item as scored, and what has been typed for it."""

    answer_id: uuid.UUID
    section: int
    code: str
    text: str
    points: Decimal
    cap: Decimal
    na_allowed: bool
    photo_required: bool
    veto: bool
    occurrences: int = 0
    not_applicable: bool = False
    note: str = ""
    photos: int = 0
    finding_id: uuid.UUID | None = None
    original: tuple[int, bool] | None = None
    """What the original answer said (times, N/A) when a correction shows beside it."""

    def rule(self) -> ItemRule:
        return ItemRule(
            self.section, self.text, self.points, self.cap, self.code,
            self.na_allowed, self.photo_required, self.veto,
        )  # fmt: skip

    def answer(self) -> Answer:
        return Answer(self.occurrences, self.not_applicable, self.photos > 0)

    def changed(self) -> bool:
        return self.original is not None and self.original != (
            self.occurrences,
            self.not_applicable,
        )


def walk_items(
    rows: Sequence[Any], original: Sequence[Any] | None = None
) -> tuple[list[SectionRule], list[WalkItem]]:
    """Sections and items from an inspection's answer rows (services/inspections.AnswerRow), in
    order; `original`: the original answers, matched by position, when a correction is shown."""
    sections: list[SectionRule] = []
    positions: dict[int, int] = {}
    items: list[WalkItem] = []
    for number, row in enumerate(rows):
        if row.section_position not in positions:
            positions[row.section_position] = len(sections)
            cap = getattr(row, "section_cap", None)
            sections.append(SectionRule(row.section_title, cap))
        before = original[number] if original is not None and number < len(original) else None
        items.append(
            WalkItem(
                answer_id=row.id,
                section=positions[row.section_position],
                code=row.code,
                text=row.text,
                points=row.points,
                cap=row.cap,
                na_allowed=row.na_allowed,
                photo_required=row.photo_required,
                veto=row.veto,
                occurrences=row.occurrences,
                not_applicable=row.not_applicable,
                note=row.note,
                photos=row.photos,
                finding_id=row.finding_id,
                original=(before.occurrences, before.not_applicable) if before else None,
            )
        )
    return sections, items


class WalkModel(QAbstractTableModel):
    """Section rows and item rows; every item row's answer can be changed by the walk."""

    answers_changed = Signal()
    """Something typed changed an answer (times, N/A or note)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sections: list[SectionRule] = []
        self.items: list[WalkItem] = []
        self.rows: list[tuple[bool, int]] = []
        """(is an item, index of the item or section) per table row."""
        self.veto_mode = VetoMode.SET
        self.veto_score = ZERO
        self.editable = False
        self._score: Score | None = None

    # -- loading and reading

    def load(
        self,
        sections: list[SectionRule],
        items: list[WalkItem],
        veto_mode: VetoMode = VetoMode.SET,
        veto_score: Decimal = ZERO,
    ) -> None:
        self.beginResetModel()
        self.sections, self.items = sections, items
        self.veto_mode, self.veto_score = veto_mode, veto_score
        self.rows = []
        for number, item in enumerate(items):
            if number == 0 or items[number - 1].section != item.section:
                self.rows.append((False, item.section))
            self.rows.append((True, number))
        self._score = None
        self.endResetModel()

    def score(self) -> Score | None:
        """The score of what is typed now (None: no items)."""
        if not self.items:
            return None
        if self._score is None:
            self._score = score_inspection(
                self.sections,
                [item.rule() for item in self.items],
                [item.answer() for item in self.items],
                self.veto_mode,
                self.veto_score,
            )
        return self._score

    def item_at(self, row: int) -> WalkItem | None:
        if 0 <= row < len(self.rows) and self.rows[row][0]:
            return self.items[self.rows[row][1]]
        return None

    def row_of_item(self, number: int) -> int:
        return self.rows.index((True, number))

    def item_rows(self) -> list[int]:
        return [row for row, (is_item, _n) in enumerate(self.rows) if is_item]

    def typed(self) -> dict[str, list[Any]]:
        """What is typed, by answer id (a draft's value: survives a crash)."""
        return {
            str(item.answer_id): [item.occurrences, item.not_applicable, item.note]
            for item in self.items
        }

    def retype(self, typed: dict[str, list[Any]]) -> None:
        """Put a draft's answers back (those of items that still exist, read as typed)."""
        for item in self.items:
            values = typed.get(str(item.answer_id))
            if values is None:
                continue
            try:
                item.occurrences = occurrences_of(values[0])
            except ValidationError:
                continue
            item.not_applicable = bool(values[1]) and item.na_allowed and not item.occurrences
            item.note = str(values[2])[:500]
        self._changed(0, len(self.rows) - 1)

    # -- changing answers (the walk's keys)

    def set_times(self, number: int, text: str) -> None:
        """Times typed as text (digits so far); ValidationError when it is not a count."""
        item = self.items[number]
        occurrences = occurrences_of(text)
        check_answer(item.rule(), Answer(occurrences, False))
        item.occurrences, item.not_applicable = occurrences, False
        self._item_changed(number)

    def toggle_not_applicable(self, number: int) -> None:
        item = self.items[number]
        wanted = not item.not_applicable
        check_answer(item.rule(), Answer(0, wanted))
        item.not_applicable = wanted
        if wanted:
            item.occurrences = 0
        self._item_changed(number)

    def set_note(self, number: int, note: str) -> None:
        self.items[number].note = note.strip()[:500]
        self._item_changed(number)

    def set_photos(self, number: int, count: int) -> None:
        self.items[number].photos = count
        self._item_changed(number)

    def _item_changed(self, number: int) -> None:
        row = self.row_of_item(number)
        self._changed(row, row)

    def _changed(self, first: int, last: int) -> None:
        self._score = None
        # Every deduction may move (a section cap), so the whole "lost" column is told.
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        lost = COLUMNS.index("deducted")
        self.dataChanged.emit(self.index(0, lost), self.index(len(self.rows) - 1, lost))
        self.answers_changed.emit()

    # -- the table

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[COLUMNS[section]])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.item_at(index.row()) is None:
            return Qt.ItemFlag.ItemIsEnabled  # a section's title: passed over
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        is_item, number = self.rows[index.row()]
        key = COLUMNS[index.column()]
        if not is_item:
            return self._section_data(number, key, role)
        item = self.items[number]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(number, item, key)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("text", "note", "marks"):
            return self._text(number, item, key) or None
        if role == Qt.ItemDataRole.ForegroundRole and key in ("times", "deducted"):
            return LOSS_COLOUR if item.occurrences and not item.not_applicable else None
        if role == Qt.ItemDataRole.BackgroundRole and item.changed():
            return CHANGED_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("text", "note", "marks"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _section_data(self, number: int, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and key == "code":  # spans the row
            section = self.sections[number]
            score = self.score()
            if score is None:
                return section.title
            lost, most = score.section_losses[number], score.section_maxima[number]
            return filled(self.tr("%1 (lost %2 of %3)"), section.title, lost, most)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, number: int, item: WalkItem, key: str) -> str:
        if key == "code":
            return item.code
        if key == "text":
            return item.text
        if key == "points":
            return f"{item.points}"
        if key == "cap":
            return f"{item.cap}"
        if key == "times":
            now = self.tr("N/A") if item.not_applicable else str(item.occurrences)
            if item.changed() and item.original is not None:
                times, not_applicable = item.original
                was = self.tr("N/A") if not_applicable else str(times)
                return f"{was} → {now}"
            return now
        if key == "deducted":
            score = self.score()
            lost = score.item_deductions[number] if score is not None else ZERO
            return f"-{lost}" if lost else ""
        if key == "marks":
            return " · ".join(self._marks(item))
        if key == "photos":
            return str(item.photos) if item.photos else ""
        if key == "note":
            finding = self.tr("finding") if item.finding_id is not None else ""
            return " · ".join(part for part in (finding, item.note) if part)
        return ""

    def _marks(self, item: WalkItem) -> list[str]:
        marks = []
        if item.veto:
            marks.append(self.tr("veto"))
        if item.photo_required:
            marks.append(self.tr("photo needed"))
        if item.na_allowed:
            marks.append(self.tr("N/A allowed"))
        return marks


def copy_items(items: Sequence[WalkItem]) -> list[WalkItem]:
    """Independent copies (a correction starts from the answers it corrects)."""
    return [replace(item) for item in items]


DIGITS = {getattr(Qt.Key, f"Key_{n}"): str(n) for n in range(10)}


class ItemWalk(QObject):
    """The keys of the walk on the item table; `refused(message)` when a key was not taken."""

    refused = Signal(str)
    moved = Signal(int)
    """The item with this number is now the current one."""

    def __init__(
        self,
        table: QTableView,
        model: WalkModel,
        *,
        at_end: Callable[[], None],
        note: Callable[[int], None],
        photo: Callable[[int], None],
        finding: Callable[[int], None],
    ) -> None:
        super().__init__(table)
        self.table, self.model = table, model
        self.at_end, self.note, self.photo, self.finding = at_end, note, photo, finding
        self._typed = ""
        """Digits typed on the current item since it became current."""
        table.installEventFilter(self)
        table.selectionModel().currentRowChanged.connect(self._row_changed)

    def current(self) -> int | None:
        """The number of the current item (None: none)."""
        index = self.table.currentIndex()
        item = self.model.item_at(index.row()) if index.isValid() else None
        return self.model.items.index(item) if item is not None else None

    def go_to(self, number: int) -> None:
        row = self.model.row_of_item(number)
        self.table.setCurrentIndex(self.model.index(row, COLUMNS.index("times")))
        self.table.scrollTo(self.model.index(max(row - 1, 0), 0))
        self.table.scrollTo(self.model.index(row, 0))

    def step(self, by: int) -> None:
        """To the next (+1) or previous (-1) item; past the last one, `at_end`."""
        number = self.current()
        if number is None:
            if self.model.items:
                self.go_to(0)
            return
        target = number + by
        if target >= len(self.model.items):
            self.at_end()
        elif target >= 0:
            self.go_to(target)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._typed = ""
        number = self.current()
        if number is not None:
            self.moved.emit(number)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._key(event):
                event.accept()
                return True
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        number = self.current()
        if modifiers == Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_P:
            if number is not None:
                self.photo(number)
            return True
        if modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            self.step(1)
            return True
        if key == Qt.Key.Key_Up:
            self.step(-1)
            return True
        if number is None:
            return False
        if key == Qt.Key.Key_F2:
            self.note(number)
            return True
        if key == Qt.Key.Key_F6:
            self.finding(number)
            return True
        if not self.model.editable:
            return key in DIGITS or key in (Qt.Key.Key_N, Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
        try:
            if key in DIGITS:
                self._typed = (self._typed + DIGITS[key]).lstrip("0") or "0"
                self.model.set_times(number, self._typed)
            elif key == Qt.Key.Key_Backspace:
                self._typed = self._typed[:-1]
                self.model.set_times(number, self._typed)
            elif key == Qt.Key.Key_Delete:
                self._typed = ""
                self.model.set_times(number, "")
            elif key == Qt.Key.Key_N:
                self._typed = ""
                self.model.toggle_not_applicable(number)
            else:
                return False
        except ValidationError as error:
            self._typed = self._typed[:-1] if key in DIGITS else self._typed
            self.refused.emit(error.message)
        return True
