"""The plain sheet the import services work on: column letters as Excel names them, cell names,
headers compared and mapped without openpyxl."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.cell import column_index_from_string, get_column_letter

from jinsha_desktop.domain.sheets import (
    SheetRow,
    SheetTable,
    cell_reference,
    column_letter,
    column_number,
    normalize_header,
    propose_mapping,
)


@pytest.mark.parametrize(
    ("number", "letters"),
    [(1, "A"), (26, "Z"), (27, "AA"), (28, "AB"), (52, "AZ"), (53, "BA"), (702, "ZZ"),
     (703, "AAA"), (16384, "XFD")],
)  # fmt: skip
def test_column_letters_are_excels(number, letters):
    assert column_letter(number) == letters
    assert column_number(letters) == number
    assert column_number(letters.lower()) == number


@given(st.integers(min_value=1, max_value=18278))
def test_column_letters_agree_with_openpyxl(number):
    assert column_letter(number) == get_column_letter(number)
    assert column_number(get_column_letter(number)) == column_index_from_string(
        get_column_letter(number)
    )


@pytest.mark.parametrize("bad", ["", "A1", "中", "$A"])
def test_a_column_name_that_is_no_letters_is_refused(bad):
    with pytest.raises(ValueError):
        column_number(bad)
    with pytest.raises(ValueError):
        column_letter(0)


def test_a_cell_is_named_by_its_row_and_its_column():
    table = SheetTable("名单", 1, ("姓名", "证件号码", "手机号"), [SheetRow(12, ("张三", "", ""))])
    assert cell_reference(12, 2) == "C12"
    assert table.cell_name(table.rows[0], 27) == "AB12"


def test_headers_are_compared_without_marks_spaces_or_width():
    assert normalize_header(" 身份证号码（必填）* ") == "身份证号码"
    assert normalize_header("ＩＤ\n号") == "id号"
    assert normalize_header(None) == ""


def test_a_mapping_is_proposed_from_plain_headers():
    synonyms = {"name": ["姓名"], "document_number": ["证件号码", "身份证号码", "身份证"]}
    headers = ("序号", "姓 名", "身份证号码（必填）", "备注")
    assert propose_mapping(headers, synonyms) == {1: "name", 2: "document_number"}
    table = SheetTable("名单", 1, headers, [], synonyms)
    assert table.propose_mapping() == {1: "name", 2: "document_number"}
