"""The modules of the main window, declared in one list: adding a module is one entry in MODULES.

A module names its side-bar title, an optional icon, the page that shows it, the right a user
needs to see it, and the forms of it that keep drafts (restored at the next start, asked about
before the window closes or logs out). The main window builds its side bar, its pages, the
draft check and the draft restore from this list alone; it names no module itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, SignalInstance
from PySide6.QtWidgets import QStyle, QWidget

from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.pages.placeholder import NotAvailablePage

if TYPE_CHECKING:
    from jinsha_desktop.gui.context import GuiContext
    from jinsha_desktop.services.context import CurrentUser

PageFactory = Callable[["GuiContext", QWidget], QWidget]
"""Builds a module's page inside the main window's page stack: (gui, parent) -> page."""


def lazy(target: str) -> PageFactory:
    """A page factory for "package.module:Class", imported when the page is first shown: the
    login must reach a usable window without importing every page (tests/gui/test_startup_*)."""
    module_name, _, name = target.partition(":")

    def build(gui: GuiContext, parent: QWidget) -> QWidget:
        page: QWidget = getattr(importlib.import_module(module_name), name)(gui, parent)
        return page

    build.__qualname__ = f"lazy({target!r})"
    return build


@dataclass(frozen=True)
class DraftForm:
    """A form that keeps a draft: the part of its draft key before ":", and its name in the
    draft prompt (English source, translated in the "Drafts" context)."""

    kind: str
    title: str

    def shown_title(self) -> str:
        return QCoreApplication.translate("Drafts", self.title)


@dataclass(frozen=True)
class Module:
    key: str
    title: str
    """The side-bar name: English source, translated in the "MainWindow" context."""
    page: PageFactory | None
    """Builds the module's page; None while the module is not built yet (a page says so)."""
    permissions: tuple[Permission, ...] = (Permission.VIEW_RECORDS,)
    """The rights of which a user needs one to see the module (the ledgers: the checkpoint's or
    the old compounds' records); what the page offers inside follows the rest."""
    drafts: tuple[DraftForm, ...] = ()
    """The module's forms that keep drafts; its page restores them (`RestoresDrafts`)."""
    icon: QStyle.StandardPixmap | None = None

    def shown_title(self) -> str:
        return QCoreApplication.translate("MainWindow", self.title)

    def shown_to(self, user: CurrentUser | None) -> bool:
        return user is not None and any(user.can(right) for right in self.permissions)

    def build_page(self, gui: GuiContext, parent: QWidget) -> QWidget:
        if self.page is None:
            return NotAvailablePage(self.shown_title(), parent)
        return self.page(gui, parent)


@runtime_checkable
class RestoresDrafts(Protocol):
    """A page of a module with drafts: puts a draft of one of its forms back (False: it cannot,
    e.g. the record is gone; the draft is then discarded)."""

    def restore_draft(self, kind: str, key: str, values: dict[str, Any]) -> bool: ...


@runtime_checkable
class HoldsUnsavedInput(Protocol):
    """A page whose draft form sits in the page itself (not in a modal dialog, which keeps the
    window from closing anyway): asked before the window closes or logs out."""

    def has_unsaved_input(self) -> bool: ...

    def keep_unsaved_input(self) -> None:
        """Leaving anyway: write the draft now, not at the next autosave tick."""


@runtime_checkable
class NamesACheckpoint(Protocol):
    """A page that registers for one checkpoint: the status bar keeps its name in view."""

    checkpoint_changed: SignalInstance
    """Carries the checkpoint's name ("" for none) when it changes."""

    def checkpoint_name(self) -> str: ...


# Titles are marked with literal QT_TRANSLATE_NOOP calls: what pyside6-lupdate finds for the .ts.
MODULES: tuple[Module, ...] = (
    Module(
        "registration",
        str(QT_TRANSLATE_NOOP("MainWindow", "Visitor registration")),
        lazy("jinsha_desktop.gui.pages.checkpoint.registration_module:RegistrationModule"),
        drafts=(
            DraftForm("registration", str(QT_TRANSLATE_NOOP("Drafts", "Visitor registration"))),
        ),
    ),
    Module(
        "monitoring",
        str(QT_TRANSLATE_NOOP("MainWindow", "Health monitoring")),
        lazy("jinsha_desktop.gui.pages.checkpoint.monitoring_page:MonitoringPage"),
        drafts=(
            DraftForm("check", str(QT_TRANSLATE_NOOP("Drafts", "Daily check"))),
            DraftForm("case", str(QT_TRANSLATE_NOOP("Drafts", "Start health monitoring"))),
        ),
    ),
    Module(
        "repairs",
        str(QT_TRANSLATE_NOOP("MainWindow", "Facility repairs")),
        lazy("jinsha_desktop.gui.pages.repairs.repairs_module:RepairsModule"),
        permissions=(Permission.VIEW_REPAIRS,),
        drafts=(
            DraftForm("repair_order", str(QT_TRANSLATE_NOOP("Drafts", "Repair order"))),
            DraftForm("cleanup", str(QT_TRANSLATE_NOOP("Drafts", "Clean-up"))),
        ),
    ),
    Module(
        "inspections",
        str(QT_TRANSLATE_NOOP("MainWindow", "Village inspections")),
        lazy("jinsha_desktop.gui.pages.inspections.inspections_module:InspectionsModule"),
        permissions=(Permission.VIEW_INSPECTIONS,),
        drafts=(
            DraftForm("inspection", str(QT_TRANSLATE_NOOP("Drafts", "Inspection"))),
            DraftForm("finding", str(QT_TRANSLATE_NOOP("Drafts", "Finding"))),
        ),
    ),
    Module(
        "ledgers",
        str(QT_TRANSLATE_NOOP("MainWindow", "Ledgers and export")),
        lazy("jinsha_desktop.gui.pages.ledgers.ledgers_module:LedgersModule"),
        permissions=(
            Permission.VIEW_RECORDS,
            Permission.VIEW_REPAIRS,
            Permission.VIEW_INSPECTIONS,
        ),
    ),
    Module(
        "administration",
        str(QT_TRANSLATE_NOOP("MainWindow", "Administration")),
        lazy("jinsha_desktop.gui.pages.admin.administration:AdministrationPage"),
        drafts=(
            DraftForm("unit", str(QT_TRANSLATE_NOOP("Drafts", "Community or village"))),
            DraftForm("compound", str(QT_TRANSLATE_NOOP("Drafts", "Compound"))),
            DraftForm("building", str(QT_TRANSLATE_NOOP("Drafts", "Building"))),
            DraftForm("checkpoint", str(QT_TRANSLATE_NOOP("Drafts", "Checkpoint"))),
            DraftForm("risk_area", str(QT_TRANSLATE_NOOP("Drafts", "Risk area"))),
            DraftForm("part", str(QT_TRANSLATE_NOOP("Drafts", "Part"))),
            DraftForm("cleanup_category", str(QT_TRANSLATE_NOOP("Drafts", "Clean-up category"))),
            DraftForm("checklist", str(QT_TRANSLATE_NOOP("Drafts", "Checklist"))),
            DraftForm("department", str(QT_TRANSLATE_NOOP("Drafts", "Department"))),
        ),
    ),
)
"""Every module, in side-bar order. A user sees those their role allows (`Module.permissions`)."""


def visible_modules(user: CurrentUser | None, modules: Sequence[Module] = MODULES) -> list[Module]:
    return [module for module in modules if module.shown_to(user)]


def draft_form(kind: str, modules: Sequence[Module] = MODULES) -> tuple[Module, DraftForm] | None:
    """The module whose form keeps drafts of this kind (the part of a draft key before ":")."""
    for module in modules:
        for form in module.drafts:
            if form.kind == kind:
                return module, form
    return None
