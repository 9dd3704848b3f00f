"""The inspection module's lists exported to Excel (reports/exports.py): the findings as the list
shows them (its declared sheet columns), a resident's phone masked unless a role that may see it
asks; `jinsha-desktop export findings|inspections` narrowed by its flags."""

from __future__ import annotations

import openpyxl
import pytest

from jinsha_desktop.domain.errors import PermissionDenied
from jinsha_desktop.domain.fields import always_on
from jinsha_desktop.domain.finding_kinds import FINDING
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.reports.exports import EXPORTABLE, export_findings
from jinsha_desktop.services.finding_lists import FindingFilter, FindingSort
from tests.reports.test_inspection_ledgers import MONTH_START, build_records
from tests.unit.support import audit_entries, logged_in_as


def sheet_rows(path) -> list[dict[str, object]]:
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_findings_list_exports_as_shown_phones_masked(admin, tmp_path):
    records = build_records(admin)
    flt = FindingFilter(start=MONTH_START, unit_id=records.units["金余村"])
    result = export_findings(admin, flt, FindingSort("number", False), tmp_path / "问题.xlsx")

    rows = sheet_rows(result.path)
    headers = [f.header for f in FINDING.shown("sheet", always_on)]
    assert list(rows[0]) == headers
    assert [row["编号"] for row in rows] == ["T01-Z000003", "T01-Z000004"]
    text = " ".join(str(value) for row in rows for value in row.values())
    assert "139****5678" in text and "13912345678" not in text
    assert any("导出整改问题列表" in e.summary for e in audit_entries(admin, action="export"))


def test_full_phones_in_the_findings_export_need_the_right(admin, tmp_path):
    records = build_records(admin)
    flt = FindingFilter(start=MONTH_START, unit_id=records.units["金余村"])
    result = export_findings(admin, flt, FindingSort(), tmp_path / "a.xlsx", full=True)
    assert "13912345678" in " ".join(
        str(v) for row in sheet_rows(result.path) for v in row.values()
    )
    inspector = logged_in_as(admin, "jiancha", Role.INSPECTOR)
    with pytest.raises(PermissionDenied):
        export_findings(inspector, flt, FindingSort(), tmp_path / "b.xlsx", full=True)


def test_the_command_line_exports_the_overdue_findings(
    database_file, data_dir, tmp_path, clock, passwords, machine_config, monkeypatch, capsys
):
    from jinsha_desktop import cli
    from jinsha_desktop.services import auth
    from jinsha_desktop.services.setup import local_installation, open_database
    from tests.conftest import ADMIN_PASSWORD

    assert "findings" in EXPORTABLE
    opened = open_database(database_file, tmp_path / "backups", clock)
    try:
        context, _changed = local_installation(opened.database, clock, passwords, machine_config)
        build_records(auth.login(context, "admin", ADMIN_PASSWORD))
    finally:
        opened.close()
    monkeypatch.setenv("JINSHA_PASSWORD", ADMIN_PASSWORD)
    out = tmp_path / "overdue.xlsx"
    base = ["--db", str(database_file), "export", "findings", "--user", "admin", "-o", str(out)]
    code = cli.main([*base, "--from", "2026-11-01", "--status", "逾期未销号"])
    assert code == 0, capsys.readouterr().err
    assert [row["编号"] for row in sheet_rows(out)] == ["T01-Z000001"]
    code = cli.main([*base, "--source", "群众反映", "--community", "金余村"])
    assert code == 0, capsys.readouterr().err
    assert [row["编号"] for row in sheet_rows(out)] == ["T01-Z000004", "T01-Z000003"]
    assert cli.main([*base, "--category", "乱堆乱放"]) == 2
    assert "整改问题不按类别筛选" in capsys.readouterr().err


def test_the_inspections_list_exports_and_the_command_line_narrows_it(
    database_file, data_dir, tmp_path, clock, passwords, machine_config, monkeypatch, capsys
):
    from jinsha_desktop import cli
    from jinsha_desktop.domain.inspection_kinds import INSPECTION
    from jinsha_desktop.services import auth
    from jinsha_desktop.services.setup import local_installation, open_database
    from tests.conftest import ADMIN_PASSWORD

    assert "inspections" in EXPORTABLE
    opened = open_database(database_file, tmp_path / "backups", clock)
    try:
        context, _changed = local_installation(opened.database, clock, passwords, machine_config)
        build_records(auth.login(context, "admin", ADMIN_PASSWORD))
    finally:
        opened.close()
    monkeypatch.setenv("JINSHA_PASSWORD", ADMIN_PASSWORD)
    out = tmp_path / "inspections.xlsx"
    base = ["--db", str(database_file), "export", "inspections", "--user", "admin", "-o", str(out)]
    code = cli.main([*base, "--status", "已提交", "--sort", "number", "--ascending"])
    assert code == 0, capsys.readouterr().err
    rows = sheet_rows(out)
    assert list(rows[0]) == [f.header for f in INSPECTION.shown("sheet", always_on)]
    assert [row["编号"] for row in rows] == ["T01-J000001", "T01-J000002"]  # not the draft
    code = cli.main([*base, "--community", "金北村", "--status", "草稿"])
    assert code == 0, capsys.readouterr().err
    assert [row["编号"] for row in sheet_rows(out)] == ["T01-J000003"]
    assert cli.main([*base, "--source", "群众反映"]) == 2
    assert "检查记录不按问题来源筛选" in capsys.readouterr().err
