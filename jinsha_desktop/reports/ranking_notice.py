"""The red/black list as published: a one-page A4 notice (通报) and an Excel sheet.

The notice prints the title, the issuing unit, the period and edition, the red list, the black
list with each black-listed unit's main deductions, the date and a seal and signature area. It
always fits one page: a long list is shrunk to fit rather than spilling onto a second page (a
notice is posted as one sheet). Texts go through the ledger fonts (reports/fonts.py), so rare
characters in a unit's name print.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.domain.rankings import LISTING_LABELS, RankedUnit, RankingNotice
from jinsha_desktop.reports.fonts import MAIN_FONT, FontChain
from jinsha_desktop.reports.xlsx_writing import ExportResult, SheetColumn, write_sheet

MARGIN = 18 * mm
RED = colors.HexColor("#C00000")
GRID = colors.HexColor("#808080")
HEADER_FILL = colors.HexColor("#F2F2F2")
SEAL_SIZE = 34 * mm


class NoticeProblem(KnownError):
    """The notice file cannot be written."""


def _style(name: str, size: float, align: int = TA_LEFT, **extra: Any) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=MAIN_FONT, fontSize=size, leading=size * 1.45, alignment=align, **extra
    )


ISSUER = _style("issuer", 22, TA_CENTER, textColor=RED, spaceAfter=3 * mm)
TITLE = _style("title", 15, TA_CENTER, spaceAfter=2 * mm)
SUBTITLE = _style("subtitle", 10.5, TA_CENTER, spaceAfter=4 * mm)
BODY = _style("body", 11, firstLineIndent=22, spaceAfter=3 * mm)
HEADING = _style("heading", 13, spaceBefore=2 * mm, spaceAfter=2 * mm)
CELL = _style("cell", 10)
CELL_CENTER = _style("cell_center", 10, TA_CENTER)
SMALL = _style("small", 9)
SIGN = _style("sign", 11, TA_RIGHT)


def percent_text(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def local_day(notice: RankingNotice) -> str:
    day = notice.published_at.astimezone().date()
    return f"{day.year}年{day.month}月{day.day}日"


def write_ranking_notice(notice: RankingNotice, path: Path | str, fonts: FontChain) -> int:
    """Write the notice to `path` (atomically) and return its page count (always 1)."""
    destination = Path(path)
    width, height = A4
    room = width - 2 * MARGIN

    def text(value: str, style: ParagraphStyle = CELL) -> Paragraph:
        return Paragraph(fonts.markup(value), style)

    # Like an official notice: the issuer in red on a line of its own, then what it is.
    title = notice.title
    if title.startswith(notice.issuer) and len(title) > len(notice.issuer):
        title = title[len(notice.issuer) :]
    story: list[Flowable] = [
        text(notice.issuer, ISSUER),
        _RedRule(room),
        text(title, TITLE),
        text(
            f"{notice.period_label}　第{notice.edition}版　（参加排名 {notice.units} 个村、社区）",
            SUBTITLE,
        ),
        text(
            f"根据{notice.period_label}各村、社区人居环境和文明城市长效管理检查考核结果，"
            "经综合评定，现将红黑榜通报如下。请上榜红榜的单位保持成绩，"
            "上榜黑榜的单位对照主要扣分问题限期整改。",
            BODY,
        ),
        text("一、红榜", HEADING),
        _red_table(notice.red, room, text),
        text("二、黑榜", HEADING),
        _black_table(notice.black, room, text),
    ]
    if notice.note.strip():
        story += [Spacer(1, 3 * mm), text(f"说明：{notice.note.strip()}", SMALL)]
    story += [Spacer(1, 8 * mm), _signature(notice, room, text)]
    body_height = height - 2 * MARGIN
    page = KeepInFrame(room, body_height, story, mode="shrink")
    partial = destination.with_name(destination.name + ".partial")
    document = SimpleDocTemplate(
        str(partial),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=notice.title,
        author=notice.issuer,
        creator="金沙台账 · Jinsha Ledger",
        initialFontName=MAIN_FONT,
    )
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        document.build([page])
        os.replace(partial, destination)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise NoticeProblem(
            f"无法写入红黑榜文件 {destination.name}：{error.strerror or error}。"
            "如果文件正在其他程序中打开，请关闭后重试，或换一个位置保存。"
        ) from error
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    return int(document.page)


def _grid(header_rows: int = 1) -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), MAIN_FONT),
            ("GRID", (0, 0), (-1, -1), 0.6, GRID),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ]
    )


def _red_table(rows: Sequence[RankedUnit], room: float, text: Any) -> Flowable:
    if not rows:
        return text("本期无单位进入红榜。")
    header = [text(h, CELL_CENTER) for h in ("名次", "村/社区", "得分率", "检查次数")]
    body = [
        [
            text(str(row.position or ""), CELL_CENTER),
            text(row.unit_name),
            text(percent_text(row.score), CELL_CENTER),
            text(str(row.inspections), CELL_CENTER),
        ]
        for row in rows
    ]
    widths = [room * share for share in (0.14, 0.46, 0.2, 0.2)]
    return Table([header, *body], colWidths=widths, style=_grid(), repeatRows=1)


def _black_table(rows: Sequence[tuple[RankedUnit, list[str]]], room: float, text: Any) -> Flowable:
    if not rows:
        return text("本期无单位进入黑榜。")
    header = [text(h, CELL_CENTER) for h in ("名次", "村/社区", "得分率", "主要扣分问题")]
    body = []
    for row, deductions in rows:
        problems = "；".join(deductions) or "—"
        if row.vetoed:
            problems = f"一票否决。{problems}" if deductions else "一票否决"
        body.append(
            [
                text(str(row.position or "—"), CELL_CENTER),
                text(row.unit_name),
                text(percent_text(row.score), CELL_CENTER),
                text(problems),
            ]
        )
    widths = [room * share for share in (0.1, 0.2, 0.14, 0.56)]
    return Table([header, *body], colWidths=widths, style=_grid(), repeatRows=1)


def _signature(notice: RankingNotice, room: float, text: Any) -> Flowable:
    """The issuer and date on the right beside a dashed circle where the seal goes, and a line
    for the signature of whoever signs it off."""
    seal = _SealArea(SEAL_SIZE)
    lines = [
        text("签发人：＿＿＿＿＿＿", SIGN),
        Spacer(1, 3 * mm),
        text(notice.issuer, SIGN),
        text(local_day(notice), SIGN),
    ]
    column = room - SEAL_SIZE - 6 * mm
    table = Table([[lines, seal]], colWidths=[column, SEAL_SIZE + 6 * mm])
    table.setStyle(
        TableStyle(
            [("FONTNAME", (0, 0), (-1, -1), MAIN_FONT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        )
    )
    return table


class _RedRule(Flowable):  # type: ignore[misc]
    """The red line under the issuer."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        return self.width, 4 * mm

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(RED)
        self.canv.setLineWidth(1.5)
        self.canv.line(0, 3 * mm, self.width, 3 * mm)
        self.canv.restoreState()


class _SealArea(Flowable):  # type: ignore[misc]
    """A dashed circle with （盖章） in it."""

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        radius = self.size / 2
        canvas.saveState()
        canvas.setStrokeColor(RED)
        canvas.setDash(3, 2)
        canvas.circle(radius, radius, radius - 1, stroke=1, fill=0)
        canvas.setFillColor(RED)
        canvas.setFont(MAIN_FONT, 10)
        canvas.drawCentredString(radius, radius - 4, "（盖章）")
        canvas.restoreState()


# -- Excel

COLUMNS = (
    SheetColumn("position", "名次", CellKind.INTEGER),
    SheetColumn("unit", "村/社区"),
    SheetColumn("score", "得分率", CellKind.DECIMAL, number_format="0.00"),
    SheetColumn("inspections", "检查次数", CellKind.INTEGER),
    SheetColumn("penalty", "超期问题扣分", CellKind.DECIMAL, number_format="0.00"),
    SheetColumn("vetoed", "一票否决", CellKind.BOOL),
    SheetColumn("listed", "榜单"),
    SheetColumn("previous", "上期名次", CellKind.INTEGER),
    SheetColumn("deductions", "主要扣分问题", width=60),
)


def write_ranking_xlsx(ranking: Any, path: Path | str) -> ExportResult:
    """A ranking (services/rankings.RankingView: every unit) or a notice (its red and black
    lists) as one sheet, with the period (and edition) in the heading."""
    if isinstance(ranking, RankingNotice):
        rows = [*ranking.red, *(row for row, _ in ranking.black)]
        heading = f"{ranking.title}（{ranking.period_label}，第{ranking.edition}版）"
    else:
        rows = list(ranking.rows)
        published = ranking.published
        edition = f"，第{published.edition}版" if published is not None else ""
        heading = f"红黑榜（{ranking.period.label}{edition}）"
    cells = [
        [
            row.position,
            row.unit_name,
            row.score,
            row.inspections,
            row.penalty,
            row.vetoed,
            LISTING_LABELS.get(row.listed, ""),
            row.previous_position,
            row.main_deductions.replace("\n", "；"),
        ]
        for row in rows
    ]
    return write_sheet(path, "红黑榜", COLUMNS, cells, heading=heading)
