"""The main window: modules in the side bar, status bar, menus, permissions, backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.gui.pages.admin.administration import AdministrationPage
from jinsha_desktop.gui.pages.placeholder import NotAvailablePage
from jinsha_desktop.gui.windows.main_window import MainWindow
from tests.unit.support import logged_in_as


def test_side_bar_lists_every_module_and_unbuilt_ones_say_not_available(qtbot, gui):
    window = MainWindow(gui, "北山社区卡点 1 号机")
    qtbot.addWidget(window)
    window.show()
    nav = window.form.navigation
    titles = [nav.item(row).text() for row in range(nav.count())]
    assert titles == [
        "Visitor registration",
        "Health monitoring",
        "Facility repairs",
        "Village inspections",
        "Ledgers and export",
        "Administration",
    ]
    qtbot.keyClick(nav, Qt.Key.Key_Home)
    for row, module in enumerate(window.modules):
        if row:
            qtbot.keyClick(nav, Qt.Key.Key_Down)
        page = window.form.pages.currentWidget()
        if module.page is None:
            assert isinstance(page, NotAvailablePage)
            labels = [w.text() for w in page.findChildren(type(window.user_label))]
            assert module.shown_title() in labels
        else:
            assert not isinstance(page, NotAvailablePage)
    assert isinstance(window.form.pages.currentWidget(), AdministrationPage)
    assert [m.key for m in window.modules if m.page is None] == []  # every module is built


def test_status_bar_shows_user_installation_and_database(qtbot, gui, database_file):
    window = MainWindow(gui, "北山社区卡点 1 号机")
    qtbot.addWidget(window)
    assert "系统管理员" in window.user_label.text()
    assert "北山社区卡点 1 号机" in window.installation_label.text()
    assert str(database_file) in window.database_label.text()
    assert "通州区金沙街道" in window.windowTitle()


def test_checkpoint_volunteer_sees_reference_data_read_only_and_no_admin_tabs(qtbot, gui, admin):
    gui.services = logged_in_as(admin, "volunteer", Role.CHECKPOINT)
    window = MainWindow(gui, "卡点")
    qtbot.addWidget(window)
    page = window.page("administration")
    assert isinstance(page, AdministrationPage)
    assert page.users is None and page.audit is None
    assert [page.tabText(i) for i in range(page.count())] == [
        "Communities",
        "Compounds",
        "Checkpoints",
        "Risk areas",
    ]
    assert not page.units.form.add_button.isVisibleTo(page.units)
    assert page.units.model.rowCount() == 5
    assert not window.form.action_backup.isEnabled()


def test_backup_from_the_menu_writes_a_consistent_copy(qtbot, gui, prompts, tmp_path):
    prompts.save_path = tmp_path / "备份" / "copy.sqlite3"
    window = MainWindow(gui, "本机")
    qtbot.addWidget(window)
    window.form.action_backup.trigger()
    qtbot.waitUntil(lambda: prompts.save_path.exists(), timeout=10000)
    qtbot.waitUntil(lambda: "copy.sqlite3" in window.statusBar().currentMessage(), timeout=10000)
    with sqlite3.connect(prompts.save_path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM unit").fetchone() == (5,)


def test_backup_onto_the_database_itself_is_refused_with_a_message(
    qtbot, gui, prompts, database_file: Path
):
    prompts.save_path = database_file
    window = MainWindow(gui, "本机")
    qtbot.addWidget(window)
    window.form.action_backup.trigger()
    qtbot.waitUntil(lambda: bool(prompts.texts("warn")), timeout=10000)
    assert "同一个文件" in prompts.texts("warn")[0]
