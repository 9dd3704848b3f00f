"""The old-compound module's reference data: the parts catalogue and the clean-up categories,
seeded once per database, and this installation's short code for its order numbers."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.models import Installation
from jinsha_desktop.db.repair_models import CleanupCategory, Part
from jinsha_desktop.domain.repairs import (
    DEFAULT_CLEANUP_CATEGORIES,
    DEFAULT_PARTS,
    seed_id,
    short_code_for,
)
from jinsha_desktop.services.context import AppContext


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


def installation_short_code(session: Session, installation_id: uuid.UUID) -> str:
    """The code printed in this installation's numbers (an installation registered before the
    codes existed gets the one its id gives)."""
    stored = session.scalar(
        select(Installation.short_code).where(Installation.id == installation_id)
    )
    return stored or short_code_for(installation_id)
