"""Declarative base, portable column types and the columns every table has (DESIGN.md)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Index, Integer, MetaData, Uuid, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC and always hands back an aware UTC datetime (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stored: datetime = value
        if stored.tzinfo is None:
            return stored.replace(tzinfo=UTC)
        return stored.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CommonColumns:
    """UUID key, UTC stamps, who and which installation, optimistic-lock version, soft delete.

    The values are filled in by the unit of work (services/context.py), not by callers.
    """

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    created_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    updated_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    installation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}

    #: Columns left out of audit diffs and record digests (counters, secrets shown as changed).
    __audit_exclude__: frozenset[str] = frozenset()
    #: Columns whose change is audited as "changed" without old and new values.
    __audit_secret__: frozenset[str] = frozenset()
    #: Whether saves of this table write audit entries.
    __audited__: bool = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


COMMON_COLUMN_NAMES = frozenset(
    {"created_at", "updated_at", "created_by", "updated_by", "installation_id", "version"}
)


ACTIVE = text("deleted_at IS NULL")


def unique_while_active(name: str, *columns: str) -> Index:
    """A unique index over the rows not soft-deleted (partial index on SQLite and PostgreSQL)."""
    return Index(name, *columns, unique=True, sqlite_where=ACTIVE, postgresql_where=ACTIVE)
