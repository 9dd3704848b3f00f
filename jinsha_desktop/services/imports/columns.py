"""Columns and header words shared by several importers (a person's name, document, phone…).

A person's columns are the PERSON declaration's fields (domain/person.py): the same key, heading
and cell kind as the people list and its Excel export, so an exported list reads back as is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.domain.id_numbers import DocumentType
from jinsha_desktop.domain.person import PERSON
from jinsha_desktop.domain.regions import RegionLookup
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.imports.framework import ImportField
from jinsha_desktop.services.registration import region_lookup, today_of


def column(
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


def person_column(
    key: str,
    synonyms: str = "",
    *,
    required: bool = False,
    choices: tuple[str, ...] = (),
    note: str = "",
) -> ImportField:
    """The column of a person's field `key`: its heading and kind from the PERSON declaration."""
    field = PERSON.field(key)
    return column(
        key, field.header, synonyms, required=required, kind=field.kind, choices=choices, note=note
    )


NAME_WORDS = "名字 人员姓名 来访人员姓名 来访人员"
TYPE_WORDS = "证件种类 证件名称 证件类别"
DOCUMENT_TYPES = tuple(kind.label for kind in DocumentType)
NUMBER_WORDS = (
    "身份证号码 身份证号 身份证 公民身份号码 公民身份证号码 公民身份证号 "
    "证件号 身份号码 身份证件号码"
)
PHONE = person_column("phone", "手机号码 手机 联系电话 电话 电话号码 联系方式 移动电话")
NOTE_WORDS = "说明 情况说明"


@dataclass(frozen=True)
class Today:
    """What cleaning a person's document needs, read once per preview."""

    today: date
    regions: RegionLookup

    @classmethod
    def of(cls, context: AppContext) -> Today:
        return cls(today_of(context), region_lookup(context))
