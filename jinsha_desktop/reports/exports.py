"""Excel exports of the lists: what the list shows (search, filter, sort), streamed to .xlsx.

The big lists (visits, people) are read again from the database with the list's own filter and
order, a thousand rows at a time; the small lists hand over the rows they hold. Either way:
permission to export, numbers masked unless a role that may see them asks, one audit entry.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from operator import attrgetter
from pathlib import Path
from typing import Any

from jinsha_desktop.domain.errors import ProgressCallback, ValidationError
from jinsha_desktop.domain.fields import CellKind, Field, RecordKind, always_on
from jinsha_desktop.domain.finding_kinds import FINDING
from jinsha_desktop.domain.inspection_kinds import INSPECTION
from jinsha_desktop.domain.person import PERSON
from jinsha_desktop.domain.repair_kinds import CLEANUP, REPAIR_ORDER
from jinsha_desktop.domain.visit import VISIT
from jinsha_desktop.reports.xlsx_writing import ExportResult, SheetColumn, write_sheet
from jinsha_desktop.services.audit import log_action
from jinsha_desktop.services.cleanups import (
    CleanupFilter,
    CleanupSort,
    count_cleanups,
    iter_cleanups,
)
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.finding_lists import (
    FindingFilter,
    FindingSort,
    count_findings,
    iter_findings,
)
from jinsha_desktop.services.inspection_lists import (
    InspectionFilter,
    InspectionSort,
    count_inspections,
    iter_inspections,
)
from jinsha_desktop.services.ledger_data import allows_full_data, count_visits, iter_visits
from jinsha_desktop.services.registration_settings import registration_settings
from jinsha_desktop.services.repair_lists import OrderFilter, OrderSort, count_orders, iter_orders
from jinsha_desktop.services.visit_lists import (
    VisitFilter,
    VisitSort,
    count_people,
    iter_people,
)

IDENTIFIER_KEYS = frozenset({"document_number", "phone", "plate", "id_number", "code"})
"""Columns written as text whatever they hold: Excel would turn 320612199001011234 into
3.20612E+17 and drop a phone number's leading zero."""


def sheet_of(
    kind: RecordKind, switched_on: Callable[[str], bool] = always_on
) -> tuple[list[SheetColumn], Callable[[Any], list[object]]]:
    """A record kind's Excel sheet: the columns of its fields shown in a sheet (headings and
    cell kinds as declared) and the function turning one row into the values of those cells.
    The declaration is read here, once per export; a row costs one getter per cell."""
    fields = kind.shown("sheet", switched_on)
    getters = [_getter(field) for field in fields]

    def values(row: Any) -> list[object]:
        return [get(row) for get in getters]

    return [SheetColumn(f.key, f.header, _sheet_kind(f.kind)) for f in fields], values


def _sheet_kind(kind: CellKind) -> CellKind:
    """A photo cell is its count in the sheet (an integer cell)."""
    return CellKind.INTEGER if kind is CellKind.PHOTO else kind


def _getter(field: Field) -> Callable[[Any], object]:
    stored = attrgetter(field.key)
    if field.kind is CellKind.PHOTO:
        return lambda row: stored(row).count
    label = field.label
    if label is None:
        return stored
    return lambda row: label(stored(row))


READ_AHEAD_ROWS = 500


def read_ahead(rows: Iterable[list[object]], depth: int = 8) -> Iterator[list[object]]:
    """`rows`, read by a second thread a few hundred rows ahead of the writer.

    SQLite runs the query and fetches rows with the interpreter lock released, so the database
    work of an export overlaps with the writing of the sheet (2 cores: a fifth faster on 100,000
    visits). The rows are produced entirely in the reading thread, its database session
    included; closing this generator (a cancel, an error while writing) stops that thread.
    """
    chunks: queue.Queue[list[list[object]] | BaseException | None] = queue.Queue(depth)
    stop = threading.Event()

    def put(item: list[list[object]] | BaseException | None) -> bool:
        while not stop.is_set():
            try:
                chunks.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            chunk: list[list[object]] = []
            for row in rows:
                chunk.append(row)
                if len(chunk) >= READ_AHEAD_ROWS:
                    if not put(chunk):
                        return
                    chunk = []
            put(chunk)
            put(None)
        except BaseException as error:  # handed to the writing thread, which raises it
            put(error)

    reader = threading.Thread(target=produce, name="export-reader", daemon=True)
    reader.start()
    try:
        while True:
            item = chunks.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield from item
    finally:
        stop.set()
        reader.join()


def _audit_export(context: AppContext, title: str, result: ExportResult, full: bool) -> None:
    scope = "含完整证件号码和手机号" if full else "个人信息已遮挡"
    sheets = f"，{len(result.sheet_names)} 个工作表" if len(result.sheet_names) > 1 else ""
    log_action(
        context,
        "export",
        f"导出{title}到 {result.path.name}（{result.rows} 行{sheets}，{scope}）",
        table_name="export",
    )


def export_kind(
    context: AppContext,
    kind: RecordKind,
    rows_of: Callable[[bool], Iterable[Any]],
    count: Callable[[], int],
    path: Path,
    *,
    sheet: str,
    named: str = "",
    full: bool = False,
    switched_on: Callable[[str], bool] = always_on,
    progress: ProgressCallback | None = None,
    max_rows_per_sheet: int = 1_048_576,
) -> ExportResult:
    """A big list as shown, to a sheet of its kind's declared columns: `rows_of(full)` streams
    its rows (full numbers only if the role may export them), `count()` says how many; audited
    as an export of `named` (the sheet's name if not given)."""
    full = allows_full_data(context, full)
    columns, values = sheet_of(kind, switched_on)
    rows = (values(row) for row in rows_of(full))
    result = write_sheet(
        path,
        sheet,
        columns,
        read_ahead(rows),
        total=count(),
        progress=progress,
        max_rows_per_sheet=max_rows_per_sheet,
    )
    _audit_export(context, named or sheet, result, full)
    return result


def export_visits(
    context: AppContext,
    flt: VisitFilter,
    sort: VisitSort,
    path: Path,
    *,
    full: bool = False,
    progress: ProgressCallback | None = None,
    max_rows_per_sheet: int = 1_048_576,
) -> ExportResult:
    """The visits list as shown (search, filters, sort) to an Excel file; audited."""
    return export_kind(
        context,
        VISIT,
        lambda full: iter_visits(context, flt, full=full, sort=sort),
        lambda: count_visits(context, flt),
        path,
        sheet="来访登记",
        full=full,
        switched_on=registration_settings(context).shows,
        progress=progress,
        max_rows_per_sheet=max_rows_per_sheet,
    )


def export_people(
    context: AppContext,
    text: str,
    sort_key: str,
    descending: bool,
    path: Path,
    *,
    full: bool = False,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    """The people list as shown to an Excel file; audited."""
    return export_kind(
        context,
        PERSON,
        lambda full: iter_people(context, text, sort_key, descending, full=full),
        lambda: count_people(context, text),
        path,
        sheet="人员",
        named="人员名单",
        full=full,
        progress=progress,
    )


def export_repair_orders(
    context: AppContext,
    flt: OrderFilter,
    sort: OrderSort,
    path: Path,
    *,
    full: bool = False,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    """The repair orders list as shown (search, filters, sort) to an Excel file; audited."""
    return export_kind(
        context,
        REPAIR_ORDER,
        lambda full: iter_orders(context, flt, sort, full=full),
        lambda: count_orders(context, flt),
        path,
        sheet="报修单",
        named="报修单列表",
        full=full,
        progress=progress,
    )


def export_cleanups(
    context: AppContext,
    flt: CleanupFilter,
    sort: CleanupSort,
    path: Path,
    *,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    """The clean-ups list as shown (search, filters, sort) to an Excel file; audited."""
    return export_kind(
        context,
        CLEANUP,
        lambda _full: iter_cleanups(context, flt, sort),
        lambda: count_cleanups(context, flt),
        path,
        sheet="整治记录",
        named="整治记录列表",
        progress=progress,
    )


def export_inspections(
    context: AppContext,
    flt: InspectionFilter,
    sort: InspectionSort,
    path: Path,
    *,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    """The inspections list as shown (search, filters, sort) to an Excel file; audited."""
    return export_kind(
        context,
        INSPECTION,
        lambda _full: iter_inspections(context, flt, sort),
        lambda: count_inspections(context, flt),
        path,
        sheet="检查记录",
        named="检查记录列表",
        progress=progress,
    )


def export_findings(
    context: AppContext,
    flt: FindingFilter,
    sort: FindingSort,
    path: Path,
    *,
    full: bool = False,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    """The findings list as shown (search, filters, sort) to an Excel file, a resident's phone
    masked unless a role that may see it asks; audited."""
    return export_kind(
        context,
        FINDING,
        lambda full: iter_findings(context, flt, sort, full=full),
        lambda: count_findings(context, flt),
        path,
        sheet="整改问题",
        named="整改问题列表",
        full=full,
        progress=progress,
    )


@dataclass(frozen=True)
class ShownColumn:
    """A column of a small list as the screen shows it: its key, heading and formatter."""

    key: str
    header: str
    show: Callable[[Any], str]


def kind_of(key: str, values: Iterable[object]) -> CellKind:
    """How a column's values are written: identifiers as text, else by what the values are."""
    if key in IDENTIFIER_KEYS:
        return CellKind.IDENTIFIER
    for value in values:
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            return CellKind.BOOL
        if isinstance(value, datetime):
            return CellKind.DATETIME
        if isinstance(value, date):
            return CellKind.DATE
        if isinstance(value, int):
            return CellKind.INTEGER
        if isinstance(value, Decimal | float):
            return CellKind.DECIMAL
        return CellKind.TEXT
    return CellKind.TEXT


def export_shown_rows(
    context: AppContext,
    title: str,
    columns: Sequence[ShownColumn],
    rows: Sequence[Any],
    path: Path,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    """A small list exactly as shown (its rows in their order): numbers, dates and yes/no as
    real cells, everything else as the screen formats it; audited."""
    allows_full_data(context, False)
    kinds = [kind_of(c.key, (getattr(row, c.key, None) for row in rows[:200])) for c in columns]

    def cell(row: Any, column: ShownColumn, kind: CellKind) -> object:
        value = getattr(row, column.key, None)
        if kind in (CellKind.TEXT, CellKind.IDENTIFIER) or isinstance(value, Enum):
            return column.show(value)
        return value

    def values() -> Iterator[list[object]]:
        for row in rows:
            yield [cell(row, c, k) for c, k in zip(columns, kinds, strict=True)]

    sheet_columns = [
        SheetColumn(c.key, c.header, kind) for c, kind in zip(columns, kinds, strict=True)
    ]
    result = write_sheet(path, title, sheet_columns, values(), total=len(rows), progress=progress)
    _audit_export(context, title, result, False)
    return result


# ---------------------------------------------------------------- the small lists, by name


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _labelled(value: Any) -> str:
    return str(getattr(value, "label", value) or "")


@dataclass(frozen=True)
class NamedList:
    """A small list the command line exports by name: its title, columns and rows."""

    title: str
    columns: Sequence[ShownColumn]
    rows: Callable[[AppContext], Sequence[Any]]


def _shown(*columns: tuple[str, str] | tuple[str, str, Callable[[Any], str]]) -> list[ShownColumn]:
    """Columns as (key, heading[, formatter]): plain text unless a formatter is given."""
    return [ShownColumn(c[0], c[1], c[2] if len(c) > 2 else _text) for c in columns]


def _named_lists() -> dict[str, NamedList]:
    from jinsha_desktop.domain.fields import always_on
    from jinsha_desktop.domain.surveys import CAMPAIGN
    from jinsha_desktop.services import auth, campaigns, monitoring, reference, risk_areas

    return {
        "campaigns": NamedList(
            CAMPAIGN.title,
            [ShownColumn(f.key, f.header, _text) for f in CAMPAIGN.shown("sheet", always_on)],
            campaigns.list_campaigns,
        ),
        "monitoring": NamedList(
            "健康监测",
            _shown(
                ("person_name", "姓名"), ("phone", "联系电话"), ("reason", "监测原因"),
                ("start_date", "开始日期"), ("end_date", "结束日期"), ("responsible", "责任人"),
                ("status", "状态", _labelled), ("last_check_date", "最近检查"),
            ),
            monitoring.cases,
        ),
        "risk-areas": NamedList(
            "风险地区",
            _shown(
                ("name", "地区名称"), ("level", "风险等级", _labelled),
                ("effective_from", "生效日期"), ("effective_to", "解除日期"), ("note", "备注"),
            ),
            risk_areas.list_risk_areas,
        ),
        "units": NamedList(
            "社区和村", _shown(("name", "名称"), ("kind", "类别", _labelled)), reference.list_units
        ),
        "compounds": NamedList(
            "小区",
            _shown(
                ("unit_name", "社区/村"), ("name", "小区名称"), ("address", "地址"),
                ("building_count", "楼栋数"), ("managed_by", "物业"),
            ),
            reference.list_compounds,
        ),
        "checkpoints": NamedList(
            "卡点",
            _shown(("unit_name", "社区/村"), ("name", "卡点名称"), ("location", "位置")),
            reference.list_checkpoints,
        ),
        "users": NamedList(
            "用户",
            _shown(
                ("username", "用户名"), ("display_name", "姓名"), ("role", "角色", _labelled),
                ("is_active", "启用"), ("last_login_at", "最近登录"),
            ),
            auth.list_users,
        ),
    }  # fmt: skip


EXPORTABLE = (
    "visits",
    "people",
    "repair-orders",
    "cleanups",
    "inspections",
    "findings",
    "campaigns",
    "monitoring",
    "risk-areas",
    "units",
    "compounds",
    "checkpoints",
    "users",
)


def export_named_list(
    context: AppContext, name: str, path: Path, progress: ProgressCallback | None = None
) -> ExportResult:
    """One of the small lists, by its command-line name, to Excel."""
    lists = _named_lists()
    if name not in lists:
        raise ValidationError(f"没有名为“{name}”的列表（可选：{'、'.join(EXPORTABLE)}）。", "list")
    chosen = lists[name]
    return export_shown_rows(
        context, chosen.title, chosen.columns, chosen.rows(context), path, progress
    )
