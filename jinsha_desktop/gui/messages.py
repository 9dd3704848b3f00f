"""Service messages and stored labels in the interface language.

Below the GUI every message a user may read is Chinese (KnownError texts, role and document
labels, import descriptions, flag reasons…); DESIGN.md keeps Qt out of those layers. The English
interface translates them here, from one catalogue (resources/translations/messages_en.tsv)
keyed by the Chinese *template*: the message with its f-string fields as placeholders, written as
the source spells them ("没有名为“{name}”的卡点。"). tests/unit/test_message_catalogue.py walks
the raise sites and label tables and fails on any message without an entry.

The catalogue is served by a QTranslator installed only for the English interface, so a widget
asks `shown(text)` exactly as it asks tr(): the interface language is Qt's, not a second global
setting, and without the translator (Chinese, tests) every text is returned as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

from jinsha_desktop.paths import resource_path

CONTEXT = "Messages"
"""Translation context of the catalogue (no .ts file holds it: the catalogue is a .tsv)."""

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")
_FIELD = re.compile(r"\{([^{}]+)\}")
# Where a message joined from several sentences may be cut; the pieces keep their stops.
_SENTENCE = re.compile(r"(?<=[。；！？\n])")
_STRUCTURE = re.compile(r"[：；，。（）]")
"""Punctuation that a field's value rarely holds and a template's own text often does."""
_STOP_INSIDE = re.compile(r"[。；！？\n]")
_STOPS = {"。": ".", "；": ";", "！": "!", "？": "?", "\n": "\n"}
_CACHE_LIMIT = 20_000
_MAX_DEPTH = 8
"""Nesting of messages in messages (a field's value is always shorter than the text)."""


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def catalogue_path(language: str = "en") -> Path:
    return resource_path("translations", f"messages_{language}.tsv")


def read_catalogue(path: Path) -> dict[str, str]:
    """Chinese template → translation, from `中文<TAB>English` lines ('#' starts a comment)."""
    entries: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, _, target = line.partition("\t")
        if target:
            entries[_unescape(source)] = _unescape(target)
    return entries


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


@dataclass(frozen=True)
class _Template:
    pattern: re.Pattern[str]
    fields: tuple[str, ...]
    target: str
    hint: str
    """The longest literal run of the template: a cheap test before the regular expression."""


def _compile(source: str, target: str) -> _Template:
    literals = _FIELD.split(source)[0::2]
    fields = tuple(_FIELD.findall(source))
    regex = "".join(
        re.escape(literal) + ("(.+?)" if n < len(fields) else "")
        for n, literal in enumerate(literals)
    )
    return _Template(re.compile(regex, re.DOTALL), fields, target, max(literals, key=len))


class Catalogue:
    """Translates a message by exact entry, by template, or sentence by sentence."""

    def __init__(self, entries: Mapping[str, str]) -> None:
        self.exact = {s: t for s, t in entries.items() if not _FIELD.search(s)}
        templates = [_compile(s, t) for s, t in entries.items() if _FIELD.search(s)]
        # A template with more fixed text is the more specific one: try it first.
        self.templates = sorted(templates, key=lambda t: -len(_FIELD.sub("", t.pattern.pattern)))
        self._cache: dict[str, str | None] = {}

    def translate(self, text: str) -> str | None:
        """The translation of `text`, or None when the catalogue does not know it."""
        if not text or not has_cjk(text):
            return None
        try:
            return self._cache[text]
        except KeyError:
            pass
        result = self._translate(text, depth=0)
        if result:
            # Labels are lower case so that they read well inside a sentence; alone (a list
            # cell, a combo box item) or starting a message they take a capital.
            result = result[0].upper() + result[1:]
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[text] = result
        return result

    def _translate(self, text: str, depth: int) -> str | None:
        found = self.exact.get(text)
        if found is not None:
            return found
        if depth > _MAX_DEPTH:
            return None
        stripped = text.strip()
        if stripped != text:
            inner = self._translate(stripped, depth + 1)
            return None if inner is None else text.replace(stripped, inner)
        best: str | None = None
        for way in (self._by_template, self._by_sentence, self._without_stop, self._by_list):
            found = way(text, depth)
            if found is None:
                continue
            if not has_cjk(found):
                return found
            # Chinese left: user data (a name) or a cut in the wrong place; another way may
            # know more ("新增 3 行，错误 1 行" is a list, not one "{label} {n} 行").
            if best is None or len(_CJK.findall(found)) < len(_CJK.findall(best)):
                best = found
        return best

    def _without_stop(self, text: str, depth: int) -> str | None:
        """A message quoted without its full stop (an import row's reason: "C3 证件号码：…"),
        or a phrase given one."""
        if text[-1] in _STOPS:
            body = text[:-1]
            found = self.exact.get(body) or self._by_template(body, depth)
            return None if found is None else found.rstrip(".") + _STOPS[text[-1]]
        found = self.exact.get(text + "。") or self._by_template(text + "。", depth)
        return None if found is None else found.rstrip(".")

    def _by_list(self, text: str, depth: int) -> str | None:
        """Labels joined by "、" (性别、手机号) or counts by "，" (新增 3 行，错误 1 行), when the
        catalogue knows every one."""
        body, stop = (text[:-1], ".") if text.endswith("。") else (text, "")
        for comma in ("、", "，"):
            parts = body.split(comma)
            if len(parts) < 2:
                continue
            translated = [self.exact.get(p) or self._by_template(p, depth + 1) for p in parts]
            if None not in translated:
                return ", ".join(t for t in translated if t is not None) + stop
        return None

    def _by_template(self, text: str, depth: int) -> str | None:
        fallback: tuple[tuple[int, int], str] | None = None
        for template in self.templates:
            if template.hint not in text:
                continue
            match = template.pattern.fullmatch(text)
            if match is None:
                continue
            if not all(map(self._whole, match.groups())):
                continue
            values = dict(zip(template.fields, match.groups(), strict=True))
            # "第 3 行 姓名：𠮷" also matches "{cell} {label}：{message}", cut in the wrong place:
            # take the template that leaves the least Chinese unknown (user data stays).
            unknown = (
                sum(self._unknown(v, depth) for v in values.values()),
                sum(bool(_STRUCTURE.search(v)) for v in values.values()),
            )
            if fallback is None or unknown < fallback[0]:
                fallback = (unknown, self._fill(template.target, values, depth))
            if unknown == (0, 0):
                break
        return None if fallback is None else fallback[1]

    def _unknown(self, value: str, depth: int) -> int:
        """How many Chinese characters of a field's value stay Chinese once translated."""
        if not has_cjk(value):
            return 0
        translated = self._translate(value, depth + 1)
        return len(_CJK.findall(value if translated is None else translated))

    def _fill(self, target: str, values: dict[str, str], depth: int) -> str:
        return _FIELD.sub(lambda m: self._value(values.get(m.group(1), m.group(0)), depth), target)

    def _whole(self, value: str) -> bool:
        """Whether a field's value may be what it matched: one that spans a sentence stop
        must be a known sentence itself (a template field would otherwise swallow the next
        sentence of a joined message)."""
        if not _STOP_INSIDE.search(value) or not has_cjk(value):
            return True
        return value in self.exact or self._by_template(value, _MAX_DEPTH) is not None

    def _value(self, value: str, depth: int) -> str:
        """A placeholder's value: translated when it is itself a catalogue entry (a role, a
        record kind), else kept (a name, a date)."""
        if not has_cjk(value):
            return value
        translated = self._translate(value, depth + 1)
        return value if translated is None else translated

    def _by_sentence(self, text: str, depth: int) -> str | None:
        """A message joined from sentences (FormErrors, a reason plus what to do): the longest
        run of sentences the catalogue knows, then the next."""
        pieces = [p for p in _SENTENCE.split(text) if p]
        if len(pieces) < 2:
            return None
        out: list[str] = []
        known = False
        start = 0
        while start < len(pieces):
            if pieces[start].isspace():  # an empty line
                out.append(pieces[start])
                start += 1
                continue
            if pieces[start] in _STOPS:  # the "；" joining sentences that end in "。"
                if not (out and out[-1].rstrip().endswith((".", "!", "?", "。"))):
                    out.append(_STOPS[pieces[start]])
                start += 1
                continue
            for end in range(len(pieces), start, -1):
                run = "".join(pieces[start:end])
                translated = self._translate(run, depth + 1) if end - start < len(pieces) else None
                if translated is None and end - start == 1:
                    body, stop = run[:-1], run[-1]
                    if stop in _STOPS and body:
                        inner = self._translate(body, depth + 1)
                        translated = None if inner is None else inner + _STOPS[stop]
                if translated is not None:
                    out.append(translated)
                    known = True
                    start = end
                    break
            else:
                out.append(pieces[start])
                start += 1
        if not known:
            return None
        joined = ""
        for piece in out:
            if joined and not joined[-1].isspace() and not piece[:1].isspace():
                joined += " "  # English sentences are spaced; Chinese ones are not
            joined += piece
        return joined


@cache
def english_catalogue() -> Catalogue:
    return Catalogue(read_catalogue(catalogue_path("en")))


class MessageTranslator(QTranslator):
    """Serves the catalogue to Qt's translation system, for the context `Messages` only."""

    def __init__(self, catalogue: Catalogue, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": an empty string would count as a translation of every other text.
        if context != CONTEXT:
            return None
        return self.catalogue.translate(source)

    def isEmpty(self) -> bool:  # noqa: N802  (Qt's name)
        return False


def shown(text: str) -> str:
    """`text` from below the GUI (a service message, a stored label) in the interface language."""
    if not text or not has_cjk(text):  # a date, a number, English: nothing to look up
        return text
    translated = QCoreApplication.translate(CONTEXT, text)
    return translated or text


def shown_all(texts: Iterable[str]) -> list[str]:
    return [shown(text) for text in texts]
