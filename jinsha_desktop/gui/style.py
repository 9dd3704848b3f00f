"""Sort arrows that point the right way: ▲ for ascending, ▼ for descending.

Qt's header view hands the style "SortDown" for an ascending sort (QHeaderView, a convention
from macOS). The Windows styles turn it back and show ▲ for ascending, as Explorer and Excel
do; Fusion, the style on Linux, draws it as given, ▼ for ascending — the opposite of what a
clerk who knows Excel reads. Only the sortable headers get this style: its drawPrimitive runs in
Python, which every other widget's painting need not pay for.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOptionHeader,
)

# Styles that already turn Qt's header convention round (qwindowsvistastyle.cpp, windows11).
_STYLES_THAT_FLIP = frozenset({"windowsvista", "windows11"})
_FLIPPED = {
    QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
    QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
}


class SortArrowStyle(QProxyStyle):
    """The application's style, with header sort arrows shown as ▲ ascending, ▼ descending."""

    def drawPrimitive(self, element, option, painter, widget=None):  # type: ignore[no-untyped-def]
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            flipped = QStyleOptionHeader(option)
            flipped.sortIndicator = _FLIPPED.get(option.sortIndicator, option.sortIndicator)
            option = flipped
        super().drawPrimitive(element, option, painter, widget)


def show_real_sort_arrows(view: QAbstractItemView) -> None:
    """Give a sortable view's horizontal header the style with the right arrows (one style
    object for all headers, owned by the application)."""
    app = QApplication.instance()
    base = QApplication.style().name()
    if app is None or base.lower() in _STYLES_THAT_FLIP:
        return
    style = app.findChild(SortArrowStyle, "sort-arrow-style")
    if style is None:
        style = SortArrowStyle(base)
        style.setObjectName("sort-arrow-style")
        style.setParent(app)
    view.horizontalHeader().setStyle(style)  # type: ignore[attr-defined]
