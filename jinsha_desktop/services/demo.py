"""Realistic generated data for the demo database and for building large benchmark databases.

Later modules add their own data by appending a function to DEMO_CONTRIBUTORS.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.domain.clock import Clock
from jinsha_desktop.domain.errors import DatabaseProblem
from jinsha_desktop.domain.first_run import FirstRun
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.reference import (
    DEFAULT_UNIT_NAME,
    BuildingInput,
    CheckpointInput,
    CompoundInput,
    UnitInput,
    UnitKind,
)
from jinsha_desktop.services import auth, reference
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.setup import initialize, is_initialized, open_database

DEMO_PASSWORD = "jinsha2026"
DEMO_USERS: tuple[tuple[str, str, Role], ...] = (
    ("clerk", "王秀英", Role.CLERK),
    ("volunteer", "陈建国", Role.CHECKPOINT),
    ("viewer", "李娟", Role.VIEWER),
    ("property", "张卫东", Role.PROPERTY),
)
EXTRA_UNITS = (("南山社区", UnitKind.COMMUNITY), ("五总村", UnitKind.VILLAGE))
COMPOUND_STEMS = (
    "金沙花苑",
    "人民新村",
    "北山新村",
    "东方小区",
    "兴仁小区",
    "金沙商城小区",
    "通南新村",
    "文化新村",
    "育才小区",
    "政府大院",
    "供电小区",
    "粮管所宿舍",
)
ROADS = ("金沙镇人民路", "新金路", "金余路", "通州大道", "城东路", "北山路", "兴仁路", "金北路")


@dataclass
class DemoSummary:
    counts: dict[str, int] = field(default_factory=dict)


DemoContributor = Callable[[AppContext, random.Random, int, DemoSummary], None]
DEMO_CONTRIBUTORS: list[DemoContributor] = []


def _reference_data(
    context: AppContext, rng: random.Random, scale: int, summary: DemoSummary
) -> None:
    for name, kind in EXTRA_UNITS:
        reference.save_unit(context, UnitInput(name, kind))
    compounds = buildings = checkpoints = 0
    for unit in reference.list_units(context):
        for number in range(1, 1 + max(1, scale // 2) + rng.randint(0, 1)):
            reference.save_checkpoint(
                context,
                unit.id,
                CheckpointInput(
                    f"{unit.name}{number}号卡点", f"{rng.choice(ROADS)}{rng.randint(1, 300)}号"
                ),
            )
            checkpoints += 1
        offset = compounds  # each unit starts the names elsewhere, but repeats none
        for index in range(2 * scale):
            stem = COMPOUND_STEMS[(index + offset) % len(COMPOUND_STEMS)]
            suffix = "" if index < len(COMPOUND_STEMS) else f"{index // len(COMPOUND_STEMS) + 1}期"
            address = f"{rng.choice(ROADS)}{rng.randint(1, 500)}号"
            compound_id = reference.save_compound(
                context, unit.id, CompoundInput(f"{stem}{suffix}", address)
            )
            compounds += 1
            for number in range(1, rng.randint(4, 12) + 1):
                reference.save_building(
                    context,
                    compound_id,
                    BuildingInput(f"{number}幢", rng.randint(1, 4), rng.choice((4, 5, 6, 6, 7))),
                )
                buildings += 1
    summary.counts.update(compounds=compounds, buildings=buildings, checkpoints=checkpoints)


def write_demo_data(
    location: str | Path,
    backups: Path,
    scale: int,
    clock: Clock,
    passwords: PasswordHashing,
    config: MachineConfig,
    seed: int = 20221,
) -> DemoSummary:
    """Create and fill a new database at `location` (refuses one that already holds data)."""
    if scale < 1 or scale > 10000:
        raise DatabaseProblem("规模应在 1 到 10000 之间。")
    opened = open_database(location, backups, clock)
    try:
        if is_initialized(opened.database):
            raise DatabaseProblem("这个数据库里已经有数据了，演示数据只能写入新的数据库文件。")
        answers = FirstRun(
            DEFAULT_UNIT_NAME, "演示机", "admin", "系统管理员", DEMO_PASSWORD, DEMO_PASSWORD
        )
        context = initialize(opened.database, clock, passwords, config, answers)
        admin = auth.login(context, answers.admin_username, answers.admin_password)
        for username, name, role in DEMO_USERS:
            # Demo users log in with the printed password without being asked to change it.
            auth.create_user(
                admin,
                auth.UserInput(username, name, role),
                DEMO_PASSWORD,
                must_change_password=False,
            )
        summary = DemoSummary()
        rng = random.Random(seed)
        from jinsha_desktop.services.demo_inspections import add_inspections
        from jinsha_desktop.services.demo_registration import add_registrations
        from jinsha_desktop.services.demo_repairs import add_repairs

        contributors = [_reference_data, add_registrations, add_repairs, add_inspections]
        for contribute in [*contributors, *DEMO_CONTRIBUTORS]:
            contribute(admin, rng, scale, summary)
        summary.counts["users"] = 1 + len(DEMO_USERS)
        return summary
    finally:
        opened.close()
