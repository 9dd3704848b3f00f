"""A finding (问题) to rectify: where, what, by when, who leads and who helps, photos.

Two ways in. From an inspection's deduction (`open_finding_for_answer`): everything is filled
from the inspection (unit, place, date, the item's text and note, the lead unit, a deadline)
and Save has the focus, so the deduction becomes a finding in one key; the service copies the
deduction's photos. On its own (`open_new_finding`): a department patrol's or a resident's
report, typed in full. Keyboard first as every form: Enter walks the fields in reading order
and saves on the last, Ctrl+S saves from anywhere. The rules are the domain's
(FindingInput.cleaned) and the service's; this form binds widgets to them.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.findings import FindingInput, FindingSource, PartyInput
from jinsha_desktop.domain.inspections import PlaceKind
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.binder import as_uuid, refill_combo
from jinsha_desktop.gui.forms.record_dialog import RecordDialog
from jinsha_desktop.gui.generated.ui_finding_dialog import Ui_FindingDialog
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.qdates import qdate
from jinsha_desktop.gui.widgets.photo_strip import TILE_LINES, PhotoStrip
from jinsha_desktop.gui.widgets.place_picker import PlacePicker
from jinsha_desktop.services import findings, reference
from jinsha_desktop.services.checklists import list_departments
from jinsha_desktop.services.registration import today_of

UNIT, DEPARTMENT = "unit", "department"
"""The two kinds of party (a village or community, a department) as a choice's prefix."""
ANSWER_KEY = "answer-"
"""A draft's key for a finding from a deduction: this and the answer's id."""


def party_key(party: PartyInput) -> str:
    """A party as a choice's item data: "unit:<id>" or "department:<id>"."""
    if party.department_id is not None:
        return f"{DEPARTMENT}:{party.department_id}"
    return f"{UNIT}:{party.unit_id}" if party.unit_id is not None else ""


def party_of(key: Any) -> PartyInput:
    """The party a choice's item data names (empty: no party)."""
    kind, _, text = str(key or "").partition(":")
    record_id = as_uuid(text)
    if kind == DEPARTMENT:
        return PartyInput(department_id=record_id)
    return PartyInput(unit_id=record_id) if kind == UNIT else PartyInput()


class FindingDialog(RecordDialog):
    """A new finding: from a deduction (`answer_id` and its `prefill`) or on its own."""

    ui_class = Ui_FindingDialog
    fields = [
        "source", "unit_id", "place_kind", "compound_id", "building_id", "place", "problem",
        "found_on", "deadline", "lead", "patrol", "reporter_name", "reporter_phone", "note",
    ]  # fmt: skip
    draft_kind = "finding"

    def __init__(
        self,
        gui: GuiContext,
        parent: QWidget | None,
        answer_id: uuid.UUID | None = None,
        prefill: FindingInput | None = None,
    ) -> None:
        self.answer_id = answer_id
        self.saved_id: uuid.UUID | None = None
        """The finding saved in this window (None: nothing was)."""
        key = f"{ANSWER_KEY}{answer_id}" if answer_id is not None else "new"
        super().__init__(gui, parent, key, self.tr("Finding"))
        form = self.form
        form.source.currentIndexChanged.connect(lambda _i: self._show_source_fields())
        form.unit_id.currentIndexChanged.connect(lambda _i: self._lead_follows_unit())
        if prefill is not None:
            self._fill(prefill)
        self._show_source_fields()
        if answer_id is not None:
            form.heading.setText(
                self.tr(
                    "A finding from the inspection's deduction: check the deadline and the "
                    "lead unit, then Enter saves. The deduction's photos come with it."
                )
            )
            form.source.setEnabled(False)
            save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
            save.setAutoDefault(True)  # Enter on it saves: one key from deduction to finding
            save.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            form.heading.setText(
                self.tr("A department patrol's or a resident's report, entered on its own.")
            )
            form.source.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- choices

    def prepare(self) -> None:
        form = self.form
        services = self.gui.services
        for source in FindingSource:
            if source is not FindingSource.INSPECTION or self.answer_id is not None:
                form.source.addItem(shown(source.label), source.value)
        for kind in PlaceKind:
            form.place_kind.addItem(shown(kind.label), kind.value)
        self.picker = PlacePicker(
            lambda: services, form.unit_id, form.compound_id, form.building_id, self
        )
        self.picker.refill()
        parties = [(unit.name, f"{UNIT}:{unit.id}") for unit in reference.list_units(services)]
        parties += [(d.name, f"{DEPARTMENT}:{d.id}") for d in list_departments(services)]
        refill_combo(form.lead, parties)
        helpers: QListWidget = form.helpers
        for name, key in parties:
            item = QListWidgetItem(name, helpers)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        today = today_of(services)
        form.found_on.setDate(qdate(today))
        form.deadline.setDate(qdate(today))
        self.photos = PhotoStrip(self.gui, self, role="before", title=self.tr("&Attached photos"))
        form.photos.addWidget(self.photos)
        self.setTabOrder(form.note, self.photos.view)
        self._widen_photos()

    def _widen_photos(self) -> None:
        side = self.photos.fontMetrics().height() * TILE_LINES
        self.photos.view.setMinimumWidth(side * 3 // 2)
        self.photos.view.setMinimumHeight(side * 3 // 4)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "photos"):
            self._widen_photos()

    def _show_source_fields(self) -> None:
        """A patrol names the patrol; a resident's report names the resident and a phone."""
        form = self.form
        source = form.source.currentData()
        rows = form.parties
        rows.setRowVisible(form.patrol, source == FindingSource.PATROL.value)
        for widget in (form.reporter_name, form.reporter_phone):
            rows.setRowVisible(widget, source == FindingSource.RESIDENT.value)
        for name in ("patrol", "reporter_name", "reporter_phone"):
            self.binder.clear_error(name)  # a message about a field now hidden goes with it

    def _lead_follows_unit(self) -> None:
        """The village or community where the problem is leads unless another was chosen."""
        form = self.form
        unit_key = f"{UNIT}:{form.unit_id.currentData()}"
        if form.lead.currentData() in ("", None, self._unit_key):
            form.lead.setCurrentIndex(max(form.lead.findData(unit_key), 0))
        self._unit_key = unit_key

    _unit_key = ""
    """The lead choice of the unit chosen before (the lead still following it)."""

    def _fill(self, data: FindingInput) -> None:
        """The form as `data` says, in reading order (the unit fills its compounds first)."""
        values: dict[str, Any] = {
            "source": data.source.value,
            "unit_id": str(data.unit_id or ""),
            "place_kind": data.place_kind.value,
            "compound_id": str(data.compound_id or ""),
            "building_id": str(data.building_id or ""),
            "place": data.place,
            "problem": data.problem,
            "found_on": data.found_on,
            "deadline": data.deadline,
            "lead": party_key(data.lead),
            "patrol": data.patrol,
            "reporter_name": data.reporter_name,
            "reporter_phone": data.reporter_phone,
            "note": data.note,
        }
        self.binder.set_values(values)
        self.set_helpers([party_key(p) for p in data.helpers])

    # -- cooperating units (a list of ticks, beside the binder's fields)

    def helper_keys(self) -> list[str]:
        helpers: QListWidget = self.form.helpers
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (helpers.item(row) for row in range(helpers.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_helpers(self, keys: list[str]) -> None:
        helpers: QListWidget = self.form.helpers
        for row in range(helpers.count()):
            item = helpers.item(row)
            ticked = item.data(Qt.ItemDataRole.UserRole) in keys
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    # -- saving

    def save(self) -> None:
        if self.photos.busy():
            self.form.form_error.setText(self.tr("Photos are still being added; save again."))
            self.form.form_error.show()
            return
        super().save()

    def input_of(self, values: dict[str, Any]) -> FindingInput:
        lead = party_of(values["lead"])
        helpers = tuple(party_of(key) for key in self.helper_keys() if key != values["lead"])
        source = FindingSource(values["source"])
        return FindingInput(
            source=source,
            unit_id=as_uuid(values["unit_id"]),  # none chosen: cleaned() says so by the field
            problem=values["problem"],
            found_on=values["found_on"],
            deadline=values["deadline"],
            lead=lead,
            helpers=helpers,
            place_kind=PlaceKind(values["place_kind"] or PlaceKind.UNIT.value),
            compound_id=as_uuid(values["compound_id"]),
            building_id=as_uuid(values["building_id"]),
            place=values["place"],
            reporter_name=values["reporter_name"] if source is FindingSource.RESIDENT else "",
            reporter_phone=values["reporter_phone"] if source is FindingSource.RESIDENT else "",
            patrol=values["patrol"] if source is FindingSource.PATROL else "",
            note=values["note"],
        )

    def submit(self, values: dict[str, Any]) -> None:
        data = self.input_of(values)
        context = self.gui.services
        photos = self.photos.pending()
        if self.answer_id is not None:
            self.saved_id = findings.finding_from_answer(
                context, self.answer_id, data, photos=photos
            )
        else:
            self.saved_id = findings.new_finding(context, data, photos=photos)
        self.photos.clear_pending()


def open_new_finding(
    gui: GuiContext, parent: QWidget | None, draft: dict[str, Any] | None = None
) -> uuid.UUID | None | bool:
    """A patrol's or a resident's finding (a draft's values put back, after a crash): the id
    saved, None when closed without saving, False when the form could not be opened."""
    try:
        dialog = FindingDialog(gui, parent)
    except KnownError as error:
        gui.prompts.warn(parent, dialog_title(), shown(error.message))
        return False
    if draft is not None:
        dialog.restore(draft)
    dialog.exec()
    return dialog.saved_id


def open_finding_for_answer(
    gui: GuiContext,
    parent: QWidget | None,
    answer_id: uuid.UUID,
    draft: dict[str, Any] | None = None,
) -> uuid.UUID | None:
    """A finding from an inspection's deduction (F6 on a deducted item): the form filled from
    the inspection (or a draft's values, after a crash), Enter saves. The finding's id, or None
    (closed, or refused: the reason is shown)."""
    try:
        prefill = findings.answer_finding_input(gui.services, answer_id)
        dialog = FindingDialog(gui, parent, answer_id, prefill)
    except KnownError as error:
        gui.prompts.warn(parent, dialog_title(), shown(error.message))
        return None
    if draft is not None:
        dialog.restore(draft)
    dialog.exec()
    return dialog.saved_id


def dialog_title() -> str:
    return QCoreApplication.translate("FindingDialog", "Finding")
