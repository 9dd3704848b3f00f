"""The red/black list (红黑榜): periods, the administrator's ranking rules, and the ranking itself.

Units (villages and communities) are ranked on the percent (得分率) of their submitted
inspections in a month or a quarter: several inspections combine by their mean, the latest or
the lowest; a unit not inspected is left out, put at the bottom or given a set score; each open
overdue finding may cost points; ties break by the more recent inspection, fewer findings or the
name. The best units go on the red list and the worst on the black list, by count or by score,
and a vetoed unit goes on the black list whatever its score. Published rankings keep the rules
they were made under (`RankingRules.to_json`).
"""

from __future__ import annotations

import json
import re
import uuid
from bisect import bisect_left, bisect_right
from calendar import monthrange
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Literal, cast

from jinsha_desktop.domain.errors import FieldChecks, FormErrors, ValidationError

CENTS = Decimal("0.01")
ZERO = Decimal("0")
HUNDRED = Decimal("100")

PeriodKind = Literal["month", "quarter"]
Combine = Literal["mean", "latest", "lowest"]
Missing = Literal["leave_out", "bottom", "score"]
TieBreak = Literal["latest_date", "fewer_findings", "name"]
Listing = Literal["red", "black", ""]

QUARTER_NAMES = ("一", "二", "三", "四")
PERIOD_FORMAT = re.compile(r"^\s*(\d{4})\s*-?\s*(?:([qQ])\s*(\d)|(\d{1,2}))\s*$")
FULL_WIDTH = str.maketrans("０１２３４５６７８９－Ｑｑ", "0123456789-Qq")
"""Typed with a Chinese input method still on."""
PERIOD_HINT = "期间应写成 2026-10（月）或 2026Q4（季度）。"

COMBINE_LABELS: dict[str, str] = {"mean": "取平均分", "latest": "取最近一次", "lowest": "取最低分"}
MISSING_LABELS: dict[str, str] = {
    "leave_out": "不参加排名",
    "bottom": "排在最后",
    "score": "按设定分数排名",
}
TIE_BREAK_LABELS: dict[str, str] = {
    "latest_date": "最近检查日期较晚者在前",
    "fewer_findings": "问题数较少者在前",
    "name": "按名称排序",
}
LISTING_LABELS: dict[str, str] = {"red": "红榜", "black": "黑榜", "": ""}


@dataclass(frozen=True, order=True)
class Period:
    """A month (index 1–12) or a quarter (index 1–4) of a year."""

    kind: PeriodKind
    year: int
    index: int

    def __post_init__(self) -> None:
        if self.kind not in ("month", "quarter"):
            raise ValidationError(PERIOD_HINT, "period")
        if not 2000 <= self.year <= 2099:
            raise ValidationError("期间的年份应在 2000 到 2099 之间。", "period")
        if not 1 <= self.index <= (12 if self.kind == "month" else 4):
            raise ValidationError(
                "月份应为 1 到 12。" if self.kind == "month" else "季度应为 1 到 4。", "period"
            )

    @classmethod
    def parse(cls, text: str) -> Period:
        """ "2026-10" (a month), "2026Q4" or "2026-Q4" (a quarter)."""
        match = PERIOD_FORMAT.match(str(text or "").translate(FULL_WIDTH))
        if match is None:
            raise ValidationError(PERIOD_HINT, "period")
        year, quarter_mark, quarter, month = match.groups()
        if quarter_mark:
            return cls("quarter", int(year), int(quarter))
        return cls("month", int(year), int(month))

    @classmethod
    def containing(cls, kind: PeriodKind, day: date) -> Period:
        """The month or quarter `day` falls in."""
        index = day.month if kind == "month" else (day.month - 1) // 3 + 1
        return cls(kind, day.year, index)

    @classmethod
    def last(cls, n: int, ending: Period) -> list[Period]:
        """`n` periods of `ending`'s kind, oldest first, the last being `ending`."""
        periods = [ending]
        while len(periods) < n:
            periods.append(periods[-1].previous())
        return periods[::-1]

    @property
    def first_month(self) -> int:
        return self.index if self.kind == "month" else (self.index - 1) * 3 + 1

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        """The last day (inclusive)."""
        last_month = self.index if self.kind == "month" else self.index * 3
        return date(self.year, last_month, monthrange(self.year, last_month)[1])

    def next(self) -> Period:
        last = 12 if self.kind == "month" else 4
        if self.index == last:
            return Period(self.kind, min(self.year + 1, 2099), 1)
        return Period(self.kind, self.year, self.index + 1)

    def previous(self) -> Period:
        if self.index == 1:
            return Period(self.kind, max(self.year - 1, 2000), 12 if self.kind == "month" else 4)
        return Period(self.kind, self.year, self.index - 1)

    @property
    def key(self) -> str:
        return (
            f"{self.year}-{self.index:02d}" if self.kind == "month" else f"{self.year}Q{self.index}"
        )

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.year}年{self.index}月"
        return f"{self.year}年第{QUARTER_NAMES[self.index - 1]}季度"

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True)
class RankingRules:
    combine: Combine = "mean"
    """How several inspections of a unit in the period combine."""
    missing: Missing = "leave_out"
    """A unit without a submitted inspection: left out, at the bottom, or given missing_score."""
    missing_score: Decimal = ZERO
    red_count: int = 3
    """At most this many units on the red list (0: no limit by count)."""
    black_count: int = 3
    red_at_least: Decimal | None = None
    """Only a unit scoring at least this goes on the red list (None: by count only)."""
    black_below: Decimal | None = None
    """Only a unit scoring below this goes on the black list (None: by count only)."""
    veto_to_black: bool = True
    """A unit with a vetoed inspection counted in the period goes on the black list."""
    overdue_penalty: Decimal = ZERO
    """Points off the score per open overdue finding at the period's end (0: none)."""
    tie_break: TieBreak = "fewer_findings"

    def to_json(self) -> str:
        values: dict[str, Any] = asdict(self)
        for key, value in values.items():
            if isinstance(value, Decimal):
                values[key] = f"{value:f}"
        return json.dumps(values, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> RankingRules:
        """Stored rules; unreadable or missing values fall back to the defaults."""
        try:
            stored = json.loads(text or "{}")
        except ValueError:
            stored = {}
        if not isinstance(stored, dict):
            stored = {}
        defaults = asdict(cls())
        known = {key: stored[key] for key in defaults if key in stored}
        try:
            return cls(**known).cleaned()
        except (ValidationError, FormErrors, TypeError):
            return cls()

    def cleaned(self) -> RankingRules:
        """Rules that can rank, values normalised; FormErrors naming every bad field."""
        checks = FieldChecks()
        values: dict[str, Any] = {}
        for name, labels in (
            ("combine", COMBINE_LABELS),
            ("missing", MISSING_LABELS),
            ("tie_break", TIE_BREAK_LABELS),
        ):
            if getattr(self, name) not in labels:
                checks.fail("请从列表中选择。", name)
        for name, label in (("red_count", "红榜名额"), ("black_count", "黑榜名额")):
            count = getattr(self, name)
            if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 100:
                checks.fail(f"{label}应为 0 到 100 的整数。", name)
        for name, label, optional in (
            ("missing_score", "未检查单位的得分", False),
            ("red_at_least", "红榜分数线", True),
            ("black_below", "黑榜分数线", True),
            ("overdue_penalty", "每个超期问题扣分", False),
        ):
            values[name] = checks.check(_score_of, getattr(self, name), label, name, optional)
        if not isinstance(self.veto_to_black, bool):
            checks.fail("请选择是或否。", "veto_to_black")
        checks.raise_errors()
        red, black = values["red_at_least"], values["black_below"]
        if red is not None and black is not None and black > red:
            raise ValidationError("黑榜分数线不能高于红榜分数线。", "black_below")
        return replace(self, **values)


def _score_of(value: object, label: str, name: str, optional: bool) -> Decimal | None:
    if value is None or value == "":
        if optional:
            return None
        raise ValidationError(f"请填写{label}。", name)
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(f"{label}应为 0 到 100 的分数。", name) from None
    if not amount.is_finite() or not ZERO <= amount <= HUNDRED:
        raise ValidationError(f"{label}应为 0 到 100 的分数。", name)
    return amount.quantize(CENTS, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class UnitScores:
    unit_id: uuid.UUID
    unit_name: str
    scores: tuple[tuple[date, Decimal, bool], ...]
    """(inspected on, percent, vetoed) of each submitted inspection in the period."""
    overdue: int = 0
    """Open overdue findings at the period's end."""
    findings: int = 0
    """Findings in the period (the fewer_findings tie-break)."""
    count: int | None = None
    """When the database already combined the scores (the one tuple is the combined result):
    how many inspections were behind it."""

    @property
    def inspections(self) -> int:
        return len(self.scores) if self.count is None else self.count


@dataclass(frozen=True)
class RankedUnit:
    unit_id: uuid.UUID
    unit_name: str
    position: int | None
    """1 = best; units equal in score and tie-break share a position; None: left out."""
    score: Decimal | None
    """The combined percent less the penalty (None: not inspected and not given a score)."""
    inspections: int
    penalty: Decimal
    vetoed: bool
    listed: Listing
    previous_position: int | None = None
    main_deductions: str = ""
    """The unit's largest deductions in the period (filled for the black list)."""
    latest: date | None = None
    findings: int = 0
    overdue: int = 0

    @property
    def change(self) -> int | None:
        """Places gained since the previous period (positive: up), None if either is missing."""
        if self.position is None or self.previous_position is None:
            return None
        return self.previous_position - self.position


@dataclass(frozen=True)
class RankingNotice:
    """What the one-page notice prints (reports/ranking_notice.py)."""

    title: str
    issuer: str
    period_label: str
    edition: int
    published_at: datetime
    red: list[RankedUnit]
    black: list[tuple[RankedUnit, list[str]]]
    units: int = 0
    """Units ranked (the notice says out of how many)."""
    note: str = ""


def notice_title(issuer: str, period: Period) -> str:
    return f"{issuer}{period.label}人居环境和文明城市长效管理红黑榜"


def combine_scores(
    scores: Sequence[tuple[date, Decimal, bool]], combine: str
) -> tuple[Decimal, bool, date]:
    """The combined percent, whether a counted inspection was vetoed, and the latest date.

    "latest" takes the latest day's inspections (their mean if there were several that day);
    mean and lowest count every inspection's veto.
    """
    latest = max(day for day, _, _ in scores)
    if combine == "latest":
        scores = [score for score in scores if score[0] == latest]
    percents = [percent for _, percent, _ in scores]
    if combine == "lowest":
        value = min(percents)
    else:
        value = sum(percents, ZERO) / len(percents)
    vetoed = any(vetoed for _, _, vetoed in scores)
    return value.quantize(CENTS, rounding=ROUND_HALF_UP), vetoed, latest


@dataclass
class _Candidate:
    unit: UnitScores
    score: Decimal | None
    penalty: Decimal
    vetoed: bool
    latest: date | None
    position: int | None = None
    listed: Listing = ""
    extra: dict[str, Any] = field(default_factory=dict)


def rank_units(
    units: Sequence[UnitScores],
    rules: RankingRules,
    previous: Mapping[uuid.UUID, int | None] | None = None,
) -> list[RankedUnit]:
    """The ranking: ranked units best first, then units at the bottom, then those left out
    (by name). `previous` is each unit's position in the previous period."""
    ranked: list[_Candidate] = []
    bottom: list[_Candidate] = []
    left_out: list[_Candidate] = []
    for unit in units:
        penalty = (rules.overdue_penalty * unit.overdue).quantize(CENTS)
        if unit.scores:
            value, vetoed, latest = combine_scores(unit.scores, rules.combine)
            score = max(value - penalty, ZERO).quantize(CENTS)
            ranked.append(_Candidate(unit, score, penalty, vetoed, latest))
        elif rules.missing == "score":
            score = max(rules.missing_score - penalty, ZERO).quantize(CENTS)
            ranked.append(_Candidate(unit, score, penalty, False, None))
        elif rules.missing == "bottom":
            bottom.append(_Candidate(unit, None, ZERO, False, None))
        else:
            left_out.append(_Candidate(unit, None, ZERO, False, None))

    def tie_key(candidate: _Candidate) -> tuple[Any, ...]:
        if rules.tie_break == "latest_date":
            return (-(candidate.latest or date.min).toordinal(),)
        if rules.tie_break == "fewer_findings":
            return (candidate.unit.findings,)
        return (candidate.unit.unit_name,)

    def order_key(candidate: _Candidate) -> tuple[Any, ...]:
        return (-cast(Decimal, candidate.score), *tie_key(candidate))

    ranked.sort(key=lambda c: (*order_key(c), c.unit.unit_name, str(c.unit.unit_id)))
    for number, candidate in enumerate(ranked, start=1):
        before = ranked[number - 2] if number > 1 else None
        same = before is not None and order_key(before) == order_key(candidate)
        candidate.position = before.position if same and before else number
    bottom.sort(key=lambda c: (c.unit.unit_name, str(c.unit.unit_id)))
    for candidate in bottom:
        candidate.position = len(ranked) + 1
    left_out.sort(key=lambda c: (c.unit.unit_name, str(c.unit.unit_id)))
    _list(ranked + bottom, rules)
    previous = previous or {}
    return [
        RankedUnit(
            unit_id=c.unit.unit_id,
            unit_name=c.unit.unit_name,
            position=c.position,
            score=c.score,
            inspections=c.unit.inspections,
            penalty=c.penalty,
            vetoed=c.vetoed,
            listed=c.listed,
            previous_position=previous.get(c.unit.unit_id),
            latest=c.latest,
            findings=c.unit.findings,
            overdue=c.unit.overdue,
        )
        for c in ranked + bottom + left_out
    ]


def _list(candidates: list[_Candidate], rules: RankingRules) -> None:
    """Red and black lists among the ranked units (positions set). Ties at a cut are all in.
    A vetoed unit is never red and takes no red place; under veto_to_black it is black besides
    the black places. A unit that would be on both lists (few units) is red."""
    positions = sorted(cast(int, c.position) for c in candidates)
    unvetoed = sorted(cast(int, c.position) for c in candidates if not c.vetoed)
    for candidate in candidates:
        position = cast(int, candidate.position)
        worse = len(positions) - bisect_right(positions, position)
        red_place = 1 + bisect_left(unvetoed, position)
        score = candidate.score
        red = (
            not candidate.vetoed
            and score is not None
            and (rules.red_count or rules.red_at_least is not None)
            and (not rules.red_count or red_place <= rules.red_count)
            and (rules.red_at_least is None or score >= rules.red_at_least)
        )
        black = (
            (rules.black_count or rules.black_below is not None)
            and (not rules.black_count or worse < rules.black_count)
            and (rules.black_below is None or score is None or score < rules.black_below)
        )
        if candidate.vetoed and rules.veto_to_black:
            candidate.listed = "black"
        elif red:
            candidate.listed = "red"
        elif black:
            candidate.listed = "black"


def deduction_line(text: str, points: Decimal, times: int) -> str:
    """One main deduction as printed: the item and the points it lost in the period."""
    plain = f"{points.normalize():f}" if points == points.to_integral() else f"{points:f}"
    counted = f"，{times}次" if times > 1 else ""
    return f"{text}（扣{plain}分{counted}）"
