"""The repair orders list page (gui/pages/repairs/orders_page.py), driven like a user would:
overdue orders highlighted (colour and words) and listed, phones masked, who sees which buttons,
Enter opens an order, New order… for property staff, the settings, the export, the totals'
drill-down."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from jinsha_desktop.db.repair_models import RepairOrder
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.repairs import EventKind
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.repair_order_dialog import RepairOrderDialog
from jinsha_desktop.gui.dialogs.repair_settings_dialog import RepairSettingsDialog
from jinsha_desktop.gui.pages.repairs.orders_page import OVERDUE_COLOUR, OrdersPage
from jinsha_desktop.gui.pages.repairs.repairs_module import RepairsModule
from jinsha_desktop.gui.qdates import qdate
from jinsha_desktop.services import repair_orders
from jinsha_desktop.services.repair_lists import OPEN, OrderFilter
from jinsha_desktop.services.repair_settings import repair_settings
from tests.gui.conftest import type_text, when_dialog_opens
from tests.unit.support import logged_in_as
from tests.unit.test_repair_lists import Orders, make_orders


@pytest.fixture
def orders(gui: GuiContext) -> Orders:
    return make_orders(gui.services)


def as_role(gui: GuiContext, role: Role) -> GuiContext:
    user = logged_in_as(gui.services, f"user_{role.value}", role)
    return GuiContext(user, gui.opened, gui.config, gui.config_path, gui.prompts)


def a_page(qtbot, gui: GuiContext) -> OrdersPage:
    page = OrdersPage(gui)
    qtbot.addWidget(page)
    page.resize(1300, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def column(page: OrdersPage, key: str) -> int:
    return next(n for n, c in enumerate(page.model.columns) if c.key == key)


def cell(page: OrdersPage, row: int, key: str, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
    return page.model.data(page.model.index(row, column(page, key)), role)


def shown_ids(page: OrdersPage) -> list:  # type: ignore[type-arg]
    return [page.model.row_at(n).id for n in range(page.model.rowCount())]


def test_the_module_shows_the_orders_tab(qtbot, gui: GuiContext, orders: Orders):
    module = RepairsModule(gui)
    qtbot.addWidget(module)

    page = module.page("jinsha_desktop.gui.pages.repairs.orders_page:OrdersPage")

    assert isinstance(page, OrdersPage) and page.model.rowCount() == 5


def test_an_overdue_order_is_highlighted_with_words_and_listed(
    qtbot, gui: GuiContext, orders: Orders
):
    page = a_page(qtbot, gui)
    late = shown_ids(page).index(orders.late)
    fresh = shown_ids(page).index(orders.fresh)

    assert cell(page, late, "overdue") == "超期 3 天"
    assert cell(page, late, "number", Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR
    assert cell(page, fresh, "overdue") == ""
    assert cell(page, fresh, "number", Qt.ItemDataRole.ForegroundRole) is None

    page.form.overdue_only.setFocus()
    qtbot.keyClick(page.form.overdue_only, Qt.Key.Key_Space)

    qtbot.waitUntil(lambda: shown_ids(page) == [orders.late])
    assert "1" in page.form.status.text()


def test_the_phone_shows_masked_in_the_list_and_full_only_when_asked(
    qtbot, gui: GuiContext, orders: Orders
):
    page = a_page(qtbot, gui)

    assert {cell(page, n, "reporter_phone") for n in range(5)} == {"138****5678"}
    assert page.form.full_data.isVisible()
    page.form.full_data.setChecked(True)
    qtbot.waitUntil(lambda: cell(page, 0, "reporter_phone") == "13812345678")


def test_filters_search_and_sort_ask_the_database(qtbot, gui: GuiContext, orders: Orders):
    page = a_page(qtbot, gui)

    page.form.status_filter.setCurrentIndex(page.form.status_filter.findData(OPEN))
    qtbot.waitUntil(lambda: len(shown_ids(page)) == 3)
    page.form.search.setFocus()
    type_text(qtbot, page.form.search, "声控")
    qtbot.keyClick(page.form.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown_ids(page) == [orders.late])

    page.form.search.clear()
    page.form.status_filter.setCurrentIndex(0)
    page.form.table.sortByColumn(column(page, "compound_name"), Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: page.model.current_sort() == ("compound", False))
    assert shown_ids(page)[-1] == orders.east_order  # 北山新村, then 城东小区


def test_enter_on_a_row_opens_its_order(qtbot, gui: GuiContext, orders: Orders):
    page = a_page(qtbot, gui)
    page.form.table.setFocus()
    page.form.table.selectRow(shown_ids(page).index(orders.late))
    seen: list[str] = []

    def look(dialog: RepairOrderDialog) -> None:
        seen.append(dialog.form.heading.text())

    when_dialog_opens(look)
    qtbot.keyClick(page.form.table, Qt.Key.Key_Return)

    assert seen and "超期 3 天" in seen[0] and "已派单" in seen[0]


def test_a_viewer_reads_the_list_without_edit_buttons(qtbot, gui: GuiContext, orders: Orders):
    page = a_page(qtbot, as_role(gui, Role.VIEWER))

    assert page.model.rowCount() == 5
    for button in (page.form.new_button, page.form.settings_button, page.form.export_button):
        assert not button.isVisible()
    assert not page.form.full_data.isVisible()


def test_property_staff_see_the_list_and_log_a_new_order(qtbot, gui: GuiContext, orders: Orders):
    staff = as_role(gui, Role.PROPERTY)
    page = a_page(qtbot, staff)
    assert page.model.rowCount() == 5
    assert page.form.new_button.isVisible() and page.form.export_button.isVisible()
    assert not page.form.full_data.isVisible() and not page.form.settings_button.isVisible()

    def report(dialog: RepairOrderDialog) -> None:
        form = dialog.form
        form.unit_id.setFocus()
        qtbot.keyClick(form.unit_id, Qt.Key.Key_Down)
        qtbot.keyClick(form.compound_id, Qt.Key.Key_Down)
        form.problem.setFocus()
        type_text(qtbot, form.problem, "路灯不亮")
        qtbot.keyClick(form.problem, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert dialog.detail is not None, form.form_error.text()
        qtbot.keyClick(form.problem, Qt.Key.Key_Escape)

    when_dialog_opens(report)
    qtbot.keyClick(page.form.new_button, Qt.Key.Key_Space)

    qtbot.waitUntil(lambda: page.model.rowCount() == 6)
    assert page.model.row_at(0).problem == "路灯不亮"


def test_the_settings_change_what_is_overdue(qtbot, gui: GuiContext, orders: Orders):
    page = a_page(qtbot, gui)
    assert page.form.settings_button.isVisible()

    def one_day(dialog: RepairSettingsDialog) -> None:
        dialog.form.overdue_days.setFocus()
        qtbot.keyClick(dialog.form.overdue_days, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(dialog.form.overdue_days, "1")
        qtbot.keyClick(dialog.form.overdue_days, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(one_day)
    qtbot.keyClick(page.form.settings_button, Qt.Key.Key_Space)

    assert repair_settings(gui.services).overdue_days == 1
    east = shown_ids(page).index(orders.east_order)
    qtbot.waitUntil(lambda: cell(page, east, "overdue") == "超期 1 天")


def test_the_export_writes_the_orders_shown(
    qtbot, gui: GuiContext, orders: Orders, tmp_path: Path, prompts
):
    page = a_page(qtbot, gui)
    page.form.status_filter.setCurrentIndex(page.form.status_filter.findData(OPEN))
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    prompts.save_path = tmp_path / "orders.xlsx"

    assert page.export()

    qtbot.waitUntil(lambda: page.exporter.job is None)
    sheet = openpyxl.load_workbook(tmp_path / "orders.xlsx").active
    assert sheet is not None and sheet.max_row == 4
    assert "138****5678" in [c.value for c in sheet[2]]


def test_the_totals_drill_down_shows_the_orders_behind_a_figure(
    qtbot, gui: GuiContext, orders: Orders
):
    page = a_page(qtbot, gui)

    page.show_filter(OrderFilter(compound_id=orders.north, building_id=orders.buildings[1]))

    qtbot.waitUntil(lambda: shown_ids(page) == [orders.late])
    assert page.form.compound.currentText() == "北山新村"
    assert "totals" in page.form.status.text()
    page.form.compound.setCurrentIndex(0)  # a place chosen by hand: the figure's filter goes
    qtbot.waitUntil(lambda: len(shown_ids(page)) == 5)


def test_a_step_taken_in_the_form_shows_in_the_list(qtbot, gui: GuiContext, orders: Orders):
    page = a_page(qtbot, gui)
    now = gui.services.clock.now()
    repair_orders.take_step(gui.services, orders.fresh, EventKind.ASSIGN, now, assignee="张师傅")

    qtbot.keyClick(page.form.table, Qt.Key.Key_F5)

    row = shown_ids(page).index(orders.fresh)
    qtbot.waitUntil(lambda: cell(page, row, "status") == "已派单")


def test_a_half_typed_new_order_comes_back_from_its_draft(qtbot, gui: GuiContext, orders: Orders):
    from jinsha_desktop.services import drafts

    page = a_page(qtbot, gui)

    def type_and_crash(dialog: RepairOrderDialog) -> None:
        dialog.form.problem.setFocus()
        type_text(qtbot, dialog.form.problem, "楼道灯闪烁")
        assert dialog.drafts is not None
        dialog.drafts.save_now()
        dialog.done(0)  # as if the program stopped: nothing saved, the draft kept

    when_dialog_opens(type_and_crash)
    qtbot.keyClick(page.form.new_button, Qt.Key.Key_Space)
    [draft] = [d for d in drafts.pending_drafts(gui.services) if d.form_key == "repair_order:new"]
    restored: list[str] = []

    def look(dialog: RepairOrderDialog) -> None:
        restored.append(dialog.form.problem.text())

    when_dialog_opens(look)
    module = RepairsModule(gui)
    qtbot.addWidget(module)
    assert module.restore_draft("repair_order", "new", draft.values)

    assert restored == ["楼道灯闪烁"]


def test_delete_asks_why_and_keeps_the_order(qtbot, gui: GuiContext, orders: Orders, prompts):
    page = a_page(qtbot, gui)
    page.form.table.setFocus()
    page.form.table.selectRow(shown_ids(page).index(orders.fresh))
    prompts.text_answers.append("重复登记")

    qtbot.keyClick(page.form.table, Qt.Key.Key_Delete)

    assert orders.fresh not in shown_ids(page)
    nearby = page.current_row()  # the list's shared delete: a row nearby is chosen
    assert nearby is not None and nearby.id in shown_ids(page)
    with gui.services.reading() as session:
        kept = session.get(RepairOrder, orders.fresh)
        assert kept is not None and kept.deleted_at is not None
        assert kept.delete_reason == "重复登记"


def test_the_period_filters_by_the_report_date(qtbot, gui: GuiContext, orders: Orders):
    page = a_page(qtbot, gui)
    today = gui.services.clock.now().astimezone().date()
    page.form.since.setDate(qdate(today - timedelta(days=3)))

    page.form.since_enabled.setFocus()
    qtbot.keyClick(page.form.since_enabled, Qt.Key.Key_Space)

    qtbot.waitUntil(lambda: shown_ids(page) == [orders.fresh, orders.east_order, orders.rejected])
