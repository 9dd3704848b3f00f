"""Photos attached to records of any module: one store, one row per photo, links per record.

A photo is stored once (services/photo_files.py) and has one `Photo` row per hash; a record
names it through a `PhotoLink` (record table, record id, role). Editing a record never touches
its links; only an explicit remove soft-deletes a link, and never the file.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from jinsha_desktop import paths
from jinsha_desktop.db.repair_models import Photo, PhotoLink
from jinsha_desktop.domain.errors import NotFound, ValidationError
from jinsha_desktop.domain.fields import PhotoCell
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.photo_files import (
    MAX_BYTES,
    StoredPhoto,
    ensure_thumbnail,
    original_path,
    store_photo,
    store_photos,
    thumbnail_path,
)

__all__ = [
    "MAX_BYTES",
    "PHOTO_ROLES",
    "LinkedPhoto",
    "StoredPhoto",
    "has_photo",
    "link_photos",
    "missing_message",
    "photo_cells",
    "photo_folder",
    "record_photos",
    "photos_of",
    "store_photo",
    "store_photos",
    "unlink_photo",
]

PHOTO_ROLES = ("before", "after", "finding", "rectified")
"""before / after (repairs, clean-ups); finding / rectified (inspections)."""
ROLE_LABELS = {"before": "维修前", "after": "维修后", "finding": "问题", "rectified": "整改后"}

RECORD_PERMISSIONS: dict[str, Permission] = {
    "repair_order": Permission.LOG_REPAIRS,
    "cleanup": Permission.LOG_REPAIRS,
    "inspection_answer": Permission.INSPECT,
    "finding": Permission.INSPECT,
}
"""Who may remove a photo from a record of each table; any other table: EDIT_RECORDS."""


@dataclass(frozen=True)
class LinkedPhoto:
    """A photo attached to a record, as lists, forms and ledgers show it."""

    link_id: uuid.UUID
    sha256: str
    role: str
    caption: str
    path: Path
    thumbnail: Path
    missing: bool
    """The file is not in the store (or cannot be read): named with its record, never dropped."""


def photo_folder(context: AppContext) -> Path:
    """The store: beside the database file (`photos/` next to jinsha.sqlite3, so a copied data
    folder keeps its photos); for a server database, `photos/` in this machine's data folder."""
    file = context.database.file
    if file is not None:
        return file.parent / "photos"
    return paths.data_dir() / "photos"


def link_photos(
    session: Session,
    record_table: str,
    record_id: uuid.UUID,
    photos: Sequence[StoredPhoto],
    role: str,
) -> None:
    """Attach stored photos to a record, inside the caller's unit of work: one `Photo` row per
    hash (made on first use), one link per photo and record (the same photo given twice for
    the same record and role is linked once)."""
    if role not in PHOTO_ROLES:
        raise ValidationError(f"照片的用途“{role}”不存在。")
    if not photos:
        return
    hashes = {photo.sha256 for photo in photos}
    known = set(
        session.scalars(
            select(Photo.sha256).where(Photo.sha256.in_(hashes), Photo.deleted_at.is_(None))
        )
    )
    linked = set(
        session.scalars(
            select(PhotoLink.sha256).where(
                *_shown_on(record_table, record_id), PhotoLink.role == role
            )
        )
    )
    position = session.scalar(
        select(func.max(PhotoLink.position)).where(
            PhotoLink.record_table == record_table, PhotoLink.record_id == record_id
        )
    )
    next_position = -1 if position is None else position
    for photo in photos:
        if photo.sha256 not in known:
            known.add(photo.sha256)
            session.add(
                Photo(
                    sha256=photo.sha256,
                    suffix=photo.suffix,
                    size=photo.size,
                    width=photo.width,
                    height=photo.height,
                    original_name=photo.original_name[:255],
                    taken_at=photo.taken_at,
                )
            )
        if photo.sha256 in linked:
            continue
        linked.add(photo.sha256)
        next_position += 1
        session.add(
            PhotoLink(
                record_table=record_table,
                record_id=record_id,
                sha256=photo.sha256,
                role=role,
                position=next_position,
            )
        )
    session.flush()


def copy_photo_links(
    session: Session,
    source: tuple[str, uuid.UUID],
    target: tuple[str, uuid.UUID],
    role: str,
    *,
    source_role: str | None = None,
) -> int:
    """Link a record's photos (of one role, or all) to another record too, in their order:
    a finding made of an inspection's deduction, a repair order made of a finding. Returns
    how many were linked anew."""
    if role not in PHOTO_ROLES:
        raise ValidationError(f"照片的用途“{role}”不存在。")
    query = select(PhotoLink.sha256).where(*_shown_on(*source))
    if source_role is not None:
        query = query.where(PhotoLink.role == source_role)
    hashes = list(dict.fromkeys(session.scalars(query.order_by(PhotoLink.position))))
    linked = set(
        session.scalars(select(PhotoLink.sha256).where(*_shown_on(*target), PhotoLink.role == role))
    )
    position = session.scalar(
        select(func.max(PhotoLink.position)).where(
            PhotoLink.record_table == target[0], PhotoLink.record_id == target[1]
        )
    )
    next_position = -1 if position is None else position
    added = 0
    for sha256 in hashes:
        if sha256 in linked:
            continue
        next_position += 1
        added += 1
        session.add(
            PhotoLink(
                record_table=target[0],
                record_id=target[1],
                sha256=sha256,
                role=role,
                position=next_position,
            )
        )
    session.flush()
    return added


def photos_of(
    session: Session, folder: Path, record_table: str, record_id: uuid.UUID
) -> list[LinkedPhoto]:
    """The record's photos in the order attached (before ones first), a missing or unreadable
    file included with missing=True; a missing thumbnail is made again."""
    rows = session.execute(
        select(PhotoLink, Photo.suffix)
        .outerjoin(Photo, (Photo.sha256 == PhotoLink.sha256) & Photo.deleted_at.is_(None))
        .where(*_shown_on(record_table, record_id))
        .order_by(PhotoLink.position, PhotoLink.created_at, PhotoLink.id)
    ).all()
    result: list[LinkedPhoto] = []
    for link, suffix in rows:
        path, thumbnail, missing = _files_of(folder, link.sha256, suffix)
        result.append(
            LinkedPhoto(
                link_id=link.id,
                sha256=link.sha256,
                role=link.role,
                caption=link.caption,
                path=path,
                thumbnail=thumbnail or thumbnail_path(folder, link.sha256),
                missing=missing,
            )
        )
    order = {role: index for index, role in enumerate(PHOTO_ROLES)}
    result.sort(key=lambda photo: order.get(photo.role, len(order)))  # stable: keeps positions
    return result


FIRST_SHOWN = ("after", "before", "rectified", "finding")
"""Which photo a list shows for a record: an after photo proves the work, else a before one."""


def photo_cells(
    session: Session,
    folder: Path | None,
    record_table: str,
    record_ids: Sequence[uuid.UUID],
) -> dict[uuid.UUID, PhotoCell]:
    """The photo cell of each record of a page (those without photos left out): its live links
    counted and its first photo's thumbnail (made again if missing), from ONE query for the page.
    `folder` None: counts only (an export's sheet needs no thumbnails)."""
    if not record_ids:
        return {}
    rows = session.execute(
        select(PhotoLink.record_id, PhotoLink.role, PhotoLink.sha256, Photo.suffix)
        .outerjoin(Photo, (Photo.sha256 == PhotoLink.sha256) & Photo.deleted_at.is_(None))
        .where(
            PhotoLink.record_table == record_table,
            PhotoLink.record_id.in_(record_ids),
            PhotoLink.deleted_at.is_(None),
        )
        .order_by(PhotoLink.record_id, PhotoLink.position, PhotoLink.created_at, PhotoLink.id)
    ).all()
    rank = {role: n for n, role in enumerate(FIRST_SHOWN)}
    counts: dict[uuid.UUID, int] = {}
    first: dict[uuid.UUID, tuple[int, str, str | None]] = {}
    for record_id, role, sha256, suffix in rows:
        counts[record_id] = counts.get(record_id, 0) + 1
        candidate = (rank.get(role, len(rank)), sha256, suffix)
        if record_id not in first or candidate[0] < first[record_id][0]:
            first[record_id] = candidate
    cells: dict[uuid.UUID, PhotoCell] = {}
    for record_id, count in counts.items():
        _rank, sha, stored_as = first[record_id]
        if folder is None:
            cells[record_id] = PhotoCell(count, record_table=record_table)
            continue
        original, thumbnail, missing = _files_of(folder, sha, stored_as)
        cells[record_id] = PhotoCell(count, thumbnail, missing, original.name, record_table)
    return cells


VIEW_PERMISSIONS: dict[str, Permission] = {
    "repair_order": Permission.VIEW_REPAIRS,
    "cleanup": Permission.VIEW_REPAIRS,
    "inspection_answer": Permission.VIEW_INSPECTIONS,
    "finding": Permission.VIEW_INSPECTIONS,
}
"""Who may look at the photos of a record of each table; any other table: VIEW_RECORDS."""


def record_photos(
    context: AppContext, record_table: str, record_id: uuid.UUID
) -> list[LinkedPhoto]:
    """A record's photos for the viewer (a list's photo cell double-clicked)."""
    context.require(VIEW_PERMISSIONS.get(record_table, Permission.VIEW_RECORDS))
    with context.reading() as session:
        return photos_of(session, photo_folder(context), record_table, record_id)


def has_photo(session: Session, record_table: str, record_id: uuid.UUID, role: str) -> bool:
    """Whether the record has at least one photo of `role` (e.g. an after photo to check)."""
    return (
        session.scalar(
            select(PhotoLink.id)
            .where(*_shown_on(record_table, record_id), PhotoLink.role == role)
            .limit(1)
        )
        is not None
    )


def unlink_photo(context: AppContext, link_id: uuid.UUID) -> None:
    """Remove a photo from its record: the link is soft-deleted; the file and its row stay
    (another record may show the same photo, and the audit log can name it)."""
    with context.reading() as session:
        table = session.scalar(
            select(PhotoLink.record_table).where(
                PhotoLink.id == link_id, PhotoLink.deleted_at.is_(None)
            )
        )
    # a link already gone: asking needs only the right to log photos, then says so
    context.require(
        RECORD_PERMISSIONS.get(table, Permission.EDIT_RECORDS) if table else Permission.LOG_REPAIRS
    )
    with context.uow() as session:
        link = session.get(PhotoLink, link_id)
        if link is None or link.deleted_at is not None:
            raise NotFound("这张照片已经被移除了。")
        link.deleted_at = context.clock.now()


def _files_of(folder: Path, sha256: str, suffix: str | None) -> tuple[Path, Path | None, bool]:
    """A linked photo's original, its thumbnail (made again if missing; None when the photo
    has no row or cannot be read) and whether it counts as missing."""
    original = original_path(folder, sha256, suffix or ".jpg")
    thumbnail = ensure_thumbnail(folder, sha256, suffix) if suffix else None
    return original, thumbnail, thumbnail is None or not original.is_file()


def _shown_on(record_table: str, record_id: uuid.UUID) -> tuple[ColumnElement[bool], ...]:
    """The links a record shows (not removed)."""
    return (
        PhotoLink.record_table == record_table,
        PhotoLink.record_id == record_id,
        PhotoLink.deleted_at.is_(None),
    )


def missing_message(record: str, photo: LinkedPhoto) -> str:
    """What to tell about a photo whose file is gone, naming its record
    (e.g. record = "报修单 XXXX-000012")."""
    return (
        f"{record} 的照片 {photo.sha256[:12]}… 找不到了"
        f"（文件 {photo.path.name} 不在照片文件夹中或已损坏）。"
    )
