"""Tables of the old-compound module (issue 13): survey campaigns, repair orders, clean-ups,
their reference data (parts, clean-up categories), and the photo store every module shares.

A repair order's status and dates are folded from its append-only events (domain/repairs.py);
the order keeps the fold's result in plain columns so lists and totals read one table, and only
services/repair_orders.py writes them, in the transaction that appends the event.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jinsha_desktop.db.base import Base, CommonColumns, UTCDateTime, unique_while_active

MONEY = Numeric(12, 2)
QUANTITY = Numeric(10, 2)

PART_KIND_COLUMNS = ("parts_bulb", "parts_switch", "parts_splitter", "parts_wire", "parts_other")
"""RepairOrder's quantity column of each PartKind ("parts_" + its value)."""
ORDER_TOTALS_COLUMNS = (
    "deleted_at", "building_id", "campaign_id", "status", "repaired_at", "labour_cost",
    "parts_cost", *PART_KIND_COLUMNS,
)  # fmt: skip
"""What the totals read of an order, after (compound_id, reported_at) in its covering index."""
CLEANUP_TOTALS_COLUMNS = (
    "deleted_at", "compound_id", "building_id", "campaign_id", "category_id", "count",
)  # fmt: skip
"""What the totals read of a clean-up, after (done_on, id) in its covering index."""


class Part(CommonColumns, Base):
    """A part of the catalogue (灯泡, 声控开关, 均分器, 电线…): reference data, editable."""

    __tablename__ = "part"
    __table_args__ = (unique_while_active("uq_part_name_active", "name"),)

    name: Mapped[str] = mapped_column(String(30), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="other")
    """What totals count it as (domain/repairs.PartKind): bulb, switch, splitter, wire, other."""
    unit: Mapped[str] = mapped_column(String(8), nullable=False, default="个")
    unit_price: Mapped[Decimal] = mapped_column(MONEY, nullable=False, default=Decimal("0"))
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=1000)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class CleanupCategory(CommonColumns, Base):
    """A kind of clean-up (乱堆乱放, 乱拉乱挂, 毁绿占绿, 私搭乱建, 停车位施划…), editable."""

    __tablename__ = "cleanup_category"
    __table_args__ = (unique_while_active("uq_cleanup_category_name_active", "name"),)

    name: Mapped[str] = mapped_column(String(30), nullable=False)
    unit: Mapped[str] = mapped_column(String(8), nullable=False, default="处")
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=1000)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class SurveyCampaign(CommonColumns, Base):
    """A survey campaign (排查): a walk through the compounds in scope in a period."""

    __tablename__ = "survey_campaign"
    __table_args__ = (unique_while_active("uq_survey_campaign_name_active", "name"),)

    name: Mapped[str] = mapped_column(String(60), nullable=False)
    start_date: Mapped[date] = mapped_column(Date, nullable=False)
    end_date: Mapped[date] = mapped_column(Date, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class CampaignCompound(CommonColumns, Base):
    """A compound in a campaign's scope."""

    __tablename__ = "campaign_compound"
    __table_args__ = (
        unique_while_active("uq_campaign_compound_active", "campaign_id", "compound_id"),
    )

    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("survey_campaign.id"), nullable=False, index=True
    )
    compound_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("compound.id"), nullable=False, index=True
    )


class CampaignMember(CommonColumns, Base):
    """Someone taking part in a campaign, by group (domain/repairs.Group)."""

    __tablename__ = "campaign_member"

    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("survey_campaign.id"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    group: Mapped[str] = mapped_column(String(16), nullable=False)
    phone: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    """The order the members were typed in (0 first): saved in one transaction, their creation
    times are equal and cannot keep it."""


class SurveyLine(CommonColumns, Base):
    """What a campaign found in one building's unit (单元; unit_no 0: the building as a whole)."""

    __tablename__ = "survey_line"
    __table_args__ = (
        unique_while_active("uq_survey_line_place_active", "campaign_id", "building_id", "unit_no"),
        Index("ix_survey_line_campaign_compound", "campaign_id", "compound_id"),
    )

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("survey_campaign.id"), nullable=False)
    compound_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("compound.id"), nullable=False)
    building_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("building.id"), nullable=False, index=True
    )
    unit_no: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    bulbs: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    switches: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    splitters: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    wiring: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    """Places with damaged wiring."""
    other: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    """Other problems, as noted on the sheet."""
    surveyed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    repair_order_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("repair_order.id"), nullable=True, index=True
    )
    """The order the finding became (set once: a finding is never turned into two orders)."""


class RepairOrder(CommonColumns, Base):
    """A repair order (报修单). Status and dates: the fold of its events, written by the service."""

    __tablename__ = "repair_order"
    __table_args__ = (
        unique_while_active("uq_repair_order_number_active", "number"),
        Index("ix_repair_order_reported_at", "reported_at", "id"),
        Index("ix_repair_order_status", "status", "reported_at"),
        # The totals' covering index (services/repair_totals.py): they group the orders of a
        # period by compound reading this index alone, never the rows (200,000 orders: ~10x).
        Index("ix_repair_order_compound", "compound_id", "reported_at", *ORDER_TOTALS_COLUMNS),
        Index("ix_repair_order_campaign", "campaign_id"),
        Index("ix_repair_order_number", "number", "id"),
    )

    number: Mapped[str] = mapped_column(String(24), nullable=False)
    """Installation short code + sequence (domain/repairs.order_number): unique across laptops."""
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    source: Mapped[str] = mapped_column(String(16), nullable=False)
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("survey_campaign.id"), nullable=True
    )
    compound_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("compound.id"), nullable=False)
    building_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("building.id"), nullable=True, index=True
    )
    unit_no: Mapped[int | None] = mapped_column(Integer, nullable=True)
    floor: Mapped[int | None] = mapped_column(Integer, nullable=True)
    location_note: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    problem: Mapped[str] = mapped_column(String(500), nullable=False)
    reporter_name: Mapped[str] = mapped_column(String(50), nullable=False, default="")
    reporter_phone: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    labour_cost: Mapped[Decimal] = mapped_column(MONEY, nullable=False, default=Decimal("0"))
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # The fold of the events (domain/repairs.fold_events), kept for lists and totals.
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    assignee: Mapped[str] = mapped_column(String(50), nullable=False, default="")
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    repaired_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    """When it was checked, rejected or cancelled; None while open."""
    parts_cost: Mapped[Decimal] = mapped_column(MONEY, nullable=False, default=Decimal("0"))
    """Sum of the part lines (quantity × the unit price each was used at)."""
    # The part lines' quantities by kind (domain/repairs.PartKind), kept with parts_cost by the
    # service: the totals sum them per compound without joining every part line.
    parts_bulb: Mapped[Decimal] = mapped_column(QUANTITY, nullable=False, default=Decimal("0"))
    parts_switch: Mapped[Decimal] = mapped_column(QUANTITY, nullable=False, default=Decimal("0"))
    parts_splitter: Mapped[Decimal] = mapped_column(QUANTITY, nullable=False, default=Decimal("0"))
    parts_wire: Mapped[Decimal] = mapped_column(QUANTITY, nullable=False, default=Decimal("0"))
    parts_other: Mapped[Decimal] = mapped_column(QUANTITY, nullable=False, default=Decimal("0"))
    delete_reason: Mapped[str] = mapped_column(String(200), nullable=False, default="")


class RepairEvent(CommonColumns, Base):
    """One step of an order (reported, assigned, repaired, checked, rejected, cancelled,
    reopened): appended, never changed."""

    __tablename__ = "repair_event"
    __table_args__ = (Index("ix_repair_event_order", "order_id", "at"),)

    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("repair_order.id"), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    """When it happened (typed by the user; the row's created_at says when it was entered)."""
    by_name: Mapped[str] = mapped_column(String(50), nullable=False, default="")
    """Who recorded it (the user's display name at the time)."""
    assignee: Mapped[str] = mapped_column(String(50), nullable=False, default="")
    """The worker or contractor, for an assignment."""
    note: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    """A reason (rejected, cancelled, reopened) or a remark."""


class RepairPart(CommonColumns, Base):
    """Parts used on an order; the unit price is the catalogue's at the time, kept."""

    __tablename__ = "repair_part"

    order_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("repair_order.id"), nullable=False, index=True
    )
    part_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("part.id"), nullable=False, index=True)
    part_name: Mapped[str] = mapped_column(String(30), nullable=False)
    part_kind: Mapped[str] = mapped_column(String(16), nullable=False)
    unit: Mapped[str] = mapped_column(String(8), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY, nullable=False)
    unit_price: Mapped[Decimal] = mapped_column(MONEY, nullable=False)


class Cleanup(CommonColumns, Base):
    """A clean-up action (整治) in a compound: category, count, date, who took part by group."""

    __tablename__ = "cleanup"
    __table_args__ = (
        # Covering for the totals, like ix_repair_order_compound (by date: SQLite's planner
        # takes this one for a period, so it holds what they read).
        Index("ix_cleanup_done_on", "done_on", "id", *CLEANUP_TOTALS_COLUMNS),
        Index("ix_cleanup_compound", "compound_id", "done_on"),
        Index("ix_cleanup_category", "category_id", "done_on"),
    )

    category_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cleanup_category.id"), nullable=False
    )
    compound_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("compound.id"), nullable=False)
    building_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("building.id"), nullable=True)
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("survey_campaign.id"), nullable=True, index=True
    )
    place: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    count: Mapped[int] = mapped_column(Integer, nullable=False)
    done_on: Mapped[date] = mapped_column(Date, nullable=False)
    # Who took part, by group (共治共建共管): head counts.
    cadres: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    urban_officers: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    property_staff: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    volunteers: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    delete_reason: Mapped[str] = mapped_column(String(200), nullable=False, default="")


class Photo(CommonColumns, Base):
    """A photo in the content-addressed store (data folder/photos/ab/abcdef….jpg), stored once."""

    __tablename__ = "photo"
    __table_args__ = (unique_while_active("uq_photo_sha256_active", "sha256"),)

    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    suffix: Mapped[str] = mapped_column(String(8), nullable=False)
    """The stored file's extension (.jpg, .png…)."""
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    width: Mapped[int] = mapped_column(Integer, nullable=False)
    height: Mapped[int] = mapped_column(Integer, nullable=False)
    """As shown, after the EXIF orientation."""
    original_name: Mapped[str] = mapped_column(String(255), nullable=False, default="")
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class PhotoLink(CommonColumns, Base):
    """A photo attached to a record of any module (removed: soft-deleted, never the file)."""

    __tablename__ = "photo_link"
    __table_args__ = (
        Index("ix_photo_link_record", "record_table", "record_id"),
        Index("ix_photo_link_sha256", "sha256"),
    )

    record_table: Mapped[str] = mapped_column(String(64), nullable=False)
    record_id: Mapped[uuid.UUID] = mapped_column(nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False, default="before")
    """before / after (repairs, clean-ups), finding / rectified (inspections)."""
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    caption: Mapped[str] = mapped_column(String(100), nullable=False, default="")
