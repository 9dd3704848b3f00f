"""The totals of the old compounds on paper and in Excel: the 维修统计表 ledger (declared like
every ledger; reports/ledgers.py lists it) and the workbook the totals screen exports, with the
screen's chart as a picture when it gives one."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl.drawing.image import Image
from openpyxl.workbook import Workbook

from jinsha_desktop.domain.errors import ProgressCallback
from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repair_totals import Figure, GroupBy, TotalsColumn, TotalsQuery
from jinsha_desktop.reports.ledger_declaration import Ledger, LedgerFilter, LedgerRequest
from jinsha_desktop.reports.pdf_ledger import LedgerColumn, LedgerTable
from jinsha_desktop.reports.repair_ledgers import CAMPAIGN, COMMUNITY, COMPOUND, PLACES
from jinsha_desktop.reports.xlsx_writing import ExportResult, SheetColumn, write_sheet
from jinsha_desktop.services.audit import log_action
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.ledger_choices import Choice
from jinsha_desktop.services.repair_totals import TotalsTable, totals

TITLE = "维修统计表"
CHART_SHEET = "图表"


def _groupings(_context: AppContext) -> list[Choice]:
    return [Choice(by, by.label) for by in GroupBy if by is not GroupBy.COMPOUND]


BY = LedgerFilter(
    "by",
    "统计单位",
    choices=_groupings,
    everything="小区",
    unchosen="小区",
    help="统计维度：每行是一个楼栋（building）、社区/村（unit）或排查（campaign），不写则为小区",
)
"""What a row is: a compound (none chosen), a building, a community/village or a campaign."""


def _totals_of(context: AppContext, request: LedgerRequest) -> TotalsTable:
    """The totals a ledger request asks for (counts and money: its `full` has nothing to show)."""
    query = TotalsQuery(
        request.since,
        request.until,
        request.value(BY.key) or GroupBy.COMPOUND,
        unit_id=request.value(COMMUNITY.key),
        compound_id=request.value(COMPOUND.key),
        campaign_id=request.value(CAMPAIGN.key),
    )
    return totals(context, query)


def heading(table: TotalsTable) -> str:
    """维修统计 2026-11-01 至 2026-11-30（按小区；超期：未办结超过 7 天）"""
    query = table.query
    return (
        f"维修统计 {query.since.isoformat()} 至 {query.until.isoformat()}"
        f"（按{query.by.label}；超期：未办结超过 {table.overdue_days} 天）"
    )


# ---------------------------------------------------------------- the ledger


def _width(column: TotalsColumn) -> tuple[float, float]:
    if column.kind is CellKind.MONEY:
        return 4.5, 6.0
    return 2.5, 4.0


def _table(
    table: TotalsTable, columns: Sequence[TotalsColumn], caption: str, empty: str
) -> LedgerTable:
    by = table.query.by
    head = [LedgerColumn(by.label, 5, 10)]
    if by is not GroupBy.UNIT:
        head.append(LedgerColumn("所属" if by is not GroupBy.CAMPAIGN else "开始日期", 4, 8))
    layout = [*head, *(LedgerColumn(c.header, *_width(c), "RIGHT") for c in columns)]
    rows = [
        [
            row.label,
            *([row.parent] if len(head) > 1 else []),
            *(table.text(row, c) for c in columns),
        ]
        for row in table.all_rows()
    ]
    return LedgerTable(layout, rows, len(rows), caption=caption, numbered=False, empty=empty)


def _ledger_tables(
    context: AppContext, request: LedgerRequest, _progress: ProgressCallback | None
) -> list[LedgerTable]:
    table = _totals_of(context, request)
    repairs = [c for c in table.columns if c.figure is not Figure.CLEANUPS]
    cleanups = [c for c in table.columns if c.figure is Figure.CLEANUPS]
    note = f"（超期：未办结超过 {table.overdue_days} 天）"
    return [
        _table(table, repairs, f"一、维修{note}", "本期无维修"),
        _table(table, cleanups, "二、整治", "本期无整治"),
    ]


TOTALS_LEDGER = Ledger(
    "repair-totals",
    TITLE,
    _ledger_tables,
    font_size=8.5,
    reads=Permission.VIEW_REPAIRS,
    filters=(BY, *PLACES),
    signatures=("填表人", "审核人", "日期"),
)


# ---------------------------------------------------------------- Excel


def _sheet_columns(table: TotalsTable) -> list[SheetColumn]:
    by = table.query.by
    figures = [
        SheetColumn(
            c.key,
            c.header,
            c.kind,
            number_format="0.0" if c.key == "average_days" else None,
        )
        for c in table.columns
    ]
    return [SheetColumn("name", by.label), SheetColumn("parent", "所属"), *figures]


def export_totals(
    context: AppContext,
    table: TotalsTable,
    path: Path,
    chart_png: bytes | None = None,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    """The table as the screen shows it (a row per group, then the total), figures as numbers;
    with the chart's picture on a sheet of its own when given (PNG bytes). Audited (EXPORT)."""
    context.require(Permission.EXPORT)
    rows: list[list[Any]] = [
        [row.label, row.parent, *(table.value(row, c) for c in table.columns)]
        for row in table.all_rows()
    ]

    def add_chart(workbook: Workbook) -> None:
        if chart_png:
            sheet = workbook.create_sheet(CHART_SHEET)
            sheet.add_image(Image(io.BytesIO(chart_png)), "A1")

    result = write_sheet(
        path,
        "维修统计",
        _sheet_columns(table),
        rows,
        heading=heading(table),
        progress=progress,
        after=add_chart,
    )
    log_action(
        context,
        "export",
        f"导出维修统计到 {result.path.name}（{heading(table)}，{len(table.rows)} 行）",
        table_name="export",
    )
    return result
