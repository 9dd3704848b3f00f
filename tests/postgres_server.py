"""A throwaway PostgreSQL server for the tests (and benchmarks), from the distribution's packages.

An office that shares one server keeps the data of 金沙台账 in PostgreSQL (DESIGN.md,
Architecture), so the database layer and the services are tested against a real one. This
module starts a private server in a temporary directory, hands out empty databases, and removes
everything when it stops. It needs no pytest, so a benchmark script can use it too::

    with PostgresServer() as server:
        url = server.create_database()          # a fresh, empty database
        ...                                     # open_database(url, ...), run the services
        server.drop_database(url)

How it works:

* The binaries come from Debian's packages (``apt-get install postgresql``), found with a glob
  over ``/usr/lib/postgresql/*/bin`` so that any version works (the newest one wins). The
  variable ``JINSHA_PG_BINDIR`` points elsewhere; as a last resort ``initdb`` on the PATH is used.
* ``initdb`` and ``postgres`` refuse to run as root. Tests and CI run as root, so the server
  processes then run as the ``postgres`` system user (created by the Debian package) and the
  temporary directory is handed over to that user. As any other user they run as that user.
* The server listens only on a Unix socket in its own temporary directory (no network at all,
  no clash with a system server on port 5432) unless ``tcp=True`` asks for 127.0.0.1 as well.
  Authentication is "trust": the directory is private and the data is thrown away.
* Durability is switched off (``fsync=off`` …): the data lives only as long as the test run, and
  this keeps a run quick on a slow CI disk. The application's own durability rules are tested on
  SQLite, where the program owns the file.
* ``stop()`` shuts the server down and deletes the directory. It is also registered with
  ``atexit``, so an interrupted run does not leave a server behind (a killed one still can: the
  directories are named ``jinsha-pg-*`` in the temporary directory).
"""

from __future__ import annotations

import atexit
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

BIN_DIR_VARIABLE = "JINSHA_PG_BINDIR"
DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"
SERVICE_USER = "postgres"
"""The system user the server runs as when we are root (created by Debian's postgresql-common)."""
SUPERUSER = "postgres"
"""The database superuser created by initdb; tests connect as this user, without a password."""
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 20

# Settings for a disposable server: quick, small, quiet.
DEFAULT_SETTINGS: dict[str, str] = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "50",
    "shared_buffers": "32MB",
    "max_wal_size": "256MB",
    "log_min_messages": "warning",
    "log_checkpoints": "off",
}


class PostgresUnavailable(RuntimeError):
    """PostgreSQL is not installed here (binaries, system user or the psycopg driver missing).

    Tests skip on this, unless they are told PostgreSQL is required; any other failure to start
    the server is a real error.
    """


def find_bin_dir() -> Path:
    """The directory holding initdb and postgres; PostgresUnavailable when there is none."""
    needed = ("initdb", "postgres")

    def complete(folder: Path) -> bool:
        return all(os.access(folder / name, os.X_OK) for name in needed)

    override = os.environ.get(BIN_DIR_VARIABLE)
    if override:
        if complete(Path(override)):
            return Path(override)
        raise PostgresUnavailable(
            f"{BIN_DIR_VARIABLE}={override} does not hold {', '.join(needed)}"
        )

    def version_key(folder: str) -> tuple[int, ...]:
        # /usr/lib/postgresql/15/bin -> (15,); 9.6 -> (9, 6); the newest version wins.
        return tuple(int(n) for n in re.findall(r"\d+", Path(folder).parent.name))

    for folder in sorted(glob.glob(DEBIAN_BIN_GLOB), key=version_key, reverse=True):
        if complete(Path(folder)):
            return Path(folder)
    on_path = shutil.which("initdb")
    if on_path and complete(Path(on_path).parent):
        return Path(on_path).parent
    raise PostgresUnavailable(
        f"no PostgreSQL server binaries found (looked in {DEBIAN_BIN_GLOB} and on the PATH); "
        "install them with: apt-get install -y postgresql"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _traversable_by_others(folder: Path) -> bool:
    """Whether another user (the postgres user) can reach files under `folder`."""
    for part in (folder, *folder.parents):
        if not os.stat(part).st_mode & 0o001:
            return False
    return True


class PostgresServer:
    """One private PostgreSQL server in a temporary directory. Not thread-safe to start/stop."""

    def __init__(
        self,
        bin_dir: Path | None = None,
        *,
        tcp: bool = False,
        settings: dict[str, str] | None = None,
        base_dir: Path | None = None,
    ) -> None:
        """`settings` are added to (or override) DEFAULT_SETTINGS in postgresql.conf, e.g.
        ``{"timezone": "Asia/Shanghai"}``. `base_dir` is where the temporary directory goes."""
        self._bin_dir = bin_dir
        self.tcp = tcp
        self.settings = {**DEFAULT_SETTINGS, **(settings or {})}
        self._base_dir = base_dir
        self.directory: Path | None = None
        self.port = 0
        self._run_as: dict[str, Any] = {}
        self._started = False
        self._process: subprocess.Popen[bytes] | None = None

    # ------------------------------------------------------------ paths and addresses

    @property
    def data_dir(self) -> Path:
        assert self.directory is not None, "server not started"
        return self.directory / "data"

    @property
    def socket_dir(self) -> Path:
        assert self.directory is not None, "server not started"
        return self.directory / "socket"

    @property
    def log_file(self) -> Path:
        assert self.directory is not None, "server not started"
        return self.directory / "server.log"

    def url(self, database: str, *, driver: str = "psycopg") -> str:
        """A SQLAlchemy URL of `database` on this server (over the Unix socket)."""
        return (
            f"postgresql+{driver}://{SUPERUSER}@/{database}?host={self.socket_dir}&port={self.port}"
        )

    def tcp_url(self, database: str, *, driver: str = "psycopg") -> str:
        """The same over 127.0.0.1 (only when started with tcp=True)."""
        if not self.tcp:
            raise RuntimeError("this server was started without TCP")
        return f"postgresql+{driver}://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    # ------------------------------------------------------------ life cycle

    def start(self) -> PostgresServer:
        """initdb into a new temporary directory and start the server; returns self.

        Raises PostgresUnavailable when PostgreSQL is not installed, RuntimeError (with the end
        of the server log) when it is installed but does not start.
        """
        if self._started:
            return self
        try:
            import psycopg  # noqa: F401  (the driver the tests and the admin connection use)
        except ImportError as error:
            raise PostgresUnavailable(
                "the psycopg driver is not installed: pip install 'psycopg[binary]'"
            ) from error
        bin_dir = self._bin_dir or find_bin_dir()
        self._bin_dir = bin_dir
        self._run_as = self._service_user()

        base = self._base_dir or Path(tempfile.gettempdir())
        if self._run_as and not _traversable_by_others(base):
            base = Path("/tmp")  # e.g. TMPDIR under /root: the postgres user could not reach it
        self.directory = Path(tempfile.mkdtemp(prefix="jinsha-pg-", dir=base))
        atexit.register(self.stop)
        self._started = True
        try:
            self.socket_dir.mkdir()
            if self._run_as:
                for path in (self.directory, self.socket_dir):
                    os.chown(path, self._run_as["user"], self._run_as["group"])
            self._run(
                [
                    str(bin_dir / "initdb"),
                    "--pgdata",
                    str(self.data_dir),
                    "--username",
                    SUPERUSER,
                    "--auth",
                    "trust",
                    "--encoding",
                    "UTF8",
                    "--locale",
                    "C",
                    "--no-sync",  # thrown away afterwards: no need to wait for the disk
                ],
                what="initdb",
            )
            self.port = _free_port()
            settings = {
                **self.settings,
                "port": str(self.port),
                "listen_addresses": "'127.0.0.1'" if self.tcp else "''",
                "unix_socket_directories": f"'{self.socket_dir}'",
            }
            with open(self.data_dir / "postgresql.conf", "a", encoding="utf-8") as conf:
                conf.write("\n# Added by tests/postgres_server.py\n")
                for key, value in settings.items():
                    conf.write(f"{key} = {_quoted(value)}\n")
            # The server runs as our child (not detached by pg_ctl), so that stop() can wait for
            # it: a detached server ends as a zombie where PID 1 does not reap orphans (containers).
            with open(self.log_file, "ab") as log:
                self._process = subprocess.Popen(
                    [str(bin_dir / "postgres"), "-D", str(self.data_dir)],
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    cwd=self.directory,
                    env=self._env(),
                    start_new_session=True,
                    **self._run_as_kwargs(),
                )
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Shut the server down (if it runs) and delete its directory. Safe to call twice."""
        if not self._started:
            return
        self._started = False
        atexit.unregister(self.stop)
        directory, self.directory = self.directory, None
        if directory is None:
            return
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            # SIGINT is PostgreSQL's "fast" shutdown (disconnect everyone, then stop); SIGQUIT is
            # "immediate". The data is thrown away either way, so we only wait for the processes.
            for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGKILL):
                process.send_signal(sig)
                try:
                    process.wait(timeout=STOP_TIMEOUT_S)
                    break
                except subprocess.TimeoutExpired:
                    continue
        shutil.rmtree(directory, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------ databases

    def connect_admin(self) -> Any:
        """A psycopg connection to the `postgres` maintenance database, in autocommit mode."""
        import psycopg

        return psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user=SUPERUSER,
            dbname="postgres",
            autocommit=True,
        )

    def create_database(self, name: str | None = None, *, template: str = "template0") -> str:
        """A new database (a copy of `template`, empty by default); returns its SQLAlchemy URL.

        Copying a template is fast, so every test can have a database of its own.
        """
        name = name or f"t_{uuid.uuid4().hex[:16]}"
        with self.connect_admin() as admin:
            admin.execute(self._create_sql(name, template))
        return self.url(name)

    def drop_database(self, name_or_url: str) -> None:
        """Drop a database, closing whatever connections were left open to it."""
        from psycopg import sql
        from sqlalchemy.engine import make_url

        name = make_url(name_or_url).database if "://" in name_or_url else name_or_url
        assert name
        with self.connect_admin() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    # ------------------------------------------------------------ internals

    def _create_sql(self, name: str, template: str) -> Any:
        from psycopg import sql

        statement = "CREATE DATABASE {} TEMPLATE {}"
        if self._major() >= 15:
            # FILE_COPY copies the template's files directly; with fsync off it is the faster of
            # the two strategies for a small template (WAL_LOG, the default, writes it all to WAL).
            statement += " STRATEGY file_copy"
        return sql.SQL(statement).format(sql.Identifier(name), sql.Identifier(template))

    def _major(self) -> int:
        version = (self.data_dir / "PG_VERSION").read_text().strip()
        return int(version.split(".")[0])

    def _wait_until_ready(self) -> None:
        """Poll until the server accepts connections; RuntimeError with its log if it died."""
        import psycopg

        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"postgres exited with code {self._process.returncode} while starting"
                    + self._log_tail()
                )
            try:
                self.connect_admin().close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"postgres did not accept connections within {START_TIMEOUT_S} s"
                        + self._log_tail()
                    ) from None
                time.sleep(0.05)

    def _log_tail(self) -> str:
        if self.directory is None or not self.log_file.exists():
            return ""
        return "\n--- server log ---\n" + self.log_file.read_text(errors="replace")[-4000:]

    @staticmethod
    def _service_user() -> dict[str, Any]:
        """When root: the uid and gid of the postgres system user; otherwise nothing."""
        if os.geteuid() != 0:
            return {}
        import pwd

        try:
            entry = pwd.getpwnam(SERVICE_USER)
        except KeyError as error:
            raise PostgresUnavailable(
                f"running as root, and there is no '{SERVICE_USER}' system user to run the "
                "server as (Debian's postgresql-common package creates it)"
            ) from error
        return {"user": entry.pw_uid, "group": entry.pw_gid, "home": entry.pw_dir}

    def _run_as_kwargs(self) -> dict[str, Any]:
        if not self._run_as:
            return {}
        # The same as `runuser -u postgres --`, without needing util-linux or PAM.
        return {"user": self._run_as["user"], "group": self._run_as["group"], "extra_groups": []}

    def _env(self) -> dict[str, str]:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "TZ": "UTC"}
        if self._run_as:
            env["HOME"] = self._run_as["home"]
        return env

    def _run(self, command: list[str], *, what: str) -> None:
        assert self.directory is not None
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            cwd=self.directory,
            env=self._env(),
            check=False,
            **self._run_as_kwargs(),
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{what} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
                + self._log_tail()
            )


def _quoted(value: str) -> str:
    """A postgresql.conf value: numbers, units and already quoted strings as they are."""
    if value.startswith("'") or re.fullmatch(r"[A-Za-z0-9_.]+", value):
        return value
    return "'" + value.replace("'", "''") + "'"
