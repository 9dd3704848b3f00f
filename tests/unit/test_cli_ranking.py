"""`jinsha-desktop ranking --period …`: the service's ranking as JSON or a table, publishing,
the notice PDF and the Excel sheet; bad input refused in Chinese with exit code 2."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from jinsha_desktop import cli
from jinsha_desktop.domain.rankings import Period
from jinsha_desktop.services import auth
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.rankings import compute_ranking, editions
from jinsha_desktop.services.setup import local_installation, open_database
from tests.conftest import ADMIN_PASSWORD
from tests.unit.ranking_data import an_inspection, unit_ids

OCTOBER = Period.parse("2026-10")


@pytest.fixture
def admin_of_file(
    database_file: Path, tmp_path: Path, clock: Any, passwords: Any, machine_config: Any
) -> Any:
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
        units = unit_ids(admin)
        for index, unit_id in enumerate(units):
            an_inspection(
                admin,
                unit_id,
                date(2026, 10, 2 + index),
                f"{96 - 7 * index}",
                deductions=[("沟渠淤塞", "4")] if index else [],
            )
    return admin_of_file


def run(
    database: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any, *arguments: str
) -> tuple[int, str, str]:
    monkeypatch.setenv("JINSHA_PASSWORD", ADMIN_PASSWORD)
    code = cli.main(["--db", str(database), "ranking", *arguments, "--user", "admin"])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_json_holds_the_services_ranking(
    with_data: Any,
    database_file: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    code, out, err = run(database_file, monkeypatch, capsys, "--period", "2026-10", "--json")
    assert code == 0, err
    printed = json.loads(out)
    with with_data() as admin:
        view = compute_ranking(admin, OCTOBER)
    assert printed["period"] == "2026-10" and printed["label"] == "2026年10月"
    assert printed["published"] is None and printed["out_of_date"] is False
    assert printed["rules"]["combine"] == "mean"
    assert [(r["unit"], r["position"], r["score"], r["listed"]) for r in printed["rows"]] == [
        (r.unit_name, r.position, float(r.score) if r.score is not None else None, r.listed)
        for r in view.rows
    ]
    assert printed["rows"][-1]["main_deductions"] == ["沟渠淤塞（扣4分）"]


def test_the_table_for_a_person(
    with_data: Any,
    database_file: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    code, out, err = run(database_file, monkeypatch, capsys, "--period", "2026-10")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "2026年10月红黑榜（未发布）"
    assert lines[1].split()[:3] == ["名次", "村/社区", "得分率"]
    assert lines[2].split()[0] == "1" and "96.00" in lines[2] and "红榜" in lines[2]


def test_publish_and_write_the_notice(
    with_data: Any,
    database_file: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
    tmp_path: Path,
) -> None:
    notice = tmp_path / "通报.pdf"
    code, out, err = run(
        database_file, monkeypatch, capsys, "--period", "2026-10", "--publish", "-o", str(notice)
    )
    assert code == 0, err
    assert "已发布第1版" in out and f"已生成通报（第1版）：{notice}" in out
    assert len(PdfReader(notice).pages) == 1
    # Without --publish, -o writes the latest edition's notice.
    again = tmp_path / "again.pdf"
    code, out, err = run(
        database_file, monkeypatch, capsys, "--period", "2026-10", "-o", str(again)
    )
    assert code == 0 and again.exists(), err
    with with_data() as admin:
        assert [e.edition for e in editions(admin, OCTOBER)] == [1]
    sheet = tmp_path / "排名.xlsx"
    code, out, err = run(
        database_file, monkeypatch, capsys, "--period", "2026-10", "-o", str(sheet)
    )
    assert code == 0 and sheet.exists() and "已导出排名表" in out, err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--period", "2026-13"], "月份应为 1 到 12。"),
        (["--period", "十月"], "期间应写成 2026-10（月）或 2026Q4（季度）。"),
        (["--period", "2026-10", "-o", "notice.doc"], "输出文件应以 .pdf"),
        (["--period", "2026-09"], "该期间没有已提交的检查，无法排名。"),
        (["--period", "2026-10", "--note", "说明"], "只能与 --publish 一起使用"),
        (["--period", "2026-10", "-o", "notice.pdf"], "该期间的红黑榜尚未发布"),
    ],
)
def test_bad_input_is_refused_in_chinese(
    with_data: Any,
    database_file: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
    tmp_path: Path,
    arguments: list[str],
    message: str,
) -> None:
    arguments = [str(tmp_path / a) if a.startswith("notice.") else a for a in arguments]
    code, out, err = run(database_file, monkeypatch, capsys, *arguments)
    assert code == 2 and message in err and not out
    assert not (tmp_path / "notice.pdf").exists()
