"""Full ID and phone numbers are a service rule (issue 11.3): every public function of
jinsha_desktop.services and jinsha_desktop.reports that takes `full` (or a request carrying a
`full` field) is found here by introspection and called with every role. A role without
VIEW_FULL_PERSONAL_DATA is refused and nothing is audited; a role with it gets the numbers and a
"view_full" audit entry. A new such function fails this test until it is added to CALLS."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import typing
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

import jinsha_desktop.reports
import jinsha_desktop.services
from jinsha_desktop.domain.errors import PermissionDenied
from jinsha_desktop.domain.permissions import Permission, Role, role_allows
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.ledger_data import allows_full_data
from jinsha_desktop.services.monitoring import CaseInput, open_case
from jinsha_desktop.services.personal_data import require_full_view
from jinsha_desktop.services.registration import lookup_person
from jinsha_desktop.services.visit_lists import VisitFilter, VisitSort
from tests.unit.support import audit_entries, logged_in_as, resident_id
from tests.unit.test_visit_lists import add_checkpoints, register

PACKAGES = (jinsha_desktop.services, jinsha_desktop.reports)
NUMBER = resident_id("320612", "19850312", 11)
PHONE = "13812345678"


def _carries_full(annotation: Any) -> bool:
    return dataclasses.is_dataclass(annotation) and any(
        f.name == "full" for f in dataclasses.fields(annotation)
    )


def functions_taking_full() -> Iterator[str]:
    """'module.function' of every public function that can be asked for full numbers."""
    for package in PACKAGES:
        # walk_packages: sub-packages too (services/imports/…)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for name, function in inspect.getmembers(module, inspect.isfunction):
                if name.startswith("_") or function.__module__ != module.__name__:
                    continue
                parameters = inspect.signature(function).parameters
                try:
                    hints = typing.get_type_hints(function)
                except NameError:  # an annotation only importable under TYPE_CHECKING
                    hints = {}
                if "full" in parameters or any(_carries_full(hints.get(p)) for p in parameters):
                    yield f"{module.__name__.removeprefix('jinsha_desktop.')}.{name}"


# ---------------------------------------------------------------- how to call each one


def _ledger(context: AppContext, path: Path, *, write: bool) -> object:
    from jinsha_desktop.reports.ledgers import LedgerRequest, generate_ledger, prepare_ledger

    today = context.clock.now().date()
    request = LedgerRequest("registration", today - timedelta(days=7), today, full=True)
    if write:
        return generate_ledger(context, request, path / "ledger.pdf")
    return prepare_ledger(context, request)


def _match_list_preview(context: AppContext, path: Path) -> Any:
    from jinsha_desktop.domain.fields import CellKind
    from jinsha_desktop.reports import import_files
    from jinsha_desktop.reports.xlsx_writing import SheetColumn, write_sheet
    from jinsha_desktop.services import imports as importing
    from jinsha_desktop.services.imports import importer_of

    workbook = path.parent / f"协查名单-{path.name}.xlsx"  # the input, not an output
    write_sheet(
        workbook,
        "协查名单",
        [
            SheetColumn("name", "姓名"),
            SheetColumn("document_number", "身份证号码", CellKind.IDENTIFIER),
            SheetColumn("phone", "手机号码", CellKind.IDENTIFIER),
        ],
        [["张伟", NUMBER, PHONE]],
    )
    importer = importer_of("match_list")
    table = import_files.read_for_import(context, importer, workbook)
    mapping = importing.remembered_mapping(context, importer, table)
    return importing.preview_import(context, importer, table, mapping, path=workbook)


def _match_report(context: AppContext, path: Path) -> object:
    from jinsha_desktop.reports.match_report import match_report

    preview = _match_list_preview(context, path)
    report = match_report(context, preview, full=True)
    assert report.entries[0].document_number == NUMBER
    return report


def _match_list_report(context: AppContext, path: Path) -> object:
    """The service under reports.match_report.match_report, called alone (no workbook)."""
    from jinsha_desktop.services.imports import match_list

    preview = _match_list_preview(context, path)
    report = match_list.match_report(context, preview, full=True)
    assert report.entries[0].document_number == NUMBER
    return report


def _visits_page(context: AppContext, _path: Path) -> object:
    from jinsha_desktop.services.visit_lists import visits_page

    rows = visits_page(context, VisitFilter(), full=True)
    assert rows[0].document_number == NUMBER
    return rows


def _iter_visits(context: AppContext, _path: Path) -> object:
    from jinsha_desktop.services.ledger_data import iter_visits

    rows = list(iter_visits(context, VisitFilter(), full=True))
    assert rows[0].document_number == NUMBER and rows[0].phone == PHONE
    return rows


def _iter_people(context: AppContext, _path: Path) -> object:
    from jinsha_desktop.services.visit_lists import iter_people

    rows = list(iter_people(context, full=True))
    assert rows[0].document_number == NUMBER and rows[0].phone == PHONE
    return rows


def _monitoring_entries(context: AppContext, _path: Path) -> object:
    from jinsha_desktop.services.ledger_data import monitoring_entries

    today = context.clock.now().date()
    cases = monitoring_entries(context, today - timedelta(days=3), today, full=True)
    assert cases[0].document_number == NUMBER
    return cases


def _lookup_person(context: AppContext, _path: Path) -> object:
    card = lookup_person(context, "resident_id", NUMBER, full=True)
    assert card is not None and card.phone == PHONE and not card.masked
    return card


def _export_visits(context: AppContext, path: Path) -> object:
    from jinsha_desktop.reports.exports import export_visits

    return export_visits(context, VisitFilter(), VisitSort(), path / "visits.xlsx", full=True)


def _export_people(context: AppContext, path: Path) -> object:
    from jinsha_desktop.reports.exports import export_people

    return export_people(context, "", "name", False, path / "people.xlsx", full=True)


def _export_kind(context: AppContext, path: Path) -> object:
    from jinsha_desktop.domain.person import PERSON
    from jinsha_desktop.reports.exports import export_kind
    from jinsha_desktop.services.visit_lists import count_people, iter_people

    return export_kind(
        context,
        PERSON,
        lambda full: iter_people(context, full=full),
        lambda: count_people(context),
        path / "kind.xlsx",
        sheet="人员",
        full=True,
    )


def _orders_page(context: AppContext, _path: Path) -> object:
    from jinsha_desktop.services.repair_lists import OrderFilter, orders_page

    rows = orders_page(context, OrderFilter(), full=True)
    assert rows[0].reporter_phone == PHONE
    return rows


def _iter_orders(context: AppContext, _path: Path) -> object:
    from jinsha_desktop.services.repair_lists import OrderFilter, iter_orders

    rows = list(iter_orders(context, OrderFilter(), full=True))
    assert rows[0].reporter_phone == PHONE
    return rows


def _order_detail(context: AppContext, _path: Path) -> object:
    from jinsha_desktop.services.repair_lists import OrderFilter, orders_page
    from jinsha_desktop.services.repair_orders import order_detail

    [row] = orders_page(context, OrderFilter())
    detail = order_detail(context, row.id, full=True)
    assert detail.reporter_phone == PHONE
    return detail


def _export_repair_orders(context: AppContext, path: Path) -> object:
    from jinsha_desktop.reports.exports import export_repair_orders
    from jinsha_desktop.services.repair_lists import OrderFilter, OrderSort

    return export_repair_orders(context, OrderFilter(), OrderSort(), path / "o.xlsx", full=True)


def _findings_page(context: AppContext, _path: Path) -> object:
    from jinsha_desktop.services.finding_lists import FindingFilter, findings_page

    [row] = findings_page(context, FindingFilter(), full=True)
    assert row.reporter_phone == PHONE
    return row


def _iter_findings(context: AppContext, _path: Path) -> object:
    from jinsha_desktop.services.finding_lists import FindingFilter, iter_findings

    [row] = list(iter_findings(context, FindingFilter(), full=True))
    assert row.reporter_phone == PHONE
    return row


def _finding_detail(context: AppContext, _path: Path) -> object:
    from jinsha_desktop.services.finding_detail import finding_detail
    from jinsha_desktop.services.finding_lists import FindingFilter, findings_page

    [row] = findings_page(context, FindingFilter())
    detail = finding_detail(context, row.id, full=True)
    assert detail.reporter_phone == PHONE
    return detail


def _export_findings(context: AppContext, path: Path) -> object:
    from jinsha_desktop.reports.exports import export_findings
    from jinsha_desktop.services.finding_lists import FindingFilter, FindingSort

    return export_findings(context, FindingFilter(), FindingSort(), path / "f.xlsx", full=True)


def _finding_lines(context: AppContext, _path: Path) -> object:
    from jinsha_desktop.services.rectification_ledger_data import FindingScope, finding_lines

    today = context.clock.now().date()
    [line] = finding_lines(context, FindingScope(today - timedelta(days=1), today), full=True)
    assert PHONE in str(line)
    return line


def _grant_full_view(context: AppContext, _path: Path) -> object:
    from jinsha_desktop.services.personal_data import grant_full_view

    return grant_full_view(context, True, "测试", table_name="visit")


CALLS: dict[str, Callable[[AppContext, Path], object]] = {
    "services.ledger_data.iter_visits": _iter_visits,
    "services.ledger_data.monitoring_entries": _monitoring_entries,
    "services.visit_lists.visits_page": _visits_page,
    "services.visit_lists.iter_people": _iter_people,
    "services.registration.lookup_person": _lookup_person,
    "services.personal_data.grant_full_view": _grant_full_view,
    "reports.exports.export_visits": _export_visits,
    "reports.exports.export_people": _export_people,
    "reports.exports.export_kind": _export_kind,
    "services.repair_lists.orders_page": _orders_page,
    "services.repair_lists.iter_orders": _iter_orders,
    "services.repair_orders.order_detail": _order_detail,
    "reports.exports.export_repair_orders": _export_repair_orders,
    "services.finding_lists.findings_page": _findings_page,
    "services.finding_lists.iter_findings": _iter_findings,
    "services.finding_detail.finding_detail": _finding_detail,
    "reports.exports.export_findings": _export_findings,
    "services.rectification_ledger_data.finding_lines": _finding_lines,
    "reports.match_report.match_report": _match_report,
    "services.imports.match_list.match_report": _match_list_report,
    "reports.ledgers.prepare_ledger": lambda context, path: _ledger(context, path, write=False),
    "reports.ledgers.generate_ledger": lambda context, path: _ledger(context, path, write=True),
}

CHECKS_ONLY: dict[str, Callable[[AppContext], object]] = {
    # The checks themselves: they hand out no numbers, so they audit nothing; they must refuse.
    "services.personal_data.require_full_view": lambda context: require_full_view(context, True),
    "services.ledger_data.allows_full_data": lambda context: allows_full_data(context, True),
}


def test_every_function_taking_full_is_known_to_this_test():
    found = set(functions_taking_full())
    assert found >= {
        "services.ledger_data.iter_visits",
        "services.visit_lists.iter_people",
        "services.ledger_data.monitoring_entries",
        "reports.ledgers.generate_ledger",  # through LedgerRequest.full
    }
    unknown = found - set(CALLS) - set(CHECKS_ONLY)
    assert not unknown, f"add these to CALLS (how to call them with full=True): {sorted(unknown)}"
    assert not (set(CALLS) | set(CHECKS_ONLY)) - found, "CALLS names a function that is gone"


@pytest.fixture
def people(admin: AppContext) -> AppContext:
    """One visit and one monitoring case of a person with a full number and phone on record."""
    [checkpoint] = add_checkpoints(admin, "北山社区1号卡点")
    register(admin, checkpoint, 30, document_number=NUMBER, name="张伟", phone=PHONE)
    card = lookup_person(admin, "resident_id", NUMBER)
    assert card is not None
    today = admin.clock.now().date()
    open_case(admin, CaseInput(card.person_id, "测试", today - timedelta(days=1), 7, "manual"))
    _a_repair_order(admin)
    _a_resident_finding(admin)
    return admin


def _a_resident_finding(admin: AppContext) -> None:
    """A resident's report of a problem, with the phone on record."""
    from jinsha_desktop.domain.findings import FindingInput, FindingSource, PartyInput
    from jinsha_desktop.services import reference
    from jinsha_desktop.services.findings import new_finding

    unit = reference.list_units(admin)[0].id
    today = admin.clock.now().date()
    data = FindingInput(
        FindingSource.RESIDENT, unit, "河边垃圾", today, today, PartyInput(unit_id=unit),
        reporter_name="王阿姨", reporter_phone=PHONE,
    )  # fmt: skip
    new_finding(admin, data)


def _a_repair_order(admin: AppContext) -> None:
    """A resident's repair order with the phone on record."""
    from jinsha_desktop.domain.repairs import OrderInput, PlaceInput
    from jinsha_desktop.services.repair_orders import report_order
    from tests.unit.support import a_compound

    compound_id, _buildings = a_compound(admin, buildings=1)
    reported = admin.clock.now() - timedelta(hours=2)
    order = OrderInput(PlaceInput(compound_id), "楼道灯不亮", reported, reporter_phone=PHONE)
    report_order(admin, order)


def _as(admin: AppContext, role: Role) -> AppContext:
    if role is Role.ADMIN:
        return admin
    return logged_in_as(admin, f"user_{role.value}", role)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_full_numbers_are_refused_or_audited_for_every_role(name, people, tmp_path):
    for role in Role:
        context = _as(people, role)
        before = len(audit_entries(people, action="view_full"))
        folder = tmp_path / role.value
        folder.mkdir()
        if role_allows(role, Permission.VIEW_FULL_PERSONAL_DATA):
            CALLS[name](context, folder)
            entries = audit_entries(people, action="view_full")
            assert len(entries) > before, f"{name}: no audit entry for {role}"
            assert entries[-1].username == context.user.username
        else:
            with pytest.raises(PermissionDenied):
                CALLS[name](context, folder)
            assert len(audit_entries(people, action="view_full")) == before
            assert list(folder.iterdir()) == [], f"{name} wrote a file for {role}"


@pytest.mark.parametrize("name", sorted(CHECKS_ONLY))
def test_the_checks_refuse_roles_without_the_right(name, people):
    for role in Role:
        context = _as(people, role)
        if role_allows(role, Permission.VIEW_FULL_PERSONAL_DATA):
            assert CHECKS_ONLY[name](context) is True
        else:
            with pytest.raises(PermissionDenied):
                CHECKS_ONLY[name](context)
