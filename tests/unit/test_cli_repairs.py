"""`jinsha-desktop repairs totals`: the same figures as the service, as JSON or a table; bad
dates refused in Chinese with exit code 2."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from jinsha_desktop import cli
from jinsha_desktop.domain.repair_totals import GroupBy, TotalsQuery
from jinsha_desktop.services import auth
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.repair_totals import totals
from jinsha_desktop.services.setup import local_installation, open_database
from tests.conftest import ADMIN_PASSWORD
from tests.unit.repair_totals_data import SINCE, UNTIL, generate


@pytest.fixture
def admin_of_file(database_file: Path, tmp_path: Path, clock, passwords, machine_config):
    """Opens the test's database file as the admin (closed again: the command line opens it)."""

    @contextmanager
    def opened_as_admin() -> Iterator[AppContext]:
        opened = open_database(database_file, tmp_path / "backups", clock)
        try:
            context, _changed = local_installation(
                opened.database, clock, passwords, machine_config
            )
            yield auth.login(context, "admin", ADMIN_PASSWORD)
        finally:
            opened.close()

    return opened_as_admin


@pytest.fixture
def with_data(admin_of_file: Any) -> Any:
    with admin_of_file() as admin:
        generate(admin, orders=60, cleanups=30)
    return admin_of_file


def run(
    database: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any, *arguments: str
) -> tuple[int, str, str]:
    monkeypatch.setenv("JINSHA_PASSWORD", ADMIN_PASSWORD)
    code = cli.main(["--db", str(database), "repairs", "totals", *arguments, "--user", "admin"])
    out = capsys.readouterr()
    return code, out.out, out.err


def _figure(value: Any) -> Any:
    return None if value is None else float(value)


@pytest.mark.parametrize("by", ["compound", "unit", "campaign"])
def test_the_json_holds_the_services_figures(
    with_data, database_file, data_dir, monkeypatch, capsys, by
) -> None:
    arguments = ["--from", SINCE.isoformat(), "--to", UNTIL.isoformat(), "--by", by, "--json"]
    code, out, err = run(database_file, monkeypatch, capsys, *arguments)
    assert code == 0, err
    printed = json.loads(out)
    # The program's "now" is the real clock, the service's here the test's: overdue differs.
    with with_data() as admin:
        table = totals(admin, TotalsQuery(SINCE, UNTIL, GroupBy(by)))
    assert printed["by"] == by and printed["from"] == SINCE.isoformat()
    assert [c["header"] for c in printed["columns"]] == [c.header for c in table.columns]
    assert [r["name"] for r in printed["rows"]] == [r.label for r in table.rows]
    for got, row in zip([*printed["rows"], printed["total"]], table.all_rows(), strict=True):
        for column in table.columns:
            if column.key != "overdue":
                want = _figure(table.value(row, column))
                assert _figure(got["figures"][column.key]) == want, (row.label, column.key)
    assert printed["total"]["name"] == "金沙街道合计"
    assert printed["total"]["figures"]["orders"] == table.total.figures.orders > 0


def test_the_plain_table_has_a_line_per_group_and_the_total(
    with_data, database_file, data_dir, monkeypatch, capsys
) -> None:
    code, out, err = run(
        database_file, monkeypatch, capsys, "--from", SINCE.isoformat(), "--to", UNTIL.isoformat()
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"维修统计 {SINCE.isoformat()} 至 {UNTIL.isoformat()}（按小区")
    assert lines[1].split()[:4] == ["小区", "所属", "报修单数", "未办结"]
    assert lines[-1].startswith("金沙街道合计")
    with with_data() as admin:
        table = totals(admin, TotalsQuery(SINCE, UNTIL))
    assert len(lines) == 2 + len(table.rows) + 1
    assert lines[-1].split()[1] == str(table.total.figures.orders)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--from", "2026-13-40", "--to", "2026-11-30"], "日期"),
        (["--from", "2026-11-30", "--to", "2026-11-01"], "结束日期不能早于开始日期"),
        (["--from", "", "--to", "2026-11-01"], "请填写日期"),
        (["--from", "2026-11-01", "--to", "2026-11-30", "--compound", "无此小区"], "无此小区"),
    ],
    ids=["impossible date", "ends before it starts", "empty", "unknown compound"],
)
def test_bad_input_is_refused_in_chinese_with_exit_code_2(
    admin_of_file, database_file, data_dir, monkeypatch, capsys, arguments, message
) -> None:
    code, out, err = run(database_file, monkeypatch, capsys, *arguments)
    assert code == 2 and out == ""
    assert err.startswith("错误：") and message in err
