"""Backups of the database file, made by a person from the menu or before a migration."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinsha_desktop.db.sqlite_backup import backup_sqlite_file
from jinsha_desktop.domain.errors import DatabaseProblem
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.services.audit import record_action
from jinsha_desktop.services.context import AppContext


def suggested_backup_name(context: AppContext) -> str:
    stamp = context.clock.now().astimezone().strftime("%Y%m%d-%H%M")
    return f"金沙台账备份-{stamp}.sqlite3"


def backup_database(
    context: AppContext,
    destination: Path,
    progress: Callable[[int, int], bool | None] | None = None,
) -> Path:
    """Write a consistent copy of the open database to `destination` (audited)."""
    context.require(Permission.BACKUP)
    source = context.database.file
    if source is None:
        raise DatabaseProblem("服务器上的数据库请由服务器管理员备份（例如 pg_dump）。")
    if destination.resolve() == source.resolve():
        raise DatabaseProblem("备份文件不能和数据库是同一个文件，请另选位置。")
    try:
        backup_sqlite_file(source, destination, progress)
    except OSError as error:
        raise DatabaseProblem(f"无法写入备份文件：{error.strerror or error}") from error
    with context.uow() as session:
        record_action(session, "backup", f"备份到 {destination}")
    return destination
