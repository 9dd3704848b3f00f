"""Survey campaigns (排查): the list with each campaign's progress, and under it the compounds in
the chosen campaign's scope, how far each is surveyed; type a compound's sheet, turn the
findings into repair orders. The survey importer is on the import page (排查记录)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.fields import always_on
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.surveys import CAMPAIGN, Per, members_by_group
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.campaign_dialog import CampaignDialog
from jinsha_desktop.gui.dialogs.survey_grid_dialog import SurveyGridDialog
from jinsha_desktop.gui.lists.columns import Column, columns_of
from jinsha_desktop.gui.lists.record_list import RecordListPanel
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.services import campaigns, survey_lines
from jinsha_desktop.services.campaigns import CampaignRow, ScopeRow


class CampaignsPage(QWidget):
    orders_made = Signal(int)
    """Findings were turned into repair orders: how many."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        user = gui.services.user
        self.can_log = user is not None and user.can(Permission.LOG_REPAIRS)
        self.list = RecordListPanel(
            self.tr("Survey campaigns"),
            columns_of(CAMPAIGN.shown("list", always_on)),
            self,
            editable=self.can_log,
        )
        self.list.enable_export(gui)
        # Who took part and the note are too long for a cell: hidden in the table (still
        # searched and exported) and shown whole, wrapped, under it for the chosen campaign.
        for key in ("members", "note"):
            self.list.form.table.setColumnHidden(self._column(key), True)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scope = RecordListPanel(
            self.tr("Compounds in scope"), self._scope_columns(), self, editable=False
        )
        self.type_button = QPushButton(self.tr("&Type the sheet…"), self)
        self.convert_button = QPushButton(self.tr("Findings to &repair orders…"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        actions = QHBoxLayout()
        for button in (self.type_button, self.convert_button):
            button.setVisible(self.can_log)
            actions.addWidget(button)
        actions.addWidget(self.status, 1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.scope, 1)
        lower_layout.addLayout(actions)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.list, 1)
        upper_layout.addWidget(self.detail)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        # Campaigns are few, their compounds many: the compounds get the larger share.
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.list.add_requested.connect(lambda: self.edit_campaign(None))
        self.list.edit_requested.connect(lambda row: self.edit_campaign(row))
        self.list.delete_requested.connect(self.delete_campaign)
        self.list.current_changed.connect(lambda _row: self.show_scope())
        self.scope.edit_requested.connect(self.type_sheet)
        self.type_button.clicked.connect(lambda: self.type_sheet(self.scope.current_row()))
        self.convert_button.clicked.connect(self.convert)
        self.refresh()

    def _scope_columns(self) -> list[Column]:
        def state(lines: int) -> str:
            return self.tr("surveyed") if lines else self.tr("not yet")

        return [
            Column("unit_name", shown("社区/村"), 90),
            Column("name", shown("小区"), 140),
            Column("buildings", self.tr("Buildings"), 60, align_right=True),
            Column("lines", self.tr("State"), 70, formatter=state),
            Column("findings", shown("发现问题"), 70, align_right=True),
            Column("converted", shown("已转报修"), 70, align_right=True),
        ]

    def _column(self, key: str) -> int:
        return [column.key for column in self.list.model.columns].index(key)

    # -- reading

    def refresh(self) -> None:
        try:
            self.list.set_rows(campaigns.list_campaigns(self.gui.services))
        except KnownError as error:
            self.status.setText(shown(error.message))
        if self.list.current_row() is None and self.list.model.rows():
            self.list.form.table.selectRow(0)
        self.show_scope()

    def current(self) -> CampaignRow | None:
        row: Any = self.list.current_row()
        return row if isinstance(row, CampaignRow) else None

    def show_scope(self) -> None:
        campaign = self.current()
        lines = []
        if campaign is not None and campaign.members:
            lines.append(self.tr("Taking part: %1").replace("%1", self.members_shown(campaign)))
        if campaign is not None and campaign.note:
            lines.append(self.tr("Note: %1").replace("%1", campaign.note))
        self.detail.setText("\n".join(lines))
        self.detail.setVisible(bool(lines))
        rows: list[ScopeRow] = []
        if campaign is not None:
            try:
                rows = campaigns.campaign_detail(self.gui.services, campaign.id).scope
            except KnownError as error:
                self.status.setText(shown(error.message))
        self.scope.set_rows(rows)
        if rows and self.scope.current_row() is None:
            self.scope.form.table.selectRow(0)
        enabled = campaign is not None and self.can_log
        self.type_button.setEnabled(enabled and bool(rows))
        self.convert_button.setEnabled(enabled and campaign is not None and campaign.findings > 0)

    def members_shown(self, campaign: CampaignRow) -> str:
        """Who took part, by group, in the interface's language (names as typed)."""
        text = ""
        for group, names in members_by_group(campaign.people):
            part = self.tr("%1: %2").replace("%1", shown(group.label))
            part = part.replace("%2", self.tr(", ").join(names))
            text = self.tr("%1; %2").replace("%1", text).replace("%2", part) if text else part
        return text

    # -- acting

    def edit_campaign(self, row: CampaignRow | None) -> None:
        if not self.can_log:
            return
        try:
            dialog = CampaignDialog(self.gui, self, row.id if row else None)
        except KnownError as error:
            self.status.setText(shown(error.message))
            return
        dialog.saved.connect(lambda _id: self.refresh())
        dialog.exec()

    def delete_campaign(self, row: CampaignRow) -> None:
        question = self.tr("Delete the survey campaign “%1” and its survey lines?").replace(
            "%1", row.name
        )
        if not self.gui.prompts.confirm(self, self.tr("Delete"), question, self.tr("Delete")):
            return
        try:
            campaigns.delete_campaign(self.gui.services, row.id, row.version)
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Delete"), error.message)
            return
        self.refresh()

    def type_sheet(self, scope: ScopeRow | None) -> None:
        campaign = self.current()
        if campaign is None or scope is None or not self.can_log:
            return
        try:
            dialog = SurveyGridDialog(self.gui, self, campaign.id, scope.compound_id)
        except KnownError as error:
            self.status.setText(shown(error.message))
            return
        dialog.saved.connect(lambda _n: self.refresh())
        dialog.exec()

    def convert(self) -> None:
        campaign = self.current()
        if campaign is None:
            return
        choices = [shown(Per.BUILDING.label), shown(Per.COMPOUND.label), self.tr("Cancel")]
        text = self.tr(
            "Turn the findings of “%1” not yet converted into repair orders: one order per "
            "building, or one per compound?"
        ).replace("%1", campaign.name)
        answer = self.gui.prompts.choose(self, self.tr("Repair orders"), text, choices, 0, 2)
        if answer == 2:
            return
        per = (Per.BUILDING, Per.COMPOUND)[answer]
        try:
            made = survey_lines.convert_findings(self.gui.services, campaign.id, per)
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Repair orders"), error.message)
            return
        self.status.setText(
            self.tr("%1 repair orders made.").replace("%1", str(len(made)))
            if made
            else self.tr("Every finding was already turned into a repair order.")
        )
        self.refresh()
        self.orders_made.emit(len(made))
