"""The database layer and the services on a real PostgreSQL server (the shared-office set-up).

DESIGN.md: "The same code runs on PostgreSQL when an office shares one server; tests cover both."
Every test gets an empty database of its own on a throwaway server (tests/db/conftest.py).
The server's time zone is Asia/Shanghai, so a datetime that is not turned back into UTC shows.
"""

from __future__ import annotations

import socket
import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.db.migrate import current_revision, head_revision
from jinsha_desktop.db.models import AuditEntry, User
from jinsha_desktop.db.reference_models import Unit
from jinsha_desktop.db.schema import Base
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.errors import AuthenticationFailed, DatabaseProblem, ValidationError
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.pinyin import name_sort_key
from jinsha_desktop.domain.reference import (
    BuildingInput,
    CheckpointInput,
    CompoundInput,
    UnitInput,
    UnitKind,
)
from jinsha_desktop.domain.risk import RiskAreaInput, RiskLevel
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.services import (
    auth,
    monitoring,
    reference,
    registration,
    risk_areas,
    visit_lists,
)
from jinsha_desktop.services.audit import (
    AuditFilter,
    VerifyReport,
    list_audit_entries,
    verify_audit,
)
from jinsha_desktop.services.backup import backup_database
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.setup import (
    initialize,
    is_initialized,
    local_installation,
    open_database,
)
from tests.conftest import ADMIN_PASSWORD, FIRST_RUN
from tests.db.conftest import Opener
from tests.postgres_server import PostgresServer
from tests.unit.support import a_checkpoint, resident_id

pytestmark = pytest.mark.postgres

RARE = "\U00020bb7"  # 𠮷, CJK Extension B: outside the Basic Multilingual Plane


def verify(context: AppContext) -> VerifyReport:
    with context.reading() as session:
        return verify_audit(session)


# ---------------------------------------------------------------- schema


def test_open_database_runs_the_migrations(open_pg: Opener) -> None:
    opened = open_pg()
    engine = opened.database.engine
    assert engine.dialect.name == "postgresql"
    assert opened.backup is None  # backups before an upgrade are for SQLite files only
    assert opened.lock is None  # no file to lock: a server is shared by design
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"alembic_version", *Base.metadata.tables} == tables
    # Opening again finds the schema current and changes nothing.
    again = open_pg()
    assert current_revision(again.database.engine) == head_revision()
    # A second program beside it (e.g. `audit verify`) may open it for reading.
    assert open_pg(inspect_only=True).database.engine.dialect.name == "postgresql"


def test_models_and_migrations_agree(open_pg: Opener) -> None:
    opened = open_pg()
    with opened.database.engine.connect() as connection:
        migration_context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        differences = compare_metadata(migration_context, Base.metadata)
    assert differences == []


def test_native_types_and_partial_indexes_on_postgresql(open_pg: Opener) -> None:
    engine = open_pg().database.engine
    with engine.connect() as connection:
        types: dict[str, str] = dict(
            connection.execute(
                text(
                    "SELECT column_name, data_type FROM information_schema.columns "
                    "WHERE table_name = 'app_user'"
                )
            ).all()
        )
        index_definitions: dict[str, str] = dict(
            connection.execute(
                text("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")
            ).all()
        )
    assert types["id"] == "uuid"
    assert types["created_at"] == "timestamp with time zone"
    assert types["is_active"] == "boolean"
    # compare_metadata() does not compare an index's WHERE clause, so look at each one here:
    # every "unique while active" index must be partial on PostgreSQL too.
    partial = [
        str(index.name)
        for table in Base.metadata.tables.values()
        for index in table.indexes
        if index.dialect_options["postgresql"]["where"] is not None
    ]
    assert "uq_unit_name_active" in partial and "uq_app_user_username_active" in partial
    for name in partial:
        definition = index_definitions[name]
        assert definition.startswith("CREATE UNIQUE INDEX"), definition
        assert definition.endswith("WHERE (deleted_at IS NULL)"), definition


def test_name_sort_keys_compare_bytewise_whatever_the_servers_locale(open_pg: Opener) -> None:
    engine = open_pg().database.engine
    with engine.connect() as connection:
        collations = connection.execute(
            text(
                "SELECT table_name, column_name, collation_name FROM information_schema.columns "
                "WHERE column_name IN ('name_sort', 'person_name_sort') ORDER BY table_name"
            )
        ).all()
    assert collations == [("person", "name_sort", "C"), ("visit", "person_name_sort", "C")]


def test_a_database_newer_than_the_program_is_refused(open_pg: Opener) -> None:
    opened = open_pg()
    with opened.database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(DatabaseProblem, match="更新版本"):
        open_pg()
    with pytest.raises(DatabaseProblem, match="版本与本程序不一致"):
        open_pg(inspect_only=True)


def test_a_database_of_another_program_is_refused(open_pg: Opener, postgres_url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(postgres_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE payroll (id integer PRIMARY KEY)"))
    finally:
        engine.dispose()
    with pytest.raises(DatabaseProblem, match="不是金沙台账的数据库"):
        open_pg()


# ---------------------------------------------------------------- the first run and the services


def test_first_run_login_users_reference_data_and_audit(
    open_pg: Opener, clock: FixedClock, passwords: PasswordHashing, pg_config: MachineConfig
) -> None:
    opened = open_pg()
    assert not is_initialized(opened.database)
    context = initialize(opened.database, clock, passwords, pg_config, FIRST_RUN)
    assert is_initialized(opened.database)
    with pytest.raises(DatabaseProblem, match="已经完成了初始设置"):
        initialize(opened.database, clock, passwords, pg_config, FIRST_RUN)

    # The same machine opening the database again finds its own installation.
    again, changed = local_installation(opened.database, clock, passwords, pg_config)
    assert (again.installation_id, changed) == (context.installation_id, False)

    with pytest.raises(AuthenticationFailed):
        auth.login(context, "admin", "wrong-password-1")
    clock.advance(minutes=1)
    admin = auth.login(context, "admin", ADMIN_PASSWORD)
    assert admin.user is not None and admin.user.role is Role.ADMIN

    clerk = auth.create_user(admin, auth.UserInput("clerk1", "王小明", Role.CLERK), "Clerk-pass-1")
    with pytest.raises(ValidationError, match="已被使用"):
        auth.create_user(admin, auth.UserInput("clerk1", "王小明", Role.CLERK), "Clerk-pass-1")
    assert [u.username for u in auth.list_users(admin)] == ["admin", "clerk1"]
    clerk_context = auth.login(context, "clerk1", "Clerk-pass-1")
    assert auth.must_change_password(clerk_context)
    clerk = next(u for u in auth.list_users(admin) if u.id == clerk.id)  # the login saved it
    auth.update_user(
        admin, clerk.id, auth.UserInput("clerk1", "王小明", Role.VIEWER), clerk.version
    )

    # Reference data: create, edit, soft delete, list.
    units = reference.list_units(admin)
    assert [u.name for u in units] == ["北山社区", "金余村", "新三园村", "城东村", "金北村"]
    beishan = units[0]
    compound_id = reference.save_compound(
        admin, beishan.id, CompoundInput("北山新村", "北山路 8 号")
    )
    building_id = reference.save_building(admin, compound_id, BuildingInput("10 幢", 3, 6))
    reference.save_building(admin, compound_id, BuildingInput("2 幢", 2, 5))
    assert [b.name for b in reference.list_buildings(admin, compound_id)] == ["2 幢", "10 幢"]
    checkpoint_id = reference.save_checkpoint(
        admin, beishan.id, CheckpointInput("北山路口", "北山路与金沙大道")
    )
    reference.save_unit(
        admin, UnitInput(beishan.name, UnitKind.COMMUNITY, "改了备注"), beishan.id, beishan.version
    )
    reference.delete(admin, reference.BUILDINGS, building_id)
    with pytest.raises(ValidationError, match="还有 1 个楼栋"):
        reference.delete(admin, reference.COMPOUNDS, compound_id)

    units = reference.list_units(admin)
    assert (units[0].note, units[0].compound_count, units[0].checkpoint_count) == ("改了备注", 1, 1)
    assert [c.id for c in reference.list_checkpoints(admin)] == [checkpoint_id]
    assert reference.list_compounds(admin, beishan.id)[0].building_count == 1

    # Every change and action is in the audit log, and the log is whole.
    actions = [row.action for row in reversed(list_audit_entries(admin, AuditFilter()))]
    # inst, settings, units, admin, 5 parts and 5 clean-up categories, …, and the two default
    # checklists (templates, versions, sections, items) with the default departments
    from jinsha_desktop.domain.checklists import DEFAULT_CHECKLISTS, DEFAULT_DEPARTMENTS

    checklist_rows = sum(
        2 + len(c.sections) + sum(len(s.items) for s in c.sections) for c in DEFAULT_CHECKLISTS
    )
    seeded = checklist_rows + len(DEFAULT_DEPARTMENTS)
    assert actions.count("create") == 1 + 2 + 5 + 1 + 5 + 5 + 1 + 1 + 2 + 1 + seeded
    assert actions.count("login_failed") == 1
    assert actions.count("login") == 2
    assert actions.count("delete") == 1
    assert actions.count("update") >= 2  # the clerk's role, the unit's note
    report = verify(admin)
    assert report.ok, report
    with admin.reading() as session:
        entries = session.scalar(select(func.count()).select_from(AuditEntry))
    assert report.entries_checked == entries
    assert report.records_checked > 10


def test_partial_unique_indexes_allow_a_name_again_after_soft_delete(pg_admin: AppContext) -> None:
    first = reference.save_unit(pg_admin, UnitInput("金沙村", UnitKind.VILLAGE))
    with pytest.raises(ValidationError, match="已经有名为“金沙村”"):
        reference.save_unit(pg_admin, UnitInput("金沙村", UnitKind.VILLAGE))
    # The index itself refuses a second active row (not only the service's own check).
    with pytest.raises(IntegrityError, match="uq_unit_name_active"):
        with pg_admin.uow() as session:
            session.add(Unit(name="金沙村", kind=UnitKind.VILLAGE.value))

    reference.delete(pg_admin, reference.UNITS, first)
    second = reference.save_unit(pg_admin, UnitInput("金沙村", UnitKind.VILLAGE))
    assert second != first
    with pg_admin.reading() as session:
        rows = session.execute(
            select(Unit.id, Unit.deleted_at.is_(None)).where(Unit.name == "金沙村")
        ).all()
    assert sorted(rows, key=lambda r: r[1]) == [(first, False), (second, True)]
    # Restoring the deleted one while its name is taken again is refused by the index.
    with pytest.raises(IntegrityError, match="uq_unit_name_active"):
        with pg_admin.uow() as session:
            old = session.get(Unit, first)
            assert old is not None
            old.deleted_at = None

    # A compound name is unique within its unit only.
    units = reference.list_units(pg_admin)
    reference.save_compound(pg_admin, units[0].id, CompoundInput("幸福小区"))
    reference.save_compound(pg_admin, units[1].id, CompoundInput("幸福小区"))
    with pytest.raises(ValidationError, match="这里已经有"):
        reference.save_compound(pg_admin, units[0].id, CompoundInput("幸福小区"))
    assert verify(pg_admin).ok


# ---------------------------------------------------------------- the audit chain


def test_verify_audit_finds_rows_changed_with_raw_sql(pg_admin: AppContext) -> None:
    unit = next(u for u in reference.list_units(pg_admin) if u.name == "金余村")
    reference.save_unit(
        pg_admin, UnitInput("金余村", UnitKind.VILLAGE, "村委会在金余路"), unit.id, unit.version
    )
    assert verify(pg_admin).ok

    engine = pg_admin.database.engine
    with engine.begin() as connection:
        connection.execute(text("UPDATE unit SET note = '被改过' WHERE id = :id"), {"id": unit.id})
    report = verify(pg_admin)
    assert report.first_broken is None
    assert report.tampered_records == [f"unit {unit.id}：内容与最后一条操作日志不符"]

    # A row inserted behind the program's back has no audit entry at all.
    intruder = uuid.uuid4()
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO unit"
                " (id, name, kind, note, sort_order, created_at, updated_at, version) "
                "VALUES (:id, '冒名村', 'village', '', 1000, now(), now(), 1)"
            ),
            {"id": intruder},
        )
    assert f"unit {intruder}：没有对应的操作日志" in verify(pg_admin).tampered_records

    # Edits to the log itself break the chain (and the server-side cursor is closed cleanly).
    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_entry SET summary = '无事发生' WHERE seq = 3"))
    broken = verify(pg_admin).first_broken
    assert broken is not None and "第 3 条" in broken and "内容与其哈希不符" in broken
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_entry WHERE seq = 3"))
    broken = verify(pg_admin).first_broken
    assert broken is not None and "缺少第 3 条" in broken


def test_two_writers_of_one_installation_keep_the_chain_gap_free(
    pg_context: AppContext,
    open_pg: Opener,
    clock: FixedClock,
    passwords: PasswordHashing,
    pg_config: MachineConfig,
) -> None:
    """Two program windows on one machine (two connection pools, one installation) save at once.

    Each audit entry takes the next number of the installation's chain; the row lock on the
    installation (services/audit.py, _tail) makes the second writer wait for the first.
    """
    second_window = open_pg()
    other, changed = local_installation(second_window.database, clock, passwords, pg_config)
    assert (other.installation_id, changed) == (pg_context.installation_id, False)
    writers = [auth.login(c, "admin", ADMIN_PASSWORD) for c in (pg_context, other)]

    per_writer = 15
    start = threading.Barrier(len(writers))
    errors: list[BaseException] = []

    def work(number: int, context: AppContext) -> None:
        try:
            start.wait(timeout=30)
            for i in range(per_writer):
                reference.save_unit(context, UnitInput(f"并发{number}村{i}", UnitKind.VILLAGE))
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n, c)) for n, c in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []

    with pg_context.reading() as session:
        seqs = session.scalars(
            select(AuditEntry.seq)
            .where(AuditEntry.chain_installation_id == pg_context.installation_id)
            .order_by(AuditEntry.seq)
        ).all()
        created = session.scalar(
            select(func.count()).select_from(Unit).where(Unit.name.like("并发%"))
        )
    assert created == len(writers) * per_writer
    assert list(seqs) == list(range(1, len(seqs) + 1))
    report = verify(pg_context)
    assert report.ok, report


# ---------------------------------------------------------------- values


def test_utc_datetimes_come_back_aware_utc(pg_admin: AppContext, clock: FixedClock) -> None:
    assert pg_admin.user is not None
    with pg_admin.reading() as session:
        server_zone = session.scalar(text("SHOW timezone"))
        user = session.get(User, pg_admin.user.id)
        assert user is not None
        last_login = user.last_login_at
        stamps = [last_login, user.created_at, user.updated_at]
        raw = session.scalar(
            text("SELECT last_login_at FROM app_user WHERE id = :id"), {"id": user.id}
        )
    assert server_zone == "Asia/Shanghai"  # the driver hands back +08:00 …
    assert raw.utcoffset().total_seconds() == 8 * 3600
    assert raw == clock.now()  # … the same instant
    for stamp in stamps:  # … and the model turns it into UTC
        assert stamp is not None
        assert stamp.tzinfo is UTC
    assert last_login == clock.now()

    # A naive datetime never reaches the database.
    with pytest.raises(StatementError, match="naive datetime"):
        with pg_admin.uow() as session:
            row = session.get(User, pg_admin.user.id)
            assert row is not None
            row.locked_until = datetime(2026, 11, 25, 12, 0)
            session.flush()


def test_a_rare_character_round_trips(pg_admin: AppContext) -> None:
    name = f"{RARE}家村"
    unit_id = reference.save_unit(pg_admin, UnitInput(name, UnitKind.VILLAGE, f"村长姓{RARE}"))
    assert any(u.name == name and u.id == unit_id for u in reference.list_units(pg_admin))
    with pg_admin.reading() as session:
        found = session.scalar(select(Unit).where(Unit.name == name))
        assert found is not None and found.id == unit_id and found.note == f"村长姓{RARE}"
        # One character to the database (not two UTF-16 halves), four bytes in UTF-8.
        length, octets = session.execute(
            text("SELECT length(name), octet_length(name) FROM unit WHERE id = :id"),
            {"id": unit_id},
        ).one()
        assert (length, octets) == (3, 4 + 3 + 3)
        like = session.scalar(
            select(func.count()).select_from(Unit).where(Unit.name.like(f"{RARE}%"))
        )
        assert like == 1
    with pytest.raises(ValidationError, match="已经有名为"):
        reference.save_unit(pg_admin, UnitInput(name, UnitKind.VILLAGE))
    entries = list_audit_entries(pg_admin, AuditFilter(text=RARE))
    assert [e.changes["name"] for e in entries] == [[None, name]]
    assert verify(pg_admin).ok


# ---------------------------------------------------------------- what a server cannot do


def test_an_unreachable_server_gives_a_plain_message(
    postgres_server: PostgresServer, tmp_path: Path, clock: FixedClock
) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]  # nothing listens there once the probe is closed
    url = f"postgresql+psycopg://postgres@127.0.0.1:{closed_port}/jinsha"
    with pytest.raises(DatabaseProblem, match="无法连接数据库服务器"):
        open_database(url, tmp_path / "backups", clock)


def test_backup_of_a_server_database_is_left_to_its_administrator(
    pg_admin: AppContext, tmp_path: Path
) -> None:
    with pytest.raises(DatabaseProblem, match="pg_dump"):
        backup_database(pg_admin, tmp_path / "copy.sqlite3")
    assert not (tmp_path / "copy.sqlite3").exists()


def test_registration_lists_and_monitoring_work_on_postgresql(pg_admin: AppContext, clock) -> None:
    today = registration.today_of(pg_admin)
    risk_areas.save_risk_area(
        pg_admin, RiskAreaInput("上海市浦东新区", RiskLevel.MEDIUM, today, None)
    )
    checkpoint = a_checkpoint(pg_admin)
    names = ["王秀英", "王建国", "𠮷祥", "张伟", "李娟"]
    for number, name in enumerate(names):
        clock.advance(minutes=1)
        result = registration.register_visit(
            pg_admin,
            VisitInput(
                document_number=resident_id(sequence=100 + number),
                name=name,
                phone=f"1381234567{number}",
                origin="上海市浦东新区" if name == "张伟" else "江苏省南通市通州区",
                checkpoint_id=checkpoint,
            ),
        )
        if name == "张伟":
            flagged = result
    assert [f.code for f in flagged.flags] == ["medium"]

    # Keyset paging (row-value comparison) walks every row once, in order, both ways.
    for descending in (True, False):
        seen: list[str] = []
        after = None
        while True:
            page = visit_lists.visits_page(
                pg_admin,
                visit_lists.VisitFilter(),
                visit_lists.VisitSort("person_name", descending),
                after,
                limit=2,
            )
            if not page:
                break
            seen += [row.person_name for row in page]
            after = (page[-1].sort_value, page[-1].id)
        assert sorted(seen, key=name_sort_key, reverse=descending) == seen and len(seen) == 5
    assert seen == ["李娟", "王建国", "王秀英", "张伟", "𠮷祥"]  # pinyin order

    found = visit_lists.visits_page(pg_admin, visit_lists.VisitFilter(text="王"))
    assert {row.person_name for row in found} == {"王秀英", "王建国"}
    found = visit_lists.visits_page(pg_admin, visit_lists.VisitFilter(text="𠮷"))
    assert [row.person_name for row in found] == ["𠮷祥"]
    found = visit_lists.visits_page(pg_admin, visit_lists.VisitFilter(text="13812345674"))
    assert [row.person_name for row in found] == ["李娟"]

    case_id = monitoring.open_case(
        pg_admin,
        monitoring.CaseInput(flagged.person_id, flagged.flags[0].reason, today - timedelta(days=1)),
    )
    monitoring.add_check(pg_admin, case_id, monitoring.CheckInput(today, "36.6"))
    assert monitoring.today_list(pg_admin) == []
    with pg_admin.reading() as session:
        assert verify_audit(session).ok
