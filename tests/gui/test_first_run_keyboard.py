"""The first-run wizard is filled with the keyboard like every form: Enter moves on (the one walk,
gui/forms/enter_walk.py), after a page's last field it turns the page or finishes, and it never
also presses the wizard's default button (which showed 请填写本机名称。 at the first Enter, lost
the focus on the second page and handed the answers over twice)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jinsha_desktop.gui.dialogs.first_run import FirstRunWizard
from tests.gui.conftest import type_text

ENTER = Qt.Key.Key_Return


def test_enter_walks_the_wizard_and_finishes_once(qtbot) -> None:
    answers = []
    wizard = FirstRunWizard(answers.append)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    f = wizard.form
    f.unit_name.setFocus()
    qtbot.waitUntil(f.unit_name.hasFocus)

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
