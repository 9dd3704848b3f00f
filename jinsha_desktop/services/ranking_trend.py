"""Each unit's score over the last periods (the ranking page's trend chart): one GROUP BY per
unit and month over the whole range (and the latest day's per month under "latest"), the months
folded into quarters in Python. The score is the combined percent under the current rules'
combine, before any overdue penalty (the trend shows how the inspections went)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import extract, func, select

from jinsha_desktop.db.inspection_models import Inspection
from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.rankings import CENTS, Period
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.ranking_basis import cents, counted, latest_day_scores, units_named
from jinsha_desktop.services.rankings import rules_in

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
    start, end = periods[0].start, ending.end
    wanted = set(unit_ids) if unit_ids is not None else None
    with context.reading() as session:
        combine = rules_in(session).combine
        if combine == "latest":
            latest = latest_day_scores(session, start, end, by_month=True)
            scores = _latest_per_period(latest, ending.kind)
        else:
            year = extract("year", Inspection.inspected_on)
            month = extract("month", Inspection.inspected_on)
            rows = session.execute(
                select(
                    Inspection.unit_id,
                    year,
                    month,
                    func.count(),
                    func.sum(Inspection.final_percent),
                    func.min(Inspection.final_percent),
                )
                .where(*counted(start, end))
                .group_by(Inspection.unit_id, year, month)
            ).all()
            scores = _fold(rows, ending.kind, lowest=combine == "lowest")
        units = [
            unit_id
            for unit_id, _name in units_named(session, (key[0] for key in scores))
            if wanted is None or unit_id in wanted
        ]
    return {
        unit_id: [(period.key, scores.get((unit_id, period.key))) for period in periods]
        for unit_id in units
    }


def _period_key(kind: str, year: object, month: object) -> str:
    day = date(int(str(year)), int(str(month)), 1)
    return Period.containing("month" if kind == "month" else "quarter", day).key


def _fold(
    rows: Iterable[tuple[uuid.UUID, object, object, int, object, object]], kind: str, lowest: bool
) -> dict[tuple[uuid.UUID, str], Decimal]:
    """Months' (count, sum, min) per unit folded into the periods' mean or lowest."""
    totals: dict[tuple[uuid.UUID, str], list[Decimal]] = defaultdict(
        lambda: [Decimal(0), Decimal(0), Decimal(100)]
    )
    for unit_id, year, month, count, total, least in rows:
        figures = totals[(unit_id, _period_key(kind, year, month))]
        figures[0] += count
        figures[1] += cents(total)
        figures[2] = min(figures[2], cents(least))
    return {
        key: least if lowest else (total / count).quantize(CENTS, rounding=ROUND_HALF_UP)
        for key, (count, total, least) in totals.items()
    }


def _latest_per_period(
    latest: dict[tuple[uuid.UUID, int, int], tuple[date, Decimal, bool]], kind: str
) -> dict[tuple[uuid.UUID, str], Decimal]:
    """Each period's latest month's latest-day score."""
    chosen: dict[tuple[uuid.UUID, str], tuple[date, Decimal]] = {}
    for (unit_id, _year, _month), (day, value, _vetoed) in latest.items():
        key = (unit_id, _period_key(kind, day.year, day.month))
        if key not in chosen or chosen[key][0] < day:
            chosen[key] = (day, value)
    return {key: value for key, (_day, value) in chosen.items()}
