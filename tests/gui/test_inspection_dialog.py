"""The inspection form (gui/dialogs/inspection_dialog.py), driven like an inspector would: an
inspection walked with keys alone from the header to submitted; a submitted one refusing edits
and taking a correction with a reason, shown beside the original; bad input shown with nothing
written; the window fits a laptop screen."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from jinsha_desktop.domain.checklists import ChecklistContent, ItemDraft, SectionDraft
from jinsha_desktop.domain.inspections import InspectionStatus
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.inspection_items import COLUMNS
from jinsha_desktop.services import checklists, reference
from jinsha_desktop.services.context import AppContext
from tests.gui.conftest import type_text
from tests.gui.fit_checks import clipped, too_large
from tests.gui.window_walk import SCREEN, TITLE_BAR, fit_on_screen, interface
from tests.unit.support import logged_in_as

inspections = pytest.importorskip(
    "jinsha_desktop.services.inspections", reason="owner B: not in yet"
)
inspection_input = pytest.importorskip("jinsha_desktop.domain.inspection_input")

from jinsha_desktop.gui.dialogs.inspection_dialog import InspectionDialog  # noqa: E402

D = Decimal
TITLE = "测试人居环境清单"


def a_checklist(admin: AppContext) -> uuid.UUID:
    """Two sections: roads (capped at 8) and ponds (a photo item and a veto item)."""
    content = ChecklistContent(
        TITLE,
        (
            SectionDraft(
                "道路环境",
                D(8),
                (
                    ItemDraft("1.1", "路边垃圾未清理", D(2), D(6)),
                    ItemDraft("1.2", "绿化带毁绿种菜", D(3), D(6), na_allowed=True),
                ),
            ),
            SectionDraft(
                "河塘沟渠",
                None,
                (
                    ItemDraft("2.1", "河塘水面漂浮物", D(5), D(10)),
                    ItemDraft("2.2", "向河道倾倒垃圾", D(10), D(10), veto=True),
                ),
            ),
        ),
    )
    return checklists.save_template(admin, None, content)


def opened(qtbot, gui: GuiContext, inspection_id: uuid.UUID | None = None) -> InspectionDialog:
    dialog = InspectionDialog(gui, inspection_id, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    return dialog


def enter(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def choose(qtbot, combo, text: str) -> None:
    """Arrow keys down the combo until `text` is chosen (as a person would)."""
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def a_submitted_inspection(admin: AppContext, template_id: uuid.UUID) -> uuid.UUID:
    unit = reference.list_units(admin)[0]
    today = admin.clock.now().astimezone().date()
    inspection_id = inspections.new_inspection(
        admin, inspection_input.InspectionInput(template_id, unit.id, today, inspectors="张三")
    )
    answers = inspections.inspection_detail(admin, inspection_id).answers
    inspections.save_answers(
        admin,
        inspection_id,
        [
            inspection_input.AnswerInput(answers[0].id, 2),
            *(inspection_input.AnswerInput(a.id, 0) for a in answers[1:]),
        ],
    )
    inspections.submit_inspection(admin, inspection_id)
    return inspection_id


def test_an_inspection_walked_with_keys_alone_to_submitted(qtbot, gui: GuiContext):
    admin = gui.services
    a_checklist(admin)
    unit = reference.list_units(admin)[0]
    dialog = opened(qtbot, gui)
    form = dialog.form

    # The header in reading order: Enter walks it, and on the last field creates the draft.
    assert form.unit_id.hasFocus()
    choose(qtbot, form.unit_id, unit.name)
    enter(qtbot, form.unit_id)
    assert form.place_kind.hasFocus()
    enter(qtbot, form.place_kind)
    if form.compound_id.hasFocus():  # offered only where the village has compounds
        enter(qtbot, form.compound_id)
    assert form.place.hasFocus()
    type_text(qtbot, form.place, "村委会门前河塘")
    enter(qtbot, form.place)
    enter(qtbot, form.inspected_on)
    choose(qtbot, form.template_id, TITLE)
    enter(qtbot, form.template_id)
    type_text(qtbot, form.inspectors, "张三 李四")
    enter(qtbot, form.inspectors)
    enter(qtbot, form.note)

    assert dialog.detail is not None, form.form_error.text()
    assert InspectionStatus(dialog.detail.status) is InspectionStatus.DRAFT
    assert form.items.hasFocus() and dialog.item_walk.current() == 0
    assert form.score.text() == "Score 28.00 of 28.00 (100.00%)"

    # The walk: 1.1 twice, 1.2 not applicable, 2.1 once, a note on 2.1 (F2).
    table = form.items
    qtbot.keyClicks(table, "2")
    enter(qtbot, table)
    qtbot.keyClick(table, Qt.Key.Key_N)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClicks(table, "1")
    gui.prompts.text_answers.append("东侧水面")
    qtbot.keyClick(table, Qt.Key.Key_F2)
    score = dialog.model.score()
    assert (score.score, score.maximum, score.vetoed) == (D("17.00"), D("26.00"), False)
    assert "17.00" in form.score.text() and "26.00" in form.score.text()

    # Ctrl+S saves the draft; the service scored the same.
    qtbot.keyClick(table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    detail = inspections.inspection_detail(admin, dialog.detail.id)
    assert [(a.occurrences, a.not_applicable) for a in detail.answers] == [
        (2, False), (0, True), (1, False), (0, False),
    ]  # fmt: skip
    assert detail.answers[2].note == "东侧水面"
    assert detail.score is not None and detail.score.score == D("17.00")

    # Enter past the last item reaches Submit; Space presses it, the prompt is answered yes.
    enter(qtbot, table)
    enter(qtbot, table)
    assert form.submit_button.hasFocus()
    qtbot.keyClick(form.submit_button, Qt.Key.Key_Space)
    assert gui.prompts.texts("confirm")[-1].startswith("Submit inspection")
    detail = inspections.inspection_detail(admin, dialog.detail.id)
    assert InspectionStatus(detail.status) is InspectionStatus.SUBMITTED
    assert detail.submitted is not None and detail.submitted.score == D("17.00")
    assert dialog.saved_id == detail.id
    assert not form.submit_button.isVisible() and form.amend_button.isVisible()


def test_a_key_not_allowed_is_refused_with_the_checklists_message(qtbot, gui: GuiContext):
    admin = gui.services
    template_id = a_checklist(admin)
    unit = reference.list_units(admin)[0]
    today = admin.clock.now().astimezone().date()
    inspection_id = inspections.new_inspection(
        admin, inspection_input.InspectionInput(template_id, unit.id, today)
    )
    dialog = opened(qtbot, gui, inspection_id)
    dialog.form.items.setFocus()
    qtbot.keyClick(dialog.form.items, Qt.Key.Key_N)  # 1.1 allows no N/A
    assert dialog.form.message.text() == "“路边垃圾未清理”不允许选“不适用”。"
    assert not dialog.model.items[0].not_applicable


def test_a_submitted_inspection_refuses_edits_but_takes_a_correction(qtbot, gui: GuiContext):
    admin = gui.services
    inspection_id = a_submitted_inspection(admin, a_checklist(admin))
    dialog = opened(qtbot, gui, inspection_id)
    form = dialog.form
    save = form.buttons.button(QDialogButtonBox.StandardButton.Save)

    # Locked: the header is off, keys change nothing, Save is not offered.
    assert not form.unit_id.isEnabled() and not save.isVisible()
    form.items.setFocus()
    qtbot.keyClicks(form.items, "5")
    assert dialog.model.items[0].occurrences == 2
    qtbot.keyClick(form.items, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Amend" in form.message.text()

    # Amend…: type the correction (1.1 once, not twice), Ctrl+S asks why.
    qtbot.keyClick(form.amend_button, Qt.Key.Key_Space)
    assert dialog.amending and form.items.hasFocus()
    qtbot.keyClicks(form.items, "1")
    assert dialog.model.score().score == D("26.00")
    gui.prompts.text_answers.append("复核时发现只有一处垃圾")
    qtbot.keyClick(form.items, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    detail = inspections.inspection_detail(admin, inspection_id)
    assert len(detail.amendments) == 1
    amendment = detail.amendments[0]
    assert (amendment.reason, amendment.score) == ("复核时发现只有一处垃圾", D("26.00"))
    assert detail.submitted.score == D("24.00")  # the original stays as it was
    assert not dialog.amending

    # Shown beside the original: the correction chosen, the changed item marked.
    assert form.answer_set.isVisible() and form.answer_set.currentData() == 1
    assert "24.00" in form.amendment.text() and "26.00" in form.amendment.text()
    assert "1.1" in form.amendment.text()
    assert dialog.model.items[0].changed()
    assert dialog.model.index(1, 4).data() == "2 → 1"
    form.answer_set.setCurrentIndex(0)
    assert dialog.model.items[0].occurrences == 2


def test_a_header_without_a_village_is_refused_next_to_the_field(qtbot, gui: GuiContext):
    a_checklist(gui.services)
    dialog = opened(qtbot, gui)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.detail is None
    assert dialog.form.unit_id_error.isVisible() or dialog.form.form_error.isVisible()


def test_a_viewer_sees_the_walk_read_only(qtbot, gui: GuiContext):
    admin = gui.services
    inspection_id = a_submitted_inspection(admin, a_checklist(admin))
    viewer = replace(gui, services=logged_in_as(admin, "viewer1", Role.VIEWER))
    dialog = opened(qtbot, viewer, inspection_id)
    assert not dialog.form.amend_button.isVisible()
    assert not dialog.form.submit_button.isVisible()
    assert not dialog.model.editable


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_form_fits_a_laptop_screen_at_the_largest_size(qtbot, gui, language):
    """A new one (the header only), a draft (the walk, Submit) and a submitted one corrected
    (the correction beside the original)."""
    admin = gui.services
    template_id = a_checklist(admin)
    corrected = a_submitted_inspection(admin, template_id)
    answers = inspections.inspection_detail(admin, corrected).answers
    inspections.amend_inspection(
        admin, corrected, [inspection_input.AnswerInput(a.id, 1) for a in answers], "复核更正"
    )
    unit = reference.list_units(admin)[0]
    today = admin.clock.now().astimezone().date()
    draft = inspections.new_inspection(
        admin, inspection_input.InspectionInput(template_id, unit.id, today)
    )
    with interface(language, "xlarge"):
        for inspection_id in (None, draft, corrected):
            dialog = InspectionDialog(gui, inspection_id, None)
            qtbot.addWidget(dialog)
            dialog.resize(SCREEN.width(), SCREEN.height() - TITLE_BAR)
            fit_on_screen(dialog)
            qtbot.waitUntil(lambda d=dialog: d.isVisible())
            problems = [p for p in clipped(dialog) if " items cell " not in p]
            assert too_large(dialog) + problems == [], inspection_id
            assert unreadable_rows(dialog.form.items) == []
            dialog.close()


def unreadable_rows(table) -> list[str]:
    """Item texts wrap and section titles span their row (so fit_checks' one-line measure does
    not apply to them): each visible row must be tall enough for its text as wrapped."""
    model, problems = table.model(), []
    text_column = COLUMNS.index("text")
    for row in range(model.rowCount()):
        if table.visualRect(model.index(row, 0)).top() > table.viewport().height():
            break
        is_item = model.item_at(row) is not None
        column = text_column if is_item else 0
        width = table.columnWidth(column) if is_item else table.viewport().width()
        text = model.index(row, column).data()
        flags = int(Qt.TextFlag.TextWordWrap)
        rect = table.fontMetrics().boundingRect(0, 0, max(width - 8, 1), 10_000, flags, text)
        if rect.height() > table.rowHeight(row) or rect.width() > width:
            problems.append(
                f"row {row} “{text}” needs {rect.size()}, has {width}×{table.rowHeight(row)}"
            )
    return problems


def a_draft(admin: AppContext) -> uuid.UUID:
    unit = reference.list_units(admin)[0]
    today = admin.clock.now().astimezone().date()
    return inspections.new_inspection(
        admin, inspection_input.InspectionInput(a_checklist(admin), unit.id, today)
    )


def test_answers_typed_survive_a_crash_as_a_draft(qtbot, gui: GuiContext):
    inspection_id = a_draft(gui.services)
    dialog = opened(qtbot, gui, inspection_id)
    dialog.form.items.setFocus()
    qtbot.keyClicks(dialog.form.items, "3")
    values = dialog.binder.values()  # what the draft keeper writes

    again = InspectionDialog(gui, inspection_id, None)
    qtbot.addWidget(again)
    again.restore(values)
    assert again.model.items[0].occurrences == 3
    assert again.model.score().score == D("22.00")


def test_ctrl_p_attaches_a_photo_to_the_item(qtbot, gui: GuiContext, tmp_path):
    from PySide6.QtGui import QColor, QImage

    photo = tmp_path / "pond.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    assert image.save(str(photo))
    gui.prompts.open_paths = [photo]
    inspection_id = a_draft(gui.services)
    dialog = opened(qtbot, gui, inspection_id)
    dialog.form.items.setFocus()
    qtbot.keyClick(dialog.form.items, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.model.items[0].photos == 1, timeout=20_000)
    assert inspections.inspection_detail(gui.services, inspection_id).answers[0].photos == 1
