"""The import framework: mappings proposed, corrected and remembered; clear messages for mappings
and files that cannot be imported; nothing written without permission, on cancel or on a
hostile file; the error workbook for the sender; lookups batched for big files."""

from __future__ import annotations

import openpyxl
import pytest
from sqlalchemy import event

from jinsha_desktop.domain.errors import Cancelled, PermissionDenied, ValidationError
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.reports import import_files, xlsx_scan
from jinsha_desktop.reports.xlsx_reading import WorkbookProblem
from jinsha_desktop.reports.xlsx_writing import REASON_HEADER, ROW_NUMBER_HEADER
from jinsha_desktop.services import imports as im
from jinsha_desktop.services.imports import RowOutcome, importer_of
from tests.reports import import_workbooks as iw
from tests.reports import libreoffice
from tests.reports import messy_workbooks as mw
from tests.unit.support import audit_entries, logged_in_as, resident_id, row_counts

ROSTER = importer_of("roster")
ZHANG = resident_id("320612", "19900101", 123)
LI = resident_id("320612", "19920315", 124)


def read(context, path, importer=ROSTER):
    return import_files.read_for_import(context, importer, path)


def preview_of(context, path, mapping=None, importer=ROSTER, **options):
    table = read(context, path, importer)
    if mapping is None:
        mapping = im.remembered_mapping(context, importer, table)
    return im.preview_import(context, importer, table, mapping, path=path, **options)


def people_sheet(tmp_path, headers, rows, name="people.xlsx", title_rows=0):
    return mw.simple_sheet(tmp_path, headers, rows, name=name, title_rows=title_rows)


# ---------------------------------------------------------------- mappings


def test_the_mapping_is_proposed_from_header_variants(admin, tmp_path):
    path = people_sheet(
        tmp_path,
        ["序号", "姓 名", "身份证号码（必填）", "联系电话", "家庭住址"],
        [[1, "张三", ZHANG, "13812345678", "北山"]],
    )
    table = read(admin, path)
    assert im.remembered_mapping(admin, ROSTER, table) == {
        1: "name",
        2: "document_number",
        3: "phone",
        4: "address",
    }


def test_a_corrected_mapping_is_used_and_remembered_for_the_next_file(admin, tmp_path):
    headers = ["姓名", "身份证", "通讯", "地址"]  # 通讯 names no field; 地址 is not wanted
    first = people_sheet(tmp_path, headers, [["张三", ZHANG, "13812345678", "北山"]], "first.xlsx")
    table = read(admin, first)
    proposed = im.remembered_mapping(admin, ROSTER, table)
    assert proposed == {0: "name", 1: "document_number", 3: "address"}

    corrected = im.mapping_from_names(ROSTER, table, {"C": "手机号", "地址": "-"}, proposed)
    assert corrected == {0: "name", 1: "document_number", 2: "phone"}
    preview = im.preview_import(admin, ROSTER, table, corrected, path=first)
    assert preview.rows[0].values["phone"] == "13812345678"
    assert preview.rows[0].values["address"] == ""
    im.apply_import(admin, preview)

    second = people_sheet(tmp_path, headers, [["李四", LI, "13912345678", "城东"]], "second.xlsx")
    assert im.remembered_mapping(admin, ROSTER, read(admin, second)) == corrected
    # Other headers still get proposals, and another importer remembers its own.
    other = people_sheet(tmp_path, ["姓名", "证件号码", "住址"], [["王五", ZHANG, "x"]], "o.xlsx")
    assert im.remembered_mapping(admin, ROSTER, read(admin, other)) == {
        0: "name",
        1: "document_number",
        2: "address",
    }
    match_list = importer_of("match_list")
    assert im.remembered_mapping(admin, match_list, read(admin, second, match_list)) == {
        0: "name",
        1: "document_number",
    }


def test_a_required_column_left_unmapped_is_named(admin, tmp_path):
    path = people_sheet(tmp_path, ["姓名", "身份证号", "手机"], [["张三", ZHANG, "13812345678"]])
    table = read(admin, path)
    before = row_counts(admin)

    with pytest.raises(ValidationError) as raised:
        im.preview_import(admin, ROSTER, table, {0: "name", 2: "phone"})

    assert "必填的“证件号码”没有对应到表格中的列" in raised.value.message
    with pytest.raises(ValidationError, match="“姓名”同时对应了 A 列、B 列"):
        im.preview_import(admin, ROSTER, table, {0: "name", 1: "name"})
    match_list = importer_of("match_list")
    with pytest.raises(ValidationError, match="“证件号码”或“手机号”至少要对应表格中的一列"):
        im.preview_import(admin, match_list, read(admin, path, match_list), {0: "name"})
    with pytest.raises(ValidationError, match="表格中没有“E”这一列"):
        im.mapping_from_names(ROSTER, table, {"E": "姓名"})
    with pytest.raises(ValidationError, match="没有“血型”这一项"):
        im.mapping_from_names(ROSTER, table, {"A": "血型"})
    assert row_counts(admin) == before


# ---------------------------------------------------------------- rows


def test_a_formula_saved_without_its_value_rejects_its_row_and_elsewhere_is_ignored(
    admin, tmp_path
):
    """openpyxl saves formulas without the value they compute."""
    path = people_sheet(
        tmp_path,
        ["姓名", "身份证号", "手机", "序号"],
        [
            ["张三", ZHANG, "13812345678", "=ROW()-1"],
            ['=CONCAT("李","四")', LI, "13912345678", 2],
        ],
    )
    preview = preview_of(admin, path)
    assert [row.outcome for row in preview.rows] == [RowOutcome.ADD, RowOutcome.REJECT]
    assert preview.rows[1].reason == f"A3 姓名：{im.FORMULA_MESSAGE}。"
    assert preview.rows[1].bad_columns == (0,)


def test_every_problem_of_a_row_is_reported_with_its_cell(admin, tmp_path):
    path = people_sheet(
        tmp_path, ["姓名", "身份证号", "手机", "出生日期"], [[None, "12345", "1381234", "明天"]]
    )
    row = preview_of(admin, path).rows[0]
    assert row.outcome is RowOutcome.REJECT
    # In the roster's order (the document first); an empty name in the person rules' words.
    assert row.reason.split("；") == [
        "B2 证件号码：公民身份号码应为 18 位（老证件 15 位），现在是 5 位",
        "A2 姓名：请填写姓名",
        "D2 出生日期：出生日期“明天”不是日期，请写成 2022-08-05 或 2022年8月5日 这样的格式",
        "C2 手机号：手机号码应为 11 位，现在是 7 位。",
    ]
    assert row.bad_columns == (0, 1, 2, 3)


def test_a_passport_number_without_its_type_gets_a_hint(admin, tmp_path):
    path = people_sheet(tmp_path, ["姓名", "证件号码"], [["John", "E12345678"]])
    assert "请在“证件类型”列注明" in preview_of(admin, path).rows[0].reason


# ---------------------------------------------------------------- the error workbook


def test_rejected_rows_go_back_to_the_sender_with_reasons_and_red_cells(admin, tmp_path):
    preview = preview_of(admin, iw.messy_roster(tmp_path))
    path = tmp_path / "错误.xlsx"

    assert import_files.write_rejected(preview, path) == 3

    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [*iw.ROSTER_HEADERS, ROW_NUMBER_HEADER, REASON_HEADER]
    by_number = {row[-2]: row for row in rows[1:]}
    assert sorted(by_number) == [8, 9, 11]
    original = dict(iw.ROSTER_ROWS)
    assert by_number[8][:4] == (*original[8][:1], "金余村", *original[8][2:4])  # B8 merged
    assert by_number[8][4] == f"{float(iw.ZHAO):.0f}"  # its digits, not 3.20612E+17
    assert by_number[8][5:10] == tuple(original[8][5:10])
    assert by_number[9][4] == iw.full_width(iw.QIAN)
    # The reader keeps a formula's cached value, not its text; openpyxl wrote none.
    assert by_number[11][7] is None and by_number[11][2] == "孙八"
    assert by_number[9][-1].startswith("F9 性别：")
    red = {
        (cell.row, cell.column - 1)
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if cell.fill.fgColor.rgb == "00FFC7CE"
    }
    assert red == {(2, 4), (3, 4), (3, 5), (4, 7)}


def test_no_error_workbook_when_nothing_is_rejected(admin, tmp_path):
    path = people_sheet(tmp_path, ["姓名", "身份证号"], [["张三", ZHANG]])
    assert import_files.write_rejected(preview_of(admin, path), tmp_path / "none.xlsx") == 0
    assert not (tmp_path / "none.xlsx").exists()


# ---------------------------------------------------------------- files that cannot be imported


@pytest.mark.parametrize(
    "make, fragment",
    [
        pytest.param(mw.text_renamed, "不是 Excel 工作簿", id="text-renamed"),
        pytest.param(mw.html_renamed, "网页或 XML", id="html-renamed"),
        pytest.param(mw.encrypted_workbook, "文件设置了密码", id="encrypted"),
        pytest.param(mw.old_xls_like, "旧版 Excel 文件", id="old-xls"),
        pytest.param(mw.truncated, "文件不完整或已损坏", id="truncated"),
        pytest.param(mw.corrupted_member, "文件不完整或已损坏", id="damaged-inside"),
        pytest.param(lambda folder: mw.zip_bomb(folder, 20), "压缩炸弹", id="zip-bomb"),
        pytest.param(mw.zip_without_workbook, "不是 Excel 工作簿", id="zip-without-workbook"),
        pytest.param(
            lambda folder: mw.simple_sheet(folder, ["单位", "日期"], [["x", 1]]),
            "没有找到表头",
            id="no-header",
        ),
        pytest.param(
            lambda folder: mw.simple_sheet(folder, ["姓名", "身份证号"], []),
            "下面没有数据",
            id="no-rows",
        ),
    ],
)
def test_a_file_that_cannot_be_imported_says_why_and_changes_nothing(
    admin, tmp_path, make, fragment
):
    path = make(tmp_path)
    before = row_counts(admin)
    with pytest.raises(WorkbookProblem) as raised:
        read(admin, path)
    assert fragment in raised.value.message
    assert row_counts(admin) == before


def test_a_missing_header_message_names_the_expected_columns(admin, tmp_path):
    path = mw.simple_sheet(tmp_path, ["单位", "日期"], [["x", 1]])
    with pytest.raises(WorkbookProblem) as raised:
        read(admin, path)
    assert "“姓名”、“证件类型”、“证件号码”" in raised.value.message


def test_a_million_styled_empty_rows_are_passed_over(admin, tmp_path, monkeypatch):
    path = mw.million_empty_styled_rows(tmp_path / "million.xlsx")
    parsed = []  # rows parsed as XML: the styled tail is skimmed, not parsed row by row
    read_row = xlsx_scan._read_row
    monkeypatch.setattr(xlsx_scan, "_read_row", lambda *args: parsed.append(1) or read_row(*args))
    preview = preview_of(admin, path)
    assert len(parsed) <= xlsx_scan.BLANK_ROWS_BEFORE_SKIMMING + 10
    assert [row.number for row in preview.rows] == [2, 3, 4]
    # The generator's numbers have a wrong check digit: rejected, nothing to write.
    assert preview.counts()[RowOutcome.REJECT] == 3


# ---------------------------------------------------------------- permission, cancel, audit


def test_a_role_without_permission_can_neither_preview_nor_import(admin, tmp_path):
    path = iw.messy_roster(tmp_path)
    preview = preview_of(admin, path)
    viewer = logged_in_as(admin, "viewer", Role.VIEWER)
    before = row_counts(admin)

    with pytest.raises(PermissionDenied):
        read(viewer, path)
    with pytest.raises(PermissionDenied):
        im.preview_import(viewer, ROSTER, preview.table, preview.mapping)
    with pytest.raises(PermissionDenied):
        im.apply_import(viewer, preview)
    clerk = logged_in_as(admin, "clerk", Role.CLERK)  # people yes, reference data no
    with pytest.raises(PermissionDenied):
        read(clerk, iw.messy_risk_areas(tmp_path), importer_of("risk_areas"))

    after = row_counts(admin)
    assert after["person"] == before["person"] == 0
    assert after["setting"] == before["setting"]


def test_a_cancelled_import_writes_nothing(admin, tmp_path):
    path = iw.big_roster(tmp_path / "big.xlsx", 2_500)
    preview = preview_of(admin, path)
    before = row_counts(admin)
    calls = []

    def stop_after_first_batch(done, total):
        calls.append((done, total))
        return done < 2_000

    with pytest.raises(Cancelled):
        im.apply_import(admin, preview, progress=stop_after_first_batch)
    assert row_counts(admin) == before
    assert calls[:3] == [(0, 2_500), (1_000, 2_500), (2_000, 2_500)]
    with pytest.raises(Cancelled):
        preview_of(admin, path, progress=lambda done, total: done == 0)


def test_an_import_is_audited_once_with_the_file_and_its_counts(admin, tmp_path):
    path = iw.messy_roster(tmp_path)
    im.apply_import(admin, preview_of(admin, path))

    entries = audit_entries(admin, action="import")
    assert [e.summary for e in entries] == [
        "导入来访人员名单“来访人员.xlsx”：新增 6 行，更新 0 行，重复 1 行，错误 3 行"
    ]
    assert len(audit_entries(admin, action="create", table_name="person")) == 6


def test_people_are_looked_up_500_documents_at_a_time(admin, tmp_path):
    path = iw.big_roster(tmp_path / "big.xlsx", 2_500)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if "FROM person" in statement:
            statements.append(statement)

    event.listen(admin.database.engine, "before_cursor_execute", count)
    try:
        preview = preview_of(admin, path)
        assert preview.counts()[RowOutcome.ADD] == 2_500
        assert len(statements) == 5  # batches of 1,000 rows: 500 + 500, 500 + 500, 500
        statements.clear()
        im.apply_import(admin, preview)
        assert len(statements) == 5
    finally:
        event.remove(admin.database.engine, "before_cursor_execute", count)
    assert row_counts(admin)["person"] == 2_500


@pytest.mark.slow
def test_a_roster_of_100k_rows_is_previewed_imported_and_then_seen_as_duplicates(admin, tmp_path):
    # How long this takes is a benchmark (tests/benchmarks/bench_excel.py, `excel_import`),
    # not an assertion: a shared machine under load would fail any fixed limit.
    path = iw.big_roster(tmp_path / "big.xlsx", 100_000)
    calls: list[tuple[int, int]] = []

    preview = preview_of(admin, path, progress=lambda *call: calls.append(call))
    counts = im.apply_import(admin, preview)

    assert counts[RowOutcome.ADD] == row_counts(admin)["person"] == 100_000
    assert len(calls) == 101 and calls[-1] == (100_000, 100_000)
    again = preview_of(admin, path)
    assert again.counts()[RowOutcome.DUPLICATE] == 100_000


# ---------------------------------------------------------------- a village's real roster

WANG = resident_id("320612", "19880808", 126)
LOST_DIGITS = 3.20681198802032e17
"""An 18-digit ID Excel stored as a number: 15 significant digits kept."""
PEOPLE = [
    ("张三", ZHANG, "13812345678", "12号"),
    ("李四", LOST_DIGITS, "13912345678", "14号"),
    ("王五", WANG, "13712345678", "16号"),
]


def test_formula_columns_are_read_from_the_values_saved_with_them(admin, tmp_path):
    """性别 and 住址 computed by formulas (as Excel or WPS saved them) no longer reject rows."""
    path = mw.real_roster(tmp_path / "roster.xlsx", [PEOPLE[0], PEOPLE[2]])
    preview = preview_of(admin, path)
    assert [(r.number, r.outcome) for r in preview.rows] == [
        (3, RowOutcome.ADD),
        (4, RowOutcome.ADD),
    ]
    zhang = preview.rows[0]
    assert zhang.values["address"] == "江苏省南通市通州区金沙街道12号"
    # the preview marks which values came from formulas
    assert "D3 性别为公式计算值；G3 住址为公式计算值" in zhang.details
    before = row_counts(admin)["person"]
    im.apply_import(admin, preview)
    assert row_counts(admin)["person"] == before + 2


def test_a_formula_saved_without_its_value_rejects_only_its_row_naming_the_cell(admin, tmp_path):
    path = mw.real_roster(tmp_path / "roster.xlsx", [PEOPLE[0], PEOPLE[2]], uncached_row=2)
    preview = preview_of(admin, path)
    first, second = preview.rows
    assert first.outcome is RowOutcome.ADD
    assert second.outcome is RowOutcome.REJECT and second.bad_columns == (3,)
    assert second.reason.startswith("D4 性别：是公式，但文件中没有保存公式的计算结果")


def test_a_formula_whose_saved_value_is_an_error_says_so(admin, tmp_path):
    raw = mw.RawSheet()
    rows = [
        raw.row(1, ["姓名", "身份证号", "性别"]),
        raw.row(2, ["张三", ZHANG, mw.Formula("MID(B2,17,1)*x", "#NAME?", error=True)]),
    ]
    path = mw.write_raw_workbook(
        tmp_path / "error.xlsx", [mw.SHEET_START, *rows, mw.SHEET_END], raw
    )
    [row] = preview_of(admin, path).rows
    assert row.outcome is RowOutcome.REJECT
    assert row.reason == "C2 性别：公式的计算结果是错误值 #NAME?，请检查公式。"


def test_numbered_empty_rows_and_footer_lines_are_neither_data_nor_errors(admin, tmp_path):
    path = mw.real_roster(tmp_path / "roster.xlsx", [PEOPLE[0], PEOPLE[2]], numbered_to=30)
    table = read(admin, path)
    assert [row.number for row in table.rows] == [3, 4]
    # 28 numbered rows with the formulas dragged down, then 合计, 填表人…, 日期…
    assert len(table.skipped_rows) == 28 + 3
    preview = preview_of(admin, path)
    assert preview.counts()[RowOutcome.REJECT] == 0 and preview.counts()[RowOutcome.ADD] == 2


def test_a_serial_number_alone_or_a_total_is_skipped_but_a_name_is_not(admin, tmp_path):
    path = people_sheet(
        tmp_path,
        ["序号", "姓名", "身份证号"],
        [
            [1, "张三", ZHANG],
            [2, None, None],
            [3, "日月", None],  # a name, even one starting with 日: data (and an error)
            ["合计：1人", None, None],
            [None, "审核人：李四", None],
            ["填报日期：2026-11-25", None, None],
        ],
    )
    preview = preview_of(admin, path)
    assert [(r.number, r.outcome) for r in preview.rows] == [
        (2, RowOutcome.ADD),
        (4, RowOutcome.REJECT),
    ]


def test_an_id_stored_as_a_number_shows_its_digits_in_the_error_workbook(admin, tmp_path):
    path = mw.real_roster(tmp_path / "roster.xlsx", PEOPLE)
    preview = preview_of(admin, path)
    [lost] = preview.rows_with(RowOutcome.REJECT)
    assert lost.number == 4 and "e+17" not in lost.reason.lower()
    errors = tmp_path / "错误.xlsx"
    assert import_files.write_rejected(preview, errors) == 1
    sheet = openpyxl.load_workbook(errors).active
    [row] = list(sheet.iter_rows(min_row=2, values_only=True))
    assert row[2] == "320681198802032000"


def test_a_roster_recalculated_by_libreoffice_imports_its_formula_columns(admin, tmp_path):
    """openpyxl writes formulas without values (rejected, naming the cell); LibreOffice, like
    Excel and WPS, saves the computed values, and then every row imports."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["序号", "姓名", "身份证号码", "性别", "门牌", "住址"])
    for number, (name, id_number, _phone, house) in enumerate([PEOPLE[0], PEOPLE[2]], start=2):
        sheet.append(
            [
                number - 1,
                name,
                id_number,
                f'=IF(MOD(MID(C{number},17,1),2)=1,"男","女")',
                house,
                f'="江苏省南通市通州区金沙街道"&E{number}',
            ]
        )
    written = tmp_path / "openpyxl.xlsx"
    workbook.save(written)
    assert all(r.outcome is RowOutcome.REJECT for r in preview_of(admin, written).rows)

    saved = libreoffice.recalculated_xlsx(written, tmp_path / "libreoffice")
    preview = preview_of(admin, saved)
    assert [r.outcome for r in preview.rows] == [RowOutcome.ADD, RowOutcome.ADD]
    assert preview.rows[1].values["address"] == "江苏省南通市通州区金沙街道16号"
