"""Schema migrations at start-up: back the file up, upgrade in one transaction, never go down."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from jinsha_desktop.db.engine import sqlite_file
from jinsha_desktop.db.sqlite_backup import backup_sqlite_file
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


def refuse_foreign_file(path: Path) -> None:
    """Look at an existing file read-only before connecting for real: the connection switches
    the file to WAL, which must never happen to another program's database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseProblem("这个文件不是数据库，或者已经损坏。请从备份恢复。") from error
    if tables and "alembic_version" not in tables:
        raise DatabaseProblem(NOT_OURS)


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
        raise DatabaseProblem(
            "这个数据库由更新版本的金沙台账创建，本程序无法打开它。请安装最新版本的程序。"
        )
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
    log.info("database upgraded from %s to %s", current, head)
    return backup
