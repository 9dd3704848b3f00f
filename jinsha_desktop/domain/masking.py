"""Masking of personal data (PIPL art. 28: ID numbers and phone numbers are sensitive)."""

from __future__ import annotations

import re

# 18-character resident ID numbers (last may be X), 15-digit legacy ones, and mainland mobiles.
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8}|\d{6})(\d{3}[0-9Xx]|\d{3})(?![0-9A-Za-z])")
_MOBILE_IN_TEXT = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


def mask_id_number(value: str) -> str:
    """`320612199001011234` -> `320612********1234`; short or odd values keep only their ends."""
    if not value:
        return value
    if len(value) <= 4:
        return "*" * len(value)
    if len(value) < 10:
        return value[:1] + "*" * (len(value) - 2) + value[-1:]
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """`13812345678` -> `138****5678`; landlines keep the area code and the last four digits."""
    if not value:
        return value
    digits = value.strip()
    if len(digits) <= 4:
        return "*" * len(digits)
    if len(digits) < 7:
        return digits[:1] + "*" * (len(digits) - 2) + digits[-1:]
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_personal_data_in_text(text: str) -> str:
    """Mask anything that looks like an ID number or a mobile number inside free text (logs)."""
    text = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(0)), text)
    return _MOBILE_IN_TEXT.sub(lambda m: m.group(1) + "****" + m.group(3), text)
