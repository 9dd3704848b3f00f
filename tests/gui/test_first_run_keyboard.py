"""The first-run wizard and the login are filled with the keyboard like every form: Enter moves
on (the one walk, gui/forms/enter_walk.py), after the last field it turns the page, finishes or
logs in, and it never also presses the dialog's default button (in the wizard that showed
请填写本机名称。 at the first Enter, lost the focus on the second page and handed the answers
over twice; at the login, Enter on the user name logged in with an empty password)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jinsha_desktop.gui.dialogs.first_run import FirstRunWizard
from tests.gui.conftest import type_text

ENTER = Qt.Key.Key_Return


def shown_with_focus_on(qtbot, window, field) -> None:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)


def test_enter_walks_the_wizard_and_finishes_once(qtbot) -> None:
    answers = []
    wizard = FirstRunWizard(answers.append)
    f = wizard.form
    shown_with_focus_on(qtbot, wizard, f.unit_name)

    qtbot.keyClick(f.unit_name, ENTER)  # the proposed unit name kept
    assert f.installation_name.hasFocus()
    assert wizard.currentPage() is f.unit_page and f.installation_name_error.text() == ""

    type_text(qtbot, f.installation_name, "北山社区卡点 1 号机")
    qtbot.keyClick(f.installation_name, ENTER)
    assert wizard.currentPage() is f.admin_page
    qtbot.waitUntil(f.admin_username.hasFocus)
    assert answers == []

    for field, text in (
        (f.admin_username, "wangxy"),
        (f.admin_display_name, "王秀英"),
        (f.admin_password, "jinsha-2026"),
    ):
        assert field.hasFocus()
        field.selectAll()
        type_text(qtbot, field, text)
        qtbot.keyClick(field, ENTER)
    assert f.admin_password_repeat.hasFocus() and answers == []
    type_text(qtbot, f.admin_password_repeat, "jinsha-2026")
    qtbot.keyClick(f.admin_password_repeat, ENTER)

    assert len(answers) == 1
    assert (answers[0].installation_name, answers[0].admin_username) == (
        "北山社区卡点 1 号机",
        "wangxy",
    )
    assert not wizard.isVisible()


def test_enter_on_the_user_name_moves_to_the_password_and_logs_in_from_there(qtbot) -> None:
    from jinsha_desktop.gui.dialogs.login_dialog import LoginDialog

    dialog = LoginDialog()
    asked: list[tuple[str, str]] = []
    dialog.submitted.connect(lambda user, password: asked.append((user, password)))
    dialog.set_ready(True)
    f = dialog.form
    shown_with_focus_on(qtbot, dialog, f.username)
    qtbot.keyClicks(f.username, "wangxy")
    qtbot.keyClick(f.username, ENTER)
    assert f.password.hasFocus()
    assert asked == []  # not a login with an empty password (a failed login, counted)
    qtbot.keyClicks(f.password, "jinsha-2026")
    qtbot.keyClick(f.password, Qt.Key.Key_Enter)  # the keypad's Enter too
    assert asked == [("wangxy", "jinsha-2026")]
