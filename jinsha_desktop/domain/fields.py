"""A record kind's fields, declared once and Qt-free.

The paged list, the Excel sheet, the ledger, the form binding and (later) the statistics all read
the same `Field`s, so a field is added in one place (its record kind's declaration), not in five.
A field names an attribute of the kind's row (`key`), says how that value is shown (`label`,
`kind`), which setting hides it, how the list sorts by it and where the ledger prints it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Literal


class CellKind(Enum):
    """What a cell holds: decides the Excel cell type and format and the list's text."""

    TEXT = "text"
    IDENTIFIER = "identifier"
    """ID card, phone, plate numbers: always a text cell formatted "@", never a number."""
    INTEGER = "integer"
    DECIMAL = "decimal"
    MONEY = "money"
    """Yuan with two decimals (a cost, a unit price)."""
    DATE = "date"
    DATETIME = "datetime"
    BOOL = "bool"
    """Written 是 / 否."""
    PHOTO = "photo"
    """A record's photos (a `PhotoCell`): a thumbnail in the list, the count in the sheet."""


Place = Literal["list", "sheet", "ledger"]
"""Where a record kind's fields are shown: the paged list, the Excel sheet, the printed ledger."""


@dataclass(frozen=True, slots=True)
class PhotoCell:
    """A record's photos as a list shows them: how many, and the thumbnail of the first (an
    "after" photo when there is one). Made by services/photos.photo_cells."""

    count: int = 0
    thumbnail: Path | None = None
    """The first photo's thumbnail file; None when the record has none or it cannot be made."""
    missing: bool = False
    """The first photo's file is missing or unreadable (drawn as a placeholder, named)."""
    file: str = ""
    """The first photo's stored file name, to name a missing one."""
    record_table: str = ""
    """The photo links' table of the record (repair_order, cleanup): where its photos are."""

    def __str__(self) -> str:
        return f"{self.count} 张" if self.count else ""


NO_PHOTOS = PhotoCell()


@dataclass(frozen=True)
class LedgerCell:
    """How a field prints in the kind's ledger: a column of its own, sized in characters.

    `text` reads the whole row, so one column can merge several fields (来自何处 with the route
    in brackets, 备注 with the flag reasons and companions); the merged fields then declare no
    `ledger` of their own.
    """

    width: float
    """Narrowest width, in characters of the ledger's body font."""
    max_width: float
    """Widest the column grows to when the page has room."""
    align: Literal["LEFT", "CENTER", "RIGHT"] = "LEFT"
    header: str = ""
    """The ledger's heading when it differs from the field's (a shorter or merged one)."""
    text: Callable[[Any], str] | None = None
    """The row → the printed text; None: the field's own text."""


@dataclass(frozen=True)
class Field:
    key: str
    """Attribute of the kind's row (and of its input, model and form widget)."""
    header: str
    """Chinese heading in lists, sheets and ledgers; the English interface shows it through the
    message catalogue (resources/translations/messages_en.tsv)."""
    kind: CellKind = CellKind.TEXT
    label: Callable[[Any], Any] | None = None
    """Stored value → the value shown (a code's Chinese label, a route joined with 、)."""
    setting: str = ""
    """The switch (e.g. an epidemic field of the registration settings) that must be on for the
    field to be shown anywhere; "" always shown."""
    sort: str = ""
    """Name of the list's sort by this field (the service's sort table); "" not sortable."""
    width: int = 10
    """Width in characters, on screen and in the sheet."""
    places: frozenset[Place] = frozenset({"list", "sheet"})
    """Where the field appears besides the ledger (which `ledger` decides)."""
    ledger: LedgerCell | None = None
    """How it prints in the ledger; None: not printed (or merged into another field's cell)."""
    carried_over: bool = False
    """Filled in again from the person's last visit (F3 on the registration form)."""
    words: tuple[str, str] | None = None
    """How a BOOL reads as text (list, ledger), true and false: ("带星", "无星"); the sheet
    keeps a BOOL cell. None: 是 / 否."""
    max_length: int = 0
    """A free-text field the kind's input carries: cleaned by the one optional-text rule
    (domain/text.clean_optional_text, its message naming the `header`), at most this many
    characters; 0: the input checks it otherwise (or it is not typed)."""

    def value(self, row: Any) -> Any:
        """The cell's value as shown: the label of what the row stores."""
        stored = getattr(row, self.key)
        return self.label(stored) if self.label is not None else stored

    def text(self, row: Any) -> str:
        """The value as one line of text (the list, the ledger)."""
        value = self.value(row)
        if self.words is not None and isinstance(value, bool):
            return self.words[0] if value else self.words[1]
        return text_of(value, self.kind)

    def ledger_text(self, row: Any) -> str:
        """The row's text as the ledger prints it."""
        return self.ledger_printer()(row)

    def ledger_printer(self) -> Callable[[Any], str]:
        """Row → the printed text: the LedgerCell's own `text` or the field's. A ledger asks
        once per column (reports/ledger_declaration.ledger_columns), not once per cell."""
        if self.ledger is not None and self.ledger.text is not None:
            return self.ledger.text
        return self.text

    def ledger_header(self) -> str:
        return (self.ledger.header if self.ledger is not None else "") or self.header


def text_of(value: Any, kind: CellKind = CellKind.TEXT) -> str:
    """How a value reads on screen and on paper: local time to the minute, 是/否, one decimal
    for a temperature-like DECIMAL, "" for nothing."""
    if value is None:
        return ""
    if isinstance(value, PhotoCell):
        return str(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal) and kind is CellKind.DECIMAL:
        return f"{value:.1f}"
    if isinstance(value, Decimal | float | int) and kind is CellKind.MONEY:
        return f"{value:.2f}"
    return str(value)


@dataclass(frozen=True)
class RecordKind:
    """A kind of record (visits, people, repair orders…) as its fields declare it."""

    name: str
    """Stable key: settings, remembered column layouts, statistics."""
    title: str
    """Chinese name of the kind (登记记录)."""
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field:
        for candidate in self.fields:
            if candidate.key == key:
                return candidate
        raise KeyError(f"{self.name} has no field {key!r}")

    def shown(self, place: Place, switched_on: Callable[[str], bool]) -> list[Field]:
        """The fields shown in `place`, in declaration order, without the ones a switched-off
        setting hides."""
        return [
            f
            for f in self.fields
            if (f.ledger is not None if place == "ledger" else place in f.places)
            and (not f.setting or switched_on(f.setting))
        ]

    def keys(self) -> Sequence[str]:
        return tuple(f.key for f in self.fields)

    def free_text(self) -> tuple[Field, ...]:
        """The fields cleaned by the one optional-text rule (those declaring a `max_length`)."""
        return tuple(f for f in self.fields if f.max_length)


def always_on(_setting: str) -> bool:
    """For a kind with no switchable fields, or a caller that wants every field."""
    return True
