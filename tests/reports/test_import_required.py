"""An empty required cell is refused by the importer's own rules, in the words the form uses for
the same empty field (one message per rule: the domain input's, e.g. 请填写姓名。); the import
framework's generic 必填，不能为空 only stops a row whose rules would let an empty required cell
through."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from jinsha_desktop.domain.errors import FormErrors
from jinsha_desktop.domain.person import PersonInput
from jinsha_desktop.domain.reference import CompoundInput
from jinsha_desktop.domain.risk import RiskAreaInput
from jinsha_desktop.services.imports import IMPORTERS, RosterImporter, RowOutcome, surveys
from jinsha_desktop.services.imports.run import REQUIRED_MESSAGE
from jinsha_desktop.services.registration import region_lookup
from tests.reports.test_importers import imported


def _refusal(rule, field: str) -> str:
    """The message a domain rule gives `field` (the form's words)."""
    with pytest.raises(FormErrors) as raised:
        rule()
    return next(error.message for error in raised.value.errors if error.field == field)


TODAY = date(2026, 12, 1)
EMPTY_REQUIRED = {
    ("roster", "name"): lambda context: _refusal(
        lambda: PersonInput("").cleaned(TODAY, None), "name"
    ),
    ("roster", "document_number"): lambda context: _refusal(
        lambda: PersonInput("张三", document_number="").cleaned(TODAY, region_lookup(context)),
        "document_number",
    ),
    ("risk_areas", "name"): lambda context: _refusal(
        lambda: RiskAreaInput("", "high", TODAY).cleaned(), "name"
    ),
    ("risk_areas", "level"): lambda context: _refusal(
        lambda: RiskAreaInput("上海市浦东新区", "", TODAY).cleaned(), "level"
    ),
    ("risk_areas", "effective_from"): lambda context: _refusal(
        lambda: RiskAreaInput("上海市浦东新区", "high", None).cleaned(),  # type: ignore[arg-type]
        "effective_from",
    ),
    ("compounds", "compound"): lambda context: _refusal(
        lambda: CompoundInput("").cleaned(), "name"
    ),
    # The unit is picked from a list on the form; a sheet names it, the importer finds it.
    ("compounds", "unit"): lambda context: "请填写社区/村。",
    # The survey grid is opened for one compound and lists its buildings; a sheet names them.
    ("surveys", "compound"): lambda context: surveys.NO_COMPOUND,
    ("surveys", "building"): lambda context: surveys.NO_BUILDING,
}
"""Every required column of every importer, and the message of the rule that answers it empty."""


def test_every_required_column_of_every_importer_is_in_the_table():
    required = {
        (importer.name, field.key)
        for importer in IMPORTERS.values()
        for field in importer.fields
        if field.required
    }
    assert required == set(EMPTY_REQUIRED)


def _sheet_without(tmp_path, importer, key: str):
    """The importer's template example as a sheet, the cell of `key` left empty."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([f.label for f in importer.fields])
    example = list(importer.template_example)
    example[importer.keys.index(key)] = None
    sheet.append(example)
    path = tmp_path / f"{importer.name}-{key}.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("name", "key"), sorted(EMPTY_REQUIRED), ids=[f"{n}-{k}" for n, k in sorted(EMPTY_REQUIRED)]
)
def test_an_empty_required_cell_gets_the_message_of_its_rule(admin, tmp_path, name, key):
    importer = IMPORTERS[name]
    expected = EMPTY_REQUIRED[(name, key)](admin).rstrip("。")
    column = openpyxl.utils.get_column_letter(importer.keys.index(key) + 1)

    (row,) = imported(admin, name, _sheet_without(tmp_path, importer, key)).rows

    assert row.outcome is RowOutcome.REJECT
    assert f"{column}2 {importer.field(key).label}：{expected}" in row.reason.rstrip("。").split(
        "；"
    )
    assert REQUIRED_MESSAGE.rstrip("。") not in row.reason


class _RosterForgettingTheName(RosterImporter):
    """An importer whose rules let every row through, as a new one might by mistake."""

    def clean(self, state, values):
        return {}


def test_a_required_cell_its_rules_let_through_empty_is_still_refused(admin, tmp_path, monkeypatch):
    importer = _RosterForgettingTheName()
    monkeypatch.setitem(IMPORTERS, "roster", importer)

    (row,) = imported(admin, "roster", _sheet_without(tmp_path, importer, "name")).rows

    assert row.outcome is RowOutcome.REJECT
    assert row.reason == f"A2 姓名：{REQUIRED_MESSAGE}"
    assert row.bad_columns == (0,)
