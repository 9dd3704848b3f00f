"""The list model: checked with qtmodeltester, sorted in Python, persistent selection kept."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPersistentModelIndex, Qt

from jinsha_desktop.gui.lists.columns import SORT_ROLE, Column, RowsTableModel


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
