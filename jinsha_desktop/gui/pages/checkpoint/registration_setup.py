"""How the registration form is set up: its choices, where-from completion, sizes at the
interface's font, and the marks of required fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QStringListModel, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QBoxLayout, QCompleter, QLineEdit, QWidget

from jinsha_desktop.domain.id_numbers import DocumentType, Gender
from jinsha_desktop.domain.regions import RegionLookup
from jinsha_desktop.domain.risk import HealthCode
from jinsha_desktop.domain.visit import Direction, TestResult, VisitInput
from jinsha_desktop.domain.visit_duty import missing_required
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.pages.checkpoint.registration_fields import REQUIRED_LABELS
from jinsha_desktop.services.registration_settings import RegistrationSettings

HEALTH_COLOURS = {"green": "#1b8a3a", "yellow": "#d9a400", "red": "#c62828"}
HOME_REGION = "3206"
"""南通市: its places come first when completing "where from" (Jinsha is in 320612 通州区)."""
REQUIRED_MARK = " *"


def fill_choices(f: Any) -> None:
    """The fixed choices of the combo boxes (reference data is filled by the page)."""
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
    f.travel_code_star.addItem(
        QCoreApplication.translate("RegistrationSetup", "No star"), "no_star"
    )
    f.travel_code_star.addItem(
        QCoreApplication.translate("RegistrationSetup", "With star *"), "star"
    )
    f.nucleic_test_result.addItem(QCoreApplication.translate("RegistrationSetup", "Result"), "")
    for result in TestResult:
        f.nucleic_test_result.addItem(shown(result.label), result.value)
    for direction in Direction:
        f.direction.addItem(shown(direction.label), direction.value)


class PlaceCodes:
    """The division code of each place name offered while typing "where from" (and of a last
    visit's origin), so the code saved is the one chosen, not a guess from the name."""

    def __init__(self, regions: Callable[[], RegionLookup]) -> None:
        self._regions = regions
        self.codes: dict[str, str] = {}

    def attach(self, line_edit: QLineEdit, owner: QObject) -> None:
        attach_region_completer(line_edit, self._regions, self.codes, owner)

    def remember(self, name: str, code: str) -> None:
        if name and code:
            self.codes[name] = code

    def code_of(self, origin: str) -> str:
        """The code of a place as typed: one offered, else an exact name in the table."""
        text = origin.strip()
        if not text:
            return ""
        if text in self.codes:
            return self.codes[text]
        return next((code for code, name in self._regions().search(text, 5) if name == text), "")


def attach_region_completer(
    line_edit: QLineEdit,
    regions: Callable[[], RegionLookup],
    codes: dict[str, str],
    owner: QObject,
) -> None:
    """Province/city/district completion from the GB/T 2260 table, searched as one types; the
    code of each name offered goes into `codes`."""
    model = QStringListModel(owner)
    completer = QCompleter(model, owner)
    completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
    completer.setMaxVisibleItems(10)
    line_edit.setCompleter(completer)
    timer = QTimer(owner)  # one search per pause in typing, not one per key
    timer.setSingleShot(True)
    timer.setInterval(150)

    def complete() -> None:
        text = line_edit.text().strip()
        if not text or not line_edit.hasFocus():
            return
        hits = regions().search(text, 12, near=HOME_REGION)
        codes.update({name: code for code, name in hits})
        names = [name for _code, name in hits]
        model.setStringList(names)
        if names and names != [text]:
            completer.complete()
        elif (popup := completer.popup()) is not None:
            popup.hide()

    timer.timeout.connect(complete)
    line_edit.textEdited.connect(lambda _t: timer.start())


def size_to_font(f: Any, page: QWidget) -> None:
    """Room for a whole date or time, and a few route places, at the interface's font."""
    metrics = page.fontMetrics()
    padding = metrics.averageCharWidth() * 3
    for edit, sample in (
        (f.birth_date, "2026-11-24"),
        (f.nucleic_test_date, "2026-11-24"),
        (f.visited_at, "2026-11-24 08:15"),
    ):
        edit.setMinimumWidth(metrics.horizontalAdvance(sample) + padding)
    f.route.setMaximumHeight(metrics.height() * 4 + 8)
    f.known_box.recent_visits.setMinimumHeight(metrics.height() * 6)


def fit_columns(f: Any) -> None:
    """Person and visit side by side when they fit, else one above the other (large text)."""
    wide = f.person_box.minimumSizeHint().width() + f.visit_box.minimumSizeHint().width()
    fits = f.scroll.width() >= wide + f.columns.spacing() + 20
    direction = QBoxLayout.Direction.LeftToRight if fits else QBoxLayout.Direction.TopToBottom
    if f.columns.direction() != direction:
        f.columns.setDirection(direction)


def mark_required(f: Any, settings: RegistrationSettings, labels: dict[str, str]) -> None:
    """Required fields (a duty setting) carry a star, and their hints say so; a hint never
    looks like a value ("e.g. 36.5", not a grey "36.5"). `labels`: the labels as designed."""
    needed = settings.requires
    for key, label in REQUIRED_LABELS.items():
        getattr(f, label).setText(labels[key] + (REQUIRED_MARK if needed(key) else ""))
        getattr(f, label).setToolTip(
            QCoreApplication.translate("RegistrationSetup", "Required") if needed(key) else ""
        )
    f.temperature.setPlaceholderText(
        QCoreApplication.translate("RegistrationSetup", "required, e.g. 36.5")
        if needed("temperature")
        else QCoreApplication.translate("RegistrationSetup", "e.g. 36.5")
    )
    f.origin.setPlaceholderText(
        QCoreApplication.translate("RegistrationSetup", "Required: province, city, district")
        if needed("origin")
        else QCoreApplication.translate("RegistrationSetup", "Province, city, district")
    )
    f.purpose.setPlaceholderText(
        QCoreApplication.translate("RegistrationSetup", "Required") if needed("purpose") else ""
    )
    for combo, key in ((f.health_code, "health_code"), (f.travel_code_star, "travel_code")):
        combo.setItemText(
            0,
            QCoreApplication.translate("RegistrationSetup", "(required: choose)")
            if needed(key)
            else "",
        )


def first_required_empty(
    f: Any, data: VisitInput, settings: RegistrationSettings, order: list[str]
) -> QWidget | None:
    """The first required input still empty, in reading order (None when all are given), by
    the domain's rule (visit_duty.missing_required), as the save will check it."""
    missing = {field for _message, field in missing_required(data, settings)}
    for name in order:
        if name in missing:
            widget: QWidget = getattr(f, name)
            return widget
    return None
