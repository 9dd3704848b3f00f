"""Phone numbers, vehicle plates and temperatures as typed at a checkpoint (domain/contact.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinsha_desktop.domain.contact import (
    FEVER_THRESHOLD,
    clean_phone,
    clean_plate,
    clean_temperature,
)
from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.text import to_halfwidth


def _fullwidth(ch: str) -> str:
    return chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch


# ---------------------------------------------------------------- phone numbers


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        pytest.param("13812345678", "13812345678", id="mobile"),
        pytest.param("19912345678", "19912345678", id="mobile-19x"),
        pytest.param("138 1234 5678", "13812345678", id="mobile-spaced"),
        pytest.param("138-1234-5678", "13812345678", id="mobile-hyphens"),
        pytest.param("１３８１２３４５６７８", "13812345678", id="mobile-fullwidth"),
        pytest.param("+86 138 1234 5678", "13812345678", id="plus-86"),
        pytest.param("+86-13812345678", "13812345678", id="plus-86-hyphen"),
        pytest.param("8613812345678", "13812345678", id="86-without-plus"),
        pytest.param("008613812345678", "13812345678", id="0086"),
        pytest.param("（+86）13812345678", "13812345678", id="fullwidth-brackets"),
        pytest.param(" 13812345678\n", "13812345678", id="surrounding-space"),
        pytest.param("0513-86123456", "0513-86123456", id="nantong-landline"),
        pytest.param("051386123456", "0513-86123456", id="landline-without-hyphen"),
        pytest.param("0513 8612 3456", "0513-86123456", id="landline-spaced"),
        pytest.param("(0513)86123456", "0513-86123456", id="area-code-in-brackets"),
        pytest.param("（０５１３）８６１２３４５６", "0513-86123456", id="landline-fullwidth"),
        pytest.param("010-62345678", "010-62345678", id="beijing-3-digit-area-code"),
        pytest.param("02583123456", "025-83123456", id="nanjing-without-hyphen"),
        pytest.param("0513-8612345", "0513-8612345", id="7-digit-local"),
        pytest.param("0513-86123456-801", "0513-86123456转801", id="extension-hyphen"),
        pytest.param("0513-86123456转801", "0513-86123456转801", id="extension-转"),
        pytest.param("0513-86123456 ext. 801", "0513-86123456转801", id="extension-ext"),
        pytest.param("0513-86123456#8", "0513-86123456转8", id="extension-hash"),
        pytest.param("86123456", "86123456", id="local-nantong-8-digits"),
        pytest.param("8612 3456", "86123456", id="local-spaced"),
        pytest.param("", "", id="empty-is-allowed"),
        pytest.param("   ", "", id="spaces-only"),
    ],
)
def test_phone_is_normalised(typed: str, stored: str) -> None:
    assert clean_phone(typed) == stored


def test_no_phone_given_is_allowed() -> None:
    assert clean_phone(None) == ""


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param("1381234567", "手机号码应为 11 位，现在是 10 位。", id="mobile-10-digits"),
        pytest.param("138123456789", "手机号码应为 11 位，现在是 12 位。", id="mobile-12"),
        pytest.param("12812345678", "手机号码应以 13 到 19 开头", id="mobile-12x"),
        pytest.param("10012345678", "手机号码应以 13 到 19 开头", id="mobile-10x"),
        pytest.param("+86 12812345678", "手机号码应以 13 到 19 开头", id="plus-86-12x"),
        pytest.param("0513-123", "固定电话应为区号加 7 到 8 位号码", id="landline-too-short"),
        pytest.param("0513-061234567", "固定电话", id="local-starting-with-0"),
        pytest.param("0513", "固定电话", id="area-code-only"),
        pytest.param("1234567", "手机号码应为 11 位", id="seven-digits-starting-1"),
        pytest.param("6123456", "请填写 11 位手机号码，或带区号的固定电话", id="7-digit-local"),
        pytest.param("06123456", "固定电话", id="8-digits-starting-0"),
        pytest.param("138abc45678", "电话号码只能包含数字", id="letters"),
        pytest.param("一三八", "电话号码只能包含数字", id="chinese-numerals"),
        pytest.param("138-1234-5678/139", "电话号码只能包含数字", id="two-numbers"),
    ],
)
def test_bad_phone_is_rejected(typed: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_phone(typed, "companion_phone")

    assert message in caught.value.message
    assert caught.value.field == "companion_phone"


def test_phone_error_names_the_default_field() -> None:
    with pytest.raises(ValidationError) as caught:
        clean_phone("123")

    assert caught.value.field == "phone"


_mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@st.composite
def typed_mobiles(draw: st.DrawFn) -> tuple[str, str]:
    """A mobile number and the way someone might type it."""
    number = draw(_mobiles)
    prefix = draw(st.sampled_from(["", "+86", "86", "0086", "+86 ", "+86-"]))
    typed = prefix
    for index, digit in enumerate(number):
        if index in (3, 7):
            typed += draw(st.sampled_from(["", " ", "-", "\u3000"]))
        typed += _fullwidth(digit) if draw(st.booleans()) else digit
    return number, typed


@settings(database=None)
@given(typed_mobiles())
def test_any_typing_of_a_mobile_gives_its_11_digits(mobile: tuple[str, str]) -> None:
    number, typed = mobile

    assert clean_phone(typed) == number


@settings(database=None)
@given(
    st.sampled_from(["010", "021", "025", "0513", "0512", "0999"]),
    st.from_regex(r"[2-9][0-9]{6,7}", fullmatch=True),
    st.sampled_from(["", "-", " ", "－"]),
    st.sampled_from(["", "转801", "-12", "#3"]),
)
def test_landlines_are_normalised_and_normalising_again_changes_nothing(
    area: str, local: str, separator: str, extension: str
) -> None:
    stored = clean_phone(area + separator + local + extension)

    assert stored.startswith(f"{area}-{local}")
    assert clean_phone(stored) == stored


@settings(database=None)
@given(_mobiles)
def test_normalising_a_stored_mobile_changes_nothing(number: str) -> None:
    assert clean_phone(clean_phone(number)) == number


# ---------------------------------------------------------------- vehicle plates


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        pytest.param("苏F12345", "苏F12345", id="nantong-ordinary"),
        pytest.param("苏F·12345", "苏F12345", id="middle-dot"),
        pytest.param("苏F•12345", "苏F12345", id="bullet-dot"),
        pytest.param("苏F.12345", "苏F12345", id="full-stop-as-dot"),
        pytest.param("苏f 12345", "苏F12345", id="lower-case-and-space"),
        pytest.param("苏Ｆ１２３４５", "苏F12345", id="fullwidth"),
        pytest.param("苏F-A1B2C", "苏FA1B2C", id="letters-in-serial-and-hyphen"),
        pytest.param("京A12345", "京A12345", id="beijing"),
        pytest.param("苏FD12345", "苏FD12345", id="new-energy-small-electric"),
        pytest.param("苏FF12345", "苏FF12345", id="new-energy-small-hybrid"),
        pytest.param("苏FDA1234", "苏FDA1234", id="new-energy-letter-second"),
        pytest.param("苏FA12345", "苏FA12345", id="new-energy-2021-series"),
        pytest.param("苏F12345D", "苏F12345D", id="new-energy-large-electric"),
        pytest.param("苏F12345F", "苏F12345F", id="new-energy-large-hybrid"),
        pytest.param("苏F1234挂", "苏F1234挂", id="trailer"),
        pytest.param("苏F1234学", "苏F1234学", id="driving-school"),
        pytest.param("苏F1234警", "苏F1234警", id="police"),
        pytest.param("粤Z1234港", "粤Z1234港", id="hong-kong"),
        pytest.param("粤Z1234澳", "粤Z1234澳", id="macao"),
        pytest.param("沪A1234领", "沪A1234领", id="consulate"),
        pytest.param("使014578", "使014578", id="embassy"),
        pytest.param("WJ苏1234X", "WJ苏1234X", id="armed-police"),
        pytest.param("VA12345", "VA12345", id="military"),
        pytest.param("", "", id="empty-is-allowed"),
        pytest.param(" · ", "", id="only-a-dot"),
    ],
)
def test_plate_is_normalised(typed: str, stored: str) -> None:
    assert clean_plate(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param("南F12345", "车牌第一个字应是省份简称", id="not-a-province"),
        pytest.param("苏F1234", "车牌号格式不对", id="too-short"),
        pytest.param("苏F1234567", "车牌号格式不对", id="too-long"),
        pytest.param("苏12345", "车牌号格式不对", id="letter-missing"),
        pytest.param("苏F1234O", "没有字母 I 和 O", id="letter-O-for-zero"),
        pytest.param("苏FI2345", "没有字母 I 和 O", id="letter-I-for-one"),
        pytest.param("苏F12345X", "车牌号格式不对", id="large-new-energy-wrong-letter"),
        pytest.param("苏FX12345", "车牌号格式不对", id="small-new-energy-wrong-letter"),
        pytest.param("苏F1234临", "车牌号格式不对", id="temporary-not-supported"),
        pytest.param("F12345", "车牌号格式不对", id="province-forgotten"),
        pytest.param("苏F12#45", "车牌号格式不对", id="symbol"),
    ],
)
def test_bad_plate_is_rejected(typed: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_plate(typed, "vehicle_plate")

    assert message in caught.value.message
    assert caught.value.field == "vehicle_plate"


_SERIAL = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
_plates = st.one_of(
    st.tuples(
        st.sampled_from("京沪苏浙粤川"),
        st.sampled_from("ABCFZ"),
        st.text(_SERIAL, min_size=5, max_size=5),
    ).map("".join),
    st.tuples(
        st.sampled_from("苏鲁"),
        st.sampled_from("FA"),
        st.sampled_from("DF"),
        st.sampled_from(_SERIAL),
        st.text("0123456789", min_size=4, max_size=4),
    ).map("".join),
)


@settings(database=None)
@given(_plates, st.data())
def test_any_typing_of_a_plate_gives_the_same_plate(plate: str, data: st.DataObject) -> None:
    typed = ""
    for index, ch in enumerate(plate):
        if ch.isascii():
            if data.draw(st.booleans()):
                ch = ch.lower()
            if data.draw(st.booleans()):
                ch = _fullwidth(ch)
        typed += ch
        if index == 1:
            typed += data.draw(st.sampled_from(["", "·", " ", "・", "-"]))

    assert clean_plate(typed) == plate
    assert clean_plate(clean_plate(typed)) == plate


# ---------------------------------------------------------------- temperature


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        pytest.param("36.5", Decimal("36.5"), id="text"),
        pytest.param("36,5", Decimal("36.5"), id="decimal-comma"),
        pytest.param("３６．５", Decimal("36.5"), id="fullwidth"),
        pytest.param("36.5℃", Decimal("36.5"), id="celsius-sign"),
        pytest.param("36.5 °C", Decimal("36.5"), id="degree-c"),
        pytest.param("36.5度", Decimal("36.5"), id="du"),
        pytest.param("36.5c", Decimal("36.5"), id="lower-c"),
        pytest.param("37", Decimal("37.0"), id="whole-degrees"),
        pytest.param("36.", Decimal("36.0"), id="trailing-point"),
        pytest.param("36.50", Decimal("36.5"), id="trailing-zero"),
        pytest.param("34.0", Decimal("34.0"), id="lowest"),
        pytest.param("43.0", Decimal("43.0"), id="highest"),
        pytest.param(36.6, Decimal("36.6"), id="float-from-excel"),
        pytest.param(Decimal("37.30"), Decimal("37.3"), id="decimal"),
        pytest.param(38, Decimal("38.0"), id="int"),
        pytest.param(None, None, id="not-measured"),
        pytest.param("", None, id="empty"),
        pytest.param("  ", None, id="spaces"),
    ],
)
def test_temperature_is_read_in_celsius_with_one_decimal(
    typed: str | float | Decimal | None, stored: Decimal | None
) -> None:
    result = clean_temperature(typed)

    assert result == stored
    if result is not None:
        assert result.as_tuple().exponent == -1


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param("33.9", "体温应在 34.0 到 43.0 ℃ 之间，现在是 33.9。", id="too-low"),
        pytest.param("43.1", "体温应在 34.0 到 43.0 ℃ 之间，现在是 43.1。", id="too-high"),
        pytest.param("365", "现在是 365。", id="decimal-point-forgotten"),
        pytest.param("98.6", "看起来是华氏度，请填写摄氏度", id="fahrenheit"),
        pytest.param("-36.5", "现在是 -36.5", id="negative"),
        pytest.param("36.55", "体温只保留一位小数", id="two-decimals"),
        pytest.param("36.5.1", "体温应为数字", id="two-points"),
        pytest.param("abc", "体温应为数字", id="letters"),
        pytest.param("正常", "体温应为数字", id="words"),
        pytest.param("nan", "体温应为数字", id="nan"),
        pytest.param("3.65E1", "体温应为数字", id="exponent"),
        pytest.param(float("inf"), "体温应为数字", id="float-infinity"),
        pytest.param(True, "请填写体温", id="bool"),
    ],
)
def test_bad_temperature_is_rejected(typed: str | float | Decimal, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_temperature(typed, "check_temperature")

    assert message in caught.value.message
    assert caught.value.field == "check_temperature"


def test_fever_threshold_is_37_3() -> None:
    assert FEVER_THRESHOLD == Decimal("37.3")


@settings(database=None)
@given(st.integers(min_value=340, max_value=430), st.booleans(), st.booleans())
def test_every_reading_in_range_round_trips(tenths: int, fullwidth: bool, comma: bool) -> None:
    value = Decimal(tenths).scaleb(-1)
    typed = str(value).replace(".", "," if comma else ".")
    if fullwidth:
        typed = "".join(_fullwidth(ch) for ch in typed)

    assert to_halfwidth(typed).replace(",", ".") == str(value)
    assert clean_temperature(typed) == value
    assert clean_temperature(float(value)) == value
