"""`demo-data` for the old compounds (issue 13 §9): the figures come out of the records.

The demo database is written once for the module (through the services, at scale 1, with the
clock the GUI tests use); every check reads it back with plain SQL.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageOps

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.domain.repairs import DEFAULT_CLEANUP_CATEGORIES, Group, OrderStatus
from jinsha_desktop.services.demo import DemoSummary, write_demo_data
from jinsha_desktop.services.demo_photos import LIGHT, ORIENTATION, PARKING, demo_photo
from jinsha_desktop.services.demo_repairs import CLEANUP_TARGETS, PART_TARGETS
from jinsha_desktop.services.photo_files import original_path

NOW = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)
ISSUE_PARTS = {"bulb": 1937, "switch": 674, "splitter": 67}
ISSUE_CLEANUPS = {
    "乱堆乱放": 2831,
    "乱拉乱挂": 260,
    "毁绿占绿": 225,
    "私搭乱建": 17,
    "停车位施划": 215,
}
OVERDUE_DAYS = 7  # services/repair_settings.RepairSettings' default


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, passwords: PasswordHashing
) -> tuple[Path, DemoSummary]:
    folder = tmp_path_factory.mktemp("demo-repairs")
    path = folder / "demo.sqlite3"
    summary = write_demo_data(
        path, folder / "backups", 1, FixedClock(NOW), passwords, MachineConfig()
    )
    return path, summary


@pytest.fixture
def db(demo: tuple[Path, DemoSummary]) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(demo[0])) as connection:
        yield connection


def one(db: sqlite3.Connection, sql: str, *args: object) -> object:
    return db.execute(sql, args).fetchone()[0]


def test_the_targets_are_the_issues_figures() -> None:
    assert {kind.value: n for kind, n in PART_TARGETS.items()} == ISSUE_PARTS
    assert {name: spec[0] for name, spec in CLEANUP_TARGETS.items()} == ISSUE_CLEANUPS
    assert set(CLEANUP_TARGETS) == {name for name, _unit in DEFAULT_CLEANUP_CATEGORIES}


def test_parts_replaced_add_up_to_the_issues_figures(db: sqlite3.Connection) -> None:
    replaced = dict(
        db.execute(
            "SELECT p.part_kind, SUM(p.quantity) FROM repair_part p"
            " JOIN repair_order o ON o.id = p.order_id"
            " WHERE p.deleted_at IS NULL AND o.deleted_at IS NULL GROUP BY p.part_kind"
        ).fetchall()
    )

    for kind, figure in ISSUE_PARTS.items():
        assert abs(replaced[kind] - figure) <= 0.3 * figure, kind
        assert replaced[kind] == figure, kind  # spread exactly at scale 1
    assert replaced["wire"] > 0  # damaged wiring repaired by the metre
    # contractors charge labour for a compound's orders; the costs are of both
    assert one(db, "SELECT COUNT(*) FROM repair_order WHERE labour_cost > 0") > 0
    # every order's parts cost is its lines at the prices they were used at
    assert (
        one(
            db,
            "SELECT COUNT(*) FROM repair_order o WHERE ABS(o.parts_cost - (SELECT"
            " COALESCE(SUM(quantity * unit_price), 0) FROM repair_part WHERE order_id = o.id"
            " AND deleted_at IS NULL)) > 0.005",
        )
        == 0
    )


def test_clean_ups_add_up_to_the_issues_figures_in_every_category(
    db: sqlite3.Connection,
) -> None:
    done = {
        name: (total, records)
        for name, total, records in db.execute(
            "SELECT c.name, SUM(u.count), COUNT(*) FROM cleanup u"
            " JOIN cleanup_category c ON c.id = u.category_id"
            " WHERE u.deleted_at IS NULL GROUP BY c.name"
        )
    }

    assert set(done) == set(ISSUE_CLEANUPS)
    for name, figure in ISSUE_CLEANUPS.items():
        assert abs(done[name][0] - figure) <= 0.3 * figure, name
        assert done[name][0] == figure and done[name][1] > 1, name
    people = db.execute(
        "SELECT MIN(cadres), SUM(cadres), SUM(urban_officers), SUM(property_staff),"
        " SUM(volunteers) FROM cleanup"
    ).fetchone()
    assert people[0] >= 1 and all(n > 0 for n in people[1:])  # 共治共建共管


def test_orders_in_every_state_some_reopened_some_overdue(db: sqlite3.Connection) -> None:
    states = dict(db.execute("SELECT status, COUNT(*) FROM repair_order GROUP BY status"))
    reopened = one(db, "SELECT COUNT(DISTINCT order_id) FROM repair_event WHERE kind = 'reopen'")
    limit = (NOW - timedelta(days=OVERDUE_DAYS)).strftime("%Y-%m-%d %H:%M:%S")
    open_ = "status IN ('reported', 'assigned', 'repaired')"
    overdue = one(db, f"SELECT COUNT(*) FROM repair_order WHERE {open_} AND reported_at < ?", limit)
    recent = one(db, f"SELECT COUNT(*) FROM repair_order WHERE {open_} AND reported_at >= ?", limit)

    assert set(states) == {status.value for status in OrderStatus}
    assert reopened >= 2
    assert overdue > 0 and recent > 0
    assert dict(db.execute("SELECT source, COUNT(*) > 0 FROM repair_order GROUP BY source")) == {
        "resident": 1,
        "survey": 1,
    }
    # rejected and cancelled orders say why; nothing reported after the clock
    assert (
        one(
            db,
            "SELECT COUNT(*) FROM repair_event WHERE kind IN ('reject', 'cancel', 'reopen')"
            " AND note = ''",
        )
        == 0
    )
    assert one(db, "SELECT MAX(at) FROM repair_event") < NOW.strftime("%Y-%m-%d %H:%M:%S")


def test_order_numbers_are_unique_and_carry_the_installations_code(
    db: sqlite3.Connection,
) -> None:
    numbers = [n for (n,) in db.execute("SELECT number FROM repair_order")]
    codes = {number.split("-")[0] for number in numbers}

    assert len(numbers) == len(set(numbers)) > 200
    assert len(codes) == 1


def test_a_finished_campaign_over_91_compounds_all_surveyed_and_converted(
    db: sqlite3.Connection,
) -> None:
    (campaign_id, end) = db.execute("SELECT id, end_date FROM survey_campaign").fetchone()
    in_scope = one(db, "SELECT COUNT(*) FROM campaign_compound WHERE campaign_id = ?", campaign_id)
    surveyed = one(
        db,
        "SELECT COUNT(DISTINCT compound_id) FROM survey_line WHERE campaign_id = ?"
        " AND deleted_at IS NULL",
        campaign_id,
    )
    unconverted = one(
        db,
        "SELECT COUNT(*) FROM survey_line WHERE repair_order_id IS NULL"
        " AND bulbs + switches + splitters + wiring > 0",
    )
    groups = {g for (g,) in db.execute('SELECT DISTINCT "group" FROM campaign_member')}
    per_building = one(
        db,
        "SELECT COUNT(*) FROM repair_order WHERE campaign_id = ? AND building_id IS NOT NULL",
        campaign_id,
    )
    per_compound = one(
        db,
        "SELECT COUNT(*) FROM repair_order WHERE campaign_id = ? AND building_id IS NULL",
        campaign_id,
    )

    assert end < NOW.date().isoformat()
    assert in_scope == surveyed == 91
    assert unconverted == 0
    assert groups == {group.value for group in Group}
    assert per_building > 0 and per_compound > 0  # both ways of converting shown


def test_compounds_have_buildings_with_units_and_floors_some_managed(
    db: sqlite3.Connection,
) -> None:
    missing = one(
        db,
        "SELECT COUNT(*) FROM building WHERE unit_count IS NULL OR floor_count IS NULL"
        " OR unit_count < 1 OR floor_count < 1",
    )
    managed = one(db, "SELECT COUNT(*) FROM compound WHERE managed AND property_company <> ''")
    unmanaged = one(db, "SELECT COUNT(*) FROM compound WHERE NOT managed")

    assert missing == 0
    assert 0 < managed < unmanaged  # most old compounds have no property company


def test_photos_before_and_after_are_in_the_store_and_differ(
    demo: tuple[Path, DemoSummary], db: sqlite3.Connection
) -> None:
    store = demo[0].parent / "photos"
    links = db.execute(
        "SELECT l.record_table, l.role, p.sha256, p.suffix, p.size FROM photo_link l"
        " JOIN photo p ON p.sha256 = l.sha256 WHERE l.deleted_at IS NULL"
    ).fetchall()
    turned = 0
    for _table, _role, sha256, suffix, size in links:
        path = original_path(store, sha256, suffix)
        assert path.is_file() and path.stat().st_size == size
        assert 100_000 < size < 1_000_000  # a few hundred KB, like a phone's
        with Image.open(path) as image:
            turned += image.getexif().get(ORIENTATION, 1) != 1

    assert {(table, role) for table, role, *_ in links} == {
        ("repair_order", "before"),
        ("repair_order", "after"),
        ("cleanup", "before"),
        ("cleanup", "after"),
    }
    assert len({sha for *_, sha, _s, _n in links}) == len(links)  # one per record and role
    assert turned > 0
    assert one(db, "SELECT COUNT(*) FROM photo") == len(links) == demo[1].counts["photos"]


def test_the_property_staff_logged_the_work(db: sqlite3.Connection) -> None:
    staff = one(db, "SELECT display_name FROM app_user WHERE username = 'property'")
    by = {name for (name,) in db.execute("SELECT DISTINCT by_name FROM repair_event")}

    assert one(db, "SELECT role FROM app_user WHERE username = 'property'") == "property"
    assert by == {staff}


def test_the_summary_counts_what_the_database_holds(
    demo: tuple[Path, DemoSummary], db: sqlite3.Connection
) -> None:
    counts = demo[1].counts

    assert counts["compounds"] == one(db, "SELECT COUNT(*) FROM compound")
    assert counts["buildings"] == one(db, "SELECT COUNT(*) FROM building")
    assert counts["repair_orders"] == one(db, "SELECT COUNT(*) FROM repair_order")
    assert counts["cleanups"] == one(db, "SELECT COUNT(*) FROM cleanup")
    assert counts["survey_lines"] == one(db, "SELECT COUNT(*) FROM survey_line")
    assert counts["users"] == one(db, "SELECT COUNT(*) FROM app_user")


@pytest.mark.parametrize("orientation", [1, 3, 6, 8])
def test_a_generated_photo_shows_upright_whatever_its_exif_orientation(
    orientation: int,
) -> None:
    taken = datetime(2026, 11, 2, 10, 15)
    data = demo_photo(7, LIGHT, True, "金沙花苑 3幢", taken, orientation)

    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        upright = ImageOps.exif_transpose(image)
        assert exif.get(ORIENTATION, 1) == orientation
        assert exif.get_ifd(0x8769)[0x9003] == "2026:11:02 10:15:00"
    assert upright.size == (1280, 960)


def test_generated_photos_differ_per_record() -> None:
    taken = datetime(2026, 11, 2, 10, 15)
    first = demo_photo(1, PARKING, False, "金沙花苑 东门", taken)

    assert demo_photo(1, PARKING, False, "金沙花苑 东门", taken) == first
    assert demo_photo(2, PARKING, False, "金沙花苑 东门", taken) != first
    assert demo_photo(1, PARKING, True, "金沙花苑 东门", taken) != first


def test_the_demo_passes_the_audit_check(demo: tuple[Path, DemoSummary]) -> None:
    """Every record still has the digest its last audit entry recorded: an order's money
    columns default to Decimal("0") and read back as 0.00, and the digest must say 0.00."""
    from jinsha_desktop.services.audit_verify import verify_database
    from jinsha_desktop.services.setup import open_database

    opened = open_database(demo[0], demo[0].parent / "backups", FixedClock(NOW))
    try:
        report = verify_database(opened.database)
    finally:
        opened.close()

    assert report.first_broken is None
    assert report.tampered_records == []
