"""Database failures a person can act on become DatabaseProblem with a Chinese message, and
nothing is written (db/errors.py through AppContext.uow())."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from jinsha_desktop.db import engine as engine_module
from jinsha_desktop.db.engine import Database, database_url
from jinsha_desktop.db.errors import known_database_error, raise_known
from jinsha_desktop.db.reference_models import Unit
from jinsha_desktop.domain.errors import DatabaseProblem, KnownError, StaleRecord, ValidationError
from jinsha_desktop.domain.reference import BuildingInput, CompoundInput, UnitInput, UnitKind
from jinsha_desktop.services import reference
from jinsha_desktop.services.audit import install_audit_hooks
from jinsha_desktop.services.context import AppContext
from tests.unit.support import audit_count, row_counts, verify

READ_ONLY = "数据库文件是只读的，无法保存。请检查文件权限或是否在只读的 U 盘、光盘上。"
FULL = "磁盘空间已满，无法保存。请清理磁盘后再试，已保存的数据不受影响。"
LOCKED = "数据库正被其他程序占用，请稍后再试；如果一直如此，请关闭其他打开此数据库的程序。"


def _operational(text: str) -> OperationalError:
    return OperationalError("INSERT INTO unit ...", {}, sqlite3.OperationalError(text))


@pytest.mark.parametrize(
    ("error", "message"),
    [
        pytest.param(_operational("database is locked"), LOCKED, id="locked"),
        pytest.param(
            _operational("attempt to write a readonly database"), READ_ONLY, id="read-only"
        ),
        pytest.param(_operational("database or disk is full"), FULL, id="full"),
        pytest.param(
            _operational("disk I/O error"),
            "读写磁盘出错，无法保存。请检查磁盘或 U 盘是否已拔出。",
            id="io-error",
        ),
        pytest.param(
            _operational("unable to open database file"),
            "无法打开数据库文件，请检查文件是否存在、所在文件夹是否可以写入。",
            id="cannot-open",
        ),
        pytest.param(
            DBAPIError("SELECT 1", {}, sqlite3.DatabaseError("file is not a database")),
            "这个文件不是数据库，或者已经损坏。请从备份恢复。",
            id="not-a-database",
        ),
        pytest.param(
            DBAPIError("SELECT 1", {}, sqlite3.DatabaseError("database disk image is malformed")),
            "数据库文件已损坏。请从备份恢复。",
            id="malformed",
        ),
        pytest.param(
            _operational('connection to server at "10.0.0.5" failed: Connection refused'),
            "无法连接数据库服务器，请检查网络和数据库地址设置。",
            id="server-refused",
        ),
        pytest.param(
            OSError(errno.ENOSPC, "No space left on device"), FULL, id="disk-full-os-error"
        ),
    ],
)
def test_database_failure_gets_a_plain_chinese_message(error: BaseException, message: str) -> None:
    known = known_database_error(error)

    assert isinstance(known, DatabaseProblem)
    assert known.message == message


def test_stale_data_becomes_a_stale_record() -> None:
    known = known_database_error(
        StaleDataError("UPDATE statement on table 'unit' expected to update 1 row")
    )

    assert isinstance(known, StaleRecord)
    assert "刚被别人修改过" in known.message


def test_known_error_passes_through_unchanged() -> None:
    original = ValidationError("请填写姓名。", "name")

    assert known_database_error(original) is original


@pytest.mark.parametrize(
    "error",
    [
        pytest.param(ValueError("boom"), id="plain-bug"),
        pytest.param(
            IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed")),
            id="constraint-is-a-bug",
        ),
        pytest.param(_operational("no such table: visit"), id="missing-table-is-a-bug"),
        pytest.param(OSError(errno.EACCES, "Permission denied"), id="other-os-error"),
    ],
)
def test_anything_else_is_a_bug_for_the_crash_dialog(error: BaseException) -> None:
    assert known_database_error(error) is None
    raise_known(error)  # returns: the caller re-raises the bug as it is


def test_a_known_failure_is_raised_in_its_user_facing_form_from_the_original() -> None:
    original = OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(DatabaseProblem) as raised:
        raise_known(original)

    assert raised.value.message == FULL and raised.value.__cause__ is original


# ---------------------------------------------------------------- real failures through uow()


def _context_on(database: Database, admin: AppContext) -> AppContext:
    install_audit_hooks(database)
    return AppContext(database, admin.clock, admin.installation_id, admin.passwords, admin.user)


@pytest.fixture
def read_only(database_file: Path, admin: AppContext) -> Iterator[AppContext]:
    # Tests run as root, so chmod would not stop writes: open the file read-only instead.
    database = Database(make_url(f"sqlite+pysqlite:///file:{database_file}?mode=ro&uri=true"))
    yield _context_on(database, admin)
    database.dispose()


def test_saving_to_a_read_only_database_says_so_and_writes_nothing(
    read_only: AppContext, admin: AppContext
) -> None:
    rows, entries = row_counts(admin), audit_count(admin)

    with pytest.raises(DatabaseProblem) as caught:
        reference.save_unit(read_only, UnitInput("只读村", UnitKind.VILLAGE))

    assert caught.value.message == READ_ONLY
    assert isinstance(caught.value.__cause__, OperationalError)
    assert (row_counts(admin), audit_count(admin)) == (rows, entries)
    assert [u.name for u in reference.list_units(read_only)][-1] == "金北村", "reading still works"


def test_read_only_database_raises_a_known_error_that_the_gui_can_show(
    read_only: AppContext,
) -> None:
    with pytest.raises(KnownError), read_only.uow() as session:
        session.add(Unit(name="只读村", kind="village"))


@pytest.fixture
def nearly_full(database_file: Path, admin: AppContext) -> Iterator[AppContext]:
    """The same file with room for only a few more pages (max_page_count on each connection)."""
    with closing(sqlite3.connect(database_file)) as connection:
        (pages,) = connection.execute("PRAGMA page_count").fetchone()
    database = Database(database_url(database_file))

    @event.listens_for(database.engine, "connect")
    def _limit(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 4}")

    yield _context_on(database, admin)
    database.dispose()


def test_full_database_says_so_and_the_failed_save_writes_nothing(
    nearly_full: AppContext, admin: AppContext
) -> None:
    compound_id = reference.save_compound(
        nearly_full, reference.list_units(admin)[0].id, CompoundInput("满楼小区")
    )
    saved: list[str] = []

    with pytest.raises(DatabaseProblem) as caught:
        for number in range(1, 5000):
            name = f"{number}号楼" + "幢" * 12
            reference.save_building(nearly_full, compound_id, BuildingInput(name, 2, 6))
            saved.append(name)

    assert caught.value.message == FULL
    assert saved, "some buildings fit before the database was full"
    assert [b.name for b in reference.list_buildings(admin, compound_id)] == saved
    report = verify(admin)
    assert report.ok, report


def test_locked_database_says_so_after_the_busy_timeout(
    database_file: Path, admin: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 100)
    database = Database(database_url(database_file))
    waiting = _context_on(database, admin)
    rows = row_counts(admin)
    try:
        with closing(sqlite3.connect(database_file, isolation_level=None)) as other_program:
            other_program.execute("BEGIN IMMEDIATE")
            with pytest.raises(DatabaseProblem) as caught:
                reference.save_unit(waiting, UnitInput("等待村", UnitKind.VILLAGE))
            other_program.execute("ROLLBACK")

        assert caught.value.message == LOCKED
        assert row_counts(admin) == rows
        reference.save_unit(waiting, UnitInput("等待村", UnitKind.VILLAGE))
        assert "等待村" in [u.name for u in reference.list_units(admin)]
    finally:
        database.dispose()
