"""Document numbers: the resident ID number of GB 11643-1999 and the other documents.

An 18-character number is region (6) + birth date (8) + sequence (3, odd for men) + check
character (ISO 7064 MOD 11-2, "X" for 10). Legacy 15-digit numbers (region 6 + YYMMDD + sequence
3, issued before 1999, always 19YY) are converted to 18. The region code is the issuing place at
the time of issue, so an unknown code is a warning (a county created after the table), never a
reason to refuse a person at a checkpoint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.regions import RegionLookup
from jinsha_desktop.domain.text import to_halfwidth

FIELD = "document_number"

# GB 11643-1999: weight of position i (1-based from the left) is 2^(18-i) mod 11.
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARACTERS = "10X98765432"  # indexed by (weighted sum mod 11)

# Dashes a person or a form may put inside a number, and characters invisible on screen.
_REMOVED = re.compile(r"[\s\-‐‑‒–—―−\u200b\u200c\u200d\u2060\ufeff]+")
_LEADING_QUOTES = "'‘’`"
# What Excel shows for an 18-digit number stored as a number: only 15 significant digits are
# kept, so the last three are gone for good ("3.20612199001011E+17", or "320612199001011000").
_EXCEL_NUMBER = re.compile(r"\d+(?:\.\d*)?E\+?\d+|\d+\.\d*", re.ASCII)

# 18-digit residence permits of Hong Kong, Macao (810000, 820000, in GB/T 2260) and Taiwan
# residents (830000, not a GB/T 2260 code) follow GB 11643 too.
_PERMIT_REGIONS = {"830000": "台湾省"}

EARLIEST_BIRTH_DATE = date(1900, 1, 1)


class DocumentType(StrEnum):
    RESIDENT_ID = "resident_id"
    PASSPORT = "passport"
    HK_MACAO_PERMIT = "hk_macao_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _DOCUMENT_LABELS[self]


_DOCUMENT_LABELS = {
    DocumentType.RESIDENT_ID: "居民身份证",
    DocumentType.PASSPORT: "护照",
    DocumentType.HK_MACAO_PERMIT: "港澳居民来往内地通行证",
    DocumentType.TAIWAN_PERMIT: "台湾居民来往大陆通行证",
    DocumentType.OTHER: "其他证件",
}


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"

    @property
    def label(self) -> str:
        return "男" if self is Gender.MALE else "女"


def document_type(value: str) -> DocumentType:
    try:
        return DocumentType(value)
    except ValueError:
        raise ValidationError("请选择证件类型。", "document_type") from None


@dataclass(frozen=True)
class IdNumberInfo:
    """What a valid resident ID number says about its holder."""

    number: str
    gender: Gender
    birth_date: date
    region_code: str
    region_name: str | None
    """Where the number was issued, as the place was called then (None: unknown code)."""
    converted_from_15: bool = False
    warnings: tuple[str, ...] = field(default=())
    region_current_name: str | None = None
    """Today's name of the same code, where it has changed since the number was issued."""

    def age_on(self, day: date) -> int:
        """Whole years on `day` (see `age_on`)."""
        return age_on(self.birth_date, day)


def age_on(birth_date: date, day: date) -> int:
    """Whole years on `day` (0 before the birth date). Someone born on 29 February turns a
    year older on 1 March in common years. The one age rule: a birth date typed for another
    document is aged the same way as one read from an ID number."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return max(years, 0)


def normalize_id_number(raw: str) -> str:
    """Full-width characters to half-width, spaces, dashes and an Excel text apostrophe removed,
    a lower-case x made upper-case. Nothing is checked."""
    text = _REMOVED.sub("", to_halfwidth(raw or ""))
    text = text.lstrip(_LEADING_QUOTES)
    return text.upper()


def check_digit(first17: str) -> str:
    """The check character of GB 11643-1999 (ISO 7064 MOD 11-2) for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"check_digit needs 17 digits, got {len(first17)} characters")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def upgrade_15_to_18(number15: str) -> str:
    """A legacy 15-digit number as 18: "19" before the two-digit year, and the check character."""
    if len(number15) != 15 or not number15.isascii() or not number15.isdigit():
        raise ValueError("upgrade_15_to_18 needs 15 digits")
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_digit(first17)


def parse_id_number(raw: str, today: date, regions: RegionLookup) -> IdNumberInfo:
    """Check a resident ID number and read gender, birth date and region from it.

    Raises ValidationError (field "document_number") with a message for the person at the form.
    """
    number = normalize_id_number(raw)
    if not number:
        raise _error("请填写公民身份号码。")
    if _EXCEL_NUMBER.fullmatch(number):
        raise _error(
            "号码在 Excel 中被存成了数字，后几位已经丢失（Excel 只保留 15 位有效数字）。"
            "请把该列设为“文本”后按证件重新录入。"
        )
    if not re.fullmatch(r"[0-9X]+", number):
        raise _error("公民身份号码只能由数字组成，最后一位可以是 X。")
    if len(number) not in (15, 18):
        raise _error(f"公民身份号码应为 18 位（老证件 15 位），现在是 {len(number)} 位。")
    if "X" in number[:-1] or (len(number) == 15 and number.endswith("X")):
        raise _error("公民身份号码中的 X 只能是 18 位号码的最后一位。")
    converted = len(number) == 15
    first17 = number[:6] + "19" + number[6:] if converted else number[:17]
    region_code = first17[:6]
    if not (regions.is_province(region_code) or region_code in _PERMIT_REGIONS):
        # The first two digits are a province (11 北京 … 65 新疆, 71 台湾, 81 香港, 82 澳门, and
        # 83 on Taiwan residents' permits); anything else is a typo, not a new county.
        raise _error(f"号码前两位 {region_code[:2]} 不是省份代码，请对照证件核对。")
    birth_date = _birth_date(first17[6:14], today)
    if converted:
        number = first17 + check_digit(first17)
    elif check_digit(first17) != number[17]:
        # Never say which character was expected: that would turn a typo into a "valid" number.
        message = "公民身份号码有误（校验位不符），请对照证件逐位核对。"
        if number.endswith("000"):
            message += "如果号码是从 Excel 复制的，末尾的 000 可能是 Excel 丢掉的数字。"
        raise _error(message)
    warnings: list[str] = []
    issued = regions.issuing_region(region_code, birth_date.year, today.year)
    region_name = issued.name if issued else _PERMIT_REGIONS.get(region_code)
    if region_name is None:
        warnings.append(f"地区代码 {region_code} 不在行政区划表中（可能是新设区县），请核对。")
    if converted:
        warnings.append("15 位老号码没有校验位，输错也无法发现，请对照证件核对。")
    return IdNumberInfo(
        number=number,
        gender=Gender.MALE if int(first17[16]) % 2 else Gender.FEMALE,
        birth_date=birth_date,
        region_code=region_code,
        region_name=region_name,
        converted_from_15=converted,
        warnings=tuple(warnings),
        region_current_name=issued.current_name if issued else None,
    )


def _birth_date(digits: str, today: date) -> date:
    shown = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise _error(f"号码中的出生日期 {shown} 不存在，请核对。") from None
    if born > today:
        raise _error(f"号码中的出生日期 {shown} 晚于今天，请核对。")
    if born < EARLIEST_BIRTH_DATE:
        raise _error(f"号码中的出生日期 {shown} 早于 1900 年，请核对。")
    return born


# ---------------------------------------------------------------- other documents

# Passports: ICAO 9303 allows up to 9 characters in the machine-readable zone, some countries
# print longer numbers; 5–17 letters and digits covers what is seen in practice.
_PASSPORT = re.compile(r"[A-Z0-9]{5,17}", re.ASCII)
# 港澳居民来往内地通行证 ("回乡证"): H (Hong Kong) or M (Macao) and 8 digits on the card since
# 2013; the older booklet, and the card number with its two-digit renewal count, have 10 digits.
_HK_MACAO_PERMIT = re.compile(r"[HM](?:\d{8}|\d{10})", re.ASCII)
# 台湾居民来往大陆通行证 ("台胞证"): 8 digits on the card since 2015 (kept for life); the older
# booklet has 10.
_TAIWAN_PERMIT = re.compile(r"\d{8}|\d{10}", re.ASCII)


def clean_document_number(
    doc_type: DocumentType | str, raw: str, today: date, regions: RegionLookup
) -> tuple[str, IdNumberInfo | None]:
    """The number to store, and what it says when it is a resident ID number."""
    kind = document_type(doc_type)
    if kind is DocumentType.RESIDENT_ID:
        info = parse_id_number(raw, today, regions)
        return info.number, info
    if kind is DocumentType.OTHER:
        return _clean_other(raw), None
    number = normalize_id_number(raw)
    if not number:
        raise _error(f"请填写{kind.label}号码。")
    if kind is DocumentType.PASSPORT:
        if not _PASSPORT.fullmatch(number):
            raise _error("护照号码应为 5 到 17 位字母或数字。")
    elif kind is DocumentType.HK_MACAO_PERMIT:
        if not _HK_MACAO_PERMIT.fullmatch(number):
            raise _error(
                "港澳居民来往内地通行证号码应为 H（香港）或 M（澳门）加 8 位数字（旧证 10 位），"
                "如 H12345678。"
            )
    elif not _TAIWAN_PERMIT.fullmatch(number):
        raise _error("台湾居民来往大陆通行证号码应为 8 位数字（旧证 10 位）。")
    return number, None


def _clean_other(raw: str) -> str:
    number = re.sub(r"\s+", "", to_halfwidth(raw or "")).upper()
    if not number:
        raise _error("请填写证件号码。")
    if not number.isprintable():
        raise _error("证件号码含有不可见或无法识别的字符，请重新输入。")
    if not 2 <= len(number) <= 30:
        raise _error(f"证件号码应为 2 到 30 个字符（现在 {len(number)} 个）。")
    return number


def _error(message: str) -> ValidationError:
    return ValidationError(message, FIELD)
