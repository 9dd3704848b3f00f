"""An inspection as typed: its header (what was inspected, when, by whom, on which checklist)
and one answer per item. The form, any importer and the services share these rules."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date

from jinsha_desktop.domain.errors import FieldChecks, ValidationError
from jinsha_desktop.domain.inspections import PlaceKind, occurrences_of
from jinsha_desktop.domain.text import clean_optional_text

EARLIEST = date(2000, 1, 1)


@dataclass(frozen=True)
class InspectionInput:
    template_id: uuid.UUID | None
    unit_id: uuid.UUID | None
    inspected_on: date | None
    place_kind: PlaceKind = PlaceKind.UNIT
    compound_id: uuid.UUID | None = None
    place: str = ""
    inspectors: str = ""
    note: str = ""

    def cleaned(self, today: date) -> InspectionInput:
        """Checked and tidied, or FormErrors naming every bad field."""
        checks = FieldChecks()
        if self.template_id is None:
            checks.fail("请选择检查清单。", "template_id")
        if self.unit_id is None:
            checks.fail("请选择被检查的村/社区。", "unit_id")
        if self.inspected_on is None:
            checks.fail("请填写检查日期。", "inspected_on")
        elif self.inspected_on > today:
            checks.fail("检查日期不能晚于今天。", "inspected_on")
        elif self.inspected_on < EARLIEST:
            checks.fail("检查日期太早，请核对。", "inspected_on")
        kind = checks.check(_place_kind, self.place_kind)
        if kind is PlaceKind.COMPOUND and self.compound_id is None:
            checks.fail("检查小区时，请选择小区。", "compound_id")
        if kind in (PlaceKind.ROAD, PlaceKind.SITE, PlaceKind.OTHER) and not self.place.strip():
            checks.fail("请写明检查的道路、工地或地点。", "place")
        place = checks.check(clean_optional_text, self.place, "地点", "place", max_length=100)
        inspectors = checks.check(
            clean_optional_text, self.inspectors, "检查人员", "inspectors", max_length=200
        )
        note = checks.check(clean_optional_text, self.note, "备注", "note", max_length=2000)
        checks.raise_errors()
        return replace(
            self,
            place_kind=kind or PlaceKind.UNIT,
            compound_id=self.compound_id if kind is PlaceKind.COMPOUND else None,
            place=place or "",
            inspectors=inspectors or "",
            note=note or "",
        )


def _place_kind(value: PlaceKind | str) -> PlaceKind:
    try:
        return PlaceKind(value)
    except ValueError:
        raise ValidationError("请选择检查的地点类别。", "place_kind") from None


@dataclass(frozen=True)
class AnswerInput:
    """What was found for one item: how many times, or not applicable, and a note."""

    answer_id: uuid.UUID
    occurrences: int | str = 0
    not_applicable: bool = False
    note: str = ""

    def cleaned(self) -> AnswerInput:
        occurrences = occurrences_of(self.occurrences)
        note = clean_optional_text(self.note, "说明", "note", max_length=500)
        return replace(self, occurrences=occurrences, note=note)
