"""The village-inspection ledgers: 检查台账 and 整改台账 (issue 14 §6).

检查台账 prints each submitted inspection under a caption (number, date, unit, place, the rule
version it was scored on, inspectors, score and veto) with the items that lost points — or all of
them, a filter — as they were scored: the copy kept with the inspection, so a later edit of the
template changes no printout. An amended inspection's corrections stand beside the original, a
pair of columns each, and their reasons in the caption. 整改台账 prints the findings with their
source, parties, dates and status, the overdue marked, and a summary per unit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from jinsha_desktop.domain.errors import ProgressCallback
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.reports.ledger_declaration import Ledger, LedgerFilter, LedgerRequest
from jinsha_desktop.reports.ledger_pictures import Pictures
from jinsha_desktop.reports.pdf_ledger import Cell, LedgerColumn, LedgerTable
from jinsha_desktop.reports.repair_ledgers import COMMUNITY
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.inspection_ledger_data import (
    ALL_ITEMS,
    AnswerFigures,
    InspectionScope,
    InspectionSheet,
    ItemLine,
    inspection_sheets,
    item_choices,
    template_choices,
)
from jinsha_desktop.services.rectification_ledger_data import (
    FindingLine,
    FindingScope,
    finding_lines,
    rectification_choices,
    source_choices,
)

TEMPLATE = LedgerFilter("template", "检查清单", choices=template_choices, everything="全部检查清单")
ITEMS = LedgerFilter(
    "items",
    "检查项",
    choices=item_choices,
    everything="只列扣分项",
    unchosen="只列扣分项",
    help="检查项：“全部检查项”打印每一项（默认只列扣分项）",
)
SOURCE = LedgerFilter("source", "问题来源", choices=source_choices, everything="全部来源")
RECTIFICATION = LedgerFilter(
    "rectification", "整改状态", choices=rectification_choices, everything="全部状态"
)

NOT_APPLICABLE = "不适用"
VETO_MARK = "【否决项】"
PHOTO_THUMBNAIL = 34.0
"""Thumbnail height in points: an item row stays a few lines tall."""


def points_text(value: Decimal | None) -> str:
    """2.00 → 2, 0.50 → 0.5: points as people write them."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _result(score: Decimal | None, maximum: Decimal | None, percent: Decimal | None) -> str:
    return f"{points_text(score)}/{points_text(maximum)}（{points_text(percent)}%）"


# ---------------------------------------------------------------- 检查台账


def _caption(sheet: InspectionSheet) -> str:
    heading = [
        sheet.number,
        sheet.inspected_on.isoformat(),
        sheet.unit_name,
        sheet.place,
        sheet.rule_version,
        f"检查人：{sheet.inspectors or '—'}",
        f"得分：{_result(sheet.score, sheet.maximum, sheet.percent)}",
    ]
    if sheet.vetoed:
        heading.append("一票否决")
    for amendment in sheet.amendments:
        made = amendment.made_at.astimezone().date().isoformat()
        vetoed = "，一票否决" if amendment.vetoed else ""
        heading.append(
            f"更正{amendment.number}（{made} {amendment.made_by_name}）：{amendment.reason}；"
            f"更正后得分 {_result(amendment.score, amendment.maximum, amendment.percent)}{vetoed}"
        )
    if sheet.note:
        heading.append(f"备注：{sheet.note}")
    return "　".join(part for part in heading if part)


def _item_columns(amendments: int) -> list[LedgerColumn]:
    corrected = [
        column
        for n in range(1, amendments + 1)
        for column in (
            LedgerColumn(f"更正{n}\n次数", 2.5, 3, "CENTER"),
            LedgerColumn(f"更正{n}\n扣分", 2.5, 3, "CENTER"),
        )
    ]
    return [
        LedgerColumn("分类", 4, 8),
        LedgerColumn("编号", 2, 3.5, "CENTER"),
        LedgerColumn("检查内容", 10, 24),
        LedgerColumn("每次\n扣分", 2.5, 3, "CENTER"),
        LedgerColumn("封顶", 2.5, 3, "CENTER"),
        LedgerColumn("次数", 2.5, 3, "CENTER"),
        LedgerColumn("扣分", 2.5, 3, "CENTER"),
        *corrected,
        LedgerColumn("备注", 4, 10),
        LedgerColumn("问题单号", 5, 7),
        LedgerColumn("照片", 7, 12),
    ]


def _occurrences(figures: AnswerFigures | None) -> str:
    if figures is None:
        return "—"
    return NOT_APPLICABLE if figures.not_applicable else str(figures.occurrences)


def _deducted(figures: AnswerFigures | None) -> str:
    if figures is None or figures.not_applicable or not figures.deducted:
        return "" if figures is None or figures.not_applicable else "0"
    return points_text(figures.deducted)


def _lost_points(item: ItemLine) -> bool:
    answers = (item.original, *item.amended)
    return any(a is not None and (a.deducted > 0 or a.occurrences > 0) for a in answers)


def _item_row(item: ItemLine) -> list[Cell]:
    note = f"照片缺失：{'、'.join(item.photos.missing)}" if item.photos.missing else ""
    photos: Cell = (
        Pictures(item.photos.thumbnails, PHOTO_THUMBNAIL, note)
        if item.photos.thumbnails or note
        else ""
    )
    return [
        item.section,
        item.code,
        f"{VETO_MARK}{item.text}" if item.veto else item.text,
        points_text(item.points),
        points_text(item.cap),
        _occurrences(item.original),
        _deducted(item.original),
        *(text for a in item.amended for text in (_occurrences(a), _deducted(a))),
        item.note,
        "\n".join(item.findings),
        photos,
    ]


def inspection_table(sheet: InspectionSheet, all_items: bool) -> LedgerTable:
    """One inspection: its caption and its items (those that lost points, or all)."""
    items = [item for item in sheet.items if all_items or _lost_points(item)]
    rows = [_item_row(item) for item in items]
    return LedgerTable(
        _item_columns(len(sheet.amendments)),
        rows,
        len(rows),
        caption=_caption(sheet),
        label_column=2,
        # every item: a page (or more, its caption repeated) per inspection, as on paper
        new_page=all_items,
        empty=f"本次检查 {sheet.answered} 项均未扣分" if not all_items else "本次检查没有检查项",
    )


def _inspections(
    context: AppContext, request: LedgerRequest, _progress: ProgressCallback | None
) -> list[LedgerTable]:
    scope = InspectionScope(
        request.since,
        request.until,
        unit_id=request.value(COMMUNITY.key),
        template_id=request.value(TEMPLATE.key),
        all_items=request.value(ITEMS.key) == ALL_ITEMS,
    )
    tables = [
        inspection_table(sheet, scope.all_items) for sheet in inspection_sheets(context, scope)
    ]
    return tables or [LedgerTable(_item_columns(0), [], 0, empty="本期没有已提交的检查")]


# ---------------------------------------------------------------- 整改台账

_FINDING_COLUMNS = [
    LedgerColumn("问题单号", 5, 7),
    LedgerColumn("来源", 4, 7),
    LedgerColumn("社区/村", 3.5, 6),
    LedgerColumn("地点", 4, 9),
    LedgerColumn("问题", 8, 18),
    LedgerColumn("牵头单位", 4, 7),
    LedgerColumn("配合单位", 4, 9),
    LedgerColumn("发现日期", 5, 5, "CENTER"),
    LedgerColumn("整改期限", 5, 5, "CENTER"),
    LedgerColumn("状态", 3, 6, "CENTER"),
    LedgerColumn("整改日期", 5, 5, "CENTER"),
    LedgerColumn("销号日期", 5, 5, "CENTER"),
    LedgerColumn("逾期", 3, 5, "CENTER"),
]
_SUMMARY_COLUMNS = [
    LedgerColumn("社区/村", 6, 10),
    LedgerColumn("问题数", 3, 4, "CENTER"),
    LedgerColumn("已销号", 3, 4, "CENTER"),
    LedgerColumn("未销号", 3, 4, "CENTER"),
    LedgerColumn("其中逾期", 3, 4, "CENTER"),
    LedgerColumn("已撤销", 3, 4, "CENTER"),
]


def _day(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""


def overdue_text(line: FindingLine) -> str:
    if not line.overdue_days:
        return ""
    if line.closed_on is not None:
        return f"逾期{line.overdue_days}天办结"
    return f"逾期{line.overdue_days}天"


def _finding_row(line: FindingLine) -> list[Cell]:
    status = line.status
    if line.recheck_count > 1 or (line.recheck_count == 1 and line.closed_on is None):
        status = f"{status}\n（复查{line.recheck_count}次）"
    return [
        line.number,
        "\n".join(p for p in (line.source, line.source_detail) if p),
        line.unit_name,
        line.place,
        line.problem + (f"\n→ 报修单 {line.repair_order}" if line.repair_order else ""),
        line.lead,
        line.helpers,
        _day(line.found_on),
        _day(line.deadline),
        status,
        _day(line.rectified_on),
        _day(line.closed_on),
        overdue_text(line),
    ]


def _summary(lines: Sequence[FindingLine]) -> list[list[Cell]]:
    from jinsha_desktop.domain.findings import FindingStatus

    totals: dict[str, Counter[str]] = {}
    for line in lines:
        counts = totals.setdefault(line.unit_name, Counter())
        counts["all"] += 1
        if line.state == FindingStatus.CLOSED:
            counts["closed"] += 1
        elif line.state == FindingStatus.CANCELLED:
            counts["cancelled"] += 1
        else:
            counts["open"] += 1
            counts["overdue"] += 1 if line.overdue_days else 0
    keys = ("all", "closed", "open", "overdue", "cancelled")
    rows: list[list[Cell]] = [[unit, *(str(c[k]) for k in keys)] for unit, c in totals.items()]
    if len(rows) > 1:
        rows.append(["合计", *(str(sum(c[k] for c in totals.values())) for k in keys)])
    return rows


def _rectifications(
    context: AppContext, request: LedgerRequest, _progress: ProgressCallback | None
) -> list[LedgerTable]:
    scope = FindingScope(
        request.since,
        request.until,
        unit_id=request.value(COMMUNITY.key),
        source=request.value(SOURCE.key),
        state=request.value(RECTIFICATION.key),
    )
    lines = finding_lines(context, scope, full=request.full)
    rows = [_finding_row(line) for line in lines]
    summary = _summary(lines)
    return [
        LedgerTable(_FINDING_COLUMNS, rows, len(rows), empty="本期没有整改问题"),
        LedgerTable(
            _SUMMARY_COLUMNS,
            summary,
            len(summary),
            caption="各村/社区整改情况",
            numbered=False,
            empty="本期没有整改问题",
        ),
    ]


INSPECTIONS = Ledger(
    "inspections",
    "检查台账",
    _inspections,
    font_size=8.5,
    reads=Permission.VIEW_INSPECTIONS,
    filters=(COMMUNITY, TEMPLATE, ITEMS),
    signatures=("检查人", "被检查单位负责人", "审核人", "日期"),
)
RECTIFICATIONS = Ledger(
    "rectifications",
    "整改台账",
    _rectifications,
    font_size=8.0,
    personal_data=True,
    reads=Permission.VIEW_INSPECTIONS,
    filters=(COMMUNITY, SOURCE, RECTIFICATION),
)
INSPECTION_LEDGERS = (INSPECTIONS, RECTIFICATIONS)
