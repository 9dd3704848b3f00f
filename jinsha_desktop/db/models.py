"""The foundation's tables: installations, users, settings, audit log, drafts.

The reference data (units, compounds, buildings, checkpoints) is in reference_models.py and each
module's records in a file of its own (registration_models.py); this file imports none of them.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from jinsha_desktop.db.base import Base, CommonColumns, UTCDateTime, unique_while_active


class Installation(CommonColumns, Base):
    """One copy of the program on one machine; records carry the id of the one that made them."""

    __tablename__ = "installation"

    name: Mapped[str] = mapped_column(String(60), nullable=False)
    hostname: Mapped[str] = mapped_column(String(255), nullable=False, default="")
    short_code: Mapped[str] = mapped_column(
        String(8), nullable=False, default="", server_default=""
    )
    """Printed in its human-readable numbers (报修单号 JS7K-000123): unique across laptops."""


class Setting(CommonColumns, Base):
    """Settings that travel with the database (e.g. the unit name printed on ledgers)."""

    __tablename__ = "setting"
    __table_args__ = (unique_while_active("uq_setting_key_active", "key"),)

    key: Mapped[str] = mapped_column(String(64), nullable=False)
    value: Mapped[str] = mapped_column(Text, nullable=False, default="")


class User(CommonColumns, Base):
    __tablename__ = "app_user"
    __table_args__ = (unique_while_active("uq_app_user_username_active", "username"),)
    __audit_exclude__ = frozenset({"failed_login_count", "locked_until", "last_login_at"})
    __audit_secret__ = frozenset({"password_hash"})

    username: Mapped[str] = mapped_column(String(32), nullable=False)
    display_name: Mapped[str] = mapped_column(String(50), nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    failed_login_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("unit.id"), nullable=True)
    """The village or community a clerk works for: rectifications only for that unit."""


class AuditEntry(CommonColumns, Base):
    """One audited action; chained by hash to the previous entry of the same installation."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("uq_audit_entry_chain", "chain_installation_id", "seq", unique=True),
        Index("ix_audit_entry_record", "table_name", "record_id"),
        Index("ix_audit_entry_at", "at"),
    )
    __audited__ = False

    chain_installation_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    username: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    action: Mapped[str] = mapped_column(String(24), nullable=False)
    table_name: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    record_id: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    changes: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    summary: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    record_digest: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    record_version: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    """The audited record's version after the change (0 for actions on no record)."""
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)


class Draft(CommonColumns, Base):
    """A half-typed form, saved every few seconds so that a crash loses nothing.

    Drafts are not audited: they are not records, and they are deleted when the form is saved.
    """

    __tablename__ = "draft"
    __table_args__ = (unique_while_active("uq_draft_form_active", "user_id", "form_key"),)
    __audited__ = False

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"), nullable=False)
    form_key: Mapped[str] = mapped_column(String(100), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    payload: Mapped[str] = mapped_column(Text, nullable=False)
