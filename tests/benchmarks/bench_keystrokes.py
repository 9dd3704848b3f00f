"""Keys per registration, counted through the real form, beside a paper form's handwriting.

The journeys (tests/gui/keystroke_journeys.py) press real key events on the real registration
page: a returning person (ID, F3 for the last trip, the temperature, Ctrl+S) and a new one (ID,
name, phone, the temperature by its label's mnemonic, the health code, Ctrl+S). The "raw" figure
is the paper form the checkpoints used before: the characters written by hand for the same
person — name + ID + phone + where from + destination (the paper form has no temperature or
health-code column worth counting; a returning person fills it all again). The duty settings
are a new installation's: temperature and health code required. Counting keys is exact, so one
run is enough.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.benchmarks.support import Benchmark, Options, Result, Target
from tests.unit.support import resident_id

RETURNING = (
    "顾海燕",
    resident_id("320612", "19580315", 135),
    "13912345678",
    "南通市通州区",
    "北山社区",
)
NEW = ("陆建华", resident_id("320684", "19900101", 246), "13812345678", "南通市通州区", "北山社区")
PASSWORD = "Bench-admin-1"


def _paper(person: tuple[str, ...]) -> int:
    return sum(len(part) for part in person)


def _form(workdir: Path, required: list[str], journey: str) -> tuple[Any, Any]:
    """A fresh database with one checkpoint and the returning person's earlier visit; the
    registration page shown and active, as after login."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from jinsha_desktop.config import MachineConfig
    from jinsha_desktop.domain.clock import SystemClock
    from jinsha_desktop.domain.first_run import FirstRun
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.domain.reference import CheckpointInput
    from jinsha_desktop.domain.visit import VisitInput
    from jinsha_desktop.gui.context import GuiContext
    from jinsha_desktop.gui.pages.checkpoint.registration_page import RegistrationPage
    from jinsha_desktop.services import auth, reference, registration
    from jinsha_desktop.services.registration_settings import (
        RegistrationSettings,
        save_registration_settings,
    )
    from jinsha_desktop.services.setup import initialize, local_installation, open_database
    from tests.gui.conftest import AnsweringPrompts

    app = QApplication.instance() or QApplication([])
    folder = workdir / f"keystrokes-{journey}-{'-'.join(required) or 'none'}"
    folder.mkdir(parents=True, exist_ok=True)
    clock, passwords = SystemClock(), PasswordHashing(time_cost=1, memory_cost_kib=8, parallelism=1)
    opened = open_database(folder / "jinsha.sqlite3", folder / "backups", clock)
    config = MachineConfig()
    answers = FirstRun("通州区金沙街道", "卡点 1 号机", "admin", "管理员", PASSWORD, PASSWORD)
    initialize(opened.database, clock, passwords, config, answers)
    context, _changed = local_installation(opened.database, clock, passwords, config)
    admin = auth.login(context, "admin", PASSWORD)
    save_registration_settings(admin, RegistrationSettings(required=required))
    unit = reference.list_units(admin)[0]
    checkpoint = reference.save_checkpoint(admin, unit.id, CheckpointInput("北山社区1号卡点"))
    config.checkpoint_id = str(checkpoint)  # this shift's checkpoint is already chosen
    config.checkpoint_day = datetime.now(UTC).astimezone().date().isoformat()
    name, number, phone, origin, _destination = RETURNING
    registration.register_visit(
        admin,
        VisitInput(
            document_number=number,
            name=name,
            phone=phone,
            origin=origin,
            destination_unit_id=unit.id,
            purpose="探亲",
            temperature="36.4",
            health_code="green",
            checkpoint_id=checkpoint,
            visited_at=clock.now() - timedelta(days=2),
        ),
    )
    gui = GuiContext(admin, opened, config, folder / "config.json", AnsweringPrompts())
    page = RegistrationPage(gui)
    page.resize(1000, 700)
    page.show()
    QTest.qWaitForWindowExposed(page)
    page.activateWindow()
    QTest.qWaitForWindowActive(page)
    page.setFocus()
    assert app is not None
    return page, opened


def _count(options: Options, required: list[str], journey: str) -> int:
    from tests.gui import keystroke_journeys as journeys

    page, opened = _form(options.workdir, required, journey)
    try:
        if journey == "returning":
            keys = journeys.returning_person(page, RETURNING[1])
        else:
            name, number, phone, _origin, _destination = NEW
            keys = journeys.new_person(page, number, name, phone)
        options.debug(f"{journey} ({', '.join(required) or 'nothing'} required): {keys.log}")
        return keys.count
    finally:
        page.close()
        page.deleteLater()
        opened.close()


def keystrokes(options: Options) -> list[Result]:
    from tests.gui.keystroke_journeys import NEW_PERSON_MARGIN, RETURNING_TARGET, TEMPERATURE

    duty = ["temperature", "health_code"]
    name, number, phone, _origin, _destination = NEW
    return [
        Result(
            "keystrokes.returning_person",
            "keys, returning person (temperature measured and typed) vs paper characters",
            "keys",
            _count(options, duty, "returning"),
            _paper(RETURNING),
            Target(RETURNING_TARGET + len(TEMPERATURE), on="value", unit="keys"),
            [f"issue 10 measured 45 keys before; the temperature is {len(TEMPERATURE)} keys"],
        ),
        Result(
            "keystrokes.returning_person_no_temperature",
            "keys, returning person, temperature not required vs paper characters",
            "keys",
            _count(options, ["health_code"], "returning"),
            _paper(RETURNING),
            Target(RETURNING_TARGET, on="value", unit="keys"),
        ),
        Result(
            "keystrokes.new_person",
            "keys, new person (name, ID, phone, temperature, health code) vs paper characters",
            "keys",
            _count(options, duty, "new"),
            _paper(NEW),
            Target(
                len(name) + len(number) + len(phone) + NEW_PERSON_MARGIN, on="value", unit="keys"
            ),
            ["issue 10 measured 68 keys before (≈ 89 with a pinyin input method)"],
        ),
    ]


BENCHMARKS = [
    Benchmark(
        "keystrokes.registration",
        "keys per registration through the real form vs characters on the paper form",
        keystrokes,
    ),
]
