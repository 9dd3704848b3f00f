"""Settings stored in the database, so they travel with the data and its backups."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from jinsha_desktop.db.models import Setting
from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.reference import DEFAULT_UNIT_NAME
from jinsha_desktop.domain.text import clean_name
from jinsha_desktop.services.context import AppContext

UNIT_NAME = "unit_name"
DATABASE_ID = "database_id"


def read_setting(session: Session, key: str) -> str | None:
    return session.scalar(
        select(Setting.value).where(Setting.key == key, Setting.deleted_at.is_(None))
    )


def write_setting(session: Session, key: str, value: str) -> None:
    row = session.scalar(select(Setting).where(Setting.key == key, Setting.deleted_at.is_(None)))
    if row is None:
        session.add(Setting(key=key, value=value))
    elif row.value != value:
        row.value = value


def unit_name(context: AppContext) -> str:
    with context.reading() as session:
        return read_setting(session, UNIT_NAME) or DEFAULT_UNIT_NAME


def set_unit_name(context: AppContext, name: str) -> str:
    context.require(Permission.CHANGE_SETTINGS)
    cleaned = clean_name(name, "单位名称", "unit_name", max_length=40)
    with context.uow() as session:
        write_setting(session, UNIT_NAME, cleaned)
    return cleaned


LEDGER_FONTS = "ledger_fonts"
"""Extra fonts for the ledgers' rare characters: file paths separated by semicolons."""


def ledger_fonts(context: AppContext) -> str:
    with context.reading() as session:
        return read_setting(session, LEDGER_FONTS) or ""


def font_paths(value: str | None) -> list[str]:
    """The font files named in a setting: paths separated by semicolons or new lines, quotes
    (as Windows' "copy as path" adds them) removed."""
    items = (value or "").replace("\n", ";").split(";")
    return [item.strip().strip('"') for item in items if item.strip()]


def set_ledger_fonts(context: AppContext, paths: str) -> str:
    """Save the extra ledger fonts; each named file must exist on this computer."""
    context.require(Permission.CHANGE_SETTINGS)
    items = font_paths(paths)
    for item in items:
        if not Path(item).is_file():
            raise ValidationError(f"找不到字体文件：{item}", "ledger_fonts")
        if Path(item).suffix.lower() not in (".ttf", ".ttc"):
            raise ValidationError(
                f"{Path(item).name} 不是 TrueType 字体（.ttf/.ttc），台账无法嵌入。", "ledger_fonts"
            )
    value = ";".join(items)
    with context.uow() as session:
        if value != (read_setting(session, LEDGER_FONTS) or ""):
            write_setting(session, LEDGER_FONTS, value)
    return value
