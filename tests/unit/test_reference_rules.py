"""Validation of reference-data input: every bad field is reported at once (domain/reference.py)."""

from __future__ import annotations

from typing import Any

import pytest

from jinsha_desktop.domain.errors import FormErrors, ValidationError
from jinsha_desktop.domain.reference import (
    DEFAULT_UNITS,
    BuildingInput,
    CheckpointInput,
    CompoundInput,
    UnitInput,
    UnitKind,
)


def _fields(error: FormErrors) -> list[str | None]:
    return [e.field for e in error.errors]


def test_good_unit_input_is_trimmed_and_its_kind_parsed() -> None:
    cleaned = UnitInput("  金沙村 ", "village", " 新并入 ").cleaned()  # type: ignore[arg-type]

    assert cleaned == UnitInput("金沙村", UnitKind.VILLAGE, "新并入")
    assert cleaned.kind is UnitKind.VILLAGE


def test_unit_with_name_and_note_wrong_reports_both_fields() -> None:
    with pytest.raises(FormErrors) as caught:
        UnitInput("", UnitKind.VILLAGE, "\x00").cleaned()

    assert _fields(caught.value) == ["name", "note"]
    assert caught.value.field == "name", "the form focuses the first bad field"
    assert caught.value.message.startswith("请填写社区/村名称。；")


def test_compound_with_every_field_wrong_reports_every_field() -> None:
    with pytest.raises(FormErrors) as caught:
        CompoundInput("", "路" * 101, "备\x07注").cleaned()

    assert _fields(caught.value) == ["name", "address", "note"]
    messages = [e.message for e in caught.value.errors]
    assert messages[0] == "请填写小区名称。"
    assert messages[1] == "地址不能超过 100 个字（现在 101 个）。"


def test_checkpoint_with_every_field_wrong_reports_every_field() -> None:
    with pytest.raises(FormErrors) as caught:
        CheckpointInput("卡\u200b点", "x" * 101, "y" * 201).cleaned()

    assert _fields(caught.value) == ["name", "location", "note"]


def test_building_with_every_field_wrong_reports_every_field() -> None:
    with pytest.raises(FormErrors) as caught:
        BuildingInput("", 0, 101).cleaned()

    assert _fields(caught.value) == ["name", "unit_count", "floor_count"]
    assert all(isinstance(e, ValidationError) for e in caught.value.errors)


def test_one_bad_field_among_good_ones_reports_only_that_field() -> None:
    with pytest.raises(FormErrors) as caught:
        CompoundInput("金沙花苑", "人民路 1 号", "\x00").cleaned()

    assert _fields(caught.value) == ["note"]


@pytest.mark.parametrize(
    ("make", "limit"),
    [
        pytest.param(lambda n: UnitInput(n, UnitKind.VILLAGE), 30, id="unit-30"),
        pytest.param(lambda n: CompoundInput(n), 40, id="compound-40"),
        pytest.param(lambda n: BuildingInput(n), 20, id="building-20"),
        pytest.param(lambda n: CheckpointInput(n), 40, id="checkpoint-40"),
    ],
)
def test_names_are_accepted_up_to_their_limit_and_refused_beyond(make: Any, limit: int) -> None:
    assert make("𠮷" * limit).cleaned().name == "𠮷" * limit
    with pytest.raises(FormErrors) as caught:
        make("𠮷" * (limit + 1)).cleaned()
    assert _fields(caught.value) == ["name"]
    assert f"不能超过 {limit} 个字" in caught.value.message


@pytest.mark.parametrize(
    ("count", "accepted"),
    [
        pytest.param(None, True, id="not-given"),
        pytest.param(1, True, id="one"),
        pytest.param(50, True, id="fifty"),
        pytest.param(0, False, id="zero"),
        pytest.param(-1, False, id="negative"),
        pytest.param(51, False, id="fifty-one"),
        pytest.param(True, False, id="boolean"),
        pytest.param(2.5, False, id="fraction"),
        pytest.param("3", False, id="text"),
    ],
)
def test_building_unit_count_must_be_a_whole_number_from_1_to_50(
    count: Any, accepted: bool
) -> None:
    data = BuildingInput("1幢", unit_count=count)
    if accepted:
        assert data.cleaned().unit_count == count
    else:
        with pytest.raises(FormErrors) as caught:
            data.cleaned()
        assert _fields(caught.value) == ["unit_count"]
        assert caught.value.message == "单元数应为 1 到 50 之间的整数。"


@pytest.mark.parametrize(
    ("floors", "accepted"),
    [pytest.param(100, True, id="hundred"), pytest.param(101, False, id="hundred-and-one")],
)
def test_building_floor_count_must_be_at_most_100(floors: int, accepted: bool) -> None:
    data = BuildingInput("1幢", floor_count=floors)
    if accepted:
        assert data.cleaned().floor_count == floors
    else:
        with pytest.raises(FormErrors, match="楼层数应为 1 到 100 之间的整数"):
            data.cleaned()


def test_rare_characters_in_reference_names_survive_cleaning() -> None:
    assert CompoundInput("𠮷祥䶮苑").cleaned().name == "𠮷祥䶮苑"
    assert CheckpointInput("䶮村卡点", "𠮷家路口").cleaned().location == "𠮷家路口"


def test_default_units_are_the_five_of_jinsha_in_official_order() -> None:
    assert [(name, kind) for name, kind in DEFAULT_UNITS] == [
        ("北山社区", UnitKind.COMMUNITY),
        ("金余村", UnitKind.VILLAGE),
        ("新三园村", UnitKind.VILLAGE),
        ("城东村", UnitKind.VILLAGE),
        ("金北村", UnitKind.VILLAGE),
    ]


@pytest.mark.parametrize(
    ("kind", "label"),
    [(UnitKind.COMMUNITY, "社区"), (UnitKind.VILLAGE, "村")],
    ids=["community", "village"],
)
def test_unit_kind_has_a_chinese_label(kind: UnitKind, label: str) -> None:
    assert kind.label == label
