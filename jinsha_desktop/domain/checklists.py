"""Checklist templates (检查清单) as the administrator edits them: sections of items, each item
with its points per occurrence, its cap and its flags; the veto rule of the whole list.

The drafts here are what the editor and the seeding hand to services/checklists.py; `cleaned`
turns typed values into a checklist that can be scored (domain/inspections.check_checklist),
or FormErrors naming every bad section and item. Field names follow check_checklist:
"title", "note", "veto_mode", "veto_score", "section:<index>", "item:<index>" (items counted
across the whole list, in order).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jinsha_desktop.domain.checklist_defaults import (
    CIVIL_NOTE,
    CIVIL_SECTIONS,
    CIVIL_TITLE,
    RURAL_NOTE,
    RURAL_SECTIONS,
    RURAL_TITLE,
    RawSection,
)
from jinsha_desktop.domain.errors import FieldChecks, ValidationError
from jinsha_desktop.domain.inspections import (
    CENTS,
    FULL_WIDTH_DIGITS,
    MAX_POINTS,
    ZERO,
    Answer,
    ItemRule,
    Score,
    SectionRule,
    VetoMode,
    check_checklist,
    points_of,
    score_inspection,
)
from jinsha_desktop.domain.text import clean_name, clean_optional_text


@dataclass(frozen=True)
class ItemDraft:
    code: str
    """Short reference printed beside the text (1.3); optional, unique in the list."""
    text: str
    points: Decimal
    """Deducted per occurrence (the editor may hand the typed text; `cleaned` parses it)."""
    cap: Decimal
    """Most points the item can lose."""
    na_allowed: bool = False
    photo_required: bool = False
    veto: bool = False


@dataclass(frozen=True)
class SectionDraft:
    title: str
    cap: Decimal | None
    """Most points the section can lose; None: its items' caps add up."""
    items: tuple[ItemDraft, ...]


@dataclass(frozen=True)
class ChecklistContent:
    title: str
    sections: tuple[SectionDraft, ...]
    veto_mode: VetoMode = VetoMode.SET
    veto_score: Decimal = ZERO
    note: str = ""

    def rules(self) -> tuple[tuple[SectionRule, ...], tuple[ItemRule, ...]]:
        """The scoring rules of this content (domain/inspections)."""
        sections = tuple(SectionRule(s.title, s.cap) for s in self.sections)
        items = tuple(
            ItemRule(
                section=index,
                text=item.text,
                points=item.points,
                cap=item.cap,
                code=item.code,
                na_allowed=item.na_allowed,
                photo_required=item.photo_required,
                veto=item.veto,
            )
            for index, section in enumerate(self.sections)
            for item in section.items
        )
        return sections, items

    @property
    def item_count(self) -> int:
        return sum(len(section.items) for section in self.sections)

    def full_score(self) -> Score:
        """The score with nothing found: its maximum is what the list is out of (often 100)."""
        sections, items = self.rules()
        return score_inspection(
            sections, items, [Answer()] * len(items), self.veto_mode, self.veto_score
        )

    def cleaned(self) -> ChecklistContent:
        """This content with every value parsed and checked, or FormErrors naming each
        problem (a list without items, a deduction beyond its item's cap…)."""
        checks = FieldChecks()
        title = checks.check(clean_name, self.title, "清单名称", "title", max_length=60)
        note = checks.check(clean_optional_text, self.note, "清单说明", "note", max_length=500)
        veto_mode = checks.check(veto_mode_of, self.veto_mode)
        veto_score = checks.check(veto_score_of, self.veto_score)
        sections: list[SectionDraft] = []
        number = 0
        for index, section in enumerate(self.sections):
            field = f"section:{index}"
            section_title = checks.check(
                clean_name, section.title, "分类名称", field, max_length=60
            )
            section_cap = checks.check(points_of, section.cap, "分类封顶分", field, allow_none=True)
            items: list[ItemDraft] = []
            for item in section.items:
                items.append(_cleaned_item(checks, item, number))
                number += 1
            sections.append(SectionDraft(section_title or "", section_cap, tuple(items)))
        clean = ChecklistContent(
            title or "", tuple(sections), veto_mode or VetoMode.SET, veto_score or ZERO, note or ""
        )
        if not checks.errors:
            section_rules, item_rules = clean.rules()
            checks.check(check_checklist, section_rules, item_rules, clean.veto_score)
            _check_codes(checks, item_rules)
        checks.raise_errors()
        return clean


def _cleaned_item(checks: FieldChecks, item: ItemDraft, index: int) -> ItemDraft:
    field = f"item:{index}"
    code = checks.check(clean_optional_text, item.code, "检查项编号", field, max_length=12)
    text = checks.check(clean_name, item.text, "检查项内容", field, max_length=300)
    points = checks.check(points_of, item.points, "每次扣分", field)
    cap = checks.check(points_of, item.cap, "本项封顶分", field)
    return ItemDraft(
        (code or "").replace("\n", " "),
        text or "",
        points or ZERO,
        cap or ZERO,
        bool(item.na_allowed),
        bool(item.photo_required),
        bool(item.veto),
    )


def _check_codes(checks: FieldChecks, items: tuple[ItemRule, ...]) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.code and item.code in seen:
            checks.fail(f"检查项编号“{item.code}”重复了，请改成不同的编号。", f"item:{index}")
        seen.add(item.code)


def veto_mode_of(value: object) -> VetoMode:
    try:
        return VetoMode(str(value))
    except ValueError:
        raise ValidationError("请选择否决时的计分方式。", "veto_mode") from None


def veto_score_of(value: object) -> Decimal:
    """The score a veto sets (0 is common): from 0 to 1000, two decimals at most ("" is 0)."""
    if value is None or value == "":
        return ZERO.quantize(CENTS)
    try:
        amount = Decimal(str(value).strip().translate(FULL_WIDTH_DIGITS).replace("．", "."))
    except InvalidOperation:
        raise ValidationError("否决分应为分值，如 0 或 60。", "veto_score") from None
    if not amount.is_finite():
        raise ValidationError("否决分应为分值，如 0 或 60。", "veto_score")
    if amount < 0:
        raise ValidationError("否决分不能是负数。", "veto_score")
    if amount > MAX_POINTS or amount != amount.quantize(CENTS):
        raise ValidationError(f"否决分最多 {MAX_POINTS} 分，小数最多两位。", "veto_score")
    return amount.quantize(CENTS)


def version_label(title: str, number: int) -> str:
    """How a version is named on screens and printouts (农村人居环境检查清单 第2版)."""
    return f"{title} 第{number}版"


# The departments seeded with the module: who leads or helps with a rectification ("1+1+N").
DEFAULT_DEPARTMENTS: tuple[str, ...] = (
    "城管中队",
    "环卫所",
    "建设管理所",
    "农业农村服务中心",
    "水利站",
    "市场监管所",
    "派出所",
    "交警中队",
    "供电所",
    "物业公司",
)


def _content_of(title: str, sections: tuple[RawSection, ...], note: str) -> ChecklistContent:
    return ChecklistContent(
        title,
        tuple(
            SectionDraft(
                section_title,
                Decimal(cap) if cap else None,
                tuple(
                    ItemDraft(
                        code,
                        text,
                        Decimal(points),
                        Decimal(item_cap),
                        na_allowed="N" in flags,
                        photo_required="P" in flags,
                        veto="V" in flags,
                    )
                    for code, text, points, item_cap, flags in items
                ),
            )
            for section_title, cap, items in sections
        ),
        note=note,
    )


DEFAULT_CHECKLISTS: tuple[ChecklistContent, ...] = (
    _content_of(RURAL_TITLE, RURAL_SECTIONS, RURAL_NOTE),
    _content_of(CIVIL_TITLE, CIVIL_SECTIONS, CIVIL_NOTE),
)
"""The two checklists seeded with the module (each out of 100); the administrator edits them."""
