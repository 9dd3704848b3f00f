"""Phone numbers, vehicle plates and body temperature as typed at a checkpoint.

Each rule accepts what people actually type (full-width digits from a Chinese IME, spaces,
hyphens, a "+86", a "℃") and stores one normalised form, so searches and de-duplication work.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.text import to_halfwidth

# ---------------------------------------------------------------- phone numbers

_DASHES = "\\-‐‑‒–—―−"
_PHONE_SPACING = re.compile(rf"[\s{_DASHES}().]+")
# Mainland mobiles: 11 digits, 13x..19x (the number plan of MIIT), optionally with the country code.
_MOBILE = re.compile(r"(?:\+86|0086|86)?(1\d{10})", re.ASCII)
# Landlines: area codes 010 and 020..029 have three digits, all others four (0513 is Nantong);
# local numbers have 7 or 8 digits and never start with 0 or 1. An extension may follow.
_LANDLINE = re.compile(
    rf"\(?(0[12]\d|0[3-9]\d\d)\)?[{_DASHES}]?([2-9]\d{{6,7}})"
    rf"(?:(?:[{_DASHES}]|转|#|EXT\.?|X)(\d{{1,6}}))?",
    re.ASCII,
)
# Nantong's own numbers are 8 digits, often written without the area code.
_LOCAL = re.compile(r"[2-9]\d{7}", re.ASCII)


def clean_phone(raw: str | None, field: str = "phone") -> str:
    """A mobile as 11 digits, a landline as "0513-86123456" (with "转801" for an extension),
    a local Nantong number as its 8 digits; "" when nothing was typed (the field is optional)."""
    text = re.sub(r"\s+", "", to_halfwidth(raw or "")).upper()
    if not text:
        return ""
    compact = _PHONE_SPACING.sub("", text)
    mobile = _MOBILE.fullmatch(compact)
    if mobile:
        number = mobile.group(1)
        if number[1] in "012":
            raise ValidationError("手机号码应以 13 到 19 开头，请核对。", field)
        return number
    landline = _LANDLINE.fullmatch(text)
    if landline:
        area, local, extension = landline.groups()
        return f"{area}-{local}" + (f"转{extension}" if extension else "")
    if _LOCAL.fullmatch(compact):
        return compact
    digits = compact.lstrip("+")
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError(
            "电话号码只能包含数字，如 13812345678 或 0513-86123456（分机可写“转801”）。", field
        )
    if digits.startswith("1"):
        raise ValidationError(f"手机号码应为 11 位，现在是 {len(digits)} 位。", field)
    if digits.startswith("0"):
        raise ValidationError("固定电话应为区号加 7 到 8 位号码，如 0513-86123456。", field)
    raise ValidationError("请填写 11 位手机号码，或带区号的固定电话，如 0513-86123456。", field)


# ---------------------------------------------------------------- vehicle plates

# Province abbreviations on plates (GA 36), plus 使 for embassy cars.
PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_P = f"[{PLATE_PROVINCES}]"
_SERIAL = "[A-HJ-NP-Z0-9]"  # plates never use the letters I and O, which look like 1 and 0
_PLATE_FORMS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"{_P}[A-Z]{_SERIAL}{{5}}",  # ordinary: 苏F12345, 苏FA1234
        rf"{_P}[A-Z]{_SERIAL}{{4}}[挂学警港澳领]",  # 挂 trailer, 学 school, 警, 港澳, 领 consulate
        rf"{_P}[A-Z][A-HJK]{_SERIAL}\d{{4}}",  # small new-energy: 苏FD12345 (D/F, since 2021 A–K)
        rf"{_P}[A-Z]\d{{5}}[DF]",  # large new-energy (buses, lorries): 苏F12345D
        r"使\d{6}",  # embassy: 使014578
        rf"WJ{_P}?\d{{4}}[0-9A-Z]",  # armed police: WJ苏12345, WJ苏1234X
        r"[A-Z]{2}\d{5}",  # military: VA12345
    )
)
_PLATE_REMOVED = re.compile(rf"[\s·•・.。{_DASHES}]+")
PLATE_EXAMPLES = "如 苏F12345、新能源 苏FD12345"


def clean_plate(raw: str | None, field: str = "plate") -> str:
    """A plate without spaces or the middle dot, letters upper-case ("苏F·12345" -> "苏F12345");
    "" when nothing was typed."""
    plate = _PLATE_REMOVED.sub("", to_halfwidth(raw or "")).upper()
    if not plate:
        return ""
    if any(form.fullmatch(plate) for form in _PLATE_FORMS):
        return plate
    if plate[0] not in PLATE_PROVINCES + "使" and not plate[:1].isascii():
        raise ValidationError(f"车牌第一个字应是省份简称，{PLATE_EXAMPLES}。", field)
    if re.search("[IO]", plate[2:]):
        raise ValidationError("车牌号码中没有字母 I 和 O，请确认是不是数字 1 和 0。", field)
    raise ValidationError(f"车牌号格式不对，{PLATE_EXAMPLES}。", field)


# ---------------------------------------------------------------- temperature

FEVER_THRESHOLD = Decimal("37.3")
LOWEST_TEMPERATURE = Decimal("34.0")
HIGHEST_TEMPERATURE = Decimal("43.0")
_TENTH = Decimal("0.1")
_UNITS = re.compile(r"℃|°C|°|度|C$")
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)", re.ASCII)


def clean_temperature(
    raw: str | float | Decimal | None, field: str = "temperature"
) -> Decimal | None:
    """Degrees Celsius with one decimal, 34.0 to 43.0 ("36,5", "３６.５", "36.5℃" accepted);
    None when nothing was measured."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValidationError("请填写体温，如 36.5。", field)
    if isinstance(raw, float):
        text = repr(raw)  # shortest form: 36.6 stays "36.6", not 36.600000000000001
    else:
        text = str(raw)
    text = _UNITS.sub("", re.sub(r"\s+", "", to_halfwidth(text)).upper()).replace(",", ".")
    if not text:
        return None
    if not _NUMBER.fullmatch(text):  # no "nan", "inf" or "1E+2"
        raise ValidationError("体温应为数字，如 36.5。", field)
    value = Decimal(text)
    if not LOWEST_TEMPERATURE <= value <= HIGHEST_TEMPERATURE:
        hint = "（看起来是华氏度，请填写摄氏度）" if 93 <= value <= 110 else ""
        raise ValidationError(
            f"体温应在 {LOWEST_TEMPERATURE} 到 {HIGHEST_TEMPERATURE} ℃ 之间，"
            f"现在是 {value:f}{hint}。",
            field,
        )
    tenths = value.quantize(_TENTH)
    if value != tenths:  # a thermometer shows one decimal; 37.25 is a typo, not a reading
        raise ValidationError("体温只保留一位小数，如 36.5。", field)
    return tenths
