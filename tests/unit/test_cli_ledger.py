"""`jinsha-desktop ledger`: its flags come from the ledgers' declared filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinsha_desktop import cli
from jinsha_desktop.services import auth
from jinsha_desktop.services.setup import local_installation, open_database
from tests.conftest import ADMIN_PASSWORD
from tests.reports.pdf_checks import one_line, page_texts
from tests.reports.throwaway_ledger import a_compound, with_throwaway_ledger


@pytest.fixture
def compounds(database_file: Path, tmp_path: Path, clock, passwords, machine_config) -> Path:
    """The database file with two compounds in it, closed again for the command line."""
    opened = open_database(database_file, tmp_path / "backups", clock)
    try:
        context, _changed = local_installation(opened.database, clock, passwords, machine_config)
        admin = auth.login(context, "admin", ADMIN_PASSWORD)
        a_compound(admin, "金沙花园")
        a_compound(admin, "人民新村")
    finally:
        opened.close()
    return database_file


def ledger(database: Path, *arguments: str, out: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("JINSHA_PASSWORD", ADMIN_PASSWORD)
    command = ["--db", str(database), "ledger", *arguments, "--user", "admin", "-o", str(out)]
    return cli.main(command)


def test_a_declared_ledger_brings_its_own_flag(compounds, data_dir, tmp_path, monkeypatch, capsys):
    with_throwaway_ledger(monkeypatch)
    out = tmp_path / "测试用小区台账.pdf"

    arguments = ("throwaway", "--compound", "金沙花园")
    code = ledger(compounds, *arguments, out=out, monkeypatch=monkeypatch)

    assert code == 0, capsys.readouterr().err
    text = one_line(" ".join(page_texts(out)))
    assert "测试用小区台账" in text and "小区：金沙花园" in text and "人民新村" not in text


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["throwaway", "--compound", "金沙新村"], "没有名为“金沙新村”的小区。"),
        (
            ["registration", "--compound", "金沙花园"],
            "卡点登记台账不按小区筛选，请去掉 --compound。",
        ),
        (["daily", "--checkpoint", "北山社区1号卡点"], "卡点登记日报不按卡点筛选"),
    ],
    ids=["unknown compound", "ledger without that filter", "daily has no checkpoint"],
)
def test_a_filter_the_ledger_cannot_take_is_refused(
    compounds, data_dir, tmp_path, monkeypatch, capsys, arguments, message
):
    with_throwaway_ledger(monkeypatch)
    out = tmp_path / "x.pdf"

    code = ledger(compounds, *arguments, out=out, monkeypatch=monkeypatch)

    assert code == 2
    assert capsys.readouterr().err.startswith(f"错误：{message}")
    assert not out.exists()


def test_the_help_lists_each_ledger_and_its_filters(monkeypatch, capsys):
    with_throwaway_ledger(monkeypatch)
    with pytest.raises(SystemExit) as ended:
        cli.build_parser().parse_args(["ledger", "--help"])
    assert ended.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "registration（卡点登记台账）" in shown and "throwaway（测试用小区台账）" in shown
    assert "--checkpoint NAME" in shown and "--compound NAME" in shown
    by = shown.replace(" ", "")  # (help lines wrap at spaces)
    assert "--byNAME统计维度：每行是一个楼栋（building）、社区/村（unit）或排查（campaign）" in by
    assert "不写则为小区；用于repair-totals" in by


def test_export_finds_its_checkpoint_as_the_ledger_filter_does(
    compounds, data_dir, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("JINSHA_PASSWORD", ADMIN_PASSWORD)
    out = tmp_path / "x.xlsx"
    command = ["--db", str(compounds), "export", "visits", "--checkpoint", "没有这个卡点"]

    code = cli.main([*command, "--user", "admin", "-o", str(out)])

    assert code == 2
    assert capsys.readouterr().err.strip() == "错误：没有名为“没有这个卡点”的卡点。"
    assert not out.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["visits", "--compound", "金沙花园"], "来访登记不按小区筛选，请去掉 --compound。"),
        (["visits", "--community", "北山社区"], "来访登记不按社区或村筛选，请去掉 --community。"),
        (["visits", "--campaign", "冬季排查"], "来访登记不按排查活动筛选，请去掉 --campaign。"),
        (["visits", "--status", "未办结"], "来访登记不按状态筛选，请去掉 --status。"),
        (["visits", "--category", "乱堆乱放"], "来访登记不按类别筛选，请去掉 --category。"),
        (["people", "--from", "2026-11-01"], "人员不按开始日期筛选，请去掉 --from。"),
        (["repair-orders", "--checkpoint", "卡点"], "报修单不按卡点筛选，请去掉 --checkpoint。"),
        (["repair-orders", "--category", "乱堆乱放"], "报修单不按类别筛选，请去掉 --category。"),
        (["cleanups", "--status", "未办结"], "整治记录不按状态筛选，请去掉 --status。"),
        (["cleanups", "--full"], "整治记录不导出完整身份证号和手机号，请去掉 --full。"),
        (["compounds", "--search", "金沙"], "“compounds”列表不按文字搜索，请去掉 --search。"),
    ],
)
def test_export_refuses_a_flag_its_list_does_not_take(
    compounds, data_dir, tmp_path, monkeypatch, capsys, arguments, message
):
    monkeypatch.setenv("JINSHA_PASSWORD", ADMIN_PASSWORD)
    out = tmp_path / "x.xlsx"
    command = ["--db", str(compounds), "export", *arguments, "--user", "admin", "-o", str(out)]

    code = cli.main(command)

    assert code == 2
    assert capsys.readouterr().err.strip() == f"错误：{message}"
    assert not out.exists()
