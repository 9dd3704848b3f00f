"""The registration form's document number, checked as it is typed or read from a card.

A complete resident ID fills gender, birth date and age at once (and locks them: they are read,
not typed, so Tab and Enter pass them by) and says where it was issued; a valid number of any
document looks the person up (the person card). A bad number is shown next to the field when
the user leaves it or presses Enter, not while they are still typing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.id_numbers import (
    DocumentType,
    IdNumberInfo,
    age_on,
    clean_document_number,
    normalize_id_number,
)
from jinsha_desktop.domain.regions import RegionLookup
from jinsha_desktop.domain.typed_dates import parse_typed_date
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.pages.checkpoint.registration_person import PersonPanel

WARNING_STYLE = "color: #8a5300;"


class DocumentNumber(QObject):
    """Drives the document type and number, the note under them, gender, birth date and age."""

    def __init__(
        self,
        form: Any,
        person: PersonPanel,
        today: Callable[[], date],
        regions: Callable[[], RegionLookup],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.form, self.person, self._today, self._regions = form, person, today, regions
        self.info: IdNumberInfo | None = None
        """What a valid resident ID number says; None for none (or another document)."""
        self._quiet = False
        form.document_number_note.hide()
        form.document_type.currentIndexChanged.connect(lambda _i: self._changed())
        form.document_number.textChanged.connect(lambda _t: self._changed())
        form.birth_date.textChanged.connect(lambda _t: self.show_age())

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """The program, not the user, changes the fields: no checks meanwhile."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def kind(self) -> str:
        return str(self.form.document_type.currentData())

    def _changed(self) -> None:
        """Check the number as it is typed: a complete resident ID fills the person at once."""
        if self._quiet:
            return
        complete = (
            self.kind() == DocumentType.RESIDENT_ID
            and len(normalize_id_number(self.form.document_number.text())) >= 18
        )
        self.check(final=complete)

    def check(self, final: bool) -> bool:
        """Parse the number; with `final`, a bad one is shown next to the field. False if bad."""
        f = self.form
        f.document_number_error.hide()
        raw, kind = f.document_number.text(), self.kind()
        number, info, error = "", None, None
        if raw.strip():
            try:
                number, info = clean_document_number(kind, raw, self._today(), self._regions())
            except ValidationError as bad:
                error = bad
        self.set_info(info)
        if error is not None or not number:
            self.person.forget()
            if error is not None and final:
                f.document_number_error.setText(shown(error.message))
                f.document_number_error.show()
                f.document_number.setAccessibleDescription(shown(error.message))
                return False
            return True
        if final and number != raw:
            with self.quietly():  # "320612…x" becomes "320612…X": the same number
                f.document_number.setText(number)
        if final or info is not None:
            self.person.look_up(kind, number, id_read=info is not None)
        elif self.person.looked_up != (kind, number):
            self.person.forget()  # still typing another number
        return True

    def set_info(self, info: IdNumberInfo | None) -> None:
        f = self.form
        was_locked, self.info = self.info is not None, info
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
        self.show_age()

    def show_age(self) -> None:
        """The age on today's date, by the one age rule (IdNumberInfo.age_on)."""
        today = self._today()
        born: date | None
        if self.info is not None:
            born = self.info.birth_date
        else:
            try:
                born = parse_typed_date(self.form.birth_date.text())
            except ValueError:
                born = None
        if born is None or born > today:
            self.form.age.clear()
            return
        years = self.info.age_on(today) if self.info is not None else age_on(born, today)
        self.form.age.setText(self.tr("%n years old", "", years))
