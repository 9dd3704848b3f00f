"""The visits and people lists (services/visit_lists.py) and the summary above them
(services/visit_summary.py), on a real SQLite file, with visits saved by register_visit."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from jinsha_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from jinsha_desktop.domain.id_numbers import check_digit
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.reference import CheckpointInput
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.services import reference
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.monitoring import CaseInput, flagged_visit_person, open_case
from jinsha_desktop.services.registration import delete_visit, register_visit
from jinsha_desktop.services.visit_lists import (
    SORTS,
    VisitFilter,
    VisitRow,
    VisitSort,
    people_page,
    visits_page,
)
from jinsha_desktop.services.visit_summary import visit_summary
from tests.unit.support import audit_entries, changes_of, logged_in_as

# ---------------------------------------------------------------- helpers (also used by tests/gui)


def resident_id(sequence: int, birth: str = "19850312", region: str = "320612") -> str:
    """A valid 18-digit resident ID number (GB 11643 check digit computed)."""
    first17 = f"{region}{birth}{sequence % 1000:03d}"
    return first17 + check_digit(first17)


def add_checkpoints(admin: AppContext, *names: str) -> list[uuid.UUID]:
    unit = reference.list_units(admin)[0]
    return [
        reference.save_checkpoint(admin, unit.id, CheckpointInput(name, "人民路 1 号"))
        for name in names
    ]


def register(
    admin: AppContext, checkpoint_id: uuid.UUID, minutes_ago: float = 0, **fields: Any
) -> uuid.UUID:
    """Register one visit `minutes_ago` before the clock's now; returns its id."""
    now = admin.clock.now()
    values: dict[str, Any] = {
        "document_number": resident_id(1),
        "name": "张伟",
        "visited_at": now - timedelta(minutes=minutes_ago),
        "checkpoint_id": checkpoint_id,
        **fields,
    }
    return register_visit(admin, VisitInput(**values), confirm_duplicate=True).visit_id


NAMES = ("张伟", "王秀英", "李娜", "张伟", "刘洋", "陈静", "王芳", "𠮷祥", "赵磊", "王秀兰")
ORIGINS = ("上海市浦东新区", "江苏省南通市崇川区", "", "浙江省杭州市西湖区", "江苏省南通市崇川区")


@dataclass
class Sample:
    checkpoints: list[uuid.UUID]
    ids: list[uuid.UUID]


def register_sample(admin: AppContext, count: int = 30) -> Sample:
    """`count` visits with many equal sort values (names, origins, times in pairs, empty
    phones and plates), so that keyset paging must use the id to break ties."""
    checkpoints = add_checkpoints(admin, "北山社区1号卡点", "金余村1号卡点")
    ids = []
    for n in range(count):
        ids.append(
            register(
                admin,
                checkpoints[n % 2],
                minutes_ago=(n // 2) * 7,
                document_number=resident_id(n % 12),
                name=NAMES[n % len(NAMES)],
                phone="" if n % 5 == 0 else f"13{n % 3}1234{n % 7:04d}",
                plate="" if n % 3 == 0 else f"苏F{n % 4}234{n % 2}",
                origin=ORIGINS[n % len(ORIGINS)],
                health_code=("green", "green", "", "yellow")[n % 4],
                direction=("in", "out")[n % 2],
            )
        )
    return Sample(checkpoints, ids)


def every_person(context: AppContext, key: str, descending: bool, size: int) -> list[Any]:
    """The whole people list, walked page by page as the list model does."""
    rows: list[Any] = []
    after = None
    while True:
        page = people_page(context, "", key, descending, after, limit=size)
        rows.extend(page)
        if len(page) < size:
            return rows
        after = (page[-1].sort_value, page[-1].id)


def every_page(context: AppContext, flt: VisitFilter, sort: VisitSort, size: int) -> list[VisitRow]:
    rows: list[VisitRow] = []
    after = None
    while True:
        page = visits_page(context, flt, sort, after, size)
        rows.extend(page)
        if len(page) < size:
            return rows
        after = (page[-1].sort_value, page[-1].id)


# ---------------------------------------------------------------- searching


@pytest.fixture
def checkpoints(admin: AppContext) -> list[uuid.UUID]:
    return add_checkpoints(admin, "北山社区1号卡点", "金余村1号卡点")


@pytest.fixture
def three_people(admin: AppContext, checkpoints: list[uuid.UUID]) -> dict[str, uuid.UUID]:
    return {
        "zhang": register(
            admin,
            checkpoints[0],
            30,
            document_number=resident_id(11),
            name="张伟",
            phone="13812345678",
            plate="苏F12345",
        ),
        "wang": register(
            admin,
            checkpoints[1],
            20,
            document_number=resident_id(22, region="310115"),
            name="王秀英",
            phone="13998765432",
            plate="沪A88888",
        ),
        "rare": register(
            admin,
            checkpoints[0],
            10,
            document_number=resident_id(33, birth="19620704"),
            name="𠮷祥",
            phone="051386123456",
        ),
    }


def found(context: AppContext, text: str) -> set[uuid.UUID]:
    return {row.id for row in visits_page(context, VisitFilter(text=text))}


@pytest.mark.parametrize(
    ("text", "who"),
    [
        pytest.param(resident_id(11), {"zhang"}, id="whole-id-number"),
        pytest.param("310115", {"wang"}, id="id-number-prefix"),
        pytest.param(resident_id(33, birth="19620704")[:10], {"rare"}, id="id-prefix-birth-year"),
        pytest.param("张", {"zhang"}, id="surname"),
        pytest.param("王秀英", {"wang"}, id="whole-name"),
        pytest.param("𠮷", {"rare"}, id="rare-character-name"),
        pytest.param("13812345678", {"zhang"}, id="whole-mobile"),
        pytest.param("139", {"wang"}, id="mobile-prefix"),
        pytest.param("１３８１２", {"zhang"}, id="full-width-digits"),
        pytest.param("0513", {"rare"}, id="landline-area-code"),
        pytest.param("苏F", {"zhang"}, id="plate-prefix"),
        pytest.param("沪a88888", {"wang"}, id="plate-lower-case"),
        pytest.param("秀英", set(), id="name-not-a-substring-search"),
        pytest.param("  ", {"zhang", "wang", "rare"}, id="blank-shows-all"),
    ],
)
def test_one_box_searches_document_name_phone_and_plate(admin, three_people, text, who):
    assert found(admin, text) == {three_people[name] for name in who}


def test_filters_by_date_checkpoint_flag_and_health_code(admin, checkpoints):
    today = admin.clock.now().astimezone().date()
    yesterday_id = register(admin, checkpoints[0], 24 * 60, document_number=resident_id(1))
    flagged_id = register(
        admin, checkpoints[1], 5, document_number=resident_id(2), health_code="red"
    )
    green_id = register(
        admin, checkpoints[0], 3, document_number=resident_id(3), health_code="green"
    )

    def ids(**where: Any) -> set[uuid.UUID]:
        return {row.id for row in visits_page(admin, VisitFilter(**where))}

    yesterday = (admin.clock.now() - timedelta(days=1)).astimezone().date()
    assert ids(since=yesterday, until=yesterday) == {yesterday_id}
    assert ids(since=today) == {flagged_id, green_id}
    assert ids(until=today - timedelta(days=2)) == set()
    assert ids(checkpoint_id=checkpoints[1]) == {flagged_id}
    assert ids(flagged=True) == {flagged_id}
    assert ids(flagged=False) == {yesterday_id, green_id}
    assert ids(health_code="green") == {green_id}
    assert ids(health_code="red", checkpoint_id=checkpoints[0]) == set()
    row = visits_page(admin, VisitFilter(flagged=True))[0]
    assert row.flagged and "红码" in row.flag_reasons


# ---------------------------------------------------------------- keyset paging


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("key", sorted(SORTS))
def test_keyset_pages_continue_without_gaps_or_duplicates(admin, key, descending):
    sample = register_sample(admin)
    sort = VisitSort(key, descending)

    everything = visits_page(admin, VisitFilter(), sort, limit=1000)
    paged = every_page(admin, VisitFilter(), sort, size=4)

    assert sorted(row.id for row in everything) == sorted(sample.ids)
    assert [row.id for row in paged] == [row.id for row in everything]
    values = [row.sort_value for row in everything]
    assert values == sorted(values, reverse=descending)
    firsts = [value[0] if isinstance(value, tuple) else value for value in values]
    assert len(set(firsts)) < len(firsts), "the sample must have ties to break"


def test_names_sort_in_pinyin_order_and_one_names_visits_by_time(admin):
    checkpoint = add_checkpoints(admin, "北山社区1号卡点")[0]
    # By character code 何 (U+4F55) comes before 冯 (U+51AF) and 曾 before 陈; by sound not.
    for n, name, minutes_ago in [
        (0, "何伟", 5),
        (1, "冯伟", 50),
        (0, "何伟", 30),
        (2, "曾芳", 10),
        (3, "陈静", 20),
        (4, "𠮷祥", 1),
    ]:
        register(
            admin, checkpoint, minutes_ago=minutes_ago, document_number=resident_id(n), name=name
        )

    rows = every_page(admin, VisitFilter(), VisitSort("person_name", False), size=2)
    newest_first = every_page(admin, VisitFilter(), VisitSort("person_name", True), size=2)

    assert [row.person_name for row in rows] == ["陈静", "冯伟", "何伟", "何伟", "曾芳", "𠮷祥"]
    he = [row.visited_at for row in rows if row.person_name == "何伟"]
    assert he == sorted(he)  # one name's visits by time, in the direction of the sort
    assert [row.id for row in newest_first] == [row.id for row in reversed(rows)]
    people = people_page(admin, sort_key="name", descending=False)
    assert [p.name for p in people] == ["陈静", "冯伟", "何伟", "曾芳", "𠮷祥"]


def test_paging_a_search_continues_within_the_search(admin):
    register_sample(admin)
    flt = VisitFilter(text="王")
    sort = VisitSort("person_name", False)
    everything = visits_page(admin, flt, sort, limit=1000)
    assert len(everything) > 3
    assert {row.person_name[0] for row in everything} == {"王"}
    assert [r.id for r in every_page(admin, flt, sort, size=2)] == [r.id for r in everything]


def test_an_unknown_sort_key_falls_back_to_time(admin):
    register_sample(admin, count=6)
    rows = visits_page(admin, VisitFilter(), VisitSort("flag_reasons; drop table visit", True))
    by_time = visits_page(admin, VisitFilter(), VisitSort("visited_at", True))
    assert len(rows) == 6 and [row.id for row in rows] == [row.id for row in by_time]


# ---------------------------------------------------------------- personal data


def test_checkpoint_role_is_refused_full_numbers_and_sees_them_masked(admin, three_people):
    volunteer = logged_in_as(admin, "volunteer", Role.CHECKPOINT)
    before = len(audit_entries(admin, action="view_full"))

    with pytest.raises(PermissionDenied):
        visits_page(volunteer, VisitFilter(text="张"), full=True)
    rows = visits_page(volunteer, VisitFilter(text="张"))

    assert [row.document_number for row in rows] == ["320612********" + resident_id(11)[-4:]]
    assert [row.phone for row in rows] == ["138****5678"]
    assert len(audit_entries(admin, action="view_full")) == before
    people = people_page(volunteer, "张")
    assert [(p.document_number, p.phone) for p in people] == [
        ("320612********" + resident_id(11)[-4:], "138****5678")
    ]


def test_full_view_is_shown_only_when_asked_and_is_audited(admin, three_people):
    masked = visits_page(admin, VisitFilter(text="王"))
    assert masked[0].document_number.count("*") == 8
    assert audit_entries(admin, action="view_full") == []

    rows = visits_page(admin, VisitFilter(text="王"), full=True)

    assert rows[0].document_number == resident_id(22, region="310115")
    assert rows[0].phone == "13998765432"
    entries = audit_entries(admin, action="view_full")
    assert len(entries) == 1 and entries[0].table_name == "visit"
    assert entries[0].username == "admin"


def test_lists_need_a_login(context, admin, three_people):
    with pytest.raises(PermissionDenied):
        visits_page(context, VisitFilter())
    with pytest.raises(PermissionDenied):
        people_page(context)
    with pytest.raises(PermissionDenied):
        visit_summary(context)


# ---------------------------------------------------------------- soft delete


def test_soft_delete_with_reason_hides_the_row_and_is_audited(admin, three_people):
    row = visits_page(admin, VisitFilter(text="王秀英"))[0]

    delete_visit(admin, row.id, "重复登记，已核实", row.version)

    assert visits_page(admin, VisitFilter(text="王秀英")) == []
    assert three_people["wang"] not in {r.id for r in visits_page(admin, VisitFilter())}
    entry = audit_entries(admin, action="delete", record_id=str(row.id))
    assert len(entry) == 1 and entry[0].table_name == "visit"
    changes = changes_of(entry[0])
    assert changes["delete_reason"] == ["", "重复登记，已核实"]
    assert changes["deleted_at"][0] is None and changes["deleted_at"][1]


def test_deleting_needs_a_reason_and_the_current_version(admin, three_people):
    row = visits_page(admin, VisitFilter(text="张伟"))[0]
    with pytest.raises(ValidationError, match="删除原因"):
        delete_visit(admin, row.id, "  ", row.version)
    delete_visit(admin, row.id, "误登记", row.version)
    with pytest.raises(NotFound):
        delete_visit(admin, row.id, "误登记", row.version)


def test_checkpoint_role_cannot_delete(admin, three_people):
    volunteer = logged_in_as(admin, "volunteer", Role.CHECKPOINT)
    row = visits_page(volunteer, VisitFilter())[0]
    with pytest.raises(PermissionDenied):
        delete_visit(volunteer, row.id, "误登记", row.version)


# ---------------------------------------------------------------- people


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param("王", ["王秀英"], id="name-prefix"),
        pytest.param(resident_id(11), ["张伟"], id="id-number"),
        pytest.param("3201", [], id="id-prefix-no-match"),
        pytest.param("139987", ["王秀英"], id="phone-prefix"),
        pytest.param("", ["𠮷祥", "王秀英", "张伟"], id="all-latest-visit-first"),
    ],
)
def test_people_are_searched_by_document_name_or_phone(admin, three_people, text, names):
    assert [p.name for p in people_page(admin, text)] == names


def test_people_pages_continue_by_key(admin):
    register_sample(admin)
    for key in ("name", "document_number", "phone", "last_visit_at"):
        for descending in (False, True):
            everything = people_page(admin, "", key, descending, limit=1000)
            paged = every_person(admin, key, descending, size=5)
            assert len(everything) == 12
            assert [p.id for p in paged] == [p.id for p in everything], (key, descending)


# ---------------------------------------------------------------- summary


def test_summary_counts_today_per_checkpoint_flagged_and_monitoring(admin, checkpoints, clock):
    now = clock.now().astimezone()
    minutes_since_midnight = (now - now.replace(hour=0, minute=0, second=0)).total_seconds() / 60
    register(admin, checkpoints[0], 1, document_number=resident_id(1))
    register(admin, checkpoints[0], 2, document_number=resident_id(2), temperature="38.1")
    red = register(admin, checkpoints[1], 3, document_number=resident_id(3), health_code="red")
    register(
        admin,
        checkpoints[1],
        minutes_since_midnight + 5,
        document_number=resident_id(4),
        health_code="red",
    )  # yesterday: not counted
    deleted = register(admin, checkpoints[1], 4, document_number=resident_id(5))
    delete_visit(admin, deleted, "误登记", 1)
    open_case(admin, CaseInput(flagged_visit_person(admin, red), "健康码为红码", now.date()))

    summary = visit_summary(admin)

    assert summary.day == clock.now().astimezone().date()
    assert summary.visits_today == 3
    assert summary.flagged_today == 2
    assert summary.under_monitoring == 1
    counts = {row.name: row.visits for row in summary.per_checkpoint}
    assert counts == {"北山社区1号卡点": 2, "金余村1号卡点": 1}
    assert [row.name for row in summary.per_checkpoint][0] == "北山社区1号卡点"


def test_summary_of_an_empty_day(admin, checkpoints):
    summary = visit_summary(admin)
    assert (summary.visits_today, summary.flagged_today, summary.under_monitoring) == (0, 0, 0)
    assert {row.visits for row in summary.per_checkpoint} == {0}
    assert len(summary.per_checkpoint) == 2


def add_people_never_visited(admin: AppContext, count: int) -> None:
    """People as a roster import leaves them: on record, never registered at a checkpoint."""
    from jinsha_desktop.db.registration_models import Person

    with admin.uow() as session:
        for n in range(count):
            session.add(
                Person(
                    id=uuid.uuid4(),
                    document_type="resident_id",
                    document_number=resident_id(n, birth="19700101", region="320684"),
                    name=f"名单{n:03d}",
                )
            )


def test_people_never_visited_are_reached_by_paging(admin):
    checkpoint = add_checkpoints(admin, "北山社区1号卡点")[0]
    register(admin, checkpoint, document_number=resident_id(999, birth="19900101"), name="张伟")
    add_people_never_visited(admin, 250)

    everyone = every_person(admin, "last_visit_at", True, size=200)

    assert len(everyone) == len({p.id for p in everyone}) == 251
    assert everyone[0].name == "张伟"  # the one who visited first, the never-visited after
