"""The filters a database list shares, written once: the From / To period, the community and
compound combos, a record chosen in a combo box by its id, and setting filters without searching
once per widget.

From and To are check boxes beside their date boxes: ticked, the date box is on and the list
searches again; a date changed in a ticked box searches again too.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.gui.forms.binder import as_uuid, refill_combo
from jinsha_desktop.gui.qdates import python_date, qdate
from jinsha_desktop.services import reference
from jinsha_desktop.services.context import AppContext


class PeriodFilter:
    """A From / To pair of check boxes and date boxes, searching again when changed."""

    def __init__(
        self,
        since_enabled: QCheckBox,
        since: QDateEdit,
        until_enabled: QCheckBox,
        until: QDateEdit,
        search: Callable[[], None],
    ) -> None:
        self.ends = ((since_enabled, since), (until_enabled, until))
        for box, edit in self.ends:
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(lambda _on: search())
            edit.dateChanged.connect(lambda _d, box=box: search() if box.isChecked() else None)

    def start(self, today: date, days: int) -> None:
        """The dates offered before a box is ticked: the last `days` days up to today."""
        (_box, since), (_box2, until) = self.ends
        since.setDate(qdate(today).addDays(-(days - 1)))
        until.setDate(qdate(today))

    def period(self) -> tuple[date | None, date | None]:
        """The inclusive dates ticked (None: that end is open)."""
        since, until = (
            python_date(edit.date()) if box.isChecked() else None for box, edit in self.ends
        )
        return since, until

    def show(self, since: date | None, until: date | None) -> None:
        """Tick and set the ends given, untick the others (signals are the caller's to block)."""
        for (box, edit), day in zip(self.ends, (since, until), strict=True):
            box.setChecked(day is not None)
            edit.setEnabled(day is not None)
            if day is not None:
                edit.setDate(qdate(day))

    def widgets(self) -> list[QWidget]:
        return [widget for pair in self.ends for widget in pair]


def choose_id(combo: QComboBox, record_id: uuid.UUID | None) -> None:
    """Choose the item of this record (its id as text, as the lists' combo boxes hold it); the
    first item ("All") when there is none or it is not offered."""
    combo.setCurrentIndex(max(0, combo.findData(str(record_id) if record_id else "")))


@contextmanager
def signals_blocked(widgets: Sequence[QWidget]) -> Iterator[None]:
    """Set several filters as one change: no widget signals until the end."""
    for widget in widgets:
        widget.blockSignals(True)
    try:
        yield
    finally:
        for widget in widgets:
            widget.blockSignals(False)


class PlaceFilter:
    """A community (or village) combo and its compounds' combo, "All" first in each: choosing a
    community offers its compounds (all compounds for all communities); `changed` runs after
    either is chosen. The lists come from the reference services, read again by `refill()`."""

    def __init__(
        self,
        unit: QComboBox,
        compound: QComboBox,
        services: Callable[[], AppContext],
        changed: Callable[[], None],
        all_text: str,
    ) -> None:
        self.unit, self.compound = unit, compound
        self._services, self._changed, self._all = services, changed, all_text
        unit.currentIndexChanged.connect(lambda _i: self._unit_changed())
        compound.currentIndexChanged.connect(lambda _i: changed())

    def refill(self) -> None:
        """Communities and compounds afresh; the choices stay where they still exist (raises
        KnownError when they cannot be read)."""
        units = reference.list_units(self._services())
        self._offer(self.unit, [(u.name, str(u.id)) for u in units])
        self._refill_compounds()

    def chosen(self) -> tuple[uuid.UUID | None, uuid.UUID | None]:
        """The community and the compound chosen (None: all)."""
        return as_uuid(self.unit.currentData()), as_uuid(self.compound.currentData())

    def show(self, unit_id: uuid.UUID | None, compound_id: uuid.UUID | None) -> None:
        """Choose these (signals are the caller's to block, as for several filters at once)."""
        choose_id(self.unit, unit_id)
        self._refill_compounds()
        choose_id(self.compound, compound_id)

    def widgets(self) -> list[QWidget]:
        return [self.unit, self.compound]

    def _unit_changed(self) -> None:
        with contextlib.suppress(KnownError):  # the compounds stay as they were; the list says
            self._refill_compounds()
        self._changed()

    def _refill_compounds(self) -> None:
        unit_id = as_uuid(self.unit.currentData())
        rows = reference.list_compounds(self._services(), unit_id)
        self._offer(self.compound, [(row.name, str(row.id)) for row in rows])

    def _offer(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        refill_combo(combo, items)
        combo.setItemText(0, self._all)
