"""The header of the inspection form and what it says about corrections: the choices offered,
the fields of a saved inspection, the header as the service takes it, and a correction's
summary beside the original (original score → corrected score, which items changed)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLineEdit, QWidget

from jinsha_desktop.domain.inspection_input import InspectionInput
from jinsha_desktop.domain.inspections import PlaceKind
from jinsha_desktop.gui.dialogs.inspection_items import WalkItem, filled
from jinsha_desktop.gui.forms.binder import as_uuid, refill_combo
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.widgets.place_picker import PlacePicker
from jinsha_desktop.services import checklists
from jinsha_desktop.services.context import AppContext

HEADER_FIELDS = [
    "unit_id",
    "place_kind",
    "compound_id",
    "place",
    "inspected_on",
    "template_id",
    "inspectors",
    "note",
]
"""In reading order: Enter walks them, and on the last one saves (a new one: creates it)."""


def offer_choices(form: Any, services: Callable[[], AppContext], owner: QObject) -> PlacePicker:
    """Villages and communities (their compounds), place kinds, checklists; and the hidden
    field that holds what is typed in the walk as JSON, so the draft keeper, which saves the
    form's fields, keeps the answers with the header through a crash."""
    parent = owner if isinstance(owner, QWidget) else None
    form.answers = QLineEdit(parent)
    form.answers.hide()
    picker = PlacePicker(services, form.unit_id, form.compound_id, parent=owner)
    picker.refill()
    for kind in PlaceKind:
        form.place_kind.addItem(shown(kind.label), kind.value)
    templates = checklists.list_templates(services())
    refill_combo(form.template_id, [(t.name, str(t.id)) for t in templates], blank=False)
    return picker


def header_values(detail: Any) -> dict[str, Any]:
    """A saved inspection's header as the form's fields hold it (the checklist aside)."""
    return {
        "unit_id": str(detail.unit_id),
        "place_kind": str(detail.place_kind),
        "compound_id": str(detail.compound_id or ""),
        "place": detail.place_text,
        "inspected_on": detail.inspected_on,
        "inspectors": detail.inspectors,
        "note": detail.note,
    }


def show_template(form: Any, name: str) -> None:
    """The checklist scored, by name (still shown when the template was deleted since)."""
    template = form.template_id
    if template.findText(name) < 0:
        template.addItem(name, "")
    template.setCurrentIndex(template.findText(name))


def header_input(values: dict[str, Any]) -> InspectionInput:
    return InspectionInput(
        template_id=as_uuid(values["template_id"]),
        unit_id=as_uuid(values["unit_id"]),
        inspected_on=values["inspected_on"],
        place_kind=PlaceKind(values["place_kind"] or PlaceKind.UNIT),
        compound_id=as_uuid(values["compound_id"]),
        place=values["place"],
        inspectors=values["inspectors"],
        note=values["note"],
    )


def correction_text(amendment: Any, original: Any, items: Sequence[WalkItem]) -> str:
    """Who corrected when and why, the original score → the corrected one, the items changed
    (in the dialog's translation context: the dialog shows it)."""
    made_at = f"{amendment.made_at.astimezone():%Y-%m-%d %H:%M}"
    text = filled(
        QCoreApplication.translate("InspectionDialog", "Correction %1 of %2 by %3: %4"),
        amendment.number, made_at, amendment.made_by_name, amendment.reason,
    )  # fmt: skip
    if original is not None:
        text += "\n" + filled(
            QCoreApplication.translate("InspectionDialog", "Score %1 (%2%) → %3 (%4%)"),
            original.score, original.percent, amendment.score, amendment.percent,
        )  # fmt: skip
    changed = "、".join(item.code or item.text[:12] for item in items if item.changed())
    none = QCoreApplication.translate("InspectionDialog", "none")
    changes = QCoreApplication.translate("InspectionDialog", "Items changed: %1")
    return text + "\n" + filled(changes, changed or none)
