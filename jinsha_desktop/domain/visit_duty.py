"""What a checkpoint's duty asks of a visit: which epidemic fields it shows (`Duty`) and which
fields it requires, with their messages. Shared by the visit input's rules (domain/visit.py
VisitInput.cleaned) and the correction of a saved visit (services/registration.py).
"""

from __future__ import annotations

from typing import Any, Protocol


class Duty(Protocol):
    """Which epidemic fields the checkpoint's duty shows and which fields it requires (the
    registration settings)."""

    @property
    def temperature(self) -> bool: ...
    @property
    def health_code(self) -> bool: ...
    @property
    def travel_code(self) -> bool: ...
    @property
    def nucleic_test(self) -> bool: ...
    def requires(self, name: str) -> bool: ...


REQUIRED_MESSAGES = {
    "temperature": ("请填写体温（本卡点必填）。", "temperature"),
    "health_code": ("请选择健康码颜色（本卡点必填）。", "health_code"),
    "travel_code": ("请选择行程码是否带星号（本卡点必填）。", "travel_code_star"),
    "origin": ("请填写从哪里来（本卡点必填）。", "origin"),
    "destination": ("请填写目的地：社区/村或地址（本卡点必填）。", "destination_unit_id"),
    "purpose": ("请填写事由（本卡点必填）。", "purpose"),
}
"""Per required field (RegistrationSettings.required): the message and the field it names."""


def missing_required(data: Any, duty: Duty) -> list[tuple[str, str]]:
    """The required fields `data` leaves empty: (message, field) each, in reading order."""
    given = given_fields(data)
    order = ("origin", "destination", "purpose", "temperature", "health_code", "travel_code")
    return [
        REQUIRED_MESSAGES[k]
        for k in order
        if duty.requires(k) and not given[REQUIRED_MESSAGES[k][1]]
    ]


def given_fields(visit: Any) -> dict[str, bool]:
    """Per field named by REQUIRED_MESSAGES: whether `visit` (an input or a saved visit) has a
    value there."""
    return {
        "temperature": str(visit.temperature or "").strip() != "",
        "health_code": bool(visit.health_code),
        "travel_code_star": visit.travel_code_star is not None,
        "origin": bool(visit.origin.strip()),
        "destination_unit_id": visit.destination_unit_id is not None
        or bool(visit.destination_address.strip()),
        "purpose": bool(visit.purpose.strip()),
    }
