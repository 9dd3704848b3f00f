"""The 维修统计表 ledger (reports/repair_totals_ledger.py), opened as a reader would: its tables
hold the service's figures, a row per group and the total, by the grouping asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinsha_desktop.domain.repair_totals import GroupBy, TotalsQuery
from jinsha_desktop.reports.ledgers import LEDGERS, LedgerRequest, generate_ledger
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.repair_totals import totals
from tests.reports.pdf_checks import one_line, page_tables, page_texts
from tests.unit.repair_totals_data import SINCE, UNTIL, generate


@pytest.fixture
def admin_with_data(admin: AppContext) -> AppContext:
    generate(admin, orders=60, cleanups=30)
    return admin


@pytest.mark.parametrize("by", [None, GroupBy.UNIT, GroupBy.CAMPAIGN], ids=str)
def test_the_totals_ledger_prints_the_services_figures(
    admin_with_data: AppContext, tmp_path: Path, by: GroupBy | None
) -> None:
    request = LedgerRequest("repair-totals", SINCE, UNTIL, filters={"by": by})
    result = generate_ledger(admin_with_data, request, tmp_path / "totals.pdf")
    table = totals(admin_with_data, TotalsQuery(SINCE, UNTIL, by or GroupBy.COMPOUND))

    text = one_line(" ".join(page_texts(result.path)))
    assert "维修统计表" in text
    assert f"统计单位：{(by or GroupBy.COMPOUND).label}" in text
    repairs, cleanups = page_tables(result.path)[:2]
    names = [line[0] for line in repairs[1:]]
    assert names == [row.label for row in table.rows] + ["金沙街道合计"]
    headers = [cell.replace("\n", "") for cell in repairs[0]]
    orders = headers.index("报修单数")
    assert repairs[-1][orders] == str(table.total.figures.orders)
    cost = headers.index("费用（元）")
    assert repairs[-1][cost] == f"{table.total.figures.cost:.2f}"
    assert cleanups[0][-1].replace("\n", "") == "停车位施划"
    assert len(cleanups) == len(table.rows) + 2


def test_the_totals_ledger_is_listed_with_its_filters() -> None:
    ledger = LEDGERS["repair-totals"]
    assert ledger.title == "维修统计表"
    assert [f.key for f in ledger.filters] == ["by", "community", "compound", "campaign"]
