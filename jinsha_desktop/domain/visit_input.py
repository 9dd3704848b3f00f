"""What a registration form (or an import, or a merged bundle) hands over for one visit, and the
rules it must pass: `VisitInput.cleaned()`. Pure: the time, the region table and the duty's
switches are arguments; finding the person and saving are the registration service's work.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from types import MappingProxyType
from typing import Any, Protocol

from jinsha_desktop.domain.contact import clean_plate, clean_temperature
from jinsha_desktop.domain.errors import FieldChecks
from jinsha_desktop.domain.id_numbers import DocumentType
from jinsha_desktop.domain.person import CleanPerson, PersonInput
from jinsha_desktop.domain.regions import RegionLookup
from jinsha_desktop.domain.risk import HealthCode
from jinsha_desktop.domain.text import clean_optional_text
from jinsha_desktop.domain.visit import Direction, TestResult

MAX_ROUTE_PLACES = 20


class Duty(Protocol):
    """Which epidemic fields the checkpoint's duty shows and which fields it requires (the
    registration settings)."""

    @property
    def temperature(self) -> bool: ...
    @property
    def health_code(self) -> bool: ...
    @property
    def travel_code(self) -> bool: ...
    @property
    def nucleic_test(self) -> bool: ...
    def requires(self, name: str) -> bool: ...


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
        origin = checks.check(clean_optional_text, self.origin, "来自", "origin", max_length=100)
        address = checks.check(
            clean_optional_text,
            self.destination_address,
            "地址",
            "destination_address",
            max_length=200,
        )
        door = checks.check(
            clean_optional_text, self.destination_door, "门牌", "destination_door", max_length=20
        )
        purpose = checks.check(clean_optional_text, self.purpose, "事由", "purpose", max_length=100)
        notes = checks.check(clean_optional_text, self.notes, "备注", "notes", max_length=500)
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
            origin=origin or "",
            route=tuple(route),
            destination_door=door or "",
            destination_address=address or "",
            purpose=purpose or "",
            plate=plate or "",
            temperature=temperature,
            health_code=health_code,
            travel_code_star=self.travel_code_star if duty.travel_code else None,
            nucleic_test_date=nucleic_date,
            nucleic_test_result=nucleic_result,
            visited_at=visited_at,
            notes=notes or "",
        )
        # The person's address on record is where the visitor said they were going.
        person = CleanPerson(dataclasses.replace(who, address=address or ""), person.id_info)
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


REQUIRED_MESSAGES = {
    "temperature": ("请填写体温（本卡点必填）。", "temperature"),
    "health_code": ("请选择健康码颜色（本卡点必填）。", "health_code"),
    "travel_code": ("请选择行程码是否带星号（本卡点必填）。", "travel_code_star"),
    "origin": ("请填写从哪里来（本卡点必填）。", "origin"),
    "destination": ("请填写目的地：社区/村或地址（本卡点必填）。", "destination_unit_id"),
    "purpose": ("请填写事由（本卡点必填）。", "purpose"),
}
"""Per required field (RegistrationSettings.required): the message and the field it names."""


def missing_required(data: VisitInput, duty: Duty) -> list[tuple[str, str]]:
    """The required fields `data` leaves empty: (message, field) each, in reading order."""
    given = given_fields(data)
    order = ("origin", "destination", "purpose", "temperature", "health_code", "travel_code")
    return [
        REQUIRED_MESSAGES[k]
        for k in order
        if duty.requires(k) and not given[REQUIRED_MESSAGES[k][1]]
    ]


def given_fields(visit: Any) -> dict[str, bool]:
    """Per field named by REQUIRED_MESSAGES: whether `visit` (an input or a saved visit) has a
    value there."""
    return {
        "temperature": str(visit.temperature or "").strip() != "",
        "health_code": bool(visit.health_code),
        "travel_code_star": visit.travel_code_star is not None,
        "origin": bool(visit.origin.strip()),
        "destination_unit_id": visit.destination_unit_id is not None
        or bool(visit.destination_address.strip()),
        "purpose": bool(visit.purpose.strip()),
    }
