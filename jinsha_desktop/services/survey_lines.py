"""A campaign's survey lines: the paper sheet of one compound typed in (one use case per sheet),
and its findings turned into repair orders in one step (one per building or per compound).

A finding is converted once: its line keeps the order it became (SurveyLine.repair_order_id),
so converting again makes nothing more, and a converted line is no longer changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jinsha_desktop.db.reference_models import Building, Compound
from jinsha_desktop.db.repair_models import CampaignCompound, SurveyCampaign, SurveyLine
from jinsha_desktop.domain.errors import FormErrors, ValidationError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repairs import OrderInput, OrderSource, PlaceInput
from jinsha_desktop.domain.surveys import (
    COUNT_FIELDS,
    Finding,
    Per,
    SurveyLineInput,
    finding_text,
    unit_label,
)
from jinsha_desktop.services.campaigns import THIS_CAMPAIGN
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.editing import load_for_edit
from jinsha_desktop.services.reference import _natural_key as natural_key
from jinsha_desktop.services.repair_orders import new_order

_VALUES = tuple(key for key, _l, _w in COUNT_FIELDS) + ("other",)


@dataclass(frozen=True)
class SheetLine:
    """One row of a compound's survey sheet: a building's unit, and what is saved for it."""

    building_id: uuid.UUID
    building: str
    unit_count: int | None
    unit_no: int
    bulbs: int = 0
    switches: int = 0
    splitters: int = 0
    wiring: int = 0
    other: str = ""
    surveyed_on: date | None = None
    saved: bool = False
    converted: bool = False
    """Turned into a repair order: shown, no longer changed."""

    @property
    def place(self) -> str:
        return f"{self.building} {unit_label(self.unit_no)}"


@dataclass(frozen=True)
class SurveySheet:
    campaign_id: uuid.UUID
    campaign: str
    compound_id: uuid.UUID
    compound: str
    period: tuple[date, date]
    lines: list[SheetLine]


def _active(model: Any) -> Any:
    return model.deleted_at.is_(None)


def _campaign_and_compound(
    session: Session, campaign_id: uuid.UUID, compound_id: uuid.UUID
) -> tuple[SurveyCampaign, Compound]:
    campaign = load_for_edit(session, SurveyCampaign, campaign_id, None, THIS_CAMPAIGN)
    compound = load_for_edit(session, Compound, compound_id, None, "这个小区")
    in_scope = session.scalar(
        select(CampaignCompound.id).where(
            CampaignCompound.campaign_id == campaign_id,
            CampaignCompound.compound_id == compound_id,
            _active(CampaignCompound),
        )
    )
    if in_scope is None:
        raise ValidationError(f"{compound.name}不在“{campaign.name}”的排查范围内。", "compound_id")
    return campaign, compound


def _buildings(session: Session, compound_id: uuid.UUID) -> list[Building]:
    rows = session.scalars(
        select(Building).where(Building.compound_id == compound_id, _active(Building))
    ).all()
    return sorted(rows, key=lambda b: natural_key(b.name))


def _lines(
    session: Session, campaign_id: uuid.UUID, compound_id: uuid.UUID
) -> dict[tuple[uuid.UUID, int], SurveyLine]:
    rows = session.scalars(
        select(SurveyLine).where(
            SurveyLine.campaign_id == campaign_id,
            SurveyLine.compound_id == compound_id,
            _active(SurveyLine),
        )
    )
    return {(line.building_id, line.unit_no): line for line in rows}


def survey_sheet(
    context: AppContext, campaign_id: uuid.UUID, compound_id: uuid.UUID
) -> SurveySheet:
    """The rows of a compound's sheet: per building, a row per unit (unit_count rows, or one
    row 整栋 without units), with what is already saved; a saved line of another unit too."""
    context.require(Permission.VIEW_REPAIRS)
    with context.reading() as session:
        campaign, compound = _campaign_and_compound(session, campaign_id, compound_id)
        saved = _lines(session, campaign_id, compound_id)
        rows: list[SheetLine] = []
        for building in _buildings(session, compound_id):
            units = set(range(1, (building.unit_count or 0) + 1)) or {0}
            units |= {unit for (bid, unit) in saved if bid == building.id}
            for unit in sorted(units):
                line = saved.get((building.id, unit))
                values = {key: getattr(line, key) for key in _VALUES} if line else {}
                rows.append(
                    SheetLine(
                        building.id,
                        building.name,
                        building.unit_count,
                        unit,
                        surveyed_on=line.surveyed_on if line else None,
                        saved=line is not None,
                        converted=line is not None and line.repair_order_id is not None,
                        **values,
                    )
                )
        period = (campaign.start_date, campaign.end_date)
        return SurveySheet(campaign.id, campaign.name, compound.id, compound.name, period, rows)


def save_survey(
    context: AppContext,
    campaign_id: uuid.UUID,
    compound_id: uuid.UUID,
    lines: Sequence[SurveyLineInput],
) -> int:
    """Save a compound's typed sheet in one transaction and return how many lines changed.
    Every line is checked first (FormErrors naming "<row>.<field>", row = its index in
    `lines`); a line already turned into a repair order is not changed."""
    context.require(Permission.LOG_REPAIRS)
    with context.uow() as session:
        campaign, _compound = _campaign_and_compound(session, campaign_id, compound_id)
        buildings = {b.id: b for b in _buildings(session, compound_id)}
        cleaned = clean_lines(lines, buildings, (campaign.start_date, campaign.end_date))
        saved = _lines(session, campaign_id, compound_id)
        changed = 0
        for line in cleaned:
            record = saved.get((line.building_id, _unit(line)))
            changed += store_line(session, campaign_id, compound_id, line, record) is not None
        return changed


def clean_lines(
    lines: Sequence[SurveyLineInput],
    buildings: dict[uuid.UUID, Building],
    period: tuple[date, date],
) -> list[SurveyLineInput]:
    """Every line cleaned, or FormErrors with each bad cell as "<row>.<field>"."""
    errors: list[ValidationError] = []
    cleaned: list[SurveyLineInput] = []
    seen: set[tuple[uuid.UUID, object]] = set()
    for row, line in enumerate(lines):
        building = buildings.get(line.building_id)
        if building is None:
            errors.append(ValidationError("这栋楼不在这个小区，或已被删除。", f"{row}.building"))
            continue
        try:
            clean = line.cleaned(building.unit_count, building.name, period)
        except FormErrors as error:
            errors += [ValidationError(e.message, f"{row}.{e.field}") for e in error.errors]
            continue
        if (clean.building_id, clean.unit_no) in seen:
            where = f"{building.name} {unit_label(_unit(clean))}"
            errors.append(ValidationError(f"{where}填了两行，请只保留一行。", f"{row}.unit_no"))
        seen.add((clean.building_id, clean.unit_no))
        cleaned.append(clean)
    if errors:
        raise FormErrors(errors)
    return cleaned


def store_line(
    session: Session,
    campaign_id: uuid.UUID,
    compound_id: uuid.UUID,
    line: SurveyLineInput,
    record: SurveyLine | None,
) -> SurveyLine | None:
    """Add or update one cleaned line (the grid and the importer): the line written, None when
    nothing changed. ValidationError for a change to a line already turned into an order."""
    differing = line_changes(line, record)
    if not differing:
        return None
    if record is None:
        record = SurveyLine(
            campaign_id=campaign_id,
            compound_id=compound_id,
            building_id=line.building_id,
            unit_no=line.unit_no,
            **differing,
        )
        session.add(record)
        return record
    if record.repair_order_id is not None:
        raise ValidationError(CONVERTED, "other")
    for key, value in differing.items():
        setattr(record, key, value)
    return record


CONVERTED = "这一行已转为报修单，不能再修改；请在报修单中处理。"


def line_changes(line: SurveyLineInput, record: SurveyLine | None) -> dict[str, object]:
    """What saving a cleaned line changes: every value for a new line, else the differing ones
    (a date left out changes none)."""
    values = {key: getattr(line, key) for key in _VALUES}
    if line.surveyed_on is not None:
        values["surveyed_on"] = line.surveyed_on
    if record is None:
        return values
    return {key: value for key, value in values.items() if getattr(record, key) != value}


def clear_survey(context: AppContext, campaign_id: uuid.UUID, compound_id: uuid.UUID) -> int:
    """Set aside (soft delete) a compound's survey lines not yet converted, to type the sheet
    again; returns how many."""
    context.require(Permission.LOG_REPAIRS)
    with context.uow() as session:
        _campaign_and_compound(session, campaign_id, compound_id)
        now = context.clock.now()
        lines = [
            line
            for line in _lines(session, campaign_id, compound_id).values()
            if line.repair_order_id is None
        ]
        for line in lines:
            line.deleted_at = now
        return len(lines)


def convert_findings(context: AppContext, campaign_id: uuid.UUID, per: Per) -> list[uuid.UUID]:
    """Turn the campaign's findings not yet converted into repair orders, in one transaction:
    one order per building or per compound (source 排查发现, reported on the latest survey date
    of its lines, else the campaign's end; the problem is the counts). Lines that found nothing
    stay as they are. Returns the new orders' ids (none when everything was converted)."""
    context.require(Permission.LOG_REPAIRS)
    now = context.clock.now()
    with context.uow() as session:
        campaign = load_for_edit(session, SurveyCampaign, campaign_id, None, THIS_CAMPAIGN)
        rows = session.execute(
            select(SurveyLine, Building.name, Compound.name)
            .join(Building, Building.id == SurveyLine.building_id)
            .join(Compound, Compound.id == SurveyLine.compound_id)
            .where(
                SurveyLine.campaign_id == campaign_id,
                SurveyLine.repair_order_id.is_(None),
                _active(SurveyLine),
            )
        ).all()
        # Groups in the order of the sheets: compound, building (2 before 10), unit.
        ordered = sorted(rows, key=lambda r: (r[2], natural_key(r[1]), r[0].unit_no))
        groups: dict[tuple[uuid.UUID, uuid.UUID | None], list[tuple[SurveyLine, str]]] = {}
        for line, building, _compound in ordered:
            if not _finding(line, building).found_anything:
                continue
            key = (line.compound_id, line.building_id if per is Per.BUILDING else None)
            groups.setdefault(key, []).append((line, building))
        made: list[uuid.UUID] = []
        for (compound_id, building_id), members in groups.items():
            findings = [_finding(line, building) for line, building in members]
            units = {line.unit_no for line, _b in members}
            # An order for one building names its unit when the finding is in one unit only.
            unit = units.pop() if building_id is not None and len(units) == 1 else 0
            place = PlaceInput(compound_id, building_id, unit_no=unit or None)
            days = [line.surveyed_on for line, _b in members if line.surveyed_on is not None]
            day = max(days) if days else campaign.end_date
            reported = min(datetime.combine(day, time()).astimezone(), now)
            problem = finding_text(findings, name_buildings=building_id is None)
            order = OrderInput(place, problem, reported, OrderSource.SURVEY)
            record = new_order(session, context, order, campaign_id)
            for line, _building in members:
                line.repair_order_id = record.id
            made.append(record.id)
        return made


def _finding(line: SurveyLine, building: str) -> Finding:
    return Finding(
        line.unit_no, line.bulbs, line.switches, line.splitters, line.wiring, line.other, building
    )


def _unit(line: SurveyLineInput) -> int:
    """The unit of a cleaned line (cleaned() made it an int)."""
    assert isinstance(line.unit_no, int)
    return line.unit_no
