"""Village inspections (村居检查): inspections, findings and their rectification, and the
red/black list, as tabs built when first shown."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.pages.tabbed_module import Tab, TabbedModule

_PAGES = "jinsha_desktop.gui.pages.inspections"
_VIEW = Permission.VIEW_INSPECTIONS


class InspectionsModule(TabbedModule):
    CONTEXT = "InspectionsModule"
    TABS = (
        Tab(
            "Inspections",
            f"{_PAGES}.inspections_page:InspectionsPage",
            _VIEW,
            drafts=("inspection",),
        ),
        Tab("Findings", f"{_PAGES}.findings_page:FindingsPage", _VIEW, drafts=("finding",)),
        Tab("Red/black list", f"{_PAGES}.ranking_page:RankingPage", _VIEW),
    )


# Marked for pyside6-lupdate; TABS' titles are these strings.
_TITLES = (
    QT_TRANSLATE_NOOP("InspectionsModule", "Inspections"),
    QT_TRANSLATE_NOOP("InspectionsModule", "Findings"),
    QT_TRANSLATE_NOOP("InspectionsModule", "Red/black list"),
)
