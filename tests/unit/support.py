"""Small helpers shared by the unit tests; the fixtures themselves live in tests/conftest.py."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select

from jinsha_desktop.db.models import AuditEntry
from jinsha_desktop.db.schema import Base
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.services import auth
from jinsha_desktop.services.audit import VerifyReport, verify_audit
from jinsha_desktop.services.context import AppContext

USER_PASSWORD = "Ledger-user-7"


@contextmanager
def selects_sent(context: AppContext) -> Iterator[list[str]]:
    """The SELECT statements sent to the database while the block runs (a page's query count)."""
    sent: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append(statement)

    engine = context.database.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def add_user(
    admin: AppContext,
    username: str,
    role: Role,
    *,
    display_name: str = "测试用户",
    password: str = USER_PASSWORD,
    must_change_password: bool = False,
) -> auth.UserRow:
    return auth.create_user(
        admin,
        auth.UserInput(username, display_name, role),
        password,
        must_change_password=must_change_password,
    )


def logged_in_as(admin: AppContext, username: str, role: Role) -> AppContext:
    """A new account with `role`, logged in on the same installation as `admin`."""
    add_user(admin, username, role)
    return auth.login(admin.as_user(None), username, USER_PASSWORD)


def audit_entries(context: AppContext, **where: Any) -> list[AuditEntry]:
    """Audit entries in chain order, optionally filtered by column values (e.g. action="login")."""
    with context.reading() as session:
        stmt = select(AuditEntry).order_by(AuditEntry.at, AuditEntry.seq)
        for column, value in where.items():
            stmt = stmt.where(getattr(AuditEntry, column) == value)
        entries = list(session.scalars(stmt).all())
        session.expunge_all()  # keep them loaded after the reading session rolls back
        return entries


def changes_of(entry: AuditEntry) -> dict[str, list[Any]]:
    return json.loads(entry.changes)


def row_counts(context: AppContext) -> dict[str, int]:
    """Rows in every table, soft-deleted ones included."""
    with context.reading() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def audit_count(context: AppContext) -> int:
    with context.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def verify(context: AppContext) -> VerifyReport:
    with context.reading() as session:
        return verify_audit(session)


@contextmanager
def raw_sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection, outside the application: commits on success, always closes."""
    with closing(sqlite3.connect(path)) as connection:
        with connection:
            yield connection


def db_id(value: uuid.UUID) -> str:
    """How SQLAlchemy's Uuid type stores a key in SQLite (32 hex digits, no dashes)."""
    return value.hex


def resident_id(region: str = "320612", born: str = "19900101", sequence: int = 123) -> str:
    """A valid 18-digit resident ID number (GB 11643 check digit computed)."""
    from jinsha_desktop.domain.id_numbers import check_digit

    first17 = f"{region}{born}{sequence:03d}"
    return first17 + check_digit(first17)


def a_checkpoint(admin: AppContext, name: str = "北山社区1号卡点") -> uuid.UUID:
    from jinsha_desktop.domain.reference import CheckpointInput
    from jinsha_desktop.services import reference

    unit = reference.list_units(admin)[0]
    return reference.save_checkpoint(admin, unit.id, CheckpointInput(name))


def a_compound(
    admin: AppContext,
    name: str = "金沙花苑",
    *,
    buildings: int = 3,
    units: int | None = 2,
    floors: int | None = 6,
    unit_index: int = 0,
) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """A compound in the `unit_index`-th community/village with buildings 1幢…n幢 (each with
    `units` 单元 and `floors` floors); returns the compound's id and its buildings' ids."""
    from jinsha_desktop.domain.reference import BuildingInput, CompoundInput
    from jinsha_desktop.services import reference

    unit = reference.list_units(admin)[unit_index]
    compound_id = reference.save_compound(admin, unit.id, CompoundInput(name))
    building_ids = [
        reference.save_building(admin, compound_id, BuildingInput(f"{n}幢", units, floors))
        for n in range(1, buildings + 1)
    ]
    return compound_id, building_ids
