"""A finding's lifecycle (domain/findings.py), table-driven: open → rectified → closed, a
failed re-check sending it back with a new deadline, cancelling, and every step a status does
not allow refused with a Chinese message."""

from __future__ import annotations

from datetime import date

import pytest

from jinsha_desktop.domain.errors import FormErrors, ValidationError
from jinsha_desktop.domain.findings import (
    FindingEventKind as K,
)
from jinsha_desktop.domain.findings import (
    FindingInput,
    FindingSource,
    FindingStatus,
    FindingStep,
    PartyInput,
    fold_steps,
    overdue_days,
)
from jinsha_desktop.domain.inspections import PlaceKind

D = date
OPENED = FindingStep(K.OPENED, D(2026, 10, 8), D(2026, 10, 15))


@pytest.mark.parametrize(
    ("steps", "status", "deadline", "rectified", "closed", "rechecks"),
    [
        ([], FindingStatus.OPEN, D(2026, 10, 15), None, None, 0),
        ([FindingStep(K.RECTIFIED, D(2026, 10, 12))], FindingStatus.RECTIFIED,
         D(2026, 10, 15), D(2026, 10, 12), None, 0),
        ([FindingStep(K.RECTIFIED, D(2026, 10, 12)), FindingStep(K.PASSED, D(2026, 10, 14))],
         FindingStatus.CLOSED, D(2026, 10, 15), D(2026, 10, 12), D(2026, 10, 14), 1),
        # failed: back to the unit under a new deadline, then done and passed
        ([FindingStep(K.RECTIFIED, D(2026, 10, 12)),
          FindingStep(K.FAILED, D(2026, 10, 14), D(2026, 10, 21))],
         FindingStatus.OPEN, D(2026, 10, 21), None, None, 1),
        ([FindingStep(K.RECTIFIED, D(2026, 10, 12)),
          FindingStep(K.FAILED, D(2026, 10, 14), D(2026, 10, 21)),
          FindingStep(K.RECTIFIED, D(2026, 10, 20)),
          FindingStep(K.PASSED, D(2026, 10, 22))],
         FindingStatus.CLOSED, D(2026, 10, 21), D(2026, 10, 20), D(2026, 10, 22), 2),
        ([FindingStep(K.CANCELLED, D(2026, 10, 9))], FindingStatus.CANCELLED,
         D(2026, 10, 15), None, None, 0),
    ],
)  # fmt: skip
def test_the_state_is_the_fold_of_the_steps(steps, status, deadline, rectified, closed, rechecks):
    state = fold_steps([OPENED, *steps])
    assert (state.status, state.deadline, state.rectified_on, state.closed_on) == (
        status,
        deadline,
        rectified,
        closed,
    )
    assert state.recheck_count == rechecks


@pytest.mark.parametrize(
    ("steps", "words"),
    [
        ([FindingStep(K.PASSED, D(2026, 10, 14))], "整改单位登记整改完成后才能复查"),
        ([FindingStep(K.FAILED, D(2026, 10, 14), D(2026, 10, 20))], "整改完成后才能复查"),
        ([FindingStep(K.RECTIFIED, D(2026, 10, 12)), FindingStep(K.RECTIFIED, D(2026, 10, 13))],
         "正等待复查"),
        ([FindingStep(K.RECTIFIED, D(2026, 10, 12)), FindingStep(K.PASSED, D(2026, 10, 14)),
          FindingStep(K.RECTIFIED, D(2026, 10, 15))], "已销号"),
        ([FindingStep(K.CANCELLED, D(2026, 10, 9)), FindingStep(K.RECTIFIED, D(2026, 10, 12))],
         "已撤销"),
        # a failed re-check needs a new deadline after the re-check
        ([FindingStep(K.RECTIFIED, D(2026, 10, 12)), FindingStep(K.FAILED, D(2026, 10, 14))],
         "新整改期限"),
        ([FindingStep(K.RECTIFIED, D(2026, 10, 12)),
          FindingStep(K.FAILED, D(2026, 10, 14), D(2026, 10, 14))], "新整改期限"),
        ([FindingStep(K.RECTIFIED, D(2026, 10, 1))], "不能早于发现问题的日期"),
        ([FindingStep(K.RECTIFIED, D(2026, 10, 12)), FindingStep(K.PASSED, D(2026, 10, 11))],
         "不能早于整改完成日期"),
    ],
)  # fmt: skip
def test_a_step_the_status_does_not_allow_is_refused(steps, words):
    with pytest.raises(ValidationError) as caught:
        fold_steps([OPENED, *steps])
    assert words in caught.value.message


@pytest.mark.parametrize(
    ("status", "deadline", "today", "days"),
    [
        (FindingStatus.OPEN, D(2026, 10, 15), D(2026, 10, 15), 0),
        (FindingStatus.OPEN, D(2026, 10, 15), D(2026, 10, 18), 3),
        (FindingStatus.RECTIFIED, D(2026, 10, 15), D(2026, 10, 18), 0),  # waits for us
        (FindingStatus.CLOSED, D(2026, 10, 15), D(2026, 10, 18), 0),
        (FindingStatus.CANCELLED, D(2026, 10, 15), D(2026, 10, 18), 0),
    ],
)
def test_only_a_finding_waiting_for_its_unit_is_overdue(status, deadline, today, days):
    assert overdue_days(status, deadline, today) == days


def _input(**changes) -> FindingInput:
    import uuid

    values = {
        "source": FindingSource.PATROL,
        "unit_id": uuid.uuid4(),
        "problem": "河坡乱堆乱放",
        "found_on": D(2026, 10, 8),
        "deadline": D(2026, 10, 15),
        "lead": PartyInput(unit_id=uuid.uuid4()),
    }
    values.update(changes)
    return FindingInput(**values)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"deadline": D(2026, 10, 7)}, "deadline", "不能早于发现日期"),
        ({"deadline": None}, "deadline", "请填写整改期限"),
        ({"found_on": D(2026, 12, 1)}, "found_on", "不能晚于今天"),
        ({"lead": PartyInput()}, "lead", "牵头单位"),
        ({"problem": "  "}, "problem", "问题描述"),
        ({"unit_id": None}, "unit_id", "村/社区"),
        ({"source": "rumour"}, "source", "问题来源"),
        ({"source": FindingSource.RESIDENT}, "reporter_name", "反映人"),
        ({"source": FindingSource.RESIDENT, "reporter_phone": "1380000"}, "reporter_phone", ""),
        ({"place_kind": PlaceKind.COMPOUND}, "compound_id", "小区"),
        ({"problem": "问" * 501}, "problem", "500"),
    ],
)
def test_bad_input_names_its_field(changes, field, words):
    with pytest.raises(FormErrors) as caught:
        _input(**changes).cleaned(D(2026, 11, 25))
    fields = {error.field: error.message for error in caught.value.errors}
    assert field in fields and words in fields[field]


def test_a_deadline_before_the_inspection_is_refused():
    with pytest.raises(FormErrors) as caught:
        _input(found_on=D(2026, 10, 8), deadline=D(2026, 10, 9)).cleaned(
            D(2026, 11, 25), inspected_on=D(2026, 10, 10)
        )
    assert "整改期限不能早于检查日期" in str(caught.value)


def test_a_resident_report_keeps_its_phone_and_the_lead_is_not_a_helper_twice():
    import uuid

    lead = PartyInput(department_id=uuid.uuid4())
    clean = _input(
        source=FindingSource.RESIDENT,
        reporter_name=" 王阿姨 ",
        reporter_phone="１３８１２３４５６７８",
        lead=lead,
        helpers=(PartyInput(unit_id=uuid.uuid4()),) * 2,
    ).cleaned(D(2026, 11, 25))
    assert clean.reporter_name == "王阿姨" and clean.reporter_phone == "13812345678"
    assert len(clean.helpers) == 1
    with pytest.raises(FormErrors, match="不必再列为配合单位"):
        _input(lead=lead, helpers=(lead,)).cleaned(D(2026, 11, 25))
