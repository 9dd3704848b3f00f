"""The Excel import screen: workbook read in a worker, mapping shown and correctable, preview,
import, rejected rows and templates saved — checked against the database and the files."""

from __future__ import annotations

from typing import Any

from openpyxl import load_workbook

from jinsha_desktop.gui.pages.ledgers.import_page import ImportPage
from jinsha_desktop.gui.pages.ledgers.ledgers_module import LedgersModule
from jinsha_desktop.services import imports as im
from jinsha_desktop.services.imports import RowOutcome, importer_of
from jinsha_desktop.services.risk_areas import list_risk_areas
from tests.reports import import_workbooks as iw
from tests.reports import messy_workbooks as mw
from tests.unit.support import audit_entries, resident_id


def open_page(qtbot: Any, gui: Any, importer: str) -> ImportPage:
    page = ImportPage(gui)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.form.importer.setCurrentIndex(page.form.importer.findData(importer))
    return page


def idle(qtbot: Any, page: ImportPage) -> None:
    qtbot.waitUntil(lambda: page.job is None, timeout=30000)


def read(qtbot: Any, page: ImportPage, path: Any) -> None:
    page.gui.prompts.open_path = path
    page.form.choose_file_button.click()
    idle(qtbot, page)


def test_a_messy_risk_area_list_is_previewed_and_imported(qtbot, gui, tmp_path):
    path = iw.messy_risk_areas(tmp_path)
    page = open_page(qtbot, gui, "risk_areas")
    read(qtbot, page, path)
    assert page.table is not None and page.table.header_row == 2
    mapped = {box.currentData() for box in page.mapping_boxes}
    assert {"name", "level", "effective_from", "effective_to"} <= mapped
    page.form.preview_button.click()
    idle(qtbot, page)
    expected = im.preview_import(
        gui.services, importer_of("risk_areas"), page.table, page.mapping()
    ).counts()
    assert page.preview is not None and page.preview.counts() == expected
    assert page.model.rowCount() == len(page.preview.rows)
    assert page.form.counts.text() == page.counts_text(expected)
    assert page.form.errors_button.isEnabled() == (expected[RowOutcome.REJECT] > 0)
    page.form.import_button.click()
    idle(qtbot, page)
    names = {area.name for area in list_risk_areas(gui.services)}
    assert "上海市浦东新区张江镇" in names and "北京市朝阳区望京街道" in names
    assert audit_entries(gui.services, action="import")
    # the same file again: nothing new
    read(qtbot, page, path)
    page.form.preview_button.click()
    idle(qtbot, page)
    counts = page.preview.counts()
    assert counts[RowOutcome.ADD] == 0 and counts[RowOutcome.UPDATE] == 0


def test_rejected_rows_are_saved_for_the_sender(qtbot, gui, tmp_path):
    page = open_page(qtbot, gui, "roster")
    read(qtbot, page, iw.messy_roster(tmp_path))
    page.form.preview_button.click()
    idle(qtbot, page)
    rejected = page.preview.counts()[RowOutcome.REJECT]
    assert rejected > 0
    gui.prompts.save_path = tmp_path / "错误行"
    page.form.errors_button.click()
    idle(qtbot, page)
    sheet = load_workbook(tmp_path / "错误行.xlsx").worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert "错误原因" in rows[0] and len(rows) - 1 == rejected


def test_a_real_roster_imports_its_good_rows_then_saves_the_rejected_ones(qtbot, gui, tmp_path):
    """Formula columns read from their saved values, numbered empty rows and the footer left
    out, an ID stored as a number shown as digits; after importing the good rows the rejected
    one can still be saved for the sender."""
    people = [
        ("张三", resident_id(sequence=123), "13812345678", "12号"),
        ("李四", 3.20681198802032e17, "13912345678", "14号"),
        ("王五", resident_id(sequence=125), "13712345678", "16号"),
    ]
    path = mw.real_roster(tmp_path / "名单.xlsx", people, numbered_to=20)
    page = open_page(qtbot, gui, "roster")
    read(qtbot, page, path)
    assert [row.number for row in page.table.rows] == [3, 4, 5]
    examples = [
        page.form.mapping_grid.itemAtPosition(n, 2).widget().text()
        for n in range(len(page.mapping_boxes))
    ]
    assert "320681198802032000" in examples[2] and "e+17" not in " ".join(examples)
    assert examples[3].startswith(page.tr("(formula values) %1").replace("%1", ""))
    page.form.preview_button.click()
    idle(qtbot, page)
    assert page.preview.counts()[RowOutcome.REJECT] == 1
    details = page.model.index(0, 2).data()
    assert "性别" in details and "公式" in details
    page.form.import_button.click()
    idle(qtbot, page)
    assert page.preview is None and not page.form.import_button.isEnabled()
    assert page.form.errors_button.isEnabled()
    gui.prompts.save_path = tmp_path / "错误行"
    page.form.errors_button.click()
    idle(qtbot, page)
    rows = list(load_workbook(tmp_path / "错误行.xlsx").worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1] == "李四" and rows[1][2] == "320681198802032000"


def test_a_column_left_out_that_is_required_is_named(qtbot, gui, tmp_path):
    page = open_page(qtbot, gui, "roster")
    read(qtbot, page, iw.messy_roster(tmp_path))
    for box in page.mapping_boxes:
        if box.currentData() == "document_number":
            box.setCurrentIndex(0)  # not imported
    page.form.preview_button.click()
    assert page.preview is None and page.job is None
    assert any("证件号码" in text for text in gui.prompts.texts("warn"))


def test_a_broken_file_gets_a_message_and_changes_nothing(qtbot, gui, tmp_path):
    bad = tmp_path / "名单.xlsx"
    bad.write_text("这不是 Excel 文件", encoding="utf-8")
    page = open_page(qtbot, gui, "roster")
    read(qtbot, page, bad)
    assert page.table is None
    assert any("Excel" in text for text in gui.prompts.texts("warn"))


def test_a_template_has_the_importers_columns(qtbot, gui, tmp_path):
    page = open_page(qtbot, gui, "risk_areas")
    gui.prompts.save_path = tmp_path / "模板.xlsx"
    page.form.template_button.click()
    sheet = load_workbook(tmp_path / "模板.xlsx").worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert any(str(h).startswith("地区名称") for h in headers)
    assert sheet.data_validations.dataValidation


def test_the_module_holds_ledgers_and_imports(qtbot, gui):
    module = LedgersModule(gui)
    qtbot.addWidget(module)
    assert module.count() == 2


def test_the_import_screen_looks_right(qtbot, gui, tmp_path):
    page = open_page(qtbot, gui, "roster")
    read(qtbot, page, iw.messy_roster(tmp_path))
    page.form.preview_button.click()
    idle(qtbot, page)
    qtbot.waitUntil(lambda: page.preview is not None and page.model.rowCount() > 0)
    image = page.grab()
    image.save(str(tmp_path / "import-page.png"))
    assert image.width() >= 1100


def test_a_broken_remembered_mapping_is_set_aside_and_the_screen_says_so(qtbot, gui, tmp_path):
    import json

    from openpyxl import Workbook

    from jinsha_desktop.services.settings import write_setting

    with gui.services.uow() as session:  # what two "姓名" columns once left behind
        write_setting(session, "import_mapping:roster", json.dumps({"姓名": ""}))
    workbook = Workbook()
    workbook.active.append(["姓名", "身份证号码"])
    workbook.active.append(["张三", resident_id(sequence=5)])
    workbook.save(tmp_path / "名单.xlsx")

    page = open_page(qtbot, gui, "roster")
    read(qtbot, page, tmp_path / "名单.xlsx")

    assert [box.currentData() for box in page.mapping_boxes] == ["name", "document_number"]
    assert "上次记住的列对应" in page.form.counts.text()
    page.form.preview_button.click()
    idle(qtbot, page)
    assert page.preview is not None and page.preview.counts()[RowOutcome.ADD] == 1


def test_property_staff_are_offered_only_the_importers_they_may_run(qtbot, gui):
    from jinsha_desktop.domain.permissions import Role
    from tests.unit.support import logged_in_as

    admin = gui.services
    gui.services = logged_in_as(admin, "wuguan", Role.PROPERTY)
    module = LedgersModule(gui)
    qtbot.addWidget(module)

    combo = module.imports.form.importer
    offered = [combo.itemData(n) for n in range(combo.count())]
    assert offered == ["surveys"]  # no roster, match list, risk areas or compounds
    assert module.count() == 2 and module.imports.importer is importer_of("surveys")
    gui.services = admin
    everything = LedgersModule(gui)
    qtbot.addWidget(everything)
    assert everything.imports.form.importer.count() == len(im.IMPORTERS)
