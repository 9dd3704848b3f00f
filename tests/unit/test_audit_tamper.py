"""The tamper suite on SQLite (issue 11, point 1): every attack is done with plain SQL behind the
program's back, and `audit verify` must find each one; the untouched database verifies clean.

The cases live in tests/unit/audit_tampering.py (shared with the PostgreSQL variant).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from jinsha_desktop.db.audit_head import read_head
from jinsha_desktop.services.audit_anchor import anchor_path
from jinsha_desktop.services.context import AppContext
from tests.unit.audit_tampering import (
    CASES,
    Scene,
    build_scene,
    case_id,
    chain_length,
    hard_delete_a_visit,
    outside,
)
from tests.unit.support import verify


@pytest.fixture
def scene(admin: AppContext, tmp_path: Path) -> Scene:
    return build_scene(admin, tmp_path)


def test_the_untouched_scene_verifies_with_its_anchor(scene: Scene) -> None:
    report = verify(scene.admin)

    assert report.ok, report.problems
    assert report.problems == []
    # The test database is a copy of a template made without its anchor: the entries of the
    # first run predate it, and only that is said.
    [warning] = report.anchor_warnings
    assert "条操作日志写于建立锚点之前" in warning
    assert report.entries_checked == chain_length(scene.admin)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_each_attack_is_found(scene: Scene, case: Callable[[Scene], None]) -> None:
    case(scene)

    report = verify(scene.admin)

    assert not report.ok, f"{case.__name__} was not found"
    assert report.problems


def test_a_hard_deleted_visit_is_named(scene: Scene) -> None:
    hard_delete_a_visit(scene)

    report = verify(scene.admin)

    assert report.missing_records == [
        f"visit {scene.li_visit}：操作日志中有这条记录，表中却没有了（在程序之外被删除）"
    ]
    assert report.first_broken is None and report.anchor_problems == []


def test_the_cut_session_is_told_apart_from_an_edit(scene: Scene) -> None:
    with outside(scene) as out:
        out.delete_entries_after(scene.session_seqs[0] - 1)

    report = verify(scene.admin)

    assert report.first_broken is None, "what is left still links up"
    [problem] = report.anchor_problems
    assert f"末尾的 {len(scene.session_seqs)} 条被删除了" in problem
    assert "旧备份" in problem, "a backup copied back by hand looks the same, and is named"


def test_a_whole_chain_recomputed_is_told_as_such(scene: Scene) -> None:
    from tests.unit.audit_tampering import rechain_with_the_export_masked

    rechain_with_the_export_masked(scene)

    report = verify(scene.admin)

    assert report.first_broken is None and report.tampered_records == []
    assert ["整条重算或改写过" in p for p in report.anchor_problems] == [True]


def test_an_entry_appended_outside_the_program_is_found(scene: Scene) -> None:
    from tests.unit.audit_tampering import forge_an_entry_for_an_edit

    forge_an_entry_for_an_edit(scene)

    report = verify(scene.admin)

    assert report.tampered_records == [] and report.first_broken is None, "a perfect forgery"
    assert ["多出 1 条" in p for p in report.anchor_problems] == [True]


def test_a_mismatch_found_while_writing_is_kept_in_the_anchor(scene: Scene) -> None:
    """The program goes on saving after the tail was cut, but the anchor remembers."""
    from jinsha_desktop.domain.reference import UnitInput, UnitKind
    from jinsha_desktop.services import reference

    with outside(scene) as out:
        out.delete_entries_after(scene.session_seqs[0] - 1)
    reference.save_unit(scene.admin, UnitInput("南山社区", UnitKind.COMMUNITY))

    report = verify(scene.admin)

    assert len(report.anchor_problems) == 1
    assert report.anchor_problems[0].startswith("锚点文件记录的问题：")
    assert "写入前发现" in report.anchor_problems[0]


def test_an_older_copy_put_back_by_hand_is_reported_behind(
    admin: AppContext, tmp_path: Path
) -> None:
    path = admin.database.file
    assert path is not None
    admin.database.dispose()
    older = tmp_path / "older.sqlite3"
    shutil.copyfile(path, older)
    scene = build_scene(admin, tmp_path)
    scene.admin.database.dispose()
    shutil.copyfile(older, path)

    report = verify(scene.admin)

    assert ["若是手工把旧备份复制回来" in p for p in report.anchor_problems] == [True]


# ---------------------------------------------------------------- tried and found


def test_count_of_cases_tried_and_found(scene: Scene, tmp_path: Path) -> None:
    """The figure for the README: how many attacks, how many found (all)."""
    assert len(CASES) >= 16
    anchor = anchor_path(scene.admin.database)
    assert anchor is not None and read_head(anchor) is not None


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("visit", "created_at", "不是时间"),
        ("visit", "temperature", "abc"),
        ("person", "birth_date", "1990-13-45"),
        ("audit_entry", "at", "昨天"),
    ],
)
def test_a_value_no_program_writes_is_reported_not_a_crash(
    scene: Scene, table: str, column: str, value: str
) -> None:
    with outside(scene) as out:
        out.run(f"UPDATE {table} SET {column} = :value", value=value)

    report = verify(scene.admin)

    assert not report.ok
    assert any("无法读取的值" in p for p in report.problems)
