"""Where in the sub-district: community or village → compound → building → unit (单元) → floor.

One picker for every form that names a place (the registration form's destination; a repair
order's building next). It drives combo boxes the form's Designer file lays out, so each keeps
its own row, label and error line: choosing a community offers its compounds, a compound its
buildings, a building its units (1…unit_count) and floors (1…floor_count, and the basement);
a level with nothing to offer is disabled (Enter and Tab pass it by). The lists come
from the reference services, read afresh by `refill()` (an administrator may have added a
compound meanwhile); the widget holds no SQL and no rules.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox

from jinsha_desktop.gui.forms.binder import as_uuid, refill_combo
from jinsha_desktop.services import reference
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.reference import BuildingRow

UNITS_IF_UNKNOWN = 8
FLOORS_IF_UNKNOWN = 18
BASEMENT = (-2, -1)
"""Floors below ground offered for every building (地下2层, 地下1层)."""


class PlacePicker(QObject):
    """Binds a unit combo, a compound combo and (optionally) a building combo into one picker.

    The combos hold the records' ids as text (their item data), so a form binder reads and sets
    them like any other choice; setting them in reading order (unit first) refills the lower
    levels on the way, as a person choosing them would.
    """

    def __init__(
        self,
        services: Callable[[], AppContext],
        unit: QComboBox,
        compound: QComboBox,
        building: QComboBox | None = None,
        parent: QObject | None = None,
        *,
        unit_no: QComboBox | None = None,
        floor: QComboBox | None = None,
    ) -> None:
        super().__init__(parent or unit)
        self._services = services
        self.unit, self.compound, self.building = unit, compound, building
        self.unit_no, self.floor = unit_no, floor
        self._buildings: dict[str, BuildingRow] = {}
        unit.currentIndexChanged.connect(lambda _i: self._unit_changed())
        compound.currentIndexChanged.connect(lambda _i: self._compound_changed())
        if building is not None:
            building.currentIndexChanged.connect(lambda _i: self._building_changed())

    def refill(self) -> None:
        """The communities and villages again; the current choices stay where they still exist."""
        units = reference.list_units(self._services())
        refill_combo(self.unit, [(u.name, str(u.id)) for u in units])
        self._unit_changed()

    def unit_id(self) -> uuid.UUID | None:
        return as_uuid(self.unit.currentData())

    def compound_id(self) -> uuid.UUID | None:
        return as_uuid(self.compound.currentData())

    def building_id(self) -> uuid.UUID | None:
        return as_uuid(self.building.currentData()) if self.building is not None else None

    def _unit_changed(self) -> None:
        """The compounds of the chosen community or village (none chosen: none offered)."""
        unit_id = self.unit_id()
        rows = reference.list_compounds(self._services(), unit_id) if unit_id else []
        self._offer(self.compound, [(row.name, str(row.id)) for row in rows])
        self._compound_changed()

    def _compound_changed(self) -> None:
        if self.building is None:
            return
        compound_id = self.compound_id()
        rows = reference.list_buildings(self._services(), compound_id) if compound_id else []
        self._buildings = {str(row.id): row for row in rows}
        self._offer(self.building, [(row.name, str(row.id)) for row in rows])
        self._building_changed()

    def _building_changed(self) -> None:
        """The units and floors of the chosen building (as many as it has; when the registry
        does not say, as many as an old compound's building might)."""
        if self.building is None:
            return
        row = self._buildings.get(str(self.building.currentData() or ""))
        if self.unit_no is not None:
            units = range(1, (row.unit_count or UNITS_IF_UNKNOWN) + 1) if row else range(0)
            self._offer(
                self.unit_no, [(self.tr("Unit %1").replace("%1", str(n)), n) for n in units]
            )
        if self.floor is not None:
            if row is None:
                self._offer(self.floor, [])
                return
            floors = range(1, (row.floor_count or FLOORS_IF_UNKNOWN) + 1)
            self._offer(self.floor, [(self.floor_text(n), n) for n in (*BASEMENT, *floors)])

    def floor_text(self, floor: int) -> str:
        if floor < 0:
            return self.tr("Basement %1").replace("%1", str(-floor))
        return self.tr("Floor %1").replace("%1", str(floor))

    @staticmethod
    def _offer(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        refill_combo(combo, items)
        combo.setEnabled(bool(items))
