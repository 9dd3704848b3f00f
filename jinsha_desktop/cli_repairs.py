"""`jinsha-desktop repairs totals`: the old compounds' totals on the command line, the same
figures as the totals screen (services/repair_totals.py), as a plain table or as JSON."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from jinsha_desktop.cli_reports import (
    PLACE_FLAGS,
    CliParser,
    _named,
    add_user_arguments,
    fail,
    logged_in,
    parse_day,
)
from jinsha_desktop.domain.errors import KnownError, ValidationError

if TYPE_CHECKING:
    from jinsha_desktop.domain.repair_totals import TotalsRow
    from jinsha_desktop.services.repair_totals import TotalsTable

GROUPINGS = ("compound", "unit", "campaign", "building")


def add_repairs_command(commands: argparse._SubParsersAction[CliParser]) -> None:
    repairs = commands.add_parser("repairs", help="设施维修：统计")
    actions = repairs.add_subparsers(dest="repairs_command", metavar="ACTION", required=True)
    totals = actions.add_parser(
        "totals",
        help="维修统计：各小区、社区/村或排查的用料、报修单、修复天数、费用、整治数量",
    )
    totals.add_argument("--from", dest="since", required=True, metavar="YYYY-MM-DD")
    totals.add_argument("--to", dest="until", required=True, metavar="YYYY-MM-DD")
    totals.add_argument(
        "--by",
        choices=GROUPINGS,
        default="compound",
        help="按小区（compound，默认）、社区/村（unit）、排查（campaign）或楼栋（building）统计",
    )
    for flag, what in PLACE_FLAGS.items():
        totals.add_argument(f"--{flag}", metavar="NAME", help=f"只统计{what}")
    totals.add_argument("--json", action="store_true", help="输出 JSON（供脚本使用）")
    add_user_arguments(totals)


def run_repairs(args: argparse.Namespace) -> int:
    from jinsha_desktop.domain.repair_totals import GroupBy, TotalsQuery
    from jinsha_desktop.services.repair_totals import totals

    try:
        # The dates are checked before the password is asked for.
        since, until = _day(args.since, "since"), _day(args.until, "until")
        with logged_in(args.db, args.demo, args.user) as context:
            query = TotalsQuery(
                since,
                until,
                GroupBy(args.by),
                unit_id=_named(context, args, "community"),
                compound_id=_named(context, args, "compound"),
                campaign_id=_named(context, args, "campaign"),
            ).checked()
            table = totals(context, query)
    except KnownError as error:
        return fail(error.message)
    if args.json:
        print(json.dumps(totals_json(table), ensure_ascii=False, indent=2))
    else:
        print(totals_text(table))
    return 0


def _number(value: Any) -> Any:
    """A figure as JSON has it: whole numbers as integers, amounts as decimals, none as null."""
    if value is None or isinstance(value, int):
        return value
    return int(value) if value == int(value) else float(value)


def totals_json(table: TotalsTable) -> dict[str, Any]:
    """The table for scripts: each row's figures by column key, with the columns' headers."""

    def row(item: TotalsRow) -> dict[str, Any]:
        return {
            "key": [None if part is None else str(part) for part in item.key],
            "name": item.label,
            "parent": item.parent,
            "figures": {c.key: _number(table.value(item, c)) for c in table.columns},
        }

    query = table.query
    return {
        "from": query.since.isoformat(),
        "to": query.until.isoformat(),
        "by": query.by.value,
        "overdue_days": table.overdue_days,
        "columns": [{"key": c.key, "header": c.header} for c in table.columns],
        "rows": [row(item) for item in table.rows],
        "total": row(table.total),
    }


def _day(text: str, field: str) -> date:
    if not text.strip():
        raise ValidationError("请填写日期，如 2026-11-25。", field)
    return parse_day(text, field, date.min)


def display_width(text: str) -> int:
    """Columns on a terminal (Chinese characters count two), as an Excel column counts them."""
    from jinsha_desktop.reports.xlsx_writing import display_width as width

    return width(text)


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * (width - display_width(text))
    return space + text if right else text + space


def totals_text(table: TotalsTable) -> str:
    """The table for a person: a title line, aligned columns (Chinese counts double), the total;
    a row's community/village beside it unless the rows are communities and villages."""
    from jinsha_desktop.domain.repair_totals import GroupBy
    from jinsha_desktop.reports.repair_totals_ledger import heading

    by = table.query.by
    first = [by.label] if by is GroupBy.UNIT else [by.label, "所属"]
    header = first + [c.header for c in table.columns]
    lines = [
        [item.label, item.parent][: len(first)] + [table.text(item, c) for c in table.columns]
        for item in table.all_rows()
    ]
    widths = [
        max(display_width(cells[i]) for cells in [header, *lines]) for i in range(len(header))
    ]

    def line(cells: list[str]) -> str:
        padded = (
            _pad(text, width, n >= len(first))
            for n, (text, width) in enumerate(zip(cells, widths, strict=True))
        )
        return "  ".join(padded).rstrip()

    return "\n".join([heading(table), line(header), *(line(cells) for cells in lines)])
