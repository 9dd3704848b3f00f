"""The parts catalogue and the clean-up categories: edited by the administrator, read by
everyone who logs repairs; a price change never alters the part lines already written."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from jinsha_desktop.db.repair_models import Part, RepairOrder, RepairPart
from jinsha_desktop.domain.errors import FormErrors, PermissionDenied, ValidationError
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.reference import CompoundInput
from jinsha_desktop.domain.repair_catalogue import CleanupCategoryInput, PartInput
from jinsha_desktop.domain.repairs import (
    DEFAULT_CLEANUP_CATEGORIES,
    DEFAULT_PARTS,
    OrderInput,
    PartKind,
    PlaceInput,
)
from jinsha_desktop.services import reference, repair_orders
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.repair_catalogue import (
    delete_cleanup_category,
    delete_part,
    list_cleanup_categories,
    list_parts,
    save_cleanup_category,
    save_part,
)
from tests.unit.support import logged_in_as


def test_the_catalogue_is_seeded_in_its_order(admin: AppContext):
    assert [(p.name, p.kind, p.unit, p.unit_price) for p in list_parts(admin)] == [
        (name, kind, unit, price) for name, kind, unit, price in DEFAULT_PARTS
    ]
    assert [(c.name, c.unit) for c in list_cleanup_categories(admin)] == list(
        DEFAULT_CLEANUP_CATEGORIES
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (PartInput("", PartKind.BULB, "个", "8"), "name", "请填写配件名称。"),
        (PartInput("灯泡", "lamp", "个", "8"), "kind", "请选择配件类别"),
        (PartInput("灯泡", PartKind.BULB, "", "8"), "unit", "请填写单位。"),
        (PartInput("灯泡", PartKind.BULB, "个", "-1"), "unit_price", "单价不能是负数。"),
        (PartInput("灯泡", PartKind.BULB, "个", "八元"), "unit_price", "单价应为金额"),
        (PartInput("灯泡", PartKind.BULB, "个", "1.234"), "unit_price", "单价最多两位小数"),
        (PartInput("灯" * 31, PartKind.BULB, "个", "8"), "name", "配件名称不能超过 30 个字"),
    ],
    ids=[
        "no-name",
        "unknown-kind",
        "no-unit",
        "negative-price",
        "price-in-words",
        "fraction",
        "long",
    ],
)
def test_a_bad_part_is_refused(admin: AppContext, data: PartInput, field: str, message: str):
    with pytest.raises(FormErrors) as raised:
        save_part(admin, data)

    [error] = raised.value.errors
    assert error.field == field and error.message.startswith(message)
    assert len(list_parts(admin)) == len(DEFAULT_PARTS)


def test_a_part_is_added_changed_and_deleted(admin: AppContext):
    part_id = save_part(admin, PartInput(" 防水灯座 ", PartKind.OTHER, "个", "6.5", "楼道外"))
    [row] = [p for p in list_parts(admin) if p.id == part_id]
    assert (row.name, row.kind_label, row.unit_price, row.note) == (
        "防水灯座",
        "其他",
        Decimal("6.50"),
        "楼道外",
    )

    save_part(admin, PartInput("防水灯座", PartKind.OTHER, "套", "7"), part_id, row.version)
    [row] = [p for p in list_parts(admin) if p.id == part_id]
    assert (row.unit, row.unit_price) == ("套", Decimal("7.00"))

    with pytest.raises(ValidationError, match="已经有名为“防水灯座”的配件了"):
        save_part(admin, PartInput("防水灯座", PartKind.BULB, "个", "1"))
    delete_part(admin, part_id, row.version)
    assert part_id not in {p.id for p in list_parts(admin)}
    save_part(admin, PartInput("防水灯座", PartKind.BULB, "个", "1"))  # the name is free again


def test_a_category_is_added_renamed_and_deleted(admin: AppContext):
    category_id = save_cleanup_category(admin, CleanupCategoryInput("小广告清理", "处"))
    [row] = [c for c in list_cleanup_categories(admin) if c.id == category_id]
    save_cleanup_category(admin, CleanupCategoryInput("小广告", "张"), category_id, row.version)
    [row] = [c for c in list_cleanup_categories(admin) if c.id == category_id]
    assert (row.name, row.unit) == ("小广告", "张")

    with pytest.raises(ValidationError, match="已经有名为“乱堆乱放”的整治类别了"):
        save_cleanup_category(admin, CleanupCategoryInput("乱堆乱放", "处"))
    with pytest.raises(FormErrors, match="请填写单位"):
        save_cleanup_category(admin, CleanupCategoryInput("乱贴乱画", " "))
    delete_cleanup_category(admin, category_id, row.version)
    assert category_id not in {c.id for c in list_cleanup_categories(admin)}


def test_property_staff_read_the_catalogue_but_only_the_administrator_edits_it(
    admin: AppContext,
):
    staff = logged_in_as(admin, "wuguan", Role.PROPERTY)

    assert len(list_parts(staff)) == len(DEFAULT_PARTS)
    assert len(list_cleanup_categories(staff)) == len(DEFAULT_CLEANUP_CATEGORIES)
    with pytest.raises(PermissionDenied):
        save_part(staff, PartInput("灯泡", PartKind.BULB, "个", "1"))
    with pytest.raises(PermissionDenied):
        save_cleanup_category(staff, CleanupCategoryInput("小广告", "处"))
    with pytest.raises(PermissionDenied):
        delete_part(staff, list_parts(staff)[0].id)


def test_a_price_change_never_alters_the_part_lines_already_written(admin: AppContext):
    check_a_price_change_never_alters_the_part_lines_already_written(admin)


def check_a_price_change_never_alters_the_part_lines_already_written(admin: AppContext) -> None:
    unit = reference.list_units(admin)[0]
    compound = reference.save_compound(admin, unit.id, CompoundInput("北山新村"))
    reported = admin.clock.now() - timedelta(days=1)
    order_id = repair_orders.report_order(
        admin, OrderInput(PlaceInput(compound), "楼道灯不亮", reported)
    )
    bulb = next(p for p in list_parts(admin) if p.kind is PartKind.BULB)
    repair_orders.add_part(admin, order_id, bulb.id, 3)

    save_part(admin, PartInput(bulb.name, bulb.kind, bulb.unit, "9.80"), bulb.id, bulb.version)

    with admin.reading() as session:
        [line] = session.scalars(select(RepairPart).where(RepairPart.order_id == order_id))
        order = session.get(RepairOrder, order_id)
        part = session.get(Part, bulb.id)
        assert (line.unit_price, line.quantity) == (Decimal("8.00"), Decimal("3"))
        assert order is not None and order.parts_cost == Decimal("24.00")
        assert part is not None and part.unit_price == Decimal("9.80")
    repair_orders.add_part(admin, order_id, bulb.id, 1)  # a new line takes the new price
    with admin.reading() as session:
        prices = session.scalars(
            select(RepairPart.unit_price)
            .where(RepairPart.order_id == order_id)
            .order_by(RepairPart.unit_price)
        ).all()
        assert prices == [Decimal("8.00"), Decimal("9.80")]


def test_a_stale_edit_of_a_part_is_refused(admin: AppContext):
    bulb = list_parts(admin)[0]
    save_part(admin, PartInput(bulb.name, bulb.kind, bulb.unit, "8.5"), bulb.id, bulb.version)

    with pytest.raises(Exception, match="刚被别人修改过"):
        save_part(admin, PartInput(bulb.name, bulb.kind, bulb.unit, "9"), bulb.id, bulb.version)
