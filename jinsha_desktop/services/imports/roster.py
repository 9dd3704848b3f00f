"""The visitor roster importer, `roster` (来访人员名单; EDIT_RECORDS).

Columns 姓名*, 证件类型 (empty: 居民身份证), 证件号码*, 性别, 出生日期, 手机号, 住址. A person is
their (document type, number). Not on record: 新增. On record: 更新 when a filled cell differs
from what is stored (an empty cell never blanks a stored value), else 重复. A resident ID says
gender and birth date; a 性别 or 出生日期 cell that contradicts it rejects the row. An ID number
Excel stored as a number of 16+ digits has lost digits: rejected.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from jinsha_desktop.db.registration_models import Person
from jinsha_desktop.domain.errors import FieldChecks, ValidationError
from jinsha_desktop.domain.id_numbers import (
    DocumentType,
)
from jinsha_desktop.domain.imports import parse_document_type, parse_gender, plain_text
from jinsha_desktop.domain.loose_values import cell_text, id_number_cell, parse_loose_date
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.person import PersonInput
from jinsha_desktop.domain.sheets import CellValue
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.imports import lookups
from jinsha_desktop.services.imports.columns import (
    DOCUMENT_TYPES,
    NAME_WORDS,
    NUMBER_WORDS,
    PHONE,
    TYPE_WORDS,
    Today,
    person_column,
)
from jinsha_desktop.services.imports.framework import Importer, PreviewRow, RowOutcome

_REASON_ORDER = (
    "document_type", "document_number", "name", "gender", "birth_date", "phone", "address", "",
)  # fmt: skip
"""The order a row's reasons are given in: the document first, as the sender checks it."""
_PERSON_FIELDS = ("name", "gender", "birth_date", "native_region_code", "phone", "address")
_PERSON_LABELS = {
    "name": "姓名",
    "gender": "性别",
    "birth_date": "出生日期",
    "native_region_code": "籍贯地区",
    "phone": "手机号",
    "address": "住址",
}


class RosterImporter(Importer):
    name = "roster"
    title = "来访人员名单"
    permission = Permission.EDIT_RECORDS
    table_name = "person"
    forget_written = True
    fields = (
        person_column("name", NAME_WORDS, required=True),
        person_column("document_type", TYPE_WORDS, choices=DOCUMENT_TYPES,
                      note="留空按居民身份证处理。"),
        person_column("document_number", NUMBER_WORDS, required=True,
                      note="居民身份证 18 位（老证 15 位）；请按文本填写。"),
        person_column("gender", "性别（男/女）", choices=("男", "女"),
                      note="居民身份证可不填，按号码确定。"),
        person_column("birth_date", "出生年月 生日 出生年月日",
                      note="居民身份证可不填，按号码确定。"),
        PHONE,
        person_column("address", "地址 现住址 家庭住址 居住地址 详细地址"),
    )  # fmt: skip
    template_example = ("张三", "居民身份证", "320612199001011234", "男", None, "13812345678",
                        "金沙街道北山社区 3 幢 201 室")  # fmt: skip
    template_rules = (
        "同一证件号码已登记过的人员，只更新表中填写了的信息，空白单元格不会清除已有信息。",
    )

    def prepare(self, context: AppContext) -> Today:
        return Today.of(context)

    def clean(self, state: Today, values: Mapping[str, CellValue]) -> dict[str, Any]:
        """The person rules of the forms (PersonInput.cleaned); what is the sheet's own: cells
        read as a document type, gender or date, and a 性别/出生日期 cell that contradicts the
        ID number (the form does not ask for them when the ID says them)."""
        checks = FieldChecks(first_per_field=True)
        typed = checks.check(parse_document_type, values.get("document_type"))
        raw = checks.check(id_number_cell, values.get("document_number"))
        gender = checks.check(parse_gender, values.get("gender"))
        born = checks.check(parse_loose_date, values.get("birth_date"), "birth_date", "出生日期")
        # Without a readable number or type, only the rest of the person is checked.
        with_document = raw is not None and not checks.has_error("document_type")
        person = PersonInput(
            name=plain_text(values.get("name")),
            phone=cell_text(values.get("phone")),
            address=plain_text(values.get("address")),
            document_type=(typed or DocumentType.RESIDENT_ID).value,
            document_number=raw or "",
            gender=gender.value if gender is not None else "",
            birth_date=born,
        )
        clean = checks.check(person.cleaned, state.today, state.regions if with_document else None)
        if clean is None and typed is None and checks.has_error("document_number"):
            _name_the_type(checks, raw or "")
        info = clean.id_info if clean is not None else None
        if info is not None:
            if gender is not None and gender is not info.gender:
                checks.fail(
                    f"表中为“{gender.label}”，但证件号码显示为{info.gender.label}性，请核对",
                    "gender",
                    also=("document_number",),
                )
            if born is not None and born != info.birth_date:
                checks.fail(
                    f"表中为 {born.isoformat()}，但证件号码中的出生日期是 "
                    f"{info.birth_date.isoformat()}，请核对",
                    "birth_date",
                    also=("document_number",),
                )
        checks.errors.sort(key=lambda error: _REASON_ORDER.index(error.field or ""))
        checks.raise_errors()
        assert clean is not None
        return {**clean.values(), "_warnings": clean.warnings}

    def key(self, values: Mapping[str, Any]) -> Hashable:
        return (values["document_type"], values["document_number"])

    def classify(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        documents = [(row.values["document_type"], row.values["document_number"]) for row in rows]
        people = memory["people"] = lookups.people_by_documents(session, documents)
        for row, document in zip(rows, documents, strict=True):
            person = people.get(document)
            if person is None:
                row.outcome, row.reason = RowOutcome.ADD, "新增人员。"
                continue
            changed = _person_changes(person, row.values)
            if changed:
                labels = "、".join(_PERSON_LABELS[key] for key in changed)
                row.outcome, row.reason = RowOutcome.UPDATE, f"已有此人，将更新{labels}。"
            else:
                row.outcome, row.reason = RowOutcome.DUPLICATE, "已有此人，信息相同。"

    def write(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        known: dict[Any, lookups.StoredPerson] = memory["people"]
        updated = [row for row in rows if row.outcome is RowOutcome.UPDATE]
        people = lookups.people_by_ids(session, [known[row.key].id for row in updated])
        for row in rows:
            if row.outcome is RowOutcome.ADD:
                values = {k: v for k, v in row.values.items() if not k.startswith("_")}
                session.add(Person(id=uuid.uuid4(), **values))
        for row in updated:
            person = people[known[row.key].id]
            for key in _person_changes(known[row.key], row.values):
                setattr(person, key, row.values[key])


def _name_the_type(checks: FieldChecks, raw: str) -> None:
    """A letter in a number taken for a resident ID (no 证件类型 given) suggests naming its type."""
    if not any(c.isalpha() for c in raw[:-1]):
        return
    checks.errors = [
        ValidationError(
            error.message + "如果这不是居民身份证，请在“证件类型”列注明。", error.field, error.also
        )
        if error.field == "document_number"
        else error
        for error in checks.errors
    ]


def _person_changes(person: lookups.StoredPerson, values: Mapping[str, Any]) -> list[str]:
    """The person's details a row fills in differently (empty cells keep what is stored)."""
    return [
        key
        for key in _PERSON_FIELDS
        if values.get(key) not in ("", None) and getattr(person, key) != values[key]
    ]
