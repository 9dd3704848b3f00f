"""Schema migrations at start-up: back the file up, upgrade in one transaction, never go down."""

from __future__ import annotations

import logging
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from jinsha_desktop import __version__
from jinsha_desktop.db.engine import sqlite_file
from jinsha_desktop.db.sqlite_backup import backup_sqlite_file, read_only_uri
from jinsha_desktop.domain.errors import DatabaseProblem

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


NOT_OURS = "这个文件不是金沙台账的数据库，请选择正确的数据库文件。"


def version_number(version: str = __version__) -> int:
    """A program version as the integer kept in SQLite's user_version: 1.12.3 -> 1_012_003."""
    parts = []
    for part in version.split("."):
        digits = re.match(r"\d+", part)  # "0rc1" counts as 0
        parts.append(int(digits.group()) if digits else 0)
    major, minor, patch = (parts + [0, 0, 0])[:3]
    return major * 1_000_000 + minor * 1_000 + patch


def version_text(number: int) -> str | None:
    """The program version `number` stands for; None when no version was recorded (0)."""
    if number <= 0:
        return None
    return f"{number // 1_000_000}.{number // 1_000 % 1_000}.{number % 1_000}"


def newer_program_message(revision: str, recorded_version: str | None) -> str:
    """What to say about a database whose schema revision this program does not know."""
    if recorded_version:
        needed = f"请安装 {recorded_version} 或更新版本的金沙台账后再打开。"
        made = f"由金沙台账 {recorded_version} 版升级"
    else:
        needed = "请安装最新版本的金沙台账后再打开。"
        made = "由更新版本的金沙台账创建"
    return (
        f"这个数据库{made}（数据结构版本 {revision}），本程序（{__version__} 版）无法打开它，"
        f"文件未作任何改动。{needed}"
    )


def refuse_foreign_file(path: Path) -> None:
    """Look at an existing file read-only, without writing a byte, before connecting for real.

    Refuses a file that is not a database, another program's database and one written by a newer
    program: connecting for real switches the file to WAL and may migrate it, which must never
    happen to any of them.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            recorded = connection.execute("PRAGMA user_version").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseProblem("这个文件不是数据库，或者已经损坏。请从备份恢复。") from error
    if tables and "alembic_version" not in tables:
        raise DatabaseProblem(NOT_OURS)
    if revision is not None and revision not in known_revisions():
        raise DatabaseProblem(newer_program_message(revision, version_text(recorded)))


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def upgrade_database(engine: Engine, backup_dir: Path, now: datetime) -> Path | None:
    """Bring the schema to this program's version; returns the backup made first, if any.

    Refuses a database written by a newer program and a file that is not ours.
    """
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    current = current_revision(engine)
    if current == head:
        return None
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        # Servers only: a SQLite file was refused by refuse_foreign_file before connecting.
        raise DatabaseProblem(newer_program_message(current, None))
    if current is None and inspect(engine).get_table_names():
        raise DatabaseProblem(NOT_OURS)

    backup = None
    database_file = sqlite_file(engine.url)
    if current is not None and database_file is not None and database_file.exists():
        stamp = now.strftime("%Y%m%d-%H%M%S")
        backup = backup_dir / f"{database_file.stem}-before-upgrade-{current}-{stamp}.sqlite3"
        backup_sqlite_file(database_file, backup)
        log.info("backed up %s to %s before upgrading from %s", database_file, backup, current)

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        if connection.dialect.name == "sqlite":
            # Which program version an older one must ask for, readable without opening the
            # file for writing (refuse_foreign_file); transactional, like the upgrade itself.
            connection.exec_driver_sql(f"PRAGMA user_version = {version_number()}")
    log.info("database upgraded from %s to %s", current, head)
    return backup
