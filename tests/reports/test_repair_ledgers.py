"""The old compounds' ledgers (reports/repair_ledgers.py), opened as a reader would: the repair
and clean-up ledgers, the compound sheet with its photos, the blank survey sheet."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from jinsha_desktop.db.repair_models import CleanupCategory, Part
from jinsha_desktop.domain.cleanups import CleanupInput
from jinsha_desktop.domain.errors import PermissionDenied
from jinsha_desktop.domain.fields import always_on
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.repair_kinds import CLEANUP, REPAIR_ORDER
from jinsha_desktop.domain.repairs import EventKind, OrderInput, PlaceInput
from jinsha_desktop.domain.surveys import CampaignInput, SurveyLineInput
from jinsha_desktop.reports.fonts import FontChain
from jinsha_desktop.reports.ledger_pictures import Pictures
from jinsha_desktop.reports.ledgers import LEDGERS, LedgerRequest, generate_ledger
from jinsha_desktop.reports.pdf_ledger import LedgerColumn, LedgerDocument, LedgerTable, build_pdf
from jinsha_desktop.services import campaigns, cleanups, repair_orders, survey_lines
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.photos import photo_folder, store_photo
from tests.reports.pdf_checks import one_line, page_tables, page_texts, render_pages
from tests.unit.support import a_compound, logged_in_as

DAY = date(2026, 11, 25)  # the test clock's day
WEEK_AGO = DAY - timedelta(days=6)


def a_photo(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(buffer, "JPEG")
    return buffer.getvalue()


@dataclass
class Place:
    garden: uuid.UUID
    garden_buildings: list[uuid.UUID]
    village: uuid.UUID
    campaign: uuid.UUID
    kept: uuid.UUID
    """The order in 金沙花苑 with a photo, parts and a repair."""
    deleted: uuid.UUID
    other: uuid.UUID
    """The order in 人民新村."""


def _id_of(context: AppContext, model: type, name: str) -> uuid.UUID:
    with context.reading() as session:
        found = session.scalar(select(model.id).where(model.name == name))
    assert found is not None
    return found


@pytest.fixture
def place(admin: AppContext) -> Place:
    return build_place(admin)


def build_place(admin: AppContext) -> Place:
    """Two compounds in a campaign: a finding, three orders (one deleted), a clean-up, photos."""
    now = admin.clock.now()
    garden, buildings = a_compound(admin, "金沙花苑", buildings=3, units=2)
    village, village_buildings = a_compound(
        admin, "人民新村", buildings=2, units=None, unit_index=1
    )
    campaign = campaigns.save_campaign(
        admin, CampaignInput("2026年冬季排查", WEEK_AGO, DAY, compound_ids=(garden, village))
    )
    survey_lines.save_survey(
        admin,
        campaign,
        garden,
        [SurveyLineInput(buildings[0], 2, bulbs=2, switches=1, other="线路老化", surveyed_on=DAY)],
    )
    folder = photo_folder(admin)
    before = store_photo(folder, a_photo("orange"), "楼道灯.jpg")
    kept = repair_orders.report_order(
        admin,
        OrderInput(
            PlaceInput(garden, buildings[0], unit_no=2, floor=5),
            "楼道灯不亮",
            now - timedelta(hours=48),
            reporter_name="王阿姨",
            reporter_phone="13812345678",
        ),
        campaign_id=campaign,
        photos_before=[before],
    )
    repair_orders.take_step(
        admin, kept, EventKind.ASSIGN, now - timedelta(hours=40), assignee="李师傅"
    )
    repair_orders.add_part(admin, kept, _id_of(admin, Part, "LED 灯泡"), "3")
    repair_orders.take_step(admin, kept, EventKind.REPAIR, now - timedelta(hours=30))
    deleted = repair_orders.report_order(
        admin, OrderInput(PlaceInput(garden), "重复报修", now - timedelta(hours=20))
    )
    repair_orders.delete_order(admin, deleted, "重复")
    other = repair_orders.report_order(
        admin,
        OrderInput(PlaceInput(village, village_buildings[1]), "开关损坏", now - timedelta(hours=5)),
    )
    cleanups.record_cleanup(
        admin,
        CleanupInput(
            _id_of(admin, CleanupCategory, "乱堆乱放"),
            garden,
            5,
            DAY - timedelta(days=1),
            place="2幢楼道",
            cadres=2,
            volunteers=4,
        ),
        photos_after=[store_photo(folder, a_photo("green"), "清理后.jpg")],
    )
    return Place(garden, buildings, village, campaign, kept, deleted, other)


def number_of(admin: AppContext, order_id: uuid.UUID) -> str:
    return repair_orders.order_detail(admin, order_id).number


def ledger(admin: AppContext, name: str, out: Path, **filters: object):
    request = LedgerRequest(name, WEEK_AGO, DAY, filters=filters)
    return generate_ledger(admin, request, out)


# ---------------------------------------------------------------- repair ledger


def test_the_repair_ledger_prints_the_declared_columns_and_no_deleted_order(admin, place, tmp_path):
    out = tmp_path / "维修台账.pdf"
    result = ledger(admin, "repairs", out)

    [table] = page_tables(out)
    headers = ["序号", *(f.ledger_header() for f in REPAIR_ORDER.shown("ledger", always_on))]
    assert table[0] == headers
    numbers = [row[1] for row in table[1:]]
    assert numbers == [number_of(admin, place.kept), number_of(admin, place.other)]  # oldest first
    assert result.rows == 2
    text = one_line(" ".join(page_texts(out)))
    assert "维修台账" in text and "重复报修" not in text
    kept = table[1]
    assert "金沙花苑" in kept and "已维修" in kept and "李师傅" in kept
    assert any("LED 灯泡 3个" in cell for cell in kept)
    assert "王阿姨" in kept and "138****5678" in kept and "13812345678" not in text  # masked
    assert "证件号码、手机号已按规定遮挡" in text


def test_full_phone_numbers_need_the_role_and_are_audited(admin, place, tmp_path):
    from tests.unit.support import audit_entries

    out = tmp_path / "维修台账.pdf"
    generate_ledger(admin, LedgerRequest("repairs", WEEK_AGO, DAY, full=True), out)
    assert "13812345678" in one_line(" ".join(page_texts(out)))
    assert any("报修单的完整电话" in entry.summary for entry in audit_entries(admin))
    staff = logged_in_as(admin, "wuguan", Role.PROPERTY)
    with pytest.raises(PermissionDenied):
        generate_ledger(staff, LedgerRequest("repairs", WEEK_AGO, DAY, full=True), out)


def test_the_repair_ledger_of_one_compound_names_it_once_above_the_table(admin, place, tmp_path):
    out = tmp_path / "维修台账.pdf"
    ledger(admin, "repairs", out, compound=place.garden, status="open")

    text = one_line(" ".join(page_texts(out)))
    assert "小区：金沙花苑" in text and "状态：未办结" in text and "社区/村：全部" in text
    [table] = page_tables(out)
    assert "小区" not in table[0]  # the column left out: the page names the compound
    assert [row[1] for row in table[1:]] == [number_of(admin, place.kept)]


def test_the_repair_ledger_of_a_status_with_no_orders_says_so(admin, place, tmp_path):
    out = tmp_path / "维修台账.pdf"
    ledger(admin, "repairs", out, status="checked")
    assert "本期无记录" in one_line(" ".join(page_texts(out)))


# ---------------------------------------------------------------- clean-up ledger


def test_the_cleanup_ledger_lists_the_period_by_category(admin, place, tmp_path):
    out = tmp_path / "整治台账.pdf"
    ledger(admin, "cleanups", out, campaign=None, category=None)

    [table] = page_tables(out)
    assert table[0] == ["序号", *(f.ledger_header() for f in CLEANUP.shown("ledger", always_on))]
    [row] = table[1:]
    assert "乱堆乱放" in row and "5" in row and "干部2 志愿者4" in row
    category = _id_of(admin, CleanupCategory, "私搭乱建")
    ledger(admin, "cleanups", out, category=category)
    text = one_line(" ".join(page_texts(out)))
    assert "类别：私搭乱建" in text and "本期无记录" in text


# ---------------------------------------------------------------- compound sheet


def test_the_compound_sheet_gives_each_compound_its_pages_with_photos(admin, place, tmp_path):
    out = tmp_path / "小区台账.pdf"
    ledger(admin, "compound-sheet", out)

    pages = [one_line(text) for text in page_texts(out)]
    garden = [n for n, text in enumerate(pages) if "金沙花苑（" in text]
    village = [n for n, text in enumerate(pages) if "人民新村（" in text]
    assert garden and village and max(garden) < min(village)  # a new page for the next one
    first = pages[garden[0]]
    for part in ("一、楼栋", "二、排查发现", "三、维修", "四、整治", "线路老化", "楼道灯不亮"):
        assert part in first, part
    assert "重复报修" not in " ".join(pages)
    assert "小区负责人" in first and "社区审核" in first  # its signature lines
    images = [len(page.images) for page in PdfReader(out).pages]
    assert images[garden[0]] == 2  # the order's before photo, the clean-up's after photo
    assert images[village[0]] == 0
    rendered = render_pages(out, tmp_path / "png", resolution=60)
    assert len(rendered) == len(pages)


def test_the_compound_sheet_names_a_photo_whose_file_is_gone(admin, place, tmp_path):
    for stored in photo_folder(admin).rglob("*"):  # originals and thumbnails alike
        if stored.is_file():
            stored.unlink()
    out = tmp_path / "小区台账.pdf"
    ledger(admin, "compound-sheet", out, compound=place.garden)

    text = one_line(" ".join(page_texts(out)))
    assert text.count("照片缺失") == 2
    assert all(len(page.images) == 0 for page in PdfReader(out).pages)


def test_a_compound_sheet_of_one_quiet_compound_still_prints_its_buildings(admin, tmp_path):
    quiet, _buildings = a_compound(admin, "安静小区", buildings=2)
    out = tmp_path / "小区台账.pdf"
    ledger(admin, "compound-sheet", out, compound=quiet)

    text = one_line(" ".join(page_texts(out)))
    assert "安静小区（" in text and "本期无排查发现" in text and "本期无维修" in text
    assert page_tables(out)[0][1:] == [["1", "1幢", "2", "6"], ["2", "2幢", "2", "6"]]


# ---------------------------------------------------------------- blank survey sheet


def test_the_blank_survey_sheet_has_a_row_per_building_and_unit(admin, place, tmp_path):
    out = tmp_path / "排查登记表.pdf"
    result = generate_ledger(
        admin, LedgerRequest("survey-sheet", DAY, DAY, {"campaign": place.campaign}), out
    )

    tables = page_tables(out)
    assert result.rows == 3 * 2 + 2  # 金沙花苑: 3 buildings × 2 units; 人民新村: 2 without units
    assert len(tables) == 2 and result.pages == 2  # a page per compound
    garden, village = tables
    assert garden[0][:3] == ["序号", "楼栋", "单元"] and "灯泡（个）" in garden[0]
    assert [row[1:3] for row in garden[1:]] == [
        [f"{b}幢", f"{u}单元"] for b in (1, 2, 3) for u in (1, 2)
    ]
    assert [row[1:3] for row in village[1:]] == [["1幢", "整栋"], ["2幢", "整栋"]]
    assert all(cell == "" for row in garden[1:] for cell in row[3:])  # blank: to be written in
    text = one_line(" ".join(page_texts(out)))
    assert "排查日期：____年__月__日" in text and "排查人" in text


def test_the_blank_survey_sheet_of_a_compound_without_buildings_has_rows_to_write_them(
    admin, tmp_path
):
    bare, _ = a_compound(admin, "新建小区", buildings=0)
    out = tmp_path / "排查登记表.pdf"
    result = generate_ledger(
        admin, LedgerRequest("survey-sheet", DAY, DAY, {"compound": bare}), out
    )
    assert result.rows == 6 and "新建小区" in one_line(page_texts(out)[0])


# ---------------------------------------------------------------- who may print them


@pytest.mark.parametrize("name", ["repairs", "cleanups", "compound-sheet", "survey-sheet"])
def test_property_staff_print_the_repair_ledgers_but_never_the_visitors(
    admin, place, tmp_path, name
):
    staff = logged_in_as(admin, "wuguan", Role.PROPERTY)
    result = ledger(staff, name, tmp_path / f"{name}.pdf")
    assert result.pages >= 1
    with pytest.raises(PermissionDenied):
        ledger(staff, "registration", tmp_path / "registration.pdf")


def test_the_ledgers_offered_follow_the_data_a_role_may_read():
    def offered(role: Role) -> set[str]:
        from jinsha_desktop.domain.permissions import role_allows

        return {n for n, led in LEDGERS.items() if led.offered_to(lambda p: role_allows(role, p))}

    repair = {"repairs", "cleanups", "compound-sheet", "survey-sheet"}
    assert repair <= offered(Role.PROPERTY) and "registration" not in offered(Role.PROPERTY)
    assert offered(Role.CHECKPOINT).isdisjoint(repair) and "blank" in offered(Role.CHECKPOINT)
    assert repair | {"registration", "blank"} <= offered(Role.CLERK)


# ---------------------------------------------------------------- the engine's new parts


def test_a_photo_cell_draws_thumbnails_and_names_an_unreadable_file(tmp_path):
    good = tmp_path / "good.jpg"
    Image.new("RGB", (200, 150), "red").save(good)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a picture")
    table = LedgerTable(
        [LedgerColumn("记录", 4, 8), LedgerColumn("照片", 10, 14)],
        [["一", Pictures((good, good, broken))], ["二", Pictures((), note="照片缺失：ab12")]],
        2,
    )
    document = LedgerDocument("照片台账", "金沙街道", "2026年11月25日", "", _now(), [table])
    out = tmp_path / "photos.pdf"
    build_pdf(document, out, FontChain())

    assert len(PdfReader(out).pages[0].images) >= 1  # one image, drawn twice
    text = one_line(page_texts(out)[0])
    assert "照片无法读取：broken.jpg" in text and "照片缺失：ab12" in text


def test_a_table_may_start_a_new_page(tmp_path):
    tables = [
        LedgerTable([LedgerColumn("小区", 4, 8)], [[name]], 1, caption=name, new_page=True)
        for name in ("甲小区", "乙小区", "丙小区")
    ]
    document = LedgerDocument("台账", "金沙街道", "", "", _now(), tables)
    out = tmp_path / "pages.pdf"
    result = build_pdf(document, out, FontChain())
    assert result.pages == 3
    assert ["甲小区" in t for t in page_texts(out)] == [True, False, False]


def test_a_table_on_pages_of_its_own_names_itself_on_each_page_it_continues(tmp_path):
    rows = [[f"{n}幢"] for n in range(1, 41)]
    tables = [
        LedgerTable([LedgerColumn("楼栋", 4, 8)], rows, 40, caption="甲小区", new_page=True,
                    row_height=26.0),
        LedgerTable([LedgerColumn("楼栋", 4, 8)], [["1幢"]], 1, caption="乙小区", new_page=True),
    ]  # fmt: skip
    document = LedgerDocument("排查登记表", "金沙街道", "", "", _now(), tables)
    out = tmp_path / "pages.pdf"
    result = build_pdf(document, out, FontChain())

    texts = [one_line(t) for t in page_texts(out)]
    assert result.pages >= 3 and result.rows == 41
    assert "甲小区" in texts[0] and "（续）" not in texts[0]
    assert all("甲小区（续）" in t for t in texts[1:-1])  # every page it continues on
    assert "乙小区" in texts[-1] and "（续）" not in texts[-1]
    numbers = [int(cell) for table in page_tables(out)[:-1] for cell, _b in table[1:]]
    assert numbers == list(range(1, 41))  # no row lost or repeated across the pages


def _now() -> datetime:
    return datetime(2026, 11, 25, 1, 30, tzinfo=UTC)


# ---------------------------------------------------------------- the command line


def cli_run(database: Path, *arguments: str, monkeypatch: pytest.MonkeyPatch) -> int:
    from jinsha_desktop import cli
    from tests.conftest import ADMIN_PASSWORD

    monkeypatch.setenv("JINSHA_PASSWORD", ADMIN_PASSWORD)
    return cli.main(["--db", str(database), *arguments, "--user", "admin"])


def test_the_ledger_command_knows_the_repair_ledgers_and_their_flags(
    admin, place, opened, database_file, data_dir, tmp_path, monkeypatch, capsys
):
    kept = number_of(admin, place.kept)
    opened.close()  # the command opens the file itself (one program at a time)
    out = tmp_path / "维修台账.pdf"
    period = ["--from", WEEK_AGO.isoformat(), "--to", DAY.isoformat()]
    code = cli_run(
        database_file,
        "ledger",
        "repairs",
        *period,
        "--compound",
        "金沙花苑",
        "--status",
        "未办结",
        "-o",
        str(out),
        monkeypatch=monkeypatch,
    )
    assert code == 0, capsys.readouterr().err
    [table] = page_tables(out)
    assert [row[1] for row in table[1:]] == [kept]

    sheet = tmp_path / "排查登记表.pdf"
    code = cli_run(
        database_file,
        "ledger",
        "survey-sheet",
        "--campaign",
        "2026年冬季排查",
        "-o",
        str(sheet),
        monkeypatch=monkeypatch,
    )
    assert code == 0, capsys.readouterr().err
    assert "已生成" in capsys.readouterr().out and len(page_tables(sheet)) == 2

    code = cli_run(
        database_file, "ledger", "cleanups", "--status", "未办结", "-o", str(out),
        monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 2 and "整治台账不按状态筛选" in capsys.readouterr().err


def test_the_export_command_knows_the_repair_orders_and_cleanups(
    admin, place, opened, database_file, data_dir, tmp_path, monkeypatch, capsys
):
    from openpyxl import load_workbook

    kept = number_of(admin, place.kept)
    opened.close()
    orders = tmp_path / "报修单.xlsx"
    code = cli_run(
        database_file, "export", "repair-orders", "--compound", "金沙花苑", "--ascending",
        "-o", str(orders), monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    sheet = load_workbook(orders, read_only=True).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "单号" and "联系电话" in rows[0]
    assert [row[0] for row in rows[1:]] == [kept]  # the deleted order is not exported
    assert rows[1][rows[0].index("联系电话")] == "138****5678"  # masked

    cleanups = tmp_path / "整治.xlsx"
    code = cli_run(
        database_file, "export", "cleanups", "--category", "乱堆乱放", "-o", str(cleanups),
        monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    sheet = load_workbook(cleanups, read_only=True).worksheets[0]
    [header, row] = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert row[header.index("类别")] == "乱堆乱放" and row[header.index("小区")] == "金沙花苑"

    code = cli_run(
        database_file, "export", "cleanups", "--compound", "金沙新村", "-o", str(cleanups),
        monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 2 and "没有名为“金沙新村”的小区" in capsys.readouterr().err
