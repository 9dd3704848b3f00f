"""Issue 11.5: a damaged database file is noticed (at start-up, bounded in time, and by the full
check after login), nothing more is written to it, and the latest good backup can be restored
with the damaged file kept aside."""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.db import integrity as checks
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.errors import DatabaseProblem
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.services import auth, integrity
from jinsha_desktop.services.backup import latest_good_backup, restore_backup
from jinsha_desktop.services.settings import set_unit_name
from jinsha_desktop.services.setup import local_installation, open_database
from tests.conftest import ADMIN_PASSWORD
from tests.unit.damage import damage_a_middle_leaf, damage_root_page, lengthen_audit_log
from tests.unit.test_cli import run_cli

DAMAGED = "数据库文件已损坏，为保护已保存的记录，程序已停止往这个文件里保存任何内容。"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def long_audit_log(
    database_file: Path,
    tmp_path: Path,
    clock: FixedClock,
    passwords: PasswordHashing,
    machine_config: MachineConfig,
) -> Path:
    """database_file with enough audit entries for several leaf pages, checkpointed."""
    return lengthen_audit_log(database_file, tmp_path / "backups", clock, passwords, machine_config)


def test_a_sound_file_passes_the_quick_and_the_full_check(database_file: Path) -> None:
    quick = checks.quick_check(database_file)
    full = checks.full_check(database_file)
    assert (quick.ok, quick.complete, full.ok, full.complete) == (True, True, True, True)


@pytest.mark.parametrize("table", ["visit", "audit_entry", "person"])
def test_a_damaged_root_page_is_found_by_the_quick_check(database_file: Path, table: str) -> None:
    damage_root_page(database_file, table)
    result = checks.quick_check(database_file)
    assert not result.ok and result.problems


def test_a_damaged_leaf_of_the_audit_log_is_found_by_both_checks(long_audit_log: Path) -> None:
    damage_a_middle_leaf(long_audit_log, "audit_entry")
    assert not checks.quick_check(long_audit_log).ok
    assert not checks.full_check(long_audit_log).ok


def test_the_quick_check_stops_at_its_time_budget_and_says_it_did(long_audit_log: Path) -> None:
    damage_a_middle_leaf(long_audit_log, "audit_entry")  # the probes of first/last rows miss it
    result = checks.quick_check(long_audit_log, budget_seconds=0)
    assert result.ok and not result.complete


def test_checking_writes_nothing(long_audit_log: Path) -> None:
    damage_a_middle_leaf(long_audit_log, "audit_entry")
    before = digest(long_audit_log)
    checks.quick_check(long_audit_log)
    checks.full_check(long_audit_log)
    assert digest(long_audit_log) == before
    beside = {p.name for p in long_audit_log.parent.iterdir()}
    assert not beside & {"jinsha.sqlite3-wal", "jinsha.sqlite3-shm"}


# ---------------------------------------------------------------- opening a damaged file


def test_a_damaged_file_is_opened_read_only_and_every_write_is_refused(
    database_file: Path,
    tmp_path: Path,
    clock: FixedClock,
    passwords: PasswordHashing,
    machine_config: MachineConfig,
) -> None:
    damage_root_page(database_file, "visit")
    before = digest(database_file)
    opened = open_database(database_file, tmp_path / "backups", clock)
    try:
        assert opened.damage is not None and opened.damage.startswith(DAMAGED)
        assert opened.database.writes_refused == opened.damage
        context, _ = local_installation(opened.database, clock, passwords, machine_config)
        with pytest.raises(DatabaseProblem) as caught:
            auth.login(context, "admin", ADMIN_PASSWORD)  # even a login writes its audit entry
        assert caught.value.message.startswith(DAMAGED)
    finally:
        opened.close()
    assert digest(database_file) == before
    assert not (tmp_path / "backups").exists()  # no migration, no copy of the damage


def test_the_command_line_refuses_to_write_to_a_damaged_file(
    database_file: Path, tmp_path: Path
) -> None:
    damage_root_page(database_file, "visit")
    before = digest(database_file)
    out = tmp_path / "导出.xlsx"
    result = run_cli(
        "--db",
        str(database_file),
        "export",
        "people",
        "--user",
        "admin",
        "-o",
        str(out),
        data_dir=tmp_path / "data",
        password=ADMIN_PASSWORD,
    )
    assert result.returncode == 2, result.stderr
    assert DAMAGED in result.stderr and "Traceback" not in result.stderr
    assert digest(database_file) == before and not out.exists()


def test_a_failure_of_the_full_check_refuses_writes_at_once_and_is_remembered(
    long_audit_log: Path,
    tmp_path: Path,
    clock: FixedClock,
    passwords: PasswordHashing,
    machine_config: MachineConfig,
) -> None:
    record = tmp_path / "data" / integrity.RECORD_NAME
    opened = open_database(long_audit_log, tmp_path / "backups", clock, integrity_record=record)
    try:
        context, _ = local_installation(opened.database, clock, passwords, machine_config)
        admin = auth.login(context, "admin", ADMIN_PASSWORD)
        assert integrity.full_check_due(long_audit_log, record, clock.now())
        damage_a_middle_leaf(long_audit_log, "audit_entry")  # while the program runs
        result = integrity.run_full_check(opened.database, record, clock.now())
        assert not result.ok
        with pytest.raises(DatabaseProblem, match=DAMAGED):
            set_unit_name(admin, "金沙街道")
    finally:
        opened.close()
    # The next start: the quick check stopped at its budget would not see it; the record does.
    assert checks.quick_check(long_audit_log, budget_seconds=0).ok
    reopened = open_database(long_audit_log, tmp_path / "backups", clock, integrity_record=record)
    try:
        assert reopened.damage is not None and reopened.damage.startswith(DAMAGED)
    finally:
        reopened.close()


def test_the_full_check_is_due_once_a_day(database_file: Path, tmp_path: Path, clock) -> None:
    record = tmp_path / integrity.RECORD_NAME
    opened = open_database(database_file, tmp_path / "backups", clock)
    try:
        assert integrity.run_full_check(opened.database, record, clock.now()).ok
    finally:
        opened.close()
    assert not integrity.full_check_due(database_file, record, clock.now() + timedelta(hours=23))
    assert integrity.full_check_due(database_file, record, clock.now() + timedelta(days=1))


# ---------------------------------------------------------------- backups


def test_the_latest_good_backup_is_offered_and_restored_with_the_damaged_file_kept_aside(
    database_file: Path, tmp_path: Path, clock: FixedClock
) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    good = backups / "older-good.sqlite3"
    shutil.copyfile(database_file, good)
    os.utime(good, (1_700_000_000, 1_700_000_000))
    newer_but_damaged = backups / "newer-damaged.sqlite3"
    shutil.copyfile(database_file, newer_but_damaged)
    damage_root_page(newer_but_damaged, "audit_entry")
    (backups / "notes.sqlite3").write_bytes(b"not a database" * 100)
    damage_root_page(database_file, "visit")
    damaged_bytes = database_file.read_bytes()
    database_file.with_name("jinsha.sqlite3-wal").write_bytes(b"wal of the damaged file")

    assert latest_good_backup(backups, database_file) == good
    aside = restore_backup(database_file, good, clock.now())

    assert aside.read_bytes() == damaged_bytes  # kept, never deleted
    assert aside.name.startswith("jinsha-damaged-20261125-") and aside.suffix == ".sqlite3"
    assert aside.with_name(aside.name + "-wal").read_bytes() == b"wal of the damaged file"
    assert not database_file.with_name("jinsha.sqlite3-wal").exists()
    assert checks.full_check(database_file).ok
    assert good.exists()
    opened = open_database(database_file, backups, clock)
    try:
        assert opened.damage is None
    finally:
        opened.close()


def test_no_backup_folder_means_no_backup_to_offer(tmp_path: Path, database_file: Path) -> None:
    assert latest_good_backup(tmp_path / "none", database_file) is None
