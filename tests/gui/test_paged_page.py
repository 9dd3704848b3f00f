"""The paged-list page (gui/lists/paged_page.py): a list is a declaration of it.

A throw-away record kind with a page source and an export, declared in a few lines, gets the
columns of its declaration, paging, sorting by a header click, the keyboard and Export… that
the visits and people lists have; F5 fetches again on every list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt

from jinsha_desktop.domain.fields import CellKind, Field, RecordKind, always_on
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.generated.ui_people_page import Ui_PeoplePage
from jinsha_desktop.gui.lists.columns import columns_of, sort_keys_of
from jinsha_desktop.gui.lists.exporting import Export
from jinsha_desktop.gui.lists.paged_model import PagedTableModel, SortedSource
from jinsha_desktop.gui.lists.paged_page import PagedListPage
from jinsha_desktop.reports.exports import sheet_of
from jinsha_desktop.reports.xlsx_writing import write_sheet
from tests.unit.test_visit_lists import add_checkpoints, register, resident_id

# ---------------------------------------------------------------- a list declared in a test

REPAIR = RecordKind(
    "repair_test",
    "维修记录",
    (
        Field("number", "报修单号", CellKind.IDENTIFIER, sort="number", width=12),
        Field("fault", "故障", label=lambda code: {"light": "楼道灯"}.get(code, code), width=8),
        Field("parts", "配件数", CellKind.INTEGER, width=6),
        Field("fixed_on", "修复日期", CellKind.DATE, sort="fixed_on", width=12),
    ),
)


@dataclass(frozen=True)
class Repair:
    id: int
    number: str
    fault: str
    parts: int
    fixed_on: date | None
    sort_value: Any


REPAIRS = [
    Repair(n, f"JS-{n:04d}", "light", n % 3, date(2026, 11, 1 + n % 28), None) for n in range(45)
]


def repair_pages(key: str, descending: bool) -> Any:
    """A page source as a service gives one: rows after (sort_value, id), in order."""

    def value(repair: Repair) -> Any:
        return repair.fixed_on if key == "fixed_on" else repair.number

    ordered = sorted(REPAIRS, key=lambda r: (value(r), r.id), reverse=descending)

    def beyond(repair: Repair, after: tuple[Any, int]) -> bool:
        key = (value(repair), repair.id)
        return key < after if descending else key > after

    def page(after: Any, limit: int) -> list[Repair]:
        rows = [r for r in ordered if after is None or beyond(r, after)]
        return [Repair(**{**r.__dict__, "sort_value": value(r)}) for r in rows[:limit]]

    return page


class RepairsPage(PagedListPage):
    """What a new list declares: its kind, its page source, its export, what opening does."""

    def __init__(self, gui: GuiContext) -> None:
        super().__init__(gui, Ui_PeoplePage(), REPAIR, default_sort="number")
        self.opened: list[Repair] = []
        self.search()
        self.fit_columns()

    def source(self) -> SortedSource:
        return repair_pages

    def export_job(self, sort_key: str, descending: bool) -> Export:
        def export(path: Path, progress: Any) -> Any:
            columns, values = sheet_of(REPAIR)
            rows = [values(r) for r in sorted(REPAIRS, key=lambda r: r.number, reverse=descending)]
            return write_sheet(path, REPAIR.title, columns, rows, progress=progress)

        return export

    def open_row(self, row: Repair) -> None:
        self.opened.append(row)


def show(qtbot: Any, page: PagedListPage) -> PagedListPage:
    qtbot.addWidget(page)
    page.resize(900, 400)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    return page


def test_a_list_declared_in_a_few_lines_shows_its_fields(qtbot, gui):
    page = show(qtbot, RepairsPage(gui))
    model = page.model

    headers = [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())]
    assert headers == ["报修单号", "故障", "配件数", "修复日期"]
    assert model.data(model.index(0, 1)) == "楼道灯"  # the declared label
    assert model.data(model.index(1, 3)) == "2026-11-16"  # JS-0043, fixed on the 16th
    assert model.data(model.index(0, 2), Qt.ItemDataRole.TextAlignmentRole)  # a number: right
    assert model.rowCount() == 45 and not model.canFetchMore()
    assert [row.number for row in model.rows()][:2] == ["JS-0044", "JS-0043"]  # newest first
    assert model.is_sortable(3) and not model.is_sortable(1)


def test_a_header_click_on_a_declared_sort_asks_the_source_in_that_order(qtbot, gui):
    page = show(qtbot, RepairsPage(gui))
    header = page.form.table.horizontalHeader()
    section = 3
    centre = QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    dates = [row.fixed_on for row in page.model.rows()]
    assert dates == sorted(dates)
    assert page.model.current_sort() == ("fixed_on", False)


def test_down_from_the_search_box_then_enter_opens_the_row(qtbot, gui):
    page = show(qtbot, RepairsPage(gui))
    page.form.search.setFocus()
    qtbot.keyClick(page.form.search, Qt.Key.Key_Down)
    qtbot.keyClick(page.form.table, Qt.Key.Key_Return)
    assert [row.number for row in page.opened] == ["JS-0044"]


def test_export_writes_the_declared_sheet(qtbot, gui, prompts, tmp_path):
    target = tmp_path / "repairs.xlsx"
    prompts.save_path = target
    page = show(qtbot, RepairsPage(gui))
    assert page.export()
    qtbot.waitUntil(lambda: page.exporter.job is None, timeout=20_000)

    sheet = load_workbook(target).active
    assert [c.value for c in sheet[1]] == ["报修单号", "故障", "配件数", "修复日期"]
    assert sheet["A2"].value == "JS-0044" and sheet["B2"].value == "楼道灯"
    assert sheet["C2"].value == 44 % 3


# ---------------------------------------------------------------- F5 on the real lists


def test_f5_fetches_the_list_again(qtbot, gui):
    from jinsha_desktop.gui.pages.checkpoint.people_page import PeoplePage

    admin = gui.services
    checkpoint = add_checkpoints(admin, "北山社区1号卡点")[0]
    register(admin, checkpoint, 30, document_number=resident_id(11), name="张伟")
    page = show(qtbot, PeoplePage(gui))
    assert [row.name for row in page.model.rows()] == ["张伟"]

    register(admin, checkpoint, 5, document_number=resident_id(22), name="王秀英")
    page.form.table.setFocus()
    qtbot.keyClick(page.form.table, Qt.Key.Key_F5)

    assert [row.name for row in page.model.rows()] == ["王秀英", "张伟"]

    register(admin, checkpoint, 1, document_number=resident_id(33), name="李娜")
    page.form.search.setFocus()
    qtbot.keyClick(page.form.search, Qt.Key.Key_F5)
    assert [row.name for row in page.model.rows()] == ["李娜", "王秀英", "张伟"]


def declared_model() -> PagedTableModel:
    model = PagedTableModel(
        columns_of(REPAIR.shown("list", always_on)),
        sort_keys=sort_keys_of(REPAIR.fields),
        default_sort=("number", True),
        page_size=10,
    )
    model.set_source(repair_pages)
    return model


def test_a_model_of_declared_columns_passes_the_model_tester(qtmodeltester):
    # Without a view, and one check per model: the tester stays connected after check().
    qtmodeltester.check(declared_model(), force_py=True)


def test_sorted_and_fetched_it_still_passes(qtmodeltester):
    model = declared_model()
    model.sort(3, Qt.SortOrder.AscendingOrder)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 45 and model.current_sort() == ("fixed_on", False)
    qtmodeltester.check(model, force_py=True)
