"""The scoring rule of an inspection (domain/inspections.score_inspection), table-driven: caps per
item and per section, "not applicable" out of the maximum, vetoes that set or keep the score,
and the checks that refuse what cannot be scored (a deduction beyond its cap, a checklist
without items, a bad count)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jinsha_desktop.domain.checklists import DEFAULT_CHECKLISTS
from jinsha_desktop.domain.errors import FormErrors, ValidationError
from jinsha_desktop.domain.inspections import (
    Answer,
    ItemRule,
    SectionRule,
    VetoMode,
    check_answer,
    check_checklist,
    missing_photos,
    occurrences_of,
    points_of,
    score_inspection,
)

D = Decimal


def item(section: int, points: str, cap: str, **flags: bool) -> ItemRule:
    return ItemRule(section, f"项{section}-{points}-{cap}", D(points), D(cap), **flags)


ROAD = SectionRule("道路", D(10))
RIVER = SectionRule("河道", None)
# Two sections: 道路 (cap 10) over items of caps 6 and 6; 河道 (no cap) over caps 5 and 3.
SECTIONS = (ROAD, RIVER)
ITEMS = (
    item(0, "1", "6"),
    item(0, "0.5", "6"),
    item(1, "2", "5", na_allowed=True),
    item(1, "1", "3", veto=True),
)


def answers(*counts: int | str) -> list[Answer]:
    """An answer per item: a count, or "na" for not applicable."""
    return [Answer(0, True) if c == "na" else Answer(int(c)) for c in counts]


@pytest.mark.parametrize(
    ("counts", "score", "maximum", "percent", "lost"),
    [
        ((0, 0, 0, 0), "18", "18", "100.00", "0"),
        ((2, 0, 0, 0), "16", "18", "88.89", "2"),
        ((9, 0, 0, 0), "12", "18", "66.67", "6"),  # the item's cap: 6, not 9
        ((6, 12, 0, 0), "8", "18", "44.44", "10"),  # the section's cap: 10, not 6 + 6
        ((0, 3, 2, 0), "12.5", "18", "69.44", "5.5"),
        ((0, 0, "na", 0), "13", "13", "100.00", "0"),  # N/A leaves the maximum
        ((0, 0, "na", "na"), "10", "10", "100.00", "0"),
        ((4, 0, "na", 0), "9", "13", "69.23", "4"),  # the percent is of what applies
        ((0, 0, 3, 0), "13", "18", "72.22", "5"),  # 3 × 2 capped at 5
    ],
    ids=[
        "nothing-found",
        "two-occurrences",
        "item-cap",
        "section-cap",
        "half-points",
        "not-applicable",
        "all-of-a-section-not-applicable",
        "percent-of-what-applies",
        "cap-in-an-uncapped-section",
    ],
)
def test_deductions_caps_and_not_applicable(counts, score, maximum, percent, lost):
    result = score_inspection(SECTIONS, ITEMS, answers(*counts))
    assert (result.score, result.maximum, result.percent, result.lost) == (
        D(score),
        D(maximum),
        D(percent),
        D(lost),
    )
    assert result.vetoed is False


def test_each_items_deduction_and_each_sections_loss_are_kept():
    result = score_inspection(SECTIONS, ITEMS, answers(9, 12, "na", 0))
    assert result.item_deductions == (D(6), D(6), D(0), D(0))
    assert result.section_losses == (D(10), D(0))
    assert result.section_maxima == (D(10), D(3))


@pytest.mark.parametrize(
    ("mode", "veto_score", "counts", "score", "vetoed"),
    [
        (VetoMode.SET, "0", (0, 0, 0, 1), "0", True),
        (VetoMode.SET, "6", (0, 0, 0, 1), "6", True),
        (VetoMode.SET, "60", (0, 0, 0, 1), "18", True),  # never above the maximum
        (VetoMode.KEEP, "0", (2, 0, 0, 1), "15", True),  # kept (18 − 2 − 1), still failed
        (VetoMode.SET, "0", (2, 0, 0, 0), "16", False),  # the veto item not found
        (VetoMode.SET, "0", (0, 0, 0, "na"), "15", False),  # not applicable: no veto
    ],
    ids=["set-to-0", "set-to-6", "set-no-more-than-maximum", "keep", "no-veto", "veto-na"],
)
def test_a_veto_sets_or_keeps_the_score_and_fails_either_way(
    mode, veto_score, counts, score, vetoed
):
    sections_items = ITEMS[:3] + (item(1, "1", "3", veto=True, na_allowed=True),)
    result = score_inspection(SECTIONS, sections_items, answers(*counts), mode, D(veto_score))
    assert (result.score, result.vetoed) == (D(score), vetoed)


def test_a_vetoed_inspection_keeps_its_percent_from_the_score_it_was_given():
    result = score_inspection(SECTIONS, ITEMS, answers(0, 0, 0, 1), VetoMode.SET, D(9))
    assert (result.score, result.maximum, result.percent) == (D(9), D(18), D("50.00"))


@pytest.mark.parametrize("content", DEFAULT_CHECKLISTS, ids=["rural", "civil"])
def test_the_default_checklists_go_from_100_to_0(content):
    sections, items = content.rules()
    clean = score_inspection(sections, items, [Answer()] * len(items))
    assert (clean.score, clean.maximum, clean.percent) == (D(100), D(100), D(100))
    at_caps = [Answer(999 if not rule.veto else 0) for rule in items]
    assert score_inspection(sections, items, at_caps).score == D(0)
    vetoed = [Answer(1 if rule.veto else 0) for rule in items]
    result = score_inspection(sections, items, vetoed, content.veto_mode, content.veto_score)
    assert (result.score, result.vetoed) == (D(0), True)
    every_na = [Answer(0, rule.na_allowed) for rule in items]
    assert score_inspection(sections, items, every_na).maximum < D(100)


# ---------------------------------------------------------------- what is refused


@pytest.mark.parametrize(
    ("sections", "items", "fields", "message"),
    [
        ((), (), {"items"}, "检查清单至少要有一个检查项，请添加后再保存。"),
        (
            (ROAD,),
            (item(0, "4", "3"),),
            {"item:0"},
            "每次扣 4 分，超过了本项封顶 3 分。",
        ),
        ((ROAD, RIVER), (item(0, "1", "3"),), {"section:1"}, "分类“河道”没有检查项。"),
        ((SectionRule("", None),), (item(0, "1", "3"),), {"section:0"}, "第 1 个分类没有名称。"),
        ((SectionRule("道路", D(0)),), (item(0, "1", "3"),), {"section:0"}, "封顶分必须大于 0"),
        (
            (ROAD,),
            (item(1, "1", "3"),),
            {"item:0", "section:0"},
            "第 1 个检查项不属于任何分类。",
        ),
        ((ROAD,), (item(0, "0", "3"),), {"item:0"}, "的扣分和封顶分必须大于 0。"),
    ],
    ids=[
        "no-items",
        "points-beyond-cap",
        "empty-section",
        "section-without-title",
        "section-cap-zero",
        "item-without-section",
        "zero-points",
    ],
)
def test_a_checklist_that_cannot_be_scored_is_refused(sections, items, fields, message):
    with pytest.raises(FormErrors) as raised:
        check_checklist(sections, items)
    assert {error.field for error in raised.value.errors} == fields
    assert message in raised.value.message


def test_a_negative_veto_score_is_refused():
    with pytest.raises(FormErrors, match="否决分不能是负数。"):
        check_checklist((ROAD,), (item(0, "1", "3"),), D(-1))


@pytest.mark.parametrize(
    ("typed", "count"),
    [("", 0), (None, 0), ("2", 2), (" 12 ", 12), ("３", 3), ("１０", 10), (7, 7), ("999", 999)],
    ids=["empty", "none", "digit", "spaces", "full-width", "full-width-two", "int", "most"],
)
def test_a_count_is_read_as_typed_full_width_digits_too(typed, count):
    assert occurrences_of(typed) == count


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", "发生次数不能是负数。"),
        ("－2", "发生次数不能是负数。"),
        ("1.5", "发生次数应为整数，如 2。"),
        ("两次", "发生次数应为整数，如 2。"),
        (True, "发生次数应为整数，如 2。"),
        ("1000", "发生次数不能超过 999。"),
    ],
    ids=["negative", "full-width-negative", "fraction", "words", "bool", "too-many"],
)
def test_a_bad_count_is_refused_with_a_clear_message(typed, message):
    with pytest.raises(ValidationError) as raised:
        occurrences_of(typed)
    assert (raised.value.message, raised.value.field) == (message, "occurrences")


@pytest.mark.parametrize(
    ("typed", "points"),
    [("0.5", "0.50"), ("０．５", "0.50"), ("２", "2.00"), (" 1.25 ", "1.25"), ("1000", "1000.00")],
    ids=["half", "full-width-half", "full-width", "two-decimals", "most"],
)
def test_points_are_read_as_typed(typed, points):
    assert points_of(typed, "扣分", "points") == D(points)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "扣分必须大于 0。"),
        ("-1", "扣分必须大于 0。"),
        ("1.234", "扣分最多 1000 分，小数最多两位。"),
        ("1001", "扣分最多 1000 分，小数最多两位。"),
        ("两分", "扣分应为分值，如 2 或 0.5。"),
        ("NaN", "扣分应为分值，如 2 或 0.5。"),
    ],
    ids=["zero", "negative", "three-decimals", "too-many", "words", "nan"],
)
def test_bad_points_are_refused(typed, message):
    with pytest.raises(ValidationError, match=message):
        points_of(typed, "扣分", "points")


def test_an_answer_must_fit_its_item():
    plain, optional = item(0, "1", "3"), item(0, "1", "3", na_allowed=True)
    assert check_answer(optional, Answer(0, True)) == Answer(0, True)
    assert check_answer(plain, Answer("２")) == Answer(2)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="不允许选“不适用”"):
        check_answer(plain, Answer(0, True))
    with pytest.raises(ValidationError, match="已选“不适用”，不能再记发生次数"):
        check_answer(optional, Answer(1, True))


def test_a_problem_found_on_an_item_needing_a_photo_needs_one():
    rules = (item(0, "1", "3", photo_required=True), item(0, "1", "3"))
    found = [Answer(1), Answer(1)]
    assert missing_photos(rules, found) == [0]
    assert missing_photos(rules, [Answer(1, has_photo=True), Answer(1)]) == []
    assert missing_photos(rules, [Answer(0), Answer(2)]) == []


def test_one_answer_per_item():
    with pytest.raises(ValueError):
        score_inspection(SECTIONS, ITEMS, answers(0, 0))
