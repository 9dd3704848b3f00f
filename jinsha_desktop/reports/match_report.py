"""The answer to a match list (协查名单): which listed people were registered here, when and where.

The list itself is read, cleaned and classified by MatchListImporter (importers.py); this turns
its preview into the report the level above asked for, on screen or as a workbook.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jinsha_desktop.domain.errors import ProgressCallback, report_progress
from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.domain.masking import mask_id_number, mask_phone
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.text import label_of
from jinsha_desktop.domain.visit import Direction
from jinsha_desktop.reports.importers import MatchListImporter
from jinsha_desktop.reports.importing import ImportPreview, RowOutcome
from jinsha_desktop.reports.xlsx_writing import SheetColumn, write_sheet
from jinsha_desktop.services import import_data
from jinsha_desktop.services.audit import record_action
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.ledger_data import require_full_view


@dataclass(frozen=True)
class MatchEntry:
    """One listed person and what was registered here (numbers masked unless full)."""

    row_number: int
    name: str
    document_number: str
    phone: str
    note: str
    matched_by: str
    """"证件号码", "手机号", or "" when nothing was found."""
    visits: tuple[import_data.RegisteredVisit, ...]

    @property
    def found(self) -> bool:
        return bool(self.visits)


@dataclass(frozen=True)
class MatchReport:
    entries: tuple[MatchEntry, ...]
    full: bool
    path: Path | None
    rejected: int
    duplicates: int

    @property
    def found(self) -> list[MatchEntry]:
        return [entry for entry in self.entries if entry.found]

    @property
    def not_found(self) -> list[MatchEntry]:
        return [entry for entry in self.entries if not entry.found]


MATCH_COLUMNS = (
    SheetColumn("row_number", "名单行号", CellKind.INTEGER),
    SheetColumn("name", "名单姓名"),
    SheetColumn("document_number", "证件号码", CellKind.IDENTIFIER),
    SheetColumn("phone", "手机号", CellKind.IDENTIFIER),
    SheetColumn("note", "名单备注"),
    SheetColumn("result", "比对结果"),
    SheetColumn("registered_name", "登记姓名"),
    SheetColumn("visited_at", "登记时间", CellKind.DATETIME),
    SheetColumn("checkpoint", "卡点"),
    SheetColumn("direction", "进出"),
    SheetColumn("origin", "来自"),
    SheetColumn("route", "途经地"),
    SheetColumn("destination", "目的地"),
)


def match_report(
    context: AppContext,
    preview: ImportPreview,
    path: str | Path | None = None,
    *,
    full: bool = False,
    progress: ProgressCallback | None = None,
) -> MatchReport:
    """Every valid listed person of a match-list preview with each visit registered here.

    With `path`, the report is also written as a workbook (EXPORT needed; audited "export").
    Numbers are masked unless `full` is asked by a role that may see full data (PermissionDenied
    otherwise); a full report shown without a file is audited "view_full".
    """
    if not isinstance(preview.importer, MatchListImporter):
        raise ValueError("match_report needs a match-list preview")
    context.require(Permission.VIEW_RECORDS)
    if path is not None:
        context.require(Permission.EXPORT)
    require_full_view(context, full, "查看")
    listed = [
        row for row in preview.rows if row.outcome in (RowOutcome.FOUND, RowOutcome.NOT_FOUND)
    ]
    with context.reading() as session:
        by_number, by_phone = import_data.visits_of(
            session,
            numbers={row.values["document_number"] for row in listed},
            phones={row.values["phone"] for row in listed},
        )
    entries = []
    for row in listed:
        values = row.values
        visits, how = by_number.get(values["document_number"], []), "证件号码"
        if not visits:
            visits, how = by_phone.get(values["phone"], []), "手机号"
        entries.append(
            MatchEntry(
                row.number,
                values["name"],
                values["document_number"] if full else mask_id_number(values["document_number"]),
                values["phone"] if full else mask_phone(values["phone"]),
                values["note"],
                how if visits else "",
                tuple(_shown(v, full) for v in visits),
            )
        )
    counts = preview.counts()
    report = MatchReport(
        tuple(entries),
        full,
        Path(path) if path is not None else None,
        counts[RowOutcome.REJECT],
        counts[RowOutcome.DUPLICATE],
    )
    if path is not None:
        write_sheet(
            Path(path),
            "协查比对结果",
            MATCH_COLUMNS,
            _report_rows(report),
            progress=progress,
            heading=f"协查名单比对结果（{preview.path.name or preview.table.sheet_name}）",
        )
    else:
        report_progress(progress, len(entries), len(entries))
    scope = "完整证件号码和手机号" if full else "已遮挡"
    summary = (
        f"协查名单“{(preview.path.name or preview.table.sheet_name)[:60]}”比对：名单 "
        f"{len(entries)} 人，有登记 {len(report.found)} 人，个人信息{scope}"
    )
    if path is not None or full:
        with context.uow() as session:
            action = "export" if path is not None else "view_full"
            record_action(session, action, summary, table_name="visit")
    return report


def _shown(visit: import_data.RegisteredVisit, full: bool) -> import_data.RegisteredVisit:
    if full:
        return visit
    return import_data.RegisteredVisit(
        **{
            **visit.__dict__,
            "document_number": mask_id_number(visit.document_number),
            "phone": mask_phone(visit.phone),
        }
    )


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
            rows.append([*listed, "无登记", None, None, None, None, None, None, None])
        for visit in entry.visits:
            rows.append(
                [
                    *listed,
                    f"有登记（按{entry.matched_by}）",
                    visit.person_name,
                    _local(visit.visited_at),
                    visit.checkpoint,
                    label_of(Direction, visit.direction),
                    visit.origin,
                    "、".join(visit.route),
                    visit.destination,
                ]
            )
    return rows


def _local(moment: datetime) -> datetime:
    return moment.astimezone()
