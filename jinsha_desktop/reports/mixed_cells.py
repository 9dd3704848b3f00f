"""Table cells whose text needs more than the main font (℃ from DejaVu Sans, 𠮷 from HanaMinB).

A reportlab Paragraph does this through its markup parser and line breaker, which costs about
as much as the rest of a ledger row: a ledger where one row in ten says "体温 37.6℃" took twice as
long. A ledger cell needs less: runs of one font, wrapped at a character (CJK text has no word
spaces), drawn left to right. The table aligns the cell by its width, as it does a Paragraph.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from jinsha_desktop.reports.fonts import MAIN_FONT, FontChain

Run = tuple[str, str]
"""(font name, text drawn in it)"""


class MixedCell(Flowable):  # type: ignore[misc]
    """Lines of font runs, already wrapped to the column."""

    def __init__(self, lines: list[list[Run]], widths: list[float], size: float) -> None:
        super().__init__()
        self.lines, self.line_widths, self.size = lines, widths, size
        self.leading = size * 1.25
        self.width = max(widths, default=0.0)
        self.height = self.leading * len(lines)

    def getPlainText(self) -> str:  # noqa: N802 (as reportlab's Paragraph names it)
        """The text, its wrapped lines one a line."""
        return "\n".join("".join(part for _font, part in line) for line in self.lines)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        # one text object per line, as a Paragraph writes it: readers copy and search the line
        # as one piece ("李𠮷", not "李" and "𠮷" on lines of their own)
        for number, line in enumerate(self.lines):
            # the first baseline one font size below the top, as in a Paragraph
            text = self.canv.beginText(0, self.height - number * self.leading - self.size)
            for font, part in line:
                text.setFont(font, self.size)
                text.textOut(part)
            self.canv.drawText(text)


class MixedCells:
    """Makes MixedCells for one font size, remembering character widths."""

    def __init__(self, fonts: FontChain, size: float) -> None:
        self.fonts, self.size = fonts, size
        self.widths: dict[tuple[str, str], float] = {}

    def cell(self, text: str, room: float) -> MixedCell:
        """`text` ("\\n" for a new line) wrapped to `room` points."""
        lines: list[list[Run]] = []
        widths: list[float] = []
        for paragraph in text.split("\n"):
            runs: list[Run] = []
            used = 0.0
            for character in paragraph:
                font = self.fonts.font_for(character) or MAIN_FONT
                width = self._width(font, character)
                if used + width > room and runs:
                    lines.append(runs)
                    widths.append(used)
                    runs, used = [], 0.0
                if runs and runs[-1][0] == font:
                    runs[-1] = (font, runs[-1][1] + character)
                else:
                    runs.append((font, character))
                used += width
            lines.append(runs)
            widths.append(used)
        return MixedCell(lines, widths, self.size)

    def _width(self, font: str, character: str) -> float:
        width = self.widths.get((font, character))
        if width is None:
            width = self.widths[font, character] = stringWidth(character, font, self.size)
        return width
