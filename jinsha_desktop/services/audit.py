"""The audit log: every change made through a service, chained by hash; and its verification."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import get_history, set_committed_value
from sqlalchemy.sql.elements import ColumnElement

from jinsha_desktop.db.base import COMMON_COLUMN_NAMES, CommonColumns
from jinsha_desktop.db.engine import Database
from jinsha_desktop.db.models import AuditEntry, Installation
from jinsha_desktop.domain.audit_chain import GENESIS_HASH, entry_hash
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.text import search_text
from jinsha_desktop.services.audit_anchor import install_anchor_hooks
from jinsha_desktop.services.audit_records import digest_for_entry, entry_content, next_version
from jinsha_desktop.services.audit_verify import VerifyReport, verify_audit

if TYPE_CHECKING:
    from jinsha_desktop.services.context import AppContext

__all__ = ["VerifyReport", "verify_audit"]  # verification lives in audit_verify.py

SECRET_MARK = "（已修改）"

ACTION_LABELS = {
    "create": "新增",
    "update": "修改",
    "delete": "删除",
    "restore": "恢复",
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出登录",
    "view_full": "查看完整信息",
    "export": "导出",
    "print": "打印",
    "import": "导入",
    "backup": "备份",
    "purge": "彻底清除",
}


def install_audit_hooks(database: Database) -> None:
    """Stamp common columns and write audit entries on every flush of a writing session;
    refuse flushes in reading sessions (they would be bugs); anchor the chain's head outside
    the database around each commit (services/audit_anchor.py)."""
    event.listen(database.write_sessions, "before_flush", _before_flush)
    event.listen(database.read_sessions, "before_flush", _refuse_flush)
    install_anchor_hooks(database)


def _refuse_flush(session: Session, _context: Any, _instances: Any) -> None:
    raise RuntimeError("a reading session tried to write; use AppContext.uow()")


def _before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    context: AppContext | None = session.info.get("context")
    if context is None:
        raise RuntimeError("a writing session without an AppContext")
    now = context.clock.now()
    user_id = context.user.id if context.user else None
    for obj in list(session.new):
        if not isinstance(obj, CommonColumns):
            continue
        _apply_python_defaults(obj)
        obj.created_at = obj.created_at or now
        obj.updated_at = now
        obj.created_by = obj.created_by or user_id
        obj.updated_by = user_id
        obj.installation_id = obj.installation_id or context.installation_id
        if obj.__audited__:
            changes = {key: [None, value] for key, value in _shown_values(obj).items()}
            _append(session, context, "create", obj, changes)
    for obj in list(session.dirty):
        if not isinstance(obj, CommonColumns) or not session.is_modified(obj):
            continue
        changes = _changes(obj)
        if not changes and obj.__audited__:
            if _bookkeep(session, obj):
                continue
        obj.updated_at = now
        obj.updated_by = user_id
        if obj.__audited__ and changes:
            action = "update"
            if "deleted_at" in changes:
                action = "delete" if changes["deleted_at"][1] is not None else "restore"
            _append(session, context, action, obj, changes)
    for obj in session.deleted:
        if isinstance(obj, CommonColumns) and obj.__audited__:
            # Rows are removed only by an explicit, audited purge; anything else is a bug.
            raise RuntimeError(f"hard delete of {obj.__tablename__} outside a purge")  # type: ignore[attr-defined]


def _bookkeep(session: Session, obj: CommonColumns) -> bool:
    """Write a change of bookkeeping columns alone (e.g. a person's last_visit_at stamped by a
    registration) as a plain UPDATE: no new version, no updated_at, no audit entry, so the
    record still matches its last entry (services/audit_records.py lists these columns).
    Returns whether that was all the flush had to write for `obj`."""
    values = {}
    for key in obj.__audit_exclude__:
        history = get_history(obj, key)
        if history.has_changes() and history.added:
            values[key] = history.added[0]
    if not values:
        return False
    table = obj.__table__  # type: ignore[attr-defined]
    session.connection().execute(update(table).where(table.c.id == obj.id).values(**values))
    for key, value in values.items():
        set_committed_value(obj, key, value)
    return True


def _apply_python_defaults(obj: CommonColumns) -> None:
    """Fill scalar column defaults now, so the audit entry and digest see the stored values."""
    if obj.id is None:
        obj.id = uuid.uuid4()
    for column in obj.__table__.columns:  # type: ignore[attr-defined]
        default = column.default
        if default is not None and default.is_scalar and getattr(obj, column.key) is None:
            setattr(obj, column.key, default.arg)


def _audited_columns(obj: CommonColumns) -> list[str]:
    skip = COMMON_COLUMN_NAMES | obj.__audit_exclude__
    return [c.key for c in obj.__table__.columns if c.key not in skip]  # type: ignore[attr-defined]


def _audited_values(obj: CommonColumns) -> dict[str, Any]:
    """The record's audited columns as stored (secrets included: the digest must cover them)."""
    return {key: getattr(obj, key) for key in _audited_columns(obj)}


def _shown_values(obj: CommonColumns) -> dict[str, Any]:
    """The same for the audit log itself, where secrets only show as changed."""
    values = _audited_values(obj)
    for key in obj.__audit_secret__:
        values[key] = SECRET_MARK
    return values


def _changes(obj: CommonColumns) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for key in _audited_columns(obj):
        history = get_history(obj, key)
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        if key in obj.__audit_secret__:
            old, new = None, SECRET_MARK
        changes[key] = [old, new]
    return changes


def _tail(session: Session, chain: uuid.UUID) -> tuple[int, str]:
    tails: dict[uuid.UUID, tuple[int, str]] = session.info.setdefault("audit_tails", {})
    if chain not in tails:
        with session.no_autoflush:
            # Serialise writers of one chain on a server database (SQLite already has
            # BEGIN IMMEDIATE): lock the installation row before reading the chain's tail.
            session.execute(
                select(Installation.id).where(Installation.id == chain).with_for_update()
            )
            row = session.execute(
                select(AuditEntry.seq, AuditEntry.hash)
                .where(AuditEntry.chain_installation_id == chain)
                .order_by(AuditEntry.seq.desc())
                .limit(1)
            ).first()
        tails[chain] = (row[0], row[1]) if row else (0, GENESIS_HASH)
        # Where the chain stood before this session: the anchor hooks compare it with the head.
        session.info.setdefault("audit_starts", {})[chain] = tails[chain]
    return tails[chain]


def _append(
    session: Session,
    context: Any,
    action: str,
    obj: CommonColumns | None,
    changes: dict[str, list[Any]] | None = None,
    summary: str = "",
    table_name: str = "",
    record_id: str = "",
) -> AuditEntry:
    chain = context.installation_id
    seq, previous = _tail(session, chain)
    now = context.clock.now()
    user = context.user
    entry = AuditEntry(
        id=uuid.uuid4(),
        chain_installation_id=chain,
        seq=seq + 1,
        at=now,
        user_id=user.id if user else None,
        username=user.username if user else "",
        action=action,
        table_name=obj.__tablename__ if obj is not None else table_name,  # type: ignore[attr-defined]
        record_id=str(obj.id) if obj is not None else record_id,
        changes=json.dumps(_jsonable(changes or {}), ensure_ascii=False, sort_keys=True),
        summary=(summary or _describe(obj))[:200],
        record_digest=digest_for_entry(obj) if obj is not None else "",
        record_version=next_version(obj),
        prev_hash=previous,
        created_at=now,
        updated_at=now,
        created_by=user.id if user else None,
        updated_by=user.id if user else None,
        installation_id=chain,
        version=1,
    )
    entry.hash = entry_hash(previous, entry_content(entry))
    session.info["audit_tails"][chain] = (entry.seq, entry.hash)
    session.add(entry)
    return entry


def _describe(obj: CommonColumns | None) -> str:
    """What a person calls the record: its name where it has one."""
    if obj is None:
        return ""
    for attribute in ("name", "display_name", "username", "key"):
        value = getattr(obj, attribute, None)
        if isinstance(value, str) and value:
            return value
    return ""


def _jsonable(changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    from jinsha_desktop.domain.audit_chain import canonical_value

    return {key: [canonical_value(v) for v in pair] for key, pair in changes.items()}


def record_action(
    session: Session,
    action: str,
    summary: str,
    *,
    table_name: str = "",
    record_id: str = "",
) -> None:
    """Log an action that changes no row: a login, a full view of personal data, an export."""
    _append(
        session,
        session.info["context"],
        action,
        None,
        summary=summary,
        table_name=table_name,
        record_id=record_id,
    )


def log_action(
    context: AppContext, action: str, summary: str, *, table_name: str = "", record_id: str = ""
) -> None:
    """record_action in a transaction of its own, for work done outside the database (a file
    exported, a ledger printed, a full view about to be shown): `reports/` writes files and
    calls this, it opens no transaction itself."""
    with context.uow() as session:
        record_action(session, action, summary, table_name=table_name, record_id=record_id)


# ---------------------------------------------------------------- browsing


@dataclass(frozen=True)
class AuditFilter:
    since: datetime | None = None
    until: datetime | None = None
    username: str = ""
    action: str = ""
    table_name: str = ""
    text: str = ""


@dataclass(frozen=True)
class AuditRow:
    id: uuid.UUID
    seq: int
    at: datetime
    username: str
    installation: str
    action: str
    table_name: str
    record_id: str
    changes: dict[str, list[Any]]
    summary: str


def list_audit_entries(context: Any, flt: AuditFilter, limit: int = 500) -> list[AuditRow]:
    """The newest entries matching the filter (administrators only)."""
    context.require(Permission.VIEW_AUDIT_LOG)
    conditions: list[ColumnElement[bool]] = []
    if flt.since is not None:
        conditions.append(AuditEntry.at >= flt.since)
    if flt.until is not None:
        conditions.append(AuditEntry.at < flt.until)
    if flt.username:
        conditions.append(AuditEntry.username == flt.username)
    if flt.action:
        conditions.append(AuditEntry.action == flt.action)
    if flt.table_name:
        conditions.append(AuditEntry.table_name == flt.table_name)
    text = search_text(flt.text)  # a lone surrogate is refused with a message, not a crash
    if text:
        # Case-insensitive on SQLite and PostgreSQL alike; % and _ typed by the user are literal.
        conditions.append(
            or_(
                *(
                    column.icontains(text, autoescape=True)
                    for column in (AuditEntry.summary, AuditEntry.changes, AuditEntry.record_id)
                )
            )
        )
    with context.reading() as session:
        names = dict(session.execute(select(Installation.id, Installation.name)).all())
        entries = session.scalars(
            select(AuditEntry)
            .where(*conditions)
            .order_by(AuditEntry.at.desc(), AuditEntry.seq.desc())
            .limit(limit)
        ).all()
        return [
            AuditRow(
                id=e.id,
                seq=e.seq,
                at=e.at,
                username=e.username,
                installation=names.get(e.chain_installation_id, str(e.chain_installation_id)),
                action=e.action,
                table_name=e.table_name,
                record_id=e.record_id,
                changes=json.loads(e.changes),
                summary=e.summary,
            )
            for e in entries
        ]


def check_audit_log(context: Any) -> VerifyReport:
    """Verification from the application (administrators only); the CLI calls verify_audit."""
    context.require(Permission.VIEW_AUDIT_LOG)
    with context.reading() as session:
        return verify_audit(session)
