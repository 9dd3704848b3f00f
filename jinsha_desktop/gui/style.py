"""The application's widget style: the platform's, with the sort arrow pointing the right way.

Qt's header view hands the style "SortDown" for an ascending sort (QHeaderView, a convention
from macOS). The Windows styles turn it back and show ▲ for ascending, as Explorer and Excel
do; Fusion, the style on Linux, draws it as given, ▼ for ascending — the opposite of what a
clerk who knows Excel reads. This style draws ▲ for ascending and ▼ for descending everywhere.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOptionHeader

# Styles that already turn Qt's header convention round (qwindowsvistastyle.cpp, windows11).
_STYLES_THAT_FLIP = frozenset({"windowsvista", "windows11"})


class JinshaStyle(QProxyStyle):
    """The platform style, sort arrows shown as ▲ ascending, ▼ descending."""

    def drawPrimitive(self, element, option, painter, widget=None):  # type: ignore[no-untyped-def]
        if (
            element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow
            and isinstance(option, QStyleOptionHeader)
            and self.baseStyle().name().lower() not in _STYLES_THAT_FLIP
        ):
            flipped = QStyleOptionHeader(option)
            flipped.sortIndicator = {
                QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
                QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
            }.get(option.sortIndicator, option.sortIndicator)
            option = flipped
        super().drawPrimitive(element, option, painter, widget)


def install_style(app: QApplication) -> None:
    """Wrap the application's style once (the application owns and deletes it)."""
    if not isinstance(app.style(), JinshaStyle):
        app.setStyle(JinshaStyle(app.style().name()))

