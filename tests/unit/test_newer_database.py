"""Issue 11.9: a database from a newer program is refused without a byte written, by every way
in (the GUI's start-up job, the command line, `audit verify`), naming the version needed."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from jinsha_desktop import __version__
from jinsha_desktop.config import MachineConfig
from jinsha_desktop.db import migrate
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.errors import DatabaseProblem
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.services.setup import open_database
from tests.conftest import ADMIN_PASSWORD
from tests.unit.support import raw_sqlite
from tests.unit.test_cli import run_cli

NEWER = "0.9.2"


@pytest.fixture
def newer_database(database_file: Path, tmp_path: Path) -> Path:
    """This program's database as a newer program leaves it: an unknown schema revision, the
    version that migrated it recorded, and a rollback journal (not WAL), as on a FAT stick."""
    path = tmp_path / "更新的" / "jinsha.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(database_file, path)
    with raw_sqlite(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00dcafe'")
        connection.execute(f"PRAGMA user_version = {migrate.version_number(NEWER)}")
    with raw_sqlite(path) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
    return path


def snapshot(path: Path) -> tuple[str, list[str]]:
    """The file's bytes (digest) and every file beside it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest, sorted(p.name for p in path.parent.iterdir())


EXPECTED = (
    f"这个数据库由金沙台账 {NEWER} 版升级（数据结构版本 f00dcafe），本程序（{__version__} 版）"
    f"无法打开它，文件未作任何改动。请安装 {NEWER} 或更新版本的金沙台账后再打开。"
)


def test_the_fixture_is_a_rollback_journal_file_alone(newer_database: Path) -> None:
    assert newer_database.read_bytes()[18:20] == b"\x01\x01"  # not WAL (2, 2)
    assert snapshot(newer_database)[1] == ["jinsha.sqlite3"]


def test_the_start_up_job_refuses_it_untouched_and_names_the_version(
    newer_database: Path, tmp_path: Path, clock: FixedClock, data_dir: Path
) -> None:
    from jinsha_desktop.gui.app import prepare_database

    before = snapshot(newer_database)
    with pytest.raises(DatabaseProblem) as caught:
        prepare_database(
            str(newer_database),
            False,
            MachineConfig(),
            clock,
            PasswordHashing(time_cost=1, memory_cost_kib=8, parallelism=1),
        )
    assert caught.value.message == EXPECTED
    assert snapshot(newer_database) == before  # no -wal, -shm nor .lock either
    assert not (data_dir / "backups").exists()


def test_inspect_only_refuses_it_untouched(
    newer_database: Path, tmp_path: Path, clock: FixedClock
) -> None:
    before = snapshot(newer_database)
    with pytest.raises(DatabaseProblem) as caught:
        open_database(newer_database, tmp_path / "backups", clock, inspect_only=True)
    assert caught.value.message == EXPECTED
    assert snapshot(newer_database) == before


@pytest.mark.parametrize(
    "command",
    [
        ["audit", "verify", "--db", "{db}"],
        ["--db", "{db}", "export", "visits", "--user", "admin", "-o", "{out}"],
    ],
    ids=["audit-verify", "export"],
)
def test_the_command_line_refuses_it_untouched(
    newer_database: Path, tmp_path: Path, command: list[str]
) -> None:
    before = snapshot(newer_database)
    out = tmp_path / "out.xlsx"
    args = [part.format(db=newer_database, out=out) for part in command]
    result = run_cli(*args, data_dir=tmp_path / "data", password=ADMIN_PASSWORD)
    assert result.returncode == 2, result.stderr
    assert EXPECTED in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(newer_database) == before
    assert not out.exists()


def test_a_database_of_an_older_program_without_a_recorded_version_says_install_the_latest(
    newer_database: Path, tmp_path: Path, clock: FixedClock
) -> None:
    with raw_sqlite(newer_database) as connection:
        connection.execute("PRAGMA user_version = 0")
    before = snapshot(newer_database)
    with pytest.raises(DatabaseProblem, match="请安装最新版本的金沙台账后再打开"):
        open_database(newer_database, tmp_path / "backups", clock)
    assert snapshot(newer_database) == before


def test_migrating_records_the_program_version_in_the_file(database_file: Path) -> None:
    with raw_sqlite(database_file) as connection:
        recorded = connection.execute("PRAGMA user_version").fetchone()[0]
    assert migrate.version_text(recorded) == __version__


@pytest.mark.parametrize(
    ("text", "number"), [("0.1.0", 1_000), ("1.12.3", 1_012_003), ("2.0.0rc1", 2_000_000)]
)
def test_program_versions_round_trip_through_the_integer(text: str, number: int) -> None:
    assert migrate.version_number(text) == number
    assert migrate.version_text(number) == text.split("rc")[0]
