"""The words offices write for a choice in a spreadsheet (domain/imports.py): the accepted
spellings, an empty cell, and the message that quotes a refused cell as it was written."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.id_numbers import DocumentType, Gender
from jinsha_desktop.domain.imports import parse_document_type, parse_gender, parse_risk_level
from jinsha_desktop.domain.risk import RiskLevel

Parser = Callable[[object], object]


@pytest.mark.parametrize(
    ("parse", "cell", "expected"),
    [
        pytest.param(parse_gender, " 男性 ", Gender.MALE, id="gender-word"),
        pytest.param(parse_gender, "Ｆ", Gender.FEMALE, id="gender-full-width-letter"),
        pytest.param(parse_gender, 2, Gender.FEMALE, id="gender-gb-code"),
        pytest.param(parse_risk_level, "高风险地区", RiskLevel.HIGH, id="level-long"),
        pytest.param(parse_risk_level, "Medium", RiskLevel.MEDIUM, id="level-english"),
        pytest.param(parse_document_type, "回乡证", DocumentType.HK_MACAO_PERMIT, id="document"),
        pytest.param(parse_gender, "  ", None, id="gender-empty"),
        pytest.param(parse_risk_level, None, None, id="level-empty"),
        pytest.param(parse_document_type, "", None, id="document-empty"),
    ],
)
def test_an_accepted_spelling_is_read_and_an_empty_cell_is_none(
    parse: Parser, cell: object, expected: object
) -> None:
    assert parse(cell) is expected


@pytest.mark.parametrize(
    ("parse", "cell", "message", "field"),
    [
        pytest.param(
            parse_gender,
            " 未知{0} ",
            "性别“未知{0}”无法识别，请填写“男”或“女”。",
            "gender",
            id="gender",
        ),
        pytest.param(
            parse_risk_level,
            "极高",
            "风险等级“极高”无法识别，请填写“高风险”或“中风险”。",
            "level",
            id="level",
        ),
        pytest.param(
            parse_risk_level,
            "低风险",
            "低风险地区不需要录入，本表只收中风险和高风险地区。",
            "level",
            id="level-low",
        ),
        pytest.param(
            parse_document_type,
            "驾驶证",
            "证件类型“驾驶证”无法识别，请填写以下之一：居民身份证、护照、港澳居民来往内地通行证、"
            "台湾居民来往大陆通行证、其他证件。",
            "document_type",
            id="document",
        ),
    ],
)
def test_a_refused_cell_is_quoted_as_written_in_the_message_on_its_field(
    parse: Parser, cell: object, message: str, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        parse(cell)
    assert (caught.value.message, caught.value.field) == (message, field)
