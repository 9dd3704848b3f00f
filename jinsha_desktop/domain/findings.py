"""Findings and their rectification (问题整改): where a problem comes from, who answers for it
("1+1+N": one lead unit and its helpers), and the lifecycle open → rectified → closed, with a
failed re-check sending it back under a new deadline.

A finding's status, deadline and dates are the fold of its append-only events, as a repair
order's are (domain/repairs.py): a date can never be missing when a status is set.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from jinsha_desktop.domain.contact import clean_phone
from jinsha_desktop.domain.errors import FieldChecks, ValidationError
from jinsha_desktop.domain.inspections import PlaceKind
from jinsha_desktop.domain.text import clean_name, clean_optional_text


class FindingSource(StrEnum):
    """The "三位一体" supervision: inspection teams, department patrols, residents."""

    INSPECTION = "inspection"
    PATROL = "patrol"
    RESIDENT = "resident"

    @property
    def label(self) -> str:
        return SOURCE_LABELS[self]


SOURCE_LABELS = {
    FindingSource.INSPECTION: "检查组",
    FindingSource.PATROL: "部门巡查",
    FindingSource.RESIDENT: "群众反映",
}


class FindingStatus(StrEnum):
    OPEN = "open"
    """Waiting for the unit's rectification (待整改)."""
    RECTIFIED = "rectified"
    """The unit says it is done; waiting for the inspector's re-check (待复查)."""
    CLOSED = "closed"
    """Re-checked and passed (已销号)."""
    CANCELLED = "cancelled"
    """Entered by mistake or not a problem after all (已撤销), with a reason."""

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self in (FindingStatus.OPEN, FindingStatus.RECTIFIED)


STATUS_LABELS = {
    FindingStatus.OPEN: "待整改",
    FindingStatus.RECTIFIED: "待复查",
    FindingStatus.CLOSED: "已销号",
    FindingStatus.CANCELLED: "已撤销",
}


class FindingEventKind(StrEnum):
    OPENED = "opened"
    RECTIFIED = "rectified"
    PASSED = "passed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return EVENT_LABELS[self]


EVENT_LABELS = {
    FindingEventKind.OPENED: "登记",
    FindingEventKind.RECTIFIED: "整改完成",
    FindingEventKind.PASSED: "复查通过",
    FindingEventKind.FAILED: "复查未通过",
    FindingEventKind.CANCELLED: "撤销",
}

# Which step each status allows: a closed or cancelled finding takes none.
ALLOWED: dict[FindingStatus, tuple[FindingEventKind, ...]] = {
    FindingStatus.OPEN: (FindingEventKind.RECTIFIED, FindingEventKind.CANCELLED),
    FindingStatus.RECTIFIED: (
        FindingEventKind.PASSED,
        FindingEventKind.FAILED,
        FindingEventKind.CANCELLED,
    ),
    FindingStatus.CLOSED: (),
    FindingStatus.CANCELLED: (),
}


@dataclass(frozen=True)
class FindingStep:
    kind: FindingEventKind
    on: date
    deadline: date | None = None
    """The deadline this step sets (opened, failed)."""


@dataclass(frozen=True)
class FindingState:
    status: FindingStatus
    deadline: date
    found_on: date
    rectified_on: date | None = None
    closed_on: date | None = None
    recheck_count: int = 0


def next_finding_state(state: FindingState | None, step: FindingStep) -> FindingState:
    """The state after `step`, or ValidationError saying why the step is not possible now."""
    if state is None:
        if step.kind is not FindingEventKind.OPENED or step.deadline is None:
            raise ValueError("a finding starts with its opening, which sets a deadline")
        return FindingState(FindingStatus.OPEN, step.deadline, step.on)
    if step.kind not in ALLOWED[state.status]:
        raise ValidationError(_refusal(state.status, step.kind), "status")
    if step.on < state.found_on:
        raise ValidationError("日期不能早于发现问题的日期。", "on")
    if step.kind is FindingEventKind.RECTIFIED:
        return replace(state, status=FindingStatus.RECTIFIED, rectified_on=step.on)
    if step.kind is FindingEventKind.PASSED:
        if state.rectified_on is not None and step.on < state.rectified_on:
            raise ValidationError("复查日期不能早于整改完成日期。", "on")
        return replace(
            state,
            status=FindingStatus.CLOSED,
            closed_on=step.on,
            recheck_count=state.recheck_count + 1,
        )
    if step.kind is FindingEventKind.FAILED:
        if step.deadline is None or step.deadline <= step.on:
            raise ValidationError(
                "复查未通过时，请定一个晚于复查日期的新整改期限。", "new_deadline"
            )
        return replace(
            state,
            status=FindingStatus.OPEN,
            deadline=step.deadline,
            rectified_on=None,
            recheck_count=state.recheck_count + 1,
        )
    return replace(state, status=FindingStatus.CANCELLED)  # not closed: 销号 is a re-check's


def _refusal(status: FindingStatus, kind: FindingEventKind) -> str:
    if status is FindingStatus.CLOSED:
        return "这个问题已销号，不能再登记整改或复查。"
    if status is FindingStatus.CANCELLED:
        return "这个问题已撤销，不能再登记整改或复查。"
    if kind in (FindingEventKind.PASSED, FindingEventKind.FAILED):
        return "整改单位登记整改完成后才能复查。"
    return "这个问题已登记整改完成，正等待复查。"


def fold_steps(steps: Sequence[FindingStep]) -> FindingState:
    state: FindingState | None = None
    for step in steps:
        state = next_finding_state(state, step)
    if state is None:
        raise ValueError("a finding has at least its opening")
    return state


def overdue_days(status: FindingStatus, deadline: date, today: date) -> int:
    """Days past the deadline while waiting for the unit (0: not overdue). A rectified finding
    waits for the inspector, not the unit: not overdue."""
    if status is not FindingStatus.OPEN:
        return 0
    return max(0, (today - deadline).days)


def overdue_text(days: int) -> str:
    return f"超期 {days} 天" if days else ""


@dataclass(frozen=True)
class PartyInput:
    """A lead or cooperating unit: a village/community or a department (exactly one)."""

    unit_id: uuid.UUID | None = None
    department_id: uuid.UUID | None = None

    @property
    def empty(self) -> bool:
        return self.unit_id is None and self.department_id is None


@dataclass(frozen=True)
class FindingInput:
    source: FindingSource
    unit_id: uuid.UUID | None
    problem: str
    found_on: date | None
    deadline: date | None
    lead: PartyInput
    helpers: tuple[PartyInput, ...] = ()
    place_kind: PlaceKind = PlaceKind.UNIT
    compound_id: uuid.UUID | None = None
    building_id: uuid.UUID | None = None
    place: str = ""
    reporter_name: str = ""
    reporter_phone: str = ""
    patrol: str = ""
    note: str = ""

    def cleaned(self, today: date, inspected_on: date | None = None) -> FindingInput:
        """Checked and tidied, or FormErrors naming every bad field."""
        checks = FieldChecks()
        source = checks.check(_source, self.source)
        if self.unit_id is None:
            checks.fail("请选择问题所在的村/社区。", "unit_id")
        problem = checks.check(clean_name, self.problem, "问题描述", "problem", max_length=500)
        place = checks.check(clean_optional_text, self.place, "位置", "place", max_length=100)
        name = checks.check(
            clean_optional_text, self.reporter_name, "反映人", "reporter_name", max_length=50
        )
        phone = checks.check(clean_phone, self.reporter_phone, "reporter_phone")
        patrol = checks.check(clean_optional_text, self.patrol, "巡查单位", "patrol", max_length=60)
        note = checks.check(clean_optional_text, self.note, "备注", "note", max_length=500)
        if self.found_on is None:
            checks.fail("请填写发现日期。", "found_on")
        elif self.found_on > today:
            checks.fail("发现日期不能晚于今天。", "found_on")
        if self.deadline is None:
            checks.fail("请填写整改期限。", "deadline")
        elif inspected_on is not None and self.deadline < inspected_on:
            checks.fail("整改期限不能早于检查日期。", "deadline")
        elif self.found_on is not None and self.deadline < self.found_on:
            checks.fail("整改期限不能早于发现日期。", "deadline")
        if self.lead.empty:
            checks.fail("请选择牵头单位。", "lead")
        elif self.lead in self.helpers:
            checks.fail("牵头单位不必再列为配合单位。", "helpers")
        if self.place_kind is PlaceKind.COMPOUND and self.compound_id is None:
            checks.fail("请选择小区。", "compound_id")
        if self.building_id is not None and self.compound_id is None:
            checks.fail("选择楼栋前，请先选择小区。", "building_id")
        if source is FindingSource.RESIDENT and not (name or phone):
            checks.fail("群众反映的问题，请留下反映人姓名或电话，便于回复。", "reporter_name")
        checks.raise_errors()
        helpers = tuple(dict.fromkeys(h for h in self.helpers if not h.empty))
        return replace(
            self,
            problem=problem or "",
            place=place or "",
            reporter_name=name or "",
            reporter_phone=phone or "",
            patrol=patrol or "",
            note=note or "",
            helpers=helpers,
        )


def _source(value: FindingSource | str) -> FindingSource:
    try:
        return FindingSource(value)
    except ValueError:
        raise ValidationError("请选择问题来源。", "source") from None
