"""The repair orders list (services/repair_lists.py) on a real SQLite file, with orders made by
the repair orders service: filters, sorts, keyset paging, the overdue flag, masked phones, parts
summed per page, the Excel export, and no query per row."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from jinsha_desktop.db.repair_models import Part
from jinsha_desktop.domain.errors import PermissionDenied
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.repair_kinds import REPAIR_ORDER
from jinsha_desktop.domain.repairs import EventKind, OrderInput, OrderSource, PlaceInput
from jinsha_desktop.reports.exports import export_repair_orders
from jinsha_desktop.services import repair_orders
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.repair_lists import (
    CLOSED,
    OPEN,
    SORT_KEYS,
    OrderFilter,
    OrderRow,
    OrderSort,
    count_orders,
    iter_orders,
    orders_page,
)
from jinsha_desktop.services.repair_settings import RepairSettings, save_repair_settings
from tests.unit.support import a_compound, audit_entries, logged_in_as, selects_sent

K = EventKind


def part_id(context: AppContext, name: str = "LED 灯泡") -> uuid.UUID:
    with context.reading() as session:
        found = session.scalar(select(Part.id).where(Part.name == name))
    assert found is not None
    return found


def report(
    context: AppContext,
    place: PlaceInput,
    days_ago: float,
    problem: str = "楼道灯不亮",
    **fields: object,
) -> uuid.UUID:
    order = OrderInput(
        place,
        problem,
        context.clock.now() - timedelta(days=days_ago),
        reporter_name=str(fields.pop("reporter_name", "王阿姨")),
        reporter_phone=str(fields.pop("reporter_phone", "13812345678")),
        **fields,  # type: ignore[arg-type]
    )
    return repair_orders.report_order(context, order)


@dataclass
class Orders:
    """Two compounds in two communities; orders in every state, some overdue."""

    north: uuid.UUID
    east: uuid.UUID
    buildings: list[uuid.UUID]
    fresh: uuid.UUID  # reported 1 day ago, open
    late: uuid.UUID  # reported 10 days ago, assigned: overdue by 3 days at 7
    checked: uuid.UUID  # reported 20 days ago, checked after 5 days, with parts
    rejected: uuid.UUID  # reported 3 days ago, rejected
    east_order: uuid.UUID  # another compound, reported 2 days ago by a survey


def make_orders(admin: AppContext) -> Orders:
    north, buildings = a_compound(admin, "北山新村")
    east, east_buildings = a_compound(admin, "城东小区", unit_index=1)
    place = PlaceInput(north, buildings[0], unit_no=2, floor=5)
    now = admin.clock.now()
    fresh = report(admin, place, 1, "3单元楼道灯闪烁", reporter_name="李大爷")
    late = report(admin, PlaceInput(north, buildings[1]), 10, "声控开关坏了")
    repair_orders.take_step(admin, late, K.ASSIGN, now - timedelta(days=9), assignee="张师傅")
    checked = report(admin, PlaceInput(north), 20, "路灯不亮")
    repair_orders.take_step(admin, checked, K.ASSIGN, now - timedelta(days=19), assignee="张师傅")
    repair_orders.add_part(admin, checked, part_id(admin), "3")
    repair_orders.add_part(admin, checked, part_id(admin), "1")
    repair_orders.add_part(admin, checked, part_id(admin, "电线"), "2.5")
    repair_orders.take_step(admin, checked, K.REPAIR, now - timedelta(days=16))
    repair_orders.take_step(admin, checked, K.CHECK, now - timedelta(days=15))
    rejected = report(admin, place, 3, "不是公共设施")
    repair_orders.take_step(admin, rejected, K.REJECT, now - timedelta(days=2), note="私人住户")
    east_order = report(
        admin, PlaceInput(east, east_buildings[0]), 2, "均分器烧了", source=OrderSource.SURVEY
    )
    return Orders(north, east, buildings, fresh, late, checked, rejected, east_order)


@pytest.fixture
def orders(admin: AppContext) -> Orders:
    return make_orders(admin)


def ids(rows: list[OrderRow]) -> list[uuid.UUID]:
    return [row.id for row in rows]


def test_newest_first_with_the_declared_keys(admin: AppContext, orders: Orders):
    rows = orders_page(admin, OrderFilter())

    assert ids(rows) == [
        orders.fresh,
        orders.east_order,
        orders.rejected,
        orders.late,
        orders.checked,
    ]
    for field in REPAIR_ORDER.fields:
        assert hasattr(rows[0], field.key), field.key
    first = rows[0]
    assert first.compound_name == "北山新村" and first.place == "1幢2单元5层"
    assert first.reporter_name == "李大爷" and first.status == "reported"


def test_a_checked_orders_parts_are_summed_by_part_and_its_cost_kept(
    admin: AppContext, orders: Orders
):
    row = next(r for r in orders_page(admin, OrderFilter()) if r.id == orders.checked)

    assert row.parts == "LED 灯泡 4个、电线 2.5米"
    assert row.cost == Decimal("8.00") * 4 + Decimal("2.50") * Decimal("2.5")
    assert row.days_open == 5  # reported to checked, not to today
    assert row.overdue == 0
    assert row.place == ""  # the compound as a whole


def test_an_order_open_longer_than_the_setting_is_overdue_and_listed(
    admin: AppContext, orders: Orders
):
    rows = {row.id: row for row in orders_page(admin, OrderFilter())}
    assert rows[orders.late].days_open == 10 and rows[orders.late].overdue == 3
    assert REPAIR_ORDER.field("overdue").text(rows[orders.late]) == "超期 3 天"
    assert REPAIR_ORDER.field("overdue").text(rows[orders.fresh]) == ""

    assert ids(orders_page(admin, OrderFilter(overdue_only=True))) == [orders.late]

    save_repair_settings(admin, RepairSettings(overdue_days=1))
    overdue = orders_page(admin, OrderFilter(overdue_only=True))
    assert ids(overdue) == [orders.east_order, orders.late]  # rejected: closed, not overdue
    assert [row.overdue for row in overdue] == [1, 9]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (OrderFilter(status=OPEN), ["fresh", "east_order", "late"]),
        (OrderFilter(status=CLOSED), ["rejected", "checked"]),
        (OrderFilter(status="assigned"), ["late"]),
        (OrderFilter(source="survey"), ["east_order"]),
        (OrderFilter(text="楼道灯"), ["fresh"]),  # words of the problem
        (OrderFilter(text="李大"), ["fresh"]),  # the reporter's name, from its start
        (OrderFilter(text="声控"), ["late"]),
        (OrderFilter(text="100%"), []),  # LIKE's wildcards are plain characters
    ],
    ids=["open", "closed", "one status", "source", "problem", "reporter", "words", "wildcard"],
)
def test_filters_and_search(admin: AppContext, orders: Orders, flt: OrderFilter, expected):
    assert ids(orders_page(admin, flt)) == [getattr(orders, name) for name in expected]


def test_filters_by_place_campaign_and_period(admin: AppContext, orders: Orders):
    today = admin.clock.now().astimezone().date()

    assert ids(orders_page(admin, OrderFilter(compound_id=orders.east))) == [orders.east_order]
    unit_of_east = count_orders(admin, OrderFilter(compound_id=orders.east))
    assert unit_of_east == 1
    by_building = orders_page(admin, OrderFilter(building_id=orders.buildings[1]))
    assert ids(by_building) == [orders.late]
    recent = OrderFilter(since=today - timedelta(days=3), until=today)
    assert ids(orders_page(admin, recent)) == [orders.fresh, orders.east_order, orders.rejected]
    assert count_orders(admin, recent) == 3


def test_community_filter(admin: AppContext, orders: Orders):
    from jinsha_desktop.services import reference

    units = reference.list_units(admin)
    assert ids(orders_page(admin, OrderFilter(unit_id=units[1].id))) == [orders.east_order]
    assert len(orders_page(admin, OrderFilter(unit_id=units[0].id))) == 4


def test_search_by_number_or_its_sequence(admin: AppContext, orders: Orders):
    number = orders_page(admin, OrderFilter(status="checked"))[0].number

    assert ids(orders_page(admin, OrderFilter(text=number.lower()))) == [orders.checked]
    assert ids(orders_page(admin, OrderFilter(text=number[-6:]))) == [orders.checked]
    assert orders.checked in ids(orders_page(admin, OrderFilter(text=str(int(number[-6:])))))


@pytest.mark.parametrize("key", SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_every_sort_pages_through_every_order_once(
    admin: AppContext, orders: Orders, key: str, descending: bool
):
    for n in range(7):  # equal sort values, so that the id must break ties
        report(admin, PlaceInput(orders.north), 4, f"灯 {n}")
    sort = OrderSort(key, descending)
    whole = orders_page(admin, OrderFilter(), sort, limit=1000)
    now = admin.clock.now()

    paged: list[OrderRow] = []
    after = None
    while True:
        page = orders_page(admin, OrderFilter(), sort, after, limit=3, now=now)
        paged.extend(page)
        if len(page) < 3:
            break
        after = (page[-1].sort_value, page[-1].id)

    assert ids(paged) == ids(whole) and len(set(ids(paged))) == count_orders(admin, OrderFilter())


def test_sorts_mean_what_their_headers_say(admin: AppContext, orders: Orders):
    by_days = orders_page(admin, OrderFilter(), OrderSort("days_open", True))
    assert [row.days_open for row in by_days] == sorted(
        (r.days_open for r in by_days), reverse=True
    )
    assert by_days[0].id == orders.late  # 10 days open; the checked one took 5
    by_status = orders_page(admin, OrderFilter(), OrderSort("status", False))
    assert [row.status for row in by_status] == [
        "reported",
        "reported",
        "assigned",
        "checked",
        "rejected",
    ]
    by_compound = orders_page(admin, OrderFilter(), OrderSort("compound", False))
    assert by_compound[0].compound_name == "北山新村" and by_compound[-1].id == orders.east_order


def test_a_deleted_order_is_left_out_but_kept(admin: AppContext, orders: Orders):
    repair_orders.delete_order(admin, orders.fresh, "重复登记")

    assert orders.fresh not in ids(orders_page(admin, OrderFilter()))
    assert count_orders(admin, OrderFilter()) == 4


def test_phones_are_masked_unless_the_full_view_is_asked_and_audited(
    admin: AppContext, orders: Orders
):
    assert {row.reporter_phone for row in orders_page(admin, OrderFilter())} == {"138****5678"}
    assert not audit_entries(admin, action="view_full")

    rows = orders_page(admin, OrderFilter(), full=True)

    assert rows[0].reporter_phone == "13812345678"
    assert len(audit_entries(admin, action="view_full")) == 1


def test_property_staff_read_the_list_masked_and_cannot_ask_for_full_numbers(
    admin: AppContext, orders: Orders
):
    staff = logged_in_as(admin, "wuguan", Role.PROPERTY)

    assert len(orders_page(staff, OrderFilter())) == 5
    with pytest.raises(PermissionDenied):
        orders_page(staff, OrderFilter(), full=True)
    checkpoint = logged_in_as(admin, "kadian", Role.CHECKPOINT)
    with pytest.raises(PermissionDenied):
        orders_page(checkpoint, OrderFilter())


def test_a_page_costs_four_queries_whatever_its_size(admin: AppContext, orders: Orders):
    for n in range(30):
        order_id = report(admin, PlaceInput(orders.north, orders.buildings[2], 1, n % 6 + 1), 2)
        repair_orders.take_step(
            admin, order_id, K.ASSIGN, admin.clock.now() - timedelta(days=1), assignee="张师傅"
        )
        repair_orders.add_part(admin, order_id, part_id(admin), "1")
    with selects_sent(admin) as selects:
        rows = orders_page(admin, OrderFilter(), limit=100)

    assert len(rows) == 35 and sum(1 for row in rows if row.parts) == 31  # 30 + the checked
    assert len(selects) <= 4, selects  # setting, the page, its parts, its photos


def test_iter_orders_streams_the_filter_in_order(admin: AppContext, orders: Orders):
    rows = list(iter_orders(admin, OrderFilter(status=OPEN)))

    assert ids(rows) == [orders.late, orders.east_order, orders.fresh]  # oldest first
    assert rows[0].reporter_phone == "138****5678"
    assert rows[0].parts == ""


def test_the_export_writes_the_list_as_shown_masked(
    admin: AppContext, orders: Orders, tmp_path: Path
):
    path = tmp_path / "orders.xlsx"

    result = export_repair_orders(
        admin, OrderFilter(status=OPEN), OrderSort("reported_at", True), path
    )

    assert result.rows == 3
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    headers = [str(h) for h in values[0]]
    assert headers[:4] == ["单号", "报修时间", "状态", "超期"] and "超期" in headers
    body = [dict(zip(headers, row, strict=True)) for row in values[1:]]
    assert [row["问题"] for row in body] == ["3单元楼道灯闪烁", "均分器烧了", "声控开关坏了"]
    assert {row["联系电话"] for row in body} == {"138****5678"}
    assert body[2]["超期"] == "超期 3 天" and body[2]["状态"] == "已派单"
    assert audit_entries(admin, action="export")
