"""The checkpoint module's ledgers: registrations, the blank sheet, monitoring, the daily summary.

Each is a `Ledger(...)` declaration (reports/ledger_declaration.py) with the function that turns
its service's rows into LedgerTables; reports/ledgers.py lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from jinsha_desktop.domain.errors import ProgressCallback
from jinsha_desktop.domain.id_numbers import Gender
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.risk import HealthCode
from jinsha_desktop.domain.text import label_of
from jinsha_desktop.domain.visit import Direction, TestResult
from jinsha_desktop.reports.ledger_declaration import (
    Ledger,
    LedgerFilter,
    LedgerRequest,
    Period,
    day_text,
)
from jinsha_desktop.reports.pdf_ledger import LedgerColumn, LedgerTable
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.ledger_choices import checkpoint_choices
from jinsha_desktop.services.ledger_data import (
    CaseEntry,
    VisitEntry,
    count_visits,
    day_figures,
    iter_visits,
    monitoring_entries,
)
from jinsha_desktop.services.reference import list_checkpoints
from jinsha_desktop.services.registration_settings import (
    RegistrationSettings,
    registration_settings,
)
from jinsha_desktop.services.visit_lists import VisitFilter

DAYS_PER_GRID = 14
"""Day columns in one monitoring grid; a longer period continues in another grid below."""
BLANK_ROWS_PER_PAGE = 15

CHECKPOINT = LedgerFilter(
    "checkpoint", "卡点", choices=checkpoint_choices, everything="全部卡点", column="checkpoint"
)

# ---------------------------------------------------------------- registration ledger


@dataclass(frozen=True)
class _Field:
    column: LedgerColumn
    value: Callable[[VisitEntry], str]
    switch: str = ""
    """The epidemic-field setting that must be on for the column to be printed."""


def _temperature(entry: VisitEntry) -> str:
    return "" if entry.temperature is None else f"{entry.temperature:.1f}"


def _travel_star(entry: VisitEntry) -> str:
    return {None: "", True: "带星", False: "无星"}[entry.travel_code_star]


def _nucleic(entry: VisitEntry) -> str:
    result = label_of(TestResult, entry.nucleic_test_result)
    when = entry.nucleic_test_date.strftime("%m-%d") if entry.nucleic_test_date else ""
    return " ".join(p for p in (when, result) if p)


def _origin(entry: VisitEntry) -> str:
    return entry.origin + (f"（途经{'、'.join(entry.route)}）" if entry.route else "")


def _remarks(entry: VisitEntry) -> str:
    parts = [entry.flag_reasons] if entry.flagged and entry.flag_reasons else []
    if entry.companions:
        parts.append(f"同行 {entry.companions} 人")
    if entry.notes:
        parts.append(entry.notes)
    return "；".join(parts)


REGISTRATION_FIELDS: Sequence[_Field] = (
    _Field(
        LedgerColumn("登记时间", 5.5, 8),
        lambda e: e.visited_at.astimezone().strftime("%m-%d %H:%M"),
    ),
    _Field(LedgerColumn("卡点", 3, 7), lambda e: e.checkpoint),
    _Field(LedgerColumn("进/出", 2, 2, "CENTER"), lambda e: label_of(Direction, e.direction)),
    _Field(LedgerColumn("姓名", 3, 6), lambda e: e.person_name),
    _Field(LedgerColumn("性别", 2, 2, "CENTER"), lambda e: label_of(Gender, e.gender)),
    _Field(LedgerColumn("证件号码", 10, 11), lambda e: e.document_number),
    _Field(LedgerColumn("联系电话", 6.5, 7), lambda e: e.phone),
    _Field(LedgerColumn("来自何处", 4, 12), _origin),
    _Field(LedgerColumn("前往地点", 4, 12), lambda e: e.destination),
    _Field(LedgerColumn("事由", 3, 8), lambda e: e.purpose),
    _Field(LedgerColumn("车牌", 3, 5), lambda e: e.plate),
    _Field(LedgerColumn("体温", 2.5, 2.5, "CENTER"), _temperature, "temperature"),
    _Field(
        LedgerColumn("健康码", 2.5, 3, "CENTER"),
        lambda e: label_of(HealthCode, e.health_code),
        "health_code",
    ),
    _Field(LedgerColumn("行程卡", 2.5, 3, "CENTER"), _travel_star, "travel_code"),
    _Field(LedgerColumn("核酸检测", 3, 5), _nucleic, "nucleic_test"),
    _Field(LedgerColumn("备注", 3, 12), _remarks),
)


def registration_fields(settings: RegistrationSettings, *, one_checkpoint: bool) -> list[_Field]:
    """The registration ledger's columns: switched-off epidemic fields and, for one checkpoint's
    ledger, the checkpoint column are left out."""
    return [
        f
        for f in REGISTRATION_FIELDS
        if settings.shows(f.switch) and not (one_checkpoint and f.column.header == "卡点")
    ]


def _registration(
    context: AppContext, request: LedgerRequest, progress: ProgressCallback | None
) -> list[LedgerTable]:
    checkpoint_id = request.value(CHECKPOINT.key)
    fields = registration_fields(
        registration_settings(context), one_checkpoint=checkpoint_id is not None
    )
    flt = VisitFilter(since=request.since, until=request.until, checkpoint_id=checkpoint_id)
    # Streamed from the database cursor while the pages are laid out: never all in memory.
    rows = (
        [f.value(entry) for f in fields] for entry in iter_visits(context, flt, full=request.full)
    )
    return [
        LedgerTable([f.column for f in fields], rows, count_visits(context, flt), label_column=3)
    ]


def _blank_sheet(
    context: AppContext, request: LedgerRequest, _progress: ProgressCallback | None
) -> list[LedgerTable]:
    fields = registration_fields(registration_settings(context), one_checkpoint=False)
    columns = [f.column for f in fields]
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
    fixed = [
        LedgerColumn("姓名", 3, 5),
        LedgerColumn("证件号码", 10, 11),
        LedgerColumn("联系电话", 6.5, 7),
        LedgerColumn("监测原因", 4, 8),
        LedgerColumn("监测期", 6, 6, "CENTER"),
        LedgerColumn("责任人", 3, 4),
        LedgerColumn("状态", 3, 3, "CENTER"),
    ]
    tables = []
    days = [request.since + timedelta(n) for n in range((request.until - request.since).days + 1)]
    for start in range(0, len(days), DAYS_PER_GRID):
        block = days[start : start + DAYS_PER_GRID]
        shown = [c for c in cases if c.start_date <= block[-1] and c.end_date >= block[0]]
        rows = [
            [
                c.person_name,
                c.document_number,
                c.phone,
                c.reason,
                f"{c.start_date:%m-%d}至{c.end_date:%m-%d}",
                c.responsible,
                c.status.label,
                *(_day_cell(c, d) for d in block),
            ]
            for c in shown
        ]
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


CHECKPOINT_LEDGERS = (
    Ledger(
        "registration",
        "卡点登记台账",
        _registration,
        font_size=8.0,
        personal_data=True,
        filters=(CHECKPOINT,),
    ),
    Ledger("monitoring", "健康监测台账", _monitoring, font_size=8.0, personal_data=True),
    Ledger("daily", "卡点登记日报", _daily, landscape=False, period=Period.DAY),
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
