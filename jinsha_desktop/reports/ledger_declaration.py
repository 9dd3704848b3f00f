"""What declares a ledger: its options (keywords) and its filters.

The ledger screen builds its controls and `jinsha-desktop ledger` its flags from these, so a new
ledger — a repair ledger filtered by compound — is one `Ledger(...)` with a function that turns
its service's rows into LedgerTables, and nothing else to edit (reports/ledgers.py lists them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from jinsha_desktop.domain.errors import ProgressCallback, ValidationError
from jinsha_desktop.domain.fields import Field
from jinsha_desktop.domain.loose_values import parse_loose_date
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.reports.pdf_ledger import LedgerColumn, LedgerTable
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.ledger_choices import ChoiceSource, choice_named, name_of


class Period(Enum):
    """Which dates a ledger asks for."""

    RANGE = "range"
    """From – to (a registration ledger of a week)."""
    DAY = "day"
    """One day (a daily summary): the request's `until`."""
    NONE = "none"
    """No dates (a blank sheet): the ledger's `period_line` is printed where the period goes."""


class FilterKind(Enum):
    CHOICE = "choice"
    """One of the values a service lists (a checkpoint, a compound…); none chosen: all."""
    DATE = "date"
    NUMBER = "number"


@dataclass(frozen=True)
class LedgerFilter:
    """One thing a ledger can be narrowed by: a combo box on the screen, `--key` on the command
    line, a request's `filters[key]`, and "label：chosen" under the ledger's title."""

    key: str
    """The request's key and the command line's flag (--checkpoint); the same key means the
    same filter in every ledger that declares it."""
    label: str
    """Chinese label (卡点), shown in the English interface through the message catalogue."""
    kind: FilterKind = FilterKind.CHOICE
    choices: ChoiceSource | None = None
    """CHOICE: the service function that lists what can be chosen."""
    everything: str = "全部"
    """CHOICE: the first entry of the combo box, which chooses nothing (全部卡点)."""
    column: str = ""
    """The field (column) the ledger leaves out once one value is chosen: it would print the
    same name on every row."""
    minimum: int = 0
    maximum: int = 9_999
    """NUMBER: the range the screen and the command line accept."""
    unchosen: str = "全部"
    """Printed under the title when nothing is chosen (a grouping's default: 小区)."""
    help: str = ""
    """The command line's help for the flag when "只打印这个<label>（默认全部）" would not say
    what it is (a grouping)."""

    def __post_init__(self) -> None:
        if (self.kind is FilterKind.CHOICE) != (self.choices is not None):
            raise TypeError(f"ledger filter {self.key}: choices= goes with a CHOICE, and only")

    def value_of(self, context: AppContext, text: str) -> Any:
        """The value a command line's text names (a choice by its name, a date, a number)."""
        if self.kind is FilterKind.CHOICE:
            assert self.choices is not None, f"filter {self.key} lists no choices"
            return choice_named(self.choices(context), text, self.label, self.key)
        if self.kind is FilterKind.DATE:
            day = parse_loose_date(text, self.key, self.label)
            if day is None:
                raise ValidationError(
                    f"{self.label}“{text}”无法识别，请写成 2026-11-25。", self.key
                )
            return day
        try:
            number = int(text)
        except ValueError:
            number = None
        if number is None or not self.minimum <= number <= self.maximum:
            raise ValidationError(
                f"{self.label}应为 {self.minimum} 到 {self.maximum} 之间的整数。", self.key
            )
        return number

    def describe(self, context: AppContext, value: Any) -> str:
        """What was chosen, as "label：name" printed under the ledger's title."""
        if value is None:
            return f"{self.label}：{self.unchosen}"
        if self.kind is FilterKind.CHOICE:
            assert self.choices is not None
            return f"{self.label}：{name_of(self.choices(context), value)}"
        if isinstance(value, date):
            return f"{self.label}：{day_text(value)}"
        return f"{self.label}：{value}"


@dataclass(frozen=True)
class LedgerRequest:
    """What to print: a ledger by name, its dates, its filters' values and options."""

    ledger: str
    since: date
    until: date
    filters: Mapping[str, Any] = field(default_factory=dict)
    """Filter key → the chosen value; a key left out (or None): everything."""
    full: bool = False
    """Full ID and phone numbers (a role that allows it, and audited)."""
    blank_pages: int = 1

    def value(self, key: str) -> Any:
        return self.filters.get(key)


TablesFunction = Callable[[AppContext, LedgerRequest, ProgressCallback | None], list[LedgerTable]]


@dataclass(frozen=True)
class Ledger:
    """A ledger people print: what it is called, what it reads, how it is asked for."""

    name: str
    """Stable key: the command line's ledger name, the screen's choice."""
    title: str
    tables: TablesFunction
    _: KW_ONLY
    landscape: bool = True
    font_size: float = 10.0
    """Body text in points (8 for the wide registration ledger)."""
    period: Period = Period.RANGE
    period_line: str = ""
    """Printed where the period goes when the ledger has none (Period.NONE)."""
    blank_pages: bool = False
    """Asks how many pages of empty rows to print (1–50)."""
    personal_data: bool = False
    """Prints ID and phone numbers: masked unless asked for in full by a role that may."""
    permission: Permission = Permission.EXPORT
    """The right to print it: EXPORT for what the database holds, PRINT_BLANK_FORMS for a sheet
    with no personal data."""
    reads: Permission | None = None
    """The right to read what it prints (VIEW_RECORDS for the checkpoint ledgers, VIEW_REPAIRS
    for the old compounds'); None: a blank form, offered to whoever may print it."""
    filters: tuple[LedgerFilter, ...] = ()
    signatures: tuple[str, ...] = ("填表人", "审核人", "日期")
    """The signature lines at the foot of every page."""

    def offered_to(self, can: Callable[[Permission], bool]) -> bool:
        """Whether the ledger screen lists it to a user with these rights (the services
        refuse the others anyway)."""
        return can(self.reads or self.permission)

    def period_text(self, request: LedgerRequest) -> str:
        if self.period is Period.NONE:
            return self.period_line
        if self.period is Period.DAY or request.since == request.until:
            return day_text(request.until)
        return f"{day_text(request.since)} 至 {day_text(request.until)}"

    def filters_text(self, context: AppContext, request: LedgerRequest) -> str:
        return "　".join(f.describe(context, request.value(f.key)) for f in self.filters)

    def left_out(self, request: LedgerRequest) -> set[str]:
        """The columns not printed because a filter chose the one value they would show."""
        return {f.column for f in self.filters if f.column and request.value(f.key) is not None}


def day_text(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def ledger_columns(
    fields: Sequence[Field],
) -> tuple[list[LedgerColumn], Callable[[Any], list[str]]]:
    """A record kind's ledger columns, as its fields' LedgerCells declare them, and the function
    that prints one of its rows as their cells: the declaration is read here, once a ledger."""
    columns, texts = [], []
    for item in fields:
        cell = item.ledger
        assert cell is not None, f"{item.key} is not printed in the ledger"
        columns.append(LedgerColumn(item.ledger_header(), cell.width, cell.max_width, cell.align))
        texts.append(item.ledger_printer())
    return columns, lambda row: [text(row) for text in texts]
