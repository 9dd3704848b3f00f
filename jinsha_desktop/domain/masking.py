"""Masking of personal data (PIPL art. 28: ID numbers and phone numbers are sensitive)."""

from __future__ import annotations

import re

from jinsha_desktop.domain.text import to_halfwidth

# 18-character resident ID numbers (last may be X), 15-digit legacy ones, and mainland mobiles
# (with or without +86). Matched on a half-width copy, so full-width digits are caught too.
_ID_IN_TEXT = re.compile(
    r"(?<![0-9A-Za-z])\d{6}(?:\d{8}|\d{6})(?:\d{3}[0-9Xx]|\d{3})(?![0-9A-Za-z])", re.ASCII
)
_MOBILE_IN_TEXT = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)\d{4}(\d{4})(?!\d)", re.ASCII)


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


def mask_personal_data_in_text(text: str) -> str:
    """Mask anything that looks like an ID number or a mobile number inside free text (logs)."""
    folded = to_halfwidth(text)  # same length: one character for one
    spans: list[tuple[int, int, str]] = []
    for match in _ID_IN_TEXT.finditer(folded):
        spans.append((match.start(), match.end(), mask_id_number(match.group(0))))
    for match in _MOBILE_IN_TEXT.finditer(folded):
        if not any(start <= match.start() < end for start, end, _ in spans):
            start = match.start(1)
            spans.append((start, match.end(), match.group(1) + "****" + match.group(2)))
    for start, end, masked in sorted(spans, reverse=True):
        text = text[:start] + masked + text[end:]
    return text
