"""The English interface's cost in a list: every cell passes through the message catalogue
(gui/messages.shown) so that stored labels and reasons read in English.

A page is 200 visits × 10 columns of realistic cells (names, addresses, labels, reasons); the
raw figure is the same page made into text without the catalogue (str()). In Chinese the
catalogue is not installed and a cell costs one QCoreApplication.translate call.

    python tests/benchmarks/run.py messages
"""

from __future__ import annotations

import random
import time

from tests.benchmarks.support import Benchmark, Options, Result, Target, median

ROWS = 200


def _page() -> list[str]:
    rng = random.Random(20_261_202)
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    cells: list[str] = []
    for _ in range(ROWS):
        name = rng.choice(surnames) + "".join(chr(0x4E00 + rng.randrange(20_000)) for _ in "ab")
        address = (
            f"通州区金沙街道北山新村{rng.randrange(1, 60)}幢"
            f"{rng.randrange(1, 6)}单元{rng.randrange(101, 606)}室"
        )
        cells += [
            name,
            address,
            rng.choice("进出"),
            rng.choice(["绿码", "黄码", "红码"]),
            f"2026-11-{rng.randrange(1, 29):02d} 09:30",
            "138****5678",
            "南通市崇川区",
            "上海市、苏州市",
            "苏F12345",
            rng.choice(["", "健康码为红码", "来自高风险地区：上海市浦东新区", "体温 37.6℃"]),
        ]
    return cells


def _measure(options: Options) -> list[Result]:
    import sys

    from PySide6.QtWidgets import QApplication

    from jinsha_desktop.gui.look import install_translators
    from jinsha_desktop.gui.messages import Catalogue, catalogue_path, read_catalogue, shown

    app = QApplication.instance() or QApplication(sys.argv)
    cells = _page()
    raw, chinese, cold, warm = [], [], [], []
    for _ in range(options.repetitions(5)):
        start = time.perf_counter()
        for cell in cells:
            str(cell)
        raw.append(time.perf_counter() - start)

        translators = install_translators(app, "zh_CN")  # type: ignore[arg-type]
        start = time.perf_counter()
        for cell in cells:
            shown(cell)
        chinese.append(time.perf_counter() - start)
        for translator in translators:
            app.removeTranslator(translator)

        # A fresh catalogue: the first page a user sees, nothing cached yet.
        translators = install_translators(app, "en")  # type: ignore[arg-type]
        translators[0].catalogue = Catalogue(read_catalogue(catalogue_path()))  # type: ignore[attr-defined]
        start = time.perf_counter()
        for cell in cells:
            shown(cell)
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        for cell in cells:
            shown(cell)
        warm.append(time.perf_counter() - start)
        for translator in translators:
            app.removeTranslator(translator)
    name = "messages.list_page"
    return [
        Result(
            name,
            f"English, first view of a {ROWS}-row page",
            "ms",
            median(cold) * 1000,
            median(raw) * 1000,
            Target(100, on="value", unit="ms"),
        ),
        Result(
            name,
            f"English, {ROWS}-row page again (cached)",
            "ms",
            median(warm) * 1000,
            median(raw) * 1000,
        ),
        Result(name, f"Chinese, {ROWS}-row page", "ms", median(chinese) * 1000, median(raw) * 1000),
    ]


BENCHMARKS = [
    Benchmark(
        "messages.list_page",
        "cells of a visits page through the message catalogue (English) vs plain text",
        _measure,
    )
]
