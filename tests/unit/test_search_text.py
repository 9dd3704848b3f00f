"""Search text (issue 11.7): a lone surrogate — what a byte that is not UTF-8 becomes on a command
line, or half of a broken pasted character — is refused with a message by the one rule in
domain/text.py, in the services and through the command line; invisible characters are dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.text import search_text
from jinsha_desktop.reports.exports import export_people, export_visits
from jinsha_desktop.services import monitoring
from jinsha_desktop.services.audit import AuditFilter, list_audit_entries
from jinsha_desktop.services.ledger_data import count_visits, iter_visits
from jinsha_desktop.services.visit_lists import (
    VisitFilter,
    VisitSort,
    count_people,
    iter_people,
    people_page,
    visits_page,
)
from tests.conftest import ADMIN_PASSWORD
from tests.unit.test_cli import run_cli
from tests.unit.test_visit_lists import add_checkpoints, register, resident_id

BROKEN = "\udcff"


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("  张伟 ", "张伟"),
        ("3206\u200b12", "320612"),  # a zero-width space pasted inside
        ("\ufeff138", "138"),  # a byte-order mark from a pasted file
        ("王\t", "王"),
        ("𠮷祥", "𠮷祥"),  # a character beyond the BMP is one code point, not a surrogate pair
        ("", ""),
    ],
    ids=["spaces", "zero-width", "bom", "tab", "extension-b", "empty"],
)
def test_search_text_drops_invisible_characters(typed, searched):
    assert search_text(typed) == searched


@pytest.mark.parametrize("typed", [BROKEN, f"张{BROKEN}", "\ud842", "32\udc80"])
def test_search_text_refuses_a_lone_surrogate_with_a_message(typed):
    with pytest.raises(ValidationError) as caught:
        search_text(typed)
    assert "无法识别的字符" in caught.value.message and caught.value.field == "search"


@pytest.fixture
def visits(admin):
    [checkpoint] = add_checkpoints(admin, "北山社区1号卡点")
    register(admin, checkpoint, 10, document_number=resident_id(11), name="张伟")
    return admin


SEARCHES = {
    "visits_page": lambda c, t: visits_page(c, VisitFilter(text=t)),
    "count_visits": lambda c, t: count_visits(c, VisitFilter(text=t)),
    "iter_visits": lambda c, t: iter_visits(c, VisitFilter(text=t)),
    "people_page": lambda c, t: people_page(c, t),
    "count_people": lambda c, t: count_people(c, t),
    "iter_people": lambda c, t: iter_people(c, t),
    "monitoring cases": lambda c, t: monitoring.cases(c, text=t),
    "audit log": lambda c, t: list_audit_entries(c, AuditFilter(text=t)),
}


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_every_search_refuses_a_lone_surrogate(visits, name):
    with pytest.raises(ValidationError, match="无法识别的字符"):
        SEARCHES[name](visits, f"张{BROKEN}")


def test_a_zero_width_character_in_the_search_box_still_finds_the_person(visits):
    number = resident_id(11)
    found = visits_page(visits, VisitFilter(text=number[:6] + "\u200b" + number[6:10]))
    assert [row.person_name for row in found] == ["张伟"]
    assert [p.name for p in people_page(visits, "\u200b张")] == ["张伟"]


def test_an_export_with_a_broken_search_writes_nothing(visits, tmp_path):
    out = tmp_path / "exports"
    out.mkdir()
    with pytest.raises(ValidationError):
        export_visits(visits, VisitFilter(text=BROKEN), VisitSort(), out / "v.xlsx")
    with pytest.raises(ValidationError):
        export_people(visits, BROKEN, "name", False, out / "p.xlsx")
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("listed", ["visits", "people"])
def test_the_command_line_refuses_a_search_that_is_not_utf8(
    database_file: Path, tmp_path: Path, listed: str
):
    out = tmp_path / "导出.xlsx"
    result = run_cli(
        "--db",
        str(database_file),
        "export",
        listed,
        "--search",
        BROKEN,  # how Python hands over the argument byte 0xff (surrogateescape)
        "--user",
        "admin",
        "-o",
        str(out),
        data_dir=tmp_path / "data",
        password=ADMIN_PASSWORD,
    )
    assert result.returncode == 2, result.stderr
    assert "搜索内容含有无法识别的字符" in result.stderr
    assert "Traceback" not in result.stderr and "UnicodeEncodeError" not in result.stderr
    assert not out.exists()
