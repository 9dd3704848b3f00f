"""The ledgers people print, declared: title, orientation, columns, and the rows they read.

Adding a ledger (repairs, inspections) is one more `Ledger(...)` in LEDGERS with a function that
turns its service's rows into LedgerTables; the engine (pdf_ledger.py) does the pages.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from jinsha_desktop.domain.errors import ProgressCallback, ValidationError
from jinsha_desktop.domain.id_numbers import Gender
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.risk import HealthCode
from jinsha_desktop.domain.text import label_of
from jinsha_desktop.domain.visit import Direction, TestResult
from jinsha_desktop.reports.fonts import FontChain
from jinsha_desktop.reports.pdf_ledger import (
    LedgerColumn,
    LedgerDocument,
    LedgerResult,
    LedgerTable,
    build_pdf,
)
from jinsha_desktop.services.audit import record_action
from jinsha_desktop.services.audit_anchor import head_text
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.ledger_data import (
    CaseEntry,
    VisitEntry,
    check_period,
    count_visits,
    day_figures,
    iter_visits,
    monitoring_entries,
    require_full_view,
)
from jinsha_desktop.services.reference import list_checkpoints
from jinsha_desktop.services.registration_settings import (
    RegistrationSettings,
    registration_settings,
)
from jinsha_desktop.services.settings import font_paths, ledger_fonts, unit_name
from jinsha_desktop.services.visit_lists import VisitFilter

DAYS_PER_GRID = 14
"""Day columns in one monitoring grid; a longer period continues in another grid below."""
BLANK_ROWS_PER_PAGE = 15
MASKED_NOTE = "证件号码、手机号已按规定遮挡。"
FULL_NOTE = "本台账含完整证件号码和手机号，请妥善保管，不得外传。"


@dataclass(frozen=True)
class LedgerRequest:
    ledger: str
    since: date
    until: date
    checkpoint_id: uuid.UUID | None = None
    full: bool = False
    """Full ID and phone numbers (a role that allows it, and audited)."""
    blank_pages: int = 1


@dataclass(frozen=True)
class Ledger:
    name: str
    title: str
    landscape: bool
    uses_period: bool
    uses_checkpoint: bool
    personal_data: bool
    tables: Callable[[AppContext, LedgerRequest, ProgressCallback | None], list[LedgerTable]]
    permission: Permission = Permission.EXPORT
    """The right to print it: EXPORT for what the database holds, PRINT_BLANK_FORMS for a sheet
    with no personal data."""


def _day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _period(request: LedgerRequest) -> str:
    if request.since == request.until:
        return _day(request.since)
    return f"{_day(request.since)} 至 {_day(request.until)}"


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
    fields = registration_fields(
        registration_settings(context), one_checkpoint=request.checkpoint_id is not None
    )
    flt = VisitFilter(since=request.since, until=request.until, checkpoint_id=request.checkpoint_id)
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
        caption = "" if len(days) <= DAYS_PER_GRID else f"{_day(block[0])} 至 {_day(block[-1])}"
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


LEDGERS: dict[str, Ledger] = {
    ledger.name: ledger
    for ledger in (
        Ledger("registration", "卡点登记台账", True, True, True, True, _registration),
        Ledger("monitoring", "健康监测台账", True, True, False, True, _monitoring),
        Ledger("daily", "卡点登记日报", False, False, False, False, _daily),
        Ledger(
            "blank",
            "卡点登记表（空白）",
            True,
            False,
            False,
            False,
            _blank_sheet,
            Permission.PRINT_BLANK_FORMS,
        ),
    )
}


def ledger_of(name: str) -> Ledger:
    try:
        return LEDGERS[name]
    except KeyError:
        known = "、".join(LEDGERS)
        raise ValidationError(f"没有名为“{name}”的台账（可选：{known}）。", "ledger") from None


def prepare_ledger(
    context: AppContext, request: LedgerRequest, progress: ProgressCallback | None = None
) -> LedgerDocument:
    """Read what the ledger holds (permission checked, masked unless full is allowed)."""
    ledger = ledger_of(request.ledger)
    context.require(ledger.permission)
    full = require_full_view(context, request.full and ledger.personal_data, "打印或导出")
    check_period(request.since, request.until)
    request = LedgerRequest(
        request.ledger,
        request.since,
        request.until,
        request.checkpoint_id,
        full,
        request.blank_pages,
    )
    tables = ledger.tables(context, request, progress)
    return LedgerDocument(
        title=ledger.title,
        unit=unit_name(context),
        period=_LEDGER_PERIODS.get(ledger.name, _period)(request),
        filters=_filters(context, ledger, request),
        generated_at=context.clock.now(),
        tables=tables,
        landscape=ledger.landscape,
        font_size=8.0 if ledger.name in ("registration", "blank", "monitoring") else 10.0,
        note=(FULL_NOTE if full else MASKED_NOTE) if ledger.personal_data else "",
        anchor=head_text(context),
    )


_LEDGER_PERIODS: dict[str, Callable[[LedgerRequest], str]] = {
    "daily": lambda request: _day(request.until),
    "blank": lambda _request: "卡点：__________　日期：____年__月__日",
}


def _filters(context: AppContext, ledger: Ledger, request: LedgerRequest) -> str:
    if not ledger.uses_checkpoint:
        return ""
    if request.checkpoint_id is None:
        return "卡点：全部"
    names = {c.id: c.name for c in list_checkpoints(context)}
    return f"卡点：{names.get(request.checkpoint_id, '（已删除）')}"


def ledger_font_chain(context: AppContext) -> FontChain:
    return FontChain([Path(path) for path in font_paths(ledger_fonts(context))])


def generate_ledger(
    context: AppContext,
    request: LedgerRequest,
    destination: Path,
    progress: ProgressCallback | None = None,
) -> LedgerResult:
    """Read, lay out and write a ledger to `destination`; the print is audited."""
    document = prepare_ledger(context, request, progress)

    result = build_pdf(document, destination, ledger_font_chain(context), progress)
    scope = "完整证件号码和手机号" if request.full and document.note == FULL_NOTE else "已遮挡"
    with context.uow() as session:
        record_action(
            session,
            "print",
            f"生成{document.title}（{document.period}，{document.filters or '—'}，"
            f"{result.rows} 行，{result.pages} 页，个人信息{scope}）",
            table_name="ledger",
        )
    return result


def describe_missing(result: LedgerResult, limit: int = 20) -> str:
    """A message listing the records with characters no font can print."""
    lines = [f"{m.record}：{m.characters}" for m in result.missing[:limit]]
    if len(result.missing) > limit:
        lines.append(f"……另有 {len(result.missing) - limit} 处")
    return "\n".join(lines)


def record_ledger_output(context: AppContext, result: LedgerResult, how: str) -> None:
    """Audit what was done with a generated ledger: sent to a printer, saved as a file."""
    with context.uow() as session:
        record_action(
            session, "print", f"{how}：{result.path.name}（{result.pages} 页）", table_name="ledger"
        )
