"""The people list (人员): searched and sorted in the database, a page at a time."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.pinyin import name_sort_key
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.pages.checkpoint.people_page import PeoplePage
from tests.gui.conftest import type_text
from tests.unit.support import logged_in_as
from tests.unit.test_visit_lists import add_checkpoints, register, resident_id


@pytest.fixture
def people(gui: GuiContext) -> list[str]:
    admin = gui.services
    checkpoint = add_checkpoints(admin, "北山社区1号卡点")[0]
    register(admin, checkpoint, 30, document_number=resident_id(11), name="张伟",
             phone="13812345678")  # fmt: skip
    register(admin, checkpoint, 20, document_number=resident_id(22, region="310115"),
             name="王秀英", phone="13998765432")  # fmt: skip
    register(admin, checkpoint, 10, document_number=resident_id(33, birth="19620704"),
             name="𠮷祥")  # fmt: skip
    # A second visit of 张伟: still one person, now the latest.
    register(admin, checkpoint, 5, document_number=resident_id(11), name="张伟")
    return ["张伟", "𠮷祥", "王秀英"]


def open_page(qtbot: Any, gui: GuiContext) -> PeoplePage:
    page = PeoplePage(gui)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    return page


def names(page: PeoplePage) -> list[str]:
    return [row.name for row in page.model.rows()]


def column_of(page: PeoplePage, key: str) -> int:
    return next(n for n, c in enumerate(page.model.columns) if c.key == key)


def test_everyone_is_listed_once_latest_visit_first_and_masked(qtbot, gui, people):
    page = open_page(qtbot, gui)
    assert names(page) == people
    model = page.model
    assert model.data(model.index(0, column_of(page, "document_number"))) == (
        "320612********" + resident_id(11)[-4:]
    )
    assert model.data(model.index(0, column_of(page, "phone"))) == "138****5678"
    assert model.data(model.index(0, column_of(page, "gender"))) == "男"
    assert model.data(model.index(0, column_of(page, "document_type"))) == "居民身份证"
    assert model.data(model.index(1, column_of(page, "birth_date"))) == "1962-07-04"
    assert "3" in page.form.status.text()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param("王", ["王秀英"], id="name-prefix"),
        pytest.param("𠮷", ["𠮷祥"], id="rare-character"),
        pytest.param(resident_id(11), ["张伟"], id="id-number"),
        pytest.param("310115", ["王秀英"], id="id-prefix"),
        pytest.param("1381234", ["张伟"], id="phone-prefix"),
        pytest.param("李", [], id="nobody"),
    ],
)
def test_typing_and_enter_searches(qtbot, gui, people, typed, expected):
    page = open_page(qtbot, gui)
    page.form.search.setFocus()
    type_text(qtbot, page.form.search, typed)
    qtbot.keyClick(page.form.search, Qt.Key.Key_Return)
    assert names(page) == expected


def test_sorted_by_name_in_the_database(qtbot, gui, people):
    page = open_page(qtbot, gui)
    name = column_of(page, "name")
    page.form.table.sortByColumn(name, Qt.SortOrder.AscendingOrder)
    in_pinyin_order = sorted(people, key=name_sort_key)
    assert names(page) == in_pinyin_order == ["王秀英", "张伟", "𠮷祥"]
    page.form.table.sortByColumn(name, Qt.SortOrder.DescendingOrder)
    assert names(page) == list(reversed(in_pinyin_order))
    address = column_of(page, "address")  # not sortable: the order stays
    page.form.table.sortByColumn(address, Qt.SortOrder.AscendingOrder)
    assert names(page) == list(reversed(in_pinyin_order))
    assert page.form.table.horizontalHeader().sortIndicatorSection() == name


def test_enter_on_a_row_opens_the_person(qtbot, gui, people):
    page = open_page(qtbot, gui)
    page.form.search.setFocus()
    qtbot.keyClick(page.form.search, Qt.Key.Key_Down)
    qtbot.keyClick(page.form.table, Qt.Key.Key_Down)
    from tests.gui.test_administration import when_dialog_opens

    seen: list[str] = []
    when_dialog_opens(lambda dialog: seen.append(dialog.form.name.text()))
    with qtbot.waitSignal(page.person_opened) as opened:
        qtbot.keyClick(page.form.table, Qt.Key.Key_Return)
    assert opened.args[0].name == "𠮷祥"
    assert seen == ["𠮷祥"]  # the correction dialog opened with the name, then was closed


def test_pages_of_people_follow_each_other_when_scrolling(qtbot, gui, people):
    admin = gui.services
    checkpoint = add_checkpoints(admin, "金余村1号卡点")[0]
    for n in range(9):
        register(admin, checkpoint, 40 + n, document_number=resident_id(100 + n), name="陈静")
    page = open_page(qtbot, gui)
    page.model.page_size = 4
    page.search()
    assert page.model.rowCount() == 4
    table = page.form.table

    def scrolled_to_the_end() -> bool:  # as a person keeps scrolling down
        table.scrollToBottom()
        return not page.model.canFetchMore()

    qtbot.waitUntil(scrolled_to_the_end)
    assert page.model.rowCount() == 12
    assert len({row.id for row in page.model.rows()}) == 12


def test_the_checkpoint_role_sees_people_masked(qtbot, gui, people, prompts):
    volunteer = logged_in_as(gui.services, "volunteer", Role.CHECKPOINT)
    page = open_page(qtbot, GuiContext(volunteer, gui.opened, gui.config, gui.config_path, prompts))
    assert names(page) == people
    assert all("*" in row.document_number for row in page.model.rows())


def test_enter_corrects_a_person_and_delete_asks_why(qtbot, gui, prompts):
    from jinsha_desktop.domain.visit import VisitInput
    from jinsha_desktop.services import registration as registration_service
    from jinsha_desktop.services import visit_lists as lists
    from tests.gui.test_administration import when_dialog_opens
    from tests.unit.support import a_checkpoint, resident_id

    registration_service.register_visit(
        gui.services,
        VisitInput(
            document_number=resident_id(sequence=777),
            name="周超",
            checkpoint_id=a_checkpoint(gui.services),
        ),
    )
    page = PeoplePage(gui)
    qtbot.addWidget(page)
    page.show()
    page.search()
    page.form.table.setFocus()
    page.form.table.selectRow(0)

    def correct(dialog) -> None:
        dialog.form.name.clear()
        type_text(qtbot, dialog.form.name, "周超然")
        dialog.save()

    when_dialog_opens(correct)
    qtbot.keyClick(page.form.table, Qt.Key.Key_Return)
    assert [p.name for p in lists.people_page(gui.services)] == ["周超然"]
    page.form.table.selectRow(0)
    prompts.text_answers = ["建错了"]
    qtbot.keyClick(page.form.table, Qt.Key.Key_Delete)
    assert lists.people_page(gui.services) == []
