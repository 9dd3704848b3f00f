"""Clean-up actions (整治): the rules of their input, shared by the form, the importers and the
bundle merge.

A clean-up is one action in a compound: a category (乱堆乱放, 停车位施划… reference data), a
count in the category's unit, the day it was done and who took part by group (共治共建共管).
Whether the category, compound and building exist is the service's question (it reads the
database); everything that can be decided from the input alone is decided here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date

from jinsha_desktop.domain.errors import FieldChecks
from jinsha_desktop.domain.repair_kinds import CLEANUP
from jinsha_desktop.domain.repairs import Group, count_of
from jinsha_desktop.domain.text import clean_optional_text

EARLIEST = date(2000, 1, 1)
"""No clean-up of this office's records happened before this day: an earlier date is a typo."""
MAX_COUNT = 100_000
MAX_PEOPLE = 10_000
"""Head counts per group: a clean-up day of the whole sub-district stays well below."""

_PLACE = 100
_NOTE = CLEANUP.field("note").max_length


@dataclass(frozen=True)
class CleanupInput:
    """A clean-up as the form (or an import) hands it over, as typed."""

    category_id: uuid.UUID | None
    compound_id: uuid.UUID | None
    count: object
    """A whole number ≥ 1 (the form's spin box gives an int; an import may give anything)."""
    done_on: date | None
    building_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None
    place: str = ""
    """Where in the compound, in words (东门车棚, 3 号楼北侧)."""
    cadres: object = 0
    urban_officers: object = 0
    property_staff: object = 0
    volunteers: object = 0
    note: str = ""

    def cleaned(self, today: date) -> CleanupInput:
        """Every rule at once; FormErrors names each bad field."""
        checks = FieldChecks()
        # In the form's reading order: the first bad field takes the focus.
        if self.compound_id is None:
            checks.fail("请选择小区。", "compound_id")
        if self.category_id is None:
            checks.fail("请选择整治类别。", "category_id")
        count = checks.check(count_of, self.count, "数量", "count", MAX_COUNT)
        if count == 0:
            checks.fail("数量至少为 1。", "count")
        if self.done_on is None:
            checks.fail("请填写整治日期。", "done_on")
        elif self.done_on > today:
            checks.fail("整治日期不能晚于今天。", "done_on")
        elif self.done_on < EARLIEST:
            checks.fail(f"整治日期不能早于 {EARLIEST.year} 年，请核对。", "done_on")
        people = {
            group: checks.check(
                count_of, getattr(self, group.value), group.label, group.value, MAX_PEOPLE
            )
            for group in Group
        }
        place = checks.check(clean_optional_text, self.place, "位置", "place", max_length=_PLACE)
        note = checks.check(clean_optional_text, self.note, "备注", "note", max_length=_NOTE)
        checks.raise_errors()
        return replace(
            self,
            count=count,
            place=place or "",
            note=note or "",
            cadres=people[Group.CADRES] or 0,
            urban_officers=people[Group.URBAN_OFFICERS] or 0,
            property_staff=people[Group.PROPERTY_STAFF] or 0,
            volunteers=people[Group.VOLUNTEERS] or 0,
        )
