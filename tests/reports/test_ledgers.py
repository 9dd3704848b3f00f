"""The declared ledgers, from registrations through the services to the PDF a clerk prints."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from jinsha_desktop.domain.errors import PermissionDenied, ValidationError
from jinsha_desktop.domain.monitoring import CaseStatus
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.reports.ledgers import LedgerRequest, generate_ledger, ledger_of
from jinsha_desktop.services import monitoring, registration
from jinsha_desktop.services.monitoring import CaseInput, CheckInput
from jinsha_desktop.services.registration_settings import (
    registration_settings,
    save_registration_settings,
)
from jinsha_desktop.services.settings import set_unit_name
from tests.reports.pdf_checks import (
    fonts_and_embedding,
    one_line,
    page_tables,
    page_texts,
    render_pages,
)
from tests.unit.support import a_checkpoint, audit_entries, logged_in_as, resident_id

NORTH_ID = resident_id(sequence=101)
SOUTH_ID = resident_id(region="320602", sequence=202)


@pytest.fixture
def registered(admin):
    """Three visits on two days at two checkpoints, one of them flagged (yellow code)."""
    set_unit_name(admin, "金沙街道办事处")
    north, south = a_checkpoint(admin, "北山社区1号卡点"), a_checkpoint(admin, "南山社区1号卡点")
    today = registration.today_of(admin)
    now = admin.clock.now()  # 09:30 in Nantong: half an hour ago is still today
    visits = [
        ("王秀英", NORTH_ID, "13812345678", north, now - timedelta(hours=25), "green"),
        ("李𠮷", SOUTH_ID, "13900001111", south, now - timedelta(hours=24, minutes=30), "yellow"),
        ("张伟", resident_id(sequence=303), "", north, now - timedelta(minutes=30), "green"),
    ]
    results = [
        registration.register_visit(
            admin,
            VisitInput(
                document_number=number,
                name=name,
                phone=phone,
                checkpoint_id=checkpoint,
                visited_at=when,
                health_code=code,
                temperature="36.5",
                origin="江苏省南通市崇川区",
            ),
        )
        for name, number, phone, checkpoint, when, code in visits
    ]
    return {"north": north, "south": south, "today": today, "results": results}


def ledger_text(context, tmp_path: Path, request: LedgerRequest) -> tuple[str, list[str]]:
    path = tmp_path / f"{request.ledger}.pdf"
    result = generate_ledger(context, request, path)
    texts = page_texts(path)
    assert len(texts) == result.pages
    assert len(render_pages(path, tmp_path / f"{request.ledger}-png")) == result.pages
    named = fonts_and_embedding(path)  # every font the ledger names is embedded
    assert named and all(embedded for _name, embedded in named), named
    return "\n".join(texts), texts


def test_registration_ledger_lists_the_period_in_time_order_masked(admin, registered, tmp_path):
    today = registered["today"]
    text, pages = ledger_text(
        admin, tmp_path, LedgerRequest("registration", today - timedelta(days=1), today)
    )
    assert "金沙街道办事处卡点登记台账" in text and "卡点：全部" in text
    assert [m for m in re.findall(r"王秀英|李𠮷|张伟", text)] == ["王秀英", "李𠮷", "张伟"]
    assert NORTH_ID not in text and f"{NORTH_ID[:6]}********{NORTH_ID[-4:]}" in text
    assert "138****5678" in text and "13812345678" not in text
    assert "证件号码、手机号已按规定遮挡" in text
    assert "黄码" in text and "健康码为黄码" in text  # the flag reason in the remarks
    assert all(f"第 {n} 页 共 {len(pages)} 页" in one_line(p) for n, p in enumerate(pages, 1))
    [table] = page_tables(tmp_path / "registration.pdf")
    assert table[0][:7] == ["序号", "登记时间", "卡点", "进/出", "姓名", "性别", "证件号码"]
    assert [row[4] for row in table[1:]] == ["王秀英", "李𠮷", "张伟"]
    assert [row[0] for row in table[1:]] == ["1", "2", "3"]
    [entry] = audit_entries(admin, action="print", table_name="ledger")
    assert "卡点登记台账" in entry.summary and "3 行" in entry.summary


def test_one_checkpoint_and_one_day(admin, registered, tmp_path):
    today = registered["today"]
    yesterday = today - timedelta(days=1)
    request = LedgerRequest(
        "registration", yesterday, yesterday, filters={"checkpoint": registered["north"]}
    )
    text, _ = ledger_text(admin, tmp_path, request)
    assert "卡点：北山社区1号卡点" in text
    assert "王秀英" in text and "李𠮷" not in text and "张伟" not in text


def test_full_numbers_need_the_role_and_are_audited(admin, registered, tmp_path):
    today = registered["today"]
    request = LedgerRequest("registration", today - timedelta(days=1), today, full=True)
    text, _ = ledger_text(admin, tmp_path, request)
    assert NORTH_ID in text and "13812345678" in text and "不得外传" in text
    [entry] = audit_entries(admin, action="print", table_name="ledger")
    assert "完整证件号码和手机号" in entry.summary
    volunteer = logged_in_as(admin, "volunteer", Role.CHECKPOINT)
    with pytest.raises(PermissionDenied):
        generate_ledger(volunteer, replace(request, full=False), tmp_path / "v.pdf")
    clerk = logged_in_as(admin, "clerk", Role.CLERK)
    generate_ledger(clerk, request, tmp_path / "clerk.pdf")
    viewer = logged_in_as(admin, "viewer", Role.VIEWER)
    with pytest.raises(PermissionDenied):
        generate_ledger(viewer, request, tmp_path / "viewer.pdf")
    assert not (tmp_path / "viewer.pdf").exists() and not (tmp_path / "v.pdf").exists()


def test_switched_off_epidemic_fields_are_not_printed(admin, registered, tmp_path):
    settings = registration_settings(admin)
    settings.temperature = settings.health_code = False
    save_registration_settings(admin, settings)
    today = registered["today"]
    text, _ = ledger_text(admin, tmp_path, LedgerRequest("registration", today, today))
    assert "行程卡" in text and "核酸检测" in text
    assert "体温" not in text and "健康码" not in text and "绿码" not in text


def test_a_blank_sheet_has_the_columns_and_numbered_empty_rows(admin, tmp_path):
    text, pages = ledger_text(
        admin, tmp_path, LedgerRequest("blank", *(2 * [datetime.now().date()]), blank_pages=2)
    )
    assert len(pages) == 2
    for heading in ("登记时间", "姓名", "证件号码", "联系电话", "来自何处", "体温", "备注"):
        assert all(heading in page for page in pages)
    numbers = [int(n) for n in re.findall(r"^(\d+)$", text, flags=re.MULTILINE)]
    assert numbers == list(range(1, 31))


def test_monitoring_ledger_shows_each_case_as_a_grid_of_days(admin, registered, tmp_path):
    today = registered["today"]
    person = registered["results"][1].person_id
    start = today - timedelta(days=2)
    case = monitoring.open_case(admin, CaseInput(person, "健康码为黄码", start, 7, "", "陈建国"))
    monitoring.add_check(admin, case, CheckInput(start, "36.4", "", "negative"))
    monitoring.add_check(admin, case, CheckInput(today, "37.6", "咳嗽"))
    text, _ = ledger_text(
        admin, tmp_path, LedgerRequest("monitoring", today - timedelta(days=3), today)
    )
    assert "健康监测台账" in text and "李𠮷" in text and "陈建国" in text
    day_headers = [
        f"{d.month}/{d.day}" for d in (today - timedelta(days=n) for n in range(3, -1, -1))
    ]
    assert all(h in text for h in day_headers)
    assert "36.4" in text and "37.6" in text and "咳嗽" in text and "阴性" in text
    assert "—" in text  # the day before the case started
    assert CaseStatus.MONITORING.label in text


def test_a_long_monitoring_period_continues_in_another_grid(admin, registered, tmp_path):
    today = registered["today"]
    person = registered["results"][1].person_id
    monitoring.open_case(admin, CaseInput(person, "健康码为黄码", today - timedelta(days=18), 14))
    text, _ = ledger_text(
        admin, tmp_path, LedgerRequest("monitoring", today - timedelta(days=20), today)
    )
    assert text.count("至") >= 2 and f"{today.month}/{today.day}" in text


def test_a_monitoring_period_with_no_cases_says_so_instead_of_an_empty_grid(admin, tmp_path):
    today = datetime.now().date()
    text, _ = ledger_text(admin, tmp_path, LedgerRequest("monitoring", today - timedelta(3), today))
    assert "本期无记录" in text and "监测原因" not in text
    assert page_tables(tmp_path / "monitoring.pdf") == []


def test_daily_summary_counts_the_day(admin, registered, tmp_path):
    today = registered["today"]
    person = registered["results"][1].person_id
    monitoring.open_case(admin, CaseInput(person, "健康码为黄码", today - timedelta(days=1)))
    yesterday = today - timedelta(days=1)
    # the day is the end of the period asked for (the command line's --to)
    request = LedgerRequest("daily", yesterday - timedelta(days=5), yesterday)
    text, pages = ledger_text(admin, tmp_path, request)
    assert len(pages) == 1
    assert f"{yesterday.year}年{yesterday.month}月{yesterday.day}日" in text
    assert " 至 " not in text  # one day, in the title and on the running header
    checkpoints, cases = page_tables(tmp_path / "daily.pdf")
    assert checkpoints == [
        ["卡点", "登记人次", "进", "出", "异常人次"],
        ["北山社区1号卡点", "1", "1", "0", "0"],
        ["南山社区1号卡点", "1", "1", "0", "1"],
        ["合计", "2", "2", "0", "1"],
    ]
    assert cases == [["新增监测", "解除监测", "在管人数", "当日未查"], ["1", "0", "1", "1"]]


def test_bad_requests_are_refused_before_anything_is_written(admin, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    today = datetime.now().date()
    with pytest.raises(ValidationError, match="没有名为"):
        ledger_of("nonsense")
    with pytest.raises(ValidationError, match="结束日期不能早于开始日期"):
        generate_ledger(
            admin,
            LedgerRequest("registration", today, today - timedelta(days=1)),
            tmp_path / "x.pdf",
        )
    with pytest.raises(ValidationError, match="一年"):
        generate_ledger(
            admin,
            LedgerRequest("registration", today - timedelta(days=400), today),
            tmp_path / "x.pdf",
        )
    assert not list(tmp_path.iterdir())
    assert not audit_entries(admin, action="print", table_name="ledger")
