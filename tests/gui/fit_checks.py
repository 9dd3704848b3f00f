"""What a person would see as cut off: windows past the screen, and text that does not fit.

Each check compares the text's width in the widget's own font (QFontMetrics.horizontalAdvance)
plus the style's margins with the room the widget has on screen.
"""

from __future__ import annotations

import re

from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QMenu,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
    QToolButton,
    QWidget,
)

from tests.gui.window_walk import SCREEN, TITLE_BAR

MNEMONIC = re.compile(r"&(?!&)")


def shown_text(text: str) -> str:
    """The text as drawn: mnemonic ampersands removed, a shortcut after a tab dropped."""
    return MNEMONIC.sub("", text.split("\t")[0]).replace("&&", "&")


def drawn_width(font: QFont, text: str) -> float:
    """Width of a text with a mnemonic as Qt draws it: the underlined letter is shaped apart
    from its neighbours, so a kerning pair it breaks ("To" with T underlined) is wider than
    horizontalAdvance of the whole word says (the ledger screen showed "Tc")."""
    exact = QFontMetricsF(font)
    text = text.split("\t")[0].replace("&&", "\0")
    match = MNEMONIC.search(text)
    if match is None or match.end() >= len(text):
        return exact.horizontalAdvance(shown_text(text.replace("\0", "&&")))
    parts = [text[: match.start()], text[match.end()], text[match.end() + 1 :]]
    # Less one pixel for rounding: Qt lays the runs out on a fractional grid.
    return sum(exact.horizontalAdvance(part.replace("\0", "&")) for part in parts if part) - 1


def too_large(window: QWidget) -> list[str]:
    room_w, room_h = SCREEN.width(), SCREEN.height() - TITLE_BAR
    size = window.size()
    if size.width() > room_w or size.height() > room_h:
        return [f"window {size.width()}×{size.height()} > {room_w}×{room_h}"]
    return []


def clipped(window: QWidget) -> list[str]:
    """Every visible text in the window that does not fit its widget."""
    problems: list[str] = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0 or not _on_screen(widget, window):
            continue
        if isinstance(widget, QLabel):
            problems += _label(widget)
        elif isinstance(widget, (QCheckBox, QRadioButton)):
            problems += _check_box(widget)
        elif isinstance(widget, (QPushButton, QToolButton)):
            problems += _button(widget)
        elif isinstance(widget, QTabBar):
            problems += _tab_bar(widget)
        elif isinstance(widget, QGroupBox):
            problems += _group_box(widget)
        elif isinstance(widget, QAbstractItemView):
            problems += _item_view(widget)
        elif isinstance(widget, QComboBox):
            problems += _combo_box(widget)
    if isinstance(window, QMainWindow):
        problems += _menus(window)
    return problems


def _on_screen(widget: QWidget, window: QWidget) -> bool:
    """Not scrolled away inside a scroll area (a person scrolls to it)."""
    return True


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or '?'}"


def _label(label: QLabel) -> list[str]:
    text = label.text()
    if not text or label.wordWrap() or label.pixmap() is not None and not text:
        return []
    # The text starts in the contents rectangle and shows up to the widget's edge.
    room = label.width() - label.contentsRect().left() - label.margin() - max(label.indent(), 0)
    if QtGui.Qt.mightBeRichText(text) or label.textFormat() == Qt.TextFormat.RichText:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        needed = document.idealWidth()
        text = document.toPlainText()
    else:
        metrics = QFontMetrics(label.font())
        if label.buddy() is not None:
            needed = drawn_width(label.font(), text)
            text = shown_text(text)
        else:
            needed = max(metrics.horizontalAdvance(line) for line in text.splitlines() or [""])
    if needed > room + 0.5:
        return [f"{_name(label)} “{text}” needs {needed:.0f} px, has {room}"]
    return []


def _button(button: QAbstractButton) -> list[str]:
    text = shown_text(button.text())
    if not text:
        return []
    style = button.style()
    metrics = QFontMetrics(button.font())
    needed = round(drawn_width(button.font(), button.text())) + 2 * style.pixelMetric(
        QStyle.PixelMetric.PM_ButtonMargin, None, button
    )
    if not button.icon().isNull():
        needed += button.iconSize().width() + 4
    if (
        isinstance(button, QToolButton)
        and button.popupMode() == QToolButton.ToolButtonPopupMode.MenuButtonPopup
    ):
        needed += style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
    if needed > button.width():
        return [f"{_name(button)} “{text}” needs {needed} px, has {button.width()}"]
    if metrics.height() > button.height():
        return [f"{_name(button)} “{text}” needs {metrics.height()} px high, has {button.height()}"]
    return []


def _check_box(box: QAbstractButton) -> list[str]:
    text = shown_text(box.text())
    metrics = QFontMetrics(box.font())
    problems = []
    metric, spacing = (
        (QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_CheckBoxLabelSpacing)
        if isinstance(box, QCheckBox)
        else (
            QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
            QStyle.PixelMetric.PM_RadioButtonLabelSpacing,
        )
    )
    indicator = box.style().pixelMetric(metric, None, box)
    label = round(drawn_width(box.font(), box.text()))
    needed = max(
        box.sizeHint().width() - box.contentsMargins().right(),
        indicator + box.style().pixelMetric(spacing, None, box) + label,
    )
    if text and needed > box.width():
        problems.append(f"{_name(box)} “{text}” needs {needed} px, has {box.width()}")
    # The box to tick grows with the text (elderly volunteers): at least two thirds of a line.
    if indicator < 0.66 * metrics.height():
        problems.append(
            f"{_name(box)} “{text}”: indicator {indicator} px for a {metrics.height()} px line"
        )
    return problems


def _combo_box(combo: QComboBox) -> list[str]:
    """The choice shown must fit the box (the list that drops down grows by itself)."""
    text = combo.currentText()
    if not text:
        return []
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.editable = combo.isEditable()
    option.frame = combo.hasFrame()
    option.currentText = text
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    needed = QFontMetrics(combo.font()).horizontalAdvance(text)
    if needed > field.width():
        return [f"{_name(combo)} “{text}” needs {needed} px, has {field.width()}"]
    return []


def _group_box(box: QGroupBox) -> list[str]:
    text = shown_text(box.title())
    if not text:
        return []
    needed = round(drawn_width(box.font(), box.title())) + 12
    if box.isCheckable():
        needed += box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, box) + 6
    if needed > box.width():
        return [f"{_name(box)} “{text}” needs {needed} px, has {box.width()}"]
    return []


def _tab_bar(bar: QTabBar) -> list[str]:
    problems = []
    space = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        text = shown_text(bar.tabText(index))
        rect = bar.tabRect(index)
        needed = round(drawn_width(bar.font(), bar.tabText(index))) + space
        if needed > rect.width():
            problems.append(f"tab “{text}” needs {needed} px, has {rect.width()}")
        if rect.right() >= bar.width() or rect.left() < 0:
            problems.append(f"tab “{text}” is outside the tab bar (scroll buttons)")
    return problems


def _item_view(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    problems: list[str] = []
    header = view.horizontalHeader() if isinstance(view, QTableView) else None
    if header is not None and header.isVisible():
        problems += _header(view, header)
    if isinstance(view, QTableView):
        problems += _table_cells(view, header)
    elif isinstance(view, QListView):
        problems += _list_items(view)
    return problems


def _header(view: QAbstractItemView, header: QHeaderView) -> list[str]:
    problems = []
    model = view.model()
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    mark = 0
    if header.isSortIndicatorShown():
        mark = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
    metrics = QFontMetrics(header.font())
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        if not text:
            continue
        needed = metrics.horizontalAdvance(text) + 2 * margin + mark
        has = header.sectionSize(section)
        if needed > has:
            problems.append(f"{_name(view)} header “{text}” needs {needed} px, has {has}")
    return problems


def _visible_rows(view: QAbstractItemView) -> range:
    model = view.model()
    first = view.indexAt(view.viewport().rect().topLeft()).row()
    last = view.indexAt(view.viewport().rect().bottomLeft()).row()
    if first < 0:
        return range(0)
    if last < 0:
        last = model.rowCount() - 1
    return range(first, last + 1)


def _table_cells(view: QTableView, header: QHeaderView | None) -> list[str]:
    problems = []
    model = view.model()
    for row in _visible_rows(view):
        for column in range(model.columnCount()):
            if view.isColumnHidden(column):
                continue
            index = model.index(row, column)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if text is None or str(text) == "":
                continue
            needed = view.sizeHintForIndex(index).width()
            has = view.columnWidth(column)
            if needed > has:
                problems.append(f"{_name(view)} cell “{text}” needs {needed} px, has {has}")
    return problems


def _list_items(view: QListView) -> list[str]:
    problems = []
    model = view.model()
    room = view.viewport().width()
    for row in _visible_rows(view):
        index: QModelIndex = model.index(row, view.modelColumn())
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            continue
        needed = view.sizeHintForIndex(index).width()
        if needed > room:
            problems.append(f"{_name(view)} item “{text}” needs {needed} px, has {room}")
    return problems


def _menus(window: QMainWindow) -> list[str]:
    problems = []
    bar = window.menuBar()
    for action in bar.actions():
        rect = bar.actionGeometry(action)
        if rect.right() >= bar.width():
            problems.append(f"menu “{shown_text(action.text())}” is past the menu bar")
        menu = action.menu()
        if isinstance(menu, QMenu):
            problems += _menu_items(menu)
    return problems


def _menu_items(menu: QMenu) -> list[str]:
    """Menu items as drawn: the style elides an item's text it thinks too wide ("备份数…B)…")
    although QMenu made room for it (Fusion with a shortcut on another item), so the check
    reads the drawn text's extent from the pixels of each item without a shortcut."""
    problems = []
    menu.ensurePolished()
    menu.adjustSize()
    image = menu.grab().toImage()
    metrics = QFontMetrics(menu.font())
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible() or not action.shortcut().isEmpty():
            continue
        text = shown_text(action.text())
        rect = menu.actionGeometry(action)
        background = image.pixelColor(rect.right() - 3, rect.center().y())  # past any text
        inked = [
            x
            for x in range(rect.left() + 1, rect.right())
            for y in range(rect.top() + 2, rect.bottom() - 1, 2)
            if _differs(image.pixelColor(x, y), background)
        ]
        if not inked:
            continue
        drawn = max(inked) - min(inked) + 1
        needed = metrics.horizontalAdvance(text)
        if drawn < needed - metrics.averageCharWidth():
            problems.append(f"menu item “{text}” drawn {drawn} px wide of {needed} (elided)")
    return problems


def _differs(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) > 60
