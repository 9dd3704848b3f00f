"""What the audit chain hashes: an entry's content and the digest of an audited record.

Shared by the writing hooks (services/audit.py) and the verification (services/audit_verify.py).

The record digest (version 2, domain/audit_chain.py) covers every column of the table — the key,
the who/when columns, the installation, the version and the soft-delete time included — except
the table's bookkeeping columns, declared as ``__audit_exclude__`` on the model:

- app_user: failed_login_count, locked_until, last_login_at. Written at every login without a
  new version (services/auth.py); each login and failed login is itself an audit entry.
- person: last_visit_at. A copy of the newest visit's time, stamped by each registration
  without a new version (the audit hook writes such a change alone as a plain UPDATE). The
  visit row that carries the time is covered, so editing it changes only the people list's
  order and its "last visit" column.
- person: name_sort. The name's pinyin sort key, derived from the covered name.

A bookkeeping column changed together with audited ones goes through the ORM, gets a new
version and an ordinary "update" entry, so the digest always matches the row's version.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import Numeric, inspect

from jinsha_desktop.db.base import COMMON_COLUMN_NAMES, CommonColumns
from jinsha_desktop.db.models import AuditEntry
from jinsha_desktop.domain.audit_chain import digest_version, record_digest, record_digest_v2

_COLUMNS: dict[tuple[type, int], list[str]] = {}
"""Column keys per model and digest version (looked up for every record verified)."""


def v1_columns(model: type[CommonColumns]) -> list[str]:
    """The columns a version 1 digest covered: the record's own, bookkeeping left out."""
    found = _COLUMNS.get((model, 1))
    if found is None:
        skip = COMMON_COLUMN_NAMES | model.__audit_exclude__
        found = _COLUMNS[(model, 1)] = [
            c.key
            for c in model.__table__.columns  # type: ignore[attr-defined]
            if c.key not in skip
        ]
    return found


def v2_columns(model: type[CommonColumns]) -> list[str]:
    """The columns a version 2 digest covers: all but the bookkeeping ones."""
    found = _COLUMNS.get((model, 2))
    if found is None:
        found = _COLUMNS[(model, 2)] = [
            c.key
            for c in model.__table__.columns  # type: ignore[attr-defined]
            if c.key not in model.__audit_exclude__
        ]
    return found


def digest_for_entry(obj: CommonColumns) -> str:
    """The version 2 digest of `obj` as it will be stored once the flush under way is written
    (the ORM raises the version during the flush, after the audit hook has run). A Decimal is
    taken at its column's scale, as the database gives it back: a default Decimal("0") in a
    Numeric(12, 2) column is read as 0.00, and its digest must say so."""
    values = {key: getattr(obj, key) for key in v2_columns(type(obj))}
    for key, quantum in _decimal_scales(type(obj)).items():
        value = values[key]
        if isinstance(value, Decimal) and value.is_finite():
            values[key] = value.quantize(quantum)
    values["version"] = next_version(obj)
    return record_digest_v2(values)


_SCALES: dict[type, dict[str, Decimal]] = {}


def _decimal_scales(model: type[CommonColumns]) -> dict[str, Decimal]:
    """The model's Numeric columns with a scale, each with its quantum (2 → 0.01)."""
    found = _SCALES.get(model)
    if found is None:
        found = _SCALES[model] = {
            c.key: Decimal(1).scaleb(-c.type.scale)
            for c in model.__table__.columns  # type: ignore[attr-defined]
            if isinstance(c.type, Numeric) and c.type.asdecimal and c.type.scale is not None
        }
    return found


def next_version(obj: CommonColumns | None) -> int:
    """The version the record has once this flush is written (the ORM bumps it on update)."""
    if obj is None:
        return 0
    state = inspect(obj)
    if state.persistent and obj.version is not None:
        return obj.version + 1
    return obj.version or 1


def stored_digest(model: type[CommonColumns], row: Mapping[Any, Any], version: int) -> str:
    """The digest of a stored row (a mapping of column keys), in the given digest version."""
    if version == 2:
        return record_digest_v2({key: row[key] for key in v2_columns(model)})
    return record_digest({key: row[key] for key in v1_columns(model)})


def matches(model: type[CommonColumns], row: Mapping[Any, Any], expected: str) -> bool:
    """Whether a stored row still has the digest its last audit entry recorded."""
    return stored_digest(model, row, digest_version(expected)) == expected


def entry_content(entry: AuditEntry | Mapping[str, Any]) -> dict[str, Any]:
    """What an entry's hash covers (an ORM entry, or a row of the audit_entry table)."""
    get = entry.__getitem__ if isinstance(entry, Mapping) else entry.__getattribute__
    return {
        "id": get("id"),
        "chain": get("chain_installation_id"),
        "seq": get("seq"),
        "at": get("at"),
        "user_id": get("user_id"),
        "username": get("username"),
        "action": get("action"),
        "table": get("table_name"),
        "record_id": get("record_id"),
        "changes": get("changes"),
        "summary": get("summary"),
        "record_digest": get("record_digest"),
        "record_version": get("record_version"),
    }
