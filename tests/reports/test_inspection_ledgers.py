"""The village-inspection ledgers (reports/inspection_ledgers.py), opened as a reader would:
检查台账 with the items as scored, photos and amendments beside the original; 整改台账 with the
findings' parties, dates, status and the overdue marked; filters, masking and who may print.

The records are written as the inspection and finding services store them (the stored copy of
each item is what the ledger prints), straight through a unit of work: the ledgers read tables,
and these tests pin down what they print from them.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PIL import Image
from pypdf import PdfReader

from jinsha_desktop.db.inspection_models import (
    ChecklistTemplate,
    ChecklistVersion,
    Department,
    Finding,
    FindingParty,
    Inspection,
    InspectionAmendment,
    InspectionAnswer,
)
from jinsha_desktop.domain.errors import PermissionDenied, ValidationError
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.reports.ledgers import LEDGERS, LedgerRequest, generate_ledger, ledger_of
from jinsha_desktop.services import reference
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.inspection_ledger_data import template_choices
from jinsha_desktop.services.photos import link_photos, photo_folder, store_photo
from jinsha_desktop.services.rectification_ledger_data import overdue_days
from tests.reports.pdf_checks import one_line, page_tables, page_texts, render_pages
from tests.unit.support import logged_in_as

DAY = date(2026, 11, 25)  # the test clock's day
MONTH_START = date(2026, 11, 1)
D = Decimal


def a_photo(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(buffer, "JPEG")
    return buffer.getvalue()


# (section, code, text, points, cap, veto)
ITEMS = [
    ("道路环境", "1.1", "路边绿化带有垃圾", D(2), D(10), False),
    ("道路环境", "1.2", "沟渠水塘漂浮物", D("0.5"), D(5), False),
    ("庭院环境", "2.1", "房前屋后乱堆乱放", D(1), D(5), False),
    ("庭院环境", "2.2", "焚烧垃圾秸秆", D(5), D(5), True),
]


@dataclass
class Records:
    units: dict[str, uuid.UUID]
    template: uuid.UUID
    amended: uuid.UUID
    """城东村's inspection: 3 and 1 occurrences, amended to 2 and 0 (reason 复核)."""
    vetoed: uuid.UUID
    """金余村's: a veto item found."""
    photo_answer: uuid.UUID


def _unit_ids(admin: AppContext) -> dict[str, uuid.UUID]:
    return {u.name: u.id for u in reference.list_units(admin)}


def _answers(inspection: Inspection, counts: list[int], amendment=None, na=()):
    rows = []
    for position, ((section, code, text, points, cap, veto), count) in enumerate(
        zip(ITEMS, counts, strict=True)
    ):
        rows.append(
            InspectionAnswer(
                inspection_id=inspection.id,
                amendment_id=amendment.id if amendment is not None else None,
                section_position=0 if section == "道路环境" else 1,
                section_title=section,
                position=position,
                code=code,
                text=text,
                points=points,
                cap=cap,
                veto=veto,
                na_allowed=True,
                occurrences=0 if position in na else count,
                not_applicable=position in na,
                deducted=min(points * count, cap) if position not in na else D(0),
                note="池塘东侧" if count and position == 1 else "",
            )
        )
    return rows


def _inspection(session, template, version, unit, day, seq, *, status="submitted", **kw):
    inspection = Inspection(
        id=uuid.uuid4(),
        number=f"T01-J{seq:06d}",
        seq=seq,
        template_id=template.id,
        version_id=version.id,
        rule_version="农村人居环境检查清单 第1版",
        unit_id=unit,
        inspected_on=day,
        inspectors="张检查、李督查",
        status=status,
        **kw,
    )
    session.add(inspection)
    return inspection


def build_records(admin: AppContext) -> Records:
    units = _unit_ids(admin)
    folder = photo_folder(admin)
    with admin.uow() as session:
        template = ChecklistTemplate(id=uuid.uuid4(), name="测试人居环境清单")
        session.add(template)
        version = ChecklistVersion(
            id=uuid.uuid4(), template_id=template.id, number=1, title=template.name
        )
        session.add(version)
        session.flush()
        template.current_version_id = version.id
        common = dict(score=D(43), maximum=D(25), percent=D("72.00"))
        amended = _inspection(
            session, template, version, units["城东村"], DAY - timedelta(days=3), 1,
            score=D("18.5"), maximum=D(25), percent=D("74.00"), amendment_count=1,
            place="村委会门前水塘", place_kind="unit",
        )  # fmt: skip
        vetoed = _inspection(
            session, template, version, units["金余村"], DAY - timedelta(days=2), 2,
            score=D(0), maximum=D(25), percent=D(0), vetoed=True, place_kind="road",
            place="金余路",
        )  # fmt: skip
        draft = _inspection(
            session, template, version, units["金北村"], DAY - timedelta(days=1), 3,
            status="draft", **common,
        )  # fmt: skip
        session.flush()
        correction = InspectionAmendment(
            id=uuid.uuid4(),
            inspection_id=amended.id,
            number=1,
            reason="复核：绿化带垃圾已当场清理一处",
            made_at=admin.clock.now(),
            made_by_name="系统管理员",
            score=D("21.5"),
            maximum=D(25),
            percent=D("86.00"),
        )
        session.add(correction)
        session.flush()
        original = _answers(amended, [3, 1, 0, 0])
        session.add_all(original)
        session.add_all(_answers(amended, [2, 0, 0, 0], correction))
        session.add_all(_answers(vetoed, [0, 0, 1, 1], na=(1,)))
        session.add_all(_answers(draft, [5, 5, 5, 0]))
        session.flush()
        link_photos(
            session, "inspection_answer", original[0].id,
            [store_photo(folder, a_photo("brown"), "绿化带.jpg")], "before",
        )  # fmt: skip
        _findings(session, units, amended, original[0])
    return Records(units, template.id, amended.id, vetoed.id, original[0].id)


def _findings(session, units, inspection, answer) -> None:
    patrol = Department(id=uuid.uuid4(), name="测试保洁队", sort_order=1)
    session.add(patrol)
    session.flush()
    plans = [
        # number, source, unit, found, deadline, status, rectified, closed, rechecks, extra
        ("T01-Z000001", "inspection", "城东村", DAY - timedelta(days=3), DAY - timedelta(days=1),
         "open", None, None, 0, dict(inspection_id=inspection.id, answer_id=answer.id,
                                     problem="路边绿化带有垃圾")),
        ("T01-Z000002", "patrol", "城东村", DAY - timedelta(days=20), DAY - timedelta(days=15),
         "closed", DAY - timedelta(days=12), DAY - timedelta(days=10), 2,
         dict(patrol="城管中队", problem="河坡乱种菜")),
        ("T01-Z000003", "resident", "金余村", DAY - timedelta(days=5), DAY + timedelta(days=5),
         "rectified", DAY - timedelta(days=1), None, 0,
         dict(reporter_name="赵大爷", reporter_phone="13912345678", problem="垃圾桶满溢")),
        ("T01-Z000004", "resident", "金余村", DAY - timedelta(days=4), DAY + timedelta(days=3),
         "cancelled", None, None, 0, dict(problem="重复反映")),
        ("T01-Z000005", "patrol", "金北村", MONTH_START - timedelta(days=40),
         MONTH_START - timedelta(days=30), "open", None, None, 0, dict(problem="上月的问题")),
    ]  # fmt: skip
    for seq, (
        number,
        source,
        unit,
        found,
        deadline,
        status,
        done,
        closed,
        rechecks,
        extra,
    ) in enumerate(plans, start=1):
        finding = Finding(
            id=uuid.uuid4(), number=number, seq=seq, source=source, unit_id=units[unit],
            found_on=found, deadline=deadline, status=status, rectified_on=done,
            closed_on=closed, recheck_count=rechecks, place="村道两侧", **extra,
        )  # fmt: skip
        session.add(finding)
        session.flush()
        session.add(FindingParty(finding_id=finding.id, role="lead", unit_id=units[unit]))
        session.add(
            FindingParty(finding_id=finding.id, role="helper", department_id=patrol.id, position=1)
        )


@pytest.fixture
def records(admin: AppContext) -> Records:
    return build_records(admin)


def ledger(context: AppContext, name: str, out, since=MONTH_START, until=DAY, **filters):
    return generate_ledger(context, LedgerRequest(name, since, until, filters=filters), out)


def text_of(out) -> str:
    return one_line(" ".join(page_texts(out)))


# ---------------------------------------------------------------- 检查台账


def test_the_inspection_ledger_prints_each_submitted_inspection_with_its_deductions(
    admin, records, tmp_path
):
    out = tmp_path / "检查台账.pdf"
    result = ledger(admin, "inspections", out)

    text = text_of(out)
    assert "检查台账" in text and "T01-J000001" in text and "T01-J000002" in text
    assert "T01-J000003" not in text  # a draft is no record
    assert "农村人居环境检查清单 第1版" in text and "检查人：张检查、李督查" in text
    assert "得分：18.5/25（74%）" in text
    assert "更正1" in text and "复核：绿化带垃圾已当场清理一处" in text
    assert "更正后得分 21.5/25（86%）" in text
    assert "一票否决" in text and "【否决项】焚烧垃圾秸秆" in text
    assert "道路：金余路" in text
    tables = page_tables(out)
    first = tables[0]
    assert first[0][:8] == ["序号", "分类", "编号", "检查内容", "每次扣分", "封顶", "次数", "扣分"]
    assert "更正1次数" in first[0] and "更正1扣分" in first[0]
    # only the items that lost points, in the original or the correction
    assert [row[3] for row in first[1:]] == ["路边绿化带有垃圾", "沟渠水塘漂浮物"]
    green, pond = first[1], first[2]
    assert green[6:10] == ["3", "6", "2", "4"]  # 3 × 2 points; corrected to 2 × 2
    assert pond[6:10] == ["1", "0.5", "0", "0"]
    assert "T01-Z000001" in green  # the finding made of it
    assert result.rows == 2 + 2  # 金余村: the veto and the clutter
    assert len(PdfReader(out).pages[0].images) == 1  # the green belt's photo
    assert render_pages(out, tmp_path / "png", resolution=60)


def test_every_item_and_not_applicable_when_asked_for_all(admin, records, tmp_path):
    out = tmp_path / "检查台账.pdf"
    ledger(admin, "inspections", out, community=records.units["金余村"], items="all")

    text = text_of(out)
    assert "检查项：全部检查项" in text and "社区/村：金余村" in text
    assert "T01-J000001" not in text
    [table] = page_tables(out)
    assert len(table) == 1 + len(ITEMS)
    assert table[2][6] == "不适用" and table[2][7] == ""


def test_an_inspection_without_deductions_still_prints_its_score(admin, records, tmp_path):
    with admin.uow() as session:
        template = session.get(ChecklistTemplate, records.template)
        version = session.get(ChecklistVersion, template.current_version_id)
        clean = _inspection(
            session, template, version, records.units["新三园村"], DAY, 9,
            score=D(25), maximum=D(25), percent=D(100),
        )  # fmt: skip
        session.flush()
        session.add_all(_answers(clean, [0, 0, 0, 0]))
    out = tmp_path / "检查台账.pdf"
    ledger(admin, "inspections", out, community=records.units["新三园村"])
    text = text_of(out)
    assert "T01-J000009" in text and "得分：25/25（100%）" in text and "4 项均未扣分" in text


def test_a_template_filter_and_an_empty_period(admin, records, tmp_path):
    out = tmp_path / "检查台账.pdf"
    assert "测试人居环境清单" in [choice.name for choice in template_choices(admin)]
    ledger(admin, "inspections", out, template=records.template)
    assert "检查清单：测试人居环境清单" in text_of(out)
    ledger(admin, "inspections", out, since=date(2026, 1, 1), until=date(2026, 1, 31))
    assert "本期没有已提交的检查" in text_of(out)


def test_the_ledger_prints_the_copy_scored_not_the_templates_later_text(admin, records, tmp_path):
    with admin.uow() as session:
        template = session.get(ChecklistTemplate, records.template)
        template.name = "测试人居环境清单（2027版）"
    out = tmp_path / "检查台账.pdf"
    ledger(admin, "inspections", out)
    text = text_of(out)
    assert "农村人居环境检查清单 第1版" in text and "2027版" not in text


def test_a_photo_whose_file_is_gone_is_named(admin, records, tmp_path):
    for stored in photo_folder(admin).rglob("*"):
        if stored.is_file():
            stored.unlink()
    out = tmp_path / "检查台账.pdf"
    ledger(admin, "inspections", out)
    assert "照片缺失" in text_of(out)
    assert all(len(page.images) == 0 for page in PdfReader(out).pages)


# ---------------------------------------------------------------- 整改台账


def test_the_rectification_ledger_lists_findings_with_parties_dates_and_overdue(
    admin, records, tmp_path
):
    out = tmp_path / "整改台账.pdf"
    result = ledger(admin, "rectifications", out)

    tables = page_tables(out)
    findings, summary = tables[0], tables[-1]
    assert findings[0] == [
        "序号", "问题单号", "来源", "社区/村", "地点", "问题", "牵头单位", "配合单位",
        "发现日期", "整改期限", "状态", "整改日期", "销号日期", "逾期",
    ]  # fmt: skip
    numbers = [row[1] for row in findings[1:]]
    assert numbers == ["T01-Z000002", "T01-Z000003", "T01-Z000004", "T01-Z000001"]  # by date
    assert result.rows == 4 + len(summary) - 1
    rows = {row[1]: row for row in findings[1:]}
    assert rows["T01-Z000001"][2] == "检查组T01-J000001"
    assert rows["T01-Z000001"][-1] == "逾期1天"
    assert rows["T01-Z000001"][6:8] == ["城东村", "测试保洁队"]
    assert rows["T01-Z000002"][2] == "部门巡查城管中队"
    assert rows["T01-Z000002"][-1] == "逾期3天办结" and "复查2次" in rows["T01-Z000002"][10]
    assert rows["T01-Z000003"][2] == "群众反映赵大爷139****5678"
    assert rows["T01-Z000003"][-1] == "" and rows["T01-Z000004"][-1] == ""  # in time; cancelled
    text = text_of(out)
    assert "13912345678" not in text and "证件号码、手机号已按规定遮挡" in text
    assert "各村/社区整改情况" in text
    assert summary[0] == ["社区/村", "问题数", "已销号", "未销号", "其中逾期", "已撤销"]
    assert summary[1:] == [
        ["城东村", "2", "1", "1", "1", "0"],
        ["金余村", "2", "0", "1", "0", "1"],
        ["合计", "4", "1", "2", "1", "1"],
    ]
    assert render_pages(out, tmp_path / "png", resolution=60)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"source": "resident"}, ["T01-Z000003", "T01-Z000004"]),
        ({"rectification": "open_any"}, ["T01-Z000003", "T01-Z000001"]),
        ({"rectification": "overdue"}, ["T01-Z000001"]),
        ({"rectification": "closed"}, ["T01-Z000002"]),
    ],
)
def test_the_rectification_ledger_filters(admin, records, tmp_path, filters, expected):
    out = tmp_path / "整改台账.pdf"
    ledger(admin, "rectifications", out, **filters)
    assert [row[1] for row in page_tables(out)[0][1:]] == expected


def test_an_open_finding_of_an_earlier_period_is_in_that_period(admin, records, tmp_path):
    out = tmp_path / "整改台账.pdf"
    ledger(admin, "rectifications", out, since=date(2026, 9, 1), until=date(2026, 10, 31))
    [row] = page_tables(out)[0][1:]
    assert row[1] == "T01-Z000005" and row[-1] == "逾期54天"


def test_full_phone_numbers_need_the_right(admin, records, tmp_path):
    out = tmp_path / "整改台账.pdf"
    generate_ledger(admin, LedgerRequest("rectifications", MONTH_START, DAY, full=True), out)
    assert "群众反映赵大爷13912345678" in [row[2] for row in page_tables(out)[0]]
    inspector = logged_in_as(admin, "jiancha", Role.INSPECTOR)
    with pytest.raises(PermissionDenied):
        generate_ledger(
            inspector, LedgerRequest("rectifications", MONTH_START, DAY, full=True), out
        )


@pytest.mark.parametrize(
    ("status", "deadline", "rectified", "expected"),
    [
        ("open", DAY - timedelta(days=3), None, 3),
        ("rectified", DAY - timedelta(days=3), DAY - timedelta(days=1), 0),
        ("open", DAY, None, 0),
        ("closed", DAY - timedelta(days=3), DAY - timedelta(days=1), 2),
        ("closed", DAY - timedelta(days=3), DAY - timedelta(days=5), 0),
        ("cancelled", DAY - timedelta(days=3), None, 0),
    ],
)
def test_overdue_days(status, deadline, rectified, expected):
    assert overdue_days(status, deadline, rectified, DAY) == expected


# ---------------------------------------------------------------- who may print, command line


@pytest.mark.parametrize("name", ["inspections", "rectifications"])
def test_inspectors_and_clerks_print_them_checkpoint_volunteers_do_not(
    admin, records, tmp_path, name
):
    for username, role in (("jiancha", Role.INSPECTOR), ("wenyuan", Role.CLERK)):
        assert ledger(logged_in_as(admin, username, role), name, tmp_path / "a.pdf").pages >= 1
    volunteer = logged_in_as(admin, "zhiyuan", Role.CHECKPOINT)
    with pytest.raises(PermissionDenied):
        ledger(volunteer, name, tmp_path / "b.pdf")
    assert not ledger_of(name).offered_to(volunteer.user.can)


def test_the_filters_are_declared_and_a_wrong_name_is_refused(admin, records):
    keys = {f.key for f in LEDGERS["inspections"].filters}
    assert keys == {"community", "template", "items"}
    assert {f.key for f in LEDGERS["rectifications"].filters} == {
        "community", "source", "rectification"
    }  # fmt: skip
    source = next(f for f in LEDGERS["rectifications"].filters if f.key == "source")
    assert source.value_of(admin, "群众反映") == "resident"
    with pytest.raises(ValidationError, match="没有名为“邻居”的问题来源"):
        source.value_of(admin, "邻居")


def test_the_command_line_prints_the_inspection_ledger(
    database_file, data_dir, tmp_path, clock, passwords, machine_config, monkeypatch, capsys
):
    from jinsha_desktop import cli
    from jinsha_desktop.services import auth
    from jinsha_desktop.services.setup import local_installation, open_database
    from tests.conftest import ADMIN_PASSWORD

    opened = open_database(database_file, tmp_path / "backups", clock)
    try:
        context, _changed = local_installation(opened.database, clock, passwords, machine_config)
        build_records(auth.login(context, "admin", ADMIN_PASSWORD))
    finally:
        opened.close()
    monkeypatch.setenv("JINSHA_PASSWORD", ADMIN_PASSWORD)
    out = tmp_path / "cli.pdf"
    code = cli.main(
        ["--db", str(database_file), "ledger", "inspections", "--from", "2026-11-01",
         "--to", "2026-11-25", "--items", "全部检查项", "--community", "金余村",
         "--user", "admin", "-o", str(out)]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    text = text_of(out)
    assert "T01-J000002" in text and "T01-J000001" not in text and "焚烧垃圾秸秆" in text
