"""Inspections (检查): start one on a checklist's current version, walk its items as a draft,
submit (the score is stored and the inspection locked), correct a submitted one by an audited
amendment with a reason, delete a draft.

Every inspection keeps a copy of the items it was scored on (InspectionAnswer): editing the
checklist later changes no past score and no past printout. An amendment is a full new set of
answers beside the original; the inspection's final_* columns say what counts now.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.inspection_models import (
    ChecklistTemplate,
    ChecklistVersion,
    Inspection,
    InspectionAmendment,
    InspectionAnswer,
)
from jinsha_desktop.db.reference_models import Compound, Unit
from jinsha_desktop.domain.checklists import version_label
from jinsha_desktop.domain.errors import FieldChecks, NotFound, ValidationError
from jinsha_desktop.domain.inspection_input import AnswerInput, InspectionInput
from jinsha_desktop.domain.inspections import InspectionStatus, Score, check_answer
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.text import clean_name
from jinsha_desktop.services import photos
from jinsha_desktop.services.checklists import freeze_version, version_items
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.editing import delete_with_reason, load_for_edit, set_changed
from jinsha_desktop.services.inspection_detail import (
    AmendmentRow,
    AnswerRow,
    InspectionDetail,
    answers_of,
    current_answers,
    inspection_detail,
    item_rule,
    score_of,
)
from jinsha_desktop.services.registration import today_of
from jinsha_desktop.services.repair_catalogue import installation_short_code

__all__ = [
    "AmendmentRow",
    "AnswerRow",
    "InspectionDetail",
    "amend_inspection",
    "attach_answer_photos",
    "delete_draft",
    "inspection_detail",
    "new_inspection",
    "save_answers",
    "submit_inspection",
]

TABLE = Inspection.__tablename__
ANSWER_TABLE = InspectionAnswer.__tablename__
WHAT = "这次检查"
LOCKED = "已提交的检查不能修改；如需更正，请用“更正”并写明原因。"


def new_inspection(context: AppContext, data: InspectionInput) -> uuid.UUID:
    """A draft on the template's current version (which is frozen from now on), numbered
    <short code>-J<sequence>, with a copy of every item to walk."""
    context.require(Permission.INSPECT)
    data = data.cleaned(today_of(context))
    with context.uow() as session:
        _check_place(session, data)
        template = session.get(ChecklistTemplate, data.template_id)
        if template is None or template.is_deleted or template.current_version_id is None:
            raise ValidationError("找不到这个检查清单，可能已被删除，请重新选择。", "template_id")
        version = session.get(ChecklistVersion, template.current_version_id)
        assert version is not None
        items = version_items(session, version.id)
        if not items:
            raise ValidationError("这个检查清单没有检查项，不能用来检查。", "template_id")
        freeze_version(session, version.id, context.clock.now())
        code = installation_short_code(session, context.installation_id)
        last = session.scalar(
            select(func.max(Inspection.seq)).where(
                Inspection.installation_id == context.installation_id
            )
        )
        seq = (last or 0) + 1
        inspection = Inspection(
            number=f"{code}-J{seq:06d}",
            seq=seq,
            template_id=template.id,
            version_id=version.id,
            rule_version=version_label(version.title, version.number),
            unit_id=data.unit_id,
            place_kind=data.place_kind.value,
            compound_id=data.compound_id,
            place=data.place,
            inspected_on=data.inspected_on,
            inspectors=data.inspectors,
            note=data.note,
            status=InspectionStatus.DRAFT.value,
        )
        session.add(inspection)
        session.flush()
        for section, item in items:
            session.add(
                InspectionAnswer(
                    inspection_id=inspection.id,
                    item_id=item.id,
                    section_position=section.position,
                    section_title=section.title,
                    section_cap=section.cap,
                    position=item.position,
                    code=item.code,
                    text=item.text,
                    points=item.points,
                    cap=item.cap,
                    na_allowed=item.na_allowed,
                    photo_required=item.photo_required,
                    veto=item.veto,
                )
            )
        return inspection.id


def save_answers(
    context: AppContext,
    inspection_id: uuid.UUID,
    answers: Sequence[AnswerInput],
    header: InspectionInput | None = None,
) -> Score:
    """Keep what was typed on a draft (and its header, if given); returns the score so far."""
    context.require(Permission.INSPECT)
    cleaned_header = header.cleaned(today_of(context)) if header is not None else None
    with context.uow() as session:
        inspection = _draft(session, inspection_id)
        if cleaned_header is not None:
            _check_place(session, cleaned_header)
            if cleaned_header.template_id != inspection.template_id:
                raise ValidationError(
                    "检查清单在开始检查后不能更换；请删除草稿后重新开始。", "template_id"
                )
            set_changed(
                inspection,
                {
                    "unit_id": cleaned_header.unit_id,
                    "place_kind": cleaned_header.place_kind.value,
                    "compound_id": cleaned_header.compound_id,
                    "place": cleaned_header.place,
                    "inspected_on": cleaned_header.inspected_on,
                    "inspectors": cleaned_header.inspectors,
                    "note": cleaned_header.note,
                },
            )
        rows = current_answers(session, inspection)
        _write_answers(rows, answers)
        score = score_of(session, inspection, rows)
        _write_deductions(rows, score)
        return score


def submit_inspection(context: AppContext, inspection_id: uuid.UUID) -> Score:
    """Store the score, maximum, percent and veto, and lock the inspection. Refused while an
    item that needs a photo of what was found has none, or when every item is N/A."""
    context.require(Permission.INSPECT)
    with context.uow() as session:
        inspection = _draft(session, inspection_id)
        rows = current_answers(session, inspection)
        _check_photos(session, rows)
        score = score_of(session, inspection, rows)
        if score.maximum <= 0:
            raise ValidationError("所有检查项都是“不适用”，无法计分，请核对后再提交。", "answers")
        _write_deductions(rows, score)
        now = context.clock.now()
        set_changed(
            inspection,
            {
                "status": InspectionStatus.SUBMITTED.value,
                "submitted_at": now,
                "submitted_by": context.user.id if context.user else None,
                **_result("", score),
                **_result("final_", score),
            },
        )
        return score


def amend_inspection(
    context: AppContext,
    inspection_id: uuid.UUID,
    answers: Sequence[AnswerInput],
    reason: str,
) -> uuid.UUID:
    """A correction of a submitted inspection (更正): a new full set of answers with its own
    score beside the original, which never changes. The reason is required and audited.

    `answers` name the answers of the set shown (the original or the latest correction)."""
    context.require(Permission.INSPECT)
    reason = clean_name(reason, "更正原因", "reason", max_length=500)
    with context.uow() as session:
        inspection = load_for_edit(session, Inspection, inspection_id, None, WHAT)
        if inspection.status != InspectionStatus.SUBMITTED.value:
            raise ValidationError("草稿可以直接修改，不需要更正。", "status")
        previous = current_answers(session, inspection)
        number = inspection.amendment_count + 1
        amendment = InspectionAmendment(
            inspection_id=inspection.id,
            number=number,
            reason=reason,
            made_at=context.clock.now(),
            made_by_name=context.user.display_name if context.user else "",
            score=Decimal("0"),
            maximum=Decimal("0"),
            percent=Decimal("0"),
        )
        session.add(amendment)
        session.flush()
        copies = [_copy(row, amendment.id) for row in previous]
        session.add_all(copies)
        session.flush()
        for row, copy in zip(previous, copies, strict=True):
            photos.copy_photo_links(
                session, (ANSWER_TABLE, row.id), (ANSWER_TABLE, copy.id), "before"
            )
        by_previous = dict(zip((row.id for row in previous), copies, strict=True))
        _write_answers(copies, answers, by_previous)
        session.flush()
        score = score_of(session, inspection, copies)
        if score.maximum <= 0:
            raise ValidationError("所有检查项都是“不适用”，无法计分，请核对后再提交。", "answers")
        _write_deductions(copies, score)
        set_changed(amendment, _result("", score))
        set_changed(inspection, {**_result("final_", score), "amendment_count": number})
        return amendment.id


def delete_draft(context: AppContext, inspection_id: uuid.UUID, reason: str) -> None:
    """Only a draft can be deleted (soft, with the reason); a submitted one is corrected."""
    context.require(Permission.INSPECT)

    def only_a_draft(_session: Session, inspection: Inspection) -> None:
        if inspection.status != InspectionStatus.DRAFT.value:
            raise ValidationError("已提交的检查不能删除；如有错误，请做更正。", "status")

    delete_with_reason(context, Inspection, inspection_id, None, WHAT, reason, only_a_draft)


def attach_answer_photos(
    context: AppContext, answer_id: uuid.UUID, stored: Sequence[photos.StoredPhoto]
) -> None:
    """Photos of what was found for one item of a draft."""
    context.require(Permission.INSPECT)
    with context.uow() as session:
        answer = session.get(InspectionAnswer, answer_id)
        if answer is None or answer.is_deleted:
            raise NotFound("找不到这一检查项，检查可能已被删除。")
        _draft(session, answer.inspection_id)
        photos.link_photos(session, ANSWER_TABLE, answer.id, stored, "before")


# ---------------------------------------------------------------- inside a unit of work


def _draft(session: Session, inspection_id: uuid.UUID) -> Inspection:
    inspection = load_for_edit(session, Inspection, inspection_id, None, WHAT)
    if inspection.status != InspectionStatus.DRAFT.value:
        raise ValidationError(LOCKED, "status")
    return inspection


def _check_place(session: Session, data: InspectionInput) -> None:
    unit = session.get(Unit, data.unit_id) if data.unit_id else None
    if unit is None or unit.is_deleted:
        raise ValidationError("找不到这个村/社区，可能已被删除，请重新选择。", "unit_id")
    if data.compound_id is not None:
        compound = session.get(Compound, data.compound_id)
        if compound is None or compound.is_deleted or compound.unit_id != unit.id:
            raise ValidationError("请在这个村/社区的小区中选择。", "compound_id")


def _write_answers(
    rows: Sequence[InspectionAnswer],
    answers: Sequence[AnswerInput],
    aliases: dict[uuid.UUID, InspectionAnswer] | None = None,
) -> None:
    """Each answer given onto its row (by id; `aliases` map an earlier set's ids to the rows
    that copy them). Every bad answer is named; nothing is kept when one is bad."""
    by_id = {row.id: row for row in rows}
    by_id.update(aliases or {})
    checks = FieldChecks()
    updates: list[tuple[InspectionAnswer, AnswerInput]] = []
    for answer in answers:
        row = by_id.get(answer.answer_id)
        if row is None:
            raise ValidationError("这一检查项不属于这次检查。", "answers")
        field = f"answer:{row.id}"
        typed = checks.on(field).check(answer.cleaned)
        if typed is None:
            continue
        checked = checks.on(field).check(check_answer, item_rule(row), answers_of(typed))
        if checked is not None:
            updates.append((row, typed))
    checks.raise_errors()
    for row, typed in updates:
        set_changed(
            row,
            {
                "occurrences": int(typed.occurrences),
                "not_applicable": typed.not_applicable,
                "note": typed.note,
            },
        )


def _check_photos(session: Session, rows: Sequence[InspectionAnswer]) -> None:
    needed = [row for row in rows if row.photo_required and row.occurrences > 0]
    if not needed:
        return
    with_photos = photos.photo_cells(session, None, ANSWER_TABLE, [row.id for row in needed])
    missing = [row for row in needed if row.id not in with_photos]
    if missing:
        names = "、".join(f"“{row.text}”" for row in missing[:5])
        more = f"等 {len(missing)} 项" if len(missing) > 5 else ""
        raise ValidationError(f"{names}{more}要求拍照留证，请先添加照片再提交。", "answers")


def _write_deductions(rows: Sequence[InspectionAnswer], score: Score) -> None:
    """Each item's deduction as the score counts it (the ledgers and lists read them)."""
    for row, deducted in zip(rows, score.item_deductions, strict=True):
        if row.deducted != deducted:
            row.deducted = deducted


def _copy(row: InspectionAnswer, amendment_id: uuid.UUID) -> InspectionAnswer:
    return InspectionAnswer(
        inspection_id=row.inspection_id,
        amendment_id=amendment_id,
        item_id=row.item_id,
        section_position=row.section_position,
        section_title=row.section_title,
        section_cap=row.section_cap,
        position=row.position,
        code=row.code,
        text=row.text,
        points=row.points,
        cap=row.cap,
        na_allowed=row.na_allowed,
        photo_required=row.photo_required,
        veto=row.veto,
        occurrences=row.occurrences,
        not_applicable=row.not_applicable,
        note=row.note,
    )


def _result(prefix: str, score: Score) -> dict[str, object]:
    return {
        f"{prefix}score": score.score,
        f"{prefix}maximum": score.maximum,
        f"{prefix}percent": score.percent,
        f"{prefix}vetoed": score.vetoed,
    }
