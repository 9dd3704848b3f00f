"""Reading an inspection: its header, the answers that count now (the latest correction's, or
the original's), the original and every correction beside it, and scoring a set of answers
from the copy of the items it keeps."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jinsha_desktop.db.inspection_models import (
    ChecklistTemplate,
    ChecklistVersion,
    Finding,
    Inspection,
    InspectionAmendment,
    InspectionAnswer,
)
from jinsha_desktop.db.reference_models import Compound, Unit
from jinsha_desktop.domain.errors import NotFound
from jinsha_desktop.domain.inspection_input import AnswerInput
from jinsha_desktop.domain.inspections import (
    Answer,
    InspectionStatus,
    ItemRule,
    PlaceKind,
    Score,
    SectionRule,
    VetoMode,
    score_inspection,
)
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.services import photos
from jinsha_desktop.services.context import AppContext

ANSWER_TABLE = InspectionAnswer.__tablename__


@dataclass(frozen=True)
class AnswerRow:
    id: uuid.UUID
    section_title: str
    section_position: int
    code: str
    text: str
    points: Decimal
    cap: Decimal
    na_allowed: bool
    photo_required: bool
    veto: bool
    occurrences: int
    not_applicable: bool
    deducted: Decimal
    """Points lost after the item's cap (as the score counts them)."""
    note: str
    photos: int
    finding_id: uuid.UUID | None
    """The finding made of this deduction, if any (the first)."""
    section_cap: Decimal | None = None
    amendment_id: uuid.UUID | None = None
    position: int = 0


@dataclass(frozen=True)
class AmendmentRow:
    id: uuid.UUID
    number: int
    reason: str
    made_at: datetime
    made_by_name: str
    score: Decimal
    maximum: Decimal
    percent: Decimal
    vetoed: bool
    answers: list[AnswerRow]


@dataclass(frozen=True)
class InspectionDetail:
    id: uuid.UUID
    version: int
    number: str
    status: InspectionStatus
    unit_id: uuid.UUID
    unit_name: str
    place_kind: PlaceKind
    place_text: str
    compound_id: uuid.UUID | None
    compound_name: str
    inspected_on: date
    inspectors: str
    note: str
    template_id: uuid.UUID
    template_name: str
    rule_version: str
    veto_mode: VetoMode
    veto_score: Decimal
    """The version's veto rule (the form scores live with it)."""
    score: Score | None
    """What counts now: the current answers scored."""
    submitted: Score | None
    """As submitted (None for a draft); never changes."""
    answers: list[AnswerRow]
    """The answers that count now (a draft's, or the latest correction's)."""
    original: list[AnswerRow]
    """The answers as submitted (a draft: the same as `answers`)."""
    amendments: list[AmendmentRow]


def inspection_detail(context: AppContext, inspection_id: uuid.UUID) -> InspectionDetail:
    context.require(Permission.VIEW_INSPECTIONS)
    with context.reading() as session:
        inspection = session.get(Inspection, inspection_id)
        if inspection is None or inspection.is_deleted:
            raise NotFound("找不到这次检查，可能已被删除。")
        unit = session.get(Unit, inspection.unit_id)
        compound = session.get(Compound, inspection.compound_id) if inspection.compound_id else None
        template = session.get(ChecklistTemplate, inspection.template_id)
        version = session.get(ChecklistVersion, inspection.version_id)
        rows = _answer_rows(session, inspection.id)
        original = rows.get(None, [])
        amendments = session.scalars(
            select(InspectionAmendment)
            .where(
                InspectionAmendment.inspection_id == inspection.id,
                InspectionAmendment.deleted_at.is_(None),
            )
            .order_by(InspectionAmendment.number)
        ).all()
        amended = [
            AmendmentRow(
                a.id, a.number, a.reason, a.made_at, a.made_by_name, a.score, a.maximum,
                a.percent, a.vetoed, rows.get(a.id, []),
            )
            for a in amendments
        ]  # fmt: skip
        current_rows = current_answers(session, inspection)
        submitted = None
        if inspection.status == InspectionStatus.SUBMITTED.value:
            assert inspection.score is not None and inspection.maximum is not None
            submitted = score_of(session, inspection, _original_rows(session, inspection.id))
        return InspectionDetail(
            id=inspection.id,
            version=inspection.version,
            number=inspection.number,
            status=InspectionStatus(inspection.status),
            unit_id=inspection.unit_id,
            unit_name=unit.name if unit else "",
            place_kind=PlaceKind(inspection.place_kind),
            place_text=inspection.place,
            compound_id=inspection.compound_id,
            compound_name=compound.name if compound else "",
            inspected_on=inspection.inspected_on,
            inspectors=inspection.inspectors,
            note=inspection.note,
            template_id=inspection.template_id,
            template_name=template.name if template else "",
            rule_version=inspection.rule_version,
            veto_mode=VetoMode(version.veto_mode) if version else VetoMode.SET,
            veto_score=version.veto_score if version else Decimal("0"),
            score=score_of(session, inspection, current_rows) if current_rows else None,
            submitted=submitted,
            answers=amended[-1].answers if amended else original,
            original=original,
            amendments=amended,
        )


def current_answers(session: Session, inspection: Inspection) -> list[InspectionAnswer]:
    """The answers that count now, in walking order: the latest correction's, else the
    original's."""
    latest = session.scalar(
        select(InspectionAmendment.id)
        .where(
            InspectionAmendment.inspection_id == inspection.id,
            InspectionAmendment.deleted_at.is_(None),
        )
        .order_by(InspectionAmendment.number.desc())
        .limit(1)
    )
    query = select(InspectionAnswer).where(
        InspectionAnswer.inspection_id == inspection.id,
        InspectionAnswer.deleted_at.is_(None),
        InspectionAnswer.amendment_id == latest
        if latest is not None
        else InspectionAnswer.amendment_id.is_(None),
    )
    order = (InspectionAnswer.section_position, InspectionAnswer.position)
    return list(session.scalars(query.order_by(*order)).all())


def _original_rows(session: Session, inspection_id: uuid.UUID) -> list[InspectionAnswer]:
    return list(
        session.scalars(
            select(InspectionAnswer)
            .where(
                InspectionAnswer.inspection_id == inspection_id,
                InspectionAnswer.amendment_id.is_(None),
                InspectionAnswer.deleted_at.is_(None),
            )
            .order_by(InspectionAnswer.section_position, InspectionAnswer.position)
        ).all()
    )


def item_rule(row: InspectionAnswer, section: int = 0) -> ItemRule:
    return ItemRule(
        section=section,
        text=row.text,
        points=row.points,
        cap=row.cap,
        code=row.code,
        na_allowed=row.na_allowed,
        photo_required=row.photo_required,
        veto=row.veto,
    )


def answers_of(typed: AnswerInput) -> Answer:
    return Answer(int(typed.occurrences), typed.not_applicable)


def rules_of(
    rows: Sequence[InspectionAnswer],
) -> tuple[list[SectionRule], list[ItemRule]]:
    """The sections and items a set of answers was scored on, from the copy it keeps."""
    sections: list[SectionRule] = []
    index: dict[int, int] = {}
    items = []
    for row in rows:
        if row.section_position not in index:
            index[row.section_position] = len(sections)
            sections.append(SectionRule(row.section_title, row.section_cap))
        items.append(item_rule(row, index[row.section_position]))
    return sections, items


def score_of(session: Session, inspection: Inspection, rows: Sequence[InspectionAnswer]) -> Score:
    """The score of a set of answers under the inspection's version's veto rule."""
    version = session.get(ChecklistVersion, inspection.version_id)
    mode = VetoMode(version.veto_mode) if version else VetoMode.SET
    veto_score = version.veto_score if version else Decimal("0")
    sections, items = rules_of(rows)
    answers = [Answer(row.occurrences, row.not_applicable) for row in rows]
    return score_inspection(sections, items, answers, mode, veto_score)


def _answer_rows(
    session: Session, inspection_id: uuid.UUID
) -> dict[uuid.UUID | None, list[AnswerRow]]:
    """Every answer of the inspection, by the correction it belongs to (None: the original)."""
    answers = session.scalars(
        select(InspectionAnswer)
        .where(
            InspectionAnswer.inspection_id == inspection_id,
            InspectionAnswer.deleted_at.is_(None),
        )
        .order_by(InspectionAnswer.section_position, InspectionAnswer.position)
    ).all()
    ids = [a.id for a in answers]
    cells = photos.photo_cells(session, None, ANSWER_TABLE, ids)
    made: dict[uuid.UUID | None, uuid.UUID] = {}
    for answer_id, finding_id in session.execute(
        select(Finding.answer_id, Finding.id)
        .where(Finding.answer_id.in_(ids), Finding.deleted_at.is_(None))
        .order_by(Finding.created_at)
    ):
        made.setdefault(answer_id, finding_id)
    grouped: dict[uuid.UUID | None, list[AnswerRow]] = {}
    for a in answers:
        grouped.setdefault(a.amendment_id, []).append(
            AnswerRow(
                id=a.id,
                section_title=a.section_title,
                section_position=a.section_position,
                code=a.code,
                text=a.text,
                points=a.points,
                cap=a.cap,
                na_allowed=a.na_allowed,
                photo_required=a.photo_required,
                veto=a.veto,
                occurrences=a.occurrences,
                not_applicable=a.not_applicable,
                deducted=a.deducted,
                note=a.note,
                photos=cells[a.id].count if a.id in cells else 0,
                finding_id=made.get(a.id),
                section_cap=a.section_cap,
                amendment_id=a.amendment_id,
                position=a.position,
            )
        )
    return grouped
