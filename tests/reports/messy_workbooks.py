"""Workbooks as offices send them, and hostile files, generated for the reading tests.

The ordinary ones are written with openpyxl, the way a real tool writes them. The huge and hostile
ones are written as raw zip members so they take seconds to make: a sheet of a million styled
empty rows, a decompression bomb, a zip whose declared sizes lie, a truncated file.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.styles import Font

# ---------------------------------------------------------------- the messy roster

TITLE = "金沙街道来访人员登记表"
SUBTITLE = "填报单位：北山社区    填报日期：2022年8月"
ROSTER_HEADERS = [
    "序号",
    "所属社区",
    "*姓名",
    "身份证号码\n（必填）",
    "联系电话",
    "来访日期",
    "出生日期",
    "备注",
]
HEADER_ROW = 3
# (Excel row, values). Column B (社区) is merged down over rows 4–6 and 8–9 in the sheet; the
# value is only in the top cell, as Excel keeps it. Row 7 is blank (spaces and a style only).
ROSTER_ROWS: list[tuple[int, list[object]]] = [
    (4, [1, "北山社区", "张三", "320612199001011234", "13812345678", "2022.8.5", None, None]),
    # ID as a 15-digit number (old card, exact), phone in full-width digits, date as a serial.
    (5, [2, None, "李四", 320612900101123, "１３９１２３４５６７８", 44778, None, None]),
    # ID as an 18-digit float: Excel kept 15 significant digits.
    (6, [3, None, "王五", 3.20612199001011e17, "13712345678", "2022/08/05", None, "数字身份证"]),
    (8, [4, "金余村", "赵六", "'320612199001011234", "0513-86001234", "2022年8月5日", None, None]),
    (
        9,
        [
            5,
            None,
            "钱七",
            "32061219900101123X",
            "13612345678",
            date(2022, 8, 5),
            None,
            "日期单元格",
        ],
    ),
    # A formula in the birth-date column.
    (10, [6, "城东村", "孙八", "320612199001011234", "13512345678", "2022-8-5", "=F10-1", None]),
]
ROSTER_MERGES = ["A1:H1", "A2:H2", "B4:B6", "B8:B9"]
VERTICAL_MERGES = {4: "北山社区", 5: "北山社区", 6: "北山社区", 8: "金余村", 9: "金余村"}


def messy_roster(folder: Path) -> Path:
    """Title and subtitle rows (merged), a header with markers and a line break, vertically
    merged community cells, a blank row, IDs as text / 15-digit number / lossy float / with an
    apostrophe, full-width digits, dates as text, serial and date cell, and a formula."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "登记表"
    sheet["A1"] = TITLE
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A2"] = SUBTITLE
    sheet.append(ROSTER_HEADERS)
    for number, values in ROSTER_ROWS:
        for column, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(number, column, value)
    sheet["F9"].number_format = "yyyy-mm-dd"
    # Row 7 is there but blank: a styled empty cell and one holding only spaces.
    sheet["C7"].font = Font(italic=True)
    sheet["D7"] = "   "
    for merged in ROSTER_MERGES:
        sheet.merge_cells(merged)
    # Borders far below the data: styled empty cells, as a sheet formatted "to the bottom" has.
    for row in range(11, 60):
        sheet.cell(row, 3).font = Font(italic=True)
    path = folder / "messy_roster.xlsx"
    workbook.save(path)
    return path


# ---------------------------------------------------------------- two-level merged header

TWO_LEVEL_ROWS = [
    ["张三", "13812345678", "0513-86001234", "320612199001011234"],
    ["李四", "13912345678", None, "320612900101123"],
]


def two_level_header(folder: Path) -> Path:
    """Row 1 title; rows 2–3 a header where 姓名 and 证件号码 are merged down over both rows and
    联系方式 is merged across 手机 and 固定电话 below it."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "人员名单"
    sheet.merge_cells("A1:D1")
    sheet["A2"], sheet["B2"], sheet["D2"] = "姓名", "联系方式", "证件号码"
    sheet["B3"], sheet["C3"] = "手机", "固定电话"
    for merged in ("A2:A3", "B2:C2", "D2:D3"):
        sheet.merge_cells(merged)
    for values in TWO_LEVEL_ROWS:
        sheet.append(values)
    path = folder / "two_level_header.xlsx"
    workbook.save(path)
    return path


def simple_sheet(
    folder: Path,
    headers: list[str],
    rows: list[list[object]],
    *,
    name: str = "simple.xlsx",
    title_rows: int = 0,
) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for index in range(title_rows):
        sheet.append([f"标题第 {index + 1} 行"])
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
    path = folder / name
    workbook.save(path)
    return path


def instructions_then_list(folder: Path) -> Path:
    """A first sheet of instructions, a hidden sheet with a header, then the list itself."""
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "填写说明"
    notes.append(["1. 身份证号码请设置为文本格式"])
    notes.append(["2. 日期写成 2022-08-05"])
    hidden = workbook.create_sheet("字典")
    hidden.append(["姓名", "身份证号"])
    hidden.append(["隐藏", "000000000000000000"])
    hidden.sheet_state = "hidden"
    people = workbook.create_sheet("名单")
    people.append(["姓名", "身份证号", "手机"])
    people.append(["张三", "320612199001011234", "13812345678"])
    path = folder / "instructions_then_list.xlsx"
    workbook.save(path)
    return path


# ---------------------------------------------------------------- raw workbooks

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = (
    f'{_XML}<Types xmlns="{_PACKAGE}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}.sharedStrings+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_OFFICE_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE_RELS}">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_OFFICE_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_OFFICE_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId3" Type="{_OFFICE_RELS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# Style 1: a bordered cell; 2: a date (built-in format 14); 3: format 31, a date in the zh-CN
# locale that WPS uses without writing its code; 4: a custom Chinese date format.
_STYLES = (
    f'{_XML}<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="176" '
    'formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="2"><border/><border><left style="thin"/><right style="thin"/>'
    '<top style="thin"/><bottom style="thin"/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs></styleSheet>"
)
SHEET_START = f'{_XML}<worksheet xmlns="{_MAIN}"><sheetData>'
SHEET_END = "</sheetData></worksheet>"


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(frozen=True)
class Formula:
    """A formula cell as Excel or WPS saves it: the formula and the value it last computed
    (`cached`; None: saved without one, as openpyxl and some converters write formulas)."""

    text: str
    cached: str | int | float | None = None
    error: bool = False
    """The cached value is an Excel error such as #VALUE!."""

    def xml(self, attrs: str) -> str:
        formula = f"<f>{escape(self.text)}</f>"
        if self.cached is None:
            return f"<c{attrs}>{formula}</c>"
        if self.error:
            return f'<c{attrs} t="e">{formula}<v>{escape(str(self.cached))}</v></c>'
        if isinstance(self.cached, str):
            return f'<c{attrs} t="str">{formula}<v>{escape(self.cached)}</v></c>'
        return f"<c{attrs}>{formula}<v>{self.cached}</v></c>"


class RawSheet:
    """Builds sheet XML rows with shared strings, the way Excel writes them."""

    def __init__(self) -> None:
        self.strings: dict[str, int] = {}

    def row(self, number: int, values: Iterable[object], style: int = 0) -> str:
        cells = []
        for index, value in enumerate(values):
            ref = f"{_column_letter(index)}{number}"
            attrs = f' r="{ref}"' + (f' s="{style}"' if style else "")
            if value is None:
                cells.append(f"<c{attrs}/>")
            elif isinstance(value, Formula):
                cells.append(value.xml(attrs))
            elif isinstance(value, str):
                position = self.strings.setdefault(value, len(self.strings))
                cells.append(f'<c{attrs} t="s"><v>{position}</v></c>')
            else:
                cells.append(f"<c{attrs}><v>{value}</v></c>")
        return f'<row r="{number}">' + "".join(cells) + "</row>"

    def shared_strings_xml(self) -> str:
        items = "".join(f"<si><t>{escape(text)}</t></si>" for text in self.strings)
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(self.strings)}" uniqueCount="{len(self.strings)}">{items}</sst>'
        )


MILLION_DATA = [
    ["张三", "320612199001011234", "13812345678"],
    ["李四", "320612199001011234", "13912345678"],
    ["王五", "320612199001011234", "13712345678"],
]
MILLION_EMPTY_ROWS = 1_000_000


def million_empty_styled_rows(path: Path) -> Path:
    """A header, three data rows, then a million rows of bordered empty cells — what a sheet
    whose borders were drawn "to the bottom" holds."""
    raw = RawSheet()

    def chunks() -> Iterator[str]:
        yield SHEET_START
        yield raw.row(1, ["姓名", "身份证号", "手机"])
        for offset, values in enumerate(MILLION_DATA, start=2):
            yield raw.row(offset, values)
        first = len(MILLION_DATA) + 2
        for number in range(first, first + MILLION_EMPTY_ROWS):
            yield (
                f'<row r="{number}" spans="1:3" ht="20.1" customHeight="1">'
                f'<c r="A{number}" s="1"/><c r="B{number}" s="1"/><c r="C{number}" s="1"/></row>'
            )
        yield SHEET_END

    return write_raw_workbook(path, chunks(), raw)


def write_raw_workbook(path: Path, chunks: Iterable[str], raw: RawSheet) -> Path:
    """A minimal valid .xlsx whose one sheet is the streamed `chunks` (which begin with
    SHEET_START). The rows are generated lazily, so the shared strings are written last."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _STYLES)
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            buffer = io.StringIO()
            for chunk in chunks:
                buffer.write(chunk)
                if buffer.tell() > 1 << 20:
                    member.write(buffer.getvalue().encode())
                    buffer = io.StringIO()
            member.write(buffer.getvalue().encode())
        archive.writestr("xl/sharedStrings.xml", raw.shared_strings_xml())
    return path


BIG_ROSTER_HEADERS = [
    "序号",
    "姓名",
    "性别",
    "身份证号码",
    "手机号码",
    "所属社区",
    "小区",
    "楼栋",
    "单元",
    "房号",
    "来访日期",
    "备注",
]
_COMMUNITIES = ["北山社区", "金余村", "新三园村", "城东村", "金北村"]


def big_roster_row(index: int) -> list[object]:
    """Row `index` (0-based) of the big roster: unique names and numbers, like a real one."""
    return [
        index + 1,
        f"张{chr(0x4E00 + index % 20000)}{chr(0x4E00 + index // 20000)}",
        "男" if index % 2 else "女",
        f"3206121990{index % 12 + 1:02d}{index % 28 + 1:02d}{index % 10000:04d}",
        f"138{index:08d}",
        _COMMUNITIES[index % len(_COMMUNITIES)],
        f"金沙{index % 40}号小区",
        index % 30 + 1,
        index % 4 + 1,
        f"{index % 6 + 1}0{index % 4 + 1}",
        44778 + index % 365,
        "居家观察" if index % 7 == 0 else None,
    ]


def big_roster(path: Path, rows: int) -> Path:
    """A roster of `rows` data rows × 12 columns, shared strings and a date style, as Excel
    writes it."""
    raw = RawSheet()

    def chunks() -> Iterator[str]:
        yield SHEET_START
        yield raw.row(1, BIG_ROSTER_HEADERS)
        for index in range(rows):
            yield raw.row(index + 2, big_roster_row(index))
        yield SHEET_END

    return write_raw_workbook(path, chunks(), raw)


# ---------------------------------------------------------------- hostile files


def text_renamed(folder: Path) -> Path:
    path = folder / "名单.xlsx"
    path.write_text("姓名,身份证号\n张三,320612199001011234\n", encoding="utf-8")
    return path


def html_renamed(folder: Path) -> Path:
    path = folder / "导出.xlsx"
    path.write_text("<html><body><table><tr><td>姓名</td></tr></table></body></html>")
    return path


def encrypted_workbook(folder: Path, password: str = "jinsha") -> Path:
    """A real password-protected workbook (ECMA-376 agile encryption, as Excel writes it)."""
    import msoffcrypto

    plain = messy_roster(folder)
    path = folder / "encrypted.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        msoffcrypto.OfficeFile(source).encrypt(password, target)
    return path


def old_xls_like(folder: Path) -> Path:
    """An OLE compound file as old .xls files are: the magic number, a header sector and a
    directory sector naming the "Workbook" stream (no encryption streams)."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)  # version 3, little-endian, 512 B
    directory = bytearray(512)
    for slot, name in enumerate(("Root Entry", "Workbook", "\x05SummaryInformation")):
        encoded = name.encode("utf-16-le") + b"\0\0"
        directory[slot * 128 : slot * 128 + len(encoded)] = encoded
        struct.pack_into("<H", directory, slot * 128 + 64, len(encoded))
    path = folder / "old.xlsx"
    path.write_bytes(bytes(header) + bytes(directory) + b"\0" * 4096)
    return path


def truncated(folder: Path) -> Path:
    """The first half of a valid workbook's bytes, as an interrupted download leaves it."""
    data = messy_roster(folder).read_bytes()
    path = folder / "truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupted_member(folder: Path) -> Path:
    """A complete zip whose sheet's compressed bytes were damaged in the middle."""
    path = big_roster(folder / "corrupted.xlsx", 2000)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 64] = bytes(64)
    path.write_bytes(bytes(data))
    return path


def zip_bomb(folder: Path, megabytes: int) -> Path:
    """A workbook-shaped zip whose sheet is `megabytes` MB of one repeated byte: it deflates
    about 1,000 times, so it takes well under a MB on disk."""
    path = folder / f"bomb_{megabytes}.xlsx"
    block = b"\x20" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            member.write(SHEET_START.encode())
            for _ in range(megabytes):
                member.write(block)
            member.write(SHEET_END.encode())
    return path


def lying_sizes(folder: Path) -> Path:
    """A valid workbook whose sheet member claims to be 2,000 bytes while it inflates to many
    MB: the declared-size checks pass, so the reader itself must stop at the declared size."""
    path = big_roster(folder / "lying.xlsx", 20_000)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    name = info.filename.encode()
    # The uncompressed size is at offset 22 of the local header and 24 of the central entry.
    struct.pack_into("<I", data, info.header_offset + 22, 2000)
    struct.pack_into("<I", data, _central_entry(data, name) + 24, 2000)
    path.write_bytes(bytes(data))
    return path


def _central_entry(data: bytearray, name: bytes) -> int:
    position = 0
    while True:
        position = data.find(b"PK\x01\x02", position)
        if position < 0:
            raise ValueError("central directory entry not found")
        length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + length] == name:
            return position
        position += 4


def zip_without_workbook(folder: Path) -> Path:
    path = folder / "no_workbook.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
        archive.writestr("data/sheet1.xml", "<sheet/>")
    return path


DATE_FORMS = (
    "2022.8.5",
    "2022/08/05",
    "2022年8月5日",
    44778,
    date(2022, 8, 5),
    datetime(2022, 8, 5, 9),
)


def dates_workbook(folder: Path) -> Path:
    """A column of the same day (2022-08-05) in every form: text, serial, date and datetime."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "来访日期"])
    for value in DATE_FORMS:
        sheet.append(["张三", value])
    path = folder / "dates.xlsx"
    workbook.save(path)
    return path


def blank_gap(path: Path, gap: int, *, late_row: bool) -> Path:
    """A merged title, a header, three data rows, `gap` rows of styled empty cells, and — with
    `late_row` — one more data row after them; merged ranges after the rows, as Excel puts them."""
    raw = RawSheet()

    def chunks() -> Iterator[str]:
        yield SHEET_START
        yield raw.row(1, ["人员名单", None, None])
        yield raw.row(2, ["姓名", "身份证号", "社区"])
        yield raw.row(3, ["张三", "320612199001011234", "北山社区"])
        yield raw.row(4, ["李四", "320612199001011234", None])
        yield raw.row(5, ["王五", "320612199001011234", "金余村"])
        for number in range(6, 6 + gap):
            yield raw.row(number, [None, None, None], style=1)
        if late_row:
            yield raw.row(6 + gap, ["迟到", "320612199001011234", "城东村"])
        yield "</sheetData>"
        yield '<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="C3:C4"/></mergeCells>'
        yield '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75"/>'
        yield "</worksheet>"

    return write_raw_workbook(path, chunks(), raw)


def giant_row(path: Path, cells: int = 3_000_000) -> Path:
    """A header and one row of `cells` empty cells: a hostile row whose tree would fill memory."""
    raw = RawSheet()

    def chunks() -> Iterator[str]:
        yield SHEET_START
        yield raw.row(1, ["姓名", "身份证号"])
        yield '<row r="2">'
        for _ in range(cells // 10_000):
            yield "<c/>" * 10_000
        yield "</row>"
        yield SHEET_END

    return write_raw_workbook(path, chunks(), raw)


def cell_kinds(path: Path) -> Path:
    """One row of every kind of cell Excel writes, in raw XML."""
    raw = RawSheet()
    cells = [
        '<c r="A2" t="inlineStr"><is><t>内联</t></is></c>',
        '<c r="B2" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r>'
        '<rPh sb="0" eb="1"><t>fu</t></rPh></is></c>',
        '<c r="C2" t="b"><v>1</v></c>',
        '<c r="D2" t="e"><v>#N/A</v></c>',
        '<c r="E2" t="str"><f>A2&amp;"x"</f><v>内联x</v></c>',
        '<c r="F2" s="2"><v>44778</v></c>',
        '<c r="G2" s="3"><v>44778</v></c>',
        '<c r="H2" s="4"><v>44778.5</v></c>',
        '<c r="I2" t="inlineStr"><is><t>第一行_x000D_\n第二行</t></is></c>',
        '<c r="J2"><v>1.5E+3</v></c>',
        '<c r="K2" t="d"><v>2022-08-05T14:30:00</v></c>',
        '<c r="L2"><f t="shared" si="0"/><v>7</v></c>',
    ]
    headers = [
        "内联",
        "富文本",
        "布尔",
        "错误",
        "公式文字",
        "日期",
        "中文日期",
        "自定义日期",
        "转义",
        "科学计数",
        "ISO日期",
        "共享公式",
    ]
    chunks = [SHEET_START, raw.row(1, headers), '<row r="2">', *cells, "</row>", SHEET_END]
    return write_raw_workbook(path, chunks, raw)


CELL_KINDS_EXPECTED: list[object] = [
    "内联",
    "富文本",
    True,
    "#N/A",
    "内联x",
    datetime(2022, 8, 5),
    datetime(2022, 8, 5),
    datetime(2022, 8, 5, 12),
    "第一行\r\n第二行",
    1500.0,
    datetime(2022, 8, 5, 14, 30),
    7,
]


def entity_expansion(path: Path) -> Path:
    """A sheet whose DOCTYPE defines "billion laughs" entities (10 characters expanded 10⁹ times)
    and an external entity pointing at a local file."""
    raw = RawSheet()
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{f"&{chr(97 + i)};" * 10}">' for i in range(9)
    )
    doctype = f'<!DOCTYPE worksheet [{entities}<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    chunks = [
        SHEET_START.replace("?>", "?>" + doctype, 1),
        raw.row(1, ["姓名", "身份证号"]),
        '<row r="2"><c r="A2" t="inlineStr"><is><t>&j;</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>x&xxe;y</t></is></c></row>',
        SHEET_END,
    ]
    return write_raw_workbook(path, chunks, raw)


# ---------------------------------------------------------------- a village's real roster

REAL_ROSTER_HEADERS = ["序号", "姓名", "身份证号码", "性别", "联系电话", "门牌", "住址"]
GENDER_FORMULA = 'IF(C{n}="","",IF(MOD(MID(C{n},17,1),2)=1,"男","女"))'
ADDRESS_FORMULA = 'IF(F{n}="","","江苏省南通市通州区金沙街道"&F{n})'


def _gender_of(id_number: str) -> str:
    return "男" if int(id_number[16]) % 2 else "女"


def real_roster(
    path: Path,
    people: list[tuple[str, object, str, str]],
    *,
    numbered_to: int = 0,
    footer: bool = True,
    uncached_row: int | None = None,
) -> Path:
    """A roster as a village office keeps it in Excel or WPS: title row, header, one row per
    person (name, ID, phone, house number) with 性别 and 住址 computed by formulas whose values
    were saved with them; rows below numbered in advance with the formulas dragged down (their
    cached values empty); footer lines (合计, 填表人/审核人, 日期).

    An ID given as a float is stored as a number (Excel keeps 15 significant digits). With
    `uncached_row` (1-based among the people), that person's 性别 is a formula saved without its
    value."""
    raw = RawSheet()

    def chunks() -> Iterator[str]:
        yield SHEET_START
        yield raw.row(1, ["金沙街道北山社区外来人员登记表"])
        yield raw.row(2, REAL_ROSTER_HEADERS)
        number = 2
        for index, (name, id_number, phone, house) in enumerate(people, start=1):
            number += 1
            text_id = id_number if isinstance(id_number, str) else f"{id_number:.0f}"
            gender = Formula(GENDER_FORMULA.format(n=number), _gender_of(text_id))
            if index == uncached_row:
                gender = Formula(GENDER_FORMULA.format(n=number))
            address = Formula(
                ADDRESS_FORMULA.format(n=number), f"江苏省南通市通州区金沙街道{house}"
            )
            yield raw.row(number, [index, name, id_number, gender, phone, house, address])
        for index in range(len(people) + 1, numbered_to + 1):
            number += 1
            yield raw.row(
                number,
                [
                    index,
                    None,
                    None,
                    Formula(GENDER_FORMULA.format(n=number), ""),
                    None,
                    None,
                    Formula(ADDRESS_FORMULA.format(n=number), ""),
                ],
            )
        if footer:
            yield raw.row(number + 1, ["合计", None, f"{len(people)}人"])
            yield raw.row(number + 2, ["填表人：王芳", None, None, "审核人：", None, "负责人："])
            yield raw.row(number + 3, ["日期：2026年11月25日"])
        yield SHEET_END

    return write_raw_workbook(path, chunks(), raw)
