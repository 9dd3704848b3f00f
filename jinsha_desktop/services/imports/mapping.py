"""Which column of a sheet is which field of an importer: proposed from the headers, corrected by
the user, remembered (in the database's settings) for the next file with these headers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.sheets import (
    SheetTable,
    column_letter,
    column_number,
    normalize_header,
    propose_mapping,
)
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.imports.framework import Importer
from jinsha_desktop.services.settings import read_setting, write_setting

MAPPING_SETTING = "import_mapping:{name}"
MAX_REMEMBERED_HEADERS = 300


def _setting_key(importer: Importer) -> str:
    return MAPPING_SETTING.format(name=importer.name)


def _remembered(session: Session, importer: Importer) -> dict[str, str]:
    text = read_setting(session, _setting_key(importer))
    try:
        stored = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(stored, dict):
        return {}
    return {str(k): str(v) for k, v in stored.items() if isinstance(v, str)}


def remembered_mapping(
    context: AppContext, importer: Importer, table: SheetTable
) -> dict[int, str]:
    """Column index → field key: as remembered for these headers (a column the user set to
    "not imported" stays so), the other columns as proposed by their header names."""
    return recall_mapping(context, importer, table).mapping


@dataclass(frozen=True)
class RecalledMapping:
    mapping: dict[int, str]
    note: str = ""
    """Said to the user when what was remembered was set aside (shown with the preview)."""


def recall_mapping(context: AppContext, importer: Importer, table: SheetTable) -> RecalledMapping:
    """remembered_mapping, with a note when the remembered one would not work for this sheet
    (a required field left out, say, by a memory older than the rule in remember_mapping) and
    the headers alone give one that does: that one is used instead, so that a bad memory never
    makes every later import fail."""
    with context.reading() as session:
        memory = _remembered(session, importer)
    mapping = _mapping_from(memory, importer, table)
    if not memory or _works(importer, table, mapping):
        return RecalledMapping(mapping)
    proposed = _mapping_from({}, importer, table)
    if proposed == mapping or not _works(importer, table, proposed):
        return RecalledMapping(mapping)
    return RecalledMapping(
        proposed,
        "上次记住的列对应用在这个表格上缺少必填项，这次没有使用，已按表头重新对应，请核对。",
    )


def _works(importer: Importer, table: SheetTable, mapping: Mapping[int, str]) -> bool:
    try:
        check_mapping(importer, table, mapping)
    except ValidationError:
        return False
    return True


def _mapping_from(
    memory: Mapping[str, str], importer: Importer, table: SheetTable
) -> dict[int, str]:
    keys = set(importer.keys)
    mapping: dict[int, str] = {}
    decided: set[int] = set()
    for column, header in enumerate(table.headers):
        name = normalize_header(header)
        if name and name in memory:
            decided.add(column)
            key = memory[name]
            if key in keys and key not in mapping.values():
                mapping[column] = key
    for column, key in propose_mapping(table.headers, importer.header_synonyms()).items():
        if column not in decided and key not in mapping.values():
            mapping[column] = key
    return dict(sorted(mapping.items()))


def remember_mapping(
    session: Session, importer: Importer, table: SheetTable, mapping: Mapping[int, str]
) -> None:
    """Store what each header of `table` was mapped to ("" for not imported), in the session's
    transaction, so the next file with these headers is mapped the same way.

    A header written twice in the sheet says nothing about either column and is not stored
    (two "姓名" columns once stored {"姓名": ""}: no name column ever again); and nothing is
    stored unless what is stored maps this very sheet to a mapping that works."""
    memory = _remembered(session, importer)
    before = dict(memory)
    names = [normalize_header(header) for header in table.headers]
    for column, name in enumerate(names):
        if name and names.count(name) == 1:
            memory.pop(name, None)  # re-inserted last: the newest survive the cap
            memory[name] = mapping.get(column, "")
    if len(memory) > MAX_REMEMBERED_HEADERS:
        memory = dict(list(memory.items())[-MAX_REMEMBERED_HEADERS:])
    if memory != before and _works(importer, table, _mapping_from(memory, importer, table)):
        write_setting(session, _setting_key(importer), json.dumps(memory, ensure_ascii=False))


def _field_named(importer: Importer, name: str) -> str | None:
    """A field key from its key, label or a synonym ("" or "-" means not imported)."""
    wanted = normalize_header(name)
    for candidate in importer.fields:
        if wanted == candidate.key or wanted in (normalize_header(n) for n in candidate.names):
            return candidate.key
    return None


def _column_named(table: SheetTable, name: str) -> int | None:
    """A column from its header text, or its letter ("D")."""
    text = name.strip()
    wanted = normalize_header(text)
    for column, header in enumerate(table.headers):
        if wanted and normalize_header(header) == wanted:
            return column
    if text.isascii() and text.isalpha() and len(text) <= 3:
        column = column_number(text) - 1
        return column if column < len(table.headers) else None
    return None


def mapping_from_names(
    importer: Importer,
    table: SheetTable,
    pairs: Mapping[str, str],
    base: Mapping[int, str] | None = None,
) -> dict[int, str]:
    """`base` (e.g. the remembered mapping) corrected by "column = field" pairs: the column by
    its letter or header, the field by its key, label or a synonym, "" or "-" to leave the
    column out. ValidationError for a column or field that does not exist."""
    mapping = dict(base or {})
    for column_name, field_name in pairs.items():
        column = _column_named(table, column_name)
        if column is None:
            shown = "、".join(h for h in table.headers if h)
            raise ValidationError(f"表格中没有“{column_name}”这一列（现有：{shown}）。", "mapping")
        if field_name.strip() in ("", "-"):
            mapping.pop(column, None)
            continue
        key = _field_named(importer, field_name)
        if key is None:
            known = "、".join(f.label for f in importer.fields)
            raise ValidationError(
                f"{importer.title}没有“{field_name}”这一项（可选：{known}）。", "mapping"
            )
        for other, other_key in list(mapping.items()):
            if other_key == key:
                del mapping[other]
        mapping[column] = key
    return dict(sorted(mapping.items()))


def check_mapping(importer: Importer, table: SheetTable, mapping: Mapping[int, str]) -> None:
    """ValidationError unless every field is mapped at most once, to a column of the sheet, and
    every required field is mapped."""
    columns_of: dict[str, list[int]] = {}
    for column, key in mapping.items():
        if key not in importer.keys:
            raise ValidationError(f"“{key}”不是{importer.title}的导入项。", "mapping")
        if not 0 <= column < len(table.headers):
            raise ValidationError(f"第 {column + 1} 列不在表格中。", "mapping")
        columns_of.setdefault(key, []).append(column)
    for key, columns in columns_of.items():
        if len(columns) > 1:
            letters = "、".join(f"{column_letter(c + 1)} 列" for c in columns)
            raise ValidationError(
                f"“{importer.field(key).label}”同时对应了 {letters}，请只保留一列。", "mapping"
            )
    missing = [f.label for f in importer.fields if f.required and f.key not in columns_of]
    if missing:
        raise ValidationError(
            f"必填的“{'”、“'.join(missing)}”没有对应到表格中的列。"
            "请在列对应中为它选择一列，或检查表头是否写错。",
            "mapping",
        )
    if importer.one_of and not any(key in columns_of for key in importer.one_of):
        labels = "”或“".join(importer.field(k).label for k in importer.one_of)
        raise ValidationError(f"“{labels}”至少要对应表格中的一列。", "mapping")
