"""Clean-up actions (整治): record, edit, soft-delete with a reason, and the list.

Each write is one unit of work: the clean-up and its before/after photo links together
(services/photos.py), so a refused input or a failed write leaves nothing half-saved. The list
is read like the visits list: filtered and sorted in the database, a page at a time by key
(services/paging.py), each row carrying the keys of the CLEANUP declaration.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, func, or_, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.reference_models import Building, Compound, Unit
from jinsha_desktop.db.repair_models import Cleanup, CleanupCategory, SurveyCampaign
from jinsha_desktop.domain.cleanups import CleanupInput
from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.fields import NO_PHOTOS, PhotoCell
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repair_kinds import participants_text, place_text
from jinsha_desktop.domain.repairs import Group
from jinsha_desktop.services import photos
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.editing import delete_with_reason, load_for_edit, set_changed
from jinsha_desktop.services.paging import keyset_page, order_terms, trailing_sort_value
from jinsha_desktop.services.registration import today_of
from jinsha_desktop.services.repair_lists import place_conditions

TABLE = Cleanup.__tablename__
WHAT = "这条整治记录"
PAGE_SIZE = 200
_GROUPS = tuple(group.value for group in Group)


# ---------------------------------------------------------------- writing


@dataclass(frozen=True)
class CleanupEntry:
    """One clean-up to record, with the photos taken before and after (already stored)."""

    data: CleanupInput
    photos_before: Sequence[photos.StoredPhoto] = ()
    photos_after: Sequence[photos.StoredPhoto] = ()


def record_cleanup(
    context: AppContext,
    data: CleanupInput,
    *,
    photos_before: Sequence[photos.StoredPhoto] = (),
    photos_after: Sequence[photos.StoredPhoto] = (),
) -> uuid.UUID:
    """A new clean-up with its photos; FormErrors/ValidationError (Chinese) and nothing saved
    when the input breaks a rule."""
    return record_cleanups(context, [CleanupEntry(data, photos_before, photos_after)])[0]


def record_cleanups(context: AppContext, entries: Sequence[CleanupEntry]) -> list[uuid.UUID]:
    """Several clean-ups in one unit of work (a day's sheet, the demo data): all or none."""
    context.require(Permission.LOG_REPAIRS)
    today = today_of(context)
    cleaned = [entry.data.cleaned(today) for entry in entries]
    ids = []
    with context.uow() as session:
        for entry, data in zip(entries, cleaned, strict=True):
            _check_references(session, data)
            record = Cleanup(**_columns(data))
            session.add(record)
            session.flush()
            _link(session, record.id, entry.photos_before, entry.photos_after)
            ids.append(record.id)
    return ids


def update_cleanup(
    context: AppContext,
    cleanup_id: uuid.UUID,
    data: CleanupInput,
    version: int,
    *,
    photos_before: Sequence[photos.StoredPhoto] = (),
    photos_after: Sequence[photos.StoredPhoto] = (),
) -> None:
    """Correct a clean-up and add photos; the photos it has stay (a photo is removed on its
    own, services/photos.unlink_photo)."""
    context.require(Permission.LOG_REPAIRS)
    clean = data.cleaned(today_of(context))
    with context.uow() as session:
        record = load_for_edit(session, Cleanup, cleanup_id, version, WHAT)
        _check_references(session, clean)
        set_changed(record, _columns(clean))
        _link(session, record.id, photos_before, photos_after)


def delete_cleanup(
    context: AppContext, cleanup_id: uuid.UUID, reason: str, version: int | None = None
) -> None:
    """Soft-delete with a reason: kept (and its photos) but out of lists, ledgers and totals."""
    context.require(Permission.LOG_REPAIRS)
    delete_with_reason(context, Cleanup, cleanup_id, version, WHAT, reason)


def _columns(data: CleanupInput) -> dict[str, Any]:
    return {
        "category_id": data.category_id,
        "compound_id": data.compound_id,
        "building_id": data.building_id,
        "campaign_id": data.campaign_id,
        "place": data.place,
        "count": data.count,
        "done_on": data.done_on,
        "note": data.note,
        **{key: getattr(data, key) for key in _GROUPS},
    }


def _link(
    session: Session,
    record_id: uuid.UUID,
    before: Sequence[photos.StoredPhoto],
    after: Sequence[photos.StoredPhoto],
) -> None:
    if before:
        photos.link_photos(session, TABLE, record_id, before, "before")
    if after:
        photos.link_photos(session, TABLE, record_id, after, "after")


def _active(session: Session, model: Any, record_id: uuid.UUID | None) -> Any:
    record = session.get(model, record_id) if record_id is not None else None
    return None if record is None or record.deleted_at is not None else record


def _check_references(session: Session, data: CleanupInput) -> None:
    """The category, compound, building and campaign exist (and the building is the
    compound's): a choice deleted meanwhile is refused, never saved dangling."""
    if _active(session, CleanupCategory, data.category_id) is None:
        raise ValidationError("找不到这个整治类别，可能已被删除，请重新选择。", "category_id")
    if _active(session, Compound, data.compound_id) is None:
        raise ValidationError("找不到这个小区，可能已被删除，请重新选择。", "compound_id")
    if data.building_id is not None:
        building = _active(session, Building, data.building_id)
        if building is None or building.compound_id != data.compound_id:
            raise ValidationError("请在这个小区的楼栋中选择。", "building_id")
    if data.campaign_id is not None and _active(session, SurveyCampaign, data.campaign_id) is None:
        raise ValidationError("找不到这个排查活动，可能已被删除。", "campaign_id")


# ---------------------------------------------------------------- reading one


@dataclass(frozen=True)
class CleanupForEdit:
    """A saved clean-up as the form opens it."""

    data: CleanupInput
    version: int
    unit_id: uuid.UUID
    photos: list[photos.LinkedPhoto]


def cleanup_for_edit(context: AppContext, cleanup_id: uuid.UUID) -> CleanupForEdit:
    context.require(Permission.VIEW_REPAIRS)
    folder = photos.photo_folder(context)
    with context.reading() as session:
        record = load_for_edit(session, Cleanup, cleanup_id, None, WHAT)
        data = CleanupInput(
            category_id=record.category_id,
            compound_id=record.compound_id,
            count=record.count,
            done_on=record.done_on,
            building_id=record.building_id,
            campaign_id=record.campaign_id,
            place=record.place,
            note=record.note,
            **{key: getattr(record, key) for key in _GROUPS},
        )
        compound = session.get(Compound, record.compound_id)
        assert compound is not None  # a foreign key
        linked = photos.photos_of(session, folder, TABLE, record.id)
        return CleanupForEdit(data, record.version, compound.unit_id, linked)


# ---------------------------------------------------------------- the list


@dataclass(frozen=True)
class CleanupFilter:
    text: str = ""
    """Part of the place, note, compound or category."""
    since: date | None = None
    until: date | None = None
    """Inclusive dates of the clean-up."""
    unit_id: uuid.UUID | None = None
    compound_id: uuid.UUID | None = None
    category_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None
    building_id: uuid.UUID | None = None
    without_campaign: bool = False
    without_building: bool = False
    """Of no campaign / at no building (the totals' rows for those)."""


SORTS: dict[str, tuple[Any, ...]] = {
    "done_on": (Cleanup.done_on,),
    "compound": (Compound.name, Cleanup.done_on),
    "category": (CleanupCategory.sort_order, CleanupCategory.name, Cleanup.done_on),
    "count": (Cleanup.count,),
}
"""CLEANUP's sort names (domain/repair_kinds.py) → the columns, then the id."""


@dataclass(frozen=True)
class CleanupSort:
    key: str = "done_on"
    descending: bool = True


@dataclass(frozen=True, slots=True)
class CleanupRow:
    """One clean-up as the list, the Excel export and the ledger show it: the CLEANUP keys,
    the head counts per group, and `sort_value` (the page key with the id)."""

    id: uuid.UUID
    version: int
    done_on: date
    unit_name: str
    compound_name: str
    place: str
    category: str
    count: int
    unit: str
    cadres: int
    urban_officers: int
    property_staff: int
    volunteers: int
    photos: PhotoCell
    """How many photos, and the first one's thumbnail (services/photos.photo_cells)."""
    note: str
    sort_value: Any = None

    @property
    def participants(self) -> str:
        return participants_text(self)

    @property
    def people(self) -> int:
        """Everyone who took part."""
        return self.cadres + self.urban_officers + self.property_staff + self.volunteers


_COLUMNS = (
    Cleanup.id,
    Cleanup.version,
    Cleanup.done_on,
    Unit.name,
    Compound.name,
    Building.name,
    Cleanup.place,
    CleanupCategory.name,
    Cleanup.count,
    CleanupCategory.unit,
    *(getattr(Cleanup, key) for key in _GROUPS),
    Cleanup.note,
)


def _rows_query(*sort_columns: Any, keys: Subquery | None = None) -> Select[Any]:
    """The SELECT of CleanupRow values (then `sort_columns`, the page key); with `keys`, only
    the clean-ups whose ids it selects (a page), read first and looked up by key."""
    query = select(*_COLUMNS, *sort_columns)
    if keys is None:
        query = query.select_from(Cleanup)
    else:
        query = query.select_from(keys).join(Cleanup, Cleanup.id == keys.c.id)
    return (
        query.join(Compound, Compound.id == Cleanup.compound_id)
        .join(Unit, Unit.id == Compound.unit_id)
        .join(CleanupCategory, CleanupCategory.id == Cleanup.category_id)
        .outerjoin(Building, Building.id == Cleanup.building_id)
    )


def _row(
    values: Sequence[Any], cells: dict[uuid.UUID, PhotoCell], sort_width: int = 0
) -> CleanupRow:
    (row_id, version, done_on, unit, compound, building, place, category, count, measure) = values[
        :10
    ]
    heads = dict(zip(_GROUPS, values[10:14], strict=True))
    note = values[14]
    sort_value = trailing_sort_value(values, sort_width)
    return CleanupRow(
        id=row_id,
        version=version,
        done_on=done_on,
        unit_name=unit,
        compound_name=compound,
        place=place_text(building or "", None, None, place),
        category=category,
        count=count,
        unit=measure,
        photos=cells.get(row_id, NO_PHOTOS),
        note=note,
        sort_value=sort_value,
        **heads,
    )


def cleanup_conditions(flt: CleanupFilter) -> list[ColumnElement[bool]]:
    """The list's WHERE for `flt`. Without search text it reads the clean-up table alone (the
    totals group that table without joins); the search text needs the list's joins (compound,
    category, building: `_rows_query`)."""
    conditions: list[ColumnElement[bool]] = [Cleanup.deleted_at.is_(None)]
    if flt.since is not None:
        conditions.append(Cleanup.done_on >= flt.since)
    if flt.until is not None:
        conditions.append(Cleanup.done_on <= flt.until)
    conditions += place_conditions(Cleanup, flt)
    if flt.category_id is not None:
        conditions.append(Cleanup.category_id == flt.category_id)
    text = flt.text.strip()
    if text:
        pattern = f"%{text}%"
        conditions.append(
            or_(
                Cleanup.place.like(pattern),
                Cleanup.note.like(pattern),
                Compound.name.like(pattern),
                CleanupCategory.name.like(pattern),
                Building.name.like(pattern),
            )
        )
    return conditions


def cleanups_page(
    context: AppContext,
    flt: CleanupFilter = CleanupFilter(),
    sort: CleanupSort = CleanupSort(),
    after: tuple[Any, uuid.UUID] | None = None,
    limit: int = PAGE_SIZE,
) -> list[CleanupRow]:
    """One page of the list: the rows after `after` (the last row shown: its sort value and
    id) in the sort's order."""
    context.require(Permission.VIEW_REPAIRS)
    columns = SORTS.get(sort.key, SORTS["done_on"])
    query = page_query(flt, sort, after, limit)
    with context.reading() as session:
        rows = session.execute(query).all()
        ids = [values[0] for values in rows]
        cells = photos.photo_cells(session, photos.photo_folder(context), TABLE, ids)
        return [_row(values, cells, len(columns)) for values in rows]


def page_query(
    flt: CleanupFilter, sort: CleanupSort, after: tuple[Any, uuid.UUID] | None, limit: int
) -> Select[Any]:
    """The SELECT of one page. A sort on the clean-up's own columns (date, count) chooses the
    page's ids on the clean-up table first and reads only those rows whole: otherwise every
    clean-up's photo count and names go into the sort (count, 50,000 clean-ups: 150 ms a page
    before, 22 ms after). A sort by compound or category joins those tables either way, and
    SQLite plans the single query better (measured both ways: README, issue 13)."""
    columns = SORTS.get(sort.key, SORTS["done_on"])
    if any(getattr(column, "class_", None) is not Cleanup for column in columns):
        whole = _rows_query(*columns).where(*cleanup_conditions(flt))
        return keyset_page(whole, columns, Cleanup.id, sort.descending, after, limit)
    ids = keyset_page(
        _matching(flt, Cleanup.id), columns, Cleanup.id, sort.descending, after, limit
    )
    return _rows_query(*columns, keys=ids.subquery("page")).order_by(
        *order_terms(columns, Cleanup.id, sort.descending)
    )


def _matching(flt: CleanupFilter, *columns: Any) -> Select[Any]:
    """SELECT `columns` of the clean-ups `flt` selects, on the clean-up table alone unless the
    search text reads the compound, category and building names."""
    query = select(*columns).select_from(Cleanup)
    if flt.text.strip():
        query = (
            query.join(Compound, Compound.id == Cleanup.compound_id)
            .join(CleanupCategory, CleanupCategory.id == Cleanup.category_id)
            .outerjoin(Building, Building.id == Cleanup.building_id)
        )
    return query.where(*cleanup_conditions(flt))


def iter_cleanups(
    context: AppContext, flt: CleanupFilter = CleanupFilter(), sort: CleanupSort = CleanupSort()
) -> Iterator[CleanupRow]:
    """Every clean-up the filter selects, in the list's order, streamed (an export, a ledger)."""
    context.require(Permission.VIEW_REPAIRS)
    columns = SORTS.get(sort.key, SORTS["done_on"])
    query = (
        _rows_query()
        .where(*cleanup_conditions(flt))
        .order_by(*order_terms(columns, Cleanup.id, sort.descending))
        .execution_options(yield_per=1_000)
    )

    def rows() -> Iterator[CleanupRow]:
        with context.reading() as session, context.reading() as lookups:
            for batch in session.execute(query).partitions(1_000):
                # the sheet's photo count, a query per thousand rows (no thumbnails)
                cells = photos.photo_cells(lookups, None, TABLE, [values[0] for values in batch])
                for values in batch:
                    yield _row(values, cells)

    return rows()


def count_cleanups(context: AppContext, flt: CleanupFilter = CleanupFilter()) -> int:
    context.require(Permission.VIEW_REPAIRS)
    query = _matching(flt, func.count(Cleanup.id))
    with context.reading() as session:
        return session.scalar(query) or 0
