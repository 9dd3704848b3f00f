"""The compound dialog's "managed by a property company" flag and company name, typed with keys;
the compounds list shows the company."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jinsha_desktop.domain.reference import CompoundInput
from jinsha_desktop.gui.pages.admin.administration import AdministrationPage
from jinsha_desktop.services import reference
from tests.gui.conftest import type_text, when_dialog_opens


def compounds_page(qtbot, gui) -> AdministrationPage:
    page = AdministrationPage(gui)
    qtbot.addWidget(page)
    page.show()
    page.setCurrentIndex(1)
    return page


def test_a_compound_is_marked_managed_with_its_company_by_keys(qtbot, gui):
    unit = reference.list_units(gui.services)[0]
    reference.save_compound(gui.services, unit.id, CompoundInput("人民新村"))
    page = compounds_page(qtbot, gui)
    page.compounds.form.table.selectRow(0)
    errors: list[str] = []

    def change(dialog) -> None:
        dialog.form.address.setFocus()
        qtbot.keyClick(dialog.form.address, Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.form.managed
        type_text(qtbot, dialog.form.property_company, "通州物业")
        dialog.save()  # not ticked yet: refused next to the field
        errors.append(dialog.form.property_company_error.text())
        assert dialog.isVisible()
        qtbot.keyClick(dialog.form.managed, Qt.Key.Key_Space)
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(change)
    qtbot.keyClick(page.compounds.form.table, Qt.Key.Key_Return)

    assert errors == ["填写物业公司前，请先勾选“有物业公司管理”。"]
    [compound] = reference.list_compounds(gui.services)
    assert (compound.managed, compound.property_company) == (True, "通州物业")
    column = [c.key for c in page.compounds.model.columns].index("managed_by")
    assert page.compounds.model.index(0, column).data() == "通州物业"


def test_an_existing_managed_compound_opens_ticked(qtbot, gui):
    unit = reference.list_units(gui.services)[0]
    data = CompoundInput("金沙花苑", managed=True, property_company="金沙物业")
    reference.save_compound(gui.services, unit.id, data)
    page = compounds_page(qtbot, gui)
    page.compounds.form.table.selectRow(0)
    seen: dict[str, object] = {}

    def look(dialog) -> None:
        seen.update(
            managed=dialog.form.managed.isChecked(), company=dialog.form.property_company.text()
        )
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_dialog_opens(look)
    qtbot.keyClick(page.compounds.form.table, Qt.Key.Key_Return)

    assert seen == {"managed": True, "company": "金沙物业"}
