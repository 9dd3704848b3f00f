"""The tamper suite's scene and its cases, shared by SQLite (tests/unit/test_audit_tamper.py) and
PostgreSQL (tests/db/test_postgres_audit_tamper.py).

Every case edits the database with plain SQL through an engine of its own: no ORM, no audit
hooks, no anchor writes — what a person with the file (or a server login) and this source code
can do. Recomputing hashes uses the program's own functions, as such a person would.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, select, text, update
from sqlalchemy.engine import Connection

from jinsha_desktop.db.models import AuditEntry
from jinsha_desktop.db.registration_models import Person, Visit
from jinsha_desktop.domain.audit_chain import GENESIS_HASH, entry_hash, record_digest_v2
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.reports.exports import export_visits
from jinsha_desktop.services import auth, registration
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.visit_lists import VisitFilter, VisitSort
from tests.unit.support import USER_PASSWORD, a_checkpoint, add_user, resident_id

ZHANG = resident_id("320612", "19900101", 123)
LI = resident_id("320612", "19851231", 224)
WANG = resident_id("320611", "19700505", 331)


def a_visit(document: str, name: str, checkpoint: uuid.UUID) -> VisitInput:
    """A registration with every field a checkpoint may make required filled in."""
    return VisitInput(
        document_number=document,
        name=name,
        checkpoint_id=checkpoint,
        origin="江苏省南通市崇川区",
        destination_address="金沙街道人民路 1 号",
        purpose="探亲",
        temperature="36.5",
        health_code="green",
        travel_code_star=False,
    )


@dataclass
class Scene:
    """Registrations by a volunteer, then an administrator's session that exports every full ID
    number (login, export --full, logout): the last thing written."""

    admin: AppContext
    volunteer: AppContext
    checkpoint: uuid.UUID
    zhang: uuid.UUID
    li: uuid.UUID
    zhang_visits: list[uuid.UUID]
    li_visit: uuid.UUID
    session_seqs: list[int] = field(default_factory=list)
    """The admin session's entries in this installation's chain (login, export, logout)."""
    export_seq: int = 0
    """The entry of the export of every full number."""
    workdir: Path = Path()


def build_scene(admin: AppContext, workdir: Path) -> Scene:
    clock = admin.clock
    add_user(admin, "volunteer", Role.CHECKPOINT)
    volunteer = auth.login(admin.as_user(None), "volunteer", USER_PASSWORD)
    checkpoint = a_checkpoint(admin)
    visits = []
    for document, name in ((ZHANG, "张三"), (ZHANG, "张三"), (LI, "李四")):
        clock.advance(minutes=7)  # type: ignore[attr-defined]
        visits.append(
            registration.register_visit(
                volunteer,
                a_visit(document, name, checkpoint),
                confirm_duplicate=True,
            )
        )
    clock.advance(minutes=30)  # type: ignore[attr-defined]
    before = chain_length(admin)
    session = auth.login(admin.as_user(None), "admin", _admin_password())
    export_visits(session, VisitFilter(), VisitSort(), workdir / "全部.xlsx", full=True)
    auth.logout(session)
    return Scene(
        admin=admin,
        volunteer=volunteer,
        checkpoint=checkpoint,
        zhang=visits[0].person_id,
        li=visits[2].person_id,
        zhang_visits=[visits[0].visit_id, visits[1].visit_id],
        li_visit=visits[2].visit_id,
        session_seqs=list(range(before + 1, chain_length(admin) + 1)),
        export_seq=_export_seq(admin),
        workdir=workdir,
    )


def _export_seq(context: AppContext) -> int:
    with context.reading() as session:
        seq = session.scalar(select(AuditEntry.seq).where(AuditEntry.action == "export"))
    assert seq is not None
    return seq


def _admin_password() -> str:
    from tests.conftest import ADMIN_PASSWORD

    return ADMIN_PASSWORD


def chain_length(context: AppContext) -> int:
    with context.reading() as session:
        return (
            session.scalar(
                select(AuditEntry.seq)
                .where(AuditEntry.chain_installation_id == context.installation_id)
                .order_by(AuditEntry.seq.desc())
                .limit(1)
            )
            or 0
        )


# ---------------------------------------------------------------- behind the program's back


@contextmanager
def outside(scene: Scene) -> Iterator[Outside]:
    out = Outside(scene)
    try:
        yield out
    finally:
        out.close()


class Outside:
    """Plain SQL on the scene's database, through an engine without the program's hooks."""

    def __init__(self, scene: Scene) -> None:
        self.scene = scene
        scene.admin.database.dispose()  # the program's connections let go of the file
        self.engine: Engine = create_engine(scene.admin.database.url)
        self.dialect = self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def key(self, value: uuid.UUID) -> Any:
        """A key as the table stores it (SQLite: 32 hex digits; PostgreSQL: uuid)."""
        return value.hex if self.dialect == "sqlite" else value

    def run(self, sql: str, **params: Any) -> None:
        with self.engine.begin() as connection:
            connection.execute(text(sql), {k: self._bind(v) for k, v in params.items()})

    def _bind(self, value: Any) -> Any:
        return self.key(value) if isinstance(value, uuid.UUID) else value

    def shift(self, column: str) -> str:
        """SQL for "this timestamp column, a day earlier"."""
        if self.dialect == "sqlite":
            return f"strftime('%Y-%m-%d %H:%M:%f', {column}, '-1 day')"
        return f"{column} - interval '1 day'"

    def delete_entries_after(self, seq: int) -> None:
        self.run(
            "DELETE FROM audit_entry WHERE chain_installation_id = :chain AND seq > :seq",
            chain=self.scene.admin.installation_id,
            seq=seq,
        )

    def rechain(
        self,
        *,
        edit: Callable[[dict[str, Any]], None] | None = None,
        drop: frozenset[int] = frozenset(),
    ) -> None:
        """Recompute the whole chain with real SHA-256, after `edit` changed entries and the
        entries numbered in `drop` were removed (the rest renumbered): a rewritten log."""
        table = AuditEntry.__table__
        chain = self.scene.admin.installation_id
        with self.engine.begin() as connection:
            rows = [
                dict(r)
                for r in connection.execute(
                    select(table)
                    .where(table.c.chain_installation_id == chain)
                    .order_by(table.c.seq)
                ).mappings()
            ]
            # Out of the unique (chain, seq) index's way while renumbering.
            connection.execute(
                update(table).where(table.c.chain_installation_id == chain).values(seq=-table.c.seq)
            )
            previous, seq = GENESIS_HASH, 0
            for row in rows:
                if row["seq"] in drop:
                    connection.execute(table.delete().where(table.c.id == row["id"]))
                    continue
                seq += 1
                if edit is not None:
                    edit(row)
                row["seq"], row["prev_hash"] = seq, previous
                row["hash"] = entry_hash(previous, _content(row))
                connection.execute(update(table).where(table.c.id == row["id"]).values(**row))
                previous = row["hash"]

    def append_entry(self, **content: Any) -> None:
        """A made-up entry chained properly onto the tail."""
        table = AuditEntry.__table__
        chain = self.scene.admin.installation_id
        with self.engine.begin() as connection:
            tail = (
                connection.execute(
                    select(table)
                    .where(table.c.chain_installation_id == chain)
                    .order_by(table.c.seq.desc())
                    .limit(1)
                )
                .mappings()
                .one()
            )
            row = dict(tail)
            row.update(content)
            row["id"] = uuid.uuid4()
            row["seq"] = tail["seq"] + 1
            row["prev_hash"] = tail["hash"]
            row["hash"] = entry_hash(tail["hash"], _content(row))
            connection.execute(table.insert().values(**row))

    def digest_now(self, model: Any, record_id: uuid.UUID) -> str:
        """The version 2 digest of a row as it now stands (what a forger must write)."""
        from jinsha_desktop.services.audit_records import v2_columns

        table = model.__table__
        with self.engine.connect() as connection:
            row = connection.execute(select(table).where(table.c.id == record_id)).mappings().one()
        return record_digest_v2({k: row[k] for k in v2_columns(model)})

    def connection(self) -> Connection:
        return self.engine.connect()


def _content(row: dict[str, Any]) -> dict[str, Any]:
    from jinsha_desktop.services.audit_records import entry_content

    return entry_content(row)


# ---------------------------------------------------------------- the cases of issue 11, point 1


def hard_delete_a_visit(scene: Scene) -> None:
    with outside(scene) as out:
        out.run("DELETE FROM visit WHERE id = :id", id=scene.li_visit)


def hard_delete_a_person_with_their_visits(scene: Scene) -> None:
    with outside(scene) as out:
        out.run("DELETE FROM visit WHERE person_id = :id", id=scene.zhang)
        out.run("DELETE FROM person WHERE id = :id", id=scene.zhang)


def delete_the_last_registration_with_its_entries(scene: Scene) -> None:
    # The registration must be the last thing written: save one more, then cut it out whole.
    before = chain_length(scene.admin)
    result = registration.register_visit(
        scene.volunteer,
        a_visit(WANG, "王五", scene.checkpoint),
    )
    with outside(scene) as out:
        out.run("DELETE FROM visit WHERE id = :id", id=result.visit_id)
        out.run("DELETE FROM person WHERE id = :id", id=result.person_id)
        out.delete_entries_after(before)


def delete_the_trailing_entries_of_a_session(scene: Scene) -> None:
    with outside(scene) as out:
        out.delete_entries_after(scene.session_seqs[0] - 1)


def _edit(table: str, column: str, record: Callable[[Scene], uuid.UUID]) -> Callable[[Scene], None]:
    def case(scene: Scene) -> None:
        with outside(scene) as out:
            if column == "created_by":
                change = "NULL"
            elif column == "version":
                change = "version + 1"
            else:
                change = out.shift(column)
            out.run(f"UPDATE {table} SET {column} = {change} WHERE id = :id", id=record(scene))

    case.__name__ = f"edit_{column}_of_a_{table}"
    return case


def rechain_after_editing_a_visit(scene: Scene) -> None:
    """Change who was registered, write the matching digest into the visit's entry and
    recompute every hash."""
    with outside(scene) as out:
        out.run("UPDATE visit SET person_name = '赵六' WHERE id = :id", id=scene.li_visit)
        digest = out.digest_now(Visit, scene.li_visit)

        def edit(row: dict[str, Any]) -> None:
            if row["record_id"] == str(scene.li_visit):
                row["record_digest"] = digest
                row["changes"] = row["changes"].replace("李四", "赵六")

        out.rechain(edit=edit)


def rechain_without_the_export(scene: Scene) -> None:
    """Drop the export of every full ID number from the middle and renumber the rest."""
    with outside(scene) as out:
        out.rechain(drop=frozenset({scene.export_seq}))


def rechain_with_the_export_masked(scene: Scene) -> None:
    """Rewrite the export's summary (full numbers → masked) and recompute the chain."""
    export = scene.export_seq

    def edit(row: dict[str, Any]) -> None:
        if row["seq"] == export:
            assert "含完整证件号码和手机号" in row["summary"]
            row["summary"] = row["summary"].replace("含完整证件号码和手机号", "个人信息已遮挡")

    with outside(scene) as out:
        out.rechain(edit=edit)


def forge_an_entry_for_an_edit(scene: Scene) -> None:
    """Edit a person and append a well-formed "update" entry that explains it."""
    with outside(scene) as out:
        out.run(
            "UPDATE person SET phone = '13900000000', version = version + 1 WHERE id = :id",
            id=scene.li,
        )
        out.append_entry(
            action="update",
            table_name="person",
            record_id=str(scene.li),
            changes='{"phone": ["", "13900000000"]}',
            summary="李四",
            record_digest=out.digest_now(Person, scene.li),
            record_version=2,
        )


CASES: list[Callable[[Scene], None]] = [
    hard_delete_a_visit,
    hard_delete_a_person_with_their_visits,
    delete_the_last_registration_with_its_entries,
    delete_the_trailing_entries_of_a_session,
    *[
        _edit(table, column, record)
        for table, record in (
            ("visit", lambda s: s.li_visit),
            ("person", lambda s: s.zhang),
            ("app_user", lambda s: s.volunteer.user.id),  # type: ignore[union-attr]
        )
        for column in ("created_by", "created_at", "updated_at", "version")
    ],
    rechain_after_editing_a_visit,
    rechain_without_the_export,
    rechain_with_the_export_masked,
    forge_an_entry_for_an_edit,
]
"""Every case of issue 11, point 1 (and neighbours), each a separate attack."""


def case_id(case: Callable[..., None]) -> str:
    return case.__name__
