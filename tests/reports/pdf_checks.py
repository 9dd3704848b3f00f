"""Opening the PDFs the program writes, as a reader would: text per page, fonts, rendering."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def one_line(text: str) -> str:
    """`text` with every run of white space made one space (the page total is a separate
    text object, which extraction puts on a line of its own)."""
    return " ".join(text.split())


def embedded_fonts(path: Path) -> list[dict[str, Any]]:
    """Every font (subset) on every page: its base name, how many bytes of its file are embedded,
    its ToUnicode map."""
    fonts: list[dict[str, Any]] = []
    for page in PdfReader(path).pages:
        resources = page["/Resources"].get_object()
        page_fonts = resources.get("/Font")
        for font in page_fonts.get_object().values() if page_fonts is not None else ():
            font = font.get_object()
            name = str(font["/BaseFont"])
            descendants = font.get("/DescendantFonts")
            descriptor = (
                descendants[0].get_object()["/FontDescriptor"].get_object()
                if descendants
                else font.get("/FontDescriptor")
            )
            descriptor = descriptor.get_object() if descriptor is not None else None
            file = descriptor.get("/FontFile2") if descriptor else None
            to_unicode = font.get("/ToUnicode")
            fonts.append(
                {
                    "name": name,
                    "embedded_bytes": len(file.get_object().get_data()) if file is not None else 0,
                    "to_unicode": to_unicode.get_object().get_data().decode("latin-1")
                    if to_unicode is not None
                    else "",
                }
            )
    return fonts


def render_pages(path: Path, folder: Path, resolution: int = 40) -> list[Path]:
    """Every page through poppler's pdftoppm; fails on any error or warning it prints."""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (poppler-utils) is needed to render the ledgers"
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [pdftoppm, "-r", str(resolution), "-png", str(path), str(folder / "page")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr
    return sorted(folder.glob("page*.png"))


def page_tables(path: Path) -> list[list[list[str]]]:
    """The ruled tables of every page, as rows of cell texts (pdfplumber finds them by lines)."""
    import pdfplumber

    tables: list[list[list[str]]] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                tables.append([[(cell or "").replace("\n", "") for cell in row] for row in table])
    return tables


def fonts_and_embedding(path: Path) -> list[tuple[str, bool]]:
    """Each font in the resources of every page and of the forms it draws: embedded or not."""
    found: list[tuple[str, bool]] = []

    def visit(resources: Any) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            holder = descendants[0].get_object() if descendants else font
            descriptor = holder.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font["/BaseFont"]), embedded))
        for xobject in (resources.get("/XObject") or {}).values():
            visit(xobject.get_object().get("/Resources"))

    for page in PdfReader(path).pages:
        visit(page.get("/Resources"))
    return found
