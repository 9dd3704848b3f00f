"""One program per database file: a second instance gets a message, not a corrupted file.

Two locks, both released by the operating system when the process ends:

- `<database>.lock` beside the file, holding the process id. It catches every name that resolves
  to the same folder (a relative path, a symlink, a mapped drive and its UNC path, another user).
- a lock on the file's identity, which catches the names that do not: a hard link in another
  folder, a bind mount. On Linux that is `flock` on the database file itself (flock and SQLite's
  POSIX record locks are independent there). Elsewhere it is a lock file named after the file's
  identity (device + inode; on Windows the volume serial number and file index that `os.stat`
  reports) in the machine's temporary folder: Windows locks are mandatory, so locking a byte of
  the database file would stop SQLite reading it, and BSD/macOS flock and record locks may meet.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import IO


class AlreadyLocked(Exception):
    pass


def identity_lock_path(database_file: Path, folder: Path | None = None) -> Path | None:
    """The lock file named after `database_file`'s identity, the same for all of its names
    (None where the file system has no file numbers, e.g. FAT on Windows reports 0)."""
    info = os.stat(database_file)
    if not info.st_ino:
        return None
    folder = folder or Path(tempfile.gettempdir()) / "jinsha-locks"
    return folder / f"{info.st_dev:x}-{info.st_ino:x}.lock"


_PARKED: list[IO[bytes]] = []
"""Handles on a database file that could not be locked (see _lock_identity)."""

LOCK_DATABASE_FILE = sys.platform.startswith("linux")
"""Lock the database file itself (Linux) or a lock file named after its identity (elsewhere)."""


class InstanceLock:
    """Operating-system locks on `<database>.lock` and on the database file's identity."""

    def __init__(self, database_file: Path, *, lock_database_file: bool | None = None) -> None:
        self.database_file = database_file
        self.path = database_file.with_name(database_file.name + ".lock")
        self.lock_database_file = (
            LOCK_DATABASE_FILE if lock_database_file is None else lock_database_file
        )
        self._handle: IO[bytes] | None = None
        self._identity: IO[bytes] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")
        try:
            _lock(handle)
        except OSError as error:
            handle.close()
            raise AlreadyLocked(str(self.path)) from error
        try:
            self._identity = self._lock_identity()
        except BaseException:
            _release(handle)
            raise
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode())
        handle.flush()
        self._handle = handle

    def _lock_identity(self) -> IO[bytes] | None:
        if not self.database_file.exists():
            # SQLite takes an empty file as a new database: create it now, to lock it.
            with open(self.database_file, "ab"):
                pass
        if self.lock_database_file:
            # Read-only is enough for flock, and cannot write a byte of the database. Closing
            # this handle would drop SQLite's record locks of this process on the file: it is
            # closed only in release(), after the database is disposed.
            target = self.database_file
            handle: IO[bytes] = open(target, "rb")
        else:
            found = identity_lock_path(self.database_file)
            if found is None:
                return None  # only the lock file beside the database then
            target = found
            target.parent.mkdir(parents=True, exist_ok=True)
            handle = open(target, "a+b")
        try:
            _lock(handle)
        except OSError as error:
            if self.lock_database_file:
                # POSIX record locks belong to the process and any close() of the file drops
                # them: if this process has the file open under another name, closing this
                # handle would take SQLite's locks from under it. Keep it until the end.
                _PARKED.append(handle)
            else:
                handle.close()
            raise AlreadyLocked(str(target)) from error
        return handle

    def release(self) -> None:
        """Release both locks; call it after the database's connections are closed."""
        identity, self._identity = self._identity, None
        handle, self._handle = self._handle, None
        try:
            if identity is not None:
                _release(identity)
        finally:
            if handle is not None:
                _release(handle)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _release(handle: IO[bytes]) -> None:
    try:
        _unlock(handle)
    finally:
        handle.close()


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
