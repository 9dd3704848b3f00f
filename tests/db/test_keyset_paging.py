"""keyset_page (services/paging.py) on SQLite and on the real PostgreSQL server: NULLs in every
sortable column, both directions, page sizes that split ties. Walking every page returns every
row exactly once, in the order of one unpaged query, and that order is the same on both
databases (NULLs last both ways)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    Column,
    Date,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    select,
)

from jinsha_desktop.services.paging import keyset_page, sort_value_of

metadata = MetaData()
sample = Table(
    "paging_sample",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", Integer, nullable=True),
    Column("word", String(8), nullable=True),
    Column("day", Date, nullable=True),
    Column("code", String(8), nullable=False),
)
C = sample.c
SORTS: dict[str, tuple[Any, ...]] = {
    "number": (C.number,),
    "word": (C.word,),
    "day": (C.day,),
    "code": (C.code,),
    "number-word": (C.number, C.word),
    "word-day-number": (C.word, C.day, C.number),
    "code-day": (C.code, C.day),
}
ROWS = 60


def sample_rows() -> list[dict[str, Any]]:
    """Few distinct values (many ties) and a NULL in every nullable column about a third of the
    time; lower-case letters only, which every collation orders alike."""
    chance = random.Random(12)
    start = date(2026, 11, 1)

    def maybe(value: Any) -> Any:
        return None if chance.random() < 0.35 else value

    # ids shuffled, so the id order is not the insertion order
    ids = chance.sample(range(1, 10 * ROWS), ROWS)
    return [
        {
            "id": row_id,
            "number": maybe(chance.randint(1, 4)),
            "word": maybe(chance.choice("abc")),
            "day": maybe(start + timedelta(days=chance.randint(0, 3))),
            "code": chance.choice("xy"),
        }
        for row_id in ids
    ]


def expected_order(rows: list[dict[str, Any]], keys: list[str], descending: bool) -> list[int]:
    """The order in Python: by each column, NULLs last in both directions, then the id."""
    ordered = sorted(rows, key=lambda r: r["id"], reverse=descending)
    for key in reversed(keys):
        present = [r for r in ordered if r[key] is not None]
        missing = [r for r in ordered if r[key] is None]
        ordered = sorted(present, key=lambda r, k=key: r[k], reverse=descending) + missing
    return [r["id"] for r in ordered]


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'paging.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_url")
    made = create_engine(url)
    metadata.create_all(made)
    with made.begin() as connection:
        connection.execute(sample.insert(), sample_rows())
    try:
        yield made
    finally:
        made.dispose()


def page(
    engine: Engine, columns: tuple[Any, ...], descending: bool, after: Any, limit: int
) -> list[Any]:
    query = keyset_page(select(sample), columns, C.id, descending, after, limit)
    with engine.connect() as connection:
        return list(connection.execute(query))


@pytest.mark.parametrize("size", [1, 3, 7], ids=lambda s: f"pages-of-{s}")
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", sorted(SORTS))
def test_walking_every_page_returns_every_row_once_in_one_order(engine, sort, descending, size):
    columns = SORTS[sort]
    unpaged = page(engine, columns, descending, None, 10 * ROWS)
    walked: list[Any] = []
    after = None
    while True:
        rows = page(engine, columns, descending, after, size)
        walked.extend(rows)
        if len(rows) < size:
            break
        after = (sort_value_of(rows[-1], columns), rows[-1].id)

    assert len(unpaged) == ROWS
    assert [r.id for r in walked] == [r.id for r in unpaged]
    keys = [column.key for column in columns]
    assert [r.id for r in unpaged] == expected_order(sample_rows(), keys, descending)


def test_the_sample_has_nulls_and_ties_in_every_sortable_column():
    rows = sample_rows()
    for key in ("number", "word", "day"):
        values = [r[key] for r in rows]
        assert values.count(None) >= 5, key
        assert len(set(values)) < len(values) // 4, key


def test_a_page_ending_on_a_null_continues_with_the_next_nulls(engine):
    columns = (C.number,)
    nulls = [r["id"] for r in sample_rows() if r["number"] is None]
    first_null = min(nulls)
    for descending in (False, True):
        rest = page(engine, columns, descending, (None, first_null), 10 * ROWS)
        later = sorted(i for i in nulls if (i < first_null if descending else i > first_null))
        assert [r.id for r in rest] == (later[::-1] if descending else later)


# ---------------------------------------------------------------- the people list, both databases


@pytest.fixture(params=["sqlite", "postgresql"])
def lists_admin(request: pytest.FixtureRequest) -> Any:
    return request.getfixturevalue("admin" if request.param == "sqlite" else "pg_admin")


@pytest.mark.parametrize("descending", [True, False], ids=["latest-first", "oldest-first"])
def test_people_never_visited_are_reached_by_paging_on_both_databases(lists_admin, descending):
    from tests.unit.test_visit_lists import (
        add_checkpoints,
        add_people_never_visited,
        every_person,
        register,
        resident_id,
    )

    checkpoint = add_checkpoints(lists_admin, "北山社区1号卡点")[0]
    for n, minutes_ago in enumerate((40, 20, 30)):
        register(lists_admin, checkpoint, minutes_ago, document_number=resident_id(900 + n))
    add_people_never_visited(lists_admin, 60)

    walked = every_person(lists_admin, "last_visit_at", descending, size=7)

    assert len(walked) == len({row.id for row in walked}) == 63
    visited = [row.last_visit_at for row in walked[:3]]
    assert None not in visited and visited == sorted(visited, reverse=descending)
    assert all(row.last_visit_at is None for row in walked[3:])  # never visited: last both ways
