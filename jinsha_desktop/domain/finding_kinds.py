"""The findings' record kind, declared once (domain/fields.py): the list, the Excel sheet and
the rectification ledger read it. A row is what services/finding_lists.py builds."""

from __future__ import annotations

from jinsha_desktop.domain.fields import CellKind, Field, LedgerCell, Place, RecordKind
from jinsha_desktop.domain.findings import FindingSource, FindingStatus, overdue_text

_LIST_AND_SHEET: frozenset[Place] = frozenset({"list", "sheet"})
_SHEET: frozenset[Place] = frozenset({"sheet"})


def _status_label(status: str) -> str:
    return FindingStatus(status).label


def _source_label(source: str) -> str:
    return FindingSource(source).label


FINDING = RecordKind(
    "finding",
    "问题整改",
    (
        Field(
            "number", "编号", CellKind.IDENTIFIER, sort="number", width=14, ledger=LedgerCell(7, 8)
        ),
        Field(
            "found_on",
            "发现日期",
            CellKind.DATE,
            sort="found_on",
            width=11,
            ledger=LedgerCell(5, 6, "CENTER"),
        ),
        # The state and how late come early: on screen at every size and language.
        Field(
            "status",
            "状态",
            label=_status_label,
            sort="status",
            width=8,
            ledger=LedgerCell(3, 4, "CENTER"),
        ),
        Field("overdue", "超期", label=overdue_text, width=9, ledger=LedgerCell(4, 5, "CENTER")),
        Field(
            "source",
            "来源",
            label=_source_label,
            sort="source",
            width=9,
            ledger=LedgerCell(4, 5, "CENTER"),
        ),
        Field("unit_name", "村/社区", sort="unit", width=10, ledger=LedgerCell(4, 6)),
        Field("place", "位置", width=16, ledger=LedgerCell(5, 9)),
        Field("photos", "照片", CellKind.PHOTO, width=5, places=_LIST_AND_SHEET),
        Field("problem", "问题", width=24, ledger=LedgerCell(8, 16)),
        Field("lead_name", "牵头单位", width=12, ledger=LedgerCell(4, 7)),
        Field("helper_names", "配合单位", width=16, ledger=LedgerCell(4, 9)),
        Field(
            "deadline",
            "整改期限",
            CellKind.DATE,
            sort="deadline",
            width=11,
            ledger=LedgerCell(5, 6, "CENTER"),
        ),
        Field(
            "rectified_on",
            "整改完成",
            CellKind.DATE,
            width=11,
            ledger=LedgerCell(5, 6, "CENTER"),
        ),
        Field(
            "closed_on",
            "销号日期",
            CellKind.DATE,
            sort="closed_on",
            width=11,
            ledger=LedgerCell(5, 6, "CENTER"),
        ),
        Field("reporter_name", "反映人", width=9, places=_SHEET),
        Field("reporter_phone", "联系电话", CellKind.IDENTIFIER, width=14, places=_SHEET),
        Field("patrol", "巡查单位", width=12, places=_SHEET),
        Field("inspection_number", "检查编号", CellKind.IDENTIFIER, width=14, places=_SHEET),
    ),
)
