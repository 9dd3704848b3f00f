"""The person record kind (人员): its fields, declared once.

PERSON is what the people list and the people export read. Keys are the attributes of the
person row (services: the people list) and of the Person model.
"""

from __future__ import annotations

from jinsha_desktop.domain.fields import CellKind, Field, RecordKind
from jinsha_desktop.domain.id_numbers import DocumentType, Gender
from jinsha_desktop.domain.text import label_of


def _gender(value: str) -> str:
    return label_of(Gender, value)


def _document_type(value: str) -> str:
    return label_of(DocumentType, value)


PERSON = RecordKind(
    "person",
    "人员",
    (
        Field("name", "姓名", sort="name", width=13),
        Field("document_type", "证件类型", label=_document_type, width=13),
        Field("document_number", "证件号码", CellKind.IDENTIFIER, sort="document_number", width=21),
        Field("gender", "性别", label=_gender, width=6),
        Field("birth_date", "出生日期", CellKind.DATE, width=13),
        Field("phone", "手机号", CellKind.IDENTIFIER, sort="phone", width=14),
        Field("address", "住址", width=29),
        Field("last_visit_at", "最近来访", CellKind.DATETIME, sort="last_visit_at", width=19),
    ),
)
"""The person's fields in the order of the Excel sheet (which the roster import reads back by
its headings); the list shows them in the same order."""
