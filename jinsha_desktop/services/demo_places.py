"""The demo's old compounds: 13 in each community and village (91 in all, the compounds the
issue's campaign walked), each with buildings of units and floors; some run by a property
company. Made through the reference services, on top of the compounds the registration demo has.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass

from jinsha_desktop.domain.reference import UnitKind
from jinsha_desktop.domain.sheets import SheetRow, SheetTable
from jinsha_desktop.services import reference
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.demo import COMPOUND_STEMS, ROADS
from jinsha_desktop.services.demo_registration import FEMALE_GIVEN, MALE_GIVEN, SURNAMES
from jinsha_desktop.services.imports import IMPORTERS
from jinsha_desktop.services.imports.run import apply_import, preview_import

PER_UNIT = 13
"""Compounds per community or village in the campaign: 7 units × 13 = the issue's 91."""
MORE_STEMS = (
    "金沙新村",
    "东园小区",
    "西园小区",
    "南苑小区",
    "北苑小区",
    "建设新村",
    "工农新村",
    "团结新村",
    "红旗小区",
    "向阳小区",
    "光明小区",
    "和平新村",
    "幸福小区",
    "友谊新村",
    "朝阳新村",
    "府前小区",
    "学府小区",
    "医院宿舍",
    "邮电宿舍",
    "棉纺厂宿舍",
    "化肥厂宿舍",
    "农机厂宿舍",
    "供销社宿舍",
    "食品站宿舍",
    "水利站宿舍",
    "税务小区",
    "银行宿舍",
    "交通新村",
    "城中新村",
    "河滨小区",
    "桥南小区",
    "金桥小区",
    "金港花园",
    "通甸新村",
    "滨河新村",
    "百花小区",
    "丽园小区",
    "新华新村",
    "长乐小区",
    "永安新村",
)
PROPERTY_COMPANIES = ("金沙物业", "通州城建物业", "南通华信物业", "金北物业服务有限公司")
_KEYS = ("unit", "compound", "address", "building", "unit_count", "floor_count", "property_company")
_HEADERS = ("社区/村", "小区名称", "地址", "楼栋", "单元数", "楼层数", "物业公司")
MANAGED_SHARE = 0.3
"""Old compounds mostly have no property company (the reason for the campaign)."""


@dataclass(frozen=True)
class BuildingPlace:
    id: uuid.UUID
    name: str
    units: int
    floors: int


@dataclass(frozen=True)
class Place:
    """A compound in the campaign, as the demo places work in it."""

    id: uuid.UUID
    name: str
    unit_name: str
    managed: bool
    buildings: tuple[BuildingPlace, ...]
    per_building: bool
    """In the community that piloted the campaign (北山社区): its findings became an order per
    building; elsewhere an order per compound (a contractor takes a compound)."""


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(MALE_GIVEN + FEMALE_GIVEN)


def demo_phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"


def _fresh_names() -> list[str]:
    """Names no unit's registration-demo compounds use (those come from COMPOUND_STEMS)."""
    names = [*MORE_STEMS, *(f"{stem}二区" for stem in MORE_STEMS)]
    return [name for name in names if name not in COMPOUND_STEMS]


def campaign_places(context: AppContext, rng: random.Random) -> tuple[list[Place], tuple[int, int]]:
    """The first PER_UNIT compounds of every unit (those a unit lacks are imported, as an office
    loads its compound list from Excel: one unit of work), with their buildings; and how many
    compounds and buildings were added."""
    fresh = iter(_fresh_names())
    rows: list[SheetRow] = []
    added_compounds = 0
    units = reference.list_units(context)
    for unit in units:
        for _ in range(PER_UNIT - len(reference.list_compounds(context, unit.id))):
            name, address = next(fresh), f"{rng.choice(ROADS)}{rng.randint(1, 500)}号"
            company = rng.choice(PROPERTY_COMPANIES) if rng.random() < MANAGED_SHARE else ""
            added_compounds += 1
            for number in range(1, rng.randint(4, 12) + 1):
                units_floors = rng.choice((1, 2, 2, 3, 3, 4)), rng.choice((4, 5, 6, 6, 7))
                values = (unit.name, name, address, f"{number}幢", *units_floors, company)
                rows.append(SheetRow(len(rows) + 2, values))
    if rows:
        table = SheetTable("演示小区楼栋", 1, _HEADERS, rows)
        mapping = dict(enumerate(_KEYS))
        apply_import(context, preview_import(context, IMPORTERS["compounds"], table, mapping))
    pilot = next((u.id for u in units if u.kind is UnitKind.COMMUNITY), None)
    places: list[Place] = []
    for unit in units:
        for compound in reference.list_compounds(context, unit.id)[:PER_UNIT]:
            buildings = tuple(
                BuildingPlace(b.id, b.name, b.unit_count or 0, b.floor_count or 5)
                for b in reference.list_buildings(context, compound.id)
            )
            places.append(
                Place(
                    compound.id,
                    compound.name,
                    unit.name,
                    compound.managed,
                    buildings,
                    unit.id == pilot,
                )
            )
    return places, (added_compounds, len(rows))
