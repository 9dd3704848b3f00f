"""A survey campaign (排查): name, period, compounds in scope, who takes part by group, note.

The compounds are a checked list (Space ticks the current one; the filter narrows it); the
people are typed per group, names separated by 、 or commas. The rules are the domain's
(domain/surveys.CampaignInput); the service saves (services/campaigns.save_campaign).
"""

from __future__ import annotations

import re
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jinsha_desktop.domain.errors import FormErrors, KnownError
from jinsha_desktop.domain.repairs import Group
from jinsha_desktop.domain.surveys import CampaignInput, MemberInput
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.look import ERROR_STYLE
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.qdates import python_date, qdate
from jinsha_desktop.services import campaigns
from jinsha_desktop.services.registration import today_of

_SEPARATORS = re.compile(r"[、，,；;\s]+")


class CampaignDialog(QDialog):
    saved = Signal(object)
    """The campaign was saved: its id."""

    def __init__(
        self, gui: GuiContext, parent: QWidget | None, campaign_id: uuid.UUID | None = None
    ) -> None:
        super().__init__(parent)
        self.gui = gui
        self.campaign_id = campaign_id
        self.version: int | None = None
        self.setWindowTitle(self.tr("Survey campaign"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setMaxLength(60)
        form.addRow(self.tr("&Name:"), self.name)
        today = today_of(gui.services)
        self.start_date = self._date(today)
        self.end_date = self._date(today)
        period = QHBoxLayout()
        period.addWidget(self.start_date)
        to = QLabel(self.tr("&to"), self)
        to.setBuddy(self.end_date)
        period.addWidget(to)
        period.addWidget(self.end_date)
        period.addStretch(1)
        since = QLabel(self.tr("&From:"), self)
        since.setBuddy(self.start_date)
        form.addRow(since, period)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter compounds by name"))
        self.filter.textChanged.connect(self._filter)
        form.addRow(self.tr("Compounds in &scope:"), self.filter)
        self.compounds = QListWidget(self)
        self.compounds.setMinimumHeight(120)
        form.addRow("", self.compounds)
        # Who takes part, a group a row: two a row left the names a few characters wide in
        # English (the compounds list gives up the height; the dialog fits 1366×768).
        self.members: dict[Group, QLineEdit] = {}
        people = QGridLayout()
        for number, group in enumerate(Group):
            edit = QLineEdit(self)
            edit.setPlaceholderText(self.tr("Names, separated by 、"))
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("宋欣怡、" * 6))
            self.members[group] = edit
            label = QLabel(shown(group.label) + self.tr(":"), self)
            label.setBuddy(edit)
            people.addWidget(label, number, 0)
            people.addWidget(edit, number, 1)
        form.addRow(QLabel(self.tr("Taking part:"), self), people)
        self.note = QLineEdit(self)
        form.addRow(self.tr("N&ote:"), self.note)
        layout.addLayout(form)
        self.form_error = QLabel(self)
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.form_error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        self._fill(campaign_id)

    def _date(self, day: object) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(qdate(day))  # type: ignore[arg-type]
        return edit

    def _fill(self, campaign_id: uuid.UUID | None) -> None:
        chosen: set[uuid.UUID] = set()
        surveyed: set[uuid.UUID] = set()
        if campaign_id is not None:
            detail = campaigns.campaign_detail(self.gui.services, campaign_id)
            data, self.version = detail.data, detail.version
            self.name.setText(data.name)
            if data.start_date and data.end_date:
                self.start_date.setDate(qdate(data.start_date))
                self.end_date.setDate(qdate(data.end_date))
            self.note.setText(data.note)
            chosen = set(data.compound_ids)
            surveyed = {row.compound_id for row in detail.scope if row.surveyed}
            for group, edit in self.members.items():
                edit.setText("、".join(m.name for m in data.members if m.group is group))
            # A long list of names reads from its start (setText leaves the cursor at the end).
            for edit in (self.name, self.note, *self.members.values()):
                edit.setCursorPosition(0)
        for choice in campaigns.scope_choices(self.gui.services):
            text = f"{choice.unit_name} · {choice.name}"
            item = QListWidgetItem(text, self.compounds)
            item.setData(Qt.ItemDataRole.UserRole, str(choice.id))
            checked = choice.id in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if choice.id in surveyed:
                item.setToolTip(self.tr("Already surveyed: stays in scope."))

    def _filter(self, text: str) -> None:
        needle = text.strip()
        for row in range(self.compounds.count()):
            item = self.compounds.item(row)
            item.setHidden(bool(needle) and needle not in item.text())

    def campaign_input(self) -> CampaignInput:
        ids = tuple(
            uuid.UUID(str(item.data(Qt.ItemDataRole.UserRole)))
            for item in (self.compounds.item(r) for r in range(self.compounds.count()))
            if item.checkState() == Qt.CheckState.Checked
        )
        members = tuple(
            MemberInput(name, group)
            for group, edit in self.members.items()
            for name in _SEPARATORS.split(edit.text())
            if name
        )
        return CampaignInput(
            self.name.text(),
            python_date(self.start_date.date()),
            python_date(self.end_date.date()),
            ids,
            members,
            self.note.text(),
        )

    def save(self) -> None:
        try:
            campaign_id = campaigns.save_campaign(
                self.gui.services, self.campaign_input(), self.campaign_id, self.version
            )
        except FormErrors as error:
            self.form_error.setText("\n".join(shown(e.message) for e in error.errors))
            self._focus(error.errors[0].field)
            return
        except KnownError as error:
            self.form_error.setText(shown(error.message))
            self._focus(error.field)
            return
        self.saved.emit(campaign_id)
        self.accept()

    def _focus(self, field: str | None) -> None:
        widgets: dict[str, QWidget] = {
            "name": self.name,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "compound_ids": self.compounds,
            "note": self.note,
            "members": self.members[Group.CADRES],
        }
        widget = widgets.get(field or "")
        if widget is not None:
            widget.setFocus()
