"""The ledger engine: a declared ledger (title, columns, rows) made into A4 pages like paper ones.

Every page: the unit and the ledger's name, the period and filter, the table with its header
repeated, "第 X 页 共 Y 页", the time it was generated and the signature lines. Cells wrap inside
their column; the widths fit what the columns hold. A ledger module only declares its columns
and hands over rows of text (reports/ledgers.py); nothing here knows what a visit is.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)

from jinsha_desktop.domain.errors import Cancelled, KnownError, ProgressCallback, report_progress
from jinsha_desktop.reports.fonts import MAIN_FONT, FontChain, MissingCharacters

MARGIN = 12 * mm
HEADER_BAND = 9 * mm
FOOTER_BAND = 16 * mm
CELL_PADDING = 2.5
WIDTH_SAMPLE = 2_000
"""Rows measured to fit the column widths (evenly spread over a long ledger)."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class LedgerProblem(KnownError):
    """A ledger that cannot be written (the file is open elsewhere, the disk is full…)."""


@dataclass(frozen=True)
class LedgerColumn:
    header: str
    min_chars: float = 2.0
    """Narrowest sensible width, in Chinese characters; text wraps below its natural width."""
    max_chars: float = 30.0
    align: str = "LEFT"


@dataclass
class LedgerTable:
    columns: Sequence[LedgerColumn]
    rows: Iterable[Sequence[str]]
    row_count: int
    """How many rows `rows` yields (for the progress bar)."""
    caption: str = ""
    numbered: bool = True
    """Add a 序号 column numbering the rows."""
    row_height: float | None = None
    """A fixed minimum row height (points): room to write by hand on a blank sheet."""
    label_column: int = 0
    """The column that names a row's record when a character cannot be printed."""


@dataclass
class LedgerDocument:
    title: str
    unit: str
    period: str
    filters: str
    generated_at: datetime
    tables: list[LedgerTable]
    landscape: bool = True
    font_size: float = 9.0
    note: str = ""
    signatures: Sequence[str] = ("填表人", "审核人", "日期")


@dataclass
class LedgerResult:
    path: Path
    pages: int
    rows: int
    missing: list[MissingCharacters] = field(default_factory=list)


def find_missing_characters(document: LedgerDocument, fonts: FontChain) -> list[MissingCharacters]:
    """Characters no font can print, with the record holding them: asked before printing."""
    found: list[MissingCharacters] = []
    for table in document.tables:
        for number, row in enumerate(_materialised(table), start=1):
            for text in row:
                lost = fonts.missing(text)
                if lost:
                    label = row[table.label_column] if row else ""
                    found.append(MissingCharacters(f"第 {number} 行 {label}".strip(), lost))
    return found


def _materialised(table: LedgerTable) -> list[Sequence[str]]:
    if not isinstance(table.rows, list):
        table.rows = list(table.rows)
    return table.rows


class _Layout:
    """Widths and text fitting for one table in the main font."""

    def __init__(self, fonts: FontChain, size: float) -> None:
        self.fonts = fonts
        self.size = size
        self.face = getFont(MAIN_FONT)
        self.widths: dict[str, float] = {}
        self.paragraph = ParagraphStyle(
            "cell", fontName=MAIN_FONT, fontSize=size, leading=size * 1.25, wordWrap="CJK"
        )

    def text_width(self, text: str) -> float:
        return float(self.face.stringWidth(text, self.size))

    def char_width(self, character: str) -> float:
        width = self.widths.get(character)
        if width is None:
            width = self.widths[character] = self.text_width(character)
        return width

    def column_widths(
        self, table: LedgerTable, rows: list[Sequence[str]], room: float
    ) -> list[float]:
        """Natural widths (widest line in a sample of rows) squeezed into `room`: wide columns
        give way first, none below its declared minimum."""
        step = max(1, len(rows) // WIDTH_SAMPLE)
        em = self.size
        natural, minimum = [], []
        for index, column in enumerate(table.columns):
            widest = max(
                (self._widest_line(row[index]) for row in rows[::step] if index < len(row)),
                default=0.0,
            )
            header = max(self._widest_line(part) for part in column.header.split("\n"))
            low = column.min_chars * em
            natural.append(min(max(widest, header, low), column.max_chars * em))
            minimum.append(low)
        padded = [w + 2 * CELL_PADDING for w in natural]
        floor = [w + 2 * CELL_PADDING for w in minimum]
        if sum(padded) <= room:
            extra = (room - sum(padded)) / len(padded)
            return [w + extra for w in padded]
        low, high = 0.0, max(padded)
        for _ in range(40):  # the cap t with sum(min(natural, max(t, floor))) == room
            middle = (low + high) / 2
            used = sum(min(w, max(middle, f)) for w, f in zip(padded, floor, strict=True))
            low, high = (middle, high) if used < room else (low, middle)
        return [min(w, max(low, f)) for w, f in zip(padded, floor, strict=True)]

    def _widest_line(self, text: str) -> float:
        return max(self.text_width(line) for line in text.split("\n")) if text else 0.0

    def cell(self, text: str, width: float) -> Any:
        """A plain string wrapped to `width` (fast), or a paragraph when a fallback font is
        needed for some of its characters."""
        text = _CONTROL.sub(" ", text)
        if not self.fonts.is_plain(text):
            return Paragraph(self.fonts.markup(text), self.paragraph)
        room = width - 2 * CELL_PADDING
        if "\n" not in text and self.text_width(text) <= room:
            return text
        return "\n".join(self._wrap(line, room) for line in text.split("\n"))

    def _wrap(self, text: str, room: float) -> str:
        lines: list[str] = []
        start, used = 0, 0.0
        for position, character in enumerate(text):
            width = self.char_width(character)
            if used + width > room and position > start:
                lines.append(text[start:position])
                start, used = position, 0.0
            used += width
        lines.append(text[start:])
        return "\n".join(lines)


def _numbered(table: LedgerTable, rows: list[Sequence[str]]) -> tuple[list[LedgerColumn], Any]:
    if not table.numbered:
        return list(table.columns), rows
    width = max(2.0, len(str(len(rows))) * 0.6 + 0.6)
    columns = [LedgerColumn("序号", width, width, "CENTER"), *table.columns]
    return columns, ([str(n), *row] for n, row in enumerate(rows, start=1))


def _table_flowable(
    table: LedgerTable,
    layout: _Layout,
    room: float,
    on_rows_left: Callable[[int], None],
) -> LongTable:
    rows = _materialised(table)
    columns, numbered_rows = _numbered(table, rows)
    numbered = LedgerTable(columns, [], 0, numbered=False)
    all_rows = list(numbered_rows)
    widths = layout.column_widths(numbered, all_rows, room)
    header = [layout.cell(c.header, w) for c, w in zip(columns, widths, strict=True)]
    data = [header]
    data.extend(
        [layout.cell(text, w) for text, w in zip(row, widths, strict=False)] for row in all_rows
    )
    style = [
        ("FONT", (0, 0), (-1, -1), MAIN_FONT, layout.size, layout.size * 1.25),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for index, column in enumerate(columns):
        if column.align != "LEFT":
            style.append(("ALIGN", (index, 1), (index, -1), column.align))

    class ProgressTable(LongTable):
        """Reports, each time a page is filled, how many rows are still to place."""

        def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
            parts: list[Any] = super().split(availWidth, availHeight)
            if len(parts) == 2:
                on_rows_left(len(parts[1]._cellvalues) - 1)
            return parts

    heights = None
    if table.row_height is not None:
        heights = [layout.size * 2.2] + [table.row_height] * len(all_rows)
    return ProgressTable(
        data, colWidths=widths, rowHeights=heights, repeatRows=1, style=TableStyle(style)
    )


def _page_canvas(document: LedgerDocument, fonts: FontChain) -> type[Canvas]:
    """A canvas that keeps each page until the end, to write "第 X 页 共 Y 页" on all of them."""
    generated = document.generated_at.astimezone().strftime("%Y-%m-%d %H:%M")

    class LedgerCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._furniture(number, total)
                super().showPage()
            super().save()

        def _furniture(self, number: int, total: int) -> None:
            width, height = self._pagesize
            self.setFont(MAIN_FONT, 8.5)
            self.setFillColor(colors.black)
            top = height - MARGIN + 1.5 * mm
            self.drawString(MARGIN, top, f"{document.unit} · {document.title}")
            self.drawRightString(width - MARGIN, top, document.period)
            self.setLineWidth(0.4)
            self.line(MARGIN, top - 1.5 * mm, width - MARGIN, top - 1.5 * mm)
            base = MARGIN - 2 * mm
            self.setFont(MAIN_FONT, 10)
            signature_y = base + 7 * mm
            step = (width - 2 * MARGIN) / max(1, len(document.signatures))
            for index, label in enumerate(document.signatures):
                x = MARGIN + index * step
                self.drawString(x, signature_y, f"{label}：")
                line_start = x + stringWidth(f"{label}：", MAIN_FONT, 10) + 1 * mm
                self.line(line_start, signature_y - 1, x + step - 8 * mm, signature_y - 1)
            self.setFont(MAIN_FONT, 8.5)
            self.drawString(MARGIN, base, f"生成时间：{generated}")
            self.drawCentredString(width / 2, base, f"第 {number} 页 共 {total} 页")
            self.drawRightString(width - MARGIN, base, "金沙台账")

    return LedgerCanvas


def build_pdf(
    document: LedgerDocument,
    destination: Path,
    fonts: FontChain,
    progress: ProgressCallback | None = None,
) -> LedgerResult:
    """Write `document` to `destination` (atomically: a cancel or a crash leaves no half file)."""
    page = landscape(A4) if document.landscape else A4
    room = page[0] - 2 * MARGIN
    layout = _Layout(fonts, document.font_size)
    total_rows = sum(max(t.row_count, 1) for t in document.tables)
    placed = 0
    missing = find_missing_characters(document, fonts)
    story: list[Any] = [
        Paragraph(
            fonts.markup(f"{document.unit}{document.title}"),
            ParagraphStyle(
                "title", fontName=MAIN_FONT, fontSize=16, leading=22, alignment=TA_CENTER
            ),
        ),
        Paragraph(
            "　　".join(_escape(p) for p in (document.period, document.filters) if p),
            ParagraphStyle("sub", fontName=MAIN_FONT, fontSize=10, leading=15, alignment=TA_CENTER),
        ),
    ]
    if document.note:
        story.append(
            Paragraph(
                _escape(document.note),
                ParagraphStyle("note", fontName=MAIN_FONT, fontSize=8.5, leading=12),
            )
        )
    story.append(Spacer(1, 2 * mm))
    for table in document.tables:
        done_before = placed
        rows = len(_materialised(table))

        def rows_left(left: int, rows: int = rows, done_before: int = done_before) -> None:
            report_progress(progress, done_before + rows - left, total_rows)

        if table.caption:
            story.append(
                Paragraph(
                    _escape(table.caption),
                    ParagraphStyle("caption", fontName=MAIN_FONT, fontSize=11, leading=16),
                )
            )
        story.append(_table_flowable(table, layout, room, rows_left))
        story.append(Spacer(1, 4 * mm))
        placed += rows
    partial = destination.with_name(destination.name + ".partial")
    template = BaseDocTemplate(
        str(partial),
        pagesize=page,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_BAND,
        bottomMargin=MARGIN + FOOTER_BAND,
        title=f"{document.unit}{document.title}",
        author=document.unit,
        creator="金沙台账 · Jinsha Ledger",
    )
    frame = Frame(
        MARGIN,
        MARGIN + FOOTER_BAND,
        room,
        page[1] - 2 * MARGIN - HEADER_BAND - FOOTER_BAND,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    template.addPageTemplates([PageTemplate("ledger", [frame])])
    canvas_class = _page_canvas(document, fonts)
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        template.build(story, canvasmaker=canvas_class)
        report_progress(progress, total_rows, total_rows)
        os.replace(partial, destination)
    except Cancelled:
        _discard(partial)
        raise
    except OSError as error:
        _discard(partial)
        raise LedgerProblem(
            f"无法写入台账文件 {destination.name}：{error.strerror or error}。"
            "如果文件正在其他程序中打开，请关闭后重试，或换一个位置保存。"
        ) from error
    except BaseException:
        _discard(partial)
        raise
    return LedgerResult(destination, template.page, placed, missing)


def _discard(partial: Path) -> None:
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
