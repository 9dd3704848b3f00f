"""Repair totals over 200,000 repair orders and 50,000 clean-ups in 500 compounds (issue 13).

    python tests/benchmarks/run.py repair_totals
    python tests/benchmarks/bench_repair_totals.py --child DB REPEAT   # what the runner spawns

Program: `services/repair_totals.totals()` for a whole year, by compound and by community/village
— the service call end to end (permission, settings, the three grouped queries, names, roll-up).
Raw: the SELECTs that call sent, captured from the engine and replayed with the sqlite3 module on
the same file, in the same process (so the raw figure is the database's own aggregate time).

The database: a freshly initialised one plus 500 compounds (6 buildings each), 200,000 orders over
a year (~1.5 part lines each) and 50,000 clean-ups, bulk-inserted with SQLAlchemy Core (not
through the services, not audited). It is built once and kept in the system temp folder (keyed by
DATA_VERSION and the schema revision); each run reads a copy.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
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
    cached_database,
    child_env,
    child_result,
    median,
    spread,
)

DATA_VERSION = "repair-totals-v4"
ORDERS = 200_000
CLEANUPS = 50_000
COMPOUNDS = 500
BUILDINGS = 6
SEED = 20_261_125
MARKER = "JINSHA-BENCH-REPAIR-TOTALS"
BATCH = 20_000
NOW = "2026-11-25T01:30:00+00:00"


def _build(database: Path, log: Any) -> None:
    """A new database (migrated, initialised) with the compounds, orders, part lines and
    clean-ups inserted in bulk, in one transaction."""
    import random
    import uuid
    from datetime import datetime, timedelta
    from decimal import Decimal

    from sqlalchemy import create_engine, insert, select

    from jinsha_desktop.config import MachineConfig
    from jinsha_desktop.db.models import User
    from jinsha_desktop.db.reference_models import Building, Compound, Unit
    from jinsha_desktop.db.repair_models import (
        PART_KIND_COLUMNS,
        Cleanup,
        CleanupCategory,
        Part,
        RepairOrder,
        RepairPart,
        SurveyCampaign,
    )
    from jinsha_desktop.domain.clock import FixedClock
    from jinsha_desktop.domain.first_run import FirstRun
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.domain.repairs import OrderStatus
    from jinsha_desktop.services.setup import initialize, open_database

    started = time.perf_counter()
    now = datetime.fromisoformat(NOW)
    clock = FixedClock(now)
    opened = open_database(database, database.parent / "backups", clock)
    first = FirstRun(
        "通州区金沙街道", "基准测试机", "admin", "管理员", "Bench-admin-1", "Bench-admin-1"
    )
    context = initialize(opened.database, clock, PasswordHashing(), MachineConfig(), first)
    installation = context.installation_id
    opened.close()

    rng = random.Random(SEED)
    engine = create_engine(f"sqlite:///{database}")
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA cache_size=-262144")
        admin = conn.scalar(select(User.id).where(User.username == "admin"))
        units = list(conn.scalars(select(Unit.id).where(Unit.deleted_at.is_(None))))
        parts = conn.execute(
            select(Part.id, Part.name, Part.kind, Part.unit, Part.unit_price)
        ).all()
        categories = list(conn.scalars(select(CleanupCategory.id)))
        stamp = {"created_at": now, "updated_at": now, "created_by": admin,
                 "updated_by": admin, "installation_id": installation, "version": 1}  # fmt: skip

        def rows(model: Any, items: list[dict[str, Any]]) -> None:
            for start in range(0, len(items), BATCH):
                conn.execute(insert(model), [item | stamp for item in items[start : start + BATCH]])

        compounds = [
            {"id": uuid.uuid4(), "unit_id": units[n % len(units)], "name": f"基准小区{n:03d}"}
            for n in range(COMPOUNDS)
        ]
        rows(Compound, compounds)
        buildings = {
            c["id"]: [uuid.uuid4() for _ in range(BUILDINGS)] for c in compounds
        }  # fmt: skip
        rows(Building, [
            {"id": b, "compound_id": c, "name": f"{n + 1}幢", "unit_count": 3, "floor_count": 6}
            for c, ids in buildings.items() for n, b in enumerate(ids)
        ])  # fmt: skip
        campaigns = [uuid.uuid4() for _ in range(3)]
        rows(SurveyCampaign, [
            {"id": c, "name": f"第{n + 1}次排查",
             "start_date": (now - timedelta(days=300 - 90 * n)).date(),
             "end_date": (now - timedelta(days=286 - 90 * n)).date()}
            for n, c in enumerate(campaigns)
        ])  # fmt: skip
        statuses = list(OrderStatus)
        orders, lines = [], []
        for n in range(ORDERS):
            compound = rng.choice(compounds)["id"]
            reported = now - timedelta(minutes=rng.randrange(365 * 24 * 60))
            status = rng.choice(statuses)
            repaired = None
            if status in (OrderStatus.REPAIRED, OrderStatus.CHECKED):
                repaired = min(reported + timedelta(hours=rng.randrange(1, 300)), now)
            order_id = uuid.uuid4()
            cost = Decimal(0)
            quantities = dict.fromkeys(PART_KIND_COLUMNS, Decimal(0))
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                part_id, name, kind, unit, price = rng.choice(parts)
                quantity = Decimal(rng.randrange(1, 6))
                cost += quantity * price
                quantities[f"parts_{kind}"] += quantity
                lines.append({"id": uuid.uuid4(), "order_id": order_id, "part_id": part_id,
                              "part_name": name, "part_kind": kind, "unit": unit,
                              "quantity": quantity, "unit_price": price})  # fmt: skip
            orders.append({
                "id": order_id, "number": f"BNCH-{n + 1:06d}", "seq": n + 1, "source": "survey",
                "campaign_id": rng.choice([*campaigns, None, None]), "compound_id": compound,
                "building_id": rng.choice([*buildings[compound], None]), "problem": "楼道灯不亮",
                "status": status.value, "reported_at": reported, "repaired_at": repaired,
                "closed_at": None if status.is_open else (repaired or reported),
                "labour_cost": Decimal(rng.randrange(0, 10000)) / 100, "parts_cost": cost,
                **quantities,
                "deleted_at": now if rng.random() < 0.01 else None,
            })  # fmt: skip
        rows(RepairOrder, orders)
        rows(RepairPart, lines)
        cleanups = []
        for _ in range(CLEANUPS):
            compound = rng.choice(compounds)["id"]
            cleanups.append({
                "id": uuid.uuid4(), "category_id": rng.choice(categories), "compound_id": compound,
                "building_id": rng.choice([*buildings[compound], None]),
                "campaign_id": rng.choice([*campaigns, None]), "count": rng.randrange(1, 20),
                "done_on": (now - timedelta(days=rng.randrange(365))).date(),
            })  # fmt: skip
        rows(Cleanup, cleanups)
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    log(f"{ORDERS:,} orders, {len(lines):,} part lines, {CLEANUPS:,} clean-ups built in "
        f"{time.perf_counter() - started:.0f} s")  # fmt: skip


def _cached_database(options: Options) -> Path:
    return cached_database(
        options,
        "repair-totals",
        DATA_VERSION,
        f"{ORDERS:,} repair orders",
        lambda building: _build(building, options.log),
    )


def figures_on_a_copy(options: Options, name: str, script: str, marker: str) -> dict[str, Any]:
    """Run `script --child` on a fresh copy of the cached 200,000-order database (in the
    workdir's folder `name`) and hand back the figures it printed after `marker`."""
    cached = options.shared("repair-totals-db", lambda: _cached_database(options))
    data = options.workdir / name
    data.mkdir(parents=True, exist_ok=True)
    database = data / f"{name}.sqlite3"
    shutil.copyfile(cached, database)
    figures: dict[str, Any] = child_result(
        [PYTHON, str(Path(script).resolve()), "--child", str(database),
         str(options.repetitions(7))],
        child_env(data),
        marker,
        timeout=900,
    )  # fmt: skip
    return figures


def repair_totals_benchmarks(options: Options) -> list[Result]:
    figures = figures_on_a_copy(options, "repair-totals", __file__, MARKER)
    target = Target(1.5, "ratio")
    limit = Target(0.3, "value", strict=True, unit="s")
    results = []
    for key, label in (("compound", "by compound"), ("unit", "by community/village")):
        item = figures[key]
        notes = [f"program: {spread(item['program'])}", f"raw: {spread(item['raw'])}"]
        notes += item["notes"]
        for metric_target in (target, limit):
            results.append(
                Result(
                    "repair_totals",
                    f"totals for a year {label}: totals() service call ({figures['size']}; raw: "
                    f"the SELECTs it sent, with sqlite3) — target {metric_target.describe()}",
                    "s",
                    median(item["program"]),
                    median(item["raw"]),
                    metric_target,
                    notes=notes,
                )
            )
    return results


BENCHMARKS = [
    Benchmark(
        "repair_totals",
        "repair totals over 200,000 orders and 50,000 clean-ups in 500 compounds: "
        "within 1.5x of the raw SQL and under 0.3 s",
        repair_totals_benchmarks,
    )
]


# ---------------------------------------------------------------- the child


def child(database: Path, repeat: int) -> dict[str, Any]:
    import sqlite3
    from datetime import datetime, timedelta

    from sqlalchemy import event, func, select

    from jinsha_desktop.config import MachineConfig
    from jinsha_desktop.db.repair_models import Cleanup, RepairOrder, RepairPart
    from jinsha_desktop.domain.clock import FixedClock
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.domain.repair_totals import GroupBy, TotalsQuery
    from jinsha_desktop.services import auth
    from jinsha_desktop.services.repair_totals import totals
    from jinsha_desktop.services.setup import local_installation, open_database

    now = datetime.fromisoformat(NOW)
    clock = FixedClock(now)
    opened = open_database(database, database.parent / "backups", clock)
    context, _changed = local_installation(
        opened.database, clock, PasswordHashing(), MachineConfig()
    )
    admin = auth.login(context, "admin", "Bench-admin-1")
    statements: list[tuple[str, Any]] = []
    capturing = [False]

    def seen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if capturing[0] and statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(opened.database.engine, "before_cursor_execute", seen)
    raw = sqlite3.connect(database, isolation_level=None)
    today = now.astimezone().date()
    figures: dict[str, Any] = {}
    with opened.database.read_sessions() as session:
        counts = [
            session.scalar(select(func.count()).select_from(table))
            for table in (RepairOrder, RepairPart, Cleanup)
        ]
    figures["size"] = (
        f"{counts[0]:,} orders, {counts[1]:,} part lines, {counts[2]:,} clean-ups, "
        f"{COMPOUNDS} compounds"
    )
    for by in (GroupBy.COMPOUND, GroupBy.UNIT):
        query = TotalsQuery(today - timedelta(days=366), today, by)
        statements.clear()
        capturing[0] = True
        table = totals(admin, query)
        capturing[0] = False
        selects = list(statements)

        def program(q: TotalsQuery = query) -> None:
            totals(admin, q)

        def replay(s: list[tuple[str, Any]] = selects) -> None:
            for statement, parameters in s:
                raw.execute(statement, parameters).fetchall()

        program_times, raw_times = [], []
        for n in range(repeat + 1):  # alternate; the first of each warms the caches
            for fn, into in ((program, program_times), (replay, raw_times)):
                started = time.perf_counter()
                fn()
                if n:
                    into.append(time.perf_counter() - started)
        plans = []
        for statement, parameters in selects:
            each = []
            for _ in range(3):
                started = time.perf_counter()
                raw.execute(statement, parameters).fetchall()
                each.append(time.perf_counter() - started)
            plan = raw.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            plans.append(f"{sorted(each)[1] * 1000:.1f} ms: " + " | ".join(r[-1] for r in plan))
        figures[by.value] = {
            "program": program_times,
            "raw": raw_times,
            "notes": [
                f"{len(table.rows)} rows; total {table.total.figures.orders:,} orders, "
                f"{sum(table.total.figures.cleanups.values()):,} cleaned; "
                f"{len(selects)} SELECTs",
                *(f"raw SELECT {plan}" for plan in plans),
            ],
        }
    raw.close()
    opened.close()
    return figures


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] != "--child":
        print(__doc__)
        return 2
    figures = child(Path(argv[1]), int(argv[2]))
    print(MARKER + " " + json.dumps(figures, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
