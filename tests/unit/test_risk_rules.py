"""Risk flags of a visit and the administrator's risk-area list (domain/risk.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

import pytest

from jinsha_desktop.domain.errors import FormErrors
from jinsha_desktop.domain.risk import (
    DEFAULT_MONITORING_DAYS,
    Flag,
    FlagCode,
    HealthCode,
    RiskArea,
    RiskAreaInput,
    RiskLevel,
    VisitFacts,
    areas_in_force,
    match_places,
    monitoring_days,
    place_matches_area,
    visit_flags,
)

DAY = date(2026, 11, 25)

PUDONG = RiskArea("上海市浦东新区", RiskLevel.MEDIUM, date(2026, 11, 20), date(2026, 11, 30))
LIWAN = RiskArea("广州市荔湾区中南街道", RiskLevel.HIGH, date(2026, 11, 1), None)
CHAOYANG = RiskArea("北京市朝阳区", RiskLevel.HIGH, date(2026, 11, 24), date(2026, 12, 7))
EXPIRED = RiskArea("南京市江宁区", RiskLevel.HIGH, date(2026, 10, 1), date(2026, 11, 24))
NOT_YET = RiskArea("苏州市吴中区", RiskLevel.MEDIUM, date(2026, 11, 26), None)
AREAS = [PUDONG, LIWAN, CHAOYANG, EXPIRED, NOT_YET]


# ---------------------------------------------------------------- areas in force


@pytest.mark.parametrize(
    ("day", "in_force"),
    [
        pytest.param(date(2026, 11, 19), [LIWAN, EXPIRED], id="day-before-pudong-starts"),
        pytest.param(date(2026, 11, 20), [PUDONG, LIWAN, EXPIRED], id="first-day-included"),
        pytest.param(
            date(2026, 11, 24), [PUDONG, LIWAN, CHAOYANG, EXPIRED], id="last-day-included"
        ),
        pytest.param(DAY, [PUDONG, LIWAN, CHAOYANG], id="day-after-the-last-day"),
        pytest.param(date(2026, 11, 30), [PUDONG, LIWAN, CHAOYANG, NOT_YET], id="later"),
        pytest.param(date(2027, 6, 1), [LIWAN, NOT_YET], id="open-ended-stay"),
    ],
)
def test_areas_in_force_include_both_end_days(day: date, in_force: list[RiskArea]) -> None:
    assert areas_in_force(AREAS, day) == in_force


# ---------------------------------------------------------------- matching a place to an area


@pytest.mark.parametrize(
    ("place", "area", "matches"),
    [
        pytest.param("上海市浦东新区", "上海市浦东新区", True, id="same-text"),
        pytest.param("上海市浦东新区张江镇", "上海市浦东新区", True, id="place-inside-area"),
        pytest.param("上海", "上海市浦东新区", True, id="place-less-precise-than-area"),
        pytest.param("浦东", "上海市浦东新区", True, id="district-without-suffix"),
        pytest.param("上海浦东", "上海市浦东新区", True, id="no-suffixes"),
        pytest.param("上海市 浦东新区", "上海市浦东新区", True, id="space"),
        pytest.param("江苏省南通市通州区", "南通市通州区", True, id="with-province"),
        pytest.param("江苏南通通州", "南通市通州区", True, id="typed-without-suffixes"),
        pytest.param("通州区金沙街道", "南通市通州区", True, id="levels-overlap"),
        pytest.param("上海市浦东新区", "浦东新区张江镇", True, id="area-starts-lower"),
        pytest.param("广东省广州市荔湾区", "广州市荔湾区中南街道", True, id="area-w/o-province"),
        pytest.param("广东广州荔湾", "广州市荔湾区中南街道", True, id="no-suffix-area-w/o-prov"),
        pytest.param("广州市荔湾区", "广东省广州市", True, id="area-with-province-broader"),
        pytest.param("湖北省荆州市沙市区", "沙市区", True, id="沙市区"),
        pytest.param("江苏省徐州市沛县", "沛县", True, id="one-character-county"),
        pytest.param("北京市通州区", "南通市通州区", False, id="other-通州区"),
        pytest.param("江苏省南通市通州区", "北京市通州区", False, id="other-通州区-reversed"),
        pytest.param("江苏省南通市崇川区", "南通市通州区", False, id="neighbouring-district"),
        pytest.param("辽宁省朝阳市", "北京市朝阳区", False, id="朝阳市-is-not-朝阳区"),
        pytest.param("朝阳市龙城区", "北京市朝阳区", False, id="朝阳市-overlap-needs-suffix"),
        pytest.param("河南省通许县", "南通市", False, id="no-match-across-levels"),
        pytest.param("长沙市", "沙市区", False, id="长沙-is-not-沙市"),
        pytest.param("金沙街道", "沙市区", False, id="金沙-is-not-沙市"),
        pytest.param("", "上海市浦东新区", False, id="empty-place"),
        pytest.param("上海市浦东新区", "", False, id="empty-area"),
        pytest.param("区", "北京市朝阳区", False, id="one-character-place"),
        pytest.param("  ", "北京市朝阳区", False, id="blank-place"),
        # Limits of matching by text alone, kept visible on purpose:
        pytest.param("江苏", "南通市通州区", False, id="limit-province-vs-area-without-it"),
        pytest.param("通州", "北京市通州区", True, id="limit-ambiguous-short-name-matches"),
    ],
)
def test_place_matches_area(place: str, area: str, matches: bool) -> None:
    assert place_matches_area(place, area) is matches


def test_match_places_gives_every_pair_in_order_with_areas_in_force_only() -> None:
    places = ["上海浦东", "南京市江宁区", "北京市朝阳区望京街道", "", "江苏省南通市"]

    assert match_places(places, AREAS, DAY) == [
        ("上海浦东", PUDONG),
        ("北京市朝阳区望京街道", CHAOYANG),
    ]


def test_place_matching_two_areas_gives_both() -> None:
    areas = [CHAOYANG, RiskArea("北京市", RiskLevel.MEDIUM, DAY, None)]

    assert match_places(["北京市朝阳区"], areas, DAY) == [
        ("北京市朝阳区", areas[0]),
        ("北京市朝阳区", areas[1]),
    ]


# ---------------------------------------------------------------- flags of a visit


def _facts(
    origin: str = "江苏省南通市通州区",
    route: Sequence[str] = (),
    *,
    health_code: HealthCode | None = HealthCode.GREEN,
    star: bool | None = False,
    temperature: str | None = "36.5",
    day: date = DAY,
) -> VisitFacts:
    return VisitFacts(
        origin=origin,
        route=route,
        visit_date=day,
        health_code=health_code,
        travel_code_star=star,
        temperature=Decimal(temperature) if temperature is not None else None,
    )


@pytest.mark.parametrize(
    ("facts", "flags"),
    [
        pytest.param(_facts(), [], id="local-green-no-star-normal"),
        pytest.param(
            _facts(health_code=None, star=None, temperature=None), [], id="nothing-recorded"
        ),
        pytest.param(
            _facts(route=["上海市浦东新区"]),
            [Flag("medium", "途经中风险地区：上海市浦东新区")],
            id="route-medium",
        ),
        pytest.param(
            _facts(origin="北京市朝阳区"),
            [Flag("high", "来自高风险地区：北京市朝阳区")],
            id="origin-high",
        ),
        pytest.param(
            _facts(origin="北京市朝阳区", route=["北京朝阳", "广东省广州市荔湾区"]),
            [Flag("high", "来自高风险地区：北京市朝阳区；途经高风险地区：广州市荔湾区中南街道")],
            id="origin-and-route-high-each-area-once",
        ),
        pytest.param(
            _facts(origin="上海", route=["北京市朝阳区"]),
            [
                Flag("high", "途经高风险地区：北京市朝阳区"),
                Flag("medium", "来自中风险地区：上海市浦东新区"),
            ],
            id="high-and-medium",
        ),
        pytest.param(
            _facts(origin="南京市江宁区", route=["苏州市吴中区"]),
            [],
            id="areas-not-in-force-on-the-visit-date",
        ),
        pytest.param(
            _facts(origin="南京市江宁区", day=date(2026, 11, 24)),
            [Flag("high", "来自高风险地区：南京市江宁区")],
            id="area-in-force-on-an-earlier-visit-date",
        ),
        pytest.param(
            _facts(health_code=HealthCode.YELLOW),
            [Flag("health_code", "健康码为黄码")],
            id="yellow-code",
        ),
        pytest.param(
            _facts(health_code=HealthCode.RED), [Flag("health_code", "健康码为红码")], id="red"
        ),
        pytest.param(_facts(star=True), [Flag("travel_star", "行程码带星号")], id="star"),
        pytest.param(_facts(temperature="37.2"), [], id="37.2-is-no-fever"),
        pytest.param(_facts(temperature="37.3"), [Flag("fever", "体温 37.3℃")], id="37.3-fever"),
        pytest.param(_facts(temperature="38.5"), [Flag("fever", "体温 38.5℃")], id="38.5"),
        pytest.param(
            _facts(
                origin="北京朝阳",
                route=["上海浦东"],
                health_code=HealthCode.RED,
                star=True,
                temperature="37.5",
            ),
            [
                Flag("high", "来自高风险地区：北京市朝阳区"),
                Flag("medium", "途经中风险地区：上海市浦东新区"),
                Flag("health_code", "健康码为红码"),
                Flag("travel_star", "行程码带星号"),
                Flag("fever", "体温 37.5℃"),
            ],
            id="everything-in-a-fixed-order",
        ),
    ],
)
def test_visit_flags(facts: VisitFacts, flags: list[Flag]) -> None:
    assert visit_flags(facts, AREAS) == flags


def test_fever_reason_shows_one_decimal() -> None:
    facts = _facts(temperature="38")

    assert visit_flags(facts, AREAS) == [Flag("fever", "体温 38.0℃")]


def test_no_flags_when_the_epidemic_fields_are_switched_off() -> None:
    facts = _facts(origin="北京市朝阳区", health_code=HealthCode.RED, star=True, temperature="39.0")

    assert visit_flags(facts, AREAS, epidemic_fields=False) == []


def test_flag_codes_are_the_flag_code_values() -> None:
    assert [code.value for code in FlagCode] == [
        "high",
        "medium",
        "health_code",
        "travel_star",
        "fever",
    ]
    assert str(FlagCode.TRAVEL_STAR) == "travel_star"


# ---------------------------------------------------------------- monitoring length

DAYS = {"high": 14, "medium": 7, "health_code": 7, "travel_star": 7, "fever": 3}


@pytest.mark.parametrize(
    ("codes", "days"),
    [
        pytest.param([], 0, id="no-flag"),
        pytest.param(["medium"], 7, id="medium"),
        pytest.param(["high", "fever"], 14, id="high-is-longest"),
        pytest.param(["fever", "medium"], 7, id="medium-longer-than-fever"),
        pytest.param(["fever"], 3, id="fever-only"),
        pytest.param(["unknown"], 0, id="code-without-a-length"),
    ],
)
def test_monitoring_lasts_as_long_as_the_longest_reason(codes: list[str], days: int) -> None:
    flags = [Flag(code, "") for code in codes]

    assert monitoring_days(flags, DAYS) == days


def test_default_monitoring_days() -> None:
    assert dict(DEFAULT_MONITORING_DAYS) == {
        "high": 14,
        "medium": 7,
        "health_code": 7,
        "travel_star": 7,
        "fever": 7,
    }
    flags = visit_flags(_facts(origin="北京市朝阳区", temperature="38.0"), AREAS)
    assert monitoring_days(flags, DEFAULT_MONITORING_DAYS) == 14


def test_negative_length_in_settings_counts_as_zero() -> None:
    assert monitoring_days([Flag("fever", "")], {"fever": -3}) == 0


# ---------------------------------------------------------------- labels


def test_labels_are_chinese() -> None:
    assert (RiskLevel.MEDIUM.label, RiskLevel.HIGH.label) == ("中风险", "高风险")
    assert [c.label for c in HealthCode] == ["绿码", "黄码", "红码"]
    assert FlagCode.FEVER.label == "体温异常"


# ---------------------------------------------------------------- the administrator's list


def _fields(error: FormErrors) -> list[str | None]:
    return [e.field for e in error.errors]


def test_good_risk_area_input_is_trimmed_and_its_level_parsed() -> None:
    typed = RiskAreaInput(" 上海市浦东新区 ", "medium", date(2026, 11, 20), date(2026, 11, 30))

    cleaned = typed.cleaned()

    assert cleaned == RiskAreaInput(
        "上海市浦东新区", RiskLevel.MEDIUM, date(2026, 11, 20), date(2026, 11, 30)
    )
    assert cleaned.level is RiskLevel.MEDIUM
    assert typed.to_area() == PUDONG


@pytest.mark.parametrize(
    ("effective_to", "expected"),
    [
        pytest.param(None, None, id="until-further-notice"),
        pytest.param(date(2026, 11, 20), date(2026, 11, 20), id="one-day"),
        pytest.param(datetime(2026, 12, 1, 23, 59), date(2026, 12, 1), id="datetime-to-date"),
    ],
)
def test_risk_area_end_date(effective_to: date | None, expected: date | None) -> None:
    cleaned = RiskAreaInput("北京市朝阳区", RiskLevel.HIGH, date(2026, 11, 20), effective_to)

    assert cleaned.cleaned().effective_to == expected


def test_risk_area_with_every_field_wrong_reports_every_field() -> None:
    with pytest.raises(FormErrors) as caught:
        RiskAreaInput("", "low", None).cleaned()  # type: ignore[arg-type]

    assert _fields(caught.value) == ["name", "level", "effective_from"]
    assert [e.message for e in caught.value.errors] == [
        "请填写地区名称。",
        "请选择风险等级（中风险或高风险）。",
        "请填写生效日期。",
    ]


def test_risk_area_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(FormErrors) as caught:
        RiskAreaInput("北京市朝阳区", "high", date(2026, 11, 20), date(2026, 11, 19)).cleaned()

    assert _fields(caught.value) == ["effective_to"]
    assert caught.value.message == "解除日期不能早于生效日期。"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("区", "地区名称太短", id="suffix-only"),
        pytest.param("京", "地区名称太短", id="one-character"),
        pytest.param("地" * 101, "不能超过 100 个字", id="too-long"),
        pytest.param("北京\x00", "不可见", id="control-character"),
    ],
)
def test_bad_risk_area_name_is_refused(name: str, message: str) -> None:
    with pytest.raises(FormErrors) as caught:
        RiskAreaInput(name, RiskLevel.HIGH, DAY).cleaned()

    assert _fields(caught.value) == ["name"]
    assert message in caught.value.message


def test_risk_area_dates_must_be_dates() -> None:
    with pytest.raises(FormErrors) as caught:
        RiskAreaInput("北京市朝阳区", RiskLevel.HIGH, "2026-11-20", "x").cleaned()  # type: ignore[arg-type]

    assert _fields(caught.value) == ["effective_from", "effective_to"]
