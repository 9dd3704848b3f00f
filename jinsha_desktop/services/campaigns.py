"""Survey campaigns (排查): create, edit and delete one (name, period, compounds in scope, people
taking part by group); the list with its progress ("n of m compounds in scope surveyed").

The survey lines of a campaign (the typed sheet per compound, findings → repair orders) are in
services/survey_lines.py; the rules are domain/surveys.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.reference_models import Building, Compound, Unit
from jinsha_desktop.db.repair_models import (
    CampaignCompound,
    CampaignMember,
    RepairOrder,
    SurveyCampaign,
    SurveyLine,
)
from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repairs import Group
from jinsha_desktop.domain.surveys import COUNT_FIELDS, CampaignInput, MemberInput, members_text
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.editing import load_for_edit

THIS_CAMPAIGN = "这个排查活动"


@dataclass(frozen=True)
class CampaignRow:
    """A campaign as the list, its Excel sheet (domain/surveys.CAMPAIGN) and the dialog read it."""

    id: uuid.UUID
    name: str
    start_date: date
    end_date: date
    in_scope: int
    surveyed: int
    """Compounds in scope with at least one survey line."""
    findings: int
    """Survey lines that found something."""
    converted: int
    """Of them, turned into repair orders."""
    people: tuple[tuple[str, str], ...]
    """Who took part: (name, group) as typed; `members` is the text the list and sheet show."""
    note: str
    version: int

    @property
    def progress(self) -> str:
        return f"{self.surveyed}/{self.in_scope}"

    @property
    def members(self) -> str:
        return members_text(self.people)


@dataclass(frozen=True)
class ScopeChoice:
    """A compound that may be put in a campaign's scope."""

    id: uuid.UUID
    unit_name: str
    name: str
    buildings: int


@dataclass(frozen=True)
class ScopeRow:
    """A compound in a campaign's scope and how far its survey is."""

    compound_id: uuid.UUID
    unit_name: str
    name: str
    buildings: int
    lines: int
    findings: int
    converted: int

    @property
    def surveyed(self) -> bool:
        return self.lines > 0


@dataclass(frozen=True)
class CampaignDetail:
    id: uuid.UUID
    data: CampaignInput
    scope: list[ScopeRow]
    version: int


def _active(model: Any) -> Any:
    return model.deleted_at.is_(None)


def found_anything() -> Any:
    """SQL: the survey line found something (a count above 0, or another problem noted)."""
    counts = [getattr(SurveyLine, key) for key, _l, _w in COUNT_FIELDS]
    return sum(counts[1:], counts[0]) + func.length(SurveyLine.other) > 0


# ---------------------------------------------------------------- reading


def scope_choices(context: AppContext) -> list[ScopeChoice]:
    """The compounds a campaign may cover, by community/village (property staff, who may not
    read the reference lists, choose from these)."""
    context.require(Permission.VIEW_REPAIRS)
    with context.reading() as session:
        buildings = _count_by(session, Building, Building.compound_id)
        rows = session.execute(
            select(Compound.id, Unit.name, Compound.name)
            .join(Unit, Unit.id == Compound.unit_id)
            .where(_active(Compound))
            .order_by(Unit.sort_order, Unit.name, Compound.name)
        )
        return [ScopeChoice(cid, unit, name, buildings.get(cid, 0)) for cid, unit, name in rows]


def list_campaigns(context: AppContext) -> list[CampaignRow]:
    """Every campaign, the latest first, with its progress."""
    context.require(Permission.VIEW_REPAIRS)
    with context.reading() as session:
        return list(_rows(session, None))


def campaign_row(context: AppContext, campaign_id: uuid.UUID) -> CampaignRow:
    context.require(Permission.VIEW_REPAIRS)
    with context.reading() as session:
        load_for_edit(session, SurveyCampaign, campaign_id, None, THIS_CAMPAIGN)
        return next(_rows(session, campaign_id))


def _rows(session: Session, only: uuid.UUID | None) -> Iterator[CampaignRow]:
    stmt = select(SurveyCampaign).where(_active(SurveyCampaign))
    if only is not None:
        stmt = stmt.where(SurveyCampaign.id == only)
    campaigns = session.scalars(
        stmt.order_by(SurveyCampaign.start_date.desc(), SurveyCampaign.name)
    ).all()
    scope = _count_by(session, CampaignCompound, CampaignCompound.campaign_id)
    surveyed = dict(
        session.execute(
            select(SurveyLine.campaign_id, func.count(SurveyLine.compound_id.distinct()))
            .join(
                CampaignCompound,
                (CampaignCompound.campaign_id == SurveyLine.campaign_id)
                & (CampaignCompound.compound_id == SurveyLine.compound_id),
            )
            .where(_active(SurveyLine), _active(CampaignCompound))
            .group_by(SurveyLine.campaign_id)
        ).all()
    )
    findings = dict(
        session.execute(
            select(SurveyLine.campaign_id, func.count())
            .where(_active(SurveyLine), found_anything())
            .group_by(SurveyLine.campaign_id)
        ).all()
    )
    converted = dict(
        session.execute(
            select(SurveyLine.campaign_id, func.count())
            .where(_active(SurveyLine), SurveyLine.repair_order_id.is_not(None))
            .group_by(SurveyLine.campaign_id)
        ).all()
    )
    members: dict[uuid.UUID, list[tuple[str, str]]] = {}
    for campaign_id, name, group in session.execute(
        select(CampaignMember.campaign_id, CampaignMember.name, CampaignMember.group)
        .where(_active(CampaignMember))
        .order_by(CampaignMember.position, CampaignMember.id)
    ):
        members.setdefault(campaign_id, []).append((name, group))
    for c in campaigns:
        yield CampaignRow(
            c.id,
            c.name,
            c.start_date,
            c.end_date,
            scope.get(c.id, 0),
            surveyed.get(c.id, 0),
            findings.get(c.id, 0),
            converted.get(c.id, 0),
            tuple(members.get(c.id, ())),
            c.note,
            c.version,
        )


def campaign_detail(context: AppContext, campaign_id: uuid.UUID) -> CampaignDetail:
    """A campaign as the dialog edits it, and its compounds' progress."""
    context.require(Permission.VIEW_REPAIRS)
    with context.reading() as session:
        campaign = load_for_edit(session, SurveyCampaign, campaign_id, None, THIS_CAMPAIGN)
        scope = scope_rows(session, campaign_id)
        members = session.execute(
            select(CampaignMember.name, CampaignMember.group, CampaignMember.phone)
            .where(CampaignMember.campaign_id == campaign_id, _active(CampaignMember))
            .order_by(CampaignMember.position, CampaignMember.id)
        ).all()
        data = CampaignInput(
            campaign.name,
            campaign.start_date,
            campaign.end_date,
            tuple(row.compound_id for row in scope),
            tuple(MemberInput(name, Group(group), phone) for name, group, phone in members),
            campaign.note,
        )
        return CampaignDetail(campaign.id, data, scope, campaign.version)


def scope_rows(session: Session, campaign_id: uuid.UUID) -> list[ScopeRow]:
    """The compounds in scope, by community/village and name, with their survey's progress."""
    buildings = _count_by(session, Building, Building.compound_id)

    def per_compound(*where: Any) -> dict[uuid.UUID, int]:
        rows = session.execute(
            select(SurveyLine.compound_id, func.count())
            .where(SurveyLine.campaign_id == campaign_id, _active(SurveyLine), *where)
            .group_by(SurveyLine.compound_id)
        )
        return {key: count for key, count in rows}

    lines = per_compound()
    findings = per_compound(found_anything())
    converted = per_compound(SurveyLine.repair_order_id.is_not(None))
    rows = session.execute(
        select(Compound.id, Unit.name, Compound.name)
        .join(CampaignCompound, CampaignCompound.compound_id == Compound.id)
        .join(Unit, Unit.id == Compound.unit_id)
        .where(CampaignCompound.campaign_id == campaign_id, _active(CampaignCompound))
        .order_by(Unit.sort_order, Unit.name, Compound.name)
    )
    return [
        ScopeRow(
            cid,
            unit,
            name,
            buildings.get(cid, 0),
            lines.get(cid, 0),
            findings.get(cid, 0),
            converted.get(cid, 0),
        )
        for cid, unit, name in rows
    ]


def _count_by(session: Session, model: Any, column: Any) -> dict[uuid.UUID, int]:
    rows = session.execute(select(column, func.count()).where(_active(model)).group_by(column))
    return {key: count for key, count in rows}


# ---------------------------------------------------------------- writing


def save_campaign(
    context: AppContext,
    data: CampaignInput,
    campaign_id: uuid.UUID | None = None,
    version: int | None = None,
) -> uuid.UUID:
    """A new campaign, or the changes to one. A compound already surveyed in it cannot leave
    its scope; the period must hold every survey date already typed."""
    context.require(Permission.LOG_REPAIRS)
    clean = data.cleaned()
    assert clean.start_date is not None and clean.end_date is not None
    with context.uow() as session:
        _check_name(session, clean.name, campaign_id)
        _check_compounds(session, clean.compound_ids)
        if campaign_id is None:
            campaign = SurveyCampaign(
                name=clean.name,
                start_date=clean.start_date,
                end_date=clean.end_date,
                note=clean.note,
            )
            session.add(campaign)
            session.flush()
        else:
            campaign = load_for_edit(session, SurveyCampaign, campaign_id, version, THIS_CAMPAIGN)
            _check_period(session, campaign.id, clean.start_date, clean.end_date)
            for key in ("name", "start_date", "end_date", "note"):
                if getattr(campaign, key) != getattr(clean, key):
                    setattr(campaign, key, getattr(clean, key))
        _save_scope(session, context, campaign.id, clean.compound_ids)
        _save_members(session, context, campaign.id, clean.members)
        return campaign.id


def delete_campaign(
    context: AppContext, campaign_id: uuid.UUID, version: int | None = None
) -> None:
    """Soft delete a campaign with its scope, members and survey lines; refused once any of
    its findings became a repair order (the order names the campaign)."""
    context.require(Permission.LOG_REPAIRS)
    with context.uow() as session:
        campaign = load_for_edit(session, SurveyCampaign, campaign_id, version, THIS_CAMPAIGN)
        orders = session.scalar(
            select(func.count())
            .select_from(RepairOrder)
            .where(RepairOrder.campaign_id == campaign_id, _active(RepairOrder))
        )
        if orders:
            raise ValidationError(
                f"这个排查活动已有 {orders} 张报修单，不能删除。请先处理这些报修单。"
            )
        now = context.clock.now()
        children: tuple[Any, ...] = (CampaignCompound, CampaignMember, SurveyLine)
        for model in children:
            for child in session.scalars(
                select(model).where(model.campaign_id == campaign_id, _active(model))
            ):
                child.deleted_at = now
        campaign.deleted_at = now


def _check_name(session: Session, name: str, own_id: uuid.UUID | None) -> None:
    stmt = select(func.count()).select_from(SurveyCampaign)
    stmt = stmt.where(SurveyCampaign.name == name, _active(SurveyCampaign))
    if own_id is not None:
        stmt = stmt.where(SurveyCampaign.id != own_id)
    if session.scalar(stmt):
        raise ValidationError(f"已经有名为“{name}”的排查活动了。", "name")


def _check_compounds(session: Session, compound_ids: tuple[uuid.UUID, ...]) -> None:
    found = set(
        session.scalars(select(Compound.id).where(Compound.id.in_(compound_ids), _active(Compound)))
    )
    if len(found) != len(compound_ids):
        raise ValidationError("有的小区已被删除，请重新选择排查范围。", "compound_ids")


def _check_period(session: Session, campaign_id: uuid.UUID, start: date, end: date) -> None:
    earliest, latest = session.execute(
        select(func.min(SurveyLine.surveyed_on), func.max(SurveyLine.surveyed_on)).where(
            SurveyLine.campaign_id == campaign_id, _active(SurveyLine)
        )
    ).one()
    if (earliest is not None and earliest < start) or (latest is not None and latest > end):
        raise ValidationError(
            f"已录入的排查日期在 {earliest} 至 {latest} 之间，排查期间须包含这些日期。",
            "start_date",
        )


def _save_scope(
    session: Session, context: AppContext, campaign_id: uuid.UUID, wanted: tuple[uuid.UUID, ...]
) -> None:
    current = {
        row.compound_id: row
        for row in session.scalars(
            select(CampaignCompound).where(
                CampaignCompound.campaign_id == campaign_id, _active(CampaignCompound)
            )
        )
    }
    leaving = [cid for cid in current if cid not in wanted]
    if leaving:
        surveyed = session.scalars(
            select(Compound.name)
            .join(SurveyLine, SurveyLine.compound_id == Compound.id)
            .where(
                SurveyLine.campaign_id == campaign_id,
                SurveyLine.compound_id.in_(leaving),
                _active(SurveyLine),
            )
            .distinct()
        ).all()
        if surveyed:
            names = "、".join(sorted(surveyed))
            raise ValidationError(f"{names}已有排查记录，不能移出排查范围。", "compound_ids")
    now = context.clock.now()
    for cid in leaving:
        current[cid].deleted_at = now
    for cid in wanted:
        if cid not in current:
            session.add(CampaignCompound(campaign_id=campaign_id, compound_id=cid))


# Members keep the order they were typed in (CampaignMember.position), within their group when
# listed: saved in one transaction, their creation times are equal and cannot keep it.
def _save_members(
    session: Session,
    context: AppContext,
    campaign_id: uuid.UUID,
    members: tuple[MemberInput, ...],
) -> None:
    current = session.scalars(
        select(CampaignMember)
        .where(CampaignMember.campaign_id == campaign_id, _active(CampaignMember))
        .order_by(CampaignMember.position, CampaignMember.id)
    ).all()
    wanted = [(m.name, m.group.value, m.phone) for m in members]
    if [(m.name, m.group, m.phone) for m in current] == wanted:
        return
    now = context.clock.now()
    for member in current:
        member.deleted_at = now
    for position, (name, group, phone) in enumerate(wanted):
        session.add(
            CampaignMember(
                campaign_id=campaign_id, name=name, group=group, phone=phone, position=position
            )
        )
