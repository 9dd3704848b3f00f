"""The audit chain's head, anchored in a small file outside the database.

The hash chain inside the database shows an entry edited or removed from the middle, but not a
tail cut off, nor a whole chain recomputed: nothing inside the file remembers how far the chain
went. This file does. It is written by the program around every commit that adds audit entries,
and `audit verify` compares the database with it.

Where it lives (one per database, on the machine that writes):

- a SQLite file ``X.sqlite3``: ``X.sqlite3.audit-head`` in the same folder (it travels with the
  folder; a copy of the database alone has no anchor, and says so);
- a server database: ``audit-heads/<backend>-<digest of the URL>.audit-head`` in this machine's
  data folder; it anchors the chains this machine writes (each client writes its own chain).

What it holds, per chain (installation): the last entry known to be committed (``seq``,
``hash``) and the entries of commits under way (``pending``), written before the database
commit; the commit's success then moves the pending head to ``seq``/``hash``. So a process killed
between the two still leaves the database's tail either at the confirmed head or at a pending
one, and anything else is a change made behind the program's back. A mismatch found while
writing is kept in ``breaks`` (the program goes on working, the anchor remembers).

The file has two checksummed slots and each write replaces the older one in place, so a write
cut short leaves the other intact (read_head takes the newest intact slot). The pending head is
synced (one fsync of one file) before the database commits; the confirmation is not: if a power
cut loses it, the pending head still names the committed tail, which verify accepts. So a save
costs one synced write of one small file on top of SQLite's own.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from jinsha_desktop.db.engine import sqlite_file

HEAD_SUFFIX = ".audit-head"
FORMAT = 1

_write_lock = threading.Lock()
"""Read-modify-write of a head file by the threads of this process (workers and the GUI)."""


@dataclass(frozen=True)
class ChainPoint:
    seq: int
    hash: str

    def text(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash}


@dataclass
class ChainHead:
    confirmed: ChainPoint | None = None
    pending: list[ChainPoint] = field(default_factory=list)
    anchored_since: int = 0
    """The chain's length when this machine first anchored it (earlier entries predate it)."""


@dataclass
class HeadFile:
    database_id: str = ""
    chains: dict[str, ChainHead] = field(default_factory=dict)
    breaks: list[str] = field(default_factory=list)
    """Mismatches found while writing, described for a person; kept until the anchor is reset."""


class UnreadableHead(Exception):
    """The head file exists but is not a head file (damaged, or edited by hand)."""


def head_path(url: URL, data_dir: Path) -> Path | None:
    """Where the head of the database at `url` is kept (None for an in-memory database)."""
    file = sqlite_file(url)
    if file is not None:
        return file.with_name(file.name + HEAD_SUFFIX)
    if url.get_backend_name() == "sqlite":
        return None
    shown = url.render_as_string(hide_password=True)
    key = hashlib.sha256(shown.encode("utf-8")).hexdigest()[:16]
    return data_dir / "audit-heads" / f"{url.get_backend_name()}-{key}{HEAD_SUFFIX}"


SLOT = 16384
"""The file holds two slots of this size; each write replaces the older one in place."""
MAGIC = b"JINSHA-AUDIT-HEAD 1 "
MAX_BREAKS = 20
"""Breaks kept word for word (the first ones); later ones are only counted."""


def read_head(path: Path) -> HeadFile | None:
    """The head file at `path`, None if there is none; UnreadableHead if it is damaged."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    newest = _newest_slot(raw)
    if newest is None:
        raise UnreadableHead("两个槽位都无法读取")
    return _decode(newest[2])


def _newest_slot(raw: bytes) -> tuple[int, int, bytes] | None:
    """(slot, counter, payload) of the newest intact slot; None when neither is intact."""
    found = []
    for slot in (0, 1):
        block = raw[slot * SLOT : (slot + 1) * SLOT]
        header, _, rest = block.partition(b"\n")
        if not header.startswith(MAGIC):
            continue
        try:
            counter_text, digest, length_text = header[len(MAGIC) :].split(b" ")
            payload = rest[: int(length_text)]
        except ValueError:
            continue
        if hashlib.sha256(payload).hexdigest().encode() == digest:
            found.append((int(counter_text), slot, payload))
    if not found:
        return None
    counter, slot, payload = max(found)
    return slot, counter, payload


def _decode(payload: bytes) -> HeadFile:
    try:
        data = json.loads(payload.decode("utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError("unknown format")
        chains = {
            str(chain): ChainHead(
                _point(value.get("confirmed")),
                [p for p in (_point(v) for v in value.get("pending", [])) if p is not None],
                int(value.get("anchored_since", 0)),
            )
            for chain, value in data["chains"].items()
        }
        return HeadFile(
            str(data.get("database_id", "")), chains, [str(b) for b in data.get("breaks", [])]
        )
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as error:
        raise UnreadableHead(str(error)) from error


def _point(value: Any) -> ChainPoint | None:
    if value is None:
        return None
    return ChainPoint(int(value["seq"]), str(value["hash"]))


def _encode(head: HeadFile, described_as: str) -> bytes:
    breaks = head.breaks[:MAX_BREAKS]
    if len(head.breaks) > MAX_BREAKS:
        breaks.append(f"……另有 {len(head.breaks) - MAX_BREAKS} 条")
    data = {
        "format": FORMAT,
        "database": described_as,
        "database_id": head.database_id,
        "chains": {
            chain: {
                "confirmed": value.confirmed.text() if value.confirmed else None,
                "pending": [p.text() for p in value.pending],
                "anchored_since": value.anchored_since,
            }
            for chain, value in sorted(head.chains.items())
        },
        "breaks": breaks,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _slot_bytes(counter: int, payload: bytes) -> bytes:
    digest = hashlib.sha256(payload).hexdigest()
    block = MAGIC + f"{counter} {digest} {len(payload)}\n".encode() + payload
    if len(block) > SLOT:
        raise ValueError(f"audit head too large ({len(block)} bytes)")
    return block.ljust(SLOT, b" ")


def write_head(path: Path, head: HeadFile, described_as: str = "", durable: bool = True) -> None:
    """Write `head` over the older of the file's two slots, in place; `durable` also syncs it,
    so it survives a power cut and not only a crash.

    In place, not a temporary file renamed over the old one: one sync of one file instead of
    the file and its folder, on every save. A write torn by a power cut fails its checksum and
    the other slot, one write older, is read instead.
    """
    payload = _encode(head, described_as)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raw = b""
    newest = _newest_slot(raw)
    if newest is None or len(raw) != 2 * SLOT:
        _create(path, _slot_bytes(1, payload) + _slot_bytes(0, payload))
        return
    slot, counter, _payload = newest
    target = 1 - slot
    with open(path, "r+b") as stream:
        stream.seek(target * SLOT)
        stream.write(_slot_bytes(counter + 1, payload))
        if durable:
            stream.flush()
            os.fsync(stream.fileno())


def _create(path: Path, content: bytes) -> None:
    """A new head file, whole or not at all (temporary file, sync, rename, sync of the folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def update_head(
    path: Path, change: Any, described_as: str = "", *, durable: bool = True
) -> HeadFile:
    """Read, change (``change(head)`` edits it in place) and write back, one thread at a time.

    A damaged head file is replaced, its damage kept as a break.
    """
    with _write_lock:
        try:
            head = read_head(path) or HeadFile()
        except UnreadableHead as error:
            head = HeadFile(breaks=[f"锚点文件已损坏，已重写（{error}）"])
        change(head)
        write_head(path, head, described_as, durable)
        return head


def set_aside(path: Path, reason: str) -> Path | None:
    """Move the head file aside (e.g. before restoring a backup); returns where it went."""
    if not path.exists():
        return None
    target = path.with_name(f"{path.name}.{reason}")
    os.replace(path, target)
    return target
