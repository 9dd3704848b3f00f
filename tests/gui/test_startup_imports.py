"""The start-up path stays light: nothing heavy is imported before the first window is painted.

`python -m jinsha_desktop` runs in a child process through tests/benchmarks/first_window_harness.py
(the start-up benchmark's harness), which lists the imported modules when the first top-level
window is exposed. Building the command-line parser, the login window and the first-run window
must not need the database, Excel, PDF or hashing libraries: those load behind the window.
Not timed (timings are in tests/benchmarks/bench_startup.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "tests" / "benchmarks" / "first_window_harness.py"
HEAVY = {"sqlalchemy", "alembic", "openpyxl", "lxml", "reportlab", "argon2"}


def first_window(args: list[str], data_dir: Path) -> tuple[str, set[str]]:
    """(class name of the first window, top-level modules imported by then)."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "JINSHA_DATA_DIR": str(data_dir),
        "JINSHA_BENCH_MODULES": "1",
    }
    done = subprocess.run(
        [sys.executable, str(HARNESS), "-m", "jinsha_desktop", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    lines = dict(line.partition(" ")[::2] for line in done.stdout.splitlines())
    assert "JINSHA-BENCH-FIRST-WINDOW" in lines, f"no first window:\n{done.stdout}\n{done.stderr}"
    return lines["JINSHA-BENCH-FIRST-WINDOW"], set(lines["JINSHA-BENCH-MODULES"].split())


@pytest.mark.parametrize(
    "existing", [True, False], ids=["login window of a database", "first-run window"]
)
def test_nothing_heavy_is_imported_before_the_first_window(
    existing: bool, database_file: Path, tmp_path: Path
) -> None:
    # Given an installed database (login first) or none at all (first-run window first)
    data_dir = tmp_path / "data"
    args: list[str] = []
    if existing:
        target = tmp_path / "office" / "jinsha.sqlite3"
        target.parent.mkdir()
        shutil.copyfile(database_file, target)
        args = ["--db", str(target)]
    # When the program starts and its first window is painted
    window, modules = first_window(args, data_dir)
    # Then that window is the expected one and none of the heavy libraries is loaded yet
    assert window == ("LoginDialog" if existing else "FirstRunWizard")
    assert "PySide6" in modules
    assert modules & HEAVY == set()
