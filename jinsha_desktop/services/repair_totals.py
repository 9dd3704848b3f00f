"""Totals of the old-compound module (维修统计): per building, compound, community/village or
campaign over a period — parts replaced by kind, orders open/closed/overdue, average days from
report to repair, cost, clean-ups by category — and the sub-district's grand total.

Every figure is summed in the database (two GROUP BY queries: orders, with their part quantities
by kind kept on the order, and clean-ups), each reading one covering index; Python only adds the
groups' sums up to a community/village, a campaign and the total (a few hundred rows, never the
records). Soft-deleted orders, part lines and clean-ups are left
out (and kept). Orders count in the period they were reported in, clean-ups on the day done.
An order costs its labour plus its parts (RepairOrder.parts_cost: the part lines at the unit
price each was used at, kept by services/repair_orders.py), so a later catalogue price never
changes a past total, and the totals add up the orders list's cost column.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.reference_models import Building, Compound, Unit
from jinsha_desktop.db.repair_models import (
    Cleanup,
    CleanupCategory,
    RepairOrder,
    SurveyCampaign,
)
from jinsha_desktop.domain.fields import CellKind, text_of
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repair_totals import (
    NO_CAMPAIGN,
    ORDER_COLUMNS,
    TOTAL_LABEL,
    WHOLE_COMPOUND,
    Figure,
    Figures,
    GroupBy,
    GroupKey,
    TotalsColumn,
    TotalsQuery,
    TotalsRow,
    plain_quantity,
)
from jinsha_desktop.domain.repairs import CENTS, OPEN_STATUSES, PartKind
from jinsha_desktop.services.cleanups import CleanupFilter, cleanup_conditions
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.repair_lists import (
    CLOSED,
    OPEN,
    OrderFilter,
    order_conditions,
    overdue_before,
    seconds_between,
)
from jinsha_desktop.services.repair_settings import repair_settings_in


@dataclass(frozen=True)
class DrillDown:
    """The orders (or clean-ups) behind one figure: a Qt-free filter the lists can apply."""

    figure: Figure
    since: date
    until: date
    unit_id: uuid.UUID | None = None
    compound_id: uuid.UUID | None = None
    building_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None
    without_campaign: bool = False
    without_building: bool = False
    part_kind: str | None = None
    category_id: uuid.UUID | None = None
    overdue_at: datetime | None = None
    """An open order reported at or before this moment is overdue (repair_lists.overdue_before)."""
    title: str = ""
    """What the figure is, e.g. 幸福小区 · 灯泡."""

    @property
    def of_cleanups(self) -> bool:
        return self.figure is Figure.CLEANUPS

    def order_filter(self) -> OrderFilter:
        """The orders list's filter that shows exactly the orders the figure counts."""
        figure = self.figure
        return OrderFilter(
            since=self.since,
            until=self.until,
            unit_id=self.unit_id,
            compound_id=self.compound_id,
            building_id=self.building_id,
            campaign_id=self.campaign_id,
            status={Figure.OPEN: OPEN, Figure.CLOSED: CLOSED}.get(figure, ""),
            overdue_only=figure is Figure.OVERDUE,
            repaired_only=figure is Figure.REPAIRED,
            part_kind=(self.part_kind or "") if figure is Figure.PARTS else "",
            without_campaign=self.without_campaign,
            without_building=self.without_building,
        )

    def cleanup_filter(self) -> CleanupFilter:
        """The clean-ups list's filter that shows exactly the clean-ups the figure counts."""
        return CleanupFilter(
            since=self.since,
            until=self.until,
            unit_id=self.unit_id,
            compound_id=self.compound_id,
            building_id=self.building_id,
            campaign_id=self.campaign_id,
            category_id=self.category_id,
            without_campaign=self.without_campaign,
            without_building=self.without_building,
        )

    def order_conditions(self) -> list[ColumnElement[bool]]:
        """WHERE conditions on RepairOrder selecting exactly the orders the figure counts:
        the orders list's own (services/repair_lists.py), so a drill-down shows what it counts."""
        return order_conditions(self.order_filter(), self.overdue_at or datetime.min)

    def cleanup_conditions(self) -> list[ColumnElement[bool]]:
        """WHERE conditions on Cleanup selecting exactly the clean-ups the figure counts: the
        clean-ups list's own (services/cleanups.py), on the clean-up table alone."""
        return cleanup_conditions(self.cleanup_filter())


@dataclass(frozen=True)
class TotalsTable:
    query: TotalsQuery
    columns: tuple[TotalsColumn, ...]
    rows: tuple[TotalsRow, ...]
    total: TotalsRow
    overdue_days: int
    overdue_at: datetime

    def value(self, row: TotalsRow, column: TotalsColumn) -> Any:
        figures = row.figures
        if column.part_kind is not None:
            return plain_quantity(figures.parts.get(column.part_kind, Decimal(0)))
        if column.category_id is not None:
            return figures.cleanups.get(column.category_id, 0)
        if column.key == "average_days":
            return figures.average_days
        return getattr(figures, column.key)

    def text(self, row: TotalsRow, column: TotalsColumn) -> str:
        value = self.value(row, column)
        if isinstance(value, Decimal) and column.kind is CellKind.DECIMAL:
            return f"{value:f}"
        return text_of(value, column.kind)

    def all_rows(self) -> Iterator[TotalsRow]:
        yield from self.rows
        yield self.total

    def drill_down(self, row: TotalsRow, column: TotalsColumn) -> DrillDown:
        """The filter of the orders or clean-ups behind `row`'s figure in `column`."""
        query = self.query
        place: dict[str, Any] = {
            "unit_id": query.unit_id,
            "compound_id": query.compound_id,
            "campaign_id": query.campaign_id,
        }
        if query.by is GroupBy.BUILDING and not row.is_total:
            place["compound_id"], place["building_id"] = row.key
            place["without_building"] = row.key[1] is None
        elif query.by is GroupBy.CAMPAIGN and not row.is_total:
            place["campaign_id"] = row.key[0]
            place["without_campaign"] = row.key[0] is None
        elif not row.is_total:
            place[f"{query.by.value}_id"] = row.key[0]
        return DrillDown(
            column.figure,
            query.since,
            query.until,
            **place,
            part_kind=column.part_kind,
            category_id=column.category_id,
            overdue_at=self.overdue_at,
            title=f"{row.label} · {column.header}",
        )


def totals(context: AppContext, query: TotalsQuery) -> TotalsTable:
    """The totals table of `query` (VIEW_REPAIRS)."""
    context.require(Permission.VIEW_REPAIRS)
    query = query.checked()
    now = context.clock.now()
    with context.reading() as session:
        settings = repair_settings_in(session)
        overdue_at = overdue_before(now, settings.overdue_days)
        groups = group_figures(session, query, overdue_at)
        categories = session.execute(
            select(CleanupCategory.id, CleanupCategory.name, CleanupCategory.deleted_at).order_by(
                CleanupCategory.sort_order, CleanupCategory.name
            )
        ).all()
        names = _Names(session, query.by, set(groups))
    rows = names.rows(query.by, groups)
    total = Figures()
    for row in rows:
        total.add(row.figures)
    used = set(total.cleanups)
    columns = [TotalsColumn(*spec) for spec in ORDER_COLUMNS]
    columns += [
        TotalsColumn(
            f"part:{kind.value}", _part_header(kind), CellKind.DECIMAL, Figure.PARTS, kind.value
        )
        for kind in PartKind
    ]
    columns += [
        TotalsColumn(f"cleanup:{cid}", name, CellKind.INTEGER, Figure.CLEANUPS, category_id=cid)
        for cid, name, deleted_at in categories
        if deleted_at is None or cid in used
    ]
    return TotalsTable(
        query,
        tuple(columns),
        tuple(rows),
        TotalsRow((), TOTAL_LABEL, "", total, is_total=True),
        settings.overdue_days,
        overdue_at,
    )


def group_figures(
    session: Session, query: TotalsQuery, overdue_at: datetime
) -> dict[GroupKey, Figures]:
    """The sums per group (a community/village: per compound, added up by the caller). Two
    grouped queries, each reading one covering index (ix_repair_order_compound,
    ix_cleanup_compound); no record is loaded. Every grain groups by compound first, the way
    those indexes are ordered (a campaign's sums are added up here from its compounds')."""
    place = DrillDown(
        Figure.ORDERS, query.since, query.until, **_filters(query), overdue_at=overdue_at
    )
    width = 1 if query.by in (GroupBy.COMPOUND, GroupBy.UNIT) else 2
    groups: dict[GroupKey, Figures] = {}

    def of(values: Any) -> Figures:
        key = (values[1],) if query.by is GroupBy.CAMPAIGN else tuple(values[:width])
        return groups.setdefault(key, Figures())

    keys = _grain_columns(RepairOrder, query.by)
    is_open = RepairOrder.status.in_(OPEN_STATUSES)
    repaired = RepairOrder.repaired_at.is_not(None)
    days = seconds_between(RepairOrder.reported_at, RepairOrder.repaired_at) / 86400.0
    kinds = [kind.value for kind in PartKind]
    orders = session.execute(
        select(
            *keys,
            func.count(),
            func.sum(case((is_open, 1), else_=0)),
            # Overdue as the orders list counts it (OrderFilter.overdue_only).
            func.sum(case((and_(is_open, RepairOrder.reported_at <= overdue_at), 1), else_=0)),
            func.sum(case((repaired, 1), else_=0)),
            func.sum(case((repaired, days), else_=None)),
            func.sum(RepairOrder.labour_cost + RepairOrder.parts_cost),
            *(func.sum(getattr(RepairOrder, f"parts_{kind}")) for kind in kinds),
        )
        .where(*place.order_conditions())
        .group_by(*keys)
    )
    for values in orders:
        count, opened, overdue, fixed, repair_days, cost, *quantities = values[width:]
        figures = of(values)
        figures.orders += int(count)
        figures.open += int(opened or 0)
        figures.closed = figures.orders - figures.open
        figures.overdue += int(overdue or 0)
        figures.repaired += int(fixed or 0)
        figures.repair_days += float(repair_days or 0)
        figures.cost += _cents(cost)
        for kind, quantity in zip(kinds, quantities, strict=True):
            if quantity:
                figures.parts[kind] = figures.parts.get(kind, Decimal(0)) + _cents(quantity)
    cleanup_keys = _grain_columns(Cleanup, query.by)
    cleanups = session.execute(
        select(*cleanup_keys, Cleanup.category_id, func.sum(Cleanup.count))
        .where(*place.cleanup_conditions())
        .group_by(*cleanup_keys, Cleanup.category_id)
    )
    for values in cleanups:
        category, count = values[width:]
        counts = of(values).cleanups
        counts[category] = counts.get(category, 0) + int(count or 0)
    return groups


def _filters(query: TotalsQuery) -> dict[str, Any]:
    return {
        "unit_id": query.unit_id,
        "compound_id": query.compound_id,
        "campaign_id": query.campaign_id,
    }


def _grain_columns(table: type[RepairOrder] | type[Cleanup], by: GroupBy) -> tuple[Any, ...]:
    return {
        GroupBy.BUILDING: (table.compound_id, table.building_id),
        GroupBy.COMPOUND: (table.compound_id,),
        GroupBy.UNIT: (table.compound_id,),
        GroupBy.CAMPAIGN: (table.compound_id, table.campaign_id),
    }[by]


def _part_header(kind: PartKind) -> str:
    """灯泡, 开关…; wire is counted in metres: 电线（米）."""
    return "电线（米）" if kind is PartKind.WIRE else kind.label


def _cents(value: Any) -> Decimal:
    """A sum of two-decimal amounts, to the cent. SQLite sums its NUMERIC columns as binary
    floats; up to a million amounts under ten million yuan the error stays below half a cent
    (n × total × 2⁻⁵³ < 0.002), and the true sum is a whole number of cents, so rounding gives
    it back exactly. PostgreSQL sums them exactly."""
    if value is None:
        return Decimal("0.00")
    return Decimal(str(value)).quantize(CENTS)


class _Names:
    """The names of the groups found, and the order their rows come in."""

    def __init__(self, session: Session, by: GroupBy, keys: Iterable[GroupKey]) -> None:
        self.units = {
            uid: (name, order)
            for uid, name, order in session.execute(select(Unit.id, Unit.name, Unit.sort_order))
        }
        self.compounds = {
            cid: (name, unit_id)
            for cid, name, unit_id in session.execute(
                select(Compound.id, Compound.name, Compound.unit_id)
            )
        }
        wanted = [key[-1] for key in keys if key[-1] is not None]
        self.buildings: dict[uuid.UUID, tuple[str, uuid.UUID]] = {}
        self.campaigns: dict[uuid.UUID, tuple[str, date]] = {}
        if by is GroupBy.BUILDING and wanted:
            self.buildings = {
                bid: (name, cid)
                for bid, name, cid in session.execute(
                    select(Building.id, Building.name, Building.compound_id).where(
                        Building.id.in_(wanted)
                    )
                )
            }
        if by is GroupBy.CAMPAIGN and wanted:
            self.campaigns = {
                cid: (name, start)
                for cid, name, start in session.execute(
                    select(SurveyCampaign.id, SurveyCampaign.name, SurveyCampaign.start_date).where(
                        SurveyCampaign.id.in_(wanted)
                    )
                )
            }

    def _unit(self, unit_id: uuid.UUID | None) -> tuple[int, str]:
        name, order = self.units.get(unit_id, ("", 10**6)) if unit_id else ("", 10**6)
        return order, name

    def _compound(self, compound_id: uuid.UUID | None) -> tuple[tuple[int, str], str]:
        name, unit_id = self.compounds.get(compound_id, ("", None)) if compound_id else ("", None)
        return self._unit(unit_id), name

    def rows(self, by: GroupBy, groups: dict[GroupKey, Figures]) -> list[TotalsRow]:
        keyed: list[tuple[Any, TotalsRow]] = []
        if by is GroupBy.UNIT:
            per_unit: dict[uuid.UUID | None, Figures] = {}
            for (compound_id,), figures in groups.items():
                unit_id = self.compounds.get(compound_id, ("", None))[1] if compound_id else None
                per_unit.setdefault(unit_id, Figures()).add(figures)
            for unit_id, figures in per_unit.items():
                order, name = self._unit(unit_id)
                keyed.append(((order, name), TotalsRow((unit_id,), name, "", figures)))
        elif by is GroupBy.COMPOUND:
            for key, figures in groups.items():
                (order, unit), name = self._compound(key[0])
                keyed.append(((order, unit, name), TotalsRow(key, name, unit, figures)))
        elif by is GroupBy.BUILDING:
            for key, figures in groups.items():
                compound_id, building_id = key
                name = self.buildings[building_id][0] if building_id else WHOLE_COMPOUND
                (order, unit), compound = self._compound(compound_id)
                sort = (order, unit, compound, building_id is None, len(name), name)
                parent = f"{unit} {compound}".strip()
                keyed.append((sort, TotalsRow(key, name, parent, figures)))
        else:
            for key, figures in groups.items():
                name, start = (
                    self.campaigns.get(key[0], (NO_CAMPAIGN, date.max))
                    if key[0]
                    else (
                        NO_CAMPAIGN,
                        date.max,
                    )
                )
                start_text = "" if start == date.max else start.isoformat()
                keyed.append(((start, name), TotalsRow(key, name, start_text, figures)))
        keyed.sort(key=lambda pair: pair[0])
        return [row for _sort, row in keyed]
