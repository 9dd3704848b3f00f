"""The audit log written by every service and its verification (services/audit.py).

Tampering is done the way a person would do it: with the sqlite3 module on the real file,
outside the application.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.db.models import AuditEntry
from jinsha_desktop.db.reference_models import Unit
from jinsha_desktop.domain.audit_chain import GENESIS_HASH
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.errors import PermissionDenied
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.reference import CompoundInput, UnitInput, UnitKind
from jinsha_desktop.services import auth, reference
from jinsha_desktop.services.audit import (
    AuditFilter,
    check_audit_log,
    list_audit_entries,
    record_action,
    verify_audit,
)
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.setup import OpenDatabase, local_installation
from tests.unit.support import (
    audit_count,
    audit_entries,
    db_id,
    logged_in_as,
    raw_sqlite,
    row_counts,
    verify,
)


@pytest.fixture
def history(admin: AppContext, clock: FixedClock) -> list[uuid.UUID]:
    """A few audited changes after the first run: two new units, one renamed, one compound."""
    first = reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    clock.advance(minutes=1)
    second = reference.save_unit(admin, UnitInput("五总村", UnitKind.VILLAGE))
    clock.advance(minutes=1)
    reference.save_unit(admin, UnitInput("五总新村", UnitKind.VILLAGE), second, 1)
    clock.advance(minutes=1)
    compound = reference.save_compound(admin, first, CompoundInput("金沙花苑"))
    return [first, second, compound]


def _outside_the_app(opened: OpenDatabase) -> Path:
    """Close the application's connections and hand back the file to edit directly."""
    opened.database.dispose()
    assert opened.database.file is not None
    return opened.database.file


def _seqs(admin: AppContext) -> list[int]:
    return [e.seq for e in audit_entries(admin, chain_installation_id=admin.installation_id)]


# ---------------------------------------------------------------- a clean database


def test_clean_database_verifies_ok(admin: AppContext, history: list[uuid.UUID]) -> None:
    report = verify(admin)

    assert report.ok
    assert report.first_broken is None and report.tampered_records == []
    assert report.entries_checked == audit_count(admin)
    counts = row_counts(admin)
    assert report.records_checked == sum(
        counts[t]
        for t in (
            "installation",
            "setting",
            "app_user",
            "unit",
            "compound",
            "part",
            "cleanup_category",
            # the default checklists and departments seeded at the first run
            "checklist_template",
            "checklist_version",
            "checklist_section",
            "checklist_item",
            "department",
        )
    )


def test_entries_of_one_installation_form_an_unbroken_numbered_chain(
    admin: AppContext, history: list[uuid.UUID]
) -> None:
    entries = audit_entries(admin)

    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].prev_hash == GENESIS_HASH
    pairs = zip(entries, entries[1:], strict=False)
    assert all(later.prev_hash == earlier.hash for earlier, later in pairs)


def test_first_run_itself_is_audited(context: AppContext) -> None:
    entries = audit_entries(context)

    created = {(e.table_name, e.action) for e in entries}
    assert {
        ("installation", "create"),
        ("setting", "create"),
        ("unit", "create"),
        ("app_user", "create"),
    } <= created
    assert sum(1 for e in entries if e.table_name == "unit") == 5


def test_second_installation_starts_its_own_chain(
    admin: AppContext, clock: FixedClock, passwords: PasswordHashing
) -> None:
    other, changed = local_installation(admin.database, clock, passwords, MachineConfig())
    other_admin = auth.login(other, "admin", "Jinsha-admin-1")
    reference.save_unit(other_admin, UnitInput("南山社区", UnitKind.COMMUNITY))

    own = audit_entries(admin, chain_installation_id=other.installation_id)
    assert changed
    assert [e.seq for e in own] == [1, 2, 3]
    assert own[0].prev_hash == GENESIS_HASH
    assert verify(admin).ok


def test_action_without_a_record_is_logged_with_its_summary(admin: AppContext) -> None:
    with admin.uow() as session:
        record_action(session, "export", "导出 小区 列表", table_name="compound")

    entry = audit_entries(admin, action="export")[0]
    assert (entry.summary, entry.table_name, entry.record_id, entry.record_digest) == (
        "导出 小区 列表",
        "compound",
        "",
        "",
    )
    assert json.loads(entry.changes) == {}
    assert verify(admin).ok


def test_long_summary_is_cut_to_200_characters(admin: AppContext) -> None:
    with admin.uow() as session:
        record_action(session, "print", "打" * 500)

    assert audit_entries(admin, action="print")[0].summary == "打" * 200
    assert verify(admin).ok


# ---------------------------------------------------------------- what is not written


def test_failed_use_case_writes_neither_rows_nor_audit_entries(admin: AppContext) -> None:
    rows, entries = row_counts(admin), audit_count(admin)

    with pytest.raises(RuntimeError, match="halfway"), admin.uow() as session:
        session.add(Unit(name="半途村", kind="village"))
        session.flush()
        raise RuntimeError("halfway")

    assert (row_counts(admin), audit_count(admin)) == (rows, entries)


def test_reading_session_refuses_to_write(admin: AppContext) -> None:
    with (
        pytest.raises(RuntimeError, match="reading session tried to write"),
        admin.reading() as session,
    ):
        session.add(Unit(name="只读村", kind="village"))
        session.flush()


def test_hard_delete_of_an_audited_record_is_refused(
    admin: AppContext, history: list[uuid.UUID]
) -> None:
    rows = row_counts(admin)

    with pytest.raises(RuntimeError, match="hard delete of unit"), admin.uow() as session:
        session.delete(session.get(Unit, history[1]))

    assert row_counts(admin) == rows


# ---------------------------------------------------------------- records changed outside the app


def test_unit_renamed_outside_the_app_is_reported(
    admin: AppContext, opened: OpenDatabase, history: list[uuid.UUID]
) -> None:
    path = _outside_the_app(opened)
    with raw_sqlite(path) as connection:
        connection.execute("UPDATE unit SET name = '假村' WHERE id = ?", (db_id(history[0]),))

    report = verify(admin)

    assert report.first_broken is None, "the log itself is intact"
    assert report.tampered_records == [f"unit {history[0]}：内容与最后一条操作日志不符"]
    assert not report.ok


def test_role_raised_outside_the_app_is_reported(admin: AppContext, opened: OpenDatabase) -> None:
    viewer = logged_in_as(admin, "viewer", Role.VIEWER)
    assert viewer.user is not None
    path = _outside_the_app(opened)
    with raw_sqlite(path) as connection:
        connection.execute("UPDATE app_user SET role = 'admin' WHERE username = 'viewer'")

    assert verify(admin).tampered_records == [
        f"app_user {viewer.user.id}：内容与最后一条操作日志不符"
    ]


def test_soft_deleted_record_brought_back_outside_the_app_is_reported(
    admin: AppContext, opened: OpenDatabase, history: list[uuid.UUID]
) -> None:
    reference.delete(admin, reference.COMPOUNDS, history[2])
    path = _outside_the_app(opened)
    with raw_sqlite(path) as connection:
        connection.execute("UPDATE compound SET deleted_at = NULL")

    assert verify(admin).tampered_records == [f"compound {history[2]}：内容与最后一条操作日志不符"]


def test_row_inserted_outside_the_app_is_reported_as_having_no_entry(
    admin: AppContext, opened: OpenDatabase
) -> None:
    smuggled = uuid.uuid4()
    path = _outside_the_app(opened)
    with raw_sqlite(path) as connection:
        connection.execute(
            "INSERT INTO unit (id, name, kind, note, sort_order, created_at, updated_at, version)"
            " VALUES (?, '私加村', 'village', '', 1000,"
            " '2026-11-25 01:00:00', '2026-11-25 01:00:00', 1)",
            (db_id(smuggled),),
        )

    report = verify(admin)

    assert report.tampered_records == [f"unit {smuggled}：没有对应的操作日志"]
    assert "私加村" in [u.name for u in reference.list_units(admin)], (
        "the row is readable, and reported"
    )


def test_number_of_reported_records_is_capped(admin: AppContext, opened: OpenDatabase) -> None:
    path = _outside_the_app(opened)
    with raw_sqlite(path) as connection:
        connection.execute("UPDATE unit SET note = '改'")

    with admin.reading() as session:
        report = verify_audit(session, max_tampered=3)

    assert len(report.tampered_records) == 3
    assert report.records_checked >= 5


# ---------------------------------------------------------------- the log changed outside the app


def test_entry_whose_summary_was_edited_is_the_first_broken_link(
    admin: AppContext, opened: OpenDatabase, history: list[uuid.UUID]
) -> None:
    seqs = _seqs(admin)
    target = seqs[len(seqs) // 2]
    path = _outside_the_app(opened)
    with raw_sqlite(path) as connection:
        connection.execute("UPDATE audit_entry SET summary = '无事发生' WHERE seq = ?", (target,))

    report = verify(admin)

    assert report.first_broken is not None
    assert f"的第 {target} 条操作日志" in report.first_broken
    assert "内容与其哈希不符，日志被改动过" in report.first_broken
    assert str(admin.installation_id) in report.first_broken


def test_entry_whose_recorded_change_was_edited_is_the_first_broken_link(
    admin: AppContext, opened: OpenDatabase, history: list[uuid.UUID]
) -> None:
    update = audit_entries(admin, action="update", record_id=str(history[1]))[0]
    path = _outside_the_app(opened)
    with raw_sqlite(path) as connection:
        connection.execute(
            "UPDATE audit_entry SET changes = replace(changes, '五总村', '六总村') WHERE seq = ?",
            (update.seq,),
        )

    report = verify(admin)

    assert (
        report.first_broken is not None and f"的第 {update.seq} 条操作日志" in report.first_broken
    )


def test_entry_deleted_from_the_middle_is_reported_at_the_next_one(
    admin: AppContext, opened: OpenDatabase, history: list[uuid.UUID]
) -> None:
    seqs = _seqs(admin)
    target = seqs[len(seqs) // 2]
    path = _outside_the_app(opened)
    with raw_sqlite(path) as connection:
        connection.execute("DELETE FROM audit_entry WHERE seq = ?", (target,))

    report = verify(admin)

    assert report.first_broken is not None
    assert f"的第 {target + 1} 条操作日志" in report.first_broken
    assert f"缺少第 {target} 条（下一条是第 {target + 1} 条），日志被删除过" in report.first_broken


def test_entry_whose_link_was_changed_is_the_first_broken_link(
    admin: AppContext, opened: OpenDatabase, history: list[uuid.UUID]
) -> None:
    seqs = _seqs(admin)
    target = seqs[-3]
    path = _outside_the_app(opened)
    with raw_sqlite(path) as connection:
        connection.execute("UPDATE audit_entry SET prev_hash = ? WHERE seq = ?", ("f" * 64, target))

    report = verify(admin)

    assert report.first_broken is not None
    assert f"的第 {target} 条操作日志" in report.first_broken
    assert "与前一条的链接不符" in report.first_broken


def test_entries_renumbered_to_hide_a_deletion_are_still_caught(
    admin: AppContext, opened: OpenDatabase, history: list[uuid.UUID]
) -> None:
    seqs = _seqs(admin)
    target = seqs[len(seqs) // 2]
    path = _outside_the_app(opened)
    with raw_sqlite(path) as connection:
        connection.execute("DELETE FROM audit_entry WHERE seq = ?", (target,))
        connection.execute("UPDATE audit_entry SET seq = seq - 1 WHERE seq > ?", (target,))

    report = verify(admin)

    assert report.first_broken is not None and f"的第 {target} 条操作日志" in report.first_broken


def test_last_change_of_a_record_deleted_from_the_log_shows_on_the_record(
    admin: AppContext, opened: OpenDatabase, history: list[uuid.UUID]
) -> None:
    last = audit_entries(admin)[-1]
    assert last.table_name == "compound"
    path = _outside_the_app(opened)
    with raw_sqlite(path) as connection:
        connection.execute("DELETE FROM audit_entry WHERE seq = ?", (last.seq,))

    report = verify(admin)

    assert report.tampered_records == [f"compound {history[2]}：没有对应的操作日志"]


def test_log_is_checked_before_records_and_stops_at_the_first_break(
    admin: AppContext, opened: OpenDatabase, history: list[uuid.UUID]
) -> None:
    path = _outside_the_app(opened)
    with raw_sqlite(path) as connection:
        connection.execute("UPDATE audit_entry SET summary = 'x' WHERE seq IN (3, 7)")

    report = verify(admin)

    assert report.first_broken is not None and "的第 3 条操作日志" in report.first_broken
    assert report.entries_checked == 3


# ---------------------------------------------------------------- browsing the log


def test_administrator_browses_the_log_newest_first_with_filters(
    admin: AppContext, clock: FixedClock, history: list[uuid.UUID]
) -> None:
    everything = list_audit_entries(admin, AuditFilter())
    updates = list_audit_entries(admin, AuditFilter(action="update", table_name="unit"))
    by_text = list_audit_entries(admin, AuditFilter(text="五总新村"))
    recent = list_audit_entries(admin, AuditFilter(since=clock.now()))

    assert len(everything) == audit_count(admin)
    assert [(r.at, r.seq) for r in everything] == sorted(
        ((r.at, r.seq) for r in everything), reverse=True
    )
    assert [r.changes for r in updates] == [{"name": ["五总村", "五总新村"]}]
    assert [r.record_id for r in by_text] == [str(history[1])]
    assert [r.table_name for r in recent] == ["compound"]
    assert everything[0].installation == "北山社区卡点 1 号机"


@pytest.mark.parametrize("role", [Role.CLERK, Role.CHECKPOINT, Role.VIEWER], ids=lambda r: r.value)
def test_only_an_administrator_may_read_the_log(admin: AppContext, role: Role) -> None:
    someone = logged_in_as(admin, "someone", role)

    with pytest.raises(PermissionDenied, match="没有“查看操作日志”的权限"):
        list_audit_entries(someone, AuditFilter())


def test_audit_entry_rows_are_ordinary_rows_with_common_columns(admin: AppContext) -> None:
    with admin.reading() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert entry is not None
        assert entry.installation_id == admin.installation_id
        assert entry.created_at == entry.at
        assert entry.version == 1


def test_text_filter_ignores_case_and_takes_wildcards_literally(admin: AppContext) -> None:
    with admin.uow() as session:
        record_action(session, "export", "导出 Excel：100% 完成")
        record_action(session, "export", "导出 excel：1000 行")

    assert len(list_audit_entries(admin, AuditFilter(text="EXCEL"))) == 2
    assert [r.summary for r in list_audit_entries(admin, AuditFilter(text="%"))] == [
        "导出 Excel：100% 完成"
    ]
    assert list_audit_entries(admin, AuditFilter(text="导出_Excel")) == []


def test_administrator_checks_the_log_from_the_application(
    admin: AppContext, history: list[uuid.UUID]
) -> None:
    report = check_audit_log(admin)

    assert report.ok
    assert report.entries_checked == audit_count(admin)


@pytest.mark.parametrize("role", [Role.CLERK, Role.VIEWER], ids=lambda r: r.value)
def test_only_an_administrator_checks_the_log_from_the_application(
    admin: AppContext, role: Role
) -> None:
    someone = logged_in_as(admin, "someone", role)

    with pytest.raises(PermissionDenied, match="没有“查看操作日志”的权限"):
        check_audit_log(someone)


def test_records_are_still_checked_after_a_broken_link(
    admin: AppContext, opened: OpenDatabase, history: list[uuid.UUID]
) -> None:
    path = _outside_the_app(opened)
    with raw_sqlite(path) as connection:
        connection.execute("UPDATE audit_entry SET summary = 'x' WHERE seq = 3")
        connection.execute("UPDATE unit SET name = '假村' WHERE id = ?", (db_id(history[0]),))

    report = verify(admin)

    assert report.first_broken is not None
    assert report.tampered_records == [f"unit {history[0]}：内容与最后一条操作日志不符"]
