"""The photo store's files: content-addressed originals, their thumbnails, and EXIF.

No database here. An original is kept byte for byte under its SHA-256
(`photos/ab/abcdef….jpg`), so the same photo attached twice is one file and the user's copy may
move or vanish afterwards. Thumbnails (`photos/thumbs/ab/abcdef….jpg`) are a cache: made once,
made again when missing. Every file is written to a temporary name and renamed into place
(os.replace), so a kill never leaves half a photo under its final name.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from jinsha_desktop.domain.errors import Cancelled, ProgressCallback, ValidationError

MAX_BYTES = 50 * 1024 * 1024
"""A larger file is refused before it is read (a phone photo is 3–10 MB)."""
THUMBNAIL_PIXELS = 320
"""The longer side of a thumbnail: enough for the largest interface size's tiles and ledgers."""
THUMBNAIL_FOLDER = "thumbs"
SUFFIXES = {
    "JPEG": ".jpg",
    "MPO": ".jpg",
    "PNG": ".png",
    "GIF": ".gif",
    "BMP": ".bmp",
    "WEBP": ".webp",
    "TIFF": ".tif",
}
"""The formats accepted and the suffix each is stored under (phones write MPO: a JPEG)."""

_ORIENTATION = 0x0112
_DATE_TIME = 0x0132
_EXIF_IFD = 0x8769
_DATE_TIME_ORIGINAL = 0x9003
_OFFSET_TIME_ORIGINAL = 0x9011
_NO_READ = "没有读取权限"
_READ_ONLY = "没有写入权限或文件夹只读"
_HEIF_BRANDS = {b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypmsf1", b"ftyphevc"}
"""The start of a HEIC/HEIF file (ISO media box 'ftyp' and its brand)."""
_SWAPPED = {5, 6, 7, 8}
"""EXIF orientations that turn the picture a quarter: width and height swap."""


@dataclass(frozen=True)
class StoredPhoto:
    """A file already in the store (hashed, copied, thumbnail made); no database row yet."""

    sha256: str
    suffix: str
    size: int
    width: int
    height: int
    """As shown, after the EXIF orientation."""
    original_name: str
    taken_at: datetime | None


def original_path(folder: Path, sha256: str, suffix: str) -> Path:
    return folder / sha256[:2] / f"{sha256}{suffix}"


def thumbnail_path(folder: Path, sha256: str) -> Path:
    return folder / THUMBNAIL_FOLDER / sha256[:2] / f"{sha256}.jpg"


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def store_photo(folder: Path, source: Path | bytes, original_name: str = "") -> StoredPhoto:
    """Check `source` is a readable image, then copy it into the store under its hash and make
    its thumbnail. ValidationError (in Chinese) for a vanished or unreadable source, a file over
    50 MB, anything that is not a whole image, a store that cannot be written; then nothing new
    is left in the store."""
    if isinstance(source, Path):
        original_name = original_name or source.name
        data = _read_source(source)
    else:
        if len(source) > MAX_BYTES:
            raise ValidationError(_too_big(original_name or "粘贴的图片", len(source)))
        data = source
    shown = original_name or "粘贴的图片"
    sha256 = hashlib.sha256(data).hexdigest()
    image = _open_image(data, shown)
    suffix = SUFFIXES[str(image.format)]
    width, height = image.size
    exif = image.getexif()
    if exif.get(_ORIENTATION) in _SWAPPED:
        width, height = height, width
    taken_at = _taken_at(exif)
    thumbnail = _thumbnail_bytes(image, shown)
    target = original_path(folder, sha256, suffix)
    made: list[Path] = []
    try:
        if not _holds(target, len(data)):  # stored once; a damaged copy is written again
            _write_atomically(target, data)
            made.append(target)
        small = thumbnail_path(folder, sha256)
        if not small.is_file():
            _write_atomically(small, thumbnail)
    except OSError as error:
        for path in made:  # nothing new is left behind when the thumbnail cannot be written
            path.unlink(missing_ok=True)
        raise ValidationError(
            f"照片无法保存到文件夹 {folder}（{_reason(error, _READ_ONLY)}）。"
            "请检查数据文件夹是否只读、磁盘是否已满。"
        ) from error
    return StoredPhoto(sha256, suffix, len(data), width, height, original_name, taken_at)


def store_photos(
    folder: Path,
    sources: Sequence[Path | bytes],
    progress: ProgressCallback | None = None,
) -> tuple[list[StoredPhoto], list[str]]:
    """Store several photos (chosen, dropped or pasted together): the good ones are stored, each
    bad one is named in a message and left out. A progress callback returning False stops."""
    stored: list[StoredPhoto] = []
    problems: list[str] = []
    for done, source in enumerate(sources):
        if progress is not None and progress(done, len(sources)) is False:
            raise Cancelled()
        try:
            stored.append(store_photo(folder, source))
        except ValidationError as error:
            problems.append(error.message)
    return stored, problems


def ensure_thumbnail(folder: Path, sha256: str, suffix: str) -> Path | None:
    """The thumbnail of a stored photo, made again if it is missing; None if the original is
    missing or unreadable (the caller names it with its record)."""
    thumbnail = thumbnail_path(folder, sha256)
    if thumbnail.is_file():
        return thumbnail
    try:
        data = original_path(folder, sha256, suffix).read_bytes()
        image = _open_image(data, sha256)
        _write_atomically(thumbnail, _thumbnail_bytes(image, sha256))
    except (OSError, ValidationError):
        return None
    return thumbnail


def _holds(path: Path, size: int) -> bool:
    try:
        return path.stat().st_size == size
    except OSError:
        return False


def _read_source(source: Path) -> bytes:
    try:
        size = source.stat().st_size
        if size > MAX_BYTES:  # refused by its size: a 200 MB file is never read into memory
            raise ValidationError(_too_big(source.name, size))
        return source.read_bytes()
    except FileNotFoundError:
        raise ValidationError(f"照片文件 {source} 找不到了（可能已被移动或删除）。") from None
    except OSError as error:
        raise ValidationError(
            f"照片文件 {source} 无法读取（{_reason(error, _NO_READ)}）。"
        ) from error


def _too_big(name: str, size: int) -> str:
    return (
        f"照片 {name} 太大（{megabytes(size)}），超过 {megabytes(MAX_BYTES)} 的上限。"
        "请先用手机或电脑把照片缩小后再添加。"
    )


def _open_image(data: bytes, shown: str) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        if data[4:12] in _HEIF_BRANDS:  # an iPhone's own format: say how to get a JPG
            raise ValidationError(
                f"{shown} 是苹果手机的 HEIC 格式，本程序不能读取。请在手机“设置 › 相机 › 格式”中"
                "选“兼容性最佳”，或先把照片转换成 JPG 再添加。"
            ) from error
        raise ValidationError(f"{shown} 不是图片文件（支持 JPG、PNG 等常见照片格式）。") from error
    if image.format not in SUFFIXES:
        raise ValidationError(f"{shown} 的格式（{image.format}）不支持，请使用 JPG 或 PNG 照片。")
    return image


def _thumbnail_bytes(image: Image.Image, shown: str) -> bytes:
    """A JPEG at most THUMBNAIL_PIXELS on its longer side, turned as the EXIF says. Decoding
    the whole picture is what finds a truncated file: it is refused here, before any write."""
    try:
        if image.format in ("JPEG", "MPO"):
            # JPEG decodes at 1/2, 1/4 or 1/8 scale: a 12 MP photo costs a fraction of a full decode
            image.draft("RGB", (THUMBNAIL_PIXELS, THUMBNAIL_PIXELS))
        image.load()
        small = image.copy()
        small.thumbnail((THUMBNAIL_PIXELS, THUMBNAIL_PIXELS), Image.Resampling.BILINEAR)
        small = ImageOps.exif_transpose(small)
        if small.mode != "RGB":
            flat = Image.new("RGB", small.size, "white")
            rgba = small.convert("RGBA")
            flat.paste(rgba, mask=rgba.getchannel("A"))
            small = flat
        out = io.BytesIO()
        small.save(out, "JPEG", quality=82)
        return out.getvalue()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(f"{shown} 已损坏或不完整，无法作为照片读取。") from error


def _taken_at(exif: Image.Exif) -> datetime | None:
    """When the photo was taken, from its EXIF (the camera's local time unless it says its
    offset); None when it does not say or says nonsense."""
    inner = exif.get_ifd(_EXIF_IFD)
    text = inner.get(_DATE_TIME_ORIGINAL) or exif.get(_DATE_TIME)
    if not isinstance(text, str):
        return None
    try:
        taken = datetime.strptime(text.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = inner.get(_OFFSET_TIME_ORIGINAL)
    if isinstance(offset, str) and len(offset) >= 6 and offset[0] in "+-":
        try:
            sign = -1 if offset[0] == "-" else 1
            delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))
            return taken.replace(tzinfo=timezone(sign * delta))
        except ValueError:
            return None
    return taken.astimezone()  # the machine's zone: the phone and the office share it


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{uuid.uuid4().hex[:8]}-", suffix=".partial", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _reason(error: OSError, denied: str) -> str:
    if isinstance(error, PermissionError):
        return denied
    return error.strerror or type(error).__name__
