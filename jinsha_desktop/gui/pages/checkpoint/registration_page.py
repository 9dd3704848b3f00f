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
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from jinsha_desktop.domain.errors import FormErrors, KnownError, ValidationError
from jinsha_desktop.domain.id_numbers import (
    DocumentType,
    IdNumberInfo,
    age_on,
    clean_document_number,
    normalize_id_number,
)
from jinsha_desktop.domain.monitoring import CaseStatus
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.regions import RegionLookup
from jinsha_desktop.domain.text import label_of
from jinsha_desktop.domain.typed_dates import parse_typed_date, parse_typed_time
from jinsha_desktop.domain.visit import Direction
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.drafts import DraftKeeper
from jinsha_desktop.gui.forms.enter_walk import EnterWalk, is_plain_enter
from jinsha_desktop.gui.generated.ui_registration_page import Ui_RegistrationPage
from jinsha_desktop.gui.look import ERROR_STYLE
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.pages.checkpoint.registration_checkpoint import CheckpointChoice
from jinsha_desktop.gui.pages.checkpoint.registration_fields import (
    EPIDEMIC_ROWS,
    FIELDS,
    REQUIRED_INPUTS,
    STICKY,
    WALK,
    RegistrationBinder,
    form_values,
    visit_input,
)
from jinsha_desktop.gui.pages.checkpoint.registration_person import PersonPanel
from jinsha_desktop.gui.pages.checkpoint.registration_setup import (
    attach_region_completer,
    fill_choices,
    first_required_empty,
    fit_columns,
    mark_required,
    size_to_font,
)
from jinsha_desktop.gui.pages.checkpoint.registration_time import VisitTime
from jinsha_desktop.gui.widgets.person_card import LAST_VISIT_KEY
from jinsha_desktop.gui.widgets.place_picker import PlacePicker
from jinsha_desktop.services import monitoring, registration
from jinsha_desktop.services.registration import (
    DuplicateVisit,
    PersonCard,
    RegistrationResult,
    VisitInput,
)
from jinsha_desktop.services.registration_settings import registration_settings

DRAFT_KEY = "registration:new"
WARNING_STYLE = "color: #8a5300;"


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
        self._id_info: IdNumberInfo | None = None
        self._region_codes: dict[str, str] = {}
        self._quiet = False  # set while the program, not the user, changes fields
        self._saving = False
        self._shown_once = False
        self.checkpoint = CheckpointChoice(gui, self.form, self)
        self.checkpoint.changed.connect(self.checkpoint_changed)
        self._labels = {
            key: getattr(self.form, label).text() for key, (label, _i) in REQUIRED_INPUTS.items()
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
        self.binder = RegistrationBinder(self.form, FIELDS)
        self.person = PersonPanel(gui, self.form, self.binder)
        self.time = VisitTime(self.form, self._now, self)
        self._editing: tuple[uuid.UUID, int] | None = None
        """The visit being corrected and its version; None while registering."""
        self.drafts = DraftKeeper(
            self.binder, lambda: self.gui.services, DRAFT_KEY, self.tr("Visitor registration")
        )
        self._wire()
        self.apply_settings()
        self.form.document_number_note.hide()
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
        f.document_type.currentIndexChanged.connect(lambda _i: self._number_changed())
        f.document_number.textChanged.connect(lambda _t: self._number_changed())
        f.birth_date.textChanged.connect(lambda _t: self._show_age())
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
            [getattr(f, name) for name in WALK],
            self.save,
            intercept=self._enter,
            reveal=f.scroll.ensureWidgetVisible,
        )
        for widget in (f.route, f.route_entry, f.document_number):
            widget.installEventFilter(self)
        for line_edit in (f.origin, f.route_entry):
            attach_region_completer(line_edit, lambda: self.regions, self._region_codes, self)

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

    # -- the document number

    def _doc_type(self) -> str:
        return str(self.form.document_type.currentData())

    def _number_changed(self) -> None:
        """Check the number as it is typed: a complete resident ID fills the person at once."""
        if self._quiet:
            return
        complete = (
            self._doc_type() == DocumentType.RESIDENT_ID
            and len(normalize_id_number(self.form.document_number.text())) >= 18
        )
        self._check_number(final=complete)

    def _check_number(self, final: bool) -> bool:
        """Parse the number; with `final`, a bad one is shown next to the field. False if bad."""
        f = self.form
        f.document_number_error.hide()
        raw, kind = f.document_number.text(), self._doc_type()
        number, info, error = "", None, None
        if raw.strip():
            try:
                number, info = clean_document_number(
                    kind, raw, registration.today_of(self.gui.services), self.regions
                )
            except ValidationError as bad:
                error = bad
        self._set_id_info(info)
        if error is not None or not number:
            self.person.forget()
            if error is not None and final:
                f.document_number_error.setText(shown(error.message))
                f.document_number_error.show()
                f.document_number.setAccessibleDescription(shown(error.message))
                return False
            return True
        if final and number != raw:
            self._quiet = True  # "320612…x" becomes "320612…X": the same number
            f.document_number.setText(number)
            self._quiet = False
        if final or info is not None:
            self.person.look_up(kind, number, id_read=info is not None)
        elif self.person.looked_up != (kind, number):
            self.person.forget()  # still typing another number
        return True

    def _set_id_info(self, info: IdNumberInfo | None) -> None:
        f = self.form
        was_locked, self._id_info = self._id_info is not None, info
        if info is not None:
            f.gender.setCurrentIndex(f.gender.findData(info.gender.value))
            f.birth_date.setText(info.birth_date.isoformat())
            lines = [shown(warning) for warning in info.warnings]
            if info.region_name:
                issued = self.tr("Registered in: %1").replace("%1", info.region_name)
                if info.region_current_name:
                    issued += self.tr(" (the code now stands for %1)").replace(
                        "%1", info.region_current_name
                    )
                lines.insert(0, issued)
            f.document_number_note.setText("\n".join(lines))
            f.document_number_note.setStyleSheet(WARNING_STYLE if info.warnings else "")
            f.document_number_note.show()
        else:
            if was_locked:  # they came from the number, not from the user
                f.gender.setCurrentIndex(0)
                f.birth_date.clear()
            f.document_number_note.hide()
        # Read from the number: not typed again, so Tab and Enter pass them by.
        locked = info is not None
        f.gender.setEnabled(not locked)
        f.birth_date.setReadOnly(locked)
        policy = Qt.FocusPolicy.NoFocus if locked else Qt.FocusPolicy.StrongFocus
        f.gender.setFocusPolicy(policy)
        f.birth_date.setFocusPolicy(policy)
        self._show_age()

    def _show_age(self) -> None:
        today = registration.today_of(self.gui.services)
        born: date | None
        if self._id_info is not None:
            born = self._id_info.birth_date
        else:
            try:
                born = parse_typed_date(self.form.birth_date.text())
            except ValueError:
                born = None
        if born is None or born > today:
            self.form.age.clear()
            return
        years = self._id_info.age_on(today) if self._id_info else age_on(born, today)
        self.form.age.setText(self.tr("%n years old", "", years))

    # -- route, time, checkpoint

    def _add_route_place(self) -> None:
        text = self.form.route_entry.text().strip()
        places = self.binder.value("route")
        if text and text not in places:
            self.form.route.addItem(text)
            self.binder.clear_error("route")
            self.binder.edited.emit()
        self.form.route_entry.clear()

    def _remove_route_place(self, row: int) -> None:
        if 0 <= row < self.form.route.count():
            self.form.route.takeItem(row)
            self.binder.clear_error("route")
            self.binder.edited.emit()

    def _now(self) -> datetime:
        return self.gui.services.clock.now().astimezone()

    def use_last_visit(self) -> None:
        """F3: a returning person's last trip into the form; then the first required field
        still empty (the temperature, measured anew)."""
        values = self.person.use_last_visit(self.settings)
        if not values:
            return
        if values.get("origin"):
            last = self.person.last
            if last is not None and last.origin_region_code:
                self._region_codes[values["origin"]] = last.origin_region_code
        self.binder.set_values(values)
        self.binder.edited.emit()
        following = first_required_empty(self.form, self.binder.values(), self.settings)
        if following is not None:
            following.setFocus(Qt.FocusReason.OtherFocusReason)
            self.form.scroll.ensureWidgetVisible(following)

    # -- keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        f = self.form
        if watched is f.route and is_plain_enter(event):
            self.walk.advance(f.route_entry)  # the list of places is part of the route field
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is f.route and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._remove_route_place(f.route.currentRow())
                return True
            if watched is f.route_entry and key == Qt.Key.Key_Backspace:
                if f.route_entry.text():
                    return False
                self._remove_route_place(f.route.count() - 1)
                return True
        elif event.type() == QEvent.Type.FocusOut and watched is f.document_number:
            self._check_number(final=True)
        return super().eventFilter(watched, event)

    def _enter(self, watched: QWidget) -> bool:
        """Before Enter moves on: a bad document number stays, a typed route place is added."""
        f = self.form
        if watched is f.document_number and not self._check_number(final=True):
            f.document_number.selectAll()  # a bad read stays, ready for the next one
            return True
        if watched is f.route_entry and f.route_entry.text().strip():
            self._add_route_place()
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
        if self.form.route_entry.text().strip():
            self._add_route_place()  # typed but Enter forgotten
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
        self._show_saved(result, data)
        self.new_form()
        self.saved.emit(result)
        if result.flags:
            self._offer_monitoring(result, card)

    def _visit_input(self, values: dict[str, Any]) -> VisitInput:
        errors: list[ValidationError] = []
        data = visit_input(
            values,
            id_read=self._id_info is not None,
            time_given=self.time.given(),
            parse_time=self._parse_time,
            origin_code=self._origin_code,
            errors=errors,
        )
        if errors:
            # Show every bad field at once, not only the dates.
            try:
                registration.clean_visit(self.gui.services, data, self.settings, self.regions)
            except FormErrors as more:
                errors.extend(more.errors)
            raise FormErrors(errors)
        return data

    def _parse_time(self, text: str) -> datetime:
        return parse_typed_time(text, registration.today_of(self.gui.services))

    def _origin_code(self, origin: str) -> str:
        text = origin.strip()
        if not text:
            return ""
        if text in self._region_codes:
            return self._region_codes[text]
        return next((code for code, name in self.regions.search(text, 5) if name == text), "")

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
            order = {name: index for index, name in enumerate(FIELDS)}
            error = FormErrors(sorted(error.errors, key=lambda e: order.get(e.field or "", 99)))
        self.binder.show_error(error)
        focus = self.focusWidget()
        if focus is self.form.route:
            self.form.route_entry.setFocus()
            focus = self.form.route_entry
        if focus is not None and self.isAncestorOf(focus):
            self.form.scroll.ensureWidgetVisible(focus)

    def _show_saved(self, result: RegistrationResult, data: VisitInput) -> None:
        when = (data.visited_at or self._now()).astimezone().strftime("%Y-%m-%d %H:%M")
        lines = [
            f"{data.name.strip()}  {shown(label_of(Direction, data.direction))}  {when}",
            self.tr("New person") if result.new_person else self.tr("Known person"),
            *map(shown, result.warnings),
        ]
        if result.flags:
            lines.append(self.tr("Needs follow-up:"))
            lines += [f"• {shown(flag.reason)}" for flag in result.flags]
        self.form.last_saved.setText("\n".join(lines))
        self.form.last_saved.setStyleSheet(ERROR_STYLE if result.flags else "")

    def _offer_monitoring(self, result: RegistrationResult, card: PersonCard | None) -> None:
        offer = monitoring.offer_for(
            result, self.settings, registration.today_of(self.gui.services)
        )
        if offer is None:
            return
        days = offer.days or 0
        reasons = "\n".join(f"• {shown(flag.reason)}" for flag in result.flags)
        if card is not None and card.monitoring_status == CaseStatus.MONITORING:
            self.gui.prompts.info(
                self,
                self.tr("Visit flagged"),
                self.tr("This visit is flagged:")
                + "\n"
                + reasons
                + "\n\n"
                + self.tr("The person is already under health monitoring."),
            )
            return
        user = self.gui.services.user
        if user is None or not user.can(Permission.MONITOR_HEALTH):
            # a checkpoint volunteer: the clerk of the unit follows the person up
            self.gui.prompts.info(
                self, self.tr("Visit flagged"), self.tr("This visit is flagged:") + "\n" + reasons
            )
            return
        question = self.tr("Start health monitoring for %n days from today?", "", days)
        if not self.gui.prompts.confirm(
            self,
            self.tr("Visit flagged"),
            self.tr("This visit is flagged:") + "\n" + reasons + "\n\n" + question,
            self.tr("Start monitoring"),
            default_yes=True,  # the person is flagged: Enter follows them up
        ):
            return
        try:
            case_id = monitoring.open_case(self.gui.services, offer)
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Health monitoring"), error.message)
            return
        self.form.last_saved.setText(
            self.form.last_saved.text() + "\n" + self.tr("Health monitoring started.")
        )
        self.monitoring_started.emit(case_id)

    # -- a fresh form, clearing, drafts

    def new_form(self, focus: bool = True) -> None:
        """Empty every field but time and checkpoint; the focus on the document number."""
        self._quiet = True
        try:
            self.binder.set_values(self._defaults())
        finally:
            self._quiet = False
        self._set_id_info(None)
        self.person.forget()
        self.binder.clear_errors()
        self.form.phone.setPlaceholderText("")
        self.time.fresh()
        self.drafts.dirty = False  # the defaults are nothing to keep
        self.form.scroll.verticalScrollBar().setValue(0)
        if focus:
            self.form.document_number.setFocus(Qt.FocusReason.OtherFocusReason)

    def _defaults(self) -> dict[str, Any]:
        defaults: dict[str, Any] = {name: "" for name in FIELDS if name not in STICKY}
        defaults.update(
            document_type=DocumentType.RESIDENT_ID.value, direction="in", companions=0, route=[]
        )
        return defaults

    def has_input(self) -> bool:
        """Whether anything but time and checkpoint differs from a fresh form."""
        values = self.binder.values()
        return any((values[k] or "") != (v or "") for k, v in self._defaults().items())

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
        self._quiet = True
        try:
            self.binder.set_values(
                {k: v for k, v in values.items() if k not in ("document_number", "keep_time")}
            )
        finally:
            self._quiet = False
        # Typed last, so the number fills gender and birth date and finds the person again.
        self.binder.set_value("document_number", values.get("document_number", ""))
        if values.get("keep_time") and not self.time.kept:
            self.time.mark_typed()
        else:
            self.time.fresh()
        self.drafts.dirty = True
        self.form.document_number.setFocus(Qt.FocusReason.OtherFocusReason)
