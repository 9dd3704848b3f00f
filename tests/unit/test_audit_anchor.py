"""The audit chain's head outside the database (db/audit_head.py, services/audit_anchor.py): when
it is written, what a stopped process leaves, older databases, and where else the head shows."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import event, select, update

from jinsha_desktop.db import audit_head
from jinsha_desktop.db.models import AuditEntry, User
from jinsha_desktop.db.registration_models import Person
from jinsha_desktop.domain.audit_chain import GENESIS_HASH, entry_hash, record_digest
from jinsha_desktop.domain.reference import UnitInput, UnitKind
from jinsha_desktop.services import auth, reference, registration
from jinsha_desktop.services.audit_anchor import anchor_path, current_head
from jinsha_desktop.services.audit_records import entry_content, v1_columns
from jinsha_desktop.services.context import AppContext
from tests.conftest import ADMIN_PASSWORD
from tests.unit.audit_tampering import a_visit
from tests.unit.support import a_checkpoint, audit_entries, raw_sqlite, resident_id, verify


def _head(context: AppContext) -> audit_head.HeadFile:
    path = anchor_path(context.database)
    assert path is not None
    head = audit_head.read_head(path)
    assert head is not None
    return head


def _chain(context: AppContext) -> audit_head.ChainHead:
    return _head(context).chains[str(context.installation_id)]


def test_the_head_file_sits_beside_the_database_and_names_the_last_entry(
    admin: AppContext,
) -> None:
    reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    last = audit_entries(admin)[-1]

    path = anchor_path(admin.database)
    assert admin.database.file is not None and path is not None
    assert path == admin.database.file.with_name("jinsha.sqlite3.audit-head")
    assert _chain(admin).confirmed == audit_head.ChainPoint(last.seq, last.hash)
    assert _chain(admin).pending == []
    assert _head(admin).database_id
    assert path.stat().st_size == 2 * audit_head.SLOT
    assert not list(path.parent.glob("*.tmp")), "no temporary file is left behind"


def test_a_read_only_use_case_does_not_touch_the_head(admin: AppContext) -> None:
    path = anchor_path(admin.database)
    assert path is not None
    before = path.read_bytes()

    reference.list_units(admin)

    assert path.read_bytes() == before


def test_a_commit_whose_confirmation_was_not_written_still_verifies(
    admin: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process stopped after the database commit, before the head was confirmed."""
    real = audit_head.update_head
    calls = []

    def fail_second(path: Path, change, described_as: str = "", **options: bool) -> object:
        calls.append(path)
        if len(calls) == 2:
            raise OSError("stopped here")
        return real(path, change, described_as, **options)

    monkeypatch.setattr("jinsha_desktop.services.audit_anchor.update_head", fail_second)
    reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    monkeypatch.undo()

    assert len(calls) == 2
    assert _chain(admin).pending, "the commit is only pending in the anchor"
    assert verify(admin).ok
    reference.save_unit(admin, UnitInput("五总村", UnitKind.VILLAGE))
    assert _chain(admin).pending == [] and verify(admin).ok


def test_a_commit_that_failed_after_the_pending_head_was_written_still_verifies(
    admin: AppContext,
) -> None:
    def refuse(_session: object) -> None:
        raise RuntimeError("the disk went away")

    event.listen(admin.database.write_sessions, "before_commit", refuse)
    try:
        with pytest.raises(RuntimeError, match="disk went away"):
            reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    finally:
        event.remove(admin.database.write_sessions, "before_commit", refuse)

    assert _chain(admin).pending, "the head of the commit that never happened"
    assert verify(admin).ok
    reference.save_unit(admin, UnitInput("五总村", UnitKind.VILLAGE))
    assert verify(admin).ok


def test_a_database_without_a_head_warns_and_gets_one_at_the_next_save(
    admin: AppContext,
) -> None:
    path = anchor_path(admin.database)
    assert path is not None
    path.unlink()

    report = verify(admin)
    assert report.ok
    assert any("还没有锚点文件" in w for w in report.anchor_warnings)

    reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    report = verify(admin)
    assert report.ok and not any("还没有锚点文件" in w for w in report.anchor_warnings)


def test_a_head_of_another_database_is_not_used(admin: AppContext) -> None:
    path = anchor_path(admin.database)
    assert path is not None
    head = _head(admin)
    head.database_id = "another"
    head.chains[str(admin.installation_id)].confirmed = audit_head.ChainPoint(999, "0" * 64)
    audit_head.write_head(path, head)

    report = verify(admin)

    assert report.ok
    assert any("属于另一个数据库" in w for w in report.anchor_warnings)


def test_a_head_file_with_one_slot_torn_reads_the_other(admin: AppContext) -> None:
    """A power cut in the middle of a write: the slot written last fails its checksum."""
    reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    path = anchor_path(admin.database)
    assert path is not None
    raw = bytearray(path.read_bytes())
    newest = audit_head._newest_slot(bytes(raw))
    assert newest is not None
    raw[newest[0] * audit_head.SLOT + 200] ^= 0xFF
    path.write_bytes(bytes(raw))

    head = audit_head.read_head(path)

    assert head is not None and str(admin.installation_id) in head.chains
    assert verify(admin).ok, "one write older: the pending head of the last save names it"


def test_a_damaged_head_file_is_reported(admin: AppContext) -> None:
    path = anchor_path(admin.database)
    assert path is not None
    path.write_bytes(path.read_bytes().replace(b'"confirmed"', b'"confirmeD"'))

    report = verify(admin)

    assert not report.ok
    assert any("锚点文件" in p and "已损坏" in p for p in report.anchor_problems)


# ---------------------------------------------------------------- bookkeeping columns


def test_a_returning_person_gets_no_new_version_nor_entry_from_a_registration(
    admin: AppContext,
) -> None:
    checkpoint = a_checkpoint(admin)
    visit = a_visit(resident_id(), "张三", checkpoint)
    first = registration.register_visit(admin, visit)
    admin.clock.advance(hours=2)  # type: ignore[attr-defined]
    registration.register_visit(admin, visit, confirm_duplicate=True)

    with admin.reading() as session:
        person = session.get(Person, first.person_id)
        assert person is not None
        assert (person.version, person.last_visit_at) == (1, admin.clock.now())
    assert len(audit_entries(admin, table_name="person")) == 1
    assert verify(admin).ok


def test_logins_leave_the_account_version_alone(admin: AppContext) -> None:
    with admin.reading() as session:
        before = session.scalar(select(User.version).where(User.username == "admin"))
    auth.login(admin.as_user(None), "admin", ADMIN_PASSWORD)
    with pytest.raises(Exception, match="再错"):
        auth.login(admin.as_user(None), "admin", "wrong")

    with admin.reading() as session:
        assert session.scalar(select(User.version).where(User.username == "admin")) == before
    assert verify(admin).ok


# ---------------------------------------------------------------- databases of the previous version


def _as_written_by_the_previous_version(context: AppContext) -> None:
    """Every digest in its version 1 form and the chain recomputed, no head file: what the
    previous program left."""
    from sqlalchemy import create_engine

    from jinsha_desktop.db.schema import Base

    models = {
        m.class_.__tablename__: m.class_
        for m in Base.registry.mappers
        if hasattr(m.class_, "__tablename__")
    }
    context.database.dispose()
    path = anchor_path(context.database)
    assert path is not None
    path.unlink()
    engine = create_engine(context.database.url)
    table = AuditEntry.__table__
    with engine.begin() as connection:
        previous = GENESIS_HASH
        rows = connection.execute(select(table).order_by(table.c.seq)).mappings().all()
        for original in rows:
            row = dict(original)
            if row["record_digest"]:
                model = models[row["table_name"]]
                record = (
                    connection.execute(
                        select(model.__table__).where(
                            model.__table__.c.id == uuid.UUID(row["record_id"])
                        )
                    )
                    .mappings()
                    .one()
                )
                row["record_digest"] = record_digest({k: record[k] for k in v1_columns(model)})
            row["prev_hash"] = previous
            row["hash"] = previous = entry_hash(previous, entry_content(row))
            connection.execute(update(table).where(table.c.id == row["id"]).values(**row))
    engine.dispose()


def test_a_database_of_the_previous_version_still_verifies(admin: AppContext) -> None:
    unit = reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    _as_written_by_the_previous_version(admin)

    report = verify(admin)
    assert report.ok, report.problems
    assert admin.database.file is not None

    # Content is still covered by a version 1 digest; who/when only from the next save on.
    with raw_sqlite(admin.database.file) as connection:
        connection.execute("UPDATE unit SET created_by = NULL WHERE id = ?", (unit.hex,))
    assert verify(admin).ok, "a known limit of version 1 digests"
    with raw_sqlite(admin.database.file) as connection:
        connection.execute("UPDATE unit SET note = '改' WHERE id = ?", (unit.hex,))
    assert not verify(admin).ok


def test_a_record_of_the_previous_version_is_fully_covered_once_saved_again(
    admin: AppContext,
) -> None:
    unit = reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    _as_written_by_the_previous_version(admin)
    reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY, "新备注"), unit, 1)
    assert verify(admin).ok
    assert admin.database.file is not None

    with raw_sqlite(admin.database.file) as connection:
        connection.execute("UPDATE unit SET created_by = NULL WHERE id = ?", (unit.hex,))

    assert verify(admin).tampered_records == [f"unit {unit}：内容与最后一条操作日志不符"]


# ---------------------------------------------------------------- the head elsewhere


def test_the_head_is_given_for_bundles_and_printed_on_every_ledger_page(
    admin: AppContext, tmp_path: Path
) -> None:
    from datetime import timedelta

    from jinsha_desktop.reports.ledgers import LedgerRequest, generate_ledger
    from tests.reports.pdf_checks import page_texts

    head = current_head(admin)
    last = audit_entries(admin)[-1]
    assert head is not None and (head.seq, head.hash) == (last.seq, last.hash)

    today = admin.clock.now().date()
    out = tmp_path / "空白.pdf"
    generate_ledger(
        admin, LedgerRequest("blank", today - timedelta(days=1), today, blank_pages=2), out
    )

    texts = page_texts(out)
    assert len(texts) == 2
    assert all(f"操作日志锚点 {str(admin.installation_id)[:8]}·{head.seq}·" in t for t in texts)
    assert all(head.hash[:16] in t for t in texts)


def test_a_backup_restored_by_the_program_starts_a_new_anchor(
    admin: AppContext, tmp_path: Path
) -> None:
    from jinsha_desktop.services.backup import backup_database, restore_backup

    backup = tmp_path / "备份.sqlite3"
    backup_database(admin, backup)
    reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))
    file = admin.database.file
    assert file is not None
    admin.database.dispose()

    aside = restore_backup(file, backup, admin.clock.now())

    report = verify(admin)
    assert report.ok, "the restored copy is behind the old anchor, which went aside with the file"
    assert any("还没有锚点文件" in w for w in report.anchor_warnings)
    assert aside.with_name(aside.name + ".audit-head").exists()
    reference.save_unit(admin, UnitInput("五总村", UnitKind.VILLAGE))
    report = verify(admin)
    assert report.ok and not any("还没有锚点文件" in w for w in report.anchor_warnings)


def test_the_next_save_replaces_the_head_of_another_database(admin: AppContext) -> None:
    path = anchor_path(admin.database)
    assert path is not None
    head = _head(admin)
    head.database_id = "another"
    head.breaks.append("另一个数据库的问题")
    audit_head.write_head(path, head)

    reference.save_unit(admin, UnitInput("南山社区", UnitKind.COMMUNITY))

    report = verify(admin)
    assert report.ok and not any("另一个数据库" in w for w in report.anchor_warnings)
    assert _head(admin).database_id != "another" and _head(admin).breaks == []
