"""Registering people at a checkpoint: the use case behind the registration form."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from jinsha_desktop.db.reference_models import Building, Checkpoint, Compound, Unit
from jinsha_desktop.db.registration_models import (
    MonitoringCase,
    Person,
    RegionCode,
    Visit,
)
from jinsha_desktop.domain.errors import (
    FieldChecks,
    FormErrors,
    KnownError,
    ValidationError,
)
from jinsha_desktop.domain.id_numbers import DocumentType, clean_document_number
from jinsha_desktop.domain.masking import mask_id_number, mask_phone
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.person import PersonInput
from jinsha_desktop.domain.regions import RegionLookup, bundled_regions_path, load_regions
from jinsha_desktop.domain.risk import (
    Flag,
    HealthCode,
    VisitFacts,
    monitoring_days,
    visit_flags,
)
from jinsha_desktop.domain.visit import CleanVisit, VisitInput, stored_keys
from jinsha_desktop.domain.visit_duty import given_fields, missing_required
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.editing import delete_with_reason, load_for_edit, set_changed
from jinsha_desktop.services.personal_data import record_full_view, require_full_view
from jinsha_desktop.services.registration_settings import (
    RegistrationSettings,
    registration_settings,
)
from jinsha_desktop.services.risk_areas import rules_in_force

_THIS_VISIT = "这条登记记录"
_THIS_PERSON = "这个人员"


class DuplicateVisit(KnownError):
    """The same person was registered at this checkpoint a moment ago; ask before saving."""


@dataclass(frozen=True)
class RegistrationResult:
    visit_id: uuid.UUID
    person_id: uuid.UUID
    new_person: bool
    flags: tuple[Flag, ...]
    suggested_monitoring_days: int
    warnings: tuple[str, ...]


@lru_cache(maxsize=1)
def _bundled_regions() -> RegionLookup:
    return load_regions(bundled_regions_path())


def warm_up() -> None:
    """Read the division table ahead of time (the start-up job does, while the user logs in)."""
    _bundled_regions()


def region_lookup(context: AppContext) -> RegionLookup:
    """The bundled GB/T 2260 table plus the codes an administrator added."""
    with context.reading() as session:
        extra = dict(
            session.execute(
                select(RegionCode.code, RegionCode.name).where(RegionCode.deleted_at.is_(None))
            ).all()
        )
    return _regions_with(frozenset(extra.items())) if extra else _bundled_regions()


@lru_cache(maxsize=4)
def _regions_with(extra: frozenset[tuple[str, str]]) -> RegionLookup:
    return _bundled_regions().with_extra(dict(extra))


def today_of(context: AppContext) -> date:
    """The local date of the clock (the checkpoint's day, not UTC's)."""
    return context.clock.now().astimezone().date()


def _check_places(session: Session, values: dict[str, Any]) -> None:
    """The checkpoint and destination must exist and belong together."""
    checks = FieldChecks()
    checkpoint = session.get(Checkpoint, values["checkpoint_id"])
    if checkpoint is None or checkpoint.deleted_at is not None:
        checks.fail("请选择卡点。", "checkpoint_id")
    unit, unit_stands = _chosen(session, Unit, values["destination_unit_id"])
    if not unit_stands:
        checks.fail("请选择目的地社区/村。", "destination_unit_id")
    compound, compound_stands = _chosen(session, Compound, values["destination_compound_id"])
    if not compound_stands or (
        compound is not None and unit is not None and compound.unit_id != unit.id
    ):
        checks.fail("小区不在所选社区/村内。", "destination_compound_id")
    building, building_stands = _chosen(session, Building, values["destination_building_id"])
    if not building_stands or (
        building is not None and (compound is None or building.compound_id != compound.id)
    ):
        checks.fail("楼栋不在所选小区内。", "destination_building_id")
    checks.raise_errors()


Place = TypeVar("Place", Unit, Compound, Building)


def _chosen(session: Session, model: type[Place], record_id: Any) -> tuple[Place | None, bool]:
    """The place a form chose and whether the choice stands: (None, True) when none was chosen;
    False when it is missing or was deleted meanwhile (a deleted row is still returned, so the
    places below it are checked against it and get no second message)."""
    if record_id is None:
        return None, True
    place = session.get(model, record_id)
    return place, place is not None and place.deleted_at is None


def register_visit(
    context: AppContext, data: VisitInput, *, confirm_duplicate: bool = False
) -> RegistrationResult:
    """Save one registration: the person (found by document, or new) and the visit, flagged.

    A second registration of the same person at the same checkpoint within the configured
    window raises DuplicateVisit unless `confirm_duplicate`.
    """
    context.require(Permission.REGISTER_VISITS)
    settings = registration_settings(context)
    clean = data.cleaned(context.clock.now(), region_lookup(context), settings)
    values = _columns(clean)
    with context.uow() as session:
        _check_places(session, values)
        person, new_person = _person_for(session, clean)
        if not new_person and not confirm_duplicate and settings.duplicate_window_minutes:
            _refuse_duplicate(session, person, values, settings)
        if not values["phone"] and person.phone:
            # The form shows a known person's phone masked and leaves the field empty.
            values = {**values, "phone": person.phone}
        flags = _flags(session, values, settings)
        visit = Visit(person_id=person.id, **values, **_flag_columns(flags))
        session.add(visit)
        if person.last_visit_at is None or person.last_visit_at < values["visited_at"]:
            person.last_visit_at = values["visited_at"]
        session.flush()
        return _result(visit, person, new_person, flags, settings, clean)


def update_visit(
    context: AppContext, visit_id: uuid.UUID, data: VisitInput, version: int
) -> RegistrationResult:
    """Correct a saved registration (audited field by field); flags are worked out again."""
    context.require(Permission.EDIT_RECORDS)
    settings = registration_settings(context)
    now = context.clock.now()
    clean = data.cleaned(now, region_lookup(context), settings, required=False)
    values = _columns(clean)
    with context.uow() as session:
        visit = load_for_edit(session, Visit, visit_id, version, _THIS_VISIT)
        # A required value may not be taken out; one the visit never had (saved before the
        # duty required it) is not invented by a correction.
        had = given_fields(visit)
        missing = [(m, name) for m, name in missing_required(data, settings) if had[name]]
        if missing:
            raise FormErrors([ValidationError(m, name) for m, name in missing])
        _check_places(session, values)
        person, _new = _person_for(session, clean)
        flags = _flags(session, values, settings)
        set_changed(visit, {"person_id": person.id, **values, **_flag_columns(flags)})
        session.flush()
        return _result(visit, person, False, flags, settings, clean)


def visit_for_edit(context: AppContext, visit_id: uuid.UUID) -> tuple[VisitInput, int]:
    """A saved registration as the form's input, with its version (full data; audited)."""
    context.require(Permission.EDIT_RECORDS)
    with context.reading() as session:
        visit = load_for_edit(session, Visit, visit_id, None, _THIS_VISIT)
        stored = {key: getattr(visit, column) for key, column in stored_keys().items()}
        data = VisitInput(**{**stored, "route": tuple(json.loads(visit.route or "[]"))})
        version, name = visit.version, visit.person_name
    record_full_view(
        context, f"打开登记记录修改（{name}）", table_name="visit", record_id=str(visit_id)
    )
    return data, version


def _person_for(session: Session, clean: CleanVisit) -> tuple[Person, bool]:
    """The person with the visit's document, created if new; details typed now update them."""
    values = clean.person.values()
    person = _person_by_document(session, values["document_type"], values["document_number"])
    if person is None:
        person = Person(**values)
        session.add(person)
        session.flush()
        return person, True
    for key, value in values.items():
        # Keep what is known when the form left a detail empty this time.
        if value not in ("", None) and getattr(person, key) != value:
            setattr(person, key, value)
    return person, False


def _columns(clean: CleanVisit) -> dict[str, Any]:
    """The Visit model's columns of a clean input; the route stored as JSON."""
    values = clean.values()
    values["route"] = json.dumps(list(values["route"]), ensure_ascii=False)
    return values


def _result(
    visit: Visit,
    person: Person,
    new_person: bool,
    flags: list[Flag],
    settings: RegistrationSettings,
    clean: CleanVisit,
) -> RegistrationResult:
    """What a save tells the form: the ids, the flags with the monitoring they suggest, the
    warnings of the input."""
    days = monitoring_days(flags, settings.monitoring_days) if flags else 0
    return RegistrationResult(
        visit.id, person.id, new_person, tuple(flags), days, tuple(clean.warnings)
    )


def _flags(session: Session, values: dict[str, Any], settings: RegistrationSettings) -> list[Flag]:
    if not settings.any_epidemic_field:
        return []
    visit_date = values["visited_at"].astimezone().date()
    facts = VisitFacts(
        origin=values["origin"],
        route=json.loads(values["route"]),
        visit_date=visit_date,
        health_code=HealthCode(values["health_code"]) if values["health_code"] else None,
        travel_code_star=values["travel_code_star"],
        temperature=values["temperature"],
    )
    areas = rules_in_force(session, visit_date) if settings.risk_areas else []
    return visit_flags(facts, areas, epidemic_fields=True)


def _flag_columns(flags: list[Flag]) -> dict[str, Any]:
    reasons = [{"code": f.code, "reason": f.reason} for f in flags]
    return {"flagged": bool(flags), "flag_reasons": json.dumps(reasons, ensure_ascii=False)}


def _person_by_document(session: Session, document_type: str, number: str) -> Person | None:
    return session.scalar(
        select(Person).where(
            Person.document_type == document_type,
            Person.document_number == number,
            Person.deleted_at.is_(None),
        )
    )


def _refuse_duplicate(
    session: Session, person: Person, values: dict[str, Any], settings: RegistrationSettings
) -> None:
    since = values["visited_at"] - timedelta(minutes=settings.duplicate_window_minutes)
    previous = session.scalar(
        select(Visit.visited_at)
        .where(
            Visit.person_id == person.id,
            Visit.checkpoint_id == values["checkpoint_id"],
            Visit.deleted_at.is_(None),
            Visit.visited_at >= since,
            Visit.visited_at <= values["visited_at"] + timedelta(minutes=1),
        )
        .order_by(Visit.visited_at.desc())
        .limit(1)
    )
    if previous is not None:
        when = previous.astimezone().strftime("%H:%M")
        raise DuplicateVisit(
            f"{person.name} 在 {when} 已在本卡点登记过，"
            f"{settings.duplicate_window_minutes} 分钟内再次登记。确定要再登记一次吗？",
            "document_number",
        )


# ---------------------------------------------------------------- people it has seen


@dataclass(frozen=True)
class RecentVisit:
    visited_at: datetime
    checkpoint: str
    direction: str
    flagged: bool


@dataclass(frozen=True)
class PersonCard:
    """What the form shows beside itself when a known document number is typed."""

    person_id: uuid.UUID
    name: str
    gender: str
    birth_date: date | None
    phone: str
    address: str
    masked: bool
    recent_visits: tuple[RecentVisit, ...]
    monitoring_status: str
    """The status of the person's open monitoring case, or "" when there is none."""


def lookup_person(
    context: AppContext, document_type: str, raw_number: str, *, full: bool = False
) -> PersonCard | None:
    """The person registered with this document, if any, with their latest visits.

    Phone numbers are masked unless `full` is asked (refused to a role that may not see full
    numbers; audited).
    """
    context.require(Permission.REGISTER_VISITS)
    show_full = require_full_view(context, full)
    try:
        number, _info = clean_document_number(
            DocumentType(document_type), raw_number, today_of(context), region_lookup(context)
        )
    except (KnownError, ValueError):
        return None
    with context.reading() as session:
        person = _person_by_document(session, document_type, number)
        if person is None:
            return None
        rows = session.execute(
            select(Visit.visited_at, Checkpoint.name, Visit.direction, Visit.flagged)
            .join(Checkpoint, Checkpoint.id == Visit.checkpoint_id)
            .where(Visit.person_id == person.id, Visit.deleted_at.is_(None))
            .order_by(Visit.visited_at.desc())
            .limit(5)
        ).all()
        status = session.scalar(
            select(MonitoringCase.status)
            .where(
                MonitoringCase.person_id == person.id,
                MonitoringCase.deleted_at.is_(None),
                MonitoringCase.status == "monitoring",
            )
            .limit(1)
        )
        card = PersonCard(
            person.id,
            person.name,
            person.gender,
            person.birth_date,
            person.phone if show_full else mask_phone(person.phone),
            person.address,
            not show_full,
            tuple(RecentVisit(*row) for row in rows),
            status or "",
        )
    if show_full:  # from the card: the person was read in a session now closed
        record_full_view(
            context,
            f"查看 {card.name}（{mask_id_number(number)}）的完整信息",
            table_name="person",
            record_id=str(card.person_id),
        )
    return card


def delete_visit(context: AppContext, visit_id: uuid.UUID, reason: str, version: int) -> None:
    """Soft-delete a registration with a reason (kept, audited)."""
    context.require(Permission.EDIT_RECORDS)
    delete_with_reason(context, Visit, visit_id, version, _THIS_VISIT, reason)


def update_person(
    context: AppContext, person_id: uuid.UUID, data: PersonInput, version: int
) -> None:
    """Correct a person's name, phone or address (audited); their visits keep what was typed."""
    context.require(Permission.EDIT_RECORDS)
    clean = data.cleaned(today_of(context), None).person
    with context.uow() as session:
        person = _editable_person(session, person_id, version)
        # The list shows the phone masked: an empty field keeps the number on record.
        changes = {"name": clean.name, "address": clean.address}
        if clean.phone:
            changes["phone"] = clean.phone
        set_changed(person, changes)


def delete_person(context: AppContext, person_id: uuid.UUID, reason: str, version: int) -> None:
    """Soft-delete a person with a reason (kept, audited); their visits stay in the lists."""
    context.require(Permission.EDIT_RECORDS)
    delete_with_reason(context, Person, person_id, version, _THIS_PERSON, reason)


def _editable_person(session: Session, person_id: uuid.UUID, version: int) -> Person:
    return load_for_edit(session, Person, person_id, version, _THIS_PERSON)
