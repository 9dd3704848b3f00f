"""The repair orders list at 200,000 orders (issue 13): first paint, and a page by other sorts.

    python tests/benchmarks/run.py repair_orders
    python tests/benchmarks/bench_repair_orders.py --child DB REPEAT   # what the runner spawns

Program: the orders page (gui/pages/repairs/orders_page.OrdersPage) constructed, shown and
painted with its first rows; and `services/repair_lists.orders_page()` for one page in a few
orders (newest first, longest open first, overdue only). Raw: the SELECTs the page sent (the
keyset page with its names joined, the parts of its orders grouped), captured from the engine and
replayed with the sqlite3 module on the same file, in the same process.

The database is the repair totals benchmark's (bench_repair_totals.py: 500 compounds, 200,000
orders over a year, ~1.5 part lines each), built once and cached; each run reads a copy.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.support import (
    Benchmark,
    BenchmarkError,
    Options,
    Result,
    Target,
    fmt_seconds,
    median,
    spread,
)

MARKER = "JINSHA-BENCH-REPAIR-ORDERS"


def repair_orders_benchmarks(options: Options) -> list[Result]:
    from tests.benchmarks.bench_repair_totals import figures_on_a_copy

    figures = figures_on_a_copy(options, "repair-orders", __file__, MARKER)
    results = []
    paint = figures["first_paint"]
    results.append(
        Result(
            "repair_orders",
            f"orders list first paint ({figures['size']}): OrdersPage constructed, shown and "
            "painted; raw: its page SELECTs with sqlite3 — target value < 0.5 s",
            "s",
            median(paint["program"]),
            median(paint["raw"]),
            Target(0.5, "value", strict=True, unit="s"),
            notes=[
                f"program: {spread(paint['program'])}",
                f"raw: {spread(paint['raw'])}",
                *paint["notes"],
            ],  # fmt: skip
        )
    )
    for key, label in (
        ("newest", "newest first"),
        ("days_open", "longest open first"),
        ("overdue", "overdue only"),
        ("next_page", "page 2, newest first"),
    ):
        item = figures[key]
        results.append(
            Result(
                "repair_orders",
                f"orders_page() {label}, 200 rows: the service call; raw: its SELECTs with sqlite3",
                "s",
                median(item["program"]),
                median(item["raw"]),
                None,
                notes=[
                    f"program: {spread(item['program'])}",
                    f"raw: {spread(item['raw'])}",
                    *item["notes"],
                ],  # fmt: skip
            )
        )
    return results


BENCHMARKS = [
    Benchmark(
        "repair_orders",
        "repair orders list on 200,000 orders: first paint < 0.5 s; pages by sort and filter",
        repair_orders_benchmarks,
    )
]


# ---------------------------------------------------------------- the child


def child(database: Path, repeat: int) -> dict[str, Any]:
    import sqlite3
    from datetime import datetime

    from PySide6.QtCore import QCoreApplication, QEvent, QObject
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import event, func, select

    from jinsha_desktop.config import MachineConfig
    from jinsha_desktop.db.repair_models import RepairOrder, RepairPart
    from jinsha_desktop.domain.clock import FixedClock
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.gui.context import GuiContext
    from jinsha_desktop.gui.look import apply_interface_scale, register_fonts
    from jinsha_desktop.gui.pages.repairs.orders_page import OrdersPage
    from jinsha_desktop.services import auth
    from jinsha_desktop.services.repair_lists import OrderFilter, OrderSort, orders_page
    from jinsha_desktop.services.setup import local_installation, open_database
    from tests.benchmarks.bench_repair_totals import NOW

    app = QApplication([])
    apply_interface_scale(app, register_fonts(), "normal")
    clock = FixedClock(datetime.fromisoformat(NOW))
    opened = open_database(database, database.parent / "backups", clock)
    context, _changed = local_installation(
        opened.database, clock, PasswordHashing(), MachineConfig()
    )
    admin = auth.login(context, "admin", "Bench-admin-1")
    gui = GuiContext(admin, opened, MachineConfig(), database.parent / "config.json")
    statements: list[tuple[str, Any]] = []
    capturing = [False]

    def seen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if capturing[0] and statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(opened.database.engine, "before_cursor_execute", seen)
    raw = sqlite3.connect(database, isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")

    def captured(fn: Any) -> tuple[Any, list[tuple[str, Any]]]:
        statements.clear()
        capturing[0] = True
        try:
            return fn(), list(statements)
        finally:
            capturing[0] = False

    def page_selects(selects: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """The page's own queries: the keyset page, its parts and its photos (not settings or
        combos)."""
        found = [
            (s, p)
            for s, p in selects
            if "repair_order" in s or "repair_part" in s or "photo_link" in s
        ]
        if not found:
            raise BenchmarkError(f"no page SELECT among {len(selects)}")
        return found

    def replay(selects: list[tuple[str, Any]]) -> Any:
        return lambda: [raw.execute(s, p).fetchall() for s, p in selects]

    def timed(fn: Any, warm: int = 1) -> list[float]:
        for _ in range(warm):
            fn()
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - started)
        return samples

    def plans(selects: list[tuple[str, Any]]) -> list[str]:
        found = []
        for statement, parameters in selects:
            rows = raw.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            found.append("plan: " + " | ".join(row[-1] for row in rows))
        return found

    figures: dict[str, Any] = {}
    with opened.database.read_sessions() as session:
        orders = session.scalar(select(func.count()).select_from(RepairOrder))
        lines = session.scalar(select(func.count()).select_from(RepairPart))
    photographed = _photograph_newest(admin, PHOTOGRAPHED)
    figures["size"] = (
        f"{orders:,} orders, {lines:,} part lines, {photographed} of the newest 200 with a before "
        "and an after photo"
    )

    class Painted(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                Painted.seen = True
            return False

    def open_list() -> tuple[float, float]:
        Painted.seen = False
        started = time.perf_counter()
        page = OrdersPage(gui)
        built = time.perf_counter()
        watcher = Painted(page)
        page.form.table.viewport().installEventFilter(watcher)
        page.resize(1200, 700)
        page.show()
        deadline = time.perf_counter() + 30
        while not Painted.seen and time.perf_counter() < deadline:
            app.processEvents()
        ended = time.perf_counter()
        if not Painted.seen or page.model.rowCount() == 0:
            raise BenchmarkError("OrdersPage was never painted with rows")
        page.close()
        page.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return ended - started, built - started

    (first, _built), opening = captured(open_list)
    page_sql = page_selects(opening)
    paints = [open_list() for _ in range(repeat)]
    figures["first_paint"] = {
        "program": [p for p, _b in paints],
        "raw": timed(replay(page_sql)),
        "notes": [
            f"of which OrdersPage() constructed (settings, communities, compounds, first page "
            f"fetched): {spread([b for _p, b in paints])}; the very first: {fmt_seconds(first)}",
            f"SELECTs while opening: {len(opening)}, of them the page's: {len(page_sql)}",
            *plans(page_sql),
        ],
    }

    def service(flt: Any, sort: Any, after: Any = None) -> dict[str, Any]:
        rows, selects = captured(lambda: orders_page(admin, flt, sort, after))
        mine = page_selects(selects)
        return {
            "program": timed(lambda: orders_page(admin, flt, sort, after)),
            "raw": timed(replay(mine)),
            "notes": [f"{len(rows)} rows; {len(selects)} SELECTs", *plans(mine)],
        }

    newest = OrderSort("reported_at", True)
    figures["newest"] = service(OrderFilter(), newest)
    figures["days_open"] = service(OrderFilter(), OrderSort("days_open", True))
    figures["overdue"] = service(OrderFilter(overdue_only=True), newest)
    last = orders_page(admin, OrderFilter(), newest)[-1]
    figures["next_page"] = service(OrderFilter(), newest, (last.sort_value, last.id))
    raw.close()
    opened.close()
    return figures


PHOTOGRAPHED = 100
"""Of the first page's 200 orders, every other one gets a before and an after photo: the list's
photo column reads their thumbnails (services/photos.photo_cells, gui/lists/photo_cells.py)."""


def _photograph_newest(admin: Any, how_many: int) -> int:
    """Attach generated photos (1600×1200 JPEGs, their 320 px thumbnails made as usual) to every
    other one of the newest orders, in the copy of the database this run reads."""
    import io

    from PIL import Image
    from sqlalchemy import select

    from jinsha_desktop.db.repair_models import RepairOrder
    from jinsha_desktop.services.photos import link_photos, photo_folder, store_photo

    folder = photo_folder(admin)
    stored = []
    for colour in ("firebrick", "seagreen", "steelblue", "goldenrod"):
        out = io.BytesIO()
        Image.new("RGB", (1600, 1200), colour).save(out, "JPEG", quality=85)
        stored.append(store_photo(folder, out.getvalue(), f"{colour}.jpg"))
    with admin.uow() as session:
        newest = session.scalars(
            select(RepairOrder.id)
            .where(RepairOrder.deleted_at.is_(None))
            .order_by(RepairOrder.reported_at.desc(), RepairOrder.id.desc())
            .limit(2 * how_many)
        ).all()
        for n, order_id in enumerate(newest[::2]):
            link_photos(session, "repair_order", order_id, [stored[n % 4]], "before")
            link_photos(session, "repair_order", order_id, [stored[(n + 1) % 4]], "after")
    return len(newest[::2])


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] != "--child":
        print(__doc__)
        return 2
    figures = child(Path(argv[1]), int(argv[2]))
    print(MARKER + " " + json.dumps(figures, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
