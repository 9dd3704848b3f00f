"""The visit record kind (登记记录): its value types and its fields, declared once.

VISIT is what the visits list, the Excel export, the registration ledger and the registration
form read: a field is added here (and in the model, a migration and the form's .ui file).
Keys are the attributes of the visit row (services: the visits list and the ledger rows) and,
where the form types them, of the visit input.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from jinsha_desktop.domain.fields import CellKind, Field, LedgerCell, RecordKind
from jinsha_desktop.domain.id_numbers import DocumentType, Gender
from jinsha_desktop.domain.risk import HealthCode
from jinsha_desktop.domain.text import label_of


class Direction(StrEnum):
    """Which way a person passes the checkpoint."""

    IN = "in"
    OUT = "out"

    @property
    def label(self) -> str:
        return "进" if self is Direction.IN else "出"


class TestResult(StrEnum):
    """A nucleic test's result, at a visit and at a monitoring check alike; "" (not stored as
    a member) means no result given."""

    __test__ = False  # not a pytest test class, despite the name

    NEGATIVE = "negative"
    POSITIVE = "positive"
    PENDING = "pending"

    @property
    def label(self) -> str:
        return {"negative": "阴性", "positive": "阳性", "pending": "待出结果"}[self.value]


def _direction(value: str) -> str:
    return label_of(Direction, value)


def _gender(value: str) -> str:
    return label_of(Gender, value)


def _document_type(value: str) -> str:
    return label_of(DocumentType, value)


def _health_code(value: str) -> str:
    return label_of(HealthCode, value)


def _test_result(value: str) -> str:
    return label_of(TestResult, value)


def joined(places: Sequence[str] | str) -> str:
    """A route as one line: 上海市、苏州市 (a row may hold it joined already)."""
    return places if isinstance(places, str) else "、".join(places)


def _ledger_time(row: Any) -> str:
    return str(row.visited_at.astimezone().strftime("%m-%d %H:%M"))


def _origin_and_route(row: Any) -> str:
    route = joined(row.route)
    return str(row.origin) + (f"（途经{route}）" if route else "")


def _nucleic(row: Any) -> str:
    when = row.nucleic_test_date.strftime("%m-%d") if row.nucleic_test_date else ""
    return " ".join(p for p in (when, _test_result(row.nucleic_test_result)) if p)


def _remarks(row: Any) -> str:
    parts = [row.flag_reasons] if row.flagged and row.flag_reasons else []
    if row.companions:
        parts.append(f"同行 {row.companions} 人")
    if row.notes:
        parts.append(row.notes)
    return "；".join(parts)


DERIVED = frozenset({"checkpoint", "destination", "gender"})
"""Keys shown but not stored on the visit: the checkpoint's name (the visit keeps its id), the
destination as one text (unit, compound, building, door and address), the person's gender."""
COMPUTED = frozenset({"flagged", "flag_reasons"})
"""Keys stored on the visit that nobody types: the risk rules set them when it is saved."""

_NOWHERE: frozenset[Any] = frozenset()
_SHEET: frozenset[Any] = frozenset({"sheet"})


def _carried(key: str, header: str) -> Field:
    """A trip field the form fills in again from the person's last visit (F3) and that is
    shown nowhere else: the lists show the destination as one text (`destination`)."""
    return Field(key, header, places=_NOWHERE, carried_over=True)


VISIT = RecordKind(
    "visit",
    "登记记录",
    (
        Field(
            "visited_at",
            "登记时间",
            CellKind.DATETIME,
            sort="visited_at",
            width=19,
            ledger=LedgerCell(5.5, 8, text=_ledger_time),
        ),
        Field("checkpoint", "卡点", width=17, ledger=LedgerCell(3, 7)),
        Field(
            "direction",
            "进/出",
            label=_direction,
            sort="direction",
            width=7,
            ledger=LedgerCell(2, 2, "CENTER"),
        ),
        Field("person_name", "姓名", sort="person_name", width=11, ledger=LedgerCell(3, 6)),
        Field("gender", "性别", label=_gender, places=_SHEET, ledger=LedgerCell(2, 2, "CENTER")),
        Field("document_type", "证件类型", label=_document_type, places=_SHEET),
        Field(
            "document_number",
            "证件号码",
            CellKind.IDENTIFIER,
            sort="document_number",
            width=21,
            ledger=LedgerCell(10, 11),
        ),
        Field(
            "phone",
            "联系电话",
            CellKind.IDENTIFIER,
            sort="phone",
            width=14,
            ledger=LedgerCell(6.5, 7),
        ),
        Field(
            "origin",
            "来自何处",
            sort="origin",
            width=20,
            ledger=LedgerCell(4, 12, text=_origin_and_route),
            carried_over=True,
        ),
        _carried("origin_region_code", "来自何处（区划代码）"),
        Field("route", "途经地", label=joined, width=20, carried_over=True),
        Field("destination", "前往地点", places=_SHEET, ledger=LedgerCell(4, 12)),
        _carried("destination_unit_id", "前往社区/村"),
        _carried("destination_compound_id", "前往小区"),
        _carried("destination_building_id", "前往楼栋"),
        _carried("destination_door", "门牌"),
        _carried("destination_address", "地址"),
        Field("purpose", "事由", places=_SHEET, ledger=LedgerCell(3, 8), carried_over=True),
        Field(
            "plate",
            "车牌",
            CellKind.IDENTIFIER,
            sort="plate",
            width=11,
            ledger=LedgerCell(3, 5),
            carried_over=True,
        ),
        Field("companions", "同行人数", CellKind.INTEGER, places=_SHEET),
        Field(
            "temperature",
            "体温(℃)",
            CellKind.DECIMAL,
            setting="temperature",
            width=9,
            ledger=LedgerCell(2.5, 2.5, "CENTER", header="体温"),
        ),
        Field(
            "health_code",
            "健康码",
            label=_health_code,
            setting="health_code",
            sort="health_code",
            width=9,
            ledger=LedgerCell(2.5, 3, "CENTER"),
            carried_over=True,
        ),
        Field(
            "travel_code_star",
            "行程卡带星",
            CellKind.BOOL,
            words=("带星", "无星"),
            setting="travel_code",
            width=10,
            ledger=LedgerCell(2.5, 3, "CENTER", header="行程卡"),
        ),
        Field(
            "nucleic_test_date", "核酸日期", CellKind.DATE, setting="nucleic_test", places=_SHEET
        ),
        Field(
            "nucleic_test_result",
            "核酸结果",
            label=_test_result,
            setting="nucleic_test",
            places=_SHEET,
            ledger=LedgerCell(3, 5, header="核酸检测", text=_nucleic),
        ),
        # Flags come only from the epidemic fields (no field switched on: nothing is flagged).
        Field("flagged", "异常", CellKind.BOOL, setting="any_epidemic_field", places=_SHEET),
        Field("flag_reasons", "异常原因", setting="any_epidemic_field", width=23),
        Field("notes", "备注", places=_SHEET, ledger=LedgerCell(3, 12, text=_remarks)),
    ),
)
"""The visit's fields in the order of the Excel sheet; the list and the ledger show theirs in
the same order."""
