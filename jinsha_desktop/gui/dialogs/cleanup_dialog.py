"""The clean-up form (整治): where (community → compound → building, a place in words), what
(category and count in its unit), when, who took part by group, photos before and after.

Keyboard first: Enter walks the fields in reading order and saves on the last, Ctrl+S saves
from anywhere, the photo strips follow the note with Tab. The rules are the domain's
(CleanupInput.cleaned) and the service's; this form only binds widgets to them.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.cleanups import CleanupInput
from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.fields import text_of
from jinsha_desktop.domain.repairs import Group
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.binder import as_uuid, refill_combo
from jinsha_desktop.gui.forms.record_dialog import RecordDialog
from jinsha_desktop.gui.generated.ui_cleanup_dialog import Ui_CleanupDialog
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.qdates import qdate
from jinsha_desktop.gui.widgets.photo_strip import TILE_LINES, PhotoStrip
from jinsha_desktop.gui.widgets.place_picker import PlacePicker
from jinsha_desktop.services.campaigns import list_campaigns
from jinsha_desktop.services.cleanups import (
    cleanup_for_edit,
    record_cleanup,
    update_cleanup,
)
from jinsha_desktop.services.registration import today_of
from jinsha_desktop.services.repair_catalogue import list_cleanup_categories

_GROUPS = [group.value for group in Group]


class CleanupDialog(RecordDialog):
    """A new clean-up (`cleanup_id` None) or a saved one to correct; `saved_id` after Save."""

    ui_class = Ui_CleanupDialog
    fields = [
        "unit_id", "compound_id", "building_id", "place", "category_id", "count", "done_on",
        "campaign_id", *_GROUPS, "note",
    ]  # fmt: skip
    draft_kind = "cleanup"

    def __init__(
        self, gui: GuiContext, parent: QWidget | None, cleanup_id: uuid.UUID | None = None
    ) -> None:
        self.cleanup_id = cleanup_id
        self.saved_id: uuid.UUID | None = None
        self._version: int | None = None
        super().__init__(gui, parent, str(cleanup_id or "new"))
        self.form.category_id.currentIndexChanged.connect(lambda _i: self._show_measure())
        if cleanup_id is not None:
            self._load(cleanup_id)
        self._show_measure()

    def prepare(self) -> None:
        form = self.form
        self.picker = PlacePicker(
            lambda: self.gui.services, form.unit_id, form.compound_id, form.building_id, self
        )
        self.picker.refill()
        self._categories = {str(c.id): c for c in list_cleanup_categories(self.gui.services)}
        refill_combo(form.category_id, [(c.name, key) for key, c in self._categories.items()])
        campaigns = list_campaigns(self.gui.services)
        refill_combo(form.campaign_id, [(c.name, str(c.id)) for c in campaigns])
        form.done_on.setDate(qdate(today_of(self.gui.services)))
        self.before = PhotoStrip(self.gui, self, role="before", title=self.tr("P&hotos before"))
        self.after = PhotoStrip(self.gui, self, role="after", title=self.tr("Photos af&ter"))
        for strip in (self.before, self.after):
            form.photos.addWidget(strip)
        self.setTabOrder(form.note, self.before.view)
        self.setTabOrder(self.before.view, self.after.view)
        self._widen_photos()

    def _widen_photos(self) -> None:
        """Room for a photo and a half beside the fields, at any interface size."""
        for strip in (self.before, self.after):
            side = strip.fontMetrics().height() * TILE_LINES
            strip.view.setMinimumWidth(side * 3 // 2)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "after"):
            self._widen_photos()

    def _load(self, cleanup_id: uuid.UUID) -> None:
        opened = cleanup_for_edit(self.gui.services, cleanup_id)
        data = opened.data
        self._version = opened.version
        values: dict[str, Any] = {"unit_id": str(opened.unit_id)}  # first: it fills the rest
        for name in self.fields[1:]:
            value = getattr(data, name)
            values[name] = str(value) if isinstance(value, uuid.UUID) else value
        self.binder.set_values(values)
        category = self._categories.get(str(data.category_id))
        record = f"整治记录 {text_of(data.done_on)} {category.name if category else ''}".strip()
        for strip in (self.before, self.after):
            strip.show_photos(opened.photos, record)

    def _show_measure(self) -> None:
        category = self._categories.get(str(self.form.category_id.currentData()))
        self.form.measure.setText(shown(category.unit) if category else "")

    def save(self) -> None:
        if self.before.busy() or self.after.busy():
            self.form.form_error.setText(self.tr("Photos are still being added; save again."))
            self.form.form_error.show()
            return
        super().save()
        form = self.form
        if self.isVisible() and not form.compound_id.isEnabled() and form.compound_id_error.text():
            form.unit_id.setFocus()  # no community chosen yet: the compounds come from it

    def submit(self, values: dict[str, Any]) -> None:
        data = CleanupInput(
            category_id=as_uuid(values["category_id"]),
            compound_id=as_uuid(values["compound_id"]),
            count=values["count"],
            done_on=values["done_on"],
            building_id=as_uuid(values["building_id"]),
            campaign_id=as_uuid(values["campaign_id"]),
            place=values["place"],
            note=values["note"],
            **{name: values[name] for name in _GROUPS},
        )
        photos = {"photos_before": self.before.pending(), "photos_after": self.after.pending()}
        context = self.gui.services
        if self.cleanup_id is None:
            self.saved_id = record_cleanup(context, data, **photos)
        else:
            assert self._version is not None
            update_cleanup(context, self.cleanup_id, data, self._version, **photos)
            self.saved_id = self.cleanup_id


def open_cleanup(
    gui: GuiContext,
    parent: QWidget | None,
    cleanup_id: uuid.UUID | None,
    draft: dict[str, Any] | None = None,
) -> uuid.UUID | None | bool:
    """Show the form (with a draft's values put back, after a crash); the id saved, None when
    it was closed without saving, False when it could not be opened (the reason is shown)."""
    try:
        dialog = CleanupDialog(gui, parent, cleanup_id)
    except KnownError as error:
        gui.prompts.warn(parent, dialog_title(), error.message)
        return False
    if draft is not None:
        dialog.restore(draft)
    dialog.exec()
    return dialog.saved_id


def dialog_title() -> str:
    return QCoreApplication.translate("CleanupDialog", "Clean-up")
