"""Administration of the reference data: units, compounds with their buildings, checkpoints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QSplitter, QTabWidget, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.reference_dialogs import (
    BuildingDialog,
    CheckpointDialog,
    CompoundDialog,
    UnitDialog,
)
from jinsha_desktop.gui.lists.columns import Column
from jinsha_desktop.gui.lists.record_list import RecordListPanel
from jinsha_desktop.services import reference


class ReferencePage(QTabWidget):
    """Tabs for each kind of reference record; editing needs the administrator's permission."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        # Every tab in sight: hidden behind scroll arrows a volunteer never finds them.
        self.setUsesScrollButtons(False)
        self.units = RecordListPanel(
            self.tr("Communities and villages"),
            [
                Column("name", self.tr("Name"), 180),
                Column("kind", self.tr("Type"), 80, formatter=lambda k: k.label),
                Column("compound_count", self.tr("Compounds"), 90, align_right=True),
                Column("checkpoint_count", self.tr("Checkpoints"), 90, align_right=True),
                Column("note", self.tr("Note"), 240),
            ],
        )
        self.compounds = RecordListPanel(
            self.tr("Compounds"),
            [
                Column("unit_name", self.tr("Community/village"), 130),
                Column("name", self.tr("Compound"), 180),
                Column("address", self.tr("Address"), 200),
                Column("building_count", self.tr("Buildings"), 80, align_right=True),
                Column("managed_by", self.tr("Property company"), 140),
                Column("note", self.tr("Note"), 160),
            ],
        )
        self.buildings = RecordListPanel(
            self.tr("Buildings of the selected compound"),
            [
                Column("name", self.tr("Building"), 120),
                Column("unit_count", self.tr("Entrances"), 90, align_right=True),
                Column("floor_count", self.tr("Floors"), 90, align_right=True),
            ],
        )
        self.checkpoints = RecordListPanel(
            self.tr("Checkpoints"),
            [
                Column("unit_name", self.tr("Community/village"), 130),
                Column("name", self.tr("Checkpoint"), 200),
                Column("location", self.tr("Location"), 240),
                Column("note", self.tr("Note"), 200),
            ],
        )
        # Alt keys of their own: the compounds' New/Edit/Delete/Export are on the same page.
        self.buildings.name_buttons(
            self.tr("Ne&w…", "building"),
            self.tr("Ed&it…", "building"),
            self.tr("De&lete", "building"),
            self.tr("Ex&port…", "buildings"),
        )
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.compounds)
        split.addWidget(self.buildings)
        split.setSizes([400, 250])
        for panel in (self.units, self.compounds, self.buildings, self.checkpoints):
            panel.enable_export(gui)
        # Short tab titles: the six tabs of Administration fit a 1366-pixel screen at every size.
        self.addTab(self.units, self.tr("Communities", "tab"))
        self.addTab(split, self.tr("Compounds", "tab"))
        self.addTab(self.checkpoints, self.tr("Checkpoints"))

        self._wire(self.units, lambda row=None: UnitDialog(gui, self, row), reference.UNITS)
        self._wire(
            self.compounds, lambda row=None: CompoundDialog(gui, self, row), reference.COMPOUNDS
        )
        self._wire(
            self.checkpoints,
            lambda row=None: CheckpointDialog(gui, self, row),
            reference.CHECKPOINTS,
        )
        self._wire(self.buildings, self._building_dialog, reference.BUILDINGS)
        self.compounds.current_changed.connect(lambda _row: self._load_buildings())
        editable = gui.services.user is not None and gui.services.user.can(
            Permission.MANAGE_REFERENCE_DATA
        )
        for panel in (self.units, self.compounds, self.buildings, self.checkpoints):
            panel.set_editable(editable)
        self.refresh()

    def _building_dialog(self, row: Any = None) -> QDialog | None:
        compound = self.compounds.current_row()
        if compound is None:
            self.gui.prompts.info(self, self.tr("Buildings"), self.tr("Select a compound first."))
            return None
        return BuildingDialog(self.gui, self, compound, row)

    def _wire(
        self,
        panel: RecordListPanel,
        make_dialog: Callable[..., QDialog | None],
        kind: reference.Kind,
    ) -> None:
        wire_panel(self, self.gui, panel, make_dialog, kind, self.refresh)

    def editor_for_draft(self, kind: str, key: str) -> QDialog | None:
        """The editor a saved draft belongs to (to restore it after a crash), or None."""
        parent_key, _, record_key = key.rpartition("/")
        panels: dict[str, tuple[RecordListPanel, Callable[[Any], QDialog | None]]] = {
            "unit": (self.units, lambda row: UnitDialog(self.gui, self, row)),
            "compound": (self.compounds, lambda row: CompoundDialog(self.gui, self, row)),
            "checkpoint": (self.checkpoints, lambda row: CheckpointDialog(self.gui, self, row)),
            "building": (self.buildings, self._restored_building_dialog(parent_key)),
        }
        if kind not in panels:
            return None
        panel, make = panels[kind]
        record = None
        if record_key != "new":
            if kind == "building":
                self.compounds.select_where(lambda row: str(row.id) == parent_key)
            record = next((r for r in panel.all_rows() if str(r.id) == record_key), None)
            if record is None:
                return None
        return make(record)

    def _restored_building_dialog(self, compound_key: str) -> Callable[[Any], QDialog | None]:
        def make(row: Any) -> QDialog | None:
            compound = next(
                (c for c in self.compounds.all_rows() if str(c.id) == compound_key), None
            )
            return BuildingDialog(self.gui, self, compound, row) if compound else None

        return make

    def refresh(self) -> None:
        try:
            self.units.set_rows(reference.list_units(self.gui.services))
            self.compounds.set_rows(reference.list_compounds(self.gui.services))
            self.checkpoints.set_rows(reference.list_checkpoints(self.gui.services))
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Reference data"), error.message)
        self._load_buildings()

    def _load_buildings(self) -> None:
        compound = self.compounds.current_row()
        if compound is None:
            self.buildings.set_rows([])
            return
        self.buildings.set_rows(reference.list_buildings(self.gui.services, compound.id))


def wire_panel(
    owner: QWidget,
    gui: GuiContext,
    panel: RecordListPanel,
    make_dialog: Callable[..., QDialog | None],
    kind: reference.Kind,
    refresh: Callable[[], None],
) -> None:
    """A reference list's New / Edit (its dialog, then `refresh`) and Delete (asked first; a
    soft delete through the reference service, refused while something still uses it)."""

    def open_dialog(row: Any = None) -> None:
        dialog = make_dialog(row) if row is not None else make_dialog()
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
            refresh()

    def delete(row: Any) -> None:
        if not gui.prompts.confirm(
            owner,
            QCoreApplication.translate("ReferencePage", "Delete"),
            QCoreApplication.translate(
                "ReferencePage",
                "Delete “%s”? It will no longer be offered for new records; "
                "records that use it keep it.",
            )
            % row.name,
            QCoreApplication.translate("ReferencePage", "Delete"),
        ):
            return
        try:
            reference.delete(gui.services, kind, row.id, row.version)
        except KnownError as error:
            gui.prompts.warn(
                owner, QCoreApplication.translate("ReferencePage", "Cannot delete"), error.message
            )
        refresh()

    panel.add_requested.connect(open_dialog)
    panel.edit_requested.connect(open_dialog)
    panel.delete_requested.connect(delete)
