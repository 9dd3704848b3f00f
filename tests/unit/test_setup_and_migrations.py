"""Opening a database, migrations, the first run and this machine's installation
(services/setup.py, db/migrate.py, db/instance_lock.py)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.db import migrate
from jinsha_desktop.db.migrate import current_revision, head_revision, upgrade_database
from jinsha_desktop.db.schema import Base
from jinsha_desktop.db.sqlite_backup import BackupCancelled, backup_sqlite_file
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.errors import DatabaseProblem, FormErrors
from jinsha_desktop.domain.first_run import FirstRun
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.services import auth, reference
from jinsha_desktop.services.audit import verify_audit
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.settings import set_unit_name, unit_name
from jinsha_desktop.services.setup import (
    OpenDatabase,
    initialize,
    installation_name,
    is_initialized,
    local_installation,
    open_database,
)
from tests.conftest import ADMIN_PASSWORD, FIRST_RUN
from tests.unit.support import audit_entries, raw_sqlite, verify


@pytest.fixture
def new_database(tmp_path: Path, clock: FixedClock) -> Iterator[OpenDatabase]:
    handle = open_database(tmp_path / "新建" / "jinsha.sqlite3", tmp_path / "backups", clock)
    yield handle
    handle.close()


def _pragma(opened: OpenDatabase, name: str) -> object:
    with opened.database.engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


# ---------------------------------------------------------------- a new file


def test_new_file_becomes_a_wal_database_with_foreign_keys_and_full_sync(
    new_database: OpenDatabase,
) -> None:
    assert new_database.database.file is not None and new_database.database.file.exists()
    assert _pragma(new_database, "journal_mode") == "wal"
    assert _pragma(new_database, "foreign_keys") == 1
    assert _pragma(new_database, "synchronous") == 2
    assert _pragma(new_database, "busy_timeout") == 5000


def test_new_file_is_migrated_to_head_without_a_backup(
    new_database: OpenDatabase, tmp_path: Path
) -> None:
    assert current_revision(new_database.database.engine) == head_revision()
    assert new_database.backup is None
    assert not (tmp_path / "backups").exists()
    assert not is_initialized(new_database.database)


def test_models_and_migrations_describe_the_same_schema(opened: OpenDatabase) -> None:
    with opened.database.engine.connect() as connection:
        migration_context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(migration_context, Base.metadata)

    assert differences == []


def test_every_model_table_exists_after_migration(new_database: OpenDatabase) -> None:
    tables = set(inspect(new_database.database.engine).get_table_names())

    assert set(Base.metadata.tables) | {"alembic_version"} == tables


def test_soft_delete_unique_indexes_are_partial(new_database: OpenDatabase) -> None:
    with closing(sqlite3.connect(str(new_database.database.file))) as connection:
        sql = dict(
            connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
            ).fetchall()
        )

    assert "WHERE deleted_at IS NULL" in sql["uq_compound_name_active"]
    assert "UNIQUE" in sql["uq_compound_name_active"]


def test_database_at_head_is_not_upgraded_or_backed_up(
    opened: OpenDatabase, tmp_path: Path, clock: FixedClock
) -> None:
    assert opened.backup is None
    assert upgrade_database(opened.database.engine, tmp_path / "more-backups", clock.now()) is None
    assert not (tmp_path / "more-backups").exists()


def test_database_is_backed_up_before_an_upgrade(
    database_file: Path, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A program one revision newer: a copy of the migrations with a do-nothing revision on top.
    old_head = head_revision()
    newer = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, newer, ignore=shutil.ignore_patterns("__pycache__"))
    (newer / "versions" / "9999_nothing.py").write_text(
        f'revision = "9999"\ndown_revision = "{old_head}"\n'
        "branch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", newer)

    opened = open_database(database_file, tmp_path / "backups", clock)
    try:
        assert current_revision(opened.database.engine) == "9999"
    finally:
        opened.close()

    assert (
        opened.backup
        == tmp_path / "backups" / f"jinsha-before-upgrade-{old_head}-20261125-013000.sqlite3"
    )
    with closing(sqlite3.connect(opened.backup)) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [(old_head,)]
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("SELECT count(*) FROM unit").fetchone() == (5,)


# ---------------------------------------------------------------- files that are refused


def test_database_from_a_newer_program_is_refused_and_left_untouched(
    database_file: Path, tmp_path: Path, clock: FixedClock
) -> None:
    with raw_sqlite(database_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = database_file.read_bytes()

    with pytest.raises(DatabaseProblem) as caught:
        open_database(database_file, tmp_path / "backups", clock)

    assert caught.value.message == (
        "这个数据库由金沙台账 0.1.0 版升级（数据结构版本 9999），本程序（0.1.0 版）无法打开它，"
        "文件未作任何改动。请安装 0.1.0 或更新版本的金沙台账后再打开。"
    )
    assert database_file.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_file_that_is_not_a_database_is_refused_and_left_untouched(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "照片.sqlite3"
    path.write_bytes(os.urandom(16384))
    before = path.read_bytes()

    with pytest.raises(DatabaseProblem) as caught:
        open_database(path, tmp_path / "backups", clock)

    assert caught.value.message == "这个文件不是数据库，或者已经损坏。请从备份恢复。"
    assert path.read_bytes() == before


def test_sqlite_file_of_another_program_is_refused(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "other.sqlite3"
    with raw_sqlite(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('张三')")

    with pytest.raises(DatabaseProblem) as caught:
        open_database(path, tmp_path / "backups", clock)

    assert caught.value.message == "这个文件不是金沙台账的数据库，请选择正确的数据库文件。"
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT name FROM sqlite_master").fetchall() == [("contacts",)]
        assert connection.execute("SELECT name FROM contacts").fetchall() == [("张三",)]


def test_refused_file_is_unlocked_for_the_next_attempt(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "bad.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DatabaseProblem):
        open_database(path, tmp_path / "backups", clock)
    path.unlink()

    opened = open_database(path, tmp_path / "backups", clock)
    opened.close()


def test_same_file_cannot_be_opened_twice_until_the_first_is_closed(
    database_file: Path, tmp_path: Path, clock: FixedClock
) -> None:
    first = open_database(database_file, tmp_path / "backups", clock)
    try:
        with pytest.raises(DatabaseProblem) as caught:
            open_database(database_file, tmp_path / "backups", clock)
        assert "已经在另一个金沙台账窗口中打开了" in caught.value.message
    finally:
        first.close()

    second = open_database(database_file, tmp_path / "backups", clock)
    second.close()
    assert (database_file.parent / "jinsha.sqlite3.lock").read_text() == str(os.getpid())


def test_inspect_only_opens_beside_a_running_program_without_migrating(
    opened: OpenDatabase, database_file: Path, tmp_path: Path, clock: FixedClock
) -> None:
    beside = open_database(database_file, tmp_path / "backups", clock, inspect_only=True)
    try:
        with beside.database.read_sessions() as session:
            assert verify_audit(session).ok
    finally:
        beside.close()


def test_inspect_only_refuses_a_database_not_at_this_version(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "older.sqlite3"
    with raw_sqlite(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES ('0001')")

    with pytest.raises(DatabaseProblem, match="版本与本程序不一致"):
        open_database(path, tmp_path / "backups", clock, inspect_only=True)


# ---------------------------------------------------------------- SQLite backups


def test_backup_copy_is_a_complete_single_file(database_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "copies" / "copy.sqlite3"
    seen: list[tuple[int, int]] = []

    backup_sqlite_file(
        database_file, target, lambda done, total: seen.append((done, total)) and None
    )

    assert seen and seen[-1][0] == seen[-1][1]
    assert not target.with_name("copy.sqlite3.partial").exists()
    with closing(sqlite3.connect(target)) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("SELECT name FROM unit ORDER BY sort_order").fetchall()[0] == (
            "北山社区",
        )


def test_cancelled_backup_leaves_no_file(database_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"

    with pytest.raises(BackupCancelled):
        backup_sqlite_file(database_file, target, lambda done, total: False)

    assert not target.exists() and not target.with_name("copy.sqlite3.partial").exists()


def test_backup_replaces_an_older_copy_of_the_same_name(
    database_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "copy.sqlite3"
    target.write_bytes(b"old")

    backup_sqlite_file(database_file, target)

    with closing(sqlite3.connect(target)) as copy:
        assert copy.execute("SELECT count(*) FROM unit").fetchone() == (5,)


# ---------------------------------------------------------------- the first run


def test_first_run_seeds_the_five_units_the_administrator_and_the_unit_name(
    new_database: OpenDatabase, clock: FixedClock, passwords: PasswordHashing
) -> None:
    config = MachineConfig()

    context = initialize(new_database.database, clock, passwords, config, FIRST_RUN)

    assert is_initialized(new_database.database)
    admin = auth.login(context, "admin", ADMIN_PASSWORD)
    assert [u.name for u in reference.list_units(admin)] == [
        "北山社区",
        "金余村",
        "新三园村",
        "城东村",
        "金北村",
    ]
    assert [u.kind.label for u in reference.list_units(admin)] == ["社区", "村", "村", "村", "村"]
    assert unit_name(admin) == "通州区金沙街道"
    assert [(u.username, u.display_name, u.role.value) for u in auth.list_users(admin)] == [
        ("admin", "系统管理员", "admin")
    ]
    assert list(config.installations.values()) == [str(context.installation_id)]
    assert not auth.must_change_password(admin), "the administrator chose this password"
    assert verify(admin).ok


@pytest.mark.parametrize(
    ("answers", "fields"),
    [
        pytest.param(
            FirstRun(
                "通州区金沙街道", "1 号机", "admin", "管理员", "Jinsha-admin-1", "Jinsha-admin-2"
            ),
            ["admin_password_repeat"],
            id="passwords-differ",
        ),
        pytest.param(
            FirstRun("通州区金沙街道", "1 号机", "admin", "管理员", "short", "short"),
            ["admin_password"],
            id="password-too-short",
        ),
        pytest.param(
            FirstRun("", " ", "", "", "Jinsha-admin-1", "Jinsha-admin-1"),
            ["unit_name", "installation_name", "admin_username", "admin_display_name"],
            id="names-empty",
        ),
        pytest.param(
            FirstRun("单" * 41, "机" * 61, "a b", "管\x00理员", "12345678", "87654321"),
            [
                "unit_name",
                "installation_name",
                "admin_username",
                "admin_display_name",
                "admin_password",
                "admin_password_repeat",
            ],
            id="everything-wrong",
        ),
    ],
)
def test_first_run_answers_are_checked_field_by_field_and_nothing_is_written(
    new_database: OpenDatabase,
    clock: FixedClock,
    passwords: PasswordHashing,
    answers: FirstRun,
    fields: list[str],
) -> None:
    config = MachineConfig()

    with pytest.raises(FormErrors) as caught:
        initialize(new_database.database, clock, passwords, config, answers)

    assert [e.field for e in caught.value.errors] == fields
    assert not is_initialized(new_database.database)
    assert config.installations == {}
    with closing(sqlite3.connect(str(new_database.database.file))) as connection:
        assert connection.execute("SELECT count(*) FROM unit").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM audit_entry").fetchone() == (0,)


def test_first_run_username_typed_fullwidth_is_stored_halfwidth(
    new_database: OpenDatabase, clock: FixedClock, passwords: PasswordHashing
) -> None:
    answers = FirstRun("金沙街道", "1 号机", "ａｄｍｉｎ", "管理员", ADMIN_PASSWORD, ADMIN_PASSWORD)

    context = initialize(new_database.database, clock, passwords, MachineConfig(), answers)

    assert auth.login(context, "admin", ADMIN_PASSWORD).user is not None


def test_first_run_twice_is_refused(
    opened: OpenDatabase, clock: FixedClock, passwords: PasswordHashing
) -> None:
    with pytest.raises(DatabaseProblem, match="已经完成了初始设置"):
        initialize(opened.database, clock, passwords, MachineConfig(), FIRST_RUN)


# ---------------------------------------------------------------- this machine's installation


def test_known_installation_is_reused_and_the_config_is_unchanged(
    opened: OpenDatabase,
    clock: FixedClock,
    passwords: PasswordHashing,
    machine_config: MachineConfig,
) -> None:
    before = dict(machine_config.installations)

    context, changed = local_installation(opened.database, clock, passwords, machine_config)

    assert not changed
    assert machine_config.installations == before
    assert str(context.installation_id) in before.values()


def test_the_installation_name_is_read_through_the_service(
    opened: OpenDatabase,
    clock: FixedClock,
    passwords: PasswordHashing,
    machine_config: MachineConfig,
) -> None:
    """The start-up (gui/app.py) shows this name; it reads no ORM model itself."""
    context, _changed = local_installation(opened.database, clock, passwords, machine_config)
    assert installation_name(context) == FIRST_RUN.installation_name
    stranger = AppContext(opened.database, clock, uuid.uuid4(), passwords)
    assert installation_name(stranger) == ""


@pytest.mark.parametrize(
    "remembered",
    [
        pytest.param(lambda known: {}, id="database-unknown-here"),
        pytest.param(lambda known: {k: "not-a-uuid" for k in known}, id="installation-id-garbage"),
        pytest.param(
            lambda known: {k: str(uuid.uuid4()) for k in known}, id="installation-row-missing"
        ),
    ],
)
def test_machine_that_does_not_know_the_database_registers_a_new_installation(
    opened: OpenDatabase,
    clock: FixedClock,
    passwords: PasswordHashing,
    machine_config: MachineConfig,
    remembered: Callable[[dict[str, str]], dict[str, str]],
) -> None:
    config = MachineConfig(installations=remembered(machine_config.installations))
    old_ids = set(machine_config.installations.values())

    context, changed = local_installation(opened.database, clock, passwords, config)

    assert changed
    assert str(context.installation_id) not in old_ids
    assert list(config.installations.values()) == [str(context.installation_id)]
    again, changed_again = local_installation(opened.database, clock, passwords, config)
    assert (again.installation_id, changed_again) == (context.installation_id, False)
    created = audit_entries(
        context, table_name="installation", record_id=str(context.installation_id)
    )
    assert [e.action for e in created] == ["create"]


def test_uninitialised_database_has_no_installation_yet(
    new_database: OpenDatabase, clock: FixedClock, passwords: PasswordHashing
) -> None:
    with pytest.raises(DatabaseProblem, match="还没有完成初始设置"):
        local_installation(new_database.database, clock, passwords, MachineConfig())


# ---------------------------------------------------------------- settings kept in the database


def test_unit_name_is_changed_by_the_administrator_and_audited(admin: AppContext) -> None:
    assert set_unit_name(admin, "  通州区金沙街道办事处 ") == "通州区金沙街道办事处"

    assert unit_name(admin) == "通州区金沙街道办事处"
    entry = audit_entries(admin, table_name="setting", action="update")[-1]
    assert "通州区金沙街道办事处" in entry.changes
