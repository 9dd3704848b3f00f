"""The ranking rules (domain/rankings.py), table-driven: how inspections combine, units not
inspected, red and black lists by count and by threshold, vetoes, the overdue penalty, ties,
the previous position; periods and the rules' own checks."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from jinsha_desktop.domain.errors import FormErrors, ValidationError
from jinsha_desktop.domain.rankings import (
    Period,
    RankedUnit,
    RankingRules,
    UnitScores,
    deduction_line,
    rank_units,
)

D = Decimal


def unit(
    name: str,
    *scores: tuple[int, str] | tuple[int, str, bool],
    overdue: int = 0,
    findings: int = 0,
) -> UnitScores:
    """A unit named `name` with (day of October, percent[, vetoed]) inspections."""
    return UnitScores(
        uuid.uuid5(uuid.NAMESPACE_DNS, name),
        name,
        tuple((date(2026, 10, s[0]), D(s[1]), bool(s[2]) if len(s) > 2 else False) for s in scores),
        overdue=overdue,
        findings=findings,
    )


def table(rows: list[RankedUnit]) -> list[tuple[str, int | None, str | None, str]]:
    return [
        (r.unit_name, r.position, None if r.score is None else f"{r.score}", r.listed) for r in rows
    ]


NO_LISTS = {"red_count": 0, "black_count": 0}

CASES: list[tuple[str, list[UnitScores], dict[str, Any], list[tuple[Any, ...]]]] = [
    (
        "mean of several inspections",
        [unit("甲", (1, "90"), (20, "81")), unit("乙", (5, "86"))],
        NO_LISTS,
        [("乙", 1, "86.00", ""), ("甲", 2, "85.50", "")],
    ),
    (
        "latest inspection",
        [unit("甲", (1, "90"), (20, "81")), unit("乙", (5, "86"))],
        {**NO_LISTS, "combine": "latest"},
        [("乙", 1, "86.00", ""), ("甲", 2, "81.00", "")],
    ),
    (
        "latest day with two inspections takes their mean",
        [unit("甲", (1, "99"), (20, "80"), (20, "90")), unit("乙", (5, "86"))],
        {**NO_LISTS, "combine": "latest"},
        [("乙", 1, "86.00", ""), ("甲", 2, "85.00", "")],
    ),
    (
        "lowest inspection",
        [unit("甲", (1, "99"), (20, "70")), unit("乙", (5, "86"))],
        {**NO_LISTS, "combine": "lowest"},
        [("乙", 1, "86.00", ""), ("甲", 2, "70.00", "")],
    ),
    (
        "unit not inspected left out",
        [unit("甲", (1, "90")), unit("丙"), unit("乙", (5, "80"))],
        NO_LISTS,
        [("甲", 1, "90.00", ""), ("乙", 2, "80.00", ""), ("丙", None, None, "")],
    ),
    (
        "unit not inspected at the bottom, on the black list",
        [unit("甲", (1, "90")), unit("丙"), unit("乙", (5, "80"))],
        {"missing": "bottom", "red_count": 1, "black_count": 1},
        [("甲", 1, "90.00", "red"), ("乙", 2, "80.00", ""), ("丙", 3, None, "black")],
    ),
    (
        "unit not inspected given a score",
        [unit("甲", (1, "90")), unit("丙"), unit("乙", (5, "80"))],
        {**NO_LISTS, "missing": "score", "missing_score": D("85")},
        [("甲", 1, "90.00", ""), ("丙", 2, "85.00", ""), ("乙", 3, "80.00", "")],
    ),
    (
        "red and black by count",
        [unit(n, (1, p)) for n, p in (("甲", "95"), ("乙", "90"), ("丙", "85"), ("丁", "80"))],
        {"red_count": 1, "black_count": 2},
        [
            ("甲", 1, "95.00", "red"),
            ("乙", 2, "90.00", ""),
            ("丙", 3, "85.00", "black"),
            ("丁", 4, "80.00", "black"),
        ],
    ),
    (
        "red and black by threshold only",
        [unit(n, (1, p)) for n, p in (("甲", "95"), ("乙", "90"), ("丙", "85"), ("丁", "80"))],
        {"red_count": 0, "black_count": 0, "red_at_least": D("90"), "black_below": D("85")},
        [
            ("甲", 1, "95.00", "red"),
            ("乙", 2, "90.00", "red"),
            ("丙", 3, "85.00", ""),
            ("丁", 4, "80.00", "black"),
        ],
    ),
    (
        "count and threshold together",
        [unit(n, (1, p)) for n, p in (("甲", "95"), ("乙", "90"), ("丙", "85"), ("丁", "80"))],
        {"red_count": 3, "black_count": 3, "red_at_least": D("92"), "black_below": D("82")},
        [
            ("甲", 1, "95.00", "red"),
            ("乙", 2, "90.00", ""),
            ("丙", 3, "85.00", ""),
            ("丁", 4, "80.00", "black"),
        ],
    ),
    (
        "vetoed unit to the black list whatever its score",
        [unit("甲", (1, "95", True)), unit("乙", (1, "90")), unit("丙", (1, "85"))],
        {"red_count": 1, "black_count": 1},
        [("甲", 1, "95.00", "black"), ("乙", 2, "90.00", "red"), ("丙", 3, "85.00", "black")],
    ),
    (
        "vetoed unit not sent to black when the rules say so, and never red",
        [unit("甲", (1, "95", True)), unit("乙", (1, "90")), unit("丙", (1, "85"))],
        {"red_count": 1, "black_count": 1, "veto_to_black": False},
        [("甲", 1, "95.00", ""), ("乙", 2, "90.00", "red"), ("丙", 3, "85.00", "black")],
    ),
    (
        "latest combine forgets an earlier veto",
        [unit("甲", (1, "95", True), (9, "92")), unit("乙", (1, "90"))],
        {"combine": "latest", "red_count": 1, "black_count": 1},
        [("甲", 1, "92.00", "red"), ("乙", 2, "90.00", "black")],
    ),
    (
        "overdue penalty on",
        [unit("甲", (1, "95"), overdue=3), unit("乙", (1, "90"))],
        {**NO_LISTS, "overdue_penalty": D("2")},
        [("乙", 1, "90.00", ""), ("甲", 2, "89.00", "")],
    ),
    (
        "overdue penalty off",
        [unit("甲", (1, "95"), overdue=3), unit("乙", (1, "90"))],
        NO_LISTS,
        [("甲", 1, "95.00", ""), ("乙", 2, "90.00", "")],
    ),
    (
        "penalty never below zero",
        [unit("甲", (1, "5"), overdue=3)],
        {**NO_LISTS, "overdue_penalty": D("10")},
        [("甲", 1, "0.00", "")],
    ),
    (
        "tie broken by fewer findings",
        [unit("甲", (1, "90"), findings=4), unit("乙", (2, "90"), findings=1)],
        {**NO_LISTS, "tie_break": "fewer_findings"},
        [("乙", 1, "90.00", ""), ("甲", 2, "90.00", "")],
    ),
    (
        "tie broken by the more recent inspection",
        [unit("甲", (9, "90")), unit("乙", (2, "90"))],
        {**NO_LISTS, "tie_break": "latest_date"},
        [("甲", 1, "90.00", ""), ("乙", 2, "90.00", "")],
    ),
    (
        "tie broken by name",
        [unit("乙", (2, "90")), unit("甲", (9, "90"))],
        {**NO_LISTS, "tie_break": "name"},
        [("乙", 1, "90.00", ""), ("甲", 2, "90.00", "")],
    ),
    (
        "a full tie shares the position and both are listed",
        [
            unit("甲", (1, "95")),
            unit("乙", (1, "90")),
            unit("丙", (1, "90")),
            unit("丁", (1, "80")),
        ],
        {"red_count": 2, "black_count": 0, "tie_break": "fewer_findings"},
        [
            ("甲", 1, "95.00", "red"),
            ("丙", 2, "90.00", "red"),
            ("乙", 2, "90.00", "red"),
            ("丁", 4, "80.00", ""),
        ],
    ),
]


@pytest.mark.parametrize(
    ("units", "rules", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_rank_units(
    units: list[UnitScores], rules: dict[str, Any], expected: list[tuple[Any, ...]]
) -> None:
    assert table(rank_units(units, RankingRules(**rules).cleaned())) == expected


def test_previous_position_and_change() -> None:
    units = [unit("甲", (1, "90")), unit("乙", (1, "80")), unit("丙")]
    previous = {units[0].unit_id: 2, units[1].unit_id: 1}
    rows = {r.unit_name: r for r in rank_units(units, RankingRules(), previous)}
    assert (rows["甲"].previous_position, rows["甲"].change) == (2, 1)
    assert (rows["乙"].previous_position, rows["乙"].change) == (1, -1)
    assert rows["丙"].previous_position is None and rows["丙"].change is None
    assert rows["甲"].inspections == 1 and rows["丙"].inspections == 0


def test_scores_combined_by_the_database_keep_their_count() -> None:
    combined = UnitScores(uuid.uuid4(), "甲", ((date(2026, 10, 9), D("88.50"), False),), count=7)
    [row] = rank_units([combined], RankingRules())
    assert (row.score, row.inspections) == (D("88.50"), 7)


@pytest.mark.parametrize(
    ("text", "key", "label", "start", "end"),
    [
        ("2026-10", "2026-10", "2026年10月", date(2026, 10, 1), date(2026, 10, 31)),
        ("2026-2", "2026-02", "2026年2月", date(2026, 2, 1), date(2026, 2, 28)),
        ("2024-02", "2024-02", "2024年2月", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026Q4", "2026Q4", "2026年第四季度", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026-Q1", "2026Q1", "2026年第一季度", date(2026, 1, 1), date(2026, 3, 31)),
        (" 2026q3 ", "2026Q3", "2026年第三季度", date(2026, 7, 1), date(2026, 9, 30)),
        ("２０２６－１１", "2026-11", "2026年11月", date(2026, 11, 1), date(2026, 11, 30)),
        ("２０２６Ｑ２", "2026Q2", "2026年第二季度", date(2026, 4, 1), date(2026, 6, 30)),
    ],
)
def test_periods(text: str, key: str, label: str, start: date, end: date) -> None:
    period = Period.parse(text)
    assert (period.key, period.label, period.start, period.end) == (key, label, start, end)
    assert Period.parse(period.key) == period


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13", "月份应为 1 到 12。"),
        ("2026Q5", "季度应为 1 到 4。"),
        ("十月", "期间应写成 2026-10（月）或 2026Q4（季度）。"),
        ("", "期间应写成"),
        ("1999-01", "年份应在 2000 到 2099 之间"),
    ],
)
def test_bad_periods_are_refused_in_chinese(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Period.parse(text)


def test_previous_next_and_last() -> None:
    assert Period.parse("2026-01").previous().key == "2025-12"
    assert Period.parse("2026Q1").previous().key == "2025Q4"
    assert Period.parse("2026-12").next().key == "2027-01"
    assert [p.key for p in Period.last(3, Period.parse("2026Q1"))] == [
        "2025Q3",
        "2025Q4",
        "2026Q1",
    ]
    assert Period.containing("quarter", date(2026, 11, 5)).key == "2026Q4"


def test_rules_round_trip_through_json() -> None:
    rules = RankingRules(
        combine="lowest",
        missing="score",
        missing_score=D("60"),
        red_at_least=D("95.5"),
        black_below=D("70"),
        overdue_penalty=D("0.5"),
        tie_break="name",
        veto_to_black=False,
    ).cleaned()
    assert RankingRules.from_json(rules.to_json()) == rules
    assert RankingRules.from_json("not json") == RankingRules()
    assert RankingRules.from_json('{"red_count": -4}') == RankingRules()


def test_bad_rules_name_every_field() -> None:
    with pytest.raises(FormErrors) as raised:
        RankingRules(
            combine="median",  # type: ignore[arg-type]
            red_count=101,
            missing_score=D("-1"),
            overdue_penalty="x",  # type: ignore[arg-type]
        ).cleaned()
    assert {e.field for e in raised.value.errors} == {
        "combine",
        "red_count",
        "missing_score",
        "overdue_penalty",
    }
    with pytest.raises(ValidationError, match="黑榜分数线不能高于红榜分数线"):
        RankingRules(red_at_least=D("80"), black_below=D("90")).cleaned()


def test_deduction_line() -> None:
    assert deduction_line("沟渠淤塞", D("6.00"), 2) == "沟渠淤塞（扣6分，2次）"
    assert deduction_line("路面有垃圾", D("1.50"), 1) == "路面有垃圾（扣1.50分）"
