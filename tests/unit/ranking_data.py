"""Submitted inspections and findings written straight as rows, for the ranking tests: the
ranking reads only their stored results (final_*), answers and deadlines, so the tests need not
walk checklists through the inspection services."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from jinsha_desktop.db.inspection_models import (
    ChecklistTemplate,
    ChecklistVersion,
    Finding,
    Inspection,
    InspectionAmendment,
    InspectionAnswer,
)
from jinsha_desktop.services import reference
from jinsha_desktop.services.context import AppContext


def unit_ids(admin: AppContext) -> list[uuid.UUID]:
    return [unit.id for unit in reference.list_units(admin)]


def unit_names(admin: AppContext) -> dict[uuid.UUID, str]:
    return {unit.id: unit.name for unit in reference.list_units(admin)}


def _version(session) -> tuple[uuid.UUID, uuid.UUID]:  # type: ignore[no-untyped-def]
    version = session.scalar(select(ChecklistVersion).where(ChecklistVersion.title == "测试清单"))
    if version is not None:
        return version.template_id, version.id
    template = ChecklistTemplate(name="测试清单")
    session.add(template)
    session.flush()
    version = ChecklistVersion(template_id=template.id, number=1, title="测试清单")
    session.add(version)
    session.flush()
    template.current_version_id = version.id
    return template.id, version.id


def an_inspection(
    admin: AppContext,
    unit_id: uuid.UUID,
    on: date,
    percent: str | Decimal,
    *,
    vetoed: bool = False,
    deductions: Sequence[tuple[str, str]] = (),
    status: str = "submitted",
    inspection_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """A submitted inspection scored `percent` (of 100), with answers losing `deductions`
    ((item text, points) each)."""
    value = Decimal(percent)
    with admin.uow() as session:
        template_id, version_id = _version(session)
        seq = (session.scalar(select(func.max(Inspection.seq))) or 0) + 1
        inspection = Inspection(
            id=inspection_id or uuid.uuid4(),
            number=f"T-J{seq:06d}",
            seq=seq,
            template_id=template_id,
            version_id=version_id,
            rule_version="测试清单 第1版",
            unit_id=unit_id,
            inspected_on=on,
            status=status,
            score=value,
            maximum=Decimal(100),
            percent=value,
            vetoed=vetoed,
            final_score=value,
            final_maximum=Decimal(100),
            final_percent=value,
            final_vetoed=vetoed,
        )
        session.add(inspection)
        session.flush()
        _answers(session, inspection.id, None, deductions)
        return inspection.id


def _answers(session, inspection_id, amendment_id, deductions) -> None:  # type: ignore[no-untyped-def]
    for position, (text, points) in enumerate(deductions):
        session.add(
            InspectionAnswer(
                inspection_id=inspection_id,
                amendment_id=amendment_id,
                section_position=0,
                section_title="环境卫生",
                position=position,
                text=text,
                points=Decimal(points),
                cap=Decimal(points) * 5,
                occurrences=1,
                deducted=Decimal(points),
            )
        )


def amend(
    admin: AppContext,
    inspection_id: uuid.UUID,
    percent: str,
    *,
    vetoed: bool = False,
    deductions: Sequence[tuple[str, str]] = (),
) -> None:
    """A correction: a new amendment with its own answers; the inspection's final result moves."""
    value = Decimal(percent)
    with admin.uow() as session:
        inspection = session.get(Inspection, inspection_id)
        assert inspection is not None
        inspection.amendment_count += 1
        amendment = InspectionAmendment(
            inspection_id=inspection_id,
            number=inspection.amendment_count,
            reason="复核更正",
            made_at=datetime(2026, 11, 20, tzinfo=UTC),
            score=value,
            maximum=Decimal(100),
            percent=value,
            vetoed=vetoed,
        )
        session.add(amendment)
        session.flush()
        _answers(session, inspection_id, amendment.id, deductions)
        inspection.final_percent = value
        inspection.final_score = value
        inspection.final_vetoed = vetoed


def a_finding(
    admin: AppContext,
    unit_id: uuid.UUID,
    found_on: date,
    *,
    days: int = 7,
    status: str = "open",
    closed_on: date | None = None,
) -> uuid.UUID:
    with admin.uow() as session:
        seq = (session.scalar(select(func.max(Finding.seq))) or 0) + 1
        finding = Finding(
            number=f"T-Z{seq:06d}",
            seq=seq,
            source="inspection",
            unit_id=unit_id,
            problem="垃圾乱堆",
            found_on=found_on,
            status=status,
            deadline=found_on + timedelta(days=days),
            closed_on=closed_on,
        )
        session.add(finding)
        session.flush()
        return finding.id
