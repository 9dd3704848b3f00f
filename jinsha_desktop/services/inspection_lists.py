"""The inspections list: filters, sort and pages in the database, as every list; the same rows
stream to the Excel export."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.inspection_models import ChecklistTemplate, Finding, Inspection
from jinsha_desktop.db.reference_models import Compound, Unit
from jinsha_desktop.domain.inspections import InspectionStatus
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.text import search_text, to_halfwidth
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.paging import keyset_page, order_terms, trailing_sort_value

PAGE_SIZE = 200
STREAM_BATCH = 1_000


@dataclass(frozen=True)
class InspectionFilter:
    """What the inspections list shows. Every field empty: all inspections."""

    start: date | None = None
    end: date | None = None
    """Inspected on these dates, inclusive."""
    unit_id: uuid.UUID | None = None
    template_id: uuid.UUID | None = None
    status: str | None = None
    """None any, or an InspectionStatus value."""
    search: str = ""
    """Number (or its sequence), words of the place, the inspectors or the note."""


@dataclass(frozen=True)
class InspectionSort:
    key: str = "inspected_on"
    descending: bool = True


@dataclass(frozen=True)
class InspectionRow:
    """One inspection as the list and the Excel sheet show it (the keys of INSPECTION)."""

    id: uuid.UUID
    version: int
    number: str
    inspected_on: date
    status: str
    unit_id: uuid.UUID
    unit_name: str
    place: str
    percent: Decimal | None
    """What counts now (after any correction); None for a draft."""
    veto: bool
    score: Decimal | None
    maximum: Decimal | None
    template: str
    """The checklist and version scored (农村人居环境检查清单 第2版)."""
    inspectors: str
    amendments: int
    findings: int
    sort_value: Any = None


def sort_columns(key: str) -> tuple[Any, ...]:
    if key == "number":
        return (Inspection.number,)
    if key == "status":
        return (Inspection.status, Inspection.inspected_on)
    if key == "unit":
        return (Unit.name, Inspection.inspected_on)
    if key == "percent":
        return (Inspection.final_percent,)
    return (Inspection.inspected_on,)


SORT_KEYS = ("number", "inspected_on", "status", "unit", "percent")


def _search(text: str) -> ColumnElement[bool] | None:
    needle = to_halfwidth(search_text(text)).strip()
    if not needle:
        return None
    terms: list[ColumnElement[bool]] = [
        Inspection.number.contains(needle.upper(), autoescape=True),
        Inspection.place.contains(needle, autoescape=True),
        Inspection.inspectors.contains(needle, autoescape=True),
        Inspection.note.contains(needle, autoescape=True),
    ]
    if needle.isdigit() and len(needle) <= 9:
        terms.append(Inspection.seq == int(needle))
    return or_(*terms)


def inspection_conditions(flt: InspectionFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Inspection.deleted_at.is_(None)]
    search = _search(flt.search)
    if search is not None:
        conditions.append(search)
    if flt.start is not None:
        conditions.append(Inspection.inspected_on >= flt.start)
    if flt.end is not None:
        conditions.append(Inspection.inspected_on <= flt.end)
    if flt.unit_id is not None:
        conditions.append(Inspection.unit_id == flt.unit_id)
    if flt.template_id is not None:
        conditions.append(Inspection.template_id == flt.template_id)
    if flt.status:
        conditions.append(Inspection.status == InspectionStatus(flt.status).value)
    return conditions


ROW_COLUMNS = (
    Inspection.id,
    Inspection.version,
    Inspection.number,
    Inspection.inspected_on,
    Inspection.status,
    Inspection.unit_id,
    Unit.name,
    Compound.name,
    Inspection.place,
    Inspection.final_percent,
    Inspection.final_vetoed,
    Inspection.final_score,
    Inspection.final_maximum,
    Inspection.rule_version,
    Inspection.inspectors,
    Inspection.amendment_count,
)


def _joined(query: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    return query.join(Unit, Unit.id == Inspection.unit_id).outerjoin(
        Compound, Compound.id == Inspection.compound_id
    )


def inspections_query(
    flt: InspectionFilter,
    sort: InspectionSort,
    after: tuple[Any, uuid.UUID] | None,
    limit: int,
) -> Select[*tuple[Any, ...]]:
    columns = sort_columns(sort.key)
    ids = select(Inspection.id).where(*inspection_conditions(flt))
    if sort.key == "unit":
        ids = ids.join(Unit, Unit.id == Inspection.unit_id)
    keys = keyset_page(ids, columns, Inspection.id, sort.descending, after, limit).subquery()
    query = select(*ROW_COLUMNS, *columns).select_from(keys)
    query = _joined(query.join(Inspection, Inspection.id == keys.c.id))
    return query.order_by(*order_terms(columns, Inspection.id, sort.descending))


def inspections_page(
    context: AppContext,
    flt: InspectionFilter,
    sort: InspectionSort = InspectionSort(),
    after: tuple[Any, uuid.UUID] | None = None,
    limit: int = PAGE_SIZE,
) -> list[InspectionRow]:
    """One page of inspections after `after` (the last row's (sort_value, id))."""
    context.require(Permission.VIEW_INSPECTIONS)
    width = len(sort_columns(sort.key))
    with context.reading() as session:
        rows = session.execute(inspections_query(flt, sort, after, limit)).all()
        return _rows(session, rows, width)


def count_inspections(context: AppContext, flt: InspectionFilter) -> int:
    context.require(Permission.VIEW_INSPECTIONS)
    with context.reading() as session:
        query = select(func.count(Inspection.id)).where(*inspection_conditions(flt))
        return session.scalar(query) or 0


def iter_inspections(
    context: AppContext,
    flt: InspectionFilter,
    sort: InspectionSort = InspectionSort("inspected_on", descending=False),
) -> Iterator[InspectionRow]:
    """Every inspection the filter selects, in this order, a thousand at a time."""
    context.require(Permission.VIEW_INSPECTIONS)
    return _stream(context, flt, sort)


def _stream(
    context: AppContext, flt: InspectionFilter, sort: InspectionSort
) -> Iterator[InspectionRow]:
    columns = sort_columns(sort.key)
    query = (
        _joined(select(*ROW_COLUMNS, *columns).where(*inspection_conditions(flt)))
        .order_by(*order_terms(columns, Inspection.id, sort.descending))
        .execution_options(yield_per=STREAM_BATCH)
    )
    with context.reading() as session:
        for batch in session.execute(query).partitions(STREAM_BATCH):
            yield from _rows(session, batch, len(columns))


def template_names(session: Session) -> dict[uuid.UUID, str]:
    return {t.id: t.name for t in session.scalars(select(ChecklistTemplate))}


def _rows(session: Session, rows: Sequence[Any], sort_width: int) -> list[InspectionRow]:
    ids = [row[0] for row in rows]
    findings: dict[uuid.UUID | None, int] = {}
    if ids:
        findings = {
            inspection_id: count
            for inspection_id, count in session.execute(
                select(Finding.inspection_id, func.count())
                .where(Finding.inspection_id.in_(ids), Finding.deleted_at.is_(None))
                .group_by(Finding.inspection_id)
            )
        }
    result = []
    for values in rows:
        (inspection_id, version, number, inspected_on, status, unit_id, unit_name, compound,
         place, percent, vetoed, score, maximum, rule_version, inspectors,
         amendments) = values[: len(ROW_COLUMNS)]  # fmt: skip
        result.append(
            InspectionRow(
                id=inspection_id,
                version=version,
                number=number,
                inspected_on=inspected_on,
                status=status,
                unit_id=unit_id,
                unit_name=unit_name,
                place=" ".join(p for p in (compound or "", place) if p),
                percent=percent,
                veto=bool(vetoed),
                score=score,
                maximum=maximum,
                template=rule_version,
                inspectors=inspectors,
                amendments=amendments,
                findings=findings.get(inspection_id, 0),
                sort_value=trailing_sort_value(values, sort_width),
            )
        )
    return result
