"""Names in pinyin order (domain/pinyin.py)."""

from __future__ import annotations

import pytest

from jinsha_desktop.domain.pinyin import MAX_KEY_LENGTH, name_sort_key


def by_sound(*names: str) -> list[str]:
    return sorted(names, key=name_sort_key)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        pytest.param(("何伟", "冯伟"), ["冯伟", "何伟"], id="feng-before-he-not-by-code"),
        pytest.param(("李明", "林涛", "李娜"), ["李明", "李娜", "林涛"], id="li-before-lin"),
        pytest.param(("卢军", "吕艳", "陆平"), ["卢军", "陆平", "吕艳"], id="lu-tones-then-lv"),
        pytest.param(("妈妈", "马丽", "麻强"), ["妈妈", "麻强", "马丽"], id="tone-order"),
        pytest.param(("王伟", "王", "王伟伟"), ["王", "王伟", "王伟伟"], id="shorter-first"),
        pytest.param(("张三", "章三"), ["张三", "章三"], id="same-sound-grouped-by-character"),
    ],
)
def test_names_sort_by_sound(names: tuple[str, ...], expected: list[str]) -> None:
    assert by_sound(*names) == expected


@pytest.mark.parametrize(
    ("surname", "reading"),
    [
        ("曾", "zeng1"),
        ("单", "shan4"),
        ("解", "xie4"),
        ("仇", "qiu2"),
        ("区", "ou1"),
        ("朴", "piao2"),
    ],
)
def test_a_surname_is_read_as_a_surname(surname: str, reading: str) -> None:
    assert name_sort_key(surname + "明").startswith(reading + " ")
    assert not name_sort_key("明" + surname).endswith(reading + " \x01明" + surname)


def test_characters_without_a_reading_sort_after_every_syllable() -> None:
    assert by_sound("𠮷祥", "左明", "Anna") == ["Anna", "左明", "𠮷祥"]


def test_one_name_has_one_key_and_different_names_differ() -> None:
    assert name_sort_key("何伟") == name_sort_key("何伟")
    assert name_sort_key("何伟") != name_sort_key("何玮")


def test_a_long_name_gives_a_key_that_fits_its_column() -> None:
    assert len(name_sort_key("𠮷" * 50)) <= MAX_KEY_LENGTH
    assert len(name_sort_key("阿" * 50)) <= MAX_KEY_LENGTH
