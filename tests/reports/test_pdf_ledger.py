"""The ledger engine (reports/pdf_ledger.py): pages like paper ones, read back from the PDF."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pdfplumber
import pytest

from jinsha_desktop.domain.errors import Cancelled
from jinsha_desktop.reports.fonts import FontChain
from jinsha_desktop.reports.pdf_ledger import (
    LedgerColumn,
    LedgerDocument,
    LedgerProblem,
    LedgerTable,
    build_pdf,
)
from tests.reports.pdf_checks import (
    embedded_fonts,
    fonts_and_embedding,
    one_line,
    page_tables,
    page_texts,
    render_pages,
)

COLUMNS = [
    LedgerColumn("登记时间", 5, 8),
    LedgerColumn("姓名", 3, 6),
    LedgerColumn("证件号码", 10, 11),
    LedgerColumn("来自何处", 4, 14),
]
UNPRINTABLE = "\U000f0041"
"""A supplementary private-use character: no font has it."""


def a_document(rows: list[list[str]], **extra: object) -> LedgerDocument:
    return LedgerDocument(
        title="卡点登记台账",
        unit="金沙街道办事处",
        period="2026年11月1日 至 2026年11月25日",
        filters="卡点：全部",
        generated_at=datetime(2026, 11, 25, 1, 30, tzinfo=UTC),
        tables=[LedgerTable(COLUMNS, rows, len(rows), label_column=1)],
        **extra,  # type: ignore[arg-type]
    )


def visit_rows(count: int) -> list[list[str]]:
    return [
        [
            f"11-{1 + n % 25:02d} {n % 24:02d}:{n % 60:02d}",
            f"居民{n:04d}",
            "320612********1234",
            "江苏省南通市通州区金沙街道" * (1 + n % 3),
        ]
        for n in range(count)
    ]


@pytest.fixture(scope="module")
def thousand_rows(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("ledger") / "一千行.pdf"
    result = build_pdf(a_document(visit_rows(1000)), path, FontChain())
    return path, result.pages


def test_every_page_has_the_title_header_footer_and_signature_lines(thousand_rows):
    path, pages = thousand_rows
    texts = page_texts(path)
    assert len(texts) == pages > 20
    assert "金沙街道办事处卡点登记台账" in texts[0]
    for number, text in enumerate(texts, start=1):
        assert "金沙街道办事处 · 卡点登记台账" in text
        assert "2026年11月1日 至 2026年11月25日" in text
        for heading in ("序号", "登记时间", "姓名", "证件号码", "来自何处"):
            assert heading in text, f"page {number} lacks the heading {heading}"
        assert f"第 {number} 页 共 {pages} 页" in one_line(text)
        assert "填表人" in text and "审核人" in text and "日期" in text
        assert "生成时间：2026-11-25" in text


def test_rows_come_in_order_each_once(thousand_rows):
    path, _ = thousand_rows
    names = re.findall(r"居民(\d{4})", "".join(page_texts(path)))
    assert [int(n) for n in names] == list(range(1000))


def test_long_text_wraps_inside_its_cell_and_nothing_leaves_the_page(tmp_path):
    long_origin = "江苏省南通市通州区金沙街道新三园村十八组" * 12
    path = tmp_path / "wrap.pdf"
    build_pdf(
        a_document([["11-25 08:00", "王芳", "320612********1234", long_origin]]), path, FontChain()
    )
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        chars = page.chars
        assert all(0 <= c["x0"] and c["x1"] <= page.width for c in chars)
        origin_header = next(c for c in chars if c["text"] == "来")
        column_chars = [
            c
            for c in chars
            if c["top"] > origin_header["bottom"]
            and c["x0"] >= origin_header["x0"] - 40
            and c["text"] in long_origin
        ]
        assert len({round(c["top"]) for c in column_chars}) > 3  # it wrapped onto several lines
        footer = next(c for c in chars if c["text"] == "填")
        id_end = max(
            c["x1"] for c in chars if c["text"] == "4" and c["top"] > origin_header["bottom"]
        )
        cell = page.crop((id_end + 1, origin_header["bottom"] + 4, page.width, footer["top"] - 2))
        text = cell.extract_text()
    assert text.replace("\n", "").replace(" ", "") == long_origin


def test_a_rare_name_is_printed_from_an_embedded_fallback_font(tmp_path):
    path = tmp_path / "rare.pdf"
    result = build_pdf(
        a_document([["11-25 08:00", "李𠮷", "320612********1234", "南通"]]), path, FontChain()
    )
    assert result.missing == []
    assert "李𠮷" in page_texts(path)[0]
    fonts = embedded_fonts(path)
    # 𠮷 U+20BB7 is D842 DFB7 in UTF-16: an embedded HanaMinB subset maps one of its glyphs to it.
    [extension_b] = [f for f in fonts if "d842dfb7" in f["to_unicode"].lower()]
    assert "HanaMinB" in extension_b["name"] and extension_b["embedded_bytes"] > 200
    assert any("WenQuanYi" in f["name"] and f["embedded_bytes"] > 1000 for f in fonts)


def test_the_rare_character_is_drawn_not_dropped(tmp_path):
    """reportlab drops a glyph its font lacks without a word: look for ink where 𠮷 is."""
    inked = {}
    for name in ("李𠮷", "李"):
        path = tmp_path / f"{len(name)}.pdf"
        build_pdf(a_document([["", name, "", ""]]), path, FontChain())
        inked[name] = _ink(path)
    assert inked["李𠮷"] > inked["李"] + 8


def _ink(path: Path) -> int:
    done = subprocess.run(
        ["pdftoppm", "-r", "100", "-gray", "-f", "1", "-l", "1", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    header, _, pixels = done.stdout.partition(b"255\n")
    assert header.startswith(b"P5")
    return sum(1 for value in pixels if value < 128)


def test_characters_no_font_has_are_reported_with_their_record(tmp_path):
    rows = [["11-25 08:00", "王芳", "", "南通"], ["11-25 08:05", f"张{UNPRINTABLE}", "", "南通"]]
    result = build_pdf(a_document(rows), tmp_path / "missing.pdf", FontChain())
    [missing] = result.missing
    assert missing.record == f"第 2 行 张{UNPRINTABLE}" and missing.characters == UNPRINTABLE


def test_a_fallback_named_in_the_settings_is_asked_first(tmp_path):
    hanamin = Path(__file__).resolve().parents[2] / "resources/fonts/HanaMinB.ttf"
    copy = tmp_path / "Settings-Font.ttf"
    copy.write_bytes(hanamin.read_bytes())
    chain = FontChain([copy])
    assert chain.font_for("𠮷") == "JinshaExtB"  # the bundled fallback comes first
    assert chain.missing("𠮷") == ""
    assert chain.markup("王<𠮷>") == '王&lt;<font face="JinshaExtB">𠮷</font>&gt;'


def test_every_page_renders_with_poppler(thousand_rows, tmp_path):
    path, pages = thousand_rows
    assert len(render_pages(path, tmp_path / "png", resolution=20)) == pages


def test_cancel_stops_the_build_and_leaves_no_file(tmp_path):
    path = tmp_path / "cancelled.pdf"
    seen = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return done < 100

    with pytest.raises(Cancelled):
        build_pdf(a_document(visit_rows(600)), path, FontChain(), progress)
    assert seen and not path.exists() and not list(tmp_path.iterdir())


def test_progress_reaches_the_end(tmp_path):
    reports = []
    build_pdf(
        a_document(visit_rows(300)),
        tmp_path / "p.pdf",
        FontChain(),
        lambda done, total: reports.append((done, total)) or True,
    )
    assert reports[-1] == (300, 300)
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)


def test_an_unwritable_destination_gets_a_clear_message(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(LedgerProblem, match="无法写入台账文件"):
        build_pdf(a_document(visit_rows(3)), blocker / "ledger.pdf", FontChain())


def test_control_characters_in_data_do_not_break_the_page(tmp_path):
    path = tmp_path / "control.pdf"
    build_pdf(a_document([["", "王\x0b芳\x00", "", "南\x1b通"]]), path, FontChain())
    assert "王 芳" in page_texts(path)[0]


EMPTY_IN_MAIN_FONT = "℃℉ǎǐǒǔǘǚǜⅤⅩ"
"""Characters WenQuanYi Micro Hei lists in its character map but draws as empty glyphs."""


@pytest.mark.parametrize("character", list(EMPTY_IN_MAIN_FONT))
def test_a_character_the_main_font_draws_empty_comes_from_a_font_that_draws_it(character):
    chain = FontChain()
    assert not chain.is_plain(character)
    assert chain.font_for(character) not in (None, "JinshaSans")
    assert chain.missing(f"体温 37.6{character}") == ""


def test_temperature_and_pinyin_are_printed_not_left_blank(tmp_path):
    """Look for ink inside the box of each such character on the page poppler renders."""
    path = tmp_path / "symbols.pdf"
    result = build_pdf(
        a_document([["11-25 08:00", "Lǚ Xiǎo", "", "体温 37.6℃ 第Ⅴ、Ⅹ组"]]), path, FontChain()
    )
    assert result.missing == []
    boxes = _character_boxes(path, "℃ǚǎⅤⅩ")
    assert sorted(boxes) == sorted("℃ǚǎⅤⅩ")
    for character, box in boxes.items():
        assert _ink_in(path, box) > 3, f"{character} printed as blank space"


def _character_boxes(path: Path, wanted: str) -> dict[str, tuple[float, float, float, float]]:
    """Where pdfplumber finds each wanted character on page 1 (x0, top, x1, bottom, in points)."""
    with pdfplumber.open(path) as pdf:
        return {
            c["text"]: (c["x0"], c["top"], c["x1"], c["bottom"])
            for c in pdf.pages[0].chars
            if c["text"] in wanted
        }


def _ink_in(path: Path, box: tuple[float, float, float, float], dpi: int = 150) -> int:
    """Dark pixels inside `box` of page 1 as pdftoppm renders it."""
    done = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-f", "1", "-l", "1", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    header, _, pixels = done.stdout.partition(b"255\n")
    _magic, width_text, _height = header.split()
    width = int(width_text)
    x0, top, x1, bottom = (round(v * dpi / 72) for v in box)
    return sum(1 for y in range(top, bottom) for x in range(x0, x1) if pixels[y * width + x] < 128)


def test_every_font_the_ledger_names_is_embedded(tmp_path):
    """No font is only referenced (reportlab's initial Helvetica was, on every page)."""
    path = tmp_path / "fonts.pdf"
    build_pdf(a_document([["11-25 08:00", "李𠮷", "", "体温 37.6℃"]]), path, FontChain())
    named = fonts_and_embedding(path)
    assert named and all(file for _name, file in named), named
    assert not any("Helvetica" in name for name, _file in named)


def test_a_table_with_no_rows_says_so_instead_of_printing_a_bare_header(tmp_path):
    path = tmp_path / "empty.pdf"
    document = a_document([])
    document.tables = [LedgerTable(COLUMNS, [], 0, caption="11月1日 至 11月14日")]
    build_pdf(document, path, FontChain())
    text = page_texts(path)[0]
    assert "本期无记录" in text and "11月1日 至 11月14日" in text
    assert "证件号码" not in text and page_tables(path) == []
