"""A real PostgreSQL server for the tests in this folder (see tests/postgres_server.py).

* `postgres_server` (session): one throwaway server, started on first use and removed at the end.
  When PostgreSQL is not installed the tests that need it are skipped, with the reason, unless
  JINSHA_REQUIRE_POSTGRES=1 (CI sets it), in which case they fail: they never skip silently.
* `postgres_url` (per test): the SQLAlchemy URL of a fresh, empty database of its own, dropped
  afterwards (with any connection a test left open).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.services import auth
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.setup import OpenDatabase, initialize, open_database
from tests.conftest import ADMIN_PASSWORD, FIRST_RUN
from tests.postgres_server import PostgresServer, PostgresUnavailable

Opener = Callable[..., OpenDatabase]

REQUIRE_VARIABLE = "JINSHA_REQUIRE_POSTGRES"

# An office server in China: timestamps come back from the driver in +08:00 unless the program
# turns them into UTC itself, which is what the tests check.
SERVER_SETTINGS = {"timezone": "Asia/Shanghai"}


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer(settings=SERVER_SETTINGS)
    try:
        server.start()
    except PostgresUnavailable as error:
        if os.environ.get(REQUIRE_VARIABLE) == "1":
            pytest.fail(
                f"PostgreSQL is required ({REQUIRE_VARIABLE}=1) but unavailable: {error}",
                pytrace=False,
            )
        pytest.skip(f"PostgreSQL not available: {error}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    url = postgres_server.create_database()
    try:
        yield url
    finally:
        postgres_server.drop_database(url)


@pytest.fixture
def open_pg(postgres_url: str, tmp_path: Path, clock: FixedClock) -> Iterator[Opener]:
    """open_database() on this test's PostgreSQL database; every handle is closed afterwards."""
    handles: list[OpenDatabase] = []

    def opener(*, inspect_only: bool = False) -> OpenDatabase:
        handle = open_database(postgres_url, tmp_path / "backups", clock, inspect_only=inspect_only)
        handles.append(handle)
        return handle

    yield opener
    for handle in handles:
        handle.close()


@pytest.fixture
def pg_config() -> MachineConfig:
    return MachineConfig()


@pytest.fixture
def pg_context(
    open_pg: Opener, clock: FixedClock, passwords: PasswordHashing, pg_config: MachineConfig
) -> AppContext:
    """A migrated and initialised database; this installation's context, nobody logged in.
    Its duty requires no field, like the SQLite test database (tests/conftest.py)."""
    from jinsha_desktop.services.registration_settings import KEY, RegistrationSettings
    from jinsha_desktop.services.settings import write_setting

    opened = open_pg()
    context = initialize(opened.database, clock, passwords, pg_config, FIRST_RUN)
    with context.uow() as session:
        write_setting(session, KEY, RegistrationSettings(required=[]).to_json())
    return context


@pytest.fixture
def pg_admin(pg_context: AppContext) -> AppContext:
    return auth.login(pg_context, "admin", ADMIN_PASSWORD)
