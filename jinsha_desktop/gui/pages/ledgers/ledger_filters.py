"""The ledger screen's filter rows, built from the ledgers' declared filters.

One row per filter key (a combo box for a choice, a date box, a number box), inserted into the
screen's form; a ledger shows the rows it declares. Nothing here knows which filters exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLabel, QSpinBox, QWidget

from jinsha_desktop.domain.errors import PermissionDenied
from jinsha_desktop.gui.messages import has_cjk, shown
from jinsha_desktop.gui.qdates import python_date, qdate
from jinsha_desktop.reports.ledgers import FilterKind, Ledger, LedgerFilter
from jinsha_desktop.services.context import AppContext

FilterWidget = QComboBox | QDateEdit | QSpinBox
CHOICE_WIDTH = 16
"""Characters a filter's combo box is sized for."""
_MNEMONIC = re.compile(r"&([^&\s])")


class FilterRows(QObject):
    """Label and control of every filter, in one form layout from `row` on."""

    changed = Signal()
    """A filter's value changed (the preview of other choices goes)."""

    def __init__(
        self,
        filters: Sequence[LedgerFilter],
        context: AppContext,
        today: date,
        layout: QFormLayout,
        row: int,
        used_mnemonics: Iterable[str],
    ) -> None:
        parent = layout.parentWidget()
        super().__init__(parent)
        self.filters = {item.key: item for item in filters}
        self.widgets: dict[str, FilterWidget] = {}
        self.labels: dict[str, QLabel] = {}
        used = {letter.lower() for letter in used_mnemonics}
        for offset, item in enumerate(filters):
            widget = self._widget(item, context, today, parent)
            label = QLabel(mnemonic_text(shown(item.label), item.key, used), parent)
            label.setBuddy(widget)
            layout.insertRow(row + offset, label, widget)
            self.widgets[item.key], self.labels[item.key] = widget, label

    def _widget(
        self, item: LedgerFilter, context: AppContext, today: date, parent: QWidget | None
    ) -> FilterWidget:
        widget: FilterWidget
        if item.kind is FilterKind.CHOICE:
            widget = QComboBox(parent)
            # as wide as a usual name, not the longest one (a campaign's name is a sentence):
            # the screen must fit 1366 pixels; the list that drops down shows names whole
            widget.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            widget.setMinimumContentsLength(CHOICE_WIDTH)
            widget.addItem(shown(item.everything), None)
            assert item.choices is not None, f"filter {item.key} lists no choices"
            try:
                choices = item.choices(context)
            except PermissionDenied:  # a role that may not list them prints everything
                choices = []
            for choice in choices:  # a name as typed; a label (已报修) in the interface's language
                widget.addItem(shown(choice.name), choice.value)
            widget.currentIndexChanged.connect(self.changed)
        elif item.kind is FilterKind.DATE:
            widget = QDateEdit(qdate(today), parent)
            widget.setCalendarPopup(True)
            widget.setDisplayFormat("yyyy-MM-dd")
            widget.dateChanged.connect(self.changed)
        else:
            widget = QSpinBox(parent)
            widget.setRange(item.minimum, item.maximum)
            widget.valueChanged.connect(self.changed)
        widget.setObjectName(f"filter_{item.key}")
        return widget

    def widget(self, key: str) -> FilterWidget:
        return self.widgets[key]

    def in_order(self) -> list[FilterWidget]:
        """The controls top to bottom (the tab order)."""
        return list(self.widgets.values())

    def show_for(self, ledger: Ledger) -> None:
        declared = {item.key for item in ledger.filters}
        for key, widget in self.widgets.items():
            widget.setVisible(key in declared)
            self.labels[key].setVisible(key in declared)

    def values(self, ledger: Ledger) -> dict[str, Any]:
        """The chosen value of each filter `ledger` declares (None: everything)."""
        return {item.key: _value_of(self.widgets[item.key]) for item in ledger.filters}


def _value_of(widget: FilterWidget) -> Any:
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QDateEdit):
        return python_date(widget.date())
    return widget.value()


def mnemonics_in(texts: Iterable[str]) -> set[str]:
    """The letters already underlined on a screen ("Fr&om" → o)."""
    return {m.group(1).lower() for text in texts for m in _MNEMONIC.finditer(text)}


def mnemonic_text(text: str, key: str, used: set[str]) -> str:
    """`text` with an access key no other control of the screen has: a letter of the English
    text itself ("&Compound"), or of the filter's key after a Chinese one ("小区(&C)", as the
    translations write it). `used` gains the letter."""
    english = not has_cjk(text)
    if english:
        text = text[:1].upper() + text[1:]
    letters = [c for c in (text if english else key) if c.isascii() and c.isalpha()]
    letter = next((c for c in letters if c.lower() not in used), "")
    if not letter:
        return text
    used.add(letter.lower())
    if english:
        at = text.index(letter)
        return f"{text[:at]}&{text[at:]}"
    return f"{text}(&{letter.upper()})"
