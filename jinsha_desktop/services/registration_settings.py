"""Settings of the registration module, stored in the database (they travel with the data)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.settings import read_setting, write_setting

KEY = "registration"

EPIDEMIC_FIELDS = ("health_code", "travel_code", "nucleic_test", "risk_areas", "temperature")
"""Fields that can be switched off when the checkpoint serves other duty (flood, typhoon)."""


REQUIRABLE_FIELDS = (
    "temperature",
    "health_code",
    "travel_code",
    "origin",
    "destination",
    "purpose",
)
"""Fields a checkpoint's duty can make required (the phone is not: a known person's phone on
record stands in for it)."""


def _default_required() -> list[str]:
    return ["temperature", "health_code"]


def _default_days() -> dict[str, int]:
    return {"high": 14, "medium": 7, "health_code": 7, "travel_star": 7, "fever": 7, "manual": 7}


@dataclass
class RegistrationSettings:
    health_code: bool = True
    travel_code: bool = True
    nucleic_test: bool = True
    risk_areas: bool = True
    temperature: bool = True
    duplicate_window_minutes: int = 30
    """A second registration of the same person at the same checkpoint within this many
    minutes asks before saving."""
    monitoring_days: dict[str, int] = field(default_factory=_default_days)
    route_days: int = 14
    required: list[str] = field(default_factory=_default_required)
    """Fields a registration must have (REQUIRABLE_FIELDS); an epidemic field counts only
    while it is switched on."""

    def requires(self, name: str) -> bool:
        """Whether a registration without `name` (a REQUIRABLE_FIELDS key) is refused."""
        return name in self.required and self.shows(name if name in EPIDEMIC_FIELDS else "")

    def shows(self, switch: str) -> bool:
        """Whether a column behind the epidemic-field `switch` ("" for none) is shown, in
        lists, ledgers and exports alike."""
        return not switch or bool(getattr(self, switch))

    @property
    def any_epidemic_field(self) -> bool:
        return any(getattr(self, name) for name in EPIDEMIC_FIELDS)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> RegistrationSettings:
        settings = cls()
        try:
            raw = json.loads(text) if text else {}
        except ValueError:
            raw = {}
        if not isinstance(raw, dict):
            return settings
        for item in fields(cls):
            value = raw.get(item.name)
            current = getattr(settings, item.name)
            if isinstance(current, bool) and isinstance(value, bool):
                setattr(settings, item.name, value)
            elif isinstance(current, int) and not isinstance(current, bool):
                if isinstance(value, int) and not isinstance(value, bool):
                    setattr(settings, item.name, value)
            elif isinstance(current, list) and isinstance(value, list):
                setattr(settings, item.name, [v for v in value if v in REQUIRABLE_FIELDS])
            elif isinstance(current, dict) and isinstance(value, dict):
                current.update(
                    {str(k): v for k, v in value.items() if isinstance(v, int) and v > 0}
                )
        return settings

    def check(self) -> None:
        unknown = [name for name in self.required if name not in REQUIRABLE_FIELDS]
        if unknown:
            names = "、".join(unknown)
            raise ValidationError(f"无法设为必填：{names}。", "required")
        if not 0 <= self.duplicate_window_minutes <= 24 * 60:
            raise ValidationError(
                "重复登记提醒时间应在 0 到 1440 分钟之间。", "duplicate_window_minutes"
            )
        for reason, days in self.monitoring_days.items():
            if not 1 <= days <= 60:
                raise ValidationError(f"监测天数应在 1 到 60 天之间（{reason}）。", reason)


def registration_settings(context: AppContext) -> RegistrationSettings:
    with context.reading() as session:
        return RegistrationSettings.from_json(read_setting(session, KEY))


def save_registration_settings(context: AppContext, settings: RegistrationSettings) -> None:
    context.require(Permission.CHANGE_SETTINGS)
    settings.check()
    with context.uow() as session:
        write_setting(session, KEY, settings.to_json())
