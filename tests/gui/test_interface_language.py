"""Every text the interface shows follows its language: in English no Chinese but the user's own
data (names, places, the unit), service messages included; in Chinese no English source string
left untranslated."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QTabWidget,
    QWidget,
)

from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.gui.forms.drafts import ask_about_draft
from jinsha_desktop.gui.look import install_translators
from jinsha_desktop.gui.messages import has_cjk
from jinsha_desktop.gui.pages.checkpoint.registration_page import RegistrationPage
from jinsha_desktop.gui.windows.main_window import MainWindow
from jinsha_desktop.paths import resource_path
from jinsha_desktop.services import drafts, monitoring, reference, registration
from jinsha_desktop.services.repair_catalogue import list_cleanup_categories, list_parts
from tests.unit.support import a_checkpoint, add_user, resident_id

ZHANG_SAN = resident_id("320612", "19900101", 123)
PERSON = "张三"
ADDRESS = "金沙街道北山新村1幢"


@pytest.fixture
def language(qapp, request):
    """The interface language installed for one test, as the program does at start."""
    locale = QLocale()
    translators = install_translators(qapp, request.param)
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


@pytest.fixture
def some_records(gui):
    """A flagged visit with a monitoring case, a checkpoint volunteer: labels in every list."""
    services = gui.services
    checkpoint = a_checkpoint(services)
    add_user(services, "volunteer", Role.CHECKPOINT)
    result = registration.register_visit(
        services,
        VisitInput(
            document_number=ZHANG_SAN,
            name=PERSON,
            phone="13812345678",
            checkpoint_id=checkpoint,
            health_code="red",
            temperature="37.9",
            destination_address=ADDRESS,
            direction="in",
        ),
    )
    monitoring.open_case(
        services,
        monitoring.CaseInput(
            person_id=result.person_id,
            reason="；".join(flag.reason for flag in result.flags),
            start_date=registration.today_of(services) - timedelta(days=1),
            reason_code=result.flags[0].code,
        ),
    )
    return result


def user_data(gui) -> list[str]:
    """Texts that are the user's own data and stay as typed in any language."""
    services = gui.services
    data = [PERSON, ADDRESS, "通州区金沙街道", "北山社区卡点 1 号机", "系统管理员", "测试用户"]
    data += [unit.name for unit in reference.list_units(services)]
    data += [c.name for c in reference.list_checkpoints(services)]
    data += [c.name for c in reference.list_compounds(services)]
    # The repairs catalogue is reference data too: part and clean-up category names and units.
    for row in [*list_parts(services), *list_cleanup_categories(services)]:
        data += [row.name, row.unit]
    # So are the checklists (their names and items) and the departments of the inspections.
    from jinsha_desktop.services import checklists

    data += [t.name for t in checklists.list_templates(services)]
    data += [d.name for d in checklists.list_departments(services)]
    data += ["通州区", "江苏省南通市通州区"]  # the region named by an ID number
    data += ["苏F12345"]  # a plate in an example: the province's character is part of it
    return sorted(set(data), key=len, reverse=True)


def shown_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(widget, text) of everything the window holds to be read: labels, buttons, tabs, combo
    items, list and table cells and headings, menus; pages not yet opened are not built."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isHidden() and not isinstance(widget, QMenu):
            continue
        name = f"{type(widget).__name__} {widget.objectName()}"
        if isinstance(widget, QMainWindow):
            yield name, widget.windowTitle()
        if isinstance(widget, QLabel):
            yield name, re.sub(r"<[^>]+>", "", widget.text())
        elif isinstance(widget, QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QLineEdit):
            yield name, widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield name, widget.itemText(i)
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield name, widget.tabText(i)
        elif isinstance(widget, QMenu):
            for action in widget.actions():
                yield name, action.text()
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                yield name, widget.item(i).text()
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            model = widget.model()
            for column in range(model.columnCount()):
                heading = model.headerData(column, Qt.Orientation.Horizontal)
                yield name, str(heading or "")
                for row in range(min(model.rowCount(), 50)):
                    yield f"{name} cell", str(model.index(row, column).data() or "")


def open_every_page(qtbot, gui) -> MainWindow:
    window = MainWindow(gui, "北山社区卡点 1 号机")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for module in window.modules:
        window.page(module.key)
    return window


def chinese_left(texts: Iterator[tuple[str, str]], allowed: list[str]) -> list[tuple[str, str]]:
    left = []
    for where, text in texts:
        rest = text
        for data in allowed:
            rest = rest.replace(data, "")
        if has_cjk(rest):
            left.append((where, text))
    return sorted(set(left))


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_the_english_interface_shows_no_chinese_but_the_users_data(
    qtbot, gui, some_records, language
):
    window = open_every_page(qtbot, gui)
    left = chinese_left(shown_texts(window), user_data(gui))
    assert not left, "\n".join(f"{where}: {text}" for where, text in left)


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_english_lists_show_roles_directions_and_reasons_in_english(
    qtbot, gui, some_records, language
):
    window = open_every_page(qtbot, gui)
    texts = {text for _where, text in shown_texts(window)}
    assert "Checkpoint volunteer (registration only)" in texts  # users list, a role
    assert "In" in texts  # visits list, the direction
    assert "Checkpoint registration ledger" in texts  # ledger combo box
    assert "Visitor roster" in texts  # import combo box
    assert any(t.startswith("Health code red") for t in texts)  # a flag reason, stored Chinese


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_a_bad_id_number_is_explained_in_english_next_to_the_field(qtbot, gui, language):
    a_checkpoint(gui.services)
    page = registration_page(qtbot, gui)
    f = page.form
    qtbot.keyClicks(f.document_number, ZHANG_SAN[:-1] + ("0" if ZHANG_SAN[-1] != "0" else "1"))
    assert f.document_number_error.isVisible()
    assert "check digit" in f.document_number_error.text()
    assert not has_cjk(f.document_number_error.text())
    assert "Resident ID card" in [
        f.document_type.itemText(i) for i in range(f.document_type.count())
    ]


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_the_services_field_errors_are_english_next_to_their_fields(qtbot, gui, language):
    a_checkpoint(gui.services)
    page = registration_page(qtbot, gui)
    f = page.form
    qtbot.keyClicks(f.document_number, ZHANG_SAN)
    qtbot.keyClicks(f.phone, "1381234")
    qtbot.keyClick(f.phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert f.phone_error.text() == "A mobile number has 11 digits; this one has 7."
    assert f.name_error.text() == "Fill in name."


def registration_page(qtbot, gui) -> RegistrationPage:
    page = RegistrationPage(gui)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def translated_sources() -> set[str]:
    """English source strings the zh_CN translation gives another text."""
    tree = ET.parse(resource_path("translations", "jinsha_zh_CN.ts"))
    sources = set()
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        text = "".join(translation.itertext()) if translation is not None else ""
        if text and text != source and has_cjk(text):
            sources.add(source)
    return sources


@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_the_chinese_interface_leaves_no_translated_english_source_showing(
    qtbot, gui, some_records, language
):
    window = open_every_page(qtbot, gui)
    sources = translated_sources()
    left = sorted({(w, t) for w, t in shown_texts(window) if t in sources})
    assert not left, "\n".join(f"{where}: {text}" for where, text in left)
    texts = {text for _where, text in shown_texts(window)}
    assert "卡点值守（仅登记）" in texts and "卡点登记台账" in texts


@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_a_draft_typed_in_english_is_named_in_chinese_by_a_chinese_interface(gui, language):
    drafts.save_draft(gui.services, "registration:new", "Visitor registration", {"name": PERSON})
    drafts.save_draft(gui.services, "check:1", "Daily check", {"note": "x"})
    for draft in drafts.pending_drafts(gui.services):
        ask_about_draft(gui.prompts, None, draft)
    titles = " ".join(title + text for kind, title, text in gui.prompts.shown if kind == "choose")
    assert "“来访登记”" in titles and "“每日检查”" in titles
    assert not re.search(r"[A-Za-z]{3,}", titles), titles


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_a_draft_typed_in_chinese_is_named_in_english_by_an_english_interface(gui, language):
    drafts.save_draft(gui.services, "registration:new", "来访登记", {"name": PERSON})
    (draft,) = drafts.pending_drafts(gui.services)
    ask_about_draft(gui.prompts, None, draft)
    assert "“Visitor registration”" in gui.prompts.shown[-1][2]


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_the_english_dialogs_show_no_chinese_but_the_users_data(qtbot, gui, some_records, language):
    from jinsha_desktop.gui.dialogs.first_run import FirstRunWizard
    from jinsha_desktop.gui.dialogs.login_dialog import LoginDialog
    from jinsha_desktop.gui.dialogs.monitoring_dialogs import CaseDialog, CheckDialog, StatusDialog
    from jinsha_desktop.gui.dialogs.reference_dialogs import (
        CheckpointDialog,
        CompoundDialog,
        UnitDialog,
    )
    from jinsha_desktop.gui.dialogs.registration_admin_dialogs import (
        RegistrationSettingsDialog,
        RiskAreaDialog,
    )
    from jinsha_desktop.gui.dialogs.settings_dialog import SettingsDialog
    from jinsha_desktop.gui.dialogs.user_dialogs import PasswordDialog, UserDialog

    (case,) = monitoring.cases(gui.services)
    unit = reference.list_units(gui.services)[0]
    dialogs = [
        CaseDialog(gui, None),
        CheckDialog(gui, None, case),
        StatusDialog(gui, None, case),
        UnitDialog(gui, None, unit),
        CompoundDialog(gui, None),
        CheckpointDialog(gui, None),
        RiskAreaDialog(gui, None),
        RegistrationSettingsDialog(gui, None),
        UserDialog(gui, None),
        PasswordDialog(gui, None),
        SettingsDialog(gui, None, "北山社区卡点 1 号机"),
        LoginDialog(),
        FirstRunWizard(lambda first_run: None),
    ]
    # A language is named in itself, so that a user who cannot read this one finds theirs.
    allowed = [*user_data(gui), "简体中文"]
    left = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        left += chinese_left(shown_texts(dialog), allowed)
    assert not left, "\n".join(f"{where}: {text}" for where, text in left)


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_a_real_message_box_shows_a_service_message_in_english(qtbot, language):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from jinsha_desktop.gui.prompts import Prompts

    seen: list[str] = []

    def read_and_close() -> None:
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    Prompts().warn(None, "Back up database", "备份文件不能和数据库是同一个文件，请另选位置。")
    assert seen == ["The backup cannot be the database file itself; choose another place."]
