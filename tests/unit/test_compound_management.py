"""A compound managed by a property company (有物业) or not: the rule, the service, and the
compounds importer's optional 有物业 / 物业公司 columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from jinsha_desktop.db.reference_models import Compound
from jinsha_desktop.domain.errors import FormErrors, ValidationError
from jinsha_desktop.domain.imports import parse_yes_no
from jinsha_desktop.domain.reference import CompoundInput
from jinsha_desktop.reports import import_files
from jinsha_desktop.reports.xlsx_writing import SheetColumn, write_sheet
from jinsha_desktop.services import imports as im
from jinsha_desktop.services import reference
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.imports import RowOutcome, importer_of


def test_a_company_is_named_only_for_a_managed_compound():
    managed = CompoundInput("金沙花苑", managed=True, property_company=" 通州物业 ").cleaned()
    assert (managed.managed, managed.property_company) == (True, "通州物业")
    assert CompoundInput("老街小区", managed=True).cleaned().property_company == ""

    with pytest.raises(FormErrors) as raised:
        CompoundInput("老街小区", property_company="通州物业").cleaned()
    assert [(e.field, e.message) for e in raised.value.errors] == [
        ("property_company", "填写物业公司前，请先勾选“有物业公司管理”。")
    ]
    with pytest.raises(FormErrors, match="物业公司不能超过 60 个字"):
        CompoundInput("老街小区", managed=True, property_company="物" * 61).cleaned()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("是", True), ("有", True), (" √ ", True), ("YES", True), (True, True), (1, True)]
    + [("否", False), ("无", False), ("×", False), ("no", False), (False, False), (0, False)]
    + [(None, None), ("  ", None)],
)
def test_yes_or_no_as_offices_write_it(cell: object, expected: bool | None):
    assert parse_yes_no(cell, "有物业", "managed") is expected


def test_an_unreadable_yes_or_no_is_refused():
    with pytest.raises(ValidationError, match="有物业“大概”无法识别，请填写“是”或“否”。"):
        parse_yes_no("大概", "有物业", "managed")


def _unit(admin: AppContext, name: str = "北山社区") -> object:
    return next(u.id for u in reference.list_units(admin) if u.name == name)


def test_the_flag_and_company_are_saved_listed_and_changed(admin: AppContext):
    unit = _unit(admin)
    data = CompoundInput("金沙花苑", managed=True, property_company="通州物业")
    compound_id = reference.save_compound(admin, unit, data)  # type: ignore[arg-type]
    [row] = reference.list_compounds(admin)
    assert (row.managed, row.property_company, row.managed_by) == (True, "通州物业", "通州物业")

    plain = CompoundInput("金沙花苑", managed=True)
    reference.save_compound(admin, unit, plain, compound_id, row.version)  # type: ignore[arg-type]
    [row] = reference.list_compounds(admin)
    assert (row.managed, row.managed_by) == (True, "有物业")
    reference.save_compound(admin, unit, CompoundInput("金沙花苑"), compound_id, row.version)  # type: ignore[arg-type]
    [row] = reference.list_compounds(admin)
    assert (row.managed, row.managed_by) == (False, "")


HEADINGS = ("社区/村", "小区名称", "楼栋", "有物业", "物业公司")


def _imported(admin: AppContext, path: Path, rows: list[list[object]]) -> im.ImportPreview:
    write_sheet(path, "小区", [SheetColumn(h, h) for h in HEADINGS], rows)
    importer = importer_of("compounds")
    table = import_files.read_for_import(admin, importer, path)
    mapping = im.remembered_mapping(admin, importer, table)
    return im.preview_import(admin, importer, table, mapping, path=path)


def _management(admin: AppContext) -> dict[str, tuple[bool, str]]:
    with admin.reading() as session:
        rows = session.execute(select(Compound.name, Compound.managed, Compound.property_company))
        return {name: (managed, company) for name, managed, company in rows}


def test_the_importer_reads_the_optional_management_columns(admin: AppContext, tmp_path: Path):
    reference.save_compound(admin, _unit(admin), CompoundInput("老街小区"))  # type: ignore[arg-type]
    preview = _imported(
        admin,
        tmp_path / "a.xlsx",
        [
            ["北山社区", "金沙花苑", "1幢", "", "通州物业"],  # a company named: managed
            ["北山社区", "人民新村", "", "否", ""],
            ["北山社区", "老街小区", "", "是", ""],  # on record: updated
            ["北山社区", "新苑", "", "否", "某物业"],  # contradicts itself
            ["北山社区", "东苑", "", "大概", ""],
        ],
    )

    assert {row.number: row.outcome for row in preview.rows} == {
        2: RowOutcome.ADD,
        3: RowOutcome.ADD,
        4: RowOutcome.UPDATE,
        5: RowOutcome.REJECT,
        6: RowOutcome.REJECT,
    }
    reasons = {row.number: row.reason for row in preview.rows}
    assert reasons[4] == "更新物业信息。"
    assert "请先勾选“有物业公司管理”" in reasons[5]
    assert "有物业“大概”无法识别" in reasons[6]
    im.apply_import(admin, preview)
    assert _management(admin) == {
        "金沙花苑": (True, "通州物业"),
        "人民新村": (False, ""),
        "老街小区": (True, ""),
    }

    again = _imported(
        admin,
        tmp_path / "b.xlsx",
        [
            ["北山社区", "金沙花苑", "", "", ""],  # empty cells change nothing
            ["北山社区", "人民新村", "", "是", "金沙物业"],
            ["北山社区", "老街小区", "", "是", ""],  # the same: a duplicate
        ],
    )
    assert [row.outcome for row in again.rows] == [
        RowOutcome.DUPLICATE,
        RowOutcome.UPDATE,
        RowOutcome.DUPLICATE,
    ]
    im.apply_import(admin, again)
    assert _management(admin)["人民新村"] == (True, "金沙物业")
    assert _management(admin)["金沙花苑"] == (True, "通州物业")
