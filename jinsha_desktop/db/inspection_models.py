"""Tables of the village-inspection module (issue 14): checklist templates and their frozen
versions, inspections with a copy of every item they were scored on, amendments, findings and
their rectification events, the departments that lead or help, and published rankings.

What is published is frozen (DESIGN.md): a checklist version is frozen once an inspection uses
it (an edit makes a new version); a submitted inspection's answers and score never change (an
amendment is a new set of answers beside them); a published ranking keeps its rules and rows.
A finding's status and dates are folded from its append-only events (domain/findings.py) and
kept in plain columns by services/findings.py, in the transaction that appends the event.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jinsha_desktop.db.base import Base, CommonColumns, UTCDateTime, unique_while_active

POINTS = Numeric(8, 2)
"""Points deducted, caps, scores and maxima (two decimals: 0.5 points per occurrence is common)."""
PERCENT = Numeric(7, 2)


class Department(CommonColumns, Base):
    """A department that leads or helps with a rectification (城管中队, 环卫所…): reference data.

    Villages and communities are the `unit` table; a finding's lead and cooperating units are
    either (FindingParty).
    """

    __tablename__ = "department"
    __table_args__ = (unique_while_active("uq_department_name_active", "name"),)

    name: Mapped[str] = mapped_column(String(40), nullable=False)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=1000)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class ChecklistTemplate(CommonColumns, Base):
    """A checklist (检查清单) as the administrator knows it; its content is in its versions."""

    __tablename__ = "checklist_template"
    __table_args__ = (unique_while_active("uq_checklist_template_name_active", "name"),)

    name: Mapped[str] = mapped_column(String(60), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=1000)
    current_version_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    """The version new inspections use (the latest saved)."""


class ChecklistVersion(CommonColumns, Base):
    """One version of a template: frozen (frozen_at set) when the first inspection uses it."""

    __tablename__ = "checklist_version"
    __table_args__ = (
        unique_while_active("uq_checklist_version_number_active", "template_id", "number"),
    )

    template_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("checklist_template.id"), nullable=False, index=True
    )
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    """1, 2, 3… per template; printed as the rule version (e.g. 第2版)."""
    title: Mapped[str] = mapped_column(String(60), nullable=False)
    """The template's name as this version printed it."""
    veto_mode: Mapped[str] = mapped_column(String(8), nullable=False, default="set")
    """domain/inspections.VetoMode: "set" the score to veto_score or "keep" it; fails anyway."""
    veto_score: Mapped[Decimal] = mapped_column(POINTS, nullable=False, default=Decimal("0"))
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    frozen_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ChecklistSection(CommonColumns, Base):
    __tablename__ = "checklist_section"

    version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("checklist_version.id"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(String(60), nullable=False)
    cap: Mapped[Decimal | None] = mapped_column(POINTS, nullable=True)
    """Most points the section can lose (None: the sum of its items' caps)."""


class ChecklistItem(CommonColumns, Base):
    __tablename__ = "checklist_item"

    version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("checklist_version.id"), nullable=False, index=True
    )
    section_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("checklist_section.id"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    code: Mapped[str] = mapped_column(String(12), nullable=False, default="")
    """Short reference printed beside the text (e.g. 1.3)."""
    text: Mapped[str] = mapped_column(String(300), nullable=False)
    points: Mapped[Decimal] = mapped_column(POINTS, nullable=False)
    """Deducted per occurrence."""
    cap: Mapped[Decimal] = mapped_column(POINTS, nullable=False)
    """Most points the item can lose: its share of the maximum."""
    na_allowed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    photo_required: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    veto: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    """一票否决: one occurrence fails the inspection."""


class Inspection(CommonColumns, Base):
    """A scored visit to a place against a checklist version (draft until submitted).

    score/maximum/percent/vetoed are the submitted result, frozen; final_* are what counts now
    (the latest amendment's result, or the submitted one when there is none).
    """

    __tablename__ = "inspection"
    __table_args__ = (
        unique_while_active("uq_inspection_number_active", "number"),
        Index("ix_inspection_ranking", "status", "inspected_on", "unit_id"),
        Index("ix_inspection_unit_date", "unit_id", "inspected_on"),
    )

    number: Mapped[str] = mapped_column(String(24), nullable=False)
    """Installation short code + "J" + sequence (e.g. A3F-J000012): unique when laptops merge."""
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    template_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("checklist_template.id"), nullable=False, index=True
    )
    version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("checklist_version.id"), nullable=False, index=True
    )
    rule_version: Mapped[str] = mapped_column(String(80), nullable=False)
    """The version's title and number as scored (e.g. 农村人居环境检查清单 第2版)."""
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"), nullable=False)
    """The village or community answerable for the place: the unit ranked."""
    place_kind: Mapped[str] = mapped_column(String(12), nullable=False, default="unit")
    """domain/inspections.PlaceKind: unit, compound, road, site, other."""
    compound_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("compound.id"), nullable=True, index=True
    )
    place: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    """The road, site or spot in words (and a compound's corner, if any)."""
    inspected_on: Mapped[date] = mapped_column(Date, nullable=False)
    inspectors: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    status: Mapped[str] = mapped_column(String(12), nullable=False, default="draft")
    """draft or submitted (domain/inspections.InspectionStatus)."""
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    submitted_by: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    score: Mapped[Decimal | None] = mapped_column(POINTS, nullable=True)
    maximum: Mapped[Decimal | None] = mapped_column(POINTS, nullable=True)
    percent: Mapped[Decimal | None] = mapped_column(PERCENT, nullable=True)
    vetoed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    final_score: Mapped[Decimal | None] = mapped_column(POINTS, nullable=True)
    final_maximum: Mapped[Decimal | None] = mapped_column(POINTS, nullable=True)
    final_percent: Mapped[Decimal | None] = mapped_column(PERCENT, nullable=True)
    final_vetoed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    amendment_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    delete_reason: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    """Only a draft can be deleted."""


class InspectionAmendment(CommonColumns, Base):
    """An audited correction of a submitted inspection (更正): its own answers and result."""

    __tablename__ = "inspection_amendment"
    __table_args__ = (
        unique_while_active("uq_inspection_amendment_number", "inspection_id", "number"),
    )

    inspection_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("inspection.id"), nullable=False, index=True
    )
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    """1 for the first correction, 2 for the next…"""
    reason: Mapped[str] = mapped_column(String(500), nullable=False)
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    made_by_name: Mapped[str] = mapped_column(String(50), nullable=False, default="")
    score: Mapped[Decimal] = mapped_column(POINTS, nullable=False)
    maximum: Mapped[Decimal] = mapped_column(POINTS, nullable=False)
    percent: Mapped[Decimal] = mapped_column(PERCENT, nullable=False)
    vetoed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class InspectionAnswer(CommonColumns, Base):
    """One item as scored: a copy of the item's text and points, and what was found.

    The original answers have amendment_id None; each amendment has a full set of its own.
    """

    __tablename__ = "inspection_answer"
    __table_args__ = (Index("ix_inspection_answer_inspection", "inspection_id", "amendment_id"),)

    inspection_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspection.id"), nullable=False)
    amendment_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("inspection_amendment.id"), nullable=True
    )
    item_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    """The checklist item scored (kept for reference; the copy below is what counts)."""
    section_position: Mapped[int] = mapped_column(Integer, nullable=False)
    section_title: Mapped[str] = mapped_column(String(60), nullable=False)
    section_cap: Mapped[Decimal | None] = mapped_column(POINTS, nullable=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    code: Mapped[str] = mapped_column(String(12), nullable=False, default="")
    text: Mapped[str] = mapped_column(String(300), nullable=False)
    points: Mapped[Decimal] = mapped_column(POINTS, nullable=False)
    cap: Mapped[Decimal] = mapped_column(POINTS, nullable=False)
    na_allowed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    photo_required: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    veto: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    occurrences: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    not_applicable: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    deducted: Mapped[Decimal] = mapped_column(POINTS, nullable=False, default=Decimal("0"))
    """Points this item lost after its cap (the section cap may take off more)."""
    note: Mapped[str] = mapped_column(String(500), nullable=False, default="")


class Finding(CommonColumns, Base):
    """A problem to rectify (问题/整改), from an inspection, a department patrol or a resident."""

    __tablename__ = "finding"
    __table_args__ = (
        unique_while_active("uq_finding_number_active", "number"),
        Index("ix_finding_unit_status", "unit_id", "status", "deadline"),
        Index("ix_finding_found_on", "found_on"),
    )

    number: Mapped[str] = mapped_column(String(24), nullable=False)
    """Installation short code + "Z" + sequence (e.g. A3F-Z000031)."""
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    source: Mapped[str] = mapped_column(String(12), nullable=False)
    """domain/findings.FindingSource: inspection, patrol, resident."""
    inspection_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("inspection.id"), nullable=True, index=True
    )
    answer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("inspection_answer.id"), nullable=True
    )
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"), nullable=False)
    """The village or community where the problem is."""
    place_kind: Mapped[str] = mapped_column(String(12), nullable=False, default="unit")
    compound_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("compound.id"), nullable=True)
    building_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("building.id"), nullable=True)
    place: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    problem: Mapped[str] = mapped_column(String(500), nullable=False)
    found_on: Mapped[date] = mapped_column(Date, nullable=False)
    reporter_name: Mapped[str] = mapped_column(String(50), nullable=False, default="")
    reporter_phone: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    """A resident report's contact (masked like every phone)."""
    patrol: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    """The department or team that patrolled, for a patrol finding."""
    repair_order_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("repair_order.id"), nullable=True
    )
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # folded from the events:
    status: Mapped[str] = mapped_column(String(12), nullable=False)
    deadline: Mapped[date] = mapped_column(Date, nullable=False)
    rectified_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    recheck_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    delete_reason: Mapped[str] = mapped_column(String(200), nullable=False, default="")


class FindingParty(CommonColumns, Base):
    """The lead unit (one) and the cooperating units of a finding ("1+1+N"): a unit or a
    department."""

    __tablename__ = "finding_party"

    finding_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("finding.id"), nullable=False, index=True
    )
    role: Mapped[str] = mapped_column(String(8), nullable=False)
    """lead or helper."""
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("unit.id"), nullable=True)
    department_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("department.id"), nullable=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class FindingEvent(CommonColumns, Base):
    """One step of a finding, kept forever: opened, rectified, passed, failed, cancelled."""

    __tablename__ = "finding_event"

    finding_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("finding.id"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String(12), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    by_name: Mapped[str] = mapped_column(String(50), nullable=False, default="")
    on: Mapped[date] = mapped_column(Date, nullable=False)
    """The day it happened (the rectification date, the re-check date…), as typed."""
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    """The deadline set by this step (opened, failed)."""
    note: Mapped[str] = mapped_column(String(500), nullable=False, default="")


class Ranking(CommonColumns, Base):
    """A published red/black list (红黑榜) for a period: frozen with its rules and rows."""

    __tablename__ = "ranking"
    __table_args__ = (unique_while_active("uq_ranking_period_edition", "period", "edition"),)

    period: Mapped[str] = mapped_column(String(8), nullable=False)
    """2026-10 (a month) or 2026Q4 (a quarter): domain/rankings.Period."""
    edition: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(String(100), nullable=False)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    published_by_name: Mapped[str] = mapped_column(String(50), nullable=False, default="")
    rules: Mapped[str] = mapped_column(Text, nullable=False)
    """The ranking rules as JSON (domain/rankings.RankingRules.to_json)."""
    basis_digest: Mapped[str] = mapped_column(String(64), nullable=False)
    """SHA-256 of the inspections and findings it was computed from: a later difference means
    the published list is out of date."""
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class RankingEntry(CommonColumns, Base):
    """One unit's row in a published ranking."""

    __tablename__ = "ranking_entry"

    ranking_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("ranking.id"), nullable=False, index=True
    )
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"), nullable=False)
    unit_name: Mapped[str] = mapped_column(String(30), nullable=False)
    position: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """1 = best; None for a unit left out (not inspected, under the rules)."""
    score: Mapped[Decimal | None] = mapped_column(PERCENT, nullable=True)
    inspections: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    penalty: Mapped[Decimal] = mapped_column(POINTS, nullable=False, default=Decimal("0"))
    vetoed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    listed: Mapped[str] = mapped_column(String(8), nullable=False, default="")
    """red, black or "" (domain/rankings.Listing)."""
    previous_position: Mapped[int | None] = mapped_column(Integer, nullable=True)
    main_deductions: Mapped[str] = mapped_column(Text, nullable=False, default="")
    """The unit's largest deductions in the period, as printed on the notice."""
