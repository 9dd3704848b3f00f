"""First run, login and lockout, driven through the real windows the way a person would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from sqlalchemy import text

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.db.engine import Database, database_url
from jinsha_desktop.gui.app import Startup
from jinsha_desktop.services.settings import UNIT_NAME, read_setting
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import type_text


@pytest.fixture
def startups():
    made: list[Startup] = []
    yield made
    for startup in made:
        for widget in (startup.window, startup.login, startup.wizard):
            if widget is not None:
                widget.close()
        startup.close()


def make_startup(
    location: Path,
    tmp_path: Path,
    prompts,
    clock,
    passwords,
    startups,
    config: MachineConfig | None = None,
) -> Startup:
    app = QApplication.instance()
    app.setQuitOnLastWindowClosed(False)
    startup = Startup(
        str(location),
        False,
        config or MachineConfig(),
        tmp_path / "config.json",
        [],
        prompts,
        clock,
        passwords,
    )
    startups.append(startup)
    startup.start()
    return startup


def test_first_run_wizard_creates_the_unit_installation_and_administrator(
    qtbot, tmp_path, prompts, clock, passwords, startups, data_dir
):
    location = tmp_path / "new" / "jinsha.sqlite3"
    startup = make_startup(location, tmp_path, prompts, clock, passwords, startups)
    wizard = startup.wizard
    assert wizard is not None and wizard.isVisible()
    qtbot.waitUntil(lambda: startup.prepared is not None, timeout=20000)

    # Page 1: the unit name is proposed; the installation name is required.
    assert wizard.form.unit_name.text() == "通州区金沙街道"
    wizard.next()
    assert wizard.currentPage() is wizard.form.unit_page
    assert "本机名称" in wizard.form.installation_name_error.text()
    type_text(qtbot, wizard.form.installation_name, "北山社区卡点 1 号机")
    qtbot.keyClick(wizard.form.installation_name, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.form.admin_page

    # Page 2: a mismatch is shown next to the field and nothing is written.
    wizard.form.admin_username.clear()
    qtbot.keyClicks(wizard.form.admin_username, "wangxy")
    type_text(qtbot, wizard.form.admin_display_name, "王秀英")
    qtbot.keyClicks(wizard.form.admin_password, "jinsha-2026")
    qtbot.keyClicks(wizard.form.admin_password_repeat, "jinsha-2062")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "不一致" in wizard.form.admin_password_repeat_error.text()
    assert wizard.isVisible()

    wizard.form.admin_password_repeat.clear()
    qtbot.keyClicks(wizard.form.admin_password_repeat, "jinsha-2026")
    qtbot.keyClick(wizard.form.admin_password_repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: startup.login is not None and startup.login.isVisible())

    database = Database(database_url(location))
    try:
        with database.read_sessions() as session:
            assert read_setting(session, UNIT_NAME) == "通州区金沙街道"
            names = list(session.scalars(text("SELECT name FROM installation")))
            assert names == ["北山社区卡点 1 号机"]
    finally:
        database.dispose()

    login = startup.login
    assert login.form.username.text() == "wangxy"
    qtbot.keyClicks(login.form.password, "jinsha-2026")
    qtbot.keyClick(login.form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: startup.window is not None and startup.window.isVisible())
    assert "王秀英" in startup.window.user_label.text()


def copy_of(database_file: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy" / "jinsha.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(database_file, target)
    return target


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(
    qtbot, tmp_path, prompts, clock, passwords, startups, database_file, machine_config
):
    startup = make_startup(
        copy_of(database_file, tmp_path),
        tmp_path,
        prompts,
        clock,
        passwords,
        startups,
        machine_config,
    )
    login = startup.login
    qtbot.waitUntil(lambda: login.ok_button.isEnabled(), timeout=20000)
    assert login.form.unit_label.text() == "通州区金沙街道"
    qtbot.keyClicks(login.form.username, "admin")
    for attempt in range(5):
        login.form.password.clear()
        qtbot.keyClicks(login.form.password, f"wrong-{attempt}")
        qtbot.keyClick(login.form.password, Qt.Key.Key_Return)
    assert "锁定" in login.form.message.text()
    login.form.password.clear()
    qtbot.keyClicks(login.form.password, ADMIN_PASSWORD)
    qtbot.keyClick(login.form.password, Qt.Key.Key_Return)
    assert "锁定" in login.form.message.text()
    assert startup.window is None

    clock.advance(minutes=5, seconds=1)
    qtbot.keyClick(login.form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: startup.window is not None)


def test_a_database_already_open_elsewhere_gets_a_message_not_a_second_writer(
    qtbot, tmp_path, prompts, clock, passwords, startups, database_file, opened
):
    # `opened` holds the instance lock on database_file, like a first window would.
    startup = make_startup(database_file, tmp_path, prompts, clock, passwords, startups)
    with qtbot.waitSignal(startup.ended, timeout=20000) as ended:
        pass
    assert ended.args == [1]
    assert "另一个金沙台账窗口" in prompts.texts("warn")[0]
    assert startup.prepared is None


def test_demo_mode_generates_its_own_database_and_says_so(
    qtbot, tmp_path, prompts, clock, passwords, startups
):
    from jinsha_desktop.services.demo import DEMO_PASSWORD

    location = tmp_path / "demo.sqlite3"
    app = QApplication.instance()
    app.setQuitOnLastWindowClosed(False)
    startup = Startup(
        str(location),
        True,
        MachineConfig(),
        tmp_path / "config.json",
        [],
        prompts,
        clock,
        passwords,
    )
    startups.append(startup)
    startup.start()
    login = startup.login
    qtbot.waitUntil(lambda: login.ok_button.isEnabled() or bool(prompts.shown), timeout=60000)
    assert prompts.shown == []
    assert "viewer" in login.form.hint.text() and DEMO_PASSWORD in login.form.hint.text()
    qtbot.keyClicks(login.form.username, "viewer")
    qtbot.keyClicks(login.form.password, DEMO_PASSWORD)
    qtbot.keyClick(login.form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: startup.window is not None)
    assert "[demo]" in startup.window.windowTitle()
    assert "DEMO DATA" in startup.window.database_label.text()
    assert location.exists()


def test_a_missing_database_file_is_not_silently_replaced_by_an_empty_one(
    qtbot, tmp_path, prompts, clock, passwords, startups, data_dir
):
    location = tmp_path / "U盘" / "jinsha.sqlite3"
    prompts.answers = [False]
    app = QApplication.instance()
    app.setQuitOnLastWindowClosed(False)
    startup = Startup(
        str(location), False, MachineConfig(), tmp_path / "c.json", [], prompts, clock, passwords
    )
    startups.append(startup)
    with qtbot.waitSignal(startup.ended, timeout=5000) as ended:
        startup.start()
    assert ended.args == [1]
    assert "does not exist" in prompts.texts("confirm")[0]
    assert startup.wizard is None and not location.parent.exists()
