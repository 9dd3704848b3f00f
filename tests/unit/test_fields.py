"""The record-kind declaration: which fields show where, and how a value reads."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from jinsha_desktop.domain.fields import CellKind, Field, LedgerCell, RecordKind, text_of


@dataclass
class _Row:
    name: str
    temperature: Decimal | None
    note: str


KIND = RecordKind(
    "sample",
    "样例",
    (
        Field("name", "姓名", ledger=LedgerCell(3, 6)),
        Field(
            "temperature", "体温", CellKind.DECIMAL, setting="temperature", ledger=LedgerCell(2, 3)
        ),
        Field("note", "备注", places=frozenset({"sheet"}), label=lambda text: text.strip()),
    ),
)


def test_a_switched_off_setting_hides_the_field_everywhere() -> None:
    off = KIND.shown("list", lambda setting: setting != "temperature")
    assert [f.key for f in off] == ["name"]
    assert [f.key for f in KIND.shown("ledger", lambda _s: True)] == ["name", "temperature"]
    assert [f.key for f in KIND.shown("sheet", lambda _s: True)] == ["name", "temperature", "note"]


def test_values_read_through_the_label_and_the_kind() -> None:
    row = _Row("张三", Decimal("36.55"), "  补录 ")
    assert KIND.field("note").value(row) == "补录"
    assert KIND.field("temperature").text(row) == "36.6"
    assert (
        text_of(True) == "是" and text_of(None) == "" and text_of(date(2026, 1, 2)) == "2026-01-02"
    )
    assert text_of(datetime(2026, 1, 2, 3, 4, tzinfo=UTC)).startswith("2026-01-0")
    with pytest.raises(KeyError):
        KIND.field("phone")


def test_a_bool_reads_in_its_own_words_as_text_and_stays_a_bool_in_the_sheet() -> None:
    field = Field("starred", "行程卡", CellKind.BOOL, words=("带星", "无星"))

    @dataclass
    class Row:
        starred: bool | None

    assert field.text(Row(True)) == "带星" and field.text(Row(False)) == "无星"
    assert field.text(Row(None)) == "" and field.value(Row(True)) is True
    assert Field("starred", "异常", CellKind.BOOL).text(Row(True)) == "是"


def test_free_text_is_the_fields_declaring_a_length_in_declaration_order() -> None:
    kind = RecordKind(
        "sample",
        "样例",
        (
            Field("name", "姓名"),
            Field("note", "备注", max_length=500),
            Field("door", "门牌", max_length=20),
        ),
    )
    assert [(f.key, f.max_length) for f in kind.free_text()] == [("note", 500), ("door", 20)]
    assert KIND.free_text() == ()


def _shouted(row: _Row) -> str:
    return row.name + "！"


def test_the_ledger_printer_is_resolved_once_and_is_what_ledger_text_and_the_ledger_use() -> None:
    from jinsha_desktop.reports.ledger_declaration import ledger_columns

    own = Field("name", "姓名", ledger=LedgerCell(3, 6, text=_shouted))
    plain = Field("temperature", "体温", CellKind.DECIMAL, ledger=LedgerCell(2, 3))
    assert own.ledger_printer() is _shouted  # the cell's own text: no wrapper per cell
    row = _Row("张三", Decimal("36.5"), "")
    assert [own.ledger_text(row), plain.ledger_text(row)] == ["张三！", "36.5"]
    _columns, texts = ledger_columns([own, plain])
    assert texts(row) == ["张三！", "36.5"]


def test_a_photo_cell_reads_as_its_count_and_is_its_count_in_the_sheet() -> None:
    from pathlib import Path

    from jinsha_desktop.domain.fields import NO_PHOTOS, PhotoCell
    from jinsha_desktop.reports.exports import sheet_of

    @dataclass
    class Row:
        name: str
        photos: PhotoCell

    kind = RecordKind(
        "sample", "样例", (Field("name", "名称"), Field("photos", "照片", CellKind.PHOTO))
    )
    row = Row("甲", PhotoCell(2, Path("t.jpg"), False, "a.jpg", "cleanup"))
    assert kind.field("photos").text(row) == "2 张"
    assert kind.field("photos").text(Row("乙", NO_PHOTOS)) == ""
    assert kind.shown("ledger", lambda _s: True) == []  # never in the ledger unless declared
    columns, values = sheet_of(kind)
    assert [c.kind for c in columns] == [CellKind.TEXT, CellKind.INTEGER]
    assert values(row) == ["甲", 2] and values(Row("乙", NO_PHOTOS)) == ["乙", 0]
