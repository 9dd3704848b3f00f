"""The hash chain's building blocks: canonical values, record digests, chained entry hashes
(domain/audit_chain.py)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinsha_desktop.domain.audit_chain import (
    GENESIS_HASH,
    canonical_json,
    canonical_value,
    entry_hash,
    record_digest,
)

KEY = uuid.UUID("7f3c2a10-1b2c-4d5e-8f90-a1b2c3d4e5f6")


class _Other:
    def __str__(self) -> str:
        return "其他"


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        pytest.param(None, None, id="none"),
        pytest.param(True, True, id="bool"),
        pytest.param(42, 42, id="int"),
        pytest.param("𠮷田", "𠮷田", id="str"),
        pytest.param(0.1, "0.1", id="float-as-repr"),
        pytest.param(
            datetime(2026, 11, 25, 1, 30, tzinfo=UTC),
            "2026-11-25T01:30:00.000000+00:00",
            id="datetime-with-microseconds",
        ),
        pytest.param(date(2026, 11, 25), "2026-11-25", id="date"),
        pytest.param(KEY, "7f3c2a10-1b2c-4d5e-8f90-a1b2c3d4e5f6", id="uuid"),
        pytest.param(Decimal("36.50"), "36.50", id="decimal-keeps-its-digits"),
        pytest.param({1: KEY}, {"1": str(KEY)}, id="mapping-keys-as-text"),
        pytest.param((1, date(2026, 1, 2)), [1, "2026-01-02"], id="tuple-as-list"),
        pytest.param(_Other(), "其他", id="anything-else-as-text"),
    ],
)
def test_values_have_one_stable_json_form(value: Any, canonical: Any) -> None:
    assert canonical_value(value) == canonical


def test_same_instant_in_another_zone_is_a_different_canonical_text() -> None:
    # Why the services store UTC only: the text, and so the hash, depends on the zone.
    utc = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)
    beijing = utc.astimezone(timezone(timedelta(hours=8)))

    assert canonical_value(utc) != canonical_value(beijing)


def test_canonical_json_is_sorted_compact_and_keeps_chinese() -> None:
    text = canonical_json({"name": "金沙", "a": [1, None]})

    assert text == '{"a":[1,null],"name":"金沙"}'


_VALUES = st.dictionaries(
    st.text(max_size=8),
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.text(max_size=20),
        st.uuids(),
        st.datetimes(timezones=st.just(UTC)),
        st.dates(),
    ),
    max_size=8,
)


@settings(database=None)
@given(_VALUES)
def test_record_digest_does_not_depend_on_column_order(values: dict[str, Any]) -> None:
    reversed_order = dict(reversed(list(values.items())))

    assert record_digest(values) == record_digest(reversed_order)
    assert json.loads(canonical_json(values)) == canonical_value(values)


@settings(database=None)
@given(_VALUES, st.text(min_size=1, max_size=8), st.text(max_size=20))
def test_record_digest_changes_when_a_value_changes(
    values: dict[str, Any], key: str, new: str
) -> None:
    changed = {**values, key: new}
    if canonical_value(values.get(key, object())) == new and key in values:
        return
    assert record_digest(changed) != record_digest(values)


def test_entry_hash_depends_on_the_previous_hash_and_the_content() -> None:
    content = {"seq": 1, "action": "create", "summary": ""}
    first = entry_hash(GENESIS_HASH, content)

    assert first == entry_hash(GENESIS_HASH, dict(content))
    assert len(first) == 64 and int(first, 16) >= 0
    assert entry_hash("1" * 64, content) != first
    assert entry_hash(GENESIS_HASH, {**content, "summary": " "}) != first


def test_genesis_hash_is_64_zeros() -> None:
    assert GENESIS_HASH == "0" * 64
