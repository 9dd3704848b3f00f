"""The inspection module's demo data (services/demo_inspections.py): a year of monthly
inspections on both checklists, the rural one edited mid-year, findings in every state from
every source, published rankings (the latest made out of date by a correction), all through
the services, the audit chain intact."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

from sqlalchemy import func, select

from jinsha_desktop.db.inspection_models import (
    ChecklistVersion,
    Finding,
    Inspection,
    InspectionAmendment,
    Ranking,
)
from jinsha_desktop.domain.checklist_defaults import CIVIL_TITLE, RURAL_TITLE
from jinsha_desktop.domain.rankings import Period
from jinsha_desktop.services import checklists, rankings, reference
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.demo_inspections import MONTHS, add_demo_inspections
from tests.unit.support import a_compound, verify

TODAY = date(2026, 11, 25)  # the test clock's day


def _fill(admin: AppContext) -> dict[str, int]:
    a_compound(admin, "金沙花苑", buildings=2)
    a_compound(admin, "北山新村", buildings=2, unit_index=0)
    return add_demo_inspections(admin, TODAY, random.Random(20221))


def test_a_year_of_inspections_with_findings_and_rankings(admin: AppContext):
    counts = _fill(admin)

    units = reference.list_units(admin)
    with admin.reading() as session:
        submitted = session.execute(
            select(Inspection.unit_id, Inspection.inspected_on, Inspection.rule_version).where(
                Inspection.status == "submitted"
            )
        ).all()
        drafts = session.scalar(
            select(func.count()).select_from(Inspection).where(Inspection.status == "draft")
        )
        statuses = Counter(
            [tuple(r) for r in session.execute(select(Finding.source, Finding.status))]
        )
        published = session.scalars(select(Ranking.period)).all()
        amended = session.scalar(select(func.count()).select_from(InspectionAmendment))
        versions = dict(
            session.execute(
                select(ChecklistVersion.title, func.max(ChecklistVersion.number)).group_by(
                    ChecklistVersion.title
                )
            ).all()
        )
    assert counts["inspections"] == len(submitted) >= MONTHS * len(units)
    assert drafts == 1 and amended == 1
    months = {(day.year, day.month) for _unit, day, _rule in submitted}
    assert len(months) == MONTHS and max(day for _u, day, _r in submitted) <= TODAY
    assert {unit for unit, _day, _rule in submitted} == {u.id for u in units}
    # the rural checklist edited mid-year: version 1 before, version 2 after
    rural = sorted((day, rule) for _unit, day, rule in submitted if RURAL_TITLE in rule)
    assert rural[0][1].endswith("第1版") and rural[-1][1].endswith("第2版")
    assert versions[RURAL_TITLE] == 2 and versions[CIVIL_TITLE] == 1
    assert any(CIVIL_TITLE in rule for _u, _d, rule in submitted)
    # findings in every state, from all three sources
    sources = {source for source, _status in statuses}
    states = {status for _source, status in statuses}
    assert sources == {"inspection", "patrol", "resident"}
    assert states == {"open", "rectified", "closed", "cancelled"}
    assert counts["findings"] == sum(statuses.values())
    with admin.reading() as session:
        failed_once = session.scalar(
            select(func.count()).select_from(Finding).where(Finding.recheck_count > 1)
        )
        overdue = session.scalar(
            select(func.count())
            .select_from(Finding)
            .where(Finding.status == "open", Finding.deadline < TODAY)
        )
        in_compound = session.scalar(
            select(func.count()).select_from(Finding).where(Finding.compound_id.is_not(None))
        )
    assert failed_once and overdue and in_compound
    # published rankings for the past months (and the last quarter); the latest out of date
    last_month = Period.containing("month", TODAY).previous()
    assert last_month.key in published and Period.containing("month", TODAY).key not in published
    assert len([p for p in published if "Q" not in p]) == MONTHS - 1
    assert rankings.compute_ranking(admin, last_month).out_of_date
    assert not rankings.compute_ranking(admin, last_month.previous()).out_of_date
    trend = rankings.trend(admin, last_month, MONTHS)
    assert all(any(score is not None for _key, score in points) for points in trend.values())
    assert verify(admin).ok


def test_nothing_is_added_when_a_default_checklist_is_gone(admin: AppContext):
    rural = next(t for t in checklists.list_templates(admin) if t.name == RURAL_TITLE)
    checklists.delete_template(admin, rural.id, "不再使用")
    assert add_demo_inspections(admin, TODAY, random.Random(1)) == {}


def test_the_demo_year_prints_in_both_ledgers(admin: AppContext, tmp_path):
    from jinsha_desktop.reports.ledgers import LedgerRequest, generate_ledger
    from tests.reports.pdf_checks import one_line, page_texts, render_pages

    _fill(admin)
    month = Period.containing("month", TODAY).previous()
    out = tmp_path / "检查台账.pdf"
    result = generate_ledger(admin, LedgerRequest("inspections", month.start, month.end), out)
    text = one_line(" ".join(page_texts(out)))
    assert result.rows > 0 and "更正1" in text and "第2版" in text  # the correction beside it
    out = tmp_path / "整改台账.pdf"
    year = Period.last(MONTHS - 1, month)[0].start
    result = generate_ledger(admin, LedgerRequest("rectifications", year, TODAY), out)
    text = one_line(" ".join(page_texts(out)))
    for word in ("检查组", "部门巡查", "群众反映", "已销号", "待复查", "已撤销", "逾期"):
        assert word in text, word
    assert render_pages(out, tmp_path / "png")
