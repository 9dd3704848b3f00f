"""The item walk of an inspection (gui/dialogs/inspection_items.py) without a database: the table
model passes the model tester, keys type the answers, the score follows each key, and a key
that is not allowed is refused with the checklist's message and changes nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from jinsha_desktop.domain.inspections import VetoMode
from jinsha_desktop.gui.dialogs.inspection_items import ItemWalk, WalkModel, walk_items


@dataclass
class Row:
    """The fields of services/inspections.AnswerRow the walk reads."""

    section_position: int
    section_title: str
    code: str
    text: str
    points: Decimal
    cap: Decimal
    na_allowed: bool = False
    photo_required: bool = False
    veto: bool = False
    occurrences: int = 0
    not_applicable: bool = False
    note: str = ""
    photos: int = 0
    finding_id: uuid.UUID | None = None
    section_cap: Decimal | None = None
    id: uuid.UUID = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.id = self.id or uuid.uuid4()


def rows() -> list[Row]:
    d = Decimal
    return [
        Row(0, "道路环境", "1.1", "路边垃圾未清理", d(2), d(6), section_cap=d(8)),
        Row(0, "道路环境", "1.2", "路边绿化带毁绿种菜", d(3), d(6), na_allowed=True,
            section_cap=d(8)),
        Row(1, "河塘沟渠", "2.1", "河塘水面漂浮物", d(5), d(10), photo_required=True),
        Row(1, "河塘沟渠", "2.2", "向河道倾倒垃圾", d(10), d(10), veto=True),
    ]  # fmt: skip


@pytest.fixture
def walked(qtbot):
    table = QTableView()
    qtbot.addWidget(table)
    model = WalkModel(table)
    sections, items = walk_items(rows())
    model.load(sections, items, VetoMode.SET, Decimal(0))
    model.editable = True
    table.setModel(model)
    seen: dict[str, list] = {"refused": [], "end": [], "note": [], "photo": [], "finding": []}
    walk = ItemWalk(
        table, model,
        at_end=lambda: seen["end"].append(True),
        note=seen["note"].append, photo=seen["photo"].append, finding=seen["finding"].append,
    )  # fmt: skip
    walk.refused.connect(seen["refused"].append)
    table.show()
    qtbot.waitExposed(table)
    walk.go_to(0)
    return table, model, walk, seen


def test_the_walk_model_passes_the_model_tester(qtmodeltester):
    model = WalkModel()
    sections, items = walk_items(rows())
    model.load(sections, items)
    qtmodeltester.check(model, force_py=True)


def test_sections_are_rows_of_their_own_that_the_walk_passes_over(walked, qtbot):
    table, model, walk, _seen = walked
    assert [model.item_at(r) is None for r in range(model.rowCount())] == [
        True, False, False, True, False, False,
    ]  # fmt: skip
    assert walk.current() == 0
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # over the section title of 河塘沟渠
    assert walk.current() == 2
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert walk.current() == 1


def test_digits_type_the_times_and_the_score_follows_every_key(walked, qtbot):
    table, model, walk, seen = walked
    score = model.score()
    assert (score.score, score.maximum, score.vetoed) == (Decimal("28.00"), Decimal("28.00"), False)
    qtbot.keyClicks(table, "2")  # 2 × 2 = 4
    assert model.items[0].occurrences == 2
    assert model.score().score == Decimal("24.00")
    qtbot.keyClicks(table, "5")  # 25 times: the item's cap of 6
    assert model.items[0].occurrences == 25
    assert model.score().item_deductions[0] == Decimal("6.00")
    qtbot.keyClick(table, Qt.Key.Key_Backspace)
    assert model.items[0].occurrences == 2
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.keyClicks(table, "2")  # 6 more: the section loses at most 8
    assert model.score().section_losses[0] == Decimal("8.00")
    assert model.score().score == Decimal("20.00")
    assert seen["refused"] == []


def test_n_takes_an_item_out_of_the_maximum_where_allowed_and_is_refused_elsewhere(walked, qtbot):
    table, model, walk, seen = walked
    qtbot.keyClick(table, Qt.Key.Key_N)  # 1.1 does not allow N/A
    assert seen["refused"] == ["“路边垃圾未清理”不允许选“不适用”。"]
    assert not model.items[0].not_applicable
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_N)
    assert model.items[1].not_applicable
    assert model.score().maximum == Decimal("26.00")  # the section's maximum: 6, not 8
    qtbot.keyClick(table, Qt.Key.Key_N)
    assert not model.items[1].not_applicable


def test_a_veto_item_found_once_fails_the_inspection(walked, qtbot):
    table, model, walk, _seen = walked
    walk.go_to(3)
    qtbot.keyClicks(table, "1")
    score = model.score()
    assert score.vetoed and score.score == Decimal("0.00")


def test_more_than_999_times_is_refused_and_the_count_stays(walked, qtbot):
    table, model, walk, seen = walked
    qtbot.keyClicks(table, "9999")
    assert model.items[0].occurrences == 999
    assert seen["refused"] == ["发生次数不能超过 999。"]


def test_f2_ctrl_p_f6_and_enter_after_the_last_item_are_handed_on(walked, qtbot):
    table, model, walk, seen = walked
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.keyClick(table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    walk.go_to(3)
    qtbot.keyClick(table, Qt.Key.Key_F6)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert (seen["note"], seen["photo"], seen["finding"], seen["end"]) == ([0], [0], [3], [True])


def test_a_read_only_walk_moves_but_changes_nothing(walked, qtbot):
    table, model, walk, seen = walked
    model.editable = False
    qtbot.keyClicks(table, "3n")
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert [i.occurrences for i in model.items] == [0, 0, 0, 0]
    assert walk.current() == 1


def test_typed_answers_survive_as_a_draft(walked, qtbot):
    table, model, walk, _seen = walked
    qtbot.keyClicks(table, "3")
    model.set_note(0, "东侧路口")
    typed = model.typed()
    sections, items = walk_items(rows())
    for item, old in zip(items, model.items, strict=True):
        item.answer_id = old.answer_id
    other = WalkModel()
    other.load(sections, items)
    other.retype(typed)
    assert (other.items[0].occurrences, other.items[0].note) == (3, "东侧路口")
