"""Keyset paging, written once: the next page of a list continues after its last row.

A page is one query "rows after (sort values…, id) in this order, at most n": page 5,000 costs
what page 1 costs, where OFFSET reads and drops every row before it (BASELINES.md).

NULL is where the naive `(columns…, id) > (values…, id)` goes wrong: SQL compares NULL with
nothing, so a page ending on a NULL had no next page, and SQLite sorts NULLs first while
PostgreSQL sorts them last. Here a nullable column is ordered NULLS LAST in both directions, on
both databases, and the continuation says so: after a value come the larger (or smaller) values
and then the NULLs; after a NULL only the NULLs with a later id. Columns that cannot be NULL
keep the plain row-value comparison, which the index serves as a range (SEARCH, not SCAN).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, false, or_, tuple_

S = TypeVar("S", bound=Select[*tuple[Any, ...]])


def is_nullable(column: Any) -> bool:
    """Whether `column` (a model attribute or a Core column) may hold NULL; an expression that
    does not say is taken as nullable."""
    expression = getattr(column, "expression", column)
    return bool(getattr(expression, "nullable", True))


def order_terms(columns: Sequence[Any], row_id: Any, descending: bool) -> list[Any]:
    """ORDER BY the sort columns, NULLs last both ways, then the id (every list's order is
    total)."""
    terms = []
    for column in columns:
        term = column.desc() if descending else column.asc()
        terms.append(term.nulls_last() if is_nullable(column) else term)
    terms.append(row_id.desc() if descending else row_id.asc())
    return terms


def after_condition(
    columns: Sequence[Any], row_id: Any, values: Sequence[Any], last_id: Any, descending: bool
) -> ColumnElement[bool]:
    """The rows after the one whose sort values are `values` and whose id is `last_id`, in the
    order of `order_terms`."""
    if not any(is_nullable(c) for c in columns):
        key, boundary = tuple_(*columns, row_id), tuple_(*values, last_id)
        return key < boundary if descending else key > boundary
    condition: ColumnElement[bool] = row_id < last_id if descending else row_id > last_id
    for column, value in zip(reversed(columns), reversed(values), strict=True):
        condition = or_(_beyond(column, value, descending), and_(_same(column, value), condition))
    return condition


def _beyond(column: Any, value: Any, descending: bool) -> ColumnElement[bool]:
    """Strictly later in this column's order (NULLS LAST)."""
    if value is None:
        return false()  # nothing comes after the NULLs but other NULLs
    later: ColumnElement[bool] = column < value if descending else column > value
    return or_(later, column.is_(None)) if is_nullable(column) else later


def _same(column: Any, value: Any) -> ColumnElement[bool]:
    same: ColumnElement[bool] = column.is_(None) if value is None else column == value
    return same


def keyset_page(
    query: S,
    columns: Sequence[Any],
    row_id: Any,
    descending: bool,
    after: tuple[Any, Any] | None,
    limit: int,
) -> S:
    """`query` as one page: ordered by `columns` then `row_id`, continued after `after` (the
    last row shown: its sort value — a tuple when there are several columns — and its id),
    at most `limit` rows."""
    if after is not None:
        value, last_id = after
        values = tuple(value) if len(columns) > 1 else (value,)
        query = query.where(after_condition(columns, row_id, values, last_id, descending))
    return query.order_by(*order_terms(columns, row_id, descending)).limit(limit)


def trailing_sort_value(values: Sequence[Any], width: int) -> Any:
    """The sort value a list query selected after a row's own values (`width` columns: the
    last value, or a tuple of the last `width`); None when it selected none (width 0)."""
    if not width:
        return None
    return values[-1] if width == 1 else tuple(values[-width:])


def sort_value_of(record: Any, columns: Sequence[Any]) -> Any:
    """A row's place in the order: the value of its sort column (a tuple for several), read
    from the attributes the columns name."""
    values = tuple(getattr(record, column.key) for column in columns)
    return values[0] if len(values) == 1 else values
