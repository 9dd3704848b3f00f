"""Excel: export 100,000 visits against openpyxl write-only writing the same cells; import a
100,000-row roster with validation.

    python tests/benchmarks/run.py excel

Export — program: `export_visits()` end to end on a demo database holding 100,000 visits (read
them in the list's order, format, write real date/number/text cells with formats, freeze, filter,
audit). Raw: openpyxl in write-only mode, in a fresh process, appending the same values (already
in memory) as plain cells under the same header. Import — program: read the roster sheet,
map, validate every row with the domain rules, classify against the database (preview), then
add them in one transaction; reported as rows per second (no raw library does that work).
Each figure is a median of separate child processes; memory is the peak resident size during
the work (reset through /proc/self/clear_refs once the process is ready, as in bench_ledger).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_ledger import fill
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

VISITS = 100_000
MARKER = "EXCEL-RESULT "
FORMATS: dict[Any, str] = {}
"""Number format by column kind, as the program writes them (filled in the export child)."""


def export_benchmarks(options: Options) -> list[Result]:
    data = options.demo_data_dir("excel")
    database = data / "demo.sqlite3"
    env = child_env(data)
    me = str(Path(__file__).resolve())
    run_child([PYTHON, me, "--fill", str(database)], env, timeout=1200)
    cells = data / "cells.json"
    programs, raws = [], []
    for _ in range(options.repetitions(3)):
        programs.append(
            child_result([PYTHON, me, "--export", str(database), str(cells)], env, MARKER, 1200)
        )
        raws.append(child_result([PYTHON, me, "--raw", str(cells)], env, MARKER, 1200))
    seconds = [p["seconds"] for p in programs]
    raw_seconds = [r["seconds"] for r in raws]
    plain = [r["plain"] for r in raws]
    return [
        Result(
            "excel",
            f"export {programs[-1]['rows']:,} visits × {programs[-1]['columns']} columns: "
            "export_visits() to .xlsx (raw: openpyxl write-only writing the same cells — "
            "values and number formats — already in memory)",
            "s",
            median(seconds),
            median(raw_seconds),
            Target(1.3),
            notes=[
                f"program: {spread(seconds)}",
                f"raw: {spread(raw_seconds)}",
                f"raw with bare cells (no formats: dates as numbers, IDs General): {spread(plain)}",
            ],
        ),
        Result(
            "excel",
            "peak memory of the exporting process (raw: the openpyxl process)",
            "MB",
            median([p["peak_mb"] for p in programs]),
            median([r["peak_mb"] for r in raws]),
            Target(200, "value", strict=True, unit="MB"),
        ),
    ]


ROSTER = 100_000


def import_benchmarks(options: Options) -> list[Result]:
    data = options.demo_data_dir("excel_import")
    database = data / "demo.sqlite3"
    env = child_env(data)
    me = str(Path(__file__).resolve())
    roster = data / "roster.xlsx"
    run_child([PYTHON, me, "--roster", str(roster)], env, timeout=600)
    programs, raws = [], []
    for _ in range(options.repetitions(1)):  # the import adds the people: once per database
        programs.append(
            child_result([PYTHON, me, "--import", str(database), str(roster)], env, MARKER, 1200)
        )
        raws.append(child_result([PYTHON, me, "--read", str(roster)], env, MARKER, 1200))
    program, raw = programs[-1], raws[-1]
    stages = ", ".join(f"{k} {program[k]:.1f} s" for k in ("read", "preview", "apply"))
    return [
        Result(
            "excel_import",
            f"import a {ROSTER:,}-row visitor roster: read + map + validate + preview + add in "
            "one transaction (raw: openpyxl read-only iterating the same sheet's values)",
            "rows/s",
            program["rows"] / program["seconds"],
            raw["rows"] / raw["seconds"],
            None,
            notes=[stages, f"peak {program['peak_mb']:.0f} MB; {program['added']:,} people added"],
        ),
        # These two figures were timed assertions in tests/reports (read >= 7,000 rows/s,
        # apply < 120 s), which failed on a loaded machine; here they are measured, not asserted.
        Result(
            "excel_import",
            "read stage alone: the sheet read with read_sheet() into rows "
            "(raw: openpyxl read-only iterating the same sheet's values)",
            "s",
            program["read"],
            raw["seconds"],
            Target(1.0),
            notes=[
                f"program {program['rows'] / program['read']:,.0f} rows/s, "
                f"raw {raw['rows'] / raw['seconds']:,.0f} rows/s"
            ],
        ),
        Result(
            "excel_import",
            f"apply stage alone: add {ROSTER:,} previewed people in one audited transaction",
            "s",
            program["apply"],
            None,
            Target(120, "value", unit="s"),
        ),
    ]


BENCHMARKS = [
    Benchmark(
        "excel",
        f"export of {VISITS:,} visits within 1.3x of openpyxl write-only, under 200 MB",
        export_benchmarks,
    ),
    Benchmark(
        "excel_import", f"import of a {ROSTER:,}-row roster, rows per second", import_benchmarks
    ),
]


# ---------------------------------------------------------------- children


def _login(database: Path) -> Any:
    from jinsha_desktop import paths
    from jinsha_desktop.config import MachineConfig
    from jinsha_desktop.domain.clock import SystemClock
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.services import auth
    from jinsha_desktop.services.demo import DEMO_PASSWORD
    from jinsha_desktop.services.setup import local_installation, open_database

    clock = SystemClock()
    opened = open_database(database, paths.backups_dir(), clock)
    context, _ = local_installation(
        opened.database, clock, PasswordHashing(), MachineConfig.load(paths.config_path())
    )
    return auth.login(context, "admin", DEMO_PASSWORD)


def export(database: Path, cells_path: Path) -> None:
    from jinsha_desktop.domain.visit import VISIT
    from jinsha_desktop.reports import xlsx_writing as xw
    from jinsha_desktop.reports.exports import export_visits, sheet_of

    FORMATS.update(
        {
            xw.CellKind.DATETIME: xw.DATETIME_FORMAT,
            xw.CellKind.DATE: xw.DATE_FORMAT,
            xw.CellKind.DECIMAL: xw.DECIMAL_FORMAT,
            xw.CellKind.IDENTIFIER: xw.TEXT_FORMAT,
        }
    )
    from jinsha_desktop.services.ledger_data import iter_visits
    from jinsha_desktop.services.registration_settings import registration_settings
    from jinsha_desktop.services.visit_lists import VisitFilter, VisitSort

    admin = _login(database)
    target = database.with_name("visits.xlsx")
    reset_peak_memory()
    started = time.perf_counter()
    result = export_visits(admin, VisitFilter(), VisitSort(), target, full=True)
    seconds = time.perf_counter() - started
    peak = peak_memory_mb()
    columns, values = sheet_of(VISIT, registration_settings(admin).shows)
    if not cells_path.exists():  # the raw writer's input: the same values, in the same order
        rows = [
            [_jsonable(value) for value in values(entry)]
            for entry in iter_visits(admin, VisitFilter(), full=True, sort=VisitSort())
        ]
        header = [c.header for c in columns]
        formats = [FORMATS.get(c.kind) for c in columns]
        cells_path.write_text(
            json.dumps({"header": header, "rows": rows, "formats": formats}, ensure_ascii=False)
        )
    print(
        MARKER
        + json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak,
                "rows": result.rows,
                "columns": len(columns),
            }
        )
    )


def _jsonable(value: object) -> object:
    if isinstance(value, datetime):
        return {"datetime": value.astimezone().replace(tzinfo=None).isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return float(value)  # type: ignore[arg-type]  (Decimal temperatures)


def _value(value: Any) -> Any:
    if isinstance(value, dict):
        if "datetime" in value:
            return datetime.fromisoformat(value["datetime"])
        return date.fromisoformat(value["date"])
    return value


def raw(cells_path: Path) -> None:
    """openpyxl write-only writing the same cells: the same values, and on the date, time,
    number and ID columns the same number formats (as openpyxl's docs show, a WriteOnlyCell
    each) — then, for reference, the same values as bare cells with no formats at all."""
    cells = json.loads(cells_path.read_text())
    rows = [[_value(v) for v in row] for row in cells["rows"]]
    formats: list[str | None] = cells["formats"]
    del cells["rows"]
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    reset_peak_memory()
    started = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("来访登记")
    sheet.append(cells["header"])
    for row in rows:
        out: list[object] = []
        for value, number_format in zip(row, formats, strict=True):
            if number_format is None or value is None:
                out.append(value)
            else:
                cell = WriteOnlyCell(sheet, value)
                cell.number_format = number_format
                out.append(cell)
        sheet.append(out)
    workbook.save(cells_path.with_name("raw.xlsx"))
    seconds = time.perf_counter() - started
    peak = peak_memory_mb()
    started = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("来访登记")
    sheet.append(cells["header"])
    for row in rows:
        sheet.append(row)
    workbook.save(cells_path.with_name("raw-plain.xlsx"))
    plain = time.perf_counter() - started
    print(MARKER + json.dumps({"seconds": seconds, "plain": plain, "peak_mb": peak}))


def make_roster(path: Path) -> None:
    from tests.reports.import_workbooks import big_roster

    big_roster(path, ROSTER)


def import_roster(database: Path, roster: Path) -> None:
    from jinsha_desktop.reports import import_files
    from jinsha_desktop.services import imports as importing
    from jinsha_desktop.services.imports import importer_of

    admin = _login(database)
    importer = importer_of("roster")
    reset_peak_memory()
    started = time.perf_counter()
    table = import_files.read_for_import(admin, importer, roster)
    read = time.perf_counter()
    mapping = importing.remembered_mapping(admin, importer, table)
    preview = importing.preview_import(admin, importer, table, mapping)
    previewed = time.perf_counter()
    counts = importing.apply_import(admin, preview)
    done = time.perf_counter()
    figures = {
        "rows": len(table.rows),
        "seconds": done - started,
        "read": read - started,
        "preview": previewed - read,
        "apply": done - previewed,
        "added": counts.get(importing.RowOutcome.ADD, 0),
        "peak_mb": peak_memory_mb(),
    }
    print(MARKER + json.dumps(figures))


def read_roster(roster: Path) -> None:
    from openpyxl import load_workbook

    started = time.perf_counter()
    workbook = load_workbook(roster, read_only=True)
    rows = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True)) - 1
    workbook.close()
    print(MARKER + json.dumps({"rows": rows, "seconds": time.perf_counter() - started}))


def fill_visits(database: Path) -> None:
    import tests.benchmarks.bench_ledger as ledger

    ledger.ROWS = VISITS
    fill(database)


if __name__ == "__main__":
    if sys.argv[1] == "--fill":
        fill_visits(Path(sys.argv[2]))
    elif sys.argv[1] == "--export":
        export(Path(sys.argv[2]), Path(sys.argv[3]))
    elif sys.argv[1] == "--raw":
        raw(Path(sys.argv[2]))
    elif sys.argv[1] == "--roster":
        make_roster(Path(sys.argv[2]))
    elif sys.argv[1] == "--import":
        import_roster(Path(sys.argv[2]), Path(sys.argv[3]))
    elif sys.argv[1] == "--read":
        read_roster(Path(sys.argv[2]))
