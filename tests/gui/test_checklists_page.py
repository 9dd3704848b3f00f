"""Checklists and departments in Administration: a checklist made and changed with the keyboard
only, a version in use kept and a new one made, bad values marked on their rows with nothing
saved, rows moved and removed, a deletion with its reason, departments kept like the other
reference data; the tab and its dialogs fit a 1366×768 screen in both languages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from jinsha_desktop.domain.checklists import (
    CIVIL_TITLE,
    RURAL_TITLE,
    ChecklistContent,
    ItemDraft,
    SectionDraft,
)
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.gui.dialogs.checklist_dialog import ChecklistDialog
from jinsha_desktop.gui.dialogs.checklist_rows import ChecklistTable
from jinsha_desktop.gui.pages.admin.administration import AdministrationPage
from jinsha_desktop.gui.pages.admin.departments_page import DepartmentDialog
from jinsha_desktop.services import drafts
from jinsha_desktop.services.checklists import list_departments, list_templates, template_content
from tests.gui.conftest import type_text, when_dialog_opens
from tests.gui.fit_checks import clipped, too_large
from tests.gui.test_mnemonics import clashes
from tests.gui.window_walk import LANGUAGES, interface
from tests.unit.support import logged_in_as
from tests.unit.test_checklists import in_use

CTRL = Qt.KeyboardModifier.ControlModifier


def checklists_tab(qtbot: Any, gui: Any) -> AdministrationPage:
    page = AdministrationPage(gui)
    qtbot.addWidget(page)
    page.show()
    assert page.checklists is not None and page.departments is not None
    for index in range(page.count()):
        if page.widget(index).isAncestorOf(page.checklists):
            page.setCurrentIndex(index)
    qtbot.waitExposed(page)
    return page


def type_here(qtbot: Any, text: str) -> None:
    """Type where the focus is: the first key opens a cell's editor, which takes the rest."""
    if not text.isascii():
        type_text(qtbot, QApplication.focusWidget(), text)  # as an input method commits it
        return
    for character in text:
        qtbot.keyClicks(QApplication.focusWidget(), character)


def press(
    qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    target = QApplication.focusWidget()
    qtbot.keyClick(target, key, modifier)
    if key == Qt.Key.Key_Return and a_cell_editor(target):
        # A cell's editor takes Enter in a queued call: wait until the table is back.
        qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), ChecklistTable))


def a_cell_editor(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, ChecklistTable):
        parent = parent.parentWidget()
    return parent is not None and widget is not parent


def enter(qtbot: Any, *values: str) -> None:
    """Type each value in the current cell and press Enter (an empty value: Enter only)."""
    for value in values:
        if value:
            type_here(qtbot, value)
        press(qtbot, Qt.Key.Key_Return)


def test_a_checklist_is_made_with_the_keyboard_only(qtbot, gui):
    page = checklists_tab(qtbot, gui)
    checklists = page.checklists
    assert checklists is not None
    seen: list[str] = []

    def make(dialog: ChecklistDialog) -> None:
        seen.append(dialog.form.version_label.text())
        type_text(qtbot, dialog.form.title, "背街小巷专项检查")
        press(qtbot, Qt.Key.Key_Return)  # → the veto rule
        assert dialog.focusWidget() is dialog.form.veto_mode
        press(qtbot, Qt.Key.Key_Return)
        enter(qtbot, "0")  # the veto score → the note
        press(qtbot, Qt.Key.Key_Tab)  # out of the note, into the table: the section's title
        assert dialog.table.currentIndex().row() == 0
        enter(qtbot, "路面", "5")  # the section, its cap → the item's code
        enter(qtbot, "1.1", "路面有垃圾", "1", "3")  # → "N/A allowed"
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_Insert)  # a new item, its code being typed
        enter(qtbot, "1.2", "绿化缺株", "0.5", "2")
        press(qtbot, Qt.Key.Key_Insert, CTRL)  # a new section
        enter(qtbot, "否决项", "", "2.1", "被上级通报批评", "5", "5", "", "")
        press(qtbot, Qt.Key.Key_Space)  # the veto box
        seen.append(dialog.form.maximum_label.text())
        press(qtbot, Qt.Key.Key_S, CTRL)

    when_dialog_opens(make)
    qtbot.keyClick(checklists.panel.form.add_button, Qt.Key.Key_Space)

    assert seen == [
        "A new checklist: saving makes version 1 (第1版).",
        "Maximum 10 points, 3 items",
    ]
    [row] = [r for r in list_templates(gui.services) if r.name == "背街小巷专项检查"]
    assert row.id in [r.id for r in checklists.rows()]
    assert template_content(gui.services, row.id) == (
        ChecklistContent(
            "背街小巷专项检查",
            (
                SectionDraft(
                    "路面",
                    Decimal(5),
                    (
                        ItemDraft("1.1", "路面有垃圾", Decimal(1), Decimal(3), na_allowed=True),
                        ItemDraft("1.2", "绿化缺株", Decimal("0.5"), Decimal(2)),
                    ),
                ),
                SectionDraft(
                    "否决项",
                    None,
                    (ItemDraft("2.1", "被上级通报批评", Decimal(5), Decimal(5), veto=True),),
                ),
            ),
        ),
        1,
    )


def test_editing_a_checklist_in_use_makes_a_new_version(qtbot, gui):
    rural = list_templates(gui.services)[0]
    in_use(gui.services, rural.id)
    page = checklists_tab(qtbot, gui)
    checklists = page.checklists
    assert checklists is not None
    seen: list[str] = []

    def change(dialog: ChecklistDialog) -> None:
        seen.append(dialog.form.version_label.text())
        dialog.table.setFocus()
        dialog.table.setCurrentIndex(dialog.model.index(1, 3))  # item 1.1's cap
        enter(qtbot, "4")
        press(qtbot, Qt.Key.Key_S, CTRL)

    checklists.panel.select_where(lambda row: row.id == rural.id)
    when_dialog_opens(change)
    qtbot.keyClick(checklists.panel.form.table, Qt.Key.Key_Return)

    assert seen == [
        "Version 1 is used by inspections and is frozen: saving makes version 2; "
        "the inspections already made keep version 1."
    ]
    [shown] = [row for row in checklists.rows() if row.id == rural.id]
    assert (shown.current_number, shown.frozen) == (2, False)
    content, number = template_content(gui.services, rural.id)
    assert (number, content.sections[0].items[0].cap) == (2, Decimal(4))
    old, _ = template_content(gui.services, rural.id, rural.current_version_id)
    assert old.sections[0].items[0].cap == Decimal(5)


def test_ctrl_s_while_a_cell_is_typed_keeps_what_it_holds(qtbot, gui):
    page = checklists_tab(qtbot, gui)
    assert page.checklists is not None
    rural = list_templates(gui.services)[0]

    def retype(dialog: ChecklistDialog) -> None:
        dialog.table.setFocus()
        dialog.table.setCurrentIndex(dialog.model.index(1, 2))  # item 1.1's points
        type_here(qtbot, "2")
        assert a_cell_editor(QApplication.focusWidget())
        press(qtbot, Qt.Key.Key_S, CTRL)

    page.checklists.panel.select_where(lambda row: row.id == rural.id)
    when_dialog_opens(retype)
    page.checklists.panel.form.edit_button.click()

    content, number = template_content(gui.services, rural.id)
    assert (number, content.sections[0].items[0].points) == (1, Decimal(2))


def test_bad_values_are_marked_on_their_rows_and_nothing_is_saved(qtbot, gui):
    page = checklists_tab(qtbot, gui)
    assert page.checklists is not None
    found: dict[str, Any] = {}

    def bad(dialog: ChecklistDialog) -> None:
        type_text(qtbot, dialog.form.title, "坏清单")
        dialog.table.setFocus()
        dialog.table.setCurrentIndex(dialog.model.index(0, 1))
        enter(qtbot, "道路", "", "1", "路面", "4", "3")
        press(qtbot, Qt.Key.Key_S, CTRL)
        found["row"] = dialog.model.rows[1].error
        found["said"] = dialog.form.form_error.text()
        found["at"] = (dialog.table.currentIndex().row(), dialog.table.currentIndex().column())
        found["maximum"] = dialog.form.maximum_label.text()
        dialog.table.setCurrentIndex(dialog.model.index(0, 1))
        press(qtbot, Qt.Key.Key_Delete, CTRL)  # the section and its item, after asking
        press(qtbot, Qt.Key.Key_S, CTRL)
        found["empty"] = dialog.form.form_error.text()
        assert dialog.isVisible()

    when_dialog_opens(bad)
    page.checklists.panel.form.add_button.click()

    assert "每次扣 4.00 分，超过了本项封顶 3.00 分" in found["row"]
    assert found["said"].startswith("Row 2: 检查项“路面”每次扣 4.00 分")
    assert found["at"] == (1, 2)
    assert found["maximum"] == "Maximum: – (fix the marked values)"
    assert found["empty"] == "检查清单至少要有一个检查项，请添加后再保存。"
    assert [row.name for row in list_templates(gui.services)] == [RURAL_TITLE, CIVIL_TITLE]


def test_rows_move_with_their_sections_and_cancelling_keeps_the_checklist(qtbot, gui, prompts):
    page = checklists_tab(qtbot, gui)
    assert page.checklists is not None
    orders: list[list[str]] = []
    rural = list_templates(gui.services)[0]

    def codes(dialog: ChecklistDialog) -> list[str]:
        return [row.code or row.text for row in dialog.model.rows[:7]]

    def move(dialog: ChecklistDialog) -> None:
        dialog.table.setFocus()
        dialog.table.setCurrentIndex(dialog.model.index(2, 1))
        press(qtbot, Qt.Key.Key_Up, CTRL)
        press(qtbot, Qt.Key.Key_Up, CTRL)  # already first under the first section: stays
        orders.append(codes(dialog))
        dialog.table.setCurrentIndex(dialog.model.index(0, 1))
        press(qtbot, Qt.Key.Key_Down, CTRL)  # the whole section below the next one
        orders.append(codes(dialog))
        orders.append([str(dialog.table.currentIndex().row())])
        press(qtbot, Qt.Key.Key_Escape)

    page.checklists.panel.select_where(lambda row: row.id == rural.id)
    when_dialog_opens(move)
    page.checklists.panel.form.edit_button.click()

    assert orders == [
        ["道路两侧及绿化", "1.2", "1.1", "1.3", "1.4", "河道沟渠坑塘", "2.1"],
        ["河道沟渠坑塘", "2.1", "2.2", "2.3", "2.4", "2.5", "道路两侧及绿化"],
        ["6"],
    ]
    assert prompts.texts("confirm") == [
        "Close without saving? The changes to this checklist will be lost."
    ]
    assert template_content(gui.services, rural.id)[0].sections[0].items[0].code == "1.1"


def test_a_half_typed_checklist_is_kept_as_a_draft_and_restored_after_a_crash(qtbot, gui):
    page = checklists_tab(qtbot, gui)
    kept: list[dict[str, Any]] = []

    def type_and_crash(dialog: ChecklistDialog) -> None:
        type_text(qtbot, dialog.form.title, "河长制巡河检查")
        dialog.table.setFocus()
        dialog.table.setCurrentIndex(dialog.model.index(0, 1))
        enter(qtbot, "水面", "", "1", "漂浮物", "1", "4")
        dialog.drafts.save_now()  # the autosave's tick
        kept.extend(d.values for d in drafts.pending_drafts(gui.services))

    when_dialog_opens(type_and_crash)
    assert page.checklists is not None
    page.checklists.panel.form.add_button.click()
    [values] = kept
    assert values["title"] == "河长制巡河检查"
    assert [(r["code"], r["text"], r["points"]) for r in values["rows"]] == [
        ("", "水面", ""),
        ("1", "漂浮物", "1"),
    ]

    when_dialog_opens(lambda dialog: press(qtbot, Qt.Key.Key_S, CTRL))
    assert page.restore_draft("checklist", "new", values)

    [row] = [r for r in page.checklists.rows() if r.name == "河长制巡河检查"]
    assert row.items == 1
    assert drafts.pending_drafts(gui.services) == []


def test_a_checklist_is_deleted_only_with_a_reason(qtbot, gui, prompts):
    page = checklists_tab(qtbot, gui)
    checklists = page.checklists
    assert checklists is not None
    checklists.panel.select_where(lambda row: row.name == CIVIL_TITLE)
    prompts.text_answers = [None]
    checklists.panel.form.delete_button.click()
    assert CIVIL_TITLE in [row.name for row in checklists.rows()]

    prompts.text_answers = ["  "]
    checklists.panel.form.delete_button.click()
    assert prompts.texts("warn") == ["请填写删除原因。"]

    prompts.text_answers = ["改用新的考核细则"]
    checklists.panel.form.delete_button.click()
    assert [row.name for row in checklists.rows()] == [RURAL_TITLE]
    assert [row.name for row in list_templates(gui.services)] == [RURAL_TITLE]


def test_a_department_is_added_with_the_keyboard_and_restored_after_a_crash(qtbot, gui):
    page = checklists_tab(qtbot, gui)
    departments = page.departments
    assert departments is not None

    def add(dialog: DepartmentDialog) -> None:
        type_text(qtbot, dialog.form.name, "文明办")
        qtbot.keyClick(dialog.form.name, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.form.sort_order, "5")
        qtbot.keyClick(dialog, Qt.Key.Key_S, CTRL)

    when_dialog_opens(add)
    qtbot.keyClick(departments.form.add_button, Qt.Key.Key_Space)
    assert [d.name for d in list_departments(gui.services)][0] == "文明办"
    assert departments.all_rows()[0].name == "文明办"

    when_dialog_opens(lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_S, CTRL))
    values = {"name": "水务站", "sort_order": "", "note": "河道保洁"}
    assert page.restore_draft("department", "new", values)
    assert ("水务站", 1000) in [(d.name, d.sort_order) for d in departments.all_rows()]


def test_a_viewer_reads_checklists_and_departments_without_edit_buttons(qtbot, gui):
    gui.services = logged_in_as(gui.services, "kan", Role.VIEWER)
    page = checklists_tab(qtbot, gui)
    assert page.checklists is not None and page.departments is not None
    assert len(page.checklists.rows()) == 2
    assert len(page.departments.all_rows()) == len(list_departments(gui.services))
    for form in (page.checklists.panel.form, page.departments.form):
        assert not form.add_button.isVisible()
        assert not form.delete_button.isVisible()


def test_property_staff_see_no_checklists_tab(qtbot, gui):
    gui.services = logged_in_as(gui.services, "wuye", Role.PROPERTY)
    page = AdministrationPage(gui)
    qtbot.addWidget(page)
    assert page.checklists is None and page.departments is None


def item_text_cells(problem: str) -> bool:
    """An item's text cut in its cell (shown whole in its tool tip): open-ended data."""
    return problem.startswith("ChecklistTable items cell")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_checklists_tab_and_its_dialogs_fit_the_screen(qtbot, gui, language, tmp_path):
    with interface(language, "xlarge"):
        page = checklists_tab(qtbot, gui)
        page.resize(1366 - 200, 600)  # beside the side bar, under the title and status bars
        QApplication.processEvents()
        assert too_large(page) == [] and clipped(page) == [] and clashes(page) == []
        page.grab().save(str(tmp_path / f"checklists-{language}.png"))
        assert page.checklists is not None and page.departments is not None
        for dialog in (
            ChecklistDialog(gui, page, page.checklists.rows()[1]),
            ChecklistDialog(gui, page, None),
            DepartmentDialog(gui, page, page.departments.all_rows()[0]),
        ):
            dialog.show()
            qtbot.waitExposed(dialog)
            problems = [p for p in clipped(dialog) if not item_text_cells(p)]
            assert too_large(dialog) == [] and problems == [], type(dialog).__name__
            assert clashes(dialog) == []
            dialog.grab().save(str(tmp_path / f"{type(dialog).__name__}-{language}.png"))
            dialog.done(0)
