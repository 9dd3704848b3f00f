"""Administration: reference data for everyone allowed to see it; users and audit log for admins."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.pages.audit_page import AuditPage
from jinsha_desktop.gui.pages.reference_page import ReferencePage
from jinsha_desktop.gui.pages.users_page import UsersPage


class AdministrationPage(ReferencePage):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(gui, parent)
        user = gui.services.user
        self.users: UsersPage | None = None
        self.audit: AuditPage | None = None
        if user is not None and user.can(Permission.MANAGE_USERS):
            self.users = UsersPage(gui, self)
            self.addTab(self.users, self.tr("Users"))
        if user is not None and user.can(Permission.VIEW_AUDIT_LOG):
            self.audit = AuditPage(gui, self)
            self.addTab(self.audit, self.tr("Audit log"))
