"""Settings of the old-compound module, stored in the database (they travel with the data)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.settings import read_setting, write_setting

KEY = "repairs"


@dataclass(frozen=True)
class RepairSettings:
    overdue_days: int = 7
    """An order open longer than this many days is overdue: highlighted and listed."""
    after_photo_required: bool = False
    """Whether an order can be checked (验收) only with an after photo."""

    def check(self) -> None:
        if isinstance(self.overdue_days, bool) or not isinstance(self.overdue_days, int):
            raise ValidationError("超期天数应为整数。", "overdue_days")
        if not 1 <= self.overdue_days <= 365:
            raise ValidationError("超期天数应在 1 到 365 天之间。", "overdue_days")

    @classmethod
    def from_json(cls, text: str | None) -> RepairSettings:
        """The stored settings; missing or unreadable values fall back to the defaults."""
        try:
            stored = json.loads(text or "{}")
        except ValueError:
            stored = {}
        defaults = cls()
        values = {
            "overdue_days": stored.get("overdue_days", defaults.overdue_days),
            "after_photo_required": bool(
                stored.get("after_photo_required", defaults.after_photo_required)
            ),
        }
        settings = cls(**values)
        try:
            settings.check()
        except ValidationError:
            return cls(after_photo_required=settings.after_photo_required)
        return settings


def repair_settings(context: AppContext) -> RepairSettings:
    with context.reading() as session:
        return repair_settings_in(session)


def repair_settings_in(session: Session) -> RepairSettings:
    """The settings, read inside a unit of work the caller has open."""
    return RepairSettings.from_json(read_setting(session, KEY))


def save_repair_settings(context: AppContext, settings: RepairSettings) -> None:
    context.require(Permission.CHANGE_SETTINGS)
    settings.check()
    with context.uow() as session:
        write_setting(session, KEY, json.dumps(asdict(settings)))
