"""Walk every window of the program: each page and tab of the main window, and every dialog.

Shared by the screen-fit and the mnemonic tests (and by tests/gui/screenshots.py): each yields
(name, window) with the window showing one state a user can see, in the interface language and
size set by `interface()`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QRect
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.gui import look

SIZES = ("normal", "large", "xlarge")
LANGUAGES = ("zh_CN", "en")
SCREEN = QRect(0, 0, 1366, 728)
"""A 1366×768 laptop screen less a 40-pixel task bar."""
TITLE_BAR = 32
"""What a window's frame takes from the available height (Windows 10 title bar and border)."""

_families: list[str] = []


@contextmanager
def restored_look() -> Iterator[QApplication]:
    """Give the application back its font and style sheet afterwards: a test that leaves
    another font behind changes what later tests measure and grab."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, sheet = QFont(app.font()), app.styleSheet()
    try:
        yield app
    finally:
        app.setStyleSheet(sheet)
        app.setFont(font)


@contextmanager
def interface(language: str, scale: str) -> Iterator[list[str]]:
    """Set the program's language and interface size as app.run_gui does; undo it afterwards."""
    if not _families:
        _families.extend(look.register_fonts())
    with restored_look() as app:
        translators = look.install_translators(app, language)
        look.apply_interface_scale(app, _families, scale)
        try:
            yield _families
        finally:
            for translator in translators:
                app.removeTranslator(translator)
            QLocale.setDefault(QLocale.c())


def make_demo_database(folder: Path, passwords: PasswordHashing) -> tuple[Path, MachineConfig]:
    """The demo data at scale 1 (built once per session, copied per test)."""
    from jinsha_desktop.services.demo import write_demo_data

    path = folder / "demo.sqlite3"
    config = MachineConfig()
    clock = FixedClock(datetime(2026, 11, 25, 1, 30, tzinfo=UTC))
    write_demo_data(path, folder / "backups", 1, clock, passwords, config)
    return path, config


def copy_database(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    return target


def fit_on_screen(window: QWidget) -> None:
    """Show the window as it would appear on the 1366×768 screen."""
    look.fit_to_screen(window, SCREEN)
    window.show()
    QApplication.processEvents()  # lay out (no waiting: only events already posted)


def tab_states(widget: QWidget, name: str) -> Iterator[str]:
    """Show each tab of the outermost visible tab widget under `widget`, recursively."""
    if isinstance(widget, QTabWidget):
        tabs = [widget]
    else:
        tabs = [
            t
            for t in widget.findChildren(QTabWidget)
            if t.isVisible() and not _inside_tab_widget(t, widget)
        ]
    if not tabs:
        yield name
        return
    tab = tabs[0]
    for index in range(tab.count()):
        tab.setCurrentIndex(index)
        QApplication.processEvents()
        page = tab.currentWidget()
        yield from tab_states(page, f"{name} › {tab.tabText(index).replace('&', '')}")


def _inside_tab_widget(tab: QTabWidget, root: QWidget) -> bool:
    parent = tab.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QTabWidget):
            return True
        parent = parent.parentWidget()
    return False


def main_window_states(gui: Any) -> Iterator[tuple[str, QWidget]]:
    """Every page (and tab) of the main window, the window as it would be on the screen."""
    from jinsha_desktop.gui.windows.main_window import MainWindow

    window = MainWindow(gui, "北山社区卡点 1 号机")
    try:
        fit_on_screen(window)
        nav = window.form.navigation
        for row in range(nav.count()):
            nav.setCurrentRow(row)
            QApplication.processEvents()
            page = window.form.pages.currentWidget()
            for state in tab_states(page, window.modules[row].key):
                yield state, window
    finally:
        window.close()
        window.deleteLater()


def dialogs(gui: Any) -> list[tuple[str, Callable[[QWidget | None], QWidget]]]:
    """Every dialog, built as the program builds it (with records from the demo data)."""
    from jinsha_desktop.gui.dialogs import (
        monitoring_dialogs,
        reference_dialogs,
        registration_admin_dialogs,
        user_dialogs,
    )
    from jinsha_desktop.gui.dialogs.crash_dialog import CrashDialog
    from jinsha_desktop.gui.dialogs.first_run import FirstRunWizard
    from jinsha_desktop.gui.dialogs.login_dialog import LoginDialog
    from jinsha_desktop.gui.dialogs.person_dialog import PersonDialog
    from jinsha_desktop.gui.dialogs.settings_dialog import SettingsDialog
    from jinsha_desktop.services import auth, monitoring, reference, risk_areas, visit_lists

    services = gui.services
    unit = reference.list_units(services)[0]
    compound = reference.list_compounds(services)[0]
    building = reference.list_buildings(services, compound.id)[0]
    checkpoint = reference.list_checkpoints(services)[0]
    case = monitoring.cases(services)[0]
    person = visit_lists.people_page(services)[0]
    user = auth.list_users(services)[0]
    areas = risk_areas.list_risk_areas(services)

    def wizard_page(index: int) -> Callable[[QWidget | None], QWidget]:
        def build(parent: QWidget | None) -> QWidget:
            wizard = FirstRunWizard(lambda answers: None, parent)
            wizard.restart()
            for _ in range(index):
                wizard.next()
            return wizard

        return build

    return [
        ("login", lambda p: LoginDialog(p)),
        ("first run 1", wizard_page(0)),
        ("first run 2", wizard_page(1)),
        ("crash", lambda p: CrashDialog("Traceback…", "/tmp/jinsha.log", p)),
        ("settings", lambda p: SettingsDialog(gui, p, "北山社区卡点 1 号机")),
        ("unit", lambda p: reference_dialogs.UnitDialog(gui, p, unit)),
        ("compound", lambda p: reference_dialogs.CompoundDialog(gui, p, compound)),
        ("building", lambda p: reference_dialogs.BuildingDialog(gui, p, compound, building)),
        ("checkpoint", lambda p: reference_dialogs.CheckpointDialog(gui, p, checkpoint)),
        (
            "risk area",
            lambda p: registration_admin_dialogs.RiskAreaDialog(
                gui, p, areas[0] if areas else None
            ),
        ),
        (
            "registration settings",
            lambda p: registration_admin_dialogs.RegistrationSettingsDialog(gui, p),
        ),
        ("person", lambda p: PersonDialog(gui, p, person)),
        ("new case", lambda p: monitoring_dialogs.CaseDialog(gui, p)),
        ("check", lambda p: monitoring_dialogs.CheckDialog(gui, p, case)),
        ("case status", lambda p: monitoring_dialogs.StatusDialog(gui, p, case)),
        ("new user", lambda p: user_dialogs.UserDialog(gui, p)),
        ("edit user", lambda p: user_dialogs.UserDialog(gui, p, user)),
        ("change password", lambda p: user_dialogs.PasswordDialog(gui, p)),
        ("reset password", lambda p: user_dialogs.PasswordDialog(gui, p, user)),
        *_campaign_dialogs(gui),
        *_repair_dialogs(gui),
        *_cleanup_dialogs(gui),
        *_inspection_dialogs(gui),
    ]


def _inspection_dialogs(gui: Any) -> list[tuple[str, Callable[[QWidget | None], QWidget]]]:
    """The inspection form (new), the finding form and its
    steps, a checklist, a department and the ranking rules."""
    from jinsha_desktop.gui.dialogs.checklist_dialog import ChecklistDialog
    from jinsha_desktop.gui.dialogs.finding_dialog import FindingDialog
    from jinsha_desktop.gui.dialogs.finding_steps import RecheckDialog, RectifyDialog
    from jinsha_desktop.gui.dialogs.inspection_dialog import InspectionDialog
    from jinsha_desktop.gui.dialogs.ranking_rules_dialog import RankingRulesDialog
    from jinsha_desktop.gui.pages.admin.departments_page import DepartmentDialog
    from jinsha_desktop.services import checklists
    from jinsha_desktop.services.finding_lists import FindingFilter, findings_page

    services = gui.services
    found: list[tuple[str, Callable[[QWidget | None], QWidget]]] = []
    # A walked inspection's item texts wrap in their rows (the shared check measures a line):
    # tests/gui/test_inspection_dialog.py checks those rows by their height at every size.
    finding = findings_page(services, FindingFilter(), limit=1)
    if finding:
        first = finding[0]
        found.append(("rectify", lambda p: RectifyDialog(gui, p, first.id, first.number)))
        found.append(("re-check", lambda p: RecheckDialog(gui, p, first.id, first.number)))
    department = checklists.list_departments(services)[0]
    return [
        ("new inspection", lambda p: InspectionDialog(gui, None, p)),
        ("new finding", lambda p: FindingDialog(gui, p)),
        *found,
        # The checklist editor: tests/gui/test_checklists_page.py checks it (its long item
        # texts are edited in their cell, wider than the column at the largest size).
        ("new checklist", lambda p: ChecklistDialog(gui, p, None)),
        ("department", lambda p: DepartmentDialog(gui, p, department)),
        ("ranking rules", lambda p: RankingRulesDialog(gui, p)),
    ]


def _cleanup_dialogs(gui: Any) -> list[tuple[str, Callable[[QWidget | None], QWidget]]]:
    """The clean-up form (new, and a demo clean-up if there is one) and the catalogue's."""
    from jinsha_desktop.gui.dialogs.cleanup_dialog import CleanupDialog
    from jinsha_desktop.gui.dialogs.repair_catalogue_dialogs import (
        CleanupCategoryDialog,
        PartDialog,
    )
    from jinsha_desktop.services.cleanups import cleanups_page
    from jinsha_desktop.services.repair_catalogue import list_cleanup_categories, list_parts

    done = cleanups_page(gui.services, limit=1)
    found = [("clean-up", lambda p: CleanupDialog(gui, p, done[0].id))] if done else []
    part, category = list_parts(gui.services)[0], list_cleanup_categories(gui.services)[0]
    return [
        ("new clean-up", lambda p: CleanupDialog(gui, p)),
        *found,
        ("part", lambda p: PartDialog(gui, p, part)),
        ("clean-up category", lambda p: CleanupCategoryDialog(gui, p, category)),
    ]


def _repair_dialogs(gui: Any) -> list[tuple[str, Callable[[QWidget | None], QWidget]]]:
    """The repair order form (new, and a demo order if there is one) and the repair settings."""
    from jinsha_desktop.gui.dialogs.repair_order_dialog import RepairOrderDialog
    from jinsha_desktop.gui.dialogs.repair_settings_dialog import RepairSettingsDialog
    from jinsha_desktop.services.repair_lists import OrderFilter, orders_page

    orders = orders_page(gui.services, OrderFilter(), limit=1)
    found = [("repair order", lambda p: RepairOrderDialog(gui, p, orders[0].id))] if orders else []
    # A closed one too: parts, labour, before and after photos, the steps to the check.
    checked = _checked_order_with_photos(gui)
    if checked is not None:
        found.append(("checked order", lambda p: RepairOrderDialog(gui, p, checked)))
        found.append(("photo viewer", lambda p: _photo_viewer(gui, p, checked)))
    return [
        ("new repair order", lambda p: RepairOrderDialog(gui, p)),
        *found,
        ("repair settings", lambda p: RepairSettingsDialog(gui, p)),
    ]


def _checked_order_with_photos(gui: Any) -> Any:
    from sqlalchemy import select

    from jinsha_desktop.db.repair_models import PhotoLink
    from jinsha_desktop.services.repair_lists import OrderFilter, orders_page

    checked = orders_page(gui.services, OrderFilter(status="checked", source="resident"), limit=200)
    with gui.services.reading() as session:
        after = set(
            session.scalars(
                select(PhotoLink.record_id).where(
                    PhotoLink.record_table == "repair_order", PhotoLink.role == "after"
                )
            )
        )
    return next((row.id for row in checked if row.id in after), None)


def _photo_viewer(gui: Any, parent: QWidget | None, order_id: Any) -> QWidget:
    """The viewer on an order's photos (before first), as a double click on a thumbnail opens."""
    from jinsha_desktop.gui.dialogs.photo_viewer import PhotoViewer, ViewedPhoto
    from jinsha_desktop.gui.dialogs.repair_order_dialog import RepairOrderDialog
    from jinsha_desktop.gui.widgets.photo_strip import PhotoStrip

    form = RepairOrderDialog(gui, None, order_id)
    tiles = [tile for strip in form.findChildren(PhotoStrip) for tile in strip.tiles.tiles]
    form.reject()
    form.deleteLater()
    return PhotoViewer([ViewedPhoto(tile.path, tile.problem) for tile in tiles], 0, parent)


def _campaign_dialogs(gui: Any) -> list[tuple[str, Callable[[QWidget | None], QWidget]]]:
    """The campaign form (new, and the demo's campaign) and a compound's survey sheet."""
    from jinsha_desktop.gui.dialogs.campaign_dialog import CampaignDialog
    from jinsha_desktop.gui.dialogs.survey_grid_dialog import SurveyGridDialog
    from jinsha_desktop.services import campaigns

    windows: list[tuple[str, Callable[[QWidget | None], QWidget]]] = [
        ("new survey campaign", lambda p: CampaignDialog(gui, p))
    ]
    found = campaigns.list_campaigns(gui.services)
    if found:
        campaign_id = found[0].id
        windows.append(("survey campaign", lambda p: CampaignDialog(gui, p, campaign_id)))
        scope = campaigns.campaign_detail(gui.services, campaign_id).scope
        if scope:
            compound_id = scope[0].compound_id
            windows.append(
                ("survey sheet", lambda p: SurveyGridDialog(gui, p, campaign_id, compound_id))
            )
    return windows


def dialog_states(gui: Any) -> Iterator[tuple[str, QWidget]]:
    for name, build in dialogs(gui):
        dialog = build(None)
        try:
            fit_on_screen(dialog)
            for state in tab_states(dialog, name):
                yield state, dialog
        finally:
            # Closed as a user closes it (Esc): a draft timer must not outlive the dialog.
            if isinstance(dialog, QDialog):
                dialog.reject()
            dialog.hide()
            dialog.deleteLater()


def every_window(gui: Any) -> Iterator[tuple[str, QWidget]]:
    yield from main_window_states(gui)
    yield from dialog_states(gui)


@pytest.fixture(scope="session")
def demo_template(
    tmp_path_factory: pytest.TempPathFactory, passwords: PasswordHashing
) -> tuple[Path, MachineConfig]:
    return make_demo_database(tmp_path_factory.mktemp("demo"), passwords)


@pytest.fixture
def demo_gui(
    demo_template: tuple[Path, MachineConfig], tmp_path: Path, clock: FixedClock, passwords: Any
) -> Iterator[Any]:
    """The administrator logged in to the demo data; the database file where a laptop keeps it
    (the status bar shows the path)."""
    from jinsha_desktop.gui.context import GuiContext
    from jinsha_desktop.services import auth
    from jinsha_desktop.services.demo import DEMO_PASSWORD
    from jinsha_desktop.services.setup import local_installation, open_database
    from tests.gui.conftest import AnsweringPrompts

    template, config = demo_template
    folder = tmp_path / "Users" / "Administrator" / "AppData" / "Local" / "Jinsha Ledger"
    folder.mkdir(parents=True)
    database = copy_database(template, folder / "jinsha.sqlite3")
    if (template.parent / "photos").is_dir():  # beside the database, as on a laptop
        shutil.copytree(template.parent / "photos", folder / "photos", copy_function=os.link)
    opened = open_database(database, tmp_path / "backups", clock)
    context, _changed = local_installation(opened.database, clock, passwords, config)

    def logged_in(families: list[str], username: str = "admin") -> GuiContext:
        user = auth.login(context, username, DEMO_PASSWORD)
        prompts, config_path = AnsweringPrompts(), tmp_path / "config.json"
        return GuiContext(user, opened, config, config_path, prompts, cjk_families=families)

    yield logged_in
    opened.close()
