"""The survey importer, `surveys` (排查记录; LOG_REPAIRS): the paper survey sheets typed in Excel.

Either a sheet per compound (the sheet's name is the compound) or one long sheet with a 小区
column; columns 楼栋*, 单元, 灯泡, 开关, 均分器, 线路, 其他问题, and optionally 社区/村 (when two
compounds share a name), 排查日期 and 排查名称 (else: the latest campaign whose scope holds the
compound). A row is one building's unit (单元 empty or 整栋: the building as a whole), cleaned
by the grid's rule (domain/surveys.SurveyLineInput). 新增 for a line not yet typed, 更新 when
the counts differ, 重复 when they are the same; a line already turned into a repair order is not
changed (错误).
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jinsha_desktop.db.reference_models import Building, Compound, Unit
from jinsha_desktop.db.repair_models import CampaignCompound, SurveyCampaign, SurveyLine
from jinsha_desktop.domain.errors import FieldChecks, ValidationError
from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.domain.imports import comparable_name, plain_text
from jinsha_desktop.domain.loose_values import parse_loose_date
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.sheets import CellValue
from jinsha_desktop.domain.surveys import COUNT_FIELDS, SurveyLineInput, typed_count, unit_label
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.imports import lookups
from jinsha_desktop.services.imports.columns import column
from jinsha_desktop.services.imports.framework import Importer, PreviewRow, RowOutcome
from jinsha_desktop.services.survey_lines import CONVERTED, line_changes, store_line

NO_COMPOUND = "请填写小区（每个小区一个工作表时，工作表名即小区名）。"
NO_BUILDING = "请填写楼栋。"
_BUILDING_SUFFIXES = ("号楼", "幢", "栋", "号", "楼", "座")


def _building_stem(name: str) -> str:
    """ "3号楼", "3幢", "3栋", "3" → "3": a building as the sheets and the registry may write it."""
    text = comparable_name(name)
    for suffix in _BUILDING_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


@dataclass(frozen=True)
class _Building:
    id: uuid.UUID
    name: str
    unit_count: int | None


@dataclass(frozen=True)
class _Campaign:
    id: uuid.UUID
    name: str
    start: date
    end: date
    scope: frozenset[uuid.UUID]


@dataclass
class _Known:
    """The compounds, buildings and campaigns, read once per import."""

    compounds: dict[str, list[tuple[uuid.UUID, str, str]]] = field(default_factory=dict)
    """Comparable name → (id, name, community/village) of each compound so named."""
    buildings: dict[uuid.UUID, list[_Building]] = field(default_factory=dict)
    campaigns: list[_Campaign] = field(default_factory=list)
    """The latest first."""


class SurveyImporter(Importer):
    name = "surveys"
    title = "排查记录"
    permission = Permission.LOG_REPAIRS
    table_name = "survey_line"
    sheet_field = "compound"
    fields = (
        column("compound", "小区", "小区名称 小区名 所在小区", required=True,
               note="每个小区一个工作表时，工作表名就是小区名，可不要这一列。"),
        column("building", "楼栋", "楼栋号 楼号 幢号 栋号 幢 栋 楼幢", required=True),
        column("unit_no", "单元", "单元号", note="整栋楼一行时留空或写“整栋”。"),
        *(
            column(key, label, f"{label}({word}) 坏{label} {label}数 {label}数量 损坏{label}",
                   kind=CellKind.INTEGER)
            for key, label, word in COUNT_FIELDS
        ),
        column("other", "其他问题", "其他 其它 其它问题 其他问题说明"),
        column("surveyed_on", "排查日期", "日期 排查时间", kind=CellKind.DATE),
        column("campaign", "排查名称", "排查活动 活动名称",
               note="留空时记入包含这个小区的最近一次排查。"),
        column("unit", "社区/村", "社区 村 所属社区 所属村 村/社区",
               note="两个社区/村有同名小区时填写。"),
    )  # fmt: skip
    template_example = ("金沙新村", "3幢", "2单元", 3, 1, 0, 2, "楼道窗破损", None, "", "")
    template_rules = (
        "每栋楼每个单元一行；没有单元的楼写一行，单元留空或写“整栋”。",
        "也可以每个小区一个工作表，工作表名写小区名，表中不要小区列。",
        "已录入的行再导入时只更新数量不同的；已转为报修单的行不再修改。",
    )

    def prepare(self, context: AppContext) -> _Known:
        known = _Known()
        with context.reading() as session:
            for cid, name, unit in session.execute(
                select(Compound.id, Compound.name, Unit.name)
                .join(Unit, Unit.id == Compound.unit_id)
                .where(Compound.deleted_at.is_(None))
            ):
                known.compounds.setdefault(comparable_name(name), []).append((cid, name, unit))
            for b in session.scalars(select(Building).where(Building.deleted_at.is_(None))):
                known.buildings.setdefault(b.compound_id, []).append(
                    _Building(b.id, b.name, b.unit_count)
                )
            scope: dict[uuid.UUID, set[uuid.UUID]] = {}
            for campaign_id, compound_id in session.execute(
                select(CampaignCompound.campaign_id, CampaignCompound.compound_id).where(
                    CampaignCompound.deleted_at.is_(None)
                )
            ):
                scope.setdefault(campaign_id, set()).add(compound_id)
            for c in session.scalars(
                select(SurveyCampaign)
                .where(SurveyCampaign.deleted_at.is_(None))
                .order_by(SurveyCampaign.start_date.desc(), SurveyCampaign.name)
            ):
                known.campaigns.append(
                    _Campaign(
                        c.id, c.name, c.start_date, c.end_date, frozenset(scope.get(c.id, ()))
                    )
                )
        return known

    def choices(self, context: AppContext | None) -> dict[str, tuple[str, ...]]:
        """Drop-downs of the template: the compounds in some campaign's scope, the campaigns,
        the communities and villages."""
        if context is None:
            return super().choices(context)
        known = self.prepare(context)
        in_scope = set().union(*(c.scope for c in known.campaigns))
        with context.reading() as session:
            units = sorted(lookups.units_by_name(session))
        compounds = sorted(
            {
                name
                for found in known.compounds.values()
                for cid, name, _u in found
                if cid in in_scope
            }
        )
        return {
            **super().choices(context),
            "compound": tuple(compounds),
            "campaign": tuple(c.name for c in known.campaigns),
            "unit": tuple(units),
        }

    def clean(self, state: _Known, values: Mapping[str, CellValue]) -> dict[str, Any]:
        checks = FieldChecks(first_per_field=True)
        compound = checks.check(_compound, state, values)
        surveyed_on = checks.check(
            parse_loose_date, values.get("surveyed_on"), "surveyed_on", "排查日期"
        )
        building = campaign = None
        building_text = plain_text(values.get("building"))
        if not building_text:
            checks.fail(NO_BUILDING, "building")
        if compound is not None:
            if building_text:
                building = checks.check(_building, state, compound, building_text)
            campaign = checks.check(
                _campaign, state, compound, plain_text(values.get("campaign")), surveyed_on
            )
        typed = SurveyLineInput(
            building.id if building else uuid.UUID(int=0),
            values.get("unit_no"),
            values.get("bulbs"),
            values.get("switches"),
            values.get("splitters"),
            values.get("wiring"),
            plain_text(values.get("other")),
            surveyed_on,
        )
        line = None
        if building is not None:
            period = (campaign.start, campaign.end) if campaign else None
            line = checks.check(typed.cleaned, building.unit_count, building.name, period)
        else:  # the counts' own errors too, beside the unknown place
            for key, label, _word in COUNT_FIELDS:
                checks.check(typed_count, values.get(key), label, key)
        checks.raise_errors()
        assert line is not None and compound is not None and building and campaign
        unit_no = int(str(line.unit_no))
        return {
            "compound": compound[1],
            "building": building.name,
            "unit_no": unit_no,
            **{key: getattr(line, key) for key, _l, _w in COUNT_FIELDS},
            "other": line.other,
            "surveyed_on": line.surveyed_on,
            "campaign": campaign.name,
            "unit": compound[2],
            "_line": line,
            "_compound_id": compound[0],
            "_campaign_id": campaign.id,
            "_place": f"{compound[1]} {building.name} {unit_label(unit_no)}",
        }

    def key(self, values: Mapping[str, Any]) -> Hashable:
        return (values["_campaign_id"], values["_line"].building_id, values["unit_no"])

    def classify(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        records: dict[Hashable, SurveyLine] = memory.setdefault("records", {})
        loaded: set[uuid.UUID] = memory.setdefault("campaigns", set())
        for campaign_id in {row.values["_campaign_id"] for row in rows} - loaded:
            for line in session.scalars(
                select(SurveyLine).where(
                    SurveyLine.campaign_id == campaign_id, SurveyLine.deleted_at.is_(None)
                )
            ):
                records[(campaign_id, line.building_id, line.unit_no)] = line
            loaded.add(campaign_id)
        for row in rows:
            record = records.get(row.key)
            changes = line_changes(row.values["_line"], record)
            where = f"{row.values['campaign']}：{row.values['_place']}"
            if record is None:
                row.outcome, row.reason = RowOutcome.ADD, f"新增 {where}。"
            elif not changes:
                row.outcome, row.reason = RowOutcome.DUPLICATE, f"{where}已录入，内容相同。"
            elif record.repair_order_id is not None:
                row.outcome, row.reason = RowOutcome.REJECT, f"{where}：{CONVERTED}"
            else:
                labels = {key: label for key, label, _w in COUNT_FIELDS}
                labels |= {"other": "其他问题", "surveyed_on": "排查日期"}
                changed = "、".join(labels[key] for key in changes)
                row.outcome, row.reason = RowOutcome.UPDATE, f"更新 {where} 的{changed}。"

    def write(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        records: dict[Hashable, SurveyLine] = memory["records"]
        for row in rows:
            if row.outcome not in (RowOutcome.ADD, RowOutcome.UPDATE):
                continue
            values = row.values
            written = store_line(
                session,
                values["_campaign_id"],
                values["_compound_id"],
                values["_line"],
                records.get(row.key),
            )
            if written is not None:
                records[row.key] = written


def _compound(known: _Known, values: Mapping[str, CellValue]) -> tuple[uuid.UUID, str, str]:
    text = plain_text(values.get("compound"))
    if not text:
        raise ValidationError(NO_COMPOUND, "compound")
    found = known.compounds.get(comparable_name(text), [])
    unit = comparable_name(plain_text(values.get("unit")))
    if unit:
        found = [c for c in found if comparable_name(c[2]).startswith(unit)]
    if not found:
        raise ValidationError(
            f"没有名为“{text}”的小区。请核对小区名称（或工作表名），或先在基础数据中添加。",
            "compound",
        )
    if len(found) > 1:
        units = "、".join(c[2] for c in found)
        raise ValidationError(
            f"{units}都有名为“{text}”的小区，请加一列“社区/村”注明是哪一个。", "compound"
        )
    return found[0]


def _building(known: _Known, compound: tuple[uuid.UUID, str, str], text: str) -> _Building:
    buildings = known.buildings.get(compound[0], [])
    compound_name = compound[1]
    same = [b for b in buildings if comparable_name(b.name) == comparable_name(text)]
    if not same:
        same = [b for b in buildings if _building_stem(b.name) == _building_stem(text)]
    if len(same) != 1:
        names = "、".join(b.name for b in buildings) or "无"
        raise ValidationError(
            f"{compound_name}没有楼栋“{text}”（现有：{names}）。请核对，或先在基础数据中添加楼栋。",
            "building",
        )
    return same[0]


def _campaign(
    known: _Known, compound: tuple[uuid.UUID, str, str], text: str, day: date | None
) -> _Campaign:
    compound_name = compound[1]
    if text:
        named = [c for c in known.campaigns if comparable_name(c.name) == comparable_name(text)]
        if not named:
            raise ValidationError(f"没有名为“{text}”的排查活动。", "campaign")
        campaign_name = named[0].name
        if compound[0] not in named[0].scope:
            raise ValidationError(
                f"{compound_name}不在“{campaign_name}”的排查范围内，请先把它加入范围。", "campaign"
            )
        return named[0]
    covering = [c for c in known.campaigns if compound[0] in c.scope]
    if day is not None:
        covering = [c for c in covering if c.start <= day <= c.end] or covering
    if not covering:
        raise ValidationError(
            f"没有包含{compound_name}的排查活动。请先建立排查活动并把这个小区列入范围。", "compound"
        )
    return covering[0]
