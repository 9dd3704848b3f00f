"""Generated repair orders, part lines and clean-ups (fixed seed) and their totals worked out in
plain Python from the generated inputs: what services/repair_totals.py must agree with."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from jinsha_desktop.db.repair_models import Cleanup, RepairOrder, RepairPart, SurveyCampaign
from jinsha_desktop.domain.repairs import (
    DEFAULT_CLEANUP_CATEGORIES,
    DEFAULT_PARTS,
    OPEN_STATUSES,
    OrderStatus,
    seed_id,
)
from jinsha_desktop.services import reference
from jinsha_desktop.services.context import AppContext
from tests.unit.support import a_compound

SINCE = date(2026, 10, 1)
UNTIL = date(2026, 11, 20)
FIRST_DAY = date(2026, 9, 15)
LAST_DAY = date(2026, 11, 24)


@dataclass
class Order:
    id: uuid.UUID
    compound_id: uuid.UUID
    unit_id: uuid.UUID
    building_id: uuid.UUID | None
    campaign_id: uuid.UUID | None
    status: OrderStatus
    reported_at: datetime
    repaired_at: datetime | None
    labour: Decimal
    deleted: bool
    lines: list[tuple[str, Decimal, Decimal, bool]] = field(default_factory=list)
    """(part kind, quantity, unit price as used, deleted)."""

    @property
    def parts_cost(self) -> Decimal:
        """What services/repair_orders.py keeps: the lines at their own prices, in cents."""
        cost = sum((q * p for _k, q, p, deleted in self.lines if not deleted), Decimal(0))
        return cost.quantize(Decimal("0.01"))

    @property
    def quantities(self) -> dict[str, Decimal]:
        """The lines' quantities by part kind."""
        found: dict[str, Decimal] = {}
        for kind, quantity, _price, deleted in self.lines:
            if not deleted:
                found[kind] = found.get(kind, Decimal(0)) + quantity
        return found


@dataclass
class Clean:
    compound_id: uuid.UUID
    unit_id: uuid.UUID
    building_id: uuid.UUID | None
    campaign_id: uuid.UUID | None
    category_id: uuid.UUID
    count: int
    done_on: date
    deleted: bool


@dataclass
class Generated:
    orders: list[Order]
    cleanups: list[Clean]
    campaigns: list[uuid.UUID]
    compounds: dict[uuid.UUID, uuid.UUID]
    """compound → its community/village."""


def _noon(day: date) -> datetime:
    # Noon UTC is the same calendar day from UTC−11 to UTC+11: the period does not depend on
    # the machine's zone.
    return datetime.combine(day, time(12), tzinfo=UTC)


def generate(admin: AppContext, seed: int = 13, orders: int = 160, cleanups: int = 70) -> Generated:
    rng = random.Random(seed)
    units = reference.list_units(admin)
    compounds: dict[uuid.UUID, uuid.UUID] = {}
    buildings: dict[uuid.UUID, list[uuid.UUID]] = {}
    for n in range(4):
        compound_id, building_ids = a_compound(admin, f"测试小区{n}", buildings=2, unit_index=n % 2)
        compounds[compound_id] = units[n % 2].id
        buildings[compound_id] = building_ids
    now = admin.clock.now()
    span = (LAST_DAY - FIRST_DAY).days
    made = Generated([], [], [uuid.uuid4(), uuid.uuid4()], compounds)
    with admin.uow() as session:
        for n, campaign_id in enumerate(made.campaigns):
            session.add(
                SurveyCampaign(
                    id=campaign_id,
                    name=f"第{n + 1}次排查",
                    start_date=SINCE + timedelta(days=10 * n),
                    end_date=SINCE + timedelta(days=10 * n + 5),
                )
            )
        session.flush()
        for n in range(orders):
            compound_id = rng.choice(list(compounds))
            building_id = rng.choice([*buildings[compound_id], None])
            reported = _noon(FIRST_DAY + timedelta(days=rng.randrange(span)))
            status = rng.choice(list(OrderStatus))
            repaired = None
            if status in (OrderStatus.REPAIRED, OrderStatus.CHECKED):
                repaired = min(reported + timedelta(hours=rng.randrange(1, 400)), now)
            order = Order(
                uuid.uuid4(),
                compound_id,
                compounds[compound_id],
                building_id,
                rng.choice([*made.campaigns, None]),
                status,
                reported,
                repaired,
                Decimal(rng.randrange(0, 20000)) / 100,
                rng.random() < 0.1,
            )
            made.orders.append(order)
            record = RepairOrder(
                id=order.id,
                number=f"TEST-{n:06d}",
                seq=n + 1,
                source="resident",
                campaign_id=order.campaign_id,
                compound_id=compound_id,
                building_id=building_id,
                problem="楼道灯不亮",
                status=status.value,
                reported_at=reported,
                repaired_at=repaired,
                closed_at=None if status in OPEN_STATUSES else (repaired or reported),
                labour_cost=order.labour,
                deleted_at=now if order.deleted else None,
            )
            session.add(record)
            for _ in range(rng.randrange(0, 4)):
                name, kind, unit, price = rng.choice(DEFAULT_PARTS)
                quantity = Decimal(rng.randrange(1, 12)) / (2 if kind == "wire" else 1)
                used_at = price + Decimal(rng.randrange(-100, 100)) / 100  # the price then
                deleted = rng.random() < 0.1
                order.lines.append((kind.value, quantity, used_at, deleted))
                session.add(
                    RepairPart(
                        order_id=order.id,
                        part_id=seed_id("part", name),
                        part_name=name,
                        part_kind=kind.value,
                        unit=unit,
                        quantity=quantity,
                        unit_price=used_at,
                        deleted_at=now if deleted else None,
                    )
                )
            record.parts_cost = order.parts_cost
            for kind, quantity in order.quantities.items():  # as the service keeps them
                setattr(record, f"parts_{kind}", quantity)
        for _ in range(cleanups):
            compound_id = rng.choice(list(compounds))
            category = seed_id("cleanup_category", rng.choice(DEFAULT_CLEANUP_CATEGORIES)[0])
            clean = Clean(
                compound_id,
                compounds[compound_id],
                rng.choice([*buildings[compound_id], None]),
                rng.choice([*made.campaigns, None]),
                category,
                rng.randrange(1, 40),
                FIRST_DAY + timedelta(days=rng.randrange(span)),
                rng.random() < 0.1,
            )
            made.cleanups.append(clean)
            session.add(
                Cleanup(
                    category_id=category,
                    compound_id=compound_id,
                    building_id=clean.building_id,
                    campaign_id=clean.campaign_id,
                    count=clean.count,
                    done_on=clean.done_on,
                    deleted_at=now if clean.deleted else None,
                )
            )
    return made


def _key(record: Order | Clean, by: str) -> tuple[Any, ...]:
    return {
        "building": (record.compound_id, record.building_id),
        "compound": (record.compound_id,),
        "unit": (record.unit_id,),
        "campaign": (record.campaign_id,),
    }[by]


def expected(
    made: Generated, by: str, now: datetime, overdue_days: int = 7
) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The figures per group for SINCE..UNTIL, computed here one record at a time."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}

    def of(key: tuple[Any, ...]) -> dict[str, Any]:
        empty: dict[str, Any] = {
            "orders": 0,
            "open": 0,
            "closed": 0,
            "overdue": 0,
            "repaired": 0,
            "days": 0.0,
            "cost": Decimal("0"),
            "parts": {},
            "cleanups": {},
        }
        return groups.setdefault(key, empty)

    for order in made.orders:
        if order.deleted or not SINCE <= order.reported_at.date() <= UNTIL:
            continue
        figures = of(_key(order, by))
        figures["orders"] += 1
        is_open = order.status in OPEN_STATUSES
        figures["open" if is_open else "closed"] += 1
        # Overdue: open more than `overdue_days` whole days, as the orders list counts days.
        if is_open and (now - order.reported_at).days > overdue_days:
            figures["overdue"] += 1
        if order.repaired_at is not None:
            figures["repaired"] += 1
            figures["days"] += (order.repaired_at - order.reported_at).total_seconds() / 86400
        figures["cost"] += order.labour
        for kind, quantity, _price, deleted in order.lines:
            if not deleted:
                figures["parts"][kind] = figures["parts"].get(kind, 0) + quantity
        figures["cost"] += order.parts_cost
    for clean in made.cleanups:
        if clean.deleted or not SINCE <= clean.done_on <= UNTIL:
            continue
        counts = of(_key(clean, by))["cleanups"]
        counts[clean.category_id] = counts.get(clean.category_id, 0) + clean.count
    return groups
