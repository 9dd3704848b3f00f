"""Loading a record to change it (services/editing.py): missing, deleted and changed-meanwhile
records are refused with one message shape, by the helper and by the services that use it.

The PostgreSQL run of the same checks is tests/db/test_postgres_load_for_edit.py.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from jinsha_desktop.db.registration_models import RiskArea
from jinsha_desktop.domain.errors import NotFound, StaleRecord
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.risk import RiskAreaInput, RiskLevel
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.services import auth, registration, risk_areas
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.editing import load_for_edit
from tests.unit.support import a_checkpoint, add_user, resident_id

GONE = "找不到这个风险地区，可能已被删除。"
CHANGED = "这个风险地区刚被别人修改过，请关闭后重新打开再改。"


def load(context: AppContext, record_id: uuid.UUID, version: int | None) -> str:
    with context.reading() as session:
        return load_for_edit(session, RiskArea, record_id, version, "这个风险地区").name


def check_the_helper(context: AppContext) -> None:
    area = RiskAreaInput("上海市浦东新区", RiskLevel.HIGH, date(2026, 11, 20))
    area_id = risk_areas.save_risk_area(context, area)
    assert load(context, area_id, 1) == "上海市浦东新区"

    with pytest.raises(NotFound) as missing:
        load(context, uuid.uuid4(), 1)
    assert missing.value.message == GONE

    risk_areas.save_risk_area(context, area, "通报第 2 号", record_id=area_id, version=1)
    with pytest.raises(StaleRecord) as changed:
        load(context, area_id, 1)
    assert changed.value.message == CHANGED
    assert load(context, area_id, None) == "上海市浦东新区"  # reading: any version

    with pytest.raises(StaleRecord, match=CHANGED):  # the service refuses the old version
        risk_areas.save_risk_area(context, area, "", record_id=area_id, version=1)
    risk_areas.delete_risk_area(context, area_id, 2)
    for version in (2, None):
        with pytest.raises(NotFound, match=GONE):
            load(context, area_id, version)
    with pytest.raises(NotFound, match=GONE):
        risk_areas.delete_risk_area(context, area_id, 2)


def check_the_services(context: AppContext) -> None:
    """A registration and a user account go the same way: changed meanwhile, then gone."""
    visit = registration.register_visit(
        context,
        VisitInput(document_number=resident_id(), name="周超", checkpoint_id=a_checkpoint(context)),
    )
    with pytest.raises(StaleRecord) as changed:
        registration.delete_visit(context, visit.visit_id, "重复登记", 2)
    assert changed.value.message == "这条登记记录刚被别人修改过，请关闭后重新打开再改。"
    registration.delete_visit(context, visit.visit_id, "重复登记", 1)
    with pytest.raises(NotFound) as gone:
        registration.visit_for_edit(context, visit.visit_id)
    assert gone.value.message == "找不到这条登记记录，可能已被删除。"

    user = add_user(context, "zhangsan", Role.CLERK)
    with pytest.raises(StaleRecord) as stale_user:
        auth.update_user(context, user.id, auth.UserInput("zhangsan", "张三", Role.CLERK), 9)
    assert stale_user.value.message == "这个用户刚被别人修改过，请关闭后重新打开再改。"
    with pytest.raises(NotFound) as no_user:
        auth.set_active(context, uuid.uuid4(), False)
    assert no_user.value.message == "找不到这个用户，可能已被删除。"


def test_missing_deleted_and_changed_records_are_refused_on_sqlite(admin: AppContext) -> None:
    check_the_helper(admin)


def test_services_refuse_changed_and_gone_records_alike_on_sqlite(admin: AppContext) -> None:
    check_the_services(admin)
