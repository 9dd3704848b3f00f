"""The red/black list (issue 14): the ranking of a month with 100 units and 5,000 inspections,
the trend over 24 periods, and the scoring of one inspection with 120 items.

    python tests/benchmarks/run.py rankings
    python tests/benchmarks/bench_rankings.py --child DB REPEAT   # what the runner spawns

Program: `services/rankings.compute_ranking()` for October 2026 end to end (permission, rules,
the per-unit GROUP BY for the month and the previous one, findings, overdue findings, the basis
digest, the black-listed units' main deductions, the ranking in Python), and
`services/ranking_trend.trend()` over the 24 months ending there. Raw: the SELECTs each call
sent, captured from the engine and replayed with the sqlite3 module on the same file, in the
same process (the database's own time). Scoring: `domain.inspections.score_inspection` on a
120-item checklist (no raw figure: a limit of 5 ms).

The database: a freshly initialised one plus units up to 100, 5,000 submitted inspections a
month for 24 months (120,000; some amended, some vetoed, a few drafts and deleted ones), 20
answers each for the ranked month's inspections and 3,000 findings, bulk-inserted with SQLAlchemy
Core (not audited). It is built once and kept in the system temp folder (keyed by DATA_VERSION
and the schema revision); each run reads a copy.
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

DATA_VERSION = "rankings-v1"
UNITS = 100
PER_MONTH = 5_000
MONTHS = 24
ANSWERS = 20
FINDINGS = 3_000
SCORED_ITEMS = 120
SEED = 20_261_031
MARKER = "JINSHA-BENCH-RANKINGS"
BATCH = 20_000
NOW = "2026-11-25T01:30:00+00:00"
RANKED = "2026-10"


def _build(database: Path, log: Any) -> None:
    import random
    import uuid
    from datetime import datetime, timedelta
    from decimal import Decimal

    from sqlalchemy import create_engine, insert, select

    from jinsha_desktop.config import MachineConfig
    from jinsha_desktop.db.inspection_models import (
        ChecklistTemplate,
        ChecklistVersion,
        Finding,
        Inspection,
        InspectionAnswer,
    )
    from jinsha_desktop.db.models import User
    from jinsha_desktop.db.reference_models import Unit
    from jinsha_desktop.domain.clock import FixedClock
    from jinsha_desktop.domain.first_run import FirstRun
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.domain.rankings import Period
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
        stamp = {"created_at": now, "updated_at": now, "created_by": admin,
                 "updated_by": admin, "installation_id": installation, "version": 1}  # fmt: skip

        def rows(model: Any, items: list[dict[str, Any]]) -> None:
            for start in range(0, len(items), BATCH):
                conn.execute(insert(model), [item | stamp for item in items[start : start + BATCH]])

        existing = list(conn.scalars(select(Unit.id).where(Unit.deleted_at.is_(None))))
        added = [
            {"id": uuid.uuid4(), "name": f"基准村{n:03d}", "kind": "village", "sort_order": 100 + n}
            for n in range(UNITS - len(existing))
        ]
        rows(Unit, added)
        units = existing + [u["id"] for u in added]
        template_id, version_id = uuid.uuid4(), uuid.uuid4()
        rows(ChecklistTemplate, [{"id": template_id, "name": "基准清单",
                                  "current_version_id": version_id}])  # fmt: skip
        rows(ChecklistVersion, [{"id": version_id, "template_id": template_id, "number": 1,
                                 "title": "基准清单", "frozen_at": now}])  # fmt: skip
        ranked = Period.parse(RANKED)
        periods = Period.last(MONTHS, ranked)
        inspections, answers = [], []
        seq = 0
        for period in periods:
            days = (period.end - period.start).days + 1
            for _ in range(PER_MONTH):
                seq += 1
                percent = Decimal(rng.randrange(6000, 10001)) / 100
                vetoed = rng.random() < 0.01
                amended = rng.random() < 0.03
                final = min(percent + Decimal(rng.randrange(0, 500)) / 100, Decimal(100))
                inspection_id = uuid.uuid4()
                status = "draft" if rng.random() < 0.01 else "submitted"
                inspections.append({
                    "id": inspection_id, "number": f"BNCH-J{seq:06d}", "seq": seq,
                    "template_id": template_id, "version_id": version_id,
                    "rule_version": "基准清单 第1版", "unit_id": rng.choice(units),
                    "inspected_on": period.start + timedelta(days=rng.randrange(days)),
                    "status": status, "score": percent, "maximum": Decimal(100),
                    "percent": percent, "vetoed": vetoed,
                    "final_score": final if amended else percent, "final_maximum": Decimal(100),
                    "final_percent": final if amended else percent, "final_vetoed": vetoed,
                    "amendment_count": int(amended), "submitted_at": now,
                    "deleted_at": now if rng.random() < 0.005 else None,
                })  # fmt: skip
                if period == ranked:
                    for position in range(ANSWERS):
                        times = rng.choice((0, 0, 0, 0, 1, 2))
                        answers.append({
                            "id": uuid.uuid4(), "inspection_id": inspection_id,
                            "section_position": position // 5, "section_title": "环境卫生",
                            "position": position, "code": f"{position // 5 + 1}.{position % 5}",
                            "text": f"检查项{position + 1:02d}：路面、沟渠、河坡、房前屋后",
                            "points": Decimal(2), "cap": Decimal(6), "occurrences": times,
                            "deducted": Decimal(2 * times),
                        })  # fmt: skip
        rows(Inspection, inspections)
        rows(InspectionAnswer, answers)
        findings = []
        for n in range(FINDINGS):
            found = periods[0].start + timedelta(
                days=rng.randrange((ranked.end - periods[0].start).days)
            )
            closed = rng.random() < 0.6
            findings.append({
                "id": uuid.uuid4(), "number": f"BNCH-Z{n + 1:06d}", "seq": n + 1,
                "source": rng.choice(("inspection", "patrol", "resident")),
                "unit_id": rng.choice(units), "problem": "垃圾乱堆", "found_on": found,
                "status": "closed" if closed else rng.choice(("open", "rectified", "cancelled")),
                "deadline": found + timedelta(days=rng.randrange(3, 30)),
                "closed_on": found + timedelta(days=rng.randrange(1, 40)) if closed else None,
            })  # fmt: skip
        rows(Finding, findings)
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    log(f"{len(inspections):,} inspections, {len(answers):,} answers, {FINDINGS:,} findings "
        f"built in {time.perf_counter() - started:.0f} s")  # fmt: skip


def _cached_database(options: Options) -> Path:
    return cached_database(
        options,
        "rankings",
        DATA_VERSION,
        f"{PER_MONTH * MONTHS:,} inspections",
        lambda building: _build(building, options.log),
    )


def ranking_benchmarks(options: Options) -> list[Result]:
    cached = options.shared("rankings-db", lambda: _cached_database(options))
    data = options.workdir / "rankings"
    data.mkdir(parents=True, exist_ok=True)
    database = data / "rankings.sqlite3"
    shutil.copyfile(cached, database)
    figures: dict[str, Any] = child_result(
        [PYTHON, str(Path(__file__).resolve()), "--child", str(database),
         str(options.repetitions(7))],
        child_env(data),
        MARKER,
        timeout=900,
    )  # fmt: skip
    ratio = Target(1.5, "ratio")
    limit = Target(0.3, "value", strict=True, unit="s")
    results = []
    for key, label in (
        ("ranking", f"ranking of {RANKED}: compute_ranking() ({figures['size']})"),
        ("trend", f"trend over {MONTHS} months: trend() ({figures['size']})"),
    ):
        item = figures[key]
        notes = [f"program: {spread(item['program'])}", f"raw: {spread(item['raw'])}"]
        notes += item["notes"]
        for target in (ratio, limit):
            results.append(
                Result(
                    "rankings",
                    f"{label}; raw: the SELECTs it sent, with sqlite3 — target {target.describe()}",
                    "s",
                    median(item["program"]),
                    median(item["raw"]),
                    target,
                    notes=notes,
                )
            )
    scoring = figures["scoring"]
    results.append(
        Result(
            "rankings",
            f"scoring one inspection of {SCORED_ITEMS} items: score_inspection() — target "
            "value < 0.005 s",
            "s",
            median(scoring),
            None,
            Target(0.005, "value", strict=True, unit="s"),
            notes=[f"scoring: {spread(scoring)}"],
        )
    )
    return results


BENCHMARKS = [
    Benchmark(
        "rankings",
        "red/black list: the ranking of a month (100 units, 5,000 inspections) and the trend "
        "over 24 months within 1.5x of the raw SQL and under 0.3 s; scoring 120 items under 5 ms",
        ranking_benchmarks,
    )
]


# ---------------------------------------------------------------- the child


def _scoring_times(repeat: int) -> list[float]:
    from decimal import Decimal

    from jinsha_desktop.domain.inspections import Answer, ItemRule, SectionRule, score_inspection

    sections = [SectionRule(f"分类{n}", Decimal(20) if n % 2 else None) for n in range(12)]
    items = [
        ItemRule(n % 12, f"检查项{n}", Decimal("0.5") * (1 + n % 4), Decimal(4), f"{n}",
                 na_allowed=n % 7 == 0, veto=n == 119)
        for n in range(SCORED_ITEMS)
    ]  # fmt: skip
    answers = [Answer(n % 3, n % 7 == 0 and n % 2 == 0) for n in range(SCORED_ITEMS)]
    times = []
    for n in range(max(repeat, 5) * 20 + 1):
        started = time.perf_counter()
        score_inspection(sections, items, answers)
        if n:
            times.append(time.perf_counter() - started)
    return times


def child(database: Path, repeat: int) -> dict[str, Any]:
    import sqlite3
    from collections.abc import Callable
    from datetime import datetime

    from sqlalchemy import event, func, select

    from jinsha_desktop.config import MachineConfig
    from jinsha_desktop.db.inspection_models import Inspection, InspectionAnswer
    from jinsha_desktop.domain.clock import FixedClock
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.domain.rankings import Period
    from jinsha_desktop.services import auth
    from jinsha_desktop.services.ranking_trend import trend
    from jinsha_desktop.services.rankings import compute_ranking
    from jinsha_desktop.services.setup import local_installation, open_database

    clock = FixedClock(datetime.fromisoformat(NOW))
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
    period = Period.parse(RANKED)
    with opened.database.read_sessions() as session:
        inspections = session.scalar(select(func.count()).select_from(Inspection))
        month = session.scalar(
            select(func.count())
            .select_from(Inspection)
            .where(Inspection.inspected_on.between(period.start, period.end))
        )
        answers = session.scalar(select(func.count()).select_from(InspectionAnswer))
    figures: dict[str, Any] = {
        "size": f"{inspections:,} inspections, {month:,} in the month, {answers:,} answers, "
        f"{UNITS} units"
    }

    def measure(call: Callable[[], Any], describe: Callable[[Any], str]) -> dict[str, Any]:
        statements.clear()
        capturing[0] = True
        result = call()
        capturing[0] = False
        selects = list(statements)

        def replay() -> None:
            for statement, parameters in selects:
                raw.execute(statement, parameters).fetchall()

        program_times: list[float] = []
        raw_times: list[float] = []
        for n in range(repeat + 1):  # alternate; the first of each warms the caches
            for fn, into in ((call, program_times), (replay, raw_times)):
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
        return {
            "program": program_times,
            "raw": raw_times,
            "notes": [
                f"{describe(result)}; {len(selects)} SELECTs",
                *(f"raw SELECT {plan}" for plan in plans),
            ],
        }

    figures["ranking"] = measure(
        lambda: compute_ranking(admin, period),
        lambda view: (
            f"{sum(1 for r in view.rows if r.position)} units ranked, "
            f"{len(view.red)} red, {len(view.black)} black"
        ),
    )
    figures["trend"] = measure(
        lambda: trend(admin, period, MONTHS),
        lambda lines: f"{len(lines)} units × {MONTHS} months",
    )
    figures["scoring"] = _scoring_times(repeat)
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
