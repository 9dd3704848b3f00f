"""The old compounds' ledgers: repairs, clean-ups, the compound sheet, the blank survey sheet.

Each is a `Ledger(...)` declaration (reports/ledger_declaration.py) with the function that turns
its service's rows into LedgerTables; reports/ledgers.py lists them. The repair and clean-up
ledgers print the REPAIR_ORDER and CLEANUP declarations' ledger cells (domain/repair_kinds.py).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from jinsha_desktop.domain.errors import ProgressCallback
from jinsha_desktop.domain.fields import Field, RecordKind, always_on
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repair_kinds import CLEANUP, REPAIR_ORDER
from jinsha_desktop.domain.surveys import COUNT_FIELDS
from jinsha_desktop.reports.ledger_declaration import (
    Ledger,
    LedgerFilter,
    LedgerRequest,
    Period,
    ledger_columns,
)
from jinsha_desktop.reports.ledger_pictures import Pictures
from jinsha_desktop.reports.pdf_ledger import Cell, LedgerColumn, LedgerTable
from jinsha_desktop.services.cleanups import CleanupFilter, count_cleanups, iter_cleanups
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.ledger_choices import (
    campaign_choices,
    cleanup_category_choices,
    compound_choices,
    order_status_choices,
    unit_choices,
)
from jinsha_desktop.services.repair_ledger_data import (
    OLDEST_FIRST_CLEANUPS,
    OLDEST_FIRST_ORDERS,
    CompoundHead,
    CompoundSheet,
    PhotoSet,
    SheetScope,
    compound_sheets,
    survey_sheet_compounds,
)
from jinsha_desktop.services.repair_lists import OrderFilter, count_orders, iter_orders

COMMUNITY = LedgerFilter("community", "社区/村", choices=unit_choices, everything="全部社区/村")
COMPOUND = LedgerFilter(
    "compound", "小区", choices=compound_choices, everything="全部小区", column="compound_name"
)
CAMPAIGN = LedgerFilter("campaign", "排查活动", choices=campaign_choices, everything="全部排查活动")
STATUS = LedgerFilter("status", "状态", choices=order_status_choices, everything="全部状态")
CATEGORY = LedgerFilter(
    "category", "类别", choices=cleanup_category_choices, everything="全部类别", column="category"
)
PLACES = (COMMUNITY, COMPOUND, CAMPAIGN)
"""The filters every ledger of the module declares (the totals ledger too)."""

SURVEY_ROW_HEIGHT = 26.0
"""Room to write a count or a note by hand on the blank survey sheet."""
SPARE_ROWS = 6
"""Rows for buildings not yet in the registry (a compound with none listed)."""


def _scope(request: LedgerRequest) -> SheetScope:
    return SheetScope(
        request.value(COMMUNITY.key), request.value(COMPOUND.key), request.value(CAMPAIGN.key)
    )


def _fields(kind: RecordKind, left_out: Collection[str]) -> list[Field]:
    return [f for f in kind.shown("ledger", always_on) if f.key not in left_out]


# ---------------------------------------------------------------- repair and clean-up ledgers


def _order_filter(request: LedgerRequest, scope: SheetScope) -> OrderFilter:
    return OrderFilter(
        since=request.since,
        until=request.until,
        unit_id=scope.unit_id,
        compound_id=scope.compound_id,
        campaign_id=scope.campaign_id,
        status=request.value(STATUS.key) or "",
    )


def _repairs(
    context: AppContext, request: LedgerRequest, _progress: ProgressCallback | None
) -> list[LedgerTable]:
    fields = _fields(REPAIR_ORDER, REPAIRS.left_out(request))
    columns, texts = ledger_columns(fields)
    flt = _order_filter(request, _scope(request))
    # Streamed from the database cursor while the pages are laid out: never all in memory.
    orders = iter_orders(context, flt, OLDEST_FIRST_ORDERS, full=request.full)
    rows = (texts(row) for row in orders)
    named = [f.key for f in fields].index("number")
    return [LedgerTable(columns, rows, count_orders(context, flt), label_column=named)]


def _cleanups(
    context: AppContext, request: LedgerRequest, _progress: ProgressCallback | None
) -> list[LedgerTable]:
    fields = _fields(CLEANUP, CLEANUPS.left_out(request))
    columns, texts = ledger_columns(fields)
    scope = _scope(request)
    flt = CleanupFilter(
        since=request.since,
        until=request.until,
        unit_id=scope.unit_id,
        compound_id=scope.compound_id,
        category_id=request.value(CATEGORY.key),
        campaign_id=scope.campaign_id,
    )
    rows = (texts(row) for row in iter_cleanups(context, flt, OLDEST_FIRST_CLEANUPS))
    return [LedgerTable(columns, rows, count_cleanups(context, flt))]


# ---------------------------------------------------------------- compound sheet


def _pictures(photos: PhotoSet) -> Pictures:
    note = f"照片缺失：{'、'.join(photos.missing)}" if photos.missing else ""
    return Pictures(photos.thumbnails, note=note)


PHOTO_COLUMN = LedgerColumn("照片", 9, 14)
_NOT_ON_SHEET = {"compound_name", "reporter_name", "reporter_phone"}


def _with_photos(
    kind: RecordKind, entries: Sequence[tuple[Any, PhotoSet]]
) -> tuple[list[LedgerColumn], list[list[Cell]]]:
    """The kind's ledger columns but the compound (the page names it) and who reported it (the
    sheet is about the place), and a photo column."""
    columns, texts = ledger_columns(_fields(kind, _NOT_ON_SHEET))
    rows: list[list[Cell]] = [[*texts(row), _pictures(photos)] for row, photos in entries]
    return [*columns, PHOTO_COLUMN], rows


def _heading(head: CompoundHead) -> str:
    managed = f"物业：{head.property_company or '有'}" if head.managed else "无物业管理"
    address = f"　{head.address}" if head.address else ""
    return f"{head.name}（{head.unit_name}，{managed}）{address}"


_BUILDING_COLUMNS = [
    LedgerColumn("楼栋", 6, 12),
    LedgerColumn("单元数", 3, 4, "CENTER"),
    LedgerColumn("层数", 3, 4, "CENTER"),
]
_FOUND_COLUMNS = [
    LedgerColumn("排查活动", 6, 12),
    LedgerColumn("位置", 6, 10),
    *(LedgerColumn(label, 3, 4, "CENTER") for _key, label, _word in COUNT_FIELDS),
    LedgerColumn("其他问题", 6, 16),
    LedgerColumn("排查日期", 5, 6, "CENTER"),
    LedgerColumn("报修单号", 7, 8),
]


def _number(value: int | None) -> str:
    return str(value) if value else ""


def _sheet_tables(sheet: CompoundSheet) -> list[LedgerTable]:
    head = sheet.head
    buildings = [[b.name, _number(b.unit_count), _number(b.floor_count)] for b in head.buildings]
    found: list[list[Cell]] = [
        [
            f.campaign,
            f.place,
            *(_number(n) for n in f.counts),
            f.other,
            f.surveyed_on.isoformat() if f.surveyed_on else "",
            f.order_number,
        ]
        for f in sheet.found
    ]
    order_columns, orders = _with_photos(REPAIR_ORDER, sheet.orders)
    cleanup_columns, cleanups = _with_photos(CLEANUP, sheet.cleanups)
    return [
        LedgerTable(
            _BUILDING_COLUMNS,
            buildings,
            len(buildings),
            caption=f"{_heading(head)}　一、楼栋",
            empty="尚未登记楼栋",
            new_page=True,
        ),
        LedgerTable(
            _FOUND_COLUMNS, found, len(found), caption="二、排查发现", empty="本期无排查发现"
        ),
        LedgerTable(order_columns, orders, len(orders), caption="三、维修", empty="本期无维修"),
        LedgerTable(
            cleanup_columns, cleanups, len(cleanups), caption="四、整治", empty="本期无整治"
        ),
    ]


def _compound_sheet(
    context: AppContext, request: LedgerRequest, _progress: ProgressCallback | None
) -> list[LedgerTable]:
    sheets = compound_sheets(context, request.since, request.until, _scope(request))
    if not sheets:
        return [LedgerTable(_BUILDING_COLUMNS, [], 0, empty="本期各小区无排查、维修或整治记录")]
    return [table for sheet in sheets for table in _sheet_tables(sheet)]


# ---------------------------------------------------------------- blank survey sheet

_SURVEY_COLUMNS = [
    LedgerColumn("楼栋", 6, 10),
    LedgerColumn("单元", 4, 5, "CENTER"),
    *(LedgerColumn(f"{label}\n（{word}）", 4, 5, "CENTER") for _key, label, word in COUNT_FIELDS),
    LedgerColumn("其他问题", 14, 30),
    LedgerColumn("备注", 8, 14),
]


def _survey_sheet(
    context: AppContext, request: LedgerRequest, _progress: ProgressCallback | None
) -> list[LedgerTable]:
    heads = survey_sheet_compounds(context, _scope(request))
    blank = [""] * (len(_SURVEY_COLUMNS) - 2)
    tables = []
    for head in heads:
        rows = [[b.name, unit, *blank] for b in head.buildings for unit in b.units()]
        if not rows:  # no buildings registered: rows to write them in
            rows = [["", "", *blank] for _ in range(SPARE_ROWS)]
        tables.append(
            LedgerTable(
                _SURVEY_COLUMNS,
                rows,
                len(rows),
                caption=_heading(head),
                row_height=SURVEY_ROW_HEIGHT,
                new_page=True,
            )
        )
    return tables or [LedgerTable(_SURVEY_COLUMNS, [], 0, empty="没有符合条件的小区")]


REPAIRS = Ledger(
    "repairs",
    "维修台账",
    _repairs,
    font_size=8.5,
    personal_data=True,
    reads=Permission.VIEW_REPAIRS,
    filters=(*PLACES, STATUS),
)
CLEANUPS = Ledger(
    "cleanups",
    "整治台账",
    _cleanups,
    font_size=9.0,
    reads=Permission.VIEW_REPAIRS,
    filters=(*PLACES, CATEGORY),
)
REPAIR_LEDGERS = (
    REPAIRS,
    CLEANUPS,
    Ledger(
        "compound-sheet",
        "小区台账",
        _compound_sheet,
        font_size=8.5,
        reads=Permission.VIEW_REPAIRS,
        filters=PLACES,
        signatures=("填表人", "小区负责人", "社区审核", "日期"),
    ),
    Ledger(
        "survey-sheet",
        "排查登记表（空白）",
        _survey_sheet,
        font_size=9.0,
        period=Period.NONE,
        period_line="排查日期：____年__月__日",
        permission=Permission.LOG_REPAIRS,
        reads=Permission.VIEW_REPAIRS,
        filters=PLACES,
        signatures=("排查人", "陪同人员", "物管/社区负责人", "日期"),
    ),
)
