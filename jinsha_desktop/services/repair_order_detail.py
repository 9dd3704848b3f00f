"""One repair order as the form and the command line read it (repair_orders.order_detail)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from jinsha_desktop.domain.repair_kinds import place_text
from jinsha_desktop.domain.repairs import (
    EventKind,
    OrderInput,
    OrderSource,
    OrderStatus,
    PlaceInput,
    line_cost,
    steps_from,
)
from jinsha_desktop.services.photos import LinkedPhoto


@dataclass(frozen=True)
class EventRow:
    kind: EventKind
    at: datetime
    by_name: str
    assignee: str
    note: str
    entered_at: datetime


@dataclass(frozen=True)
class PartLine:
    id: uuid.UUID
    part_id: uuid.UUID
    name: str
    unit: str
    quantity: Decimal
    unit_price: Decimal

    @property
    def cost(self) -> Decimal:
        return line_cost(self.quantity, self.unit_price)


@dataclass(frozen=True)
class OrderDetail:
    id: uuid.UUID
    version: int
    number: str
    source: OrderSource
    campaign_name: str
    unit_name: str
    compound_id: uuid.UUID
    compound_name: str
    building_id: uuid.UUID | None
    building_name: str
    unit_no: int | None
    floor: int | None
    location_note: str
    problem: str
    reporter_name: str
    reporter_phone: str
    """Masked unless the full view was asked for (and allowed, and audited)."""
    note: str
    reported_at: datetime
    status: OrderStatus
    assignee: str
    repaired_at: datetime | None
    checked_at: datetime | None
    closed_at: datetime | None
    labour_cost: Decimal
    parts_cost: Decimal
    events: tuple[EventRow, ...]
    parts: tuple[PartLine, ...]
    photos: tuple[LinkedPhoto, ...]
    overdue_days: int
    """Days past the overdue limit (0: not overdue, or closed)."""

    @property
    def place(self) -> str:
        return place_text(self.building_name, self.unit_no, self.floor, self.location_note)

    @property
    def cost(self) -> Decimal:
        return self.labour_cost + self.parts_cost

    @property
    def steps(self) -> tuple[EventKind, ...]:
        return steps_from(self.status)

    def as_input(self) -> OrderInput:
        """What the form edits, as it was saved."""
        return OrderInput(
            PlaceInput(
                self.compound_id, self.building_id, self.unit_no, self.floor, self.location_note
            ),
            self.problem,
            self.reported_at,
            self.source,
            self.reporter_name,
            self.reporter_phone,
            self.note,
        )
