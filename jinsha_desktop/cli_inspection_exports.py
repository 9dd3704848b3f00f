"""`jinsha-desktop export inspections|findings`: the village-inspection lists to Excel, narrowed
by the flags the export command declares (cli_reports.py), as the lists on screen are."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinsha_desktop.cli_reports import _named as named
from jinsha_desktop.cli_reports import parse_day

if TYPE_CHECKING:
    from jinsha_desktop.services.context import AppContext

INSPECTION_STATES = {"草稿": "draft", "已提交": "submitted"}


def export_inspection_list(context: AppContext, args: argparse.Namespace, output: Path) -> Any:
    """The inspections or findings list, by the flags (period, unit, checklist or source,
    status: 草稿/已提交 for inspections, the rectification ledger's 未销号/逾期未销号/… for
    findings)."""
    from jinsha_desktop.services.registration import today_of

    today = today_of(context)
    since = parse_day(args.since, "since", today) if args.since else None
    until = parse_day(args.until, "until", today) if args.until else None
    unit_id = named(context, args, "community")
    if args.list == "inspections":
        from jinsha_desktop.reports.exports import export_inspections
        from jinsha_desktop.services.inspection_lists import InspectionFilter, InspectionSort
        from jinsha_desktop.services.ledger_choices import Choice, choice_named

        states = [Choice(code, name) for name, code in INSPECTION_STATES.items()]
        status = choice_named(states, args.status, "状态", "status") if args.status else None
        flt = InspectionFilter(
            start=since,
            end=until,
            unit_id=unit_id,
            template_id=named(context, args, "template"),
            status=status,
            search=args.search,
        )
        order = InspectionSort(args.sort or "inspected_on", not args.ascending)
        return export_inspections(context, flt, order, output)
    from jinsha_desktop.reports.exports import export_findings
    from jinsha_desktop.reports.ledgers import all_filters
    from jinsha_desktop.services.finding_lists import FindingFilter, FindingSort
    from jinsha_desktop.services.rectification_ledger_data import NOT_CLOSED, OVERDUE

    state = None
    if args.status:
        [item] = [f for f in all_filters() if f.key == "rectification"]
        state = item.value_of(context, args.status)
    findings = FindingFilter(
        start=since,
        end=until,
        unit_id=unit_id,
        source=named(context, args, "source"),
        status=state if state not in (OVERDUE, NOT_CLOSED) else None,
        overdue_only=state == OVERDUE,
        search=args.search,
    )
    sort = FindingSort(args.sort or "found_on", not args.ascending)
    return export_findings(context, findings, sort, output, full=args.full)
