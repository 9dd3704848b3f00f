"""Shared fixtures: a real SQLite file per test (copied from a template built once), a fixed clock,
cheap password hashing, and an isolated data directory. Qt runs offscreen."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

# Before anything imports Qt or reads the data directory.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("JINSHA_DATA_DIR", tempfile.mkdtemp(prefix="jinsha-test-data-"))

import pytest

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.first_run import FirstRun
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.services import auth
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.setup import (
    OpenDatabase,
    initialize,
    local_installation,
    open_database,
)

BEIJING = timezone(timedelta(hours=8))
ADMIN_PASSWORD = "Jinsha-admin-1"
FIRST_RUN = FirstRun(
    "通州区金沙街道", "北山社区卡点 1 号机", "admin", "系统管理员", ADMIN_PASSWORD, ADMIN_PASSWORD
)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 25, 9, 30, tzinfo=BEIJING).astimezone(UTC))


@pytest.fixture(scope="session")
def passwords() -> PasswordHashing:
    """argon2id at the lowest cost: the rules are the same, the tests are fast."""
    return PasswordHashing(time_cost=1, memory_cost_kib=8, parallelism=1)


@pytest.fixture(scope="session")
def template_database(
    tmp_path_factory: pytest.TempPathFactory, passwords: PasswordHashing
) -> tuple[Path, MachineConfig]:
    """A migrated and initialised database file, built once per test session."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite3"
    start = FixedClock(datetime(2026, 11, 1, 8, 0, tzinfo=UTC))
    opened = open_database(path, folder / "backups", start)
    config = MachineConfig()
    initialize(opened.database, start, passwords, config, FIRST_RUN)
    _require_nothing(opened.database, start, passwords, config)
    opened.close()
    return path, config


def _require_nothing(database, clock, passwords, config) -> None:  # type: ignore[no-untyped-def]
    """The test database's duty requires no field (a new installation requires temperature and
    health code): most tests register a bare visit to test something else; the tests of the
    required-field rule switch it on."""
    from jinsha_desktop.services.registration_settings import KEY, RegistrationSettings
    from jinsha_desktop.services.settings import write_setting

    context, _changed = local_installation(database, clock, passwords, config)
    with context.uow() as session:
        write_setting(session, KEY, RegistrationSettings(required=[]).to_json())


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("JINSHA_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def database_file(tmp_path: Path, template_database: tuple[Path, MachineConfig]) -> Path:
    target = tmp_path / "jinsha.sqlite3"
    shutil.copyfile(template_database[0], target)
    return target


@pytest.fixture
def machine_config(template_database: tuple[Path, MachineConfig]) -> MachineConfig:
    source = template_database[1]
    return MachineConfig(installations=dict(source.installations))


@pytest.fixture
def opened(database_file: Path, tmp_path: Path, clock: FixedClock) -> Iterator[OpenDatabase]:
    handle = open_database(database_file, tmp_path / "backups", clock)
    yield handle
    handle.close()


@pytest.fixture
def context(
    opened: OpenDatabase,
    clock: FixedClock,
    passwords: PasswordHashing,
    machine_config: MachineConfig,
) -> AppContext:
    """This installation's context, nobody logged in."""
    ctx, _changed = local_installation(opened.database, clock, passwords, machine_config)
    return ctx


@pytest.fixture
def admin(context: AppContext) -> AppContext:
    return auth.login(context, "admin", ADMIN_PASSWORD)
