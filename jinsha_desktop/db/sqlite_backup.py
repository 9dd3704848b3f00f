"""Consistent copies of a live SQLite file through SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

Progress = Callable[[int, int], bool | None]
"""Called with (pages done, pages in all); returning False cancels."""


class BackupCancelled(Exception):
    pass


def read_only_uri(path: Path) -> str:
    """A URI that reads `path` without writing a byte: no -wal or -shm created beside it.

    Read-only mode (`mode=ro`) still creates -wal and -shm beside a WAL database, and leaves
    them; `immutable=1` reads the main file alone, which is complete when there is no -wal
    file. With a -wal file (the program is running, or stopped without closing) the latest
    saves may be in it, so it is read as SQLite reads a live database.
    """
    wal = path.with_name(path.name + "-wal")
    # as_uri() percent-encodes the path: a folder named "数据#2" must not end the file name.
    return path.resolve().as_uri() + ("?mode=ro" if wal.exists() else "?immutable=1")


def backup_sqlite_file(source: Path, destination: Path, progress: Progress | None = None) -> None:
    """Copy `source` to `destination` page by page while others may keep writing.

    The copy is written beside the destination and renamed into place, so a crash midway never
    leaves a half-written file under the final name.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    cancelled = False

    def report(_status: int, remaining: int, total: int) -> None:
        nonlocal cancelled
        if progress is not None and progress(total - remaining, total) is False:
            cancelled = True
            raise BackupCancelled()

    # as_uri() percent-encodes the path: a folder named "数据#2" must not end the file name.
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            try:
                src.backup(dst, pages=256, progress=report)
            except BackupCancelled:
                pass
            if not cancelled:
                # A backup is a single file: no -wal beside it to lose.
                dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    if cancelled:
        partial.unlink(missing_ok=True)
        raise BackupCancelled()
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, destination)
