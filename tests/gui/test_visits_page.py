"""The paged list model and the visits list page (登记记录), driven like a user would."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from sqlalchemy import select

from jinsha_desktop.db.registration_models import Visit
from jinsha_desktop.domain.errors import DatabaseProblem
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.lists.columns import ROW_ROLE, Column
from jinsha_desktop.gui.lists.paged_model import PagedTableModel
from jinsha_desktop.gui.pages.checkpoint.visits_page import FLAGGED_COLOUR, VisitsPage
from jinsha_desktop.services.registration_settings import (
    RegistrationSettings,
    save_registration_settings,
)
from tests.gui.conftest import type_text
from tests.unit.support import audit_entries, logged_in_as
from tests.unit.test_visit_lists import add_checkpoints, register, resident_id

# ---------------------------------------------------------------- the model, without widgets


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    sort_value: Any


class FakeSource:
    """450 rows sorted by name or by number, paged by (sort_value, id) like the services."""

    def __init__(self, count: int = 450) -> None:
        self.rows = [(n, f"名{(n * 7) % 50:02d}") for n in range(count)]
        self.calls: list[tuple[str, bool, Any, int]] = []
        self.fail_with: BaseException | None = None

    def __call__(self, key: str, descending: bool) -> Any:
        def page(after: Any, limit: int) -> list[Row]:
            self.calls.append((key, descending, after, limit))
            if self.fail_with is not None:
                raise self.fail_with
            value = (lambda r: (r[1], r[0])) if key == "name" else (lambda r: (r[0], r[0]))
            ordered = sorted(self.rows, key=value, reverse=descending)
            if after is not None:
                ordered = [
                    r for r in ordered if (value(r) < after if descending else value(r) > after)
                ]
            return [Row(n, name, value((n, name))[0]) for n, name in ordered[:limit]]

        return page


COLUMNS = [Column("id", "编号", align_right=True), Column("name", "姓名")]


def paged_model(source: FakeSource | None = None, **kwargs: Any) -> PagedTableModel:
    model = PagedTableModel(
        COLUMNS,
        sort_keys={"id": "number", "name": "name"},
        default_sort=("id", False),
        **kwargs,
    )
    if source is not None:
        model.set_source(source)
    return model


def test_paged_model_passes_the_model_tester(qtmodeltester):
    qtmodeltester.check(paged_model(FakeSource()), force_py=True)


def test_fetched_and_sorted_paged_model_passes_the_model_tester(qtmodeltester):
    # Changed before the check, not under it: pytest-qt's tester runs its checks (which call
    # fetchMore) from a modelReset slot connected before the one that ends its own record of
    # the reset, so any model that can fetch more after a reset trips it.
    model = paged_model(FakeSource())
    model.fetchMore(QModelIndex())
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.remove_id(model.row_at(3).id)
    qtmodeltester.check(model, force_py=True)


def test_empty_paged_model_passes_the_model_tester(qtmodeltester):
    qtmodeltester.check(paged_model(), force_py=True)
    qtmodeltester.check(paged_model(FakeSource(0)), force_py=True)


def test_rows_come_a_page_at_a_time_after_the_last_key():
    source = FakeSource()
    model = paged_model(source)
    assert model.rowCount() == 200 and model.canFetchMore()

    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())

    assert model.rowCount() == 450 and not model.canFetchMore()
    assert [model.row_at(n).id for n in range(450)] == list(range(450))
    assert [call[2] for call in source.calls] == [None, (199, 199), (399, 399)]
    model.fetchMore(QModelIndex())
    assert len(source.calls) == 3


def test_a_header_click_asks_the_source_again_instead_of_sorting():
    source = FakeSource()
    model = paged_model(source)
    model.fetchMore(QModelIndex())

    model.sort(1, Qt.SortOrder.DescendingOrder)

    assert source.calls[-1] == ("name", True, None, 200)
    assert model.rowCount() == 200
    names = [model.data(model.index(n, 1)) for n in range(200)]
    assert names == sorted(names, reverse=True)
    model.sort(1, Qt.SortOrder.DescendingOrder)  # the same order again: nothing to ask
    assert len(source.calls) == 3


def test_a_column_the_source_cannot_sort_is_not_sorted():
    source = FakeSource()
    model = PagedTableModel(COLUMNS, sort_keys={"id": "number"}, default_sort=("id", False))
    model.set_source(source)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert len(source.calls) == 1 and model.sort_column() == 0


def test_refresh_keeps_as_many_rows_and_remove_takes_one_out():
    source = FakeSource()
    model = paged_model(source)
    model.fetchMore(QModelIndex())
    model.refresh()
    assert source.calls[-1] == ("number", False, None, 400)
    assert model.rowCount() == 400 and model.canFetchMore()

    assert model.remove_id(5)
    assert model.rowCount() == 399 and model.row_at(5).id == 6
    assert not model.remove_id(5)
    assert model.data(model.index(0, 0), ROW_ROLE) == Row(0, "名00", 0)


def test_an_expected_error_while_fetching_is_reported_not_raised(qtbot):
    source = FakeSource()
    model = paged_model(source, expected=(DatabaseProblem,))
    source.fail_with = DatabaseProblem("数据库被占用。")
    with qtbot.waitSignal(model.fetch_failed) as failed:
        model.fetchMore(QModelIndex())
    assert failed.args[0].message == "数据库被占用。"
    assert model.rowCount() == 200 and not model.canFetchMore()
    source.fail_with = RuntimeError("a bug")
    with pytest.raises(RuntimeError):
        model.refresh()
    assert model.rowCount() == 0


def test_header_data_answers_only_what_it_knows():
    model = paged_model(FakeSource(3))
    assert model.headerData(1, Qt.Orientation.Horizontal) == "姓名"
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"
    assert model.headerData(5, Qt.Orientation.Horizontal) is None
    for _ in range(2000):  # the PySide 6.12 trap: no empty QVariant from super()
        assert (
            model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DecorationRole) is None
        )


# ---------------------------------------------------------------- the page


@pytest.fixture
def visits(gui: GuiContext) -> dict[str, Any]:
    admin = gui.services
    checkpoints = add_checkpoints(admin, "北山社区1号卡点", "金余村1号卡点")
    ids = {
        "zhang": register(
            admin,
            checkpoints[0],
            40,
            document_number=resident_id(11),
            name="张伟",
            phone="13812345678",
            plate="苏F12345",
            origin="江苏省南通市崇川区",
            health_code="green",
            temperature="36.5",
        ),
        "wang": register(
            admin,
            checkpoints[1],
            30,
            document_number=resident_id(22, region="310115"),
            name="王秀英",
            phone="13998765432",
            origin="上海市浦东新区",
            route=("上海市浦东新区", "苏州市"),
            health_code="red",
            travel_code_star=True,
        ),
        "rare": register(
            admin,
            checkpoints[0],
            20,
            document_number=resident_id(33, birth="19620704"),
            name="𠮷祥",
            phone="051386123456",
            health_code="green",
            direction="out",
        ),
    }
    return {"checkpoints": checkpoints, **ids}


def open_page(qtbot: Any, gui: GuiContext, **kwargs: Any) -> VisitsPage:
    page = VisitsPage(gui, **kwargs)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    return page


def names(page: VisitsPage) -> list[str]:
    return [row.person_name for row in page.model.rows()]


def column_of(page: VisitsPage, key: str) -> int:
    return next(n for n, c in enumerate(page.model.columns) if c.key == key)


def test_the_list_opens_newest_first_with_masked_numbers(qtbot, gui, visits):
    page = open_page(qtbot, gui)
    assert names(page) == ["𠮷祥", "王秀英", "张伟"]
    model = page.model
    document = column_of(page, "document_number")
    assert model.data(model.index(2, document)) == "320612********" + resident_id(11)[-4:]
    assert model.data(model.index(2, column_of(page, "phone"))) == "138****5678"
    assert model.data(model.index(0, column_of(page, "direction"))) == "出"
    assert model.data(model.index(1, column_of(page, "health_code"))) == "红码"
    assert model.data(model.index(2, column_of(page, "temperature"))) == "36.5"
    assert "3" in page.form.status.text()


def test_a_flagged_visit_is_shown_in_red(qtbot, gui, visits):
    page = open_page(qtbot, gui)
    model = page.model
    wang = names(page).index("王秀英")
    colour = model.data(model.index(wang, 0), Qt.ItemDataRole.ForegroundRole)
    assert isinstance(colour, QColor) and colour == FLAGGED_COLOUR
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    flags = model.data(model.index(wang, column_of(page, "flag_reasons")))
    assert "红码" in flags and "星号" in flags


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param("王", ["王秀英"], id="name-prefix"),
        pytest.param(resident_id(11), ["张伟"], id="id-number"),
        pytest.param("139", ["王秀英"], id="phone-prefix"),
        pytest.param("苏F1", ["张伟"], id="plate"),
        pytest.param("𠮷", ["𠮷祥"], id="rare-character"),
    ],
)
def test_typing_in_the_search_box_and_enter_searches(qtbot, gui, visits, typed, expected):
    page = open_page(qtbot, gui)
    page.form.search.setFocus()
    type_text(qtbot, page.form.search, typed)
    assert len(names(page)) == 3  # nothing happens before Enter
    qtbot.keyClick(page.form.search, Qt.Key.Key_Return)
    assert names(page) == expected


def test_filters_apply_at_once(qtbot, gui, visits):
    page = open_page(qtbot, gui)
    form = page.form
    form.checkpoint.setCurrentIndex(form.checkpoint.findData(str(visits["checkpoints"][0])))
    assert sorted(names(page)) == sorted(["张伟", "𠮷祥"])
    form.checkpoint.setCurrentIndex(0)
    qtbot.mouseClick(form.flagged_only, Qt.MouseButton.LeftButton)
    assert names(page) == ["王秀英"]
    form.flagged_only.setChecked(False)
    form.health_code.setCurrentIndex(form.health_code.findData("green"))
    assert names(page) == ["𠮷祥", "张伟"]
    form.health_code.setCurrentIndex(0)
    form.since_enabled.setChecked(True)
    assert form.since.isEnabled() and len(names(page)) == 3
    form.since.setDate(form.until.date().addDays(1))
    assert names(page) == []


def test_a_header_click_sorts_in_the_database(qtbot, gui, visits):
    page = open_page(qtbot, gui)
    header = page.form.table.horizontalHeader()
    name = column_of(page, "person_name")
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect().topLeft() + _section_centre(header, name),
    )
    first = names(page)
    in_pinyin_order = ["王秀英", "张伟", "𠮷祥"]  # wang, zhang, then a name with no reading
    assert first in (in_pinyin_order, list(reversed(in_pinyin_order)))
    page.form.table.sortByColumn(name, Qt.SortOrder.AscendingOrder)
    assert names(page) == in_pinyin_order
    assert sort_arrow_points(header, name) == "up"  # ▲ ascending, as in Excel
    page.form.table.sortByColumn(name, Qt.SortOrder.DescendingOrder)
    assert names(page) == list(reversed(in_pinyin_order))
    assert sort_arrow_points(header, name) == "down"
    route = column_of(page, "route")  # not sortable in the database: nothing changes
    page.form.table.sortByColumn(route, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == name
    assert names(page) == list(reversed(in_pinyin_order))


def sort_arrow_points(header: Any, section: int) -> str:
    """Which way the sort indicator drawn in `section` points: the arrow is the dark shape
    at the right end of the section; ▲ is narrow at its top row, ▼ at its bottom row."""
    image = header.grab().toImage()
    left = header.sectionViewportPosition(section) + header.sectionSize(section) * 2 // 3
    right = header.sectionViewportPosition(section) + header.sectionSize(section) - 2
    background = image.pixelColor(right - 1, 1).lightness()
    widths = []
    for y in range(image.height()):
        dark = [
            x for x in range(left, right) if image.pixelColor(x, y).lightness() < background - 60
        ]
        if dark and max(dark) - min(dark) < (right - left) // 2:  # not the bottom border
            widths.append(max(dark) - min(dark) + 1)
    assert len(widths) >= 2, "no sort arrow drawn"
    return "up" if widths[0] < widths[-1] else "down"


def _section_centre(header: Any, section: int) -> Any:
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, 5)


def test_scrolling_to_the_end_fetches_the_next_page(qtbot, gui, visits):
    admin = gui.services
    for n in range(12):
        register(admin, visits["checkpoints"][1], 50 + n, document_number=resident_id(100 + n))
    page = open_page(qtbot, gui)
    page.model.page_size = 5
    page.search()
    assert page.model.rowCount() == 5 and "scroll" in page.form.status.text()
    table = page.form.table

    def scrolled_to_the_end() -> bool:  # as a person keeps scrolling down
        table.scrollToBottom()
        return not page.model.canFetchMore()

    qtbot.waitUntil(scrolled_to_the_end)
    assert page.model.rowCount() == 15
    assert len({row.id for row in page.model.rows()}) == 15
    assert not page.model.canFetchMore()


def test_switched_off_epidemic_fields_disappear_from_the_list(qtbot, gui, visits):
    save_registration_settings(
        gui.services,
        RegistrationSettings(health_code=False, travel_code=False, temperature=False),
    )
    page = open_page(qtbot, gui)
    keys = [c.key for c in page.model.columns]
    assert "health_code" not in keys and "travel_code_star" not in keys
    assert "temperature" not in keys and "flag_reasons" in keys
    assert not page.form.health_code.isVisible()

    everything_off = RegistrationSettings(
        health_code=False, travel_code=False, nucleic_test=False, risk_areas=False,
        temperature=False,
    )  # fmt: skip
    save_registration_settings(gui.services, everything_off)
    page.reload_settings()
    assert "flag_reasons" not in [c.key for c in page.model.columns]
    assert not page.form.flagged_only.isVisible()
    assert len(names(page)) == 3


def test_full_numbers_are_shown_on_request_and_audited(qtbot, gui, visits):
    page = open_page(qtbot, gui)
    assert page.form.full_data.isVisible()
    assert audit_entries(gui.services, action="view_full") == []

    page.form.full_data.setFocus()
    qtbot.keyClick(page.form.full_data, Qt.Key.Key_Space)

    document = column_of(page, "document_number")
    shown = {page.model.data(page.model.index(n, document)) for n in range(3)}
    assert resident_id(11) in shown
    assert len(audit_entries(gui.services, action="view_full")) == 1
    assert "audit" in page.form.status.text()


def test_the_checkpoint_role_has_no_full_view_and_no_delete(qtbot, gui, visits, prompts):
    volunteer = logged_in_as(gui.services, "volunteer", Role.CHECKPOINT)
    page = open_page(qtbot, GuiContext(volunteer, gui.opened, gui.config, gui.config_path, prompts))
    assert not page.form.full_data.isVisible()
    assert not page.form.delete_button.isVisible()
    page.form.table.setFocus()
    page.form.table.selectRow(0)
    qtbot.keyClick(page.form.table, Qt.Key.Key_Delete)
    assert len(names(page)) == 3
    assert all("*" in row.document_number for row in page.model.rows())


def test_delete_key_asks_a_reason_and_soft_deletes(qtbot, gui, visits, prompts):
    prompts.text_answers = ["重复登记"]
    page = open_page(qtbot, gui)
    table = page.form.table
    table.setFocus()
    table.selectRow(names(page).index("王秀英"))
    with qtbot.waitSignal(page.visit_deleted) as deleted:
        qtbot.keyClick(table, Qt.Key.Key_Delete)

    assert deleted.args == [visits["wang"]]
    assert "王秀英" in [label for kind, _title, label in prompts.shown if kind == "ask_text"][0]
    assert names(page) == ["𠮷祥", "张伟"]
    assert table.currentIndex().isValid()
    with gui.services.reading() as session:
        visit = session.scalar(select(Visit).where(Visit.id == visits["wang"]))
        assert visit is not None
        assert visit.deleted_at is not None and visit.delete_reason == "重复登记"
    assert audit_entries(gui.services, action="delete", record_id=str(visits["wang"]))


def test_a_cancelled_or_empty_reason_deletes_nothing(qtbot, gui, visits, prompts):
    prompts.text_answers = [None, "  "]
    page = open_page(qtbot, gui)
    page.form.table.setFocus()
    page.form.table.selectRow(0)
    qtbot.mouseClick(page.form.delete_button, Qt.MouseButton.LeftButton)
    assert [kind for kind, *_ in prompts.shown] == ["ask_text"]
    qtbot.keyClick(page.form.table, Qt.Key.Key_Delete)
    assert "删除原因" in prompts.texts("warn")[0]
    assert len(names(page)) == 3


def test_enter_on_a_row_opens_it_and_down_from_the_search_box_reaches_the_rows(qtbot, gui, visits):
    page = open_page(qtbot, gui)
    page.form.search.setFocus()
    qtbot.keyClick(page.form.search, Qt.Key.Key_Down)
    assert page.focusWidget() is page.form.table and page.current_row() is not None
    with qtbot.waitSignal(page.visit_opened) as opened:
        qtbot.keyClick(page.form.table, Qt.Key.Key_Return)
    assert opened.args[0].person_name == "𠮷祥"
    assert "𠮷祥" in page.form.details.text()


def test_the_summary_strip_counts_today(qtbot, gui, visits):
    page = open_page(qtbot, gui)
    strip = page.summary
    assert strip.visits.figure.text() == "3"
    assert strip.flagged.figure.text() == "1"
    assert strip.monitoring.figure.text() == "0"
    shown = strip.visits.detail.text().replace("\u2060", "").replace("\u00a0", " ")
    assert "北山社区1号卡点 2" in shown and "金余村1号卡点 1" in shown


def test_coming_back_to_the_page_shows_new_visits(qtbot, gui, visits):
    page = open_page(qtbot, gui)
    page.hide()
    register(gui.services, visits["checkpoints"][1], 1, document_number=resident_id(44))
    page.show()
    qtbot.waitExposed(page)
    assert len(names(page)) == 4
    assert page.summary.visits.figure.text() == "4"


def test_the_details_line_shows_the_route_as_the_list_column_does(qtbot, gui, visits):
    page = open_page(qtbot, gui)
    page.form.table.selectRow(1)
    qtbot.waitUntil(lambda: "王秀英" in page.form.details.text())
    model = page.model
    in_list = model.data(model.index(1, column_of(page, "route")))
    assert in_list == "上海市浦东新区、苏州市" and in_list in page.form.details.text()
