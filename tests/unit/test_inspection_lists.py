"""The inspections list (services/inspection_lists.py) and its record kind
(domain/inspection_kinds.py): what a row shows, each filter, a reader may look, and a header
naming what does not exist (or no longer does) is refused with nothing written."""

from __future__ import annotations

import uuid
from dataclasses import fields, replace
from datetime import timedelta
from decimal import Decimal

import pytest

from jinsha_desktop.domain.errors import PermissionDenied, ValidationError
from jinsha_desktop.domain.inspection_kinds import INSPECTION, veto_text
from jinsha_desktop.domain.inspections import InspectionStatus, PlaceKind
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.services import checklists, inspections
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.inspection_lists import (
    InspectionFilter,
    InspectionRow,
    InspectionSort,
    count_inspections,
    inspections_page,
    iter_inspections,
)
from tests.unit.support import a_compound, logged_in_as, row_counts
from tests.unit.test_inspections import SMALL, small_template, started, typed, village

D = Decimal


def test_every_column_of_the_record_kind_is_a_field_of_the_row() -> None:
    row_fields = {f.name for f in fields(InspectionRow)}
    assert {f.key for f in INSPECTION.fields} <= row_fields
    assert veto_text(True) == "否决" and veto_text(False) == ""


def test_a_row_shows_place_checklist_score_and_state(admin: AppContext) -> None:
    compound, _buildings = a_compound(admin)
    unit = next(u for u in inspections_units(admin) if u[1] == compound)[0]
    template = small_template(admin)
    inspection = started(
        admin,
        template,
        unit_id=unit,
        place_kind=PlaceKind.COMPOUND,
        compound_id=compound,
        place="3幢北侧",
    )
    [draft] = inspections_page(admin, InspectionFilter())
    assert (draft.status, draft.percent, draft.score, draft.veto) == ("draft", None, None, False)
    assert draft.place == "金沙花苑 3幢北侧" and draft.template == "小清单 第1版"
    inspections.save_answers(admin, inspection, typed(admin, inspection, 0, 0, 0, 1))
    inspections.submit_inspection(admin, inspection)
    [row] = inspections_page(admin, InspectionFilter(status=InspectionStatus.SUBMITTED.value))
    assert (row.score, row.maximum, row.veto, row.amendments) == (D(0), D("8.00"), True, 0)
    assert row.inspectors == "张检查、李检查" and row.findings == 0
    assert INSPECTION.fields[2].label is not None
    assert INSPECTION.fields[2].label(row.status) == InspectionStatus.SUBMITTED.label


def inspections_units(admin: AppContext) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(unit id, compound id) of every compound."""
    from jinsha_desktop.db.reference_models import Compound

    with admin.reading() as session:
        return [(c.unit_id, c.id) for c in session.query(Compound)]


def test_the_checklist_period_and_words_filter(admin: AppContext) -> None:
    day = admin.clock.now().date()
    small = small_template(admin)
    other = small_template(admin, replace(SMALL, title="另一份清单"))
    started(admin, small, inspected_on=day - timedelta(days=10), note="雨后复查")
    started(admin, other, inspected_on=day - timedelta(days=3), inspectors="王五")
    started(admin, other, place_kind=PlaceKind.ROAD, place="金沙大道")
    assert count_inspections(admin, InspectionFilter(template_id=small)) == 1
    assert count_inspections(admin, InspectionFilter(template_id=other)) == 2
    assert count_inspections(admin, InspectionFilter(end=day - timedelta(days=3))) == 2
    week = InspectionFilter(start=day - timedelta(days=7), end=day - timedelta(days=2))
    assert count_inspections(admin, week) == 1
    for words in ("雨后", "王五", "金沙大道", "１", "j000002"):
        assert count_inspections(admin, InspectionFilter(search=words)) == 1, words
    assert count_inspections(admin, InspectionFilter(search="没有这样的")) == 0
    newest_first = [
        r.inspected_on for r in iter_inspections(admin, InspectionFilter(), InspectionSort())
    ]
    assert newest_first == sorted(newest_first, reverse=True)


def test_a_reader_looks_but_does_not_inspect(admin: AppContext) -> None:
    started(admin, small_template(admin))
    reader = logged_in_as(admin, "chakan", Role.VIEWER)
    assert count_inspections(reader, InspectionFilter()) == 1
    assert len(inspections_page(reader, InspectionFilter())) == 1
    property_staff = logged_in_as(admin, "wuye", Role.PROPERTY)
    with pytest.raises(PermissionDenied):
        count_inspections(property_staff, InspectionFilter())


@pytest.mark.parametrize(
    ("what", "field"),
    [
        ("unit", "unit_id"),
        ("template", "template_id"),
        ("compound", "compound_id"),
        ("deleted template", "template_id"),
    ],
)
def test_a_header_naming_what_is_not_there_is_refused(
    admin: AppContext, what: str, field: str
) -> None:
    template = small_template(admin)
    changes: dict[str, object] = {}
    if what == "unit":
        changes = {"unit_id": uuid.uuid4()}
    elif what == "template":
        changes = {"template_id": uuid.uuid4()}
    elif what == "compound":
        # a compound of another village
        compound, _buildings = a_compound(admin, unit_index=1)
        changes = {"place_kind": PlaceKind.COMPOUND, "compound_id": compound}
        assert village(admin) != inspections_units(admin)[0][0], "the test needs two villages"
    else:
        checklists.delete_template(admin, template, "不再使用")
    before = row_counts(admin)
    with pytest.raises(ValidationError) as caught:
        started(admin, template, **changes)
    assert caught.value.field == field
    assert "请" in str(caught.value)
    assert row_counts(admin) == before
