"""Loading a saved record to change or delete it: one rule and one message shape for "it is gone"
and "someone else changed it since it was opened" (optimistic locking, DESIGN.md)."""

from __future__ import annotations

import uuid
from typing import TypeVar

from sqlalchemy.orm import Session

from jinsha_desktop.db.base import CommonColumns
from jinsha_desktop.domain.errors import NotFound, StaleRecord

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
