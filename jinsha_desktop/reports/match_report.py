"""The answer to a match list (协查名单) as a workbook: which listed people were registered here,
when and where. The list is read, cleaned and matched by services/imports/match_list.py; this
writes the report it returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jinsha_desktop.domain.errors import ProgressCallback
from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.domain.visit import VISIT
from jinsha_desktop.reports.xlsx_writing import SheetColumn, write_sheet
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.imports import ImportPreview
from jinsha_desktop.services.imports import match_list as matching
from jinsha_desktop.services.imports.match_list import MatchReport

VISIT_FIELDS = tuple(
    VISIT.field(key)
    for key in ("visited_at", "checkpoint", "direction", "origin", "route", "destination")
)
"""The registration's columns, as the visit declaration heads and shows them."""

MATCH_COLUMNS = (
    SheetColumn("row_number", "名单行号", CellKind.INTEGER),
    SheetColumn("name", "名单姓名"),
    SheetColumn("document_number", "证件号码", CellKind.IDENTIFIER),
    SheetColumn("phone", "手机号", CellKind.IDENTIFIER),
    SheetColumn("note", "名单备注"),
    SheetColumn("result", "比对结果"),
    SheetColumn("registered_name", "登记姓名"),
    *(SheetColumn(f.key, f.header, f.kind) for f in VISIT_FIELDS),
)


def match_report(
    context: AppContext,
    preview: ImportPreview,
    path: str | Path | None = None,
    *,
    full: bool = False,
    progress: ProgressCallback | None = None,
) -> MatchReport:
    """The match report of a match-list preview (services/imports/match_list.py), written to
    `path` as a workbook when one is given (EXPORT needed; audited "export")."""
    if path is None:
        return matching.match_report(context, preview, full=full, progress=progress)
    target = Path(path)
    heading = f"协查名单比对结果（{preview.source_name}）"

    def write(report: MatchReport) -> Path:
        write_sheet(
            target, "协查比对结果", MATCH_COLUMNS, _report_rows(report),
            progress=progress, heading=heading,
        )  # fmt: skip
        return target

    return matching.match_report(context, preview, full=full, write=write)


def _report_rows(report: MatchReport) -> list[Sequence[object]]:
    rows: list[Sequence[object]] = []
    for entry in report.entries:
        listed: list[object] = [
            entry.row_number,
            entry.name,
            entry.document_number,
            entry.phone,
            entry.note,
        ]
        if not entry.visits:
            rows.append([*listed, "无登记", *[None] * (1 + len(VISIT_FIELDS))])
        found = f"有登记（按{entry.matched_by}）"
        for visit in entry.visits:
            visited = (field.value(visit) for field in VISIT_FIELDS)
            rows.append([*listed, found, visit.person_name, *visited])
    return rows
