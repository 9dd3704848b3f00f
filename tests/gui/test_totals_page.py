"""The totals screen (gui/pages/repairs/totals_page.py), driven like a user would: the table and
its chart, the drill-down (Enter or a double-click on a figure lists the orders or clean-ups
behind it), the Excel export with the chart, the print."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QModelIndex, Qt

from jinsha_desktop.domain.repair_totals import GroupBy
from jinsha_desktop.domain.repairs import OPEN_STATUSES
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.pages.repairs.cleanups_page import CleanupsPage
from jinsha_desktop.gui.pages.repairs.orders_page import OrdersPage
from jinsha_desktop.gui.pages.repairs.repairs_module import RepairsModule
from jinsha_desktop.gui.pages.repairs.totals_page import TotalsPage
from jinsha_desktop.gui.qdates import qdate
from tests.unit.repair_totals_data import SINCE, UNTIL, Generated, generate

TOTALS = "jinsha_desktop.gui.pages.repairs.totals_page:TotalsPage"


@pytest.fixture
def made(gui: GuiContext) -> Generated:
    return generate(gui.services, orders=80, cleanups=40)


def totals_in(qtbot: Any, gui: GuiContext) -> tuple[RepairsModule, TotalsPage]:
    module = RepairsModule(gui)
    qtbot.addWidget(module)
    module.resize(1340, 700)
    module.show()
    qtbot.waitExposed(module)
    page = module.page(TOTALS)
    assert isinstance(page, TotalsPage)
    page.form.since.setDate(qdate(SINCE))
    page.form.until.setDate(qdate(UNTIL))
    qtbot.waitUntil(lambda: page.table is not None and page.table.query.until == UNTIL)
    return module, page


def cell_of(page: TotalsPage, label: str, key: str) -> QModelIndex:
    assert page.table is not None
    row = next(n for n, r in enumerate(page.model.rows) if r.label == label)
    column = 2 + next(n for n, c in enumerate(page.table.columns) if c.key == key)
    return page.model.index(row, column)


def test_the_totals_screens_drill_down_lists_the_orders_behind_a_figure(
    qtbot, gui: GuiContext, made: Generated
) -> None:
    module, page = totals_in(qtbot, gui)
    assert page.table is not None
    row = max(page.table.rows, key=lambda r: r.figures.overdue)
    index = cell_of(page, row.label, "overdue")
    figure = int(page.model.data(index))
    assert figure == row.figures.overdue > 0
    now = gui.services.clock.now()
    behind = {
        o.id
        for o in made.orders
        if (o.compound_id,) == row.key
        and not o.deleted
        and SINCE <= o.reported_at.date() <= UNTIL
        and o.status in OPEN_STATUSES
        and (now - o.reported_at).days > 7
    }

    page.form.table.setFocus()
    page.form.table.setCurrentIndex(index)
    qtbot.keyClick(page.form.table, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: isinstance(module.currentWidget(), OrdersPage))
    orders = module.currentWidget()
    assert isinstance(orders, OrdersPage)
    qtbot.waitUntil(lambda: orders.model.rowCount() == figure)
    shown = {orders.model.row_at(n).id for n in range(orders.model.rowCount())}
    assert shown == behind
    assert orders.form.overdue_only.isChecked()


def test_a_double_clicked_clean_up_figure_lists_those_clean_ups(
    qtbot, gui: GuiContext, made: Generated
) -> None:
    module, page = totals_in(qtbot, gui)
    page.form.by.setCurrentIndex(page.form.by.findData(GroupBy.UNIT.value))
    qtbot.waitUntil(lambda: page.table is not None and page.table.query.by is GroupBy.UNIT)
    index = cell_of(page, page.model.rows[0].label, f"cleanup:{page.table.columns[-1].category_id}")
    figure = int(page.model.data(index))
    view = page.form.table
    view.scrollTo(index)
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    qtbot.waitUntil(lambda: isinstance(module.currentWidget(), CleanupsPage))
    cleanups = module.currentWidget()
    assert isinstance(cleanups, CleanupsPage)
    qtbot.waitUntil(
        lambda: (
            sum(cleanups.model.row_at(n).count for n in range(cleanups.model.rowCount())) == figure
        )
    )


def test_the_chart_stacks_parts_or_clean_ups_per_group(
    qtbot, gui: GuiContext, made: Generated
) -> None:
    _module, page = totals_in(qtbot, gui)
    assert page.table is not None
    assert page.chart.bars
    assert set(page.chart.bars) <= {"灯泡", "开关", "均分器", "电线（米）", "其他"}
    assert len(page.chart.groups) == len(page.table.rows)
    bulbs = {r.label: float(r.figures.parts.get("bulb", 0)) for r in page.table.rows}
    assert dict(zip(page.chart.groups, page.chart.bars["灯泡"], strict=True)) == bulbs
    page.form.chart_kind.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "乱堆乱放" in page.chart.bars)
    page.grab().save("/tmp/h5-totals-page.png")


def test_the_export_holds_the_figures_and_the_chart(
    qtbot, gui: GuiContext, made: Generated, tmp_path: Path, prompts
) -> None:
    _module, page = totals_in(qtbot, gui)
    assert page.table is not None
    prompts.save_path = tmp_path / "totals.xlsx"

    page.form.export_button.click()

    qtbot.waitUntil(lambda: page.exporting.job is None and page.exporting.result is not None)
    workbook = openpyxl.load_workbook(tmp_path / "totals.xlsx")
    sheet = workbook["维修统计"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith(f"维修统计 {SINCE.isoformat()}")
    assert rows[1][:4] == ("小区", "所属", "报修单数", "未办结")
    assert rows[-1][0] == "金沙街道合计" and rows[-1][2] == page.table.total.figures.orders
    assert len(workbook["图表"]._images) == 1


def test_print_sends_the_totals_ledger_to_the_printer(
    qtbot, gui: GuiContext, made: Generated, tmp_path: Path, prompts
) -> None:
    _module, page = totals_in(qtbot, gui)
    prompts.print_to = tmp_path / "printed.pdf"

    page.form.print_button.click()

    qtbot.waitUntil(lambda: page.job is None and "printer" in page.form.status.text())
    assert prompts.print_to.stat().st_size > 1000


def test_a_period_ending_before_it_starts_is_told_and_the_figures_stay(
    qtbot, gui: GuiContext, made: Generated
) -> None:
    _module, page = totals_in(qtbot, gui)
    before = page.table

    page.form.until.setDate(qdate(SINCE).addDays(-1))

    qtbot.waitUntil(lambda: "结束日期不能早于开始日期" in page.form.status.text())
    assert page.table is before and page.model.rowCount() == len(before.rows) + 1
