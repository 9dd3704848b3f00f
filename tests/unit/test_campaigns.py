"""Survey campaigns through their services (services/campaigns.py, services/survey_lines.py) on a
real SQLite file: progress, findings → repair orders per building or per compound, converted
once, soft-deleted lines ignored, bad input changing nothing. The same scene runs on PostgreSQL
(tests/db/test_postgres_campaigns.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from jinsha_desktop.db.repair_models import RepairOrder, SurveyLine
from jinsha_desktop.domain.errors import FormErrors, PermissionDenied, ValidationError
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.repairs import Group, OrderSource, OrderStatus
from jinsha_desktop.domain.surveys import (
    CampaignInput,
    Finding,
    MemberInput,
    Per,
    SurveyLineInput,
    finding_text,
    typed_count,
    unit_of,
)
from jinsha_desktop.services import campaigns, survey_lines
from jinsha_desktop.services.context import AppContext
from tests.unit.support import a_compound, logged_in_as, row_counts

START, END = date(2026, 11, 10), date(2026, 11, 24)


@dataclass
class Scene:
    context: AppContext
    campaign: uuid.UUID
    compounds: dict[str, tuple[uuid.UUID, list[uuid.UUID]]]

    def survey(self, compound: str, *lines: tuple[int, int, dict[str, object]]) -> int:
        compound_id, buildings = self.compounds[compound]
        inputs = [
            SurveyLineInput(buildings[b], unit, surveyed_on=date(2026, 11, 12), **values)  # type: ignore[arg-type]
            for b, unit, values in lines
        ]
        return survey_lines.save_survey(self.context, self.campaign, compound_id, inputs)

    def row(self) -> campaigns.CampaignRow:
        return campaigns.campaign_row(self.context, self.campaign)

    def orders(self) -> list[SimpleNamespace]:
        """The campaign's orders, in the order they were made, as plain values."""
        keys = ("id", "problem", "unit_no", "building_id", "source", "status", "reported_at")
        with self.context.reading() as session:
            rows = session.scalars(
                select(RepairOrder)
                .where(RepairOrder.campaign_id == self.campaign)
                .order_by(RepairOrder.seq)
            )
            return [SimpleNamespace(**{k: getattr(row, k) for k in keys}) for row in rows]


def build_scene(admin: AppContext) -> Scene:
    """Three compounds in scope: 金沙花苑 (1幢, 2幢 with 2 units each), 北山新村 (one building
    without units), 城东小区 (not surveyed); 金余苑 out of scope."""
    compounds = {
        "金沙花苑": a_compound(admin, "金沙花苑", buildings=2, units=2),
        "北山新村": a_compound(admin, "北山新村", buildings=1, units=None),
        "城东小区": a_compound(admin, "城东小区", buildings=1),
        "金余苑": a_compound(admin, "金余苑", buildings=1),
    }
    scope = tuple(compounds[name][0] for name in ("金沙花苑", "北山新村", "城东小区"))
    members = (MemberInput("王芳", Group.CADRES), MemberInput("李强", Group.VOLUNTEERS))
    data = CampaignInput("2026年11月楼道灯排查", START, END, scope, members)
    return Scene(admin, campaigns.save_campaign(admin, data), compounds)


@pytest.fixture
def scene(admin: AppContext) -> Scene:
    return build_scene(admin)


BULBS_2 = {"bulbs": "2"}
SWITCH_AND_WINDOW = {"switches": "１", "other": "楼道窗破损"}
NOTHING: dict[str, object] = {}


# ---------------------------------------------------------------- progress


@pytest.mark.parametrize(
    ("sheets", "surveyed", "findings"),
    [
        ({}, 0, 0),
        ({"金沙花苑": [(0, 1, BULBS_2)]}, 1, 1),
        ({"金沙花苑": [(0, 1, NOTHING), (1, 2, NOTHING)]}, 1, 0),
        ({"金沙花苑": [(0, 1, BULBS_2)], "北山新村": [(0, 0, SWITCH_AND_WINDOW)]}, 2, 2),
    ],
    ids=["nothing typed", "one compound", "surveyed, nothing found", "two compounds"],
)
def test_progress_counts_the_compounds_in_scope_surveyed(scene: Scene, sheets, surveyed, findings):
    for compound, lines in sheets.items():
        scene.survey(compound, *lines)

    row = scene.row()
    assert (row.in_scope, row.surveyed, row.findings) == (3, surveyed, findings)
    assert row.progress == f"{surveyed}/3"
    assert row.members == "机关社区干部：王芳；志愿者：李强"
    detail = campaigns.campaign_detail(scene.context, scene.campaign)
    assert sum(r.surveyed for r in detail.scope) == surveyed


# ---------------------------------------------------------------- conversion


def check_conversion(
    scene: Scene, per: Per, expected: list[tuple[str, str]], converted: int = 3
) -> None:
    """Survey two compounds, convert per building or per compound (orders in the order of the
    compounds' names); then again: nothing more."""
    scene.survey("金沙花苑", (0, 1, BULBS_2), (0, 2, SWITCH_AND_WINDOW), (1, 1, NOTHING))
    scene.survey("北山新村", (0, 0, {"wiring": 3}))

    made = survey_lines.convert_findings(scene.context, scene.campaign, per)

    orders = scene.orders()
    assert [o.id for o in orders] == made
    assert [(o.problem, str(o.unit_no)) for o in orders] == expected
    assert {o.source for o in orders} == {OrderSource.SURVEY.value}
    assert {o.status for o in orders} == {OrderStatus.REPORTED.value}
    assert all(o.reported_at.date() in (date(2026, 11, 11), date(2026, 11, 12)) for o in orders)
    assert scene.row().converted == converted  # the lines that found something (2幢: nothing)
    before = row_counts(scene.context)
    assert survey_lines.convert_findings(scene.context, scene.campaign, per) == []
    assert row_counts(scene.context) == before


@pytest.mark.parametrize(
    ("per", "expected"),
    [
        (
            Per.BUILDING,
            [
                ("灯泡 0 个、开关 0 个、均分器 0 个、线路 3 处", "None"),
                ("灯泡 2 个、开关 1 个、均分器 0 个、线路 0 处；其他：2单元 楼道窗破损", "None"),
            ],
        ),
        (
            Per.COMPOUND,
            [
                ("灯泡 0 个、开关 0 个、均分器 0 个、线路 3 处", "None"),
                ("灯泡 2 个、开关 1 个、均分器 0 个、线路 0 处；其他：1幢2单元 楼道窗破损", "None"),
            ],
        ),
    ],
    ids=["per building", "per compound"],
)
def test_findings_become_orders_once(scene: Scene, per: Per, expected):
    check_conversion(scene, per, expected)


def test_an_order_for_one_building_names_its_unit_when_the_finding_is_in_one(scene: Scene):
    scene.survey("金沙花苑", (1, 2, BULBS_2))

    [order_id] = survey_lines.convert_findings(scene.context, scene.campaign, Per.BUILDING)

    [order] = scene.orders()
    _compound, buildings = scene.compounds["金沙花苑"]
    assert (order.id, order.building_id, order.unit_no) == (order_id, buildings[1], 2)


def test_a_soft_deleted_line_is_not_counted_nor_converted(scene: Scene):
    scene.survey("金沙花苑", (0, 1, BULBS_2))
    compound_id, _buildings = scene.compounds["金沙花苑"]

    assert survey_lines.clear_survey(scene.context, scene.campaign, compound_id) == 1

    row = scene.row()
    assert (row.surveyed, row.findings) == (0, 0)
    assert survey_lines.convert_findings(scene.context, scene.campaign, Per.BUILDING) == []
    with scene.context.reading() as session:
        kept = session.scalars(select(SurveyLine.deleted_at)).all()
    assert len(kept) == 1 and kept[0] is not None  # kept, set aside


def test_a_converted_line_is_not_changed_again(scene: Scene):
    scene.survey("金沙花苑", (0, 1, BULBS_2))
    survey_lines.convert_findings(scene.context, scene.campaign, Per.BUILDING)

    assert scene.survey("金沙花苑", (0, 1, BULBS_2)) == 0  # the same again: nothing to do
    with pytest.raises(ValidationError, match="已转为报修单"):
        scene.survey("金沙花苑", (0, 1, {"bulbs": 5}))


# ---------------------------------------------------------------- the sheet


def test_the_sheet_has_a_row_per_unit_or_one_for_the_whole_building(scene: Scene):
    scene.survey("金沙花苑", (1, 2, SWITCH_AND_WINDOW))
    compound_id, _buildings = scene.compounds["金沙花苑"]

    sheet = survey_lines.survey_sheet(scene.context, scene.campaign, compound_id)

    assert [line.place for line in sheet.lines] == [
        "1幢 1单元",
        "1幢 2单元",
        "2幢 1单元",
        "2幢 2单元",
    ]
    saved = [line for line in sheet.lines if line.saved]
    assert [(s.place, s.switches, s.other) for s in saved] == [("2幢 2单元", 1, "楼道窗破损")]
    whole = survey_lines.survey_sheet(scene.context, scene.campaign, scene.compounds["北山新村"][0])
    assert [line.place for line in whole.lines] == ["1幢 整栋"]


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        ((0, 1, {"bulbs": "-1"}), "0.bulbs", "灯泡不能是负数"),
        ((0, 1, {"switches": "两个"}), "0.switches", "开关应为整数"),
        ((0, 3, NOTHING), "0.unit_no", "只有 2 个单元"),
        ((0, 1, {"other": "坏" * 201}), "0.other", "200"),
    ],
    ids=["negative", "letters", "unit beyond the building", "other too long"],
)
def test_bad_lines_are_refused_and_nothing_is_saved(scene: Scene, line, field, message):
    before = row_counts(scene.context)

    with pytest.raises(FormErrors) as raised:
        scene.survey("金沙花苑", (1, 1, BULBS_2), line)

    assert [e.field for e in raised.value.errors] == [field.replace("0.", "1.")]
    assert message in raised.value.errors[0].message
    assert row_counts(scene.context) == before


def test_a_compound_out_of_scope_cannot_be_surveyed(scene: Scene):
    with pytest.raises(ValidationError, match="不在.*排查范围内"):
        scene.survey("金余苑", (0, 1, BULBS_2))


def test_a_date_outside_the_period_is_refused(scene: Scene):
    compound_id, buildings = scene.compounds["金沙花苑"]
    late = SurveyLineInput(buildings[0], 1, bulbs=1, surveyed_on=date(2026, 11, 25))
    with pytest.raises(FormErrors, match="排查期间"):
        survey_lines.save_survey(scene.context, scene.campaign, compound_id, [late])


# ---------------------------------------------------------------- campaigns


def test_a_surveyed_compound_cannot_leave_the_scope_and_an_unsurveyed_one_can(scene: Scene):
    scene.survey("金沙花苑", (0, 1, BULBS_2))
    detail = campaigns.campaign_detail(scene.context, scene.campaign)
    keep_all_but = lambda name: replace(  # noqa: E731
        detail.data,
        compound_ids=tuple(c for c in detail.data.compound_ids if c != scene.compounds[name][0]),
    )

    with pytest.raises(ValidationError, match="金沙花苑已有排查记录"):
        campaigns.save_campaign(
            scene.context, keep_all_but("金沙花苑"), scene.campaign, detail.version
        )
    campaigns.save_campaign(scene.context, keep_all_but("城东小区"), scene.campaign, detail.version)

    assert scene.row().in_scope == 2


def test_a_campaign_with_orders_cannot_be_deleted_one_without_can(scene: Scene, admin: AppContext):
    scene.survey("金沙花苑", (0, 1, BULBS_2))
    survey_lines.convert_findings(scene.context, scene.campaign, Per.COMPOUND)
    with pytest.raises(ValidationError, match="不能删除"):
        campaigns.delete_campaign(scene.context, scene.campaign)

    other = campaigns.save_campaign(
        admin, CampaignInput("复查", START, END, (scene.compounds["金余苑"][0],))
    )
    campaigns.delete_campaign(admin, other)
    assert [row.name for row in campaigns.list_campaigns(admin)] == ["2026年11月楼道灯排查"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (CampaignInput("", START, END, (uuid.uuid4(),)), "name"),
        (CampaignInput("排查", END, START, (uuid.uuid4(),)), "end_date"),
        (CampaignInput("排查", START, END, ()), "compound_ids"),
        (CampaignInput("排查", None, END, (uuid.uuid4(),)), "start_date"),
    ],
    ids=["no name", "ends before it starts", "no compound", "no start"],
)
def test_a_bad_campaign_is_refused(admin: AppContext, data: CampaignInput, field: str):
    before = row_counts(admin)
    with pytest.raises(FormErrors) as raised:
        campaigns.save_campaign(admin, data)
    assert raised.value.errors[0].field == field
    assert row_counts(admin) == before


def test_property_staff_log_surveys_and_a_viewer_only_reads(scene: Scene, admin: AppContext):
    staff = logged_in_as(admin, "wuguan", Role.PROPERTY)
    viewer = logged_in_as(admin, "viewer", Role.VIEWER)
    compound_id, buildings = scene.compounds["金沙花苑"]
    line = SurveyLineInput(buildings[0], 1, bulbs=1)

    survey_lines.save_survey(staff, scene.campaign, compound_id, [line])
    assert campaigns.list_campaigns(viewer)[0].surveyed == 1
    with pytest.raises(PermissionDenied):
        survey_lines.convert_findings(viewer, scene.campaign, Per.BUILDING)


# ---------------------------------------------------------------- domain rules


@pytest.mark.parametrize(
    ("typed", "count"),
    [("", 0), ("3", 3), ("３", 3), (" 12 ", 12), ("2个", 2), (4, 4), (5.0, 5), (None, 0)],
)
def test_typed_counts(typed: object, count: int):
    assert typed_count(typed, "灯泡", "bulbs") == count


@pytest.mark.parametrize("typed", ["-1", "a", "1.5", "三", True, 2.5, "99999"])
def test_typed_counts_refused(typed: object):
    with pytest.raises(ValidationError):
        typed_count(typed, "灯泡", "bulbs")


@pytest.mark.parametrize(
    ("typed", "unit"), [("", 0), ("整栋", 0), ("2", 2), ("2单元", 2), ("２单元", 2), (3.0, 3)]
)
def test_units_typed(typed: object, unit: int):
    assert unit_of(typed) == unit


def test_the_problem_text_is_at_most_500_characters():
    findings = [Finding(1, 1, 0, 0, 0, "坏" * 200, "1幢")] * 4
    text = finding_text(findings, name_buildings=True)
    assert len(text) == 500 and text.startswith("灯泡 4 个、开关 0 个") and text.endswith("…")


def test_members_keep_the_order_they_were_typed_in_within_their_group(scene: Scene):
    typed = (
        MemberInput("赵六", Group.VOLUNTEERS),
        MemberInput("王芳", Group.CADRES),
        MemberInput("陈静", Group.VOLUNTEERS),
        MemberInput("艾米", Group.VOLUNTEERS),
    )
    detail = campaigns.campaign_detail(scene.context, scene.campaign)
    campaigns.save_campaign(
        scene.context, replace(detail.data, members=typed), scene.campaign, detail.version
    )

    again = campaigns.campaign_detail(scene.context, scene.campaign)
    assert [m.name for m in again.data.members] == ["赵六", "王芳", "陈静", "艾米"]
    assert scene.row().members == "机关社区干部：王芳；志愿者：赵六、陈静、艾米"
    reordered = (typed[3], typed[1], typed[0], typed[2])  # only the order changed: saved too
    campaigns.save_campaign(
        scene.context, replace(again.data, members=reordered), scene.campaign, again.version
    )
    assert scene.row().members == "机关社区干部：王芳；志愿者：艾米、赵六、陈静"
