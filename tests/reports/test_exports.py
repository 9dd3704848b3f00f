"""Excel exports of the lists, opened again with openpyxl and with LibreOffice."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook

from jinsha_desktop.domain.errors import Cancelled, PermissionDenied
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.reports.exports import (
    ShownColumn,
    export_people,
    export_shown_rows,
    export_visits,
)
from jinsha_desktop.services import registration
from jinsha_desktop.services.reference import list_units
from jinsha_desktop.services.registration_settings import (
    registration_settings,
    save_registration_settings,
)
from jinsha_desktop.services.visit_lists import VisitFilter, VisitSort
from tests.reports import libreoffice
from tests.unit.support import a_checkpoint, audit_entries, logged_in_as, resident_id

NAMES = ["张伟", "李𠮷", "王芳", "赵敏", "陈静"]


@pytest.fixture
def visits(admin):
    north, south = a_checkpoint(admin, "北山社区1号卡点"), a_checkpoint(admin, "南山社区1号卡点")
    now = admin.clock.now()
    for number, name in enumerate(NAMES):
        registration.register_visit(
            admin,
            VisitInput(
                document_number=resident_id(sequence=100 + number),
                name=name,
                phone=f"1381234567{number}",
                checkpoint_id=north if number % 2 == 0 else south,
                visited_at=now - timedelta(hours=10 - number),
                temperature="36.6",
                notes='=HYPERLINK("http://evil")' if number == 2 else "",
                plate="苏F12345" if number == 0 else "",
            ),
        )
    return {"north": north, "south": south}


def rows_of(path, sheet=None):
    workbook = load_workbook(path)
    worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
    return worksheet, [list(r) for r in worksheet.iter_rows(values_only=True)]


def test_visits_export_what_the_list_shows_in_its_order(admin, visits, tmp_path):
    path = tmp_path / "来访.xlsx"
    result = export_visits(
        admin, VisitFilter(checkpoint_id=visits["north"]), VisitSort("person_name", False), path
    )
    sheet, rows = rows_of(path)
    header = rows[0]
    assert header[:8] == [
        "登记时间",
        "卡点",
        "进/出",
        "姓名",
        "性别",
        "证件类型",
        "证件号码",
        "联系电话",
    ]
    names = [row[3] for row in rows[1:]]
    assert names == ["陈静", "王芳", "张伟"] and result.rows == 3  # pinyin order
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    first = next(sheet.iter_rows(min_row=2, max_row=2))
    when, number, phone = first[0], first[6], first[7]
    assert isinstance(when.value, datetime) and "yyyy" in when.number_format
    assert number.data_type == "s" and "********" in number.value
    assert phone.data_type == "s" and "****" in phone.value
    temperature = header.index("体温(℃)")
    assert isinstance(rows[1][temperature], float | int) and rows[1][temperature] == 36.6
    [entry] = audit_entries(admin, action="export", table_name="export")
    assert "3 行" in entry.summary and "遮挡" in entry.summary


def test_a_formula_in_the_data_stays_text(admin, visits, tmp_path):
    path = tmp_path / "v.xlsx"
    export_visits(admin, VisitFilter(), VisitSort(), path)
    sheet, rows = rows_of(path)
    notes = rows[0].index("备注")
    cells = [row[notes] for row in sheet.iter_rows(min_row=2)]
    [formula] = [c for c in cells if c.value and c.value.startswith("=")]
    assert formula.data_type == "s" and formula.value == '=HYPERLINK("http://evil")'


def test_full_numbers_need_the_role_and_the_choice(admin, visits, tmp_path):
    path = tmp_path / "full.xlsx"
    export_visits(admin, VisitFilter(), VisitSort(), path, full=True)
    _, rows = rows_of(path)
    assert resident_id(sequence=100) in [row[6] for row in rows]
    assert "完整" in audit_entries(admin, action="export")[0].summary
    volunteer = logged_in_as(admin, "volunteer", Role.CHECKPOINT)
    with pytest.raises(PermissionDenied):
        export_visits(volunteer, VisitFilter(), VisitSort(), tmp_path / "x.xlsx")
    clerk = logged_in_as(admin, "clerk", Role.CLERK)
    export_visits(clerk, VisitFilter(), VisitSort(), tmp_path / "clerk.xlsx", full=True)
    viewer = logged_in_as(admin, "viewer", Role.VIEWER)
    with pytest.raises(PermissionDenied):
        export_people(viewer, "", "name", False, tmp_path / "y.xlsx")
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "y.xlsx").exists()


def test_switched_off_fields_are_not_exported(admin, visits, tmp_path):
    settings = registration_settings(admin)
    settings.temperature = settings.nucleic_test = False
    save_registration_settings(admin, settings)
    export_visits(admin, VisitFilter(), VisitSort(), tmp_path / "v.xlsx")
    _, rows = rows_of(tmp_path / "v.xlsx")
    assert "体温(℃)" not in rows[0] and "核酸结果" not in rows[0] and "健康码" in rows[0]


def test_more_rows_than_a_sheet_holds_continue_on_the_next(admin, visits, tmp_path):
    path = tmp_path / "split.xlsx"
    result = export_visits(admin, VisitFilter(), VisitSort(), path, max_rows_per_sheet=3)
    assert result.rows == 5 and len(result.sheet_names) == 3
    workbook = load_workbook(path)
    names = [
        row[3]
        for sheet in workbook.worksheets
        for row in list(sheet.iter_rows(values_only=True))[1:]
    ]
    assert sorted(names) == sorted(NAMES)
    assert all(sheet["A1"].value == "登记时间" for sheet in workbook.worksheets)


def test_cancel_leaves_no_file(admin, visits, tmp_path):
    path = tmp_path / "c.xlsx"
    with pytest.raises(Cancelled):
        export_visits(admin, VisitFilter(), VisitSort(), path, progress=lambda d, t: False)
    assert not path.exists() and not audit_entries(admin, action="export")


def test_people_export_keeps_rare_names_and_ids_as_text(admin, visits, tmp_path):
    path = tmp_path / "people.xlsx"
    export_people(admin, "", "name", False, path, full=True)
    sheet, rows = rows_of(path)
    assert rows[0] == [
        "姓名",
        "性别",
        "出生日期",
        "证件类型",
        "证件号码",
        "手机号",
        "最近来访",
        "住址",
    ]
    assert "李𠮷" in [row[0] for row in rows]
    for cell in (c for row in sheet.iter_rows(min_row=2) for c in row[4:5]):
        assert cell.data_type == "s" and len(cell.value) == 18


def test_a_small_list_exports_the_rows_it_shows(admin, tmp_path):
    units = list_units(admin)
    columns = [ShownColumn("name", "名称", str), ShownColumn("kind", "类别", lambda k: k.label)]
    path = tmp_path / "units.xlsx"
    export_shown_rows(admin, "社区和村", columns, list(reversed(units)), path)
    _, rows = rows_of(path)
    assert rows[0] == ["名称", "类别"]
    assert [row[0] for row in rows[1:]] == [u.name for u in reversed(units)]
    assert {row[1] for row in rows[1:]} <= {"社区", "村"}


def test_libreoffice_opens_the_visits_export(admin, visits, tmp_path):
    libreoffice.require_soffice()
    path = tmp_path / "visits.xlsx"
    export_visits(admin, VisitFilter(), VisitSort("visited_at", False), path, full=True)
    [csv] = libreoffice.convert_to_csv(path).values()
    rows = libreoffice.read_csv(csv)
    assert rows[0][:4] == ["登记时间", "卡点", "进/出", "姓名"]
    assert [row[3] for row in rows[1:]] == NAMES
    assert [row[6] for row in rows[1:]] == [resident_id(sequence=100 + n) for n in range(5)]
    assert rows[3][rows[0].index("备注")] == '=HYPERLINK("http://evil")'
    assert rows[1][rows[0].index("车牌")] == "苏F12345"


def test_people_and_risk_areas_exported_import_into_a_fresh_database_unchanged(
    admin, visits, tmp_path, template_database, clock, passwords, machine_config
):
    """The round trip: what the program exports, another laptop imports, record for record."""
    import shutil

    from jinsha_desktop.domain.risk import RiskAreaInput, RiskLevel
    from jinsha_desktop.reports import import_files
    from jinsha_desktop.reports.exports import export_named_list
    from jinsha_desktop.services import auth, risk_areas
    from jinsha_desktop.services import imports as importing
    from jinsha_desktop.services.imports import importer_of
    from jinsha_desktop.services.setup import local_installation, open_database
    from jinsha_desktop.services.visit_lists import people_page
    from tests.conftest import ADMIN_PASSWORD

    today = admin.clock.now().date()
    risk_areas.save_risk_area(admin, RiskAreaInput("上海市浦东新区", RiskLevel.HIGH, today))
    people_file, areas_file = tmp_path / "people.xlsx", tmp_path / "areas.xlsx"
    export_people(admin, "", "name", False, people_file, full=True)
    export_named_list(admin, "risk-areas", areas_file)

    fresh = tmp_path / "fresh.sqlite3"
    shutil.copyfile(template_database[0], fresh)
    opened = open_database(fresh, tmp_path / "fresh-backups", clock)
    try:
        context, _ = local_installation(opened.database, clock, passwords, machine_config)
        other = auth.login(context, "admin", ADMIN_PASSWORD)
        for name, path in (("roster", people_file), ("risk_areas", areas_file)):
            importer = importer_of(name)
            table = import_files.read_for_import(other, importer, path)
            mapping = importing.remembered_mapping(other, importer, table)
            preview = importing.preview_import(other, importer, table, mapping)
            assert preview.counts()[importing.RowOutcome.REJECT] == 0, preview.rows
            importing.apply_import(other, preview)

        def people(ctx):
            rows = people_page(ctx, "", "name", False, None, 1000)
            return sorted(
                (p.name, p.document_number, p.gender, p.birth_date, p.phone) for p in rows
            )

        assert people(other) == people(admin) and len(people(other)) == len(NAMES)
        assert [(a.name, a.level, a.effective_from) for a in risk_areas.list_risk_areas(other)] == [
            (a.name, a.level, a.effective_from) for a in risk_areas.list_risk_areas(admin)
        ]
    finally:
        opened.close()


def test_rows_read_ahead_arrive_in_order_and_errors_are_raised_where_they_are_written():
    import threading

    from jinsha_desktop.reports.exports import read_ahead

    assert list(read_ahead([n] for n in range(1234))) == [[n] for n in range(1234)]

    def broken():
        yield [1]
        raise ValueError("数据库断开")

    with pytest.raises(ValueError, match="数据库断开"):
        list(read_ahead(broken()))
    before = threading.active_count()
    endless = read_ahead([n] for n in iter(int, 1))  # never ends: the consumer stops
    assert next(endless) == [0]
    endless.close()
    assert threading.active_count() == before


def test_the_campaigns_and_the_compounds_with_their_property_company_export_by_name(
    admin, tmp_path
):
    import openpyxl

    from jinsha_desktop.domain.reference import CompoundInput
    from jinsha_desktop.domain.surveys import CampaignInput
    from jinsha_desktop.reports.exports import export_named_list
    from jinsha_desktop.services import campaigns, reference
    from tests.unit.support import a_compound

    compound_id, _buildings = a_compound(admin, "金沙花苑")
    unit = reference.list_units(admin)[0]
    reference.save_compound(
        admin, unit.id, CompoundInput("供电小区", managed=True, property_company="通州物业")
    )
    today = admin.clock.now().date()
    campaigns.save_campaign(admin, CampaignInput("楼道灯排查", today, today, (compound_id,)))

    export_named_list(admin, "campaigns", tmp_path / "campaigns.xlsx")
    export_named_list(admin, "compounds", tmp_path / "compounds.xlsx")

    sheet = openpyxl.load_workbook(tmp_path / "campaigns.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("排查名称", "开始日期", "结束日期", "已排查小区")
    assert rows[1][0] == "楼道灯排查" and rows[1][3] == "0/1"
    sheet = openpyxl.load_workbook(tmp_path / "compounds.xlsx").active
    by_name = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]}
    assert by_name["供电小区"][-1] == "通州物业" and by_name["金沙花苑"][-1] in (None, "")
