"""A real PostgreSQL server for the tests in this folder (see tests/postgres_server.py).

* `postgres_server` (session): one throwaway server, started on first use and removed at the end.
  When PostgreSQL is not installed the tests that need it are skipped, with the reason, unless
  JINSHA_REQUIRE_POSTGRES=1 (CI sets it), in which case they fail: they never skip silently.
* `postgres_url` (per test): the SQLAlchemy URL of a fresh, empty database of its own, dropped
  afterwards (with any connection a test left open).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.postgres_server import PostgresServer, PostgresUnavailable

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
