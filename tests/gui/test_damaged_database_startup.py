"""Issue 11.5 through the real start-up: a damaged database is reported before anyone logs in,
the latest good backup is offered and restored (the damaged file kept aside), and the daily full
check after login stops every save when it finds damage the quick check did not reach."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from jinsha_desktop.db import integrity as checks
from jinsha_desktop.domain.errors import DatabaseProblem
from jinsha_desktop.services.settings import set_unit_name
from tests.conftest import ADMIN_PASSWORD
from tests.gui.test_startup_flow import make_startup
from tests.unit.damage import damage_a_middle_leaf, damage_root_page, lengthen_audit_log

DAMAGED = "数据库文件已损坏，为保护已保存的记录，程序已停止往这个文件里保存任何内容。"


@pytest.fixture
def startups():
    made: list = []
    yield made
    for startup in made:
        for widget in (startup.window, startup.login, startup.wizard):
            if widget is not None:
                widget.close()
        startup.close()


def log_in(qtbot, startup) -> None:
    login = startup.login
    qtbot.waitUntil(lambda: login.ok_button.isEnabled(), timeout=30000)
    qtbot.keyClicks(login.form.username, "admin")
    qtbot.keyClicks(login.form.password, ADMIN_PASSWORD)
    qtbot.keyClick(login.form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: startup.window is not None, timeout=30000)


@pytest.fixture
def good_backup(database_file: Path, data_dir: Path) -> Path:
    backup = data_dir / "backups" / "jinsha-before-upgrade-0004-20261120-080000.sqlite3"
    backup.parent.mkdir()
    shutil.copyfile(database_file, backup)
    return backup


def test_a_damaged_file_is_reported_and_the_latest_good_backup_restored(
    qtbot, tmp_path, prompts, clock, passwords, startups, database_file, machine_config,
    good_backup,
):  # fmt: skip
    damage_root_page(database_file, "visit")
    damaged = database_file.read_bytes()

    startup = make_startup(
        database_file, tmp_path, prompts, clock, passwords, startups, machine_config
    )
    qtbot.waitUntil(lambda: bool(prompts.texts("info")), timeout=30000)

    [offer] = prompts.texts("confirm")
    assert "damaged" in offer and good_backup.name in offer and DAMAGED in offer
    assert "kept as" in prompts.texts("info")[0]
    [aside] = database_file.parent.glob("jinsha-damaged-*.sqlite3")
    assert aside.read_bytes() == damaged  # kept beside, never deleted
    assert checks.full_check(database_file).ok
    log_in(qtbot, startup)  # the restored backup opens as usual
    assert startup.prepared.opened.damage is None


def test_declining_the_backup_ends_without_writing_to_the_damaged_file(
    qtbot, tmp_path, prompts, clock, passwords, startups, database_file, machine_config,
    good_backup,
):  # fmt: skip
    damage_root_page(database_file, "audit_entry")
    damaged = database_file.read_bytes()
    prompts.answers = [False]

    startup = make_startup(
        database_file, tmp_path, prompts, clock, passwords, startups, machine_config
    )
    with qtbot.waitSignal(startup.ended, timeout=30000) as ended:
        pass

    assert ended.args == [1]
    assert DAMAGED in prompts.texts("confirm")[0]
    assert database_file.read_bytes() == damaged
    assert not list(database_file.parent.glob("jinsha-damaged-*"))
    assert not startup.login.ok_button.isEnabled()  # nobody logs into it


def test_without_a_good_backup_it_says_so_and_ends(
    qtbot, tmp_path, prompts, clock, passwords, startups, database_file, machine_config, data_dir
):
    damage_root_page(database_file, "visit")
    startup = make_startup(
        database_file, tmp_path, prompts, clock, passwords, startups, machine_config
    )
    with qtbot.waitSignal(startup.ended, timeout=30000) as ended:
        pass
    assert ended.args == [1]
    [warning] = prompts.texts("warn")
    assert "No good backup" in warning and DAMAGED in warning


def test_the_daily_check_after_login_stops_every_save(
    qtbot, tmp_path, prompts, clock, passwords, startups, database_file, machine_config, data_dir,
    monkeypatch,
):  # fmt: skip
    # A big file: the start-up check runs out of time before the damaged page.
    monkeypatch.setattr(checks, "QUICK_BUDGET_SECONDS", 0)
    lengthen_audit_log(database_file, tmp_path / "b", clock, passwords, machine_config)
    damage_a_middle_leaf(database_file, "audit_entry")

    startup = make_startup(
        database_file, tmp_path, prompts, clock, passwords, startups, machine_config
    )
    log_in(qtbot, startup)
    qtbot.waitUntil(lambda: bool(prompts.texts("warn")), timeout=60000)

    assert "daily check found the database file damaged" in prompts.texts("warn")[0]
    with pytest.raises(DatabaseProblem, match=DAMAGED):
        set_unit_name(startup.window.gui.services, "金沙街道")
