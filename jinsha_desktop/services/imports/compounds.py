"""The compounds and buildings importer, `compounds` (小区楼栋; MANAGE_REFERENCE_DATA).

Columns 社区/村* (an existing unit, by name, "北山" for 北山社区 too), 小区名称*, 地址, 楼栋,
单元数, 楼层数, 有物业 (是/否), 物业公司 (a company named: managed). A row without 楼栋 stands for
the compound; a row with one for the building, adding its compound first when needed — so rows
repeating a compound (merged cells) with one building each are the normal shape. 新增 when a
compound or building is added, 更新 when a filled 地址/单元数/楼层数/有物业/物业公司 differs,
else 重复.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from jinsha_desktop.db.reference_models import Building, Compound
from jinsha_desktop.domain.errors import FieldChecks, ValidationError
from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.domain.imports import comparable_name, parse_count, parse_yes_no, plain_text
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.reference import BuildingInput, CompoundInput
from jinsha_desktop.domain.sheets import CellValue
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.imports import lookups
from jinsha_desktop.services.imports.columns import column
from jinsha_desktop.services.imports.framework import Importer, PreviewRow, RowOutcome


@dataclass
class _PlannedCompound:
    record: Compound | None
    address: str
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    managed: bool = False
    property_company: str = ""


@dataclass
class _PlannedBuilding:
    record: Building | None
    unit_count: int | None
    floor_count: int | None


# The forms' error fields, as this importer names its columns.
_COMPOUND_FIELDS = {"name": "compound", "note": "compound"}
_MANAGEMENT = "更新物业信息"
_BUILDING_FIELDS = {"name": "building"}
_UNIT_SUFFIXES = ("社区居委会", "村委会", "社区", "村")


def _unit_stem(name: str) -> str:
    name = comparable_name(name)
    for suffix in _UNIT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


class CompoundImporter(Importer):
    name = "compounds"
    title = "小区楼栋"
    permission = Permission.MANAGE_REFERENCE_DATA
    table_name = "compound"
    fields = (
        column("unit", "社区/村",
               "社区 村 所属社区 所属村 村/社区 社区(村) 村居 所属村居 所属社区/村",
               required=True, note="须是基础数据中已有的社区或村。"),
        column("compound", "小区名称", "小区 小区名 小区名字", required=True),
        column("address", "地址", "小区地址 位置 坐落 详细地址"),
        column("building", "楼栋", "楼栋号 楼号 幢号 栋号 幢 栋 楼幢",
               note="留空时这一行只登记小区。"),
        column("unit_count", "单元数", "单元", kind=CellKind.INTEGER),
        column("floor_count", "楼层数", "层数 楼层 总层数", kind=CellKind.INTEGER),
        column("managed", "有物业", "有无物业 是否有物业 物业管理 有物业管理",
               note="是或否；填写了物业公司即为有物业。"),
        column("property_company", "物业公司", "物业公司名称 物业服务企业 物业单位"),
    )  # fmt: skip
    template_example = ("北山社区", "金沙新村", "金沙街道人民路 18 号", "3 幢", 2, 6, "否", "")
    template_rules = (
        "一个小区有几栋楼就写几行，每行一栋，小区名称和地址可以重复或合并单元格。",
        "已有的小区和楼栋只更新表中填写了的地址、单元数、楼层数和物业信息。",
    )

    def prepare(self, context: AppContext) -> dict[str, tuple[uuid.UUID, str]]:
        with context.reading() as session:
            units = lookups.units_by_name(session)
            return {comparable_name(name): (unit.id, unit.name) for name, unit in units.items()}

    def choices(self, context: AppContext | None) -> dict[str, tuple[str, ...]]:
        if context is None:
            return super().choices(context)
        with context.reading() as session:
            units = tuple(sorted(lookups.units_by_name(session)))
        return {**super().choices(context), "unit": units}

    def clean(
        self, state: dict[str, tuple[uuid.UUID, str]], values: Mapping[str, CellValue]
    ) -> dict[str, Any]:
        checks = FieldChecks(first_per_field=True)
        unit = checks.check(_find_unit, state, plain_text(values.get("unit")))
        managed = checks.check(parse_yes_no, values.get("managed"), "有物业", "managed")
        company = plain_text(values.get("property_company"))
        if managed is None and company:
            managed = True  # a company named manages it
        compound = checks.renaming(_COMPOUND_FIELDS).check(
            CompoundInput(
                plain_text(values.get("compound")),
                plain_text(values.get("address")),
                managed=bool(managed),
                property_company=company,
            ).cleaned,
        )
        units = checks.check(parse_count, values.get("unit_count"), "单元数", "unit_count")
        floors = checks.check(parse_count, values.get("floor_count"), "楼层数", "floor_count")
        building_name = plain_text(values.get("building"))
        building = None
        if building_name:
            building = checks.renaming(_BUILDING_FIELDS).check(
                BuildingInput(building_name, units, floors).cleaned
            )
        elif units is not None or floors is not None:
            checks.fail("填写了单元数或楼层数，请同时填写楼栋", "building")
        checks.raise_errors()
        assert unit is not None and compound is not None
        return {
            "unit": unit[1],
            "unit_id": unit[0],
            "compound": compound.name,
            "address": compound.address,
            "building": building.name if building else "",
            "unit_count": building.unit_count if building else None,
            "floor_count": building.floor_count if building else None,
            "managed": managed,
            "property_company": compound.property_company,
        }

    def key(self, values: Mapping[str, Any]) -> Hashable:
        return (values["unit_id"], values["compound"], values["building"])

    def classify(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        if "compounds" not in memory:
            existing = lookups.compounds_by_name(session)
            memory["compounds"] = {
                key: _PlannedCompound(c, c.address, c.id, c.managed, c.property_company)
                for key, c in existing.items()
            }
            by_id = {c.id: key for key, c in existing.items()}
            memory["buildings"] = {
                (*by_id[b.compound_id], b.name): _PlannedBuilding(b, b.unit_count, b.floor_count)
                for b in lookups.buildings_by_name(session).values()
                if b.compound_id in by_id
            }
        compounds: dict[Any, _PlannedCompound] = memory["compounds"]
        buildings: dict[Any, _PlannedBuilding] = memory["buildings"]
        plans: dict[int, list[str]] = memory.setdefault("plans", {})
        for row in rows:
            values = row.values
            steps: list[str] = []
            compound_key = (values["unit_id"], values["compound"])
            planned = compounds.get(compound_key)
            if planned is None:
                steps.append("新增小区")
                compounds[compound_key] = _PlannedCompound(
                    None,
                    values["address"],
                    managed=bool(values["managed"]),
                    property_company=values["property_company"],
                )
            else:
                if values["address"] and values["address"] != planned.address:
                    steps.append("更新小区地址")
                    planned.address = values["address"]
                if _plan_management(planned, values):
                    steps.append(_MANAGEMENT)
            if values["building"]:
                building_key = (*compound_key, values["building"])
                known = buildings.get(building_key)
                if known is None:
                    steps.append("新增楼栋")
                    buildings[building_key] = _PlannedBuilding(
                        None, values["unit_count"], values["floor_count"]
                    )
                elif _building_changes(known, values):
                    steps.append("更新楼栋单元数、楼层数")
                    for key in _building_changes(known, values):
                        setattr(known, key, values[key])
            plans[row.number] = steps
            if any(step.startswith("新增") for step in steps):
                row.outcome = RowOutcome.ADD
            elif steps:
                row.outcome = RowOutcome.UPDATE
            else:
                row.outcome = RowOutcome.DUPLICATE
            row.reason = "、".join(steps) + "。" if steps else "已有，信息相同。"

    def write(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        compounds: dict[Any, _PlannedCompound] = memory["compounds"]
        buildings: dict[Any, _PlannedBuilding] = memory["buildings"]
        steps = [(row.values, step) for row in rows for step in memory["plans"][row.number]]
        for values, step in steps:
            planned = compounds[(values["unit_id"], values["compound"])]
            if step == "新增小区":
                planned.record = Compound(
                    id=planned.id,
                    unit_id=values["unit_id"],
                    name=values["compound"],
                    address=values["address"],
                    managed=planned.managed,
                    property_company=planned.property_company,
                )
                session.add(planned.record)
            elif step == "更新小区地址" and planned.record is not None:
                planned.record.address = values["address"]
            elif step == _MANAGEMENT and planned.record is not None:
                planned.record.managed = planned.managed
                planned.record.property_company = planned.property_company
        # No relationship tells the unit of work that a building needs its compound first.
        session.flush()
        for values, step in steps:
            key = (values["unit_id"], values["compound"], values["building"])
            if step == "新增楼栋":
                record = Building(
                    compound_id=compounds[key[:2]].id,
                    name=values["building"],
                    unit_count=values["unit_count"],
                    floor_count=values["floor_count"],
                )
                session.add(record)
                buildings[key].record = record
            elif step.startswith("更新楼栋") and (known := buildings[key].record) is not None:
                for name in ("unit_count", "floor_count"):
                    if values[name] is not None:
                        setattr(known, name, values[name])


def _find_unit(units: Mapping[str, tuple[uuid.UUID, str]], text: str) -> tuple[uuid.UUID, str]:
    if not text:
        raise ValidationError("请填写社区/村。", "unit")
    found = units.get(comparable_name(text))
    if found is None:
        stem = _unit_stem(text)
        matches = [unit for name, unit in units.items() if _unit_stem(name) == stem]
        if len(matches) == 1:
            found = matches[0]
    if found is None:
        known = "、".join(name for _id, name in units.values())
        raise ValidationError(
            f"没有名为“{text}”的社区/村（现有：{known}）。请改为现有名称，或先在基础数据中添加。",
            "unit",
        )
    return found


def _building_changes(known: _PlannedBuilding, values: Mapping[str, Any]) -> list[str]:
    return [
        key
        for key in ("unit_count", "floor_count")
        if values[key] is not None and getattr(known, key) != values[key]
    ]


def _plan_management(planned: _PlannedCompound, values: Mapping[str, Any]) -> bool:
    """Take the row's 有物业/物业公司 into the plan; whether they change the compound. An empty
    cell changes nothing; 否 clears the company (a compound without one names none)."""
    if values["managed"] is None:
        return False
    managed = bool(values["managed"])
    company = values["property_company"] or (planned.property_company if managed else "")
    if (managed, company) == (planned.managed, planned.property_company):
        return False
    planned.managed, planned.property_company = managed, company
    return True
