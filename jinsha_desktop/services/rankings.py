"""The red/black list (红黑榜) as use cases: the rules, the ranking of a period, publishing it as a
frozen edition, the editions, and the notice's content.

A published ranking is never changed: it keeps its rules (JSON), rows and the digest of what it
was computed from (services/ranking_basis.basis_digest). When the digest of the period today
differs — an inspection was amended, added or deleted, a finding went overdue — the latest
edition is out of date, and publishing again makes a new edition beside it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.inspection_models import Ranking, RankingEntry
from jinsha_desktop.domain.errors import NotFound, ValidationError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.rankings import (
    Listing,
    Period,
    RankedUnit,
    RankingNotice,
    RankingRules,
    notice_title,
    rank_units,
)
from jinsha_desktop.domain.reference import DEFAULT_UNIT_NAME
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.findings import overdue_open_at
from jinsha_desktop.services.ranking_basis import (
    RULES_KEY,
    basis_digest,
    main_deductions,
    rules_in,
    unit_scores,
)
from jinsha_desktop.services.ranking_trend import trend as trend
from jinsha_desktop.services.registration import today_of
from jinsha_desktop.services.settings import UNIT_NAME, read_setting, write_setting

NO_INSPECTIONS = "该期间没有已提交的检查，无法排名。"
DEDUCTION_SEPARATOR = "\n"
"""Between a published entry's main deductions (RankingEntry.main_deductions)."""


@dataclass(frozen=True)
class PublishedRow:
    id: uuid.UUID
    period: Period
    edition: int
    title: str
    published_at: datetime
    published_by_name: str
    note: str = ""


@dataclass(frozen=True)
class RankingView:
    period: Period
    rows: list[RankedUnit]
    """Ranked best first, then units at the bottom, then units left out."""
    basis_digest: str
    published: PublishedRow | None
    """The latest edition of the period (for a published view: the edition shown)."""
    out_of_date: bool
    """The published edition no longer matches the inspections and findings of today."""
    rules: RankingRules = field(default_factory=RankingRules)

    @property
    def red(self) -> list[RankedUnit]:
        return [row for row in self.rows if row.listed == "red"]

    @property
    def black(self) -> list[RankedUnit]:
        return [row for row in self.rows if row.listed == "black"]


def ranking_rules(context: AppContext) -> RankingRules:
    context.require(Permission.VIEW_INSPECTIONS)
    with context.reading() as session:
        return rules_in(session)


def save_ranking_rules(context: AppContext, rules: RankingRules) -> RankingRules:
    """Store the rules new rankings use (published ones keep theirs)."""
    context.require(Permission.CHANGE_SETTINGS)
    clean = rules.cleaned()
    with context.uow() as session:
        write_setting(session, RULES_KEY, clean.to_json())
    return clean


def overdue_day(period: Period, today: date) -> date:
    """The day open overdue findings are counted on: the period's end, or today while it runs."""
    return min(period.end, today)


def compute_ranking(context: AppContext, period: Period) -> RankingView:
    """The ranking of `period` under the current rules, with the change against the previous
    period and whether the latest published edition is out of date (VIEW_INSPECTIONS)."""
    context.require(Permission.VIEW_INSPECTIONS)
    with context.reading() as session:
        return _compute(session, period, rules_in(session), today_of(context))


def _compute(session: Session, period: Period, rules: RankingRules, today: date) -> RankingView:
    day = overdue_day(period, today)
    units = unit_scores(session, period, rules, day)
    if not any(unit.scores for unit in units):
        raise ValidationError(NO_INSPECTIONS, "period")
    previous = _previous_positions(session, period, rules, today)
    rows = rank_units(units, rules, previous)
    black = [row.unit_id for row in rows if row.listed == "black"]
    deductions = main_deductions(session, period, black)
    rows = [
        replace(row, main_deductions=DEDUCTION_SEPARATOR.join(deductions.get(row.unit_id, [])))
        for row in rows
    ]
    digest = basis_digest(session, period, {u.unit_id: u.overdue for u in units})
    published = _latest_edition(session, period)
    return RankingView(
        period,
        rows,
        digest,
        published,
        out_of_date=published is not None and _digest_of(session, published.id) != digest,
        rules=rules,
    )


def _previous_positions(
    session: Session, period: Period, rules: RankingRules, today: date
) -> dict[uuid.UUID, int | None]:
    """Positions in the previous period: as its latest edition published them, or as computed
    now under the same rules when it was never published."""
    before = period.previous()
    published = _latest_edition(session, before)
    if published is not None:
        entries = session.execute(
            select(RankingEntry.unit_id, RankingEntry.position).where(
                RankingEntry.ranking_id == published.id, RankingEntry.deleted_at.is_(None)
            )
        ).all()
        return {unit_id: position for unit_id, position in entries}
    units = unit_scores(session, before, rules, overdue_day(before, today))
    if not any(unit.scores for unit in units):
        return {}
    return {row.unit_id: row.position for row in rank_units(units, rules)}


def publish_ranking(context: AppContext, period: Period, note: str = "") -> uuid.UUID:
    """Freeze the period's ranking as a new edition (PUBLISH_RANKINGS): its rules, digest and
    rows. Earlier editions stay as they were."""
    user = context.require(Permission.PUBLISH_RANKINGS)
    note = (note or "").strip()
    if len(note) > 500:
        raise ValidationError("备注最多 500 个字。", "note")
    with context.uow() as session:
        view = _compute(session, period, rules_in(session), today_of(context))
        edition = 1 + (
            session.scalar(
                select(func.max(Ranking.edition)).where(
                    Ranking.period == period.key, Ranking.deleted_at.is_(None)
                )
            )
            or 0
        )
        ranking = Ranking(
            period=period.key,
            edition=edition,
            title=notice_title(_issuer(session), period),
            published_at=context.clock.now(),
            published_by_name=user.display_name,
            rules=view.rules.to_json(),
            basis_digest=view.basis_digest,
            note=note,
        )
        session.add(ranking)
        session.flush()
        for row in view.rows:
            session.add(
                RankingEntry(
                    ranking_id=ranking.id,
                    unit_id=row.unit_id,
                    unit_name=row.unit_name,
                    position=row.position,
                    score=row.score,
                    inspections=row.inspections,
                    penalty=row.penalty,
                    vetoed=row.vetoed,
                    listed=row.listed,
                    previous_position=row.previous_position,
                    main_deductions=row.main_deductions,
                )
            )
        return ranking.id


def editions(context: AppContext, period: Period) -> list[PublishedRow]:
    """The period's published editions, the latest first."""
    context.require(Permission.VIEW_INSPECTIONS)
    with context.reading() as session:
        return _editions(session, period)


def _editions(session: Session, period: Period) -> list[PublishedRow]:
    rankings = session.scalars(
        select(Ranking)
        .where(Ranking.period == period.key, Ranking.deleted_at.is_(None))
        .order_by(Ranking.edition.desc())
    ).all()
    return [_published_row(ranking) for ranking in rankings]


def _latest_edition(session: Session, period: Period) -> PublishedRow | None:
    found = _editions(session, period)
    return found[0] if found else None


def _published_row(ranking: Ranking) -> PublishedRow:
    return PublishedRow(
        ranking.id,
        Period.parse(ranking.period),
        ranking.edition,
        ranking.title,
        ranking.published_at,
        ranking.published_by_name,
        ranking.note,
    )


def _digest_of(session: Session, ranking_id: uuid.UUID) -> str | None:
    return session.scalar(select(Ranking.basis_digest).where(Ranking.id == ranking_id))


def _load(session: Session, ranking_id: uuid.UUID) -> Ranking:
    ranking = session.get(Ranking, ranking_id)
    if ranking is None or ranking.deleted_at is not None:
        raise NotFound("这份红黑榜不存在或已删除。")
    return ranking


def published_ranking(context: AppContext, ranking_id: uuid.UUID) -> RankingView:
    """A published edition as it was frozen; out_of_date when the period's basis changed since."""
    context.require(Permission.VIEW_INSPECTIONS)
    with context.reading() as session:
        ranking = _load(session, ranking_id)
        period = Period.parse(ranking.period)
        day = overdue_day(period, today_of(context))
        now = basis_digest(session, period, overdue_open_at(session, day))
        return RankingView(
            period,
            _entries(session, ranking_id),
            ranking.basis_digest,
            _published_row(ranking),
            out_of_date=ranking.basis_digest != now,
            rules=RankingRules.from_json(ranking.rules),
        )


def _entries(session: Session, ranking_id: uuid.UUID) -> list[RankedUnit]:
    entries = session.scalars(
        select(RankingEntry).where(
            RankingEntry.ranking_id == ranking_id, RankingEntry.deleted_at.is_(None)
        )
    ).all()
    rows = [
        RankedUnit(
            unit_id=entry.unit_id,
            unit_name=entry.unit_name,
            position=entry.position,
            score=entry.score,
            inspections=entry.inspections,
            penalty=entry.penalty,
            vetoed=entry.vetoed,
            listed=_listing(entry.listed),
            previous_position=entry.previous_position,
            main_deductions=entry.main_deductions,
        )
        for entry in entries
    ]
    # Ranked first by position, then the units left out (no position), by name.
    return sorted(rows, key=lambda r: (r.position is None, r.position or 0, r.unit_name))


def _listing(value: str) -> Listing:
    return "red" if value == "red" else "black" if value == "black" else ""


def _issuer(session: Session) -> str:
    return read_setting(session, UNIT_NAME) or DEFAULT_UNIT_NAME


def notice_of(context: AppContext, ranking_id: uuid.UUID) -> RankingNotice:
    """What the notice of a published edition prints."""
    context.require(Permission.VIEW_INSPECTIONS)
    with context.reading() as session:
        ranking = _load(session, ranking_id)
        rows = _entries(session, ranking_id)
        return RankingNotice(
            title=ranking.title,
            issuer=_issuer(session),
            period_label=Period.parse(ranking.period).label,
            edition=ranking.edition,
            published_at=ranking.published_at,
            red=[row for row in rows if row.listed == "red"],
            black=[
                (row, [line for line in row.main_deductions.split(DEDUCTION_SEPARATOR) if line])
                for row in rows
                if row.listed == "black"
            ],
            units=sum(1 for row in rows if row.position is not None),
            note=ranking.note,
        )
