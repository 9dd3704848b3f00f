"""The summary above the lists: today's visits per checkpoint, flagged today, under monitoring.

Each figure is one COUNT over an index (visit times, flag + time, case status): a day of a
million-row table is counted in the database, never loaded into Python.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select, true

from jinsha_desktop.db.reference_models import Checkpoint
from jinsha_desktop.db.registration_models import MonitoringCase, Visit
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.services.context import AppContext

MONITORING = "monitoring"


@dataclass(frozen=True)
class CheckpointCount:
    checkpoint_id: uuid.UUID
    name: str
    visits: int


@dataclass(frozen=True)
class VisitSummary:
    day: date
    """The local day counted."""
    per_checkpoint: tuple[CheckpointCount, ...]
    """Every active checkpoint (also those without a visit today), busiest first."""
    visits_today: int
    flagged_today: int
    under_monitoring: int


def _day_bounds(context: AppContext) -> tuple[date, datetime, datetime]:
    """Today's local midnight and the next, as aware datetimes (compared in UTC by the column)."""
    now = context.clock.now().astimezone()
    start = datetime.combine(now.date(), time(), tzinfo=now.tzinfo)
    return now.date(), start, start + timedelta(days=1)


def visit_summary(context: AppContext) -> VisitSummary:
    """The figures of the local day of the context's clock."""
    context.require(Permission.VIEW_RECORDS)
    day, start, end = _day_bounds(context)
    today = (Visit.visited_at >= start, Visit.visited_at < end, Visit.deleted_at.is_(None))
    with context.reading() as session:
        # A range on ix_visit_checkpoint_time per checkpoint, grouped in the database.
        counts = dict(
            session.execute(
                select(Visit.checkpoint_id, func.count())
                .where(*today)
                .group_by(Visit.checkpoint_id)
            ).all()
        )
        checkpoints = session.execute(
            select(Checkpoint.id, Checkpoint.name, Checkpoint.deleted_at.is_(None)).order_by(
                Checkpoint.name
            )
        ).all()
        flagged = session.scalar(
            select(func.count()).select_from(Visit).where(Visit.flagged.is_(true()), *today)
        )
        monitoring = session.scalar(
            select(func.count())
            .select_from(MonitoringCase)
            .where(MonitoringCase.status == MONITORING, MonitoringCase.deleted_at.is_(None))
        )
    rows = [
        CheckpointCount(checkpoint_id, name, int(counts.get(checkpoint_id, 0)))
        for checkpoint_id, name, active in checkpoints
        # A deleted checkpoint still shows when it has visits today.
        if active or counts.get(checkpoint_id)
    ]
    rows.sort(key=lambda row: -row.visits)  # stable: by name among equals
    return VisitSummary(
        day,
        tuple(rows),
        sum(int(n) for n in counts.values()),
        int(flagged or 0),
        int(monitoring or 0),
    )
