"""The survey campaigns tab (gui/pages/repairs/campaigns_page.py) and the campaign dialog: a
campaign typed with keys, its progress in the list, findings turned into orders from the page;
the page and its dialogs fit a 1366×768 screen at the largest size in both languages."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jinsha_desktop.domain.repairs import Group
from jinsha_desktop.domain.surveys import MemberInput
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.campaign_dialog import CampaignDialog
from jinsha_desktop.gui.dialogs.survey_grid_dialog import SurveyGridDialog
from jinsha_desktop.gui.pages.repairs.campaigns_page import CampaignsPage
from jinsha_desktop.services import campaigns
from tests.gui.conftest import type_text, when_dialog_opens
from tests.gui.fit_checks import clipped, too_large
from tests.gui.window_walk import LANGUAGES, fit_on_screen, interface
from tests.unit.support import a_compound
from tests.unit.test_campaigns import BULBS_2, Scene, build_scene


@pytest.fixture
def scene(gui: GuiContext) -> Scene:
    return build_scene(gui.services)


def page_of(qtbot: Any, gui: GuiContext) -> CampaignsPage:
    page = CampaignsPage(gui)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def test_a_campaign_typed_with_keys_shows_in_the_list_with_its_progress(qtbot, gui: GuiContext):
    a_compound(gui.services, "金沙花苑", buildings=1)
    a_compound(gui.services, "北山新村", buildings=1)
    page = page_of(qtbot, gui)

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, CampaignDialog)
        type_text(qtbot, dialog.name, "冬季楼道灯排查")
        dialog.compounds.setFocus()
        for _row in range(dialog.compounds.count()):  # tick every compound with Space
            qtbot.keyClick(dialog.compounds, Qt.Key.Key_Space)
            qtbot.keyClick(dialog.compounds, Qt.Key.Key_Down)
        type_text(qtbot, dialog.members[next(iter(dialog.members))], "王芳、李强")
        qtbot.keyClick(dialog.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(fill)
    page.list.form.add_button.click()

    [row] = campaigns.list_campaigns(gui.services)
    assert (row.name, row.progress, row.members) == (
        "冬季楼道灯排查",
        "0/2",
        "机关社区干部：王芳、李强",  # as typed
    )
    qtbot.waitUntil(lambda: page.list.model.rows() != [])
    assert page.scope.model.rowCount() == 2


def test_findings_become_orders_from_the_page(qtbot, gui: GuiContext, scene: Scene, prompts):
    scene.survey("金沙花苑", (0, 1, BULBS_2))
    page = page_of(qtbot, gui)
    assert page.convert_button.isEnabled()

    prompts.choices = [1]  # one per compound
    page.convert_button.click()

    assert "1" in page.status.text()
    assert campaigns.campaign_row(gui.services, scene.campaign).converted == 1
    assert len(scene.orders()) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_and_its_dialogs_fit_the_screen_at_the_largest_size(
    qapp, gui: GuiContext, scene: Scene, language: str
):
    scene.survey("金沙花苑", (0, 1, BULBS_2))
    problems: list[str] = []
    with interface(language, "xlarge"):
        compound_id = scene.compounds["金沙花苑"][0]
        windows = [
            ("page", CampaignsPage(gui)),
            ("campaign", CampaignDialog(gui, None, scene.campaign)),
            ("sheet", SurveyGridDialog(gui, None, scene.campaign, compound_id)),
        ]
        for name, window in windows:
            fit_on_screen(window)
            QApplication.processEvents()
            problems += [f"{name}: {p}" for p in too_large(window) + clipped(window)]
            window.close()
            window.deleteLater()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh_CN", "参与人员：机关社区干部：王芳；志愿者：李强、艾米"),
        ("en", "Taking part: Office and community cadres: 王芳; Volunteers: 李强, 艾米"),
    ],
)
def test_who_took_part_reads_in_the_interface_language(
    qtbot, gui: GuiContext, scene: Scene, language, expected
):
    detail = campaigns.campaign_detail(gui.services, scene.campaign)
    members = (*detail.data.members, MemberInput("艾米", Group.VOLUNTEERS))
    data = replace(detail.data, members=members)
    campaigns.save_campaign(gui.services, data, scene.campaign, detail.version)
    with interface(language, "normal"):
        page = page_of(qtbot, gui)
        qtbot.waitUntil(lambda: page.detail.text() != "")

        assert page.detail.text() == expected
