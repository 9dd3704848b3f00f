"""The list model: checked with qtmodeltester, sorted in Python, persistent selection kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from jinsha_desktop.gui.lists.columns import SORT_ROLE, Column, RowsTableModel, show_text


@dataclass
class Row:
    name: str
    count: int | None


COLUMNS = [Column("name", "名称"), Column("count", "数量", align_right=True)]


def test_rows_model_passes_the_model_tester(qtmodeltester):
    model = RowsTableModel(COLUMNS)
    model.set_rows([Row("金余村", 3), Row("北山社区", None), Row("𠮷家村", 12)])
    qtmodeltester.check(model, force_py=True)


def test_sorted_model_passes_the_model_tester(qtmodeltester):
    model = RowsTableModel(COLUMNS)
    model.set_rows([Row("金余村", 3), Row("北山社区", None), Row("𠮷家村", 12)])
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_empty_model_passes_the_model_tester(qtmodeltester):
    qtmodeltester.check(RowsTableModel(COLUMNS), force_py=True)


def test_sorting_keeps_a_persistent_selection_on_its_row():
    model = RowsTableModel(COLUMNS)
    model.set_rows([Row("a", 3), Row("b", 1), Row("c", 2)])
    selected = QPersistentModelIndex(model.index(0, 0))
    model.sort(1)
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["b", "c", "a"]
    assert selected.row() == 2 and selected.data() == "a"
    assert model.data(model.index(0, 1), SORT_ROLE) == 1


def test_empty_values_sort_last_and_rare_characters_show_intact():
    model = RowsTableModel(COLUMNS)
    model.set_rows([Row("𠮷", None), Row("甲", 5)])
    model.sort(1)
    assert model.data(model.index(0, 0)) == "甲"
    assert model.data(model.index(1, 0)) == "𠮷"
    assert model.data(model.index(1, 1)) == ""


AT = datetime(2026, 11, 25, 6, 7, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        pytest.param(None, "", id="nothing"),
        pytest.param(True, "是", id="yes"),
        pytest.param(False, "否", id="no"),
        pytest.param(AT, AT.astimezone().strftime("%Y-%m-%d %H:%M:%S"), id="time-to-the-second"),
        pytest.param(date(2026, 11, 25), "2026-11-25", id="day"),
        pytest.param(Decimal("36.55"), "36.55", id="decimal-as-it-is"),
        pytest.param(3, "3", id="number"),
    ],
)
def test_a_small_list_shows_a_value_as_the_declarations_do_but_times_to_the_second(
    value: object, text: str
) -> None:
    assert show_text(value) == text
