"""Messy workbooks for the importers, as offices send them, generated with openpyxl.

Each sheet has title rows, merged cells, a blank row, header variants and values in the forms
people type them (full-width digits, ID numbers as numbers or with an apostrophe, dates as text
in several spellings, as Excel serials and as date cells), plus the expected outcome of each row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

from tests.reports.messy_workbooks import RawSheet, write_raw_workbook
from tests.unit.support import resident_id

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def full_width(text: str) -> str:
    return text.translate(FULL_WIDTH)


def _sheet(
    path: Path,
    title_rows: Sequence[str],
    headers: Sequence[str],
    rows: Sequence[tuple[int, Sequence[object]]],
    merges: Sequence[str] = (),
) -> Path:
    """A sheet with merged title rows, the header, data rows at their Excel numbers (gaps are
    blank rows, one of them styled with spaces), merged ranges, and borders far below."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    last_column = openpyxl.utils.get_column_letter(len(headers))
    for number, text in enumerate(title_rows, 1):
        sheet.cell(number, 1, text).font = Font(bold=True, size=14)
        sheet.merge_cells(f"A{number}:{last_column}{number}")
    header_row = len(title_rows) + 1
    for column, header in enumerate(headers, 1):
        sheet.cell(header_row, column, header)
    for number, values in rows:
        for column, value in enumerate(values, 1):
            if value is not None:
                sheet.cell(number, column, value)
    numbers = {number for number, _ in rows}
    for number in range(header_row + 1, max(numbers)):
        if number not in numbers:  # a blank row: a styled empty cell and one of spaces
            sheet.cell(number, 1).font = Font(italic=True)
            sheet.cell(number, 2, "   ")
    for merged in merges:
        sheet.merge_cells(merged)
    for number in range(max(numbers) + 1, max(numbers) + 40):
        sheet.cell(number, 2).font = Font(italic=True)
    workbook.save(path)
    return path


# ---------------------------------------------------------------- roster

FULL_WIDTH_PHONE = full_width("13912345678")

ZHANG = resident_id("320612", "19900101", 123)  # male
LI = resident_id("320612", "19920315", 124)  # female
WANG_15 = "320612850707121"  # an old 15-digit number: 1985-07-07, male
WANG_18 = resident_id("320612", "19850707", 121)
ZHAO = resident_id("320621", "19800202", 111)
QIAN = resident_id("320683", "19750505", 135)  # male, but the sheet says 女
SUN = resident_id("320612", "19880808", 246)  # female
ZHOU = resident_id("320602", "19660606", 357)  # on record already, phone to be updated
WU = resident_id("320602", "19770707", 468)  # on record already, identical
PASSPORT = "E12345678"

ROSTER_TITLE = ("金沙街道来访人员名单", "填报单位：北山社区　　填报时间：2022年8月")
ROSTER_HEADERS = (
    "序号",
    "所属社区",
    "姓  名",
    "证件类别",
    "身份证号",
    "性别",
    "出生年月",
    "联系电话",
    "现住址",
    "备注",
)
ROSTER_ROWS: list[tuple[int, list[object]]] = [
    # community B merged over rows 4–6
    (4, [1, "北山社区", "张三", None, ZHANG, "男", "1990.1.1", "13812345678", "北山新村1幢", None]),
    # ID with an apostrophe, full-width phone, date as 2022年-style text
    (5, [2, None, "李四", "身份证", "'" + LI, "女", "1992年3月15日", FULL_WIDTH_PHONE]),
    # an old 15-digit ID stored as a number; birth date as an Excel serial (1985-07-07)
    (6, [3, None, "王五", None, int(WANG_15), None, 31235, "0513-86001234", None, None]),
    # row 7 blank
    # an 18-digit ID stored as a number: Excel has rounded it
    (8, [4, "金余村", "赵六", None, float(ZHAO), None, None, None, None, None]),
    # 性别 contradicts the ID number
    (9, [5, "金余村", "钱七", None, full_width(QIAN), "女", None, "13712345678", None, None]),
    # the same person as row 4, saying nothing new
    (10, [6, "城东村", "张三", "居民身份证", ZHANG, None, date(1990, 1, 1), None, None, None]),
    # a formula in the phone column
    (11, [7, "城东村", "孙八", None, SUN, None, None, "=13500000000+1", None, None]),
    # a passport
    (12, [8, "城东村", "John Smith", "护照", PASSPORT, "M", None, None, None, "外籍"]),
    # on record with another phone: updated; the empty address keeps the stored one
    (13, [9, "金北村", "周九", None, ZHOU, None, None, "13600001111", None, None]),
    # on record, identical
    (14, [10, "金北村", "吴十", None, WU, "女", "1977/07/07", None, None, None]),
]
ROSTER_MERGES = ("B4:B6", "B8:B9")
ROSTER_OUTCOMES = {
    4: "add",
    5: "add",
    6: "add",
    8: "reject",
    9: "reject",
    10: "duplicate",
    11: "reject",
    12: "add",
    13: "update",
    14: "duplicate",
}


def messy_roster(folder: Path) -> Path:
    return _sheet(
        folder / "来访人员.xlsx", ROSTER_TITLE, ROSTER_HEADERS, ROSTER_ROWS, ROSTER_MERGES
    )


# ---------------------------------------------------------------- risk areas

AREAS_TITLE = ("中高风险地区名单（截至2022年8月20日）",)
AREAS_HEADERS = ("序号", "地区", "风险级别", "开始日期", "结束日期", "情况说明")
AREAS_ROWS: list[tuple[int, list[object]]] = [
    (3, [1, "上海市浦东新区张江镇", "高", "2022.8.5", None, None]),
    # level merged over rows 4–5; start as a serial (2022-08-05); end as text with slashes
    (4, [2, "北京市朝阳区望京街道", "中风险", 44778, "2022/08/12", None]),
    (5, [3, "广州市荔湾区中南街道", None, date(2022, 8, 6), "２０２２年８月２０日", "按通报"]),
    # row 6 blank
    (7, [4, "南通市通州区", "低风险", "2022-08-05", None, None]),
    (8, [5, "苏州市姑苏区", "中", "2022-08-10", "2022-08-01", None]),
    # on record with another note: the note is updated
    (9, [6, "无锡市梁溪区", "高风险", "2022年8月1日", None, "已核实"]),
    # on record, identical
    (10, [7, "常州市天宁区", "中风险", "2022-08-02", "2022-08-09", None]),
    # the same area again
    (11, [8, "上海市浦东新区张江镇", "高风险地区", "2022-08-05", None, None]),
]
AREAS_MERGES = ("C4:C5",)
AREAS_OUTCOMES = {
    3: "add",
    4: "add",
    5: "add",
    7: "reject",
    8: "reject",
    9: "update",
    10: "duplicate",
    11: "duplicate",
}


def messy_risk_areas(folder: Path) -> Path:
    return _sheet(folder / "风险地区.xlsx", AREAS_TITLE, AREAS_HEADERS, AREAS_ROWS, AREAS_MERGES)


# ---------------------------------------------------------------- compounds

COMPOUNDS_TITLE = ("老旧小区楼栋台账", "（2022年8月）")
COMPOUNDS_HEADERS = ("序号", "社区", "小区", "小区地址", "楼号", "单元", "层数")
COMPOUNDS_ROWS: list[tuple[int, list[object]]] = [
    # unit, compound and address merged over rows 4–6: one building per row
    (4, [1, "北山社区", "金沙新村", "人民路18号", "1幢", 2, 6]),
    (5, [2, None, None, None, "2幢", "３", "6层"]),
    (6, [3, None, None, None, "3幢", 2.0, 6]),
    # row 7 blank
    # a compound without buildings
    (8, [4, "金余村", "余西小区", None, None, None, None]),
    # the unit named without its suffix
    (9, [5, "金北", "金北花园", "金北路1号", "1栋", 1, 5]),
    (10, [6, "不存在村", "某某小区", None, None, None, None]),
    # the same building as row 4 with another unit count: a contradiction
    (11, [7, "北山社区", "金沙新村", None, "1幢", 3, 6]),
    # the same building as row 5, nothing new
    (12, [8, "北山社区", "金沙新村", None, "2幢", None, None]),
    # on record without an address: the address is added
    (13, [9, "城东村", "老街小区", "城东路5号", None, None, None]),
    # a bad floor count
    (14, [10, "城东村", "老街小区", None, "9幢", 1, "很多"]),
]
COMPOUNDS_MERGES = ("B4:B6", "C4:C6", "D4:D6")
COMPOUNDS_OUTCOMES = {
    4: "add",
    5: "add",
    6: "add",
    8: "add",
    9: "add",
    10: "reject",
    11: "reject",
    12: "duplicate",
    13: "update",
    14: "reject",
}


def messy_compounds(folder: Path) -> Path:
    return _sheet(
        folder / "小区楼栋.xlsx",
        COMPOUNDS_TITLE,
        COMPOUNDS_HEADERS,
        COMPOUNDS_ROWS,
        COMPOUNDS_MERGES,
    )


# ---------------------------------------------------------------- match list

NOBODY = resident_id("110101", "19991231", 555)
PHONE_ONLY = "13700001234"

MATCH_TITLE = ("关于协查有关人员的通知", "附件：协查名单")
MATCH_HEADERS = ("序号", "协查对象", "公民身份号码", "联系方式", "协查事由")
MATCH_ROWS: list[tuple[int, list[object]]] = [
    (4, [1, "张三", ZHANG, None, "密接"]),
    (5, [2, "无名", NOBODY, None, "次密接"]),
    # registered with the 18-digit number; listed with the old 15-digit one, as a number
    (6, [3, "王五", int(WANG_15), None, None]),
    # row 7 blank
    (8, [4, "手机号", None, PHONE_ONLY, None]),
    (9, [5, "错号", ZHANG[:-1] + ("0" if ZHANG[-1] != "0" else "1"), None, None]),
    (10, [6, "张三", ZHANG, None, "密接"]),
    (11, [7, "空行", None, None, "两项都没有"]),
    # a mistyped phone beside a good number: matched by the number, with a warning
    (12, [8, "孙八", SUN, "1381234", None]),
]
MATCH_OUTCOMES = {
    4: "found",
    5: "not_found",
    6: "found",
    8: "found",
    9: "reject",
    10: "duplicate",
    11: "reject",
    12: "found",
}


def messy_match_list(folder: Path) -> Path:
    return _sheet(folder / "协查名单.xlsx", MATCH_TITLE, MATCH_HEADERS, MATCH_ROWS)


# ---------------------------------------------------------------- a big roster


def big_roster_ids(rows: int) -> Iterator[str]:
    """`rows` different valid resident ID numbers."""
    born = date(1950, 1, 1).toordinal()
    for index in range(rows):
        day = date.fromordinal(born + index // 500).strftime("%Y%m%d")
        yield resident_id("320612", day, index % 500 + 100)


BIG_HEADERS = ["序号", "姓名", "性别", "身份证号码", "手机号码", "住址", "备注"]


def big_roster(path: Path, rows: int) -> Path:
    """`rows` valid, distinct people, written as Excel writes a sheet (shared strings)."""
    raw = RawSheet()

    def chunks() -> Iterator[str]:
        from tests.reports.messy_workbooks import SHEET_END, SHEET_START

        yield SHEET_START
        yield raw.row(1, BIG_HEADERS)
        for index, number in enumerate(big_roster_ids(rows)):
            gender = "男" if int(number[16]) % 2 else "女"
            values = [
                index + 1,
                f"张{chr(0x4E00 + index % 20000)}{chr(0x4E00 + index // 20000)}",
                gender,
                number,
                f"138{index:08d}",
                f"金沙街道{index % 40}号小区{index % 30 + 1}幢",
                None,
            ]
            yield raw.row(index + 2, values)
        yield SHEET_END

    return write_raw_workbook(path, chunks(), raw)
