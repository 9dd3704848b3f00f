"""`jinsha-desktop audit verify` exit codes (issue 11, point 2): 0 intact, 1 changed outside the
program, 2 cannot be opened, 3 a damaged database file — with its own message, no traceback."""

from __future__ import annotations

import sqlite3
import uuid
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


# ---------------------------------------------------------------- the head printed on a ledger


def _printed_head(admin: AppContext) -> str:
    from jinsha_desktop.services.audit_anchor import head_text

    return head_text(admin).removeprefix("操作日志锚点 ")


def test_a_printed_head_still_in_the_log_passes(
    admin: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = _printed_head(admin)
    reference.save_unit(admin, UnitInput("南山社区", UnitKind.VILLAGE))
    admin.database.dispose()

    assert cli.main(["audit", "verify", "--db", str(admin.database.file), "--head", printed]) == 0


def test_a_printed_head_catches_a_cut_made_with_the_head_file_deleted(
    admin: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    """The limit of the head file (whoever can delete it can cut the tail with only a note),
    and the paper anchor that covers it."""
    reference.save_unit(admin, UnitInput("南山社区", UnitKind.VILLAGE))
    printed = _printed_head(admin)
    file = admin.database.file
    assert file is not None
    admin.database.dispose()
    seq = int(printed.split("·")[1])
    with raw_sqlite(file) as connection:
        connection.execute("DELETE FROM audit_entry WHERE seq >= ?", (seq - 1,))
        connection.execute("DELETE FROM unit WHERE name = '南山社区'")
    file.with_name(file.name + ".audit-head").unlink()

    assert cli.main(["audit", "verify", "--db", str(file)]) == 0
    assert "注意：还没有锚点文件" in capsys.readouterr().out

    assert cli.main(["audit", "verify", "--db", str(file), "--head", printed]) == 1
    out = capsys.readouterr().out
    assert f"台账上印的锚点 {printed} 在日志中找不到" in out


def test_a_printed_head_catches_a_recomputed_log(
    admin: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.unit.audit_tampering import Scene, outside

    printed = _printed_head(admin)
    scene = Scene(admin, admin, uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), [], uuid.uuid4())

    def edit(row: dict) -> None:
        if row["seq"] == 1:
            row["summary"] = "改过"

    with outside(scene) as out:
        out.rechain(edit=edit)
    assert admin.database.file is not None
    admin.database.file.with_name(admin.database.file.name + ".audit-head").unlink()

    assert cli.main(["audit", "verify", "--db", str(admin.database.file), "--head", printed]) == 1
    assert "哈希不符：日志在打印之后被重算或改写过" in capsys.readouterr().out


def test_text_that_is_no_printed_head_exits_two(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["audit", "verify", "--db", str(saved), "--head", "昨天那张"]) == 2
    assert "不是台账上印的操作日志锚点" in capsys.readouterr().err
