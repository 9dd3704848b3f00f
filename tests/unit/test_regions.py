"""Region codes of GB/T 2260 and the completion of "where from" (domain/regions.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from jinsha_desktop.domain.errors import FormErrors, ValidationError
from jinsha_desktop.domain.regions import (
    PROVINCES,
    NamePart,
    RegionInput,
    RegionLookup,
    bundled_regions_path,
    clean_region_code,
    load_regions,
    name_parts,
    place_key,
    split_place_name,
)

SHARED_TABLE = Path(__file__).resolve().parents[3] / "shared" / "data" / "gb2260_history.tsv"


@cache
def _regions() -> RegionLookup:
    return load_regions(bundled_regions_path())


# ---------------------------------------------------------------- the shipped table


def test_table_ships_with_the_program_under_resources_data() -> None:
    path = bundled_regions_path()

    assert path.parts[-3:] == ("resources", "data", "gb2260_history.tsv")
    assert path.is_file()
    assert len(_regions()) == 7291  # codes; 7,857 names with their years


def test_the_provinces_are_the_tables_province_rows() -> None:
    table = {d.code[:2] for d in _regions().divisions() if d.level == 0}

    assert table == PROVINCES
    assert RegionLookup([]).is_province("320612") and not RegionLookup([]).is_province("990612")


@pytest.mark.skipif(not SHARED_TABLE.exists(), reason="the shared data folder is not here")
def test_shipped_table_is_the_shared_one() -> None:
    assert bundled_regions_path().read_bytes() == SHARED_TABLE.read_bytes()


# ---------------------------------------------------------------- full names


@pytest.mark.parametrize(
    ("code", "full_name"),
    [
        pytest.param("320612", "江苏省南通市通州区", id="tongzhou-district"),
        pytest.param("320683", "江苏省南通市通州市", id="tongzhou-city-until-2009"),
        pytest.param("320600", "江苏省南通市", id="prefecture"),
        pytest.param("320000", "江苏省", id="province"),
        pytest.param("110101", "北京市东城区", id="municipality-district-skips-市辖区"),
        pytest.param("110100", "北京市", id="municipality-市辖区-row-is-the-city"),
        pytest.param("110221", "北京市昌平县", id="municipality-county-skips-县"),
        pytest.param("500101", "重庆市万州区", id="chongqing"),
        pytest.param("429004", "湖北省仙桃市", id="skips-省直辖县级行政区划"),
        pytest.param("659001", "新疆维吾尔自治区石河子市", id="skips-自治区直辖县级行政区划"),
        pytest.param("320601", "江苏省南通市市辖区", id="county-level-市辖区-kept"),
        pytest.param("810000", "香港特别行政区", id="hong-kong"),
    ],
)
def test_full_name_joins_province_prefecture_and_county(code: str, full_name: str) -> None:
    regions = _regions()

    assert regions.full_name(code) == full_name
    assert regions.is_known(code)


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("320699", id="unused-county-code"),
        pytest.param("999999", id="nonsense"),
        pytest.param("", id="empty"),
        pytest.param("32061", id="five-digits"),
    ],
)
def test_unknown_code_has_no_name(code: str) -> None:
    assert _regions().full_name(code) is None
    assert not _regions().is_known(code)


@pytest.mark.parametrize(
    ("code", "current"),
    [("320612", True), ("320683", False), ("110100", True), ("320684", False), ("320614", True)],
)
def test_current_means_still_in_use_in_the_latest_data(code: str, current: bool) -> None:
    assert _regions().is_current(code) is current


# ---------------------------------------------------------------- codes added by the administrator


def test_added_code_is_known_current_and_named_under_its_parents() -> None:
    regions = _regions().with_extra({"320614": "海门区"})

    assert regions.full_name("320614") == "江苏省南通市海门区"
    assert regions.is_known("320614")
    assert regions.is_current("320614")
    assert regions.full_name("320612") == "江苏省南通市通州区"


def test_adding_codes_leaves_the_original_lookup_alone() -> None:
    _regions().with_extra({"320699": "新区"})

    assert not _regions().is_known("320699")


def test_added_name_typed_in_full_is_not_doubled() -> None:
    regions = _regions().with_extra({"320614": "江苏省南通市海门区"})

    assert regions.full_name("320614") == "江苏省南通市海门区"


def test_added_code_replaces_the_table_name() -> None:
    regions = _regions().with_extra({"320684": "海门区（原海门市）"})

    assert regions.full_name("320684") == "江苏省南通市海门区（原海门市）"


def test_added_code_under_an_unknown_prefecture_keeps_the_province() -> None:
    regions = _regions().with_extra({"329999": "试验区"})

    assert regions.full_name("329999") == "江苏省试验区"


@pytest.mark.parametrize("extra", [{"32061": "区"}, {"320614": " "}, {"32O614": "海门区"}])
def test_malformed_added_code_is_a_bug(extra: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        _regions().with_extra(extra)


@pytest.mark.parametrize(
    ("typed", "code"),
    [("320614", "320614"), (" ３２０６１４ ", "320614")],
)
def test_region_code_input_is_normalised(typed: str, code: str) -> None:
    assert clean_region_code(typed) == code


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param("", "请填写行政区划代码。", id="empty"),
        pytest.param("32061", "6 位数字", id="five-digits"),
        pytest.param("3206140", "6 位数字", id="seven-digits"),
        pytest.param("32O614", "6 位数字", id="letter-O"),
        pytest.param("006140", "不是有效的行政区划代码", id="province-00"),
        pytest.param("906140", "不是有效的行政区划代码", id="zone-9"),
    ],
)
def test_bad_region_code_input_is_rejected(typed: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_region_code(typed, "region_code")

    assert message in caught.value.message
    assert caught.value.field == "region_code"


def test_region_input_reports_both_fields() -> None:
    assert RegionInput(" 320614", " 海门区 ").cleaned() == RegionInput("320614", "海门区")
    with pytest.raises(FormErrors) as caught:
        RegionInput("abc", "").cleaned()

    assert [e.field for e in caught.value.errors] == ["code", "name"]


# ---------------------------------------------------------------- reading the table


HEADER = "code\tname\tlevel\tvalid_from\tvalid_to\tsource\tshort_name\n"


def test_from_lines_reads_rows_and_skips_blank_lines() -> None:
    regions = RegionLookup.from_lines(
        [
            "\ufeff" + HEADER,
            "320000\t江苏省\tprovince\t1980\t\tgb2260\t江苏省\n",
            "\n",
            "320600\t江苏省南通市\tprefecture\t1980\t\tgb2260\t南通市\r\n",
            "320612\t江苏省南通市通州区\tcounty\t2009\t\tgb2260\t通州区",
        ]
    )

    assert len(regions) == 3
    assert regions.full_name("320612") == "江苏省南通市通州区"


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param([], id="no-header"),
        pytest.param(["code\tname\n"], id="short-header"),
        pytest.param([HEADER, "320000\t江苏省\tprovince\t1980\n"], id="four-fields"),
        pytest.param(
            [HEADER, "32000\t江苏省\tprovince\t1980\t\tgb2260\t江苏省\n"], id="five-digit-code"
        ),
        pytest.param([HEADER, "320000\t\tprovince\t1980\t\tgb2260\t江苏省\n"], id="no-name"),
        pytest.param([HEADER, "320000\t江苏省\tprovince\t80\t\tgb2260\t江苏省\n"], id="bad-year"),
        pytest.param([HEADER, "320000\t江苏省\tprovince\t1980\t-\tgb2260\t江苏省\n"], id="bad-end"),
    ],
)
def test_malformed_table_is_refused(lines: list[str]) -> None:
    with pytest.raises(ValueError):
        RegionLookup.from_lines(lines)


def test_load_regions_reads_a_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "regions.tsv"
    path.write_text(
        HEADER + "320000\t江苏省\tprovince\t1980\t\tgb2260\t江苏省\n", encoding="utf-8-sig"
    )

    assert load_regions(path).full_name("320000") == "江苏省"


# ---------------------------------------------------------------- completion


def _codes(results: list[tuple[str, str]]) -> list[str]:
    return [code for code, _ in results]


def test_search_puts_current_divisions_before_historical_ones() -> None:
    results = _regions().search("通州")

    assert results[:3] == [
        ("110112", "北京市通州区"),
        ("320612", "江苏省南通市通州区"),
        ("320683", "江苏省南通市通州市"),
    ]


def test_search_near_nantong_puts_the_local_district_first() -> None:
    assert _codes(_regions().search("通州", near="3206"))[:2] == ["320612", "110112"]


def test_search_puts_the_division_named_so_before_its_children() -> None:
    results = _regions().search("南通", limit=3)

    assert results == [
        ("320600", "江苏省南通市"),
        ("320612", "江苏省南通市通州区"),
        ("320613", "江苏省南通市崇川区"),  # 2020; 320602 崇川区 before it is historical
    ]


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("江苏南通通州", id="without-suffixes"),
        pytest.param("南通 通州", id="two-words"),
        pytest.param("南通市通州区", id="city-and-district"),
        pytest.param("南通\u3000通州", id="ideographic-space-between-words"),
        pytest.param("通州区", id="own-name"),
    ],
)
def test_search_finds_a_district_by_any_part_of_its_name(typed: str) -> None:
    results = _regions().search(typed, near="3206")

    assert results[0] == ("320612", "江苏省南通市通州区")


def test_search_by_code_prefix() -> None:
    assert _codes(_regions().search("32061"))[:4] == ["320612", "320613", "320614", "320611"]


def test_search_leaves_out_grouping_rows_and_repeated_names() -> None:
    assert _regions().search("市辖区") == []
    # 320603 港闸区 (1980–1983) and 320611 港闸区 (1991–2020) share one full name: the more
    # recent code is kept.
    assert _regions().search("港闸") == [("320611", "江苏省南通市港闸区")]


def test_search_respects_the_limit_and_ignores_empty_text() -> None:
    assert len(_regions().search("江苏", limit=5)) == 5
    assert len(_regions().search("区")) == 20
    assert _regions().search("") == []
    assert _regions().search("  ") == []
    assert _regions().search("通州", limit=0) == []


def test_search_finds_added_codes() -> None:
    regions = _regions().with_extra({"320614": "海门区"})

    assert _codes(regions.search("海门"))[:2] == ["320614", "320684"]


# ---------------------------------------------------------------- parts of place names


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        pytest.param("江苏省南通市通州区", ["江苏", "南通", "通州"], id="three-levels"),
        pytest.param("通州区金沙街道", ["通州", "金沙"], id="sub-district"),
        pytest.param("江苏南通", ["江苏南通"], id="no-suffix-one-part"),
        pytest.param("沛县", ["沛县"], id="one-character-county-keeps-suffix"),
        pytest.param("沙市区", ["沙市"], id="沙市区-is-not-沙"),
        pytest.param("济南市市中区", ["济南", "市中"], id="市中区"),
        pytest.param("镇江市", ["镇江"], id="镇-at-the-start"),
        pytest.param("宁乡市", ["宁乡"], id="乡-inside"),
        pytest.param("广西壮族自治区南宁市", ["广西壮族", "南宁"], id="autonomous-region"),
        pytest.param("香港特别行政区", ["香港"], id="sar"),
        pytest.param("上海市 浦东新区", ["上海", "浦东新"], id="space"),
        pytest.param("南通·通州", ["南通通州"], id="middle-dot"),
        pytest.param("", [], id="empty"),
    ],
)
def test_name_parts_drop_administrative_suffixes(name: str, parts: list[str]) -> None:
    assert name_parts(name) == parts
    assert place_key(name) == "".join(parts)


def test_split_place_name_keeps_each_suffix() -> None:
    assert split_place_name("南通市通州区沛县") == [
        NamePart("南通", "市"),
        NamePart("通州", "区"),
        NamePart("沛县"),
    ]
