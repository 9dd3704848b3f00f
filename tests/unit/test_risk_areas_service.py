"""The risk-area list and the codes added by the administrator, as registration uses them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jinsha_desktop.domain.errors import FormErrors, PermissionDenied, ValidationError
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.risk import RiskAreaInput, RiskLevel
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.services import registration, risk_areas
from tests.unit.support import a_checkpoint, logged_in_as, resident_id


def visit(admin, checkpoint, *, origin="", route=(), sequence=123):
    return registration.register_visit(
        admin,
        VisitInput(
            document_number=resident_id(sequence=sequence),
            name="周超",
            origin=origin,
            route=route,
            checkpoint_id=checkpoint,
        ),
        confirm_duplicate=True,
    )


def test_only_areas_in_force_on_the_visit_date_flag_it(admin):
    today = registration.today_of(admin)
    risk_areas.save_risk_area(
        admin,
        RiskAreaInput(
            "上海市浦东新区", RiskLevel.MEDIUM, today - timedelta(days=3), today + timedelta(days=3)
        ),
    )
    risk_areas.save_risk_area(
        admin,
        RiskAreaInput(
            "湖北省武汉市", RiskLevel.HIGH, today - timedelta(days=30), today - timedelta(days=1)
        ),
    )
    checkpoint = a_checkpoint(admin)
    pudong = visit(admin, checkpoint, origin="上海市浦东新区")
    assert [f.code for f in pudong.flags] == ["medium"]
    assert pudong.suggested_monitoring_days == 7
    wuhan = visit(admin, checkpoint, route=("湖北省武汉市武昌区",), sequence=456)
    assert wuhan.flags == ()  # the notice for Wuhan ended yesterday
    assert [a.name for a in risk_areas.list_risk_areas(admin, in_force_on=today)] == [
        "上海市浦东新区"
    ]


def test_switched_off_risk_matching_flags_nothing(admin):
    from jinsha_desktop.services.registration_settings import (
        registration_settings,
        save_registration_settings,
    )

    today = registration.today_of(admin)
    risk_areas.save_risk_area(admin, RiskAreaInput("上海市浦东新区", RiskLevel.HIGH, today, None))
    settings = registration_settings(admin)
    settings.risk_areas = False
    save_registration_settings(admin, settings)
    assert visit(admin, a_checkpoint(admin), origin="上海市浦东新区").flags == ()


def test_an_area_needs_a_name_and_an_end_after_its_start(admin):
    today = registration.today_of(admin)
    with pytest.raises(FormErrors):
        risk_areas.save_risk_area(
            admin, RiskAreaInput("", RiskLevel.HIGH, today, today - timedelta(days=1))
        )
    assert risk_areas.list_risk_areas(admin) == []


def test_editing_and_deleting_an_area_is_versioned(admin):
    today = registration.today_of(admin)
    area_id = risk_areas.save_risk_area(admin, RiskAreaInput("南京市鼓楼区", "medium", today, None))
    [row] = risk_areas.list_risk_areas(admin)
    risk_areas.save_risk_area(
        admin, RiskAreaInput("南京市鼓楼区", "high", today, None), "升级", area_id, row.version
    )
    [row] = risk_areas.list_risk_areas(admin)
    assert (row.level, row.note) == (RiskLevel.HIGH, "升级")
    risk_areas.delete_risk_area(admin, area_id, row.version)
    assert risk_areas.list_risk_areas(admin) == []


def test_only_the_administrator_keeps_the_list(admin):
    volunteer = logged_in_as(admin, "chenjg", Role.CHECKPOINT)
    with pytest.raises(PermissionDenied):
        risk_areas.save_risk_area(
            volunteer, RiskAreaInput("x", "high", registration.today_of(admin), None)
        )


def test_an_added_division_code_names_a_new_district(admin):
    checkpoint = a_checkpoint(admin)
    number = resident_id(region="320615", born="20010203")
    first = registration.register_visit(
        admin,
        VisitInput(document_number=number, name="顾海燕", checkpoint_id=checkpoint),
    )
    assert any("320615" in w for w in first.warnings)  # unknown region: a warning only
    risk_areas.add_region_code(admin, "320615", "江苏省南通市新区")
    assert registration.region_lookup(admin).full_name("320615") == "江苏省南通市新区"
    with pytest.raises(ValidationError, match="已经添加过"):
        risk_areas.add_region_code(admin, "320615", "新区")
    with pytest.raises(ValidationError):
        risk_areas.add_region_code(admin, "3206", "x")
