"""Words and numbers as offices write them in spreadsheets: document types, genders, risk levels,
counts. Each parser accepts the common spellings and refuses the rest with a message listing
what is accepted; an empty cell is None (the caller decides whether the column is required).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TypeVar

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.id_numbers import DocumentType, Gender
from jinsha_desktop.domain.loose_values import cell_text
from jinsha_desktop.domain.risk import RiskLevel
from jinsha_desktop.domain.text import to_halfwidth

T = TypeVar("T")

_SPACES = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


def plain_text(value: object) -> str:
    """A cell as text for names and free text: surrounding spaces removed, characters kept as
    typed (a name is never made half-width); numbers and dates as `cell_text` shows them."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return cell_text(value)


def is_empty(value: object) -> bool:
    """Nothing in the cell (None, or only spaces)."""
    return value is None or (isinstance(value, str) and not value.strip())


def _word(value: object) -> str:
    """A cell as a lower-case, half-width word without spaces, for matching choices."""
    return _SPACES.sub("", to_halfwidth(plain_text(value))).lower()


_DOCUMENT_WORDS: dict[str, DocumentType] = {
    **{kind.label: kind for kind in DocumentType},
    **{kind.value: kind for kind in DocumentType},
    "身份证": DocumentType.RESIDENT_ID,
    "二代身份证": DocumentType.RESIDENT_ID,
    "居民身份证号码": DocumentType.RESIDENT_ID,
    "身份证号": DocumentType.RESIDENT_ID,
    "身份证号码": DocumentType.RESIDENT_ID,
    "中华人民共和国居民身份证": DocumentType.RESIDENT_ID,
    "id": DocumentType.RESIDENT_ID,
    "护照": DocumentType.PASSPORT,
    "普通护照": DocumentType.PASSPORT,
    "中国护照": DocumentType.PASSPORT,
    "外国护照": DocumentType.PASSPORT,
    "passport": DocumentType.PASSPORT,
    "港澳通行证": DocumentType.HK_MACAO_PERMIT,
    "回乡证": DocumentType.HK_MACAO_PERMIT,
    "港澳居民来往内地通行证": DocumentType.HK_MACAO_PERMIT,
    "台胞证": DocumentType.TAIWAN_PERMIT,
    "台湾通行证": DocumentType.TAIWAN_PERMIT,
    "台湾居民来往大陆通行证": DocumentType.TAIWAN_PERMIT,
    "其他": DocumentType.OTHER,
    "其它": DocumentType.OTHER,
    "其它证件": DocumentType.OTHER,
}
_DOCUMENT_KEYS = {_word(word): kind for word, kind in _DOCUMENT_WORDS.items()}


def _choice(
    value: object,
    choice_of: Callable[[str], T | None],
    field: str,
    refusal: str,
    fields: Mapping[str, str] | None = None,
) -> T | None:
    """The choice the cell names (`choice_of` its word, e.g. a table's get), None when it is
    empty; else ValidationError with `refusal`, its {text} the cell as written (and its other
    fields from `fields`)."""
    word = _word(value)
    if not word:
        return None
    choice = choice_of(word)
    if choice is None:
        raise ValidationError(refusal.format(text=plain_text(value), **(fields or {})), field)
    return choice


_DOCUMENT_CHOICES = {"labels": "、".join(kind.label for kind in DocumentType)}


def parse_document_type(value: object, field: str = "document_type") -> DocumentType | None:
    """居民身份证 / 身份证 / 护照 / 回乡证 / 台胞证 / 其他… as a DocumentType; None when empty."""
    return _choice(
        value,
        _DOCUMENT_KEYS.get,
        field,
        "证件类型“{text}”无法识别，请填写以下之一：{labels}。",
        _DOCUMENT_CHOICES,
    )


_RESIDENT_ID_SHAPE = re.compile(r"\d{15}|\d{17}[\dX]", re.ASCII)


def guess_document_type(number: str) -> DocumentType:
    """A normalised number of 15 digits, or 17 digits and a digit or X, is taken for a resident
    ID number; anything else for another document (its number is only tidied, not checked)."""
    return DocumentType.RESIDENT_ID if _RESIDENT_ID_SHAPE.fullmatch(number) else DocumentType.OTHER


_GENDER_WORDS = {
    "男": Gender.MALE,
    "男性": Gender.MALE,
    "m": Gender.MALE,
    "male": Gender.MALE,
    "1": Gender.MALE,  # GB/T 2261.1: 1 男, 2 女
    "女": Gender.FEMALE,
    "女性": Gender.FEMALE,
    "f": Gender.FEMALE,
    "female": Gender.FEMALE,
    "2": Gender.FEMALE,
}


def parse_gender(value: object, field: str = "gender") -> Gender | None:
    """男 / 女 (also 男性, M, male, and GB/T 2261.1's 1 and 2); None when empty."""
    return _choice(value, _GENDER_WORDS.get, field, "性别“{text}”无法识别，请填写“男”或“女”。")


_LEVEL_WORDS = {
    "高风险": RiskLevel.HIGH,
    "高风险地区": RiskLevel.HIGH,
    "高风险区": RiskLevel.HIGH,
    "高": RiskLevel.HIGH,
    "high": RiskLevel.HIGH,
    "h": RiskLevel.HIGH,
    "中风险": RiskLevel.MEDIUM,
    "中风险地区": RiskLevel.MEDIUM,
    "中风险区": RiskLevel.MEDIUM,
    "中": RiskLevel.MEDIUM,
    "medium": RiskLevel.MEDIUM,
    "m": RiskLevel.MEDIUM,
}


def parse_risk_level(value: object, field: str = "level") -> RiskLevel | None:
    """高风险 / 中风险 (also 高, 中, high, medium, 高风险地区…); None when empty."""
    try:
        return _choice(
            value, _LEVEL_WORDS.get, field, "风险等级“{text}”无法识别，请填写“高风险”或“中风险”。"
        )
    except ValidationError:
        if _word(value).startswith("低"):  # a refused word that says more
            raise ValidationError(
                "低风险地区不需要录入，本表只收中风险和高风险地区。", field
            ) from None
        raise


_COUNT_TEXT = re.compile(r"(\d{1,6})\s*(?:个|层|单元|幢|栋|座)?", re.ASCII)


def parse_count(value: object, label: str, field: str) -> int | None:
    """A whole number from a cell: 3, 3.0, "3", "３", "3个", "6层"; None when empty."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{label}应为整数。", field)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValidationError(f"{label}应为整数，现在是 {cell_text(value)}。", field)
    text = _SPACES.sub("", to_halfwidth(plain_text(value)))
    match = _COUNT_TEXT.fullmatch(text)
    if match is None:
        raise ValidationError(f"{label}应为整数，现在是“{plain_text(value)}”。", field)
    return int(match.group(1))


_YES_NO: dict[str, bool] = {
    **dict.fromkeys(("是", "有", "y", "yes", "true", "1", "√", "✓", "☑", "有物业"), True),
    **dict.fromkeys(("否", "无", "没有", "n", "no", "false", "0", "×", "✗", "无物业"), False),
}


def parse_yes_no(value: object, label: str, field: str) -> bool | None:
    """是/否, 有/无, √/×, yes/no, a TRUE/FALSE cell; None when empty."""
    if isinstance(value, bool):
        return value
    word = _word(value)
    if not word:
        return None
    if word not in _YES_NO:
        raise ValidationError(f"{label}“{plain_text(value)}”无法识别，请填写“是”或“否”。", field)
    return _YES_NO[word]


def comparable_name(text: str) -> str:
    """A name as compared with the names in the database: half-width, without spaces."""
    return _SPACES.sub("", to_halfwidth(text))
