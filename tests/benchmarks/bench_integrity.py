"""Damaged-file checks on the 1,000,000-visit database of bench_visits (issue 11.5).

    python tests/benchmarks/run.py integrity

Program — the start-up check (db/integrity.quick_check: every table's first and last row, then
SQLite's quick_check stopped at its time budget) and the full check run after login
(integrity_check). Raw — SQLite's `PRAGMA quick_check` run to the end on the same file, what an
unbounded start-up check would cost. Both read-only, on the same copy, page cache warm (the
copy was just written), medians of three.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from tests.benchmarks.bench_visits import _cached_database
from tests.benchmarks.support import Benchmark, Options, Result, Target, median, spread


def _timed(action, repeat: int) -> tuple[list[float], object]:  # type: ignore[no-untyped-def]
    samples, outcome = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        outcome = action()
        samples.append(time.perf_counter() - started)
    return samples, outcome


def integrity_benchmarks(options: Options) -> list[Result]:
    from jinsha_desktop.db import integrity

    cached = options.shared("visits-db", lambda: _cached_database(options))
    database = options.workdir / "integrity" / "visits.sqlite3"
    database.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, database)
    size_mb = database.stat().st_size / 1024 / 1024
    repeat = options.repetitions(3)

    def raw_quick_check() -> str:
        uri = database.resolve().as_uri() + "?immutable=1"
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            return str(connection.execute("PRAGMA quick_check").fetchone()[0])

    startup, bounded = _timed(lambda: integrity.quick_check(database), repeat)
    raw, raw_outcome = _timed(raw_quick_check, repeat)
    full, full_outcome = _timed(lambda: integrity.full_check(database), 1)
    return [
        Result(
            "integrity",
            f"start-up check of a {size_mb:,.0f} MB file holding 1,000,000 visits: table probes + "
            f"quick_check stopped at {integrity.QUICK_BUDGET_SECONDS:g} s (raw: PRAGMA "
            "quick_check to the end)",
            "s",
            median(startup),
            median(raw),
            Target(2.0, "value", unit="s"),
            notes=[
                f"program: {spread(startup)}; complete: {getattr(bounded, 'complete', None)}",
                f"raw: {spread(raw)}; {raw_outcome}",
            ],
        ),
        Result(
            "integrity",
            "full check after login, off the GUI thread: PRAGMA integrity_check (raw: "
            "PRAGMA quick_check to the end)",
            "s",
            median(full),
            median(raw),
            None,
            notes=[f"ok: {getattr(full_outcome, 'ok', None)}"],
        ),
    ]


BENCHMARKS = [
    Benchmark(
        "integrity",
        "damaged-file checks on 1,000,000 visits: start-up check under 2 s",
        integrity_benchmarks,
    )
]

if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.exit(f"run it through the runner: python {Path(__file__).parent / 'run.py'} integrity")
