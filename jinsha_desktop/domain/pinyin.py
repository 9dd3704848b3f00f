"""Pinyin order for Chinese names (何 after 冯, as a paper register and a person expect).

Sorting by character code puts 何 (U+4F55) before 冯 (U+51AF); people look names up by sound.
`name_sort_key` turns a name into a key that sorts in pinyin order: syllable, then tone, then
the characters themselves, so one name's rows stay together. The readings come from
resources/data/pinyin_readings.tsv (the first reading of each character in pypinyin's
pinyin_dict, MIT; see its README); a surname is read as a surname (曾 zēng, 单 shàn, 解 xiè).
Characters without a reading (rare ones such as 𠮷, letters, digits) sort after every syllable,
by code point.
"""

from __future__ import annotations

from functools import cache

from jinsha_desktop.paths import resource_path

# Surnames read differently from the character's first reading (《百家姓》 readings).
SURNAME_READINGS = {
    "曾": "zeng1",
    "单": "shan4",
    "解": "xie4",
    "仇": "qiu2",
    "区": "ou1",
    "朴": "piao2",
    "查": "zha1",
    "盖": "ge3",
    "覃": "qin2",
    "翟": "zhai2",
    "乐": "yue4",
    "缪": "miao4",
    "尉": "yu4",
    "秘": "bi4",
    "召": "shao4",
    "员": "yun4",
    "种": "chong2",
    "重": "chong2",
    "柏": "bai3",
    "黑": "he4",
    "繁": "po2",
    "句": "gou1",
    "过": "guo1",
    "阚": "kan4",
    "厍": "she4",
    "长": "chang2",
    "万": "wan4",
    "沈": "shen3",
    "冯": "feng2",
    "任": "ren2",
}
# Sorts after every letter and digit of a syllable ("~" is 0x7E), before nothing typed.
_NO_READING = "~"
# Ends a syllable: lower than any letter or tone digit, so "li3" sorts before "lin2".
_SYLLABLE_END = " "
# Parts the key from the name itself (appended so equal readings still group by characters).
_NAME_PART = "\x01"
MAX_KEY_LENGTH = 500


@cache
def _readings() -> dict[str, str]:
    path = resource_path("data", "pinyin_readings.tsv")
    readings: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            code, reading = line.rstrip("\n").split("\t")
            readings[chr(int(code, 16))] = reading
    return readings


def name_sort_key(name: str) -> str:
    """A key under which names sort in pinyin order: "冯伟" ("feng2 wei3 …") before "何伟"."""
    readings = _readings()
    syllables = []
    for position, character in enumerate(name):
        reading = SURNAME_READINGS.get(character) if position == 0 else None
        reading = reading or readings.get(character)
        if reading is None and character.isascii() and character.isalnum():
            reading = character.lower()  # a Latin name (a passport) among the syllables
        syllables.append(reading if reading else _NO_READING + character)
    key = _SYLLABLE_END.join(syllables) + _SYLLABLE_END + _NAME_PART + name
    return key[:MAX_KEY_LENGTH]
