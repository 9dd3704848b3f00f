"""The findings page (gui/pages/inspections/findings_page.py), driven like a user would: a
finding from an inspection's deduction to closed (rectified, re-check failed with a new
deadline, rectified again, passed), overdue findings highlighted, the per-unit counts, a clerk
rectifying only their own unit's findings, cancelling with a reason, a repair order from a
compound's finding, and the page fitting the screen at the large sizes in both languages."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jinsha_desktop.domain.findings import FindingInput, FindingSource, FindingStatus, PartyInput
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.finding_dialog import open_finding_for_answer
from jinsha_desktop.gui.dialogs.finding_steps import RecheckDialog, RectifyDialog
from jinsha_desktop.gui.pages.inspections.findings_page import OVERDUE_COLOUR, FindingsPage
from jinsha_desktop.gui.qdates import qdate
from jinsha_desktop.services import auth, findings, reference
from jinsha_desktop.services.context import AppContext
from tests.gui.conftest import type_text, when_dialog_opens
from tests.gui.fit_checks import clipped, too_large
from tests.gui.test_finding_dialog import a_deduction
from tests.gui.window_walk import LANGUAGES, fit_on_screen, interface
from tests.unit.support import USER_PASSWORD, a_compound

TODAY = date(2026, 11, 25)  # the clock fixture's day


def a_page(qtbot, gui: GuiContext) -> FindingsPage:  # type: ignore[no-untyped-def]
    page = FindingsPage(gui)
    qtbot.addWidget(page)
    page.resize(1300, 650)
    page.show()
    qtbot.waitExposed(page)
    return page


def a_patrol_finding(
    context: AppContext,
    unit_index: int = 0,
    *,
    found_on: date = date(2026, 11, 10),
    deadline: date = date(2026, 11, 30),
    compound_id: uuid.UUID | None = None,
) -> uuid.UUID:
    unit = reference.list_units(context)[unit_index]
    return findings.new_finding(
        context,
        FindingInput(
            FindingSource.PATROL,
            unit.id,
            "道路两侧乱堆乱放",
            found_on,
            deadline,
            PartyInput(unit_id=unit.id),
            compound_id=compound_id,
            patrol="城管中队",
        ),
    )


def choose(qtbot, page: FindingsPage, finding_id: uuid.UUID) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    row = next(n for n in range(page.model.rowCount()) if page.model.row_at(n).id == finding_id)
    page.form.table.selectRow(row)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == finding_id)


def status_of(context: AppContext, finding_id: uuid.UUID) -> FindingStatus:
    return findings.finding_detail(context, finding_id).status


def test_a_finding_from_a_deduction_to_closed(qtbot, gui: GuiContext):
    answer_id, _text, _unit = a_deduction(gui.services)
    when_dialog_opens(lambda d: qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return))
    finding_id = open_finding_for_answer(gui, None, answer_id)
    assert finding_id is not None
    page = a_page(qtbot, gui)
    choose(qtbot, page, finding_id)
    form = page.form
    assert form.rectify_button.isEnabled() and not form.recheck_button.isEnabled()

    def rectify(note: str):  # type: ignore[no-untyped-def]
        def fill(dialog: RectifyDialog) -> None:
            dialog.widgets["done_on"].setDate(qdate(TODAY))
            type_text(qtbot, dialog.widgets["note"], note)
            qtbot.keyClick(dialog.widgets["note"], Qt.Key.Key_Return)  # the last field: saves

        return fill

    when_dialog_opens(rectify("已清理"))
    form.rectify_button.click()
    assert status_of(gui.services, finding_id) is FindingStatus.RECTIFIED
    qtbot.waitUntil(lambda: form.recheck_button.isEnabled())

    new_deadline = TODAY + timedelta(days=5)

    def fail(dialog: RecheckDialog) -> None:
        dialog.failed.setChecked(True)
        dialog.widgets["new_deadline"].setDate(qdate(new_deadline))
        type_text(qtbot, dialog.widgets["note"], "仍有垃圾")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(fail)
    form.recheck_button.click()
    detail = findings.finding_detail(gui.services, finding_id)
    assert detail.status is FindingStatus.OPEN and detail.deadline == new_deadline
    qtbot.waitUntil(lambda: form.rectify_button.isEnabled())

    when_dialog_opens(rectify("再次清理"))
    form.rectify_button.click()
    qtbot.waitUntil(lambda: form.recheck_button.isEnabled())

    def passed(dialog: RecheckDialog) -> None:
        assert dialog.passed.isChecked()  # the usual answer is the first
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(passed)
    form.recheck_button.click()

    assert status_of(gui.services, finding_id) is FindingStatus.CLOSED
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.status is FindingStatus.CLOSED)
    assert page.form.status.text() == "Re-check recorded."  # said where the list is
    kinds = [row.kind.value for row in page.history.rows()]
    assert kinds == ["opened", "rectified", "failed", "rectified", "passed"]
    assert not form.rectify_button.isEnabled() and not form.recheck_button.isEnabled()
    assert "已清理" in " ".join(row.note for row in page.history.rows())


def test_an_overdue_finding_is_highlighted_and_counted(qtbot, gui: GuiContext):
    late = a_patrol_finding(gui.services, deadline=TODAY - timedelta(days=3))
    fresh = a_patrol_finding(gui.services, deadline=TODAY + timedelta(days=3))
    page = a_page(qtbot, gui)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    ids = [page.model.row_at(n).id for n in range(2)]

    colours = {
        finding_id: page.model.data(page.model.index(ids.index(finding_id), 0),
                                    Qt.ItemDataRole.ForegroundRole)
        for finding_id in (late, fresh)
    }  # fmt: skip
    assert colours[late] == OVERDUE_COLOUR and colours[fresh] != OVERDUE_COLOUR
    unit = reference.list_units(gui.services)[0]
    counts = {row.unit_id: row for row in page.per_unit.rows()}
    assert counts[unit.id].open == 2 and counts[unit.id].overdue == 1

    page.form.overdue_only.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.row_at(0).id == late


def test_enter_on_a_unit_lists_its_findings(qtbot, gui: GuiContext):
    a_patrol_finding(gui.services, 0)
    theirs = a_patrol_finding(gui.services, 1)
    page = a_page(qtbot, gui)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    unit = reference.list_units(gui.services)[1]
    row = next(n for n, r in enumerate(page.per_unit.rows()) if r.unit_id == unit.id)
    page.form.summary.setCurrentIndex(page.per_unit.index(row, 0))

    qtbot.keyClick(page.form.summary, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.row_at(0).id == theirs
    assert page.form.unit.currentText() == unit.name


def clerk_of(gui: GuiContext, unit_index: int) -> GuiContext:
    """A village or community clerk (RECTIFY for their own unit) logged in."""
    unit = reference.list_units(gui.services)[unit_index]
    auth.create_user(
        gui.services,
        auth.UserInput(f"clerk{unit_index}", "村干部", Role.CLERK, unit_id=unit.id),
        USER_PASSWORD,
        must_change_password=False,
    )
    user = auth.login(gui.services, f"clerk{unit_index}", USER_PASSWORD)
    return GuiContext(user, gui.opened, gui.config, gui.config_path, gui.prompts)


def test_a_clerk_rectifies_only_their_own_units_findings(qtbot, gui: GuiContext):
    ours = a_patrol_finding(gui.services, 0)
    theirs = a_patrol_finding(gui.services, 1)
    clerk = clerk_of(gui, 0)
    page = a_page(qtbot, clerk)
    form = page.form
    assert not form.new_button.isVisible() and not form.recheck_button.isVisible()
    refused: list[str] = []

    def save_then_close(dialog: RectifyDialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        if dialog.isVisible():  # refused: the service's message stays in the form
            refused.append(dialog.form_error.text())
            dialog.reject()

    choose(qtbot, page, theirs)
    when_dialog_opens(save_then_close)
    form.rectify_button.click()
    assert status_of(gui.services, theirs) is FindingStatus.OPEN and refused and refused[0]

    choose(qtbot, page, ours)
    when_dialog_opens(save_then_close)
    form.rectify_button.click()
    assert status_of(gui.services, ours) is FindingStatus.RECTIFIED and len(refused) == 1


def test_a_reader_sees_the_findings_and_takes_no_step(qtbot, gui: GuiContext):
    a_patrol_finding(gui.services)
    auth.create_user(
        gui.services, auth.UserInput("reader", "只读用户", Role.VIEWER), USER_PASSWORD,
        must_change_password=False,
    )  # fmt: skip
    user = auth.login(gui.services, "reader", USER_PASSWORD)
    page = a_page(qtbot, GuiContext(user, gui.opened, gui.config, gui.config_path, gui.prompts))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    form = page.form

    buttons = (form.new_button, form.rectify_button, form.recheck_button, form.cancel_button,
               form.repair_button)  # fmt: skip
    assert not any(button.isVisible() for button in buttons)


def test_cancelling_asks_why_and_keeps_the_finding(qtbot, gui: GuiContext):
    finding_id = a_patrol_finding(gui.services)
    page = a_page(qtbot, gui)
    choose(qtbot, page, finding_id)
    gui.prompts.text_answers = [None, "重复登记"]

    page.form.cancel_button.click()
    assert status_of(gui.services, finding_id) is FindingStatus.OPEN
    page.form.cancel_button.click()

    assert status_of(gui.services, finding_id) is FindingStatus.CANCELLED
    qtbot.waitUntil(lambda: not page.form.cancel_button.isEnabled())


def test_a_compounds_finding_becomes_a_repair_order(qtbot, gui: GuiContext):
    compound_id, _buildings = a_compound(gui.services)
    finding_id = a_patrol_finding(gui.services, compound_id=compound_id)
    page = a_page(qtbot, gui)
    choose(qtbot, page, finding_id)
    assert page.form.repair_button.isEnabled()

    page.form.repair_button.click()

    assert findings.finding_detail(gui.services, finding_id).repair_order_id is not None
    qtbot.waitUntil(lambda: not page.form.repair_button.isEnabled())


def test_a_half_typed_finding_is_offered_back_after_a_crash(qtbot, gui: GuiContext):
    unit = reference.list_units(gui.services)[0]
    page = a_page(qtbot, gui)
    draft = {
        "source": FindingSource.RESIDENT.value,
        "unit_id": str(unit.id),
        "problem": "草稿里的问题",
        "found_on": "2026-11-24",
        "deadline": "2026-11-30",
        "reporter_name": "赵先生",
    }
    seen: list[str] = []

    def save(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.form.problem.toPlainText())
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(save)
    assert page.restore_draft("finding", "new", draft)

    assert seen == ["草稿里的问题"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.row_at(0).problem == "草稿里的问题"


def test_a_residents_phone_is_masked_on_the_page_and_in_the_export(
    qtbot, gui: GuiContext, tmp_path: Path
):
    unit = reference.list_units(gui.services)[0]
    finding_id = findings.new_finding(
        gui.services,
        FindingInput(
            FindingSource.RESIDENT,
            unit.id,
            "屋后沟渠堵塞",
            date(2026, 11, 20),
            date(2026, 11, 27),
            PartyInput(unit_id=unit.id),
            reporter_name="王阿姨",
            reporter_phone="13812345678",
        ),
    )
    page = a_page(qtbot, gui)
    choose(qtbot, page, finding_id)
    shown_text = page.form.detail.toPlainText()
    assert "王阿姨" in shown_text and "138****5678" in shown_text
    assert "13812345678" not in shown_text
    gui.prompts.save_path = tmp_path / "findings.xlsx"  # type: ignore[attr-defined]

    assert page.export()

    qtbot.waitUntil(lambda: page.exporter.job is None)
    sheet = openpyxl.load_workbook(tmp_path / "findings.xlsx").active
    assert sheet is not None and sheet.max_row == 2
    values = [str(c.value) for c in sheet[2]]
    assert "屋后沟渠堵塞" in values and "13812345678" not in " ".join(values)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", ["large", "xlarge"])
def test_the_page_fits_the_screen(qtbot, gui: GuiContext, language: str, size: str):
    finding_id = a_patrol_finding(gui.services)
    with interface(language, size):
        page = FindingsPage(gui)
        qtbot.addWidget(page)
        choose_later = page.form.table
        fit_on_screen(page)
        qtbot.waitUntil(lambda: page.model.rowCount() == 1)
        choose_later.selectRow(0)
        qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == finding_id)
        problems = too_large(page) + clipped(page)
        page.hide()
        assert not problems, "\n".join(problems)
