"""The record kinds of the old-compound module, declared once (domain/fields.py): the lists,
the Excel sheets, the ledgers and the statistics read these.

A row is what services/repair_lists.py builds: an attribute per key below, the phone already
masked unless the user asked for full view.
"""

from __future__ import annotations

from typing import Any

from jinsha_desktop.domain.fields import CellKind, Field, LedgerCell, Place, RecordKind
from jinsha_desktop.domain.repairs import Group, OrderSource, OrderStatus

_LIST_AND_SHEET: frozenset[Place] = frozenset({"list", "sheet"})
_SHEET: frozenset[Place] = frozenset({"sheet"})


def _status_label(status: str) -> str:
    return OrderStatus(status).label


def _source_label(source: str) -> str:
    return OrderSource(source).label


def overdue_text(days: int) -> str:
    """超期 3 天: the overdue marker beside the colour (readable without telling colours apart)."""
    return f"超期 {days} 天" if days else ""


def place_text(building: str, unit_no: int | None, floor: int | None, note: str = "") -> str:
    """3号楼2单元5层 (东侧楼道): how a fault's place reads everywhere."""
    text = building
    if unit_no:
        text += f"{unit_no}单元"
    if floor:
        text += f"{floor}层" if floor > 0 else f"地下{-floor}层"
    if note:
        text = f"{text} {note}".strip()
    return text


def participants_text(row: Any) -> str:
    """干部2 城管3 物管1 志愿者4: who took part in a clean-up, by group."""
    short = {"cadres": "干部", "urban_officers": "城管", "property_staff": "物管"}
    parts = []
    for group in Group:
        count = getattr(row, group.value)
        if count:
            parts.append(f"{short.get(group.value, group.label)}{count}")
    return " ".join(parts)


REPAIR_ORDER = RecordKind(
    "repair_order",
    "报修单",
    (
        Field(
            "number", "单号", CellKind.IDENTIFIER, sort="number", width=14, ledger=LedgerCell(7, 8)
        ),
        Field(
            "reported_at",
            "报修时间",
            CellKind.DATETIME,
            sort="reported_at",
            width=17,
            ledger=LedgerCell(8, 9, "CENTER"),
        ),
        # The state, overdue days and photos come early: on screen at every size and language.
        Field(
            "status",
            "状态",
            label=_status_label,
            sort="status",
            width=8,
            ledger=LedgerCell(3, 3, "CENTER"),
        ),
        Field("overdue", "超期", label=overdue_text, width=9),
        Field("unit_name", "社区/村", width=10, places=_SHEET),
        Field("compound_name", "小区", sort="compound", width=14, ledger=LedgerCell(5, 8)),
        Field("place", "位置", width=16, ledger=LedgerCell(6, 9)),
        Field("photos", "照片", CellKind.PHOTO, width=5, places=_LIST_AND_SHEET),
        Field("problem", "问题", width=24, ledger=LedgerCell(8, 16)),
        Field("source", "来源", label=_source_label, width=9, places=_SHEET),
        Field("reporter_name", "报修人", width=9, places=_LIST_AND_SHEET, ledger=LedgerCell(3, 4)),
        Field(
            "reporter_phone",
            "联系电话",
            CellKind.IDENTIFIER,
            width=14,
            places=_LIST_AND_SHEET,
            ledger=LedgerCell(6, 6, "CENTER"),
        ),
        Field("assignee", "维修人", width=10, ledger=LedgerCell(4, 5)),
        Field(
            "repaired_at",
            "修复时间",
            CellKind.DATETIME,
            sort="repaired_at",
            width=17,
            ledger=LedgerCell(8, 9, "CENTER"),
        ),
        Field("days_open", "已用天数", CellKind.INTEGER, sort="days_open", width=8),
        Field("parts", "用料", width=18, ledger=LedgerCell(6, 12)),
        Field("cost", "费用（元）", CellKind.MONEY, width=10, ledger=LedgerCell(4, 5, "RIGHT")),
    ),
)

CLEANUP = RecordKind(
    "cleanup",
    "整治记录",
    (
        Field(
            "done_on",
            "日期",
            CellKind.DATE,
            sort="done_on",
            width=11,
            ledger=LedgerCell(5, 6, "CENTER"),
        ),
        Field("unit_name", "社区/村", width=10, places=_SHEET),
        Field("compound_name", "小区", sort="compound", width=14, ledger=LedgerCell(5, 8)),
        Field("place", "位置", width=16, ledger=LedgerCell(6, 10)),
        Field("category", "类别", sort="category", width=10, ledger=LedgerCell(5, 6)),
        Field(
            "count",
            "数量",
            CellKind.INTEGER,
            sort="count",
            width=6,
            ledger=LedgerCell(3, 3, "RIGHT"),
        ),
        Field("unit", "单位", width=5, ledger=LedgerCell(2, 2, "CENTER")),
        Field("participants", "参与人员", width=20, ledger=LedgerCell(7, 10)),
        Field("people", "人数", CellKind.INTEGER, width=6, places=_SHEET),
        Field("photos", "照片", CellKind.PHOTO, width=5, places=_LIST_AND_SHEET),
        Field("note", "备注", width=20, ledger=LedgerCell(5, 10), max_length=500),
    ),
)
