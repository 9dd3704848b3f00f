"""Engine and session factory: SQLite tuned for "nothing typed is lost", or any SQLAlchemy URL."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from jinsha_desktop.db.sqlite_backup import read_only_uri
from jinsha_desktop.domain.errors import DatabaseProblem

BUSY_TIMEOUT_MS = 5000


def database_url(path_or_url: str | Path) -> URL:
    """A file path becomes a SQLite URL; anything with `://` is taken as a SQLAlchemy URL."""
    text = str(path_or_url)
    if "://" in text:
        return make_url(text)
    return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))


def sqlite_file(url: URL) -> Path | None:
    """The database file of a SQLite URL, or None for servers and in-memory databases."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def make_engine(url: URL, *, read_only: bool = False, **kwargs: Any) -> Engine:
    """An engine for `url`; `read_only` (SQLite files) opens the file so that not a byte of it
    is written — no journal-mode switch, no -wal/-shm created when there were none."""
    file = sqlite_file(url)
    if read_only and file is not None:
        uri = read_only_uri(file)

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(
                uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )

        engine = create_engine(url, creator=connect, poolclass=QueuePool, **kwargs)
        _tune_sqlite(engine, writable=False)
        return engine
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _tune_sqlite(engine: Engine, writable: bool = True) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if writable:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        # A writing unit of work takes the write lock at once, so two writers queue on the busy
        # timeout instead of failing when a read transaction tries to become a write one.
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


WRITE_OPTION = "jinsha_write"


class Database:
    """One database: its engine and the two kinds of session the services use."""

    def __init__(self, url: URL, *, read_only: bool = False, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, read_only=read_only, **engine_kwargs)
        self._reads = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )
        self.writes_refused: str | None = None
        """Why nothing may be saved (a damaged file), in words for the user; None: writable."""
        event.listen(self.engine, "begin", self._check_writable, insert=True)  # before BEGIN

    def refuse_writes(self, reason: str) -> None:
        """From now on every writing unit of work fails with `reason` before it writes."""
        self.writes_refused = reason

    def _check_writable(self, connection: Any) -> None:
        if self.writes_refused and connection.get_execution_options().get(WRITE_OPTION):
            raise DatabaseProblem(self.writes_refused)

    @property
    def file(self) -> Path | None:
        return sqlite_file(self.url)

    @property
    def write_sessions(self) -> sessionmaker[Session]:
        return self._writes

    @property
    def read_sessions(self) -> sessionmaker[Session]:
        return self._reads

    def describe(self) -> str:
        """Where the data is, for the status bar (never the password of a server URL)."""
        return str(self.file) if self.file else self.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()
