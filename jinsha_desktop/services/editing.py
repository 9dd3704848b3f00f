"""Loading a saved record to change or delete it: one rule and one message shape for "it is gone"
and "someone else changed it since it was opened" (optimistic locking, DESIGN.md)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.orm import Session

from jinsha_desktop.db.base import CommonColumns
from jinsha_desktop.domain.errors import NotFound, StaleRecord
from jinsha_desktop.domain.text import clean_name

if TYPE_CHECKING:
    from jinsha_desktop.services.context import AppContext

Record = TypeVar("Record", bound=CommonColumns)


def load_for_edit(
    session: Session,
    model: type[Record],
    record_id: uuid.UUID,
    version: int | None,
    what: str,
) -> Record:
    """The record, not deleted, still at `version` (None: any version, for reading it).

    `what` names it with its measure word, as the messages start with it: "这条登记记录",
    "这个风险地区". A missing or deleted record raises NotFound, a newer version StaleRecord.
    """
    record = session.get(model, record_id)
    if record is None or record.deleted_at is not None:
        raise NotFound(f"找不到{what}，可能已被删除。")
    if version is not None and record.version != version:
        raise StaleRecord(f"{what}刚被别人修改过，请关闭后重新打开再改。")
    return record


def set_changed(record: Any, values: Mapping[str, Any]) -> None:
    """Give `record` these values, touching only the attributes that differ: a save that
    changes nothing leaves the record's version and its audit diff alone."""
    for key, value in values.items():
        if getattr(record, key) != value:
            setattr(record, key, value)


def delete_with_reason(
    context: AppContext,
    model: type[Record],
    record_id: uuid.UUID,
    version: int | None,
    what: str,
    reason: str,
    then: Callable[[Session, Any], None] | None = None,
) -> None:
    """Soft-delete a record with the reason typed (kept in the database, out of the lists,
    ledgers and totals; audited with its transaction). The caller checks the permission; the
    model declares `delete_reason`. `then(session, record)` does what goes with the deletion in
    the same transaction."""
    text = clean_name(reason, "删除原因", "delete_reason", max_length=200)
    with context.uow() as session:
        record: Any = load_for_edit(session, model, record_id, version, what)
        record.delete_reason = text
        record.deleted_at = context.clock.now()
        if then is not None:
            then(session, record)
