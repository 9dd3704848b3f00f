"""A damaged database file stops being written to: found at start-up or by the daily full check.

A SQLite file damaged on disk (a bad sector, a copy cut short, a USB stick pulled out) keeps
accepting saves into the pages still readable, and each save may spread the damage; the records
already there are then only in the backups. So a damaged file is opened read-only: every write
is refused with the same plain message (db/engine.Database.refuse_writes) and the GUI offers the
latest good backup (services/backup.py).

The outcome of the last full check is remembered per file in a small JSON record in the data
folder: a failure found by the full check in the background is still known at the next start,
when the quick check bounded in time may not reach the damaged page.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from jinsha_desktop.db.engine import Database
from jinsha_desktop.db.integrity import IntegrityResult, full_check, quick_check
from jinsha_desktop.domain.errors import DatabaseProblem

log = logging.getLogger(__name__)

RECORD_NAME = "integrity.json"
FULL_CHECK_EVERY = timedelta(days=1)


class DatabaseDamaged(DatabaseProblem):
    """The database file is damaged: nothing more is written to it."""

    def __init__(self, message: str, file: Path | None) -> None:
        super().__init__(message)
        self.file = file


def damage_message(detail: str) -> str:
    return (
        "数据库文件已损坏，为保护已保存的记录，程序已停止往这个文件里保存任何内容。"
        "请从最近一次完好的备份恢复（损坏的文件会原样保留在旁边），或请技术人员检查。"
        f"（检查结果：{detail[:200]}）"
    )


def check_at_startup(file: Path, record: Path | None) -> str | None:
    """The damage message for `file`, or None: the quick check bounded in time, and a failure
    of the last full check remembered in `record`."""
    result = quick_check(file)
    log.info(
        "start-up check of %s: %s in %.2f s%s",
        file,
        "ok" if result.ok else "DAMAGED",
        result.seconds,
        "" if result.complete else " (stopped at its time budget)",
    )
    if not result.ok:
        return damage_message(result.describe())
    remembered = _read(record).get(_key(file)) if record is not None else None
    if remembered and not remembered.get("ok", True):
        if remembered.get("identity") == _identity(file):
            return damage_message(str(remembered.get("problems", "")))
        # Another file under this name now (put back by hand): check it again after login.
    return None


def full_check_due(file: Path, record: Path, now: datetime) -> bool:
    """Whether the full check should run now: never run, failed, or run over a day ago."""
    remembered = _read(record).get(_key(file))
    if not remembered or not remembered.get("ok", False):
        return True
    try:
        checked = datetime.fromisoformat(str(remembered["checked_at"]))
    except (KeyError, ValueError):
        return True
    return now - checked >= FULL_CHECK_EVERY


def run_full_check(
    database: Database,
    record: Path,
    now: datetime,
    cancelled: Callable[[], bool] | None = None,
) -> IntegrityResult:
    """`PRAGMA integrity_check` on the open database's file (reads only; run it off the GUI
    thread). A failure refuses every later write at once; a finished check is remembered."""
    file = database.file
    if file is None:
        return IntegrityResult(True, True)
    result = full_check(file, cancelled)
    if not result.ok:
        log.error("full check of %s found damage: %s", file, result.describe())
        database.refuse_writes(damage_message(result.describe()))
    if result.complete:
        remember(record, file, result, now)
    return result


def remember(record: Path, file: Path, result: IntegrityResult, now: datetime) -> None:
    entries = _read(record)
    entries[_key(file)] = {
        "checked_at": now.isoformat(),
        "ok": result.ok,
        "problems": result.describe(),
        "identity": _identity(file),
    }
    _write(record, entries)


def forget(record: Path, file: Path) -> None:
    """After a restore: the file under this name is another one."""
    entries = _read(record)
    if entries.pop(_key(file), None) is not None:
        _write(record, entries)


def _key(file: Path) -> str:
    return str(file.resolve())


def _identity(file: Path) -> list[int]:
    info = os.stat(file)
    return [info.st_dev, info.st_ino]


def _read(record: Path) -> dict[str, Any]:
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(record: Path, entries: dict[str, Any]) -> None:
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        partial = record.with_name(record.name + ".partial")
        partial.write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(partial, record)
    except OSError:
        log.warning("could not remember the integrity check in %s", record, exc_info=True)
