"""Reading office spreadsheets: messy layouts are understood, hostile files are refused calmly."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from datetime import date, datetime
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest

from jinsha_desktop.domain.errors import Cancelled, ValidationError
from jinsha_desktop.domain.loose_values import cell_text, id_number_cell, parse_loose_date
from jinsha_desktop.domain.sheets import cell_reference, normalize_header, propose_mapping
from jinsha_desktop.reports import xlsx_package, xlsx_scan
from jinsha_desktop.reports.xlsx_reading import (
    WorkbookProblem,
    check_workbook_file,
    read_sheet,
    sheet_names,
)
from tests.reports import messy_workbooks as mw

PERSON = {
    "serial": ["序号"],
    "community": ["社区", "所属社区", "社区/村"],
    "name": ["姓名", "名字"],
    "id_number": ["身份证号", "身份证号码", "证件号码", "公民身份号码"],
    "phone": ["手机", "手机号码", "联系电话"],
    "landline": ["固定电话"],
    "visit_date": ["来访日期", "登记日期"],
    "birth_date": ["出生日期"],
    "note": ["备注"],
}
ROSTER_FIELDS = [
    "serial",
    "community",
    "name",
    "id_number",
    "phone",
    "visit_date",
    "birth_date",
    "note",
]
AUG_5 = date(2022, 8, 5)


@pytest.fixture(scope="module")
def roster(tmp_path_factory):
    return read_sheet(mw.messy_roster(tmp_path_factory.mktemp("roster")), PERSON)


@pytest.fixture(scope="session")
def huge(tmp_path_factory) -> Path:
    """The folder of the big generated files, made once per session."""
    return tmp_path_factory.mktemp("huge")


# ---------------------------------------------------------------- a messy roster


def test_the_header_is_found_under_a_merged_title_and_a_subtitle(roster):
    assert roster.sheet_name == "登记表"
    assert roster.header_row == mw.HEADER_ROW
    assert list(roster.headers) == [h.strip() for h in mw.ROSTER_HEADERS]


def test_headers_with_markers_and_line_breaks_map_to_their_fields(roster):
    assert roster.propose_mapping() == dict(enumerate(ROSTER_FIELDS))


def test_rows_keep_their_excel_numbers_and_blank_rows_are_skipped(roster):
    assert [row.number for row in roster.rows] == [number for number, _ in mw.ROSTER_ROWS]
    assert all(len(row.values) == len(roster.headers) for row in roster.rows)


def test_a_community_merged_down_over_rows_applies_to_each_of_them(roster):
    community = ROSTER_FIELDS.index("community")
    for row in roster.rows:
        expected = mw.VERTICAL_MERGES.get(row.number, dict(mw.ROSTER_ROWS)[row.number][1])
        assert row.values[community] == expected, row.number


def test_values_are_kept_as_they_were_in_the_cells(roster):
    community = ROSTER_FIELDS.index("community")
    for row, (number, written) in zip(roster.rows, mw.ROSTER_ROWS, strict=True):
        for column, value in enumerate(written):
            if column == community or (isinstance(value, str) and value.startswith("=")):
                continue
            if isinstance(value, date):
                value = datetime.combine(value, datetime.min.time())
            assert row.values[column] == value, cell_reference(number, column)
            assert type(row.values[column]) is type(value), cell_reference(number, column)


def test_a_formula_cell_is_reported_so_the_row_can_be_refused(roster):
    formulas = {row.number: row.formula_columns for row in roster.rows}
    expected = {
        number: tuple(
            column
            for column, value in enumerate(values)
            if isinstance(value, str) and value.startswith("=")
        )
        for number, values in mw.ROSTER_ROWS
    }
    assert formulas == expected
    assert any(formulas.values())


def test_dates_in_every_form_read_as_the_same_day(roster):
    visit = ROSTER_FIELDS.index("visit_date")
    assert [
        parse_loose_date(row.values[visit], "visit_date", "来访日期") for row in roster.rows
    ] == [AUG_5] * len(roster.rows)


def test_id_numbers_from_text_numbers_and_apostrophes(roster):
    column = ROSTER_FIELDS.index("id_number")
    by_row = {row.number: row.values[column] for row in roster.rows}
    assert id_number_cell(by_row[4]) == "320612199001011234"
    assert id_number_cell(by_row[5]) == "320612900101123"  # a 15-digit number is exact
    assert id_number_cell(by_row[8]) == "320612199001011234"  # leading apostrophe
    with pytest.raises(ValidationError, match="身份证号被 Excel 存成了数字"):
        id_number_cell(by_row[6])  # an 18-digit number lost its last digits


def test_full_width_digits_are_kept_in_the_value_and_cleaned_by_cell_text(roster):
    phone = ROSTER_FIELDS.index("phone")
    raw = next(row.values[phone] for row in roster.rows if row.number == 5)
    assert raw == "１３９１２３４５６７８"
    assert cell_text(raw) == "13912345678"


# ---------------------------------------------------------------- headers


@pytest.mark.parametrize(
    "headers, expected",
    [
        pytest.param(["身份证号", "姓名", "手机"], ["id_number", "name", "phone"], id="short"),
        pytest.param(["身份证号码", "名字", "手机号码"], ["id_number", "name", "phone"], id="long"),
        pytest.param(
            ["证件号码(必填)", "* 姓 名", "联系电话（选填）"],
            ["id_number", "name", "phone"],
            id="markers",
        ),
        pytest.param(
            ["公民身份号码（18位）", "姓名：", "联系电话\n(手机)"],
            ["id_number", "name", "phone"],
            id="notes-in-brackets",
        ),
        pytest.param(["ＩＤ", "姓名", "手机"], [None, "name", "phone"], id="unknown-column"),
    ],
)
def test_header_variants_are_recognised(tmp_path, headers, expected):
    rows = [["320612199001011234", "张三", "13812345678"]]
    table = read_sheet(mw.simple_sheet(tmp_path, headers, rows, title_rows=2), PERSON)
    assert table.header_row == 3
    mapping = table.propose_mapping()
    assert [mapping.get(column) for column in range(len(headers))] == expected
    assert table.rows[0].values == tuple(rows[0])


def test_an_exact_header_wins_over_one_that_only_contains_the_word():
    headers = ["紧急联系人电话", "联系电话", "姓名"]
    assert propose_mapping(headers, PERSON) == {1: "phone", 2: "name"}


def test_no_field_gets_two_columns_and_the_leftmost_wins_a_tie():
    assert propose_mapping(["姓名", "名字", "姓名"], PERSON) == {0: "name"}


def test_a_longer_synonym_is_the_better_containment_match():
    synonyms = {"person": ["人员"], "id_number": ["人员身份证号"]}
    assert propose_mapping(["人员身份证号码", "人员名单"], synonyms) == {
        0: "id_number",
        1: "person",
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        ("  身份证号码\n（必填）", "身份证号码"),
        ("*姓名", "姓名"),
        ("＊姓　名【必填】", "姓名"),
        ("联系电话(选填)", "联系电话"),
        ("出生日期：", "出生日期"),
        ("ID No.", "idno."),
        (None, ""),
        (2022, "2022"),
    ],
)
def test_normalize_header(text, expected):
    assert normalize_header(text) == expected


def test_a_two_level_merged_header_gives_one_name_per_column(tmp_path):
    table = read_sheet(mw.two_level_header(tmp_path), PERSON)
    assert table.headers == ("姓名", "手机", "固定电话", "证件号码")
    assert table.propose_mapping() == {0: "name", 1: "phone", 2: "landline", 3: "id_number"}
    assert [list(row.values) for row in table.rows] == mw.TWO_LEVEL_ROWS
    assert [row.number for row in table.rows] == [4, 5]


def test_a_header_merged_down_over_two_rows_is_not_read_as_data(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"] = "姓名", "身份证号"
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:B2")
    sheet["A3"], sheet["B3"] = "张三", "320612199001011234"
    workbook.save(tmp_path / "tall_header.xlsx")
    table = read_sheet(tmp_path / "tall_header.xlsx", PERSON)
    assert [row.number for row in table.rows] == [3]


# ---------------------------------------------------------------- sheets


def test_the_first_visible_sheet_with_a_header_is_chosen(tmp_path):
    path = mw.instructions_then_list(tmp_path)
    assert sheet_names(path) == ["填写说明", "字典", "名单"]
    table = read_sheet(path, PERSON)
    assert table.sheet_name == "名单"
    assert table.rows[0].values[0] == "张三"


def test_a_sheet_can_be_named_even_when_hidden(tmp_path):
    table = read_sheet(mw.instructions_then_list(tmp_path), PERSON, sheet_name="字典")
    assert table.rows[0].values[0] == "隐藏"


def test_a_missing_sheet_name_lists_the_sheets_there_are(tmp_path):
    with pytest.raises(WorkbookProblem, match="没有名为“花名册”的工作表.*填写说明.*名单"):
        read_sheet(mw.instructions_then_list(tmp_path), PERSON, sheet_name="花名册")


def test_a_sheet_without_a_header_says_which_columns_were_looked_for(tmp_path):
    path = mw.simple_sheet(tmp_path, ["甲", "乙"], [["1", "2"]])
    with pytest.raises(WorkbookProblem) as caught:
        read_sheet(path, PERSON)
    assert "没有找到表头" in caught.value.message
    assert "“姓名”" in caught.value.message and "“身份证号”" in caught.value.message


def test_a_title_that_mentions_column_names_is_not_the_header(tmp_path):
    path = mw.simple_sheet(
        tmp_path,
        ["姓名", "身份证号"],
        [["张三", "320612199001011234"]],
        title_rows=0,
    )
    workbook = openpyxl.load_workbook(path)
    workbook.active.insert_rows(1)
    workbook.active["A1"] = "请填写姓名、身份证号、手机号码等信息后上报街道办事处汇总"
    workbook.save(path)
    assert read_sheet(path, PERSON).header_row == 2


# ---------------------------------------------------------------- cell kinds


def test_every_kind_of_cell_reads_as_excel_shows_it(tmp_path):
    table = read_sheet(mw.cell_kinds(tmp_path / "kinds.xlsx"), {"a": ["内联"], "b": ["布尔"]})
    (row,) = table.rows
    assert list(row.values) == mw.CELL_KINDS_EXPECTED
    # A formula's text result and a shared formula (no text of its own) are both formulas.
    assert row.formula_columns == (4, 11)


def test_dates_of_a_1904_workbook_are_not_four_years_early(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    workbook.active.append(["姓名", "来访日期"])
    workbook.active.append(["张三", datetime(2022, 8, 5)])
    workbook.save(tmp_path / "mac.xlsx")
    table = read_sheet(tmp_path / "mac.xlsx", PERSON)
    assert table.rows[0].values[1] == datetime(2022, 8, 5)


def test_date_workbook(tmp_path):
    table = read_sheet(mw.dates_workbook(tmp_path), PERSON)
    assert len(table.rows) == len(mw.DATE_FORMS)
    for row in table.rows:
        assert parse_loose_date(row.values[1], "visit_date", "来访日期") == AUG_5


def test_a_value_beyond_the_column_limit_is_refused_with_its_cell(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["姓名", "身份证号"])
    workbook.active.cell(2, xlsx_scan.MAX_COLUMNS + 1, "多余")
    workbook.save(tmp_path / "wide.xlsx")
    with pytest.raises(WorkbookProblem, match=r"单元格 SG2 有内容：表格超过了 500 列"):
        read_sheet(tmp_path / "wide.xlsx", PERSON)


def test_too_many_rows_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_scan, "MAX_DATA_ROWS", 10)
    rows = [["张三", "320612199001011234"]] * 20
    path = mw.simple_sheet(tmp_path, ["姓名", "身份证号"], rows)
    with pytest.raises(WorkbookProblem, match="工作表太大"):
        read_sheet(path, PERSON)


# ---------------------------------------------------------------- progress


def test_progress_is_reported_and_can_cancel(tmp_path):
    path = mw.big_roster(tmp_path / "roster.xlsx", 5_000)
    calls: list[tuple[int, int]] = []
    read_sheet(path, PERSON, progress=lambda done, total: calls.append((done, total)))
    assert [done for done, _ in calls[:5]] == [1_000, 2_000, 3_000, 4_000, 5_000]
    assert all(done <= total for done, total in calls)
    assert calls[-1] == (5_001, 5_001)

    def cancel_at_2000(done: int, total: int) -> bool:
        return done < 2_000

    with pytest.raises(Cancelled):
        read_sheet(path, PERSON, progress=cancel_at_2000)


# ---------------------------------------------------------------- files that are not workbooks


def _refused(path: Path, fragment: str) -> WorkbookProblem:
    with pytest.raises(WorkbookProblem) as checked:
        check_workbook_file(path)
    assert fragment in checked.value.message
    with pytest.raises(WorkbookProblem) as read:
        read_sheet(path, PERSON)
    assert read.value.message == checked.value.message
    return checked.value


@pytest.mark.parametrize(
    "make, fragment",
    [
        pytest.param(mw.text_renamed, "不是 Excel 工作簿（.xlsx）", id="text-renamed"),
        pytest.param(mw.html_renamed, "网页或 XML 格式", id="html-renamed"),
        pytest.param(mw.old_xls_like, "旧版 Excel 文件（.xls）", id="old-xls"),
        pytest.param(mw.truncated, "文件不完整或已损坏", id="truncated"),
        pytest.param(mw.zip_without_workbook, "不是 Excel 工作簿", id="zip-without-workbook"),
    ],
)
def test_a_file_that_is_no_workbook_is_refused_before_parsing(tmp_path, make, fragment):
    problem = _refused(make(tmp_path), fragment)
    assert "另存为" in problem.message or "重新获取" in problem.message


def test_a_password_protected_workbook_asks_for_the_password_to_be_removed(tmp_path):
    path = mw.encrypted_workbook(tmp_path, password="jinsha")
    decrypted = tmp_path / "decrypted.xlsx"
    with path.open("rb") as file, decrypted.open("wb") as target:
        office = msoffcrypto.OfficeFile(file)  # the fixture is a genuinely encrypted workbook
        assert office.is_encrypted()
        office.load_key(password="jinsha")
        office.decrypt(target)
    assert read_sheet(decrypted, PERSON).rows
    problem = _refused(path, "文件设置了密码")
    assert "取消密码" in problem.message


def test_a_missing_file_an_empty_file_and_a_folder(tmp_path):
    _refused(tmp_path / "nowhere.xlsx", "找不到文件“nowhere.xlsx”")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    _refused(tmp_path / "empty.xlsx", "是空的")
    (tmp_path / "folder.xlsx").mkdir()
    _refused(tmp_path / "folder.xlsx", "是文件夹")


def test_a_workbook_damaged_inside_is_reported_as_damaged_when_read(tmp_path):
    path = mw.corrupted_member(tmp_path)
    check_workbook_file(path)  # the zip directory is intact: only reading finds the damage
    with pytest.raises(WorkbookProblem, match="文件不完整或已损坏"):
        read_sheet(path, PERSON)


def test_a_member_whose_declared_size_lies_is_read_no_further_than_declared(tmp_path):
    path = mw.lying_sizes(tmp_path)
    check_workbook_file(path)

    def refused() -> None:
        with pytest.raises(WorkbookProblem, match="文件不完整或已损坏"):
            read_sheet(path, PERSON)

    _bounded(refused, megabytes=20)  # not read beyond what was declared


def test_bytes_actually_decompressed_are_capped_whatever_the_zip_declares(tmp_path, monkeypatch):
    path = mw.big_roster(tmp_path / "roster.xlsx", 20_000)
    monkeypatch.setattr(xlsx_package, "_check_members", lambda archive, size: None)
    monkeypatch.setattr(xlsx_package, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)
    with pytest.raises(WorkbookProblem, match="文件解压后过大"):
        read_sheet(path, PERSON)


# ---------------------------------------------------------------- bombs and huge sheets

_CHILD = """
import json, sys, time
from jinsha_desktop.reports import xlsx_package, xlsx_reading, xlsx_scan

def peak_mb():
    # VmHWM is this process's own peak; ru_maxrss would include the parent's (kept across exec).
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024

path, synonyms, overrides = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
for name, value in overrides.items():  # a limit of the file (package) or of the sheet
    setattr(xlsx_package if hasattr(xlsx_package, name) else xlsx_scan, name, value)
parsed = [0]  # rows parsed as XML: a skimmed tail is not parsed row by row
_read_row = xlsx_scan._read_row
def counted(*args, **kwargs):
    parsed[0] += 1
    return _read_row(*args, **kwargs)
xlsx_scan._read_row = counted
before = peak_mb()
started = time.perf_counter()
try:
    table = xlsx_reading.read_sheet(path, synonyms)
    outcome = {
        "count": len(table.rows),
        "rows": [[row.number, [str(v) for v in row.values]] for row in table.rows[-3:]],
    }
except xlsx_reading.WorkbookProblem as problem:
    outcome = {"problem": problem.message}
outcome.update(
    seconds=time.perf_counter() - started, peak_mb=peak_mb(), before_mb=before, parsed=parsed[0]
)
print(json.dumps(outcome))
"""


def _read_in_child(path: Path, **overrides: int) -> dict:
    """read_sheet in a fresh process: its time, its peak resident memory (lxml's trees are not
    seen by tracemalloc) and the last rows or the problem."""
    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from /proc (Linux)")
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), json.dumps(PERSON), json.dumps(overrides)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def bomb_100(huge) -> Path:
    return mw.zip_bomb(huge, 100)


@pytest.fixture(scope="session")
def bomb_400(huge) -> Path:
    return mw.zip_bomb(huge, 400)


def _bounded(action, megabytes: float):
    """Run `action`; assert it allocated at most `megabytes` (how long it took is not asserted:
    a loaded machine would fail any limit; memory shows what was decompressed or parsed)."""
    tracemalloc.start()
    try:
        return action()
    finally:
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
        assert peak < megabytes, f"{peak:.0f} MB"


def test_a_zip_bomb_is_refused_without_being_decompressed(bomb_100):
    assert bomb_100.stat().st_size < 1024 * 1024
    problem = _bounded(lambda: _refused(bomb_100, "压缩比异常"), megabytes=10)
    assert "压缩炸弹" in problem.message


def test_a_workbook_too_big_when_decompressed_is_refused(bomb_400, monkeypatch):
    monkeypatch.setattr(xlsx_package, "MAX_COMPRESSION_RATIO", 10_000)
    problem = _bounded(lambda: _refused(bomb_400, "文件解压后过大"), megabytes=10)
    assert "300 MB" in problem.message


def test_a_row_of_millions_of_cells_is_refused_before_it_fills_the_memory(tmp_path):
    path = mw.giant_row(tmp_path / "giant.xlsx")
    # With the bomb check out of the way, the cap on one row's XML still holds.
    measured = _read_in_child(path, MAX_COMPRESSION_RATIO=10_000)
    assert "有一行超过 2 MB" in measured["problem"]
    assert measured["peak_mb"] - measured["before_mb"] < 100, measured


def test_xml_entities_are_never_expanded_nor_fetched(tmp_path):
    path = mw.entity_expansion(tmp_path / "laughs.xlsx")
    try:
        table = _bounded(lambda: read_sheet(path, PERSON), megabytes=20)
    except WorkbookProblem as problem:
        assert "已损坏" in problem.message
    else:
        assert "root:" not in repr(table.rows)


@pytest.fixture(scope="session")
def million_empty_rows(huge) -> Path:
    return mw.million_empty_styled_rows(huge / "million.xlsx")


def test_a_million_styled_empty_rows_after_the_data_are_passed_over_quickly(million_empty_rows):
    measured = _read_in_child(million_empty_rows)
    assert measured["rows"] == [
        [number, values] for number, values in enumerate(mw.MILLION_DATA, 2)
    ]
    # Skimmed, not parsed: parsing every row takes 8 s, openpyxl 23 s (a time limit would fail
    # on a loaded machine, the count does not).
    assert measured["parsed"] <= xlsx_scan.BLANK_ROWS_BEFORE_SKIMMING + 10, measured
    assert measured["peak_mb"] - measured["before_mb"] < 50, measured


def test_progress_goes_to_the_end_of_a_skimmed_sheet(million_empty_rows):
    calls: list[tuple[int, int]] = []
    read_sheet(million_empty_rows, PERSON, progress=lambda *call: calls.append(call))
    assert calls[0] == (1_000, calls[0][1])
    assert calls[-1][0] == calls[-1][1] > 1_000


@pytest.mark.parametrize("late_row", [False, True], ids=["nothing-after", "a-row-after"])
def test_a_row_after_thousands_of_blank_rows_is_still_read(tmp_path, late_row):
    gap = xlsx_scan.BLANK_ROWS_BEFORE_SKIMMING * 3
    table = read_sheet(mw.blank_gap(tmp_path / "gap.xlsx", gap, late_row=late_row), PERSON)
    numbers = [3, 4, 5] + ([6 + gap] if late_row else [])
    assert [row.number for row in table.rows] == numbers
    # The merged ranges come after the rows and are applied either way.
    assert table.header_row == 2
    assert [row.values[2] for row in table.rows[:3]] == ["北山社区", "北山社区", "金余村"]


@pytest.mark.slow
def test_a_roster_of_100k_rows_is_read_in_little_memory(huge):
    path = mw.big_roster(huge / "roster_100k.xlsx", 100_000)
    measured = _read_in_child(path)
    assert measured["count"] == 100_000
    assert measured["rows"][-1] == [100_001, [str(v) for v in mw.big_roster_row(99_999)]]
    assert measured["peak_mb"] < 200, measured
    # The speed (rows a second, beside openpyxl's read-only mode) is a benchmark:
    # tests/benchmarks/bench_excel.py, `excel_import`.


def test_numbered_rows_under_a_merged_community_and_the_footer_are_not_data(tmp_path):
    """A roster numbered in advance: 序号 1–4, 社区 merged down over them, one person filled
    in; then 合计 and the signature line. Only the person is a row; the rest is counted."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["序号", "社区", "姓名", "身份证号"])
    sheet.append([1, "北山社区", "张三", "320612199001011234"])
    for number in (2, 3, 4):
        sheet.append([number])
    sheet.merge_cells("B2:B5")
    sheet.append(["合计", None, "1人"])
    sheet.append(["填表人：王芳", None, "审核人：", "日期：2026年11月25日"])
    sheet.append(["注：身份证号请用文本格式"])
    path = tmp_path / "numbered.xlsx"
    workbook.save(path)
    table = read_sheet(path, PERSON)
    assert [row.number for row in table.rows] == [2]
    assert table.skipped_rows == (3, 4, 5, 6, 7, 8)
