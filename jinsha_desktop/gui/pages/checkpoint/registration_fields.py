"""The registration form's fields: their names and order, the route-list binding, and the
conversion between the form's values and the service's VisitInput."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QListWidget

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.typed_dates import parse_typed_date
from jinsha_desktop.gui.forms.binder import FormBinder, as_uuid
from jinsha_desktop.services.registration import VisitInput

FIELDS = [
    "document_type", "document_number", "name", "gender", "birth_date", "phone", "origin",
    "route", "destination_unit_id", "destination_compound_id", "destination_building_id",
    "destination_door", "destination_address", "purpose", "plate", "companions", "temperature",
    "health_code", "travel_code_star", "nucleic_test_date", "nucleic_test_result", "direction",
    "visited_at", "keep_time", "checkpoint_id", "notes",
]  # fmt: skip
"""Bound fields in reading order, named as VisitInput names them (errors find their label)."""
STICKY = ("visited_at", "keep_time", "checkpoint_id")
"""Stay as set from one registration to the next (typing in a paper sheet afterwards)."""
# Enter walks these in this order (the same as the Designer tab order).
WALK = [name for name in FIELDS if name != "route"]
WALK.insert(WALK.index("origin") + 1, "route_entry")
EPIDEMIC_ROWS = {
    "temperature": "temperature_row",
    "health_code": "health_code",
    "travel_code": "travel_code_star",
    "nucleic_test": "nucleic_test_row",
}
"""Rows of the fields that can be switched off in the registration settings."""
REQUIRED_INPUTS = {
    "temperature": ("temperature_label", "temperature"),
    "health_code": ("health_code_label", "health_code"),
    "travel_code": ("travel_code_star_label", "travel_code_star"),
    "origin": ("origin_label", "origin"),
    "destination": ("destination_label", "destination_unit_id"),
    "purpose": ("purpose_label", "purpose"),
}
"""Per field a duty can require (RegistrationSettings.required): its label and input."""
TRAVEL_CODE: dict[str, bool | None] = {"": None, "no_star": False, "star": True}


class RegistrationBinder(FormBinder):
    """The form binder, plus the list of route places."""

    def value(self, name: str) -> Any:
        widget = self.widget(name)
        if isinstance(widget, QListWidget):
            return [widget.item(row).text() for row in range(widget.count())]
        return super().value(name)

    def set_value(self, name: str, value: Any) -> None:
        widget = self.widget(name)
        if isinstance(widget, QListWidget):
            widget.clear()
            widget.addItems([str(place) for place in value or []])
            self.clear_error(name)
        else:
            super().set_value(name, value)

    def set_values(self, values: dict[str, Any]) -> None:
        # In reading order: a compound can only be chosen once its community's list is there.
        for name in self.fields:
            if name in values:
                self.set_value(name, values[name])


def _tr(text: str) -> str:
    return QCoreApplication.translate("RegistrationFields", text)


def visit_input(
    values: dict[str, Any],
    *,
    id_read: bool,
    time_given: bool,
    parse_time: Callable[[str], datetime],
    origin_code: Callable[[str], str],
    errors: list[ValidationError],
) -> VisitInput:
    """The form's values as the service's input; unreadable dates and times go to `errors`."""

    def typed(name: str, parse: Any) -> Any:
        try:
            return parse(values[name])
        except ValueError as bad:
            no_such = bad.args == ("day",)
            if parse is parse_typed_date:
                message = (
                    QCoreApplication.translate("RegistrationFields", "There is no such day: %1")
                    if no_such
                    else QCoreApplication.translate(
                        "RegistrationFields", "Write the date as 2026-11-24."
                    )
                )
            else:
                message = (
                    QCoreApplication.translate("RegistrationFields", "There is no such time: %1")
                    if no_such
                    else QCoreApplication.translate(
                        "RegistrationFields",
                        "Write the time as 2026-11-24 08:15, or 08:15 for today.",
                    )
                )
            errors.append(ValidationError(message.replace("%1", values[name].strip()), name))
            return None

    return VisitInput(
        document_number=values["document_number"],
        name=values["name"],  # exactly as typed: rare characters stay (never normalised)
        document_type=values["document_type"],
        gender=values["gender"] or "",
        birth_date=None if id_read else typed("birth_date", parse_typed_date),
        phone=values["phone"],
        origin_region_code=origin_code(values["origin"]),
        origin=values["origin"],
        route=tuple(values["route"]),
        destination_unit_id=as_uuid(values["destination_unit_id"]),
        destination_compound_id=as_uuid(values["destination_compound_id"]),
        destination_building_id=as_uuid(values["destination_building_id"]),
        destination_door=values["destination_door"],
        destination_address=values["destination_address"],
        purpose=values["purpose"],
        plate=values["plate"],
        companions=values["companions"] or 0,
        temperature=values["temperature"] or None,
        health_code=values["health_code"] or "",
        travel_code_star=TRAVEL_CODE.get(values["travel_code_star"] or ""),
        nucleic_test_date=typed("nucleic_test_date", parse_typed_date),
        nucleic_test_result=values["nucleic_test_result"] or "",
        direction=values["direction"],
        visited_at=typed("visited_at", parse_time) if time_given else None,
        checkpoint_id=as_uuid(values["checkpoint_id"]),
        notes=values["notes"],
    )


def form_values(data: VisitInput) -> dict[str, Any]:
    """A saved registration's input as the form's values (time and keep-time aside)."""
    star = next((key for key, value in TRAVEL_CODE.items() if value == data.travel_code_star), "")
    return {
        "document_type": data.document_type,
        "document_number": data.document_number,
        "name": data.name,
        "phone": data.phone,
        "origin": data.origin,
        "route": list(data.route),
        "destination_unit_id": str(data.destination_unit_id or ""),
        "destination_compound_id": str(data.destination_compound_id or ""),
        "destination_building_id": str(data.destination_building_id or ""),
        "destination_door": data.destination_door,
        "destination_address": data.destination_address,
        "purpose": data.purpose,
        "plate": data.plate,
        "companions": data.companions,
        "temperature": str(data.temperature or ""),
        "health_code": data.health_code,
        "travel_code_star": star,
        "nucleic_test_date": data.nucleic_test_date.isoformat() if data.nucleic_test_date else "",
        "nucleic_test_result": data.nucleic_test_result,
        "direction": data.direction,
        "checkpoint_id": str(data.checkpoint_id or ""),
        "notes": data.notes,
    }
