"""Excel writing: streamed exports, error workbooks and import templates, read back with openpyxl
(and LibreOffice, to see what a user sees)."""

from __future__ import annotations

import os
import sys
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet import _writer as openpyxl_sheet_writer

from jinsha_desktop.domain.errors import Cancelled, KnownError
from jinsha_desktop.reports import xlsx_saving
from jinsha_desktop.reports.xlsx_template import TemplateColumn, write_template
from jinsha_desktop.reports.xlsx_writing import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    MAX_CELL_CHARS,
    TRUNCATION_MARKER,
    CellKind,
    ErrorRow,
    ExcelWriteProblem,
    SheetColumn,
    display_width,
    write_error_workbook,
    write_sheet,
)
from tests.reports import libreoffice

ID_NUMBER = "320612199001011234"
VISIT_COLUMNS = [
    SheetColumn("name", "姓名"),
    SheetColumn("id_number", "公民身份号码", CellKind.IDENTIFIER),
    SheetColumn("birth_date", "出生日期", CellKind.DATE),
    SheetColumn("visited_at", "登记时间", CellKind.DATETIME),
    SheetColumn("temperature", "体温", CellKind.DECIMAL),
    SheetColumn("companions", "同行人数", CellKind.INTEGER),
    SheetColumn("flagged", "是否异常", CellKind.BOOL),
]
VISIT = ["张三", ID_NUMBER, date(1990, 1, 1), datetime(2026, 11, 25, 9, 30), 36.5, 2, False]
FORMULA_LOOKING = ["=1+1", "+8613800000000", "-2", "@SUM(A1)", "\t=cmd", "\r=cmd", "#N/A"]


def export(tmp_path: Path, columns, rows, **options):
    path = tmp_path / "登记记录.xlsx"
    result = write_sheet(path, "登记记录", columns, rows, **options)
    return result, load_workbook(path)


def only_column(tmp_path: Path, kind: CellKind, values: list[object]):
    """The data cells of a one-column export of `values`."""
    _, book = export(tmp_path, [SheetColumn("value", "值", kind)], [[v] for v in values])
    return [row[0] for row in book.active.iter_rows(min_row=2)]


def sheet_xml(path: Path, number: int = 1) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{number}.xml").decode("utf-8")


# --- layout ---------------------------------------------------------------------------------


def test_header_is_bold_filled_frozen_and_filtered(tmp_path):
    result, book = export(tmp_path, VISIT_COLUMNS, [VISIT] * 3)

    sheet = book.active
    assert sheet.title == "登记记录"
    assert [c.value for c in sheet[1]] == [c.header for c in VISIT_COLUMNS]
    assert all(c.font.bold and c.fill.fgColor.rgb.endswith("DDEBF7") for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:G4"
    assert result.rows == 3
    assert result.sheet_names == ("登记记录",)


def test_every_column_gets_a_width_and_chinese_counts_double(tmp_path):
    columns = [
        SheetColumn("address", "住址"),
        SheetColumn("code", "编码"),
        SheetColumn("fixed", "固定", width=30),
    ]
    rows = [["江苏省南通市通州区金沙街道", "ABCDEFGHIJKLM", None]]

    _, book = export(tmp_path, columns, rows)

    widths = {k: d.width for k, d in book.active.column_dimensions.items()}
    assert display_width("金沙街道") == 8 and display_width("ab𠮷") == 4
    assert widths["A"] > widths["B"] > 10  # 13 Chinese characters against 13 letters
    assert widths["C"] == 30


def test_empty_export_still_has_its_header(tmp_path):
    result, book = export(tmp_path, VISIT_COLUMNS, [])

    assert result.rows == 0
    assert [c.value for c in book.active[1]] == [c.header for c in VISIT_COLUMNS]
    assert book.active.auto_filter.ref == "A1:G1"


def test_heading_above_the_header_is_merged_and_the_freeze_follows(tmp_path):
    _, book = export(tmp_path, VISIT_COLUMNS, [VISIT], heading="金沙街道卡点登记记录")

    sheet = book.active
    assert sheet["A1"].value == "金沙街道卡点登记记录"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:G1"]
    assert sheet["A2"].value == "姓名"
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:G3"


# --- values ---------------------------------------------------------------------------------


def test_dates_and_times_are_real_dates_with_chinese_formats(tmp_path):
    aware = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)
    _, book = export(
        tmp_path,
        [SheetColumn("day", "日期", CellKind.DATE), SheetColumn("at", "时间", CellKind.DATETIME)],
        [
            [date(2026, 11, 25), datetime(2026, 11, 25, 9, 30)],
            [datetime(2026, 11, 25, 23, 59), aware],
        ],
    )

    (day, moment), (day_from_datetime, local) = book.active.iter_rows(min_row=2)
    assert day.is_date and day.value == datetime(2026, 11, 25)
    assert day.number_format == DATE_FORMAT == 'yyyy"年"m"月"d"日"'
    assert moment.value == datetime(2026, 11, 25, 9, 30)
    assert moment.number_format == DATETIME_FORMAT
    assert day_from_datetime.value == datetime(2026, 11, 25)  # a DATE column shows the day
    # Excel has no time zones: an aware time is shown as local time.
    assert local.value == aware.astimezone().replace(tzinfo=None)


@pytest.mark.parametrize(
    "value",
    [ID_NUMBER, int(ID_NUMBER), "32061219900101123X", "013812345678", "苏F12345", 13812345678],
    ids=["18-digit-str", "18-digit-int", "x-check-digit", "leading-zero", "plate", "phone-int"],
)
def test_identifiers_are_always_text_cells(tmp_path, value):
    (cell,) = only_column(tmp_path, CellKind.IDENTIFIER, [value])

    assert cell.data_type == "s"
    assert cell.value == str(value)
    assert cell.number_format == "@"


def test_an_empty_identifier_is_an_empty_cell(tmp_path):
    cells = only_column(tmp_path, CellKind.IDENTIFIER, ["", None, "1"])

    assert [c.value for c in cells] == [None, None, "1"]


def test_numbers_stay_numbers_and_booleans_read_shi_fou(tmp_path):
    _, book = export(
        tmp_path,
        [
            SheetColumn("t", "体温", CellKind.DECIMAL),
            SheetColumn("n", "人数", CellKind.INTEGER),
            SheetColumn("b", "异常", CellKind.BOOL),
            SheetColumn("x", "备注"),
        ],
        [
            [36.5, 3, True, None],
            [37, 0, False, ""],
            [float("nan"), 12345678901234567, None, 7],
        ],
    )

    rows = [list(r) for r in book.active.iter_rows(min_row=2)]
    assert [(c.value, c.data_type, c.number_format) for c in rows[0][:2]] == [
        (36.5, "n", "0.0"),
        (3, "n", "General"),
    ]
    assert rows[1][0].value == 37 and rows[1][0].data_type == "n"
    assert [rows[0][2].value, rows[1][2].value, rows[2][2].value] == ["是", "否", None]
    assert rows[0][3].value is None and rows[1][3].value is None  # None and "" are empty cells
    assert rows[2][0].value is None  # NaN would make Excel repair the file
    # Beyond 15 digits Excel would round an integer: it is kept as text instead.
    assert (rows[2][1].value, rows[2][1].data_type) == ("12345678901234567", "s")
    assert (rows[2][3].value, rows[2][3].data_type) == (7, "n")


@pytest.mark.parametrize("kind", [CellKind.TEXT, CellKind.IDENTIFIER])
def test_formula_looking_text_is_stored_as_a_string_never_a_formula(tmp_path, kind):
    cells = only_column(tmp_path, kind, FORMULA_LOOKING)

    assert [c.value for c in cells] == FORMULA_LOOKING
    assert [c.data_type for c in cells] == ["s"] * len(FORMULA_LOOKING)
    assert all(c.quotePrefix for c in cells)  # Excel/WPS show it literally, even when edited
    assert "<f>" not in sheet_xml(tmp_path / "登记记录.xlsx")


def test_ordinary_text_has_no_quote_prefix(tmp_path):
    (cell,) = only_column(tmp_path, CellKind.TEXT, ["北山社区 1+1"])

    assert (cell.value, cell.data_type, cell.quotePrefix) == ("北山社区 1+1", "s", False)


def test_characters_xml_cannot_hold_are_dropped_or_marked(tmp_path):
    values = ["张\x00三\x07", "a\x1bb", "行一\n行二\t列", "坏\ud800字", "\x01=1+1"]

    cells = only_column(tmp_path, CellKind.TEXT, values)

    assert [c.value for c in cells] == ["张三", "ab", "行一\n行二\t列", "坏\ufffd字", "=1+1"]
    assert cells[-1].data_type == "s"


def test_text_over_the_cell_limit_is_cut_with_a_marker(tmp_path):
    long_ascii = "甲" + "a" * 40_000
    long_rare = "𠮷" * 20_000  # 40,000 UTF-16 units: Excel counts these twice

    cells = only_column(tmp_path, CellKind.TEXT, [long_ascii, long_rare, "a" * MAX_CELL_CHARS])

    for cell in cells[:2]:
        assert cell.value.endswith(TRUNCATION_MARKER)
        assert len(cell.value.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS
    assert cells[0].value.startswith("甲aaa")
    assert set(cells[1].value.removesuffix(TRUNCATION_MARKER)) == {"𠮷"}
    assert cells[2].value == "a" * MAX_CELL_CHARS  # exactly at the limit: untouched


def test_rare_characters_survive(tmp_path):
    names = ["吉𠮷", "𪚥", "㐀㙟", "王𡈼"]  # CJK Extension B and A

    cells = only_column(tmp_path, CellKind.TEXT, names)

    assert [c.value for c in cells] == names


def test_row_length_must_match_the_columns(tmp_path):
    with pytest.raises(ValueError):
        write_sheet(tmp_path / "x.xlsx", "登记记录", VISIT_COLUMNS, [VISIT[:3]])
    assert list(tmp_path.iterdir()) == []


# --- overflow -------------------------------------------------------------------------------


def test_rows_beyond_a_sheet_continue_on_new_sheets_with_the_same_header(tmp_path):
    columns = [SheetColumn("n", "序号", CellKind.INTEGER), SheetColumn("name", "姓名")]
    rows = [[i, f"人员{i}"] for i in range(1, 13)]

    result, book = export(tmp_path, columns, rows, max_rows_per_sheet=5)

    assert result.sheet_names == ("登记记录", "登记记录 (2)", "登记记录 (3)")
    assert book.sheetnames == list(result.sheet_names)
    assert result.rows == 12
    for number, sheet in enumerate(book.worksheets):
        assert [c.value for c in sheet[1]] == ["序号", "姓名"]
        assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == list(
            range(number * 4 + 1, number * 4 + 5)
        )
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == "A1:B5"
        assert sheet.column_dimensions["B"].width


def test_overflow_counts_the_heading_row(tmp_path):
    rows = [[i] for i in range(7)]

    result, book = export(
        tmp_path,
        [SheetColumn("n", "序号", CellKind.INTEGER)],
        rows,
        max_rows_per_sheet=5,
        heading="标题",
    )

    assert [s.max_row for s in book.worksheets] == [5, 5, 3]
    assert book.worksheets[2].auto_filter.ref == "A2:A3"
    assert result.rows == 7


def test_sheet_names_are_made_acceptable_to_excel(tmp_path):
    path = tmp_path / "x.xlsx"
    name = "金沙街道/北山社区:卡点[1]登记记录*2026年11月全部人员"

    result = write_sheet(path, name, VISIT_COLUMNS, [VISIT] * 3, max_rows_per_sheet=2)

    assert all(len(n) <= 31 and not set(n) & set("/\\:*?[]") for n in result.sheet_names)
    assert result.sheet_names[2].endswith(" (3)")


# --- progress, cancel and failures ----------------------------------------------------------


def test_progress_is_told_every_thousand_rows(tmp_path):
    calls = []

    write_sheet(
        tmp_path / "x.xlsx",
        "登记记录",
        VISIT_COLUMNS,
        [VISIT] * 2_500,
        progress=lambda done, total: calls.append((done, total)),
    )

    assert calls == [(0, 2_500), (1_000, 2_500), (2_000, 2_500), (2_500, 2_500)]


def test_cancel_leaves_no_file_and_keeps_the_previous_one(tmp_path):
    path = tmp_path / "登记记录.xlsx"
    path.write_bytes(b"previous export")
    temporary_files = list(openpyxl_sheet_writer.ALL_TEMP_FILES)

    with pytest.raises(Cancelled):
        write_sheet(
            path,
            "登记记录",
            VISIT_COLUMNS,
            ([VISIT] * 5_000),
            total=5_000,
            progress=lambda done, total: done < 2_000,
        )

    assert list(tmp_path.iterdir()) == [path]
    assert path.read_bytes() == b"previous export"
    assert openpyxl_sheet_writer.ALL_TEMP_FILES == temporary_files  # streamed rows removed


def test_an_error_while_reading_rows_leaves_no_file(tmp_path):
    def rows():
        yield VISIT
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        write_sheet(tmp_path / "x.xlsx", "登记记录", VISIT_COLUMNS, rows())

    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_a_known_error(tmp_path):
    with pytest.raises(ExcelWriteProblem, match="找不到文件夹"):
        write_sheet(tmp_path / "没有" / "x.xlsx", "登记记录", VISIT_COLUMNS, [VISIT])


def test_a_folder_in_place_of_the_file_is_a_known_error(tmp_path):
    (tmp_path / "x.xlsx").mkdir()

    with pytest.raises(KnownError, match="是一个文件夹"):
        write_sheet(tmp_path / "x.xlsx", "登记记录", VISIT_COLUMNS, [VISIT])

    assert [p.name for p in tmp_path.iterdir()] == ["x.xlsx"]


def test_a_file_open_in_excel_asks_to_close_it(tmp_path, monkeypatch):
    # Windows refuses to replace a file Excel holds open: PermissionError at the rename.
    def locked(source, target):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(xlsx_saving.os, "replace", locked)

    with pytest.raises(ExcelWriteProblem) as caught:
        write_sheet(tmp_path / "登记记录.xlsx", "登记记录", VISIT_COLUMNS, [VISIT])

    assert caught.value.message == (
        "无法写入“登记记录.xlsx”，文件可能正在 Excel/WPS 中打开，请关闭后重试。"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_is_a_known_error(tmp_path, monkeypatch):
    def full(self, filename):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsx_saving.Workbook, "save", full)

    with pytest.raises(ExcelWriteProblem, match="磁盘空间不足"):
        write_sheet(tmp_path / "x.xlsx", "登记记录", VISIT_COLUMNS, [VISIT])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_export_gets_ordinary_file_permissions(tmp_path):
    ordinary = tmp_path / "ordinary"
    ordinary.write_bytes(b"")

    write_sheet(tmp_path / "x.xlsx", "登记记录", VISIT_COLUMNS, [VISIT])

    assert (tmp_path / "x.xlsx").stat().st_mode == ordinary.stat().st_mode


# --- error workbook -------------------------------------------------------------------------


def test_error_workbook_keeps_the_rows_and_marks_the_bad_cells(tmp_path):
    path = tmp_path / "导入错误.xlsx"
    headers = ["姓名", "公民身份号码", "登记时间"]
    errors = [
        ErrorRow(["张三", "32061219900101123", "2026-11-25"], 3, "公民身份号码应为 18 位", [1]),
        ErrorRow(["", '=HYPERLINK("x")', datetime(2026, 11, 25, 9, 30)], 7, "姓名必填", [0, 1]),
        ErrorRow(["李四"], 9, "缺少列"),
    ]

    write_error_workbook(path, headers, errors)

    sheet = load_workbook(path).active
    rows = [list(r) for r in sheet.iter_rows()]
    assert [c.value for c in rows[0]] == ["姓名", "公民身份号码", "登记时间", "原行号", "错误原因"]
    assert [c.value for c in rows[1]] == [
        "张三",
        "32061219900101123",
        "2026-11-25",
        3,
        "公民身份号码应为 18 位",
    ]
    assert [c.value for c in rows[2]] == [
        None,
        '=HYPERLINK("x")',
        datetime(2026, 11, 25, 9, 30),
        7,
        "姓名必填",
    ]
    assert [c.value for c in rows[3]] == ["李四", None, None, 9, "缺少列"]
    assert rows[2][1].data_type == "s" and rows[2][1].quotePrefix

    def red(cell):
        return cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("FFC7CE")

    marked = {
        (r, c) for r, row in enumerate(rows[1:], 2) for c, cell in enumerate(row) if red(cell)
    }
    assert marked == {(2, 1), (3, 0), (3, 1)}
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E4"


# --- template -------------------------------------------------------------------------------

TEMPLATE_HINT_ID = "按文字填写（已设为文本格式，不会变成科学计数法），如 320612199001011234"
LONG_CHOICES = tuple(f"金沙街道第{n}网格（北山社区片区）" for n in range(1, 31))
TEMPLATE_COLUMNS = [
    TemplateColumn("name", "姓名", required=True, note="与证件上的姓名一致"),
    TemplateColumn(
        "document_type", "证件类型", choices=("居民身份证", "护照", "港澳居民来往内地通行证")
    ),
    TemplateColumn("id_number", "证件号码", CellKind.IDENTIFIER, required=True),
    TemplateColumn("risk_level", "风险等级", choices=("低风险", "中风险", "高风险")),
    TemplateColumn("grid", "所属网格", choices=LONG_CHOICES),
    TemplateColumn("arrived_on", "到达日期", CellKind.DATE),
    TemplateColumn("flagged", "是否异常", CellKind.BOOL),
    TemplateColumn("count", "同行人数", CellKind.INTEGER),
]


def test_template_headers_mark_required_columns_and_explain_them(tmp_path):
    path = tmp_path / "模板.xlsx"

    write_template(path, "人员导入", TEMPLATE_COLUMNS)

    book = load_workbook(path)
    sheet = book["人员导入"]
    assert [c.value for c in sheet[1]] == [
        "姓名*",
        "证件类型",
        "证件号码*",
        "风险等级",
        "所属网格",
        "到达日期",
        "是否异常",
        "同行人数",
    ]
    assert sheet.max_row == 1  # nothing to import by mistake
    assert sheet.freeze_panes == "A2"
    assert "必填" in sheet["A1"].comment.text and "与证件上的姓名一致" in sheet["A1"].comment.text
    assert "文本格式" in sheet["C1"].comment.text
    assert sheet["B1"].comment.text.startswith("选填")


def test_template_offers_drop_down_lists_and_checks_dates(tmp_path):
    path = tmp_path / "模板.xlsx"

    write_template(path, "人员导入", TEMPLATE_COLUMNS)

    book = load_workbook(path)
    checks = {str(v.sqref): v for v in book["人员导入"].data_validations.dataValidation}
    assert checks["B2:B1048576"].type == "list"
    assert checks["B2:B1048576"].formula1 == '"居民身份证,护照,港澳居民来往内地通行证"'
    assert checks["D2:D1048576"].formula1 == '"低风险,中风险,高风险"'
    assert checks["G2:G1048576"].formula1 == '"是,否"'
    # Over 255 characters: the list lives on a hidden sheet.
    assert len(",".join(LONG_CHOICES)) > 255
    assert checks["E2:E1048576"].formula1 == "'选项'!$E$1:$E$30"
    lists = book["选项"]
    assert lists.sheet_state == "hidden"
    assert [r[0] for r in lists.iter_rows(min_col=5, max_col=5, values_only=True)] == list(
        LONG_CHOICES
    )
    assert all(v.showErrorMessage and v.error for v in checks.values())
    assert checks["F2:F1048576"].type == "date"
    assert "C2:C1048576" not in checks


def test_template_columns_are_preformatted(tmp_path):
    path = tmp_path / "模板.xlsx"

    write_template(path, "人员导入", TEMPLATE_COLUMNS)

    columns = load_workbook(path)["人员导入"].column_dimensions
    assert columns["C"].number_format == "@"  # an ID number typed here stays text
    assert columns["A"].number_format == "@"
    assert columns["F"].number_format == DATE_FORMAT
    assert columns["H"].number_format == "General"
    assert all(columns[letter].width >= 8 for letter in "ABCDEFGH")


def test_template_instructions_sheet_lists_rules_and_columns(tmp_path):
    path = tmp_path / "模板.xlsx"
    example = ["张三", "居民身份证", ID_NUMBER, "低风险", None, date(2026, 11, 25), False, 0]

    write_template(path, "人员导入", TEMPLATE_COLUMNS, example=example, rules=["每人填写一行。"])

    book = load_workbook(path)
    assert book.sheetnames[:2] == ["人员导入", "填写说明"]
    rows = [r for r in book["填写说明"].iter_rows(values_only=True) if any(r)]
    text = "\n".join(str(v) for r in rows for v in r if v)
    assert "列名带 * 的列必须填写" in text and "每人填写一行。" in text
    by_name = {r[0]: r for r in rows}
    assert by_name["列名"] == ("列名", "是否必填", "填写要求", "可选值", "说明", "示例")
    assert by_name["证件号码"][1] == "必填" and by_name["证件号码"][5] == ID_NUMBER
    assert by_name["风险等级"][2:4] == ("从下拉列表中选择", "低风险、中风险、高风险")
    assert by_name["所属网格"][3] == "见下拉列表（共 30 项）"
    assert by_name["到达日期"][5] == "2026-11-25"


# --- LibreOffice ----------------------------------------------------------------------------


def test_libreoffice_shows_the_export_as_written(tmp_path):
    libreoffice.require_soffice()
    columns = [
        SheetColumn("name", "姓名"),
        SheetColumn("id_number", "公民身份号码", CellKind.IDENTIFIER),
        SheetColumn("birth_date", "出生日期", CellKind.DATE),
        SheetColumn("visited_at", "登记时间", CellKind.DATETIME),
        SheetColumn("temperature", "体温", CellKind.DECIMAL),
        SheetColumn("flagged", "是否异常", CellKind.BOOL),
        SheetColumn("note", "备注"),
    ]
    beijing = timezone(timedelta(hours=8))
    moment = datetime(2026, 11, 25, 9, 5, tzinfo=beijing)
    shown_moment = moment.astimezone().replace(tzinfo=None).strftime("%Y-%m-%d %H:%M")
    rows = [
        [
            "吉𠮷",
            int(ID_NUMBER),
            date(1990, 1, 1),
            datetime(2026, 11, 25, 9, 5),
            36.5,
            False,
            "=1+1",
        ],
        ["王小明", "+8613800000000", date(2000, 12, 31), moment, 37, True, "-2"],
        ["李四", ID_NUMBER, None, None, None, None, "@SUM(A1)"],
    ]
    path = tmp_path / "登记记录.xlsx"
    write_sheet(path, "登记记录", columns, rows, max_rows_per_sheet=3)

    sheets = libreoffice.convert_to_csv(path)

    assert list(sheets) == ["登记记录", "登记记录 (2)"]
    first, second = (libreoffice.read_csv(csv_file) for csv_file in sheets.values())

    header = ["姓名", "公民身份号码", "出生日期", "登记时间", "体温", "是否异常", "备注"]
    assert first == [
        header,
        ["吉𠮷", ID_NUMBER, "1990年1月1日", "2026-11-25 09:05", "36.5", "否", "=1+1"],
        ["王小明", "+8613800000000", "2000年12月31日", shown_moment, "37.0", "是", "-2"],
    ]
    assert second == [header, ["李四", ID_NUMBER, "", "", "", "", "@SUM(A1)"]]


def test_libreoffice_opens_the_template(tmp_path):
    libreoffice.require_soffice()
    path = tmp_path / "模板.xlsx"
    write_template(path, "人员导入", TEMPLATE_COLUMNS, example=[None, None, ID_NUMBER])

    sheets = libreoffice.convert_to_csv(path)

    assert list(sheets) == ["人员导入", "填写说明", "选项"]
    data, instructions, lists = (libreoffice.read_csv(p) for p in sheets.values())
    assert data == [
        [
            "姓名*",
            "证件类型",
            "证件号码*",
            "风险等级",
            "所属网格",
            "到达日期",
            "是否异常",
            "同行人数",
        ]
    ]
    assert ["证件号码", "必填", TEMPLATE_HINT_ID, "", "", ID_NUMBER] in instructions
    assert [row[4] for row in lists] == list(LONG_CHOICES)


def test_libreoffice_required_in_ci_fails_instead_of_skipping(monkeypatch):
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    monkeypatch.setenv(libreoffice.REQUIRE_VARIABLE, "1")

    with pytest.raises(pytest.fail.Exception):
        libreoffice.require_soffice()

    monkeypatch.delenv(libreoffice.REQUIRE_VARIABLE)
    with pytest.raises(pytest.skip.Exception):
        libreoffice.require_soffice()


def test_no_temporary_file_is_left_beside_a_finished_export(tmp_path):
    write_sheet(tmp_path / "x.xlsx", "登记记录", VISIT_COLUMNS, [VISIT])

    assert [p.name for p in tmp_path.iterdir()] == ["x.xlsx"]
    assert not any(name.startswith(".~") for name in os.listdir(tmp_path))
