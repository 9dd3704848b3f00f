"""What the old compounds' ledgers read besides the orders and clean-ups lists: the compounds a
sheet covers with their buildings, what a compound's survey found, and the photos of its records.

The repair and clean-up ledgers stream the lists' own rows (services/repair_lists.iter_orders,
services/cleanups.iter_cleanups); the compound sheet (小区台账) gathers one compound at a time,
and the blank survey sheet (排查登记表) needs the buildings and their units only.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.reference_models import Building, Compound, Unit
from jinsha_desktop.db.repair_models import (
    CampaignCompound,
    Cleanup,
    RepairOrder,
    SurveyCampaign,
    SurveyLine,
)
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.surveys import COUNT_FIELDS, unit_label
from jinsha_desktop.services.cleanups import CleanupFilter, CleanupRow, CleanupSort, iter_cleanups
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.photos import photo_folder, photos_of
from jinsha_desktop.services.reference import _natural_key as natural_key
from jinsha_desktop.services.repair_lists import OrderFilter, OrderRow, OrderSort, iter_orders
from jinsha_desktop.services.visit_lists import _local_midnight as local_midnight

OLDEST_FIRST_ORDERS = OrderSort("reported_at", descending=False)
OLDEST_FIRST_CLEANUPS = CleanupSort("done_on", descending=False)


@dataclass(frozen=True)
class SheetScope:
    """Which compounds a sheet covers: one, a campaign's scope, a community's, or all."""

    unit_id: uuid.UUID | None = None
    compound_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None


@dataclass(frozen=True)
class BuildingEntry:
    name: str
    unit_count: int | None
    floor_count: int | None

    def units(self) -> list[str]:
        """The rows of the building on a survey sheet: one per unit (1单元…), or 整栋."""
        return [unit_label(n) for n in range(1, (self.unit_count or 0) + 1)] or [unit_label(0)]


@dataclass(frozen=True)
class CompoundHead:
    id: uuid.UUID
    name: str
    unit_name: str
    address: str
    managed: bool
    property_company: str
    buildings: list[BuildingEntry] = field(default_factory=list)


@dataclass(frozen=True)
class PhotoSet:
    """A record's photos as a ledger prints them: thumbnails, and the files that are gone."""

    thumbnails: tuple[Path, ...] = ()
    missing: tuple[str, ...] = ()
    """The first characters of each missing photo's hash (named, never dropped)."""


@dataclass(frozen=True)
class FoundEntry:
    """One survey line that found something."""

    campaign: str
    place: str
    counts: tuple[int, ...]
    """As domain/surveys.COUNT_FIELDS (bulbs, switches, splitters, wiring)."""
    other: str
    surveyed_on: date | None
    order_number: str


@dataclass(frozen=True)
class CompoundSheet:
    head: CompoundHead
    found: list[FoundEntry]
    orders: list[tuple[OrderRow, PhotoSet]]
    cleanups: list[tuple[CleanupRow, PhotoSet]]


def _active(model: Any) -> ColumnElement[bool]:
    result: ColumnElement[bool] = model.deleted_at.is_(None)
    return result


def _heads(
    session: Session, scope: SheetScope, also: ColumnElement[bool] | None = None
) -> list[CompoundHead]:
    """The compounds in `scope` (and matching `also`), by community then name, with their
    buildings in natural order (2号楼 before 10号楼)."""
    query = (
        select(Compound, Unit.name)
        .join(Unit, Unit.id == Compound.unit_id)
        .where(_active(Compound))
        .order_by(Unit.sort_order, Unit.name, Compound.name, Compound.id)
    )
    if scope.compound_id is not None:
        query = query.where(Compound.id == scope.compound_id)
    if scope.unit_id is not None:
        query = query.where(Compound.unit_id == scope.unit_id)
    if scope.campaign_id is not None:
        query = query.where(
            Compound.id.in_(
                select(CampaignCompound.compound_id).where(
                    CampaignCompound.campaign_id == scope.campaign_id, _active(CampaignCompound)
                )
            )
        )
    if also is not None:
        query = query.where(also)
    found = session.execute(query).all()
    buildings: dict[uuid.UUID, list[BuildingEntry]] = {}
    ids = [compound.id for compound, _unit in found]
    for start in range(0, len(ids), 500):  # stay under SQLite's parameter limit
        rows = session.scalars(
            select(Building).where(
                Building.compound_id.in_(ids[start : start + 500]), _active(Building)
            )
        )
        for b in rows:
            buildings.setdefault(b.compound_id, []).append(
                BuildingEntry(b.name, b.unit_count, b.floor_count)
            )
    return [
        CompoundHead(
            compound.id,
            compound.name,
            unit_name,
            compound.address,
            compound.managed,
            compound.property_company,
            sorted(buildings.get(compound.id, []), key=lambda b: natural_key(b.name)),
        )
        for compound, unit_name in found
    ]


def survey_sheet_compounds(context: AppContext, scope: SheetScope) -> list[CompoundHead]:
    """The compounds a blank survey sheet is printed for, with their buildings and units."""
    context.require(Permission.VIEW_REPAIRS)
    with context.reading() as session:
        return _heads(session, scope)


def _line_day() -> Any:
    """The day a survey line counts on: when it was surveyed, else its campaign's start."""
    return func.coalesce(SurveyLine.surveyed_on, SurveyCampaign.start_date)


def _found_in_period(since: date, until: date, scope: SheetScope) -> ColumnElement[bool]:
    """SQL: the compound had an order reported, a clean-up done or a survey line in the
    period (a compound sheet leaves the quiet ones out unless one compound is asked for)."""
    start, end = local_midnight(since), local_midnight(until + timedelta(days=1))
    orders = select(RepairOrder.compound_id).where(
        _active(RepairOrder), RepairOrder.reported_at >= start, RepairOrder.reported_at < end
    )
    cleanups = select(Cleanup.compound_id).where(
        _active(Cleanup), Cleanup.done_on >= since, Cleanup.done_on <= until
    )
    lines = (
        select(SurveyLine.compound_id)
        .join(SurveyCampaign, SurveyCampaign.id == SurveyLine.campaign_id)
        .where(_active(SurveyLine), _line_day() >= since, _line_day() <= until)
    )
    if scope.campaign_id is not None:
        orders = orders.where(RepairOrder.campaign_id == scope.campaign_id)
        cleanups = cleanups.where(Cleanup.campaign_id == scope.campaign_id)
        lines = lines.where(SurveyLine.campaign_id == scope.campaign_id)
    return or_(Compound.id.in_(orders), Compound.id.in_(cleanups), Compound.id.in_(lines))


def _found(
    session: Session, compound_id: uuid.UUID, since: date, until: date, scope: SheetScope
) -> list[FoundEntry]:
    keys = [key for key, _label, _word in COUNT_FIELDS]
    query = (
        select(SurveyLine, SurveyCampaign.name, Building.name, RepairOrder.number)
        .join(SurveyCampaign, SurveyCampaign.id == SurveyLine.campaign_id)
        .join(Building, Building.id == SurveyLine.building_id)
        .outerjoin(
            RepairOrder,
            (RepairOrder.id == SurveyLine.repair_order_id) & _active(RepairOrder),
        )
        .where(
            SurveyLine.compound_id == compound_id,
            _active(SurveyLine),
            _line_day() >= since,
            _line_day() <= until,
        )
    )
    if scope.campaign_id is not None:
        query = query.where(SurveyLine.campaign_id == scope.campaign_id)
    entries = []
    for line, campaign, building, number in session.execute(query):
        counts = tuple(getattr(line, key) for key in keys)
        if not any(counts) and not line.other.strip():
            continue  # walked past and found nothing: not a finding
        entries.append(
            FoundEntry(
                campaign,
                f"{building} {unit_label(line.unit_no)}",
                counts,
                line.other,
                line.surveyed_on,
                number or "",
            )
        )
    return sorted(entries, key=lambda e: (e.campaign, natural_key(e.place)))


def photo_set(session: Session, folder: Path, table: str, record_id: uuid.UUID) -> PhotoSet:
    linked = photos_of(session, folder, table, record_id)
    return PhotoSet(
        tuple(p.thumbnail for p in linked if not p.missing),
        tuple(p.sha256[:8] for p in linked if p.missing),
    )


def compound_sheets(
    context: AppContext, since: date, until: date, scope: SheetScope
) -> list[CompoundSheet]:
    """A compound sheet per compound in scope that had anything in the period (the one asked
    for, even if quiet): its buildings, findings, orders with their photos and clean-ups with
    theirs."""
    context.require(Permission.VIEW_REPAIRS)
    folder = photo_folder(context)
    with context.reading() as session:
        busy = None if scope.compound_id is not None else _found_in_period(since, until, scope)
        heads = _heads(session, scope, busy)
    return list(_sheets(context, folder, heads, since, until, scope))


def _sheets(
    context: AppContext,
    folder: Path,
    heads: Sequence[CompoundHead],
    since: date,
    until: date,
    scope: SheetScope,
) -> Iterator[CompoundSheet]:
    for head in heads:
        orders = list(
            iter_orders(
                context,
                OrderFilter(
                    since=since, until=until, compound_id=head.id, campaign_id=scope.campaign_id
                ),
                OLDEST_FIRST_ORDERS,
            )
        )
        cleanups = list(
            iter_cleanups(
                context,
                CleanupFilter(
                    since=since, until=until, compound_id=head.id, campaign_id=scope.campaign_id
                ),
                OLDEST_FIRST_CLEANUPS,
            )
        )
        with context.reading() as session:
            yield CompoundSheet(
                head,
                _found(session, head.id, since, until, scope),
                [(o, photo_set(session, folder, "repair_order", o.id)) for o in orders],
                [(c, photo_set(session, folder, "cleanup", c.id)) for c in cleanups],
            )
