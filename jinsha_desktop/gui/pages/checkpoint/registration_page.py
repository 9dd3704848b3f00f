"""Checkpoint registration (登记): one form built for speed, with the keyboard alone.

Enter walks the fields in reading order and saves on the last one; Ctrl+S saves from anywhere;
after a save the form starts again with the focus on the document number. A valid resident ID
fills gender, birth date and age at once, a known person fills the rest and shows their recent
visits beside the form, and F3 fills their last trip. The checkpoint is shown at the top and
asked at a shift's start; a time kept for paper sheets shows as a banner (registration_time.py).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from jinsha_desktop.domain.errors import FormErrors, KnownError, ValidationError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.regions import RegionLookup
from jinsha_desktop.domain.typed_dates import parse_typed_time
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.drafts import DraftKeeper
from jinsha_desktop.gui.forms.enter_walk import EnterWalk
from jinsha_desktop.gui.generated.ui_registration_page import Ui_RegistrationPage
from jinsha_desktop.gui.pages.checkpoint.registration_checkpoint import CheckpointChoice
from jinsha_desktop.gui.pages.checkpoint.registration_document import DocumentNumber
from jinsha_desktop.gui.pages.checkpoint.registration_fields import (
    EPIDEMIC_ROWS,
    REQUIRED_LABELS,
    VISIT_FORM,
    RegistrationBinder,
    defaults,
    form_values,
    reading_order,
    visit_input,
)
from jinsha_desktop.gui.pages.checkpoint.registration_person import PersonPanel
from jinsha_desktop.gui.pages.checkpoint.registration_route import RouteList
from jinsha_desktop.gui.pages.checkpoint.registration_saved import AfterSave
from jinsha_desktop.gui.pages.checkpoint.registration_setup import (
    PlaceCodes,
    fill_choices,
    first_required_empty,
    fit_columns,
    mark_required,
    size_to_font,
)
from jinsha_desktop.gui.pages.checkpoint.registration_time import VisitTime
from jinsha_desktop.gui.widgets.person_card import LAST_VISIT_KEY
from jinsha_desktop.gui.widgets.place_picker import PlacePicker
from jinsha_desktop.services import registration
from jinsha_desktop.services.registration import (
    DuplicateVisit,
    RegistrationResult,
)
from jinsha_desktop.services.registration_settings import registration_settings

DRAFT_KEY = "registration:new"


class RegistrationPage(QWidget):
    saved = Signal(object)
    """A visit was registered; carries the RegistrationResult."""
    monitoring_started = Signal(object)
    """A health-monitoring case was opened from a flagged visit; carries its id."""
    checkpoint_changed = Signal(str)
    """The checkpoint registered for changed; carries its name ("" for none)."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.form = Ui_RegistrationPage()
        self.form.setupUi(self)
        self._regions: RegionLookup | None = None
        # Read the division table just after the first paint, not before it.
        QTimer.singleShot(0, lambda: self.regions)
        self.settings = registration_settings(gui.services)
        self.places = PlaceCodes(lambda: self.regions)
        self._saving = False
        self._shown_once = False
        self.checkpoint = CheckpointChoice(gui, self.form, self)
        self.checkpoint.changed.connect(self.checkpoint_changed)
        self._labels = {
            key: getattr(self.form, label).text() for key, label in REQUIRED_LABELS.items()
        }
        f = self.form
        self.destination = PlacePicker(
            lambda: self.gui.services,
            f.destination_unit_id,
            f.destination_compound_id,
            f.destination_building_id,
            self,
        )
        self._fill_choices()
        self.order = reading_order(self.form, self)
        self.binder = RegistrationBinder(self.form, self.order.fields)
        self.person = PersonPanel(gui, self.form, self.binder)
        self.number = DocumentNumber(
            self.form, self.person, self._today, lambda: self.regions, self
        )
        self.time = VisitTime(self.form, self._now, self)
        self._editing: tuple[uuid.UUID, int] | None = None
        """The visit being corrected and its version; None while registering."""
        self.drafts = DraftKeeper(
            self.binder, lambda: self.gui.services, DRAFT_KEY, self.tr("Visitor registration")
        )
        self._wire()
        self.apply_settings()
        size_to_font(self.form, self)
        self.form.save_button.setToolTip(self.tr("Save and start the next one (Ctrl+S)"))
        self.form.keep_time.setToolTip(
            self.tr(
                "Keep this time for the next registrations (typing in paper sheets): a banner "
                "shows it at the top until you end it; it ends at midnight and at logout."
            )
        )
        user = gui.services.user
        if user is None or not user.can(Permission.REGISTER_VISITS):
            self.form.save_button.setEnabled(False)
            self.form.form_error.setText(self.tr("Your role cannot register visitors."))
            self.form.form_error.show()
        self.new_form(focus=False)
        self.setFocusProxy(self.form.document_number)

    def checkpoint_name(self) -> str:
        """The checkpoint registered for ("" when none is chosen)."""
        return self.checkpoint.name()

    # -- set-up

    @property
    def regions(self) -> RegionLookup:
        """GB/T 2260 plus the administrator's codes (read when first needed)."""
        if self._regions is None:
            self._regions = registration.region_lookup(self.gui.services)
        return self._regions

    def _fill_choices(self) -> None:
        fill_choices(self.form)
        self._fill_units()
        self._fill_checkpoints()

    def _fill_units(self) -> None:
        self.destination.refill()

    def _fill_checkpoints(self) -> None:
        self.checkpoint.fill()

    def _wire(self) -> None:
        f = self.form
        f.save_button.clicked.connect(self.save)
        f.new_button.clicked.connect(self.clear)
        f.known_box.use_last_visit_requested.connect(self.use_last_visit)
        for keys, slot in (
            (QKeySequence(QKeySequence.StandardKey.Save), self.save),
            (QKeySequence(LAST_VISIT_KEY), self.use_last_visit),
        ):
            QShortcut(keys, self, slot, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.walk = EnterWalk(
            self,
            [getattr(f, name) for name in self.order.walk],
            self.save,
            intercept=self._enter,
            reveal=f.scroll.ensureWidgetVisible,
        )
        self.route = RouteList(f, self.binder, self.walk.advance)
        self.after_save = AfterSave(self, self.gui, f.last_saved)
        f.document_number.installEventFilter(self)  # checked when the user leaves it
        for line_edit in (f.origin, f.route_entry):
            self.places.attach(line_edit, self)

    def apply_settings(self) -> None:
        """Show only the epidemic fields switched on in the registration settings."""
        self.settings = registration_settings(self.gui.services)
        layout = self.form.visit_fields
        for key, row in EPIDEMIC_ROWS.items():
            on = bool(getattr(self.settings, key))
            layout.setRowVisible(getattr(self.form, row), on)
        self.form.route_entry.setPlaceholderText(
            self.tr("Places of the last %n days; Enter adds one", "", self.settings.route_days)
        )
        mark_required(self.form, self.settings, self._labels)

    def refresh(self) -> None:
        """Settings and reference data again (an administrator may have changed them)."""
        self._regions = None
        self.apply_settings()
        self._fill_units()
        self._fill_checkpoints()

    def showEvent(self, event: Any) -> None:
        first = not self._shown_once
        if self._shown_once and not event.spontaneous():  # back from another module
            self.refresh()
        self._shown_once = True
        super().showEvent(event)
        fit_columns(self.form)
        if not event.spontaneous():
            # Every time the form is shown, the first key (or a card reader's number) goes
            # into the document number, never into the side bar the user came from.
            self.form.document_number.setFocus(Qt.FocusReason.OtherFocusReason)
            QTimer.singleShot(0, self, self._focus_number)
        if first:
            QTimer.singleShot(0, self, self._start_shift)

    def _focus_number(self) -> None:
        focus = self.focusWidget()
        if self.isVisible() and not (focus is not None and focus.hasFocus()):
            self.form.document_number.setFocus(Qt.FocusReason.OtherFocusReason)

    def _start_shift(self) -> None:
        if QApplication.activeModalWidget() is not None:  # one question at a time
            QTimer.singleShot(200, self, self._start_shift)
            return
        if self.isVisible() and self.form.save_button.isEnabled():
            self.checkpoint.ask_at_shift_start()
            self.form.document_number.setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the interface size was changed
            size_to_font(self.form, self)
            fit_columns(self.form)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        fit_columns(self.form)

    # -- route, time, checkpoint

    def _today(self) -> date:
        return registration.today_of(self.gui.services)

    def _now(self) -> datetime:
        return self.gui.services.clock.now().astimezone()

    def use_last_visit(self) -> None:
        """F3: a returning person's last trip into the form; then the first required field
        still empty (the temperature, measured anew)."""
        values = self.person.use_last_visit(self.settings)
        if not values:
            return
        if self.person.last is not None:
            self.places.remember(values.get("origin", ""), self.person.last.origin_region_code)
        self.binder.set_values(values)
        self.binder.edited.emit()
        trip = VISIT_FORM.to_input(self.binder.values(), [])  # unreadable text counts as empty
        following = first_required_empty(self.form, trip, self.settings, self.order.walk)
        if following is not None:
            following.setFocus(Qt.FocusReason.OtherFocusReason)
            self.form.scroll.ensureWidgetVisible(following)

    # -- keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched is self.form.document_number:
            self.number.check(final=True)
        return super().eventFilter(watched, event)

    def _enter(self, watched: QWidget) -> bool:
        """Before Enter moves on: a bad document number stays, a typed route place is added."""
        f = self.form
        if watched is f.document_number and not self.number.check(final=True):
            f.document_number.selectAll()  # a bad read stays, ready for the next one
            return True
        if watched is f.route_entry and self.route.typed():
            self.route.add_typed()
            return True
        return False

    # -- saving

    def save(self) -> None:
        """Register the visit; on success start a fresh form, then offer monitoring if flagged."""
        if self._saving or not self.form.save_button.isEnabled():
            return
        self._saving = True
        try:
            self._save()
        finally:
            self._saving = False

    def _save(self) -> None:
        self.binder.clear_errors()
        if self.route.typed():
            self.route.add_typed()  # typed but Enter forgotten
        card = self.person.card
        try:
            data = self._visit_input(self.binder.values())
            result = self._register(data)
        except KnownError as error:
            self._show_error(error)
            return
        if result is None:
            return
        self.drafts.discard()
        self.after_save.show_saved(result, data, data.visited_at or self._now())
        self.new_form()
        self.saved.emit(result)
        case_id = self.after_save.offer_monitoring(result, card, self.settings)
        if case_id is not None:
            self.monitoring_started.emit(case_id)

    def _visit_input(self, values: dict[str, Any]) -> VisitInput:
        errors: list[ValidationError] = []
        data = visit_input(
            values,
            id_read=self.number.info is not None,
            time_given=self.time.given(),
            parse_time=self._parse_time,
            origin_code=self.places.code_of,
            errors=errors,
        )
        if errors:
            # Show every bad field at once, not only the dates.
            try:
                data.cleaned(self.gui.services.clock.now(), self.regions, self.settings)
            except FormErrors as more:
                errors.extend(more.errors)
            raise FormErrors(errors)
        return data

    def _parse_time(self, text: str) -> datetime:
        return parse_typed_time(text, self._today())

    def edit_visit(self, visit_id: uuid.UUID) -> None:
        """Load a saved registration into the form; Save then corrects it (audited)."""
        data, version = registration.visit_for_edit(self.gui.services, visit_id)
        values = form_values(data)
        self.time.end_keeping()  # the visit's own time, never one kept for the next ones
        self.restore(values)
        assert data.visited_at is not None
        self.time.set_typed(data.visited_at)  # this registration's time, not a kept one
        self.drafts.dirty = False
        self._editing = (visit_id, version)
        self.form.keys_hint.setText(self.tr("Correcting a saved registration · Ctrl+S: save"))

    def _register(self, data: VisitInput) -> RegistrationResult | None:
        if self._editing is not None:
            visit_id, version = self._editing
            result = registration.update_visit(self.gui.services, visit_id, data, version)
            self._end_editing()
            return result
        try:
            return registration.register_visit(self.gui.services, data)
        except DuplicateVisit as duplicate:
            if not self.gui.prompts.confirm(
                self,
                self.tr("Registered a moment ago"),
                duplicate.message,
                self.tr("Register again"),
                default_yes=False,  # Enter does not register the same person twice
            ):
                return None
            return registration.register_visit(self.gui.services, data, confirm_duplicate=True)

    def _show_error(self, error: KnownError) -> None:
        if isinstance(error, FormErrors):  # the first bad field in reading order gets the focus
            order = {name: index for index, name in enumerate(self.order.fields)}
            error = FormErrors(sorted(error.errors, key=lambda e: order.get(e.field or "", 99)))
        self.binder.show_error(error)
        focus = self.focusWidget()
        if focus is self.form.route:
            self.form.route_entry.setFocus()
            focus = self.form.route_entry
        if focus is not None and self.isAncestorOf(focus):
            self.form.scroll.ensureWidgetVisible(focus)

    # -- a fresh form, clearing, drafts

    def new_form(self, focus: bool = True) -> None:
        """Empty every field but time and checkpoint; the focus on the document number."""
        with self.number.quietly():
            self.binder.set_values(self._defaults())
        self.number.set_info(None)
        self.person.forget()
        self.binder.clear_errors()
        self.form.phone.setPlaceholderText("")
        self.time.fresh()
        self.drafts.dirty = False  # the defaults are nothing to keep
        self.form.scroll.verticalScrollBar().setValue(0)
        if focus:
            self.form.document_number.setFocus(Qt.FocusReason.OtherFocusReason)

    def _defaults(self) -> dict[str, Any]:
        return defaults()

    def has_input(self) -> bool:
        """Whether anything but time and checkpoint differs from a fresh form."""
        values = self.binder.values()
        defaults = self._defaults()
        return any((values[k] or "") != (defaults[k] or "") for k in values.keys() & defaults)

    def clear(self) -> None:
        """Throw away what was typed (asks first when there is something; Enter keeps it)."""
        if self.has_input() and not self.gui.prompts.confirm(
            self,
            self.tr("Clear form"),
            self.tr("Clear the form? What you typed has not been saved."),
            self.tr("Clear"),
            default_yes=False,
        ):
            return
        self._end_editing()
        self.drafts.discard()
        self.new_form()

    def _end_editing(self) -> None:
        """Back from correcting a saved registration to registering, at this machine's
        checkpoint (the corrected visit may have been another checkpoint's)."""
        if self._editing is None:
            return
        self._editing = None
        self.form.keys_hint.setText(self.tr("Enter: next field · Ctrl+S: save"))
        self.checkpoint.reset_to_remembered()

    def restore(self, values: dict[str, Any]) -> None:
        """Put a draft's values back into the form (after a crash).

        A time kept for back-entry comes back as this registration's time only: keeping it
        for the next ones ended with the session."""
        with self.number.quietly():
            self.binder.set_values(
                {k: v for k, v in values.items() if k not in ("document_number", "keep_time")}
            )
        # Typed last, so the number fills gender and birth date and finds the person again.
        self.binder.set_value("document_number", values.get("document_number", ""))
        if values.get("keep_time") and not self.time.kept:
            self.time.mark_typed()
        else:
            self.time.fresh()
        self.drafts.dirty = True
        self.form.document_number.setFocus(Qt.FocusReason.OtherFocusReason)
