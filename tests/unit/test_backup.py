"""Backups made by a person from the menu (services/backup.py)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from jinsha_desktop.db.sqlite_backup import BackupCancelled
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.errors import DatabaseProblem, PermissionDenied
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.reference import CompoundInput, UnitInput, UnitKind
from jinsha_desktop.services import reference
from jinsha_desktop.services.backup import backup_database, suggested_backup_name
from jinsha_desktop.services.context import AppContext
from tests.unit.support import audit_count, audit_entries, logged_in_as, verify


def _units_in(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as copy:
        return [
            name
            for (name,) in copy.execute(
                "SELECT name FROM unit WHERE deleted_at IS NULL ORDER BY sort_order, name"
            )
        ]


def test_backup_is_a_consistent_copy_with_every_saved_record(
    admin: AppContext, tmp_path: Path
) -> None:
    reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    units = [u.name for u in reference.list_units(admin)]
    target = tmp_path / "U盘" / "金沙台账备份.sqlite3"

    result = backup_database(admin, target)

    assert result == target
    with closing(sqlite3.connect(target)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert _units_in(target) == units
    assert not Path(str(target) + "-wal").exists()


def test_backup_holds_changes_still_in_the_write_ahead_log(
    admin: AppContext, tmp_path: Path
) -> None:
    # The live file is in WAL mode: the newest commits may not be in the main file yet.
    unit_id = reference.list_units(admin)[0].id
    for n in range(20):
        reference.save_compound(admin, unit_id, CompoundInput(f"小区{n}"))

    backup_database(admin, tmp_path / "copy.sqlite3")

    with closing(sqlite3.connect(tmp_path / "copy.sqlite3")) as copy:
        assert copy.execute("SELECT count(*) FROM compound").fetchone() == (20,)


def test_backup_is_audited(admin: AppContext, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"

    backup_database(admin, target)

    (entry,) = audit_entries(admin, action="backup")
    assert entry.summary == f"备份到 {target}"
    assert entry.username == "admin"
    assert verify(admin).ok


def test_backup_onto_the_database_itself_is_refused(admin: AppContext) -> None:
    assert admin.database.file is not None
    same_file_other_spelling = admin.database.file.parent / "." / admin.database.file.name

    with pytest.raises(DatabaseProblem, match="不能和数据库是同一个文件"):
        backup_database(admin, same_file_other_spelling)

    assert _units_in(admin.database.file)[0] == "北山社区"


@pytest.mark.parametrize("role", [Role.CHECKPOINT, Role.VIEWER], ids=lambda r: r.value)
def test_roles_without_backup_permission_are_refused(
    admin: AppContext, tmp_path: Path, role: Role
) -> None:
    someone = logged_in_as(admin, "someone", role)

    with pytest.raises(PermissionDenied, match="没有“备份数据库”的权限"):
        backup_database(someone, tmp_path / "copy.sqlite3")

    assert not (tmp_path / "copy.sqlite3").exists()


def test_clerk_may_make_a_backup(admin: AppContext, tmp_path: Path) -> None:
    clerk = logged_in_as(admin, "clerk", Role.CLERK)

    backup_database(clerk, tmp_path / "copy.sqlite3")

    assert [e.username for e in audit_entries(admin, action="backup")] == ["clerk"]


def test_cancelled_backup_leaves_no_file_and_no_entry(admin: AppContext, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"
    entries = audit_count(admin)
    calls: list[tuple[int, int]] = []

    def cancel(done: int, total: int) -> bool:
        calls.append((done, total))
        return False

    with pytest.raises(BackupCancelled):
        backup_database(admin, target, cancel)

    assert len(calls) == 1
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == []
    assert audit_count(admin) == entries


def test_progress_reports_pages_until_done(admin: AppContext, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []

    backup_database(
        admin, tmp_path / "copy.sqlite3", lambda done, total: seen.append((done, total)) or None
    )

    assert seen[-1][0] == seen[-1][1] > 0
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_backup_to_an_unwritable_place_is_a_known_problem(
    admin: AppContext, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")

    with pytest.raises(DatabaseProblem, match="无法写入备份文件"):
        backup_database(admin, blocker / "copy.sqlite3")


def test_suggested_name_carries_the_local_date_and_time(
    admin: AppContext, clock: FixedClock
) -> None:
    name = suggested_backup_name(admin)

    assert name.startswith("金沙台账备份-") and name.endswith(".sqlite3")
    assert name == f"金沙台账备份-{clock.now().astimezone():%Y%m%d-%H%M}.sqlite3"
