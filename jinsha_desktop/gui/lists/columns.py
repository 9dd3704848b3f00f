"""A list's columns, declared once: key, header, width, how to show a value, how to sort it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QTableView

from jinsha_desktop.domain.fields import CellKind, Field, text_of
from jinsha_desktop.gui.messages import shown

Index = QModelIndex | QPersistentModelIndex


def show_text(value: Any) -> str:
    """A small list's cell as the declarations show a value (text_of), but a time to the second:
    the audit log and the last logins tell events apart by it."""
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return text_of(value)


SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    key: str
    """Attribute of the row object."""
    header: str
    width: int = 120
    formatter: Callable[[Any], str] = show_text
    sort_key: Callable[[Any], Any] | None = None
    align_right: bool = False
    field: Field | None = None
    """The declared field shown (`of`): its text is read from the whole row."""

    def text(self, row: Any) -> str:
        """The cell of `row` as shown: labels and reasons stored in Chinese follow the
        interface language (gui/messages.py)."""
        if self.field is not None:
            return shown(self.field.text(row))
        return shown(self.formatter(getattr(row, self.key)))

    def data(self, row: Any, role: int) -> Any:
        """What a model answers for this column's cell of `row` in `role` (None: nothing)."""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row)
        if role == SORT_ROLE:
            value = getattr(row, self.key)
            return self.sort_key(value) if self.sort_key else value
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and self.align_right:
            return _RIGHT
        return None

    @classmethod
    def of(cls, field: Field) -> Column:
        """The column of a declared field: its Chinese heading in the interface language, its
        width in characters of the normal interface font, numbers to the right."""
        return cls(
            field.key,
            shown(field.header),
            round(field.width * BASE_CHAR_WIDTH),
            align_right=field.kind in (CellKind.INTEGER, CellKind.DECIMAL, CellKind.MONEY),
            field=field,
        )


def columns_of(fields: Sequence[Field]) -> list[Column]:
    return [Column.of(field) for field in fields]


def sort_keys_of(fields: Sequence[Field]) -> dict[str, str]:
    """Column key → the name of the service's sort by it, for the fields that are sortable."""
    return {field.key: field.sort for field in fields if field.sort}


BASE_CHAR_WIDTH = 7.0
"""Average character width (px) of the normal interface font; declared widths are for it."""


def fit_columns(table: QTableView, columns: Sequence[Column]) -> None:
    """Declared widths grown with the interface size, and wide enough for what is shown."""
    scale = max(1.0, table.fontMetrics().averageCharWidth() / BASE_CHAR_WIDTH)
    row_height = table.fontMetrics().height() + 12
    table.verticalHeader().setDefaultSectionSize(row_height)
    model = table.model()
    if isinstance(model, ColumnsModel):
        model.set_row_height(row_height)  # before measuring: a thumbnail's width counts
    for number, column in enumerate(columns):
        header = table.horizontalHeader().sectionSizeHint(number)
        wanted = max(int(column.width * scale), table.sizeHintForColumn(number) + 8, header)
        table.setColumnWidth(number, min(wanted, int(480 * scale)))


def header_data(
    columns: Sequence[Column], section: int, orientation: Qt.Orientation, role: int
) -> Any:
    """Column headings across, row numbers down: the headerData of every list model.

    Never via super(): on PySide6 6.12.0 its empty QVariant crashes Python 3.11.
    """
    if role != Qt.ItemDataRole.DisplayRole:
        return None
    if orientation == Qt.Orientation.Horizontal and 0 <= section < len(columns):
        return columns[section].header
    if orientation == Qt.Orientation.Vertical and section >= 0:
        return str(section + 1)
    return None


def refit_after_font_change(event: QEvent, table: QTableView, columns: Sequence[Column]) -> None:
    """Call from changeEvent: when the interface size changed, fit the columns again once the
    table itself has taken the new font."""
    if event.type() == QEvent.Type.FontChange:
        # The table as context: a table deleted before the timer fires is not fitted.
        QTimer.singleShot(0, table, lambda: fit_columns(table, columns))


class ColumnsModel(QAbstractTableModel):
    """Rows shown by declared columns: what a small and a paged list model share (the rows
    held, their count, the columns and their headings)."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self.row_height = 0
        """The view's row height (fit_columns): what a photo cell's thumbnail is scaled to."""

    def set_row_height(self, height: int) -> None:
        self.row_height = height

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rows(self) -> list[Any]:
        """The rows held (a paged list: those loaded so far)."""
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(self.columns, section, orientation, role)


class RowsTableModel(ColumnsModel):
    """Rows (small lists, held in Python) shown by declared columns; sorted in Python.

    Big lists page from the database instead (see DESIGN.md: never a proxy over many rows).
    """

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.columns[index.column()].data(self._rows[index.row()], role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(self._rows[i.row()], i.column()) for i in persistent]
        self._sort = (column, order)
        self._sort_rows(column, order)
        position = {id(row): n for n, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent, [self.index(position[id(row)], col) for row, col in kept]
        )
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        spec = self.columns[column]

        def key(row: Any) -> tuple[bool, Any]:
            value = getattr(row, spec.key)
            value = spec.sort_key(value) if spec.sort_key else value
            if value is None:
                return (True, "")
            return (False, value if isinstance(value, int | float | datetime) else str(value))

        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
