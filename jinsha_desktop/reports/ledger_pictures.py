"""Photos in a ledger cell: thumbnails side by side (the compound sheet's before/after photos).

A row's cell is text or `Pictures`; the engine (pdf_ledger.py) sizes the column and draws the
thumbnails through `Thumbnails`. A file that is gone or cannot be read is named, not dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from jinsha_desktop.reports.fonts import MAIN_FONT


@dataclass(frozen=True)
class Pictures:
    """A cell of photos, drawn as thumbnails side by side (more lines when the column is
    narrow). A file that is gone or unreadable is named in `note`, never silently dropped."""

    paths: tuple[Path, ...]
    height: float = 42.0
    """Thumbnail height in points."""
    note: str = ""
    """Printed under the thumbnails (照片缺失：…)."""


PICTURE_GAP = 3.0


class Thumbnails(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """Photos side by side in a cell, wrapped to its width, then the note (missing files)."""

    def __init__(self, pictures: Pictures, room: float, size: float) -> None:
        super().__init__()
        self.room, self.size = room, size
        self.items: list[tuple[str, float, float]] = []
        unreadable = []
        for path in pictures.paths:
            try:
                width, height = ImageReader(str(path)).getSize()
            except Exception:  # noqa: BLE001  (gone, truncated, not an image: named below)
                unreadable.append(path.name[:12])
                continue
            scale = min(pictures.height / max(height, 1), room / max(width, 1))
            self.items.append((str(path), width * scale, height * scale))
        self.height_each = pictures.height
        note = pictures.note
        if unreadable:
            note = "　".join(p for p in (note, f"照片无法读取：{'、'.join(unreadable)}") if p)
        self.note = note
        self.lines = self._lines()

    def _lines(self) -> list[list[tuple[str, float, float]]]:
        lines: list[list[tuple[str, float, float]]] = [[]]
        used = 0.0
        for item in self.items:
            if lines[-1] and used + item[1] > self.room:
                lines.append([])
                used = 0.0
            lines[-1].append(item)
            used += item[1] + PICTURE_GAP
        return [line for line in lines if line]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        height = len(self.lines) * (self.height_each + PICTURE_GAP)
        if self.note:
            height += self.size * 1.3
        return self.room, max(height, self.size)

    def draw(self) -> None:
        _width, height = self.wrap(self.room, 0)
        top = height
        for line in self.lines:
            top -= self.height_each + PICTURE_GAP
            x = 0.0
            for path, width, tall in line:
                self.canv.drawImage(path, x, top + PICTURE_GAP / 2, width, tall)
                x += width + PICTURE_GAP
        if self.note:
            self.canv.setFont(MAIN_FONT, self.size * 0.85)
            self.canv.drawString(0, 1, self.note)
