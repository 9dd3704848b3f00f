"""A survey sheet typed with keys only (gui/dialogs/survey_grid_dialog.py): digits straight into
the cells, Enter and Tab moving on and wrapping to the next row, bad values marked at their cell
with nothing saved, Ctrl+S saving, Esc asking first; then the lines read back through the
service."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jinsha_desktop.domain.surveys import Per
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.survey_grid_dialog import SurveyGrid, SurveyGridDialog
from jinsha_desktop.services import campaigns, survey_lines
from tests.gui.conftest import type_text
from tests.unit.test_campaigns import Scene, build_scene

ENTER, TAB = Qt.Key.Key_Return, Qt.Key.Key_Tab


@pytest.fixture
def scene(gui: GuiContext) -> Scene:
    return build_scene(gui.services)


def opened(
    qtbot: Any, gui: GuiContext, scene: Scene, compound: str = "金沙花苑"
) -> SurveyGridDialog:
    dialog = SurveyGridDialog(gui, None, scene.campaign, scene.compounds[compound][0])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def keys(qtbot: Any, *presses: Any) -> None:
    """Each key to whatever has the focus (the grid, or the cell being typed), as a person's."""
    for press in presses:
        target = QApplication.focusWidget()
        assert target is not None
        if isinstance(press, str) and press.isascii():
            for character in press:  # the first opens the cell's editor, which takes the rest
                qtbot.keyClicks(QApplication.focusWidget(), character)
        elif isinstance(press, str):
            type_text(qtbot, target, press)  # full-width digits, Chinese: as an input method
        else:
            qtbot.keyClick(target, press)
            if press == ENTER and not isinstance(target, SurveyGrid):
                # A cell's editor takes Enter in a queued call: wait until the grid is back.
                qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), SurveyGrid))


def save(qtbot: Any) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_a_survey_sheet_typed_with_keys_only(qtbot, gui: GuiContext, scene: Scene):
    dialog = opened(qtbot, gui, scene)
    grid = dialog.grid
    assert [line.place for line in dialog.sheet.lines] == [
        "1幢 1单元", "1幢 2单元", "2幢 1单元", "2幢 2单元",
    ]  # fmt: skip
    assert (grid.currentRow(), grid.currentColumn()) == (0, 1)

    keys(qtbot, "2", TAB, TAB, TAB, TAB, TAB)  # bulbs, then along the row and round to the next
    assert (grid.currentRow(), grid.currentColumn()) == (1, 1)
    keys(qtbot, "-1", ENTER, "３", ENTER, ENTER, ENTER, "楼道窗破损", ENTER)
    assert (grid.currentRow(), grid.currentColumn()) == (2, 1)
    keys(qtbot, ENTER, ENTER, ENTER, ENTER, ENTER)  # a row with nothing found
    keys(qtbot, "3", ENTER, "a", ENTER)

    save(qtbot)  # refused: two bad cells, marked where they are
    assert dialog.isVisible()
    assert "不能是负数" in grid.item(1, 1).toolTip()
    assert "应为整数" in grid.item(3, 2).toolTip()
    assert "1幢 2单元" in dialog.status.text() and "不能是负数" in dialog.status.text()
    assert campaigns.campaign_row(gui.services, scene.campaign).surveyed == 0  # nothing saved
    assert (grid.currentRow(), grid.currentColumn()) == (1, 1)  # the first bad cell

    keys(qtbot, "1", ENTER, Qt.Key.Key_Down, Qt.Key.Key_Down, "0", ENTER)
    with qtbot.waitSignal(dialog.saved):
        save(qtbot)

    compound_id, _buildings = scene.compounds["金沙花苑"]
    sheet = survey_lines.survey_sheet(gui.services, scene.campaign, compound_id)
    read_back = [
        (line.place, line.bulbs, line.switches, line.splitters, line.wiring, line.other)
        for line in sheet.lines
    ]
    assert read_back == [
        ("1幢 1单元", 2, 0, 0, 0, ""),
        ("1幢 2单元", 1, 3, 0, 0, "楼道窗破损"),
        ("2幢 1单元", 0, 0, 0, 0, ""),
        ("2幢 2单元", 3, 0, 0, 0, ""),
    ]
    assert all(line.saved and line.surveyed_on is not None for line in sheet.lines)
    assert campaigns.campaign_row(gui.services, scene.campaign).progress == "1/3"


def test_esc_asks_before_discarding_what_was_typed(qtbot, gui: GuiContext, scene: Scene, prompts):
    dialog = opened(qtbot, gui, scene, "北山新村")
    assert [line.place for line in dialog.sheet.lines] == ["1幢 整栋"]
    keys(qtbot, "5", ENTER)

    prompts.answers = [False]
    keys(qtbot, Qt.Key.Key_Escape)
    assert dialog.isVisible() and prompts.shown[-1][0] == "confirm"

    prompts.answers = [True]
    keys(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert campaigns.campaign_row(gui.services, scene.campaign).surveyed == 0


def test_a_converted_row_is_shown_and_cannot_be_typed(qtbot, gui: GuiContext, scene: Scene):
    scene.survey("北山新村", (0, 0, {"bulbs": 2}))
    survey_lines.convert_findings(gui.services, scene.campaign, Per.BUILDING)

    dialog = opened(qtbot, gui, scene, "北山新村")

    assert dialog.cell_text(0, "bulbs") == "2"
    assert not grid_editable(dialog, 0, 1)


def grid_editable(dialog: SurveyGridDialog, row: int, column: int) -> bool:
    return bool(dialog.grid.item(row, column).flags() & Qt.ItemFlag.ItemIsEditable)
