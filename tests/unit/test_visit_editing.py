"""Correcting a saved registration: audited field by field, flags worked out again."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from jinsha_desktop.domain.errors import PermissionDenied, StaleRecord
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.person import PersonInput
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.services import registration
from tests.unit.support import a_checkpoint, audit_entries, logged_in_as, resident_id


@pytest.fixture
def saved(admin):
    return registration.register_visit(
        admin,
        VisitInput(
            document_number=resident_id(),
            name="陈建国",
            phone="13812345678",
            health_code="green",
            checkpoint_id=a_checkpoint(admin),
        ),
    )


def test_an_edit_changes_the_visit_recomputes_flags_and_is_audited(admin, saved):
    data, version = registration.visit_for_edit(admin, saved.visit_id)
    assert (data.name, data.phone, data.health_code) == ("陈建国", "13812345678", "green")
    result = registration.update_visit(
        admin, saved.visit_id, replace(data, health_code="yellow", purpose="探亲"), version
    )
    assert [f.code for f in result.flags] == ["health_code"]
    [update] = audit_entries(admin, table_name="visit", action="update")
    changes = json.loads(update.changes)
    assert changes["health_code"] == ["green", "yellow"]
    assert changes["purpose"] == ["", "探亲"]
    assert changes["flagged"] == [False, True]
    assert audit_entries(admin, table_name="visit", action="view_full")


def test_an_edit_of_a_changed_visit_is_refused(admin, saved):
    data, version = registration.visit_for_edit(admin, saved.visit_id)
    registration.update_visit(admin, saved.visit_id, replace(data, purpose="上班"), version)
    with pytest.raises(StaleRecord):
        registration.update_visit(admin, saved.visit_id, replace(data, purpose="送货"), version)


def test_a_checkpoint_volunteer_registers_but_does_not_edit(admin, saved):
    volunteer = logged_in_as(admin, "chenjg", Role.CHECKPOINT)
    with pytest.raises(PermissionDenied):
        registration.visit_for_edit(volunteer, saved.visit_id)
    data, version = registration.visit_for_edit(admin, saved.visit_id)
    with pytest.raises(PermissionDenied):
        registration.update_visit(volunteer, saved.visit_id, data, version)


def test_a_person_is_corrected_and_soft_deleted_with_a_reason(admin, saved):
    from jinsha_desktop.domain.errors import ValidationError
    from jinsha_desktop.services import visit_lists

    [person] = visit_lists.people_page(admin)
    registration.update_person(
        admin,
        person.id,
        PersonInput("陈建华", "", "金沙镇人民路 8 号"),
        person.version,
    )
    [person] = visit_lists.people_page(admin)
    assert (person.name, person.phone, person.address) == (
        "陈建华",
        "138****5678",
        "金沙镇人民路 8 号",
    )
    with pytest.raises(ValidationError):
        registration.delete_person(admin, person.id, "  ", person.version)
    registration.delete_person(admin, person.id, "重复建档", person.version)
    assert visit_lists.people_page(admin) == []
    assert audit_entries(admin, table_name="person", action="delete")
    # The registration itself stays in the visits list.
    assert len(visit_lists.visits_page(admin, visit_lists.VisitFilter())) == 1
