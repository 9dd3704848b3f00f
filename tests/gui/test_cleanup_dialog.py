"""The clean-up form and list driven as a person does (issue 13: "a clean-up with a photo"):
keys for the choices and the typing, a photo added, Ctrl+S; then the database is asked. A bad
count is refused next to its field with nothing saved; editing keeps the photos; a deleted
clean-up leaves the list with its reason kept; the form and the list fit a 1366×768 screen at
every interface size in both languages."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jinsha_desktop.db.repair_models import Cleanup
from jinsha_desktop.domain.cleanups import CleanupInput
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.reference import BuildingInput, CompoundInput
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.cleanup_dialog import CleanupDialog
from jinsha_desktop.gui.pages.repairs.cleanups_page import CleanupsPage
from jinsha_desktop.services import photos, reference
from jinsha_desktop.services.cleanups import cleanup_for_edit, cleanups_page, record_cleanup
from jinsha_desktop.services.repair_catalogue import list_cleanup_categories
from tests.gui.conftest import type_text, when_dialog_opens
from tests.gui.fit_checks import clipped, too_large
from tests.gui.window_walk import LANGUAGES, SIZES, interface
from tests.unit.support import logged_in_as


def jpeg(folder: Path, name: str, colour: str) -> Path:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(out, "JPEG", quality=90)
    path = folder / name
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture
def place(gui: GuiContext) -> Any:
    """北山社区 (the first unit) › 北山新村 › 3号楼."""
    unit = reference.list_units(gui.services)[0]
    compound = reference.save_compound(gui.services, unit.id, CompoundInput("北山新村"))
    building = reference.save_building(gui.services, compound, BuildingInput("3号楼", 4, 6))
    return unit.id, compound, building


def list_page(qtbot: Any, gui: GuiContext) -> CleanupsPage:
    page = CleanupsPage(gui)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def down(qtbot: Any, widget: Any, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, Qt.Key.Key_Down)


def test_a_clean_up_with_a_photo_is_typed_with_keys_and_saved(qtbot, gui, prompts, place, tmp_path):
    page = list_page(qtbot, gui)
    prompts.open_paths = [jpeg(tmp_path, "after.jpg", "green")]
    seen: dict[str, Any] = {}

    def fill(dialog: CleanupDialog) -> None:
        form = dialog.form
        assert dialog.focusWidget() is form.unit_id  # the form opens where reading starts
        down(qtbot, form.unit_id)  # 北山社区
        qtbot.keyClick(form.unit_id, Qt.Key.Key_Return)  # Enter moves on
        assert dialog.focusWidget() is form.compound_id
        down(qtbot, form.compound_id)  # 北山新村
        qtbot.keyClick(form.compound_id, Qt.Key.Key_Tab)
        down(qtbot, form.building_id)  # 3号楼
        qtbot.keyClick(form.building_id, Qt.Key.Key_Tab)
        type_text(qtbot, form.place, "北侧楼道")
        qtbot.keyClick(form.place, Qt.Key.Key_Return)
        down(qtbot, form.category_id, 5)  # the fifth category: 停车位施划, counted in 个
        seen["measure"] = form.measure.text()
        qtbot.keyClick(form.category_id, Qt.Key.Key_Tab)
        assert dialog.focusWidget() is form.count
        form.count.selectAll()
        qtbot.keyClicks(form.count, "12")
        for _ in range(3):  # Enter: past the date (today) and the campaign (none)
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        assert dialog.focusWidget() is form.cadres
        qtbot.keyClicks(form.cadres, "2")
        qtbot.keyClick(form.cadres, Qt.Key.Key_Tab)
        qtbot.keyClicks(form.urban_officers, "3")
        qtbot.keyClick(form.urban_officers, Qt.Key.Key_Tab)
        qtbot.keyClick(form.property_staff, Qt.Key.Key_Tab)
        qtbot.keyClicks(form.volunteers, "6")
        qtbot.keyClick(form.volunteers, Qt.Key.Key_Tab)
        type_text(qtbot, form.note, "东门划线")
        dialog.after.add_button.click()  # chosen from the computer (prompts answer)
        qtbot.waitUntil(lambda: len(dialog.after.pending()) == 1)
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(fill)
    qtbot.keyClick(page.form.new_button, Qt.Key.Key_Space)

    assert seen["measure"] == "个"
    [row] = cleanups_page(gui.services)
    assert (row.compound_name, row.place, row.category, row.count) == (
        "北山新村",
        "3号楼 北侧楼道",
        "停车位施划",
        12,
    )
    assert (row.participants, row.photos.count, row.note) == ("干部2 城管3 志愿者6", 1, "东门划线")
    assert row.done_on == gui.services.clock.now().astimezone().date()
    [photo] = cleanup_for_edit(gui.services, row.id).photos
    assert photo.role == "after" and photo.path.is_file() and not photo.missing
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # the list shows it


def test_a_bad_count_is_refused_next_to_its_field_and_nothing_is_saved(qtbot, gui, place):
    page = list_page(qtbot, gui)
    seen: dict[str, Any] = {}

    def fill(dialog: CleanupDialog) -> None:
        form = dialog.form
        form.count.selectAll()
        qtbot.keyClicks(form.count, "0")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        seen.update(
            count=form.count_error.text(),
            category=form.category_id_error.text(),
            compound=form.compound_id_error.text(),
            focus=dialog.focusWidget() is form.unit_id,
            open=dialog.isVisible(),
        )

    when_dialog_opens(fill)
    page.new_cleanup()

    assert seen == {
        "count": "数量至少为 1。",
        "category": "请选择整治类别。",
        "compound": "请选择小区。",
        "focus": True,  # the first bad field in reading order: no community chosen yet
        "open": True,
    }
    assert cleanups_page(gui.services) == []


def a_saved_clean_up(gui: GuiContext, place: Any, tmp_path: Path) -> Any:
    _unit, compound, building = place
    category = list_cleanup_categories(gui.services)[0]
    before = photos.store_photo(photos.photo_folder(gui.services), jpeg(tmp_path, "b.jpg", "red"))
    data = CleanupInput(category.id, compound, 3, date(2026, 11, 20), building, volunteers=2)
    return record_cleanup(gui.services, data, photos_before=[before])


def test_editing_a_clean_up_shows_its_values_and_keeps_its_photo(qtbot, gui, place, tmp_path):
    cleanup_id = a_saved_clean_up(gui, place, tmp_path)
    page = list_page(qtbot, gui)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.form.table.selectRow(0)
    seen: dict[str, Any] = {}

    def change(dialog: CleanupDialog) -> None:
        form = dialog.form
        seen.update(
            compound=form.compound_id.currentText(),
            building=form.building_id.currentText(),
            count=form.count.value(),
            tiles=dialog.before.tiles.rowCount(),
        )
        form.count.setFocus()
        form.count.selectAll()
        qtbot.keyClicks(form.count, "4")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(change)
    qtbot.keyClick(page.form.table, Qt.Key.Key_Return)

    assert seen == {"compound": "北山新村", "building": "3号楼", "count": 3, "tiles": 1}
    opened = cleanup_for_edit(gui.services, cleanup_id)
    assert opened.data.count == 4 and [p.role for p in opened.photos] == ["before"]


def test_delete_asks_why_and_keeps_the_clean_up_out_of_the_list(
    qtbot, gui, prompts, place, tmp_path
):
    cleanup_id = a_saved_clean_up(gui, place, tmp_path)
    page = list_page(qtbot, gui)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.form.table.selectRow(0)
    prompts.text_answers = ["重复录入"]

    qtbot.keyClick(page.form.table, Qt.Key.Key_Delete)

    assert page.model.rowCount() == 0
    assert cleanups_page(gui.services) == []
    with gui.services.reading() as session:
        record = session.get(Cleanup, cleanup_id)
        assert record is not None and record.delete_reason == "重复录入"


def test_a_viewer_reads_the_list_but_property_staff_also_add_delete_and_export(qtbot, gui):
    admin = gui.services
    for username, role, can_log in (("kan", Role.VIEWER, False), ("wuguan", Role.PROPERTY, True)):
        gui.services = logged_in_as(admin, username, role)
        page = list_page(qtbot, gui)
        buttons = (page.form.new_button, page.form.delete_button, page.form.export_button)
        assert [button.isVisible() for button in buttons] == [can_log] * 3, role


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("scale", [s for s in SIZES if s != "normal"])
def test_the_form_and_the_list_fit_the_screen(qtbot, gui, place, tmp_path, language, scale):
    cleanup_id = a_saved_clean_up(gui, place, tmp_path)
    with interface(language, scale):
        dialog = CleanupDialog(gui, None, cleanup_id)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        assert too_large(dialog) == [] and clipped(dialog) == []
        dialog.grab().save(str(tmp_path / f"cleanup-{language}-{scale}.png"))
        dialog.reject()
        page = list_page(qtbot, gui)
        page.resize(1366, 700)
        qtbot.waitUntil(lambda: page.model.rowCount() == 1)
        assert clipped(page) == []
        page.grab().save(str(tmp_path / f"cleanups-{language}-{scale}.png"))


def test_a_half_typed_clean_up_is_offered_back_after_a_crash(qtbot, gui, place):
    from jinsha_desktop.gui.pages.repairs.repairs_module import RepairsModule

    unit, compound, _building = place
    category = list_cleanup_categories(gui.services)[1]
    values = {
        "unit_id": str(unit),
        "compound_id": str(compound),
        "category_id": str(category.id),
        "count": 7,
        "place": "南门",
        "volunteers": 3,
    }
    module = RepairsModule(gui)
    qtbot.addWidget(module)
    seen: dict[str, Any] = {}

    def save(dialog: CleanupDialog) -> None:
        form = dialog.form
        seen.update(compound=form.compound_id.currentText(), count=form.count.value())
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(save)
    assert module.restore_draft("cleanup", "new", values)

    assert seen == {"compound": "北山新村", "count": 7}
    [row] = cleanups_page(gui.services)
    assert (row.place, row.category, row.count, row.volunteers) == ("南门", category.name, 7, 3)


def test_the_period_and_the_totals_drill_down_filter_the_list(qtbot, gui, place, tmp_path):
    from jinsha_desktop.services.cleanups import CleanupFilter

    unit, compound, building = place
    category = list_cleanup_categories(gui.services)[0]
    older = CleanupInput(category.id, compound, 1, date(2026, 10, 1), volunteers=1)
    record_cleanup(gui.services, older)
    a_saved_clean_up(gui, place, tmp_path)  # 2026-11-20, at 3号楼
    page = list_page(qtbot, gui)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)

    qtbot.keyClick(page.form.since_enabled, Qt.Key.Key_Space)  # from 30 days before today
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.form.since.isEnabled()

    page.show_filter(CleanupFilter(unit_id=unit, building_id=building, since=date(2026, 9, 1)))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.form.unit.currentData() == str(unit)
    assert page.form.since.date().toPython() == date(2026, 9, 1)
    assert "totals" in page.form.status.text() or "统计" in page.form.status.text()
    page.form.compound.setCurrentIndex(page.form.compound.findData(str(compound)))  # by hand
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)  # the building is no longer kept


def test_a_community_chosen_with_keys_offers_its_compounds_and_filters_the_list(
    qtbot, gui, place, tmp_path
):
    unit, compound, _building = place
    a_saved_clean_up(gui, place, tmp_path)  # at 北山社区 › 北山新村
    page = list_page(qtbot, gui)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    form = page.form
    first = form.unit.findData(str(unit))

    form.unit.setFocus()
    down(qtbot, form.unit, first + 1)  # past 北山社区 to the next community

    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert [form.compound.itemText(i) for i in range(form.compound.count())] == [page.tr("All")]
    qtbot.keyClick(form.unit, Qt.Key.Key_Up)  # back to 北山社区: its compound is offered
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert form.compound.findData(str(compound)) > 0
    assert page.current_filter().unit_id == unit
