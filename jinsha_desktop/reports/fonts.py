"""Fonts for the ledgers: the bundled CJK font, then fallbacks for what it lacks.

reportlab silently drops a character its font has no glyph for (no box, no error), so every
text is checked against the fonts' character maps before it is drawn: characters outside the
main font are drawn from the first fallback that has them, and what no font covers is reported
so the user is told before printing (DESIGN.md: names are printed without loss).
"""

from __future__ import annotations

import mmap
import os
import struct
import sys
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from jinsha_desktop.paths import resource_path

MAIN_FONT = "JinshaSans"
MAIN_FONT_FILE = "wqy-microhei.ttc"
"""WenQuanYi Micro Hei (Apache-2.0): Latin, digits, CJK and symbols in one font, so a mixed
cell like "2026-11-25 王芳 苏F12345" is one plain string."""

SUPPLEMENTARY_IDEOGRAPHS = 0x20000
CJK_BLOCKS = 0x2E80
"""Where the CJK radicals begin: below it, Latin, symbols and numerals."""

BUNDLED_FALLBACKS = {
    "DroidSansFallbackFull.ttf": "JinshaExtA",
    "DejaVuSans.ttf": "JinshaLatin",
    "HanaMinB.ttf": "JinshaExtB",
}
"""Droid Sans Fallback for CJK Extension A (䶮); DejaVu Sans for what the main font maps to empty
glyphs (℃ ℉, pinyin tone marks ǎ ǚ, Roman numerals Ⅴ Ⅹ); HanaMinB (Hanazono, OFL) for
Extension B and beyond, where rare names live (𠮷)."""


def system_font_candidates() -> list[Path]:
    """Fonts with rare CJK characters that Windows and Linux usually have."""
    windows = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    linux = Path("/usr/share/fonts")
    if sys.platform == "win32":
        return [windows / "simsunb.ttf", windows / "SimSun-ExtB.ttf", windows / "simsun.ttc"]
    return [
        linux / "truetype/hanazono/HanaMinA.ttf",
        linux / "truetype/hanazono/HanaMinB.ttf",
        linux / "truetype/babelstone/BabelStoneHan.ttf",
        linux / "truetype/wqy/wqy-zenhei.ttc",
        linux / "truetype/arphic/uming.ttc",
    ]


_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode map with each character as UTF-16BE, as PDF requires (ISO 32000-1,
    9.10.3). reportlab writes U+20BB7 as <20BB7>, which readers reject: copying or searching a
    ledger would lose a rare name (𠮷) although it is drawn."""
    cmap: str = _reportlab_to_unicode_cmap(fontname, subset)
    for code in subset:
        if code > 0xFFFF:
            utf16 = chr(code).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"> <{code:04X}>", f"> <{utf16}>")
    return cmap


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


class _FontBytes:
    """A font file's bytes as reportlab reads them, from a memory map: small slices are copied,
    a whole table stays a window on the map. reportlab reads a font whole into memory and copies
    its glyph table to embed a few glyphs: 85 MB for HanaMinB (30 MB) when a ledger holds one
    rare name; mapped, the pages actually read are what it costs."""

    __slots__ = ("_view",)
    WINDOW = 1 << 20

    def __init__(self, view: memoryview) -> None:
        self._view = view

    def __len__(self) -> int:
        return len(self._view)

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            part = self._view[key]
            return _FontBytes(part) if len(part) > self.WINDOW else part.tobytes()
        return self._view[key]

    def __bytes__(self) -> bytes:
        return self._view.tobytes()


class _MappedFontFile:
    """What reportlab's TTFont accepts instead of a path: something with read() and a name."""

    def __init__(self, path: str) -> None:
        self.name = path
        with open(path, "rb") as file:
            self._map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)

    def read(self) -> _FontBytes:
        return _FontBytes(memoryview(self._map))


BLANK_BY_DESIGN = frozenset(("Zs", "Zl", "Zp", "Cc", "Cf"))
"""Unicode categories whose characters are meant to draw nothing (spaces, joiners, marks)."""
BLANK_LETTERS = frozenset((0x115F, 0x1160, 0x3164, 0xFFA0))
"""Hangul fillers: letters by category, invisible by design."""


class Coverage:
    """The characters a font really draws: in its character map *and* with a visible glyph.

    A font may map a character to an empty glyph: WenQuanYi Micro Hei maps ℃ ℉ ǎ ǐ ǒ ǔ ǘ ǚ ǜ Ⅴ Ⅹ
    (17 in all) to glyphs with no outline, so "体温 37.6℃" printed as "体温 37.6" although the
    character map lists ℃. Such a character counts as missing and falls through to the next font.
    """

    def __init__(self, face: Any) -> None:
        self._map: Mapping[int, int] = face.charToGlyph
        self._positions: Sequence[int] = face.glyphPos
        self._data = face._ttf_data
        self._glyf = face.table["glyf"]["offset"] if "glyf" in face.table else None
        self._visible: dict[int, bool] = {}

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, int) or code not in self._map:
            return False
        glyph = self._map[code]
        visible = self._visible.get(glyph)
        if visible is None:
            visible = self._visible[glyph] = self._draws(glyph)
        return (
            visible or code in BLANK_LETTERS or unicodedata.category(chr(code)) in BLANK_BY_DESIGN
        )

    def _draws(self, glyph: int) -> bool:
        """Whether the glyph has an outline of some area (a 'glyf' header: contours, bbox)."""
        if self._glyf is None or glyph + 1 >= len(self._positions):
            return True  # no TrueType outlines to look at: trust the character map
        start, end = self._positions[glyph], self._positions[glyph + 1]
        if end - start < 10:
            return False
        offset = self._glyf + start
        contours, x_min, y_min, x_max, y_max = struct.unpack(
            ">hhhhh", bytes(self._data[offset : offset + 10])
        )
        return bool(contours != 0 and x_max > x_min and y_max > y_min)  # unpack() gives Any

    def drawn(self) -> frozenset[int]:
        """Every character the font draws (read once for the main font: the fast check)."""
        return frozenset(code for code in self._map if code in self)


@cache
def _load(name: str, path: str) -> Coverage | None:
    """Register the TrueType font `path` under `name` (once); what it draws, or None when
    reportlab cannot embed it (a PostScript-outline OpenType font, a broken file)."""
    try:
        font = TTFont(name, _MappedFontFile(path), subfontIndex=0)
        coverage = Coverage(font.face)
    except (TTFError, OSError, ValueError, KeyError, IndexError, struct.error):
        return None
    pdfmetrics.registerFont(font)
    return coverage


@cache
def _main_drawn(coverage: Coverage) -> frozenset[int]:
    return coverage.drawn()


@dataclass(frozen=True)
class MissingCharacters:
    """Characters no available font can print, and the record that holds them."""

    record: str
    characters: str


@dataclass
class FontChain:
    """The main font and, in order, the fallbacks asked for when it lacks a character."""

    fallback_paths: Sequence[Path] = ()
    _main: frozenset[int] = field(init=False)
    _candidates: list[tuple[str, Path]] | None = field(init=False, default=None)
    _chosen: dict[int, str | None] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        main = _load(MAIN_FONT, str(resource_path("fonts", MAIN_FONT_FILE)))
        if main is None:
            raise RuntimeError("the bundled ledger font cannot be read")
        self._main = _main_drawn(main)

    def _fallback_fonts(self, code: int) -> Iterator[tuple[str, Coverage]]:
        """The fallbacks in the order to ask them, each loaded only when first asked: most
        ledgers need none, and a rare name needs only HanaMinB (a 30 MB font)."""
        if self._candidates is None:
            bundled = [(BUNDLED_FALLBACKS[n], resource_path("fonts", n)) for n in BUNDLED_FALLBACKS]
            others = [(_name(p), p) for p in [*self.fallback_paths, *system_font_candidates()]]
            self._candidates = [(name, path) for name, path in bundled + others if path.is_file()]
        candidates = self._candidates
        if code >= SUPPLEMENTARY_IDEOGRAPHS:  # Extension B and beyond: HanaMinB before Droid
            candidates = sorted(candidates, key=lambda item: item[0] != "JinshaExtB")
        elif code < CJK_BLOCKS:  # ℃, ǚ, Ⅴ: DejaVu (0.7 MB) before Droid (4 MB, 18 MB parsed)
            candidates = sorted(candidates, key=lambda item: item[0] != "JinshaLatin")
        for name, path in candidates:
            covered = _load(name, str(path))
            if covered is not None:
                yield name, covered

    def is_plain(self, text: str) -> bool:
        """Whether the main font draws every character of `text` (the fast, common case)."""
        main = self._main
        return all(ord(character) in main for character in text)

    def font_for(self, character: str) -> str | None:
        code = ord(character)
        if code in self._main or character in "\n\r\t":
            return MAIN_FONT
        if code not in self._chosen:
            found = (name for name, covered in self._fallback_fonts(code) if code in covered)
            self._chosen[code] = next(found, None)
        return self._chosen[code]

    def missing(self, text: str) -> str:
        """The characters of `text` no font can print, each once, in order."""
        if self.is_plain(text):
            return ""
        return "".join(dict.fromkeys(c for c in text if self.font_for(c) is None))

    def markup(self, text: str) -> str:
        """`text` as reportlab paragraph markup: escaped, with runs the main font lacks wrapped
        in the font that has them (characters no font has are left to the caller's warning)."""
        parts: list[str] = []
        run_font: str | None = MAIN_FONT
        run: list[str] = []
        for character in text:
            font = self.font_for(character) or MAIN_FONT
            if font != run_font and run:
                parts.append(_wrap(run_font, "".join(run)))
                run = []
            run_font = font
            run.append(character)
        if run:
            parts.append(_wrap(run_font, "".join(run)))
        return "".join(parts)


def _wrap(font: str | None, text: str) -> str:
    text = escape(text).replace("\n", "<br/>")
    return text if font in (MAIN_FONT, None) else f'<font face="{font}">{text}</font>'


def _name(path: Path) -> str:
    return "Fallback-" + "".join(c if c.isalnum() else "_" for c in path.stem)
