"""A returning person's last visit, offered to the registration form to register again quickly."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from jinsha_desktop.db.registration_models import Visit
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.visit import VISIT
from jinsha_desktop.services.context import AppContext


@dataclass(frozen=True)
class LastVisit:
    """What a person's latest registration said about the trip (not the measurements)."""

    visited_at: datetime
    origin: str
    origin_region_code: str
    route: tuple[str, ...]
    destination_unit_id: uuid.UUID | None
    destination_compound_id: uuid.UUID | None
    destination_building_id: uuid.UUID | None
    destination_door: str
    destination_address: str
    purpose: str
    plate: str
    health_code: str


def last_visit(context: AppContext, person_id: uuid.UUID) -> LastVisit | None:
    """The person's latest registration that is not deleted, or None for a first visit.

    The temperature is left out on purpose: it is measured at every passage, never copied.
    """
    context.require(Permission.REGISTER_VISITS)
    with context.reading() as session:
        visit = session.scalar(
            select(Visit)
            .where(Visit.person_id == person_id, Visit.deleted_at.is_(None))
            .order_by(Visit.visited_at.desc())
            .limit(1)
        )
        if visit is None:
            return None
        carried = {key: getattr(visit, key) for key in CARRIED_OVER}
        carried["route"] = tuple(json.loads(visit.route or "[]"))
        return LastVisit(visited_at=visit.visited_at, **carried)


CARRIED_OVER = tuple(f.key for f in VISIT.fields if f.carried_over)
"""The trip fields a returning person's form is filled in again with (domain/visit.py)."""
