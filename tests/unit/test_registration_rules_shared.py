"""One set of person rules (domain/person.py PersonInput.cleaned) for every way a person comes
in: the same bad value typed on the registration form, corrected in the people list or read
from a roster sheet gets the same message."""

from __future__ import annotations

from datetime import date, timedelta

import openpyxl
import pytest

from jinsha_desktop.domain.errors import FormErrors
from jinsha_desktop.domain.person import PersonInput
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.services import registration
from tests.reports.test_importers import imported
from tests.unit.support import a_checkpoint, resident_id

TODAY = date.today()
HEADERS = ("姓名", "证件类型", "证件号码", "性别", "出生日期", "手机号", "住址")
GOOD = {
    "name": "王五",
    "document_type": "passport",
    "document_number": "E12345678",
    "birth_date": date(1990, 1, 1),
    "phone": "13812345678",
    "address": "",
}
SHEET_TYPES = {"passport": "护照", "resident_id": "居民身份证"}

CASES = [
    pytest.param({"birth_date": date(1899, 12, 31)}, "birth_date", id="born-before-1900"),
    pytest.param({"birth_date": TODAY + timedelta(days=1)}, "birth_date", id="born-tomorrow"),
    pytest.param({"phone": "12345"}, "phone", id="phone-too-short"),
    pytest.param({"phone": "1381234567890"}, "phone", id="phone-13-digits"),
    pytest.param({"name": ""}, "name", id="no-name"),
    pytest.param({"name": "张" * 51}, "name", id="name-too-long"),
    pytest.param({"address": "路" * 201}, "address", id="address-too-long"),
    pytest.param(
        {"document_type": "resident_id", "document_number": resident_id()[:-1] + "0"},
        "document_number",
        id="id-check-digit",
    ),
]


def _typed_visit(values, checkpoint):
    """The registration form's input for `values` (one table row), at `checkpoint`."""
    return VisitInput(
        document_number=values["document_number"],
        name=values["name"],
        document_type=values["document_type"],
        birth_date=values["birth_date"],
        phone=values["phone"],
        checkpoint_id=checkpoint,
    )


def _form_messages(admin, checkpoint, values: dict) -> list[str]:
    """The messages of the registration form (the people list's correction for the address,
    which the form does not take: it keeps the destination there)."""
    if values["address"]:
        person = PersonInput(values["name"], values["phone"], values["address"])
        with pytest.raises(FormErrors) as raised:
            registration.update_person(admin, _someone(admin, checkpoint), person, 1)
        return [e.message for e in raised.value.errors]
    data = _typed_visit(values, checkpoint)
    with pytest.raises(FormErrors) as raised:
        registration.register_visit(admin, data)
    return [e.message for e in raised.value.errors]


def _someone(admin, checkpoint):
    data = VisitInput(
        document_number=resident_id(sequence=777), name="赵六", checkpoint_id=checkpoint
    )
    return registration.register_visit(admin, data).person_id


def _importer_reason(admin, tmp_path, values: dict) -> str:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(
        [
            values["name"],
            SHEET_TYPES[values["document_type"]],
            values["document_number"],
            "",
            # 1899 is no Excel date: as typed; a resident ID says it, the cell stays empty
            values["birth_date"].isoformat() if values["birth_date"] else "",
            values["phone"],
            values["address"],
        ]
    )
    path = tmp_path / "roster.xlsx"
    book.save(path)
    (row,) = imported(admin, "roster", path).rows
    return row.reason


@pytest.mark.parametrize(("bad", "field"), CASES)
def test_the_form_and_the_roster_import_say_the_same(admin, tmp_path, bad, field):
    checkpoint = a_checkpoint(admin)
    values = {**GOOD, **bad}
    form = _form_messages(admin, checkpoint, values)
    assert len(form) == 1, form
    reason = _importer_reason(admin, tmp_path, values)
    assert form[0].rstrip("。") in reason, (form, reason)


def test_good_values_pass_both_ways(admin, tmp_path):
    checkpoint = a_checkpoint(admin)
    data = VisitInput(
        document_number=GOOD["document_number"],
        name=GOOD["name"],
        document_type=GOOD["document_type"],
        birth_date=GOOD["birth_date"],
        checkpoint_id=checkpoint,
    )
    assert registration.register_visit(admin, data).new_person
    assert imported(admin, "roster", _roster(tmp_path)).rows[0].outcome.value == "duplicate"


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in text)


FINE = [
    pytest.param({"phone": _fullwidth("13812345678")}, id="full-width-phone"),
    pytest.param(
        {
            "document_type": "resident_id",
            "document_number": _fullwidth(resident_id(sequence=321)),
            "birth_date": None,
        },
        id="full-width-resident-id",
    ),
    pytest.param({"name": "𠮷野"}, id="rare-character-name"),  # U+20BB7, CJK Extension B
    pytest.param({"name": "张" * 50}, id="name-of-50"),
    pytest.param({"birth_date": date(1900, 1, 1)}, id="born-1900-01-01"),
    pytest.param({"birth_date": "today"}, id="born-today"),  # the context's today
]


@pytest.mark.parametrize("fine", FINE)
def test_fine_values_are_taken_the_same_by_the_form_and_the_roster_import(admin, tmp_path, fine):
    """What the form saves, the import reads back as the same person with the same details:
    重复 (信息相同), not 更新 or 错误."""
    checkpoint = a_checkpoint(admin)
    values = {**GOOD, **fine}
    if values["birth_date"] == "today":
        values["birth_date"] = admin.clock.now().date()
    data = _typed_visit(values, checkpoint)
    assert registration.register_visit(admin, data).new_person
    assert _importer_reason(admin, tmp_path, values) == "已有此人，信息相同。"


def _roster(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    book.active.append(["王五", "护照", "E12345678", "", "1990-01-01", "", ""])
    path = tmp_path / "good.xlsx"
    book.save(path)
    return path
