"""Export… on the lists: what the list shows goes to Excel, in a worker, and is audited."""

from __future__ import annotations

from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.gui.pages.admin.audit_page import AuditPage
from jinsha_desktop.gui.pages.admin.reference_page import ReferencePage
from jinsha_desktop.gui.pages.checkpoint.people_page import PeoplePage
from tests.gui.conftest import type_text
from tests.gui.test_visits_page import column_of, open_page, visits  # noqa: F401 (fixture)
from tests.unit.support import audit_entries, logged_in_as


def exported(qtbot: Any, owner: Any, start: Any) -> list[list[Any]]:
    assert start()
    qtbot.waitUntil(lambda: owner.exporter.job is None, timeout=20000)
    result = owner.exporter.result
    assert result is not None
    sheet = load_workbook(result.path).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_visits_export_keeps_the_search_filters_and_sort(qtbot, gui, visits, tmp_path):  # noqa: F811
    page = open_page(qtbot, gui)
    page.form.table.sortByColumn(column_of(page, "person_name"), Qt.SortOrder.AscendingOrder)
    page.form.checkpoint.setCurrentIndex(page.form.checkpoint.findText("北山社区1号卡点"))
    gui.prompts.save_path = tmp_path / "来访"
    rows = exported(qtbot, page, page.export)
    assert (tmp_path / "来访.xlsx").exists()
    names = [row[rows[0].index("姓名")] for row in rows[1:]]
    assert names == [row.person_name for row in page.model.rows()] == sorted(["张伟", "𠮷祥"])
    assert all("****" in row[rows[0].index("证件号码")] for row in rows[1:])
    assert any("2 rows" in t or "2 行" in t for t in gui.prompts.texts("info"))
    assert audit_entries(gui.services, action="export")


def test_no_file_no_export(qtbot, gui, visits):  # noqa: F811
    page = open_page(qtbot, gui)
    gui.prompts.save_path = None
    assert not page.export()
    assert not audit_entries(gui.services, action="export")


def test_people_export_the_people_found(qtbot, gui, visits, tmp_path):  # noqa: F811
    page = PeoplePage(gui)
    qtbot.addWidget(page)
    type_text(qtbot, page.form.search, "张")
    page.search()
    gui.prompts.save_path = tmp_path / "people.xlsx"
    rows = exported(qtbot, page, page.export)
    assert [row[0] for row in rows[1:]] == ["张伟"]


def test_a_small_list_exports_what_its_search_shows(qtbot, gui, tmp_path):
    page = ReferencePage(gui)
    qtbot.addWidget(page)
    panel = page.units
    assert panel.form.export_button.isVisibleTo(panel)
    first = panel.model.rows()[0].name
    panel.form.search.setText(first)
    gui.prompts.save_path = tmp_path / "units.xlsx"
    rows = exported(qtbot, panel, panel.export_shown)
    assert rows[0][0] == panel.model.columns[0].header
    assert [row[0] for row in rows[1:]] == [first]


def test_the_audit_log_exports_its_entries(qtbot, gui, tmp_path):
    page = AuditPage(gui)
    qtbot.addWidget(page)
    page.refresh()
    gui.prompts.save_path = tmp_path / "audit.xlsx"
    rows = exported(qtbot, page, lambda: page.form.export_button.click() or True)
    assert len(rows) - 1 == page.model.rowCount() > 0


def test_roles_that_may_not_export_see_no_button(qtbot, gui, admin):
    gui.services = logged_in_as(admin, "volunteer", Role.CHECKPOINT)
    page = ReferencePage(gui)
    qtbot.addWidget(page)
    assert not page.units.form.export_button.isVisibleTo(page.units)
