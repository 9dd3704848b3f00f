"""Reference data of the sub-district: its communities and villages, compounds, checkpoints."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from jinsha_desktop.domain.errors import FieldChecks, ValidationError
from jinsha_desktop.domain.text import clean_name, clean_optional_text


class UnitKind(StrEnum):
    COMMUNITY = "community"
    VILLAGE = "village"

    @property
    def label(self) -> str:
        return "社区" if self is UnitKind.COMMUNITY else "村"


# The units named for 金沙街道; the administrator adds the rest.
DEFAULT_UNITS: tuple[tuple[str, UnitKind], ...] = (
    ("北山社区", UnitKind.COMMUNITY),
    ("金余村", UnitKind.VILLAGE),
    ("新三园村", UnitKind.VILLAGE),
    ("城东村", UnitKind.VILLAGE),
    ("金北村", UnitKind.VILLAGE),
)

DEFAULT_UNIT_NAME = "通州区金沙街道"


def unit_kind(value: str) -> UnitKind:
    try:
        return UnitKind(value)
    except ValueError:
        raise ValidationError("请选择类型（社区或村）。", "kind") from None


@dataclass(frozen=True)
class UnitInput:
    name: str
    kind: UnitKind
    note: str = ""

    def cleaned(self) -> UnitInput:
        checks = FieldChecks()
        texts = _texts(checks, self, ("name", "社区/村名称", 30), _NOTE)
        kind = checks.check(unit_kind, self.kind)
        checks.raise_errors()
        assert kind is not None
        return UnitInput(kind=kind, **texts)


@dataclass(frozen=True)
class CompoundInput:
    name: str
    address: str = ""
    note: str = ""
    managed: bool = False
    """Managed by a property company (有物业); most old compounds are not."""
    property_company: str = ""

    def cleaned(self) -> CompoundInput:
        checks = FieldChecks()
        texts = _texts(checks, self, ("name", "小区名称", 40), ("address", "地址", 100), _NOTE)
        company = checks.check(
            clean_optional_text,
            self.property_company,
            "物业公司",
            "property_company",
            max_length=60,
        )
        if company and not self.managed:
            checks.fail("填写物业公司前，请先勾选“有物业公司管理”。", "property_company")
        checks.raise_errors()
        return CompoundInput(managed=bool(self.managed), property_company=company or "", **texts)


@dataclass(frozen=True)
class BuildingInput:
    name: str
    unit_count: int | None = None
    floor_count: int | None = None

    def cleaned(self) -> BuildingInput:
        checks = FieldChecks()
        texts = _texts(checks, self, ("name", "楼栋号", 20))
        units = checks.check(_small_count, self.unit_count, "单元数", "unit_count", 50)
        floors = checks.check(_small_count, self.floor_count, "楼层数", "floor_count", 100)
        checks.raise_errors()
        return BuildingInput(unit_count=units, floor_count=floors, **texts)


@dataclass(frozen=True)
class CheckpointInput:
    name: str
    location: str = ""
    note: str = ""

    def cleaned(self) -> CheckpointInput:
        return _texts_cleaned(self, ("name", "卡点名称", 40), ("location", "位置", 100), _NOTE)


_Text = tuple[str, str, int]
"""A text field of a reference record: its name, its label in messages, its longest length."""
_NOTE: _Text = ("note", "备注", 200)


def _texts(checks: FieldChecks, record: object, name: _Text, *optional: _Text) -> dict[str, str]:
    """The record's required name and its optional texts, cleaned, by field ("" where one is
    refused: its error is in `checks`)."""
    field, label, longest = name
    value = getattr(record, field)
    texts = {field: checks.check(clean_name, value, label, field, max_length=longest) or ""}
    for field, label, longest in optional:
        value = getattr(record, field)
        cleaned = checks.check(clean_optional_text, value, label, field, max_length=longest)
        texts[field] = cleaned or ""
    return texts


TextsOnly = TypeVar("TextsOnly", bound="CheckpointInput")


def _texts_cleaned(record: TextsOnly, name: _Text, *optional: _Text) -> TextsOnly:
    """A record of texts only, cleaned; FormErrors with every refused text."""
    checks = FieldChecks()
    texts = _texts(checks, record, name, *optional)
    checks.raise_errors()
    return type(record)(**texts)  # every field is one of the texts


def _small_count(value: int | None, label: str, field: str, maximum: int) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= maximum:
        raise ValidationError(f"{label}应为 1 到 {maximum} 之间的整数。", field)
    return value
