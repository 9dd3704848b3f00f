"""Tables of checkpoint registration and health monitoring (issue 4)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, validates

from jinsha_desktop.db.base import Base, CommonColumns, UTCDateTime, unique_while_active
from jinsha_desktop.domain.pinyin import MAX_KEY_LENGTH, name_sort_key

# A name's pinyin sort key compares byte by byte: an office server's zh_CN or en_US collation
# would skip its spaces and separators and sort "li3 …" and "lin2 …" by what follows them.
SORT_KEY = String(MAX_KEY_LENGTH).with_variant(String(MAX_KEY_LENGTH, collation="C"), "postgresql")


class Person(CommonColumns, Base):
    """Someone registered at a checkpoint, identified by a document (usually the resident ID)."""

    __tablename__ = "person"
    # Stamped by every registration; the visit itself is the audited record of it. The name's
    # sort key is derived from the name (set with it, below), so it says nothing new.
    __audit_exclude__ = frozenset({"last_visit_at", "name_sort"})
    __table_args__ = (
        unique_while_active("uq_person_document_active", "document_type", "document_number"),
        # Each list sort key with the id: ORDER BY key, id and the keyset condition
        # (key, id) > (?, ?) are then read from the index, ties included.
        Index("ix_person_name", "name", "id"),
        Index("ix_person_name_sort", "name_sort", "id"),
        Index("ix_person_phone", "phone", "id"),
        Index("ix_person_document_number", "document_number", "id"),
        Index("ix_person_last_visit", "last_visit_at", "id"),
    )

    document_type: Mapped[str] = mapped_column(String(20), nullable=False)
    document_number: Mapped[str] = mapped_column(String(40), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    name_sort: Mapped[str] = mapped_column(SORT_KEY, nullable=False, default="", server_default="")
    """The name in pinyin order (domain/pinyin.py): the people list sorts by it."""
    gender: Mapped[str] = mapped_column(String(8), nullable=False, default="")
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    native_region_code: Mapped[str] = mapped_column(String(6), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    address: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    last_visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    delete_reason: Mapped[str] = mapped_column(
        String(200), nullable=False, default="", server_default=""
    )

    @validates("name")
    def _keep_name_sort(self, _key: str, name: str) -> str:
        self.name_sort = name_sort_key(name)
        return name


class Visit(CommonColumns, Base):
    """One passage through a checkpoint, with what was registered at that moment.

    Name, document number and phone are kept as registered (the person may change later) and
    indexed here, so the lists search a million visits without a join.
    """

    __tablename__ = "visit"
    __audit_exclude__ = frozenset({"person_name_sort"})  # derived from person_name
    __table_args__ = (
        Index("ix_visit_visited_at", "visited_at", "id"),
        Index("ix_visit_checkpoint_time", "checkpoint_id", "visited_at"),
        # Each list sort key with the id (see Person): without it, sorting by plate puts the
        # 700,000 visits without a plate in one tie that SQLite sorts by id in full (0.8 s).
        Index("ix_visit_document_number", "document_number", "id"),
        Index("ix_visit_person_name", "person_name", "id"),
        # Pinyin order, and one name's visits by time.
        Index("ix_visit_person_name_sort", "person_name_sort", "visited_at", "id"),
        Index("ix_visit_phone", "phone", "id"),
        Index("ix_visit_plate", "plate", "id"),
        Index("ix_visit_origin", "origin", "id"),
        Index("ix_visit_health_code", "health_code", "id"),
        Index("ix_visit_direction", "direction", "id"),
        Index("ix_visit_person", "person_id", "visited_at"),
        Index("ix_visit_flagged_time", "flagged", "visited_at"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), nullable=False)
    checkpoint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checkpoint.id"), nullable=False)
    visited_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    direction: Mapped[str] = mapped_column(String(8), nullable=False)
    document_type: Mapped[str] = mapped_column(String(20), nullable=False)
    document_number: Mapped[str] = mapped_column(String(40), nullable=False)
    person_name: Mapped[str] = mapped_column(String(50), nullable=False)
    person_name_sort: Mapped[str] = mapped_column(
        SORT_KEY, nullable=False, default="", server_default=""
    )
    """The name in pinyin order (domain/pinyin.py): the visits list sorts by it."""
    phone: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    origin_region_code: Mapped[str] = mapped_column(String(6), nullable=False, default="")
    origin: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    route: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    """JSON list of the places passed in the last 14 days."""
    destination_unit_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("unit.id"), nullable=True
    )
    destination_compound_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("compound.id"), nullable=True
    )
    destination_building_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("building.id"), nullable=True
    )
    destination_door: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    destination_address: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    purpose: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    plate: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    companions: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    temperature: Mapped[Decimal | None] = mapped_column(Numeric(3, 1), nullable=True)
    health_code: Mapped[str] = mapped_column(String(8), nullable=False, default="")
    travel_code_star: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    nucleic_test_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    nucleic_test_result: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    flagged: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    flag_reasons: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    """JSON list of {code, reason}."""
    delete_reason: Mapped[str] = mapped_column(String(200), nullable=False, default="")

    @validates("person_name")
    def _keep_name_sort(self, _key: str, name: str) -> str:
        self.person_name_sort = name_sort_key(name)
        return name


class RiskArea(CommonColumns, Base):
    """A medium or high risk area from an official notice, in force between two dates."""

    __tablename__ = "risk_area"
    __table_args__ = (Index("ix_risk_area_dates", "effective_from", "effective_to"),)

    name: Mapped[str] = mapped_column(String(100), nullable=False)
    level: Mapped[str] = mapped_column(String(8), nullable=False)
    effective_from: Mapped[date] = mapped_column(Date, nullable=False)
    effective_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class RegionCode(CommonColumns, Base):
    """A division code added by the administrator (created after the bundled GB/T 2260 table)."""

    __tablename__ = "region_code"
    __table_args__ = (unique_while_active("uq_region_code_active", "code"),)

    code: Mapped[str] = mapped_column(String(6), nullable=False)
    name: Mapped[str] = mapped_column(String(60), nullable=False)


class MonitoringCase(CommonColumns, Base):
    """Health monitoring (健康监测) of one person for a number of days, with daily checks."""

    __tablename__ = "monitoring_case"
    __table_args__ = (
        Index("ix_monitoring_case_status", "status", "end_date"),
        Index("ix_monitoring_case_person", "person_id"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), nullable=False)
    visit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("visit.id"), nullable=True)
    reason: Mapped[str] = mapped_column(String(200), nullable=False)
    reason_code: Mapped[str] = mapped_column(String(20), nullable=False, default="manual")
    start_date: Mapped[date] = mapped_column(Date, nullable=False)
    days: Mapped[int] = mapped_column(Integer, nullable=False)
    end_date: Mapped[date] = mapped_column(Date, nullable=False)
    responsible: Mapped[str] = mapped_column(String(50), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class CaseStatusChange(CommonColumns, Base):
    """The history of a case's status: opened, released, transferred, lost contact."""

    __tablename__ = "case_status_change"
    __table_args__ = (Index("ix_case_status_change_case", "case_id", "changed_at"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("monitoring_case.id"), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    note: Mapped[str] = mapped_column(String(200), nullable=False, default="")


class DailyCheck(CommonColumns, Base):
    """One day's check of a monitored person."""

    __tablename__ = "daily_check"
    __table_args__ = (unique_while_active("uq_daily_check_day_active", "case_id", "check_date"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("monitoring_case.id"), nullable=False)
    check_date: Mapped[date] = mapped_column(Date, nullable=False)
    temperature: Mapped[Decimal | None] = mapped_column(Numeric(3, 1), nullable=True)
    symptoms: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    test_result: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    note: Mapped[str] = mapped_column(String(200), nullable=False, default="")
