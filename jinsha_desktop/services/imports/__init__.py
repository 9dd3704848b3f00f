"""Importing an office's spreadsheet: one framework, one file per importer.

The steps, called the same way by the GUI, the command line and the tests (the sheet itself is
read, and the rejected rows and the blank template written, by reports/import_files.py):

1. `remembered_mapping(context, importer, table)` — column → field, as the user set it last time
   for these headers, else proposed from the header names; the user may correct it
   (`mapping_from_names` turns "列名或列号=字段" pairs into a mapping, for the command line).
2. `preview_import(context, importer, table, mapping)` — every row cleaned with the domain rules
   of the forms and classified against the database and the rows above it: 新增, 更新, 重复 or
   错误 (with the cell and the reason). Nothing is written.
3. `apply_import(context, preview)` — the good rows in one transaction. Classification is done
   again inside it, so applying twice (or after someone else imported the same file) adds
   nothing twice. One audit action "import" with the counts; the mapping is remembered.

Rules shared by every importer: a formula in a mapped column is read from the value Excel or
WPS saved with it (a roster's 性别 and 住址 are often computed), and the preview says which values
came from formulas; only a formula saved without its value (written by a program that does not
calculate) rejects its row, naming the cell; a formula in a column that is not imported is
ignored. Rows that are not data (a serial number alone, 合计, 填表人, 日期…) are left out when the
sheet is read. A row whose key repeats an earlier row of the file is 重复 when it says nothing
different, 错误 when it contradicts the earlier row.

An importer is a declaration (framework.Importer): its columns, `clean` with the domain rules,
`key`, `classify` against the database and `write`. Add one as a file here and list it in
IMPORTERS below.
"""

from __future__ import annotations

from collections.abc import Callable

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.services.imports.compounds import CompoundImporter
from jinsha_desktop.services.imports.framework import (
    FORMULA_MESSAGE,
    Importer,
    ImportField,
    ImportPreview,
    PreviewRow,
    RowOutcome,
)
from jinsha_desktop.services.imports.mapping import (
    MAPPING_SETTING,
    RecalledMapping,
    check_mapping,
    mapping_from_names,
    recall_mapping,
    remember_mapping,
    remembered_mapping,
)
from jinsha_desktop.services.imports.match_list import MatchListImporter
from jinsha_desktop.services.imports.risk_areas import RiskAreaImporter
from jinsha_desktop.services.imports.roster import RosterImporter
from jinsha_desktop.services.imports.run import apply_import, preview_import
from jinsha_desktop.services.imports.surveys import SurveyImporter

__all__ = [
    "FORMULA_MESSAGE",
    "IMPORTERS",
    "importers_for",
    "MAPPING_SETTING",
    "CompoundImporter",
    "ImportField",
    "ImportPreview",
    "Importer",
    "MatchListImporter",
    "PreviewRow",
    "RecalledMapping",
    "RiskAreaImporter",
    "RosterImporter",
    "RowOutcome",
    "SurveyImporter",
    "apply_import",
    "check_mapping",
    "importer_of",
    "mapping_from_names",
    "preview_import",
    "recall_mapping",
    "remember_mapping",
    "remembered_mapping",
]

IMPORTERS: dict[str, Importer] = {
    importer.name: importer
    for importer in (
        RosterImporter(),
        RiskAreaImporter(),
        CompoundImporter(),
        MatchListImporter(),
        SurveyImporter(),
    )
}


def importers_for(can: Callable[[Permission], bool]) -> list[Importer]:
    """The importers a user with these rights may run, in IMPORTERS' order: the screen offers
    only these (property staff: the survey sheets, no roster or match list); the services
    refuse the others anyway."""
    return [importer for importer in IMPORTERS.values() if can(importer.permission)]


def importer_of(name: str) -> Importer:
    """The importer called `name` (or titled so); ValidationError listing the known ones."""
    wanted = name.strip()
    for importer in IMPORTERS.values():
        if wanted in (importer.name, importer.title):
            return importer
    known = "、".join(f"{i.name}（{i.title}）" for i in IMPORTERS.values())
    raise ValidationError(f"没有名为“{name}”的导入项。可选：{known}。", "importer")
