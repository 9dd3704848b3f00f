"""Plain-text rules shared by forms, imports and merges."""

from __future__ import annotations

import unicodedata
from enum import Enum
from functools import cache

from jinsha_desktop.domain.errors import ValidationError

# Full-width ASCII (U+FF01..U+FF5E) maps to ASCII by a fixed offset; the ideographic space to " ".
_FULLWIDTH_TO_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH_TO_ASCII[0x3000] = 0x20


def to_halfwidth(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII (what an IME often types)."""
    return text.translate(_FULLWIDTH_TO_ASCII)


def search_text(text: str | None) -> str:
    """What was typed in a search box, ready to compare with what is stored: invisible
    characters (zero-width spaces, a byte-order mark, controls) dropped, surrounding spaces
    removed; kept as typed otherwise (names are never normalised, see clean_name).

    A lone surrogate cannot be searched for (nor sent to a database as UTF-8): it is a byte
    that was not UTF-8 on a command line (`--search $'\\xff'` arrives as '\\udcff') or half of
    a broken pasted character. It is refused with a message (ValidationError, field "search")
    rather than dropped, which would silently search for something else.
    """
    value = text or ""
    if any(unicodedata.category(ch) == "Cs" for ch in value):
        raise ValidationError("搜索内容含有无法识别的字符（可能是乱码），请重新输入。", "search")
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
        value = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cf"))
    return value.strip()


def clean_name(value: str | None, label: str, field: str, *, max_length: int = 50) -> str:
    """A required one-line name: surrounding spaces removed, characters otherwise kept as typed.

    Names are never normalised (NFC/NFKC) because that could change a rare character.
    """
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"请填写{label}。", field)
    if len(text) > max_length:
        raise ValidationError(f"{label}不能超过 {max_length} 个字（现在 {len(text)} 个）。", field)
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            raise ValidationError(f"{label}含有不可见或无法识别的字符，请重新输入。", field)
    return text


def clean_optional_text(value: str | None, label: str, field: str, *, max_length: int = 200) -> str:
    """Optional free text: line breaks allowed, control characters not."""
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError(f"{label}不能超过 {max_length} 个字（现在 {len(text)} 个）。", field)
    for ch in text:
        if ch not in "\n\t" and unicodedata.category(ch) in ("Cc", "Cf", "Cs"):
            raise ValidationError(f"{label}含有不可见或无法识别的字符，请重新输入。", field)
    return text


def clean_username(value: str | None, field: str = "username") -> str:
    text = to_halfwidth((value or "").strip())
    if not text:
        raise ValidationError("请填写用户名。", field)
    if len(text) > 32:
        raise ValidationError("用户名不能超过 32 个字符。", field)
    if not all(ch.isalnum() or ch in "._-" for ch in text):
        raise ValidationError("用户名只能包含汉字、字母、数字以及 . _ -。", field)
    return text


@cache
def _labels(kind: type[Enum]) -> dict[str, str]:
    return {str(member.value): str(getattr(member, "label")) for member in kind}  # noqa: B009


def label_of(kind: type[Enum], value: str) -> str:
    """The Chinese label of a stored enum value (gender, document type, health code…); a value
    the enum does not know (old data, another program's) is shown as it is. A dict lookup:
    exports ask for hundreds of thousands."""
    return _labels(kind).get(value, value)
