"""The ledger engine: a declared ledger (title, columns, rows) made into A4 pages like paper ones.

Every page: the unit and the ledger's name, the period and filter, the table with its header
repeated, "第 X 页 共 Y 页", the time it was generated and the signature lines. Cells wrap inside
their column; the widths fit what the columns hold. A ledger module only declares its columns
and hands over rows of text (reports/ledgers.py); nothing here knows what a visit is.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus.tables import CellStyle

from jinsha_desktop.domain.errors import Cancelled, KnownError, ProgressCallback, report_progress
from jinsha_desktop.reports.fonts import MAIN_FONT, FontChain, MissingCharacters
from jinsha_desktop.reports.ledger_pictures import PICTURE_GAP, Pictures, Thumbnails
from jinsha_desktop.reports.mixed_cells import MixedCells

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


Cell = str | Pictures
"""What a ledger row holds per column: text, or photos."""


@dataclass
class LedgerTable:
    columns: Sequence[LedgerColumn]
    rows: Iterable[Sequence[Cell]]
    row_count: int
    """How many rows `rows` yields (for the progress bar)."""
    caption: str = ""
    numbered: bool = True
    """Add a 序号 column numbering the rows."""
    row_height: float | None = None
    """A fixed minimum row height (points): room to write by hand on a blank sheet."""
    label_column: int = 0
    """The column that names a row's record when a character cannot be printed."""
    empty: str = "本期无记录"
    """Printed instead of a header-only table when there are no rows."""
    new_page: bool = False
    """Starts on a new page (one page per compound): its caption heads that page and, with
    （续）, every page it continues on."""


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
    anchor: str = ""
    """The audit chain's head when the ledger was made, printed small on every page: a paper
    record that a later cut or rewrite of the log would contradict (services/audit_anchor.py)."""


@dataclass
class LedgerResult:
    path: Path
    pages: int
    rows: int
    missing: list[MissingCharacters] = field(default_factory=list)


class _Layout:
    """Widths and text fitting for one table in the main font."""

    def __init__(self, fonts: FontChain, size: float) -> None:
        self.fonts = fonts
        self.size = size
        self.face = getFont(MAIN_FONT)
        self.widths: dict[str, float] = {}
        self.mixed = MixedCells(fonts, size)

    def text_width(self, text: str) -> float:
        return float(self.face.stringWidth(text, self.size))

    def char_width(self, character: str) -> float:
        width = self.widths.get(character)
        if width is None:
            width = self.widths[character] = self.text_width(character)
        return width

    def column_widths(
        self, columns: Sequence[LedgerColumn], sample: list[Sequence[Cell]], room: float
    ) -> list[float]:
        """Natural widths (widest line in the sample rows) squeezed into `room`: wide columns
        give way first, none below its declared minimum."""
        em = self.size
        natural, minimum = [], []
        for index, column in enumerate(columns):
            widest = max(
                (self._widest_line(row[index]) for row in sample if index < len(row)),
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

    def _widest_line(self, text: Cell) -> float:
        if isinstance(text, Pictures):  # three thumbnails a line at most
            shown = min(len(text.paths), 3)
            return shown * (text.height * 4 / 3 + PICTURE_GAP) + self.text_width(text.note[:12])
        return max(self.text_width(line) for line in text.split("\n")) if text else 0.0

    def cell(self, text: Cell, width: float) -> Any:
        """A plain string wrapped to `width` (fast), or runs of fonts when a fallback font is
        needed for some of its characters; photos as thumbnails."""
        if isinstance(text, Pictures):
            return Thumbnails(text, width - 2 * CELL_PADDING, self.size)
        text = _CONTROL.sub(" ", text)
        room = width - 2 * CELL_PADDING
        if not self.fonts.is_plain(text):
            return self.mixed.cell(text, room)
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


def _numbered(table: LedgerTable) -> tuple[list[LedgerColumn], Iterator[Sequence[Cell]]]:
    rows = iter(table.rows)
    if not table.numbered:
        return list(table.columns), rows
    width = max(2.0, len(str(table.row_count)) * 0.6 + 0.6)
    columns = [LedgerColumn("序号", width, width, "CENTER"), *table.columns]
    return columns, ([str(n), *row] for n, row in enumerate(rows, start=1))


class _StreamedTable(Flowable):  # type: ignore[misc]
    """A table laid out a page at a time from a stream of rows, its header on every page.

    Only the rows of the page being laid out become reportlab cells, so a 10,000-row ledger
    takes the memory of one page (a LongTable holds every cell until the end), and the rows
    can come straight from the database cursor.
    """

    def __init__(
        self,
        table: LedgerTable,
        layout: _Layout,
        room: float,
        on_rows_done: Callable[[int], None],
        missing: list[MissingCharacters],
    ) -> None:
        super().__init__()
        self.table, self.layout, self.missing = table, layout, missing
        self.on_rows_done = on_rows_done
        columns, rows = _numbered(table)
        sample = list(itertools.islice(rows, WIDTH_SAMPLE))
        self.widths = layout.column_widths(columns, sample, room)
        self.rows: Iterator[Sequence[Cell]] = itertools.chain(sample, rows)
        self.pending: deque[list[Any]] = deque()
        self.exhausted = False
        self.done = 0
        self.per_page = 40
        self.header = [layout.cell(c.header, w) for c, w in zip(columns, self.widths, strict=True)]
        self.style = TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
            ]
        )
        # One style object per column shared by every row, instead of reportlab's one per
        # cell: 170,000 of them for a 10,000-row ledger.
        self.header_styles = [_cell_style(layout.size, "CENTER") for _ in columns]
        self.body_styles = [_cell_style(layout.size, column.align) for column in columns]
        self.label_column = table.label_column + (1 if table.numbered else 0)
        self.piece: LongTable | None = None

    def _cells(self, row: Sequence[Cell]) -> list[Any]:
        number = self.done + len(self.pending) + 1
        for text in row:
            lost = self.layout.fonts.missing(text) if isinstance(text, str) else ""
            if lost:
                label = row[self.label_column] if self.label_column < len(row) else ""
                label = label if isinstance(label, str) else ""
                self.missing.append(MissingCharacters(f"第 {number} 行 {label}".strip(), lost))
        return [self.layout.cell(text, w) for text, w in zip(row, self.widths, strict=False)]

    def _fill(self, wanted: int) -> None:
        while len(self.pending) < wanted and not self.exhausted:
            row = next(self.rows, None)
            if row is None:
                self.exhausted = True
            else:
                self.pending.append(self._cells(row))

    def _table(self, rows: list[list[Any]]) -> LongTable:
        heights = None
        if self.table.row_height is not None:
            # the header as tall as its most wrapped heading (灯泡 over （个）)
            lines = max(c.count("\n") + 1 if isinstance(c, str) else 2 for c in self.header)
            header = max(self.layout.size * 2.2, lines * self.layout.size * 1.25 + 5)
            heights = [header] + [self.table.row_height] * len(rows)
        return LongTable(
            [self.header, *rows],
            colWidths=self.widths,
            rowHeights=heights,
            repeatRows=1,
            style=self.style,
            cellStyles=[self.header_styles, *([self.body_styles] * len(rows))],
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._fill(self.per_page + 10)
        self.piece = self._table(list(self.pending))
        width, height = self.piece.wrap(availWidth, availHeight)
        if not self.exhausted:  # more rows wait: this never fits on what is left of the page
            return width, max(height, availHeight + 1)
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        while True:
            parts = self._table(list(self.pending)).split(availWidth, availHeight)
            if len(parts) != 1 or self.exhausted:
                break
            self._fill(2 * len(self.pending) + 10)  # all of them fit: take more rows
        if not parts:
            return []
        placed = len(self.pending) if len(parts) == 1 else len(parts[0]._cellvalues) - 1
        for _ in range(placed):
            self.pending.popleft()
        self.done += placed
        self.per_page = max(10, placed)
        self.on_rows_done(self.done)
        # reportlab marks a flowable that did not fit the rest of a page; this one comes back
        # page after page, so the mark of the last page must not count against the next.
        self.__dict__.pop("_postponed", None)
        if len(parts) == 1:
            return [parts[0]]
        if self.table.new_page and self.table.caption:  # whose page this is, on every page
            caption = Paragraph(escape(f"{self.table.caption}（续）"), _CAPTION_STYLE)
            return [parts[0], PageBreak(), caption, self]
        return [parts[0], self]

    def draw(self) -> None:
        assert self.piece is not None
        self.piece.drawOn(self.canv, 0, 0)
        self.done += len(self.pending)
        self.pending.clear()
        self.on_rows_done(self.done)


def _cell_style(size: float, align: str) -> CellStyle:
    style = CellStyle(f"ledger-{align}")
    style.fontname, style.fontsize, style.leading = MAIN_FONT, size, size * 1.25
    style.alignment, style.valign = align, "MIDDLE"
    style.leftPadding = style.rightPadding = CELL_PADDING
    style.topPadding, style.bottomPadding = 1.5, 2.5
    return style


_CAPTION_STYLE = ParagraphStyle("caption", fontName=MAIN_FONT, fontSize=11, leading=16)
_EMPTY_STYLE = ParagraphStyle("empty", fontName=MAIN_FONT, fontSize=10, leading=16, leftIndent=6)

PAGE_TOTAL_FORM = "ledgerPageTotal"


def _page_canvas(document: LedgerDocument) -> type[Canvas]:
    """A canvas that draws the page furniture as each page ends. "共 Y 页" is a form XObject
    every page refers to and that is filled in once the last page is known, so no page has to
    be kept in memory until the end (a 10,000-row ledger has hundreds of pages)."""
    generated = document.generated_at.astimezone().strftime("%Y-%m-%d %H:%M")

    class LedgerCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints (Any)
        def showPage(self) -> None:  # noqa: N802
            self._furniture(self.getPageNumber())
            super().showPage()

        def save(self) -> None:
            self.beginForm(PAGE_TOTAL_FORM)
            self.setFont(MAIN_FONT, 8.5)
            self.drawString(0, 0, f"{self.getPageNumber() - 1} 页")
            self.endForm()
            super().save()

        def _furniture(self, number: int) -> None:
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
            self.drawRightString(width - MARGIN, base, "金沙台账")
            if document.anchor:
                self.setFont(MAIN_FONT, 6)
                self.drawRightString(width - MARGIN, base - 4 * mm, document.anchor)
                self.setFont(MAIN_FONT, 8.5)
            prefix = f"第 {number} 页 共 "
            # centred as if the total had as many digits as this page's number
            shown = stringWidth(f"{prefix}{number} 页", MAIN_FONT, 8.5)
            x = (width - shown) / 2
            self.drawString(x, base, prefix)
            self.saveState()
            self.translate(x + stringWidth(prefix, MAIN_FONT, 8.5), base)
            self.doForm(PAGE_TOTAL_FORM)
            self.restoreState()

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
    total_rows = max(1, sum(t.row_count for t in document.tables))
    missing: list[MissingCharacters] = []
    story: list[Any] = [
        Paragraph(
            fonts.markup(f"{document.unit}{document.title}"),
            ParagraphStyle(
                "title", fontName=MAIN_FONT, fontSize=16, leading=22, alignment=TA_CENTER
            ),
        ),
        Paragraph(
            "　　".join(escape(p) for p in (document.period, document.filters) if p),
            ParagraphStyle("sub", fontName=MAIN_FONT, fontSize=10, leading=15, alignment=TA_CENTER),
        ),
    ]
    if document.note:
        story.append(
            Paragraph(
                escape(document.note),
                ParagraphStyle("note", fontName=MAIN_FONT, fontSize=8.5, leading=12),
            )
        )
    story.append(Spacer(1, 2 * mm))
    tables: list[_StreamedTable] = []

    def rows_done(_done: int) -> None:
        report_progress(progress, min(sum(t.done for t in tables), total_rows), total_rows)

    heading = len(story)  # the title, period and note: the first table follows them
    for table in document.tables:
        if table.new_page and len(story) > heading:
            story.append(PageBreak())
        if table.caption:
            story.append(Paragraph(escape(table.caption), _CAPTION_STYLE))
        if table.row_count == 0:
            story.extend([Paragraph(escape(table.empty), _EMPTY_STYLE), Spacer(1, 4 * mm)])
            continue
        tables.append(_StreamedTable(table, layout, room, rows_done, missing))
        story.extend([tables[-1], Spacer(1, 4 * mm)])
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
        # reportlab starts every page in Helvetica, named in each page's fonts but never
        # embedded (a printer or a PDF/A check without it substitutes another face)
        initialFontName=MAIN_FONT,
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
    canvas_class = _page_canvas(document)
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
    return LedgerResult(destination, template.page, sum(t.done for t in tables), missing)


def _discard(partial: Path) -> None:
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)
