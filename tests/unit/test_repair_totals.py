"""Totals of the old-compound module: equal to figures worked out by hand from generated data, at
every grain; soft-deleted records out but kept; part lines cost what they cost then; drill-down
filters select exactly the records behind a figure."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from jinsha_desktop.db.repair_models import PART_KIND_COLUMNS, Part, RepairOrder
from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.repair_totals import Figure, GroupBy, TotalsQuery
from jinsha_desktop.domain.repairs import DEFAULT_PARTS, OrderInput, PartKind, PlaceInput, seed_id
from jinsha_desktop.services import repair_orders
from jinsha_desktop.services.cleanups import iter_cleanups
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.repair_lists import count_orders, iter_orders
from jinsha_desktop.services.repair_settings import RepairSettings, save_repair_settings
from jinsha_desktop.services.repair_totals import TotalsTable, totals
from tests.unit.repair_totals_data import SINCE, UNTIL, Generated, expected, generate
from tests.unit.support import a_compound


@pytest.fixture
def made(admin: AppContext) -> Generated:
    return generate(admin)


def _figures(table: TotalsTable) -> dict[tuple[Any, ...], dict[str, Any]]:
    found = {}
    for row in table.rows:
        figures = row.figures
        found[row.key] = {
            "orders": figures.orders,
            "open": figures.open,
            "closed": figures.closed,
            "overdue": figures.overdue,
            "repaired": figures.repaired,
            "days": pytest.approx(figures.repair_days, abs=1e-6),
            "cost": figures.cost,
            "parts": {kind: q for kind, q in figures.parts.items() if q},
            "cleanups": figures.cleanups,
        }
    return found


def check_totals(context: AppContext, made: Generated, by: GroupBy, overdue_days: int = 7) -> None:
    table = totals(context, TotalsQuery(SINCE, UNTIL, by))
    want = expected(made, by.value, context.clock.now(), overdue_days)
    assert _figures(table) == {
        key: {**figures, "days": pytest.approx(figures["days"], abs=1e-6)}
        for key, figures in want.items()
    }
    total = table.total.figures
    assert total.orders == sum(f["orders"] for f in want.values())
    assert total.overdue == sum(f["overdue"] for f in want.values())
    assert total.cost == sum(f["cost"] for f in want.values())
    repaired = sum(f["repaired"] for f in want.values())
    days = sum(f["days"] for f in want.values())
    assert total.average_days == Decimal(days / repaired).quantize(Decimal("0.1"))


@pytest.mark.parametrize("by", list(GroupBy), ids=lambda by: by.value)
def test_totals_equal_the_figures_worked_out_by_hand(admin, made, by) -> None:
    assert len(made.orders) == 160 and any(order.deleted for order in made.orders)
    check_totals(admin, made, by)


def test_the_overdue_days_come_from_the_settings(admin, made) -> None:
    save_repair_settings(admin, RepairSettings(overdue_days=30))
    check_totals(admin, made, GroupBy.COMPOUND, overdue_days=30)
    assert totals(admin, TotalsQuery(SINCE, UNTIL)).overdue_days == 30


def test_a_soft_deleted_order_is_left_out_but_kept(admin, made) -> None:
    before = totals(admin, TotalsQuery(SINCE, UNTIL)).total.figures
    order = next(o for o in made.orders if not o.deleted and SINCE <= o.reported_at.date() <= UNTIL)
    with admin.uow() as session:
        row = session.get(RepairOrder, order.id)
        assert row is not None
        row.deleted_at = admin.clock.now()
        row.delete_reason = "重复报修"
    order.deleted = True
    after = totals(admin, TotalsQuery(SINCE, UNTIL)).total.figures
    assert after.orders == before.orders - 1
    check_totals(admin, made, GroupBy.COMPOUND)
    with admin.reading() as session:
        assert session.get(RepairOrder, order.id) is not None  # still there


def test_orders_through_the_service_cost_their_parts_at_the_price_of_the_day(admin) -> None:
    compound_id, buildings = a_compound(admin, "价格小区")
    now = admin.clock.now()
    order = OrderInput(PlaceInput(compound_id, buildings[0]), "楼道灯不亮", now - timedelta(days=3))
    order_id = repair_orders.report_order(admin, order)
    bulb = seed_id("part", "LED 灯泡")
    repair_orders.add_part(admin, order_id, bulb, "3")  # 8.00 each
    with admin.uow() as session:
        part = session.get(Part, bulb)
        assert part is not None
        part.unit_price = Decimal("80.00")
    repair_orders.add_part(admin, order_id, bulb, "2")  # 80.00 each from now on
    wire = repair_orders.add_part(admin, order_id, seed_id("part", "电线"), "2.5")
    repair_orders.remove_part(admin, wire)  # a removed line counts no more
    other = repair_orders.report_order(admin, order)
    repair_orders.add_part(admin, other, bulb, "1")
    repair_orders.delete_order(admin, other, "重复报修")
    day = now.astimezone().date()
    table = totals(admin, TotalsQuery(day - timedelta(days=7), day, compound_id=compound_id))
    figures = table.total.figures
    assert (figures.orders, figures.open, figures.overdue) == (1, 1, 0)
    assert figures.cost == Decimal("184.00")
    assert figures.parts == {"bulb": Decimal("5.00")}
    assert figures.cost == repair_orders.order_detail(admin, order_id).cost


def test_every_part_kind_has_its_quantity_on_the_order() -> None:
    assert {f"parts_{kind.value}" for kind in PartKind} == set(PART_KIND_COLUMNS)
    assert all(hasattr(RepairOrder, column) for column in PART_KIND_COLUMNS)


def test_filters_narrow_the_figures_to_a_community_compound_or_campaign(admin, made) -> None:
    compound_id, unit_id = next(iter(made.compounds.items()))
    campaign_id = made.campaigns[0]
    by_compound = expected(made, "compound", admin.clock.now())
    table = totals(admin, TotalsQuery(SINCE, UNTIL, compound_id=compound_id))
    assert [row.key for row in table.rows] == [(compound_id,)]
    assert table.total.figures.orders == by_compound[(compound_id,)]["orders"]
    table = totals(admin, TotalsQuery(SINCE, UNTIL, by=GroupBy.COMPOUND, unit_id=unit_id))
    assert {row.key for row in table.rows} == {
        (c,) for c, u in made.compounds.items() if u == unit_id
    }
    table = totals(admin, TotalsQuery(SINCE, UNTIL, by=GroupBy.CAMPAIGN, campaign_id=campaign_id))
    by_campaign = expected(made, "campaign", admin.clock.now())
    assert [row.key for row in table.rows] == [(campaign_id,)]
    assert table.total.figures.cleanups == by_campaign[(campaign_id,)]["cleanups"]


@pytest.mark.parametrize("by", list(GroupBy), ids=lambda by: by.value)
def test_a_drill_down_lists_exactly_the_records_behind_the_figure(admin, made, by) -> None:
    """The orders and clean-ups lists, given a figure's filter, show what the figure counts."""
    table = totals(admin, TotalsQuery(SINCE, UNTIL, by))
    for row in [*table.rows, table.total]:
        for column in table.columns:
            drill = table.drill_down(row, column)
            value = table.value(row, column)
            if drill.figure is Figure.CLEANUPS:
                listed = iter_cleanups(admin, drill.cleanup_filter())
                assert sum(r.count for r in listed) == value, drill.title
            elif column.figure is Figure.PARTS:
                orders = list(iter_orders(admin, drill.order_filter()))
                assert bool(orders) == bool(value), drill.title
                names = [name for name, kind, *_ in DEFAULT_PARTS if kind == column.part_kind]
                assert all(any(n in o.parts for n in names) for o in orders), drill.title
            elif column.key == "cost":
                listed = iter_orders(admin, drill.order_filter())
                assert sum(o.cost for o in listed) == value, drill.title
            elif column.key != "average_days":
                assert count_orders(admin, drill.order_filter()) == value, drill.title


def test_the_table_reads_its_figures_as_text(admin, made) -> None:
    table = totals(admin, TotalsQuery(SINCE, UNTIL, GroupBy.UNIT))
    headers = [column.header for column in table.columns]
    assert headers[:4] == ["报修单数", "未办结", "超期", "已办结"]
    assert headers[4:7] == ["已修复", "平均修复天数", "费用（元）"]
    assert {"灯泡", "开关", "均分器", "电线（米）", "乱堆乱放", "停车位施划"} <= set(headers)
    cost = next(c for c in table.columns if c.key == "cost")
    assert table.text(table.total, cost) == f"{table.total.figures.cost:.2f}"
    wire = next(c for c in table.columns if c.part_kind == "wire")
    assert "E" not in table.text(table.total, wire)
    assert table.total.label == "金沙街道合计"
    category = seed_id("cleanup_category", "乱堆乱放")
    assert any(c.category_id == category for c in table.columns)


def test_a_period_ending_before_it_starts_is_refused(admin) -> None:
    with pytest.raises(ValidationError, match="结束日期不能早于开始日期"):
        totals(admin, TotalsQuery(date(2026, 11, 2), date(2026, 11, 1)))


def test_an_empty_period_gives_an_empty_table_with_a_zero_total(admin, made) -> None:
    table = totals(admin, TotalsQuery(UNTIL + timedelta(days=30), UNTIL + timedelta(days=40)))
    assert table.rows == () and table.total.figures.orders == 0
    assert table.total.figures.average_days is None
