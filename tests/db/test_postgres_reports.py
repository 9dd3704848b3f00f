"""Ledgers, exports and imports on a real PostgreSQL server (an office sharing one server)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.reports import import_files
from jinsha_desktop.reports.exports import export_visits
from jinsha_desktop.reports.ledgers import LedgerRequest, generate_ledger
from jinsha_desktop.reports.match_report import match_report
from jinsha_desktop.services import imports as importing
from jinsha_desktop.services import registration
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.imports import importer_of
from jinsha_desktop.services.visit_lists import VisitFilter, VisitSort
from tests.reports import import_workbooks as iw
from tests.reports.pdf_checks import one_line, page_texts
from tests.unit.support import a_checkpoint, resident_id

pytestmark = pytest.mark.postgres

NAMES = ["张伟", "李\U00020bb7", "王芳"]


@pytest.fixture
def visits(pg_admin: AppContext) -> list[str]:
    checkpoint = a_checkpoint(pg_admin)
    now = pg_admin.clock.now()
    numbers = [resident_id(sequence=200 + n) for n in range(len(NAMES))]
    for n, (name, number) in enumerate(zip(NAMES, numbers, strict=True)):
        registration.register_visit(
            pg_admin,
            VisitInput(
                document_number=number,
                name=name,
                phone=f"1390000000{n}",
                checkpoint_id=checkpoint,
                visited_at=now - timedelta(hours=5 - n),
                temperature="36.6",
            ),
        )
    return numbers


def test_a_registration_ledger_from_postgresql(pg_admin, visits, tmp_path: Path) -> None:
    today = registration.today_of(pg_admin)
    result = generate_ledger(
        pg_admin,
        LedgerRequest("registration", today - timedelta(days=1), today),
        tmp_path / "ledger.pdf",
    )
    text = one_line(" ".join(page_texts(result.path)))
    assert result.rows == 3 and result.missing == []
    positions = [text.index(name) for name in NAMES]
    assert positions == sorted(positions)
    assert "第 1 页 共 1 页" in text


def test_visits_exported_from_postgresql_in_the_lists_order(
    pg_admin, visits, tmp_path: Path
) -> None:
    path = tmp_path / "visits.xlsx"
    export_visits(pg_admin, VisitFilter(), VisitSort("visited_at", True), path, full=True)
    rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert [row[3] for row in rows[1:]] == list(reversed(NAMES))
    assert [row[6] for row in rows[1:]] == list(reversed(visits))


def test_a_roster_imported_into_postgresql_once(pg_admin, tmp_path: Path) -> None:
    importer = importer_of("roster")
    source = iw.messy_roster(tmp_path)

    def preview() -> importing.ImportPreview:
        table = import_files.read_for_import(pg_admin, importer, source)
        mapping = importing.remembered_mapping(pg_admin, importer, table)
        return importing.preview_import(pg_admin, importer, table, mapping, path=source)

    first = preview()
    added = first.counts()[importing.RowOutcome.ADD]
    assert added > 0
    assert importing.apply_import(pg_admin, first)[importing.RowOutcome.ADD] == added
    again = preview().counts()
    assert again[importing.RowOutcome.ADD] == 0 and again[importing.RowOutcome.UPDATE] == 0


def test_a_match_list_against_postgresql(pg_admin, visits, tmp_path: Path) -> None:
    from openpyxl import Workbook

    listed = tmp_path / "协查名单.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "身份证号码"])
    sheet.append(["张伟", visits[0]])
    sheet.append(["无此人", resident_id(sequence=999)])
    workbook.save(listed)
    importer = importer_of("match_list")
    table = import_files.read_for_import(pg_admin, importer, listed)
    preview = importing.preview_import(
        pg_admin, importer, table, importing.remembered_mapping(pg_admin, importer, table)
    )
    report = match_report(pg_admin, preview)
    assert [entry.name for entry in report.found] == ["张伟"]
    assert [entry.name for entry in report.not_found] == ["无此人"]
