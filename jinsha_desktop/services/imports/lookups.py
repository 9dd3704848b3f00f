"""What the importers (services/imports/) read from the database, a batch at a time.

An import of 100,000 rows asks for the records behind 500 keys per query, never one query per
row: the rows of a file are looked up chunk by chunk inside the preview's reading session or the
import's writing one. The caller checks permissions and owns the session.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from jinsha_desktop.db.reference_models import Building, Checkpoint, Compound, Unit
from jinsha_desktop.db.registration_models import Person, RiskArea, Visit
from jinsha_desktop.services.visit_lists import destination_text, json_list

LOOKUP_CHUNK = 500
"""Keys per IN (...) query: well under SQLite's 32,766 bound parameters, and quick to plan."""

T = TypeVar("T")


def chunks(items: Sequence[T], size: int = LOOKUP_CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---------------------------------------------------------------- people


@dataclass(frozen=True)
class StoredPerson:
    """What an import compares of a person on record (a plain row, not an ORM object: loading
    100,000 of those to compare them costs seconds)."""

    id: uuid.UUID
    name: str
    gender: str
    birth_date: date | None
    native_region_code: str
    phone: str
    address: str


_STORED_PERSON = (
    Person.id,
    Person.name,
    Person.gender,
    Person.birth_date,
    Person.native_region_code,
    Person.phone,
    Person.address,
)


def people_by_documents(
    session: Session, documents: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], StoredPerson]:
    """The active people holding these (document type, number) pairs, keyed by the pair."""
    by_type: dict[str, set[str]] = defaultdict(set)
    for document_type, number in documents:
        by_type[document_type].add(number)
    found: dict[tuple[str, str], StoredPerson] = {}
    for document_type, numbers in by_type.items():
        for chunk in chunks(sorted(numbers)):
            rows = session.execute(
                select(Person.document_number, *_STORED_PERSON).where(
                    Person.document_type == document_type,
                    Person.document_number.in_(chunk),
                    Person.deleted_at.is_(None),
                )
            )
            for row in rows:
                found[(document_type, row[0])] = StoredPerson(*row[1:])
    return found


def people_by_ids(session: Session, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, Person]:
    """The people with these ids, loaded to be changed."""
    found: dict[uuid.UUID, Person] = {}
    for chunk in chunks(sorted(ids)):
        for person in session.scalars(select(Person).where(Person.id.in_(chunk))):
            found[person.id] = person
    return found


# ---------------------------------------------------------------- visits of listed people


@dataclass(frozen=True)
class VisitCount:
    visits: int
    last_visit_at: datetime


def visit_counts(
    session: Session, *, numbers: Collection[str] = (), phones: Collection[str] = ()
) -> tuple[dict[str, VisitCount], dict[str, VisitCount]]:
    """How often, and when last, each document number and each phone number was registered
    (active visits; a number matches whatever the document type)."""
    return (
        _counts(session, Visit.document_number, numbers),
        _counts(session, Visit.phone, phones),
    )


def _counts(session: Session, column: Any, keys: Collection[str]) -> dict[str, VisitCount]:
    found: dict[str, VisitCount] = {}
    for chunk in chunks(sorted(k for k in keys if k)):
        rows = session.execute(
            select(column, func.count(), func.max(Visit.visited_at))
            .where(column.in_(chunk), Visit.deleted_at.is_(None))
            .group_by(column)
        )
        for key, count, last in rows:
            found[key] = VisitCount(count, _aware(last))
    return found


def _aware(value: Any) -> datetime:
    # Should max() come back without the column's type (naive, or text on SQLite): UTC.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    moment: datetime = value
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


@dataclass(frozen=True)
class RegisteredVisit:
    """One registration of a listed person, as the match report shows it."""

    visited_at: datetime
    checkpoint: str
    direction: str
    person_name: str
    document_type: str
    document_number: str
    phone: str
    origin: str
    route: tuple[str, ...]
    destination: str


def visits_of(
    session: Session, *, numbers: Collection[str] = (), phones: Collection[str] = ()
) -> tuple[dict[str, list[RegisteredVisit]], dict[str, list[RegisteredVisit]]]:
    """Every active visit registered with these document numbers, and with these phones, in
    time order."""
    return (
        _visits(session, Visit.document_number, numbers),
        _visits(session, Visit.phone, phones),
    )


def _visits(
    session: Session, column: Any, keys: Collection[str]
) -> dict[str, list[RegisteredVisit]]:
    building = aliased(Building)
    found: dict[str, list[RegisteredVisit]] = defaultdict(list)
    for chunk in chunks(sorted(k for k in keys if k)):
        stmt = (
            select(Visit, Checkpoint.name, Unit.name, Compound.name, building.name)
            .join(Checkpoint, Checkpoint.id == Visit.checkpoint_id)
            .outerjoin(Unit, Unit.id == Visit.destination_unit_id)
            .outerjoin(Compound, Compound.id == Visit.destination_compound_id)
            .outerjoin(building, building.id == Visit.destination_building_id)
            .where(column.in_(chunk), Visit.deleted_at.is_(None))
            .order_by(Visit.visited_at, Visit.id)
        )
        for visit, checkpoint, unit, compound, building_name in session.execute(stmt):
            key = visit.document_number if column is Visit.document_number else visit.phone
            found[key].append(
                RegisteredVisit(
                    visited_at=visit.visited_at,
                    checkpoint=checkpoint,
                    direction=visit.direction,
                    person_name=visit.person_name,
                    document_type=visit.document_type,
                    document_number=visit.document_number,
                    phone=visit.phone,
                    origin=visit.origin,
                    route=tuple(json_list(visit.route)),
                    destination=destination_text(
                        unit,
                        compound,
                        building_name,
                        visit.destination_door,
                        visit.destination_address,
                    ),
                )
            )
    return dict(found)


# ---------------------------------------------------------------- reference data


def active_risk_areas(session: Session) -> dict[tuple[str, str, date], RiskArea]:
    """The active risk areas keyed by (name, level, effective_from); the list is short."""
    rows = session.scalars(select(RiskArea).where(RiskArea.deleted_at.is_(None)))
    return {(area.name, area.level, area.effective_from): area for area in rows}


def units_by_name(session: Session) -> dict[str, Unit]:
    return {
        unit.name: unit for unit in session.scalars(select(Unit).where(Unit.deleted_at.is_(None)))
    }


def compounds_by_name(session: Session) -> dict[tuple[uuid.UUID, str], Compound]:
    """Every active compound keyed by (unit id, name); a sub-district has a few hundred."""
    rows = session.scalars(select(Compound).where(Compound.deleted_at.is_(None)))
    return {(compound.unit_id, compound.name): compound for compound in rows}


def buildings_by_name(session: Session) -> dict[tuple[uuid.UUID, str], Building]:
    """Every active building keyed by (compound id, name)."""
    rows = session.scalars(select(Building).where(Building.deleted_at.is_(None)))
    return {(building.compound_id, building.name): building for building in rows}
