"""A list's photo cells (issue 13 §4, thumbnails in lists): per record of a page its live photo
links counted and the first one's thumbnail ("after" preferred), in one query for the page, a
missing thumbnail made again, a missing original named. Real SQLite file, real files."""

from __future__ import annotations

import uuid
from pathlib import Path

from jinsha_desktop.domain.fields import NO_PHOTOS
from jinsha_desktop.services import photo_files
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.photos import (
    link_photos,
    photo_cells,
    photo_folder,
    record_photos,
    store_photo,
    unlink_photo,
)
from tests.unit.support import selects_sent
from tests.unit.test_photos import jpeg_bytes

ORDER = "repair_order"


def _attach(context: AppContext, record_id: uuid.UUID, colour: str, role: str) -> str:
    stored = store_photo(photo_folder(context), jpeg_bytes(colour=colour), f"{colour}.jpg")
    with context.uow() as session:
        link_photos(session, ORDER, record_id, [stored], role)
    return stored.sha256


def _cells(context: AppContext, ids: list[uuid.UUID], folder: Path | None = None) -> dict:  # type: ignore[type-arg]
    with context.reading() as session:
        return photo_cells(session, folder, ORDER, ids)


def test_counts_and_the_after_photo_first(admin: AppContext) -> None:
    check_counts_and_the_after_photo_first(admin)


def check_counts_and_the_after_photo_first(admin: AppContext) -> None:
    """Also on PostgreSQL (tests/db/test_postgres_photos.py)."""
    folder = photo_folder(admin)
    both, before_only, none = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    _attach(admin, both, "red", "before")
    _attach(admin, both, "green", "before")
    after = _attach(admin, both, "blue", "after")
    first_before = _attach(admin, before_only, "yellow", "before")
    _attach(admin, before_only, "white", "before")

    cells = _cells(admin, [both, before_only, none], folder)

    assert cells[both].count == 3 and cells[before_only].count == 2 and none not in cells
    assert cells[both].thumbnail == photo_files.thumbnail_path(folder, after)
    assert cells[before_only].thumbnail == photo_files.thumbnail_path(folder, first_before)
    assert not cells[both].missing and cells[both].record_table == ORDER
    assert str(cells[both]) == "3 张" and str(NO_PHOTOS) == ""


def test_a_removed_link_is_not_counted_nor_shown(admin: AppContext) -> None:
    check_a_removed_link_is_not_counted_nor_shown(admin)


def check_a_removed_link_is_not_counted_nor_shown(admin: AppContext) -> None:
    """Also on PostgreSQL (tests/db/test_postgres_photos.py)."""
    folder = photo_folder(admin)
    record = uuid.uuid4()
    kept = _attach(admin, record, "red", "before")
    _attach(admin, record, "blue", "after")
    [_, gone] = record_photos(admin, ORDER, record)  # before first, then after
    unlink_photo(admin, gone.link_id)

    cell = _cells(admin, [record], folder)[record]

    assert cell.count == 1 and cell.thumbnail == photo_files.thumbnail_path(folder, kept)
    record_two = uuid.uuid4()
    _attach(admin, record_two, "green", "before")
    [only] = record_photos(admin, ORDER, record_two)
    unlink_photo(admin, only.link_id)
    assert record_two not in _cells(admin, [record_two], folder)


def test_a_missing_thumbnail_is_made_again_and_a_missing_original_named(
    admin: AppContext,
) -> None:
    folder = photo_folder(admin)
    remade, lost = uuid.uuid4(), uuid.uuid4()
    sha = _attach(admin, remade, "red", "after")
    photo_files.thumbnail_path(folder, sha).unlink()
    gone = _attach(admin, lost, "blue", "after")
    photo_files.thumbnail_path(folder, gone).unlink()
    photo_files.original_path(folder, gone, ".jpg").unlink()

    cells = _cells(admin, [remade, lost], folder)

    assert cells[remade].thumbnail is not None and cells[remade].thumbnail.is_file()
    assert not cells[remade].missing
    assert cells[lost].missing and cells[lost].count == 1
    assert cells[lost].file == f"{gone}.jpg"


def test_counts_only_touch_no_file(admin: AppContext) -> None:
    folder = photo_folder(admin)
    record = uuid.uuid4()
    sha = _attach(admin, record, "red", "after")
    photo_files.thumbnail_path(folder, sha).unlink()

    cell = _cells(admin, [record])[record]

    assert (cell.count, cell.thumbnail) == (1, None)
    assert not photo_files.thumbnail_path(folder, sha).exists()  # the export made none


def test_one_query_for_a_page_whatever_its_size(admin: AppContext) -> None:
    folder = photo_folder(admin)
    records = [uuid.uuid4() for _ in range(12)]
    for n, record in enumerate(records):
        _attach(admin, record, ("red", "blue", "green")[n % 3], "before" if n % 2 else "after")
    with selects_sent(admin) as selects:
        cells = _cells(admin, records, folder)

    assert len(cells) == 12 and len(selects) == 1
