"""A module is one declaration (gui/modules.py): side bar, permission, page, drafts."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit, QStyle, QVBoxLayout, QWidget

from jinsha_desktop.domain.permissions import Permission, Role
from jinsha_desktop.gui.modules import (
    MODULES,
    DraftForm,
    HoldsUnsavedInput,
    Module,
    RestoresDrafts,
    draft_form,
    visible_modules,
)
from jinsha_desktop.gui.windows.main_window import MainWindow
from jinsha_desktop.services import drafts
from jinsha_desktop.services.context import CurrentUser
from tests.gui.conftest import type_text
from tests.unit.support import logged_in_as

LEAVE = 1


class GadgetPage(QWidget):
    """The page of a throw-away module: one field whose input is kept as a draft."""

    def __init__(self, gui: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.field = QLineEdit(self)
        QVBoxLayout(self).addWidget(self.field)

    def has_unsaved_input(self) -> bool:
        return bool(self.field.text())

    def keep_unsaved_input(self) -> None:
        drafts.save_draft(self.gui.services, "gadget:new", "Gadget", {"text": self.field.text()})

    def restore_draft(self, kind: str, key: str, values: dict[str, Any]) -> bool:
        self.field.setText(values["text"])
        return True


GADGETS = Module(
    "gadgets",
    "Gadget register",
    GadgetPage,
    permissions=(Permission.MANAGE_USERS,),
    drafts=(DraftForm("gadget", "Gadget"),),
    icon=QStyle.StandardPixmap.SP_FileIcon,
)
"""Adding a module is this one entry (here given to the window instead of added to MODULES)."""


def side_bar(window: MainWindow) -> list[str]:
    nav = window.form.navigation
    return [nav.item(row).text() for row in range(nav.count())]


def test_a_declared_module_is_in_the_side_bar_of_a_permitted_role_with_its_icon(qtbot, gui):
    window = MainWindow(gui, "本机", [*MODULES, GADGETS])
    qtbot.addWidget(window)
    assert side_bar(window)[-1] == "Gadget register"
    assert not window.form.navigation.item(len(MODULES)).icon().isNull()
    assert isinstance(window.page("gadgets"), GadgetPage)


def test_a_declared_module_is_not_shown_to_a_role_without_its_permission(qtbot, gui, admin):
    gui.services = logged_in_as(admin, "volunteer", Role.CHECKPOINT)
    window = MainWindow(gui, "卡点", [*MODULES, GADGETS])
    qtbot.addWidget(window)
    assert "Gadget register" not in side_bar(window)
    assert len(side_bar(window)) == len(SEEN_BY[Role.CHECKPOINT])  # the others it may see
    assert window.page("gadgets") is None
    assert [m.key for m in window.modules] == SEEN_BY[Role.CHECKPOINT]


def test_a_declared_modules_draft_form_is_asked_about_at_logout_and_restored(qtbot, gui, prompts):
    from jinsha_desktop.gui.app import Startup

    # Given a half-typed field in the throw-away module's page
    window = MainWindow(gui, "本机", [*MODULES, GADGETS])
    qtbot.addWidget(window)
    window.show()
    page = window.page("gadgets")
    assert isinstance(page, GadgetPage)
    type_text(qtbot, page.field, "螺丝刀 3 把")
    startup = Startup("unused", False, gui.config, gui.config_path, [], prompts)
    startup.window = window
    startup.prepared = object()  # type: ignore[assignment]
    # When the user logs out and takes the default answer (stay)
    startup._logout()
    # Then the module's form was asked about by its name, and the user stays
    assert prompts.shown[-1][0] == "choose"
    assert "Gadget register" in prompts.shown[-1][2]
    assert startup.window is window and window.isVisible()
    # And leaving anyway keeps the input as a draft, restored into the page at the next start
    prompts.choices.append(LEAVE)
    assert window.close()
    second = MainWindow(gui, "本机", [*MODULES, GADGETS])
    qtbot.addWidget(second)
    assert second.offer_drafts() == 1  # Enter: restore
    restored = second.page("gadgets")
    assert isinstance(restored, GadgetPage)
    assert restored.field.text() == "螺丝刀 3 把"


def test_every_draft_kind_belongs_to_one_module_whose_page_restores_it(qtbot, gui):
    kinds = [form.kind for module in MODULES for form in module.drafts]
    assert len(kinds) == len(set(kinds))
    assert {"registration", "check", "case", "unit", "risk_area"} <= set(kinds)
    window = MainWindow(gui, "本机")
    qtbot.addWidget(window)
    for kind in kinds:
        owner = draft_form(kind)
        assert owner is not None
        assert isinstance(window.page(owner[0].key), RestoresDrafts), kind
    registration = window.page("registration")
    assert isinstance(registration, HoldsUnsavedInput)


ALL_MODULES = ["registration", "monitoring", "repairs", "inspections", "ledgers", "administration"]
SEEN_BY: dict[Role, list[str]] = {
    Role.ADMIN: ALL_MODULES,
    Role.CLERK: ALL_MODULES,
    Role.VIEWER: ALL_MODULES,
    # least privilege: the checkpoint sees no repairs, property staff no visitor data (the
    # ledgers module lists them the repair ledgers only)
    Role.CHECKPOINT: ["registration", "monitoring", "ledgers", "administration"],
    Role.PROPERTY: ["repairs", "ledgers"],
    # inspectors: no visitor data (the ledgers module lists them their own ledgers only)
    Role.INSPECTOR: ["repairs", "inspections", "ledgers"],
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_the_modules_its_rights_allow(role):
    # What a role may do inside a module (tabs, buttons) is the page's business.
    user = CurrentUser(uuid.uuid4(), "someone", "某人", role)
    assert [m.key for m in visible_modules(user)] == SEEN_BY[role]
    assert visible_modules(None) == []


def test_a_module_is_shown_to_a_user_with_any_of_its_rights():
    either = Module(
        "either", "Either", None, permissions=(Permission.MANAGE_USERS, Permission.BACKUP)
    )
    clerk = CurrentUser(uuid.uuid4(), "clerk", "业务员", Role.CLERK)  # backup, not users
    property_staff = CurrentUser(uuid.uuid4(), "wuguan", "物管", Role.PROPERTY)
    assert either.shown_to(clerk) and not either.shown_to(property_staff)
