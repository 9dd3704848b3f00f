"""Start-up benchmarks: the first window on screen, and logging in to the main window."""

from __future__ import annotations

import json
from typing import Any

from tests.benchmarks.support import (
    BENCH_DIR,
    PYTHON,
    Benchmark,
    BenchmarkError,
    Options,
    Result,
    Target,
    child_env,
    fmt_seconds,
    median,
    run_child,
    spread,
    time_until_marker,
)

HARNESS = BENCH_DIR / "first_window_harness.py"
BARE_WINDOW = BENCH_DIR / "bare_window.py"
LOGIN_CHILD = BENCH_DIR / "login_child.py"
FIRST_WINDOW_MARKER = "JINSHA-BENCH-FIRST-WINDOW"
LOGIN_MARKER = "JINSHA-BENCH-LOGIN"


def first_window(options: Options) -> list[Result]:
    """Spawn → first window painted: `python -m jinsha_desktop --db DEMO` vs a bare QMainWindow.

    Both run through first_window_harness.py (same overhead). The first run of each is reported
    on its own: it is the first start in this benchmark run, not a start with dropped OS caches.
    The warm runs alternate the order program/raw so that drift on the machine hits both.
    """
    data = options.demo_data_dir("first_window")
    env = child_env(data)
    program = [PYTHON, str(HARNESS), "-m", "jinsha_desktop", "--db", str(data / "demo.sqlite3")]
    raw = [PYTHON, str(HARNESS), str(BARE_WINDOW)]

    def once(argv: list[str], expected: str) -> float:
        seconds, window = time_until_marker(argv, env, FIRST_WINDOW_MARKER)
        if window != expected:
            raise BenchmarkError(
                f"first window was {window!r}, expected {expected!r}: {' '.join(argv)}"
            )
        return seconds

    first_raw = once(raw, "QMainWindow")
    first_program = once(program, "LoginDialog")
    options.debug(f"first run: program {fmt_seconds(first_program)}, raw {fmt_seconds(first_raw)}")
    programs: list[float] = []
    raws: list[float] = []
    for i in range(options.repetitions(9)):
        order = [(program, "LoginDialog", programs), (raw, "QMainWindow", raws)]
        for argv, expected, samples in order if i % 2 == 0 else reversed(order):
            samples.append(once(argv, expected))
        options.debug(
            f"run {i + 1}: program {fmt_seconds(programs[-1])}, raw {fmt_seconds(raws[-1])}"
        )
    pair_ratios = [p / r for p, r in zip(programs, raws, strict=True)]
    command = "QT_QPA_PLATFORM=offscreen JINSHA_DATA_DIR=<tmp> python -m jinsha_desktop --db <demo>"
    return [
        Result(
            "startup.first_window",
            "process spawn → first window (login dialog) painted, median of warm runs "
            "(raw: bare PySide6 QApplication + empty QMainWindow)",
            "s",
            median(programs),
            median(raws),
            Target(2.5, "ratio"),
            notes=[
                f"program: {spread(programs)}; {command}",
                f"median of the per-pair ratios: {median(pair_ratios):.2f} "
                f"({min(pair_ratios):.2f}–{max(pair_ratios):.2f})",
                f"raw: {spread(raws)}; python bare_window.py",
                "both spawned through first_window_harness.py, which reports the first "
                "Expose of a top-level window once Qt has handled it (window painted)",
            ],
        ),
        Result(
            "startup.first_window",
            "first start of each in this benchmark run, OS caches not dropped, so not truly "
            "cold (raw: bare PySide6 QApplication + empty QMainWindow)",
            "s",
            first_program,
            first_raw,
        ),
    ]


def login_to_main_window(options: Options) -> list[Result]:
    """Click OK on the login dialog → MainWindow painted, through run_gui (login_child.py).

    Each repetition is a fresh process so that every figure is a *first* login, as the user has
    it (the login path imports the main window's modules); a second login after logging out
    shows the same work with everything imported.
    """
    data = options.demo_data_dir("login")
    env = child_env(data)
    argv = [PYTHON, str(LOGIN_CHILD), str(data / "demo.sqlite3")]
    runs: list[dict[str, Any]] = []
    for i in range(options.repetitions(7)):
        output = run_child(argv, env, timeout=180)
        lines = [line for line in output.splitlines() if line.startswith(LOGIN_MARKER)]
        if not lines:
            raise BenchmarkError(f"{LOGIN_CHILD.name} printed no result:\n{output[-2000:]}")
        run = json.loads(lines[-1][len(LOGIN_MARKER) :])
        runs.append(run)
        first = run["first_login"]
        options.debug(
            f"run {i + 1}: first login {fmt_seconds(first['total'])} "
            f"(auth.login {fmt_seconds(first['auth_login'])}, argon2 "
            f"{fmt_seconds(first['verify'])}), "
            f"second {fmt_seconds(run['second_login']['total'])}, "
            f"raw window {fmt_seconds(run['raw_main_window'])}"
        )

    def pick(*path: str) -> list[float]:
        values = []
        for run in runs:
            value: Any = run
            for key in path:
                value = value[key]
            values.append(float(value))
        return values

    totals = pick("first_login", "total")
    auth_login = pick("first_login", "auth_login")
    verify = pick("first_login", "verify")
    returned = pick("first_login", "click_returned")
    gui_part = [t - a for t, a in zip(totals, auth_login, strict=True)]
    second = pick("second_login", "total")
    second_gui = [run["second_login"]["total"] - run["second_login"]["auth_login"] for run in runs]
    raw_window = pick("raw_main_window")
    argon2_library = pick("argon2_library")
    argon2_product = pick("argon2_product")
    after_click = [t - r for t, r in zip(totals, returned, strict=True)]
    build = [r - a for r, a in zip(returned, auth_login, strict=True)]
    login_target = Target(0.3, "value", strict=True, unit="s")
    return [
        Result(
            "startup.login_to_main_window",
            "click OK → MainWindow painted, first login in a fresh process "
            "(raw: argon2-cffi PasswordHasher().verify alone, same parameters, same process)",
            "s",
            median(totals),
            median(argon2_library),
            login_target,
            notes=[
                f"program: {spread(totals)}",
                f"raw argon2id verify alone: {spread(argon2_library)}; through the product's "
                f"PasswordHashing.verify: {spread(argon2_product)}",
                f"break-down (medians): auth.login {fmt_seconds(median(auth_login))} "
                f"(argon2id inside it {fmt_seconds(median(verify))}); "
                f"after auth.login until the click returned (imports, MainWindow built and "
                f"shown) {fmt_seconds(median(build))}; "
                f"click returned → painted {fmt_seconds(median(after_click))}",
                "python tests/benchmarks/login_child.py <demo> (drives run_gui unchanged: "
                "admin / DEMO_PASSWORD, QAbstractButton.click on the login button)",
                "questions answered at once as Enter would: "
                + (", ".join(sorted({t for run in runs for t in run.get("asked", [])})) or "none"),
            ],
        ),
        Result(
            "startup.login_to_main_window",
            "of which auth.login, the service call (raw: the argon2id verify inside it)",
            "s",
            median(auth_login),
            median(verify),
            notes=[f"auth.login: {spread(auth_login)}", f"argon2id inside: {spread(verify)}"],
        ),
        Result(
            "startup.login_to_main_window",
            "of which the GUI part: after auth.login → MainWindow painted, first login "
            "(raw: empty QMainWindow of the same size shown → painted, same process)",
            "s",
            median(gui_part),
            median(raw_window),
            notes=[f"GUI part: {spread(gui_part)}", f"raw: {spread(raw_window)}"],
        ),
        Result(
            "startup.login_to_main_window",
            "second login after File › Log out, modules already imported "
            "(raw: argon2-cffi PasswordHasher().verify alone)",
            "s",
            median(second),
            median(argon2_library),
            notes=[f"second login: {spread(second)}; its GUI part {spread(second_gui)}"],
        ),
    ]


BENCHMARKS = [
    Benchmark(
        "startup.first_window",
        "spawn → login dialog painted vs a bare QMainWindow (target ratio ≤ 2.5)",
        first_window,
    ),
    Benchmark(
        "startup.login_to_main_window",
        "click OK on the login dialog → MainWindow painted (target < 0.3 s)",
        login_to_main_window,
    ),
]
