"""Child of test_visit_field_added.py: a throw-away visit field, 试验字段 (trial_field: a name
no real field will take; the README's example is 工作单位), added the way the README's "Add a
field" says and in no other place: a column on the Visit model and in the database (steps 1
and 2), a Field in VISIT and an attribute of VisitInput (step 3). The form's .ui (step 4) is not
needed here: no Qt. Then one registration is saved with it and read back from the list row,
the Excel export, the registration ledger, F3's last visit and the load for correction. Prints
what it found as one JSON line.

    python tests/unit/added_visit_field.py DATABASE OUT_DIR

Run in its own process: the declarations are read when the modules are imported, as they are
when the program starts after the edit.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

TYPED = "金沙街道办事处"


def add_the_field(database: Path) -> None:
    from sqlalchemy import String
    from sqlalchemy.orm import mapped_column

    from jinsha_desktop.db.registration_models import Visit
    from jinsha_desktop.domain import visit
    from jinsha_desktop.domain.fields import Field, LedgerCell

    # (1) the model and (2) the migration's work
    Visit.trial_field = mapped_column(String(100), nullable=False, default="")  # type: ignore[attr-defined]
    with sqlite3.connect(database) as connection:
        connection.execute(
            "ALTER TABLE visit ADD COLUMN trial_field VARCHAR(100) NOT NULL DEFAULT ''"
        )
    # (3) the declaration: a Field in VISIT and the input's attribute
    trial = Field(
        "trial_field",
        "试验字段",
        width=16,
        ledger=LedgerCell(4, 8),
        carried_over=True,
        max_length=100,
    )
    visit.VISIT = dataclasses.replace(visit.VISIT, fields=(*visit.VISIT.fields, trial))
    visit._FREE_TEXT = visit.VISIT.free_text()  # what importing the edited file works out
    visit.VisitInput = dataclasses.make_dataclass(  # type: ignore[misc]
        "VisitInput",
        [("trial_field", str, dataclasses.field(default=""))],
        bases=(visit.VisitInput,),
        frozen=True,
    )


def main(database: Path, out: Path) -> dict[str, Any]:
    add_the_field(database)
    from openpyxl import load_workbook

    from jinsha_desktop.config import MachineConfig
    from jinsha_desktop.domain.clock import FixedClock
    from jinsha_desktop.domain.errors import FormErrors
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.domain.visit import VisitInput
    from jinsha_desktop.reports.exports import export_visits
    from jinsha_desktop.reports.ledgers import LedgerRequest, generate_ledger
    from jinsha_desktop.services import auth, registration
    from jinsha_desktop.services.last_visit import last_visit
    from jinsha_desktop.services.setup import local_installation, open_database
    from jinsha_desktop.services.visit_lists import VisitFilter, VisitSort, visits_page
    from tests.conftest import ADMIN_PASSWORD
    from tests.reports.pdf_checks import page_tables
    from tests.unit.support import a_checkpoint, resident_id

    beijing = timezone(timedelta(hours=8))
    clock = FixedClock(datetime(2026, 11, 25, 9, 30, tzinfo=beijing).astimezone(UTC))
    opened = open_database(database, out / "backups", clock)
    passwords = PasswordHashing(time_cost=1, memory_cost_kib=8, parallelism=1)
    context, _ = local_installation(opened.database, clock, passwords, MachineConfig())
    admin = auth.login(context, "admin", ADMIN_PASSWORD)
    found: dict[str, Any] = {}
    checkpoint = a_checkpoint(admin)
    typed = VisitInput(
        document_number=resident_id(sequence=101),
        name="王秀英",
        checkpoint_id=checkpoint,
        visited_at=clock.now() - timedelta(minutes=5),
        trial_field=f"  {TYPED} ",  # type: ignore[call-arg]
    )
    try:
        registration.register_visit(admin, dataclasses.replace(typed, trial_field="单" * 101))  # type: ignore[call-arg]
    except FormErrors as refused:
        found["too_long"] = [(e.message, e.field) for e in refused.errors]
    saved = registration.register_visit(admin, typed)
    [row] = visits_page(admin, VisitFilter())
    found["row"] = row.trial_field
    sheet = out / "visits.xlsx"
    export_visits(admin, VisitFilter(), VisitSort(), sheet)
    rows = list(load_workbook(sheet, read_only=True).active.iter_rows(values_only=True))
    found["sheet"] = dict(zip(rows[0], rows[1], strict=True)).get("试验字段")
    today = registration.today_of(admin)
    ledger = out / "registration.pdf"
    generate_ledger(admin, LedgerRequest("registration", today, today), ledger)
    [table] = page_tables(ledger)
    found["ledger"] = dict(zip(table[0], table[1], strict=True)).get("试验字段")
    last = last_visit(admin, saved.person_id)
    found["last_visit"] = last.trial_field if last is not None else None
    found["for_edit"] = registration.visit_for_edit(admin, saved.visit_id)[0].trial_field
    opened.close()
    return found


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2])), ensure_ascii=False))
