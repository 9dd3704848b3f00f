"""Plain-text rules shared by forms, imports and merges (domain/text.py)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.text import clean_name, clean_optional_text, clean_username, to_halfwidth

# ---------------------------------------------------------------- full-width to half-width


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        pytest.param("１２３４５６", "123456", id="digits"),
        pytest.param("ＡＢＣａｂｃ", "ABCabc", id="letters"),
        pytest.param("，．：；！？（）", ",.:;!?()", id="punctuation"),
        pytest.param("ｗａｎｇ＿ｘｉａｏ－１", "wang_xiao-1", id="username-typed-with-ime"),
        pytest.param("\u3000", " ", id="ideographic-space"),
        pytest.param("～", "~", id="last-of-the-range"),
        pytest.param("张三，李四", "张三,李四", id="chinese-kept-comma-converted"),
        pytest.param("￥100", "￥100", id="yen-sign-outside-the-range-kept"),
        pytest.param("𠮷䶮", "𠮷䶮", id="rare-characters-kept"),
    ],
)
def test_fullwidth_ascii_becomes_halfwidth(typed: str, stored: str) -> None:
    assert to_halfwidth(typed) == stored


def _is_fullwidth_ascii(ch: str) -> bool:
    return 0xFF01 <= ord(ch) <= 0xFF5E or ch == "\u3000"


@settings(database=None)
@given(st.text())
def test_halfwidth_keeps_the_length_and_leaves_no_fullwidth_ascii(text: str) -> None:
    result = to_halfwidth(text)

    assert len(result) == len(text)
    assert not any(_is_fullwidth_ascii(ch) for ch in result)
    assert all(a == b for a, b in zip(text, result, strict=True) if not _is_fullwidth_ascii(a))


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("𠮷田", id="extension-b-U+20BB7"),
        pytest.param("王䶮", id="extension-a-U+4DAE"),
        pytest.param("䶮", id="extension-a-alone"),
        pytest.param("葛\U000e0100", id="ideographic-variation-sequence"),
        pytest.param("\uf900", id="compatibility-ideograph-not-normalised"),
        pytest.param("A\u030angström", id="decomposed-accent-not-composed"),
        pytest.param("ＡＢＣ小区", id="fullwidth-letters-kept-as-typed"),
        pytest.param("买买提·艾力", id="middle-dot"),
        pytest.param("金沙 花苑", id="inner-space"),
    ],
)
def test_name_is_stored_exactly_as_typed(name: str) -> None:
    cleaned = clean_name(name, "姓名", "name")

    assert cleaned == name
    assert [ord(c) for c in cleaned] == [ord(c) for c in name]


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("  张三  ", id="spaces"),
        pytest.param("\u3000张三\u3000", id="ideographic-spaces"),
        pytest.param("\t张三\n", id="tab-and-newline-around"),
    ],
)
def test_name_loses_only_the_blanks_around_it(typed: str) -> None:
    assert clean_name(typed, "姓名", "name") == "张三"


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param(None, id="none"),
        pytest.param("\u3000", id="ideographic-space"),
    ],
)
def test_missing_name_asks_to_fill_it_in(typed: str | None) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_name(typed, "姓名", "display_name")

    assert caught.value.message == "请填写姓名。"
    assert caught.value.field == "display_name"


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("张\x00三", id="nul"),
        pytest.param("张\n三", id="newline-inside"),
        pytest.param("张\t三", id="tab-inside"),
        pytest.param("张\x1b三", id="escape"),
        pytest.param("张\u200b三", id="zero-width-space"),
        pytest.param("张\u200d三", id="zero-width-joiner"),
        pytest.param("张\u202e三", id="right-to-left-override"),
        pytest.param("\ufeff张三", id="byte-order-mark"),
        pytest.param("张\u2028三", id="line-separator"),
        pytest.param("张\u2029三", id="paragraph-separator"),
        pytest.param("张\ud800三", id="lone-surrogate"),
    ],
)
def test_name_with_invisible_or_control_character_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_name(typed, "姓名", "name")

    assert "不可见或无法识别的字符" in caught.value.message
    assert caught.value.field == "name"


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        pytest.param("王" * 50, True, id="50-characters"),
        pytest.param("王" * 51, False, id="51-characters"),
        pytest.param("𠮷" * 50, True, id="50-extension-b-characters-count-as-50"),
        pytest.param("  " + "王" * 50 + "  ", True, id="50-characters-plus-blanks"),
    ],
)
def test_name_length_counts_characters_not_bytes(typed: str, accepted: bool) -> None:
    if accepted:
        assert len(clean_name(typed, "姓名", "name")) == 50
    else:
        with pytest.raises(ValidationError, match="不能超过 50 个字（现在 51 个）"):
            clean_name(typed, "姓名", "name")


def test_name_length_limit_is_per_field() -> None:
    assert clean_name("金" * 20, "楼栋号", "name", max_length=20) == "金" * 20
    with pytest.raises(ValidationError, match="楼栋号不能超过 20 个字"):
        clean_name("金" * 21, "楼栋号", "name", max_length=20)


_NAME_CHARACTERS = st.characters(categories=("Lo", "Lu", "Ll", "Nd", "Mn"))


@settings(database=None, max_examples=300)
@given(st.text(alphabet=_NAME_CHARACTERS, min_size=1, max_size=50))
def test_any_name_of_letters_and_digits_is_kept_character_for_character(name: str) -> None:
    assert clean_name(name, "姓名", "name") == name


@settings(database=None)
@given(
    st.text(alphabet=_NAME_CHARACTERS, min_size=1, max_size=10),
    st.characters(categories=("Cc", "Cf")),
    st.text(alphabet=_NAME_CHARACTERS, min_size=1, max_size=10),
)
def test_any_name_with_a_control_or_format_character_inside_is_refused(
    before: str, bad: str, after: str
) -> None:
    with pytest.raises(ValidationError):
        clean_name(before + bad + after, "姓名", "name")


# ---------------------------------------------------------------- optional text


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        pytest.param(None, "", id="none"),
        pytest.param("", "", id="empty"),
        pytest.param("  ", "", id="blank"),
        pytest.param("第一行\n第二行", "第一行\n第二行", id="line-break-kept"),
        pytest.param("楼道灯\t3 只", "楼道灯\t3 只", id="tab-kept"),
        pytest.param(" 𠮷家门口 ", "𠮷家门口", id="trimmed-rare-kept"),
        pytest.param("备" * 200, "备" * 200, id="200-characters"),
    ],
)
def test_optional_text_is_kept_with_line_breaks(typed: str | None, stored: str) -> None:
    assert clean_optional_text(typed, "备注", "note") == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        pytest.param("备" * 201, "不能超过 200 个字（现在 201 个）", id="201-characters"),
        pytest.param("响铃\x07", "不可见或无法识别的字符", id="bell"),
        pytest.param("a\x00b", "不可见或无法识别的字符", id="nul"),
        pytest.param("a\u200bb", "不可见或无法识别的字符", id="zero-width-space"),
    ],
)
def test_bad_optional_text_is_refused(typed: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_optional_text(typed, "备注", "note")

    assert reason in caught.value.message
    assert caught.value.field == "note"


# ---------------------------------------------------------------- user names


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        pytest.param("admin", "admin", id="ascii"),
        pytest.param("ａｄｍｉｎ", "admin", id="fullwidth"),
        pytest.param("  zhang.san  ", "zhang.san", id="trimmed"),
        pytest.param("wang_xiao-1", "wang_xiao-1", id="dot-dash-underscore"),
        pytest.param("王小明", "王小明", id="chinese"),
        pytest.param("u" * 32, "u" * 32, id="32-characters"),
    ],
)
def test_username_is_normalised_to_halfwidth(typed: str, stored: str) -> None:
    assert clean_username(typed) == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        pytest.param("", "请填写用户名", id="empty"),
        pytest.param(None, "请填写用户名", id="none"),
        pytest.param("u" * 33, "不能超过 32 个字符", id="33-characters"),
        pytest.param("zhang san", "只能包含", id="inner-space"),
        pytest.param("a@b", "只能包含", id="at-sign"),
        pytest.param("x'; DROP TABLE app_user;--", "只能包含", id="sql-like"),
        pytest.param("a\u200bb", "只能包含", id="zero-width-space"),
    ],
)
def test_bad_username_is_refused(typed: str | None, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_username(typed)

    assert reason in caught.value.message
    assert caught.value.field == "username"


def test_every_refusal_message_is_chinese() -> None:
    messages = []
    for call in (
        lambda: clean_name("", "姓名", "n"),
        lambda: clean_username("a b"),
        lambda: clean_optional_text("\x00", "备注", "n"),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        messages.append(caught.value.message)

    assert all(any(unicodedata.name(c, "").startswith("CJK") for c in m) for m in messages)


@pytest.mark.parametrize(
    ("value", "shown"),
    [("male", "男"), ("female", "女"), ("", ""), ("unknown-old-value", "unknown-old-value")],
    ids=["male", "female", "empty", "unknown kept"],
)
def test_a_stored_enum_value_is_shown_by_its_label(value, shown):
    from jinsha_desktop.domain.id_numbers import Gender
    from jinsha_desktop.domain.text import label_of

    assert label_of(Gender, value) == shown
