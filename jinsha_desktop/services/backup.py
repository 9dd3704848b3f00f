"""Backups of the database file, made by a person from the menu or before a migration."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from jinsha_desktop.db.audit_head import HEAD_SUFFIX
from jinsha_desktop.db.sqlite_backup import backup_sqlite_file
from jinsha_desktop.domain.errors import DatabaseProblem
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.services.audit import log_action
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
    log_action(context, "backup", f"备份到 {destination}")
    return destination


def latest_good_backup(folder: Path, database_file: Path | None = None) -> Path | None:
    """The newest backup in `folder` that is a whole, undamaged database of this program.

    Each candidate is read only (db/integrity.py); a damaged or foreign one is passed over.
    """
    from jinsha_desktop.db.integrity import full_check
    from jinsha_desktop.db.migrate import refuse_foreign_file

    if not folder.is_dir():
        return None
    candidates = [
        path
        for path in folder.iterdir()
        if path.is_file()
        and path.suffix in {".sqlite3", ".sqlite", ".db"}
        and (database_file is None or path.resolve() != database_file.resolve())
    ]
    for path in sorted(candidates, key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            refuse_foreign_file(path)
        except DatabaseProblem:
            continue
        if path.stat().st_size and full_check(path).ok:
            return path
    return None


def restore_backup(database_file: Path, backup: Path, now: datetime) -> Path:
    """Put a copy of `backup` where `database_file` is; returns where the old file was kept.

    Call it with the database closed. The old file is never deleted: it is renamed aside
    (`<name>-damaged-<time>.sqlite3`, its -wal and -shm with it, so they can never be applied
    to the restored copy) for a technician to look at or recover from.
    """
    if backup.resolve() == database_file.resolve():
        raise DatabaseProblem("备份文件不能和数据库是同一个文件，请另选备份。")
    stamp = now.astimezone().strftime("%Y%m%d-%H%M%S")
    aside = database_file.with_name(f"{database_file.stem}-damaged-{stamp}{database_file.suffix}")
    incoming = database_file.with_name(database_file.name + ".restoring")
    try:
        backup_sqlite_file(backup, incoming)  # a consistent copy; the backup stays as it is
        if database_file.exists():
            os.replace(database_file, aside)
        # The audit head goes aside too: it anchors the old file's log, which the restored
        # copy is behind; the restored database gets its own anchor at its next save.
        for suffix in ("-wal", "-shm", HEAD_SUFFIX):
            beside = database_file.with_name(database_file.name + suffix)
            if beside.exists():
                os.replace(beside, aside.with_name(aside.name + suffix))
        os.replace(incoming, database_file)
    except OSError as error:
        incoming.unlink(missing_ok=True)
        raise DatabaseProblem(f"无法恢复备份：{error.strerror or error}") from error
    return aside
