"""The registration ledger prints a visit the same way whatever declares its columns: every
heading and every cell of a visit that fills every column, read back from the PDF."""

from __future__ import annotations

from datetime import date, timedelta

from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.reports.ledgers import LedgerRequest, generate_ledger
from jinsha_desktop.services import registration
from tests.reports.pdf_checks import page_tables, render_pages
from tests.unit.support import a_checkpoint, resident_id

HEADERS = [
    "序号", "登记时间", "卡点", "进/出", "姓名", "性别", "证件号码", "联系电话", "来自何处",
    "前往地点", "事由", "车牌", "体温", "健康码", "行程卡", "核酸检测", "备注",
]  # fmt: skip


def a_full_visit(admin) -> str:
    checkpoint = a_checkpoint(admin, "北山社区1号卡点")
    visited_at = admin.clock.now() - timedelta(minutes=30)
    registration.register_visit(
        admin,
        VisitInput(
            document_number=resident_id(sequence=101),
            name="王秀英",
            phone="13812345678",
            checkpoint_id=checkpoint,
            visited_at=visited_at,
            direction="out",
            origin="江苏省南通市崇川区",
            route=("上海市浦东新区",),
            destination_address="人民路8号",
            purpose="探亲",
            plate="苏F12345",
            companions=2,
            temperature="37.5",
            health_code="green",
            travel_code_star=True,
            nucleic_test_date=date(2026, 11, 20),
            nucleic_test_result="negative",
            notes="自驾",
        ),
    )
    return visited_at.astimezone().strftime("%m-%d %H:%M")


def test_every_column_of_a_full_visit_prints_as_before(admin, tmp_path):
    when = a_full_visit(admin)
    today = registration.today_of(admin)
    out = tmp_path / "registration.pdf"
    generate_ledger(admin, LedgerRequest("registration", today, today), out)
    [table] = page_tables(out)
    assert table[0] == HEADERS
    number = resident_id(sequence=101)
    assert table[1] == [
        "1", when, "北山社区1号卡点", "出", "王秀英", "男", f"{number[:6]}********{number[-4:]}",
        "138****5678", "江苏省南通市崇川区（途经上海市浦东新区）", "人民路8号", "探亲",
        "苏F12345", "37.5", "绿码", "带星", "11-20 阴性",
        "行程码带星号；体温 37.5℃；同行 2 人；自驾",
    ]  # fmt: skip
    assert render_pages(out, tmp_path / "png")


def test_the_blank_sheet_has_the_registration_headings_without_a_row_of_text(admin, tmp_path):
    out = tmp_path / "blank.pdf"
    generate_ledger(admin, LedgerRequest("blank", date.today(), date.today()), out)
    [table] = page_tables(out)
    assert table[0] == HEADERS
    assert [row[1:] for row in table[1:]] == [[""] * (len(HEADERS) - 1)] * 15
