"""Editors of the repairs catalogue: a part (name, what totals count it as, unit, unit price)
and a clean-up category (name, unit). The rules are domain/repair_catalogue.py's."""

from __future__ import annotations

from typing import Any

from jinsha_desktop.domain.repair_catalogue import CleanupCategoryInput, PartInput
from jinsha_desktop.domain.repairs import PartKind
from jinsha_desktop.gui.dialogs.reference_dialogs import ReferenceDialog
from jinsha_desktop.gui.generated.ui_cleanup_category_dialog import Ui_CleanupCategoryDialog
from jinsha_desktop.gui.generated.ui_part_dialog import Ui_PartDialog
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.services.repair_catalogue import save_cleanup_category, save_part


class PartDialog(ReferenceDialog):
    ui_class = Ui_PartDialog
    fields = ["name", "kind", "unit", "unit_price", "note"]
    draft_kind = "part"

    def prepare(self) -> None:
        for kind in PartKind:
            self.form.kind.addItem(shown(kind.label), kind.value)

    def values_of(self, record: Any) -> dict[str, Any]:
        return {
            "name": record.name,
            "kind": PartKind(record.kind).value,
            "unit": record.unit,
            "unit_price": f"{record.unit_price:.2f}",
            "note": record.note,
        }

    def submit(self, values: dict[str, Any]) -> None:
        data = PartInput(*(values[name] for name in self.fields))
        save_part(self.gui.services, data, self.record_id, self.version)


class CleanupCategoryDialog(ReferenceDialog):
    ui_class = Ui_CleanupCategoryDialog
    fields = ["name", "unit", "note"]
    draft_kind = "cleanup_category"

    def submit(self, values: dict[str, Any]) -> None:
        data = CleanupCategoryInput(*(values[name] for name in self.fields))
        save_cleanup_category(self.gui.services, data, self.record_id, self.version)
