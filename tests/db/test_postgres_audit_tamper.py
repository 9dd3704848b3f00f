"""The tamper suite on PostgreSQL (issue 11, "What must hold"): the same attacks as on SQLite
(tests/unit/audit_tampering.py), made with plain SQL through a login of the server's own, each
found by `audit verify`; the untouched database verifies clean.

On a server the anchor is a file in this machine's data folder, one per database address
(services/audit_anchor.py): it vouches for the chain this machine writes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jinsha_desktop.db.audit_head import read_head
from jinsha_desktop.services.audit import VerifyReport, verify_audit
from jinsha_desktop.services.audit_anchor import anchor_path
from jinsha_desktop.services.context import AppContext
from tests.unit.audit_tampering import CASES, Scene, build_scene, case_id, chain_length

pytestmark = pytest.mark.postgres


def verify(context: AppContext) -> VerifyReport:
    with context.reading() as session:
        return verify_audit(session)


@pytest.fixture
def scene(pg_admin: AppContext, tmp_path: Path) -> Scene:
    return build_scene(pg_admin, tmp_path)


def test_the_untouched_scene_verifies_with_its_anchor(scene: Scene) -> None:
    report = verify(scene.admin)

    assert report.ok, report.problems
    assert report.anchor_warnings == [], "anchored from the first run on"
    assert report.entries_checked == chain_length(scene.admin)
    path = anchor_path(scene.admin.database)
    assert path is not None and path.parent.name == "audit-heads"
    head = read_head(path)
    assert head is not None and str(scene.admin.installation_id) in head.chains


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_each_attack_is_found(scene: Scene, case: Callable[[Scene], None]) -> None:
    case(scene)

    report = verify(scene.admin)

    assert not report.ok, f"{case.__name__} was not found"
