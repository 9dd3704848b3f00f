"""What benchmark modules build on: Benchmark, Result, Target, and helpers for child processes.

A benchmark module is `tests/benchmarks/bench_<topic>.py` defining

    BENCHMARKS: list[Benchmark]          (or a function `benchmarks() -> list[Benchmark]`)

Each Benchmark has a dotted name ("startup.first_window") and a function taking the run's
Options and returning one or more Results. A Result holds the program's figure and the raw
library's figure for the same work measured in the same run; the ratio and whether the target is
met are derived from them. Heavy imports (Qt, SQLAlchemy, the product) belong in child processes
or inside the benchmark function, never at module level: the runner imports every module to list
the benchmarks.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parents[1]
PYTHON = sys.executable


class BenchmarkError(Exception):
    """The benchmark could not measure (a child failed, a marker never came)."""


@dataclass(frozen=True)
class Target:
    """A limit on the ratio program/raw (`on="ratio"`) or on the program's figure (`on="value"`)."""

    limit: float
    on: str = "ratio"
    strict: bool = False
    """True: must be below the limit; False: at most the limit."""
    unit: str = ""

    def describe(self) -> str:
        op = "<" if self.strict else "<="
        unit = f" {self.unit}" if self.on == "value" and self.unit else ""
        return f"{self.on} {op} {self.limit:g}{unit}"

    def met(self, value: float, ratio: float | None) -> bool:
        figure = ratio if self.on == "ratio" else value
        if figure is None:
            return False
        return figure < self.limit if self.strict else figure <= self.limit


@dataclass
class Result:
    benchmark: str
    metric: str
    unit: str
    value: float
    raw_value: float | None
    target: Target | None = None
    notes: list[str] = field(default_factory=list)
    """Printed under the table (spread of samples, break-downs); not written to JSON."""

    @property
    def ratio(self) -> float | None:
        if self.raw_value is None or self.raw_value == 0:
            return None
        return self.value / self.raw_value

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.target.met(self.value, self.ratio)

    def as_json(self) -> dict[str, Any]:
        ratio = self.ratio
        return {
            "benchmark": self.benchmark,
            "metric": self.metric,
            "unit": self.unit,
            "value": round(self.value, 6),
            "raw_value": None if self.raw_value is None else round(self.raw_value, 6),
            "ratio": None if ratio is None else round(ratio, 4),
            "target": None if self.target is None else self.target.describe(),
            "met": self.met,
        }


@dataclass
class Options:
    """What the runner passes to every benchmark."""

    repeat: int | None = None
    """Overrides each benchmark's own number of repetitions."""
    verbose: bool = False
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="jinsha-bench-")))
    _shared: dict[str, Any] = field(default_factory=dict)

    def repetitions(self, default: int) -> int:
        return max(1, self.repeat) if self.repeat else default

    def log(self, message: str) -> None:
        print(f"  … {message}", file=sys.stderr, flush=True)

    def debug(self, message: str) -> None:
        if self.verbose:
            self.log(message)

    def shared(self, key: str, build: Callable[[], Any]) -> Any:
        """A fixture built once per run of the runner (e.g. the demo database)."""
        if key not in self._shared:
            self._shared[key] = build()
        return self._shared[key]

    def demo_data_dir(self, name: str) -> Path:
        """A private data directory holding `demo.sqlite3` and a config.json that knows it.

        The demo database is built once per run with `python -m jinsha_desktop demo-data` and
        copied for each caller, so benchmarks cannot disturb each other.
        """
        source: Path = self.shared("demo", self._build_demo)
        target = self.workdir / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.lock", "logs"))
        # config.json names the database by its id, not its path: the copy is known here too.
        return target

    def _build_demo(self) -> Path:
        folder = self.workdir / "demo-template"
        folder.mkdir(parents=True)
        self.log("building the demo database (python -m jinsha_desktop demo-data)")
        started = time.perf_counter()
        run_child(
            [PYTHON, str(BENCH_DIR / "prepare_demo.py"), str(folder / "demo.sqlite3")],
            child_env(folder),
            timeout=300,
        )
        self.debug(f"demo database ready in {time.perf_counter() - started:.1f} s")
        return folder


@dataclass(frozen=True)
class Benchmark:
    name: str
    description: str
    run: Callable[[Options], list[Result]]


# ---------------------------------------------------------------- child processes


def child_env(data_dir: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment for a child: offscreen Qt, an isolated data directory, no profiling."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHONPROFILE", "PYTHONTRACEMALLOC", "PYTHONDEVMODE"))
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONWARNINGS", None)
    if data_dir is not None:
        env["JINSHA_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def run_child(argv: Sequence[str], env: dict[str, str], timeout: float = 120) -> str:
    """Run a child to completion; returns its stdout, raises BenchmarkError on failure."""
    try:
        done = subprocess.run(
            list(argv),
            env=env,
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchmarkError(f"{_show(argv)} took more than {timeout:g} s") from error
    if done.returncode != 0:
        raise BenchmarkError(
            f"{_show(argv)} exited with {done.returncode}:\n"
            f"{_tail(done.stdout)}{_tail(done.stderr)}"
        )
    return done.stdout


def time_until_marker(
    argv: Sequence[str], env: dict[str, str], marker: str, timeout: float = 60
) -> tuple[float, str]:
    """Seconds from just before spawning the child until it prints a line starting with `marker`.

    Returns (seconds, rest of the marker line). The child is expected to exit right after the
    marker; it is killed if it does not.
    """
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as stderr:
        started = time.perf_counter()
        child = subprocess.Popen(
            list(argv),
            env=env,
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            bufsize=1,
        )
        assert child.stdout is not None
        deadline = started + timeout
        seen: list[str] = []
        elapsed: float | None = None
        rest = ""
        try:
            # Reading blocks: a child that hangs before the marker is killed by this timer.
            timer = threading.Timer(timeout, child.kill)
            timer.start()
            try:
                for line in child.stdout:
                    if line.startswith(marker):
                        elapsed = time.perf_counter() - started
                        rest = line[len(marker) :].strip()
                        break
                    seen.append(line)
            finally:
                timer.cancel()
        finally:
            try:
                child.wait(timeout=max(1.0, deadline - time.perf_counter()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        if elapsed is None:
            stderr.seek(0)
            raise BenchmarkError(
                f"{_show(argv)} gave no {marker!r} line (exit {child.returncode}):"
                f"\n{_tail(''.join(seen))}{_tail(stderr.read())}"
            )
        return elapsed, rest


def _show(argv: Sequence[str]) -> str:
    return " ".join(str(a) for a in argv)


def _tail(text: str, lines: int = 25) -> str:
    if not text.strip():
        return ""
    return "\n".join(text.rstrip().splitlines()[-lines:]) + "\n"


# ---------------------------------------------------------------- figures


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def fmt_seconds(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def spread(samples: Sequence[float]) -> str:
    """'median 221.0 ms, 214.9–240.3 ms over 7 runs'."""
    ordered = sorted(samples)
    return (
        f"median {fmt_seconds(median(ordered))}, {fmt_seconds(ordered[0])}–"
        f"{fmt_seconds(ordered[-1])} over {len(ordered)} run{'s' if len(ordered) != 1 else ''}"
    )


def child_result(
    argv: Sequence[str], env: dict[str, str], marker: str, timeout: float = 600
) -> Any:
    """Run a child and return the JSON it printed after `marker` on a line of its own."""
    import json

    output = run_child(argv, env, timeout=timeout)
    lines = [line for line in output.splitlines() if line.startswith(marker)]
    if not lines:
        raise BenchmarkError(f"{_show(argv)} printed no {marker.strip()} line:\n{_tail(output)}")
    return json.loads(lines[-1][len(marker) :])


def reset_peak_memory() -> None:
    """Start measuring the peak resident size from now (Linux: /proc/self/clear_refs)."""
    Path("/proc/self/clear_refs").write_text("5")


def peak_memory_mb() -> float:
    """The peak resident size since the last reset_peak_memory() (Linux: VmHWM)."""
    status = Path("/proc/self/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def cached_database(
    options: Options, name: str, data_version: str, what: str, build: Callable[[Path], None]
) -> Path:
    """A benchmark's database, built once by `build(path)` and kept in the system temp folder
    under its data version and the schema's head revision (either changed: built again); the
    cache is never half-written."""
    from jinsha_desktop.db.migrate import head_revision

    folder = Path(tempfile.gettempdir()) / f"jinsha-bench-{name}"
    target = folder / f"{data_version}-{head_revision()}.sqlite3"
    if target.exists():
        options.debug(f"reusing {target}")
        return target
    folder.mkdir(parents=True, exist_ok=True)
    work = options.workdir / f"{name}-build"
    work.mkdir(parents=True, exist_ok=True)
    building = work / f"{name}.sqlite3"
    options.log(f"building {what} (once; cached as {target})")
    build(building)
    partial = target.with_suffix(".partial")
    shutil.copyfile(building, partial)
    partial.replace(target)
    return target
