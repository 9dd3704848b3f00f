"""A compound name two communities share (the demo has two 人民新村) can still be chosen: the
ledger screen's combo box and `--compound` on the command line name it with its community."""

from __future__ import annotations

import pytest

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.reports.ledgers import all_filters
from jinsha_desktop.services import reference
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.ledger_choices import compound_choices
from tests.unit.support import a_compound


def compound_filter():
    [found] = [f for f in all_filters() if f.key == "compound"]
    return found


def test_a_shared_compound_name_is_told_apart_by_its_community(admin: AppContext):
    first, _ = a_compound(admin, "人民新村", buildings=1, unit_index=0)
    second, _ = a_compound(admin, "人民新村", buildings=1, unit_index=1)
    alone, _ = a_compound(admin, "金沙花苑", buildings=1, unit_index=0)
    units = [u.name for u in reference.list_units(admin)[:2]]

    names = {c.value: c.name for c in compound_choices(admin)}

    assert names == {
        first: f"人民新村（{units[0]}）",
        second: f"人民新村（{units[1]}）",
        alone: "金沙花苑",
    }
    flt = compound_filter()
    assert flt.value_of(admin, f"人民新村（{units[1]}）") == second
    assert flt.value_of(admin, "金沙花苑") == alone


def test_the_bare_shared_name_is_refused_saying_how_to_write_each(admin: AppContext):
    a_compound(admin, "人民新村", buildings=1, unit_index=0)
    a_compound(admin, "人民新村", buildings=1, unit_index=1)
    units = [u.name for u in reference.list_units(admin)[:2]]

    with pytest.raises(ValidationError) as refused:
        compound_filter().value_of(admin, "人民新村")

    assert refused.value.message == (
        f"没有恰好名为“人民新村”的小区，请写成：人民新村（{units[0]}）、人民新村（{units[1]}）。"
    )
    with pytest.raises(ValidationError, match="没有名为“东园小区”的小区"):
        compound_filter().value_of(admin, "东园小区")


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        ("by", "unit", "unit"),
        ("by", "社区/村", "unit"),
        ("by", "building", "building"),
        ("status", "reported", "reported"),
        ("status", "已报修", "reported"),
    ],
)
def test_a_choice_is_found_by_its_name_or_by_its_code(admin: AppContext, key, typed, value):
    """`ledger repair-totals --by unit` as `repairs totals --by unit` takes it."""
    [flt] = [f for f in all_filters() if f.key == key]
    assert flt.value_of(admin, typed) == value
