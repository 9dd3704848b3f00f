"""A test-only ledger filtered by compound: adding a ledger is one declaration.

Nothing in the program names it: put into LEDGERS for a test (`with_throwaway_ledger`), it is on
the ledger screen with its compound combo box and on the command line with --compound. Its name
and title are no real ledger's ("throwaway", 测试用小区台账), so it never replaces one.
"""

from __future__ import annotations

import uuid

import pytest

from jinsha_desktop.domain.reference import CompoundInput
from jinsha_desktop.reports.ledgers import LEDGERS, Ledger, LedgerFilter, LedgerRequest
from jinsha_desktop.reports.pdf_ledger import LedgerColumn, LedgerTable
from jinsha_desktop.services import reference
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.ledger_choices import compound_choices

COMPOUND = LedgerFilter("compound", "小区", choices=compound_choices, everything="全部小区")


def _rows(context: AppContext, request: LedgerRequest, _progress: object) -> list[LedgerTable]:
    chosen = request.value("compound")
    rows = [[c.name, "测试"] for c in compound_choices(context) if chosen in (None, c.value)]
    columns = [LedgerColumn("小区", 6, 12), LedgerColumn("内容", 6, 12)]
    return [LedgerTable(columns, rows, len(rows))]


THROWAWAY = Ledger("throwaway", "测试用小区台账", _rows, filters=(COMPOUND,))


def with_throwaway_ledger(monkeypatch: pytest.MonkeyPatch) -> Ledger:
    """The throwaway ledger among the program's ledgers for one test (beside them, never instead
    of one of them)."""
    assert THROWAWAY.name not in LEDGERS, "a real ledger took the throwaway ledger's name"
    assert THROWAWAY.title not in {ledger.title for ledger in LEDGERS.values()}
    monkeypatch.setitem(LEDGERS, THROWAWAY.name, THROWAWAY)
    return THROWAWAY


def a_compound(admin: AppContext, name: str) -> uuid.UUID:
    unit = reference.list_units(admin)[0]
    return reference.save_compound(admin, unit.id, CompoundInput(name))
