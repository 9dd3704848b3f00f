"""Reference data, users and the audit log, edited through the real widgets."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from jinsha_desktop.gui.dialogs.reference_dialogs import UnitDialog
from jinsha_desktop.gui.forms import drafts as draft_keeping
from jinsha_desktop.gui.pages.admin.administration import AdministrationPage
from jinsha_desktop.gui.windows.main_window import MainWindow
from jinsha_desktop.services import auth, drafts, reference
from jinsha_desktop.services.audit import AuditFilter, list_audit_entries
from tests.gui.conftest import type_text, when_dialog_opens


def admin_page(qtbot, gui) -> AdministrationPage:
    page = AdministrationPage(gui)
    qtbot.addWidget(page)
    page.show()
    return page


def test_new_village_typed_with_the_keyboard_is_saved_and_audited(qtbot, gui):
    page = admin_page(qtbot, gui)

    def fill(dialog: UnitDialog) -> None:
        type_text(qtbot, dialog.form.name, "五总村")
        qtbot.keyClick(dialog.form.name, Qt.Key.Key_Return)  # Enter moves on
        assert dialog.focusWidget() is dialog.form.kind
        dialog.form.kind.setCurrentIndex(dialog.form.kind.findData("village"))
        qtbot.keyClick(dialog.form.kind, Qt.Key.Key_Tab)
        type_text(qtbot, dialog.form.note, "2023 年并入")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(fill)
    page.units.form.add_button.click()
    names = [row.name for row in reference.list_units(gui.services)]
    assert "五总村" in names
    assert "五总村" in [row.name for row in page.units.model.rows()]
    entries = list_audit_entries(gui.services, AuditFilter(action="create", table_name="unit"))
    assert entries[0].changes["name"] == [None, "五总村"]
    assert entries[0].username == "admin"


def test_a_duplicate_name_is_shown_next_to_the_field_and_nothing_is_saved(qtbot, gui):
    page = admin_page(qtbot, gui)
    before = len(list_audit_entries(gui.services, AuditFilter()))
    messages: list[str] = []

    def fill(dialog: UnitDialog) -> None:
        type_text(qtbot, dialog.form.name, "金余村")
        dialog.save()
        messages.append(dialog.form.name_error.text())
        assert dialog.form.name_error.isVisible()
        assert dialog.focusWidget() is dialog.form.name
        dialog.form.name.clear()
        dialog.save()
        messages.append(dialog.form.name_error.text())
        dialog.drafts.discard()
        dialog.done(0)

    when_dialog_opens(fill)
    page.units.form.add_button.click()
    assert "已经有名为“金余村”的社区/村" in messages[0]
    assert "请填写" in messages[1]
    assert len(reference.list_units(gui.services)) == 5
    assert len(list_audit_entries(gui.services, AuditFilter())) == before


def test_deleting_asks_first_and_keeps_the_row_soft_deleted(qtbot, gui, prompts, database_file):
    page = admin_page(qtbot, gui)
    page.setCurrentIndex(2)
    page.checkpoints.form.add_button.setFocus()
    units = reference.list_units(gui.services)
    from jinsha_desktop.domain.reference import CheckpointInput

    reference.save_checkpoint(gui.services, units[0].id, CheckpointInput("北山社区1号卡点"))
    page.refresh()
    page.checkpoints.form.table.selectRow(0)
    prompts.answers = [False]
    page.checkpoints.form.delete_button.click()
    assert len(reference.list_checkpoints(gui.services)) == 1
    prompts.answers = [True]
    qtbot.keyClick(page.checkpoints.form.table, Qt.Key.Key_Delete)
    assert reference.list_checkpoints(gui.services) == []
    with sqlite3.connect(database_file) as raw:
        assert raw.execute("SELECT name, deleted_at IS NOT NULL FROM checkpoint").fetchall() == [
            ("北山社区1号卡点", 1)
        ]


def test_a_unit_with_compounds_cannot_be_deleted(qtbot, gui, prompts):
    page = admin_page(qtbot, gui)
    from jinsha_desktop.domain.reference import CompoundInput

    unit = reference.list_units(gui.services)[0]
    reference.save_compound(gui.services, unit.id, CompoundInput("金沙花苑"))
    page.refresh()
    page.units.form.table.selectRow(0)
    page.units.form.delete_button.click()
    assert "还有 1 个小区" in prompts.texts("warn")[0]
    assert len(reference.list_units(gui.services)) == 5


def test_half_typed_form_is_offered_back_after_a_crash(qtbot, gui, monkeypatch, opened):
    monkeypatch.setattr(draft_keeping, "AUTOSAVE_INTERVAL_MS", 50)
    page = admin_page(qtbot, gui)
    dialog = UnitDialog(gui, page)
    dialog.show()
    type_text(qtbot, dialog.form.name, "新联村")
    type_text(qtbot, dialog.form.note, "还没核实")
    qtbot.waitUntil(lambda: bool(drafts.pending_drafts(gui.services)), timeout=5000)
    # The crash: the process dies with the dialog open; nothing is closed or discarded.
    dialog.drafts._timer.stop()
    dialog.hide()

    window = MainWindow(gui, "本机")
    qtbot.addWidget(window)
    restored: dict[str, str] = {}

    def check_and_save(restored_dialog: UnitDialog) -> None:
        restored.update(
            name=restored_dialog.form.name.text(), note=restored_dialog.form.note.toPlainText()
        )
        restored_dialog.save()

    when_dialog_opens(check_and_save)
    assert window.offer_drafts() == 1
    assert restored == {"name": "新联村", "note": "还没核实"}
    assert "新联村" in [row.name for row in reference.list_units(gui.services)]
    assert drafts.pending_drafts(gui.services) == []


def test_declined_draft_is_discarded(qtbot, gui, prompts):
    drafts.save_draft(
        gui.services, "unit:new", "社区或村", {"name": "x", "kind": "village", "note": ""}
    )
    window = MainWindow(gui, "本机")
    qtbot.addWidget(window)
    prompts.choices = [2]  # the Discard button: never what Enter does (DraftAnswer.DISCARD)
    assert window.offer_drafts() == 0
    assert drafts.pending_drafts(gui.services) == []


def test_audit_page_filters_and_reports_a_tampered_database(qtbot, gui, database_file):
    page = admin_page(qtbot, gui)
    audit = page.audit
    assert audit is not None
    assert audit.model.rowCount() > 0
    audit.form.action.setCurrentIndex(audit.form.action.findData("login"))
    audit.form.search_button.click()
    assert {row.action for row in audit.model.rows()} == {"login"}

    audit.form.verify_button.click()
    qtbot.waitUntil(lambda: audit.form.verify_button.isEnabled(), timeout=10000)
    assert "操作日志完整" in audit.form.status.text() or "intact" in audit.form.status.text()

    with sqlite3.connect(database_file) as raw:
        raw.execute("UPDATE unit SET note = '被改过' WHERE name = '金北村'")
    audit.form.verify_button.click()
    qtbot.waitUntil(lambda: audit.form.verify_button.isEnabled(), timeout=10000)
    assert "内容与最后一条操作日志不符" in audit.form.status.text()


def test_users_page_creates_a_user_who_must_change_the_password(qtbot, gui):
    page = admin_page(qtbot, gui)
    users = page.users
    assert users is not None

    def fill(dialog) -> None:
        type_text(qtbot, dialog.form.username, "liujuan")
        type_text(qtbot, dialog.form.display_name, "刘娟")
        dialog.form.role.setCurrentIndex(dialog.form.role.findData("viewer"))
        type_text(qtbot, dialog.form.password, "start-2026")
        type_text(qtbot, dialog.form.password_repeat, "start-2026")
        qtbot.keyClick(
            dialog.form.password_repeat, Qt.Key.Key_Return
        )  # Enter on the last field saves

    when_dialog_opens(fill)
    users.form.add_button.click()
    created = [u for u in auth.list_users(gui.services) if u.username == "liujuan"]
    assert created and created[0].must_change_password and created[0].role.value == "viewer"
    assert "刘娟" in [row.display_name for row in users.model.rows()]


def test_editing_a_compound_shows_its_values_and_saves_the_change(qtbot, gui):
    from jinsha_desktop.domain.reference import CompoundInput

    unit = reference.list_units(gui.services)[2]
    reference.save_compound(gui.services, unit.id, CompoundInput("人民新村", "新金路 1 号"))
    page = admin_page(qtbot, gui)
    page.setCurrentIndex(1)
    page.compounds.form.table.selectRow(0)
    seen: dict[str, str] = {}

    def change(dialog) -> None:
        seen.update(unit=dialog.form.unit_id.currentText(), address=dialog.form.address.text())
        dialog.form.address.clear()
        type_text(qtbot, dialog.form.address, "新金路 9 号")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    when_dialog_opens(change)
    qtbot.keyClick(page.compounds.form.table, Qt.Key.Key_Return)
    assert seen == {"unit": unit.name, "address": "新金路 1 号"}
    [compound] = reference.list_compounds(gui.services)
    assert (compound.address, compound.version) == ("新金路 9 号", 2)
    assert page.compounds.model.rows()[0].address == "新金路 9 号"


def test_a_dialog_closes_on_esc_without_asking_when_nothing_was_typed(qtbot, gui, prompts):
    from jinsha_desktop.gui.dialogs.monitoring_dialogs import CaseDialog
    from jinsha_desktop.gui.dialogs.registration_admin_dialogs import RiskAreaDialog

    unit = reference.list_units(gui.services)[0]
    # These fill in today's date, the end date or the record itself before they are shown.
    for dialog in (RiskAreaDialog(gui, None), CaseDialog(gui, None), UnitDialog(gui, None, unit)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)

        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

        assert not dialog.isVisible(), type(dialog).__name__
        assert prompts.texts("confirm") == []
        assert dialog.drafts is not None and not dialog.drafts.dirty
    assert drafts.pending_drafts(gui.services) == []


def test_a_dialog_still_asks_on_esc_once_something_was_typed(qtbot, gui, prompts):
    from jinsha_desktop.gui.dialogs.registration_admin_dialogs import RiskAreaDialog

    dialog = RiskAreaDialog(gui, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(qtbot, dialog.form.name, "上海市浦东新区")
    prompts.answers = [False]  # stay

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert dialog.isVisible()
    assert len(prompts.texts("confirm")) == 1
