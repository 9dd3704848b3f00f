"""Editors for the reference data: communities and villages, compounds, buildings, checkpoints."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from jinsha_desktop.domain.reference import (
    BuildingInput,
    CheckpointInput,
    CompoundInput,
    UnitInput,
    UnitKind,
)
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.binder import as_uuid
from jinsha_desktop.gui.forms.record_dialog import RecordDialog
from jinsha_desktop.gui.generated.ui_building_dialog import Ui_BuildingDialog
from jinsha_desktop.gui.generated.ui_checkpoint_dialog import Ui_CheckpointDialog
from jinsha_desktop.gui.generated.ui_compound_dialog import Ui_CompoundDialog
from jinsha_desktop.gui.generated.ui_unit_dialog import Ui_UnitDialog
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.services import reference


def _fill_units(combo: QComboBox, gui: GuiContext) -> None:
    combo.clear()
    combo.addItem("", None)
    for unit in reference.list_units(gui.services):
        combo.addItem(unit.name, str(unit.id))


class _ReferenceDialog(RecordDialog):
    """An editor for one reference record: new when `record` is None."""

    def __init__(
        self,
        gui: GuiContext,
        parent: QWidget | None,
        record: Any = None,
        title: str = "",
        key_prefix: str = "",
    ) -> None:
        self.record = record
        key = key_prefix + (str(record.id) if record is not None else "new")
        super().__init__(gui, parent, key, title)
        if record is not None:
            self.binder.set_values(self.values_of(record))

    def values_of(self, record: Any) -> dict[str, Any]:
        """The record's values by field name (ids as text, as the combo boxes hold them)."""
        values = {name: getattr(record, name) for name in self.fields if hasattr(record, name)}
        return {k: str(v) if isinstance(v, uuid.UUID) else v for k, v in values.items()}

    @property
    def record_id(self) -> uuid.UUID | None:
        return self.record.id if self.record is not None else None

    @property
    def version(self) -> int | None:
        return self.record.version if self.record is not None else None


class UnitDialog(_ReferenceDialog):
    ui_class = Ui_UnitDialog
    fields = ["name", "kind", "note"]
    draft_kind = "unit"

    def prepare(self) -> None:
        for kind in UnitKind:
            self.form.kind.addItem(shown(kind.label), kind.value)

    def values_of(self, record: Any) -> dict[str, Any]:
        return {"name": record.name, "kind": UnitKind(record.kind).value, "note": record.note}

    def submit(self, values: dict[str, Any]) -> None:
        data = UnitInput(values["name"], values["kind"], values["note"])
        reference.save_unit(self.gui.services, data, self.record_id, self.version)


class _UnitOwnedDialog(_ReferenceDialog):
    """A record that belongs to a community or village: the unit, then the record's fields."""

    input_class: type
    service: Any
    """The reference service that saves it: (context, unit id, input, record id, version)."""

    def prepare(self) -> None:
        _fill_units(self.form.unit_id, self.gui)

    def submit(self, values: dict[str, Any]) -> None:
        data = self.input_class(*(values[name] for name in self.fields[1:]))
        self.service(
            self.gui.services, as_uuid(values["unit_id"]), data, self.record_id, self.version
        )


class CompoundDialog(_UnitOwnedDialog):
    ui_class = Ui_CompoundDialog
    fields = ["unit_id", "name", "address", "note", "managed", "property_company"]
    draft_kind = "compound"
    input_class = CompoundInput
    service = staticmethod(reference.save_compound)


class BuildingDialog(_ReferenceDialog):
    ui_class = Ui_BuildingDialog
    fields = ["name", "unit_count", "floor_count"]
    draft_kind = "building"

    def __init__(
        self,
        gui: GuiContext,
        parent: QWidget | None,
        compound: Any,
        record: Any = None,
        title: str = "",
    ) -> None:
        self.compound = compound
        # The compound is part of the draft's key, so a restored draft knows where it belongs.
        super().__init__(gui, parent, record, title, key_prefix=f"{compound.id}/")
        self.form.compound_name.setText(compound.name)

    def submit(self, values: dict[str, Any]) -> None:
        data = BuildingInput(values["name"], values["unit_count"], values["floor_count"])
        reference.save_building(
            self.gui.services, self.compound.id, data, self.record_id, self.version
        )


class CheckpointDialog(_UnitOwnedDialog):
    ui_class = Ui_CheckpointDialog
    fields = ["unit_id", "name", "location", "note"]
    draft_kind = "checkpoint"
    input_class = CheckpointInput
    service = staticmethod(reference.save_checkpoint)


ReferenceDialog = _ReferenceDialog
"""The base of every reference record's editor (the repairs catalogue's too)."""
