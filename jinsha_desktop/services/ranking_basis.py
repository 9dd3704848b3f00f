"""What a ranking is computed from, read in the database: each unit's submitted inspections in
a period combined by one GROUP BY (mean and lowest; the latest day through max(date)), findings
and open overdue findings per unit, the basis digest, and the black-listed units' main
deductions. Python only ranks the hundred-odd rows (domain/rankings.rank_units). Open overdue
findings are counted by the findings' own rule (services/findings.overdue_open_at).

Only submitted, not deleted inspections count, at their current result (final_*: the latest
amendment's, or the submitted one).
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    and_,
    case,
    cast,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session

from jinsha_desktop.db.inspection_models import (
    Finding,
    Inspection,
    InspectionAmendment,
    InspectionAnswer,
)
from jinsha_desktop.db.reference_models import Unit
from jinsha_desktop.domain.findings import FindingStatus
from jinsha_desktop.domain.inspections import InspectionStatus
from jinsha_desktop.domain.rankings import CENTS, Period, RankingRules, UnitScores, deduction_line
from jinsha_desktop.services.findings import overdue_open_at
from jinsha_desktop.services.settings import read_setting

CANCELLED = FindingStatus.CANCELLED.value
"""A cancelled finding counts nowhere."""
RULES_KEY = "ranking_rules"
"""The setting that holds the rules new rankings use (domain/rankings.RankingRules as JSON)."""
MAIN_DEDUCTIONS = 3
"""How many of a black-listed unit's largest deductions the notice prints."""


def rules_in(session: Session) -> RankingRules:
    return RankingRules.from_json(read_setting(session, RULES_KEY))


def counted(start: date, end: date) -> list[ColumnElement[bool]]:
    """The inspections a ranking counts: submitted, not deleted, inspected in [start, end]."""
    return [
        Inspection.status == InspectionStatus.SUBMITTED.value,
        Inspection.inspected_on >= start,
        Inspection.inspected_on <= end,
        Inspection.deleted_at.is_(None),
    ]


def vetoed_any() -> Any:
    return func.max(case((Inspection.final_vetoed, 1), else_=0))


def cents(value: Any) -> Decimal:
    """An aggregate as the database returns it (a float on SQLite), to the cent."""
    return Decimal(str(value)).quantize(CENTS, rounding=ROUND_HALF_UP)


def mean_of(total: Any, count: int) -> Decimal:
    return (cents(total) / count).quantize(CENTS, rounding=ROUND_HALF_UP)


def unit_scores(
    session: Session, period: Period, rules: RankingRules, day: date
) -> list[UnitScores]:
    """Every unit (the active ones, and any other with an inspection counted) with its combined
    score for the period, its findings in the period and its open overdue findings on `day`."""
    where = counted(period.start, period.end)
    grouped = session.execute(
        select(
            Inspection.unit_id,
            func.count(),
            func.sum(Inspection.final_percent),
            func.min(Inspection.final_percent),
            vetoed_any(),
            func.max(Inspection.inspected_on),
        )
        .where(*where)
        .group_by(Inspection.unit_id)
    ).all()
    combined: dict[uuid.UUID, tuple[date, Decimal, bool]] = {}
    counts: dict[uuid.UUID, int] = {}
    for unit_id, count, total, lowest, vetoed, latest in grouped:
        counts[unit_id] = count
        value = cents(lowest) if rules.combine == "lowest" else mean_of(total, count)
        combined[unit_id] = (latest, value, bool(vetoed))
    if rules.combine == "latest":
        combined = latest_day_scores(session, period.start, period.end)
    overdue = overdue_open_at(session, day)
    findings = findings_in(session, period)
    return [
        UnitScores(
            unit_id,
            name,
            (combined[unit_id],) if unit_id in combined else (),
            overdue=overdue.get(unit_id, 0),
            findings=findings.get(unit_id, 0),
            count=counts.get(unit_id, 0),
        )
        for unit_id, name in units_named(session, combined)
    ]


def latest_day_scores(
    session: Session, start: date, end: date
) -> dict[uuid.UUID, tuple[date, Decimal, bool]]:
    """Per unit: the mean and veto of the inspections of its latest inspection day in
    [start, end] (max(date) per unit, joined back)."""
    where = counted(start, end)
    latest = (
        select(Inspection.unit_id.label("unit_id"), func.max(Inspection.inspected_on).label("day"))
        .where(*where)
        .group_by(Inspection.unit_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Inspection.unit_id,
            Inspection.inspected_on,
            func.count(),
            func.sum(Inspection.final_percent),
            vetoed_any(),
        )
        .join(
            latest,
            and_(latest.c.unit_id == Inspection.unit_id, latest.c.day == Inspection.inspected_on),
        )
        .where(*where)
        .group_by(Inspection.unit_id, Inspection.inspected_on)
    ).all()
    return {
        unit_id: (day, mean_of(total, count), bool(vetoed))
        for unit_id, day, count, total, vetoed in rows
    }


def units_named(session: Session, with_scores: Iterable[uuid.UUID]) -> list[tuple[uuid.UUID, str]]:
    """The active units in their usual order, then any deleted unit that still has scores."""
    rows = session.execute(
        select(Unit.id, Unit.name, Unit.deleted_at).order_by(Unit.sort_order, Unit.name)
    ).all()
    wanted = set(with_scores)
    return [(row.id, row.name) for row in rows if row.deleted_at is None or row.id in wanted]


def findings_in(session: Session, period: Period) -> dict[uuid.UUID, int]:
    """Findings found in the period per unit (not deleted, not cancelled)."""
    rows = session.execute(
        select(Finding.unit_id, func.count())
        .where(
            Finding.found_on >= period.start,
            Finding.found_on <= period.end,
            Finding.deleted_at.is_(None),
            Finding.status != CANCELLED,
        )
        .group_by(Finding.unit_id)
    ).all()
    return {unit_id: count for unit_id, count in rows}


def basis_digest(session: Session, period: Period, overdue: dict[uuid.UUID, int]) -> str:
    """SHA-256 of what the period's ranking stands on: each counted inspection's id, current
    percent, veto and amendment count, and the open overdue findings per unit. An amendment, a
    new or deleted inspection or a finding going overdue changes it.

    Each inspection's line is spelt by the database in one way for SQLite and PostgreSQL (the
    id as 32 hex digits, the percent in cents), in id order: no 5,000 UUID and Decimal objects
    per ranking."""
    digest = hashlib.sha256(period.key.encode())
    line = (
        func.replace(cast(Inspection.id, String), "-", "")
        + ":"
        + cast(cast(func.round(Inspection.final_percent * 100), Integer), String)
        + ":"
        + cast(cast(Inspection.final_vetoed, Integer), String)
        + ":"
        + cast(Inspection.amendment_count, String)
    )
    rows = session.scalars(
        select(func.lower(line)).where(*counted(period.start, period.end)).order_by(Inspection.id)
    ).all()
    digest.update("|".join(rows).encode())
    for unit_id, count in sorted(overdue.items(), key=lambda item: str(item[0])):
        if count:
            digest.update(f"|overdue {unit_id.hex}:{count}".encode())
    return digest.hexdigest()


def main_deductions(
    session: Session, period: Period, unit_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[str]]:
    """Each unit's largest deductions in the period, from the counted inspections' current
    answers (the latest amendment's, or the original ones): item, points lost, times."""
    wanted = list(set(unit_ids))
    if not wanted:
        return {}
    current = or_(
        and_(InspectionAnswer.amendment_id.is_(None), Inspection.amendment_count == 0),
        InspectionAmendment.number == Inspection.amendment_count,
    )
    lost = func.sum(InspectionAnswer.deducted)
    grouped = (
        select(
            Inspection.unit_id.label("unit_id"),
            InspectionAnswer.text.label("text"),
            lost.label("lost"),
            func.count().label("times"),
            # The database keeps each unit's largest few (ties by the item's text).
            func.row_number()
            .over(partition_by=Inspection.unit_id, order_by=(lost.desc(), InspectionAnswer.text))
            .label("place"),
        )
        .join(Inspection, Inspection.id == InspectionAnswer.inspection_id)
        .outerjoin(InspectionAmendment, InspectionAmendment.id == InspectionAnswer.amendment_id)
        .where(
            *counted(period.start, period.end),
            Inspection.unit_id.in_(wanted),
            InspectionAnswer.deducted > 0,
            InspectionAnswer.deleted_at.is_(None),
            current,
        )
        .group_by(Inspection.unit_id, InspectionAnswer.text)
        .subquery()
    )
    rows = session.execute(
        select(grouped.c.unit_id, grouped.c.text, grouped.c.lost, grouped.c.times)
        .where(grouped.c.place <= MAIN_DEDUCTIONS)
        .order_by(grouped.c.unit_id, grouped.c.place)
    ).all()
    per_unit: dict[uuid.UUID, list[str]] = defaultdict(list)
    for unit_id, text, points, times in rows:
        per_unit[unit_id].append(deduction_line(text, cents(points), times))
    return dict(per_unit)
