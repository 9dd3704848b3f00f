"""The registration form's fields: their names and order, the route-list binding, and the
conversion between the form's values and the service's VisitInput."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QListWidget, QWidget

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.gui.forms.binder import FormBinder
from jinsha_desktop.gui.forms.enter_walk import tab_order
from jinsha_desktop.gui.forms.input_binding import InputBinding, choice, typed_time

STICKY = ("visited_at", "keep_time", "checkpoint_id")
"""Stay as set from one registration to the next (typing in a paper sheet afterwards)."""
FORM_ONLY = ("keep_time",)
"""Bound (and kept in drafts) though not part of the input: the keep-this-time box."""
EPIDEMIC_ROWS = {
    "temperature": "temperature_row",
    "health_code": "health_code",
    "travel_code": "travel_code_star",
    "nucleic_test": "nucleic_test_row",
}
"""Rows of the fields that can be switched off in the registration settings."""
REQUIRED_LABELS = {
    "temperature": "temperature_label",
    "health_code": "health_code_label",
    "travel_code": "travel_code_star_label",
    "origin": "origin_label",
    "destination": "destination_label",
    "purpose": "purpose_label",
}
"""Per field a duty can require (RegistrationSettings.required): the label that gets its star.
Which input it is and when it counts as empty is the domain's (visit_duty.REQUIRED_MESSAGES)."""


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


@dataclass(frozen=True)
class ReadingOrder:
    """The form's fields in reading order, read from the form's tab order (ui/*.ui)."""

    fields: list[str]
    """Bound fields, named as VisitInput names them (errors find their label)."""
    walk: list[str]
    """What Enter walks: the fields, with the route's typing line for its list."""


def reading_order(form: Any, page: QWidget) -> ReadingOrder:
    """A widget named after a VisitInput field (or FORM_ONLY) is bound where its tab stop is."""
    bound = {*VISIT_FORM.conversions, *VISIT_FORM.not_on_form, *FORM_ONLY}
    names = [w.objectName() for w in tab_order(form.document_type, page)]
    fields = [name for name in names if name in bound]
    walk = [name for name in names if name in bound and name != "route" or name == "route_entry"]
    return ReadingOrder(fields, walk)


def defaults() -> dict[str, Any]:
    """A fresh form: the input's own defaults (a resident ID, entering, no companions…)."""
    fresh = VISIT_FORM.to_form(VisitInput(document_number="", name=""))
    return {name: value for name, value in fresh.items() if name not in STICKY}


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
