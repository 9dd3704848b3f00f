"""What a ledger's choice filter offers, from the reference data (a filter declares one of these).

The ledger screen lists the names in its combo box; `jinsha-desktop ledger --checkpoint NAME`
finds the value by the name typed. Names are as the administrator wrote them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.repairs import OrderStatus
from jinsha_desktop.services.campaigns import list_campaigns
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.reference import list_checkpoints, list_compounds, list_units
from jinsha_desktop.services.repair_catalogue import list_cleanup_categories
from jinsha_desktop.services.repair_lists import CLOSED, OPEN


@dataclass(frozen=True)
class Choice:
    value: Any
    """What the ledger's rows are filtered by (a record's id, a status code)."""
    name: str
    """What the user sees and types."""


ChoiceSource = Callable[[AppContext], Sequence[Choice]]


def checkpoint_choices(context: AppContext) -> list[Choice]:
    return [Choice(c.id, c.name) for c in list_checkpoints(context)]


def unit_choices(context: AppContext) -> list[Choice]:
    """The communities and villages (社区, 村)."""
    return [Choice(u.id, u.name) for u in list_units(context)]


def compound_choices(context: AppContext) -> list[Choice]:
    """The compounds; a name two communities share reads 人民新村（南山社区）, so each can be
    told apart in the combo box and typed on the command line."""
    compounds = list_compounds(context)
    shared = Counter(c.name for c in compounds)
    return [
        Choice(c.id, f"{c.name}（{c.unit_name}）" if shared[c.name] > 1 else c.name)
        for c in compounds
    ]


def campaign_choices(context: AppContext) -> list[Choice]:
    """The survey campaigns (排查), the latest first."""
    return [Choice(c.id, c.name) for c in list_campaigns(context)]


def order_status_choices(_context: AppContext) -> list[Choice]:
    """A repair order's status, or every open (未办结) or closed (已办结) one."""
    return [
        Choice(OPEN, "未办结"),
        Choice(CLOSED, "已办结"),
        *(Choice(status.value, status.label) for status in OrderStatus),
    ]


def cleanup_category_choices(context: AppContext) -> list[Choice]:
    """The clean-up categories (乱堆乱放, 停车位施划…), in the catalogue's order."""
    return [Choice(c.id, c.name) for c in list_cleanup_categories(context)]


def choice_named(choices: Sequence[Choice], name: str, label: str, field: str) -> Any:
    """The value of the choice called `name`, or whose code (a status, a grouping: `unit`) it
    is, as scripts write them; a clear message when there is none, or several."""
    found = [c.value for c in choices if c.name == name.strip()]
    found = found or [c.value for c in choices if isinstance(c.value, str) and c.value == name]
    if not found:
        close = "、".join(c.name for c in choices if c.name.startswith(f"{name.strip()}（"))
        if close:  # a name two communities' compounds share: say how to write each
            raise ValidationError(f"没有恰好名为“{name}”的{label}，请写成：{close}。", field)
        raise ValidationError(f"没有名为“{name}”的{label}。", field)
    if len(found) > 1:
        raise ValidationError(
            f"有 {len(found)} 个名为“{name}”的{label}，请先在基础数据中改名。", field
        )
    return found[0]


def name_of(choices: Sequence[Choice], value: Any) -> str:
    """The name of the chosen value; 已删除 when the record went away meanwhile."""
    for choice in choices:
        if choice.value == value:
            return choice.name
    return "（已删除）"
