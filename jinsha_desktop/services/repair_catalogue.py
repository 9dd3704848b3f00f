"""The old-compound module's reference data: the parts catalogue and the clean-up categories,
seeded once per database, and this installation's short code for its order numbers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.models import Installation
from jinsha_desktop.db.repair_models import CleanupCategory, Part
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repair_catalogue import CleanupCategoryInput, PartInput
from jinsha_desktop.domain.repairs import (
    DEFAULT_CLEANUP_CATEGORIES,
    DEFAULT_PARTS,
    PartKind,
    seed_id,
    short_code_for,
)
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.reference import Kind, delete, save_reference


def seed_repair_catalogue(context: AppContext) -> bool:
    """The default parts and clean-up categories, if this database never had any (a deleted
    default stays deleted). Seeded rows have the same ids on every laptop (`seed_id`), so
    merged data holds each once. Returns whether anything was added."""
    with context.reading() as session:
        has_parts = bool(session.scalar(select(func.count()).select_from(Part)))
        has_categories = bool(session.scalar(select(func.count()).select_from(CleanupCategory)))
    if has_parts and has_categories:
        return False
    with context.uow() as session:
        if not has_parts:
            for order, (name, kind, unit, price) in enumerate(DEFAULT_PARTS):
                session.add(
                    Part(
                        id=seed_id("part", name),
                        name=name,
                        kind=kind.value,
                        unit=unit,
                        unit_price=price,
                        sort_order=order,
                    )
                )
        if not has_categories:
            for order, (name, unit) in enumerate(DEFAULT_CLEANUP_CATEGORIES):
                session.add(
                    CleanupCategory(
                        id=seed_id("cleanup_category", name), name=name, unit=unit, sort_order=order
                    )
                )
    return True


def free_short_code(session: Session, installation_id: uuid.UUID) -> str:
    """A short code for a new installation that no other installation of this database has
    (the code its id gives, or the next one derived from it)."""
    taken = set(session.scalars(select(Installation.short_code)).all())
    taken |= {short_code_for(other) for other in session.scalars(select(Installation.id)).all()}
    candidate, attempt = short_code_for(installation_id), 0
    while candidate in taken:
        attempt += 1
        candidate = short_code_for(uuid.uuid5(installation_id, str(attempt)))
    return candidate


def installation_short_code(session: Session, installation_id: uuid.UUID) -> str:
    """The code printed in this installation's numbers (an installation registered before the
    codes existed gets the one its id gives)."""
    stored = session.scalar(
        select(Installation.short_code).where(Installation.id == installation_id)
    )
    return stored or short_code_for(installation_id)


# ---------------------------------------------------------------- editing the catalogue

PARTS = Kind(Part, "配件", None, False)
CLEANUP_CATEGORIES = Kind(CleanupCategory, "整治类别", None, False)
"""Deleting either is a soft delete; records that used one keep showing it (a part line keeps
its own name, kind, unit and price; a clean-up still names its category)."""


@dataclass(frozen=True)
class PartRow:
    id: uuid.UUID
    name: str
    kind: PartKind
    unit: str
    unit_price: Decimal
    note: str
    version: int

    @property
    def kind_label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class CleanupCategoryRow:
    id: uuid.UUID
    name: str
    unit: str
    note: str
    version: int


def list_parts(context: AppContext) -> list[PartRow]:
    """The catalogue in its order (everyone who reads or logs repairs)."""
    context.require(Permission.VIEW_REPAIRS)
    with context.reading() as session:
        parts = session.scalars(
            select(Part).where(Part.deleted_at.is_(None)).order_by(Part.sort_order, Part.name)
        )
        return [
            PartRow(p.id, p.name, PartKind(p.kind), p.unit, p.unit_price, p.note, p.version)
            for p in parts
        ]


def save_part(
    context: AppContext,
    data: PartInput,
    record_id: uuid.UUID | None = None,
    version: int | None = None,
) -> uuid.UUID:
    """Add or change a part (MANAGE_REFERENCE_DATA). A new price applies to part lines written
    from now on; the lines already written keep theirs."""
    clean = data.cleaned()
    values = {
        "name": clean.name,
        "kind": PartKind(clean.kind).value,
        "unit": clean.unit,
        "unit_price": clean.unit_price,
        "note": clean.note,
    }
    return save_reference(context, PARTS, values, record_id, version)


def delete_part(context: AppContext, part_id: uuid.UUID, version: int | None = None) -> None:
    delete(context, PARTS, part_id, version)


def list_cleanup_categories(context: AppContext) -> list[CleanupCategoryRow]:
    context.require(Permission.VIEW_REPAIRS)
    with context.reading() as session:
        rows = session.scalars(
            select(CleanupCategory)
            .where(CleanupCategory.deleted_at.is_(None))
            .order_by(CleanupCategory.sort_order, CleanupCategory.name)
        )
        return [CleanupCategoryRow(c.id, c.name, c.unit, c.note, c.version) for c in rows]


def save_cleanup_category(
    context: AppContext,
    data: CleanupCategoryInput,
    record_id: uuid.UUID | None = None,
    version: int | None = None,
) -> uuid.UUID:
    clean = data.cleaned()
    values = {"name": clean.name, "unit": clean.unit, "note": clean.note}
    return save_reference(context, CLEANUP_CATEGORIES, values, record_id, version)


def delete_cleanup_category(
    context: AppContext, category_id: uuid.UUID, version: int | None = None
) -> None:
    delete(context, CLEANUP_CATEGORIES, category_id, version)
