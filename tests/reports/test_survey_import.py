"""The survey importer (services/imports/surveys.py) on real workbooks: a sheet per compound (the
sheet's name is the compound) and one long sheet with a 小区 column; unknown compounds and
buildings, bad counts and converted lines named per row; hostile or broken files refused with
nothing written."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from jinsha_desktop.domain.surveys import Per
from jinsha_desktop.reports import import_files
from jinsha_desktop.reports.xlsx_package import WorkbookProblem
from jinsha_desktop.services import imports as im
from jinsha_desktop.services import survey_lines
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.imports import RowOutcome, importer_of
from tests.reports import messy_workbooks as mw
from tests.unit.support import row_counts
from tests.unit.test_campaigns import Scene, build_scene

HEADERS = ["序号", "楼栋", "单元", "灯泡(个)", "开关", "均分器", "线路(处)", "其他问题"]


@pytest.fixture
def scene(admin: AppContext) -> Scene:
    return build_scene(admin)


def workbook(path: Path, sheets: dict[str, list[list[object]]], *, title: bool = True) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        if title:
            sheet.append([f"{name}楼道灯排查表"])  # a title row above the header, as on paper
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def preview(context: AppContext, path: Path) -> im.ImportPreview:
    importer = importer_of("surveys")
    table = import_files.read_for_import(context, importer, path)
    mapping = im.remembered_mapping(context, importer, table)
    return im.preview_import(context, importer, table, mapping, path=path)


def results(found: im.ImportPreview) -> list[tuple[str, str]]:
    return [(row.outcome.value, row.reason) for row in found.rows]


def test_a_sheet_per_compound_imports_each_sheet_as_its_compound(scene: Scene, tmp_path: Path):
    path = workbook(
        tmp_path / "排查.xlsx",
        {
            "金沙花苑": [
                HEADERS,
                [1, "1幢", "1单元", 2, None, None, None, ""],
                [2, "1号楼", "２", "", 1, 0, 0, "楼道窗破损"],  # 1号楼 is 1幢; full-width digit
                [3, "2幢", 1, 0, 0, 0, 0, None],
            ],
            "北山新村": [HEADERS, [1, "1", "整栋", 0, 0, 0, 3, ""]],
            "说明": [["填表说明：每栋每单元一行"]],
        },
    )

    found = preview(scene.context, path)

    assert found.table.sheet_name == "金沙花苑、北山新村"
    assert [row.outcome for row in found.rows] == [RowOutcome.ADD] * 4
    assert found.rows[1].reason == "新增 2026年11月楼道灯排查：金沙花苑 1幢 2单元。"
    counts = im.apply_import(scene.context, found)
    assert counts[RowOutcome.ADD] == 4
    row = scene.row()
    assert (row.surveyed, row.findings) == (2, 3)
    compound_id, _buildings = scene.compounds["金沙花苑"]
    sheet = survey_lines.survey_sheet(scene.context, scene.campaign, compound_id)
    saved = [
        (line.place, line.bulbs, line.switches, line.other) for line in sheet.lines if line.saved
    ]
    assert saved == [
        ("1幢 1单元", 2, 0, ""),
        ("1幢 2单元", 0, 1, "楼道窗破损"),
        ("2幢 1单元", 0, 0, ""),
    ]

    again = preview(scene.context, path)
    assert [row.outcome for row in again.rows] == [RowOutcome.DUPLICATE] * 4


def test_one_long_sheet_with_a_compound_column_names_unknown_places(scene: Scene, tmp_path):
    long_headers = ["小区", "楼栋", "单元", "灯泡", "开关", "均分器", "线路", "其他问题"]
    path = workbook(
        tmp_path / "汇总.xlsx",
        {
            "汇总": [
                long_headers,
                ["金沙花苑", "2幢", "2单元", 4, 0, 0, 0, ""],
                ["不存在小区", "1幢", "", 1, 0, 0, 0, ""],
                ["金沙花苑", "9幢", "", 1, 0, 0, 0, ""],
                ["金余苑", "1幢", "1", 1, 0, 0, 0, ""],  # a compound out of every campaign
                ["北山新村", "1幢", "", -1, "两个", 0, 0, ""],
                ["金沙花苑", "1幢", "3单元", 1, 0, 0, 0, ""],
            ]
        },
        title=False,
    )
    before = row_counts(scene.context)

    found = preview(scene.context, path)

    assert [row.outcome for row in found.rows] == [RowOutcome.ADD] + [RowOutcome.REJECT] * 5
    reasons = [row.reason for row in found.rows[1:]]
    assert reasons[0].startswith("A3 小区：没有名为“不存在小区”的小区")
    assert reasons[1] == (
        "B4 楼栋：金沙花苑没有楼栋“9幢”（现有：1幢、2幢）。请核对，或先在基础数据中添加楼栋。"
    )
    assert "A5 小区：没有包含金余苑的排查活动" in reasons[2]
    assert "D6 灯泡：灯泡不能是负数" in reasons[3] and "E6 开关：开关应为整数" in reasons[3]
    assert "C7 单元：1幢只有 2 个单元，没有第 3 单元" in reasons[4]
    assert row_counts(scene.context) == before  # a preview writes nothing
    counts = im.apply_import(scene.context, found)
    assert (counts[RowOutcome.ADD], counts[RowOutcome.REJECT]) == (1, 5)


def test_rejected_rows_of_a_sheet_per_compound_name_their_sheet(scene: Scene, tmp_path: Path):
    path = workbook(
        tmp_path / "排查.xlsx",
        {
            "金沙花苑": [HEADERS, [1, "1幢", "1", "a", 0, 0, 0, ""]],
            "无名小区": [HEADERS, [1, "1幢"]],
        },
    )

    found = preview(scene.context, path)

    assert [row.reason.split("：")[0] for row in found.rows] == [
        "金沙花苑!D3 灯泡",
        "工作表“无名小区” 小区",
    ]
    written = tmp_path / "errors.xlsx"
    assert import_files.write_rejected(found, written) == 2


def test_a_converted_line_is_not_changed_by_a_new_import(scene: Scene, tmp_path: Path):
    sheet = {"北山新村": [HEADERS, [1, "1幢", "", 2, 0, 0, 0, ""]]}
    im.apply_import(scene.context, preview(scene.context, workbook(tmp_path / "a.xlsx", sheet)))
    survey_lines.convert_findings(scene.context, scene.campaign, Per.BUILDING)

    sheet["北山新村"][1][3] = 5
    found = preview(scene.context, workbook(tmp_path / "b.xlsx", sheet))

    assert found.rows[0].outcome is RowOutcome.REJECT
    assert "已转为报修单" in found.rows[0].reason


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        pytest.param(mw.truncated, "文件不完整或已损坏", id="truncated"),
        pytest.param(lambda folder: mw.zip_bomb(folder, 20), "压缩炸弹", id="zip-bomb"),
        pytest.param(mw.html_renamed, "网页或 XML", id="html-renamed"),
        pytest.param(
            lambda folder: mw.simple_sheet(folder, ["单位", "日期"], [["x", 1]]),
            "没有找到表头",
            id="no-header",
        ),
    ],
)
def test_a_broken_or_hostile_workbook_is_refused(scene: Scene, tmp_path: Path, make, fragment):
    path = make(tmp_path)
    before = row_counts(scene.context)

    with pytest.raises(WorkbookProblem) as raised:
        import_files.read_for_import(scene.context, importer_of("surveys"), path)

    assert fragment in raised.value.message
    assert row_counts(scene.context) == before


def test_the_command_line_imports_a_sheet_per_compound(
    scene: Scene, tmp_path: Path, database_file: Path, opened
):
    from tests.conftest import ADMIN_PASSWORD
    from tests.unit.support import raw_sqlite
    from tests.unit.test_cli import run_cli

    path = workbook(
        tmp_path / "排查.xlsx",
        {
            "金沙花苑": [HEADERS, [1, "1幢", "1", 2, 0, 0, 0, ""]],
            "北山新村": [HEADERS, [1, "1幢", "", 0, 1, 0, 0, ""]],
        },
    )

    opened.close()  # the program refuses a database another window holds
    done = run_cli(
        "--db", str(database_file), "import", "surveys", str(path), "--user", "admin",
        data_dir=tmp_path / "data", password=ADMIN_PASSWORD,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert "已导入：新增 2 行" in done.stdout
    with raw_sqlite(database_file) as connection:
        query = "SELECT count(DISTINCT compound_id) FROM survey_line WHERE deleted_at IS NULL"
        assert connection.execute(query).fetchone()[0] == 2
