"""The finding form (gui/dialogs/finding_dialog.py), driven like a user would: an inspection's
deduction becomes a finding in one key, a patrol's and a resident's report typed in full, a
deadline before the day found refused by its field with nothing written, and the form fits a
1366×768 screen at the large sizes in both languages."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from jinsha_desktop.db.inspection_models import Inspection, InspectionAnswer
from jinsha_desktop.domain.findings import FindingSource, FindingStatus
from jinsha_desktop.domain.inspections import InspectionStatus
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.finding_dialog import (
    FindingDialog,
    open_finding_for_answer,
    open_new_finding,
)
from jinsha_desktop.gui.qdates import qdate
from jinsha_desktop.services import findings, reference
from jinsha_desktop.services.checklists import list_departments, list_templates, version_items
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.finding_lists import FindingFilter, count_findings
from tests.gui.conftest import type_text, when_dialog_opens
from tests.gui.fit_checks import clipped, too_large
from tests.gui.window_walk import LANGUAGES, fit_on_screen, interface

FOUND_ON = date(2026, 11, 20)


def a_deduction(context: AppContext, unit_index: int = 0) -> tuple[uuid.UUID, str, str]:
    """A submitted inspection of a seeded village with one occurrence of an ordinary item of
    the first checklist: the answer's id, its item text and the unit's name.

    Written as the inspections service leaves one (a copy of the item on the inspection), so
    that these forms are tested on their own."""
    template = list_templates(context)[0]
    unit = reference.list_units(context)[unit_index]
    with context.reading() as session:
        section, item = next(
            (section, item)
            for section, item in version_items(session, template.current_version_id)
            if not item.veto and not item.photo_required
        )
        section_values = (section.position, section.title, section.cap)
        item_values = (item.id, item.position, item.code, item.text, item.points, item.cap)
    with context.uow() as session:
        inspection = Inspection(
            number="T-J000001", seq=1, template_id=template.id,
            version_id=template.current_version_id, rule_version=f"{template.name} 第1版",
            unit_id=unit.id, inspected_on=FOUND_ON, inspectors="张三、李四",
            status=InspectionStatus.SUBMITTED.value,
        )  # fmt: skip
        session.add(inspection)
        session.flush()
        item_id, position, code, text, points, cap = item_values
        answer = InspectionAnswer(
            inspection_id=inspection.id, item_id=item_id, section_position=section_values[0],
            section_title=section_values[1], section_cap=section_values[2], position=position,
            code=code, text=text, points=points, cap=cap, occurrences=1, deducted=points,
            note="东侧",
        )  # fmt: skip
        session.add(answer)
        session.flush()
        return answer.id, text, unit.name


def a_dialog(qtbot, gui: GuiContext, **kwargs) -> FindingDialog:  # type: ignore[no-untyped-def]
    dialog = FindingDialog(gui, None, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # a shortcut (Ctrl+S) reaches the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def no_findings(context: AppContext) -> bool:
    return count_findings(context, FindingFilter()) == 0


def test_a_deduction_becomes_a_finding_with_one_key(qtbot, gui: GuiContext):
    answer_id, item_text, unit_name = a_deduction(gui.services)
    seen: dict[str, object] = {}

    def press_enter(dialog: FindingDialog) -> None:
        seen["problem"] = dialog.form.problem.toPlainText()
        seen["unit"] = dialog.form.unit_id.currentText()
        seen["lead"] = dialog.form.lead.currentText()
        seen["source enabled"] = dialog.form.source.isEnabled()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    when_dialog_opens(press_enter)
    finding_id = open_finding_for_answer(gui, None, answer_id)

    assert finding_id is not None
    assert item_text in str(seen["problem"]) and "东侧" in str(seen["problem"])
    assert seen["unit"] == unit_name and seen["lead"] == unit_name
    assert seen["source enabled"] is False
    detail = findings.finding_detail(gui.services, finding_id)
    assert detail.source is FindingSource.INSPECTION and detail.status is FindingStatus.OPEN
    assert detail.found_on == FOUND_ON and detail.deadline >= FOUND_ON
    assert detail.inspection_number


def test_a_patrol_finding_is_typed_in_full_with_a_department_leading(qtbot, gui: GuiContext):
    dialog = a_dialog(qtbot, gui)
    form = dialog.form
    form.source.setCurrentIndex(form.source.findData(FindingSource.PATROL.value))
    assert form.patrol.isVisible() and not form.reporter_phone.isVisible()
    unit = reference.list_units(gui.services)[1]
    department = list_departments(gui.services)[0]
    form.unit_id.setCurrentIndex(form.unit_id.findData(str(unit.id)))
    assert form.lead.currentText() == unit.name  # the unit leads unless another is chosen
    form.lead.setCurrentIndex(form.lead.findData(f"department:{department.id}"))
    other = reference.list_units(gui.services)[2]
    form.unit_id.setCurrentIndex(form.unit_id.findData(str(other.id)))
    assert form.lead.currentData() == f"department:{department.id}"  # chosen: it stays
    form.unit_id.setCurrentIndex(form.unit_id.findData(str(unit.id)))
    dialog.set_helpers([f"unit:{unit.id}"])
    type_text(qtbot, form.patrol, "城管中队夜查")
    form.problem.setPlainText("河坡垃圾堆放")
    form.deadline.setDate(qdate(date(2026, 12, 5)))

    qtbot.keyClick(form.place, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    errors = [w.text() for w in dialog.findChildren(QLabel) if w.objectName().endswith("error")]
    assert dialog.saved_id is not None, errors and not dialog.isVisible()
    detail = findings.finding_detail(gui.services, dialog.saved_id)
    assert detail.source is FindingSource.PATROL and detail.patrol == "城管中队夜查"
    assert detail.lead_name == department.name and unit.name in detail.helper_names
    assert detail.deadline == date(2026, 12, 5)


def test_a_residents_report_asks_for_the_resident(qtbot, gui: GuiContext):
    dialog = a_dialog(qtbot, gui)
    form = dialog.form
    form.source.setCurrentIndex(form.source.findData(FindingSource.RESIDENT.value))

    assert form.reporter_name.isVisible() and form.reporter_phone.isVisible()
    assert not form.patrol.isVisible()


def test_a_deadline_before_the_day_found_is_refused_by_its_field(qtbot, gui: GuiContext):
    dialog = a_dialog(qtbot, gui)
    form = dialog.form
    unit = reference.list_units(gui.services)[0]
    form.unit_id.setCurrentIndex(form.unit_id.findData(str(unit.id)))
    form.problem.setPlainText("沟渠漂浮物")
    form.found_on.setDate(qdate(FOUND_ON))
    form.deadline.setDate(qdate(FOUND_ON - timedelta(days=1)))

    dialog.save()

    assert dialog.isVisible() and dialog.saved_id is None
    assert form.deadline_error.isVisible() and "整改期限" in form.deadline_error.text()
    assert no_findings(gui.services)


def test_a_problem_left_empty_is_refused(qtbot, gui: GuiContext):
    dialog = a_dialog(qtbot, gui)
    form = dialog.form
    form.unit_id.setCurrentIndex(1)

    dialog.save()

    assert dialog.saved_id is None and form.problem_error.isVisible()
    assert no_findings(gui.services)


def test_a_new_finding_closed_without_saving_writes_nothing(qtbot, gui: GuiContext):
    when_dialog_opens(lambda dialog: dialog.reject())

    assert open_new_finding(gui, None) is None
    assert no_findings(gui.services)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", ["large", "xlarge"])
def test_the_form_fits_the_screen(qtbot, gui: GuiContext, language: str, size: str):
    with interface(language, size):
        dialog = FindingDialog(gui, None)
        qtbot.addWidget(dialog)
        try:
            for source in (FindingSource.PATROL, FindingSource.RESIDENT):
                dialog.form.source.setCurrentIndex(dialog.form.source.findData(source.value))
                fit_on_screen(dialog)
                problems = too_large(dialog) + clipped(dialog)
                assert not problems, f"{source}: " + "\n".join(problems)
        finally:
            dialog.reject()
