"""Risk flags of a checkpoint visit: risk areas on the origin or route, health and travel codes,
fever; and how long a flagged person is monitored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from jinsha_desktop.domain.contact import FEVER_THRESHOLD
from jinsha_desktop.domain.errors import FieldChecks, ValidationError
from jinsha_desktop.domain.regions import NamePart, name_parts, split_place_name
from jinsha_desktop.domain.text import clean_name


class RiskLevel(StrEnum):
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return "高风险" if self is RiskLevel.HIGH else "中风险"


class HealthCode(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        return {"green": "绿码", "yellow": "黄码", "red": "红码"}[self.value]


class FlagCode(StrEnum):
    """Why a visit is flagged; also the keys of the monitoring length per reason in settings."""

    HIGH = "high"
    MEDIUM = "medium"
    HEALTH_CODE = "health_code"
    TRAVEL_STAR = "travel_star"
    FEVER = "fever"

    @property
    def label(self) -> str:
        return _FLAG_LABELS[self]


_FLAG_LABELS = {
    FlagCode.HIGH: "高风险地区",
    FlagCode.MEDIUM: "中风险地区",
    FlagCode.HEALTH_CODE: "健康码异常",
    FlagCode.TRAVEL_STAR: "行程码带星号",
    FlagCode.FEVER: "体温异常",
}

# Monitoring length in days by flag code, until the administrator sets other figures.
DEFAULT_MONITORING_DAYS: Mapping[str, int] = {
    FlagCode.HIGH: 14,
    FlagCode.MEDIUM: 7,
    FlagCode.HEALTH_CODE: 7,
    FlagCode.TRAVEL_STAR: 7,
    FlagCode.FEVER: 7,
}


@dataclass(frozen=True)
class RiskArea:
    """An area of an official notice, in force from `effective_from` to `effective_to`
    (both days included; None: until further notice)."""

    name: str
    level: RiskLevel
    effective_from: date
    effective_to: date | None = None

    def in_force_on(self, day: date) -> bool:
        """The rule; queries use its SQL twin, services.risk_areas.in_force (tested as one)."""
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


def areas_in_force(areas: Iterable[RiskArea], on: date) -> list[RiskArea]:
    return [area for area in areas if area.in_force_on(on)]


# ---------------------------------------------------------------- matching places to areas

# First parts of names that are provinces (after name_parts: "广西壮族自治区" -> "广西壮族").
# Municipalities are listed apart: "北京" is a province and a city at once, so it is never dropped.
_MUNICIPALITIES = frozenset({"北京", "天津", "上海", "重庆"})
_PROVINCES = frozenset(
    {
        "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
        "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "广西壮族", "海南", "四川",
        "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "宁夏回族", "新疆",
        "新疆维吾尔", "台湾", "香港", "澳门",
    }
)  # fmt: skip
_PROVINCE_LEVEL = _PROVINCES | _MUNICIPALITIES
_LONGEST_FIRST = sorted(_PROVINCE_LEVEL, key=lambda name: (-len(name), name))


def _parts(text: str) -> list[NamePart]:
    parts = split_place_name(text)
    if parts and parts[0].stem not in _PROVINCE_LEVEL:
        # "江苏南通" typed without suffixes: take the province off the front.
        first = parts[0]
        for province in _LONGEST_FIRST:
            if first.stem.startswith(province) and len(first.stem) - len(province) >= 2:
                parts[0:1] = [
                    NamePart(province),
                    NamePart(first.stem[len(province) :], first.suffix),
                ]
                break
    return parts


def _within(needles: Sequence[NamePart], hay: Sequence[NamePart]) -> bool:
    """Every needle found in the hay, in order. A needle lies inside one part of the hay
    ("南通" in "江苏南通") or covers whole parts ("广州荔湾" over 广州, 荔湾); it never straddles a
    border by halves, so "南通" is not found in 河南(省)通许(县)."""
    if not needles:
        return False
    key = "".join(part.stem for part in hay)
    owner: list[int] = []  # which part of the hay each character of the key belongs to
    borders = {0}
    for number, part in enumerate(hay):
        owner.extend([number] * len(part.stem))
        borders.add(len(owner))
    position = 0
    for needle in needles:
        found = key.find(needle.stem, position)
        while found >= 0:
            end = found + len(needle.stem)
            if owner[found] == owner[end - 1] or (found in borders and end in borders):
                break
            found = key.find(needle.stem, found + 1)
        if found < 0:
            return False
        position = found + len(needle.stem)
    return True


def _overlaps(upper: Sequence[NamePart], lower: Sequence[NamePart]) -> bool:
    """The last levels of `upper` are the first levels of `lower` (same stems, and the same
    suffix where both have one): "上海市浦东新区" and "浦东新区张江镇" meet at 浦东新区."""
    for count in range(1, min(len(upper), len(lower)) + 1):
        pairs = zip(upper[-count:], lower[:count], strict=True)
        if all(
            a.stem == b.stem and (a.suffix == b.suffix or not a.suffix or not b.suffix)
            for a, b in pairs
        ):
            return True
    return False


def _without_province(parts: list[NamePart], other: list[NamePart]) -> list[NamePart]:
    """`parts` without a leading province when `other` names none: "广东省广州市荔湾区" is
    compared with "广州市荔湾区中南街道" as "广州市荔湾区"."""
    if len(parts) > 1 and parts[0].stem in _PROVINCES and other[0].stem not in _PROVINCE_LEVEL:
        return parts[1:]
    return parts


def place_matches_area(place: str, area_name: str) -> bool:
    """True when the place and the area can be the same ground, one within the other.

    Names are compared level by level without their administrative suffixes (see
    `split_place_name`): "江苏省南通市通州区", "南通市通州区", "江苏南通通州" and "通州区金沙街道"
    all match the area "南通市通州区"; "北京市通州区" does not. A place less precise than the area
    matches too (the person may have been there): "上海" matches "上海市浦东新区". A leading
    province is ignored only when the other name has none and is not a municipality. A name
    shorter than two characters, once the suffixes are off, never matches.
    """
    place_parts, area_parts = _parts(place), _parts(area_name)
    if min(sum(len(p.stem) for p in parts) for parts in (place_parts, area_parts)) < 2:
        return False
    return (
        _within(_without_province(area_parts, place_parts), place_parts)
        or _within(_without_province(place_parts, area_parts), area_parts)
        or _overlaps(area_parts, place_parts)
        or _overlaps(place_parts, area_parts)
    )


def match_places(
    places: Sequence[str], areas: Sequence[RiskArea], on: date
) -> list[tuple[str, RiskArea]]:
    """(place, area) for every place that matches an area in force on `on`, in the order given."""
    in_force = areas_in_force(areas, on)
    return [
        (place, area)
        for place in places
        for area in in_force
        if place_matches_area(place, area.name)
    ]


# ---------------------------------------------------------------- flags of a visit


@dataclass(frozen=True)
class VisitFacts:
    origin: str
    route: Sequence[str]
    visit_date: date
    health_code: HealthCode | None = None
    travel_code_star: bool | None = None
    temperature: Decimal | None = None


@dataclass(frozen=True)
class Flag:
    code: str
    reason: str


def visit_flags(
    facts: VisitFacts, areas: Sequence[RiskArea], *, epidemic_fields: bool = True
) -> list[Flag]:
    """Why the visit needs follow-up, one flag per code, in the order high, medium, health code,
    travel code, fever; nothing when the epidemic fields are switched off (flood watch…)."""
    if not epidemic_fields:
        return []
    flags: list[Flag] = []
    origin_hits = [area for _, area in match_places([facts.origin], areas, facts.visit_date)]
    route_hits = [area for _, area in match_places(facts.route, areas, facts.visit_date)]
    for level, code in ((RiskLevel.HIGH, FlagCode.HIGH), (RiskLevel.MEDIUM, FlagCode.MEDIUM)):
        came_from = _names(area for area in origin_hits if area.level == level)
        passed = [
            n for n in _names(a for a in route_hits if a.level == level) if n not in came_from
        ]
        reasons = []
        if came_from:
            reasons.append(f"来自{level.label}地区：{'、'.join(came_from)}")
        if passed:
            reasons.append(f"途经{level.label}地区：{'、'.join(passed)}")
        if reasons:
            flags.append(Flag(code, "；".join(reasons)))
    if facts.health_code in (HealthCode.YELLOW, HealthCode.RED):
        colour = HealthCode(facts.health_code)
        flags.append(Flag(FlagCode.HEALTH_CODE, f"健康码为{colour.label}"))
    if facts.travel_code_star:
        flags.append(Flag(FlagCode.TRAVEL_STAR, "行程码带星号"))
    if facts.temperature is not None and facts.temperature >= FEVER_THRESHOLD:
        flags.append(Flag(FlagCode.FEVER, f"体温 {facts.temperature:.1f}℃"))
    return flags


def _names(areas: Iterable[RiskArea]) -> list[str]:
    return list(dict.fromkeys(area.name for area in areas))


def monitoring_days(flags: Sequence[Flag], days_by_reason: Mapping[str, int]) -> int:
    """The longest monitoring any flag asks for; 0 for no flag (or codes without a length)."""
    return max((max(days_by_reason.get(flag.code, 0), 0) for flag in flags), default=0)


# ---------------------------------------------------------------- the administrator's list


def risk_level(value: RiskLevel | str | None) -> RiskLevel:
    try:
        return RiskLevel(value or "")
    except ValueError:
        raise ValidationError("请选择风险等级（中风险或高风险）。", "level") from None


def _day(value: date | None, label: str, field: str) -> date:
    if value is None:
        raise ValidationError(f"请填写{label}。", field)
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise ValidationError(f"{label}应为日期。", field)
    return value


def _area_name(value: str) -> str:
    name = clean_name(value, "地区名称", "name", max_length=100)
    if len("".join(name_parts(name))) < 2:
        raise ValidationError("地区名称太短，请按通报写完整，如 上海市浦东新区。", "name")
    return name


@dataclass(frozen=True)
class RiskAreaInput:
    """A risk area as typed by the administrator; `cleaned()` checks every field at once.

    A missing start date (None from a form or an import) is reported on its field, although the
    type says date: once cleaned, the start date is always there."""

    name: str
    level: RiskLevel | str
    effective_from: date
    effective_to: date | None = None

    def cleaned(self) -> RiskAreaInput:
        checks = FieldChecks()
        name = checks.check(_area_name, self.name)
        level = checks.check(risk_level, self.level)
        start = checks.check(_day, self.effective_from, "生效日期", "effective_from")
        end = None
        if self.effective_to is not None:
            end = checks.check(_day, self.effective_to, "解除日期", "effective_to")
            if start is not None and end is not None and end < start:
                checks.fail("解除日期不能早于生效日期。", "effective_to")
        checks.raise_errors()
        assert level is not None and start is not None
        return RiskAreaInput(name=name or "", level=level, effective_from=start, effective_to=end)

    def to_area(self) -> RiskArea:
        """The cleaned input as a RiskArea (raises FormErrors like `cleaned`)."""
        clean = self.cleaned()
        return RiskArea(
            clean.name, risk_level(clean.level), clean.effective_from, clean.effective_to
        )
