"""A returning person's last visit, offered to the registration form to register again quickly."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import field as dc_field
from dataclasses import fields, make_dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from jinsha_desktop.db.registration_models import Visit
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.visit import VISIT, VisitInput
from jinsha_desktop.services.context import AppContext

_CARRIED = tuple(f for f in VISIT.fields if f.carried_over)
CARRIED_OVER = tuple(f.key for f in _CARRIED)
"""The trip fields a returning person's form is filled in again with (domain/visit.py)."""

_FRESH = {f.name: f.default for f in fields(VisitInput)}
_Trip: Any = make_dataclass(
    "LastVisit",
    ["visited_at", *((key, Any, dc_field(default=_FRESH[key])) for key in CARRIED_OVER)],
    frozen=True,
)


class LastVisit(_Trip):  # type: ignore[misc]  # the trip's keys are VISIT's: Any when checked
    """What a person's latest registration said about the trip (not the measurements): its
    time and the fields VISIT carries over (CARRIED_OVER), by their keys; one not given reads
    as a fresh input's."""

    visited_at: datetime

    def taken_over(self, shows: Callable[[str], bool]) -> list[str]:
        """The keys a new registration takes from this one (F3): every field VISIT carries
        over; one behind a setting only while `shows` it and it was given (an empty health
        code does not clear one chosen). Never the temperature, measured at every passage."""
        return [
            f.key for f in _CARRIED if not f.setting or (shows(f.setting) and getattr(self, f.key))
        ]


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
