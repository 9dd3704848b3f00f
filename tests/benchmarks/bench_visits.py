"""Visits list benchmarks on 1,000,000 visits: first paint, searches, one save (issue 4).

Every figure is the program's (the page, the service call) beside the raw query the list runs,
measured in the same child process: the SQL the service sent to SQLite, captured from the engine
and replayed with the sqlite3 module on the same file.

The database is the demo database (checkpoints, users) plus 1,000,000 visits of ~50,000 people
over 60 days, bulk-inserted with SQLAlchemy Core. It takes a minute or two to build and is kept
in the system temp folder (keyed by DATA_VERSION and the schema revision), so reruns reuse it;
each run works on a copy, so the saves measured here never change the cached file.

    python tests/benchmarks/run.py visits           # all of them
    python tests/benchmarks/bench_visits.py --child DB  # what the runner spawns (prints JSON)
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

if __name__ == "__main__":  # the child: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.support import (
    BENCH_DIR,
    PYTHON,
    Benchmark,
    BenchmarkError,
    Options,
    Result,
    Target,
    cached_database,
    child_env,
    child_result,
    fmt_seconds,
    median,
    run_child,
    spread,
)

DATA_VERSION = "visits-v1"
"""Change when the generated data changes: the cached database is rebuilt."""
VISITS = 1_000_000
PEOPLE = 50_000
DAYS = 60
SEED = 20_221_125
MARKER = "JINSHA-BENCH-VISITS"
BATCH = 20_000

# ---------------------------------------------------------------- realistic data

# Surnames by frequency (national figures, with Nantong's 顾, 施, 陆, 季, 缪 a little higher).
SURNAMES = (
    ("王", 71), ("李", 70), ("张", 66), ("刘", 54), ("陈", 45), ("杨", 31), ("黄", 22),
    ("赵", 20), ("吴", 20), ("周", 19), ("徐", 14), ("孙", 14), ("马", 12), ("朱", 12),
    ("胡", 11), ("郭", 11), ("何", 10), ("高", 9), ("林", 9), ("罗", 8), ("郑", 8),
    ("梁", 8), ("顾", 8), ("施", 7), ("陆", 7), ("季", 6), ("谢", 6), ("宋", 5), ("唐", 5),
    ("许", 5), ("韩", 5), ("冯", 4), ("邓", 4), ("曹", 4), ("缪", 3), ("范", 3), ("葛", 3),
)  # fmt: skip
GIVEN = (
    "建国秀英桂兰志强海燕伟芳敏静磊军洋勇艳杰娟涛明超霞平刚文博子涵雨轩浩然欣怡梓萱晓红春梅"
    "玉华金凤德福宝林云丽佳俊宇晨阳鹏飞慧琳婷颖斌凯鑫楠雪峰亮辉成荣新民爱琴小燕国庆卫东"
)
RARE_NAMES = ("𠮷祥", "𠮷庆", "䶮", "堃")
"""Extension A/B characters and rare ones: stored and searched like any other."""
ROADS = ("人民路", "新金路", "金余路", "通州大道", "城东路", "北山路", "兴仁路", "金北路")
VILLAGES = ("金余村", "新三园村", "城东村", "金北村", "五总村", "北山社区", "南山社区")
PURPOSES = ("探亲", "上班", "送货", "返乡", "就医", "办事", "走亲戚", "施工", "")
PLATE_PREFIXES = ("苏F", "苏F", "苏F", "苏E", "苏A", "沪A", "沪B", "浙A", "皖A")
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
PHONE_PREFIXES = ("13", "15", "18", "17", "19", "14", "16")


def _regions() -> list[tuple[str, str, int]]:
    """(code, full name, weight): Nantong's counties most often, Jiangsu next, then everywhere."""
    from jinsha_desktop.domain.regions import bundled_regions_path, load_regions

    picked = []
    for division in load_regions(bundled_regions_path()).divisions():
        code = division.code
        if code.endswith("00") or code[4:] == "01" or (division.valid_to or 9999) < 2015:
            continue
        weight = 400 if code.startswith("3206") else 40 if code.startswith("32") else 2
        picked.append((code, division.full, weight))
    return picked


REPO_ROOT_PATH = BENCH_DIR.parents[1]


def _check_digit(first17: str) -> str:
    # GB 11643-1999 (the product's domain.id_numbers.check_digit, inlined to stay import-light).
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


def _build_rows(database: Path, log: Any) -> None:
    """Add PEOPLE people and VISITS visits to a demo database, with Core inserts in batches,
    in one transaction, the visit indexes dropped during the load and created again after it.

    Benchmark data is not audited: the rows go around the ORM and its audit hooks (the audit
    chain verification of this database would list them as changed outside the program).
    """
    import json as _json
    import random
    import uuid
    from datetime import UTC, date, datetime, timedelta
    from decimal import Decimal

    from sqlalchemy import create_engine, event, insert, select, text

    from jinsha_desktop.db.models import Installation, User
    from jinsha_desktop.db.reference_models import Checkpoint
    from jinsha_desktop.db.registration_models import Person, Visit
    from jinsha_desktop.domain.pinyin import name_sort_key

    rng = random.Random(SEED)
    engine = create_engine(f"sqlite:///{database}")

    @event.listens_for(engine, "connect")
    def tune(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA cache_size=-262144")  # 256 MiB while loading
        dbapi_connection.execute("PRAGMA journal_mode=WAL")

    with engine.begin() as conn:
        checkpoints = list(
            conn.scalars(select(Checkpoint.id).where(Checkpoint.deleted_at.is_(None)))
        )
        installation = conn.scalar(select(Installation.id))
        admin = conn.scalar(select(User.id).where(User.username == "admin"))
        existing = set(conn.scalars(select(Person.document_number)))
    if not checkpoints:
        raise BenchmarkError("the demo database has no checkpoints")

    regions = _regions()
    codes = [r[0] for r in regions]
    weights = [r[2] for r in regions]
    names_of = {r[0]: r[1] for r in regions}
    surnames = [s for s, _w in SURNAMES]
    surname_weights = [w for _s, w in SURNAMES]
    now = datetime.now(UTC).replace(microsecond=0)

    people: list[dict[str, Any]] = []
    numbers: set[str] = set(existing)
    phones: set[str] = set()
    while len(people) < PEOPLE:
        region = rng.choices(codes, weights)[0]
        born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 70 * 365))
        sequence = rng.randrange(0, 1000)
        first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
        number = first17 + _check_digit(first17)
        if number in numbers:
            continue
        numbers.add(number)
        if rng.random() < 0.001:
            name = rng.choice(surnames[:8]) + rng.choice(RARE_NAMES)
        else:
            given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
            name = rng.choices(surnames, surname_weights)[0] + given
        phone = ""
        while not phone or phone in phones:
            phone = rng.choice(PHONE_PREFIXES) + f"{rng.randrange(0, 10**9):09d}"
        phones.add(phone)
        people.append(
            {
                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "document_type": "resident_id",
                "document_number": number,
                "name": name,
                "name_sort": name_sort_key(name),
                "gender": "male" if sequence % 2 else "female",
                "birth_date": born,
                "native_region_code": region,
                "phone": phone if rng.random() < 0.95 else "",
                "address": f"{rng.choice(VILLAGES)}{rng.randint(1, 30)}组{rng.randint(1, 80)}号",
                "plate": (
                    rng.choice(PLATE_PREFIXES)
                    + "".join(rng.choice(PLATE_LETTERS) for _ in range(5))
                    if rng.random() < 0.3
                    else ""
                ),
                "last_visit_at": None,
            }
        )
    log(f"{len(people):,} people generated; inserting {VISITS:,} visits")

    def visit(n: int) -> dict[str, Any]:
        person = people[int(len(people) * rng.random() ** 1.3)]  # some come often
        at = now - timedelta(seconds=rng.randrange(0, DAYS * 86400))
        if person["last_visit_at"] is None or person["last_visit_at"] < at:
            person["last_visit_at"] = at
        temperature = Decimal(rng.randint(360, 372)) / 10
        if rng.random() < 0.01:
            temperature = Decimal(rng.randint(373, 390)) / 10
        health = "green" if rng.random() < 0.97 else rng.choice(("yellow", "red"))
        star = rng.random() < 0.02
        flags = []
        if health != "green":
            flags.append(
                {
                    "code": "health_code",
                    "reason": f"健康码为{'黄' if health == 'yellow' else '红'}码",
                }
            )
        if star:
            flags.append({"code": "travel_star", "reason": "行程码带星号"})
        if temperature >= Decimal("37.3"):
            flags.append({"code": "fever", "reason": f"体温 {temperature}℃"})
        origin = names_of.get(person["native_region_code"], "") if rng.random() < 0.7 else ""
        if not origin:
            origin = names_of[rng.choices(codes, weights)[0]]
        route = [names_of[rng.choice(codes)] for _ in range(rng.choice((0, 0, 0, 1, 1, 2)))]
        return {
            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
            "created_at": at,
            "updated_at": at,
            "created_by": admin,
            "updated_by": admin,
            "installation_id": installation,
            "version": 1,
            "deleted_at": None,
            "person_id": person["id"],
            "checkpoint_id": checkpoints[n % len(checkpoints)],
            "visited_at": at,
            "direction": "in" if rng.random() < 0.55 else "out",
            "document_type": "resident_id",
            "document_number": person["document_number"],
            "person_name": person["name"],
            "person_name_sort": person["name_sort"],
            "phone": person["phone"],
            "origin_region_code": person["native_region_code"],
            "origin": origin,
            "route": _json.dumps(route, ensure_ascii=False),
            "destination_unit_id": None,
            "destination_compound_id": None,
            "destination_building_id": None,
            "destination_door": "",
            "destination_address": f"金沙镇{rng.choice(ROADS)}{rng.randint(1, 400)}号",
            "purpose": rng.choice(PURPOSES),
            "plate": person["plate"] if rng.random() < 0.8 else "",
            "companions": rng.choice((0, 0, 0, 1, 2)),
            "temperature": temperature,
            "health_code": health,
            "travel_code_star": star,
            "nucleic_test_date": (at - timedelta(days=rng.randint(0, 3))).date(),
            "nucleic_test_result": "negative",
            "notes": "",
            "flagged": bool(flags),
            "flag_reasons": _json.dumps(flags, ensure_ascii=False),
            "delete_reason": "",
        }

    started = time.perf_counter()
    visit_table = Visit.__table__
    with engine.begin() as conn:
        indexes = list(visit_table.indexes)  # type: ignore[attr-defined]
        for index in indexes:
            index.drop(conn)
        for first in range(0, VISITS, BATCH):
            conn.execute(insert(visit_table), [visit(n) for n in range(first, first + BATCH)])
            if first % 200_000 == 0:
                log(f"{first + BATCH:,} visits in {time.perf_counter() - started:.0f} s")
        log(f"visits inserted in {time.perf_counter() - started:.0f} s; creating indexes")
        for index in indexes:
            index.create(conn)
        stamp = {"created_at": now, "updated_at": now, "created_by": admin,
                 "updated_by": admin, "installation_id": installation, "version": 1}  # fmt: skip
        person_rows = [{k: v for k, v in p.items() if k != "plate"} | stamp for p in people]
        conn.execute(insert(Person.__table__), person_rows)
    with engine.connect() as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()
    log(f"database built in {time.perf_counter() - started:.0f} s")


def _cached_database(options: Options) -> Path:
    """The 1M-visit database, built once and kept in the system temp folder."""

    def build(building: Path) -> None:
        run_child(
            [PYTHON, str(BENCH_DIR / "prepare_demo.py"), str(building)],
            child_env(building.parent),
            timeout=300,
        )
        _build_rows(building, options.log)

    return cached_database(options, "visits", DATA_VERSION, f"{VISITS:,} visits", build)


# ---------------------------------------------------------------- the runner's side


def visits_benchmarks(options: Options) -> list[Result]:
    cached = options.shared("visits-db", lambda: _cached_database(options))
    data = options.workdir / "visits"
    data.mkdir(parents=True, exist_ok=True)
    database = data / "visits.sqlite3"
    shutil.copyfile(cached, database)
    repeat = options.repetitions(7)
    figures: dict[str, Any] = child_result(
        [PYTHON, str(Path(__file__).resolve()), "--child", str(database), str(repeat)],
        child_env(data),
        MARKER,
        timeout=900,
    )
    return _results(figures)


def _result(
    figures: dict[str, Any], key: str, metric: str, target: Target | None, *notes: str
) -> Result:
    item = figures[key]
    program, raw = item["program"], item.get("raw")
    lines = [f"program: {spread(program)}"]
    if raw:
        lines.append(f"raw: {spread(raw)}")
    lines.extend(notes)
    lines.extend(item.get("notes", []))
    return Result(
        "visits",
        metric,
        "s",
        median(program),
        median(raw) if raw else None,
        target,
        notes=lines,
    )


def _results(figures: dict[str, Any]) -> list[Result]:
    paint = Target(0.5, "value", strict=True, unit="s")
    search = Target(0.1, "value", strict=True, unit="s")
    save = Target(0.05, "value", strict=True, unit="s")
    size = f"{figures['visits']:,} visits, {figures['people']:,} people"
    results = [
        _result(
            figures,
            "first_paint",
            f"open the visits list: VisitsPage constructed, shown, first page painted ({size}; "
            "raw: the first page's SELECT with sqlite3)",
            paint,
        ),
        _result(
            figures,
            "first_paint_first",
            "the same, the first time in the process (SQLite's page cache cold, OS cache warm)",
            None,
        ),
    ]
    for key, label in figures["search_labels"].items():
        results.append(
            _result(
                figures,
                key,
                f"search {label}: visits_page() service call "
                "(raw: the SELECTs it sent, with sqlite3)",
                search,
            )
        )
    results.append(
        _result(
            figures,
            "save",
            "save one registration: register_visit() on the 1M database, new person "
            "(raw: one INSERT INTO visit + COMMIT with sqlite3, WAL, synchronous FULL)",
            save,
        )
    )
    for key, label in figures["extra_labels"].items():
        results.append(_result(figures, key, label, None))
    return results


BENCHMARKS = [
    Benchmark(
        "visits",
        "visits list on 1,000,000 visits: first paint < 0.5 s, searches < 0.1 s, save < 50 ms",
        visits_benchmarks,
    )
]


# ---------------------------------------------------------------- the child


class _Capture:
    """The statements the engine sends to SQLite, with their parameters as sent."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.statements: list[tuple[str, Any]] = []
        self.on = False
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if self.on:
            self.statements.append((statement, parameters))

    def during(self, fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, list[tuple[str, Any]]]:
        self.statements, self.on = [], True
        try:
            return fn(*args, **kwargs), self.statements
        finally:
            self.on = False

    @staticmethod
    def selects(statements: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """Every SELECT sent: the raw figure replays all the queries one service call ran."""
        found = [(s, p) for s, p in statements if s.lstrip().upper().startswith("SELECT")]
        if not found:
            raise BenchmarkError(f"no SELECT among {len(statements)} statements")
        return found


def _timed(fn: Any, repeat: int, warm: int = 1) -> list[float]:
    for _ in range(warm):
        fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def child(database: Path, repeat: int) -> dict[str, Any]:
    import random
    import sqlite3
    import uuid
    from datetime import timedelta

    from PySide6.QtCore import QCoreApplication, QEvent, QObject
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from jinsha_desktop.config import MachineConfig
    from jinsha_desktop.db.registration_models import Person, Visit
    from jinsha_desktop.domain.clock import FixedClock
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.domain.visit import VisitInput
    from jinsha_desktop.gui.context import GuiContext
    from jinsha_desktop.gui.look import apply_interface_scale, register_fonts
    from jinsha_desktop.gui.pages.checkpoint.people_page import PeoplePage
    from jinsha_desktop.gui.pages.checkpoint.visits_page import VisitsPage
    from jinsha_desktop.services import auth
    from jinsha_desktop.services.demo import DEMO_PASSWORD
    from jinsha_desktop.services.registration import register_visit
    from jinsha_desktop.services.setup import local_installation, open_database
    from jinsha_desktop.services.visit_lists import (
        VisitFilter,
        VisitSort,
        people_page,
        visits_page,
    )
    from jinsha_desktop.services.visit_summary import visit_summary

    app = QApplication([])
    apply_interface_scale(app, register_fonts(), "normal")
    opened = open_database(database, database.parent / "backups", FixedClock(_db_now(database)))
    clock = FixedClock(_db_now(database))
    context, _changed = local_installation(
        opened.database, clock, PasswordHashing(), MachineConfig()
    )
    admin = auth.login(context, "admin", DEMO_PASSWORD)
    gui = GuiContext(admin, opened, MachineConfig(), database.parent / "config.json")
    capture = _Capture(opened.database.engine)
    raw = sqlite3.connect(database, isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")

    def replay(selects: list[tuple[str, Any]]) -> Any:
        return lambda: [raw.execute(s, p).fetchall() for s, p in selects]

    def plans(selects: list[tuple[str, Any]]) -> list[str]:
        found = []
        for statement, parameters in selects:
            rows = raw.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            found.append("plan: " + " | ".join(row[-1] for row in rows))
        return found

    figures: dict[str, Any] = {"search_labels": {}, "extra_labels": {}}
    with opened.database.read_sessions() as session:
        figures["visits"] = session.scalar(select(func.count()).select_from(Visit))
        figures["people"] = session.scalar(select(func.count()).select_from(Person))
        sample = session.execute(
            select(Visit.document_number, Visit.person_name, Visit.phone, Visit.plate)
            .where(Visit.phone != "", Visit.plate != "")
            .order_by(Visit.visited_at.desc())
            .offset(5000)
            .limit(1)
        ).one()
        checkpoint_id = session.scalar(select(Visit.checkpoint_id).limit(1))

    # (a) the list opened: constructed, shown, first page painted
    class Painted(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                Painted.seen = True
            return False

    def open_list(make: Any = lambda: VisitsPage(gui)) -> tuple[float, float]:
        Painted.seen = False
        started = time.perf_counter()
        page = make()
        built = time.perf_counter()
        watcher = Painted(page)
        page.form.table.viewport().installEventFilter(watcher)
        page.resize(980, 700)
        page.show()
        deadline = time.perf_counter() + 30
        while not Painted.seen and time.perf_counter() < deadline:
            app.processEvents()
        ended = time.perf_counter()
        if not Painted.seen or page.model.rowCount() == 0:
            raise BenchmarkError(f"{type(page).__name__} was never painted with rows")
        page.close()
        page.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return ended - started, built - started

    (first, first_built), statements = capture.during(open_list)
    page_sql = [
        (s, p)
        for s, p in _Capture.selects(statements)
        if "ORDER BY visit.visited_at DESC" in s and "JOIN checkpoint" in s
    ]
    paints = [open_list() for _ in range(repeat)]
    figures["first_paint"] = {
        "program": [p for p, _b in paints],
        "raw": _timed(replay(page_sql), repeat),
        "notes": [
            f"of which VisitsPage() constructed (summary counts, checkpoints, settings, first "
            f"page fetched): {spread([b for _p, b in paints])}",
            f"statements run while opening: {len(statements)}",
            *plans(page_sql),
        ],
    }
    figures["first_paint_first"] = {"program": [first], "notes": [
        f"of which constructed: {fmt_seconds(first_built)}"]}  # fmt: skip

    # the people list, the same way (extra figures)
    def open_people() -> tuple[float, float]:
        return open_list(lambda: PeoplePage(gui))

    _timing, statements = capture.during(open_people)
    people_sql = [(s, p) for s, p in _Capture.selects(statements) if "FROM person" in s]
    people = [open_people() for _ in range(repeat)]
    figures["extra_labels"]["people_paint"] = (
        "open the people list: PeoplePage constructed, shown, first page painted "
        "(raw: its SELECT with sqlite3)"
    )
    figures["people_paint"] = {
        "program": [p for p, _b in people],
        "raw": _timed(replay(people_sql), repeat),
        "notes": plans(people_sql),
    }
    for key, descending in (("document_number", True), ("name", False)):
        _rows, statements = capture.during(people_page, admin, "", key, descending)
        sql = _Capture.selects(statements)
        name = f"people_sort_{key}"
        figures["extra_labels"][name] = (
            f"people list sorted by {key} {'descending' if descending else 'ascending'}: "
            "people_page() (raw: its SELECT with sqlite3)"
        )
        figures[name] = {
            "program": _timed(lambda k=key, d=descending: people_page(admin, "", k, d), repeat),
            "raw": _timed(replay(sql), repeat),
            "notes": plans(sql),
        }

    # (b)-(d) searches through the service, as the list runs them
    searches = {
        "search_id": ("by a whole ID number", sample.document_number),
        "search_name_surname": ('by name prefix, a common surname ("王", 7 % of people)', "王"),
        "search_name_two": (
            f'by name prefix, two characters ("{sample.person_name[:2]}")',
            sample.person_name[:2],
        ),
        "search_phone": ("by a whole mobile number", sample.phone),
        "search_phone_prefix": ("by phone prefix, 7 digits", sample.phone[:7]),
        "search_id_prefix": (
            "by ID number prefix, region + birth year (10 digits)",
            sample.document_number[:10],
        ),
        "search_id_region": ('by ID number prefix, a local region code ("320612")', "320612"),
        "search_plate_city": ('by plate prefix, the local city ("苏F")', "苏F"),
        "search_plate": ("by plate prefix, 4 characters", sample.plate[:4]),
    }
    for key, (label, text) in searches.items():
        flt = VisitFilter(text=text)
        rows, statements = capture.during(visits_page, admin, flt)
        sql = _Capture.selects(statements)
        figures["search_labels"][key] = label
        figures[key] = {
            "program": _timed(lambda flt=flt: visits_page(admin, flt), repeat),
            "raw": _timed(replay(sql), repeat),
            "notes": [f"{len(rows)} rows on the first page", *plans(sql)],
        }

    # extra figures: the next page deep in the list, every sort, filters, the summary strip
    deep = visits_page(admin, VisitFilter(), limit=5000)[-1]
    after = (deep.sort_value, deep.id)
    _rows, statements = capture.during(visits_page, admin, VisitFilter(), VisitSort(), after)
    sql = _Capture.selects(statements)
    figures["extra_labels"]["next_page"] = (
        "fetchMore: the 200 visits after the 5,000th (keyset) (raw: its SELECTs with sqlite3)"
    )
    figures["next_page"] = {
        "program": _timed(lambda: visits_page(admin, VisitFilter(), VisitSort(), after), repeat),
        "raw": _timed(replay(sql), repeat),
        "notes": plans(sql),
    }
    few = max(3, repeat // 2)
    for key in ("person_name", "document_number", "phone", "plate", "origin", "health_code",
                "direction"):  # fmt: skip
        for descending in (False, True):
            sort = VisitSort(key, descending)
            _rows, statements = capture.during(visits_page, admin, VisitFilter(), sort)
            sql = _Capture.selects(statements)
            name = f"sort_{key}_{'desc' if descending else 'asc'}"
            figures["extra_labels"][name] = (
                f"header click: first page sorted by {key} "
                f"{'descending' if descending else 'ascending'} (raw: its SELECTs with sqlite3)"
            )
            figures[name] = {
                "program": _timed(lambda sort=sort: visits_page(admin, VisitFilter(), sort), few),
                "raw": _timed(replay(sql), few),
                "notes": plans(sql),
            }
    today = clock.now().astimezone().date()
    filters = {
        "filter_today_flagged": ("filter: flagged only, today", VisitFilter(
            since=today, until=today, flagged=True)),
        "filter_checkpoint_week": ("filter: one checkpoint, last 7 days", VisitFilter(
            since=today - timedelta(days=6), checkpoint_id=checkpoint_id)),
        "filter_red_code": ("filter: red health code, all dates", VisitFilter(health_code="red")),
    }  # fmt: skip
    for key, (label, flt) in filters.items():
        _rows, statements = capture.during(visits_page, admin, flt)
        sql = _Capture.selects(statements)
        figures["extra_labels"][key] = f"{label}: first page (raw: its SELECTs with sqlite3)"
        figures[key] = {
            "program": _timed(lambda flt=flt: visits_page(admin, flt), few),
            "raw": _timed(replay(sql), few),
            "notes": plans(sql),
        }
    summary, statements = capture.during(visit_summary, admin)
    selects = _Capture.selects(statements)
    figures["extra_labels"]["summary"] = (
        "summary strip: visit_summary() (raw: its SELECTs with sqlite3)"
    )
    figures["summary"] = {
        "program": _timed(lambda: visit_summary(admin), repeat),
        "raw": _timed(replay(selects), repeat),
        "notes": [f"{summary.visits_today} visits today, {summary.flagged_today} flagged"]
        + [p for p in plans(selects) if "visit" in p],
    }

    # (e) one registration saved on the 1M database
    rng = random.Random(7)

    def new_person() -> VisitInput:
        first17 = f"320612{rng.randint(1950, 2005)}0{rng.randint(1, 9)}1{rng.randint(0, 9)}" + (
            f"{rng.randint(0, 999):03d}"
        )
        return VisitInput(
            document_number=first17 + _check_digit(first17),
            name="顾" + rng.choice(GIVEN) + rng.choice(GIVEN),
            phone=f"139{rng.randint(0, 10**8 - 1):08d}",
            origin="江苏省南通市崇川区",
            route=("上海市浦东新区",),
            plate="苏F" + "".join(rng.choice(PLATE_LETTERS) for _ in range(5)),
            temperature="36.5",
            health_code="green",
            travel_code_star=False,
            checkpoint_id=checkpoint_id,
        )

    _result_, statements = capture.during(register_visit, admin, new_person())
    inserts = [(s, p) for s, p in statements if s.lstrip().upper().startswith("INSERT INTO VISIT")]
    if not inserts:
        raise BenchmarkError("register_visit sent no INSERT INTO visit")
    insert_sql, insert_params = inserts[0]
    columns = insert_sql[insert_sql.index("(") + 1 : insert_sql.index(")")].split(",")
    id_position = [c.strip() for c in columns].index("id")

    def raw_insert() -> None:
        params = list(insert_params)
        params[id_position] = uuid.uuid4().hex
        raw.execute("BEGIN")
        raw.execute(insert_sql, params)
        raw.execute("COMMIT")

    saves = _timed(lambda: register_visit(admin, new_person()), repeat)
    figures["save"] = {
        "program": saves,
        "raw": _timed(raw_insert, repeat),
        "notes": [
            f"statements sent by one register_visit: {len(statements)} "
            f"({sum(1 for s, _p in statements if s.lstrip().upper().startswith('INSERT'))} "
            "INSERTs incl. the person and the audit entries)"
        ],
    }
    raw.close()
    opened.close()
    return figures


def _db_now(database: Path) -> Any:
    """The newest visit's time plus a minute: "now" for this database, however old the cache."""
    import sqlite3
    from datetime import UTC, datetime, timedelta

    with sqlite3.connect(database) as connection:
        newest = connection.execute("SELECT max(visited_at) FROM visit").fetchone()[0]
    connection.close()
    return datetime.fromisoformat(newest).replace(tzinfo=UTC) + timedelta(minutes=1)


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] != "--child":
        print(__doc__)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    figures = child(Path(argv[1]), int(argv[2]))
    print(MARKER + " " + json.dumps(figures, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
