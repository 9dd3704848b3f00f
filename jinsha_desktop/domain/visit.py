"""The visit record kind (登记记录): its value types, its fields declared once, and its input.

VISIT is what the visits list, the Excel export, the registration ledger and the registration
form read; VisitInput (below it) is what the form, an import or a merged bundle hands over, with
its rules (`cleaned()`). Adding a field: the Visit model and a migration, a Field in VISIT and an
attribute of VisitInput (a free-text field declares its `max_length`, and the one optional-text
rule checks it), and a widget of the same name in ui/registration_page.ui. Nothing else: the
visit row, the save, the load for correction and F3 read these by name.
Keys are the attributes of the visit row (services/visit_lists.py VisitRow) and, where the form
types them, of the visit input.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import cache
from types import MappingProxyType
from typing import Any

from jinsha_desktop.domain.contact import clean_plate, clean_temperature
from jinsha_desktop.domain.errors import FieldChecks
from jinsha_desktop.domain.fields import CellKind, Field, LedgerCell, RecordKind
from jinsha_desktop.domain.id_numbers import DocumentType, Gender
from jinsha_desktop.domain.person import CleanPerson, PersonInput
from jinsha_desktop.domain.regions import RegionLookup
from jinsha_desktop.domain.risk import HealthCode
from jinsha_desktop.domain.text import clean_optional_text, label_of
from jinsha_desktop.domain.visit_duty import Duty, missing_required


class Direction(StrEnum):
    """Which way a person passes the checkpoint."""

    IN = "in"
    OUT = "out"

    @property
    def label(self) -> str:
        return "进" if self is Direction.IN else "出"


class TestResult(StrEnum):
    """A nucleic test's result, at a visit and at a monitoring check alike; "" (not stored as
    a member) means no result given."""

    __test__ = False  # not a pytest test class, despite the name

    NEGATIVE = "negative"
    POSITIVE = "positive"
    PENDING = "pending"

    @property
    def label(self) -> str:
        return {"negative": "阴性", "positive": "阳性", "pending": "待出结果"}[self.value]


def _direction(value: str) -> str:
    return label_of(Direction, value)


def _gender(value: str) -> str:
    return label_of(Gender, value)


def _document_type(value: str) -> str:
    return label_of(DocumentType, value)


def _health_code(value: str) -> str:
    return label_of(HealthCode, value)


def _test_result(value: str) -> str:
    return label_of(TestResult, value)


def joined(places: Sequence[str] | str) -> str:
    """A route as one line: 上海市、苏州市 (a row may hold it joined already)."""
    return places if isinstance(places, str) else "、".join(places)


def _ledger_time(row: Any) -> str:
    return str(row.visited_at.astimezone().strftime("%m-%d %H:%M"))


def _origin_and_route(row: Any) -> str:
    route = joined(row.route)
    return str(row.origin) + (f"（途经{route}）" if route else "")


def _nucleic(row: Any) -> str:
    when = row.nucleic_test_date.strftime("%m-%d") if row.nucleic_test_date else ""
    return " ".join(p for p in (when, _test_result(row.nucleic_test_result)) if p)


def _remarks(row: Any) -> str:
    parts = [row.flag_reasons] if row.flagged and row.flag_reasons else []
    if row.companions:
        parts.append(f"同行 {row.companions} 人")
    if row.notes:
        parts.append(row.notes)
    return "；".join(parts)


DERIVED = frozenset({"checkpoint", "destination", "gender"})
"""Keys shown but not stored on the visit: the checkpoint's name (the visit keeps its id), the
destination as one text (unit, compound, building, door and address), the person's gender."""
COMPUTED = frozenset({"flagged", "flag_reasons"})
"""Keys stored on the visit that nobody types: the risk rules set them when it is saved."""

_NOWHERE: frozenset[Any] = frozenset()
_SHEET: frozenset[Any] = frozenset({"sheet"})


def _carried(key: str, header: str, max_length: int = 0) -> Field:
    """A trip field the form fills in again from the person's last visit (F3) and that is
    shown nowhere else: the lists show the destination as one text (`destination`)."""
    return Field(key, header, places=_NOWHERE, carried_over=True, max_length=max_length)


VISIT = RecordKind(
    "visit",
    "登记记录",
    (
        Field(
            "visited_at",
            "登记时间",
            CellKind.DATETIME,
            sort="visited_at",
            width=19,
            ledger=LedgerCell(5.5, 8, text=_ledger_time),
        ),
        Field("checkpoint", "卡点", width=17, ledger=LedgerCell(3, 7)),
        Field(
            "direction",
            "进/出",
            label=_direction,
            sort="direction",
            width=7,
            ledger=LedgerCell(2, 2, "CENTER"),
        ),
        Field("person_name", "姓名", sort="person_name", width=11, ledger=LedgerCell(3, 6)),
        Field("gender", "性别", label=_gender, places=_SHEET, ledger=LedgerCell(2, 2, "CENTER")),
        Field("document_type", "证件类型", label=_document_type, places=_SHEET),
        Field(
            "document_number",
            "证件号码",
            CellKind.IDENTIFIER,
            sort="document_number",
            width=21,
            ledger=LedgerCell(10, 11),
        ),
        Field(
            "phone",
            "联系电话",
            CellKind.IDENTIFIER,
            sort="phone",
            width=14,
            ledger=LedgerCell(6.5, 7),
        ),
        Field(
            "origin",
            "来自何处",
            sort="origin",
            width=20,
            ledger=LedgerCell(4, 12, text=_origin_and_route),
            carried_over=True,
        ),
        _carried("origin_region_code", "来自何处（区划代码）"),
        Field("route", "途经地", label=joined, width=20, carried_over=True),
        Field("destination", "前往地点", places=_SHEET, ledger=LedgerCell(4, 12)),
        _carried("destination_unit_id", "前往社区/村"),
        _carried("destination_compound_id", "前往小区"),
        _carried("destination_building_id", "前往楼栋"),
        _carried("destination_door", "门牌", 20),
        _carried("destination_address", "地址", 200),
        Field(
            "purpose",
            "事由",
            places=_SHEET,
            ledger=LedgerCell(3, 8),
            carried_over=True,
            max_length=100,
        ),
        Field(
            "plate",
            "车牌",
            CellKind.IDENTIFIER,
            sort="plate",
            width=11,
            ledger=LedgerCell(3, 5),
            carried_over=True,
        ),
        Field("companions", "同行人数", CellKind.INTEGER, places=_SHEET),
        Field(
            "temperature",
            "体温(℃)",
            CellKind.DECIMAL,
            setting="temperature",
            width=9,
            ledger=LedgerCell(2.5, 2.5, "CENTER", header="体温"),
        ),
        Field(
            "health_code",
            "健康码",
            label=_health_code,
            setting="health_code",
            sort="health_code",
            width=9,
            ledger=LedgerCell(2.5, 3, "CENTER"),
            carried_over=True,
        ),
        Field(
            "travel_code_star",
            "行程卡带星",
            CellKind.BOOL,
            words=("带星", "无星"),
            setting="travel_code",
            width=10,
            ledger=LedgerCell(2.5, 3, "CENTER", header="行程卡"),
        ),
        Field(
            "nucleic_test_date", "核酸日期", CellKind.DATE, setting="nucleic_test", places=_SHEET
        ),
        Field(
            "nucleic_test_result",
            "核酸结果",
            label=_test_result,
            setting="nucleic_test",
            places=_SHEET,
            ledger=LedgerCell(3, 5, header="核酸检测", text=_nucleic),
        ),
        # Flags come only from the epidemic fields (no field switched on: nothing is flagged).
        Field("flagged", "异常", CellKind.BOOL, setting="any_epidemic_field", places=_SHEET),
        Field("flag_reasons", "异常原因", setting="any_epidemic_field", width=23),
        Field(
            "notes", "备注", places=_SHEET, ledger=LedgerCell(3, 12, text=_remarks), max_length=500
        ),
    ),
)
"""The visit's fields in the order of the Excel sheet; the list and the ledger show theirs in
the same order."""

_FREE_TEXT = VISIT.free_text()
MAX_ROUTE_PLACES = 20


@dataclass(frozen=True)
class VisitInput:
    """What the form (or an import) hands over, as typed."""

    document_number: str
    name: str
    document_type: str = DocumentType.RESIDENT_ID.value
    gender: str = ""
    birth_date: date | None = None
    phone: str = ""
    origin_region_code: str = ""
    origin: str = ""
    route: tuple[str, ...] = ()
    destination_unit_id: uuid.UUID | None = None
    destination_compound_id: uuid.UUID | None = None
    destination_building_id: uuid.UUID | None = None
    destination_door: str = ""
    destination_address: str = ""
    purpose: str = ""
    plate: str = ""
    companions: int = 0
    temperature: str | Decimal | None = None
    health_code: str = ""
    travel_code_star: bool | None = None
    nucleic_test_date: date | None = None
    nucleic_test_result: str = ""
    direction: str = "in"
    visited_at: datetime | None = None
    checkpoint_id: uuid.UUID | None = None
    notes: str = ""

    def cleaned(
        self, now: datetime, regions: RegionLookup, duty: Duty, *, required: bool = True
    ) -> CleanVisit:
        """Every rule of the form at once; FormErrors lists each bad field. A field the duty
        switched off is not kept. `required=False` leaves the duty's required fields to the
        caller (a correction of an older visit)."""
        checks = FieldChecks()
        today = now.astimezone().date()
        person = checks.check(self.person().cleaned, today, regions)
        plate = checks.check(clean_plate, self.plate, "plate")
        temperature = (
            checks.check(clean_temperature, self.temperature, "temperature")
            if duty.temperature
            else None
        )
        # The form calls it 来自 (the lists 来自何处), and so does its message.
        origin = checks.check(clean_optional_text, self.origin, "来自", "origin", max_length=100)
        free_text: dict[str, Any] = {
            f.key: checks.check(
                clean_optional_text, getattr(self, f.key), f.header, f.key, max_length=f.max_length
            )
            or ""
            for f in _FREE_TEXT
        }
        route: list[str] = []
        for place in self.route:
            text = checks.check(clean_optional_text, place, "途经地", "route", max_length=100)
            if text and text not in route:
                route.append(text)
        if len(route) > MAX_ROUTE_PLACES:
            checks.fail(f"途经地最多填写 {MAX_ROUTE_PLACES} 个。", "route")
        if self.direction not in tuple(Direction):
            checks.fail("请选择进出方向。", "direction")
        if not 0 <= self.companions <= 99:
            checks.fail("同行人数应在 0 到 99 之间。", "companions")
        health_code = ""
        if duty.health_code and self.health_code:
            try:
                health_code = HealthCode(self.health_code).value
            except ValueError:
                checks.fail("请选择健康码颜色。", "health_code")
        nucleic_result = self.nucleic_test_result if duty.nucleic_test else ""
        if nucleic_result not in ("", *TestResult):
            checks.fail("请选择核酸检测结果。", "nucleic_test_result")
        nucleic_date = self.nucleic_test_date if duty.nucleic_test else None
        if nucleic_date is not None and nucleic_date > today:
            checks.fail("核酸检测日期不能晚于今天。", "nucleic_test_date")
        visited_at = self.visited_at or now
        if visited_at.tzinfo is None:
            checks.fail("登记时间缺少时区。", "visited_at")
        elif visited_at > now + timedelta(minutes=10):
            checks.fail("登记时间不能晚于现在。", "visited_at")
        if self.checkpoint_id is None:
            checks.fail("请选择卡点。", "checkpoint_id")
        for message, name in missing_required(self, duty) if required else []:
            checks.fail(message, name)
        checks.raise_errors()
        assert person is not None
        who = person.person
        visit = dataclasses.replace(
            self,
            **{key: getattr(who, key) for key in _person_keys()},
            origin_region_code=self.origin_region_code or "",
            **free_text,
            origin=origin or "",
            route=tuple(route),
            plate=plate or "",
            temperature=temperature,
            health_code=health_code,
            travel_code_star=self.travel_code_star if duty.travel_code else None,
            nucleic_test_date=nucleic_date,
            nucleic_test_result=nucleic_result,
            visited_at=visited_at,
        )
        # The person's address on record is where the visitor said they were going.
        address = free_text["destination_address"]
        person = CleanPerson(dataclasses.replace(who, address=address), person.id_info)
        return CleanVisit(visit, person)

    def person(self) -> PersonInput:
        """The visitor's details in this input (the destination address aside: it is checked
        as the visit's)."""
        return PersonInput(**{key: getattr(self, key) for key in _person_keys()})


@cache
def _person_keys() -> tuple[str, ...]:
    """The person's fields a visit input carries too (name, document, gender, birth, phone;
    not the address: the visit has a destination address instead)."""
    visit = {f.name for f in dataclasses.fields(VisitInput)}
    return tuple(f.name for f in dataclasses.fields(PersonInput) if f.name in visit)


STORED_AS = {"name": "person_name"}
"""Input fields that the Visit model (and VISIT) name otherwise."""
PERSON_ONLY = frozenset({"gender", "birth_date"})
"""Input fields kept on the person, not on the visit."""


def carried_over_headers() -> list[str]:
    """What F3 takes over from the last visit, as the lists and sheets head it: a carried-over
    part shown nowhere (the origin's region code, the destination's unit, compound…) under the
    field whose key it extends (来自何处, 前往地点), each heading once."""
    shown = [f for f in VISIT.fields if f.places]
    headers: list[str] = []
    for field in VISIT.fields:
        if not field.carried_over:
            continue
        owner = (
            field
            if field.places
            else next((f for f in shown if field.key.startswith(f.key + "_")), None)
        )
        if owner is not None and owner.header not in headers:
            headers.append(owner.header)
    return headers


@cache
def stored_keys() -> Mapping[str, str]:
    """Each input field the visit stores → its name on the Visit model: saving, and loading a
    saved visit for correction, copy by this (a field added to VisitInput and the model is
    copied with no further code)."""
    return MappingProxyType(
        {
            f.name: STORED_AS.get(f.name, f.name)
            for f in dataclasses.fields(VisitInput)
            if f.name not in PERSON_ONLY
        }
    )


@dataclass(frozen=True)
class CleanVisit:
    """A visit's input that passed every rule, with its person's."""

    visit: VisitInput
    person: CleanPerson

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.person.warnings

    def values(self) -> dict[str, Any]:
        """The Visit model's columns (the route as a list: the service stores it as JSON)."""
        return {column: getattr(self.visit, key) for key, column in stored_keys().items()}
