"""The checkpoint module's ledgers: registrations, the blank sheet, monitoring, the daily summary.

Each is a `Ledger(...)` declaration (reports/ledger_declaration.py) with the function that turns
its service's rows into LedgerTables; reports/ledgers.py lists them.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from jinsha_desktop.domain.errors import ProgressCallback
from jinsha_desktop.domain.fields import Field, always_on
from jinsha_desktop.domain.monitoring import MONITORING
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.text import label_of
from jinsha_desktop.domain.visit import VISIT, TestResult
from jinsha_desktop.reports.ledger_declaration import (
    Ledger,
    LedgerFilter,
    LedgerRequest,
    Period,
    day_text,
    ledger_columns,
)
from jinsha_desktop.reports.pdf_ledger import LedgerColumn, LedgerTable
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.ledger_choices import checkpoint_choices
from jinsha_desktop.services.ledger_data import (
    CaseEntry,
    count_visits,
    day_figures,
    iter_visits,
    monitoring_entries,
)
from jinsha_desktop.services.reference import list_checkpoints
from jinsha_desktop.services.registration_settings import registration_settings
from jinsha_desktop.services.visit_lists import VisitFilter

DAYS_PER_GRID = 14
"""Day columns in one monitoring grid; a longer period continues in another grid below."""
BLANK_ROWS_PER_PAGE = 15

CHECKPOINT = LedgerFilter(
    "checkpoint", "卡点", choices=checkpoint_choices, everything="全部卡点", column="checkpoint"
)

# ---------------------------------------------------------------- registration ledger


def visit_fields(context: AppContext, left_out: Collection[str] = ()) -> list[Field]:
    """The visit's ledger columns (domain/visit.py VISIT) without the epidemic fields switched
    off in the registration settings and the ones `left_out`."""
    switched_on = registration_settings(context).shows
    return [f for f in VISIT.shown("ledger", switched_on) if f.key not in left_out]


def _registration(
    context: AppContext, request: LedgerRequest, progress: ProgressCallback | None
) -> list[LedgerTable]:
    fields = visit_fields(context, REGISTRATION.left_out(request))
    columns, texts = ledger_columns(fields)
    flt = VisitFilter(
        since=request.since, until=request.until, checkpoint_id=request.value(CHECKPOINT.key)
    )
    # Streamed from the database cursor while the pages are laid out: never all in memory.
    rows = (texts(row) for row in iter_visits(context, flt, full=request.full))
    named = [f.key for f in fields].index("person_name")
    return [LedgerTable(columns, rows, count_visits(context, flt), label_column=named)]


def _blank_sheet(
    context: AppContext, request: LedgerRequest, _progress: ProgressCallback | None
) -> list[LedgerTable]:
    columns, _texts = ledger_columns(visit_fields(context))
    pages = max(1, min(request.blank_pages, 50))
    rows = [[""] * len(columns) for _ in range(pages * BLANK_ROWS_PER_PAGE)]
    return [LedgerTable(columns, rows, len(rows), row_height=24.0)]


# ---------------------------------------------------------------- monitoring ledger


def _day_cell(case: CaseEntry, day: date) -> str:
    if not case.start_date <= day <= case.end_date:
        return "—"
    check = case.checks.get(day)
    if check is None:
        return ""
    parts = [f"{check.temperature:.1f}" if check.temperature is not None else "√"]
    if check.symptoms:
        parts.append(check.symptoms)
    if check.test_result:
        parts.append(label_of(TestResult, check.test_result))
    return "\n".join(parts)


def _monitoring(
    context: AppContext, request: LedgerRequest, progress: ProgressCallback | None
) -> list[LedgerTable]:
    cases = monitoring_entries(context, request.since, request.until, full=request.full)
    fixed, texts = ledger_columns(MONITORING.shown("ledger", always_on))
    tables = []
    days = [request.since + timedelta(n) for n in range((request.until - request.since).days + 1)]
    for start in range(0, len(days), DAYS_PER_GRID):
        block = days[start : start + DAYS_PER_GRID]
        shown = [c for c in cases if c.start_date <= block[-1] and c.end_date >= block[0]]
        rows = [[*texts(c), *(_day_cell(c, d) for d in block)] for c in shown]
        columns = fixed + [LedgerColumn(f"{d.month}/{d.day}", 2.2, 3, "CENTER") for d in block]
        caption = (
            "" if len(days) <= DAYS_PER_GRID else f"{day_text(block[0])} 至 {day_text(block[-1])}"
        )
        tables.append(LedgerTable(columns, rows, len(rows), caption=caption))
    return tables


# ---------------------------------------------------------------- daily summary


def _daily(
    context: AppContext, request: LedgerRequest, _progress: ProgressCallback | None
) -> list[LedgerTable]:
    figures = day_figures(context, request.until)
    counted = {c.checkpoint: c for c in figures.checkpoints}
    names = [c.name for c in list_checkpoints(context)]
    names += [name for name in counted if name not in names]
    rows = [
        [name, *(str(getattr(counted[name], key)) if name in counted else "0" for key in _COUNTS)]
        for name in names
    ]
    totals = [sum(getattr(c, key) for c in figures.checkpoints) for key in _COUNTS]
    rows.append(["合计", *(str(t) for t in totals)])
    checkpoints = LedgerTable(
        [LedgerColumn("卡点", 8, 16), *(LedgerColumn(h, 4, 6, "CENTER") for h in _COUNT_HEADERS)],
        rows,
        len(rows),
        caption="一、卡点登记",
        numbered=False,
    )
    monitoring = LedgerTable(
        [LedgerColumn(h, 5, 8, "CENTER") for h in ("新增监测", "解除监测", "在管人数", "当日未查")],
        [
            [
                str(figures.new_cases),
                str(figures.released),
                str(figures.under_monitoring),
                str(figures.overdue),
            ]
        ],
        1,
        caption="二、健康监测",
        numbered=False,
    )
    return [checkpoints, monitoring]


_COUNTS = ("visits", "entering", "leaving", "flagged")
_COUNT_HEADERS = ("登记人次", "进", "出", "异常人次")


REGISTRATION = Ledger(
    "registration",
    "卡点登记台账",
    _registration,
    font_size=8.0,
    personal_data=True,
    reads=Permission.VIEW_RECORDS,
    filters=(CHECKPOINT,),
)
CHECKPOINT_LEDGERS = (
    REGISTRATION,
    Ledger(
        "monitoring",
        "健康监测台账",
        _monitoring,
        font_size=8.0,
        personal_data=True,
        reads=Permission.VIEW_RECORDS,
    ),
    Ledger(
        "daily",
        "卡点登记日报",
        _daily,
        landscape=False,
        period=Period.DAY,
        reads=Permission.VIEW_RECORDS,
    ),
    Ledger(
        "blank",
        "卡点登记表（空白）",
        _blank_sheet,
        font_size=8.0,
        period=Period.NONE,
        period_line="卡点：__________　日期：____年__月__日",
        blank_pages=True,
        permission=Permission.PRINT_BLANK_FORMS,
    ),
)
