"""One rule for "a risk area in force on a day": the domain predicate (RiskArea.in_force_on) and
its SQL twin (services.risk_areas.in_force) answer the same table of cases, at every boundary,
and both services that read the list (registration's flags, the list screen) use the twin.

The PostgreSQL run of the same checks is tests/db/test_postgres_risk_in_force.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from jinsha_desktop.db.registration_models import RiskArea as RiskAreaRow
from jinsha_desktop.domain.risk import RiskArea, RiskAreaInput, RiskLevel
from jinsha_desktop.services import registration, risk_areas
from jinsha_desktop.services.context import AppContext
from tests.unit.support import a_checkpoint
from tests.unit.test_registration_service import a_visit

START = date(2026, 11, 20)
END = date(2026, 11, 25)


@dataclass(frozen=True)
class Case:
    name: str
    effective_from: date
    effective_to: date | None
    day: date
    in_force: bool


CASES = [
    Case("the start day", START, END, START, True),
    Case("the day before the start", START, END, START - timedelta(days=1), False),
    Case("a day inside", START, END, START + timedelta(days=2), True),
    Case("the end day", START, END, END, True),
    Case("the day after the end", START, END, END + timedelta(days=1), False),
    Case("a one-day area on its day", START, START, START, True),
    Case("a one-day area the day after", START, START, START + timedelta(days=1), False),
    Case("open-ended, the start day", START, None, START, True),
    Case("open-ended, the day before", START, None, START - timedelta(days=1), False),
    Case("open-ended, years later", START, None, date(2031, 1, 1), True),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_domain_rule_includes_both_end_days(case: Case) -> None:
    area = RiskArea("上海市浦东新区", RiskLevel.HIGH, case.effective_from, case.effective_to)
    assert area.in_force_on(case.day) is case.in_force


def sql_answers(context: AppContext) -> dict[str, bool]:
    """Each case as a stored area, asked of the database with `in_force` on the case's day."""
    with context.uow() as session:
        for number, case in enumerate(CASES):
            session.add(
                RiskAreaRow(
                    name=f"测试地区{number}",
                    level=RiskLevel.HIGH.value,
                    effective_from=case.effective_from,
                    effective_to=case.effective_to,
                    note="",
                )
            )
    answers = {}
    with context.reading() as session:
        for number, case in enumerate(CASES):
            found = session.scalar(
                select(RiskAreaRow.id).where(
                    RiskAreaRow.name == f"测试地区{number}", risk_areas.in_force(case.day)
                )
            )
            answers[case.name] = found is not None
    return answers


def check_sql_and_domain_agree(context: AppContext) -> None:
    answers = sql_answers(context)
    expected = {case.name: case.in_force for case in CASES}
    domain = {
        case.name: RiskArea(
            "x", RiskLevel.HIGH, case.effective_from, case.effective_to
        ).in_force_on(case.day)
        for case in CASES
    }
    assert answers == expected
    assert answers == domain


def check_services_use_the_rule(context: AppContext) -> None:
    """The list screen and a registration's flags, at the two end days and the days outside."""
    today = registration.today_of(context)
    ends_today = RiskAreaInput("上海市浦东新区", RiskLevel.HIGH, today - timedelta(days=5), today)
    starts_today = RiskAreaInput("南京市鼓楼区", RiskLevel.MEDIUM, today, None)
    for area in (ends_today, starts_today):
        risk_areas.save_risk_area(context, area)

    def listed(day: date) -> list[str]:
        return sorted(a.name for a in risk_areas.list_risk_areas(context, in_force_on=day))

    assert listed(today) == ["上海市浦东新区", "南京市鼓楼区"]
    assert listed(today - timedelta(days=1)) == ["上海市浦东新区"]
    assert listed(today + timedelta(days=1)) == ["南京市鼓楼区"]

    came = a_visit(a_checkpoint(context), origin="上海市浦东新区", route=("南京市鼓楼区",))
    result = registration.register_visit(context, came)
    assert [flag.code for flag in result.flags] == ["high", "medium"]


def test_sql_and_domain_agree_on_every_case_on_sqlite(admin: AppContext) -> None:
    check_sql_and_domain_agree(admin)


def test_registration_and_the_list_use_the_rule_on_sqlite(admin: AppContext) -> None:
    check_services_use_the_rule(admin)
