"""A big list shown page by page: rows fetched lazily by key, sorted and filtered in the database.

The model never holds more than the pages the user has scrolled through, and never sorts:
a header click asks the page source again with the new sort (BASELINES.md, trap 2: a proxy
over a million rows takes seconds; the same sort in SQL takes milliseconds).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QTableView

from jinsha_desktop.gui.lists.columns import ROW_ROLE, SORT_ROLE, Column, ColumnsModel, Index
from jinsha_desktop.gui.lists.photo_cells import is_photo_column, thumbnail_pixmap, tooltip
from jinsha_desktop.gui.style import show_real_sort_arrows

PAGE_SIZE = 200
_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        SORT_ROLE,
        ROW_ROLE,
    )
)
_TEXT_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)})
_PHOTO_ROLES = frozenset({int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.ToolTipRole)})
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
WIDTH_SAMPLE_ROWS = 60
"""Rows measured when columns are fitted to their content (Qt measures up to 1,000)."""


class PagedRow(Protocol):
    """What a page source hands back: any row object with its key and its sort value."""

    @property
    def id(self) -> Any: ...

    @property
    def sort_value(self) -> Any: ...


PageSource = Callable[[tuple[Any, Any] | None, int], Sequence[PagedRow]]
"""`(after, limit) -> rows`: the rows after `after` (the last row's (sort_value, id)), at most
`limit` of them, in the source's order."""

SortedSource = Callable[[str, bool], PageSource]
"""`(sort_key, descending) -> PageSource`: the page source for one sort order."""


class PagedTableModel(ColumnsModel):
    """Rows of a database list, one page at a time, shown by declared columns.

    `sort_keys` maps a column's key to the sort key the source understands; other columns are
    not sortable (a header click on them is ignored). Errors of the types in `expected` raised
    by the source while fetching are reported through `fetch_failed` (nothing more is fetched
    until the next reset); any other error propagates.
    """

    fetch_failed = Signal(object)
    """Fetching a page failed with an expected error (e.g. the database is locked)."""
    reset_done = Signal()
    """The rows were fetched again from the first page (new source, sort or refresh)."""

    def __init__(
        self,
        columns: Sequence[Column],
        parent: Any = None,
        *,
        sort_keys: Mapping[str, str] | None = None,
        default_sort: tuple[str, bool] | None = None,
        foreground: Callable[[Any], QColor | None] | None = None,
        expected: tuple[type[BaseException], ...] = (),
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(columns, parent)
        self.sort_keys = dict(sort_keys or {})
        self.page_size = page_size
        self._foreground = foreground
        self._expected = expected
        self._source: SortedSource | None = None
        self._more = False
        self._texts: dict[tuple[int, int], str] = {}
        """A cell's text once worked out: fitting the columns and painting ask for it again and
        again (a 200-row page is measured per column, then painted)."""
        self._pictures: dict[tuple[int, int], QPixmap | None] = {}
        """A photo cell's thumbnail once read, cleared with the texts."""
        self._photo_columns = self._photo_column_numbers()
        column_key, descending = default_sort or ("", True)
        self._sort_column = self._column_number(column_key)
        self._descending = descending

    # -- what the owner calls

    def set_source(self, source: SortedSource | None) -> None:
        """A new search or filter: start again from the first page."""
        self._source = source
        self._reload(self.page_size)

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Other columns (e.g. a field switched off in the settings); rows fetched again."""
        current = self.sort_column_key()
        self.columns = list(columns)
        self._photo_columns = self._photo_column_numbers()
        self._sort_column = self._column_number(current)
        if self._sort_column < 0:
            self._sort_column = next(
                (n for n, c in enumerate(self.columns) if c.key in self.sort_keys), -1
            )
        self._reload(self.page_size)

    def refresh(self) -> None:
        """Fetch again, as many rows as are loaded now (so the user keeps their place)."""
        self._reload(max(self.page_size, len(self._rows)))

    def remove_id(self, row_id: Any) -> bool:
        """Take one row out (it was deleted); later pages still continue after the last row."""
        for number, row in enumerate(self._rows):
            if row.id == row_id:
                self.beginRemoveRows(QModelIndex(), number, number)
                del self._rows[number]
                self._texts.clear()  # the rows below moved up
                self._pictures.clear()
                self.endRemoveRows()
                return True
        return False

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    def current_sort(self) -> tuple[str, bool]:
        """The source's sort key for the sorted column ("": its own order), and whether the
        order is descending: what an export of the list needs to keep its order."""
        return self.sort_keys.get(self.sort_column_key(), ""), self._descending

    def sort_column_key(self) -> str:
        return (
            self.columns[self._sort_column].key
            if 0 <= self._sort_column < len(self.columns)
            else ""
        )

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self.columns) and self.columns[column].key in self.sort_keys

    # -- fetching

    def _page_source(self) -> PageSource | None:
        if self._source is None:
            return None
        key = self.sort_keys.get(self.sort_column_key(), "")  # "": the source's own order
        return self._source(key, self._descending)

    def _fetch(self, source: PageSource, after: tuple[Any, Any] | None, limit: int) -> list[Any]:
        try:
            return list(source(after, limit))
        except self._expected as error:
            self._more = False
            self.fetch_failed.emit(error)
            return []

    def _reload(self, limit: int) -> None:
        source = self._page_source()
        self.beginResetModel()
        self._texts.clear()  # the rows, their order or the columns change
        self._pictures.clear()
        try:
            self._rows = []
            self._more = False
            if source is not None:
                self._more = True  # _fetch clears it on an expected error
                self._rows = self._fetch(source, None, limit)
                self._more = self._more and len(self._rows) >= limit
        finally:
            self.endResetModel()
        self.reset_done.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        source = self._page_source()
        if parent.isValid() or not self._more or source is None:
            return
        last = self._rows[-1] if self._rows else None
        after = (last.sort_value, last.id) if last is not None else None
        page = self._fetch(source, after, self.page_size)
        if len(page) < self.page_size:
            self._more = False
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    # -- Qt's model interface

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Views ask for a dozen roles per cell; the ones not shown are answered first.
        if role not in _ROLES or not index.isValid():
            return None
        if not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self.columns):
            return None
        if role in _PHOTO_ROLES and index.column() in self._photo_columns:
            return self._photo(index.row(), index.column(), role)
        if role == _DECORATION:
            return None
        if role in _TEXT_ROLES:
            cell = (index.row(), index.column())
            text = self._texts.get(cell)
            if text is None:
                text = self._texts[cell] = self.columns[cell[1]].text(self._rows[cell[0]])
            return text
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row) if self._foreground is not None else None
        return self.columns[index.column()].data(row, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the source again in the new order (SQL sorts; nothing is sorted here)."""
        if not self.is_sortable(column):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if column == self._sort_column and descending == self._descending:
            return
        self._sort_column, self._descending = column, descending
        self._reload(self.page_size)

    def set_row_height(self, height: int) -> None:
        if height != self.row_height:
            self._pictures.clear()  # the thumbnails are scaled to the row
        super().set_row_height(height)

    def _photo_column_numbers(self) -> frozenset[int]:
        return frozenset(n for n, column in enumerate(self.columns) if is_photo_column(column))

    def _photo(self, row: int, column: int, role: int) -> Any:
        value = getattr(self._rows[row], self.columns[column].key)
        if role != _DECORATION:
            return tooltip(value)
        cell = (row, column)
        if cell not in self._pictures:
            self._pictures[cell] = thumbnail_pixmap(value, self.row_height or 28)
        return self._pictures[cell]

    def _column_number(self, key: str) -> int:
        return next((n for n, c in enumerate(self.columns) if c.key == key), -1)


def attach_to_view(table: QTableView, model: PagedTableModel) -> None:
    """Show `model` in `table`, sortable by header click on the columns the source can sort.

    A click on a column the source cannot sort puts the indicator back where the rows are.
    """
    table.setModel(model)
    # Fitting columns to their content measures this many rows, not every row fetched.
    table.verticalHeader().setResizeContentsPrecision(WIDTH_SAMPLE_ROWS)
    header = table.horizontalHeader()
    header.setSortIndicatorShown(True)
    show_real_sort_arrows(table)
    header.setSortIndicator(model.sort_column(), model.sort_order())
    table.setSortingEnabled(True)  # calls model.sort() with the indicator: nothing to do

    def keep_indicator(_section: int, _order: Qt.SortOrder) -> None:
        # Connected after the view's own handler, which has called model.sort() by now.
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (
            model.sort_column(),
            model.sort_order(),
        ):
            header.setSortIndicator(model.sort_column(), model.sort_order())

    header.sortIndicatorChanged.connect(keep_indicator)
    model.reset_done.connect(
        lambda: header.setSortIndicator(model.sort_column(), model.sort_order())
    )
