"""What the inspection ledger (检查台账) reads: each submitted inspection with the items it was
scored on (the copy kept with it, never the template's current text), their photos, the findings
made of them and any amendments (services/rectification_ledger_data.py reads the findings).

Inspections are read a batch at a time and handed over one by one, so a year's ledger never
holds every answer at once. The ledger prints what was stored when it happened: an amended
inspection shows its original answers with each amendment's beside them.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.inspection_models import (
    ChecklistTemplate,
    Finding,
    Inspection,
    InspectionAmendment,
    InspectionAnswer,
)
from jinsha_desktop.db.reference_models import Compound, Unit
from jinsha_desktop.db.repair_models import Photo, PhotoLink
from jinsha_desktop.domain.inspections import InspectionStatus, PlaceKind
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.ledger_choices import Choice
from jinsha_desktop.services.photo_files import ensure_thumbnail, original_path
from jinsha_desktop.services.photos import photo_folder
from jinsha_desktop.services.repair_ledger_data import PhotoSet

ANSWER_PHOTOS = "inspection_answer"
BATCH = 200
"""Inspections (and their answers) read per query: under SQLite's parameter limit."""
ALL_ITEMS = "all"
"""The 检查项 filter's one choice: every item, not only those that lost points."""


# ---------------------------------------------------------------- choices of the filters


def template_choices(context: AppContext) -> list[Choice]:
    """The checklist templates, deleted ones too (old inspections were scored on them)."""
    context.require(Permission.VIEW_INSPECTIONS)
    with context.reading() as session:
        rows = session.execute(
            select(
                ChecklistTemplate.id, ChecklistTemplate.name, ChecklistTemplate.deleted_at
            ).order_by(ChecklistTemplate.sort_order, ChecklistTemplate.name)
        ).all()
    live = {name for _id, name, deleted in rows if deleted is None}
    return [
        Choice(id_, name if deleted is None or name in live else f"{name}（已删除）")
        for id_, name, deleted in rows
        if deleted is None or name not in live
    ]


def item_choices(_context: AppContext) -> list[Choice]:
    return [Choice(ALL_ITEMS, "全部检查项")]


# ---------------------------------------------------------------- inspections


@dataclass(frozen=True)
class InspectionScope:
    since: date
    until: date
    unit_id: uuid.UUID | None = None
    template_id: uuid.UUID | None = None
    all_items: bool = False
    """Every item, or (the default) only those that lost points in the original or an
    amendment."""


@dataclass(frozen=True)
class AnswerFigures:
    occurrences: int
    not_applicable: bool
    deducted: Decimal


@dataclass(frozen=True)
class ItemLine:
    section: str
    code: str
    text: str
    points: Decimal
    cap: Decimal
    veto: bool
    original: AnswerFigures
    amended: tuple[AnswerFigures | None, ...]
    """Each amendment's answer to the same item (None: the amendment lacks it)."""
    note: str
    photos: PhotoSet
    findings: tuple[str, ...]
    """Numbers of the findings made of this item."""


@dataclass(frozen=True)
class AmendmentHead:
    number: int
    reason: str
    made_at: datetime
    made_by_name: str
    score: Decimal
    maximum: Decimal
    percent: Decimal
    vetoed: bool


@dataclass(frozen=True)
class InspectionSheet:
    id: uuid.UUID
    number: str
    inspected_on: date
    unit_name: str
    place: str
    """What was inspected in words: 小区：金沙花苑 东门, 道路：人民路…, or the unit itself."""
    rule_version: str
    inspectors: str
    score: Decimal | None
    maximum: Decimal | None
    percent: Decimal | None
    vetoed: bool
    note: str
    amendments: list[AmendmentHead] = field(default_factory=list)
    items: list[ItemLine] = field(default_factory=list)
    answered: int = 0
    """Items scored in all (the ledger may print only those that lost points)."""


def active(model: Any) -> ColumnElement[bool]:
    result: ColumnElement[bool] = model.deleted_at.is_(None)
    return result


def place_text(kind: str, compound: str | None, place: str) -> str:
    """The place inspected or found, as printed: the unit alone prints nothing extra."""
    try:
        label = PlaceKind(kind).label
    except ValueError:
        label = kind
    named = " ".join(part for part in (compound or "", place) if part)
    if kind == PlaceKind.UNIT and not named:
        return label
    return f"{label}：{named}" if named else label


def count_inspection_sheets(context: AppContext, scope: InspectionScope) -> int:
    context.require(Permission.VIEW_INSPECTIONS)
    with context.reading() as session:
        ids = _inspection_query(scope).with_only_columns(Inspection.id).order_by(None)
        return session.scalar(select(func.count()).select_from(ids.subquery())) or 0


def _inspection_query(scope: InspectionScope) -> Select[Inspection, str, str]:
    query = (
        select(Inspection, Unit.name, Compound.name)
        .join(Unit, Unit.id == Inspection.unit_id)
        .outerjoin(Compound, Compound.id == Inspection.compound_id)
        .where(
            active(Inspection),
            Inspection.status == InspectionStatus.SUBMITTED.value,
            Inspection.inspected_on >= scope.since,
            Inspection.inspected_on <= scope.until,
        )
        .order_by(Inspection.inspected_on, Unit.sort_order, Unit.name, Inspection.seq)
    )
    if scope.unit_id is not None:
        query = query.where(Inspection.unit_id == scope.unit_id)
    if scope.template_id is not None:
        query = query.where(Inspection.template_id == scope.template_id)
    return query


def inspection_sheets(context: AppContext, scope: InspectionScope) -> Iterator[InspectionSheet]:
    """The submitted inspections of the period, oldest first, a batch read at a time."""
    context.require(Permission.VIEW_INSPECTIONS)
    folder = photo_folder(context)
    with context.reading() as session:
        found = session.execute(_inspection_query(scope)).all()
        heads = [(i.id, unit, compound) for i, unit, compound in found]
        inspections = {i.id: i for i, _unit, _compound in found}
        session.expunge_all()
    for start in range(0, len(heads), BATCH):
        batch = heads[start : start + BATCH]
        with context.reading() as session:
            sheets = _sheets(session, folder, [(inspections[i], u, c) for i, u, c in batch])
        yield from sheets  # one without a deduction too: its score is the record


def _sheets(
    session: Session, folder: Path, batch: Sequence[tuple[Inspection, str, str | None]]
) -> list[InspectionSheet]:
    ids = [inspection.id for inspection, _u, _c in batch]
    amendments: dict[uuid.UUID, list[InspectionAmendment]] = defaultdict(list)
    for amendment in session.scalars(
        select(InspectionAmendment)
        .where(InspectionAmendment.inspection_id.in_(ids), active(InspectionAmendment))
        .order_by(InspectionAmendment.number)
    ):
        amendments[amendment.inspection_id].append(amendment)
    answers: dict[uuid.UUID, list[InspectionAnswer]] = defaultdict(list)
    for answer in session.scalars(
        select(InspectionAnswer)
        .where(InspectionAnswer.inspection_id.in_(ids), active(InspectionAnswer))
        .order_by(InspectionAnswer.section_position, InspectionAnswer.position)
    ):
        answers[answer.inspection_id].append(answer)
    all_answer_ids = [a.id for listed in answers.values() for a in listed]
    photos = answer_photos(session, folder, all_answer_ids)
    findings = _finding_numbers(session, all_answer_ids)
    return [
        _sheet(inspection, unit, compound, amendments[inspection.id], answers[inspection.id],
               photos, findings)
        for inspection, unit, compound in batch
    ]  # fmt: skip


def _sheet(
    inspection: Inspection,
    unit: str,
    compound: str | None,
    amendments: list[InspectionAmendment],
    answers: list[InspectionAnswer],
    photos: dict[uuid.UUID, PhotoSet],
    findings: dict[uuid.UUID, list[str]],
) -> InspectionSheet:
    order = {amendment.id: n for n, amendment in enumerate(amendments)}
    original = [a for a in answers if a.amendment_id is None]
    later: dict[tuple[int, int], list[InspectionAnswer | None]] = defaultdict(
        lambda: [None] * len(amendments)
    )
    for answer in answers:
        if answer.amendment_id in order:
            later[(answer.section_position, answer.position)][order[answer.amendment_id]] = answer
    items = []
    for answer in original:
        again = later[(answer.section_position, answer.position)]
        shots = [photos.get(answer.id)] + [photos.get(a.id) for a in again if a is not None]
        numbers = [n for a in (answer, *again) if a is not None for n in findings.get(a.id, ())]
        notes = [answer.note] + [a.note for a in again if a is not None and a.note != answer.note]
        items.append(
            ItemLine(
                answer.section_title,
                answer.code,
                answer.text,
                answer.points,
                answer.cap,
                answer.veto,
                _figures(answer),
                tuple(_figures(a) if a is not None else None for a in again),
                "；".join(n for n in notes if n),
                PhotoSet(
                    tuple(p for s in shots if s for p in s.thumbnails),
                    tuple(m for s in shots if s for m in s.missing),
                ),
                tuple(dict.fromkeys(numbers)),
            )
        )
    return InspectionSheet(
        inspection.id,
        inspection.number,
        inspection.inspected_on,
        unit,
        place_text(inspection.place_kind, compound, inspection.place),
        inspection.rule_version,
        inspection.inspectors,
        inspection.score,
        inspection.maximum,
        inspection.percent,
        inspection.vetoed,
        inspection.note,
        [
            AmendmentHead(
                a.number,
                a.reason,
                a.made_at,
                a.made_by_name,
                a.score,
                a.maximum,
                a.percent,
                a.vetoed,
            )
            for a in amendments
        ],  # fmt: skip
        items,
        len(original),
    )


def _figures(answer: InspectionAnswer) -> AnswerFigures:
    return AnswerFigures(answer.occurrences, answer.not_applicable, answer.deducted)


def answer_photos(
    session: Session, folder: Path, answer_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, PhotoSet]:
    """The photos of many answers from one query per batch: thumbnails, and the missing named."""
    found: dict[uuid.UUID, tuple[list[Path], list[str]]] = {}
    for start in range(0, len(answer_ids), 500):
        rows = session.execute(
            select(PhotoLink.record_id, PhotoLink.sha256, Photo.suffix)
            .outerjoin(Photo, (Photo.sha256 == PhotoLink.sha256) & active(Photo))
            .where(
                PhotoLink.record_table == ANSWER_PHOTOS,
                PhotoLink.record_id.in_(answer_ids[start : start + 500]),
                active(PhotoLink),
            )
            .order_by(PhotoLink.record_id, PhotoLink.position, PhotoLink.created_at)
        )
        for record_id, sha256, suffix in rows:
            shown, missing = found.setdefault(record_id, ([], []))
            thumbnail = ensure_thumbnail(folder, sha256, suffix) if suffix else None
            if thumbnail is None or not original_path(folder, sha256, suffix or ".jpg").is_file():
                missing.append(sha256[:8])
            else:
                shown.append(thumbnail)
    return {key: PhotoSet(tuple(shown), tuple(gone)) for key, (shown, gone) in found.items()}


def _finding_numbers(
    session: Session, answer_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[str]]:
    numbers: dict[uuid.UUID, list[str]] = defaultdict(list)
    for start in range(0, len(answer_ids), 500):
        for answer_id, number in session.execute(
            select(Finding.answer_id, Finding.number)
            .where(Finding.answer_id.in_(answer_ids[start : start + 500]), active(Finding))
            .order_by(Finding.seq)
        ):
            if answer_id is not None:
                numbers[answer_id].append(number)
    return numbers
