"""A repair order (报修单): the report, its steps, parts and cost, before/after photos.

Keyboard first: tab order is the reading order, Enter moves on, Ctrl+S saves the report (and
the labour cost), Ctrl+Tab changes tab. A new order, once saved, stays open as the saved order,
so its steps, parts and photos follow in the same window; Esc or Close ends. Steps and parts are
taken at once, each by its service; the status and dates are the service's, shown as read back.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from jinsha_desktop.domain.errors import FormErrors, KnownError, ValidationError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repair_kinds import overdue_text
from jinsha_desktop.domain.repairs import OrderInput, OrderSource, PlaceInput, parts_allowed
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.repair_order_panels import (
    PartsPanel,
    StepsPanel,
    read_time,
    time_text,
)
from jinsha_desktop.gui.forms.binder import as_uuid
from jinsha_desktop.gui.forms.record_dialog import RecordDialog
from jinsha_desktop.gui.generated.ui_repair_order_dialog import Ui_RepairOrderDialog
from jinsha_desktop.gui.look import ERROR_STYLE
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.widgets.photo_strip import PhotoStrip
from jinsha_desktop.gui.widgets.place_picker import PlacePicker
from jinsha_desktop.services import reference, repair_orders
from jinsha_desktop.services.repair_order_detail import OrderDetail

REPORT_FIELDS = [
    "unit_id",
    "compound_id",
    "building_id",
    "unit_no",
    "floor",
    "location_note",
    "problem",
    "reporter_name",
    "reporter_phone",
    "reported_at",
    "note",
]


def _number(value: Any) -> int | None:
    """A unit or floor combo's value: its number, or None for the blank choice."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class RepairOrderDialog(RecordDialog):
    ui_class = Ui_RepairOrderDialog
    fields = [*REPORT_FIELDS, "labour_cost"]
    draft_kind = "repair_order"

    def __init__(
        self, gui: GuiContext, parent: QWidget | None = None, order_id: uuid.UUID | None = None
    ) -> None:
        self.order_id = order_id
        self.detail: OrderDetail | None = None
        self.saved_id: uuid.UUID | None = None
        """The order saved or changed in this window (None: nothing was)."""
        user = gui.services.user
        self.can_log = user is not None and user.can(Permission.LOG_REPAIRS)
        super().__init__(gui, parent, str(order_id or "new"))
        form = self.form
        self.before = PhotoStrip(gui, form.photos_tab, role="before", title=self.tr("Before"))
        self.after = PhotoStrip(gui, form.photos_tab, role="after", title=self.tr("After"))
        for strip in (self.before, self.after):
            form.photos_layout.addWidget(strip)
            for button in (strip.add_button, strip.paste_button, strip.remove_button):
                button.setVisible(self.can_log)
        self.steps = StepsPanel(self)
        self.parts = PartsPanel(self)
        self.parts.fill_catalogue()
        save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setVisible(self.can_log)
        if order_id is None:
            form.reported_at.setText(time_text(gui.services.clock.now()))
        self.reload(fill=True)
        form.tabs.setCurrentWidget(form.report_tab)
        form.unit_id.setFocus()  # the first field, in reading order

    def prepare(self) -> None:
        form = self.form
        self.picker = PlacePicker(
            lambda: self.gui.services,
            form.unit_id,
            form.compound_id,
            form.building_id,
            self,
            unit_no=form.unit_no,
            floor=form.floor,
        )
        self.picker.refill()

    # -- reading the order

    def reload(self, *, fill: bool = False) -> None:
        """Read the order again (its version, status, events, parts, photos); `fill`: put its
        report in the fields too (after a save; not after a step, which keeps what is typed)."""
        services = self.gui.services
        if self.order_id is not None:
            self.detail = repair_orders.order_detail(services, self.order_id)
        detail = self.detail
        if fill and detail is not None:
            self._fill(detail)
        self._show_heading(detail)
        self.steps.show(detail, self.can_log, services.clock.now())
        self.parts.show(detail, self.can_log)
        if detail is not None:
            record = shown(f"报修单 {detail.number}")
            for strip in (self.before, self.after):
                strip.show_photos(list(detail.photos), record)
        self.form.reported_at.setReadOnly(detail is not None)
        for name in self.fields:
            self.binder.widget(name).setEnabled(self.can_log)
        self.form.labour_cost.setEnabled(
            self.can_log and detail is not None and parts_allowed(detail.status)
        )

    def _fill(self, detail: OrderDetail) -> None:
        compound = next(
            (c for c in reference.list_compounds(self.gui.services) if c.id == detail.compound_id),
            None,
        )
        self.binder.set_values(
            {
                "unit_id": str(compound.unit_id) if compound is not None else "",
                "compound_id": str(detail.compound_id),
                "building_id": str(detail.building_id or ""),
                "unit_no": detail.unit_no if detail.unit_no else "",
                "floor": detail.floor if detail.floor else "",
                "location_note": detail.location_note,
                "problem": detail.problem,
                "reporter_name": detail.reporter_name,
                "reporter_phone": detail.reporter_phone,
                "reported_at": time_text(detail.reported_at),
                "note": detail.note,
                "labour_cost": f"{detail.labour_cost:.2f}",
            }
        )
        self._initial = self.binder.values()

    def _show_heading(self, detail: OrderDetail | None) -> None:
        if detail is None:
            self.form.heading.setText(self.tr("New repair order (a resident's report)"))
            self.setWindowTitle(self.tr("New repair order"))
            return
        parts = [detail.number, shown(detail.status.label), shown(detail.source.label)]
        if detail.overdue_days:
            parts.append(shown(overdue_text(detail.overdue_days)))
        self.form.heading.setText("  ·  ".join(parts))
        self.form.heading.setStyleSheet(ERROR_STYLE if detail.overdue_days else "")
        self.setWindowTitle(self.tr("Repair order %1").replace("%1", detail.number))

    def changed(self, message: str) -> None:
        """A step or part was recorded: read the order back and say so."""
        self.saved_id = self.order_id
        self.reload()
        self.form.message.setText(message)

    # -- saving the report

    def save(self) -> None:
        """Ctrl+S: save the report (a new order: report it), then stay on the saved order."""
        if not self.can_log:
            return
        self.binder.clear_errors()
        self.form.message.clear()
        if self.before.busy() or self.after.busy():
            self.binder.show_error(
                ValidationError(self.tr("The photos are still being stored; save again."))
            )
            return
        try:
            self.submit(self.binder.values())
        except KnownError as error:
            self._show_tab_of(error)
            self.binder.show_error(error)
            return
        if self.drafts is not None:
            self.drafts.discard()
            # From now on a draft is of the saved order (a crash must not report it twice).
            self.drafts.form_key = f"{self.draft_kind}:{self.order_id}"
        self.saved_id = self.order_id
        for strip in (self.before, self.after):
            strip.clear_pending()
        self.reload(fill=True)
        self.form.message.setText(self.tr("Saved."))
        self.form.tabs.setCurrentWidget(self.form.work_tab)
        self.form.step_at.setFocus()

    def submit(self, values: dict[str, Any]) -> None:
        services = self.gui.services
        detail = self.detail
        errors: list[ValidationError] = []
        if detail is not None:
            reported_at = detail.reported_at  # kept as saved (to the second)
        else:
            reported_at = read_time("reported_at", values["reported_at"], services.clock.now(),
                                    errors)  # fmt: skip
        place = PlaceInput(
            as_uuid(values["compound_id"]),
            as_uuid(values["building_id"]),
            _number(values["unit_no"]),
            _number(values["floor"]),
            values["location_note"],
        )
        source = detail.source if detail is not None else OrderSource.RESIDENT
        order = OrderInput(
            place,
            values["problem"],
            reported_at,
            source,
            values["reporter_name"],
            values["reporter_phone"],
            values["note"],
        )
        if errors:  # the time unreadable: every other bad field shown with it
            now = services.clock.now()
            try:
                replace(order, reported_at=now).cleaned(now)
            except FormErrors as more:
                errors.extend(more.errors)
            raise FormErrors(errors)
        if detail is None:
            self.order_id = repair_orders.report_order(
                services, order, photos_before=self.before.pending()
            )
            if self.after.pending():
                repair_orders.attach_order_photos(
                    services, self.order_id, self.after.pending(), "after"
                )
            return
        repair_orders.update_order(
            services, detail.id, order, labour_cost=values["labour_cost"], version=detail.version
        )
        for strip in (self.before, self.after):
            if strip.pending():
                repair_orders.attach_order_photos(services, detail.id, strip.pending(), strip.role)

    def _show_tab_of(self, error: KnownError) -> None:
        """Bring the tab of the first bad field forward (its message is next to it)."""
        errors = error.errors if isinstance(error, FormErrors) else [error]
        for item in errors:
            if item.field in self.fields:
                widget = self.binder.widget(item.field)
                for tab in (self.form.report_tab, self.form.parts_tab):
                    if tab.isAncestorOf(widget):
                        self.form.tabs.setCurrentWidget(tab)
                        return
