"""Ledgers as declarations: keyword options, declared filters, and a new ledger as one of them."""

from __future__ import annotations

from datetime import date

import pytest

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.reference import CompoundInput
from jinsha_desktop.reports.checkpoint_ledgers import CHECKPOINT
from jinsha_desktop.reports.ledgers import (
    LEDGERS,
    FilterKind,
    Ledger,
    LedgerFilter,
    LedgerRequest,
    Period,
    all_filters,
    generate_ledger,
    prepare_ledger,
)
from jinsha_desktop.services import reference
from jinsha_desktop.services.ledger_choices import unit_choices
from tests.reports.pdf_checks import one_line, page_tables, page_texts
from tests.reports.throwaway_ledger import a_compound, with_throwaway_ledger
from tests.unit.support import a_checkpoint

GENERIC_FLAGS = {"from", "to", "pages", "full", "output", "user", "db", "demo"}
DAY = date(2026, 11, 25)
WEEK_AGO = date(2026, 11, 19)


def test_a_filter_key_means_one_filter_and_no_generic_flag():
    seen: dict[str, LedgerFilter] = {}
    for ledger in LEDGERS.values():
        for item in ledger.filters:
            assert seen.setdefault(item.key, item) == item, item.key
            assert item.key not in GENERIC_FLAGS
    assert [f.key for f in all_filters()] == list(seen)


@pytest.mark.parametrize(
    ("period", "since", "expected"),
    [
        pytest.param(Period.RANGE, WEEK_AGO, "2026年11月19日 至 2026年11月25日", id="range"),
        pytest.param(Period.RANGE, DAY, "2026年11月25日", id="range-of-one-day"),
        pytest.param(Period.DAY, WEEK_AGO, "2026年11月25日", id="day"),
        pytest.param(Period.NONE, WEEK_AGO, "日期：____", id="none"),
    ],
)
def test_the_period_printed_follows_the_declared_kind(period, since, expected):
    ledger = Ledger("x", "台账", lambda *_: [], period=period, period_line="日期：____")
    assert ledger.period_text(LedgerRequest("x", since, DAY)) == expected


def test_the_options_of_the_checkpoint_ledgers_are_declared_not_chosen_by_name():
    registration, blank, daily = LEDGERS["registration"], LEDGERS["blank"], LEDGERS["daily"]
    assert registration.font_size == blank.font_size == LEDGERS["monitoring"].font_size == 8.0
    assert daily.font_size == 10.0 and not daily.landscape and daily.period is Period.DAY
    assert blank.blank_pages and blank.period is Period.NONE and not blank.personal_data
    assert [f.key for f in registration.filters] == ["checkpoint"]


def test_a_new_ledger_filtered_by_compound_is_one_declaration(admin, monkeypatch, tmp_path):
    with_throwaway_ledger(monkeypatch)
    garden = a_compound(admin, "金沙花园")
    a_compound(admin, "人民新村")
    request = LedgerRequest("throwaway", DAY, DAY, filters={"compound": garden})
    out = tmp_path / "throwaway.pdf"
    generate_ledger(admin, request, out)
    text = one_line(" ".join(page_texts(out)))
    assert "测试用小区台账" in text and "小区：金沙花园" in text
    [table] = page_tables(out)
    assert table[1:] == [["1", "金沙花园", "测试"]]
    everything = prepare_ledger(admin, LedgerRequest("throwaway", DAY, DAY))
    assert everything.filters == "小区：全部" and everything.tables[0].row_count == 2


def test_a_filter_reads_what_the_command_line_names(admin, monkeypatch):
    garden = a_compound(admin, "金沙花园")
    [compound] = with_throwaway_ledger(monkeypatch).filters
    assert compound.value_of(admin, "金沙花园") == garden
    with pytest.raises(ValidationError, match="没有名为“金沙新村”的小区"):
        compound.value_of(admin, "金沙新村")
    count = LedgerFilter("count", "份数", FilterKind.NUMBER, minimum=1, maximum=9)
    assert count.value_of(admin, "3") == 3
    with pytest.raises(ValidationError, match="份数应为 1 到 9 之间的整数"):
        count.value_of(admin, "10")
    since = LedgerFilter("since_day", "起始日", FilterKind.DATE)
    assert since.value_of(admin, "2026-11-25") == DAY
    assert since.describe(admin, DAY) == "起始日：2026年11月25日"
    with pytest.raises(ValidationError):
        since.value_of(admin, "2026-13-40")


def test_a_choice_deleted_meanwhile_is_named_so(admin, monkeypatch):
    [compound] = with_throwaway_ledger(monkeypatch).filters
    assert compound.describe(admin, "no such id") == "小区：（已删除）"


def test_a_choice_filter_must_say_where_its_choices_come_from():
    with pytest.raises(TypeError, match="choices="):
        LedgerFilter("compound", "小区")
    with pytest.raises(TypeError, match="choices="):
        LedgerFilter("copies", "份数", FilterKind.NUMBER, choices=lambda _context: [])


def test_units_and_checkpoints_are_choices_too(admin):
    unit = reference.list_units(admin)[0]
    checkpoint = a_checkpoint(admin, "金余村卡点")
    by_unit = LedgerFilter("unit", "社区/村", choices=unit_choices)
    assert by_unit.value_of(admin, unit.name) == unit.id
    assert CHECKPOINT.value_of(admin, "金余村卡点") == checkpoint
    assert CHECKPOINT.describe(admin, checkpoint) == "卡点：金余村卡点"


def test_a_name_two_compounds_share_is_refused_not_guessed(admin, monkeypatch):
    first, second = reference.list_units(admin)[:2]
    ids = [
        reference.save_compound(admin, unit.id, CompoundInput("幸福小区"))
        for unit in (first, second)
    ]
    [compound] = with_throwaway_ledger(monkeypatch).filters
    both = f"幸福小区（{first.name}）、幸福小区（{second.name}）"
    with pytest.raises(ValidationError, match=f"请写成：{both}"):
        compound.value_of(admin, "幸福小区")
    assert compound.value_of(admin, f"幸福小区（{second.name}）") == ids[1]
