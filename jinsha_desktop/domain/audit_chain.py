"""The hash chain that makes edits made outside the application detectable.

Each audit entry's hash covers its own content and the previous entry's hash (per installation,
in sequence order). Each entry also stores a digest of the audited record as it stood after the
change, so a record edited directly in the database no longer matches its last entry.

Record digests are versioned per entry, by their form, so that databases written by earlier
versions still verify:

- version 1 (64 hex digits, no prefix): the record's own columns, without the common columns
  (created/updated at and by, installation, version). Written before the who/when columns
  were covered; such a record is checked on its content only until its next save.
- version 2 (``"2:"`` and 62 hex digits, the first 248 bits of SHA-256, so it fits the
  64-character column): every column, the common ones and the key included, except the
  table's documented bookkeeping columns (``__audit_exclude__``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

GENESIS_HASH = "0" * 64


_AS_IS = frozenset({type(None), bool, int, str})
_BY_TYPE: dict[type, Any] = {
    float: repr,
    datetime: lambda value: value.isoformat(timespec="microseconds"),
    date: date.isoformat,
    UUID: str,
    Decimal: str,
}
"""The common exact types first (verify hashes every entry and record: a million of each on a
big database); subclasses and containers take the general path below, with the same result."""


def canonical_value(value: Any) -> Any:
    """A JSON-friendly, stable form of a column value."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    convert = _BY_TYPE.get(kind)
    if convert is not None:
        return convert(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): v if type(v) in _AS_IS else canonical_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [canonical_value(v) for v in value]
    return str(value)


def canonical_json(data: Mapping[str, Any]) -> str:
    return json.dumps(
        canonical_value(data), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )


def record_digest(values: Mapping[str, Any]) -> str:
    """Version 1 digest of a record's audited columns (kept to verify older entries)."""
    return hashlib.sha256(canonical_json(values).encode("utf-8")).hexdigest()


DIGEST_V2_PREFIX = "2:"


def record_digest_v2(values: Mapping[str, Any]) -> str:
    """Version 2 digest: the same canonical JSON, marked with its version."""
    digest = hashlib.sha256(canonical_json(values).encode("utf-8")).hexdigest()
    return DIGEST_V2_PREFIX + digest[: 64 - len(DIGEST_V2_PREFIX)]


def digest_version(digest: str) -> int:
    """Which version wrote a stored record digest (see the module docstring)."""
    return 2 if digest.startswith(DIGEST_V2_PREFIX) else 1


def entry_hash(previous_hash: str, content: Mapping[str, Any]) -> str:
    """Hash of one audit entry, chained to the one before it."""
    payload = previous_hash + "\n" + canonical_json(content)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
