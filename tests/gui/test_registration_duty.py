"""The registration form on duty (issue 10): where the cursor is, what is required, a kept time,
the checkpoint, safe answers on Enter, stale errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from jinsha_desktop.domain.errors import FormErrors
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.gui.forms.drafts import DraftAnswer
from jinsha_desktop.gui.prompts import Prompts
from jinsha_desktop.gui.windows.main_window import MainWindow
from jinsha_desktop.services import drafts, registration
from jinsha_desktop.services.registration_settings import (
    RegistrationSettings,
    save_registration_settings,
)
from tests.gui.test_registration_page import (
    ENTER,
    ZHANG_SAN,
    focused,
    keys,
    open_page,
    save_with_ctrl_s,
    visits,
)
from tests.unit.support import a_checkpoint, resident_id


@pytest.fixture
def checkpoint(gui):
    return a_checkpoint(gui.services)


def window_after_login(qtbot, gui) -> MainWindow:
    window = MainWindow(gui, "本机")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


# ---------------------------------------------------------------- 1. the cursor


def test_after_login_and_whenever_it_is_shown_again_the_cursor_is_in_the_document_number(
    qtbot, gui, checkpoint
):
    window = window_after_login(qtbot, gui)
    module = window.page("registration")
    number = module.form.form.document_number
    qtbot.waitUntil(lambda: QApplication.focusWidget() is number)

    window.form.navigation.setFocus()
    window.form.navigation.setCurrentRow(1)  # health monitoring
    window.form.navigation.setCurrentRow(0)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is number)

    module.setCurrentIndex(1)  # the visits list
    module.setCurrentIndex(0)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is number)


# ---------------------------------------------------------------- 2. required fields


def test_the_service_refuses_a_registration_missing_a_required_field_and_names_it(gui, checkpoint):
    save_registration_settings(gui.services, RegistrationSettings())  # a new installation's
    bare = VisitInput(document_number=ZHANG_SAN, name="张三", checkpoint_id=checkpoint)
    with pytest.raises(FormErrors) as refused:
        registration.register_visit(gui.services, bare)
    assert {(e.field, e.message) for e in refused.value.errors} == {
        ("temperature", "请填写体温（本卡点必填）。"),
        ("health_code", "请选择健康码颜色（本卡点必填）。"),
    }
    assert visits(gui) == []
    # Epidemic fields switched off: what they hold is no longer required.
    save_registration_settings(
        gui.services, RegistrationSettings(temperature=False, health_code=False)
    )
    registration.register_visit(gui.services, bare)
    assert len(visits(gui)) == 1


def test_a_correction_needs_no_value_the_visit_never_had_but_keeps_a_required_one(gui, checkpoint):
    bare = VisitInput(document_number=ZHANG_SAN, name="张三", checkpoint_id=checkpoint)
    older = registration.register_visit(gui.services, bare)  # before the duty required them
    save_registration_settings(gui.services, RegistrationSettings())
    data, version = registration.visit_for_edit(gui.services, older.visit_id)
    registration.update_visit(gui.services, older.visit_id, replace(data, purpose="探亲"), version)

    measured = replace(bare, temperature="36.5", health_code="green")
    newer = registration.register_visit(gui.services, measured, confirm_duplicate=True)
    data, version = registration.visit_for_edit(gui.services, newer.visit_id)
    with pytest.raises(FormErrors) as refused:
        registration.update_visit(
            gui.services, newer.visit_id, replace(data, temperature=None), version
        )
    assert [e.field for e in refused.value.errors] == ["temperature"]


def test_required_fields_are_marked_and_the_form_says_which_is_missing(qtbot, gui, checkpoint):
    save_registration_settings(
        gui.services, RegistrationSettings(required=["temperature", "health_code", "origin"])
    )
    page = open_page(qtbot, gui)
    f = page.form
    assert f.temperature_label.text().endswith("*") and f.origin_label.text().endswith("*")
    assert not f.purpose_label.text().endswith("*")
    # A hint reads as a hint, never as a value already typed.
    assert f.temperature.placeholderText() == "required, e.g. 36.5"
    assert f.health_code.itemText(0) == "(required: choose)"
    keys(qtbot, page, ZHANG_SAN, ENTER)
    keys(qtbot, page, "张三")
    save_with_ctrl_s(qtbot, page)
    assert "请填写从哪里来" in f.origin_error.text()
    assert "请填写体温" in f.temperature_error.text()
    assert "健康码" in f.health_code_error.text()
    assert focused(page) is f.origin and visits(gui) == []
    keys(qtbot, page, "南通")
    assert f.origin_error.isHidden()  # the message about the empty field went with the change
    assert f.temperature_error.isVisible()


def test_a_hint_without_a_requirement_still_reads_as_a_hint(qtbot, gui, checkpoint):
    page = open_page(qtbot, gui)  # the test database requires nothing
    f = page.form
    assert f.temperature.placeholderText() == "e.g. 36.5"
    assert f.birth_date.placeholderText().startswith("e.g.")
    assert not f.temperature_label.text().endswith("*")


def test_a_stale_error_goes_when_its_field_changes(qtbot, gui, checkpoint):
    page = open_page(qtbot, gui)
    f = page.form
    keys(qtbot, page, ZHANG_SAN, ENTER)
    keys(qtbot, page, "张三")
    f.nucleic_test_date.setFocus()
    tomorrow = registration.today_of(gui.services) + timedelta(days=1)
    keys(qtbot, page, tomorrow.isoformat())
    save_with_ctrl_s(qtbot, page)
    assert "核酸检测日期不能晚于今天" in f.nucleic_test_date_error.text()
    qtbot.keyClick(f.nucleic_test_date, Qt.Key.Key_Backspace)
    assert f.nucleic_test_date_error.isHidden()


# ---------------------------------------------------------------- 4. a kept time


def tab_to(qtbot, page, widget) -> None:
    while focused(page) is not widget:
        qtbot.keyClick(focused(page), Qt.Key.Key_Tab)


def test_a_typed_time_counts_for_that_registration_only(qtbot, gui, checkpoint):
    page = open_page(qtbot, gui)
    f = page.form
    keys(qtbot, page, ZHANG_SAN, ENTER)
    keys(qtbot, page, "张三")
    tab_to(qtbot, page, f.visited_at)
    keys(qtbot, page, "2026-11-24 08:15")
    assert not f.keep_time.isChecked() and f.kept_time_banner.isHidden()
    save_with_ctrl_s(qtbot, page)
    f.document_number.setFocus()
    keys(qtbot, page, resident_id(sequence=456), ENTER)
    keys(qtbot, page, "李四")
    save_with_ctrl_s(qtbot, page)
    first, second = visits(gui)
    assert first.visited_at.astimezone().strftime("%Y-%m-%d %H:%M") == "2026-11-24 08:15"
    assert second.visited_at == gui.services.clock.now()  # not back-dated


def test_a_kept_time_shows_as_a_banner_stays_until_ended_and_the_checkpoint_is_kept(
    qtbot, gui, checkpoint
):
    second = a_checkpoint(gui.services, "金余村卡点")
    page = open_page(qtbot, gui)
    f = page.form
    tab_to(qtbot, page, f.visited_at)
    keys(qtbot, page, "2026-11-24 08:15", Qt.Key.Key_Tab)
    assert focused(page) is f.keep_time
    qtbot.keyClick(f.keep_time, Qt.Key.Key_Space)  # a deliberate tick
    assert f.kept_time_banner.isVisible()
    assert "2026-11-24 08:15" in f.kept_time_text.text()
    qtbot.keyClick(f.keep_time, Qt.Key.Key_Tab)
    assert focused(page) is f.checkpoint_id
    while f.checkpoint_id.currentData() != str(second):
        qtbot.keyClick(f.checkpoint_id, Qt.Key.Key_Down)
    for number, name in ((ZHANG_SAN, "张三"), (resident_id(sequence=456), "李四")):
        f.document_number.setFocus()
        keys(qtbot, page, number, ENTER)
        keys(qtbot, page, name)
        save_with_ctrl_s(qtbot, page)
    kept = [v.visited_at.astimezone().strftime("%Y-%m-%d %H:%M") for v in visits(gui)]
    assert kept == ["2026-11-24 08:15"] * 2
    assert {v.checkpoint_id for v in visits(gui)} == {second}
    assert f.kept_time_banner.isVisible() and "金余村卡点" in f.checkpoint_banner.text()

    qtbot.mouseClick(f.end_kept_time_button, Qt.MouseButton.LeftButton)
    assert f.kept_time_banner.isHidden() and not f.keep_time.isChecked()
    now = gui.services.clock.now().astimezone().strftime("%Y-%m-%d %H:%M")
    assert f.visited_at.text() == now


def test_a_kept_time_ends_at_midnight_by_the_clock(qtbot, gui, clock, checkpoint):
    page = open_page(qtbot, gui)
    f = page.form
    f.visited_at.setText("2026-11-25 08:15")
    f.keep_time.setChecked(True)
    assert f.kept_time_banner.isVisible()
    page.time.follow_clock()  # the form's clock ticking the same day: nothing changes
    assert f.keep_time.isChecked()

    local = clock.now().astimezone()
    clock.advance(seconds=(local.replace(hour=23, minute=59, second=59) - local).total_seconds())
    page.time.follow_clock()
    assert f.keep_time.isChecked()
    clock.advance(seconds=2)  # midnight passes while no one looks
    keys(qtbot, page, ZHANG_SAN, ENTER)
    keys(qtbot, page, "张三")
    save_with_ctrl_s(qtbot, page)
    [visit] = visits(gui)
    assert visit.visited_at == clock.now()  # not back-dated to yesterday's kept time
    assert f.kept_time_banner.isHidden() and not f.keep_time.isChecked()


def test_a_kept_time_does_not_outlive_the_session(qtbot, gui, checkpoint):
    page = open_page(qtbot, gui)
    page.form.visited_at.setText("2026-11-24 08:15")
    page.form.keep_time.setChecked(True)
    values = page.binder.values()
    page.close()
    # After a logout (or a crash) the form is built anew; a draft brings the time back for
    # the registration it belongs to, not as a kept time.
    again = open_page(qtbot, gui)
    assert again.form.kept_time_banner.isHidden()
    again.restore({**values, "document_number": ZHANG_SAN, "name": "张三"})
    assert not again.form.keep_time.isChecked() and again.form.kept_time_banner.isHidden()
    save_with_ctrl_s(qtbot, again)
    [visit] = visits(gui)
    assert visit.visited_at.astimezone().strftime("%Y-%m-%d %H:%M") == "2026-11-24 08:15"
    assert again.form.visited_at.text() != "2026-11-24 08:15"


# ---------------------------------------------------------------- 5. the checkpoint


def test_the_checkpoint_is_asked_at_a_shift_start_and_shown_at_the_top_and_in_the_status_bar(
    qtbot, gui, prompts, clock
):
    a_checkpoint(gui.services)
    second = a_checkpoint(gui.services, "金余村卡点")
    prompts.item_answers = [1]
    window = window_after_login(qtbot, gui)
    page = window.page("registration").form
    qtbot.waitUntil(lambda: bool(prompts.texts("choose_item")))
    assert "this shift" in prompts.texts("choose_item")[0]
    assert page.form.checkpoint_id.currentData() == str(second)
    assert "金余村卡点" in page.form.checkpoint_banner.text()
    assert "金余村卡点" in window.checkpoint_label.text()
    today = registration.today_of(gui.services).isoformat()
    assert (gui.config.checkpoint_id, gui.config.checkpoint_day) == (str(second), today)
    window.close()

    # Logging in again the same day: the same shift, not asked again.
    again = window_after_login(qtbot, gui)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert len(prompts.texts("choose_item")) == 1
    assert "金余村卡点" in again.checkpoint_label.text()
    again.close()

    clock.advance(days=1)  # the next day: a new shift asks, Enter keeps the checkpoint
    third = window_after_login(qtbot, gui)
    qtbot.waitUntil(lambda: len(prompts.texts("choose_item")) == 2)
    assert third.page("registration").form.form.checkpoint_id.currentData() == str(second)


# ---------------------------------------------------------------- 7. Enter takes the safe answer


def press_on_the_box(key: Qt.Key) -> None:
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox) or QApplication.activeWindow() is not box:
        QTimer.singleShot(10, lambda: press_on_the_box(key))
        return
    QTest.keyClick(box, key)


@pytest.mark.parametrize("default_yes", [True, False])
def test_enter_at_a_real_question_takes_its_default(qtbot, default_yes):
    QTimer.singleShot(0, lambda: press_on_the_box(Qt.Key.Key_Return))
    assert Prompts().confirm(None, "?", "?", default_yes=default_yes) is default_yes


def test_escape_at_a_real_choice_takes_the_escape_answer(qtbot):
    QTimer.singleShot(0, lambda: press_on_the_box(Qt.Key.Key_Escape))
    assert Prompts().choose(None, "?", "?", ["restore", "later", "discard"], 0, 1) == 1


def test_the_draft_prompt_restores_on_enter_and_keeps_the_draft_on_escape(qtbot, gui, prompts):
    drafts.save_draft(gui.services, "registration:new", "登记", {"name": "顾海燕"})
    window = MainWindow(gui, "本机")
    qtbot.addWidget(window)
    prompts.choices = [DraftAnswer.LATER]
    assert window.offer_drafts() == 0
    assert [d.form_key for d in drafts.pending_drafts(gui.services)] == ["registration:new"]
    assert window.offer_drafts() == 1  # Enter: restore
    assert prompts.defaults[-1] == DraftAnswer.RESTORE
    assert window.page("registration").form.form.name.text() == "顾海燕"


def test_the_monitoring_offer_defaults_to_yes_duplicates_and_clearing_to_no(
    qtbot, gui, prompts, checkpoint
):
    registration.register_visit(
        gui.services,
        VisitInput(
            document_number=ZHANG_SAN,
            name="张三",
            checkpoint_id=checkpoint,
            visited_at=gui.services.clock.now() - timedelta(minutes=5),
        ),
    )
    page = open_page(qtbot, gui)
    keys(qtbot, page, ZHANG_SAN, ENTER)
    page.form.temperature.setFocus()
    keys(qtbot, page, "38.2")
    prompts.answers = [True, True]
    save_with_ctrl_s(qtbot, page)  # a duplicate, then a flagged visit
    keys(qtbot, page, ZHANG_SAN)
    page.clear()
    titles = [title for kind, title, _text in prompts.shown if kind == "confirm"]
    assert list(zip(titles, prompts.defaults, strict=True)) == [
        ("Registered a moment ago", False),
        ("Visit flagged", True),
        ("Clear form", False),
    ]
