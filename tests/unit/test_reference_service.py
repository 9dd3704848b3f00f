"""Reference data maintained by the administrator (services/reference.py), on a real SQLite file."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from jinsha_desktop.db.reference_models import Building, Checkpoint, Compound, Unit
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.errors import (
    FormErrors,
    NotFound,
    PermissionDenied,
    StaleRecord,
    ValidationError,
)
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.reference import (
    BuildingInput,
    CheckpointInput,
    CompoundInput,
    UnitInput,
    UnitKind,
)
from jinsha_desktop.services import reference
from jinsha_desktop.services.context import AppContext
from tests.unit.support import (
    audit_entries,
    changes_of,
    db_id,
    logged_in_as,
    raw_sqlite,
    row_counts,
    verify,
)


def _unit_id(context: AppContext, name: str) -> uuid.UUID:
    return next(u.id for u in reference.list_units(context) if u.name == name)


def _stored(context: AppContext, model: Any, record_id: uuid.UUID) -> Any:
    with context.reading() as session:
        record = session.get(model, record_id)
        assert record is not None
        session.expunge(record)
        return record


@pytest.fixture
def beishan(admin: AppContext) -> uuid.UUID:
    return _unit_id(admin, "北山社区")


@pytest.fixture
def jinyu(admin: AppContext) -> uuid.UUID:
    return _unit_id(admin, "金余村")


# ---------------------------------------------------------------- create, edit, list


def test_new_unit_is_listed_after_the_seeded_ones(admin: AppContext) -> None:
    unit_id = reference.save_unit(admin, UnitInput(" 南山社区 ", UnitKind.COMMUNITY, "新设"))

    rows = reference.list_units(admin)
    assert [r.name for r in rows] == [
        "北山社区",
        "金余村",
        "新三园村",
        "城东村",
        "金北村",
        "南山社区",
    ]
    assert rows[-1].id == unit_id
    assert (rows[-1].kind, rows[-1].note, rows[-1].version) == (UnitKind.COMMUNITY, "新设", 1)


def test_new_records_carry_who_when_and_which_installation(
    admin: AppContext, clock: FixedClock
) -> None:
    unit_id = reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))

    unit = _stored(admin, Unit, unit_id)
    assert admin.user is not None
    assert (unit.created_at, unit.updated_at) == (clock.now(), clock.now())
    assert (unit.created_by, unit.updated_by) == (admin.user.id, admin.user.id)
    assert unit.installation_id == admin.installation_id
    assert unit.deleted_at is None


def test_compound_building_and_checkpoint_hang_under_their_parents(
    admin: AppContext, beishan: uuid.UUID
) -> None:
    compound_id = reference.save_compound(admin, beishan, CompoundInput("金沙花苑", "人民路 1 号"))
    reference.save_building(admin, compound_id, BuildingInput("10幢", 2, 6))
    reference.save_building(admin, compound_id, BuildingInput("2幢"))
    reference.save_checkpoint(admin, beishan, CheckpointInput("北山1号卡点", "北山路口"))

    compounds = reference.list_compounds(admin, beishan)
    assert [(c.name, c.unit_name, c.address, c.building_count) for c in compounds] == [
        ("金沙花苑", "北山社区", "人民路 1 号", 2)
    ]
    assert [
        (b.name, b.unit_count, b.floor_count) for b in reference.list_buildings(admin, compound_id)
    ] == [("2幢", None, None), ("10幢", 2, 6)], "natural order: 2 before 10"
    assert [(c.name, c.unit_name, c.location) for c in reference.list_checkpoints(admin)] == [
        ("北山1号卡点", "北山社区", "北山路口")
    ]
    unit_row = next(u for u in reference.list_units(admin) if u.id == beishan)
    assert (unit_row.compound_count, unit_row.checkpoint_count) == (1, 1)


def test_names_with_rare_characters_are_stored_and_listed_exactly(
    admin: AppContext, beishan: uuid.UUID
) -> None:
    compound_id = reference.save_compound(admin, beishan, CompoundInput("𠮷祥䶮苑"))

    assert reference.list_compounds(admin)[0].name == "𠮷祥䶮苑"
    with raw_sqlite(Path(str(admin.database.file))) as connection:
        (name,) = connection.execute(
            "SELECT name FROM compound WHERE id = ?", (db_id(compound_id),)
        ).fetchone()
    assert name == "𠮷祥䶮苑"


def test_editing_changes_the_record_and_bumps_its_version(
    admin: AppContext, clock: FixedClock
) -> None:
    unit_id = reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    clock.advance(minutes=10)

    reference.save_unit(admin, UnitInput("南山村", UnitKind.VILLAGE, "改为村"), unit_id, 1)

    unit = _stored(admin, Unit, unit_id)
    assert (unit.name, unit.kind, unit.note, unit.version) == ("南山村", "village", "改为村", 2)
    assert unit.updated_at == clock.now() and unit.created_at < unit.updated_at


def test_compound_may_move_to_another_unit(
    admin: AppContext, beishan: uuid.UUID, jinyu: uuid.UUID
) -> None:
    compound_id = reference.save_compound(admin, beishan, CompoundInput("金沙花苑"))

    reference.save_compound(admin, jinyu, CompoundInput("金沙花苑"), compound_id, 1)

    assert [c.unit_name for c in reference.list_compounds(admin)] == ["金余村"]


def test_saving_an_unchanged_record_writes_nothing(admin: AppContext) -> None:
    unit_id = reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    entries = len(audit_entries(admin))

    reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY), unit_id, 1)

    assert _stored(admin, Unit, unit_id).version == 1
    assert len(audit_entries(admin)) == entries


# ---------------------------------------------------------------- uniqueness


def test_same_compound_name_is_allowed_in_two_units(
    admin: AppContext, beishan: uuid.UUID, jinyu: uuid.UUID
) -> None:
    reference.save_compound(admin, beishan, CompoundInput("人民新村"))
    reference.save_compound(admin, jinyu, CompoundInput("人民新村"))

    assert sorted(c.unit_name for c in reference.list_compounds(admin)) == ["北山社区", "金余村"]


def test_same_compound_name_twice_in_one_unit_is_refused(
    admin: AppContext, beishan: uuid.UUID
) -> None:
    reference.save_compound(admin, beishan, CompoundInput("人民新村"))

    with pytest.raises(ValidationError) as caught:
        reference.save_compound(admin, beishan, CompoundInput(" 人民新村 "))

    assert caught.value.message == "这里已经有名为“人民新村”的小区了。"
    assert caught.value.field == "name"
    assert len(reference.list_compounds(admin)) == 1


def test_same_building_name_twice_in_one_compound_is_refused(
    admin: AppContext, beishan: uuid.UUID
) -> None:
    first = reference.save_compound(admin, beishan, CompoundInput("甲小区"))
    second = reference.save_compound(admin, beishan, CompoundInput("乙小区"))
    reference.save_building(admin, first, BuildingInput("1幢"))
    reference.save_building(admin, second, BuildingInput("1幢"))

    with pytest.raises(ValidationError, match="这里已经有名为“1幢”的楼栋了"):
        reference.save_building(admin, first, BuildingInput("1幢"))


@pytest.mark.parametrize(
    ("save", "label"),
    [
        pytest.param(
            lambda ctx, unit, name: reference.save_unit(ctx, UnitInput(name, UnitKind.VILLAGE)),
            "社区/村",
            id="unit",
        ),
        pytest.param(
            lambda ctx, unit, name: reference.save_checkpoint(ctx, unit, CheckpointInput(name)),
            "卡点",
            id="checkpoint",
        ),
    ],
)
def test_unit_and_checkpoint_names_are_unique_in_the_whole_sub_district(
    admin: AppContext, save: Any, label: str, beishan: uuid.UUID, jinyu: uuid.UUID
) -> None:
    save(admin, beishan, "共用名称")

    with pytest.raises(ValidationError) as caught:
        save(admin, jinyu, "共用名称")

    assert caught.value.message == f"街道内已经有名为“共用名称”的{label}了。"


def test_renaming_onto_a_sibling_is_refused_but_keeping_the_own_name_is_not(
    admin: AppContext, beishan: uuid.UUID
) -> None:
    reference.save_compound(admin, beishan, CompoundInput("甲小区"))
    second = reference.save_compound(admin, beishan, CompoundInput("乙小区"))

    with pytest.raises(ValidationError, match="已经有名为“甲小区”"):
        reference.save_compound(admin, beishan, CompoundInput("甲小区"), second, 1)
    reference.save_compound(admin, beishan, CompoundInput("乙小区", "新地址"), second, 1)

    assert _stored(admin, Compound, second).address == "新地址"


def test_name_of_a_deleted_record_can_be_used_again(admin: AppContext, beishan: uuid.UUID) -> None:
    old = reference.save_compound(admin, beishan, CompoundInput("人民新村"))
    reference.delete(admin, reference.COMPOUNDS, old, 1)

    new = reference.save_compound(admin, beishan, CompoundInput("人民新村"))

    assert new != old
    assert [c.id for c in reference.list_compounds(admin)] == [new]


# ---------------------------------------------------------------- delete


def test_delete_is_soft_the_row_stays_with_deleted_at_set(
    admin: AppContext, clock: FixedClock
) -> None:
    unit_id = reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    clock.advance(hours=1)

    reference.delete(admin, reference.UNITS, unit_id, 1)

    assert "南山社区" not in [u.name for u in reference.list_units(admin)]
    unit = _stored(admin, Unit, unit_id)
    assert unit.deleted_at == clock.now()
    assert (unit.name, unit.version) == ("南山社区", 2)


@pytest.mark.parametrize(
    ("add_child", "message"),
    [
        pytest.param(
            lambda ctx, unit: reference.save_compound(ctx, unit, CompoundInput("金沙花苑")),
            "“北山社区”下还有 1 个小区，请先删除或移走它们。",
            id="with-a-compound",
        ),
        pytest.param(
            lambda ctx, unit: reference.save_checkpoint(ctx, unit, CheckpointInput("北山1号卡点")),
            "“北山社区”下还有 1 个卡点，请先删除或移走它们。",
            id="with-a-checkpoint",
        ),
    ],
)
def test_unit_still_in_use_cannot_be_deleted(
    admin: AppContext, beishan: uuid.UUID, add_child: Any, message: str
) -> None:
    add_child(admin, beishan)

    with pytest.raises(ValidationError) as caught:
        reference.delete(admin, reference.UNITS, beishan)

    assert caught.value.message == message
    assert _stored(admin, Unit, beishan).deleted_at is None


def test_compound_with_buildings_cannot_be_deleted_until_they_are(
    admin: AppContext, beishan: uuid.UUID
) -> None:
    compound_id = reference.save_compound(admin, beishan, CompoundInput("金沙花苑"))
    buildings = [
        reference.save_building(admin, compound_id, BuildingInput(f"{n}幢")) for n in (1, 2)
    ]

    with pytest.raises(ValidationError, match="下还有 2 个楼栋"):
        reference.delete(admin, reference.COMPOUNDS, compound_id)
    for building_id in buildings:
        reference.delete(admin, reference.BUILDINGS, building_id)
    reference.delete(admin, reference.COMPOUNDS, compound_id)

    assert reference.list_compounds(admin) == []


def test_unit_whose_children_were_deleted_can_be_deleted(
    admin: AppContext, beishan: uuid.UUID
) -> None:
    checkpoint_id = reference.save_checkpoint(admin, beishan, CheckpointInput("北山1号卡点"))
    reference.delete(admin, reference.CHECKPOINTS, checkpoint_id)

    reference.delete(admin, reference.UNITS, beishan)

    assert "北山社区" not in [u.name for u in reference.list_units(admin)]


def test_deleted_record_cannot_be_edited_or_deleted_again(admin: AppContext) -> None:
    unit_id = reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    reference.delete(admin, reference.UNITS, unit_id)

    with pytest.raises(NotFound, match="找不到这个社区/村"):
        reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY), unit_id, 2)
    with pytest.raises(NotFound):
        reference.delete(admin, reference.UNITS, unit_id)


def test_child_of_a_deleted_parent_cannot_be_added(admin: AppContext) -> None:
    unit_id = reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    reference.delete(admin, reference.UNITS, unit_id)

    with pytest.raises(ValidationError) as caught:
        reference.save_compound(admin, unit_id, CompoundInput("金沙花苑"))

    assert (caught.value.message, caught.value.field) == ("请选择所属社区/村。", "unit_id")


@pytest.mark.parametrize(
    "parent", [pytest.param(None, id="none"), pytest.param(uuid.uuid4(), id="unknown")]
)
def test_compound_without_a_real_unit_is_refused(
    admin: AppContext, parent: uuid.UUID | None
) -> None:
    with pytest.raises(ValidationError, match="请选择所属社区/村"):
        reference.save_compound(admin, parent, CompoundInput("金沙花苑"))


def test_building_without_a_real_compound_is_refused(admin: AppContext) -> None:
    with pytest.raises(ValidationError, match="请选择所属小区"):
        reference.save_building(admin, uuid.uuid4(), BuildingInput("1幢"))


# ---------------------------------------------------------------- stale versions


def test_edit_based_on_an_old_version_is_refused(admin: AppContext, beishan: uuid.UUID) -> None:
    compound_id = reference.save_compound(admin, beishan, CompoundInput("金沙花苑"))
    reference.save_compound(admin, beishan, CompoundInput("金沙花苑", "甲地址"), compound_id, 1)

    with pytest.raises(StaleRecord) as caught:
        reference.save_compound(admin, beishan, CompoundInput("金沙花苑", "乙地址"), compound_id, 1)

    assert caught.value.message == "这个小区刚被别人修改过，请关闭后重新打开再改。"
    assert _stored(admin, Compound, compound_id).address == "甲地址"


def test_delete_based_on_an_old_version_is_refused(admin: AppContext, beishan: uuid.UUID) -> None:
    checkpoint_id = reference.save_checkpoint(admin, beishan, CheckpointInput("北山1号卡点"))
    reference.save_checkpoint(
        admin, beishan, CheckpointInput("北山1号卡点", "新位置"), checkpoint_id, 1
    )

    with pytest.raises(StaleRecord):
        reference.delete(admin, reference.CHECKPOINTS, checkpoint_id, 1)

    assert _stored(admin, Checkpoint, checkpoint_id).deleted_at is None


# ---------------------------------------------------------------- bad input writes nothing


@pytest.mark.parametrize(
    "save",
    [
        pytest.param(
            lambda ctx, unit: reference.save_unit(ctx, UnitInput("", UnitKind.VILLAGE)),
            id="empty-unit",
        ),
        pytest.param(
            lambda ctx, unit: reference.save_unit(ctx, UnitInput("村" * 10_000, UnitKind.VILLAGE)),
            id="huge-unit-name",
        ),
        pytest.param(
            lambda ctx, unit: reference.save_compound(ctx, unit, CompoundInput("小\x00区")),
            id="nul-in-compound",
        ),
        pytest.param(
            lambda ctx, unit: reference.save_compound(
                ctx, unit, CompoundInput("小区", "路" * 5000)
            ),
            id="huge-address",
        ),
        pytest.param(
            lambda ctx, unit: reference.save_checkpoint(
                ctx, unit, CheckpointInput("卡点", "", "\x1b[2J")
            ),
            id="escape-in-note",
        ),
        pytest.param(
            lambda ctx, unit: reference.save_checkpoint(ctx, unit, CheckpointInput("\u202e点卡")),
            id="bidi-override-in-name",
        ),
        pytest.param(
            lambda ctx, unit: reference.save_building(
                ctx, uuid.uuid4(), BuildingInput("", -5, 10**9)
            ),
            id="every-building-field",
        ),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(
    admin: AppContext, beishan: uuid.UUID, save: Any
) -> None:
    rows_before, entries_before = row_counts(admin), len(audit_entries(admin))

    with pytest.raises(FormErrors) as caught:
        save(admin, beishan)

    assert caught.value.errors and all(e.message for e in caught.value.errors)
    assert row_counts(admin) == rows_before
    assert len(audit_entries(admin)) == entries_before


def test_refused_duplicate_writes_nothing(admin: AppContext, beishan: uuid.UUID) -> None:
    reference.save_checkpoint(admin, beishan, CheckpointInput("北山1号卡点"))
    rows_before, entries_before = row_counts(admin), len(audit_entries(admin))

    with pytest.raises(ValidationError):
        reference.save_checkpoint(admin, beishan, CheckpointInput("北山1号卡点"))

    assert (row_counts(admin), len(audit_entries(admin))) == (rows_before, entries_before)


# ---------------------------------------------------------------- permissions


@pytest.mark.parametrize("role", [Role.CHECKPOINT, Role.VIEWER, Role.CLERK], ids=lambda r: r.value)
def test_only_an_administrator_may_change_reference_data(
    admin: AppContext, beishan: uuid.UUID, role: Role
) -> None:
    compound_id = reference.save_compound(admin, beishan, CompoundInput("金沙花苑"))
    someone = logged_in_as(admin, "someone", role)
    rows_before = row_counts(admin)
    attempts = [
        lambda: reference.save_unit(someone, UnitInput("南山社区", UnitKind.COMMUNITY)),
        lambda: reference.save_compound(someone, beishan, CompoundInput("另一小区")),
        lambda: reference.save_compound(someone, beishan, CompoundInput("改名"), compound_id, 1),
        lambda: reference.save_building(someone, compound_id, BuildingInput("1幢")),
        lambda: reference.save_checkpoint(someone, beishan, CheckpointInput("卡点")),
        lambda: reference.delete(someone, reference.COMPOUNDS, compound_id),
    ]

    for attempt in attempts:
        with pytest.raises(PermissionDenied, match="没有“维护基础数据”的权限"):
            attempt()

    assert row_counts(admin) == rows_before
    assert [u.name for u in reference.list_units(someone)][0] == "北山社区", "but may read it"
    assert [c.name for c in reference.list_compounds(someone)] == ["金沙花苑"]


def test_reading_reference_data_needs_a_login(context: AppContext) -> None:
    with pytest.raises(PermissionDenied, match="请先登录"):
        reference.list_units(context)


# ---------------------------------------------------------------- what the audit log says


def test_every_create_update_and_delete_is_audited_with_old_and_new_values(
    admin: AppContext, beishan: uuid.UUID, clock: FixedClock
) -> None:
    compound_id = reference.save_compound(admin, beishan, CompoundInput("金沙花苑", "人民路 1 号"))
    reference.save_compound(
        admin, beishan, CompoundInput("金沙新苑", "人民路 1 号", "改名"), compound_id, 1
    )
    reference.delete(admin, reference.COMPOUNDS, compound_id, 2)

    entries = audit_entries(admin, table_name="compound", record_id=str(compound_id))
    assert [e.action for e in entries] == ["create", "update", "delete"]
    created, updated, deleted = (changes_of(e) for e in entries)
    assert created["name"] == [None, "金沙花苑"]
    assert created["address"] == [None, "人民路 1 号"]
    assert created["unit_id"] == [None, str(beishan)]
    assert created["id"] == [None, str(compound_id)]
    assert updated == {"name": ["金沙花苑", "金沙新苑"], "note": ["", "改名"]}
    assert deleted == {"deleted_at": [None, clock.now().isoformat(timespec="microseconds")]}
    assert {e.username for e in entries} == {"admin"}
    assert [e.seq for e in entries] == sorted(e.seq for e in entries)
    assert verify(admin).ok


def test_records_saved_through_the_services_verify_clean(
    admin: AppContext, beishan: uuid.UUID
) -> None:
    compound_id = reference.save_compound(admin, beishan, CompoundInput("金沙花苑"))
    reference.save_building(admin, compound_id, BuildingInput("1幢", 3, 6))
    reference.save_checkpoint(admin, beishan, CheckpointInput("北山1号卡点"))

    report = verify(admin)

    assert report.ok, report
    assert report.records_checked >= 5 + 3
    with admin.reading() as session:
        assert session.scalar(select(Building.name)) == "1幢"
