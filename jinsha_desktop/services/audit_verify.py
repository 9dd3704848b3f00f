"""`audit verify`: the chains link up, every record matches its last entry, every record an entry
names still exists, and the chains end where the anchor outside the database says they do.

Reads with SQLAlchemy Core in key order and merges, so memory stays flat on a million visits:
the records of a table ordered by key beside the last digest of each record ordered the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, String, Uuid, func, select, text, type_coerce
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from jinsha_desktop.db.audit_head import ChainPoint, head_path
from jinsha_desktop.db.base import CommonColumns
from jinsha_desktop.db.engine import Database
from jinsha_desktop.db.errors import raise_known
from jinsha_desktop.db.models import AuditEntry
from jinsha_desktop.db.schema import Base
from jinsha_desktop.domain.audit_chain import GENESIS_HASH, entry_hash
from jinsha_desktop.domain.errors import DatabaseProblem
from jinsha_desktop.services.audit_anchor import check_anchor, check_printed_heads
from jinsha_desktop.services.audit_records import entry_content, matches

_AUTO: Any = object()
BATCH = 5000


@dataclass
class VerifyReport:
    entries_checked: int = 0
    records_checked: int = 0
    first_broken: str | None = None
    """The first broken link of any chain, described for a person."""
    tampered_records: list[str] = field(default_factory=list)
    """Records that do not match their last audit entry, or that have none."""
    missing_records: list[str] = field(default_factory=list)
    """Records named by the log that are gone from their table without a purge entry."""
    anchor_problems: list[str] = field(default_factory=list)
    """Chains that do not end where the anchor outside the database says."""
    anchor_warnings: list[str] = field(default_factory=list)
    """What the anchor cannot vouch for (no anchor yet, chains of other machines): not tampering."""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def problems(self) -> list[str]:
        """Every finding, one line each, the broken link first."""
        first = [f"第一处断链：{self.first_broken}"] if self.first_broken else []
        return (
            first
            + [f"被改动的记录：{line}" for line in self.tampered_records]
            + [f"被删除的记录：{line}" for line in self.missing_records]
            + [f"锚点不符：{line}" for line in self.anchor_problems]
        )


class DamagedDatabase(DatabaseProblem):
    """The database file itself is damaged: it cannot be verified (not the same as tampered)."""


_DAMAGE_SIGNS = ("malformed", "disk image", "corrupt")


def damage_of(error: BaseException) -> DamagedDatabase | None:
    """A DamagedDatabase if `error` (or what caused it) is SQLite reporting a damaged file."""
    seen: BaseException | None = error
    while seen is not None:
        detail = str(getattr(seen, "orig", None) or seen)
        if any(sign in detail.lower() for sign in _DAMAGE_SIGNS):
            return DamagedDatabase(_damaged(detail.splitlines()[0]))
        seen = seen.__cause__
    return None


def _damaged(detail: str) -> str:
    return (
        f"数据库文件已损坏，无法校验操作日志（{detail[:200]}）。"
        "请不要再往这个文件里保存，从最近的备份恢复。"
    )


def verify_database(
    database: Database, max_tampered: int = 50, printed_heads: Sequence[str] = ()
) -> VerifyReport:
    """The file's own health first (SQLite's quick_check), then `verify_audit`.

    Raises DamagedDatabase for a damaged file, another KnownError for what a person can fix.
    """
    try:
        with database.read_sessions() as session:
            if session.get_bind().dialect.name == "sqlite":
                found = [row[0] for row in session.execute(text("PRAGMA quick_check(5)"))]
                if found != ["ok"]:
                    raise DamagedDatabase(_damaged("；".join(str(line) for line in found)))
            return verify_audit(session, max_tampered, printed_heads=printed_heads)
    except SQLAlchemyError as error:
        damaged = damage_of(error)
        if damaged is not None:
            raise damaged from error
        raise_known(error)
        raise


def verify_audit(
    session: Session,
    max_tampered: int = 50,
    anchor: Any = _AUTO,
    printed_heads: Sequence[str] = (),
) -> VerifyReport:
    """Verify everything (see the module docstring). `anchor` is the head file's path; by
    default the one the program writes for this database (db/audit_head.py). `printed_heads`
    are heads copied from printed ledgers, each of which the log must still hold."""
    report = VerifyReport()
    try:
        tails, purged = _verify_chains(session, report)
    except _UNREADABLE as error:
        # A value no program of ours writes (e.g. a date that is no date): put there by hand.
        report.first_broken = f"操作日志中有无法读取的值（{error}），是在程序之外写入的"
        tails, purged = {}, set()
    if anchor is _AUTO:
        anchor = anchor_location(session)
    if report.first_broken is None:
        check = check_anchor(session, anchor, tails)
        report.anchor_problems += check.problems
        report.anchor_warnings += check.warnings
    report.anchor_problems += check_printed_heads(session, printed_heads)
    for model in _audited_models():
        try:
            _verify_table(session, model, purged, report, max_tampered)
        except _UNREADABLE as error:
            name = model.__tablename__  # type: ignore[attr-defined]
            report.tampered_records.append(
                f"{name}：有无法读取的值（{error}），是在程序之外写入的；这张表没有查完"
            )
    return report


_UNREADABLE = (ValueError, TypeError, ArithmeticError)
"""What reading a hand-written value raises (a bad date, number or key): not a damaged file."""


def _read(table: Any, dialect: str) -> Select[Any]:
    """All columns of `table`; on SQLite the UUID columns come as their text form straight from
    SQL (what canonical_value makes of a UUID), not parsed into UUID objects and printed again:
    that was a fifth of verify's time. A value that is no UUID at all simply fails its digest."""
    if dialect != "sqlite":
        return select(table)
    columns: list[Any] = []
    for column in table.columns:
        if isinstance(column.type, Uuid):
            columns.append(type_coerce(_uuid_text(column), String).label(column.key))
        else:
            columns.append(column)
    return select(*columns)


def _uuid_text(column: Any) -> Any:
    hexdigits = func.lower(type_coerce(column, String), type_=String)
    parts = [
        func.substr(hexdigits, start, length, type_=String)
        for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
    ]
    joined: Any = parts[0]
    for part in parts[1:]:
        joined = joined + "-" + part
    return joined


def _audited_models() -> list[type[CommonColumns]]:
    models = [m.class_ for m in Base.registry.mappers]
    return sorted(
        (m for m in models if issubclass(m, CommonColumns) and m.__audited__),
        key=lambda m: str(m.__tablename__),  # type: ignore[attr-defined]
    )


# ---------------------------------------------------------------- the chains


def _verify_chains(
    session: Session, report: VerifyReport
) -> tuple[dict[uuid.UUID, ChainPoint], set[tuple[str, str]]]:
    """Recompute every chain; returns each chain's last entry and the records purged."""
    table = AuditEntry.__table__
    dialect = session.get_bind().dialect.name
    tails: dict[uuid.UUID, ChainPoint] = {}
    purged: set[tuple[str, str]] = set()
    chains = session.scalars(select(AuditEntry.chain_installation_id).distinct()).all()
    for chain in sorted(chains, key=str):
        stmt = (
            _read(table, dialect)
            .where(table.c.chain_installation_id == chain)
            .order_by(table.c.seq)
            .execution_options(yield_per=BATCH)
        )
        expected_seq, previous = 1, GENESIS_HASH
        with session.execute(stmt) as result:  # closes the server-side cursor on PostgreSQL
            for row in result.mappings():
                report.entries_checked += 1
                problem = _link_problem(row, expected_seq, previous)
                if problem is not None:
                    report.first_broken = (
                        f"安装 {row['chain_installation_id']} 的第 {row['seq']} 条操作日志"
                        f"（{row['at']:%Y-%m-%d %H:%M:%S} UTC，{row['id']}）：{problem}"
                    )
                    return tails, purged
                if row["action"] == "purge":
                    purged.add((row["table_name"], row["record_id"]))
                expected_seq, previous = row["seq"] + 1, row["hash"]
        tails[chain] = ChainPoint(expected_seq - 1, previous)
    return tails, purged


def _link_problem(row: Any, expected_seq: int, previous: str) -> str | None:
    if row["seq"] != expected_seq:
        return f"缺少第 {expected_seq} 条（下一条是第 {row['seq']} 条），日志被删除过"
    if row["prev_hash"] != previous:
        return "与前一条的链接不符，日志被删除或改动过"
    if entry_hash(previous, entry_content(row)) != row["hash"]:
        return "内容与其哈希不符，日志被改动过"
    return None


# ---------------------------------------------------------------- the records


def _verify_table(
    session: Session,
    model: type[CommonColumns],
    purged: set[tuple[str, str]],
    report: VerifyReport,
    max_tampered: int,
) -> None:
    """Merge the table's rows (by key) with the last digest of each record (by key)."""
    table = model.__table__  # type: ignore[attr-defined]
    name = table.name
    dialect = session.get_bind().dialect.name
    stmt = _read(table, dialect).order_by(table.c.id).execution_options(yield_per=BATCH)
    with session.execute(stmt) as result, closing(_last_digests(session, name)) as digests:
        _merge(model, result.mappings(), digests, purged, report, max_tampered)


def _merge(
    model: type[CommonColumns],
    rows: Any,
    digests: Iterator[tuple[str, str]],
    purged: set[tuple[str, str]],
    report: VerifyReport,
    max_tampered: int,
) -> None:
    name = model.__tablename__  # type: ignore[attr-defined]
    pending = next(digests, None)
    for row in rows:
        report.records_checked += 1
        key = str(row["id"])
        while pending is not None and pending[0] < key:
            _gone(name, pending[0], purged, report, max_tampered)
            pending = next(digests, None)
        if pending is not None and pending[0] == key:
            if not matches(model, row, pending[1]):
                _note(
                    report.tampered_records,
                    f"{name} {key}：内容与最后一条操作日志不符",
                    max_tampered,
                )
            pending = next(digests, None)
        else:
            _note(report.tampered_records, f"{name} {key}：没有对应的操作日志", max_tampered)
    while pending is not None:
        _gone(name, pending[0], purged, report, max_tampered)
        pending = next(digests, None)


def _gone(
    name: str, key: str, purged: set[tuple[str, str]], report: VerifyReport, limit: int
) -> None:
    if (name, key) not in purged:
        _note(
            report.missing_records,
            f"{name} {key}：操作日志中有这条记录，表中却没有了（在程序之外被删除）",
            limit,
        )


def _note(lines: list[str], line: str, limit: int) -> None:
    if len(lines) < limit:
        lines.append(line)


def _last_digests(session: Session, table_name: str) -> Generator[tuple[str, str]]:
    """(record id, digest of its latest entry) for every record of a table, by record id.

    The latest is the one for the highest version, not the newest time: a laptop's clock may
    go back, and entries from several installations interleave.
    """
    record_id: ColumnElement[str] = AuditEntry.record_id.expression
    if session.get_bind().dialect.name == "postgresql":
        record_id = record_id.collate("C")  # byte order, as uuid keys sort
    stmt = (
        select(AuditEntry.record_id, AuditEntry.record_digest)
        .where(AuditEntry.table_name == table_name, AuditEntry.record_digest != "")
        .order_by(record_id, AuditEntry.record_version, AuditEntry.at, AuditEntry.seq)
        .execution_options(yield_per=BATCH)
    )
    current: tuple[str, str] | None = None
    with session.execute(stmt) as rows:
        for key, digest in rows:
            if current is not None and current[0] != key:
                yield current
            current = (key, digest)
    if current is not None:
        yield current


def anchor_location(session: Session) -> Path | None:
    """Where the anchor of the database behind `session` is kept on this machine."""
    from jinsha_desktop import paths

    return head_path(session.get_bind().engine.url, paths.data_dir())
