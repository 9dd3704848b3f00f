"""The repair orders list: searched, filtered and sorted in the database, paged by key.

A page is one query for 100–200 order ids (keyset: it continues after the last row shown), then
one query joining those orders' compound, community and building names, and one grouped query
for their parts: three queries per page whatever its size, never one per row. The rows carry the
keys of the REPAIR_ORDER declaration (domain/repair_kinds.py), which the list, the Excel sheet
and the ledger read.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Float, Select, case, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from jinsha_desktop.db.base import UTCDateTime
from jinsha_desktop.db.reference_models import Building, Compound, Unit
from jinsha_desktop.db.repair_models import RepairOrder, RepairPart
from jinsha_desktop.domain.fields import NO_PHOTOS, PhotoCell
from jinsha_desktop.domain.masking import mask_phone
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repair_kinds import place_text
from jinsha_desktop.domain.repairs import OPEN_STATUSES, OrderStatus, quantity_text
from jinsha_desktop.domain.text import search_text, to_halfwidth
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.paging import keyset_page, order_terms, trailing_sort_value
from jinsha_desktop.services.personal_data import grant_full_view, record_full_view
from jinsha_desktop.services.personal_data import require_full_view as require_full_view
from jinsha_desktop.services.photos import photo_cells, photo_folder
from jinsha_desktop.services.repair_settings import repair_settings, repair_settings_in
from jinsha_desktop.services.visit_lists import _local_midnight, prefix_range

PAGE_SIZE = 200
STREAM_BATCH = 1_000
TABLE = RepairOrder.__tablename__

OPEN = "open"
CLOSED = "closed"
"""Status filters besides one status: every open order, every closed one."""


class seconds_between(FunctionElement[float]):  # noqa: N801  (an SQL function, named as one)
    """SECONDS_BETWEEN(start, end): how long from `start` to `end`, in seconds, on SQLite and on
    PostgreSQL (each has its own date arithmetic)."""

    type = Float()
    inherit_cache = True
    name = "seconds_between"


@compiles(seconds_between, "sqlite")
def _seconds_sqlite(element: seconds_between, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"((julianday({end}) - julianday({start})) * 86400.0)"


@compiles(seconds_between, "postgresql")
def _seconds_postgresql(element: seconds_between, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"EXTRACT(EPOCH FROM ({end} - {start}))"


@dataclass(frozen=True)
class OrderFilter:
    """What the orders list shows. Every field empty: all orders."""

    text: str = ""
    """Order number (or its sequence), words of the problem, or the reporter's name."""
    since: date | None = None
    until: date | None = None
    """Reported on these local dates, inclusive."""
    unit_id: uuid.UUID | None = None
    """Community or village."""
    compound_id: uuid.UUID | None = None
    building_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None
    status: str = ""
    """"" any, OPEN, CLOSED, or one OrderStatus value."""
    source: str = ""
    """"" any, or one OrderSource value."""
    overdue_only: bool = False
    """Open longer than the settings' overdue days."""
    repaired_only: bool = False
    """With a repair date (repaired, perhaps checked since): a totals figure's orders."""
    part_kind: str = ""
    """With a part line of this kind (PartKind value): a totals figure's orders."""
    without_campaign: bool = False
    without_building: bool = False
    """Of no campaign / placed at no building (the totals' rows for those)."""


@dataclass(frozen=True)
class OrderSort:
    key: str = "reported_at"
    descending: bool = True


@dataclass(frozen=True)
class OrderRow:
    """One order as the list, the Excel export and the repair ledger show it: the keys of
    REPAIR_ORDER, with the order's id and version and `sort_value` (the page key with id)."""

    id: uuid.UUID
    version: int
    number: str
    reported_at: datetime
    unit_name: str
    compound_name: str
    place: str
    problem: str
    source: str
    reporter_name: str
    reporter_phone: str
    """Masked unless the full view was asked for by a role that may see it (audited)."""
    status: str
    assignee: str
    repaired_at: datetime | None
    days_open: int
    """Whole days from the report to its close (or to now, while open)."""
    overdue: int
    """Days past the overdue limit while open (0: not overdue)."""
    parts: str
    """LED 灯泡 3个、电线 2.5米: the part lines summed by part."""
    cost: Decimal
    """Parts (at the prices they were used at) plus labour."""
    photos: PhotoCell = NO_PHOTOS
    """How many photos, and the first one's thumbnail (the list's 照片)."""
    sort_value: Any = None


def _status_rank() -> Any:
    """The workflow's order (reported → assigned → repaired → checked, then the closed ones)."""
    return case({status.value: rank for rank, status in enumerate(OrderStatus)},
                value=RepairOrder.status, else_=len(OrderStatus))  # fmt: skip


def sort_columns(key: str, now: datetime) -> tuple[Any, ...]:
    """The columns (expressions) of a sort; `now` ends the open orders' days (one value for
    every page of a list, so that its pages continue one another)."""
    if key == "number":
        return (RepairOrder.number,)
    if key == "compound":
        return (Compound.name, RepairOrder.reported_at)
    if key == "status":
        return (_status_rank(), RepairOrder.reported_at)
    if key == "repaired_at":
        return (RepairOrder.repaired_at,)
    if key == "days_open":
        end = func.coalesce(RepairOrder.closed_at, literal(now, UTCDateTime))
        return (seconds_between(RepairOrder.reported_at, end),)
    return (RepairOrder.reported_at,)


SORT_KEYS = ("number", "reported_at", "compound", "status", "repaired_at", "days_open")

_NUMBER = re.compile(r"^[A-Z0-9]{1,4}-?[0-9]*$")


def _search(text: str) -> ColumnElement[bool] | None:
    typed = search_text(text)
    needle = to_halfwidth(typed).strip()
    if not needle:
        return None
    terms: list[ColumnElement[bool]] = [
        RepairOrder.problem.contains(needle, autoescape=True),
        prefix_range(RepairOrder.reporter_name, needle),
    ]
    upper = needle.upper()
    if _NUMBER.match(upper):
        terms.append(prefix_range(RepairOrder.number, upper))
    if needle.isdigit() and len(needle) <= 9:
        terms.append(RepairOrder.seq == int(needle))  # "123": JS7K-000123, on any laptop
    return or_(*terms)


def overdue_before(now: datetime, overdue_days: int) -> datetime:
    """An open order reported at or before this time is overdue (open more than the settings'
    days, in whole days: the same count the order form and the list show)."""
    return now - timedelta(days=overdue_days + 1)


def order_conditions(flt: OrderFilter, overdue_at: datetime) -> list[ColumnElement[bool]]:
    """The WHERE of the orders `flt` selects: the list, its export and the totals read it."""
    conditions: list[ColumnElement[bool]] = [RepairOrder.deleted_at.is_(None)]
    search = _search(flt.text)
    if search is not None:
        conditions.append(search)
    if flt.since is not None:
        conditions.append(RepairOrder.reported_at >= _local_midnight(flt.since))
    if flt.until is not None:
        conditions.append(RepairOrder.reported_at < _local_midnight(flt.until + timedelta(days=1)))
    conditions += place_conditions(RepairOrder, flt)
    open_values = [status.value for status in OPEN_STATUSES]
    if flt.status == OPEN:
        conditions.append(RepairOrder.status.in_(open_values))
    elif flt.status == CLOSED:
        conditions.append(RepairOrder.status.not_in(open_values))
    elif flt.status:
        conditions.append(RepairOrder.status == OrderStatus(flt.status).value)
    if flt.source:
        conditions.append(RepairOrder.source == flt.source)
    if flt.overdue_only:
        conditions.append(RepairOrder.status.in_(open_values))
        conditions.append(RepairOrder.reported_at <= overdue_at)
    if flt.repaired_only:
        conditions.append(RepairOrder.repaired_at.is_not(None))
    if flt.part_kind:
        lines = select(RepairPart.order_id).where(
            RepairPart.part_kind == flt.part_kind, RepairPart.deleted_at.is_(None)
        )
        conditions.append(RepairOrder.id.in_(lines))
    return conditions


class PlaceChoice(Protocol):
    """The place part of a list's filter (OrderFilter, services/cleanups.CleanupFilter)."""

    @property
    def unit_id(self) -> uuid.UUID | None: ...
    @property
    def compound_id(self) -> uuid.UUID | None: ...
    @property
    def building_id(self) -> uuid.UUID | None: ...
    @property
    def campaign_id(self) -> uuid.UUID | None: ...
    @property
    def without_campaign(self) -> bool: ...
    @property
    def without_building(self) -> bool: ...


def place_conditions(model: Any, flt: PlaceChoice) -> list[ColumnElement[bool]]:
    """Where a record of `model` (an order, a clean-up: compound_id, building_id, campaign_id)
    is: one rule for both lists, so the totals' drill-down finds in each what it counted."""
    conditions: list[ColumnElement[bool]] = []
    if flt.unit_id is not None:
        in_unit = select(Compound.id).where(Compound.unit_id == flt.unit_id)
        conditions.append(model.compound_id.in_(in_unit))
    if flt.compound_id is not None:
        conditions.append(model.compound_id == flt.compound_id)
    if flt.building_id is not None:
        conditions.append(model.building_id == flt.building_id)
    if flt.campaign_id is not None:
        conditions.append(model.campaign_id == flt.campaign_id)
    if flt.without_campaign:
        conditions.append(model.campaign_id.is_(None))
    if flt.without_building:
        conditions.append(model.building_id.is_(None))
    return conditions


ROW_COLUMNS = (
    RepairOrder.id,
    RepairOrder.version,
    RepairOrder.number,
    RepairOrder.reported_at,
    Unit.name,
    Compound.name,
    Building.name,
    RepairOrder.unit_no,
    RepairOrder.floor,
    RepairOrder.location_note,
    RepairOrder.problem,
    RepairOrder.source,
    RepairOrder.reporter_name,
    RepairOrder.reporter_phone,
    RepairOrder.status,
    RepairOrder.assignee,
    RepairOrder.repaired_at,
    RepairOrder.closed_at,
    RepairOrder.parts_cost,
    RepairOrder.labour_cost,
)
"""What an OrderRow is read from: plain columns (no ORM objects for a 100,000-row export)."""


def _joined(query: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    return (
        query.join(Compound, Compound.id == RepairOrder.compound_id)
        .join(Unit, Unit.id == Compound.unit_id)
        .outerjoin(Building, Building.id == RepairOrder.building_id)
    )


def orders_query(
    flt: OrderFilter,
    sort: OrderSort,
    after: tuple[Any, uuid.UUID] | None,
    limit: int,
    *,
    now: datetime,
    overdue_at: datetime,
) -> Select[*tuple[Any, ...]]:
    """The SELECT of one page (exposed so the benchmark can time the raw query): the page's ids
    chosen on the order table (with the compound only when sorting by its name), then those rows
    joined to their names."""
    columns = sort_columns(sort.key, now)
    ids = select(RepairOrder.id).where(*order_conditions(flt, overdue_at))
    if sort.key == "compound":
        ids = ids.join(Compound, Compound.id == RepairOrder.compound_id)
    keys = keyset_page(ids, columns, RepairOrder.id, sort.descending, after, limit).subquery()
    query = select(*ROW_COLUMNS, *columns).select_from(keys)
    query = _joined(query.join(RepairOrder, RepairOrder.id == keys.c.id))
    return query.order_by(*order_terms(columns, RepairOrder.id, sort.descending))


def parts_texts(session: Session, order_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Each order's parts summed by part (LED 灯泡 3个、电线 2.5米), in one grouped query."""
    if not order_ids:
        return {}
    first = func.min(RepairPart.created_at)
    rows = session.execute(
        select(RepairPart.order_id, RepairPart.part_name, RepairPart.unit,
               func.sum(RepairPart.quantity), first)
        .where(RepairPart.order_id.in_(order_ids), RepairPart.deleted_at.is_(None))
        .group_by(RepairPart.order_id, RepairPart.part_name, RepairPart.unit)
        .order_by(RepairPart.order_id, first)
    )  # fmt: skip
    texts: dict[uuid.UUID, list[str]] = {}
    for order_id, name, unit, quantity, _first in rows:
        amount = quantity_text(Decimal(str(quantity)))
        texts.setdefault(order_id, []).append(f"{name} {amount}{unit}")
    return {order_id: "、".join(parts) for order_id, parts in texts.items()}


def _row(
    values: Sequence[Any],
    parts: dict[uuid.UUID, str],
    full: bool,
    now: datetime,
    overdue_days: int,
    sort_width: int,
    cells: dict[uuid.UUID, PhotoCell],
) -> OrderRow:
    (order_id, version, number, reported_at, unit_name, compound_name, building, unit_no,
     floor, note, problem, source, reporter, phone, status, assignee, repaired_at, closed_at,
     parts_cost, labour_cost) = values[: len(ROW_COLUMNS)]  # fmt: skip
    days_open = max(0, ((closed_at or now) - reported_at).days)
    is_open = OrderStatus(status).is_open
    sort_value = trailing_sort_value(values, sort_width)
    return OrderRow(
        id=order_id,
        version=version,
        number=number,
        reported_at=reported_at,
        unit_name=unit_name,
        compound_name=compound_name,
        place=place_text(building or "", unit_no, floor, note),
        problem=problem,
        source=source,
        reporter_name=reporter,
        reporter_phone=phone if full else mask_phone(phone),
        status=status,
        assignee=assignee,
        repaired_at=repaired_at,
        days_open=days_open,
        overdue=max(0, days_open - overdue_days) if is_open else 0,
        parts=parts.get(order_id, ""),
        cost=(parts_cost or Decimal("0")) + (labour_cost or Decimal("0")),
        photos=cells.get(order_id, NO_PHOTOS),
        sort_value=sort_value,
    )


def orders_page(
    context: AppContext,
    flt: OrderFilter,
    sort: OrderSort = OrderSort(),
    after: tuple[Any, uuid.UUID] | None = None,
    limit: int = PAGE_SIZE,
    *,
    full: bool = False,
    now: datetime | None = None,
) -> list[OrderRow]:
    """One page of orders after `after` (the last row's (sort_value, id)). `now`: when the
    list was asked for (every page of one list passes the same); phones masked unless `full`
    is asked by a role that may see them, which is audited."""
    context.require(Permission.VIEW_REPAIRS)
    show_full = require_full_view(context, full)
    now = now or context.clock.now()
    width = len(sort_columns(sort.key, now))
    with context.reading() as session:
        overdue_days = repair_settings_in(session).overdue_days
        overdue_at = overdue_before(now, overdue_days)
        rows = session.execute(
            orders_query(flt, sort, after, limit, now=now, overdue_at=overdue_at)
        ).all()
        ids = [row[0] for row in rows]
        parts = parts_texts(session, ids)
        cells = photo_cells(session, photo_folder(context), TABLE, ids)
        result = [_row(row, parts, show_full, now, overdue_days, width, cells) for row in rows]
    if show_full and result:
        record_full_view(context, f"查看报修单列表完整电话（{len(result)} 条）", table_name=TABLE)
    return result


def count_orders(context: AppContext, flt: OrderFilter) -> int:
    context.require(Permission.VIEW_REPAIRS)
    with context.reading() as session:
        overdue_days = repair_settings_in(session).overdue_days
        overdue_at = overdue_before(context.clock.now(), overdue_days)
        query = select(func.count(RepairOrder.id)).where(*order_conditions(flt, overdue_at))
        return session.scalar(query) or 0


def iter_orders(
    context: AppContext,
    flt: OrderFilter,
    sort: OrderSort = OrderSort("reported_at", descending=False),
    *,
    full: bool = False,
) -> Iterator[OrderRow]:
    """Every order the filter selects, in this order (oldest first for a ledger), streamed a
    thousand at a time. The rights are checked (and a full view audited) when called."""
    context.require(Permission.VIEW_REPAIRS)
    full = grant_full_view(context, full, "读取报修单的完整电话", table_name=TABLE)
    return _stream(context, flt, sort, full)


def _stream(
    context: AppContext, flt: OrderFilter, sort: OrderSort, full: bool
) -> Iterator[OrderRow]:
    now = context.clock.now()
    overdue_days = repair_settings(context).overdue_days
    overdue_at = overdue_before(now, overdue_days)
    columns = sort_columns(sort.key, now)
    query = (
        _joined(select(*ROW_COLUMNS).where(*order_conditions(flt, overdue_at)))
        .order_by(*order_terms(columns, RepairOrder.id, sort.descending))
        .execution_options(yield_per=STREAM_BATCH)
    )
    with context.reading() as session, context.reading() as lookups:
        for batch in session.execute(query).partitions(STREAM_BATCH):
            ids = [row[0] for row in batch]
            parts = parts_texts(lookups, ids)
            cells = photo_cells(lookups, None, TABLE, ids)  # the sheet's count: no thumbnails
            for values in batch:
                yield _row(values, parts, full, now, overdue_days, 0, cells)
