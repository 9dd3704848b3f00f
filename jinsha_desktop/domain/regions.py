"""Administrative divisions of GB/T 2260: names for region codes, and completion of "where from".

The shipped table (resources/data/gb2260_history.tsv, see its README) holds every name each
county-level-and-above code has had from 1980 to 2021, with the years of each name: the first six
digits of an ID number are the code of the place that issued it *at the time*, so 320683 通州市
(until 2009) is still on valid cards, and a code that was renamed or reused (139001 武安市, later
定州市) is named as it was called when the number was likely issued. Later changes come from the
administrator, through `with_extra`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from jinsha_desktop.domain.errors import FieldChecks, ValidationError
from jinsha_desktop.domain.text import clean_name, to_halfwidth
from jinsha_desktop.paths import resource_path

_CODE = re.compile(r"[0-9]{6}", re.ASCII)
_YEAR = re.compile(r"(19|20)[0-9]{2}", re.ASCII)
_COLUMNS = ("code", "name", "level", "valid_from", "valid_to", "source", "short_name")

# The provinces of GB/T 2260 (every table since 1980: 46 海南 from 1988, 50 重庆 from 1997; 71
# 台湾, 81 香港, 82 澳门); a test checks them against the shipped table.
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 "
    "71 81 82".split()
)

# Resident ID numbers were first issued in 1984: a number names the place that issued it in
# max(birth year, 1984) or later (the table's README, "Using it for an ID number").
FIRST_ISSUE_YEAR = 1984

# Rows that only group others: "市辖区" (the districts of a city), "县" (the counties of a
# municipality such as 110200), "省直辖县级行政区划" (county-level cities under a province).
# They are left out of full names: 110101 is 北京市东城区, not 北京市市辖区东城区.
PLACEHOLDER_NAMES = frozenset(
    {"市辖区", "县", "市", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖行政单位"}
)

# Suffixes of administrative names, longest first; used to compare "江苏南通" with "江苏省南通市".
_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "街道",
    "省",
    "市",
    "区",
    "县",
    "盟",
    "旗",
    "镇",
    "乡",
)
_SUFFIX_PATTERN = re.compile("|".join(_SUFFIXES))  # alternatives tried in order: longest first
_SEPARATORS = re.compile(r"[\s·・•,，、/\\|;；:：()（）\-—_]+")


@dataclass(frozen=True)
class Division:
    """One name a code had (one row of the table), or a code added by the administrator.

    `name` is the division's own name (通州区); `full` the name with its province and
    prefecture as they were called in the same years (江苏省南通市通州区). Years are inclusive;
    `valid_to` None means still in use.
    """

    code: str
    name: str
    full: str = ""
    valid_from: int = 0
    valid_to: int | None = None
    added: bool = False

    @property
    def level(self) -> int:
        """0 province (PP0000), 1 prefecture (PPCC00), 2 county (PPCCDD)."""
        if self.code.endswith("0000"):
            return 0
        return 1 if self.code.endswith("00") else 2

    @property
    def current(self) -> bool:
        return self.valid_to is None

    def overlaps(self, first_year: int, last_year: int) -> bool:
        end = self.valid_to if self.valid_to is not None else last_year
        return self.valid_from <= last_year and end >= first_year

    def covers(self, year: int) -> bool:
        return self.overlaps(year, year)


@dataclass(frozen=True)
class IssuingRegion:
    """Where an ID number was issued: the name then, and today's name where it changed."""

    name: str
    current_name: str | None = None


def _latest_first(row: Division) -> tuple[int, int, int]:
    """Sort key: the name in use now (or most recently) first; an administrator's code first."""
    end = row.valid_to if row.valid_to is not None else 9999
    return (-int(row.added), -end, -row.valid_from)


class RegionLookup:
    """Names of region codes (historical ones too) and completion by any part of a name."""

    def __init__(self, divisions: Iterable[Division]) -> None:
        history: dict[str, list[Division]] = {}
        for division in divisions:
            history.setdefault(division.code, []).append(division)
        self._history = {code: sorted(rows, key=_latest_first) for code, rows in history.items()}
        # The latest name of every code: what completion offers and what full_name gives.
        self._divisions: dict[str, Division] = {c: rows[0] for c, rows in self._history.items()}
        self._full_names: dict[str, str] = {}
        for code, division in self._divisions.items():
            self._full_names[code] = (
                self._name_of(division) if division.full else self._build_full_name(code)
            )
        self._search_keys: dict[str, str] | None = None

    @property
    def _keys(self) -> dict[str, str]:
        """Names without 省/市/区 suffixes, for completion: built on the first search only, so
        opening the registration form (which looks names up) stays fast."""
        if self._search_keys is None:
            self._search_keys = {code: place_key(name) for code, name in self._full_names.items()}
        return self._search_keys

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> RegionLookup:
        """Read the TSV: a header (code, name, level, valid_from, valid_to, source, short_name),
        then one row per name a code had."""
        rows = iter(lines)
        header = next(rows, "").lstrip("\ufeff").rstrip("\r\n").split("\t")
        if tuple(header) != _COLUMNS:
            raise ValueError(f"region table header should be {_COLUMNS}, not {header}")
        divisions = []
        for number, line in enumerate(rows, start=2):
            text = line.rstrip("\r\n")
            if not text.strip():
                continue
            fields = text.split("\t")
            if (
                len(fields) != len(_COLUMNS)
                or not _CODE.fullmatch(fields[0])
                or not fields[1]
                or not fields[6]
                or not _YEAR.fullmatch(fields[3])
                or not (fields[4] == "" or _YEAR.fullmatch(fields[4]))
            ):
                raise ValueError(f"region table line {number} is malformed: {text!r}")
            code, full, _level, valid_from, valid_to, _source, short = fields
            divisions.append(
                Division(code, short, full, int(valid_from), int(valid_to) if valid_to else None)
            )
        return cls(divisions)

    def with_extra(self, extra: Mapping[str, str]) -> RegionLookup:
        """A copy that also knows codes added by the administrator (code -> name, e.g.
        320614 -> 海门区); an added code is the current name of its digits, the table's names
        stay for the years they were used."""
        added = []
        for code, name in extra.items():
            if not _CODE.fullmatch(code) or not name.strip():
                raise ValueError(f"bad added region {code!r}: {name!r}")  # cleaned on entry
            added.append(Division(code, name.strip(), added=True))
        rows = [row for rows in self._history.values() for row in rows if not row.added]
        return RegionLookup([*rows, *added])

    def divisions(self) -> list[Division]:
        """The latest name of every code, ordered by code."""
        return sorted(self._divisions.values(), key=lambda d: d.code)

    def division(self, code: str) -> Division | None:
        return self._divisions.get(code)

    def history(self, code: str) -> list[Division]:
        """Every name the code has had, the latest first."""
        return list(self._history.get(code, ()))

    def is_known(self, code: str) -> bool:
        return code in self._divisions

    def is_province(self, digits: str) -> bool:
        """Whether the first two digits are a province (11 北京 … 82 澳门), of GB/T 2260 or of
        this table."""
        return digits[:2] in PROVINCES or f"{digits[:2]}0000" in self._divisions

    def is_current(self, code: str) -> bool:
        """In use in the latest data of the table, or added by the administrator."""
        division = self._divisions.get(code)
        return division is not None and (division.added or division.current)

    def full_name(self, code: str) -> str | None:
        """The latest name with its province and prefecture (江苏省南通市通州区 for 320612)."""
        return self._full_names.get(code)

    def issuing_region(self, code: str, birth_year: int, this_year: int) -> IssuingRegion | None:
        """The place an ID number's first six digits name, as it was called when the number was
        likely issued (max(birth year, 1984)); None when no name of the code was in use between
        then and `this_year` (an unknown region, never a reason to refuse a number).

        Of the names in use in that span, the one in use in the likely year of issue is taken,
        otherwise the latest; today's name of the same code is given beside it where it changed.
        """
        first = min(max(birth_year, FIRST_ISSUE_YEAR), this_year)
        rows = [row for row in self._history.get(code, ()) if row.overlaps(first, this_year)]
        if not rows:
            return None
        chosen = next((row for row in rows if row.added or row.covers(first)), rows[0])
        name = self._name_of(chosen)
        now = self._divisions[code]
        current = self._full_names[code] if now.added or now.current else None
        return IssuingRegion(name, current if current not in (None, name) else None)

    def search(self, text: str, limit: int = 20, *, near: str = "") -> list[tuple[str, str]]:
        """(code, full name) of divisions whose full name contains every word of `text`.

        Words may leave out 省/市/区/县 ("南通 通州", "江苏南通"); digits match the start of the
        code. Current divisions come first, then codes starting with `near` (e.g. "3206" puts
        南通's 通州区 before 北京's), then those whose own name starts with the text, then the
        broader levels; grouping rows (市辖区…) and repeated full names are left out.
        """
        words = [w for w in to_halfwidth(text).split() if w]
        if not words or limit <= 0:
            return []
        keys = [place_key(word) for word in words]
        hits: list[tuple[tuple[int, int, int, int, int, str], str]] = []
        for code, full in self._full_names.items():
            division = self._divisions[code]
            if division.name in PLACEHOLDER_NAMES:
                continue
            if not all(
                self._word_matches(word, key, code, full)
                for word, key in zip(words, keys, strict=True)
            ):
                continue
            own = division.name
            closeness = 0 if own.startswith(words[0]) else 1 if words[0] in own else 2
            rank = (
                0 if self.is_current(code) else 1,
                0 if near and code.startswith(near) else 1,
                closeness,
                division.level,
                -(division.valid_to or 9999),  # of two old names, the more recent first
                code,
            )
            hits.append((rank, code))
        hits.sort()
        result: list[tuple[str, str]] = []
        seen: set[str] = set()
        for _, code in hits:
            full = self._full_names[code]
            if full in seen:
                continue
            seen.add(full)
            result.append((code, full))
            if len(result) == limit:
                break
        return result

    def __len__(self) -> int:
        return len(self._divisions)

    def _word_matches(self, word: str, key: str, code: str, full: str) -> bool:
        if word.isdigit():
            return code.startswith(word)
        return word in full or (len(key) >= 2 and key in self._keys[code])

    def _name_of(self, row: Division) -> str:
        if not row.full:
            return self._full_names[row.code]
        if row.name in PLACEHOLDER_NAMES and row.code.endswith("00"):
            # 110100 市辖区 is the city itself: 北京市, not 北京市市辖区.
            return row.full.removesuffix(row.name) or row.full
        return row.full

    def _build_full_name(self, code: str) -> str:
        """A name the table does not spell out (a code the administrator added): its own name
        after today's names of its province and prefecture."""
        own = self._divisions[code].name
        parents = []
        if not code.endswith("0000"):
            parents.append(code[:2] + "0000")
            if not code.endswith("00"):
                parents.append(code[:4] + "00")
        prefix = ""
        for parent in parents:
            division = self._divisions.get(parent)
            if division is not None and division.name not in PLACEHOLDER_NAMES:
                prefix += division.name
        if own in PLACEHOLDER_NAMES and code.endswith("00"):
            # 110100 市辖区 is the city itself; a county-level 320601 市辖区 keeps its word.
            return prefix or own
        if own.startswith(prefix):  # an added name typed in full, e.g. "江苏省南通市海门区"
            return own
        return prefix + own


def load_regions(path: Path) -> RegionLookup:
    with path.open(encoding="utf-8-sig") as lines:
        return RegionLookup.from_lines(lines)


def bundled_regions_path() -> Path:
    """The table shipped with the program (in the repository, or in the PyInstaller bundle)."""
    return resource_path("data", "gb2260_history.tsv")


# ---------------------------------------------------------------- comparing place names


@dataclass(frozen=True)
class NamePart:
    """One level of a place name: "南通市" is stem "南通", suffix "市"."""

    stem: str
    suffix: str = ""


def split_place_name(text: str) -> list[NamePart]:
    """A place name cut into its administrative levels, each without its suffix.

    "江苏省南通市通州区" -> 江苏(省), 南通(市), 通州(区). A suffix stays on when taking it off
    would leave less than two characters, so short names keep their meaning: "沛县" stays
    "沛县", and "沙市区" (a district of 荆州) becomes "沙市"(区), not "沙". A part that is only
    a leading suffix character joins the next: "市中区" -> "市中"(区), "镇江市" -> "镇江"(市).
    Text with no suffix at all is one part: "江苏南通" -> "江苏南通".
    """
    compact = _SEPARATORS.sub("", to_halfwidth(text))
    parts: list[NamePart] = []
    carry = ""
    start = 0
    for match in _SUFFIX_PATTERN.finditer(compact):
        suffix = match.group()
        segment = carry + compact[start : match.end()]
        stem = segment[: -len(suffix)]
        if len(stem) >= 2:
            parts.append(NamePart(stem, suffix))
            carry = ""
        else:
            carry = segment
        start = match.end()
    rest = carry + compact[start:]
    if rest:
        parts.append(NamePart(rest))
    return parts


def name_parts(text: str) -> list[str]:
    """The stems of `split_place_name`: "江苏省南通市通州区" -> ["江苏", "南通", "通州"]."""
    return [part.stem for part in split_place_name(text)]


def place_key(text: str) -> str:
    """The parts of a place name joined: "江苏省南通市通州区" and "江苏南通通州" both give
    "江苏南通通州"."""
    return "".join(name_parts(text))


# ---------------------------------------------------------------- codes added by the administrator


def clean_region_code(raw: str | None, field: str = "code") -> str:
    code = to_halfwidth(raw or "").strip()
    if not code:
        raise ValidationError("请填写行政区划代码。", field)
    if not _CODE.fullmatch(code):
        raise ValidationError("行政区划代码应为 6 位数字，如 320614。", field)
    if code.startswith("00") or code[:1] in "09":
        raise ValidationError(f"{code} 不是有效的行政区划代码（前两位是省份）。", field)
    return code


@dataclass(frozen=True)
class RegionInput:
    """A division the administrator adds after the 2019 table, e.g. 320614 海门区 (2020)."""

    code: str
    name: str

    def cleaned(self) -> RegionInput:
        checks = FieldChecks()
        code = checks.check(clean_region_code, self.code, "code")
        name = checks.check(clean_name, self.name, "区划名称", "name", max_length=30)
        checks.raise_errors()
        return RegionInput(code=code or "", name=name or "")
