"""The old compounds' totals as values (what services/repair_totals.py sums in the database and
the screen, the ledger, the workbook and the command line show): what a row is, which records a
figure counts, a group's additive sums, the columns and rows of the table."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.fields import CellKind

TOTAL_LABEL = "金沙街道合计"
NO_CAMPAIGN = "（不属于排查）"
WHOLE_COMPOUND = "（小区整体）"


class GroupBy(StrEnum):
    """What a row of the totals is."""

    BUILDING = "building"
    COMPOUND = "compound"
    UNIT = "unit"
    """A community or village (社区/村)."""
    CAMPAIGN = "campaign"

    @property
    def label(self) -> str:
        return {"building": "楼栋", "compound": "小区", "unit": "社区/村", "campaign": "排查"}[
            self.value
        ]


class Figure(StrEnum):
    """Which orders or clean-ups a figure counts: what a drill-down opens."""

    ORDERS = "orders"
    OPEN = "open"
    CLOSED = "closed"
    OVERDUE = "overdue"
    REPAIRED = "repaired"
    PARTS = "parts"
    CLEANUPS = "cleanups"


@dataclass(frozen=True)
class TotalsQuery:
    since: date
    until: date
    """Both included (local days)."""
    by: GroupBy = GroupBy.COMPOUND
    unit_id: uuid.UUID | None = None
    compound_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None

    def checked(self) -> TotalsQuery:
        if self.until < self.since:
            raise ValidationError("结束日期不能早于开始日期。", "until")
        return self


@dataclass
class Figures:
    """The additive sums of one group (the average is worked out from them)."""

    orders: int = 0
    open: int = 0
    closed: int = 0
    overdue: int = 0
    repaired: int = 0
    repair_days: float = 0.0
    """Sum of (repaired − reported) in days over the repaired orders."""
    cost: Decimal = Decimal("0.00")
    parts: dict[str, Decimal] = field(default_factory=dict)
    """Quantity by part kind (PartKind value)."""
    cleanups: dict[uuid.UUID, int] = field(default_factory=dict)
    """Count by clean-up category id."""

    @property
    def average_days(self) -> Decimal | None:
        if not self.repaired:
            return None
        return Decimal(self.repair_days / self.repaired).quantize(Decimal("0.1"))

    def add(self, other: Figures) -> None:
        for name in ("orders", "open", "closed", "overdue", "repaired", "repair_days", "cost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, quantity in other.parts.items():
            self.parts[kind] = self.parts.get(kind, Decimal(0)) + quantity
        for category, count in other.cleanups.items():
            self.cleanups[category] = self.cleanups.get(category, 0) + count


@dataclass(frozen=True)
class TotalsColumn:
    key: str
    header: str
    kind: CellKind
    figure: Figure
    part_kind: str | None = None
    category_id: uuid.UUID | None = None


GroupKey = tuple[uuid.UUID | None, ...]
"""A group: (compound, building) for a building, (compound,), (unit,) or (campaign,); None: a
building not given (the compound as a whole), or no campaign. The total's key is ()."""


@dataclass(frozen=True)
class TotalsRow:
    key: GroupKey
    label: str
    parent: str
    """What it belongs to: the community/village (and compound, for a building)."""
    figures: Figures
    is_total: bool = False


ORDER_COLUMNS = (
    ("orders", "报修单数", CellKind.INTEGER, Figure.ORDERS),
    ("open", "未办结", CellKind.INTEGER, Figure.OPEN),
    ("overdue", "超期", CellKind.INTEGER, Figure.OVERDUE),
    ("closed", "已办结", CellKind.INTEGER, Figure.CLOSED),
    ("repaired", "已修复", CellKind.INTEGER, Figure.REPAIRED),
    ("average_days", "平均修复天数", CellKind.DECIMAL, Figure.REPAIRED),
    ("cost", "费用（元）", CellKind.MONEY, Figure.ORDERS),
)


def plain_quantity(quantity: Decimal) -> int | Decimal:
    """12 for 12.00, 2.5 for 2.50: a part count reads as typed."""
    if quantity == quantity.to_integral_value():
        return int(quantity)
    return quantity.normalize()
