"""Thumbnails in the lists (issue 13 §4): the repair orders and clean-ups lists show a record's
first photo (an after one if any) in their 照片 column, a missing file as a placeholder named in
the tooltip; a double click on the cell opens the viewer on the record's photos, Enter anywhere
still opens the record; the sheet holds the count."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.photo_viewer import PhotoViewer
from jinsha_desktop.gui.dialogs.repair_order_dialog import RepairOrderDialog
from jinsha_desktop.gui.lists.photo_cells import placeholder, thumbnail_pixmap
from jinsha_desktop.gui.pages.repairs.orders_page import OrdersPage
from jinsha_desktop.services import photo_files, repair_orders
from jinsha_desktop.services.photos import photo_folder, store_photo
from tests.gui import test_cleanup_dialog as cleanup_tests
from tests.gui.conftest import when_dialog_opens
from tests.gui.test_cleanup_dialog import a_saved_clean_up, list_page
from tests.gui.test_repair_orders_page import a_page, column, shown_ids
from tests.unit.test_photos import jpeg_bytes
from tests.unit.test_repair_lists import Orders, make_orders

place = cleanup_tests.place  # the clean-up tests' fixture: 北山社区 › 北山新村 › 3号楼
DECORATION = Qt.ItemDataRole.DecorationRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


@pytest.fixture
def orders(gui: GuiContext) -> Orders:
    made = make_orders(gui.services)
    folder = photo_folder(gui.services)
    before = store_photo(folder, jpeg_bytes(colour="red"), "before.jpg")
    after = store_photo(folder, jpeg_bytes((200, 400), colour="green"), "after.jpg")
    repair_orders.attach_order_photos(gui.services, made.checked, [before], "before")
    repair_orders.attach_order_photos(gui.services, made.checked, [after], "after")
    lost = store_photo(folder, jpeg_bytes(colour="blue"), "lost.jpg")
    repair_orders.attach_order_photos(gui.services, made.late, [lost], "before")
    photo_files.original_path(folder, lost.sha256, ".jpg").unlink()
    photo_files.thumbnail_path(folder, lost.sha256).unlink()
    return made


def photo_index(page: OrdersPage, order_id):  # type: ignore[no-untyped-def]
    return page.model.index(shown_ids(page).index(order_id), column(page, "photos"))


def test_a_photographed_order_shows_its_after_photo_as_a_thumbnail(
    qtbot, gui: GuiContext, orders: Orders
):
    page = a_page(qtbot, gui)
    index = photo_index(page, orders.checked)

    pixmap = page.model.data(index, DECORATION)

    assert isinstance(pixmap, QPixmap) and not pixmap.isNull()
    row_height = page.form.table.verticalHeader().defaultSectionSize()
    assert pixmap.height() <= row_height and pixmap.width() < pixmap.height()  # the tall after
    assert page.model.data(index, DECORATION) is pixmap  # read once per page
    assert page.model.data(index, Qt.ItemDataRole.DisplayRole) == "2 张"
    assert page.model.data(index, TOOLTIP) == "2 张照片"
    assert page.model.data(photo_index(page, orders.fresh), DECORATION) is None


def test_a_missing_photo_is_a_placeholder_named_in_the_tooltip(
    qtbot, gui: GuiContext, orders: Orders
):
    page = a_page(qtbot, gui)
    index = photo_index(page, orders.late)

    pixmap = page.model.data(index, DECORATION)

    assert isinstance(pixmap, QPixmap) and not pixmap.isNull()
    assert pixmap.toImage() == placeholder(pixmap.height()).toImage()
    tip = page.model.data(index, TOOLTIP)
    assert tip.startswith("1 张照片") and "找不到了" in tip and ".jpg" in tip


def test_a_double_click_on_the_photo_opens_the_viewer_enter_opens_the_order(
    qtbot, gui: GuiContext, orders: Orders
):
    page = a_page(qtbot, gui)
    table = page.form.table
    index = photo_index(page, orders.checked)
    table.scrollTo(index)
    centre = table.visualRect(index).center()

    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    qtbot.waitUntil(lambda: page.findChild(PhotoViewer) is not None)
    viewer = page.findChild(PhotoViewer)
    assert isinstance(viewer, PhotoViewer)
    assert len(viewer.photos) == 2 and viewer.index == 1  # the after photo the list shows
    viewer.close()

    table.setCurrentIndex(index)
    seen: list[str] = []
    when_dialog_opens(lambda dialog: seen.append(type(dialog).__name__))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert seen == [RepairOrderDialog.__name__]


def test_the_orders_sheet_holds_the_photo_count(
    qtbot, gui: GuiContext, orders: Orders, tmp_path: Path, prompts
):
    page = a_page(qtbot, gui)
    prompts.save_path = tmp_path / "orders.xlsx"

    assert page.export()

    qtbot.waitUntil(lambda: page.exporter.job is None)
    sheet = openpyxl.load_workbook(tmp_path / "orders.xlsx").active
    assert sheet is not None
    headers = [c.value for c in sheet[1]]
    numbers = [c.value for c in sheet["A"]][1:]
    photos = [c.value for c in sheet[chr(ord("A") + headers.index("照片"))]][1:]
    by_number = dict(zip(numbers, photos, strict=True))
    checked = repair_orders.order_detail(gui.services, orders.checked).number
    fresh = repair_orders.order_detail(gui.services, orders.fresh).number
    assert by_number[checked] == 2 and by_number[fresh] == 0


def test_the_cleanups_list_shows_a_thumbnail_too(qtbot, gui: GuiContext, place, tmp_path: Path):
    a_saved_clean_up(gui, place, tmp_path)
    page = list_page(qtbot, gui)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    photos = next(n for n, c in enumerate(page.model.columns) if c.key == "photos")

    pixmap = page.model.data(page.model.index(0, photos), DECORATION)

    assert isinstance(pixmap, QPixmap) and not pixmap.isNull()


def test_the_thumbnail_follows_the_row_height(qtbot, gui: GuiContext, orders: Orders):
    page = a_page(qtbot, gui)
    cell = page.model.row_at(shown_ids(page).index(orders.checked)).photos

    small, large = thumbnail_pixmap(cell, 24), thumbnail_pixmap(cell, 48)

    assert small is not None and large is not None and small.height() < large.height()
