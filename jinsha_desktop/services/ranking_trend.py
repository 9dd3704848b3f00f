"""Each unit's score over the last periods (the ranking page's trend chart): one GROUP BY per
unit for each period, each reading the (unit, date) index over that period alone — quicker
than one GROUP BY over two years by month, which has to work out every row's month. The score
is the combined percent under the current rules' combine, before any overdue penalty (the
trend shows how the inspections went)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.inspection_models import Inspection
from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.rankings import Period
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.ranking_basis import (
    cents,
    counted,
    latest_day_scores,
    mean_of,
    rules_in,
    units_named,
)

MAX_PERIODS = 60


def trend(
    context: AppContext,
    ending: Period,
    count: int = 12,
    unit_ids: Iterable[uuid.UUID] | None = None,
) -> dict[uuid.UUID, list[tuple[str, Decimal | None]]]:
    """Per unit (the active ones, or `unit_ids`): (period key, score or None) for the `count`
    periods ending with `ending`, oldest first (VIEW_INSPECTIONS)."""
    context.require(Permission.VIEW_INSPECTIONS)
    if not 1 <= count <= MAX_PERIODS:
        raise ValidationError(f"趋势最多显示 {MAX_PERIODS} 个期间。", "count")
    periods = Period.last(count, ending)
    wanted = set(unit_ids) if unit_ids is not None else None
    with context.reading() as session:
        combine = rules_in(session).combine
        scores = {period.key: period_scores(session, period, combine) for period in periods}
        seen = {unit_id for per_unit in scores.values() for unit_id in per_unit}
        units = [
            unit_id
            for unit_id, _name in units_named(session, seen)
            if wanted is None or unit_id in wanted
        ]
    keys = [period.key for period in periods]
    return {unit_id: [(key, scores[key].get(unit_id)) for key in keys] for unit_id in units}


def period_scores(session: Session, period: Period, combine: str) -> dict[uuid.UUID, Decimal]:
    """Each inspected unit's combined percent in the period."""
    if combine == "latest":
        latest = latest_day_scores(session, period.start, period.end)
        return {unit_id: value for unit_id, (_day, value, _vetoed) in latest.items()}
    rows = session.execute(
        select(
            Inspection.unit_id,
            func.count(),
            func.sum(Inspection.final_percent),
            func.min(Inspection.final_percent),
        )
        .where(*counted(period.start, period.end))
        .group_by(Inspection.unit_id)
    ).all()
    if combine == "lowest":
        return {unit_id: cents(lowest) for unit_id, _count, _total, lowest in rows}
    return {unit_id: mean_of(total, number) for unit_id, number, total, _lowest in rows}
