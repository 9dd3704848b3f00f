"""The visit declaration (domain/visit.py VISIT): every field names something real, and reads
the way the list, the sheet and the ledger showed it before they read the declaration."""

from __future__ import annotations

import dataclasses
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import get_type_hints

import pytest

from jinsha_desktop.db.registration_models import Visit
from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.domain.visit import COMPUTED, DERIVED, VISIT, VisitInput, stored_keys
from jinsha_desktop.services.last_visit import LastVisit
from jinsha_desktop.services.ledger_data import iter_visits
from jinsha_desktop.services.registration_settings import EPIDEMIC_FIELDS, RegistrationSettings
from jinsha_desktop.services.visit_lists import (
    MASKED,
    READ_AS,
    READ_FROM,
    ROW_KEYS,
    SORTS,
    VisitRow,
)


def _attributes(kind: type) -> set[str]:
    if dataclasses.is_dataclass(kind):
        return {f.name for f in dataclasses.fields(kind)}
    return set(getattr(kind, "__annotations__", {}))


def test_keys_are_unique() -> None:
    keys = list(VISIT.keys())
    assert len(keys) == len(set(keys))


def test_every_key_is_stored_on_the_visit_or_declared_derived() -> None:
    stored = set(Visit.__table__.columns.keys())
    assert set(VISIT.keys()) - stored == DERIVED
    assert DERIVED.isdisjoint(stored) and COMPUTED <= stored


def test_every_typed_key_is_an_attribute_of_the_input() -> None:
    typed = set(VISIT.keys()) - DERIVED - COMPUTED
    # The input (and the form) call the visitor's name `name`.
    assert typed - _attributes(VisitInput) == {"person_name"}


def test_saving_and_loading_copy_every_typed_field_by_name() -> None:
    stored = stored_keys()
    assert set(stored.values()) <= set(Visit.__table__.columns.keys())
    assert set(VISIT.keys()) - DERIVED - COMPUTED <= set(stored.values())
    assert stored["name"] == "person_name" and "gender" not in stored


def test_the_rows_have_the_fields_they_show() -> None:
    everything = lambda _setting: True  # noqa: E731
    listed = {f.key for f in VISIT.shown("list", everything)}
    printed = {f.key for f in VISIT.shown("sheet", everything) + VISIT.shown("ledger", everything)}
    assert listed <= _attributes(VisitRow)
    assert printed <= _attributes(VisitRow)
    assert get_type_hints(iter_visits)["return"] == Iterator[VisitRow]  # the one row type
    assert "VisitEntry" not in vars(sys.modules[iter_visits.__module__])  # no second name for it


def test_the_row_reads_each_shown_key_from_the_visit_column_of_its_name_or_as_declared() -> None:
    columns = set(Visit.__table__.columns.keys())
    for key in ROW_KEYS:
        assert key in columns or key in READ_AS or key in READ_FROM, key
    assert DERIVED <= READ_AS.keys() | READ_FROM.keys() and MASKED.keys() <= columns
    assert {"id", "version", "sort_value", *ROW_KEYS} == _attributes(VisitRow)


def test_every_field_of_the_input_has_a_widget_of_its_name_on_the_registration_form() -> None:
    ui = Path(__file__).resolve().parents[2] / "ui" / "registration_page.ui"
    widgets = {w.get("name") for w in ET.parse(ui).iter("widget")}
    # The where-from code is looked up from the place typed, not typed itself.
    assert _attributes(VisitInput) - widgets == {"origin_region_code"}


def test_free_text_fields_are_text_attributes_of_the_input_checked_by_their_length() -> None:
    free = {f.key: f.max_length for f in VISIT.free_text()}
    assert {
        "destination_door": 20, "destination_address": 200, "purpose": 100, "notes": 500,
    }.items() <= free.items()  # fmt: skip
    assert all(f.type == "str" for f in dataclasses.fields(VisitInput) if f.name in free)


def test_carried_over_fields_are_what_the_last_visit_offers() -> None:
    carried = {f.key for f in VISIT.fields if f.carried_over}
    assert carried == _attributes(LastVisit) - {"visited_at"}
    assert "temperature" not in carried  # measured at every passage, never copied


def test_a_last_visit_reads_a_trip_field_not_given_as_a_fresh_input() -> None:
    when = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)
    last = LastVisit(visited_at=when, origin="上海市")
    assert (last.origin, last.purpose, last.route, last.destination_unit_id) == (
        "上海市",
        "",
        (),
        None,
    )


def test_f3_takes_over_a_field_behind_a_setting_only_while_it_is_on_and_was_given() -> None:
    when = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)
    always = {f.key for f in VISIT.fields if f.carried_over and not f.setting}
    green = LastVisit(visited_at=when, origin="上海市", health_code="green")
    assert set(green.taken_over(lambda _setting: True)) == always | {"health_code"}
    assert set(green.taken_over(lambda setting: setting != "health_code")) == always
    unknown = LastVisit(visited_at=when, health_code="")  # an empty code clears nothing chosen
    assert set(unknown.taken_over(lambda _setting: True)) == always
    assert "temperature" not in always


def test_settings_and_sorts_are_real() -> None:
    settings = RegistrationSettings()
    for field in VISIT.fields:
        if field.setting:
            assert field.setting in EPIDEMIC_FIELDS or field.setting == "any_epidemic_field"
            assert isinstance(settings.shows(field.setting), bool)
        if field.sort:
            assert field.sort in SORTS, field.key
    assert {f.sort for f in VISIT.fields if f.sort} == set(SORTS)


def test_switched_off_settings_hide_their_fields_in_every_place() -> None:
    settings = RegistrationSettings(temperature=False, nucleic_test=False)
    for place in ("list", "sheet", "ledger"):
        keys = {f.key for f in VISIT.shown(place, settings.shows)}
        assert "temperature" not in keys and "nucleic_test_result" not in keys
    nothing = RegistrationSettings(
        health_code=False, travel_code=False, nucleic_test=False, risk_areas=False,
        temperature=False,
    )  # fmt: skip
    assert "flag_reasons" not in {f.key for f in VISIT.shown("list", nothing.shows)}


def _row(**changes: object) -> SimpleNamespace:
    values: dict[str, object] = {
        "visited_at": datetime(2026, 11, 25, 1, 30, tzinfo=UTC),
        "checkpoint": "北山1号卡点",
        "direction": "in",
        "person_name": "张三",
        "gender": "male",
        "document_type": "resident_id",
        "document_number": "320612199001011234",
        "phone": "13812345678",
        "origin": "上海市",
        "route": ["苏州市", "无锡市"],
        "destination": "北山社区",
        "purpose": "探亲",
        "plate": "苏F12345",
        "companions": 2,
        "temperature": Decimal("36.55"),
        "health_code": "green",
        "travel_code_star": True,
        "nucleic_test_date": date(2026, 11, 24),
        "nucleic_test_result": "negative",
        "flagged": True,
        "flag_reasons": "行程码带星号",
        "notes": "补录",
    }
    values.update(changes)
    return SimpleNamespace(**values)


def test_ledger_cells_merge_as_the_registration_ledger_prints_them() -> None:
    row = _row()
    cells = {f.ledger_header(): f.ledger_text(row) for f in VISIT.shown("ledger", lambda _s: True)}
    local = row.visited_at.astimezone().strftime("%m-%d %H:%M")
    assert cells == {
        "登记时间": local,
        "卡点": "北山1号卡点",
        "进/出": "进",
        "姓名": "张三",
        "性别": "男",
        "证件号码": "320612199001011234",
        "联系电话": "13812345678",
        "来自何处": "上海市（途经苏州市、无锡市）",
        "前往地点": "北山社区",
        "事由": "探亲",
        "车牌": "苏F12345",
        "体温": "36.6",
        "健康码": "绿码",
        "行程卡": "带星",
        "核酸检测": "11-24 阴性",
        "备注": "行程码带星号；同行 2 人；补录",
    }
    quiet = _row(flagged=False, companions=0, notes="", route=[], travel_code_star=False)
    assert VISIT.field("notes").ledger_text(quiet) == ""
    assert VISIT.field("origin").ledger_text(quiet) == "上海市"
    assert VISIT.field("travel_code_star").ledger_text(quiet) == "无星"
    assert VISIT.field("travel_code_star").ledger_text(_row(travel_code_star=None)) == ""


@pytest.mark.parametrize(
    ("key", "value", "kind"),
    [
        pytest.param("travel_code_star", True, CellKind.BOOL, id="travel-code-a-bool-cell"),
        pytest.param("direction", "进", CellKind.TEXT, id="direction-label"),
        pytest.param("nucleic_test_result", "阴性", CellKind.TEXT, id="result-label"),
        pytest.param("route", "苏州市、无锡市", CellKind.TEXT, id="route-joined"),
        pytest.param("document_number", "320612199001011234", CellKind.IDENTIFIER, id="id-text"),
        pytest.param("temperature", Decimal("36.55"), CellKind.DECIMAL, id="temperature"),
    ],
)
def test_sheet_values_keep_their_cell_kind(key: str, value: object, kind: CellKind) -> None:
    field = VISIT.field(key)
    assert field.value(_row()) == value and field.kind is kind


def test_the_list_reads_a_route_joined_already() -> None:
    assert VISIT.field("route").text(_row(route="苏州市、无锡市")) == "苏州市、无锡市"
    assert VISIT.field("travel_code_star").text(_row()) == "带星"


def test_the_carried_over_headers_name_each_shown_field_f3_fills_once() -> None:
    from jinsha_desktop.domain.visit import carried_over_headers

    # the origin's region code and the destination's parts are shown as 来自何处 and 前往地点
    assert carried_over_headers() == ["来自何处", "途经地", "前往地点", "事由", "车牌", "健康码"]
