"""`demo-data --scale N` beyond 5: the compounds of one unit must not repeat a name."""

from __future__ import annotations

import random

from jinsha_desktop.services import reference
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.demo import COMPOUND_STEMS, DemoSummary, _reference_data


def test_reference_data_at_a_scale_with_more_compounds_than_names(admin: AppContext) -> None:
    scale = len(COMPOUND_STEMS) // 2 + 1  # 2 × scale compounds per unit: more than the stems

    _reference_data(admin, random.Random(1), scale, DemoSummary())

    for unit in reference.list_units(admin):
        names = [c.name for c in reference.list_compounds(admin, unit.id)]
        assert len(names) == 2 * scale and len(set(names)) == len(names)


def test_demo_checks_stay_within_each_monitoring_period(admin: AppContext) -> None:
    from sqlalchemy import select

    from jinsha_desktop.db.registration_models import DailyCheck, MonitoringCase
    from jinsha_desktop.services.demo_registration import add_registrations

    _reference_data(admin, random.Random(7), 1, DemoSummary())
    for seed in (1, 2, 3):  # the service refuses a check after a period: none may be tried
        add_registrations(admin, random.Random(seed), 1, DemoSummary())

    with admin.reading() as session:
        checks = session.execute(
            select(DailyCheck.check_date, MonitoringCase.start_date, MonitoringCase.end_date).join(
                MonitoringCase, MonitoringCase.id == DailyCheck.case_id
            )
        ).all()
    assert checks and all(start <= day <= end for day, start, end in checks)
