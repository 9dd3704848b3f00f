"""The visits and people lists: searched, filtered and sorted in the database, paged by key.

A million visits never come into Python at once: each page is one indexed query that continues
after the last row shown (keyset paging), so page 5,000 costs what page 1 costs.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, make_dataclass, replace
from dataclasses import field as dc_field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from jinsha_desktop.db.reference_models import Building, Checkpoint, Compound, Unit
from jinsha_desktop.db.registration_models import Person, Visit
from jinsha_desktop.domain.masking import mask_id_number, mask_phone
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.text import search_text, to_halfwidth
from jinsha_desktop.domain.visit import VISIT
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.paging import (
    keyset_page,
    order_terms,
    sort_value_of,
    trailing_sort_value,
)
from jinsha_desktop.services.personal_data import (
    grant_full_view,
    record_full_view,
    require_full_view,
)

PAGE_SIZE = 200


def prefix_range(column: Any, prefix: str) -> ColumnElement[bool]:
    """`column LIKE 'prefix%'` written as a range, which uses the index on every database
    (SQLite's case-insensitive LIKE does not; see BASELINES.md)."""
    return and_(column >= prefix, column < prefix + "\U0010ffff")


def starts_with_unindexed(column: Any, prefix: str) -> ColumnElement[bool]:
    """`column` starts with `prefix`, written so that no index can serve it: the planner then
    reads the index of the ORDER BY and stops after one page (see BROAD_SEARCH)."""
    return func.substr(column, 1, len(prefix)) == prefix


BROAD_SEARCH = 10_000
"""A search matching at least this many visits ("王": a surname of 7 % of people; "32": every
Jiangsu ID number) reads the sort index in order and tests each visit, which stops after one
page, instead of sorting every match (300 ms for "王", seconds for "32" on a million visits).
Below it the search indexes are faster. The two costs cross near sqrt(page x visits):
about 14,000 matches for a million visits."""

_DIGITS = re.compile(r"^[0-9]+[Xx]?$")


def search_condition(text: str, *, indexed: bool = True) -> ColumnElement[bool] | None:
    """One search box for document number, phone, name or plate: each by prefix (by indexed
    range unless `indexed` is False, for a broad search)."""
    typed = search_text(text)
    needle = to_halfwidth(typed).replace(" ", "")
    if not needle:
        return None
    prefix = prefix_range if indexed else starts_with_unindexed
    terms: list[ColumnElement[bool]] = []
    if _DIGITS.match(needle):
        terms.append(prefix(Visit.document_number, needle.upper()))
        if needle.isdigit() and len(needle) <= 11:
            terms.append(prefix(Visit.phone, needle))
    else:
        terms.append(prefix(Visit.person_name, typed))
        terms.append(prefix(Visit.plate, needle.upper()))
        terms.append(prefix(Visit.document_number, needle.upper()))
    return or_(*terms)


def is_broad_search(session: Session, text: str) -> bool:
    """Whether the search box matches at least BROAD_SEARCH visits (counted on the search
    indexes, never more than BROAD_SEARCH entries read: ~1 ms)."""
    condition = search_condition(text)
    if condition is None:
        return False
    matches = select(Visit.id).where(condition).limit(BROAD_SEARCH).subquery()
    return (session.scalar(select(func.count()).select_from(matches)) or 0) >= BROAD_SEARCH


@dataclass(frozen=True)
class VisitFilter:
    text: str = ""
    since: date | None = None
    until: date | None = None
    """Inclusive local dates."""
    checkpoint_id: uuid.UUID | None = None
    flagged: bool | None = None
    health_code: str = ""


SORTS: dict[str, tuple[Any, ...]] = {
    "visited_at": (Visit.visited_at,),
    # Pinyin order (domain/pinyin.py), and one name's visits by time.
    "person_name": (Visit.person_name_sort, Visit.visited_at),
    "document_number": (Visit.document_number,),
    "phone": (Visit.phone,),
    "plate": (Visit.plate,),
    "origin": (Visit.origin,),
    "health_code": (Visit.health_code,),
    "direction": (Visit.direction,),
}


@dataclass(frozen=True)
class VisitSort:
    key: str = "visited_at"
    descending: bool = True


def json_list(text: str | None) -> list[Any]:
    """A visit's JSON list column (route, flag reasons); most are empty, and json.loads costs
    more than the check."""
    if not text or text == "[]":
        return []
    value = json.loads(text)
    return value if isinstance(value, list) else []


def flag_reason_text(flag_reasons: str | None) -> str:
    """The reasons a visit was flagged, as one line."""
    return "；".join(str(item.get("reason", "")) for item in json_list(flag_reasons))


def destination_text(
    unit: str | None, compound: str | None, building: str | None, door: str, address: str
) -> str:
    """Where a visitor was going, as written on a ledger: 北山社区北山新村1幢302室，free text."""
    place = "".join(part for part in (unit, compound, building) if part)
    if door:
        place += f"{door}室"
    return "，".join(part for part in (place, address) if part)


def _same(value: Any) -> Any:
    return value


_BUILDING = aliased(Building)
READ_FROM: dict[str, Any] = {
    "checkpoint": func.coalesce(Checkpoint.name, ""),
    "gender": func.coalesce(Person.gender, ""),
}
"""VISIT's derived keys read as one column of another table (a visit's checkpoint is gone only
if deleted outside the program; its person's gender may be unknown)."""
READ_AS: dict[str, tuple[tuple[Any, ...], Callable[..., Any]]] = {
    "destination": (
        (
            Unit.name,
            Compound.name,
            _BUILDING.name,
            Visit.destination_door,
            Visit.destination_address,
        ),
        destination_text,
    ),
    "route": ((Visit.route,), json_list),
    "flag_reasons": ((Visit.flag_reasons,), flag_reason_text),
}
"""VISIT's keys made in Python, each from these columns by this function (the destination as
one text, the JSON lists). Every other key VISIT shows is the Visit column of that name (or
READ_FROM's), read as stored: a field added to VISIT and the model needs nothing here."""
MASKED: dict[str, Callable[[str], str]] = {
    "document_number": mask_id_number,
    "phone": mask_phone,
}
"""Columns masked unless the caller may see them in full (and has had that audited)."""

ROW_KEYS = tuple(f.key for f in VISIT.fields if f.places or f.ledger is not None)
"""What a row holds: every key VISIT shows in the list, the sheet or the ledger."""
_PLAIN = tuple(k for k in ROW_KEYS if k not in READ_AS and k not in MASKED)
"""Read as the query returns them, in this order after id and version."""
_WORKED_OUT = tuple(k for k in ROW_KEYS if k in READ_AS or k in MASKED)

# A plain slotted dataclass of VISIT's keys, made once: an export builds one per visit, and this
# costs what the hand-written one did (a frozen dataclass costs twice as much to build).
_RowValues: Any = make_dataclass(
    "VisitRow",
    ["id", "version", *_PLAIN, *_WORKED_OUT, ("sort_value", Any, dc_field(default=None))],
    slots=True,
)


class VisitRow(_RowValues):  # type: ignore[misc]  # the keys are VISIT's: Any to the type checker
    """One visit as the list, the Excel export and the ledgers show it: its attributes are the
    keys VISIT shows (ROW_KEYS, domain/visit.py), with the visit's id and version, and
    `sort_value`: the value of the list's sort column(s), the page key together with id (None
    for a row streamed to an export or a ledger, which does not page)."""

    __slots__ = ()
    id: uuid.UUID
    version: int
    sort_value: Any


def _read_as(key: str, unmasked: bool) -> tuple[tuple[Any, ...], Callable[..., Any]]:
    """The columns a worked-out key is read from, and the function making its value."""
    if key in READ_AS:
        return READ_AS[key]
    return (getattr(Visit, key),), _same if unmasked else MASKED[key]


_PLAIN_END = 2 + len(_PLAIN)
ROW_COLUMNS = (
    Visit.id,
    Visit.version,
    *(READ_FROM[key] if key in READ_FROM else getattr(Visit, key) for key in _PLAIN),
    *(column for key in _WORKED_OUT for column in _read_as(key, True)[0]),
)
"""What a VisitRow is read from: plain columns, not Visit objects (a 100,000-row export would
build as many ORM objects only to read a few strings from each)."""


def _makers(unmasked: bool) -> tuple[tuple[Callable[..., Any], int, int], ...]:
    """Per worked-out key, in the row's order: its function and the span of ROW_COLUMNS it
    reads."""
    makers = []
    start = _PLAIN_END
    for key in _WORKED_OUT:
        columns, make = _read_as(key, unmasked)
        makers.append((make, start, start + len(columns)))
        start += len(columns)
    return tuple(makers)


_MADE = {unmasked: _makers(unmasked) for unmasked in (False, True)}


def visit_rows_query(*sort_columns: Any, keys: Subquery | None = None) -> Select[*tuple[Any, ...]]:
    """The SELECT of VisitRow columns (then `sort_columns`, the page key), without conditions;
    with `keys`, only the visits whose ids it selects (a page), looked up by key. Outer joins
    throughout: SQLite keeps them in this order, so the visits are read first and a person or
    place looked up by key per visit."""
    query = select(*ROW_COLUMNS, *sort_columns)
    if keys is not None:
        query = query.select_from(keys).join(Visit, Visit.id == keys.c.id)
    return (
        query.outerjoin(Checkpoint, Checkpoint.id == Visit.checkpoint_id)
        .outerjoin(Person, Person.id == Visit.person_id)
        .outerjoin(Unit, Unit.id == Visit.destination_unit_id)
        .outerjoin(Compound, Compound.id == Visit.destination_compound_id)
        .outerjoin(_BUILDING, _BUILDING.id == Visit.destination_building_id)
    )


def visit_row(values: Sequence[Any], unmasked: bool, sort_width: int = 0) -> VisitRow:
    """A VisitRow from one result row of visit_rows_query, masked unless `unmasked` (the caller
    has checked and audited the full view); the last `sort_width` values are its sort value."""
    sort_value = trailing_sort_value(values, sort_width)
    return VisitRow(
        *values[:_PLAIN_END],
        *[make(*values[start:stop]) for make, start, stop in _MADE[unmasked]],
        sort_value,
    )


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=datetime.now().astimezone().tzinfo)


def _conditions(flt: VisitFilter, broad: bool) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Visit.deleted_at.is_(None)]
    search = search_condition(flt.text, indexed=not broad)
    if search is not None:
        conditions.append(search)
    if flt.since is not None:
        conditions.append(Visit.visited_at >= _local_midnight(flt.since))
    if flt.until is not None:
        conditions.append(Visit.visited_at < _local_midnight(flt.until + timedelta(days=1)))
    if flt.checkpoint_id is not None:
        conditions.append(Visit.checkpoint_id == flt.checkpoint_id)
    if flt.flagged is not None:
        conditions.append(Visit.flagged.is_(flt.flagged))
    if flt.health_code:
        conditions.append(Visit.health_code == flt.health_code)
    return conditions


def visits_query(
    flt: VisitFilter,
    sort: VisitSort,
    after: tuple[Any, uuid.UUID] | None,
    limit: int = PAGE_SIZE,
    *,
    broad: bool = False,
) -> Any:
    """The SELECT for one page (exposed so the benchmark can time the raw query); `broad`:
    the search matches many visits (is_broad_search), so it is not read by its indexes.

    The page's ids are chosen on the visit table alone, then only those rows are joined: a
    search whose matches must be sorted before the limit (a red health code over all dates)
    would otherwise carry every match's person and places into the sort."""
    columns = SORTS.get(sort.key, SORTS["visited_at"])
    ids = select(Visit.id).where(*_conditions(flt, broad))
    keys = keyset_page(ids, columns, Visit.id, sort.descending, after, limit).subquery("page")
    return visit_rows_query(*columns, keys=keys).order_by(
        *order_terms(columns, Visit.id, sort.descending)
    )


def visits_page(
    context: AppContext,
    flt: VisitFilter,
    sort: VisitSort = VisitSort(),
    after: tuple[Any, uuid.UUID] | None = None,
    limit: int = PAGE_SIZE,
    *,
    full: bool = False,
) -> list[VisitRow]:
    """One page of visits after `after` (the last row's (sort_value, id)); masked unless `full`
    is asked (refused to a role that may not see full numbers), which is audited."""
    context.require(Permission.VIEW_RECORDS)
    show_full = require_full_view(context, full)
    width = len(SORTS.get(sort.key, SORTS["visited_at"]))
    with context.reading() as session:
        broad = is_broad_search(session, flt.text)
        rows = session.execute(visits_query(flt, sort, after, limit, broad=broad)).all()
        result = [visit_row(row, show_full, width) for row in rows]
    if show_full and result:
        record_full_view(context, f"查看登记列表完整信息（{len(result)} 条）", table_name="visit")
    return result


# ---------------------------------------------------------------- people


@dataclass(frozen=True)
class PersonRow:
    id: uuid.UUID
    version: int
    name: str
    document_type: str
    document_number: str
    gender: str
    birth_date: date | None
    phone: str
    address: str
    last_visit_at: datetime | None
    sort_value: Any


PERSON_SORTS: dict[str, tuple[Any, ...]] = {
    "name": (Person.name_sort,),  # pinyin order (domain/pinyin.py)
    "document_number": (Person.document_number,),
    "phone": (Person.phone,),
    "last_visit_at": (Person.last_visit_at,),
}


def people_page(
    context: AppContext,
    text: str = "",
    sort_key: str = "last_visit_at",
    descending: bool = True,
    after: tuple[Any, uuid.UUID] | None = None,
    limit: int = PAGE_SIZE,
) -> list[PersonRow]:
    """One page of people, searched by document number, phone or name prefix (always masked;
    full view of one person goes through lookup_person)."""
    context.require(Permission.VIEW_RECORDS)
    columns = PERSON_SORTS.get(sort_key, PERSON_SORTS["last_visit_at"])
    query = select(Person).where(*_people_conditions(text))
    with context.reading() as session:
        people = session.scalars(keyset_page(query, columns, Person.id, descending, after, limit))
        return [_person_row(p, columns) for p in people]


def _people_conditions(text: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Person.deleted_at.is_(None)]
    typed = search_text(text)
    needle = to_halfwidth(typed).replace(" ", "")
    if needle:
        if _DIGITS.match(needle):
            conditions.append(
                or_(
                    prefix_range(Person.document_number, needle.upper()),
                    prefix_range(Person.phone, needle),
                )
            )
        else:
            conditions.append(prefix_range(Person.name, typed))
    return conditions


def iter_people(
    context: AppContext,
    text: str = "",
    sort_key: str = "last_visit_at",
    descending: bool = True,
    *,
    full: bool = False,
) -> Iterator[PersonRow]:
    """Every person the search selects, in the list's order, streamed (for an export); masked
    unless `full` is asked by a role that may see it (checked and audited when called)."""
    context.require(Permission.VIEW_RECORDS)
    conditions = _people_conditions(text)  # bad search text refused now, not at the first row
    full = grant_full_view(context, full, "读取人员名单的完整信息", table_name="person")
    return _stream_people(context, conditions, sort_key, descending, full)


def _stream_people(
    context: AppContext,
    conditions: list[ColumnElement[bool]],
    sort_key: str,
    descending: bool,
    full: bool,
) -> Iterator[PersonRow]:
    columns = PERSON_SORTS.get(sort_key, PERSON_SORTS["last_visit_at"])
    order = order_terms(columns, Person.id, descending)
    stmt = select(Person).where(*conditions).order_by(*order).execution_options(yield_per=1_000)
    with context.reading() as session:
        for person in session.scalars(stmt):
            row = _person_row(person, columns)
            if full:
                row = replace(row, document_number=person.document_number, phone=person.phone)
            yield row


def count_people(context: AppContext, text: str = "") -> int:
    context.require(Permission.VIEW_RECORDS)
    with context.reading() as session:
        return session.scalar(select(func.count(Person.id)).where(*_people_conditions(text))) or 0


def _person_row(person: Person, columns: tuple[Any, ...]) -> PersonRow:
    return PersonRow(
        person.id,
        person.version,
        person.name,
        person.document_type,
        mask_id_number(person.document_number),
        person.gender,
        person.birth_date,
        mask_phone(person.phone),
        person.address,
        person.last_visit_at,
        sort_value_of(person, columns),
    )
