"""The inspections' record kind, declared once (domain/fields.py): the list and the Excel sheet
read it. A row is what services/inspection_lists.py builds."""

from __future__ import annotations

from jinsha_desktop.domain.fields import CellKind, Field, Place, RecordKind
from jinsha_desktop.domain.inspections import InspectionStatus

_SHEET: frozenset[Place] = frozenset({"sheet"})


def _status_label(status: str) -> str:
    return InspectionStatus(status).label


def veto_text(vetoed: bool) -> str:
    return "否决" if vetoed else ""


INSPECTION = RecordKind(
    "inspection",
    "检查记录",
    (
        Field("number", "编号", CellKind.IDENTIFIER, sort="number", width=14),
        Field("inspected_on", "检查日期", CellKind.DATE, sort="inspected_on", width=11),
        Field("status", "状态", label=_status_label, sort="status", width=7),
        Field("unit_name", "村/社区", sort="unit", width=10),
        Field("place", "地点", width=16),
        Field("percent", "得分率", CellKind.DECIMAL, sort="percent", width=8),
        Field("veto", "一票否决", label=veto_text, width=8),
        Field("score", "得分", CellKind.DECIMAL, width=7),
        Field("maximum", "满分", CellKind.DECIMAL, width=7),
        Field("template", "检查清单", width=18),
        Field("inspectors", "检查人员", width=16),
        Field("amendments", "更正", CellKind.INTEGER, width=5),
        Field("findings", "问题数", CellKind.INTEGER, width=6, places=_SHEET),
    ),
)
