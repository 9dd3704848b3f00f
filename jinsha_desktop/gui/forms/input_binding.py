"""A form's values ↔ a record kind's input dataclass, by the input's own field names and types.

The widgets of a form are named after the input's fields (`name`, `destination_unit_id`, …), so
the binding needs no hand-written mapping: each field's type says how a widget's value becomes
the input's value and back (a choice's id text ↔ a UUID, typed text ↔ a date, a list ↔ a tuple).
What does not follow from the type is a short table of exceptions (`special`), and the values
the form works out itself (a time kept for back-entry, a region code) are passed in `given`.
"""

from __future__ import annotations

import dataclasses
import typing
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.typed_dates import parse_typed_date
from jinsha_desktop.gui.forms.binder import as_uuid

Input = TypeVar("Input")


@dataclass(frozen=True)
class Conversion:
    """How one field goes from the widget's value to the input's (`read`) and back (`show`).

    `read` may raise ValueError("format") or ValueError("day") for typed text; the binding then
    reports `wrong_format` or `no_such` (with %1 for the text) next to the field.
    """

    read: Callable[[Any], Any]
    show: Callable[[Any], Any]
    wrong_format: str = ""
    no_such: str = ""


def _tr(text: str) -> str:
    return QCoreApplication.translate("InputBinding", text)


def _text(value: Any) -> Any:
    return value or ""


def _same(value: Any) -> Any:
    return value


TEXT = Conversion(_text, _same)
COUNT = Conversion(lambda v: v or 0, _same)
RECORD_ID = Conversion(as_uuid, lambda v: str(v or ""))
"""A choice of a record (unit, compound, checkpoint…): its id as the combo's item data."""
TYPED_DATE = Conversion(
    parse_typed_date,
    lambda v: v.isoformat() if v else "",
    # Marked with literal QT_TRANSLATE_NOOP calls: what pyside6-lupdate finds for the .ts.
    wrong_format=str(QT_TRANSLATE_NOOP("InputBinding", "Write the date as 2026-11-24.")),
    no_such=str(QT_TRANSLATE_NOOP("InputBinding", "There is no such day: %1")),
)
TYPED_TIME_MESSAGES = {
    "wrong_format": str(
        QT_TRANSLATE_NOOP("InputBinding", "Write the time as 2026-11-24 08:15, or 08:15 for today.")
    ),
    "no_such": str(QT_TRANSLATE_NOOP("InputBinding", "There is no such time: %1")),
}
PLACES = Conversion(tuple, list)
"""A list of places (a QListWidget's items) ↔ a tuple of text."""
NUMBER_TEXT = Conversion(lambda v: v or None, lambda v: str(v or ""))
"""A number typed as text (a temperature): checked by the input's rules, not here."""


def choice(options: Mapping[str, Any]) -> Conversion:
    """A combo box whose item data are keys standing for values (e.g. "star" ↔ True)."""
    return Conversion(
        lambda key: options.get(key or ""),
        lambda value: next((k for k, v in options.items() if v == value), ""),
    )


BY_TYPE: dict[Any, Conversion] = {
    str: TEXT,
    int: COUNT,
    uuid.UUID | None: RECORD_ID,
    date | None: TYPED_DATE,
    tuple[str, ...]: PLACES,
    str | Decimal | None: NUMBER_TEXT,
}
"""The conversion a field's type implies; a type not here needs an entry in `special`."""


class InputBinding(Generic[Input]):
    """Builds an `input_type` from a form's values and a form's values from one."""

    def __init__(
        self,
        input_type: type[Input],
        special: Mapping[str, Conversion] | None = None,
        not_on_form: frozenset[str] = frozenset(),
    ) -> None:
        hints = typing.get_type_hints(input_type)
        self.input_type = input_type
        self.not_on_form = not_on_form
        self.conversions: dict[str, Conversion] = {}
        for field in dataclasses.fields(input_type):  # type: ignore[arg-type]
            if field.name in not_on_form:
                continue
            conversion = (special or {}).get(field.name) or BY_TYPE.get(hints[field.name])
            if conversion is None:
                raise TypeError(f"{input_type.__name__}.{field.name}: no conversion for its type")
            self.conversions[field.name] = conversion

    def to_input(
        self,
        values: Mapping[str, Any],
        errors: list[ValidationError],
        given: Mapping[str, Any] | None = None,
    ) -> Input:
        """The input from the form's `values`; `given` values win (worked out by the form).

        Unreadable typed text goes to `errors` (the field's value is then None), so every bad
        field can be shown at once. A field the form has no widget for (not in `values`)
        keeps the input's default.
        """
        given = given or {}
        data: dict[str, Any] = dict(given)
        for name, conversion in self.conversions.items():
            if name not in given and name in values:
                data[name] = self.read(name, conversion, values[name], errors)
        return self.input_type(**data)

    @staticmethod
    def read(name: str, conversion: Conversion, value: Any, errors: list[ValidationError]) -> Any:
        """One field's value read with `conversion`; unreadable typed text goes to `errors`."""
        try:
            return conversion.read(value)
        except ValueError as bad:
            if not (conversion.wrong_format or conversion.no_such):
                raise
            template = conversion.no_such if bad.args == ("day",) else conversion.wrong_format
            errors.append(ValidationError(_tr(template).replace("%1", str(value).strip()), name))
            return None

    def to_form(self, data: Input) -> dict[str, Any]:
        """The form's values showing `data` (fields not on the form left out)."""
        return {
            name: conversion.show(getattr(data, name))
            for name, conversion in self.conversions.items()
        }

    def form_values(self, source: Any, keys: typing.Iterable[str]) -> dict[str, Any]:
        """The form's values of `keys` taken from any object with those attributes (a person's
        last visit), converted as the input's fields are."""
        return {
            key: self.conversions[key].show(getattr(source, key))
            for key in keys
            if key in self.conversions
        }


def typed_time(parse: Callable[[str], Any]) -> Conversion:
    """A time typed into a line edit (the registration's 时间), read with `parse`."""
    return Conversion(parse, _same, **TYPED_TIME_MESSAGES)
