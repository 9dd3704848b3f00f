"""The .xlsx file itself, before any sheet is read: refused when it is not a workbook, encrypted,
an old .xls, damaged or a decompression bomb; then its parts (workbook, sheets, shared strings,
styles) read with hard limits on what is decompressed and parsed. xlsx_reading.py reads a sheet
with these."""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from jinsha_desktop.domain.errors import KnownError

# ---------------------------------------------------------------- limits

# 300 MB of sheet XML is about 600,000 rows of 12 columns: six times the largest roster an office
# sends, and over a minute of reading. Anything larger is refused before it is decompressed.
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
# Shared strings, styles and the workbook part are read whole into memory.
MAX_PART_BYTES = 100 * 1024 * 1024
# Sheet XML deflates about 8 times (a roster) to 15 times (a million styled empty rows); a run of
# one byte deflates about 1,000 times. A big member above the ratio is a bomb, not a sheet.
MAX_COMPRESSION_RATIO = 400
RATIO_CHECKED_FROM_BYTES = 10 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
# Every shared string is held in memory while the sheet is read.
MAX_SHARED_STRINGS = 2_000_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))

# ---------------------------------------------------------------- messages

SAVE_AS_XLSX = "请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（.xlsx）后再导入。"
_ENCRYPTED = (
    "文件设置了密码，无法读取。请先在 Excel 或 WPS 中打开并取消密码"
    "（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码），另存后再导入。"
)
_OLD_XLS = "这是旧版 Excel 文件（.xls），无法直接读取。" + SAVE_AS_XLSX
DAMAGED = (
    "文件不完整或已损坏（可能没有下载或复制完整）。"
    "请重新获取原文件，或在 Excel/WPS 中打开后另存为 .xlsx 再导入。"
)
_NOT_XLSX = "这个文件不是 Excel 工作簿（.xlsx）。"
_TOO_BIG = (
    "文件解压后过大（{size}），超过了 {limit} 的上限，可能已损坏或是恶意构造的文件。"
    "如果内容确实需要导入，请把需要的行复制到新的工作簿中分批导入。"
)


class WorkbookProblem(KnownError):
    """A workbook that cannot be read; the message says what to do about it."""


# ---------------------------------------------------------------- the file


def check_workbook_file(path: str | Path) -> None:
    """Refuse a file that is no readable .xlsx before any XML in it is parsed.

    WorkbookProblem for a missing or unreadable file, a password-protected workbook, an old .xls,
    a file of another kind, a truncated or damaged file, and a decompression bomb.
    """
    with _open_zip(Path(path)):
        pass


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        with path.open("rb") as file:
            head = file.read(8)
            if head == _OLE_MAGIC:
                raise WorkbookProblem(_ENCRYPTED if _has_encryption_streams(file) else _OLD_XLS)
            size = file.seek(0, 2)
    except FileNotFoundError:
        raise WorkbookProblem(f"找不到文件“{path.name}”，它可能已被移动或删除。") from None
    except IsADirectoryError:
        raise WorkbookProblem(f"“{path.name}”是文件夹，不是 Excel 文件。") from None
    except PermissionError:
        raise WorkbookProblem(
            f"无法打开文件“{path.name}”：没有读取权限，或它正在被 Excel/WPS 使用。请关闭后重试。"
        ) from None
    except OSError as error:
        raise WorkbookProblem(f"无法读取文件“{path.name}”（{error.strerror or error}）。") from None
    if size == 0:
        raise WorkbookProblem(f"文件“{path.name}”是空的（0 字节）。请重新获取原文件。")
    if not head.startswith(b"PK"):
        raise WorkbookProblem(_NOT_XLSX + _guess_kind(head) + SAVE_AS_XLSX)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise WorkbookProblem(DAMAGED) from None
    except OSError as error:
        raise WorkbookProblem(f"无法读取文件“{path.name}”（{error.strerror or error}）。") from None
    try:
        _check_members(archive, size)
    except BaseException:
        archive.close()
        raise
    return archive


def _has_encryption_streams(file: IO[bytes]) -> bool:
    """An encrypted .xlsx is an OLE compound file holding these two streams (MS-OFFCRYPTO);
    their names sit in the directory sectors, which may be anywhere in the file."""
    file.seek(0)
    tail = b""
    while chunk := file.read(1024 * 1024):
        window = tail + chunk
        if any(name in window for name in _ENCRYPTION_STREAMS):
            return True
        tail = window[-64:]
    return False


def _guess_kind(head: bytes) -> str:
    if head.lstrip().startswith(b"<"):
        return "它像是网页或 XML 格式的表格（有些系统导出的 .xls 就是这样）。"
    if head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8")):
        return "它是 PDF 或图片文件。"
    return "它可能是文本（CSV）文件或改了扩展名的其他文件。"


def _check_members(archive: zipfile.ZipFile, file_size: int) -> None:
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise WorkbookProblem(f"文件中包含 {len(members)} 个部件，不像正常的 Excel 工作簿。")
    names = {member.filename for member in members}
    if "xl/workbook.bin" in names:
        raise WorkbookProblem("这是 Excel 二进制工作簿（.xlsb）。" + SAVE_AS_XLSX)
    if "word/document.xml" in names or "ppt/presentation.xml" in names:
        raise WorkbookProblem(_NOT_XLSX + "它是 Word 或 PowerPoint 文件，请确认选对了文件。")
    if "mimetype" in names and "content.xml" in names:
        raise WorkbookProblem("这是 WPS/LibreOffice 的 ODF 表格（.ods）。" + SAVE_AS_XLSX)
    if _workbook_part(archive) is None:
        raise WorkbookProblem(
            _NOT_XLSX + "它是压缩包，但里面没有工作簿。请确认选对了文件；" + SAVE_AS_XLSX
        )
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise WorkbookProblem(_ENCRYPTED)
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise WorkbookProblem(DAMAGED)
        if member.header_offset + member.compress_size > file_size:
            raise WorkbookProblem(DAMAGED)
        total += member.file_size
        ratio_too_high = member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        if member.file_size >= RATIO_CHECKED_FROM_BYTES and ratio_too_high:
            raise WorkbookProblem(
                f"文件中的“{member.filename}”压缩比异常（{member.compress_size:,} 字节解压后为 "
                f"{member.file_size:,} 字节），可能是恶意构造的压缩炸弹，已拒绝读取。"
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookProblem(
            _TOO_BIG.format(size=_megabytes(total), limit=_megabytes(MAX_UNCOMPRESSED_BYTES))
        )


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


# ---------------------------------------------------------------- package parts

MAIN_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # "Strict Open XML" as saved by Excel
)
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_REL_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_WORKBOOK_TYPES = (
    "spreadsheetml.sheet.main+xml",
    "spreadsheetml.template.main+xml",
    "ms-excel.sheet.macroEnabled.main+xml",
    "ms-excel.template.macroEnabled.main+xml",
)


def _xml_parser() -> etree.XMLParser:
    # No DTD, no entity expansion, no network, libxml2's size limits on (huge_tree off).
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class CappedReader:
    """A decompressed zip member that refuses to yield more than `limit` bytes, nor more than
    `span_limit` bytes after the last `mark()`. zipfile already stops at the declared size; this
    holds even if that size lied, counts bytes for progress, and keeps one XML element (a row of
    millions of cells) from growing a tree that fills the memory.

    With `keep_recent`, the bytes handed out since the chunk that was being parsed at the last
    mark are kept in `recent`: what the XML parser has read but perhaps not yet reported."""

    def __init__(
        self, raw: IO[bytes], limit: int, span_limit: int | None = None, keep_recent: bool = False
    ) -> None:
        self.raw = raw
        self.limit = limit
        self.span_limit = span_limit
        self.count = 0
        self.marked = 0
        self.recent: list[bytes] | None = [] if keep_recent else None

    def mark(self) -> None:
        self.marked = self.count
        if self.recent:
            del self.recent[:-1]

    def read(self, size: int = -1) -> bytes:
        want = self.limit + 1 - self.count if size < 0 else min(size, self.limit + 1 - self.count)
        data = self.raw.read(max(want, 0))
        self.count += len(data)
        if self.count > self.limit:
            raise WorkbookProblem(
                _TOO_BIG.format(size=_megabytes(self.count), limit=_megabytes(self.limit))
            )
        if self.span_limit is not None and self.count - self.marked > self.span_limit:
            raise WorkbookProblem(
                f"工作表中有一行超过 {_megabytes(self.span_limit)}，不像正常的表格，"
                "文件可能已损坏或是恶意构造的。"
            )
        if self.recent is not None:
            self.recent.append(data)
        return data


def _read_part(archive: zipfile.ZipFile, name: str) -> etree._Element:
    if archive.getinfo(name).file_size > MAX_PART_BYTES:
        raise WorkbookProblem(_TOO_BIG.format(size=f"“{name}”", limit=_megabytes(MAX_PART_BYTES)))
    with archive.open(name) as raw:
        data = CappedReader(raw, MAX_PART_BYTES).read()
    return etree.fromstring(data, _xml_parser())


def _workbook_part(archive: zipfile.ZipFile) -> str | None:
    """The workbook's part name, from [Content_Types].xml; the usual name when that is missing."""
    names = set(archive.namelist())
    if "[Content_Types].xml" in names:
        try:
            types = _read_part(archive, "[Content_Types].xml")
        except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError):
            raise WorkbookProblem(DAMAGED) from None
        for override in types.iter(f"{{{_CONTENT_TYPES_NS}}}Override"):
            content_type = override.get("ContentType", "")
            part = str(override.get("PartName", "")).lstrip("/")
            if content_type.endswith(_WORKBOOK_TYPES) and part in names:
                return part
    return "xl/workbook.xml" if "xl/workbook.xml" in names else None


@dataclass(frozen=True)
class SheetEntry:
    name: str
    part: str
    visible: bool


@dataclass
class WorkbookParts:
    archive: zipfile.ZipFile
    sheets: list[SheetEntry]
    shared_strings_part: str | None
    styles_part: str | None
    epoch: datetime


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target part name) of a part."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in archive.namelist():
        return {}
    found: dict[str, tuple[str, str]] = {}
    for rel in _read_part(archive, rels_name).iter(f"{{{_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(resolved))
    return found


def open_workbook(path: Path) -> WorkbookParts:
    archive = _open_zip(path)
    try:
        part = _workbook_part(archive)
        assert part is not None  # _open_zip refused the file otherwise
        root = _read_part(archive, part)
        rels = _relationships(archive, part)
        ns = root.tag[1 : root.tag.index("}")] if root.tag.startswith("{") else ""
        properties = root.find(f"{{{ns}}}workbookPr")
        date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        names = set(archive.namelist())
        sheets: list[SheetEntry] = []
        for sheet in root.iter(f"{{{ns}}}sheet"):
            rel_id = next(
                (rid for rel_ns in _OFFICE_REL_NAMESPACES if (rid := sheet.get(f"{{{rel_ns}}}id"))),
                "",
            )
            kind, target = rels.get(rel_id, ("", ""))
            if kind.endswith("/worksheet") and target in names:
                visible = sheet.get("state", "visible") == "visible"
                sheets.append(SheetEntry(sheet.get("name", ""), target, visible))
        by_type = {
            kind.rsplit("/", 1)[-1]: target for kind, target in rels.values() if target in names
        }
        return WorkbookParts(
            archive,
            sheets,
            by_type.get("sharedStrings"),
            by_type.get("styles"),
            CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900,
        )
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, KeyError):
        archive.close()
        raise WorkbookProblem(DAMAGED) from None
    except BaseException:
        archive.close()
        raise


def sheet_names(path: str | Path) -> list[str]:
    """The names of the worksheets, in the workbook's order (hidden ones too)."""
    book = open_workbook(Path(path))
    with book.archive:
        return [sheet.name for sheet in book.sheets]


# ---------------------------------------------------------------- strings and styles

_PARSE_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
}


class Tags:
    """Tag names in one SpreadsheetML namespace (transitional or strict)."""

    def __init__(self, ns: str) -> None:
        self.v, self.f, self.is_ = f"{{{ns}}}v", f"{{{ns}}}f", f"{{{ns}}}is"
        self.t, self.r, self.si = f"{{{ns}}}t", f"{{{ns}}}r", f"{{{ns}}}si"


_TAGS = {ns: Tags(ns) for ns in MAIN_NAMESPACES}
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def tags_of(element: etree._Element) -> Tags:
    tag = element.tag
    return _TAGS.get(tag[1 : tag.index("}")], _TAGS[MAIN_NAMESPACES[0]])


def string_item(item: etree._Element, tags: Tags) -> str:
    """The text of a shared string or an inline string: plain, or runs of rich text; the
    phonetic guide (rPh) is not part of the value."""
    parts: list[str] = []
    for child in item:
        if child.tag == tags.t:
            parts.append(child.text or "")
        elif child.tag == tags.r:
            parts.extend(run.text or "" for run in child if run.tag == tags.t)
    text = "".join(parts)
    # Excel writes characters XML cannot hold as _xHHHH_ ("_x000D_" for a carriage return).
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def iterparse(source: CappedReader, tags: Iterable[str]) -> Iterator[etree._Element]:
    for _event, element in etree.iterparse(
        source, events=("end",), tag=tuple(tags), **_PARSE_OPTIONS
    ):
        yield element


def forget(element: etree._Element) -> None:
    """Free an element that has been read, and the siblings read before it."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def shared_strings(book: WorkbookParts) -> list[str]:
    if book.shared_strings_part is None:
        return []
    strings: list[str] = []
    with book.archive.open(book.shared_strings_part) as raw:
        source = CappedReader(raw, MAX_PART_BYTES)
        for item in iterparse(source, (tags.si for tags in _TAGS.values())):
            strings.append(string_item(item, tags_of(item)))
            forget(item)
            if len(strings) > MAX_SHARED_STRINGS:
                raise WorkbookProblem(
                    f"工作簿中的不同文字超过 {MAX_SHARED_STRINGS:,} 个，"
                    "请把数据分成几个文件分批导入。"
                )
    return strings


NUMBER, DATE, DURATION = 0, 1, 2
# Number formats 27–36 and 50–58 are dates and times in the Chinese (zh-CN) locale (ECMA-376
# part 1, 18.8.30); WPS and Chinese Excel may use them without writing their format code.
_EAST_ASIAN_DATE_FORMATS = frozenset((*range(27, 37), *range(50, 59)))


def style_kinds(book: WorkbookParts) -> list[int]:
    """For each cell style index: a plain number, a date or a duration."""
    if book.styles_part is None:
        return []
    root = _read_part(book.archive, book.styles_part)
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    try:
        codes = {
            int(fmt.get("numFmtId", "")): fmt.get("formatCode", "")
            for fmt in root.iter(f"{ns}numFmt")
        }
        cell_formats = root.find(f"{ns}cellXfs")
        kinds: list[int] = []
        for xf in cell_formats if cell_formats is not None else ():
            number_format = int(xf.get("numFmtId", "0"))
            code = codes.get(number_format) or BUILTIN_FORMATS.get(number_format)
            if code is None:
                kinds.append(DATE if number_format in _EAST_ASIAN_DATE_FORMATS else NUMBER)
            elif is_timedelta_format(code):
                kinds.append(DURATION)
            else:
                kinds.append(DATE if is_date_format(code) else NUMBER)
    except ValueError:
        raise WorkbookProblem(DAMAGED) from None
    return kinds
