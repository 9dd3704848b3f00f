"""The red/black list page (gui/pages/inspections/ranking_page.py): a ranking published, then
made out of date by a corrected inspection, the banner saying so and a new edition published;
a frozen edition shown as published; the trend chart; the notice and Excel written; the rules
dialog refusing a bad value; the page fitting the screen."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from jinsha_desktop.domain.inspection_input import AnswerInput, InspectionInput
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.ranking_rules_dialog import RankingRulesDialog
from jinsha_desktop.gui.pages.inspections.ranking_page import RankingPage
from jinsha_desktop.services import checklists, inspections, rankings, reference
from jinsha_desktop.services.context import AppContext
from tests.gui.fit_checks import clipped, too_large
from tests.gui.window_walk import LANGUAGES, fit_on_screen, interface

OCTOBER = date(2026, 10, 12)  # the clock is 2026-11-25: the page opens on October


def submitted(admin: AppContext, unit: str, found: int, day: date = OCTOBER) -> uuid.UUID:
    """A submitted inspection of `unit` on the rural checklist with `found` occurrences of
    its first item."""
    template = next(t for t in checklists.list_templates(admin) if "农村" in t.name).id
    unit_id = next(u.id for u in reference.list_units(admin) if u.name == unit)
    inspection = inspections.new_inspection(admin, InspectionInput(template, unit_id, day))
    first = inspections.inspection_detail(admin, inspection).answers[0]
    inspections.save_answers(admin, inspection, [AnswerInput(first.id, found)])
    inspections.submit_inspection(admin, inspection)
    return inspection


@pytest.fixture
def october(gui: GuiContext) -> dict[str, uuid.UUID]:
    admin = gui.services
    return {
        name: submitted(admin, name, found)
        for name, found in (("城东村", 0), ("金北村", 1), ("金余村", 3), ("新三园村", 2))
    }


def page_of(qtbot, gui: GuiContext) -> RankingPage:
    page = RankingPage(gui)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    return page


def test_a_published_list_made_out_of_date_by_a_correction(qtbot, gui, october) -> None:
    page = page_of(qtbot, gui)
    assert page.chosen_period().key == "2026-10"
    units = [row.unit_name for row in page.view.rows if row.position is not None]
    assert units[0] == "城东村" and units[-1] == "金余村"
    assert page.model.rowCount() == len(page.view.rows)
    assert "未发布" in page.banner.text() or "Not published" in page.banner.text()
    page.publish_button.click()
    assert page.edition.currentIndex() == 1  # the edition just published, shown
    assert page.view.published is not None and not page.view.out_of_date
    # the worst village is corrected: nothing was found after all
    answers = inspections.inspection_detail(gui.services, october["金余村"]).answers
    inspections.amend_inspection(
        gui.services, october["金余村"], [AnswerInput(answers[0].id, 0)], "复核后无问题"
    )
    page.edition.setCurrentIndex(0)
    page.refresh()
    assert page.view.out_of_date
    assert "过期" in page.banner.text() or "out of date" in page.banner.text()
    assert page.banner.styleSheet()  # in the attention colour
    # the frozen first edition still shows the old order
    first = rankings.editions(gui.services, page.chosen_period())[0]
    page.refresh(first.id)
    assert [r.unit_name for r in page.view.rows if r.position is not None][-1] == "金余村"
    page.edition.setCurrentIndex(0)
    page.refresh()
    page.publish_button.click()
    editions = rankings.editions(gui.services, page.chosen_period())
    assert sorted(e.edition for e in editions) == [1, 2]
    assert not page.view.out_of_date


def test_the_trend_of_the_chosen_unit_is_drawn(qtbot, gui, october) -> None:
    submitted(gui.services, "城东村", 2, date(2026, 9, 10))
    page = page_of(qtbot, gui)
    row = next(i for i, r in enumerate(page.view.rows) if r.unit_name == "城东村")
    page.table.selectRow(row)
    keys = [key for key, _score in page.chart.points]
    assert keys == ["2026-09", "2026-10"]
    assert page.chart.points[1][1] > page.chart.points[0][1]


def test_the_notice_and_the_excel_are_written(qtbot, gui, october, tmp_path) -> None:
    page = page_of(qtbot, gui)
    assert not page.notice_button.isEnabled()  # nothing published yet
    page.publish_button.click()
    gui.prompts.save_path = tmp_path / "通报"
    page.notice_button.click()
    qtbot.waitUntil(lambda: page.job is None and (tmp_path / "通报.pdf").exists(), timeout=30000)
    reader = PdfReader(tmp_path / "通报.pdf")
    assert len(reader.pages) == 1 and "红榜" in reader.pages[0].extract_text()
    gui.prompts.save_path = tmp_path / "排名"
    page.excel_button.click()
    qtbot.waitUntil(lambda: page.job is None and (tmp_path / "排名.xlsx").exists(), timeout=30000)
    sheet = load_workbook(tmp_path / "排名.xlsx").active
    assert any("城东村" in str(cell.value) for row in sheet.iter_rows() for cell in row)


def test_a_period_without_inspections_says_so(qtbot, gui) -> None:
    page = page_of(qtbot, gui)
    assert page.model.rowCount() == 0
    assert "没有已提交的检查" in page.banner.text() or "no submitted" in page.banner.text().lower()
    assert not page.publish_button.isEnabled()


def test_the_rules_dialog_refuses_a_bad_value_and_keeps_a_good_one(qtbot, gui, october):
    dialog = RankingRulesDialog(gui)
    qtbot.addWidget(dialog)
    dialog.red_at_least.setText("60")
    dialog.black_below.setText("80")  # above the red line
    dialog.save()
    assert dialog.error.text() and dialog.result() == 0
    assert rankings.ranking_rules(gui.services).black_below is None  # nothing kept
    dialog.black_below.setText("abc")
    dialog.save()
    assert "0 到 100" in dialog.error.text() or "0" in dialog.error.text()
    dialog.black_below.setText("")
    dialog.red_count.setValue(1)
    dialog.combine.setCurrentIndex(dialog.combine.findData("lowest"))
    dialog.save()
    rules = rankings.ranking_rules(gui.services)
    assert (rules.red_count, rules.combine, rules.red_at_least) == (1, "lowest", 60)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_and_the_rules_fit_the_screen_at_the_largest_size(qtbot, gui, october, language):
    with interface(language, "xlarge"):
        page = RankingPage(gui)
        qtbot.addWidget(page)
        fit_on_screen(page)
        page.table.selectRow(0)
        dialog = RankingRulesDialog(gui)
        qtbot.addWidget(dialog)
        fit_on_screen(dialog)
        problems = too_large(page) + clipped(page) + too_large(dialog) + clipped(dialog)
        page.hide()
        dialog.hide()
        assert not problems, "\n".join(problems)
