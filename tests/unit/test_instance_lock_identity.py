"""Issue 11.6: two names of one database file (a hard link, a symlink, another relative path) must
not give two writers. Each case holds the database open in a second process, as a second copy of
the program would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from jinsha_desktop.db import instance_lock
from jinsha_desktop.db.instance_lock import AlreadyLocked, InstanceLock
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.errors import DatabaseProblem
from jinsha_desktop.services.setup import open_database

REPO = Path(__file__).resolve().parents[2]

_HOLDER = """
import sys
from pathlib import Path
from jinsha_desktop.db.instance_lock import InstanceLock
from jinsha_desktop.domain.clock import SystemClock
from jinsha_desktop.services.setup import open_database

path, backups, how = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
if how == "program":
    held = open_database(path, backups, SystemClock())
else:  # the lock alone, with the lock file named after the file's identity
    held = InstanceLock(path, lock_database_file=False)
    held.acquire()
print("HOLDING", flush=True)
sys.stdin.readline()
held.close() if how == "program" else held.release()
"""


@contextmanager
def held_elsewhere(path: Path, backups: Path, how: str = "program") -> Iterator[None]:
    """`path` opened by another process until the block ends."""
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path), str(backups), how],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "HOLDING", child.stderr.read() if child.stderr else line
        yield
    finally:
        child.communicate("\n", timeout=60)  # lets it go and closes the pipes


def other_names(database_file: Path, tmp_path: Path) -> dict[str, Path]:
    elsewhere = tmp_path / "另一个文件夹"
    elsewhere.mkdir()
    hard_link = elsewhere / "副本.sqlite3"
    os.link(database_file, hard_link)
    symlink = elsewhere / "链接.sqlite3"
    symlink.symlink_to(database_file)
    return {"hard link": hard_link, "symlink": symlink}


@pytest.mark.parametrize("name", ["hard link", "symlink"])
def test_a_second_name_of_an_open_database_is_refused_in_another_process(
    database_file: Path, tmp_path: Path, clock: FixedClock, name: str
) -> None:
    second_name = other_names(database_file, tmp_path)[name]
    with held_elsewhere(database_file, tmp_path / "backups"):
        with pytest.raises(DatabaseProblem, match="已经在另一个金沙台账窗口中打开了"):
            open_database(second_name, tmp_path / "backups", clock)
    # and the other way round: the first name is refused while the second is open
    with held_elsewhere(second_name, tmp_path / "backups"):
        with pytest.raises(DatabaseProblem, match="已经在另一个金沙台账窗口中打开了"):
            open_database(database_file, tmp_path / "backups", clock)
    opened = open_database(second_name, tmp_path / "backups", clock)
    opened.close()


def test_a_relative_path_of_an_open_database_is_refused(
    database_file: Path, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path.parent)
    relative = Path(os.path.relpath(database_file))
    with held_elsewhere(database_file, tmp_path / "backups"):
        with pytest.raises(DatabaseProblem, match="已经在另一个金沙台账窗口中打开了"):
            open_database(relative, tmp_path / "backups", clock)


def test_the_identity_lock_file_also_catches_a_hard_link(
    database_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lock used where the database file itself cannot be locked (Windows, macOS)."""
    monkeypatch.setattr(instance_lock.tempfile, "gettempdir", lambda: str(tmp_path / "temp"))
    hard_link = other_names(database_file, tmp_path)["hard link"]
    env_temp = tmp_path / "temp"
    env_temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(env_temp))
    with held_elsewhere(database_file, tmp_path / "backups", how="identity"):
        lock = InstanceLock(hard_link, lock_database_file=False)
        with pytest.raises(AlreadyLocked):
            lock.acquire()
    lock.acquire()
    lock.release()
    assert instance_lock.identity_lock_path(hard_link) == instance_lock.identity_lock_path(
        database_file
    )
