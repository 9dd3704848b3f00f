"""Reference data maintained by the administrator: units, compounds and buildings, checkpoints."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.base import CommonColumns
from jinsha_desktop.db.reference_models import Building, Checkpoint, Compound, Unit
from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.reference import (
    BuildingInput,
    CheckpointInput,
    CompoundInput,
    UnitInput,
    UnitKind,
)
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.editing import load_for_edit, set_changed


@dataclass(frozen=True)
class Kind:
    """How one kind of reference record is stored, named and checked."""

    model: type[CommonColumns]
    label: str
    parent_column: str | None
    unique_in_parent: bool
    children: tuple[tuple[type[CommonColumns], str, str], ...] = ()
    """(child model, its column pointing here, child label) that block a delete."""


UNITS = Kind(
    Unit, "社区/村", None, False, ((Compound, "unit_id", "小区"), (Checkpoint, "unit_id", "卡点"))
)
COMPOUNDS = Kind(Compound, "小区", "unit_id", True, ((Building, "compound_id", "楼栋"),))
BUILDINGS = Kind(Building, "楼栋", "compound_id", True)
# Checkpoint names are unique across the sub-district: they are printed alone on ledgers.
CHECKPOINTS = Kind(Checkpoint, "卡点", "unit_id", False)


def _active(model: Any) -> Any:
    return model.deleted_at.is_(None)


def _check_unique(
    session: Session, kind: Kind, name: str, parent_id: uuid.UUID | None, own_id: uuid.UUID | None
) -> None:
    model: Any = kind.model
    conditions = [model.name == name, _active(model)]
    if kind.unique_in_parent and kind.parent_column:
        conditions.append(getattr(model, kind.parent_column) == parent_id)
    if own_id is not None:
        conditions.append(model.id != own_id)
    if session.scalar(select(func.count()).select_from(model).where(*conditions)):
        where = "这里" if kind.unique_in_parent else "街道内"
        raise ValidationError(f"{where}已经有名为“{name}”的{kind.label}了。", "name")


def _parent(
    session: Session, model: Any, parent_id: uuid.UUID | None, label: str, field: str
) -> Any:
    parent = session.get(model, parent_id) if parent_id is not None else None
    if parent is None or parent.deleted_at is not None:
        raise ValidationError(f"请选择所属{label}。", field)
    return parent


def _editable(session: Session, kind: Kind, record_id: uuid.UUID, version: int | None) -> Any:
    return load_for_edit(session, kind.model, record_id, version, f"这个{kind.label}")


def _save(
    context: AppContext,
    kind: Kind,
    values: dict[str, Any],
    parent_id: uuid.UUID | None,
    record_id: uuid.UUID | None,
    version: int | None,
) -> uuid.UUID:
    context.require(Permission.MANAGE_REFERENCE_DATA)
    with context.uow() as session:
        if kind.parent_column is not None:
            parent_model = Unit if kind.parent_column == "unit_id" else Compound
            label = "社区/村" if parent_model is Unit else "小区"
            _parent(session, parent_model, parent_id, label, kind.parent_column)
            values = {**values, kind.parent_column: parent_id}
        _check_unique(session, kind, values["name"], parent_id, record_id)
        if record_id is None:
            record: Any = kind.model(**values)
            session.add(record)
        else:
            record = _editable(session, kind, record_id, version)
            set_changed(record, values)
        session.flush()
        return record.id  # type: ignore[no-any-return]


def save_reference(
    context: AppContext,
    kind: Kind,
    values: dict[str, Any],
    record_id: uuid.UUID | None = None,
    version: int | None = None,
) -> uuid.UUID:
    """Add or change a record of a kind with no parent (the repairs catalogue's parts and
    clean-up categories): the same permission, name check and optimistic lock as the rest."""
    if kind.parent_column is not None:
        raise ValueError(f"{kind.label} has a parent: use its own save function")
    return _save(context, kind, values, None, record_id, version)


def delete(
    context: AppContext, kind: Kind, record_id: uuid.UUID, version: int | None = None
) -> None:
    """Soft delete; refused while the record still has children in use."""
    context.require(Permission.MANAGE_REFERENCE_DATA)
    with context.uow() as session:
        record = _editable(session, kind, record_id, version)
        for child, column, label in kind.children:
            count = session.scalar(
                select(func.count())
                .select_from(child)
                .where(getattr(child, column) == record_id, _active(child))
            )
            if count:
                raise ValidationError(
                    f"“{record.name}”下还有 {count} 个{label}，请先删除或移走它们。", "name"
                )
        record.deleted_at = context.clock.now()


# ---------------------------------------------------------------- the public operations


def save_unit(
    context: AppContext,
    data: UnitInput,
    record_id: uuid.UUID | None = None,
    version: int | None = None,
) -> uuid.UUID:
    clean = data.cleaned()
    values = {"name": clean.name, "kind": UnitKind(clean.kind).value, "note": clean.note}
    return _save(context, UNITS, values, None, record_id, version)


def save_compound(
    context: AppContext,
    unit_id: uuid.UUID | None,
    data: CompoundInput,
    record_id: uuid.UUID | None = None,
    version: int | None = None,
) -> uuid.UUID:
    return _save(context, COMPOUNDS, asdict(data.cleaned()), unit_id, record_id, version)


def save_building(
    context: AppContext,
    compound_id: uuid.UUID | None,
    data: BuildingInput,
    record_id: uuid.UUID | None = None,
    version: int | None = None,
) -> uuid.UUID:
    return _save(context, BUILDINGS, asdict(data.cleaned()), compound_id, record_id, version)


def save_checkpoint(
    context: AppContext,
    unit_id: uuid.UUID | None,
    data: CheckpointInput,
    record_id: uuid.UUID | None = None,
    version: int | None = None,
) -> uuid.UUID:
    return _save(context, CHECKPOINTS, asdict(data.cleaned()), unit_id, record_id, version)


# ---------------------------------------------------------------- lists


@dataclass(frozen=True)
class UnitRow:
    id: uuid.UUID
    name: str
    kind: UnitKind
    note: str
    compound_count: int
    checkpoint_count: int
    version: int


@dataclass(frozen=True)
class CompoundRow:
    id: uuid.UUID
    unit_id: uuid.UUID
    unit_name: str
    name: str
    address: str
    note: str
    building_count: int
    version: int
    managed: bool = False
    property_company: str = ""

    @property
    def managed_by(self) -> str:
        """The property company as the list shows it: its name, 有物业 if it has none, or ""."""
        return self.property_company or ("有物业" if self.managed else "")


@dataclass(frozen=True)
class BuildingRow:
    id: uuid.UUID
    compound_id: uuid.UUID
    name: str
    unit_count: int | None
    floor_count: int | None
    version: int


@dataclass(frozen=True)
class CheckpointRow:
    id: uuid.UUID
    unit_id: uuid.UUID
    unit_name: str
    name: str
    location: str
    note: str
    version: int


def _counts(session: Session, model: Any, column: str) -> dict[uuid.UUID, int]:
    col = getattr(model, column)
    rows = session.execute(select(col, func.count()).where(_active(model)).group_by(col))
    return {key: count for key, count in rows}


def _require_places(context: AppContext) -> None:
    """Communities, compounds and buildings are read by the registration (VIEW_RECORDS) and by
    the old-compound module (VIEW_REPAIRS: property staff, who see no visitor data) alike."""
    if context.user is not None and context.user.can(Permission.VIEW_REPAIRS):
        return
    context.require(Permission.VIEW_RECORDS)


def list_units(context: AppContext) -> list[UnitRow]:
    _require_places(context)
    with context.reading() as session:
        compounds = _counts(session, Compound, "unit_id")
        checkpoints = _counts(session, Checkpoint, "unit_id")
        units = session.scalars(
            select(Unit).where(_active(Unit)).order_by(Unit.sort_order, Unit.name)
        )
        return [
            UnitRow(
                u.id,
                u.name,
                UnitKind(u.kind),
                u.note,
                compounds.get(u.id, 0),
                checkpoints.get(u.id, 0),
                u.version,
            )
            for u in units
        ]


def list_compounds(context: AppContext, unit_id: uuid.UUID | None = None) -> list[CompoundRow]:
    _require_places(context)
    with context.reading() as session:
        buildings = _counts(session, Building, "compound_id")
        stmt = (
            select(Compound)
            .join(Unit)
            .where(_active(Compound))
            .order_by(Unit.sort_order, Unit.name, Compound.name)
        )
        if unit_id is not None:
            stmt = stmt.where(Compound.unit_id == unit_id)
        return [
            CompoundRow(
                c.id,
                c.unit_id,
                c.unit.name,
                c.name,
                c.address,
                c.note,
                buildings.get(c.id, 0),
                c.version,
                c.managed,
                c.property_company,
            )
            for c in session.scalars(stmt)
        ]


def list_buildings(context: AppContext, compound_id: uuid.UUID) -> list[BuildingRow]:
    _require_places(context)
    with context.reading() as session:
        rows = session.scalars(
            select(Building).where(Building.compound_id == compound_id, _active(Building))
        ).all()
        # "2 幢" before "10 幢": natural order of the digits in the name.
        rows = sorted(rows, key=lambda b: _natural_key(b.name))
        return [
            BuildingRow(b.id, b.compound_id, b.name, b.unit_count, b.floor_count, b.version)
            for b in rows
        ]


def list_checkpoints(context: AppContext) -> list[CheckpointRow]:
    context.require(Permission.VIEW_RECORDS)
    with context.reading() as session:
        stmt = (
            select(Checkpoint)
            .join(Unit)
            .where(_active(Checkpoint))
            .order_by(Unit.sort_order, Unit.name, Checkpoint.name)
        )
        return [
            CheckpointRow(c.id, c.unit_id, c.unit.name, c.name, c.location, c.note, c.version)
            for c in session.scalars(stmt)
        ]


def _natural_key(text: str) -> tuple[Any, ...]:
    import re

    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))
