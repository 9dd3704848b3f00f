"""The registration form's fields: their names and order, the route-list binding, and the
conversion between the form's values and the service's VisitInput."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QListWidget

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.visit_input import VisitInput
from jinsha_desktop.gui.forms.binder import FormBinder
from jinsha_desktop.gui.forms.input_binding import InputBinding, choice, typed_time

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


VISIT_FORM = InputBinding(
    VisitInput,
    special={"travel_code_star": choice({"": None, "no_star": False, "star": True})},
    not_on_form=frozenset({"origin_region_code", "visited_at"}),
)
"""The form's widgets ↔ VisitInput, by the input's field names and types. The where-from code
is looked up from the place typed, the time comes from the time field's own rules."""


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
    given: dict[str, Any] = {
        "origin_region_code": origin_code(values["origin"]),
        "visited_at": (
            VISIT_FORM.read("visited_at", typed_time(parse_time), values["visited_at"], errors)
            if time_given
            else None
        ),
    }
    if id_read:
        given["birth_date"] = None  # read from the number again by the rules
    return VISIT_FORM.to_input(values, errors, given)


def form_values(data: VisitInput) -> dict[str, Any]:
    """A saved registration's input as the form's values (time and keep-time aside)."""
    return VISIT_FORM.to_form(data)
