"""A 10,000-row registration ledger, against reportlab building the same table directly.

    python tests/benchmarks/run.py ledger

Program: `generate_ledger()` end to end on a demo database holding 10,000 visits in the period —
read and format the visits, fit the columns, wrap the cells, lay out the pages with the title,
repeated header, "第 X 页 共 Y 页" and signature lines, write the PDF, audit the print.
Raw: reportlab alone, in a fresh process, given the same cells (already wrapped into lines) and
column widths in memory: register the font, one LongTable with a repeated header row,
SimpleDocTemplate.build — the same table on the same number of pages.
Each figure is the median of separate child processes. Memory is the peak resident size during
the work (Linux: the peak is reset through /proc/self/clear_refs once the process is ready, so
the log-in's argon2 hash (64 MiB, freed at once) and loading the raw cells are not counted).
"""

from __future__ import annotations

import json
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.support import (
    PYTHON,
    Benchmark,
    Options,
    Result,
    Target,
    child_env,
    child_result,
    median,
    peak_memory_mb,
    reset_peak_memory,
    run_child,
    spread,
)

ROWS = 10_000
MARKER = "LEDGER-RESULT "


def ledger_benchmarks(options: Options) -> list[Result]:
    return compare_ledgers(
        options,
        "ledger",
        f"registration ledger of {ROWS:,} visits, generate_ledger() to a PDF file "
        "(raw: reportlab LongTable of the same cells)",
        Path(__file__).resolve(),
        MARKER,
    )


def compare_ledgers(
    options: Options, name: str, what: str, script: Path, marker: str
) -> list[Result]:
    """A ledger benchmark module's figures: `script --fill` the demo data once, then in turns
    `script --program` (the ledger end to end, writing the cells once) and `script --raw`
    (reportlab given those cells), each in a fresh process; time and peak memory."""
    data = options.demo_data_dir(name)
    database = data / "demo.sqlite3"
    env = child_env(data)
    me = str(script)
    run_child([PYTHON, me, "--fill", str(database)], env, timeout=600)
    cells = data / "cells.json"
    programs, raws = [], []
    for _ in range(options.repetitions(3)):
        programs.append(
            child_result([PYTHON, me, "--program", str(database), str(cells)], env, marker, 1200)
        )
        raws.append(child_result([PYTHON, me, "--raw", str(cells)], env, marker, 1200))
    seconds = [p["seconds"] for p in programs]
    raw_seconds = [r["seconds"] for r in raws]
    pages = programs[-1]["pages"]
    notes = [
        f"program: {spread(seconds)}, {pages} pages",
        f"raw: {spread(raw_seconds)}, {raws[-1]['pages']} pages",
    ]
    return [
        Result(name, what, "s", median(seconds), median(raw_seconds), Target(1.3), notes=notes),
        Result(
            name,
            "peak memory of the process building it (raw: the reportlab process)",
            "MB",
            median([p["peak_mb"] for p in programs]),
            median([r["peak_mb"] for r in raws]),
            Target(200, "value", unit="MB"),
        ),
    ]


BENCHMARKS = [
    Benchmark(
        "ledger",
        f"{ROWS:,}-row registration ledger within 1.3x of raw reportlab, under 200 MB",
        ledger_benchmarks,
    )
]


# ---------------------------------------------------------------- children


def fill(database: Path) -> None:
    """Copy the demo visits until the last 30 days hold ROWS of them (bulk, not audited)."""
    from sqlalchemy import create_engine, insert, select

    from jinsha_desktop.db.registration_models import Visit

    engine = create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        templates = [dict(row._mapping) for row in connection.execute(select(Visit.__table__))]
        latest = max(t["visited_at"] for t in templates)
        rows = []
        surnames, given = (
            "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗",
            "秀英伟芳娜敏静丽强磊军洋勇艳杰涛明超",
        )
        for n in range(ROWS - len(templates)):
            row = dict(templates[n % len(templates)])
            row["id"] = uuid.uuid4()
            row["visited_at"] = latest - timedelta(minutes=3 * (n + 1))
            row["person_name"] = (
                surnames[n % 20] + given[(n // 20) % len(given)] + given[(n // 7) % len(given)]
            )
            rows.append(row)
        connection.execute(insert(Visit.__table__), rows)


def program(database: Path, cells_path: Path) -> None:
    def request(today: date) -> Any:
        from jinsha_desktop.reports.ledgers import LedgerRequest

        return LedgerRequest("registration", today - timedelta(days=40), today)

    timed_ledger(database, cells_path, request, MARKER, ROWS)


def timed_ledger(
    database: Path, cells_path: Path, request_of: Any, marker: str, rows_expected: int
) -> None:
    """Log in to the demo data, time `generate_ledger()` of `request_of(today)`, write the
    cells and column widths the raw build gets (once), print the figures after `marker`."""
    from jinsha_desktop import paths
    from jinsha_desktop.config import MachineConfig
    from jinsha_desktop.domain.clock import SystemClock
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.reports.fonts import FontChain
    from jinsha_desktop.reports.ledgers import generate_ledger, prepare_ledger
    from jinsha_desktop.reports.pdf_ledger import _Layout, _StreamedTable
    from jinsha_desktop.services import auth
    from jinsha_desktop.services.demo import DEMO_PASSWORD
    from jinsha_desktop.services.setup import local_installation, open_database

    clock = SystemClock()
    opened = open_database(database, paths.backups_dir(), clock)
    context, _ = local_installation(
        opened.database, clock, PasswordHashing(), MachineConfig.load(paths.config_path())
    )
    admin = auth.login(context, "admin", DEMO_PASSWORD)
    request = request_of(clock.now().astimezone().date())
    reset_peak_memory()
    started = time.perf_counter()
    result = generate_ledger(admin, request, database.with_name("ledger.pdf"))
    seconds = time.perf_counter() - started
    peak = peak_memory_mb()
    if result.rows < rows_expected * 0.99:
        raise SystemExit(f"only {result.rows} rows in the period")
    if not cells_path.exists():  # the raw build's input: the same cells and column widths
        document = prepare_ledger(admin, request)
        layout = _Layout(FontChain(), document.font_size)
        table = _StreamedTable(document.tables[0], layout, 818.0, lambda _: None, [])
        rows = [
            [_text(layout.cell(text, width)) for text, width in zip(row, table.widths, strict=True)]
            for row in table.rows
        ]
        header = [_text(cell) for cell in table.header]
        cells = {
            "header": header,
            "rows": rows,
            "widths": table.widths,
            "font_size": document.font_size,
        }
        cells_path.write_text(json.dumps(cells, ensure_ascii=False), encoding="utf-8")
    print(marker + json.dumps({"seconds": seconds, "peak_mb": peak, "pages": result.pages}))


def _text(cell: Any) -> str:
    """A cell as the raw build gets it: wrapped text (a paragraph's plain text)."""
    return cell if isinstance(cell, str) else cell.getPlainText()


def raw(cells_path: Path, marker: str = MARKER) -> None:
    """The cells file's table (header, rows, widths, font size) through reportlab alone."""
    cells = json.loads(cells_path.read_text(encoding="utf-8"))
    font_file = Path(__file__).resolve().parents[2] / "resources/fonts/wqy-microhei.ttc"
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

    reset_peak_memory()
    started = time.perf_counter()
    pdfmetrics.registerFont(TTFont("Raw", str(font_file)))
    table = LongTable(
        [cells["header"], *cells["rows"]],
        colWidths=cells["widths"],
        repeatRows=1,
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Raw", cells.get("font_size", 8)),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ]
        ),
    )
    out = cells_path.with_name("raw.pdf")
    document = SimpleDocTemplate(str(out), pagesize=landscape(A4))
    document.build([table])
    seconds = time.perf_counter() - started
    print(
        marker
        + json.dumps({"seconds": seconds, "peak_mb": peak_memory_mb(), "pages": document.page})
    )


if __name__ == "__main__":
    if sys.argv[1] == "--fill":
        fill(Path(sys.argv[2]))
    elif sys.argv[1] == "--program":
        program(Path(sys.argv[2]), Path(sys.argv[3]))
    elif sys.argv[1] == "--raw":
        raw(Path(sys.argv[2]))
