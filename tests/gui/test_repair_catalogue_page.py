"""The repairs catalogue in Administration: parts and clean-up categories added and changed with
the keyboard by the administrator, read-only for others, a half-typed part restored after a
crash; the page fits a 1366×768 screen at the large sizes in both languages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.repairs import PartKind
from jinsha_desktop.gui.dialogs.repair_catalogue_dialogs import CleanupCategoryDialog, PartDialog
from jinsha_desktop.gui.pages.admin.administration import AdministrationPage
from jinsha_desktop.services.repair_catalogue import list_cleanup_categories, list_parts
from tests.gui.conftest import type_text, when_dialog_opens
from tests.gui.fit_checks import clipped, too_large
from tests.gui.window_walk import LANGUAGES, interface
from tests.unit.support import logged_in_as


def catalogue_page(qtbot: Any, gui: Any) -> AdministrationPage:
    page = AdministrationPage(gui)
    qtbot.addWidget(page)
    page.show()
    assert page.catalogue is not None
    page.setCurrentWidget(page.catalogue)
    qtbot.waitExposed(page)
    return page


def test_a_part_is_added_with_the_keyboard_and_its_price_changed(qtbot, gui):
    page = catalogue_page(qtbot, gui)
    catalogue = page.catalogue
    assert catalogue is not None

    def add(dialog: PartDialog) -> None:
        type_text(qtbot, dialog.form.name, "防水灯座")
        qtbot.keyClick(dialog.form.name, Qt.Key.Key_Return)
        assert dialog.focusWidget() is dialog.form.kind
        dialog.form.kind.setCurrentIndex(dialog.form.kind.findData(PartKind.OTHER.value))
        qtbot.keyClick(dialog.form.kind, Qt.Key.Key_Return)
        type_text(qtbot, dialog.form.unit, "套")
        qtbot.keyClick(dialog.form.unit, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.form.unit_price, "6.5")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(add)
    qtbot.keyClick(catalogue.parts.form.add_button, Qt.Key.Key_Space)

    [part] = [p for p in list_parts(gui.services) if p.name == "防水灯座"]
    assert (part.kind, part.unit, part.unit_price) == (PartKind.OTHER, "套", Decimal("6.50"))
    catalogue.parts.select_where(lambda row: row.id == part.id)
    errors: list[str] = []

    def change(dialog: PartDialog) -> None:
        assert dialog.form.unit_price.text() == "6.50"
        dialog.form.unit_price.selectAll()
        qtbot.keyClicks(dialog.form.unit_price, "-1")
        dialog.save()
        errors.append(dialog.form.unit_price_error.text())
        dialog.form.unit_price.selectAll()
        qtbot.keyClicks(dialog.form.unit_price, "7.2")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(change)
    qtbot.keyClick(catalogue.parts.form.table, Qt.Key.Key_Return)

    assert errors == ["单价不能是负数。"]
    [part] = [p for p in list_parts(gui.services) if p.name == "防水灯座"]
    assert part.unit_price == Decimal("7.20")
    shown = [row.unit_price for row in catalogue.parts.model.rows() if row.id == part.id]
    assert shown == [Decimal("7.20")]


def test_a_category_is_added_and_deleted_after_asking(qtbot, gui, prompts):
    page = catalogue_page(qtbot, gui)
    catalogue = page.catalogue
    assert catalogue is not None

    def add(dialog: Any) -> None:
        type_text(qtbot, dialog.form.name, "小广告清理")
        qtbot.keyClick(dialog.form.name, Qt.Key.Key_Return)
        type_text(qtbot, dialog.form.unit, "张")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(add)
    catalogue.categories.form.add_button.click()
    assert ("小广告清理", "张") in [(c.name, c.unit) for c in list_cleanup_categories(gui.services)]

    catalogue.categories.select_where(lambda row: row.name == "小广告清理")
    catalogue.categories.form.delete_button.click()

    assert prompts.texts("confirm")
    assert "小广告清理" not in [c.name for c in list_cleanup_categories(gui.services)]
    assert "小广告清理" not in [row.name for row in catalogue.categories.model.rows()]


def test_a_viewer_reads_the_catalogue_without_edit_buttons(qtbot, gui):
    gui.services = logged_in_as(gui.services, "kan", Role.VIEWER)
    page = catalogue_page(qtbot, gui)
    catalogue = page.catalogue
    assert catalogue is not None

    assert len(catalogue.parts.model.rows()) == len(list_parts(gui.services))
    for panel in (catalogue.parts, catalogue.categories):
        assert not panel.form.add_button.isVisible()
        assert not panel.form.delete_button.isVisible()


def test_a_half_typed_part_is_restored_after_a_crash(qtbot, gui):
    page = catalogue_page(qtbot, gui)
    values = {"name": "灯罩", "kind": "other", "unit": "个", "unit_price": "3", "note": ""}
    seen: dict[str, str] = {}

    def save(dialog: PartDialog) -> None:
        seen.update(name=dialog.form.name.text(), price=dialog.form.unit_price.text())
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(save)
    assert page.restore_draft("part", "new", values)

    assert seen == {"name": "灯罩", "price": "3"}
    assert "灯罩" in [p.name for p in list_parts(gui.services)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_administration_with_the_catalogue_fits_the_screen(qtbot, gui, language, tmp_path):
    with interface(language, "xlarge"):
        page = catalogue_page(qtbot, gui)
        page.resize(1366 - 200, 600)  # beside the side bar, under the title and status bars
        QApplication.processEvents()
        assert too_large(page) == [] and clipped(page) == []
        page.grab().save(str(tmp_path / f"catalogue-{language}.png"))
        catalogue = page.catalogue
        assert catalogue is not None
        for dialog in (
            PartDialog(gui, page, catalogue.parts.model.rows()[0]),
            CleanupCategoryDialog(gui, page, catalogue.categories.model.rows()[0]),
        ):
            dialog.show()
            qtbot.waitExposed(dialog)
            assert too_large(dialog) == [] and clipped(dialog) == [], type(dialog).__name__
            dialog.grab().save(str(tmp_path / f"{type(dialog).__name__}-{language}.png"))
            dialog.reject()
