"""Checkpoint registration (登记): one form built for speed, with the keyboard alone.

Enter walks the fields in reading order and saves on the last one; Ctrl+S saves from anywhere;
after a save the form starts again with the focus on the document number. A valid resident ID
fills gender, birth date and age at once, a known person fills the rest and shows their recent
visits beside the form. Time and checkpoint stay as set, so paper sheets can be typed in later.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QBoxLayout, QCompleter, QLineEdit, QListWidget, QWidget

from jinsha_desktop.domain.errors import FormErrors, KnownError, ValidationError
from jinsha_desktop.domain.id_numbers import (
    DocumentType,
    Gender,
    IdNumberInfo,
    clean_document_number,
    normalize_id_number,
)
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.regions import RegionLookup
from jinsha_desktop.domain.risk import HealthCode
from jinsha_desktop.domain.typed_dates import parse_typed_date, parse_typed_time
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.forms.binder import FormBinder
from jinsha_desktop.gui.forms.drafts import DraftKeeper
from jinsha_desktop.gui.generated.ui_registration_page import Ui_RegistrationPage
from jinsha_desktop.gui.look import ERROR_STYLE
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.services import monitoring, reference, registration
from jinsha_desktop.services.registration import (
    DIRECTIONS,
    NUCLEIC_RESULTS,
    DuplicateVisit,
    PersonCard,
    RegistrationResult,
    VisitInput,
)
from jinsha_desktop.services.registration_settings import registration_settings

DRAFT_KEY = "registration:new"
FIELDS = [
    "document_type", "document_number", "name", "gender", "birth_date", "phone", "origin",
    "route", "destination_unit_id", "destination_compound_id", "destination_building_id",
    "destination_door", "destination_address", "purpose", "plate", "companions", "temperature",
    "health_code", "travel_code_star", "nucleic_test_date", "nucleic_test_result", "direction",
    "visited_at", "keep_time", "checkpoint_id", "notes",
]  # fmt: skip
"""Bound fields in reading order, named as VisitInput names them (errors find their label)."""
STICKY = ("visited_at", "keep_time", "checkpoint_id")
"""Stay as set from one registration to the next (typing in a paper sheet afterwards)."""
# Enter walks these in this order (the same as the Designer tab order).
WALK = [name for name in FIELDS if name != "route"]
WALK.insert(WALK.index("origin") + 1, "route_entry")
EPIDEMIC_ROWS = {
    "temperature": "temperature_row",
    "health_code": "health_code",
    "travel_code": "travel_code_star",
    "nucleic_test": "nucleic_test_row",
}
"""Rows of the fields that can be switched off in the registration settings."""
TRAVEL_CODE: dict[str, bool | None] = {"": None, "no_star": False, "star": True}
HEALTH_COLOURS = {"green": "#1b8a3a", "yellow": "#d9a400", "red": "#c62828"}
HOME_REGION = "3206"
"""南通市: its places come first when completing "where from" (Jinsha is in 320612 通州区)."""
WARNING_STYLE = "color: #8a5300;"
CLOCK_INTERVAL_MS = 15_000


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


class _Binder(FormBinder):
    """The form binder, plus the list of route places."""

    def value(self, name: str) -> Any:
        widget = self.widget(name)
        if isinstance(widget, QListWidget):
            return [widget.item(row).text() for row in range(widget.count())]
        return super().value(name)

    def set_value(self, name: str, value: Any) -> None:
        widget = self.widget(name)
        if isinstance(widget, QListWidget):
            widget.clear()
            widget.addItems([str(place) for place in value or []])
        else:
            super().set_value(name, value)

    def set_values(self, values: dict[str, Any]) -> None:
        # In reading order: a compound can only be chosen once its community's list is there.
        for name in self.fields:
            if name in values:
                self.set_value(name, values[name])


class RegistrationPage(QWidget):
    saved = Signal(object)
    """A visit was registered; carries the RegistrationResult."""
    monitoring_started = Signal(object)
    """A health-monitoring case was opened from a flagged visit; carries its id."""

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
        self._card: PersonCard | None = None
        self._looked_up: tuple[str, str] | None = None
        self._autofilled: dict[str, Any] = {}
        self._region_codes: dict[str, str] = {}
        self._quiet = False  # set while the program, not the user, changes fields
        self._saving = False
        self._shown_once = False
        self._fill_choices()
        self.binder = _Binder(self.form, FIELDS)
        self._editing: tuple[uuid.UUID, int] | None = None
        """The visit being corrected and its version; None while registering."""
        self.drafts = DraftKeeper(
            self.binder, lambda: self.gui.services, DRAFT_KEY, self.tr("Visitor registration")
        )
        self._wire()
        self.apply_settings()
        self.form.document_number_note.hide()
        self._size_to_font()
        self.form.monitoring_status.setStyleSheet(ERROR_STYLE)
        self.form.save_button.setToolTip(self.tr("Save and start the next one (Ctrl+S)"))
        self.form.keep_time.setToolTip(
            self.tr("Time and checkpoint stay as set for the next registrations (paper sheets).")
        )
        user = gui.services.user
        if user is None or not user.can(Permission.REGISTER_VISITS):
            self.form.save_button.setEnabled(False)
            self.form.form_error.setText(self.tr("Your role cannot register visitors."))
            self.form.form_error.show()
        self.new_form(focus=False)
        self.setFocusProxy(self.form.document_number)

    # -- set-up

    @property
    def regions(self) -> RegionLookup:
        """GB/T 2260 plus the administrator's codes (read when first needed)."""
        if self._regions is None:
            self._regions = registration.region_lookup(self.gui.services)
        return self._regions

    def _fill_choices(self) -> None:
        f = self.form
        for kind in DocumentType:
            f.document_type.addItem(shown(kind.label), kind.value)
        f.gender.addItem("", "")
        for gender in Gender:
            f.gender.addItem(shown(gender.label), gender.value)
        f.health_code.addItem("", "")
        for code in HealthCode:
            f.health_code.addItem(shown(code.label), code.value)
            f.health_code.setItemData(
                f.health_code.count() - 1,
                QColor(HEALTH_COLOURS[code.value]),
                Qt.ItemDataRole.DecorationRole,
            )
        f.travel_code_star.addItem("", "")
        f.travel_code_star.addItem(self.tr("No star"), "no_star")
        f.travel_code_star.addItem(self.tr("With star *"), "star")
        for key, label in NUCLEIC_RESULTS.items():
            f.nucleic_test_result.addItem(shown(label) or self.tr("Result"), key)
        for key, label in DIRECTIONS.items():
            f.direction.addItem(shown(label), key)
        self._fill_units()
        self._fill_checkpoints()

    @staticmethod
    def _refill(
        combo: Any, items: list[tuple[str, str]], blank: bool = True, keep: str = ""
    ) -> None:
        """New choices from reference data; the current one stays chosen if it is still there."""
        current = combo.currentData() or keep
        combo.blockSignals(True)  # one change signal at the end, not one per step
        combo.clear()
        if blank:
            combo.addItem("", "")
        for label, value in items:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def _fill_units(self) -> None:
        units = reference.list_units(self.gui.services)
        self._refill(self.form.destination_unit_id, [(u.name, str(u.id)) for u in units])
        self._unit_changed()

    def _fill_checkpoints(self) -> None:
        rows = reference.list_checkpoints(self.gui.services)
        items = [
            (row.name if row.unit_name in row.name else f"{row.unit_name} {row.name}", str(row.id))
            for row in rows
        ]
        remembered = str(getattr(self.gui.config, "checkpoint_id", "") or "")
        self._refill(self.form.checkpoint_id, items, blank=False, keep=remembered)
        if not items:
            self.form.checkpoint_id.setPlaceholderText(
                self.tr("No checkpoint yet (Administration)")
            )

    def _wire(self) -> None:
        f = self.form
        f.document_type.currentIndexChanged.connect(lambda _i: self._number_changed())
        f.document_number.textChanged.connect(lambda _t: self._number_changed())
        f.birth_date.textChanged.connect(lambda _t: self._show_age())
        f.destination_unit_id.currentIndexChanged.connect(lambda _i: self._unit_changed())
        f.destination_compound_id.currentIndexChanged.connect(lambda _i: self._compound_changed())
        f.visited_at.textEdited.connect(self._time_edited)
        f.keep_time.toggled.connect(self._keep_time_toggled)
        f.checkpoint_id.activated.connect(lambda _i: self._remember_checkpoint())
        f.save_button.clicked.connect(self.save)
        f.new_button.clicked.connect(self.clear)
        QShortcut(
            QKeySequence.StandardKey.Save,
            self,
            self.save,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        for name in [*WALK, "route"]:
            getattr(f, name).installEventFilter(self)
        self._completer(f.origin)
        self._completer(f.route_entry)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._follow_clock)
        self._clock.start(CLOCK_INTERVAL_MS)

    def _completer(self, line_edit: QLineEdit) -> None:
        """Province/city/district completion from the GB/T 2260 table, searched as one types."""
        model = QStringListModel(self)
        completer = QCompleter(model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(10)
        line_edit.setCompleter(completer)
        timer = QTimer(self)  # one search per pause in typing, not one per key
        timer.setSingleShot(True)
        timer.setInterval(150)

        def complete() -> None:
            text = line_edit.text().strip()
            if not text or not line_edit.hasFocus():
                return
            hits = self.regions.search(text, 12, near=HOME_REGION)
            self._region_codes.update({name: code for code, name in hits})
            names = [name for _code, name in hits]
            model.setStringList(names)
            if names and names != [text]:
                completer.complete()
            elif (popup := completer.popup()) is not None:
                popup.hide()

        timer.timeout.connect(complete)
        line_edit.textEdited.connect(lambda _t: timer.start())

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

    def refresh(self) -> None:
        """Settings and reference data again (an administrator may have changed them)."""
        self._regions = None
        self.apply_settings()
        self._fill_units()
        self._fill_checkpoints()

    def showEvent(self, event: Any) -> None:
        if self._shown_once and not event.spontaneous():  # back from another module
            self.refresh()
        self._shown_once = True
        super().showEvent(event)
        self._fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the interface size was changed
            self._size_to_font()
            self._fit_columns()

    def _size_to_font(self) -> None:
        """Room for a whole date or time, and a few route places, at the interface's font."""
        f, metrics = self.form, self.fontMetrics()
        padding = metrics.averageCharWidth() * 3
        for edit, sample in (
            (f.birth_date, "2026-11-24"),
            (f.nucleic_test_date, "2026-11-24"),
            (f.visited_at, "2026-11-24 08:15"),
        ):
            edit.setMinimumWidth(metrics.horizontalAdvance(sample) + padding)
        f.route.setMaximumHeight(metrics.height() * 4 + 8)
        f.recent_visits.setMinimumHeight(metrics.height() * 6)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Person and visit side by side when they fit, else one above the other (large text)."""
        f = self.form
        wide = f.person_box.minimumSizeHint().width() + f.visit_box.minimumSizeHint().width()
        fits = f.scroll.width() >= wide + f.columns.spacing() + 20
        direction = QBoxLayout.Direction.LeftToRight if fits else QBoxLayout.Direction.TopToBottom
        if f.columns.direction() != direction:
            f.columns.setDirection(direction)

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
            self._show_card(None, known=False)
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
            self._look_up(kind, number)
        elif self._looked_up != (kind, number):
            self._show_card(None, known=False)  # still typing another number
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
        years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        self.form.age.setText(self.tr("%n years old", "", years))

    def _look_up(self, kind: str, number: str) -> None:
        if self._looked_up == (kind, number):
            return
        self._looked_up = (kind, number)
        try:
            card = registration.lookup_person(self.gui.services, kind, number)
        except KnownError:
            card = None
        self._show_card(card, known=True)

    def _show_card(self, card: PersonCard | None, known: bool) -> None:
        """The person on record beside the form; their name, phone and address in the form."""
        f = self.form
        if card is None:
            if not known:
                self._looked_up = None
            for name, value in self._autofilled.items():
                if self.binder.value(name) == value:
                    self.binder.set_value(name, "")
            self._autofilled = {}
            f.phone.setPlaceholderText("")
        self._card = card
        f.recent_visits.clear()
        f.monitoring_status.clear()
        if card is None:
            f.person_summary.setText(
                self.tr("Not registered before: a new person.")
                if known
                else self.tr("Read or type a document number to see the person's earlier visits.")
            )
            return
        self._autofill("name", card.name)
        self._autofill("destination_address", card.address)
        if self._id_info is None:
            self._autofill("gender", card.gender)
            self._autofill("birth_date", card.birth_date.isoformat() if card.birth_date else "")
        if card.masked:
            # The full number is not shown to this role; left empty, the one on record stays.
            f.phone.setPlaceholderText(self.tr("%1 on record").replace("%1", card.phone))
        else:
            self._autofill("phone", card.phone)
        details = [card.name]
        if card.phone:
            details.append(self.tr("Phone: %1").replace("%1", card.phone))
        if card.address:
            details.append(self.tr("Address: %1").replace("%1", card.address))
        f.person_summary.setText("\n".join(details))
        if card.monitoring_status:
            status = shown(monitoring.CaseStatus(card.monitoring_status).label)
            f.monitoring_status.setText(self.tr("Health monitoring: %1").replace("%1", status))
        for visit in card.recent_visits:
            when = visit.visited_at.astimezone().strftime("%m-%d %H:%M")
            text = f"{when} {shown(DIRECTIONS.get(visit.direction, ''))} {visit.checkpoint}"
            if visit.flagged:
                text += " " + self.tr("(flagged)")
            f.recent_visits.addItem(text)
        if not card.recent_visits:
            f.recent_visits.addItem(self.tr("No visit yet"))

    def _autofill(self, name: str, value: Any) -> None:
        """Fill a field the user left empty (or that was filled for someone else before)."""
        if value in ("", None):
            return
        current = self.binder.value(name)
        if current in ("", None) or self._autofilled.get(name) == current:
            self.binder.set_value(name, value)
            self._autofilled[name] = value

    # -- destination, route, time, checkpoint

    def _unit_changed(self) -> None:
        """The compounds of the chosen community or village (none chosen: none offered)."""
        unit_id = _uuid(self.form.destination_unit_id.currentData())
        rows = reference.list_compounds(self.gui.services, unit_id) if unit_id else []
        combo = self.form.destination_compound_id
        self._refill(combo, [(row.name, str(row.id)) for row in rows])
        combo.setEnabled(bool(rows))
        self._compound_changed()

    def _compound_changed(self) -> None:
        compound_id = _uuid(self.form.destination_compound_id.currentData())
        rows = reference.list_buildings(self.gui.services, compound_id) if compound_id else []
        combo = self.form.destination_building_id
        self._refill(combo, [(row.name, str(row.id)) for row in rows])
        combo.setEnabled(bool(rows))

    def _add_route_place(self) -> None:
        text = self.form.route_entry.text().strip()
        places = self.binder.value("route")
        if text and text not in places:
            self.form.route.addItem(text)
            self.binder.edited.emit()
        self.form.route_entry.clear()

    def _remove_route_place(self, row: int) -> None:
        if 0 <= row < self.form.route.count():
            self.form.route.takeItem(row)
            self.binder.edited.emit()

    def _now(self) -> datetime:
        return self.gui.services.clock.now().astimezone()

    def _show_time(self, when: datetime) -> None:
        self.form.visited_at.setText(when.strftime("%Y-%m-%d %H:%M"))

    def _time_edited(self) -> None:
        self.form.keep_time.setChecked(True)  # a time typed by hand stays for the next ones

    def _keep_time_toggled(self, kept: bool) -> None:
        if not kept:
            self._show_time(self._now())

    def _follow_clock(self) -> None:
        if not self.form.keep_time.isChecked() and not self.form.visited_at.hasFocus():
            self._show_time(self._now())

    def _remember_checkpoint(self) -> None:
        value = self.form.checkpoint_id.currentData() or ""
        config = self.gui.config
        if hasattr(config, "checkpoint_id") and config.checkpoint_id != value:
            config.checkpoint_id = value
            try:
                self.gui.save_config()
            except OSError:
                pass  # remembering is a convenience; the choice still holds for this session

    # -- keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, f = event.key(), self.form
            plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                self._enter(watched)
                return True
            if watched is f.route and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._remove_route_place(f.route.currentRow())
                return True
            if watched is f.route_entry and key == Qt.Key.Key_Backspace:
                if f.route_entry.text():
                    return False
                self._remove_route_place(f.route.count() - 1)
                return True
        elif event.type() == QEvent.Type.FocusOut and watched is self.form.document_number:
            self._check_number(final=True)
        return super().eventFilter(watched, event)

    def _enter(self, watched: QObject) -> None:
        """Enter: the next field in reading order; on the last one, save."""
        f = self.form
        if watched is f.document_number and not self._check_number(final=True):
            f.document_number.selectAll()  # a bad read stays, ready for the next one
            return
        if watched is f.route_entry and f.route_entry.text().strip():
            self._add_route_place()
            return
        if watched is f.route:
            watched = f.route_entry
        walk = [
            widget
            for widget in (getattr(f, name) for name in WALK)
            if widget.isVisibleTo(self)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        if watched not in walk or watched is walk[-1]:
            self.save()
            return
        following = walk[walk.index(watched) + 1]
        following.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(following, QLineEdit):
            following.selectAll()
        f.scroll.ensureWidgetVisible(following)

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
        card = self._card
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

        def typed(name: str, parse: Any) -> Any:
            try:
                return parse(values[name])
            except ValueError as bad:
                no_such = bad.args == ("day",)
                if parse is parse_typed_date:
                    message = (
                        self.tr("There is no such day: %1")
                        if no_such
                        else self.tr("Write the date as 2026-11-24.")
                    )
                else:
                    message = (
                        self.tr("There is no such time: %1")
                        if no_such
                        else self.tr("Write the time as 2026-11-24 08:15, or 08:15 for today.")
                    )
                errors.append(ValidationError(message.replace("%1", values[name].strip()), name))
                return None

        data = VisitInput(
            document_number=values["document_number"],
            name=values["name"],  # exactly as typed: rare characters stay (never normalised)
            document_type=values["document_type"],
            gender=values["gender"] or "",
            birth_date=typed("birth_date", parse_typed_date) if self._id_info is None else None,
            phone=values["phone"],
            origin_region_code=self._origin_code(values["origin"]),
            origin=values["origin"],
            route=tuple(values["route"]),
            destination_unit_id=_uuid(values["destination_unit_id"]),
            destination_compound_id=_uuid(values["destination_compound_id"]),
            destination_building_id=_uuid(values["destination_building_id"]),
            destination_door=values["destination_door"],
            destination_address=values["destination_address"],
            purpose=values["purpose"],
            plate=values["plate"],
            companions=values["companions"] or 0,
            temperature=values["temperature"] or None,
            health_code=values["health_code"] or "",
            travel_code_star=TRAVEL_CODE.get(values["travel_code_star"] or ""),
            nucleic_test_date=typed("nucleic_test_date", parse_typed_date),
            nucleic_test_result=values["nucleic_test_result"] or "",
            direction=values["direction"],
            visited_at=typed("visited_at", self._parse_time) if values["keep_time"] else None,
            checkpoint_id=_uuid(values["checkpoint_id"]),
            notes=values["notes"],
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
        star = next(
            (key for key, value in TRAVEL_CODE.items() if value == data.travel_code_star), ""
        )
        day = "%Y-%m-%d"
        values: dict[str, Any] = {
            "document_type": data.document_type,
            "document_number": data.document_number,
            "name": data.name,
            "phone": data.phone,
            "origin": data.origin,
            "route": list(data.route),
            "destination_unit_id": str(data.destination_unit_id or ""),
            "destination_compound_id": str(data.destination_compound_id or ""),
            "destination_building_id": str(data.destination_building_id or ""),
            "destination_door": data.destination_door,
            "destination_address": data.destination_address,
            "purpose": data.purpose,
            "plate": data.plate,
            "companions": data.companions,
            "temperature": str(data.temperature or ""),
            "health_code": data.health_code,
            "travel_code_star": star,
            "nucleic_test_date": data.nucleic_test_date.strftime(day)
            if data.nucleic_test_date
            else "",
            "nucleic_test_result": data.nucleic_test_result,
            "direction": data.direction,
            "keep_time": True,
            "checkpoint_id": str(data.checkpoint_id or ""),
            "notes": data.notes,
        }
        self.restore(values)
        assert data.visited_at is not None
        self._show_time(data.visited_at)
        self.form.keep_time.setChecked(True)
        self.drafts.dirty = False
        self._editing = (visit_id, version)
        self.form.keys_hint.setText(self.tr("Correcting a saved registration · Ctrl+S: save"))

    def _register(self, data: VisitInput) -> RegistrationResult | None:
        if self._editing is not None:
            visit_id, version = self._editing
            result = registration.update_visit(self.gui.services, visit_id, data, version)
            self._editing = None
            self.form.keys_hint.setText(self.tr("Enter: next field · Ctrl+S: save"))
            return result
        try:
            return registration.register_visit(self.gui.services, data)
        except DuplicateVisit as duplicate:
            if not self.gui.prompts.confirm(
                self,
                self.tr("Registered a moment ago"),
                duplicate.message,
                self.tr("Register again"),
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
            f"{data.name.strip()}  {shown(DIRECTIONS.get(data.direction, ''))}  {when}",
            self.tr("New person") if result.new_person else self.tr("Known person"),
            *map(shown, result.warnings),
        ]
        if result.flags:
            lines.append(self.tr("Needs follow-up:"))
            lines += [f"• {shown(flag.reason)}" for flag in result.flags]
        self.form.last_saved.setText("\n".join(lines))
        self.form.last_saved.setStyleSheet(ERROR_STYLE if result.flags else "")

    def _offer_monitoring(self, result: RegistrationResult, card: PersonCard | None) -> None:
        days = result.suggested_monitoring_days
        reasons = "\n".join(f"• {shown(flag.reason)}" for flag in result.flags)
        if card is not None and card.monitoring_status == monitoring.CaseStatus.MONITORING:
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
        question = self.tr("Start health monitoring for %n days from today?", "", days)
        if not self.gui.prompts.confirm(
            self,
            self.tr("Visit flagged"),
            self.tr("This visit is flagged:") + "\n" + reasons + "\n\n" + question,
            self.tr("Start monitoring"),
        ):
            return
        code = result.flags[0].code
        try:
            case_id = monitoring.open_case(
                self.gui.services,
                monitoring.CaseInput(
                    person_id=result.person_id,
                    reason="；".join(flag.reason for flag in result.flags)[:200],
                    start_date=registration.today_of(self.gui.services),
                    days=days or None,
                    reason_code=code if code in self.settings.monitoring_days else "manual",
                    visit_id=result.visit_id,
                ),
            )
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
        self._autofilled = {}
        self._set_id_info(None)
        self._show_card(None, known=False)
        self.binder.clear_errors()
        self.form.phone.setPlaceholderText("")
        if not self.form.keep_time.isChecked():
            self._show_time(self._now())
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
        """Throw away what was typed (asks first when there is something)."""
        if self._editing is not None:
            self._editing = None
            self.form.keys_hint.setText(self.tr("Enter: next field · Ctrl+S: save"))
        if self.has_input() and not self.gui.prompts.confirm(
            self,
            self.tr("Clear form"),
            self.tr("Clear the form? What you typed has not been saved."),
            self.tr("Clear"),
        ):
            return
        self.drafts.discard()
        self.new_form()

    def restore(self, values: dict[str, Any]) -> None:
        """Put a draft's values back into the form (after a crash)."""
        self._quiet = True
        try:
            self.binder.set_values({k: v for k, v in values.items() if k != "document_number"})
        finally:
            self._quiet = False
        # Typed last, so the number fills gender and birth date and finds the person again.
        self.binder.set_value("document_number", values.get("document_number", ""))
        if not self.form.keep_time.isChecked():
            self._show_time(self._now())
        self.drafts.dirty = True
        self.form.document_number.setFocus(Qt.FocusReason.OtherFocusReason)
