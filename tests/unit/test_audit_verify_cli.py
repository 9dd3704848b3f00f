"""`jinsha-desktop audit verify` exit codes (issue 11, point 2): 0 intact, 1 changed outside the
program, 2 cannot be opened, 3 a damaged database file — with its own message, no traceback."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from jinsha_desktop import cli
from jinsha_desktop.domain.reference import UnitInput, UnitKind
from jinsha_desktop.services import reference
from jinsha_desktop.services.context import AppContext
from tests.unit.support import raw_sqlite
from tests.unit.test_cli import run_cli


@pytest.fixture
def saved(admin: AppContext) -> Path:
    """A database with a few saves, closed by the program."""
    for name in ("南山社区", "五总村", "新村"):
        reference.save_unit(admin, UnitInput(name, UnitKind.VILLAGE))
    admin.database.dispose()
    assert admin.database.file is not None
    return admin.database.file


def _damage_table(path: Path, table: str) -> None:
    """Scribble over a table's root page, as a failing disk would."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        [root] = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    with open(path, "r+b") as stream:
        stream.seek((root - 1) * page_size)
        stream.write(b"\xa5\x5a" * (page_size // 2))


def test_an_intact_database_exits_zero(saved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["audit", "verify", "--db", str(saved)]) == 0

    out = capsys.readouterr().out
    assert "操作日志完整，未发现程序之外的改动。" in out


def test_a_database_without_its_anchor_exits_zero_and_says_so(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved.with_name(saved.name + ".audit-head").unlink()

    assert cli.main(["audit", "verify", "--db", str(saved)]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "操作日志完整，未发现程序之外的改动。"
    assert any(line.startswith("注意：还没有锚点文件") for line in lines)


def test_a_cut_tail_exits_one(saved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with raw_sqlite(saved) as connection:
        connection.execute("DELETE FROM audit_entry WHERE seq = (SELECT max(seq) FROM audit_entry)")
        connection.execute("DELETE FROM unit WHERE name = '新村'")

    assert cli.main(["audit", "verify", "--db", str(saved)]) == 1

    out = capsys.readouterr().out
    assert "锚点不符：" in out and "被删除的记录：unit " not in out
    assert "末尾的 1 条被删除了" in out


@pytest.mark.parametrize("table", ["visit", "audit_entry"])
def test_a_damaged_database_exits_three_without_a_traceback(
    saved: Path, tmp_path: Path, table: str
) -> None:
    _damage_table(saved, table)

    result = run_cli("audit", "verify", "--db", str(saved), data_dir=tmp_path / "data")

    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith("错误：数据库文件已损坏，无法校验操作日志（")
    assert "请不要再往这个文件里保存，从最近的备份恢复。" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_file_that_is_no_database_at_all_stays_exit_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"\x00\x01garbage" * 1000)

    assert cli.main(["audit", "verify", "--db", str(bogus)]) == 2
    assert "不是数据库" in capsys.readouterr().err
