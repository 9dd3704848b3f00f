"""The person declaration (domain/person.py PERSON): every field names something real."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from jinsha_desktop.db.registration_models import Person
from jinsha_desktop.domain.errors import FormErrors
from jinsha_desktop.domain.fields import always_on
from jinsha_desktop.domain.person import PERSON, PersonInput
from jinsha_desktop.domain.regions import bundled_regions_path, load_regions
from jinsha_desktop.services.visit_lists import PERSON_SORTS, PersonRow
from tests.unit.support import resident_id


def test_keys_are_unique_and_stored_on_the_person_and_its_row() -> None:
    keys = list(PERSON.keys())
    assert len(keys) == len(set(keys))
    assert set(keys) <= set(Person.__table__.columns.keys())
    assert set(keys) <= {f.name for f in dataclasses.fields(PersonRow)}


def test_sorts_are_the_lists_sorts() -> None:
    assert {f.sort for f in PERSON.fields if f.sort} == set(PERSON_SORTS)


def test_the_sheet_keeps_the_headings_the_roster_import_reads_back() -> None:
    assert [f.header for f in PERSON.shown("sheet", always_on)] == [
        "姓名", "性别", "出生日期", "证件类型", "证件号码", "手机号", "最近来访", "住址",
    ]  # fmt: skip


def test_labels_read_the_stored_codes() -> None:
    row = SimpleNamespace(
        name="李𠮷", document_type="resident_id", document_number="320612199001011234",
        gender="female", birth_date=date(1990, 1, 1), phone="", address="", last_visit_at=None,
    )  # fmt: skip
    assert [f.text(row) for f in PERSON.fields] == [
        "李𠮷", "女", "1990-01-01", "居民身份证", "320612199001011234", "", "", "",
    ]  # fmt: skip


TODAY = date(2026, 11, 25)
REGIONS = load_regions(bundled_regions_path())


@pytest.mark.parametrize(
    ("born", "accepted"),
    [
        pytest.param(date(1899, 12, 31), False, id="1899-a-typo"),
        pytest.param(date(1900, 1, 1), True, id="1900-first-day"),
        pytest.param(TODAY, True, id="born-today"),
        pytest.param(TODAY + timedelta(days=1), False, id="tomorrow"),
    ],
)
def test_a_birth_date_is_from_1900_to_today(born: date, accepted: bool) -> None:
    person = PersonInput("王五", document_type="passport", document_number="E12345678")
    person = dataclasses.replace(person, birth_date=born)
    if accepted:
        assert person.cleaned(TODAY, REGIONS).person.birth_date == born
    else:
        with pytest.raises(FormErrors) as raised:
            person.cleaned(TODAY, REGIONS)
        assert [(e.field, e.message) for e in raised.value.errors] == [
            ("birth_date", "出生日期应在 1900 年以后、不晚于今天，请核对。")
        ]


def test_a_resident_id_says_gender_and_birth_date() -> None:
    typed = PersonInput(
        " 张三 ", "138 1234 5678", document_number=resident_id(sequence=123), gender="female"
    )
    clean = typed.cleaned(TODAY, REGIONS)
    assert (clean.person.name, clean.person.gender, clean.person.birth_date) == (
        "张三", "male", date(1990, 1, 1),
    )  # fmt: skip
    values = clean.values()
    assert values["phone"] == "13812345678" and values["native_region_code"] == "320612"
    assert set(values) == set(PERSON.keys()) - {"last_visit_at"} | {"native_region_code"}


def test_a_correction_without_a_document_checks_name_phone_and_address_only() -> None:
    clean = PersonInput("李四", "", "金沙街道 8 号").cleaned(TODAY, None)
    assert clean.person.document_number == "" and clean.person.address == "金沙街道 8 号"
    with pytest.raises(FormErrors) as raised:
        PersonInput("李四", "", "路" * 201).cleaned(TODAY, None)
    assert raised.value.errors[0].message == "住址不能超过 200 个字（现在 201 个）。"
