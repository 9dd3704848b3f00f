"""Ctrl+Q, the window's close button and File › Log out ask before leaving a half-typed form;
Enter (the default) and Esc stay. Leaving anyway keeps the input as a draft for the next login."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from jinsha_desktop.gui.windows.main_window import MainWindow
from jinsha_desktop.services import drafts

STAY, LEAVE = 0, 1


def open_window(qtbot: Any, gui: Any) -> MainWindow:
    window = MainWindow(gui, "北山社区卡点 1 号机")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    field = document_number(window)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    return window


def document_number(window: MainWindow) -> Any:
    page = window.page("registration")
    assert page is not None
    return page.form.form.document_number  # type: ignore[attr-defined]


def type_a_document_number(qtbot: Any, window: MainWindow) -> None:
    qtbot.keyClicks(document_number(window), "32068219800101")


def press_ctrl_q(window: MainWindow) -> None:
    QTest.keyClick(document_number(window), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def leave(window: MainWindow, prompts: Any) -> None:
    """End of a test: let the window go (else it would stay open for the next tests)."""
    prompts.choices.append(LEAVE)
    window.close()


def test_ctrl_q_with_a_half_typed_registration_asks_and_enter_stays(qtbot, gui, prompts):
    # Given a registration form with a half-typed document number
    window = open_window(qtbot, gui)
    type_a_document_number(qtbot, window)
    # When the volunteer presses Ctrl+Q and answers the question with Enter (the default)
    press_ctrl_q(window)
    # Then they were asked, the safe answer is to stay, and the window is still open
    assert prompts.shown[-1][0] == "choose"
    assert "Visitor registration" in prompts.shown[-1][2]
    assert prompts.defaults[-1] == STAY
    assert window.isVisible()
    # And the window's close button asks the same way
    prompts.shown.clear()
    assert not window.close()
    assert [kind for kind, _title, _text in prompts.shown] == ["choose"]
    assert window.isVisible()
    leave(window, prompts)


def test_leaving_anyway_closes_and_keeps_the_input_as_a_draft(qtbot, gui, prompts):
    window = open_window(qtbot, gui)
    type_a_document_number(qtbot, window)
    # When the volunteer chooses to leave without saving
    prompts.choices.append(LEAVE)
    press_ctrl_q(window)
    # Then the window closes and the input waits as a draft for the next login
    qtbot.waitUntil(lambda: not window.isVisible())
    kept = [d for d in drafts.pending_drafts(gui.services) if d.form_key == "registration:new"]
    assert kept and kept[0].values["document_number"] == "32068219800101"


def test_an_empty_form_closes_without_a_question(qtbot, gui, prompts):
    window = open_window(qtbot, gui)
    press_ctrl_q(window)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert prompts.shown == []


def test_log_out_with_a_half_typed_form_asks_and_stay_keeps_the_user_logged_in(qtbot, gui, prompts):
    from jinsha_desktop.gui.app import Startup

    window = open_window(qtbot, gui)
    type_a_document_number(qtbot, window)
    startup = Startup("unused", False, gui.config, gui.config_path, [], prompts)
    startup.window = window
    startup.prepared = object()  # type: ignore[assignment]
    # When the volunteer logs out and takes the default answer
    startup._logout()
    # Then they stay: same window, still logged in
    assert startup.window is window and window.isVisible()
    assert gui.services.user is not None
    assert prompts.defaults[-1] == STAY
    leave(window, prompts)
