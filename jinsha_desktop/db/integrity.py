"""Is the SQLite file damaged? A quick look bounded in time at start-up, the full check later.

Both read the file read-only (db/sqlite_backup.read_only_uri): a check never writes a byte.

- `quick_check` (start-up): first every table's first and last row (reads each table's root page
  and the pages down to its two ends: a damaged root page makes every query of that table fail),
  then SQLite's `PRAGMA quick_check` (every page of every b-tree, without matching indexes to
  rows), interrupted (sqlite3_interrupt) when its time budget runs out, so a 1 GB file still
  opens at once. A check that ran out of time is `complete=False`: the full check after login
  covers the rest.
- `full_check` (after login, off the GUI thread, once a day): `PRAGMA integrity_check`, which
  also matches every index entry to its row; it can be cancelled.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinsha_desktop.db.sqlite_backup import read_only_uri

QUICK_BUDGET_SECONDS = 1.0
"""How long start-up may spend in `PRAGMA quick_check` (the probes of the tables come first)."""

_POLL_SECONDS = 0.1
"""How often the watcher looks at the clock or at a cancel request."""

MAX_PROBLEMS = 20


@dataclass(frozen=True)
class IntegrityResult:
    ok: bool
    complete: bool
    """False when the check stopped at its time budget (or was cancelled) before the end."""
    problems: tuple[str, ...] = ()
    seconds: float = 0.0

    def describe(self) -> str:
        """The problems in one line, for the log and the message's details."""
        return "；".join(self.problems[:3])


def quick_check(path: Path, budget_seconds: float | None = None) -> IntegrityResult:
    """Probe every table, then `quick_check` for at most `budget_seconds` (default
    QUICK_BUDGET_SECONDS; see the module)."""
    seconds = QUICK_BUDGET_SECONDS if budget_seconds is None else budget_seconds

    def check(connection: sqlite3.Connection, started: float) -> IntegrityResult:
        try:
            _probe_tables(connection)
        except sqlite3.DatabaseError as error:
            return _damaged(str(error), started)
        deadline = time.monotonic() + seconds
        return _pragma(connection, "quick_check", lambda: time.monotonic() > deadline, started)

    return _on_file(path, check)


def full_check(path: Path, cancelled: Callable[[], bool] | None = None) -> IntegrityResult:
    """`PRAGMA integrity_check` on the whole file; `cancelled()` returning True stops it."""
    stop = cancelled or (lambda: False)
    return _on_file(
        path, lambda connection, started: _pragma(connection, "integrity_check", stop, started)
    )


def _on_file(
    path: Path, check: Callable[[sqlite3.Connection, float], IntegrityResult]
) -> IntegrityResult:
    """`check(connection, started)` on the file opened read-only, timed from now; a file that
    cannot be opened is damaged."""
    started = time.monotonic()
    try:
        # Interrupted from the watcher thread (sqlite3_interrupt is safe from any thread).
        connection = sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)
    except sqlite3.DatabaseError as error:
        return _damaged(str(error), started)
    try:
        return check(connection, started)
    finally:
        connection.close()


def _probe_tables(connection: sqlite3.Connection) -> None:
    """Read every table's first and last row; SQLite raises on a damaged page on the way."""
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        connection.execute(f"SELECT * FROM {quoted} LIMIT 1").fetchall()
        try:
            connection.execute(f"SELECT * FROM {quoted} ORDER BY rowid DESC LIMIT 1").fetchall()
        except sqlite3.OperationalError as error:
            if "rowid" not in str(error):  # a WITHOUT ROWID table has no rowid to order by
                raise


def _pragma(
    connection: sqlite3.Connection, pragma: str, stop: Callable[[], bool], started: float
) -> IntegrityResult:
    # Not a progress handler: SQLite calls it between statements' steps, and the b-tree walk of
    # a check is one step (1.4 s on 1.3 GB, warm). sqlite3_interrupt stops it inside the walk.
    done = threading.Event()

    def watch() -> None:
        while not done.wait(_POLL_SECONDS):
            if stop():
                connection.interrupt()
                return

    watcher = threading.Thread(target=watch, name=f"{pragma}-watch", daemon=True)
    if stop():
        return IntegrityResult(True, False, (), time.monotonic() - started)
    watcher.start()
    try:
        rows = connection.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            return IntegrityResult(True, False, (), time.monotonic() - started)
        return _damaged(str(error), started)
    except sqlite3.DatabaseError as error:
        return _damaged(str(error), started)
    finally:
        done.set()
        watcher.join()
    found = tuple(str(row[0]) for row in rows)
    if found == ("ok",):
        return IntegrityResult(True, True, (), time.monotonic() - started)
    return IntegrityResult(False, True, found, time.monotonic() - started)


def _damaged(problem: str, started: float) -> IntegrityResult:
    return IntegrityResult(False, True, (problem,), time.monotonic() - started)
