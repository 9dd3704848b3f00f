"""A 10,000-row repair ledger (维修台账), against reportlab building the same table directly.

    python tests/benchmarks/run.py repair_ledger

Program: `generate_ledger()` end to end on a demo database holding 10,000 repair orders reported
in the period (a third with part lines) — read the orders list's rows (names joined, parts summed
per order a thousand orders at a time), print the REPAIR_ORDER declaration's ledger cells, fit
the columns, wrap the cells, lay out the pages with title, repeated header, page numbers and
signature lines, write the PDF, audit the print.
Raw: reportlab alone, in a fresh process, given the same cells (already wrapped into lines) and
column widths in memory (bench_ledger.raw: one LongTable with a repeated header row).
Each figure is the median of separate child processes; memory as in bench_ledger.
"""

from __future__ import annotations

import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_ledger import compare_ledgers, raw, timed_ledger
from tests.benchmarks.support import (
    Benchmark,
    Options,
    Result,
)

ROWS = 10_000
DAYS = 40
MARKER = "REPAIR-LEDGER-RESULT "


def repair_ledger_benchmarks(options: Options) -> list[Result]:
    return compare_ledgers(
        options,
        "repair_ledger",
        f"repair ledger of {ROWS:,} orders, generate_ledger() to a PDF file "
        "(raw: reportlab LongTable of the same cells)",
        Path(__file__).resolve(),
        MARKER,
    )


BENCHMARKS = [
    Benchmark(
        "repair_ledger",
        f"{ROWS:,}-row repair ledger within 1.3x of raw reportlab, under 200 MB",
        repair_ledger_benchmarks,
    )
]


# ---------------------------------------------------------------- children


def fill(database: Path) -> None:
    """Add orders until the last DAYS days hold ROWS of them (bulk, not audited): spread over
    the demo compounds and buildings, in every status, a third with two part lines."""
    from sqlalchemy import create_engine, func, insert, select

    from jinsha_desktop.db.reference_models import Building
    from jinsha_desktop.db.repair_models import Part, RepairOrder, RepairPart

    engine = create_engine(f"sqlite:///{database}")
    now = datetime.now(UTC)
    start = now - timedelta(days=DAYS - 2)
    with engine.begin() as connection:
        have = connection.scalar(
            select(func.count(RepairOrder.id)).where(
                RepairOrder.reported_at >= start, RepairOrder.deleted_at.is_(None)
            )
        )
        places = connection.execute(
            select(Building.compound_id, Building.id).where(Building.deleted_at.is_(None))
        ).all()
        parts = connection.execute(select(Part.id, Part.name, Part.kind, Part.unit)).all()
        if not places or not parts:
            raise SystemExit("the demo database has no buildings or no parts catalogue")
        seq = (connection.scalar(select(func.max(RepairOrder.seq))) or 0) + 1
        orders, lines = [], []
        problems = (
            "楼道灯不亮",
            "声控开关失灵，白天也亮",
            "均分器烧坏，整单元无电",
            "电线老化外露",
        )
        statuses = ("reported", "assigned", "repaired", "checked", "repaired", "checked")
        for n in range(max(0, ROWS - (have or 0))):
            compound_id, building_id = places[n % len(places)]
            reported = start + timedelta(minutes=5 * n)
            status = statuses[n % len(statuses)]
            assigned = reported + timedelta(hours=3) if status != "reported" else None
            repaired = reported + timedelta(days=2) if status in ("repaired", "checked") else None
            checked = reported + timedelta(days=3) if status == "checked" else None
            order_id = uuid.uuid4()
            orders.append(
                {
                    "id": order_id,
                    "created_at": reported,
                    "updated_at": reported,
                    "version": 1,
                    "number": f"BNCH-{seq + n:06d}",
                    "seq": seq + n,
                    "source": "resident",
                    "compound_id": compound_id,
                    "building_id": building_id,
                    "unit_no": 1 + n % 3,
                    "floor": 1 + n % 6,
                    "location_note": "",
                    "problem": problems[n % len(problems)],
                    "reporter_name": "王阿姨",
                    "reporter_phone": "13812345678",
                    "labour_cost": Decimal("20.00"),
                    "note": "",
                    "status": status,
                    "assignee": "李师傅" if assigned else "",
                    "reported_at": reported,
                    "assigned_at": assigned,
                    "repaired_at": repaired,
                    "checked_at": checked,
                    "closed_at": checked,
                    "parts_cost": Decimal("0"),
                    "delete_reason": "",
                }
            )
            if n % 3 == 0:
                for part_id, name, kind, unit in parts[:2]:
                    lines.append(
                        {
                            "id": uuid.uuid4(),
                            "created_at": reported,
                            "updated_at": reported,
                            "version": 1,
                            "order_id": order_id,
                            "part_id": part_id,
                            "part_name": name,
                            "part_kind": kind,
                            "unit": unit,
                            "quantity": Decimal("2"),
                            "unit_price": Decimal("8.00"),
                        }
                    )
        if orders:
            connection.execute(insert(RepairOrder.__table__), orders)
        if lines:
            connection.execute(insert(RepairPart.__table__), lines)


def program(database: Path, cells_path: Path) -> None:
    def request(today: date) -> Any:
        from jinsha_desktop.reports.ledgers import LedgerRequest

        return LedgerRequest("repairs", today - timedelta(days=DAYS), today)

    timed_ledger(database, cells_path, request, MARKER, ROWS)


if __name__ == "__main__":
    if sys.argv[1] == "--fill":
        fill(Path(sys.argv[2]))
    elif sys.argv[1] == "--program":
        program(Path(sys.argv[2]), Path(sys.argv[3]))
    elif sys.argv[1] == "--raw":
        raw(Path(sys.argv[2]), MARKER)
