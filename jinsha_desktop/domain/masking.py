"""Masking of personal data (PIPL art. 28: ID numbers and phone numbers are sensitive)."""

from __future__ import annotations

import re
import unicodedata

from jinsha_desktop.domain.text import to_halfwidth

# What is matched in free text (logs, crash reports), on a folded copy (full-width to ASCII,
# invisible characters such as a zero-width space taken out), so that none of these hides a
# number. Digits may be grouped by a space or a dash as people write them, and may follow
# letters ("ID320612…", "tel13812345678"): a log line is not a form.
_SEP = r"[ \-]?"
_ID_IN_TEXT = re.compile(
    rf"(?<!\d)(?:\d{{6}}{_SEP}\d{{8}}{_SEP}\d{{3}}[0-9Xx]|\d{{6}}{_SEP}\d{{6}}{_SEP}\d{{3}})(?!\d)",
    re.ASCII,
)
"""Resident ID numbers: 18 characters (last may be X) and 15-digit legacy ones."""
_MOBILE_IN_TEXT = re.compile(
    rf"(?<!\d)(?:(?:\+|00)?86{_SEP})?(1[3-9]\d){_SEP}(\d{{4}}){_SEP}(\d{{4}})(?!\d)", re.ASCII
)
"""Mainland mobiles, with or without +86 / 0086."""
_LANDLINE_IN_TEXT = re.compile(
    r"(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3})[ \-]?(\d{3,4})[ \-]?(\d{4})(?!\d)", re.ASCII
)
"""Landlines with their area code: 0513-86123456, (0513) 8612 3456, 051386123456."""
_DOCUMENT_IN_TEXT = re.compile(
    r"(?<![0-9A-Za-z])(?:[A-Za-z]{1,2}\d{7,10}|[A-Za-z]{1,2}\d{6}\([0-9Aa]\)|[157]\d{6}\(\d\))"
    r"(?![0-9A-Za-z])",
    re.ASCII,
)
"""Passports (E12345678, EA1234567), permits to Hong Kong and Macao (C12345678, CA1234567,
W12345678), home-return permits (H1234567890), Hong Kong and Macao identity cards (A123456(7),
1234567(8))."""
_INVISIBLE = frozenset(("Cf",))


def _keep_ends(value: str, keep: int) -> str:
    return value[:keep] + "*" * (len(value) - 2 * keep) + value[-keep:]


def mask_id_number(value: str) -> str:
    """`320612199001011234` -> `320612********1234`; shorter documents (passports, permits)
    keep at most a fifth of their characters at each end."""
    if not value:
        return value
    if len(value) <= 4:
        return "*" * len(value)
    if len(value) < 15:
        return _keep_ends(value, max(1, len(value) // 5))
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """`13812345678` -> `138****5678`; shorter numbers keep at most two digits at each end."""
    digits = (value or "").strip()
    if len(digits) <= 4:
        return "*" * len(digits)
    if len(digits) < 11:
        return _keep_ends(digits, 1 if len(digits) < 7 else 2)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def _folded(text: str) -> tuple[str, list[int]]:
    """`text` half-width with invisible characters left out, and for each character kept its
    index in `text`."""
    kept: list[str] = []
    where: list[int] = []
    for index, ch in enumerate(to_halfwidth(text)):
        if ch.isascii() or unicodedata.category(ch) not in _INVISIBLE:
            kept.append(ch)
            where.append(index)
    return "".join(kept), where


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isalnum())


def mask_personal_data_in_text(text: str) -> str:
    """Mask anything that looks like an ID number, a phone number or a travel document inside
    free text (logs, crash reports), written however people write them."""
    folded, where = _folded(text)
    spans: list[tuple[int, int, str]] = []

    def add(start: int, end: int, masked: str) -> None:
        if not any(start < e and s < end for s, e, _ in spans):
            spans.append((start, end, masked))

    for match in _ID_IN_TEXT.finditer(folded):
        add(match.start(), match.end(), mask_id_number(_digits(match.group(0))))
    for match in _MOBILE_IN_TEXT.finditer(folded):
        add(match.start(1), match.end(), match.group(1) + "****" + match.group(3))
    for match in _LANDLINE_IN_TEXT.finditer(folded):
        add(match.start(1), match.end(), "*" * len(match.group(1)) + match.group(2))
    for match in _DOCUMENT_IN_TEXT.finditer(folded):
        add(match.start(), match.end(), mask_id_number(match.group(0)))
    for start, end, masked in sorted(spans, reverse=True):
        text = text[: where[start]] + masked + text[where[end - 1] + 1 :]
    return text
