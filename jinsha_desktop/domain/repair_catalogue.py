"""The old-compound module's reference data as the administrator types it: parts of the
catalogue (name, kind, unit, unit price) and clean-up categories (name, unit)."""

from __future__ import annotations

from dataclasses import dataclass

from jinsha_desktop.domain.errors import FieldChecks, ValidationError
from jinsha_desktop.domain.repairs import PartKind, money_of
from jinsha_desktop.domain.text import clean_name, clean_optional_text


def part_kind(value: object) -> PartKind:
    try:
        return PartKind(str(value))
    except ValueError:
        message = "请选择配件类别（灯泡、开关、均分器、电线或其他）。"
        raise ValidationError(message, "kind") from None


@dataclass(frozen=True)
class PartInput:
    """A part of the catalogue. Its unit price is what new part lines take; a line already
    written keeps the price it was used at."""

    name: str
    kind: PartKind | str
    unit: str
    unit_price: object
    """Yuan, two decimals at most ("" is 0)."""
    note: str = ""

    def cleaned(self) -> PartInput:
        checks = FieldChecks()
        name = checks.check(clean_name, self.name, "配件名称", "name", max_length=30)
        kind = checks.check(part_kind, self.kind)
        unit = checks.check(clean_name, self.unit, "单位", "unit", max_length=8)
        price = checks.check(money_of, self.unit_price, "单价", "unit_price")
        note = checks.check(clean_optional_text, self.note, "备注", "note", max_length=200)
        checks.raise_errors()
        assert kind is not None and price is not None
        return PartInput(name or "", kind, unit or "", price, note or "")


@dataclass(frozen=True)
class CleanupCategoryInput:
    """A kind of clean-up (乱堆乱放…) and the unit its counts are in (处, 个)."""

    name: str
    unit: str
    note: str = ""

    def cleaned(self) -> CleanupCategoryInput:
        checks = FieldChecks()
        name = checks.check(clean_name, self.name, "整治类别", "name", max_length=30)
        unit = checks.check(clean_name, self.unit, "单位", "unit", max_length=8)
        note = checks.check(clean_optional_text, self.note, "备注", "note", max_length=200)
        checks.raise_errors()
        return CleanupCategoryInput(name or "", unit or "", note or "")
