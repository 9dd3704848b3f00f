"""The findings list (问题整改): filters, sort and pages in the database, as every list; the
same rows stream to the Excel export and the rectification ledger."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.inspection_models import Finding, FindingParty, Inspection
from jinsha_desktop.db.reference_models import Building, Compound, Unit
from jinsha_desktop.domain.fields import NO_PHOTOS, PhotoCell
from jinsha_desktop.domain.findings import FindingStatus, overdue_days
from jinsha_desktop.domain.masking import mask_phone
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.text import search_text, to_halfwidth
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.finding_detail import party_names
from jinsha_desktop.services.paging import keyset_page, order_terms, trailing_sort_value
from jinsha_desktop.services.personal_data import grant_full_view
from jinsha_desktop.services.photos import photo_cells, photo_folder
from jinsha_desktop.services.registration import today_of

PAGE_SIZE = 200
STREAM_BATCH = 1_000
TABLE = Finding.__tablename__
OPEN = "open_any"
"""A status filter: waiting for the unit or for the re-check."""


@dataclass(frozen=True)
class FindingFilter:
    """What the findings list shows. Every field empty: all findings."""

    start: date | None = None
    end: date | None = None
    """Found on these dates, inclusive."""
    unit_id: uuid.UUID | None = None
    """The village or community, or the lead unit."""
    source: str | None = None
    status: str | None = None
    """None any, OPEN (either open state), or one FindingStatus value."""
    overdue_only: bool = False
    search: str = ""
    """Number (or its sequence), words of the problem or place, or the reporter's name."""
    department_id: uuid.UUID | None = None
    """Led or helped by this department."""
    inspection_id: uuid.UUID | None = None


@dataclass(frozen=True)
class FindingSort:
    key: str = "found_on"
    descending: bool = True


@dataclass(frozen=True)
class FindingRow:
    """One finding as the list, the Excel export and the rectification ledger show it: the
    keys of FINDING, with the finding's id and version and `sort_value`."""

    id: uuid.UUID
    version: int
    number: str
    found_on: date
    status: str
    overdue: int
    """Days past the deadline while waiting for the unit (0: not overdue)."""
    source: str
    unit_id: uuid.UUID
    unit_name: str
    place: str
    problem: str
    lead_name: str
    helper_names: str
    deadline: date
    rectified_on: date | None
    closed_on: date | None
    reporter_name: str
    reporter_phone: str
    """Masked unless the full view was asked for by a role that may see it (audited)."""
    patrol: str
    inspection_number: str
    photos: PhotoCell = NO_PHOTOS
    sort_value: Any = None


def _status_rank() -> Any:
    return case({status.value: rank for rank, status in enumerate(FindingStatus)},
                value=Finding.status, else_=len(FindingStatus))  # fmt: skip


def sort_columns(key: str) -> tuple[Any, ...]:
    if key == "number":
        return (Finding.number,)
    if key == "status":
        return (_status_rank(), Finding.deadline)
    if key == "deadline":
        return (Finding.deadline,)
    if key == "closed_on":
        return (Finding.closed_on,)
    if key == "source":
        return (Finding.source, Finding.found_on)
    if key == "unit":
        return (Unit.name, Finding.found_on)
    return (Finding.found_on,)


SORT_KEYS = ("number", "found_on", "status", "deadline", "closed_on", "source", "unit")


def _search(text: str) -> ColumnElement[bool] | None:
    needle = to_halfwidth(search_text(text)).strip()
    if not needle:
        return None
    terms: list[ColumnElement[bool]] = [
        Finding.problem.contains(needle, autoescape=True),
        Finding.place.contains(needle, autoescape=True),
        Finding.reporter_name.startswith(needle, autoescape=True),
        Finding.number.contains(needle.upper(), autoescape=True),
    ]
    if needle.isdigit() and len(needle) <= 9:
        terms.append(Finding.seq == int(needle))
    return or_(*terms)


def finding_conditions(flt: FindingFilter, today: date) -> list[ColumnElement[bool]]:
    """The WHERE of the findings `flt` selects: the list, its export and the ledger read it."""
    conditions: list[ColumnElement[bool]] = [Finding.deleted_at.is_(None)]
    search = _search(flt.search)
    if search is not None:
        conditions.append(search)
    if flt.start is not None:
        conditions.append(Finding.found_on >= flt.start)
    if flt.end is not None:
        conditions.append(Finding.found_on <= flt.end)
    parties = select(FindingParty.finding_id).where(FindingParty.deleted_at.is_(None))
    if flt.unit_id is not None:
        led = parties.where(FindingParty.unit_id == flt.unit_id, FindingParty.role == "lead")
        conditions.append(or_(Finding.unit_id == flt.unit_id, Finding.id.in_(led)))
    if flt.department_id is not None:
        conditions.append(
            Finding.id.in_(parties.where(FindingParty.department_id == flt.department_id))
        )
    if flt.inspection_id is not None:
        conditions.append(Finding.inspection_id == flt.inspection_id)
    if flt.source:
        conditions.append(Finding.source == flt.source)
    open_values = (FindingStatus.OPEN.value, FindingStatus.RECTIFIED.value)
    if flt.status == OPEN:
        conditions.append(Finding.status.in_(open_values))
    elif flt.status:
        conditions.append(Finding.status == FindingStatus(flt.status).value)
    if flt.overdue_only:
        conditions.append(Finding.status == FindingStatus.OPEN.value)
        conditions.append(Finding.deadline < today)
    return conditions


ROW_COLUMNS = (
    Finding.id,
    Finding.version,
    Finding.number,
    Finding.found_on,
    Finding.status,
    Finding.source,
    Finding.unit_id,
    Unit.name,
    Compound.name,
    Building.name,
    Finding.place,
    Finding.problem,
    Finding.deadline,
    Finding.rectified_on,
    Finding.closed_on,
    Finding.reporter_name,
    Finding.reporter_phone,
    Finding.patrol,
    Inspection.number,
)


def _joined(query: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    return (
        query.join(Unit, Unit.id == Finding.unit_id)
        .outerjoin(Compound, Compound.id == Finding.compound_id)
        .outerjoin(Building, Building.id == Finding.building_id)
        .outerjoin(Inspection, Inspection.id == Finding.inspection_id)
    )


def findings_query(
    flt: FindingFilter,
    sort: FindingSort,
    after: tuple[Any, uuid.UUID] | None,
    limit: int,
    today: date,
) -> Select[*tuple[Any, ...]]:
    columns = sort_columns(sort.key)
    ids = select(Finding.id).where(*finding_conditions(flt, today))
    if sort.key == "unit":
        ids = ids.join(Unit, Unit.id == Finding.unit_id)
    keys = keyset_page(ids, columns, Finding.id, sort.descending, after, limit).subquery()
    query = select(*ROW_COLUMNS, *columns).select_from(keys)
    query = _joined(query.join(Finding, Finding.id == keys.c.id))
    return query.order_by(*order_terms(columns, Finding.id, sort.descending))


def findings_page(
    context: AppContext,
    flt: FindingFilter,
    sort: FindingSort = FindingSort(),
    after: tuple[Any, uuid.UUID] | None = None,
    limit: int = PAGE_SIZE,
    *,
    today: date | None = None,
    full: bool = False,
) -> list[FindingRow]:
    """One page of findings after `after` (the last row's (sort_value, id)). `today`: the day
    overdue is counted on (every page of one list passes the same)."""
    context.require(Permission.VIEW_INSPECTIONS)
    show_full = grant_full_view(context, full, "查看问题列表的完整电话", table_name=TABLE)
    today = today or today_of(context)
    width = len(sort_columns(sort.key))
    with context.reading() as session:
        rows = session.execute(findings_query(flt, sort, after, limit, today)).all()
        return _rows(session, context, rows, show_full, today, width)


def count_findings(context: AppContext, flt: FindingFilter, today: date | None = None) -> int:
    context.require(Permission.VIEW_INSPECTIONS)
    today = today or today_of(context)
    with context.reading() as session:
        query = select(func.count(Finding.id)).where(*finding_conditions(flt, today))
        return session.scalar(query) or 0


def iter_findings(
    context: AppContext,
    flt: FindingFilter,
    sort: FindingSort = FindingSort("found_on", descending=False),
    *,
    full: bool = False,
) -> Iterator[FindingRow]:
    """Every finding the filter selects, in this order, a thousand at a time. The rights are
    checked (and a full view audited) when called."""
    context.require(Permission.VIEW_INSPECTIONS)
    full = grant_full_view(context, full, "读取问题反映人的完整电话", table_name=TABLE)
    return _stream(context, flt, sort, full)


def _stream(
    context: AppContext, flt: FindingFilter, sort: FindingSort, full: bool
) -> Iterator[FindingRow]:
    today = today_of(context)
    columns = sort_columns(sort.key)
    query = (
        _joined(select(*ROW_COLUMNS, *columns).where(*finding_conditions(flt, today)))
        .order_by(*order_terms(columns, Finding.id, sort.descending))
        .execution_options(yield_per=STREAM_BATCH)
    )
    with context.reading() as session:
        for batch in session.execute(query).partitions(STREAM_BATCH):
            yield from _rows(session, context, batch, full, today, len(columns))


def _rows(
    session: Session,
    context: AppContext,
    rows: Sequence[Any],
    full: bool,
    today: date,
    sort_width: int,
) -> list[FindingRow]:
    ids = [row[0] for row in rows]
    parties = party_names(session, ids)
    cells = photo_cells(session, photo_folder(context), TABLE, ids)
    result = []
    for values in rows:
        (finding_id, version, number, found_on, status, source, unit_id, unit_name, compound,
         building, place, problem, deadline, rectified_on, closed_on, reporter, phone, patrol,
         inspection_number) = values[: len(ROW_COLUMNS)]  # fmt: skip
        lead, helpers = parties.get(finding_id, ("", ""))
        result.append(
            FindingRow(
                id=finding_id,
                version=version,
                number=number,
                found_on=found_on,
                status=status,
                overdue=overdue_days(FindingStatus(status), deadline, today),
                source=source,
                unit_id=unit_id,
                unit_name=unit_name,
                place=" ".join(p for p in (compound or "", building or "", place) if p),
                problem=problem,
                lead_name=lead,
                helper_names=helpers,
                deadline=deadline,
                rectified_on=rectified_on,
                closed_on=closed_on,
                reporter_name=reporter,
                reporter_phone=phone if full else mask_phone(phone),
                patrol=patrol,
                inspection_number=inspection_number or "",
                photos=cells.get(finding_id, NO_PHOTOS),
                sort_value=trailing_sort_value(values, sort_width),
            )
        )
    return result
