"""Survey campaigns (排查): the rules of a campaign, of a survey line typed or imported, and of
the text a finding becomes when it is turned into a repair order.

The survey grid, the survey importer and (later) the bundle merge clean a line with the one
`SurveyLineInput.cleaned`; services/campaigns.py stores and converts them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from jinsha_desktop.domain.contact import clean_phone
from jinsha_desktop.domain.errors import FieldChecks, ValidationError
from jinsha_desktop.domain.fields import CellKind, Field, RecordKind, text_of
from jinsha_desktop.domain.repairs import Group, count_of
from jinsha_desktop.domain.text import clean_name, clean_optional_text, to_halfwidth

COUNT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("bulbs", "灯泡", "个"),
    ("switches", "开关", "个"),
    ("splitters", "均分器", "个"),
    ("wiring", "线路", "处"),
)
"""What a survey counts per building/unit: (field, label, measure word), in the sheet's order."""
WHOLE_BUILDING = "整栋"
"""How a line for a building without units (unit_no 0) reads, and may be typed."""

_TYPED_COUNT = re.compile(r"[+-]?\d+(?:\.0*)?")


def typed_count(value: object, label: str, field: str) -> int:
    """A count as typed in the grid or a cell: 3, "3", "３" (full-width digits are digits),
    "" → 0; letters, fractions and negative numbers refused in Chinese."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = to_halfwidth(value).strip().replace(" ", "")
        for word in ("个", "处"):
            text = text.removesuffix(word)
        if not text:
            return 0
        if not _TYPED_COUNT.fullmatch(text):
            raise ValidationError(f"{label}应为整数，如 3。", field)
        value = int(float(text))
    return count_of(value, label, field, highest=10_000)


def unit_of(value: object, field: str = "unit_no") -> int:
    """A unit (单元) as typed: 2, "2", "2单元", "２"; "", 整栋, 全楼 → 0 (the whole building)."""
    if value is None or value == "":
        return 0
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = to_halfwidth(value).strip().replace(" ", "")
        if text in ("", WHOLE_BUILDING, "全楼", "全栋", "整幢", "0"):
            return 0
        text = text.removesuffix("单元")
        if not text.isdigit():
            raise ValidationError("单元应为数字，如 2 或“2单元”；整栋楼写“整栋”或留空。", field)
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError("单元应为数字，如 2 或“2单元”；整栋楼写“整栋”或留空。", field)
    return value


def unit_label(unit_no: int) -> str:
    return f"{unit_no}单元" if unit_no else WHOLE_BUILDING


@dataclass(frozen=True)
class SurveyLineInput:
    """One row of the paper sheet: a building's unit (0: the building as a whole) and what was
    found there. Counts may be typed text ("３", "") or numbers."""

    building_id: uuid.UUID
    unit_no: object = 0
    bulbs: object = 0
    switches: object = 0
    splitters: object = 0
    wiring: object = 0
    other: str = ""
    surveyed_on: date | None = None

    def cleaned(
        self,
        unit_count: int | None,
        building_name: str = "这栋楼",
        period: tuple[date, date] | None = None,
    ) -> SurveyLineInput:
        """Counts as whole numbers ≥ 0, other ≤ 200 characters, the unit within the building's
        `unit_count` (0 always allowed), the date within the campaign's `period`."""
        checks = FieldChecks()
        counts = {
            key: checks.check(typed_count, getattr(self, key), label, key)
            for key, label, _word in COUNT_FIELDS
        }
        unit = checks.check(unit_of, self.unit_no)
        if unit and not unit_count:
            checks.fail(f"{building_name}没有登记单元，单元请留空或填“整栋”。", "unit_no")
        elif unit and unit_count and unit > unit_count:
            checks.fail(f"{building_name}只有 {unit_count} 个单元，没有第 {unit} 单元。", "unit_no")
        other = checks.check(clean_optional_text, self.other, "其他问题", "other", max_length=200)
        if period is not None and self.surveyed_on is not None:
            start, end = period
            if not start <= self.surveyed_on <= end:
                span = f"{text_of(start, CellKind.DATE)} 至 {text_of(end, CellKind.DATE)}"
                checks.fail(f"排查日期应在排查期间（{span}）内。", "surveyed_on")
        checks.raise_errors()
        return replace(
            self,
            unit_no=unit or 0,
            other=other or "",
            bulbs=counts["bulbs"] or 0,
            switches=counts["switches"] or 0,
            splitters=counts["splitters"] or 0,
            wiring=counts["wiring"] or 0,
        )

    @property
    def found_anything(self) -> bool:
        return any(getattr(self, key) for key, _l, _w in COUNT_FIELDS) or bool(self.other)


@dataclass(frozen=True)
class MemberInput:
    """Someone taking part in a campaign, by group (共治共建共管)."""

    name: str
    group: Group
    phone: str = ""


@dataclass(frozen=True)
class CampaignInput:
    name: str
    start_date: date | None
    end_date: date | None
    compound_ids: tuple[uuid.UUID, ...] = ()
    members: tuple[MemberInput, ...] = ()
    note: str = ""

    def cleaned(self) -> CampaignInput:
        checks = FieldChecks()
        name = checks.check(clean_name, self.name, "排查名称", "name", max_length=60)
        if self.start_date is None:
            checks.fail("请填写开始日期。", "start_date")
        if self.end_date is None:
            checks.fail("请填写结束日期。", "end_date")
        elif self.start_date is not None and self.end_date < self.start_date:
            checks.fail("结束日期不能早于开始日期。", "end_date")
        if not self.compound_ids:
            checks.fail("请至少选择一个排查的小区。", "compound_ids")
        members = []
        for member in self.members:
            who = checks.check(clean_name, member.name, "参与人员姓名", "members")
            phone = checks.check(clean_phone, member.phone, "members")
            members.append(MemberInput(who or "", Group(member.group), phone or ""))
        note = checks.check(clean_optional_text, self.note, "备注", "note", max_length=500)
        checks.raise_errors()
        return replace(
            self,
            name=name or "",
            compound_ids=tuple(dict.fromkeys(self.compound_ids)),
            members=tuple(members),
            note=note or "",
        )


class Per(StrEnum):
    """How a campaign's findings become repair orders."""

    BUILDING = "building"
    COMPOUND = "compound"

    @property
    def label(self) -> str:
        return {"building": "每栋楼一张", "compound": "每个小区一张"}[self.value]


@dataclass(frozen=True)
class Finding:
    """What one survey line found, as the conversion reads it."""

    unit_no: int
    bulbs: int
    switches: int
    splitters: int
    wiring: int
    other: str
    building: str = ""

    @property
    def found_anything(self) -> bool:
        return bool(self.bulbs or self.switches or self.splitters or self.wiring or self.other)


PROBLEM_LENGTH = 500


def finding_text(findings: Sequence[Finding], *, name_buildings: bool = False) -> str:
    """The problem text of the order a group of findings becomes: the counts summed
    ("灯泡 3 个、开关 1 个、均分器 0 个、线路 2 处"), then the other problems noted, each with its
    place ("；其他：2单元 楼道窗破损；…"); at most 500 characters."""
    counts = "、".join(
        f"{label} {sum(getattr(f, key) for f in findings)} {word}"
        for key, label, word in COUNT_FIELDS
    )
    others = [f"{_place(f, name_buildings)} {f.other}".strip() for f in findings if f.other.strip()]
    text = counts + (f"；其他：{'；'.join(others)}" if others else "")
    return text if len(text) <= PROBLEM_LENGTH else text[: PROBLEM_LENGTH - 1] + "…"


def _place(finding: Finding, name_buildings: bool) -> str:
    unit = f"{finding.unit_no}单元" if finding.unit_no else ""
    return f"{finding.building}{unit}" if name_buildings else unit


def members_by_group(members: Iterable[tuple[str, str]]) -> list[tuple[Group, list[str]]]:
    """Who took part, (name, group) pairs → each group in the declared order with its names
    as typed (the Chinese text below; the English interface joins them in its own words)."""
    by_group: dict[str, list[str]] = {}
    for name, group in members:
        by_group.setdefault(group, []).append(name)
    return [(g, by_group[g.value]) for g in Group if g.value in by_group]


def members_text(members: Iterable[tuple[str, str]]) -> str:
    """干部：王芳、李强；志愿者：张三 — who took part, by group in the declared order."""
    return "；".join(f"{g.label}：{'、'.join(names)}" for g, names in members_by_group(members))


CAMPAIGN = RecordKind(
    "survey_campaign",
    "排查活动",
    (
        Field("name", "排查名称", width=18),
        Field("start_date", "开始日期", CellKind.DATE, width=11),
        Field("end_date", "结束日期", CellKind.DATE, width=11),
        Field("progress", "已排查小区", width=10),
        Field("in_scope", "范围内小区", CellKind.INTEGER, width=8, places=frozenset({"sheet"})),
        Field("surveyed", "已排查", CellKind.INTEGER, width=8, places=frozenset({"sheet"})),
        Field("findings", "发现问题", CellKind.INTEGER, width=8),
        Field("converted", "已转报修", CellKind.INTEGER, width=8),
        Field("members", "参与人员", width=30),
        Field("note", "备注", width=20, max_length=500),
    ),
)
"""The campaigns list and its Excel sheet: a row is services/campaigns.CampaignRow."""
