"""A repair order made from survey findings, deleted: its findings are released, not left
counted as converted to an order nobody sees (they can be corrected and turned into an order
again)."""

from __future__ import annotations

from sqlalchemy import select

from jinsha_desktop.db.repair_models import RepairOrder, SurveyLine
from jinsha_desktop.domain.surveys import Per
from jinsha_desktop.services import repair_orders, survey_lines
from jinsha_desktop.services.context import AppContext
from tests.unit.test_campaigns import BULBS_2, build_scene


def test_deleting_an_order_from_a_survey_releases_its_findings(admin: AppContext):
    scene = build_scene(admin)
    scene.survey("金沙花苑", (0, 1, BULBS_2), (1, 2, BULBS_2))
    first, second = survey_lines.convert_findings(admin, scene.campaign, Per.BUILDING)
    assert scene.row().converted == 2

    repair_orders.delete_order(admin, first, "重复登记")

    assert scene.row().converted == 1  # the deleted order's finding is no longer converted
    with admin.reading() as session:
        linked = session.scalars(select(SurveyLine.repair_order_id)).all()
        deleted = session.get(RepairOrder, first)
        assert deleted is not None and deleted.deleted_at is not None  # kept, with its reason
        assert deleted.delete_reason == "重复登记"
    assert sorted(map(str, linked)) == sorted(["None", str(second)])
    assert scene.survey("金沙花苑", (0, 1, {"bulbs": 3})) == 1  # the line can be corrected
    [again] = survey_lines.convert_findings(admin, scene.campaign, Per.BUILDING)
    assert again not in (first, second) and scene.row().converted == 2
