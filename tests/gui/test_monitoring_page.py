"""Health monitoring and the risk areas, driven through the real widgets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.gui.pages.admin.risk_areas_page import RiskAreasPage
from jinsha_desktop.gui.pages.checkpoint.monitoring_page import MonitoringPage
from jinsha_desktop.services import monitoring, registration, risk_areas
from jinsha_desktop.services.registration_settings import registration_settings
from tests.gui.conftest import type_text
from tests.gui.test_administration import when_dialog_opens
from tests.unit.support import a_checkpoint, resident_id


def monitored(gui, sequence=123, name="冯桂英"):
    result = registration.register_visit(
        gui.services,
        VisitInput(
            document_number=resident_id(sequence=sequence),
            name=name,
            temperature="37.6",
            checkpoint_id=a_checkpoint(gui.services, f"卡点{sequence}"),
        ),
    )
    today = registration.today_of(gui.services)
    return monitoring.open_case(
        gui.services,
        monitoring.CaseInput(
            result.person_id,
            result.flags[0].reason,
            today,
            result.suggested_monitoring_days,
            result.flags[0].code,
        ),
    )


def test_recording_todays_check_takes_the_person_off_todays_list(qtbot, gui):
    case_id = monitored(gui)
    page = MonitoringPage(gui)
    qtbot.addWidget(page)
    page.show()
    assert [r.id for r in page.today.model.rows()] == [case_id]
    page.today.form.table.selectRow(0)

    def fill(dialog) -> None:
        assert dialog.form.person_name.text() == "冯桂英"
        type_text(qtbot, dialog.form.temperature, "36.6")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(fill)
    page.check_button.click()
    assert page.today.model.rowCount() == 0
    [check] = monitoring.checks_of(gui.services, case_id)
    assert str(check.temperature) == "36.6"


def test_a_bad_temperature_is_shown_by_the_field_and_not_saved(qtbot, gui):
    case_id = monitored(gui)
    page = MonitoringPage(gui)
    qtbot.addWidget(page)
    page.today.form.table.selectRow(0)
    seen: list[str] = []

    def fill(dialog) -> None:
        type_text(qtbot, dialog.form.temperature, "63.5")
        dialog.save()
        seen.append(dialog.form.temperature_error.text())
        dialog.drafts.discard()
        dialog.done(0)

    when_dialog_opens(fill)
    page.check_button.click()
    assert seen and "34" in seen[0]
    assert monitoring.checks_of(gui.services, case_id) == []


def test_starting_monitoring_by_document_number(qtbot, gui):
    registration.register_visit(
        gui.services,
        VisitInput(
            document_number=resident_id(sequence=321),
            name="蔡娟",
            checkpoint_id=a_checkpoint(gui.services),
        ),
    )
    page = MonitoringPage(gui)
    qtbot.addWidget(page)

    def fill(dialog) -> None:
        type_text(qtbot, dialog.form.document_number, resident_id(sequence=321))
        qtbot.keyClick(dialog.form.document_number, Qt.Key.Key_Return)
        assert dialog.form.person_name.text() == "蔡娟"
        type_text(qtbot, dialog.form.reason, "密接")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(fill)
    page.new_button.click()
    [row] = monitoring.cases(gui.services)
    assert (row.person_name, row.reason, row.days) == ("蔡娟", "密接", 7)


def test_releasing_a_case_keeps_it_under_all_cases(qtbot, gui):
    monitored(gui)
    page = MonitoringPage(gui)
    qtbot.addWidget(page)
    page.today.form.table.selectRow(0)

    def release(dialog) -> None:
        dialog.form.status.setCurrentIndex(dialog.form.status.findData("released"))
        type_text(qtbot, dialog.form.note, "体温正常")
        dialog.save()

    when_dialog_opens(release)
    page.status_button.click()
    assert page.today.model.rowCount() == 0
    assert [r.status.value for r in page.all_cases.model.rows()] == ["released"]


def test_risk_areas_and_registration_settings_are_kept_from_the_page(qtbot, gui):
    page = RiskAreasPage(gui)
    qtbot.addWidget(page)

    def fill(dialog) -> None:
        type_text(qtbot, dialog.form.name, "上海市浦东新区")
        dialog.form.level.setCurrentIndex(dialog.form.level.findData("high"))
        dialog.save()

    when_dialog_opens(fill)
    page.form.add_button.click()
    [area] = risk_areas.list_risk_areas(gui.services)
    assert (area.name, area.level.value, area.effective_to) == ("上海市浦东新区", "high", None)
    assert page.model.rowCount() == 1

    def switch_off(dialog) -> None:
        dialog.form.health_code.setChecked(False)
        dialog.form.days_high.setValue(21)
        dialog.form.required_origin.setChecked(True)  # this duty also needs "where from"
        dialog.save()

    when_dialog_opens(switch_off)
    page.settings_button.click()
    settings = registration_settings(gui.services)
    assert not settings.health_code and settings.monitoring_days["high"] == 21
    assert settings.required == ["origin"] and settings.requires("origin")


def test_a_half_typed_registration_is_offered_back_after_a_crash(qtbot, gui, monkeypatch):
    from jinsha_desktop.gui.forms import drafts as draft_keeping
    from jinsha_desktop.gui.windows.main_window import MainWindow
    from jinsha_desktop.services import drafts

    monkeypatch.setattr(draft_keeping, "AUTOSAVE_INTERVAL_MS", 50)
    a_checkpoint(gui.services)
    first = MainWindow(gui, "本机")
    qtbot.addWidget(first)
    module = first.page("registration")
    type_text(qtbot, module.form.form.name, "顾海燕")
    qtbot.waitUntil(lambda: bool(drafts.pending_drafts(gui.services)), timeout=5000)
    module.form.drafts._timer.stop()  # the crash: nothing else runs
    first.hide()

    second = MainWindow(gui, "本机")
    qtbot.addWidget(second)
    assert second.offer_drafts() == 1
    restored = second.page("registration")
    assert restored.currentWidget() is restored.form
    assert restored.form.form.name.text() == "顾海燕"


def a_case_that_ended_yesterday(gui):
    result = registration.register_visit(
        gui.services,
        VisitInput(
            document_number=resident_id(sequence=321),
            name="冯桂英",
            checkpoint_id=a_checkpoint(gui.services),
        ),
    )
    today = registration.today_of(gui.services)
    return monitoring.open_case(
        gui.services,
        monitoring.CaseInput(result.person_id, "发热", today - timedelta(days=3), days=3),
    )


def test_a_check_after_the_monitoring_period_is_refused_and_its_last_day_still_taken(gui):
    case_id = a_case_that_ended_yesterday(gui)
    today = registration.today_of(gui.services)
    with pytest.raises(ValidationError, match="监测期已于"):
        monitoring.add_check(gui.services, case_id, monitoring.CheckInput(today, "36.5"))
    assert monitoring.checks_of(gui.services, case_id) == []
    yesterday = today - timedelta(days=1)  # the last day, recorded a day late: fine
    monitoring.add_check(gui.services, case_id, monitoring.CheckInput(yesterday, "36.5"))
    assert [c.check_date for c in monitoring.checks_of(gui.services, case_id)] == [yesterday]


def test_the_check_dialog_of_an_ended_case_says_so_and_offers_only_its_days(qtbot, gui):
    case_id = a_case_that_ended_yesterday(gui)
    page = MonitoringPage(gui)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.all_cases)
    page.all_cases.form.table.selectRow(0)
    seen: dict[str, object] = {}

    def look(dialog) -> None:
        seen.update(
            notice=dialog.form.form_error.text(),
            shown=dialog.form.form_error.isVisible(),
            day=dialog.form.check_date.date().toPython(),
            last=dialog.form.check_date.maximumDate().toPython(),
        )
        dialog.done(0)

    when_dialog_opens(look)
    page.check_button.click()
    yesterday = registration.today_of(gui.services) - timedelta(days=1)
    assert seen["shown"] and "monitoring period ended" in str(seen["notice"])
    assert seen["day"] == seen["last"] == yesterday
    assert monitoring.checks_of(gui.services, case_id) == []


def test_a_checkpoint_volunteer_sees_the_cases_but_cannot_follow_them_up(qtbot, gui):
    from jinsha_desktop.domain.permissions import Role
    from tests.unit.support import logged_in_as

    case_id = monitored(gui)
    gui.services = logged_in_as(gui.services, "volunteer", Role.CHECKPOINT)
    page = MonitoringPage(gui)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.today.model.rowCount() == 1)

    assert [r.id for r in page.today.model.rows()] == [case_id]
    assert not any(b.isVisible() for b in (page.new_button, page.check_button, page.status_button))
    page.today.form.table.selectRow(0)
    page.record_check()  # what a double click on the row asks for: nothing opens
    assert monitoring.checks_of(gui.services, case_id) == []


def test_the_case_lists_show_the_declared_monitoring_columns(qtbot, gui):
    monitored(gui)
    page = MonitoringPage(gui)
    qtbot.addWidget(page)
    page.show()
    model = page.today.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    horizontal, display = Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
    headers = [model.headerData(n, horizontal, display) for n in range(model.columnCount())]
    assert headers == ["姓名", "联系电话", "原因", "第几天", "天数", "结束日期", "最近检查",
                       "未查天数", "状态", "责任人"]  # fmt: skip
    cells = [model.data(model.index(0, n), display) for n in range(model.columnCount())]
    assert cells[0] == "冯桂英" and cells[2] == "体温 37.6℃" and cells[8] == "监测中"
    assert cells[3:5] == ["1", "7"] and cells[6] == ""
