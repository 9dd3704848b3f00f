"""The four importers on messy office sheets: what each row becomes, what ends up in the database,
re-imports that add nothing, round trips through our own exports and templates, and the match
report of a 协查名单."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import openpyxl
import pytest
from sqlalchemy import select

from jinsha_desktop.db.reference_models import Building, Compound, Unit
from jinsha_desktop.db.registration_models import Person, RiskArea
from jinsha_desktop.domain.errors import PermissionDenied, ValidationError
from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.domain.id_numbers import DocumentType
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.person import PERSON
from jinsha_desktop.domain.reference import CompoundInput, UnitInput, UnitKind
from jinsha_desktop.domain.risk import RiskAreaInput, RiskLevel
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.reports import import_files
from jinsha_desktop.reports.match_report import match_report
from jinsha_desktop.reports.xlsx_writing import SheetColumn, write_sheet
from jinsha_desktop.services import imports as im
from jinsha_desktop.services import reference, registration, risk_areas
from jinsha_desktop.services.imports import FORMULA_MESSAGE, IMPORTERS, RowOutcome, importer_of
from tests.reports import import_workbooks as iw
from tests.unit.support import a_checkpoint, audit_entries, logged_in_as, row_counts


def imported(context, name, path, mapping=None):
    """Read, map (as remembered or proposed) and preview `path` with importer `name`."""
    importer = importer_of(name)
    table = import_files.read_for_import(context, importer, path)
    if mapping is None:
        mapping = im.remembered_mapping(context, importer, table)
    return im.preview_import(context, importer, table, mapping, path=path)


def outcomes(preview) -> dict[int, str]:
    return {row.number: row.outcome.value for row in preview.rows}


def reasons(preview) -> dict[int, str]:
    return {row.number: row.reason for row in preview.rows}


def everything(context, model):
    with context.reading() as session:
        rows = list(session.scalars(select(model).where(model.deleted_at.is_(None))))
        session.expunge_all()
        return rows


# ---------------------------------------------------------------- roster


@pytest.fixture
def checkpoint(admin):
    return a_checkpoint(admin)


@pytest.fixture
def roster_on_record(admin, checkpoint):
    """周九 (no phone, an address) and 吴十 (as the sheet has her) are registered already."""
    registration.register_visit(
        admin,
        VisitInput(
            document_number=iw.ZHOU,
            name="周九",
            destination_address="旧地址",
            checkpoint_id=checkpoint,
        ),
    )
    registration.register_visit(
        admin, VisitInput(document_number=iw.WU, name="吴十", checkpoint_id=checkpoint)
    )


def person(context, number) -> Person:
    found = [p for p in everything(context, Person) if p.document_number == number]
    assert len(found) == 1, number
    return found[0]


def test_a_messy_roster_is_previewed_row_by_row(admin, roster_on_record, tmp_path):
    preview = imported(admin, "roster", iw.messy_roster(tmp_path))

    assert preview.table.header_row == 3
    assert outcomes(preview) == iw.ROSTER_OUTCOMES
    assert preview.counts() == {
        RowOutcome.ADD: 4,
        RowOutcome.UPDATE: 1,
        RowOutcome.DUPLICATE: 2,
        RowOutcome.REJECT: 3,
    }
    why = reasons(preview)
    assert why[8].startswith("E8 证件号码：身份证号被 Excel 存成了数字")
    assert why[9] == "F9 性别：表中为“女”，但证件号码显示为男性，请核对。"
    assert why[10] == "与第 4 行重复。"
    assert why[11] == f"H11 手机号：{FORMULA_MESSAGE}。"  # openpyxl saved no value
    assert why[13] == "已有此人，将更新手机号。"
    bad = {row.number: row.bad_columns for row in preview.rows}
    assert bad[8] == (4,) and bad[9] == (4, 5) and bad[11] == (7,)
    old_card = next(row for row in preview.rows if row.number == 6)
    assert any("15 位老号码" in warning for warning in old_card.warnings)


def test_a_messy_roster_writes_what_the_cells_meant(admin, roster_on_record, tmp_path):
    preview = imported(admin, "roster", iw.messy_roster(tmp_path))

    counts = im.apply_import(admin, preview)

    assert counts == preview.counts()
    zhang = person(admin, iw.ZHANG)
    assert (zhang.name, zhang.gender, zhang.birth_date) == ("张三", "male", date(1990, 1, 1))
    assert (zhang.phone, zhang.address, zhang.native_region_code) == (
        "13812345678",
        "北山新村1幢",
        "320612",
    )
    li = person(admin, iw.LI)  # apostrophe gone, full-width phone made half-width
    assert (li.name, li.gender, li.phone) == ("李四", "female", "13912345678")
    wang = person(admin, iw.WANG_18)  # the 15-digit number stored as the 18-digit one
    assert (wang.birth_date, wang.phone) == (date(1985, 7, 7), "0513-86001234")
    visitor = person(admin, iw.PASSPORT)
    assert (visitor.document_type, visitor.name, visitor.gender) == (
        DocumentType.PASSPORT.value,
        "John Smith",
        "male",
    )
    zhou = person(admin, iw.ZHOU)  # phone added, the stored address not blanked by the empty cell
    assert (zhou.phone, zhou.address) == ("13600001111", "旧地址")
    numbers = {p.document_number for p in everything(admin, Person)}
    assert not numbers & {iw.ZHAO, iw.QIAN, iw.SUN}
    assert len(numbers) == 6  # four added, two on record


def test_importing_the_same_roster_again_adds_nothing(admin, roster_on_record, tmp_path):
    path = iw.messy_roster(tmp_path)
    im.apply_import(admin, imported(admin, "roster", path))
    before = row_counts(admin)

    again = imported(admin, "roster", path)

    assert again.counts()[RowOutcome.ADD] == again.counts()[RowOutcome.UPDATE] == 0
    assert again.counts()[RowOutcome.DUPLICATE] == 7
    im.apply_import(admin, again)
    after = row_counts(admin)
    assert after["person"] == before["person"]
    assert after["audit_entry"] == before["audit_entry"] + 1  # the import action only


def test_applying_a_preview_twice_adds_nothing_the_second_time(admin, tmp_path):
    preview = imported(admin, "roster", iw.messy_roster(tmp_path))
    first = im.apply_import(admin, preview)
    second = im.apply_import(admin, preview)

    assert first[RowOutcome.ADD] == 6
    assert second[RowOutcome.ADD] == 0 and second[RowOutcome.DUPLICATE] == 7
    assert len(everything(admin, Person)) == 6


def test_people_exported_with_write_sheet_import_back_as_they_were(admin, tmp_path):
    columns = [
        SheetColumn("name", "姓名"),
        SheetColumn("document_type", "证件类型"),
        SheetColumn("document_number", "证件号码", CellKind.IDENTIFIER),
        SheetColumn("gender", "性别"),
        SheetColumn("birth_date", "出生日期", CellKind.DATE),
        SheetColumn("phone", "手机号", CellKind.IDENTIFIER),
        SheetColumn("address", "住址"),
    ]
    people = [
        ["张三", "居民身份证", iw.ZHANG, "男", date(1990, 1, 1), "13812345678", "=北山新村"],
        ["𠮷田花子", "居民身份证", iw.LI, "女", date(1992, 3, 15), "", "金沙街道"],
        ["John Smith", "护照", iw.PASSPORT, "男", date(1970, 5, 4), "0513-86001234", ""],
    ]
    path = tmp_path / "人员.xlsx"
    write_sheet(path, "人员", columns, people, heading="来访人员（导出）")

    preview = imported(admin, "roster", path)
    assert preview.counts()[RowOutcome.ADD] == 3, reasons(preview)
    im.apply_import(admin, preview)

    stored = {
        p.document_number: [p.name, p.gender, p.birth_date, p.phone, p.address]
        for p in everything(admin, Person)
    }
    assert stored == {
        iw.ZHANG: ["张三", "male", date(1990, 1, 1), "13812345678", "=北山新村"],
        iw.LI: ["𠮷田花子", "female", date(1992, 3, 15), "", "金沙街道"],
        iw.PASSPORT: ["John Smith", "male", date(1970, 5, 4), "0513-86001234", ""],
    }
    # Exported again from the database, the same people are all duplicates.
    again = tmp_path / "again.xlsx"
    labels = {"male": "男", "female": "女"}
    write_sheet(
        again,
        "人员",
        columns,
        [
            [p.name, DocumentType(p.document_type).label, p.document_number, labels[p.gender]]
            + [p.birth_date, p.phone, p.address]
            for p in everything(admin, Person)
        ],
    )
    assert imported(admin, "roster", again).counts()[RowOutcome.DUPLICATE] == 3


# ---------------------------------------------------------------- risk areas


@pytest.fixture
def areas_on_record(admin):
    risk_areas.save_risk_area(
        admin, RiskAreaInput("无锡市梁溪区", RiskLevel.HIGH, date(2022, 8, 1)), note=""
    )
    risk_areas.save_risk_area(
        admin,
        RiskAreaInput("常州市天宁区", RiskLevel.MEDIUM, date(2022, 8, 2), date(2022, 8, 9)),
    )


def test_a_messy_risk_area_list_is_previewed_and_imported(admin, areas_on_record, tmp_path):
    preview = imported(admin, "risk_areas", iw.messy_risk_areas(tmp_path))

    assert outcomes(preview) == iw.AREAS_OUTCOMES
    why = reasons(preview)
    assert why[7] == "C7 风险等级：低风险地区不需要录入，本表只收中风险和高风险地区。"
    assert why[8] == "E8 解除日期：解除日期不能早于生效日期。"
    assert why[9] == "已有此地区，将更新备注。"

    im.apply_import(admin, preview)

    stored = {
        (a.name, a.level, a.effective_from, a.effective_to, a.note)
        for a in everything(admin, RiskArea)
    }
    assert stored == {
        ("上海市浦东新区张江镇", "high", date(2022, 8, 5), None, ""),
        ("北京市朝阳区望京街道", "medium", date(2022, 8, 5), date(2022, 8, 12), ""),
        ("广州市荔湾区中南街道", "medium", date(2022, 8, 6), date(2022, 8, 20), "按通报"),
        ("无锡市梁溪区", "high", date(2022, 8, 1), None, "已核实"),
        ("常州市天宁区", "medium", date(2022, 8, 2), date(2022, 8, 9), ""),
    }
    again = imported(admin, "risk_areas", iw.messy_risk_areas(tmp_path))
    assert again.counts() == {
        RowOutcome.ADD: 0,
        RowOutcome.UPDATE: 0,
        RowOutcome.DUPLICATE: 6,
        RowOutcome.REJECT: 2,
    }


def test_risk_areas_listed_by_the_program_import_into_a_fresh_database(admin, tmp_path):
    rows = [
        ["上海市浦东新区", RiskLevel.HIGH.label, date(2022, 8, 5), None, "通报第 12 号"],
        ["南京市江宁区禄口街道", RiskLevel.MEDIUM.label, date(2022, 7, 30), date(2022, 8, 6), ""],
    ]
    columns = [
        SheetColumn("name", "地区名称"),
        SheetColumn("level", "风险等级"),
        SheetColumn("from", "生效日期", CellKind.DATE),
        SheetColumn("to", "解除日期", CellKind.DATE),
        SheetColumn("note", "备注"),
    ]
    path = tmp_path / "areas.xlsx"
    write_sheet(path, "风险地区", columns, rows)

    im.apply_import(admin, imported(admin, "risk_areas", path))

    listed = [
        [a.name, a.level.label, a.effective_from, a.effective_to, a.note]
        for a in risk_areas.list_risk_areas(admin)
    ]
    assert sorted(listed, key=str) == sorted(rows, key=str)


# ---------------------------------------------------------------- compounds


def unit_id(context, name):
    return next(u.id for u in reference.list_units(context) if u.name == name)


def test_a_messy_compound_sheet_adds_compounds_and_their_buildings(admin, tmp_path):
    reference.save_compound(admin, unit_id(admin, "城东村"), CompoundInput("老街小区"))

    preview = imported(admin, "compounds", iw.messy_compounds(tmp_path))

    assert outcomes(preview) == iw.COMPOUNDS_OUTCOMES
    why = reasons(preview)
    assert why[4] == "新增小区、新增楼栋。"
    assert why[5] == "新增楼栋。"
    assert why[10].startswith("B10 社区/村：没有名为“不存在村”的社区/村（现有：北山社区")
    assert why[11] == "与第 4 行是同一条记录，但单元数不同，请核对后只保留一行。"
    assert why[13] == "更新小区地址。"
    assert why[14] == "G14 楼层数：楼层数应为整数，现在是“很多”。"

    im.apply_import(admin, preview)

    with admin.reading() as session:
        compounds = {
            (unit, name, address)
            for unit, name, address in session.execute(
                select(Unit.name, Compound.name, Compound.address).join(Unit)
            )
        }
        buildings = set(
            session.execute(
                select(
                    Compound.name, Building.name, Building.unit_count, Building.floor_count
                ).join(Compound)
            ).all()
        )
    assert compounds == {
        ("北山社区", "金沙新村", "人民路18号"),
        ("金余村", "余西小区", ""),
        ("金北村", "金北花园", "金北路1号"),
        ("城东村", "老街小区", "城东路5号"),
    }
    assert buildings == {
        ("金沙新村", "1幢", 2, 6),
        ("金沙新村", "2幢", 3, 6),
        ("金沙新村", "3幢", 2, 6),
        ("金北花园", "1栋", 1, 5),
    }
    again = imported(admin, "compounds", iw.messy_compounds(tmp_path))
    assert again.counts()[RowOutcome.ADD] == again.counts()[RowOutcome.UPDATE] == 0


def test_a_building_row_updates_the_counts_of_a_building_on_record(admin, tmp_path):
    preview = imported(admin, "compounds", iw.messy_compounds(tmp_path))
    im.apply_import(admin, preview)
    path = tmp_path / "more.xlsx"
    write_sheet(
        path,
        "楼栋",
        [SheetColumn(h, h) for h in ("社区/村", "小区名称", "楼栋", "单元数", "楼层数")],
        [["北山社区", "金沙新村", "1幢", 2, 7], ["北山社区", "金沙新村", "4幢", None, None]],
    )

    second = imported(admin, "compounds", path)

    assert outcomes(second) == {2: "update", 3: "add"}
    im.apply_import(admin, second)
    with admin.reading() as session:
        floors = dict(session.execute(select(Building.name, Building.floor_count)).all())
    assert floors["1幢"] == 7 and floors["4幢"] is None


# ---------------------------------------------------------------- match list


@pytest.fixture
def registered(admin, clock):
    """张三 twice at two checkpoints, 王五 once, and someone with the listed phone."""
    north = a_checkpoint(admin, "北山卡点")
    east = a_checkpoint(admin, "城东卡点")
    now = clock.now()

    def visit(checkpoint, when, **values):
        registration.register_visit(
            admin,
            VisitInput(checkpoint_id=checkpoint, visited_at=now - when, **values),
            confirm_duplicate=True,
        )

    visit(north, timedelta(days=3), document_number=iw.ZHANG, name="张三", origin="上海市")
    visit(east, timedelta(days=1), document_number=iw.ZHANG, name="张三", direction="out")
    visit(north, timedelta(hours=5), document_number=iw.WANG_18, name="王五")
    visit(
        east,
        timedelta(hours=2),
        document_number=iw.SUN,
        name="孙八",
        phone=iw.PHONE_ONLY,
        route=("苏州市", "无锡市"),
    )
    return now


def test_a_match_list_is_matched_against_the_registrations(admin, registered, tmp_path):
    before = row_counts(admin)
    preview = imported(admin, "match_list", iw.messy_match_list(tmp_path))

    assert outcomes(preview) == iw.MATCH_OUTCOMES
    assert preview.counts() == {
        RowOutcome.FOUND: 4,
        RowOutcome.NOT_FOUND: 1,
        RowOutcome.DUPLICATE: 1,
        RowOutcome.REJECT: 2,
    }
    why = reasons(preview)
    assert why[4].startswith("登记 2 次，最近一次 ")
    assert why[8].startswith("登记 1 次")
    assert why[11] == "C11 证件号码：证件号码和手机号至少填写一项。"
    assert "校验位不符" in why[9]
    mistyped = next(row for row in preview.rows if row.number == 12)
    assert mistyped.warnings == (
        "手机号有误（手机号码应为 11 位，现在是 7 位），只按证件号码比对。",
    )

    counts = im.apply_import(admin, preview)  # writes no record, only the audit action

    assert counts == preview.counts()
    after = row_counts(admin)
    assert {k: v for k, v in after.items() if k not in ("audit_entry", "setting")} == {
        k: v for k, v in before.items() if k not in ("audit_entry", "setting")
    }


def test_the_match_report_lists_every_visit_of_each_listed_person(admin, registered, tmp_path):
    preview = imported(admin, "match_list", iw.messy_match_list(tmp_path))
    path = tmp_path / "比对结果.xlsx"

    report = match_report(admin, preview, path)

    by_row = {entry.row_number: entry for entry in report.entries}
    assert sorted(by_row) == [4, 5, 6, 8, 12]
    zhang = by_row[4]
    assert [v.checkpoint for v in zhang.visits] == ["北山卡点", "城东卡点"]
    assert [v.direction for v in zhang.visits] == ["in", "out"]
    assert zhang.visits[0].origin == "上海市"
    assert zhang.visits[0].visited_at == registered - timedelta(days=3)
    assert zhang.document_number == iw.ZHANG[:6] + "********" + iw.ZHANG[-4:]
    assert zhang.matched_by == "证件号码"
    assert [v.checkpoint for v in by_row[6].visits] == ["北山卡点"]  # 15-digit listed number
    assert by_row[8].matched_by == "手机号" and by_row[8].visits[0].person_name == "孙八"
    assert by_row[8].visits[0].route == ("苏州市", "无锡市")
    assert not by_row[5].found
    assert [e.row_number for e in report.not_found] == [5]

    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("协查名单比对结果")
    assert rows[1][:6] == ("名单行号", "名单姓名", "证件号码", "手机号", "名单备注", "比对结果")
    data = rows[2:]
    assert [(r[0], r[5], r[8]) for r in data] == [
        (4, "有登记（按证件号码）", "北山卡点"),
        (4, "有登记（按证件号码）", "城东卡点"),
        (5, "无登记", None),
        (6, "有登记（按证件号码）", "北山卡点"),
        (8, "有登记（按手机号）", "城东卡点"),
        (12, "有登记（按证件号码）", "城东卡点"),
    ]
    assert data[0][2] == zhang.document_number and data[1][9] == "出"
    # the registration's columns are the visit declaration's (domain/visit.py VISIT)
    visit_headers = ("登记时间", "卡点", "进/出", "来自何处", "途经地", "前往地点")
    assert rows[1][6:] == ("登记姓名", *visit_headers)
    assert data[4][11] == "苏州市、无锡市" and isinstance(data[0][7], datetime)
    assert all(iw.ZHANG not in str(value) for r in data for value in r)
    exported = audit_entries(admin, action="export")
    assert exported and "有登记 4 人" in exported[-1].summary


def test_a_full_match_report_needs_a_role_that_may_see_full_data(admin, registered, tmp_path):
    preview = imported(admin, "match_list", iw.messy_match_list(tmp_path))

    full = match_report(admin, preview, full=True)

    assert full.entries[0].document_number == iw.ZHANG
    assert audit_entries(admin, action="view_full")[-1].summary.endswith("完整证件号码和手机号")
    volunteer = logged_in_as(admin, "volunteer", Role.CHECKPOINT)
    with pytest.raises(PermissionDenied):
        match_report(volunteer, preview, full=True)
    with pytest.raises(PermissionDenied):  # writing the report is an export
        match_report(volunteer, preview, tmp_path / "report.xlsx")
    assert not (tmp_path / "report.xlsx").exists()
    masked = match_report(volunteer, preview)
    assert masked.entries[0].document_number != iw.ZHANG


# ---------------------------------------------------------------- templates


@pytest.mark.parametrize("name", ["roster", "match_list"])
def test_a_persons_columns_are_the_person_declarations(name):
    """The heading and cell kind of every person column come from PERSON, so a people list
    exported and a roster imported name a column the same way."""
    person_keys = set(PERSON.keys())
    columns = [f for f in importer_of(name).fields if f.key in person_keys]
    assert len(columns) >= 4
    for column in columns:
        declared = PERSON.field(column.key)
        assert (column.label, column.kind) == (declared.header, declared.kind)


@pytest.mark.parametrize("name", sorted(IMPORTERS))
def test_each_template_has_the_importer_headers_and_drop_downs(admin, tmp_path, name):
    importer = importer_of(name)
    path = tmp_path / f"{name}.xlsx"

    import_files.write_import_template(importer, path, admin)

    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers == [f.label + ("*" if f.required else "") for f in importer.fields]
    lists = {
        str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"
    }
    with_choices = [f for f in importer.fields if f.choices or importer.choices(admin).get(f.key)]
    assert len(lists) == len(with_choices) > 0
    letters = {openpyxl.utils.get_column_letter(importer.fields.index(f) + 1) for f in with_choices}
    assert {ref[0] for ref in lists} == letters


def test_template_drop_downs_come_from_the_code_and_the_database(admin, tmp_path):
    reference.save_unit(admin, UnitInput("新建村", UnitKind.VILLAGE))
    path = tmp_path / "roster.xlsx"
    import_files.write_import_template(importer_of("roster"), path)
    checks = openpyxl.load_workbook(path).active.data_validations.dataValidation
    formulas = [v.formula1 for v in checks]
    assert '"居民身份证,护照,港澳居民来往内地通行证,台湾居民来往大陆通行证,其他证件"' in formulas
    assert '"男,女"' in formulas

    path = tmp_path / "compounds.xlsx"
    import_files.write_import_template(importer_of("compounds"), path, admin)
    first = openpyxl.load_workbook(path).active.data_validations.dataValidation[0]
    assert "新建村" in first.formula1 and "北山社区" in first.formula1


def test_a_filled_in_template_imports(admin, tmp_path):
    path = tmp_path / "模板.xlsx"
    import_files.write_import_template(importer_of("risk_areas"), path)
    book = openpyxl.load_workbook(path)
    book.active.append(["上海市浦东新区", "高风险", date(2022, 8, 5), None, "第 1 号通报"])
    book.save(path)

    preview = imported(admin, "risk_areas", path)

    assert outcomes(preview) == {2: "add"}
    im.apply_import(admin, preview)
    assert [a.name for a in everything(admin, RiskArea)] == ["上海市浦东新区"]


def test_an_unknown_importer_lists_the_known_ones():
    with pytest.raises(ValidationError) as raised:
        importer_of("people")
    assert "roster（来访人员名单）" in raised.value.message
    assert importer_of("协查名单").name == "match_list"


def test_a_check_point_volunteer_may_match_but_not_import_people(admin, tmp_path):
    volunteer = logged_in_as(admin, "volunteer", Role.CHECKPOINT)
    with pytest.raises(PermissionDenied):
        imported(volunteer, "roster", iw.messy_roster(tmp_path))
    assert imported(volunteer, "match_list", iw.messy_match_list(tmp_path)).rows
