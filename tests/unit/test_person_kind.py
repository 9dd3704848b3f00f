"""The person declaration (domain/person.py PERSON): every field names something real."""

from __future__ import annotations

import dataclasses
from datetime import date
from types import SimpleNamespace

from jinsha_desktop.db.registration_models import Person
from jinsha_desktop.domain.fields import always_on
from jinsha_desktop.domain.person import PERSON
from jinsha_desktop.services.visit_lists import PERSON_SORTS, PersonRow


def test_keys_are_unique_and_stored_on_the_person_and_its_row() -> None:
    keys = list(PERSON.keys())
    assert len(keys) == len(set(keys))
    assert set(keys) <= set(Person.__table__.columns.keys())
    assert set(keys) <= {f.name for f in dataclasses.fields(PersonRow)}


def test_sorts_are_the_lists_sorts() -> None:
    assert {f.sort for f in PERSON.fields if f.sort} == set(PERSON_SORTS)


def test_the_sheet_keeps_the_headings_the_roster_import_reads_back() -> None:
    assert [f.header for f in PERSON.shown("sheet", always_on)] == [
        "姓名", "证件类型", "证件号码", "性别", "出生日期", "手机号", "住址", "最近来访",
    ]  # fmt: skip


def test_labels_read_the_stored_codes() -> None:
    row = SimpleNamespace(
        name="李𠮷", document_type="resident_id", document_number="320612199001011234",
        gender="female", birth_date=date(1990, 1, 1), phone="", address="", last_visit_at=None,
    )  # fmt: skip
    assert [f.text(row) for f in PERSON.fields] == [
        "李𠮷", "居民身份证", "320612199001011234", "女", "1990-01-01", "", "", "",
    ]  # fmt: skip
