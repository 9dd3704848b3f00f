"""Survey campaigns on a real PostgreSQL server: progress and the findings → orders conversion,
converted once (the SQLite twin is tests/unit/test_campaigns.py)."""

from __future__ import annotations

import pytest

from jinsha_desktop.domain.surveys import Per
from jinsha_desktop.services.context import AppContext
from tests.unit.test_campaigns import BULBS_2, build_scene, check_conversion

pytestmark = pytest.mark.postgres


def test_progress_and_findings_to_orders_per_compound_on_postgres(pg_admin: AppContext) -> None:
    scene = build_scene(pg_admin)
    scene.survey("城东小区", (0, 1, BULBS_2))
    assert scene.row().progress == "1/3"
    expected = [
        ("灯泡 0 个、开关 0 个、均分器 0 个、线路 3 处", "None"),
        ("灯泡 2 个、开关 0 个、均分器 0 个、线路 0 处", "None"),
        ("灯泡 2 个、开关 1 个、均分器 0 个、线路 0 处；其他：1幢2单元 楼道窗破损", "None"),
    ]

    check_conversion(scene, Per.COMPOUND, expected, converted=4)
