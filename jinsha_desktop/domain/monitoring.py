"""Health monitoring (健康监测): its value types and the declaration of a case's fields."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from jinsha_desktop.domain.fields import CellKind, Field, LedgerCell, Place, RecordKind


class CaseStatus(StrEnum):
    MONITORING = "monitoring"
    RELEASED = "released"
    TRANSFERRED = "transferred"
    LOST_CONTACT = "lost_contact"

    @property
    def label(self) -> str:
        return {
            "monitoring": "监测中",
            "released": "已解除",
            "transferred": "已转出",
            "lost_contact": "失联",
        }[self.value]


def _status_label(status: CaseStatus) -> str:
    return status.label


def _period_text(case: Any) -> str:
    return f"{case.start_date:%m-%d}至{case.end_date:%m-%d}"


_LIST: frozenset[Place] = frozenset({"list"})
_NOWHERE: frozenset[Place] = frozenset()

MONITORING = RecordKind(
    "monitoring",
    "健康监测",
    (
        Field("person_name", "姓名", width=14, places=_LIST, ledger=LedgerCell(3, 5)),
        Field(
            "document_number",
            "证件号码",
            CellKind.IDENTIFIER,
            places=_NOWHERE,
            ledger=LedgerCell(10, 11),
        ),
        Field(
            "phone",
            "联系电话",
            CellKind.IDENTIFIER,
            width=16,
            places=_LIST,
            ledger=LedgerCell(6.5, 7),
        ),
        Field("reason", "原因", width=31, places=_LIST, ledger=LedgerCell(4, 8, header="监测原因")),
        Field(
            "start_date",
            "监测期",
            CellKind.DATE,
            places=_NOWHERE,
            ledger=LedgerCell(6, 6, "CENTER", text=_period_text),
        ),
        Field("day_number", "第几天", CellKind.INTEGER, width=9, places=_LIST),
        Field("days", "天数", CellKind.INTEGER, width=9, places=_LIST),
        Field("end_date", "结束日期", CellKind.DATE, width=14, places=_LIST),
        Field("last_check_date", "最近检查", CellKind.DATE, width=14, places=_LIST),
        Field("days_without_check", "未查天数", CellKind.INTEGER, width=13, places=_LIST),
        Field(
            "status",
            "状态",
            label=_status_label,
            width=11,
            places=_LIST,
            ledger=LedgerCell(3, 3, "CENTER"),
        ),
        Field("responsible", "责任人", width=13, places=_LIST, ledger=LedgerCell(3, 4)),
    ),
)
"""A monitoring case (services.monitoring.CaseRow in the lists, services.ledger_data.CaseEntry
in the ledger, where the day grid follows these columns)."""
