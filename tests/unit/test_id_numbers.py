"""Resident ID numbers (GB 11643-1999) and the other documents (domain/id_numbers.py)."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.id_numbers import (
    DocumentType,
    Gender,
    IdNumberInfo,
    age_on,
    check_digit,
    clean_document_number,
    normalize_id_number,
    parse_id_number,
    upgrade_15_to_18,
)
from jinsha_desktop.domain.regions import RegionLookup, bundled_regions_path, load_regions

TODAY = date(2026, 11, 25)


@cache
def _regions() -> RegionLookup:
    """The real table shipped with the program (a copy of ../shared/data/gb2260_history.tsv)."""
    return load_regions(bundled_regions_path())


def _valid(first17: str) -> str:
    """A number with its check character. Trusted because `check_digit` is tested below against
    the published examples of GB 11643."""
    return first17 + check_digit(first17)


def _parse(raw: str, today: date = TODAY) -> IdNumberInfo:
    return parse_id_number(raw, today, _regions())


def _rejection(raw: str, today: date = TODAY) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        _parse(raw, today)
    assert caught.value.field == "document_number"
    return caught.value


TONGZHOU_MAN = _valid("32061219900101123")  # 320612199001011232
TONGZHOU_OLD_CODE = _valid("32068319900101124")  # 通州市 until 2009
NEW_DISTRICT = _valid("32061519900101123")  # a district the table (to 2021) does not know

# ---------------------------------------------------------------- the check character


@pytest.mark.parametrize(
    ("first17", "expected"),
    [
        pytest.param("11010519491231002", "X", id="GB-11643-example-ending-in-X"),
        pytest.param("44052418800101001", "4", id="commonly-cited-440524188001010014"),
    ],
)
def test_check_digit_matches_the_published_examples(first17: str, expected: str) -> None:
    assert check_digit(first17) == expected


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param("1101051949123100", id="16-digits"),
        pytest.param("110105194912310021", id="18-digits"),
        pytest.param("1101051949123100X", id="letter"),
        pytest.param("１１０１０５１９４９１２３１００２", id="fullwidth-not-normalised-here"),
    ],
)
def test_check_digit_wants_exactly_17_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        check_digit(bad)


def test_legacy_15_digit_number_becomes_the_published_18_digit_one() -> None:
    assert upgrade_15_to_18("110105491231002") == "11010519491231002X"


@pytest.mark.parametrize("bad", ["11010549123100", "11010549123100X", "1101054912310021"])
def test_upgrade_wants_exactly_15_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        upgrade_15_to_18(bad)


# ---------------------------------------------------------------- normalising what was typed


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        pytest.param("11010519491231002X", "11010519491231002X", id="already-clean"),
        pytest.param("11010519491231002x", "11010519491231002X", id="lower-case-x"),
        pytest.param("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", id="fullwidth"),
        pytest.param(
            "１１０１０５１９４９１２３１００２ｘ", "11010519491231002X", id="fullwidth-x"
        ),
        pytest.param("110105 19491231 002X", "11010519491231002X", id="spaces-between-groups"),
        pytest.param("110105-19491231-002X", "11010519491231002X", id="hyphens"),
        pytest.param("110105\u300019491231\u3000002X", "11010519491231002X", id="ideographic"),
        pytest.param("'11010519491231002X", "11010519491231002X", id="excel-text-apostrophe"),
        pytest.param("＇11010519491231002X", "11010519491231002X", id="fullwidth-apostrophe"),
        pytest.param("11010519491231002X\r\n", "11010519491231002X", id="card-reader-enter"),
        pytest.param("\u200b11010519491231002X", "11010519491231002X", id="zero-width-space"),
        pytest.param("", "", id="empty"),
    ],
)
def test_normalize_id_number(typed: str, normalized: str) -> None:
    assert normalize_id_number(typed) == normalized


# ---------------------------------------------------------------- valid numbers


def test_standard_example_gives_gender_birth_date_and_region() -> None:
    info = _parse("11010519491231002X")

    assert info == IdNumberInfo(
        number="11010519491231002X",
        gender=Gender.FEMALE,
        birth_date=date(1949, 12, 31),
        region_code="110105",
        region_name="北京市朝阳区",
        converted_from_15=False,
        warnings=(),
    )


def test_tongzhou_number_fills_the_form() -> None:
    info = _parse(TONGZHOU_MAN)

    assert info.number == "320612199001011232"
    assert info.gender is Gender.MALE
    assert info.birth_date == date(1990, 1, 1)
    assert info.age_on(TODAY) == 36
    assert info.region_code == "320612"
    assert info.region_name == "江苏省南通市通州区"
    assert info.warnings == ()


def test_historical_region_code_is_named_without_warning() -> None:
    info = _parse(TONGZHOU_OLD_CODE)

    assert info.region_name == "江苏省南通市通州市"
    assert info.gender is Gender.FEMALE
    assert info.warnings == ()


def test_unknown_region_is_a_warning_not_an_error() -> None:
    info = _parse(NEW_DISTRICT)

    assert info.number == NEW_DISTRICT
    assert info.region_name is None
    assert info.warnings == ("地区代码 320615 不在行政区划表中（可能是新设区县），请核对。",)


def test_region_added_by_the_administrator_is_named() -> None:
    regions = _regions().with_extra({"320615": "新区"})

    info = parse_id_number(NEW_DISTRICT, TODAY, regions)

    assert info.region_name == "江苏省南通市新区"
    assert info.warnings == ()


def test_taiwan_residence_permit_number_is_named() -> None:
    info = _parse(_valid("83000019900101123"))

    assert info.region_name == "台湾省"
    assert info.warnings == ()


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("11010519491231002x", id="lower-case-x"),
        pytest.param("１１０１０５１９４９１２３１００２Ｘ", id="fullwidth"),
        pytest.param("'11010519491231002X", id="leading-apostrophe-from-excel"),
        pytest.param(" 110105 1949 1231 002X ", id="spaces"),
        pytest.param("11010519491231002X\n", id="keyboard-wedge-reader-with-enter"),
    ],
)
def test_number_typed_any_usual_way_parses_to_the_same_number(typed: str) -> None:
    assert _parse(typed).number == "11010519491231002X"


def test_legacy_15_digit_number_is_converted_with_a_warning() -> None:
    info = _parse("320683900101123")

    assert info.converted_from_15
    assert info.number == "320683199001011238"
    assert info.number == upgrade_15_to_18("320683900101123")
    assert info.birth_date == date(1990, 1, 1)
    assert info.gender is Gender.MALE
    assert info.region_name == "江苏省南通市通州市"
    assert info.warnings == ("15 位老号码没有校验位，输错也无法发现，请对照证件核对。",)


def test_born_today_is_accepted() -> None:
    number = _valid("320612" + TODAY.strftime("%Y%m%d") + "002")

    assert _parse(number).birth_date == TODAY


def test_born_on_the_first_day_of_1900_is_accepted() -> None:
    assert _parse(_valid("32061219000101002")).birth_date == date(1900, 1, 1)


@pytest.mark.parametrize(
    ("sequence", "gender"),
    [("001", Gender.MALE), ("002", Gender.FEMALE), ("999", Gender.MALE), ("000", Gender.FEMALE)],
)
def test_odd_sequence_is_male_even_is_female(sequence: str, gender: Gender) -> None:
    assert _parse(_valid("32061219900101" + sequence)).gender is gender


@pytest.mark.parametrize(
    ("day", "age"),
    [
        pytest.param(date(2000, 6, 14), 9, id="day-before-birthday"),
        pytest.param(date(2000, 6, 15), 10, id="on-birthday"),
        pytest.param(date(1990, 6, 15), 0, id="born-that-day"),
        pytest.param(date(1980, 1, 1), 0, id="before-birth-counts-as-0"),
    ],
)
def test_age_in_whole_years(day: date, age: int) -> None:
    info = _parse(_valid("32061219900615123"))

    assert info.age_on(day) == age


@pytest.mark.parametrize(
    ("day", "age"),
    [
        pytest.param(date(2001, 2, 28), 0, id="common-year-28-feb"),
        pytest.param(date(2001, 3, 1), 1, id="common-year-1-mar"),
        pytest.param(date(2004, 2, 29), 4, id="leap-year-29-feb"),
    ],
)
def test_age_of_someone_born_on_29_february(day: date, age: int) -> None:
    info = _parse(_valid("32061220000229123"))

    assert info.age_on(day) == age


# ---------------------------------------------------------------- invalid numbers


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param("", "请填写公民身份号码。", id="empty"),
        pytest.param(" \u3000 ", "请填写公民身份号码。", id="only-spaces"),
        pytest.param("3206121990010112", "应为 18 位（老证件 15 位），现在是 16 位", id="16"),
        pytest.param("32061219900101123", "现在是 17 位", id="17-digits-check-forgotten"),
        pytest.param("3206121990010112320", "现在是 19 位", id="19-digits"),
        pytest.param("32061219900101123A", "只能由数字组成，最后一位可以是 X", id="letter-A"),
        pytest.param("32061219900101123。", "只能由数字组成", id="chinese-full-stop"),
        pytest.param("3206121990X101123X", "X 只能是 18 位号码的最后一位", id="x-in-the-middle"),
        pytest.param("32068390010112X", "X 只能是 18 位号码的最后一位", id="x-ending-15-digits"),
        pytest.param(_valid("01061219900101123"), "前两位 01 不是省份代码", id="0-start"),
        pytest.param(_valid("00061219900101123"), "前两位 00 不是省份代码", id="province-00"),
        pytest.param(_valid("32061219900230123"), "出生日期 1990-02-30 不存在", id="30-february"),
        pytest.param(_valid("32061219890229123"), "出生日期 1989-02-29 不存在", id="29-feb-common"),
        pytest.param(_valid("32061219901301123"), "出生日期 1990-13-01 不存在", id="month-13"),
        pytest.param(_valid("32061219900100123"), "出生日期 1990-01-00 不存在", id="day-0"),
        pytest.param(_valid("32061221000101123"), "出生日期 2100-01-01 晚于今天", id="2100"),
        pytest.param(_valid("32061220261126123"), "出生日期 2026-11-26 晚于今天", id="tomorrow"),
        pytest.param(_valid("32061218991231123"), "出生日期 1899-12-31 早于 1900 年", id="1899"),
        pytest.param("440524188001010014", "出生日期 1880-01-01 早于 1900 年", id="born-1880"),
        pytest.param("320683900230123", "出生日期 1990-02-30 不存在", id="15-digit-30-feb"),
    ],
)
def test_invalid_number_is_rejected_with_a_clear_message(typed: str, message: str) -> None:
    assert message in _rejection(typed).message


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("320612199001011233", id="last-digit-off-by-one"),
        pytest.param("32061219900101123X", id="x-instead-of-2"),
        pytest.param("320612199001011322", id="two-digits-swapped"),
        pytest.param("11010519491231002１", id="fullwidth-wrong-check"),
    ],
)
def test_wrong_check_digit_is_rejected_without_revealing_the_right_one(typed: str) -> None:
    message = _rejection(typed).message

    assert message == "公民身份号码有误（校验位不符），请对照证件逐位核对。"
    assert not any(ch.isdigit() or ch == "X" for ch in message)


def test_number_ending_in_000_hints_that_excel_dropped_digits() -> None:
    message = _rejection("320612199001011000").message

    assert "校验位不符" in message
    assert "Excel" in message


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("3.20612199001011E+17", id="scientific"),
        pytest.param("3.20612199001011e+17", id="scientific-lower-case"),
        pytest.param("3.20612199001011E17", id="scientific-without-plus"),
        pytest.param("320612199001011.0", id="decimal-point"),
    ],
)
def test_number_stored_by_excel_as_a_number_says_digits_were_lost(typed: str) -> None:
    message = _rejection(typed).message

    assert "Excel" in message
    assert "丢失" in message
    assert "文本" in message


# ---------------------------------------------------------------- properties

_KNOWN_CODES = [d.code for d in _regions().divisions()]
_PROVINCES = sorted({code[:2] for code in _KNOWN_CODES})
_region_codes = st.one_of(
    st.sampled_from(_KNOWN_CODES),
    st.builds(str.__add__, st.sampled_from(_PROVINCES), st.from_regex(r"[0-9]{4}", fullmatch=True)),
)


@st.composite
def valid_numbers(draw: st.DrawFn, earliest: date = date(1900, 1, 1)) -> str:
    code = draw(_region_codes)
    born = draw(st.dates(min_value=earliest, max_value=TODAY))
    sequence = draw(st.integers(min_value=0, max_value=999))
    return _valid(f"{code}{born:%Y%m%d}{sequence:03d}")


@settings(database=None)
@given(valid_numbers())
def test_any_number_with_a_correct_check_digit_parses(number: str) -> None:
    info = _parse(number)

    assert info.number == number
    assert info.region_code == number[:6]
    assert info.birth_date.strftime("%Y%m%d") == number[6:14]
    assert (info.gender is Gender.MALE) == (int(number[16]) % 2 == 1)
    assert (info.region_name is None) == (len(info.warnings) == 1)


@settings(database=None)
@given(valid_numbers(), st.integers(min_value=0, max_value=17), st.data())
def test_changing_any_single_character_is_caught(
    number: str, position: int, data: st.DataObject
) -> None:
    alphabet = "0123456789X" if position == 17 else "0123456789"
    replacement = data.draw(st.sampled_from([c for c in alphabet if c != number[position]]))
    changed = number[:position] + replacement + number[position + 1 :]

    if position < 17:
        assert check_digit(changed[:17]) != number[17]
    with pytest.raises(ValidationError):
        _parse(changed)


@settings(database=None)
@given(valid_numbers(earliest=date(1900, 1, 1)).filter(lambda n: n[6:8] == "19"))
def test_15_digit_form_upgrades_back_to_the_same_number(number: str) -> None:
    legacy = number[:6] + number[8:17]

    assert upgrade_15_to_18(legacy) == number
    assert _parse(legacy).number == number
    assert _parse(legacy).converted_from_15


def _fullwidth(ch: str) -> str:
    return chr(ord(ch) + 0xFEE0)


@settings(database=None)
@given(valid_numbers(), st.data())
def test_fullwidth_spaced_and_lower_case_variants_parse_to_the_same_number(
    number: str, data: st.DataObject
) -> None:
    typed = ""
    for ch in number:
        if ch == "X" and data.draw(st.booleans()):
            ch = "x"
        if data.draw(st.booleans()):
            ch = _fullwidth(ch)
        typed += ch + data.draw(st.sampled_from(["", "", "", " ", "\u3000", "-"]))
    if data.draw(st.booleans()):
        typed = "'" + typed

    assert normalize_id_number(typed) == number
    assert _parse(typed).number == number


# ---------------------------------------------------------------- document types


def test_document_type_and_gender_labels_are_chinese() -> None:
    assert [t.label for t in DocumentType] == [
        "居民身份证",
        "护照",
        "港澳居民来往内地通行证",
        "台湾居民来往大陆通行证",
        "其他证件",
    ]
    assert (Gender.MALE.label, Gender.FEMALE.label) == ("男", "女")


def _clean(doc_type: DocumentType | str, typed: str) -> tuple[str, IdNumberInfo | None]:
    return clean_document_number(doc_type, typed, TODAY, _regions())


def test_resident_id_document_returns_the_number_and_what_it_says() -> None:
    number, info = _clean(DocumentType.RESIDENT_ID, "11010519491231002x")

    assert number == "11010519491231002X"
    assert info is not None and info.birth_date == date(1949, 12, 31)


@pytest.mark.parametrize(
    ("doc_type", "typed", "stored"),
    [
        pytest.param(DocumentType.PASSPORT, "E12345678", "E12345678", id="chinese-passport"),
        pytest.param(DocumentType.PASSPORT, "ｅ１２３４５６７８", "E12345678", id="passport-fw"),
        pytest.param(DocumentType.PASSPORT, "ea 1234567", "EA1234567", id="passport-lower-space"),
        pytest.param(DocumentType.PASSPORT, "12345", "12345", id="passport-5-shortest"),
        pytest.param(DocumentType.PASSPORT, "A" * 17, "A" * 17, id="passport-17-longest"),
        pytest.param("passport", "G12345678", "G12345678", id="type-given-as-text"),
        pytest.param(DocumentType.HK_MACAO_PERMIT, "H12345678", "H12345678", id="hk-card"),
        pytest.param(DocumentType.HK_MACAO_PERMIT, "m12345678", "M12345678", id="macao-lower"),
        pytest.param(DocumentType.HK_MACAO_PERMIT, "H1234567801", "H1234567801", id="hk-10"),
        pytest.param(DocumentType.HK_MACAO_PERMIT, "Ｈ１２３４５６７８", "H12345678", id="hk-fw"),
        pytest.param(DocumentType.TAIWAN_PERMIT, "12345678", "12345678", id="taiwan-card"),
        pytest.param(DocumentType.TAIWAN_PERMIT, "1234567890", "1234567890", id="taiwan-old"),
        pytest.param(DocumentType.TAIWAN_PERMIT, "1234 5678", "12345678", id="taiwan-spaced"),
        pytest.param(DocumentType.OTHER, " 军字第 123456 号 ", "军字第123456号", id="other-cjk"),
        pytest.param(DocumentType.OTHER, "ab", "AB", id="other-2-shortest"),
        pytest.param(DocumentType.OTHER, "Ｘ" * 30, "X" * 30, id="other-30-fullwidth"),
    ],
)
def test_other_documents_are_normalised(
    doc_type: DocumentType | str, typed: str, stored: str
) -> None:
    assert _clean(doc_type, typed) == (stored, None)


@pytest.mark.parametrize(
    ("doc_type", "typed", "message"),
    [
        pytest.param(DocumentType.PASSPORT, "", "请填写护照号码。", id="passport-empty"),
        pytest.param(DocumentType.PASSPORT, "E123", "5 到 17 位", id="passport-4"),
        pytest.param(DocumentType.PASSPORT, "E" * 18, "5 到 17 位", id="passport-18"),
        pytest.param(DocumentType.PASSPORT, "E1234567/", "5 到 17 位", id="passport-slash"),
        pytest.param(DocumentType.PASSPORT, "护照12345", "字母或数字", id="passport-cjk"),
        pytest.param(
            DocumentType.HK_MACAO_PERMIT, "", "请填写港澳居民来往内地通行证号码", id="hk-0"
        ),
        pytest.param(DocumentType.HK_MACAO_PERMIT, "12345678", "H（香港）或 M（澳门）", id="hk-1"),
        pytest.param(DocumentType.HK_MACAO_PERMIT, "H1234567", "8 位数字", id="hk-7-digits"),
        pytest.param(DocumentType.HK_MACAO_PERMIT, "H123456789", "8 位数字", id="hk-9-digits"),
        pytest.param(DocumentType.HK_MACAO_PERMIT, "C12345678", "H（香港）", id="mainland-pass"),
        pytest.param(DocumentType.TAIWAN_PERMIT, "1234567", "8 位数字", id="taiwan-7"),
        pytest.param(DocumentType.TAIWAN_PERMIT, "123456789", "8 位数字", id="taiwan-9"),
        pytest.param(DocumentType.TAIWAN_PERMIT, "T1234567", "8 位数字", id="taiwan-letter"),
        pytest.param(DocumentType.OTHER, " ", "请填写证件号码。", id="other-empty"),
        pytest.param(DocumentType.OTHER, "A", "2 到 30 个字符（现在 1 个）", id="other-1"),
        pytest.param(DocumentType.OTHER, "A" * 31, "（现在 31 个）", id="other-31"),
        pytest.param(DocumentType.OTHER, "AB\x00C", "不可见", id="other-control"),
        pytest.param(DocumentType.RESIDENT_ID, "123", "现在是 3 位", id="resident-too-short"),
    ],
)
def test_bad_document_number_is_rejected(doc_type: DocumentType, typed: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _clean(doc_type, typed)

    assert message in caught.value.message
    assert caught.value.field == "document_number"


def test_unknown_document_type_is_reported_on_its_field() -> None:
    with pytest.raises(ValidationError) as caught:
        _clean("driving_licence", "12345")

    assert caught.value.field == "document_type"
    assert caught.value.message == "请选择证件类型。"


# ---------------------------------------------------------------- provinces and renamed regions


@pytest.mark.parametrize("province", ["99", "73", "19", "00", "10", "66", "80", "91"])
def test_number_whose_first_two_digits_are_no_province_is_refused(province: str) -> None:
    message = _rejection(_valid(f"{province}061219900101123")).message

    assert f"前两位 {province} 不是省份代码" in message


def test_unknown_county_inside_a_real_province_stays_a_warning() -> None:
    info = _parse(_valid("32069919900101123"))

    assert info.region_name is None
    assert info.warnings == ("地区代码 320699 不在行政区划表中（可能是新设区县），请核对。",)


@pytest.mark.parametrize(
    ("first17", "issued", "now"),
    [
        pytest.param("13900119900101123", "河北省武安市", None, id="reused-139001-wuan"),
        pytest.param("13900120150101123", "河北省定州市", None, id="reused-139001-dingzhou"),
        pytest.param(
            "13012319880101123", "河北省石家庄市栾城县", "河北省石家庄市正定县", id="reused"
        ),
        pytest.param("53210119850101123", "云南省昭通地区昭通市", None, id="532101-not-邵通"),
        pytest.param("14270219800101123", "山西省运城地区永济市", None, id="142702-永济"),
        pytest.param("14270319800101123", "山西省运城地区河津市", None, id="142703-河津"),
        pytest.param("12011019800101123", "天津市东郊区", "天津市东丽区", id="renamed-1992"),
        pytest.param("12011019950101123", "天津市东丽区", "天津市东丽区", id="born-after-rename"),
        pytest.param("32068319700101123", "江苏省南通市通州市", None, id="retired-in-2009"),
        pytest.param("32061419900101123", "江苏省南通市海门区", "江苏省南通市海门区", id="2020"),
    ],
)
def test_region_is_named_as_it_was_called_when_the_number_was_issued(
    first17: str, issued: str, now: str | None
) -> None:
    info = _parse(_valid(first17))

    assert info.region_name == issued
    assert info.region_current_name == (None if now == issued else now)
    assert info.warnings == ()


@pytest.mark.parametrize(
    "day",
    [date(2001, 2, 28), date(2001, 3, 1), date(2004, 2, 29), date(1999, 1, 1), date(2026, 11, 25)],
)
def test_a_typed_birth_date_is_aged_by_the_same_rule_as_an_id_number(day: date) -> None:
    info = _parse(_valid("32061220000229123"))

    assert age_on(info.birth_date, day) == info.age_on(day)
