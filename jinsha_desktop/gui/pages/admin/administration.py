"""Administration: reference data for everyone allowed to see it; users and audit log for admins."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.pages.admin.audit_page import AuditPage
from jinsha_desktop.gui.pages.admin.checklists_page import ChecklistsPage
from jinsha_desktop.gui.pages.admin.departments_page import DepartmentsPage
from jinsha_desktop.gui.pages.admin.reference_page import ReferencePage
from jinsha_desktop.gui.pages.admin.repair_catalogue_page import RepairCataloguePage
from jinsha_desktop.gui.pages.admin.risk_areas_page import RiskAreasPage
from jinsha_desktop.gui.pages.admin.users_page import UsersPage


class AdministrationPage(ReferencePage):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(gui, parent)
        user = gui.services.user
        self.risk_areas = RiskAreasPage(gui, self)
        self.addTab(self.risk_areas, self.tr("Risk areas"))
        self.catalogue: RepairCataloguePage | None = None
        if user is not None and user.can(Permission.VIEW_REPAIRS):
            self.catalogue = RepairCataloguePage(gui, self)
            self.addTab(self.catalogue, self.tr("Repairs", "tab"))
        self.checklists: ChecklistsPage | None = None
        self.departments: DepartmentsPage | None = None
        if user is not None and user.can(Permission.VIEW_INSPECTIONS):
            # One tab for the inspections' reference data: checklists above, departments below.
            split = QSplitter(Qt.Orientation.Vertical, self)
            self.checklists = ChecklistsPage(gui, split)
            self.departments = DepartmentsPage(gui, split)
            split.addWidget(self.checklists)
            split.addWidget(self.departments)
            split.setSizes([380, 260])
            self.addTab(split, self.tr("Checklists", "tab"))
        self.users: UsersPage | None = None
        self.audit: AuditPage | None = None
        if user is not None and user.can(Permission.MANAGE_USERS):
            self.users = UsersPage(gui, self)
            self.addTab(self.users, self.tr("Users"))
        if user is not None and user.can(Permission.VIEW_AUDIT_LOG):
            self.audit = AuditPage(gui, self)
            # short: with the inspections' tab, every tab still fits 1366 px in English at xlarge
            self.addTab(self.audit, self.tr("Audit", "tab"))

    def restore_draft(self, kind: str, key: str, values: dict[str, Any]) -> bool:
        """Reopen the editor a crash left half-typed, with its values; False if it is gone."""
        if kind == "risk_area":
            self.setCurrentWidget(self.risk_areas)
            return self.risk_areas.restore_draft(key, values)
        dialog = self.editor_for_draft(kind, key)
        if dialog is None and self.catalogue is not None:
            dialog = self.catalogue.editor_for_draft(kind, key)
        if dialog is None and self.departments is not None:
            dialog = self.departments.editor_for_draft(kind, key)
        if dialog is None and self.checklists is not None:
            dialog = self.checklists.editor_for_draft(kind, key)
        if dialog is None:
            return False
        dialog.restore(values)  # type: ignore[attr-defined]
        if dialog.exec():
            self.refresh()
            if self.catalogue is not None:
                self.catalogue.refresh()
            if self.departments is not None:
                self.departments.refresh()
            if self.checklists is not None:
                self.checklists.refresh()
        return True
