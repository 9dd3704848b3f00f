"""Benchmark runner: the program's figure against the raw library's, measured in the same run.

    python tests/benchmarks/run.py [NAME ...] [--json FILE] [--strict] [--repeat N] [--list] [-v]

Benchmarks live in `tests/benchmarks/bench_<topic>.py` modules, each defining `BENCHMARKS` (a
list of support.Benchmark) or a function `benchmarks()` returning one; adding a module is all it
takes to add benchmarks. NAME selects benchmarks: an exact name ("startup.first_window"), a
dotted prefix ("startup") or a glob ("*.login*"). Without NAME, all run.

Every figure is a median of several repetitions; the machine is noisy, so compare the ratio,
never absolute times from different runs. The exit status is 0 even when a target is missed
(the table says so plainly) unless --strict is given: then 1. A benchmark that cannot run
(a crashed child, no marker) makes the exit status 2.

--json FILE writes a list of objects with exactly the keys benchmark, metric, unit, value,
raw_value, ratio, target and met (met is null where no target is set).
"""

from __future__ import annotations

import argparse
import fnmatch
import importlib
import json
import shutil
import sys
import textwrap
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.benchmarks.support import (  # noqa: E402  (needs the repository on sys.path)
    Benchmark,
    BenchmarkError,
    Options,
    Result,
    fmt_seconds,
)


def discover() -> list[Benchmark]:
    """Every benchmark of every `bench_*.py` module beside this file, in file then list order."""
    found: list[Benchmark] = []
    for path in sorted(BENCH_DIR.glob("bench_*.py")):
        module = importlib.import_module(f"tests.benchmarks.{path.stem}")
        provider = getattr(module, "benchmarks", None)
        items = provider() if callable(provider) else getattr(module, "BENCHMARKS", None)
        if items is None:
            raise SystemExit(f"{path.name} defines neither BENCHMARKS nor benchmarks()")
        for item in items:
            if not isinstance(item, Benchmark):
                raise SystemExit(f"{path.name}: {item!r} is not a support.Benchmark")
            found.append(item)
    names = [b.name for b in found]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SystemExit(f"duplicate benchmark names: {', '.join(duplicates)}")
    return found


def select(available: list[Benchmark], patterns: list[str]) -> list[Benchmark]:
    if not patterns:
        return available
    chosen: list[Benchmark] = []
    for pattern in patterns:
        matches = [
            b
            for b in available
            if b.name == pattern
            or b.name.startswith(pattern + ".")
            or fnmatch.fnmatchcase(b.name, pattern)
        ]
        if not matches:
            listing = "\n  ".join(b.name for b in available)
            raise LookupError(f"no benchmark matches {pattern!r}; available:\n  {listing}")
        chosen.extend(b for b in matches if b not in chosen)
    return chosen


# ---------------------------------------------------------------- output


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return fmt_seconds(value)
    return f"{value:.4g} {unit}".strip()


def _status(result: Result) -> str:
    met = result.met
    if met is None:
        return "—"
    return "met" if met else "MISSED"


def print_table(results: list[Result], out=sys.stdout) -> None:  # type: ignore[no-untyped-def]
    headers = ("benchmark", "metric", "program", "raw", "ratio", "target", "result")
    metric_width = 52
    rows: list[list[list[str]]] = []
    for r in results:
        ratio = r.ratio
        cells = [
            r.benchmark,
            r.metric,
            _number(r.value, r.unit),
            _number(r.raw_value, r.unit),
            "—" if ratio is None else f"{ratio:.2f}×",
            r.target.describe() if r.target else "—",
            _status(r),
        ]
        rows.append(
            [textwrap.wrap(c, metric_width) or [""] if i == 1 else [c] for i, c in enumerate(cells)]
        )
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], *(len(line) for line in cell))
    right = {2, 3, 4}

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    print(line(list(headers)), file=out)
    print(rule, file=out)
    for row in rows:
        height = max(len(cell) for cell in row)
        for k in range(height):
            print(line([cell[k] if k < len(cell) else "" for cell in row]), file=out)
    print(rule, file=out)
    noted = [r for r in results if r.notes]
    if noted:
        print("\nDetails:", file=out)
        for r in noted:
            print(f"  {r.benchmark} — {r.metric}", file=out)
            for note in r.notes:
                print(
                    textwrap.fill(note, 100, initial_indent="      ", subsequent_indent="        "),
                    file=out,
                )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Run the jinsha_desktop benchmarks (program vs raw library, same run)."
    )
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help="benchmark name, dotted prefix or glob (default: all)",
    )
    parser.add_argument("--json", metavar="FILE", type=Path, help="write the results as JSON")
    parser.add_argument("--strict", action="store_true", help="exit with 1 when a target is missed")
    parser.add_argument(
        "--repeat",
        type=int,
        metavar="N",
        help="repetitions per measurement (overrides each benchmark's default)",
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("-v", "--verbose", action="store_true", help="show each sample")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary working folder (databases, logs)"
    )
    args = parser.parse_args(argv)

    available = discover()
    if args.list:
        for bench in available:
            print(f"{bench.name:34} {bench.description}")
        return 0
    try:
        chosen = select(available, args.names)
    except LookupError as error:
        print(error, file=sys.stderr)
        return 2
    options = Options(repeat=args.repeat, verbose=args.verbose)
    results: list[Result] = []
    broken: list[str] = []
    started = time.perf_counter()
    try:
        for bench in chosen:
            print(f"▶ {bench.name}: {bench.description}", file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            try:
                produced = bench.run(options)
            except BenchmarkError as error:
                broken.append(bench.name)
                print(f"✗ {bench.name} could not run: {error}", file=sys.stderr, flush=True)
                continue
            except Exception:
                broken.append(bench.name)
                print(
                    f"✗ {bench.name} crashed:\n{traceback.format_exc()}",
                    file=sys.stderr,
                    flush=True,
                )
                continue
            results.extend(produced)
            print(f"  done in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    finally:
        if args.keep:
            print(f"working folder kept: {options.workdir}", file=sys.stderr)
        else:
            shutil.rmtree(options.workdir, ignore_errors=True)

    print()
    if results:
        print_table(results)
    missed = [r for r in results if r.met is False]
    print()
    for r in missed:
        print(
            f"TARGET MISSED: {r.benchmark} ({r.metric}): {_number(r.value, r.unit)}"
            + (f", ratio {r.ratio:.2f}" if r.ratio is not None else "")
            + f"; target {r.target.describe() if r.target else ''}"
        )
    for name in broken:
        print(f"BENCHMARK FAILED TO RUN: {name}")
    targets = [r for r in results if r.met is not None]
    print(
        f"{len(targets) - len(missed)} of {len(targets)} targets met; "
        f"{len(results)} figures from {len(chosen) - len(broken)} benchmark(s) "
        f"in {time.perf_counter() - started:.0f} s."
    )

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        print(f"JSON written to {args.json}")
    if broken:
        return 2
    if missed and args.strict:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
