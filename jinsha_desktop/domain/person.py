"""The person record kind (人员): its fields, declared once, and its input with the rules every
way in shares: the registration form, the people list's correction, the roster import (and the
bundle merge).

PERSON is what the people list and the people export read. Keys are the attributes of the
person row (services: the people list), of the Person model and of PersonInput.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from jinsha_desktop.domain.contact import clean_phone
from jinsha_desktop.domain.errors import FieldChecks
from jinsha_desktop.domain.fields import CellKind, Field, RecordKind
from jinsha_desktop.domain.id_numbers import (
    EARLIEST_BIRTH_DATE,
    DocumentType,
    Gender,
    IdNumberInfo,
    clean_document_number,
)
from jinsha_desktop.domain.regions import RegionLookup
from jinsha_desktop.domain.text import clean_name, clean_optional_text, label_of


def _gender(value: str) -> str:
    return label_of(Gender, value)


def _document_type(value: str) -> str:
    return label_of(DocumentType, value)


PERSON = RecordKind(
    "person",
    "人员",
    (
        Field("name", "姓名", sort="name", width=13),
        Field("gender", "性别", label=_gender, width=6),
        Field("birth_date", "出生日期", CellKind.DATE, width=13),
        Field("document_type", "证件类型", label=_document_type, width=13),
        Field("document_number", "证件号码", CellKind.IDENTIFIER, sort="document_number", width=21),
        Field("phone", "手机号", CellKind.IDENTIFIER, sort="phone", width=14),
        Field("last_visit_at", "最近来访", CellKind.DATETIME, sort="last_visit_at", width=19),
        Field("address", "住址", width=29),
    ),
)
"""The person's fields in the order the people list has always shown them (the address
last, where it can stretch); the Excel sheet follows the list, and the roster import reads it back
by its headings."""


@dataclass(frozen=True)
class PersonInput:
    """A person's details as typed or read from a sheet."""

    name: str
    phone: str = ""
    address: str = ""
    document_type: str = DocumentType.RESIDENT_ID.value
    document_number: str = ""
    gender: str = ""
    birth_date: date | None = None

    def cleaned(self, today: date, regions: RegionLookup | None) -> CleanPerson:
        """Every rule of a person at once; FormErrors lists each bad field.

        `regions` None: the input carries no document (a correction of name, phone and
        address); otherwise the document is checked and a valid resident ID says gender and
        birth date. A birth date is from 1900 to today (before 1900 it is a typo), wherever
        it comes from.
        """
        checks = FieldChecks()
        kind = DocumentType.OTHER
        number, info = "", None
        if regions is not None:
            try:
                kind = DocumentType(self.document_type)
            except ValueError:
                checks.fail("请选择证件类型。", "document_type")
            cleaned = checks.check(
                clean_document_number, kind, self.document_number, today, regions
            )
            number, info = cleaned if cleaned else ("", None)
        name = checks.check(clean_name, self.name, "姓名", "name", max_length=50)
        phone = checks.check(clean_phone, self.phone, "phone")
        address = checks.check(clean_optional_text, self.address, "住址", "address", max_length=200)
        gender, birth_date = self.gender, self.birth_date
        if gender not in _GENDERS:
            checks.fail("请选择性别。", "gender")
        if info is not None:
            # A valid resident ID says gender and birth date: they are not typed again.
            gender, birth_date = info.gender.value, info.birth_date
        if birth_date is not None and not EARLIEST_BIRTH_DATE <= birth_date <= today:
            checks.fail("出生日期应在 1900 年以后、不晚于今天，请核对。", "birth_date")
        checks.raise_errors()
        person = PersonInput(
            name=name or "",
            phone=phone or "",
            address=address or "",
            document_type=kind.value if regions is not None else self.document_type,
            document_number=number if regions is not None else self.document_number,
            gender=gender,
            birth_date=birth_date,
        )
        return CleanPerson(person, info)


_GENDERS = frozenset(("", *Gender))


@dataclass(frozen=True)
class CleanPerson:
    """A person's input that passed every rule, and what its resident ID number says."""

    person: PersonInput
    id_info: IdNumberInfo | None

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.id_info.warnings if self.id_info is not None else ()

    def values(self) -> dict[str, Any]:
        """The Person model's columns."""
        values = dict(vars(self.person))  # the input's fields (read per imported row: no fields())
        values["native_region_code"] = self.id_info.region_code if self.id_info else ""
        return values
