"""The four importers: visitor roster, risk-area list, compounds and buildings, match list.

Each row is checked with the rules of the forms (domain/), and classified:

**roster** (来访人员名单; EDIT_RECORDS). 姓名*, 证件类型 (empty: 居民身份证), 证件号码*, 性别,
出生日期, 手机号, 住址. A person is their (document type, number). Not on record: 新增. On record:
更新 when a filled cell differs from what is stored (an empty cell never blanks a stored value),
else 重复. A resident ID says gender and birth date; a 性别 or 出生日期 cell that contradicts it
rejects the row. An ID number Excel stored as a number of 16+ digits has lost digits: rejected.

**risk_areas** (风险地区名单; MANAGE_REFERENCE_DATA). 地区名称*, 风险等级* (高风险/中风险, also
高, 中, high…), 生效日期*, 解除日期, 备注. An area is its (name, level, start date); on record it
is 更新 when the end date or the note given differs, else 重复.

**compounds** (小区楼栋; MANAGE_REFERENCE_DATA). 社区/村* (an existing unit, by name, "北山" for
北山社区 too), 小区名称*, 地址, 楼栋, 单元数, 楼层数. A row without 楼栋 stands for the compound; a
row with one for the building, adding its compound first when needed — so rows repeating a
compound (merged cells) with one building each are the normal shape. 新增 when a compound or
building is added, 更新 when a filled 地址/单元数/楼层数 differs, else 重复.

**match_list** (协查名单; VIEW_RECORDS). 姓名, 证件类型, 证件号码, 手机号, 备注; 证件号码 or 手机号
on every row. Nothing is written: each listed person is 有登记 (a visit registered with that
document number — whatever its type — or, failing that, with that phone) or 无登记. Full numbers
are compared inside; `match_report` lists every visit (time, checkpoint, direction, origin,
route, destination), masked unless a role allowed to see full data asks, and audits the export.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from jinsha_desktop.db.reference_models import Building, Compound
from jinsha_desktop.db.registration_models import Person, RiskArea
from jinsha_desktop.domain.contact import clean_phone
from jinsha_desktop.domain.errors import (
    ValidationError,
)
from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.domain.id_numbers import (
    EARLIEST_BIRTH_DATE,
    DocumentType,
    Gender,
    IdNumberInfo,
    clean_document_number,
)
from jinsha_desktop.domain.imports import (
    comparable_name,
    guess_document_type,
    is_empty,
    parse_count,
    parse_document_type,
    parse_gender,
    parse_risk_level,
    plain_text,
)
from jinsha_desktop.domain.loose_values import cell_text, id_number_cell, parse_loose_date
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.reference import BuildingInput, CompoundInput
from jinsha_desktop.domain.regions import RegionLookup
from jinsha_desktop.domain.risk import RiskAreaInput, RiskLevel
from jinsha_desktop.domain.text import clean_name, clean_optional_text
from jinsha_desktop.reports.importing import (
    Importer,
    ImportField,
    PreviewRow,
    RowChecks,
    RowOutcome,
)
from jinsha_desktop.reports.xlsx_reading import CellValue
from jinsha_desktop.services import import_data
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.registration import region_lookup, today_of


def _field(
    key: str,
    label: str,
    synonyms: str = "",
    *,
    required: bool = False,
    kind: CellKind = CellKind.TEXT,
    choices: tuple[str, ...] = (),
    note: str = "",
) -> ImportField:
    """An ImportField with its synonyms written as one space-separated string."""
    return ImportField(key, label, tuple(synonyms.split()), required, kind, choices, note)


_NAME_WORDS = "名字 人员姓名 来访人员姓名 来访人员"
_TYPE_WORDS = "证件种类 证件名称 证件类别"
_DOCUMENT_TYPES = tuple(kind.label for kind in DocumentType)
_NUMBER_WORDS = (
    "身份证号码 身份证号 身份证 公民身份号码 公民身份证号码 公民身份证号 "
    "证件号 身份号码 身份证件号码"
)
_PHONE = _field(
    "phone", "手机号", "手机号码 手机 联系电话 电话 电话号码 联系方式 移动电话",
    kind=CellKind.IDENTIFIER,
)  # fmt: skip
_NOTE_WORDS = "说明 情况说明"


# ---------------------------------------------------------------- roster


@dataclass(frozen=True)
class _Day:
    today: date
    regions: RegionLookup


_PERSON_FIELDS = ("name", "gender", "birth_date", "native_region_code", "phone", "address")
_PERSON_LABELS = {
    "name": "姓名",
    "gender": "性别",
    "birth_date": "出生日期",
    "native_region_code": "籍贯地区",
    "phone": "手机号",
    "address": "住址",
}


class RosterImporter(Importer):
    name = "roster"
    title = "来访人员名单"
    permission = Permission.EDIT_RECORDS
    table_name = "person"
    forget_written = True
    fields = (
        _field("name", "姓名", _NAME_WORDS, required=True),
        _field("document_type", "证件类型", _TYPE_WORDS, choices=_DOCUMENT_TYPES,
               note="留空按居民身份证处理。"),
        _field("document_number", "证件号码", _NUMBER_WORDS, required=True,
               kind=CellKind.IDENTIFIER, note="居民身份证 18 位（老证 15 位）；请按文本填写。"),
        _field("gender", "性别", "性别（男/女）", choices=("男", "女"),
               note="居民身份证可不填，按号码确定。"),
        _field("birth_date", "出生日期", "出生年月 生日 出生年月日", kind=CellKind.DATE,
               note="居民身份证可不填，按号码确定。"),
        _PHONE,
        _field("address", "住址", "地址 现住址 家庭住址 居住地址 详细地址"),
    )  # fmt: skip
    template_example = ("张三", "居民身份证", "320612199001011234", "男", None, "13812345678",
                        "金沙街道北山社区 3 幢 201 室")  # fmt: skip
    template_rules = (
        "同一证件号码已登记过的人员，只更新表中填写了的信息，空白单元格不会清除已有信息。",
    )

    def prepare(self, context: AppContext) -> _Day:
        return _Day(today_of(context), region_lookup(context))

    def clean(self, state: _Day, values: Mapping[str, CellValue]) -> dict[str, Any]:
        checks = RowChecks()
        typed = checks.check("document_type", parse_document_type, values.get("document_type"))
        kind = typed or DocumentType.RESIDENT_ID
        raw = checks.check("document_number", id_number_cell, values.get("document_number"))
        number, info = "", None
        if raw is not None and not checks.has_error("document_type"):
            guessed = typed is None
            cleaned = checks.check("document_number", _document, kind, raw, state, guessed)
            number, info = cleaned or ("", None)
        name = checks.check("name", clean_name, plain_text(values.get("name")), "姓名", "name")
        gender = checks.check("gender", parse_gender, values.get("gender"))
        born = checks.check(
            "birth_date", parse_loose_date, values.get("birth_date"), "birth_date", "出生日期"
        )
        if born is not None and not EARLIEST_BIRTH_DATE <= born <= state.today:
            checks.fail("birth_date", "出生日期应在 1900 年以后、不晚于今天，请核对。")
        phone = checks.check("phone", clean_phone, cell_text(values.get("phone")))
        address = checks.check(
            "address",
            clean_optional_text,
            plain_text(values.get("address")),
            "住址",
            "address",
            max_length=200,
        )
        if info is not None:
            if gender is not None and gender is not info.gender:
                checks.fail(
                    "gender",
                    f"表中为“{gender.label}”，但证件号码显示为{info.gender.label}性，请核对",
                    also=("document_number",),
                )
            if born is not None and born != info.birth_date:
                checks.fail(
                    "birth_date",
                    f"表中为 {born.isoformat()}，但证件号码中的出生日期是 "
                    f"{info.birth_date.isoformat()}，请核对",
                    also=("document_number",),
                )
            gender, born = info.gender, info.birth_date
        checks.raise_errors()
        return {
            "document_type": kind.value,
            "document_number": number,
            "name": name,
            "gender": Gender(gender).value if gender else "",
            "birth_date": born,
            "native_region_code": info.region_code if info is not None else "",
            "phone": phone or "",
            "address": address or "",
            "_warnings": info.warnings if info is not None else (),
        }

    def key(self, values: Mapping[str, Any]) -> Hashable:
        return (values["document_type"], values["document_number"])

    def classify(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        documents = [(row.values["document_type"], row.values["document_number"]) for row in rows]
        people = memory["people"] = import_data.people_by_documents(session, documents)
        for row, document in zip(rows, documents, strict=True):
            person = people.get(document)
            if person is None:
                row.outcome, row.reason = RowOutcome.ADD, "新增人员。"
                continue
            changed = _person_changes(person, row.values)
            if changed:
                labels = "、".join(_PERSON_LABELS[key] for key in changed)
                row.outcome, row.reason = RowOutcome.UPDATE, f"已有此人，将更新{labels}。"
            else:
                row.outcome, row.reason = RowOutcome.DUPLICATE, "已有此人，信息相同。"

    def write(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        known: dict[Any, import_data.StoredPerson] = memory["people"]
        updated = [row for row in rows if row.outcome is RowOutcome.UPDATE]
        people = import_data.people_by_ids(session, [known[row.key].id for row in updated])
        for row in rows:
            if row.outcome is RowOutcome.ADD:
                values = {k: v for k, v in row.values.items() if not k.startswith("_")}
                session.add(Person(id=uuid.uuid4(), **values))
        for row in updated:
            person = people[known[row.key].id]
            for key in _person_changes(known[row.key], row.values):
                setattr(person, key, row.values[key])


def _document(
    kind: DocumentType, raw: str, state: _Day, guessed: bool
) -> tuple[str, IdNumberInfo | None]:
    """`clean_document_number`; a letter in a number taken for a resident ID (no 证件类型 given)
    suggests naming its type."""
    try:
        return clean_document_number(kind, raw, state.today, state.regions)
    except ValidationError as error:
        if guessed and any(c.isalpha() for c in raw[:-1]):
            raise ValidationError(
                error.message + "如果这不是居民身份证，请在“证件类型”列注明。", error.field
            ) from None
        raise


def _person_changes(person: import_data.StoredPerson, values: Mapping[str, Any]) -> list[str]:
    """The person's details a row fills in differently (empty cells keep what is stored)."""
    return [
        key
        for key in _PERSON_FIELDS
        if values.get(key) not in ("", None) and getattr(person, key) != values[key]
    ]


# ---------------------------------------------------------------- risk areas


class RiskAreaImporter(Importer):
    name = "risk_areas"
    title = "风险地区名单"
    permission = Permission.MANAGE_REFERENCE_DATA
    table_name = "risk_area"
    fields = (
        _field("name", "地区名称", "地区 风险地区 风险地区名称 区域 区域名称 名称 地址 地点",
               required=True, note="按通报写完整，如 上海市浦东新区张江镇。"),
        _field("level", "风险等级", "风险级别 等级 级别 风险类别 风险", required=True,
               choices=(RiskLevel.HIGH.label, RiskLevel.MEDIUM.label)),
        _field("effective_from", "生效日期",
               "开始日期 起始日期 生效时间 开始时间 调整日期 公布日期 日期",
               required=True, kind=CellKind.DATE),
        _field("effective_to", "解除日期", "结束日期 截止日期 解除时间 结束时间 解封日期",
               kind=CellKind.DATE, note="仍在管控中的留空。"),
        _field("note", "备注", _NOTE_WORDS),
    )  # fmt: skip
    template_example = ("上海市浦东新区张江镇", "中风险", date(2022, 8, 5), None, "")
    template_rules = ("同一地区、风险等级和生效日期已存在的，只更新解除日期和备注。",)

    def clean(self, state: None, values: Mapping[str, CellValue]) -> dict[str, Any]:
        checks = RowChecks()
        level = checks.check("level", parse_risk_level, values.get("level"))
        start = checks.check(
            "effective_from",
            parse_loose_date,
            values.get("effective_from"),
            "effective_from",
            "生效日期",
        )
        end = checks.check(
            "effective_to", parse_loose_date, values.get("effective_to"), "effective_to", "解除日期"
        )
        note = checks.check(
            "note", clean_optional_text, plain_text(values.get("note")), "备注", "note"
        )
        area = checks.check_form(
            {},
            RiskAreaInput(
                plain_text(values.get("name")),
                level or "",
                start,  # type: ignore[arg-type]  # None is reported on its field
                end,
            ).cleaned,
        )
        checks.raise_errors()
        assert area is not None
        return {
            "name": area.name,
            "level": RiskLevel(area.level).value,
            "effective_from": area.effective_from,
            "effective_to": area.effective_to,
            "note": note or "",
        }

    def key(self, values: Mapping[str, Any]) -> Hashable:
        return (values["name"], values["level"], values["effective_from"])

    def classify(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        if "areas" not in memory:
            memory["areas"] = import_data.active_risk_areas(session)
        areas: dict[Any, RiskArea] = memory["areas"]
        for row in rows:
            area = areas.get(row.key)
            if area is None:
                row.outcome, row.reason = RowOutcome.ADD, "新增风险地区。"
            elif changed := _area_changes(area, row.values):
                labels = "、".join("解除日期" if k == "effective_to" else "备注" for k in changed)
                row.outcome, row.reason = RowOutcome.UPDATE, f"已有此地区，将更新{labels}。"
            else:
                row.outcome, row.reason = RowOutcome.DUPLICATE, "已有此地区，信息相同。"

    def write(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        areas: dict[Any, RiskArea] = memory["areas"]
        for row in rows:
            if row.outcome is RowOutcome.ADD:
                area = RiskArea(**row.values)
                session.add(area)
                areas[row.key] = area
            elif row.outcome is RowOutcome.UPDATE:
                area = areas[row.key]
                for key in _area_changes(area, row.values):
                    setattr(area, key, row.values[key])


def _area_changes(area: RiskArea, values: Mapping[str, Any]) -> list[str]:
    return [
        key
        for key in ("effective_to", "note")
        if values.get(key) not in ("", None) and getattr(area, key) != values[key]
    ]


# ---------------------------------------------------------------- compounds and buildings


@dataclass
class _PlannedCompound:
    record: Compound | None
    address: str
    id: uuid.UUID = field(default_factory=uuid.uuid4)


@dataclass
class _PlannedBuilding:
    record: Building | None
    unit_count: int | None
    floor_count: int | None


# The forms' error fields, as this importer names its columns.
_COMPOUND_FIELDS = {"name": "compound", "note": "compound"}
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
        _field("unit", "社区/村",
               "社区 村 所属社区 所属村 村/社区 社区(村) 村居 所属村居 所属社区/村",
               required=True, note="须是基础数据中已有的社区或村。"),
        _field("compound", "小区名称", "小区 小区名 小区名字", required=True),
        _field("address", "地址", "小区地址 位置 坐落 详细地址"),
        _field("building", "楼栋", "楼栋号 楼号 幢号 栋号 幢 栋 楼幢",
               note="留空时这一行只登记小区。"),
        _field("unit_count", "单元数", "单元", kind=CellKind.INTEGER),
        _field("floor_count", "楼层数", "层数 楼层 总层数", kind=CellKind.INTEGER),
    )  # fmt: skip
    template_example = ("北山社区", "金沙新村", "金沙街道人民路 18 号", "3 幢", 2, 6)
    template_rules = (
        "一个小区有几栋楼就写几行，每行一栋，小区名称和地址可以重复或合并单元格。",
        "已有的小区和楼栋只更新表中填写了的地址、单元数和楼层数。",
    )

    def prepare(self, context: AppContext) -> dict[str, tuple[uuid.UUID, str]]:
        with context.reading() as session:
            units = import_data.units_by_name(session)
            return {comparable_name(name): (unit.id, unit.name) for name, unit in units.items()}

    def choices(self, context: AppContext | None) -> dict[str, tuple[str, ...]]:
        if context is None:
            return super().choices(context)
        with context.reading() as session:
            units = tuple(sorted(import_data.units_by_name(session)))
        return {**super().choices(context), "unit": units}

    def clean(
        self, state: dict[str, tuple[uuid.UUID, str]], values: Mapping[str, CellValue]
    ) -> dict[str, Any]:
        checks = RowChecks()
        unit = checks.check("unit", _find_unit, state, plain_text(values.get("unit")))
        compound = checks.check_form(
            _COMPOUND_FIELDS,
            CompoundInput(
                plain_text(values.get("compound")), plain_text(values.get("address"))
            ).cleaned,
        )
        units = checks.check(
            "unit_count", parse_count, values.get("unit_count"), "单元数", "unit_count"
        )
        floors = checks.check(
            "floor_count", parse_count, values.get("floor_count"), "楼层数", "floor_count"
        )
        building_name = plain_text(values.get("building"))
        building = None
        if building_name:
            building = checks.check_form(
                _BUILDING_FIELDS,
                BuildingInput(building_name, units, floors).cleaned,
            )
        elif units is not None or floors is not None:
            checks.fail("building", "填写了单元数或楼层数，请同时填写楼栋")
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
        }

    def key(self, values: Mapping[str, Any]) -> Hashable:
        return (values["unit_id"], values["compound"], values["building"])

    def classify(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        if "compounds" not in memory:
            existing = import_data.compounds_by_name(session)
            memory["compounds"] = {
                key: _PlannedCompound(c, c.address, c.id) for key, c in existing.items()
            }
            by_id = {c.id: key for key, c in existing.items()}
            memory["buildings"] = {
                (*by_id[b.compound_id], b.name): _PlannedBuilding(b, b.unit_count, b.floor_count)
                for b in import_data.buildings_by_name(session).values()
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
                compounds[compound_key] = _PlannedCompound(None, values["address"])
            elif values["address"] and values["address"] != planned.address:
                steps.append("更新小区地址")
                planned.address = values["address"]
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
                )
                session.add(planned.record)
            elif step == "更新小区地址" and planned.record is not None:
                planned.record.address = values["address"]
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


# ---------------------------------------------------------------- match list


class MatchListImporter(Importer):
    name = "match_list"
    title = "协查名单"
    permission = Permission.VIEW_RECORDS
    table_name = "visit"
    writes_records = False
    outcomes = (RowOutcome.FOUND, RowOutcome.NOT_FOUND, RowOutcome.DUPLICATE, RowOutcome.REJECT)
    one_of = ("document_number", "phone")
    fields = (
        _field("name", "姓名", _NAME_WORDS + " 协查对象"),
        _field("document_type", "证件类型", _TYPE_WORDS, choices=_DOCUMENT_TYPES,
               note="可不填：18 位或 15 位号码按居民身份证比对。"),
        _field("document_number", "证件号码", _NUMBER_WORDS, kind=CellKind.IDENTIFIER,
               note="证件号码和手机号至少填写一项。"),
        _PHONE,
        _field("note", "备注", _NOTE_WORDS + " 协查事由 事由 协查原因 原因"),
    )  # fmt: skip
    template_example = ("张三", "居民身份证", "320612199001011234", "13812345678", "")
    template_rules = (
        "证件号码和手机号至少填写一项；有证件号码的按证件号码比对，查不到时再按手机号比对。",
    )

    def prepare(self, context: AppContext) -> _Day:
        return _Day(today_of(context), region_lookup(context))

    def clean(self, state: _Day, values: Mapping[str, CellValue]) -> dict[str, Any]:
        checks = RowChecks()
        name = checks.check(
            "name",
            clean_optional_text,
            plain_text(values.get("name")),
            "姓名",
            "name",
            max_length=50,
        )
        typed = checks.check("document_type", parse_document_type, values.get("document_type"))
        number = ""
        if not is_empty(values.get("document_number")):
            raw = checks.check("document_number", id_number_cell, values.get("document_number"))
            if raw is not None:
                kind = typed or guess_document_type(raw)
                cleaned = checks.check(
                    "document_number", clean_document_number, kind, raw, state.today, state.regions
                )
                number = cleaned[0] if cleaned else ""
        warnings: list[str] = []
        try:
            phone = clean_phone(cell_text(values.get("phone")))
        except ValidationError as error:
            if not number:
                checks.fail("phone", error.message)
            # A listed person is never left unchecked for a mistyped phone: the number decides.
            warnings.append(f"手机号有误（{error.message.rstrip('。')}），只按证件号码比对。")
            phone = ""
        note = checks.check(
            "note", clean_optional_text, plain_text(values.get("note")), "备注", "note"
        )
        checks.raise_errors()
        return {
            "name": name or "",
            "document_type": typed.value if typed else "",
            "document_number": number,
            "phone": phone,
            "note": note or "",
            "_warnings": tuple(warnings),
        }

    def key(self, values: Mapping[str, Any]) -> Hashable:
        if values["document_number"]:
            return ("document", values["document_number"])
        return ("phone", values["phone"])

    def classify(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        by_number, by_phone = import_data.visit_counts(
            session,
            numbers={row.values["document_number"] for row in rows},
            phones={row.values["phone"] for row in rows},
        )
        for row in rows:
            found = by_number.get(row.values["document_number"])
            how = ""
            if found is None:
                found = by_phone.get(row.values["phone"])
                how = "（按手机号）" if row.values["document_number"] else ""
            if found is None:
                row.outcome, row.reason = RowOutcome.NOT_FOUND, "本地没有登记记录。"
            else:
                last = found.last_visit_at.astimezone().strftime("%Y-%m-%d %H:%M")
                row.outcome = RowOutcome.FOUND
                row.reason = f"登记 {found.visits} 次{how}，最近一次 {last}。"


# ---------------------------------------------------------------- the registry

IMPORTERS: dict[str, Importer] = {
    importer.name: importer
    for importer in (RosterImporter(), RiskAreaImporter(), CompoundImporter(), MatchListImporter())
}


def importer_of(name: str) -> Importer:
    """The importer called `name` (or titled so); ValidationError listing the known ones."""
    wanted = name.strip()
    for importer in IMPORTERS.values():
        if wanted in (importer.name, importer.title):
            return importer
    known = "、".join(f"{i.name}（{i.title}）" for i in IMPORTERS.values())
    raise ValidationError(f"没有名为“{name}”的导入项。可选：{known}。", "importer")
