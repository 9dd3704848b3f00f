"""The risk-area list (中高风险地区) and the division codes the administrator maintains."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.registration_models import RegionCode, RiskArea
from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.risk import RiskArea as RiskAreaRule
from jinsha_desktop.domain.risk import RiskAreaInput, RiskLevel
from jinsha_desktop.domain.text import clean_name
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.editing import load_for_edit

_THIS_AREA = "这个风险地区"


@dataclass(frozen=True)
class RiskAreaRow:
    id: uuid.UUID
    version: int
    name: str
    level: RiskLevel
    effective_from: date
    effective_to: date | None
    note: str


def in_force(day: date) -> ColumnElement[bool]:
    """SQL for "the area is in force on `day`": the rule of `domain.risk.RiskArea.in_force_on`
    (both end days included; no end day: until further notice), for queries. The two are one
    rule written twice, in Python and SQL; tests/unit/test_risk_in_force.py holds them to one
    table of cases on SQLite and PostgreSQL. Deleted areas are the caller's to leave out."""
    return and_(
        RiskArea.effective_from <= day,
        or_(RiskArea.effective_to.is_(None), RiskArea.effective_to >= day),
    )


def rules_in_force(session: Session, day: date) -> list[RiskAreaRule]:
    """The areas (not deleted) in force on `day`, as the domain's rules for matching a visit."""
    rows = session.scalars(select(RiskArea).where(RiskArea.deleted_at.is_(None), in_force(day)))
    return [
        RiskAreaRule(r.name, RiskLevel(r.level), r.effective_from, r.effective_to) for r in rows
    ]


def list_risk_areas(context: AppContext, *, in_force_on: date | None = None) -> list[RiskAreaRow]:
    context.require(Permission.VIEW_RECORDS)
    stmt = select(RiskArea).where(RiskArea.deleted_at.is_(None))
    if in_force_on is not None:
        stmt = stmt.where(in_force(in_force_on))
    with context.reading() as session:
        rows = session.scalars(stmt.order_by(RiskArea.effective_from.desc(), RiskArea.name))
        return [
            RiskAreaRow(
                r.id,
                r.version,
                r.name,
                RiskLevel(r.level),
                r.effective_from,
                r.effective_to,
                r.note,
            )
            for r in rows
        ]


def save_risk_area(
    context: AppContext,
    data: RiskAreaInput,
    note: str = "",
    record_id: uuid.UUID | None = None,
    version: int | None = None,
) -> uuid.UUID:
    context.require(Permission.MANAGE_REFERENCE_DATA)
    clean = data.cleaned()
    with context.uow() as session:
        if record_id is None:
            area = RiskArea(
                name=clean.name,
                level=RiskLevel(clean.level).value,
                effective_from=clean.effective_from,
                effective_to=clean.effective_to,
                note=note.strip(),
            )
            session.add(area)
        else:
            area = load_for_edit(session, RiskArea, record_id, version, _THIS_AREA)
            area.name, area.level = clean.name, RiskLevel(clean.level).value
            area.effective_from, area.effective_to = clean.effective_from, clean.effective_to
            area.note = note.strip()
        session.flush()
        return area.id


def delete_risk_area(context: AppContext, record_id: uuid.UUID, version: int) -> None:
    context.require(Permission.MANAGE_REFERENCE_DATA)
    with context.uow() as session:
        area = load_for_edit(session, RiskArea, record_id, version, _THIS_AREA)
        area.deleted_at = context.clock.now()


def add_region_code(context: AppContext, code: str, name: str) -> uuid.UUID:
    """A division created after the bundled table (e.g. 320614 海门区, 2020)."""
    context.require(Permission.MANAGE_REFERENCE_DATA)
    code = code.strip()
    if len(code) != 6 or not code.isdigit() or code == "000000":
        raise ValidationError("行政区划代码是 6 位数字。", "code")
    full_name = clean_name(name, "地区名称", "name", max_length=60)
    with context.uow() as session:
        exists = session.scalar(
            select(RegionCode.id).where(RegionCode.code == code, RegionCode.deleted_at.is_(None))
        )
        if exists is not None:
            raise ValidationError(f"代码 {code} 已经添加过了。", "code")
        row = RegionCode(code=code, name=full_name)
        session.add(row)
        session.flush()
        return row.id
