"""Checklist scoring (清单考核): deductions per occurrence, caps per item and per section,
"not applicable" out of the maximum, and the one-vote veto (一票否决).

A checklist is sections of items. An item deducts `points` per occurrence, at most its `cap`;
its cap is its share of the maximum. A section loses at most its own cap (when it has one) and
its maximum is the smaller of that cap and its applicable items' caps. An item marked N/A
leaves the maximum and never counts as a loss. The score is the maximum less what was lost;
the percent (得分率) makes inspections with different N/A items comparable and is what rankings
use. Any occurrence of a veto item fails the inspection: the score is set to the version's veto
score or kept, as the version says — either way `vetoed` is true.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from jinsha_desktop.domain.errors import FieldChecks, ValidationError

CENTS = Decimal("0.01")
ZERO = Decimal("0")
HUNDRED = Decimal("100")
MAX_OCCURRENCES = 999
MAX_POINTS = Decimal("1000")


class VetoMode(StrEnum):
    SET = "set"
    """A veto sets the score to the version's veto score (often 0)."""
    KEEP = "keep"
    """A veto keeps the score; the inspection still fails."""

    @property
    def label(self) -> str:
        return "否决时得分记为否决分" if self is VetoMode.SET else "否决时保留实际得分"


class InspectionStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"

    @property
    def label(self) -> str:
        return "草稿" if self is InspectionStatus.DRAFT else "已提交"


class PlaceKind(StrEnum):
    """What was inspected; the unit (village or community) answerable is always named too."""

    UNIT = "unit"
    COMPOUND = "compound"
    ROAD = "road"
    SITE = "site"
    OTHER = "other"

    @property
    def label(self) -> str:
        return PLACE_KIND_LABELS[self]


PLACE_KIND_LABELS = {
    PlaceKind.UNIT: "村/社区",
    PlaceKind.COMPOUND: "小区",
    PlaceKind.ROAD: "道路",
    PlaceKind.SITE: "工地/场所",
    PlaceKind.OTHER: "其他",
}


@dataclass(frozen=True)
class SectionRule:
    title: str
    cap: Decimal | None = None
    """Most points the section can lose (None: its items' caps add up)."""


@dataclass(frozen=True)
class ItemRule:
    section: int
    """Index of the item's section in the sections given with it."""
    text: str
    points: Decimal
    """Deducted per occurrence."""
    cap: Decimal
    """Most points the item can lose."""
    code: str = ""
    na_allowed: bool = False
    photo_required: bool = False
    veto: bool = False


@dataclass(frozen=True)
class Answer:
    occurrences: int = 0
    not_applicable: bool = False
    has_photo: bool = False


@dataclass(frozen=True)
class Score:
    score: Decimal
    maximum: Decimal
    percent: Decimal
    """score / maximum × 100, two decimals; 0 when the maximum is 0 (cannot be submitted)."""
    vetoed: bool
    lost: Decimal
    """Points lost after every cap (maximum − score before a veto)."""
    item_deductions: tuple[Decimal, ...]
    """Each item's deduction after its own cap (0 for N/A)."""
    section_losses: tuple[Decimal, ...]
    """Each section's loss after the section cap."""
    section_maxima: tuple[Decimal, ...]


def score_inspection(
    sections: Sequence[SectionRule],
    items: Sequence[ItemRule],
    answers: Sequence[Answer],
    veto_mode: VetoMode = VetoMode.SET,
    veto_score: Decimal = ZERO,
) -> Score:
    """The score of one inspection; answers go with items, one each, in order.

    Answers are taken as given (cleaned by `check_answer`): a count beyond the cap is capped.
    """
    if len(answers) != len(items):
        raise ValueError("one answer per item")
    item_deductions: list[Decimal] = []
    section_item_max = [ZERO] * len(sections)
    section_item_loss = [ZERO] * len(sections)
    vetoed = False
    for item, answer in zip(items, answers, strict=True):
        if answer.not_applicable:
            item_deductions.append(ZERO)
            continue
        deducted = min(item.points * answer.occurrences, item.cap)
        item_deductions.append(deducted)
        section_item_max[item.section] += item.cap
        section_item_loss[item.section] += deducted
        vetoed = vetoed or (item.veto and answer.occurrences > 0)
    section_maxima = tuple(
        min(section.cap, most) if section.cap is not None else most
        for section, most in zip(sections, section_item_max, strict=True)
    )
    section_losses = tuple(
        min(loss, most) for loss, most in zip(section_item_loss, section_maxima, strict=True)
    )
    maximum = sum(section_maxima, ZERO)
    lost = sum(section_losses, ZERO)
    score = maximum - lost
    if vetoed and veto_mode is VetoMode.SET:
        score = min(veto_score, maximum)
    return Score(
        score=score.quantize(CENTS),
        maximum=maximum.quantize(CENTS),
        percent=percent_of(score, maximum),
        vetoed=vetoed,
        lost=lost.quantize(CENTS),
        item_deductions=tuple(d.quantize(CENTS) for d in item_deductions),
        section_losses=tuple(loss.quantize(CENTS) for loss in section_losses),
        section_maxima=tuple(m.quantize(CENTS) for m in section_maxima),
    )


def percent_of(score: Decimal, maximum: Decimal) -> Decimal:
    if maximum <= 0:
        return ZERO.quantize(CENTS)
    return (score * HUNDRED / maximum).quantize(CENTS, rounding=ROUND_HALF_UP)


# -- checks shared by the form, the services and any importer


def occurrences_of(value: object, field: str = "occurrences") -> int:
    """How many times a problem was found: a whole number from 0 to 999 ("" is 0)."""
    if value is None or value == "":
        return 0
    if isinstance(value, str):
        text = value.strip().translate(FULL_WIDTH_DIGITS)
        if not text.lstrip("-").isdigit():
            raise ValidationError("发生次数应为整数，如 2。", field)
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("发生次数应为整数，如 2。", field)
    if value < 0:
        raise ValidationError("发生次数不能是负数。", field)
    if value > MAX_OCCURRENCES:
        raise ValidationError(f"发生次数不能超过 {MAX_OCCURRENCES}。", field)
    return value


FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９－", "0123456789-")


def check_answer(item: ItemRule, answer: Answer, field: str = "occurrences") -> Answer:
    """An answer that fits its item, or ValidationError naming what is wrong."""
    occurrences = occurrences_of(answer.occurrences, field)
    if answer.not_applicable and not item.na_allowed:
        raise ValidationError(f"“{item.text}”不允许选“不适用”。", field)
    if answer.not_applicable and occurrences:
        raise ValidationError(f"“{item.text}”已选“不适用”，不能再记发生次数。", field)
    return Answer(occurrences, answer.not_applicable, answer.has_photo)


def missing_photos(items: Sequence[ItemRule], answers: Sequence[Answer]) -> list[int]:
    """Indexes of items that need a photo of what was found and have none (submit refuses)."""
    return [
        index
        for index, (item, answer) in enumerate(zip(items, answers, strict=True))
        if item.photo_required and answer.occurrences > 0 and not answer.has_photo
    ]


def points_of(value: object, label: str, field: str, *, allow_none: bool = False) -> Decimal | None:
    """Points in a checklist: more than 0, at most 1000, two decimals at most."""
    if allow_none and (value is None or value == ""):
        return None
    try:
        amount = Decimal(str(value).strip().translate(FULL_WIDTH_DIGITS).replace("．", "."))
    except InvalidOperation:
        raise ValidationError(f"{label}应为分值，如 2 或 0.5。", field) from None
    if not amount.is_finite():
        raise ValidationError(f"{label}应为分值，如 2 或 0.5。", field)
    if amount <= 0:
        raise ValidationError(f"{label}必须大于 0。", field)
    if amount > MAX_POINTS or amount != amount.quantize(CENTS):
        raise ValidationError(f"{label}最多 {MAX_POINTS} 分，小数最多两位。", field)
    return amount.quantize(CENTS)


def check_checklist(
    sections: Sequence[SectionRule], items: Sequence[ItemRule], veto_score: Decimal = ZERO
) -> None:
    """A checklist that can be scored, or FormErrors naming every problem (field names:
    "items", "section:<index>", "item:<index>", "veto_score")."""
    checks = FieldChecks()
    if not items:
        checks.fail("检查清单至少要有一个检查项，请添加后再保存。", "items")
    for index, section in enumerate(sections):
        if not section.title.strip():
            checks.fail(f"第 {index + 1} 个分类没有名称。", f"section:{index}")
        if section.cap is not None and section.cap <= 0:
            checks.fail(f"分类“{section.title}”的封顶分必须大于 0。", f"section:{index}")
        if not any(item.section == index for item in items):
            checks.fail(f"分类“{section.title}”没有检查项。", f"section:{index}")
    for index, item in enumerate(items):
        field = f"item:{index}"
        if not 0 <= item.section < len(sections):
            checks.fail(f"第 {index + 1} 个检查项不属于任何分类。", field)
        if not item.text.strip():
            checks.fail(f"第 {index + 1} 个检查项没有内容。", field)
        if item.points <= 0 or item.cap <= 0:
            checks.fail(f"检查项“{item.text}”的扣分和封顶分必须大于 0。", field)
        elif item.points > item.cap:
            checks.fail(
                f"检查项“{item.text}”每次扣 {item.points} 分，超过了本项封顶 {item.cap} 分。",
                field,
            )
    if veto_score < 0:
        checks.fail("否决分不能是负数。", "veto_score")
    checks.raise_errors()
