"""Masking of ID and phone numbers in lists, ledgers and logs (domain/masking.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinsha_desktop.domain.masking import mask_id_number, mask_personal_data_in_text, mask_phone


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        pytest.param("320612199001011234", "320612********1234", id="resident-id"),
        pytest.param("32061219900101123X", "320612********123X", id="resident-id-check-x"),
        pytest.param("32061219900101123x", "320612********123x", id="resident-id-lower-x"),
        pytest.param("320612900101123", "320612*****1123", id="legacy-15-digit"),
        pytest.param("", "", id="empty"),
        pytest.param("12", "**", id="two-characters"),
        pytest.param("1234", "****", id="four-characters"),
        pytest.param("E1234", "E***4", id="five-characters"),
        pytest.param("E12345678", "E*******8", id="nine-character-passport"),
    ],
)
def test_id_number_is_masked_keeping_only_its_ends(value: str, masked: str) -> None:
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        pytest.param("13812345678", "138****5678", id="mobile"),
        pytest.param(" 13812345678 ", "138****5678", id="mobile-with-spaces-around"),
        pytest.param("051386123456", "051*****3456", id="landline-with-area-code"),
        pytest.param("", "", id="empty"),
        pytest.param("110", "***", id="emergency-number"),
        pytest.param("12345", "1***5", id="five-digits"),
    ],
)
def test_phone_number_is_masked_keeping_only_its_ends(value: str, masked: str) -> None:
    assert mask_phone(value) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        pytest.param(
            "张三 身份证 320612199001011234 已登记",
            "张三 身份证 320612********1234 已登记",
            id="id-between-spaces",
        ),
        pytest.param(
            "证件号32061219900101123X，电话13812345678。",
            "证件号320612********123X，电话138****5678。",
            id="id-and-mobile-inside-chinese",
        ),
        pytest.param("旧证 320612900101123", "旧证 320612*****1123", id="legacy-15-digit-id"),
        pytest.param(
            "mobile=13912345678&x=1", "mobile=139****5678&x=1", id="mobile-in-query-string"
        ),
        pytest.param(
            "电话 +86 13812345678", "电话 +86 138****5678", id="mobile-after-country-code-and-space"
        ),
        pytest.param(
            "a 13812345678, b 15900001111", "a 138****5678, b 159****1111", id="two-mobiles"
        ),
        pytest.param(
            "2026-11-25 09:30:00 保存成功", "2026-11-25 09:30:00 保存成功", id="timestamp-untouched"
        ),
        pytest.param(
            "耗时 12345 ms，共 1381234567 字节",
            "耗时 12345 ms，共 1381234567 字节",
            id="short-numbers-untouched",
        ),
        pytest.param(
            "记录 7f3c2a10-1b2c-4d5e-8f90-a1b2c3d4e5f6",
            "记录 7f3c2a10-1b2c-4d5e-8f90-a1b2c3d4e5f6",
            id="uuid-untouched",
        ),
        pytest.param("", "", id="empty"),
    ],
)
def test_personal_numbers_inside_log_text_are_masked(text: str, masked: str) -> None:
    assert mask_personal_data_in_text(text) == masked


# Surrounding text without digits or ASCII letters: what a log line around a number looks like.
_SURROUNDING = st.text(alphabet="张王李登记卡点电话身份证号，。：（） -", max_size=12)


def _resident_id() -> st.SearchStrategy[str]:
    return st.builds(
        lambda region, birth, sequence, check: f"{region}{birth}{sequence:03d}{check}",
        st.sampled_from(["320612", "320683", "110101", "440305"]),
        st.dates().map(lambda d: f"{d.year:04d}{d.month:02d}{d.day:02d}"),
        st.integers(min_value=0, max_value=999),
        st.sampled_from("0123456789X"),
    )


@settings(database=None, max_examples=200)
@given(before=_SURROUNDING, id_number=_resident_id(), after=_SURROUNDING)
def test_any_resident_id_in_log_text_is_masked_like_in_lists(
    before: str, id_number: str, after: str
) -> None:
    masked = mask_personal_data_in_text(before + id_number + after)

    assert masked == before + mask_id_number(id_number) + after
    assert id_number not in masked


@settings(database=None, max_examples=200)
@given(
    before=_SURROUNDING,
    mobile=st.from_regex(r"\A1[3-9][0-9]{9}\Z"),
    after=_SURROUNDING,
)
def test_any_mobile_number_in_log_text_is_masked_like_in_lists(
    before: str, mobile: str, after: str
) -> None:
    masked = mask_personal_data_in_text(before + mobile + after)

    assert masked == before + mask_phone(mobile) + after
    assert mobile not in masked


@settings(database=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Nd",))))
def test_text_without_digits_is_left_exactly_as_it_was(text: str) -> None:
    assert mask_personal_data_in_text(text) == text


@settings(database=None)
@given(st.text(alphabet="0123456789X", min_size=15, max_size=18))
def test_masked_id_keeps_its_length(value: str) -> None:
    masked = mask_id_number(value)

    assert len(masked) == len(value)
    assert masked[:6] == value[:6] and masked[-4:] == value[-4:]
    assert set(masked[6:-4]) == {"*"}
