"""The audit chain's head outside the database: written around each commit, checked by verify.

The file itself is db/audit_head.py; this module decides what goes in it and what the
database must agree with:

- before a commit that added entries, the new head of each chain written is added as pending;
- after the commit, it becomes the confirmed head;
- `audit verify` accepts a chain whose last entry is the confirmed head or a pending one (a
  process stopped between the two), and nothing else: a shorter chain had its tail cut (or a
  backup was copied over the file by hand), a longer one had entries added outside the
  program, the same length with another hash was rewritten.

A database without a head file (made by an earlier version, or copied without it) verifies
with a warning, and gets one at its next write. The head of this machine's chain is printed
on every ledger page (`head_text`) and is what a bundle will carry (`current_head`).
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from jinsha_desktop import paths
from jinsha_desktop.db.audit_head import (
    ChainHead,
    ChainPoint,
    HeadFile,
    UnreadableHead,
    head_path,
    read_head,
    update_head,
)
from jinsha_desktop.db.engine import Database
from jinsha_desktop.db.models import AuditEntry, Setting
from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.services.settings import DATABASE_ID as DATABASE_ID_KEY

log = logging.getLogger(__name__)


def install_anchor_hooks(database: Database) -> None:
    """Write the head file around every commit of a writing session that added entries."""
    path = head_path(database.url, paths.data_dir())
    if path is None:
        return
    described = database.describe()
    identity: dict[str, str] = {}  # the database's id, read once (it never changes)
    event.listen(
        database.write_sessions,
        "before_commit",
        lambda session: _before_commit(session, path, described, identity),
    )
    event.listen(
        database.write_sessions, "after_commit", lambda session: _after_commit(session, path)
    )


def anchor_path(database: Database) -> Path | None:
    return head_path(database.url, paths.data_dir())


def _written(session: Session) -> dict[uuid.UUID, tuple[tuple[int, str], tuple[int, str]]]:
    """The chains this session added entries to: chain → (tail before, tail after)."""
    starts: dict[uuid.UUID, tuple[int, str]] = session.info.get("audit_starts", {})
    tails: dict[uuid.UUID, tuple[int, str]] = session.info.get("audit_tails", {})
    return {chain: (starts[chain], tail) for chain, tail in tails.items() if tail != starts[chain]}


def _before_commit(session: Session, path: Path, described: str, identity: dict[str, str]) -> None:
    session.flush()  # the last entries are appended by this flush
    written = _written(session)
    if not written:
        return
    database_id = identity.get("id")
    if database_id is None:
        database_id = session.scalar(
            select(Setting.value).where(
                Setting.key == DATABASE_ID_KEY, Setting.deleted_at.is_(None)
            )
        )
    now = session.info["context"].clock.now()

    def change(head: HeadFile) -> None:
        if database_id and head.database_id and head.database_id != database_id:
            # Another database was put in this file's place: its anchor says nothing about
            # this one (verify said so as a note); start this database's own.
            log.warning("audit head of database %s replaced by %s's", head.database_id, database_id)
            head.chains.clear()
            head.breaks.clear()
        head.database_id = database_id or head.database_id
        for chain, (before, after) in written.items():
            record = head.chains.setdefault(str(chain), ChainHead(anchored_since=before[0]))
            problem = _compare(record, ChainPoint(*before))
            if problem:
                # Keep working (a checkpoint must go on registering), but remember it for good.
                head.breaks.append(
                    f"{now:%Y-%m-%d %H:%M} UTC 写入前发现安装 {chain} 的操作日志{problem}"
                )
                log.warning("audit chain %s does not match its anchor: %s", chain, problem)
            # The tail read under the chain's lock is what is committed now.
            record.confirmed = ChainPoint(*before) if before[0] else None
            point = ChainPoint(*after)
            record.pending = [p for p in record.pending if p.seq > before[0] and p.seq != point.seq]
            record.pending.append(point)

    update_head(path, change, described)
    if database_id:
        identity["id"] = database_id
    session.info["audit_anchored"] = written


def _after_commit(session: Session, path: Path) -> None:
    written: dict[uuid.UUID, tuple[tuple[int, str], tuple[int, str]]] = session.info.pop(
        "audit_anchored", {}
    )
    for key in ("audit_starts", "audit_tails"):
        session.info.pop(key, None)
    if not written:
        return

    def change(head: HeadFile) -> None:
        for chain, (_before, after) in written.items():
            record = head.chains.setdefault(str(chain), ChainHead())
            point = ChainPoint(*after)
            if record.confirmed is None or record.confirmed.seq < point.seq:
                record.confirmed = point
            record.pending = [p for p in record.pending if p.seq > record.confirmed.seq]

    try:
        update_head(path, change, durable=False)  # the pending head already names this commit
    except OSError:
        # The commit stands; the pending head already names it, so verify still agrees.
        log.exception("could not confirm the audit head in %s", path)


def _compare(record: ChainHead, tail: ChainPoint) -> str:
    """Why a chain whose last entry is `tail` disagrees with its anchor ("" if it agrees)."""
    known = ([record.confirmed] if record.confirmed else []) + record.pending
    if not known or tail in known:
        return ""
    newest = max(p.seq for p in known)
    oldest = min(p.seq for p in known)
    if tail.seq > newest:
        return f"比锚点（第 {newest} 条）多出 {tail.seq - newest} 条：这些日志是在程序之外添加的"
    if tail.seq < oldest:
        return (
            f"只到第 {tail.seq} 条，锚点记录的是第 {oldest} 条：末尾的 {oldest - tail.seq} 条"
            "被删除了（若是手工把旧备份复制回来，也会这样）"
        )
    return f"第 {tail.seq} 条与锚点记录的哈希不符：日志被整条重算或改写过"


# ---------------------------------------------------------------- verification


@dataclass
class AnchorCheck:
    problems: list[str]
    """Disagreements with the anchor: tampering."""
    warnings: list[str]
    """What the anchor cannot vouch for (no anchor yet, chains written elsewhere)."""


def check_anchor(
    session: Session, path: Path | None, tails: dict[uuid.UUID, ChainPoint]
) -> AnchorCheck:
    """Compare the database's chain tails (already verified link by link) with the head file."""
    check = AnchorCheck([], [])
    if path is None:
        check.warnings.append("内存数据库没有锚点。")
        return check
    try:
        head = read_head(path)
    except UnreadableHead as error:
        check.problems.append(f"锚点文件 {path} 已损坏或被改动（{error}）。")
        return check
    if head is None:
        check.warnings.append(
            f"还没有锚点文件（{path}）：末尾被删除或整条重算无法发现。"
            "这是旧版本写的、或不带锚点文件复制来的数据库；下一次保存时会自动建立锚点。"
        )
        return check
    database_id = session.scalar(
        select(Setting.value).where(Setting.key == DATABASE_ID_KEY, Setting.deleted_at.is_(None))
    )
    if head.database_id and database_id and head.database_id != database_id:
        check.warnings.append(
            f"锚点文件 {path} 属于另一个数据库（{head.database_id}），不能用来核对；"
            "下一次保存时会换成这个数据库的锚点。"
        )
        return check
    check.problems.extend(f"锚点文件记录的问题：{line}" for line in head.breaks)
    for chain_key, record in sorted(head.chains.items()):
        chain = uuid.UUID(chain_key)
        tail = tails.get(chain, ChainPoint(0, ""))
        problem = _compare(record, tail)
        if problem:
            check.problems.append(f"安装 {chain} 的操作日志{problem}。")
        elif record.anchored_since:
            check.warnings.append(
                f"安装 {chain} 的前 {record.anchored_since} 条操作日志写于建立锚点之前："
                "那以前若有人在程序之外删改过它们，锚点无法发现。"
            )
    for chain in sorted(set(tails) - {uuid.UUID(c) for c in head.chains}, key=str):
        check.warnings.append(
            f"安装 {chain} 的操作日志不是在这台电脑上写的，锚点在写它的那台电脑上。"
        )
    return check


# ---------------------------------------------------------------- the head, for ledgers and bundles


@dataclass(frozen=True)
class AuditHead:
    installation_id: uuid.UUID
    seq: int
    hash: str

    def text(self) -> str:
        """The short form printed on ledger pages: installation, sequence, hash prefix."""
        return f"操作日志锚点 {str(self.installation_id)[:8]}·{self.seq}·{self.hash[:16]}"


def current_head(context: Any) -> AuditHead | None:
    """The last entry of this installation's chain (None before the first entry)."""
    with context.reading() as session:
        row = session.execute(
            select(AuditEntry.seq, AuditEntry.hash)
            .where(AuditEntry.chain_installation_id == context.installation_id)
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        ).first()
    if row is None:
        return None
    return AuditHead(context.installation_id, row[0], row[1])


def head_text(context: Any) -> str:
    head = current_head(context)
    return head.text() if head is not None else ""


_PRINTED = re.compile(r"([0-9a-f]{8})\W+(\d+)\W+([0-9a-f]{8,64})", re.IGNORECASE)


def check_printed_heads(session: Session, printed: Sequence[str]) -> list[str]:
    """Compare heads copied from printed ledgers with the log: each must still be in it.

    The paper anchor: whoever can edit both the database and the head file beside it cannot
    change what was printed. Raises ValidationError for text that is no printed head.
    """
    problems = []
    chains = [str(c) for c in session.scalars(select(AuditEntry.chain_installation_id).distinct())]
    for text in printed:
        found = _PRINTED.search(text)
        if found is None:
            raise ValidationError(
                f"“{text}”不是台账上印的操作日志锚点（应像 978b3502·11·a6cffe3ed133f7ab）。",
                "head",
            )
        prefix, seq, digest = found.group(1).lower(), int(found.group(2)), found.group(3).lower()
        matching = [c for c in chains if c.startswith(prefix)]
        stored = None
        for chain in matching:
            stored = session.scalar(
                select(AuditEntry.hash).where(
                    AuditEntry.chain_installation_id == uuid.UUID(chain), AuditEntry.seq == seq
                )
            )
            if stored is not None:
                break
        shown = found.group(0)
        if stored is None:
            problems.append(
                f"台账上印的锚点 {shown} 在日志中找不到：打印时已有的第 {seq} 条被删除了"
            )
        elif not stored.startswith(digest):
            problems.append(
                f"台账上印的锚点 {shown} 与日志第 {seq} 条的哈希不符：日志在打印之后被重算或改写过"
            )
    return problems
