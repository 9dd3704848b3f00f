"""The inspections list page (gui/pages/inspections/inspections_page.py), driven like a user would:
the module's first tab, filters by state, Enter opens an inspection, Delete removes a draft
(asking why) and refuses a submitted one, who sees which buttons, the export, the page fits
the screen in the main window."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from jinsha_desktop.domain.inspections import InspectionStatus
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.gui.context import GuiContext
from tests.gui.conftest import when_dialog_opens
from tests.gui.fit_checks import clipped, too_large
from tests.gui.window_walk import (  # noqa: F401  (fixtures)
    demo_gui,
    demo_template,
    fit_on_screen,
    interface,
)
from tests.unit.support import logged_in_as

inspections = pytest.importorskip(
    "jinsha_desktop.services.inspections", reason="owner B: not in yet"
)
inspection_input = pytest.importorskip("jinsha_desktop.domain.inspection_input")

from jinsha_desktop.gui.dialogs.inspection_dialog import InspectionDialog  # noqa: E402
from jinsha_desktop.gui.pages.inspections.inspections_module import (  # noqa: E402
    InspectionsModule,
)
from jinsha_desktop.gui.pages.inspections.inspections_page import InspectionsPage  # noqa: E402
from jinsha_desktop.services import reference  # noqa: E402
from tests.gui.test_inspection_dialog import a_checklist, a_submitted_inspection  # noqa: E402

PAGE = "jinsha_desktop.gui.pages.inspections.inspections_page:InspectionsPage"


def a_page(qtbot, gui: GuiContext) -> InspectionsPage:
    page = InspectionsPage(gui)
    qtbot.addWidget(page)
    page.resize(1300, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def as_role(gui: GuiContext, role: Role) -> GuiContext:
    user = logged_in_as(gui.services, f"user_{role.value}", role)
    return GuiContext(user, gui.opened, gui.config, gui.config_path, gui.prompts)


@pytest.fixture
def two(gui: GuiContext):  # type: ignore[no-untyped-def]
    """A submitted inspection and a draft of the same checklist."""
    admin = gui.services
    template_id = a_checklist(admin)
    submitted = a_submitted_inspection(admin, template_id)
    unit = reference.list_units(admin)[1]
    today = admin.clock.now().astimezone().date()
    draft = inspections.new_inspection(
        admin, inspection_input.InspectionInput(template_id, unit.id, today, place="村口")
    )
    return submitted, draft


def shown_ids(page: InspectionsPage) -> list:  # type: ignore[type-arg]
    return [page.model.row_at(n).id for n in range(page.model.rowCount())]


def test_the_module_shows_the_inspections_tab_first(qtbot, gui: GuiContext, two):
    module = InspectionsModule(gui)
    qtbot.addWidget(module)
    page = module.page(PAGE)
    assert isinstance(page, InspectionsPage) and module.currentIndex() == 0
    assert sorted(shown_ids(page)) == sorted(two)


def test_the_state_filter_shows_drafts_or_submitted_ones(qtbot, gui: GuiContext, two):
    submitted, draft = two
    page = a_page(qtbot, gui)
    combo = page.form.status_filter
    combo.setCurrentIndex(combo.findData(InspectionStatus.DRAFT.value))
    qtbot.waitUntil(lambda: shown_ids(page) == [draft])
    combo.setCurrentIndex(combo.findData(InspectionStatus.SUBMITTED.value))
    qtbot.waitUntil(lambda: shown_ids(page) == [submitted])


def test_enter_opens_the_chosen_inspection(qtbot, gui: GuiContext, two):
    submitted, _draft = two
    page = a_page(qtbot, gui)
    page.form.table.setFocus()
    page.form.table.selectRow(shown_ids(page).index(submitted))
    seen: list = []  # type: ignore[type-arg]
    when_dialog_opens(lambda dialog: seen.append((type(dialog), dialog.detail.id)))
    qtbot.keyClick(page.form.table, Qt.Key.Key_Return)
    assert seen == [(InspectionDialog, submitted)]


def test_delete_removes_a_draft_after_asking_why_and_refuses_a_submitted_one(
    qtbot, gui: GuiContext, two
):
    submitted, draft = two
    page = a_page(qtbot, gui)
    table = page.form.table
    table.setFocus()
    table.selectRow(shown_ids(page).index(submitted))
    gui.prompts.text_answers.append("填错了")
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert gui.prompts.texts("warn")  # a submitted inspection is corrected, never deleted
    assert submitted in shown_ids(page)

    table.selectRow(shown_ids(page).index(draft))
    gui.prompts.text_answers.append("重复录入")
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert shown_ids(page) == [submitted]
    page.model.refresh()
    qtbot.waitUntil(lambda: shown_ids(page) == [submitted])


def test_a_viewer_sees_no_new_or_delete_button(qtbot, gui: GuiContext, two):
    page = a_page(qtbot, as_role(gui, Role.VIEWER))
    assert not page.form.new_button.isVisible() and not page.form.delete_button.isVisible()
    assert page.form.open_button.isVisible() and page.model.rowCount() == 2


def test_export_writes_the_inspections_found(qtbot, gui: GuiContext, two, tmp_path: Path):
    page = a_page(qtbot, gui)
    gui.prompts.save_path = tmp_path / "inspections.xlsx"
    assert page.export()
    qtbot.waitUntil(lambda: page.exporter.result is not None, timeout=20_000)
    sheet = openpyxl.load_workbook(gui.prompts.save_path).active
    assert sheet.max_row == 1 + 2


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_page_fits_the_main_window_at_the_largest_size(qapp, demo_gui, language):  # noqa: F811
    """The module's first tab (this page) in the main window as a laptop shows it."""
    from PySide6.QtWidgets import QApplication

    from jinsha_desktop.gui.windows.main_window import MainWindow

    with interface(language, "xlarge") as families:
        window = MainWindow(demo_gui(families), "北山社区卡点 1 号机")
        try:
            fit_on_screen(window)
            row = next(n for n, m in enumerate(window.modules) if m.key == "inspections")
            window.form.navigation.setCurrentRow(row)
            QApplication.processEvents()
            assert window.findChild(InspectionsPage) is not None
            assert too_large(window) + clipped(window) == []
        finally:
            window.close()
            window.deleteLater()
