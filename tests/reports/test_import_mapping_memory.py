"""The remembered column mapping of an import (issue 11.8): a sheet with a header written twice
once stored {"姓名": ""}, and every later import of the kind failed, --dry-run included. Nothing
that does not work is remembered, and a broken memory is set aside with a note."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from jinsha_desktop.reports import import_files
from jinsha_desktop.services import auth
from jinsha_desktop.services import imports as importing
from jinsha_desktop.services.imports import importer_of
from jinsha_desktop.services.settings import read_setting, write_setting
from jinsha_desktop.services.setup import local_installation, open_database
from tests.conftest import ADMIN_PASSWORD
from tests.unit.support import resident_id
from tests.unit.test_cli import run_cli

ROSTER = importer_of("roster")
KEY = importing.MAPPING_SETTING.format(name="roster")


def roster(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def twice_named(folder: Path, first: int = 1) -> Path:
    """Two "姓名" columns (the second one a contact person's name), as offices send them."""
    return roster(
        folder / f"名单{first}.xlsx",
        ["姓名", "身份证号码", "手机号码", "姓名"],
        [
            ["张三", resident_id(sequence=first), "13812345678", "李四"],
            ["王五", resident_id(sequence=first + 1), "13912345678", "赵六"],
        ],
    )


def memory(context) -> dict[str, str]:
    with context.reading() as session:
        return json.loads(read_setting(session, KEY) or "{}")


def import_file(context, path: Path) -> dict:
    table = import_files.read_for_import(context, ROSTER, path)
    mapping = importing.remembered_mapping(context, ROSTER, table)
    preview = importing.preview_import(context, ROSTER, table, mapping, path=path)
    return importing.apply_import(context, preview)


def test_a_header_written_twice_is_not_remembered_and_the_next_import_works(admin, tmp_path):
    first = import_file(admin, twice_named(tmp_path, 1))

    assert memory(admin).get("姓名") is None
    assert memory(admin)["身份证号码"] == "document_number"
    second = import_file(admin, twice_named(tmp_path, 3))  # the next week's list
    assert first[importing.RowOutcome.ADD] == second[importing.RowOutcome.ADD] == 2


def test_a_mapping_that_would_not_work_is_never_remembered(admin, tmp_path):
    path = roster(tmp_path / "名单.xlsx", ["姓名", "身份证号码"], [["张三", resident_id()]])
    table = import_files.read_for_import(admin, ROSTER, path)
    with admin.uow() as session:  # the name column left out: no import could ever use it
        importing.remember_mapping(session, ROSTER, table, {1: "document_number"})
    assert memory(admin) == {}


BROKEN = {"姓名": "", "身份证号码": "document_number"}
"""What the old rule stored after a sheet with two "姓名" columns."""


def store_broken_memory(context) -> None:
    with context.uow() as session:
        write_setting(session, KEY, json.dumps(BROKEN, ensure_ascii=False))


@pytest.fixture
def broken_memory(admin):
    store_broken_memory(admin)
    return admin


def test_a_broken_remembered_mapping_is_set_aside_with_a_note(broken_memory, tmp_path):
    path = roster(tmp_path / "名单.xlsx", ["姓名", "身份证号码"], [["张三", resident_id()]])
    table = import_files.read_for_import(broken_memory, ROSTER, path)

    recalled = importing.recall_mapping(broken_memory, ROSTER, table)

    assert recalled.mapping == {0: "name", 1: "document_number"}
    assert "上次记住的列对应" in recalled.note
    preview = importing.preview_import(broken_memory, ROSTER, table, recalled.mapping)
    assert preview.counts()[importing.RowOutcome.ADD] == 1


def test_a_remembered_choice_that_works_is_kept_without_a_note(admin, tmp_path):
    path = roster(
        tmp_path / "名单.xlsx", ["姓名", "身份证号码", "手机号码"], [["张三", resident_id(), "x"]]
    )
    table = import_files.read_for_import(admin, ROSTER, path)
    with admin.uow() as session:  # the user chose not to import the phone column
        importing.remember_mapping(session, ROSTER, table, {0: "name", 1: "document_number"})

    recalled = importing.recall_mapping(admin, ROSTER, table)

    assert recalled == importing.RecalledMapping({0: "name", 1: "document_number"})


def test_the_command_line_dry_run_works_despite_a_broken_memory_and_says_so(
    database_file, tmp_path, clock, passwords, machine_config
):
    opened = open_database(database_file, tmp_path / "backups", clock)
    try:
        context, _changed = local_installation(opened.database, clock, passwords, machine_config)
        store_broken_memory(auth.login(context, "admin", ADMIN_PASSWORD))
    finally:
        opened.close()
    path = roster(tmp_path / "名单.xlsx", ["姓名", "身份证号码"], [["张三", resident_id()]])

    result = run_cli(
        "--db",
        str(database_file),
        "import",
        "roster",
        str(path),
        "--dry-run",
        "--user",
        "admin",
        data_dir=tmp_path / "data",
        password=ADMIN_PASSWORD,
    )

    assert result.returncode == 0, result.stderr
    assert "注意：上次记住的列对应" in result.stdout
    assert "新增 1 行" in result.stdout
