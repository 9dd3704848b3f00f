"""The red/black list service: compute, publish, editions, out of date after an amendment,
trend, a period without inspections refused, rules stored with the ranking."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jinsha_desktop.db.inspection_models import Ranking, RankingEntry
from jinsha_desktop.domain.errors import FormErrors, PermissionDenied, ValidationError
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.rankings import Period, RankingRules
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.rankings import (
    compute_ranking,
    editions,
    notice_of,
    publish_ranking,
    published_ranking,
    ranking_rules,
    save_ranking_rules,
)
from tests.unit.ranking_data import a_finding, amend, an_inspection, unit_ids, unit_names
from tests.unit.support import audit_entries, logged_in_as, row_counts

OCTOBER = Period.parse("2026-10")


def _october(admin: AppContext) -> list:  # type: ignore[type-arg]
    """Four units inspected in October (the first twice), one in September."""
    units = unit_ids(admin)
    an_inspection(admin, units[0], date(2026, 10, 3), "90", deductions=[("路面有垃圾", "2")])
    an_inspection(admin, units[0], date(2026, 10, 20), "80", deductions=[("沟渠淤塞", "5")])
    an_inspection(admin, units[1], date(2026, 10, 5), "95")
    an_inspection(
        admin,
        units[2],
        date(2026, 10, 6),
        "70",
        deductions=[("乱堆乱放", "10"), ("路面有垃圾", "4"), ("河坡杂草", "3"), ("墙面乱贴", "1")],
    )
    an_inspection(admin, units[3], date(2026, 10, 7), "60", vetoed=True)
    an_inspection(admin, units[3], date(2026, 9, 7), "99")
    an_inspection(admin, units[1], date(2026, 9, 9), "70")
    return units


def test_compute_ranks_by_the_mean_with_lists_and_previous_positions(admin: AppContext) -> None:
    units = _october(admin)
    save_ranking_rules(admin, RankingRules(red_count=1, black_count=1))
    view = compute_ranking(admin, OCTOBER)
    names = unit_names(admin)
    ranked = [row for row in view.rows if row.position is not None]
    assert [(row.unit_name, row.position, row.score) for row in ranked] == [
        (names[units[1]], 1, Decimal("95.00")),
        (names[units[0]], 2, Decimal("85.00")),
        (names[units[2]], 3, Decimal("70.00")),
        (names[units[3]], 4, Decimal("60.00")),
    ]
    by_unit = {row.unit_id: row for row in view.rows}
    assert by_unit[units[1]].listed == "red"
    assert by_unit[units[3]].listed == "black" and by_unit[units[3]].vetoed
    assert by_unit[units[2]].listed == "black" or by_unit[units[2]].listed == ""
    assert by_unit[units[0]].inspections == 2
    # September: unit 3 first (99), unit 1 second (70).
    assert by_unit[units[3]].previous_position == 1
    assert by_unit[units[1]].previous_position == 2
    assert by_unit[units[1]].change == 1
    # Units never inspected are left out under the default rules.
    assert all(row.position is None for row in view.rows[4:])
    assert view.published is None and not view.out_of_date


def test_the_black_list_carries_the_main_deductions(admin: AppContext) -> None:
    units = _october(admin)
    save_ranking_rules(admin, RankingRules(red_count=1, black_count=2, veto_to_black=False))
    view = compute_ranking(admin, OCTOBER)
    by_unit = {row.unit_id: row for row in view.rows}
    assert by_unit[units[2]].listed == "black"
    assert by_unit[units[2]].main_deductions.split("\n") == [
        "乱堆乱放（扣10分）",
        "路面有垃圾（扣4分）",
        "河坡杂草（扣3分）",
    ]


def test_a_period_without_submitted_inspections_is_refused(admin: AppContext) -> None:
    units = unit_ids(admin)
    an_inspection(admin, units[0], date(2026, 10, 3), "90", status="draft")
    before = row_counts(admin)
    with pytest.raises(ValidationError, match="该期间没有已提交的检查，无法排名。"):
        compute_ranking(admin, OCTOBER)
    with pytest.raises(ValidationError, match="该期间没有已提交的检查"):
        publish_ranking(admin, OCTOBER)
    assert row_counts(admin) == before


def test_publish_freezes_an_edition_that_an_amendment_makes_out_of_date(
    admin: AppContext,
) -> None:
    units = _october(admin)
    first = publish_ranking(admin, OCTOBER, note="第一次发布")
    view = compute_ranking(admin, OCTOBER)
    assert view.published is not None and view.published.id == first
    assert view.published.edition == 1 and not view.out_of_date
    frozen = published_ranking(admin, first)
    assert [(r.unit_name, r.position, r.score) for r in frozen.rows] == [
        (r.unit_name, r.position, r.score) for r in view.rows
    ]
    assert audit_entries(admin, table_name="ranking")

    october_20 = _inspection_on(admin, units[0], date(2026, 10, 20))
    amend(admin, october_20, "100")
    view = compute_ranking(admin, OCTOBER)
    assert view.out_of_date
    assert {r.unit_id: r.score for r in view.rows}[units[0]] == Decimal("95.00")
    old = published_ranking(admin, first)
    assert old.out_of_date
    assert {r.unit_id: r.score for r in old.rows}[units[0]] == Decimal("85.00")

    second = publish_ranking(admin, OCTOBER)
    assert [row.edition for row in editions(admin, OCTOBER)] == [2, 1]
    assert not compute_ranking(admin, OCTOBER).out_of_date
    assert not published_ranking(admin, second).out_of_date
    assert published_ranking(admin, first).out_of_date


def _inspection_on(admin: AppContext, unit_id, day: date):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from jinsha_desktop.db.inspection_models import Inspection

    with admin.reading() as session:
        return session.scalar(
            select(Inspection.id).where(
                Inspection.unit_id == unit_id, Inspection.inspected_on == day
            )
        )


def test_rules_are_stored_with_the_ranking(admin: AppContext) -> None:
    _october(admin)
    rules = RankingRules(combine="lowest", red_count=2, black_below=Decimal("75"))
    save_ranking_rules(admin, rules)
    ranking_id = publish_ranking(admin, OCTOBER)
    save_ranking_rules(admin, RankingRules())
    frozen = published_ranking(admin, ranking_id)
    assert frozen.rules == rules.cleaned()
    with admin.reading() as session:
        stored = session.get(Ranking, ranking_id)
        assert stored is not None and RankingRules.from_json(stored.rules) == rules.cleaned()
        assert session.query(RankingEntry).filter_by(ranking_id=ranking_id).count() >= 4
    assert ranking_rules(admin) == RankingRules()


def test_bad_rules_are_refused_and_nothing_stored(admin: AppContext) -> None:
    with pytest.raises(FormErrors) as raised:
        save_ranking_rules(admin, RankingRules(red_count=-1, red_at_least=Decimal("120")))
    assert {e.field for e in raised.value.errors} == {"red_count", "red_at_least"}
    assert ranking_rules(admin) == RankingRules()


def test_notice_of_a_published_ranking(admin: AppContext) -> None:
    units = _october(admin)
    save_ranking_rules(admin, RankingRules(red_count=2, black_count=2))
    notice = notice_of(admin, publish_ranking(admin, OCTOBER))
    assert notice.period_label == "2026年10月" and notice.edition == 1
    assert "红黑榜" in notice.title and notice.issuer in notice.title
    assert [row.unit_id for row in notice.red] == [units[1], units[0]]
    assert [row.unit_id for row, _ in notice.black] == [units[2], units[3]]
    assert notice.black[0][1][0] == "乱堆乱放（扣10分）"
    assert notice.units == 4


def test_overdue_findings_cost_points_when_the_rules_say_so(admin: AppContext) -> None:
    units = _october(admin)
    a_finding(admin, units[1], date(2026, 10, 1), days=5)
    a_finding(
        admin, units[1], date(2026, 10, 2), days=5, status="closed", closed_on=date(2026, 10, 6)
    )
    a_finding(admin, units[1], date(2026, 10, 2), days=5, status="cancelled")
    plain = {r.unit_id: r for r in compute_ranking(admin, OCTOBER).rows}
    assert plain[units[1]].score == Decimal("95.00") and plain[units[1]].overdue == 1
    save_ranking_rules(admin, RankingRules(overdue_penalty=Decimal("12")))
    penalised = {r.unit_id: r for r in compute_ranking(admin, OCTOBER).rows}
    assert penalised[units[1]].score == Decimal("83.00")
    assert penalised[units[1]].penalty == Decimal("12.00")
    assert penalised[units[0]].position == 1


def test_a_clerk_cannot_publish_or_change_rules(admin: AppContext) -> None:
    _october(admin)
    clerk = logged_in_as(admin, "clerk", Role.CLERK)
    with pytest.raises(PermissionDenied):
        save_ranking_rules(clerk, RankingRules())
    with pytest.raises(PermissionDenied):
        publish_ranking(clerk, OCTOBER)


def test_trend_per_unit_over_months_and_quarters(admin: AppContext) -> None:
    from jinsha_desktop.services.rankings import trend

    units = _october(admin)
    an_inspection(admin, units[0], date(2026, 8, 1), "50")
    months = trend(admin, OCTOBER, count=3)
    assert months[units[0]] == [
        ("2026-08", Decimal("50.00")),
        ("2026-09", None),
        ("2026-10", Decimal("85.00")),
    ]
    assert months[units[3]] == [
        ("2026-08", None),
        ("2026-09", Decimal("99.00")),
        ("2026-10", Decimal("60.00")),
    ]
    assert set(months) == set(unit_ids(admin))
    quarters = trend(admin, Period.parse("2026Q4"), count=2, unit_ids=[units[1]])
    assert quarters == {units[1]: [("2026Q3", Decimal("70.00")), ("2026Q4", Decimal("95.00"))]}
    save_ranking_rules(admin, RankingRules(combine="latest"))
    latest = trend(admin, Period.parse("2026Q4"), count=2, unit_ids=[units[0]])
    assert latest == {units[0]: [("2026Q3", Decimal("50.00")), ("2026Q4", Decimal("80.00"))]}
    save_ranking_rules(admin, RankingRules(combine="lowest"))
    assert trend(admin, OCTOBER, count=1, unit_ids=[units[0]]) == {
        units[0]: [("2026-10", Decimal("80.00"))]
    }
    with pytest.raises(ValidationError):
        trend(admin, OCTOBER, count=0)


def test_latest_and_lowest_combine_in_the_database(admin: AppContext) -> None:
    units = _october(admin)
    an_inspection(admin, units[1], date(2026, 10, 5), "85")  # same day as its 95
    save_ranking_rules(admin, RankingRules(combine="latest"))
    latest = {r.unit_id: r for r in compute_ranking(admin, OCTOBER).rows}
    assert latest[units[0]].score == Decimal("80.00")
    assert latest[units[1]].score == Decimal("90.00") and latest[units[1]].inspections == 2
    save_ranking_rules(admin, RankingRules(combine="lowest"))
    lowest = {r.unit_id: r for r in compute_ranking(admin, OCTOBER).rows}
    assert lowest[units[0]].score == Decimal("80.00")
    assert lowest[units[1]].score == Decimal("85.00")


def test_a_deleted_inspection_does_not_count(admin: AppContext) -> None:
    from jinsha_desktop.db.inspection_models import Inspection

    units = _october(admin)
    ranking_id = publish_ranking(admin, OCTOBER)
    with admin.uow() as session:
        inspection = session.get(Inspection, _inspection_on(admin, units[0], date(2026, 10, 20)))
        assert inspection is not None
        inspection.deleted_at = admin.clock.now()
    view = compute_ranking(admin, OCTOBER)
    assert {r.unit_id: r.score for r in view.rows}[units[0]] == Decimal("90.00")
    assert view.out_of_date and published_ranking(admin, ranking_id).out_of_date


def test_the_previous_position_is_the_published_one(admin: AppContext) -> None:
    units = _october(admin)
    september = Period.parse("2026-09")
    publish_ranking(admin, september)
    # A later correction of September changes its ranking, not the positions October compares
    # with (the published list is what people saw).
    amend(admin, _inspection_on(admin, units[1], date(2026, 9, 9)), "100")
    rows = {r.unit_id: r for r in compute_ranking(admin, OCTOBER).rows}
    assert rows[units[3]].previous_position == 1 and rows[units[1]].previous_position == 2
    assert compute_ranking(admin, september).out_of_date


def test_a_finding_going_overdue_makes_the_published_list_out_of_date(admin: AppContext) -> None:
    units = _october(admin)
    ranking_id = publish_ranking(admin, OCTOBER)
    a_finding(admin, units[2], date(2026, 10, 10), days=5)
    assert published_ranking(admin, ranking_id).out_of_date
    assert compute_ranking(admin, OCTOBER).out_of_date


def test_the_penalty_follows_a_finding_through_the_findings_service(admin: AppContext) -> None:
    from jinsha_desktop.domain.findings import FindingInput, FindingSource, PartyInput
    from jinsha_desktop.services.findings import new_finding, recheck, rectify

    units = _october(admin)
    save_ranking_rules(admin, RankingRules(overdue_penalty=Decimal("5")))
    finding = new_finding(
        admin,
        FindingInput(
            FindingSource.RESIDENT,
            units[1],
            "河道边垃圾堆放",
            date(2026, 10, 8),
            date(2026, 10, 15),
            PartyInput(unit_id=units[1]),
            reporter_name="王芳",
        ),
    )
    overdue = {r.unit_id: r for r in compute_ranking(admin, OCTOBER).rows}[units[1]]
    assert (overdue.overdue, overdue.penalty, overdue.score) == (
        1,
        Decimal("5.00"),
        Decimal("90.00"),
    )
    rectify(admin, finding, date(2026, 10, 18), "已清运")
    recheck(admin, finding, True, date(2026, 10, 20), "已整改到位")
    # Closed before the month's end: no longer open and overdue on 31 October.
    closed = {r.unit_id: r for r in compute_ranking(admin, OCTOBER).rows}[units[1]]
    assert (closed.overdue, closed.score) == (0, Decimal("95.00"))
