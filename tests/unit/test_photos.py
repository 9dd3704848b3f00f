"""The photo store (issue 13 §4): stored once by hash, EXIF orientation honoured, thumbnails made
again when missing, a missing file named with its record, links removed only explicitly, and
every bad input refused in Chinese with nothing half-saved. Real SQLite file, real files."""

from __future__ import annotations

import hashlib
import io
import os
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from jinsha_desktop.db.repair_models import Photo, PhotoLink
from jinsha_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.services import photo_files
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.photos import (
    StoredPhoto,
    has_photo,
    link_photos,
    missing_message,
    photo_folder,
    photos_of,
    store_photo,
    unlink_photo,
)
from tests.unit.support import logged_in_as

ORDER = "repair_order"


def jpeg_bytes(
    size: tuple[int, int] = (400, 200),
    *,
    orientation: int | None = None,
    taken: str | None = None,
    colour: str = "red",
) -> bytes:
    """A small JPEG, optionally with an EXIF orientation and a DateTimeOriginal."""
    image = Image.new("RGB", size, colour)
    image.paste("blue", (0, 0, size[0] // 4, size[1] // 4))  # a corner: turning shows
    exif = image.getexif()
    if orientation is not None:
        exif[0x0112] = orientation
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (300, 300)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 128, 0, 100)).save(out, "PNG")
    return out.getvalue()


def files_in(folder: Path) -> list[Path]:
    """Every file under the store, temporary ones included."""
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file())


def originals_in(folder: Path) -> list[Path]:
    return [p for p in files_in(folder) if photo_files.THUMBNAIL_FOLDER not in p.parts]


def counts(context: AppContext) -> tuple[int, int]:
    with context.reading() as session:
        photos = session.scalar(select(func.count()).select_from(Photo)) or 0
        links = session.scalar(select(func.count()).select_from(PhotoLink)) or 0
    return photos, links


def attach(context: AppContext, record_id: uuid.UUID, photos: list[StoredPhoto], role: str) -> None:
    with context.uow() as session:
        link_photos(session, ORDER, record_id, photos, role)


def listed(context: AppContext, record_id: uuid.UUID) -> list:  # type: ignore[type-arg]
    with context.reading() as session:
        return photos_of(session, photo_folder(context), ORDER, record_id)


# --- the store ------------------------------------------------------------------------------


def test_the_store_is_beside_the_database_file(admin: AppContext, database_file: Path) -> None:
    assert photo_folder(admin) == database_file.parent / "photos"


def test_a_photo_is_copied_under_its_hash_byte_for_byte(tmp_path: Path) -> None:
    data = jpeg_bytes()
    source = tmp_path / "IMG_0001.JPG"
    source.write_bytes(data)

    stored = store_photo(tmp_path / "photos", source)
    source.unlink()  # the original may vanish afterwards

    sha = hashlib.sha256(data).hexdigest()
    target = tmp_path / "photos" / sha[:2] / f"{sha}.jpg"
    assert stored == StoredPhoto(sha, ".jpg", len(data), 400, 200, "IMG_0001.JPG", None)
    assert target.read_bytes() == data
    assert (tmp_path / "photos" / "thumbs" / sha[:2] / f"{sha}.jpg").is_file()


def test_the_same_photo_twice_is_one_file_one_row_and_two_links(admin: AppContext) -> None:
    folder = photo_folder(admin)
    data = jpeg_bytes()
    first = store_photo(folder, data, "a.jpg")
    second = store_photo(folder, data, "copy of a.jpg")
    order_a, order_b = uuid.uuid4(), uuid.uuid4()

    attach(admin, order_a, [first], "before")
    attach(admin, order_b, [second], "before")
    attach(admin, order_a, [first], "before")  # given again for the same record: linked once

    assert len(originals_in(folder)) == 1
    assert counts(admin) == (1, 2)
    assert [p.sha256 for p in listed(admin, order_a)] == [first.sha256]
    assert [p.sha256 for p in listed(admin, order_b)] == [first.sha256]


@pytest.mark.parametrize(
    ("orientation", "shown_size"),
    [(None, (400, 200)), (1, (400, 200)), (3, (400, 200)), (6, (200, 400)), (8, (200, 400))],
    ids=["no-exif", "upright", "upside-down", "turned-right", "turned-left"],
)
def test_exif_orientation_turns_the_size_and_the_thumbnail_not_the_original(
    tmp_path: Path, orientation: int | None, shown_size: tuple[int, int]
) -> None:
    data = jpeg_bytes((400, 200), orientation=orientation)

    stored = store_photo(tmp_path, data, "p.jpg")

    assert (stored.width, stored.height) == shown_size
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert photo_files.original_path(tmp_path, stored.sha256, ".jpg").read_bytes() == data
    with Image.open(photo_files.thumbnail_path(tmp_path, stored.sha256)) as thumbnail:
        longer = photo_files.THUMBNAIL_PIXELS
        expected = (longer, longer // 2) if shown_size[0] > shown_size[1] else (longer // 2, longer)
        assert thumbnail.size == expected
        assert thumbnail.format == "JPEG"


def test_the_blue_corner_ends_where_the_camera_meant_it(tmp_path: Path) -> None:
    """Orientation 6: the stored picture's top-left corner is shown at the top right."""
    stored = store_photo(tmp_path, jpeg_bytes((400, 200), orientation=6), "p.jpg")
    with Image.open(photo_files.thumbnail_path(tmp_path, stored.sha256)) as thumbnail:
        rgb = thumbnail.convert("RGB")
        top_right = rgb.getpixel((rgb.width - 5, 5))
        top_left = rgb.getpixel((5, 5))
    assert isinstance(top_right, tuple) and top_right[2] > 150 and top_right[0] < 100
    assert isinstance(top_left, tuple) and top_left[0] > 150


def test_a_transparent_png_is_stored_with_a_flat_thumbnail(tmp_path: Path) -> None:
    stored = store_photo(tmp_path, png_bytes(), "screen.png")
    assert stored.suffix == ".png"
    with Image.open(photo_files.thumbnail_path(tmp_path, stored.sha256)) as thumbnail:
        assert thumbnail.mode == "RGB"


@pytest.mark.parametrize(
    ("taken", "expected"),
    [
        ("2026:11:20 14:05:09", datetime(2026, 11, 20, 14, 5, 9).astimezone().astimezone(UTC)),
        ("not a date", None),
        (None, None),
    ],
    ids=["exif-date", "nonsense", "none"],
)
def test_when_the_photo_was_taken_comes_from_its_exif(
    tmp_path: Path, taken: str | None, expected: datetime | None
) -> None:
    stored = store_photo(tmp_path, jpeg_bytes(taken=taken), "p.jpg")
    assert (stored.taken_at.astimezone(UTC) if stored.taken_at else None) == expected


# --- records and their photos ------------------------------------------------------------------


def test_photos_are_listed_before_then_after_with_paths(admin: AppContext) -> None:
    folder = photo_folder(admin)
    order = uuid.uuid4()
    after = store_photo(folder, jpeg_bytes(colour="green"), "after.jpg")
    before = [store_photo(folder, jpeg_bytes(colour=c), f"{c}.jpg") for c in ("red", "white")]
    attach(admin, order, [after], "after")
    attach(admin, order, before, "before")

    photos = listed(admin, order)

    assert [(p.role, p.sha256) for p in photos] == [
        ("before", before[0].sha256),
        ("before", before[1].sha256),
        ("after", after.sha256),
    ]
    assert all(p.path.is_file() and p.thumbnail.is_file() and not p.missing for p in photos)
    with admin.reading() as session:
        assert has_photo(session, ORDER, order, "after")
        assert not has_photo(session, ORDER, order, "rectified")
        assert not has_photo(session, ORDER, uuid.uuid4(), "before")


def test_a_missing_file_is_listed_and_named_with_its_record(admin: AppContext) -> None:
    folder = photo_folder(admin)
    order = uuid.uuid4()
    stored = store_photo(folder, jpeg_bytes(), "a.jpg")
    attach(admin, order, [stored], "before")
    photo_files.original_path(folder, stored.sha256, ".jpg").unlink()
    photo_files.thumbnail_path(folder, stored.sha256).unlink()

    [photo] = listed(admin, order)

    assert photo.missing
    message = missing_message("报修单 AB12-000012", photo)
    assert message.startswith(f"报修单 AB12-000012 的照片 {stored.sha256[:12]}")
    assert "找不到了" in message


def test_an_unreadable_file_is_listed_as_missing(admin: AppContext) -> None:
    folder = photo_folder(admin)
    order = uuid.uuid4()
    stored = store_photo(folder, jpeg_bytes(), "a.jpg")
    attach(admin, order, [stored], "before")
    photo_files.original_path(folder, stored.sha256, ".jpg").write_bytes(b"damaged")
    photo_files.thumbnail_path(folder, stored.sha256).unlink()

    [photo] = listed(admin, order)

    assert photo.missing


def test_a_missing_thumbnail_is_made_again(admin: AppContext) -> None:
    folder = photo_folder(admin)
    order = uuid.uuid4()
    stored = store_photo(folder, jpeg_bytes(), "a.jpg")
    attach(admin, order, [stored], "before")
    thumbnail = photo_files.thumbnail_path(folder, stored.sha256)
    thumbnail.unlink()

    [photo] = listed(admin, order)

    assert not photo.missing and photo.thumbnail == thumbnail and thumbnail.is_file()


def test_removing_a_photo_soft_deletes_the_link_only(admin: AppContext) -> None:
    folder = photo_folder(admin)
    order = uuid.uuid4()
    stored = store_photo(folder, jpeg_bytes(), "a.jpg")
    attach(admin, order, [stored], "after")
    [photo] = listed(admin, order)

    unlink_photo(admin, photo.link_id)

    assert listed(admin, order) == []
    assert photo.path.is_file()
    assert counts(admin) == (1, 1)  # the link is kept, marked deleted
    with admin.reading() as session:
        assert not has_photo(session, ORDER, order, "after")
        link = session.get(PhotoLink, photo.link_id)
        assert link is not None and link.deleted_at is not None
    with pytest.raises(NotFound):
        unlink_photo(admin, photo.link_id)
    attach(admin, order, [stored], "after")  # attached again later: shown again
    assert [p.sha256 for p in listed(admin, order)] == [stored.sha256]


@pytest.mark.parametrize(
    ("role", "allowed"), [(Role.PROPERTY, True), (Role.CLERK, True), (Role.VIEWER, False)]
)
def test_who_may_remove_a_photo_from_an_order(admin: AppContext, role: Role, allowed: bool) -> None:
    order = uuid.uuid4()
    attach(admin, order, [store_photo(photo_folder(admin), jpeg_bytes(), "a.jpg")], "before")
    [photo] = listed(admin, order)
    user = logged_in_as(admin, f"user-{role.value}", role)

    if allowed:
        unlink_photo(user, photo.link_id)
        assert listed(admin, order) == []
    else:
        with pytest.raises(PermissionDenied):
            unlink_photo(user, photo.link_id)
        assert len(listed(admin, order)) == 1


def test_an_unknown_role_is_refused(admin: AppContext) -> None:
    stored = store_photo(photo_folder(admin), jpeg_bytes(), "a.jpg")
    with pytest.raises(ValidationError, match="用途"):
        attach(admin, uuid.uuid4(), [stored], "sideways")
    assert counts(admin) == (0, 0)


# --- bad input: a clear Chinese message and nothing half-saved -----------------------------


def _text_renamed(tmp: Path) -> Path:
    path = tmp / "notes.jpg"
    path.write_text("这不是照片", encoding="utf-8")
    return path


def _truncated_jpeg(tmp: Path) -> Path:
    data = jpeg_bytes((800, 600))
    path = tmp / "cut.jpg"
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def _iphone_heic(tmp: Path) -> Path:
    path = tmp / "IMG_0002.HEIC"
    path.write_bytes(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 200)
    return path


def _huge_file(tmp: Path) -> Path:
    path = tmp / "huge.jpg"
    with open(path, "wb") as handle:
        handle.write(jpeg_bytes())
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB by its size, nothing written
    return path


def _vanished(tmp: Path) -> Path:
    return tmp / "moved-away.jpg"


def _a_folder(tmp: Path) -> Path:
    folder = tmp / "a folder.jpg"
    folder.mkdir()
    return folder


BAD_SOURCES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "text renamed .jpg": (_text_renamed, "不是图片文件"),
    "truncated jpeg": (_truncated_jpeg, "已损坏或不完整"),
    "iphone heic": (_iphone_heic, "HEIC 格式"),
    "200 MB file": (_huge_file, "太大（200.0 MB），超过 50.0 MB"),
    "vanished source": (_vanished, "找不到了"),
    "a folder": (_a_folder, "无法读取"),
}


@pytest.mark.parametrize("case", list(BAD_SOURCES), ids=list(BAD_SOURCES))
def test_bad_input_is_refused_in_chinese_and_nothing_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    make, words = BAD_SOURCES[case]
    source = make(tmp_path)
    whole_reads: list[Path] = []
    read_bytes = Path.read_bytes

    def watched(path: Path) -> bytes:
        whole_reads.append(path)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", watched)
    store = tmp_path / "photos"

    with pytest.raises(ValidationError) as refused:
        store_photo(store, source)

    assert words in refused.value.message
    assert files_in(store) == []
    if case == "200 MB file":
        assert whole_reads == []  # refused by its size, never read


def test_pasted_bytes_over_the_limit_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="太大"):
        store_photo(tmp_path, b"\0" * (photo_files.MAX_BYTES + 1), "")
    assert files_in(tmp_path) == []


def _deny_writes(monkeypatch: pytest.MonkeyPatch, store: Path) -> None:
    """A read-only data folder. Tests may run as root, who writes anyway: then the store's
    temporary file is refused the way the operating system refuses it."""
    store.mkdir(parents=True, exist_ok=True)
    store.chmod(0o555)
    if os.access(store, os.W_OK):

        def refused(*args: object, **kwargs: object) -> tuple[int, str]:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(photo_files.tempfile, "mkstemp", refused)


def test_a_read_only_data_folder_is_refused_and_changes_nothing(
    admin: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = photo_folder(admin)
    _deny_writes(monkeypatch, store)
    try:
        with pytest.raises(ValidationError) as refused:
            store_photo(store, jpeg_bytes(), "a.jpg")
    finally:
        store.chmod(0o755)
    assert "只读" in refused.value.message and str(store) in refused.value.message
    assert files_in(store) == []
    assert counts(admin) == (0, 0)


def test_a_failure_while_writing_leaves_no_half_photo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a kill mid-write would: the bytes went to a temporary file, never to the final name."""

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(photo_files.os, "fsync", disk_full)

    with pytest.raises(ValidationError, match="磁盘是否已满"):
        store_photo(tmp_path / "photos", jpeg_bytes(), "a.jpg")

    assert files_in(tmp_path / "photos") == []


# --- a record edited keeps its photos; shared with tests/db/test_postgres_photos.py ---------


def check_the_same_photo_is_stored_once(admin: AppContext) -> None:
    """Same bytes twice → one file, one Photo row, two links; a removal keeps the file."""
    folder = photo_folder(admin)
    data = jpeg_bytes(orientation=6)
    first, second = store_photo(folder, data, "a.jpg"), store_photo(folder, data, "b.jpg")
    order_a, order_b = uuid.uuid4(), uuid.uuid4()
    with admin.uow() as session:  # both in one unit of work: the second finds the first
        link_photos(session, ORDER, order_a, [first], "before")
        link_photos(session, ORDER, order_b, [second, second], "after")
    assert len(originals_in(folder)) == 1
    assert counts(admin) == (1, 2)
    with admin.reading() as session:
        [row] = session.scalars(select(Photo)).all()
        assert (row.width, row.height, row.suffix) == (200, 400, ".jpg")
        assert has_photo(session, ORDER, order_b, "after")
    [photo] = listed(admin, order_a)
    unlink_photo(admin, photo.link_id)
    assert listed(admin, order_a) == [] and len(listed(admin, order_b)) == 1
    assert photo.path.is_file()


def check_an_edited_order_keeps_its_photos(admin: AppContext) -> None:
    from dataclasses import replace
    from datetime import timedelta

    from jinsha_desktop.domain.repairs import OrderInput, PlaceInput
    from jinsha_desktop.services import repair_orders
    from tests.unit.support import a_compound

    compound_id, buildings = a_compound(admin)
    folder = photo_folder(admin)
    before = store_photo(folder, jpeg_bytes(colour="red"), "before.jpg")
    after = store_photo(folder, jpeg_bytes(colour="green"), "after.jpg")
    reported = admin.clock.now() - timedelta(hours=5)
    order_input = OrderInput(PlaceInput(compound_id, buildings[0]), "楼道灯不亮", reported)
    order_id = repair_orders.report_order(admin, order_input, photos_before=[before])
    repair_orders.attach_order_photos(admin, order_id, [after], "after")
    detail = repair_orders.order_detail(admin, order_id)

    edited = replace(detail.as_input(), problem="楼道灯和开关都坏了")
    repair_orders.update_order(admin, order_id, edited, version=detail.version)

    kept = repair_orders.order_detail(admin, order_id).photos
    assert [(p.role, p.sha256) for p in kept] == [
        ("before", before.sha256),
        ("after", after.sha256),
    ]
    assert not any(p.missing for p in kept)


def test_the_same_photo_is_stored_once_in_one_unit_of_work(admin: AppContext) -> None:
    check_the_same_photo_is_stored_once(admin)


def test_an_edited_order_keeps_its_photos(admin: AppContext) -> None:
    check_an_edited_order_keeps_its_photos(admin)


def test_several_photos_are_stored_the_bad_ones_named_and_a_stop_honoured(tmp_path: Path) -> None:
    from jinsha_desktop.domain.errors import Cancelled
    from jinsha_desktop.services.photos import store_photos

    good = [jpeg_bytes(colour=c) for c in ("red", "green")]
    seen: list[tuple[int, int]] = []

    stored, problems = store_photos(
        tmp_path, [good[0], b"nonsense", good[1]], lambda d, t: seen.append((d, t)) is None
    )

    assert [s.sha256 for s in stored] == [hashlib.sha256(g).hexdigest() for g in good]
    assert problems == ["粘贴的图片 不是图片文件（支持 JPG、PNG 等常见照片格式）。"]
    assert seen == [(0, 3), (1, 3), (2, 3)]
    with pytest.raises(Cancelled):
        store_photos(tmp_path / "stopped", good, lambda d, t: d < 1)
    assert len(originals_in(tmp_path / "stopped")) == 1  # the one before the stop: whole
