"""The demo's repair work: residents' orders taken to every state, the campaign's orders
assigned, repaired with the parts their findings need and checked, and the photos taken on the
way. All through services/repair_orders.py, one step at a time, as the order form does it.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from jinsha_desktop.domain.repairs import EventKind, OrderInput, OrderSource, PartKind, PlaceInput
from jinsha_desktop.services import photos, registration, repair_orders
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.demo_photos import LIGHT, demo_photo
from jinsha_desktop.services.demo_places import BuildingPlace, Place, demo_phone, person_name

ELECTRICIANS = ("电工李师傅", "物业维修工周师傅", "社区电工陈建华")
CONTRACTORS = ("金沙水电维修部", "通州恒亮电器维修")
"""A contractor takes a compound and charges labour; the electricians work for no fee."""
WORKERS = ELECTRICIANS + CONTRACTORS
PROBLEMS = (
    "楼道灯不亮",
    "声控开关失灵，灯一直亮",
    "楼道灯闪烁",
    "单元门口灯坏了",
    "灯罩脱落",
    "楼道线路老化，有焦味",
    "楼梯间灯不亮，老人上下楼不便",
)
# What 40 residents' reports (per scale) came to: every state, two of them reopened.
STORIES = (
    ("checked", 12),
    ("repaired", 5),
    ("assigned", 6),
    ("reported", 7),
    ("rejected", 3),
    ("cancelled", 3),
    ("reopened", 2),
    ("reopened_checked", 2),
)
REJECTED = "非公共部位（住户室内灯具），已告知住户自行维修"
CANCELLED = "居民来电说明已自行修好"
REOPENED = "验收后三天又不亮了，重新派单"
SURVEY_LEFT_UNCHECKED = 0.05
"""Of the campaign's orders, this share is repaired but not yet checked."""
SURVEY_PHOTO_EVERY = 20
"""One campaign order in this many gets an after photo."""
WIRE_METRES = (3, 10)
"""Metres of wire per place with damaged wiring."""


class Photographer:
    """Takes the demo's photos and puts them in the store (services/photos.store_photo)."""

    def __init__(self, context: AppContext, rng: random.Random, scale: int = 1) -> None:
        self.folder = photos.photo_folder(context)
        self.now = context.clock.now()
        self.rng = rng
        self.scale = scale
        self.taken = 0

    def wanted(self, index: int, every: int) -> bool:
        """Whether the record `index` of a kind gets photos: one in `every` at scale 1, as
        many in all at a larger scale (a few hundred KB each: the folder stays tens of MB)."""
        return index % (every * self.scale) == 0

    def take(self, scene: str, after: bool, caption: str, at: datetime) -> photos.StoredPhoto:
        self.taken += 1
        # Some are stored sideways with the EXIF tag that turns them, as phones do.
        orientation = {0: 6, 3: 8, 7: 3}.get(self.taken % 10, 1)
        taken = min(at, self.now).astimezone()
        data = demo_photo(self.rng.getrandbits(32), scene, after, caption, taken, orientation)
        return photos.store_photo(self.folder, data, f"IMG_{taken:%Y%m%d_%H%M%S}.jpg")


@dataclass
class Steps:
    """An order's steps at times that move forward, never past now."""

    context: AppContext
    order_id: uuid.UUID
    at: datetime
    rng: random.Random

    def take(
        self,
        kind: EventKind,
        hours: tuple[float, float],
        *,
        assignee: str = "",
        note: str = "",
        photos_after: Sequence[photos.StoredPhoto] = (),
    ) -> None:
        """`kind`, some `hours` after the step before."""
        self.at = _before_now(
            self.context, self.rng, self.at + timedelta(hours=self.rng.uniform(*hours)), self.at
        )
        repair_orders.take_step(
            self.context,
            self.order_id,
            kind,
            self.at,
            assignee=assignee,
            note=note,
            photos_after=photos_after,
        )


def _before_now(
    context: AppContext, rng: random.Random, at: datetime, earliest: datetime | None = None
) -> datetime:
    """`at`, or a little before now when that is later (a step is never in the future), but
    never before `earliest` (the step before)."""
    latest = min(at, context.clock.now() - timedelta(minutes=rng.randint(5, 90)))
    return latest if earliest is None else max(latest, earliest)


def use_parts(
    context: AppContext,
    order_id: uuid.UUID,
    parts: Mapping[PartKind, uuid.UUID],
    counts: Mapping[PartKind, float],
) -> Counter[PartKind]:
    used: Counter[PartKind] = Counter()
    for kind, quantity in counts.items():
        if quantity and kind in parts:
            repair_orders.add_part(context, order_id, parts[kind], quantity)
            used[kind] += int(quantity)
    return used


@dataclass(frozen=True)
class ResidentReport:
    """A resident's report as planned: where, when, what, and how far its story goes."""

    story: str
    place: Place
    building: BuildingPlace
    unit: int | None
    floor: int
    reported: datetime
    problem: str
    parts: Mapping[PartKind, float]
    """What the repair used (none for a story that ends before the repair)."""
    parts_again: Mapping[PartKind, float]
    """What the repair after reopening used."""


def plan_residents(
    context: AppContext,
    rng: random.Random,
    scale: int,
    places: Sequence[Place],
    since: date,
) -> list[ResidentReport]:
    """Residents' reports since `since`, planned before anything is written (the survey's
    figures are the targets less what these use)."""
    stories = [story for story, count in STORIES for _ in range(count * scale)]
    rng.shuffle(stories)
    today = registration.today_of(context)
    reports = []
    still_open = 0
    for story in stories:
        place = rng.choice(places)
        building = rng.choice(place.buildings)
        if story in ("reported", "assigned", "repaired"):  # open: every other one overdue
            still_open += 1
            days_back = rng.randint(9, 30) if still_open % 2 else rng.randint(0, 5)
        else:
            days_back = rng.randint(3, (today - since).days)
        day = today - timedelta(days=days_back)
        at = datetime.combine(day, time(rng.randint(7, 20), rng.randint(0, 59))).astimezone()
        floor = rng.randint(1, building.floors)
        repaired = story not in ("reported", "rejected", "assigned", "cancelled")
        reports.append(
            ResidentReport(
                story,
                place,
                building,
                rng.randint(1, building.units) if building.units else None,
                floor,
                _before_now(context, rng, at),
                f"{floor}楼{rng.choice(PROBLEMS)}",
                _resident_parts(rng) if repaired else {},
                {PartKind.SWITCH: 1} if story == "reopened_checked" else {},
            )
        )
    return reports


def planned_parts(reports: Sequence[ResidentReport]) -> Counter[PartKind]:
    used: Counter[PartKind] = Counter()
    for report in reports:
        for counts in (report.parts, report.parts_again):
            used.update({kind: int(quantity) for kind, quantity in counts.items()})
    return used


def add_resident_orders(
    context: AppContext,
    rng: random.Random,
    reports: Sequence[ResidentReport],
    parts: Mapping[PartKind, uuid.UUID],
    camera: Photographer,
) -> None:
    """The planned reports, each taken as far as its story goes."""
    newest = max(reports, key=lambda report: report.reported, default=None)
    for index, report in enumerate(reports):
        shown = report is newest  # the top of the list: it shows what photos are
        story, place, building = report.story, report.place, report.building
        caption = f"{place.name} {building.name} {report.problem}"
        before = (
            (camera.take(LIGHT, False, caption, report.reported),)
            if camera.wanted(index, 4) or shown
            else ()
        )
        order_id = repair_orders.report_order(
            context,
            OrderInput(
                PlaceInput(place.id, building.id, report.unit, report.floor),
                report.problem,
                report.reported,
                OrderSource.RESIDENT,
                person_name(rng),
                demo_phone(rng),
            ),
            photos_before=before,
        )
        steps = Steps(context, order_id, report.reported, rng)
        if story == "reported":
            continue
        if story == "rejected":
            steps.take(EventKind.REJECT, (1, 20), note=REJECTED)
            continue
        steps.take(EventKind.ASSIGN, (1, 20), assignee=rng.choice(WORKERS))
        if story == "cancelled":
            steps.take(EventKind.CANCEL, (2, 30), note=CANCELLED)
            continue
        if story == "assigned":
            continue
        use_parts(context, order_id, parts, report.parts)
        after = (
            (camera.take(LIGHT, True, caption, steps.at),)
            if camera.wanted(index, 3) or shown
            else ()
        )
        steps.take(EventKind.REPAIR, (4, 72), photos_after=after)
        if story == "repaired":
            continue
        steps.take(EventKind.CHECK, (4, 48))
        if story.startswith("reopened"):
            steps.take(EventKind.REOPEN, (48, 96), note=REOPENED)
            if story == "reopened_checked":
                use_parts(context, order_id, parts, report.parts_again)
                steps.take(EventKind.REPAIR, (4, 48))
                steps.take(EventKind.CHECK, (4, 48))


def _resident_parts(rng: random.Random) -> dict[PartKind, float]:
    return {
        PartKind.BULB: rng.randint(1, 3),
        PartKind.SWITCH: 1 if rng.random() < 0.35 else 0,
        PartKind.OTHER: 1 if rng.random() < 0.15 else 0,
        PartKind.WIRE: rng.randint(2, 6) if rng.random() < 0.15 else 0,
    }


def work_on(
    context: AppContext,
    rng: random.Random,
    orders: Sequence[uuid.UUID],
    found: Mapping[uuid.UUID, Counter[str]],
    parts: Mapping[PartKind, uuid.UUID],
    camera: Photographer,
    ended: date,
) -> Counter[PartKind]:
    """The campaign's orders (per building or per compound): assigned after the walk, repaired
    with what their lines found, checked (a few still waiting for their check)."""
    used: Counter[PartKind] = Counter()
    start = datetime.combine(ended, time(9)).astimezone()
    for index, order_id in enumerate(orders):
        detail = repair_orders.order_detail(context, order_id)
        counts = found[detail.building_id or detail.compound_id]
        metres = sum(rng.randint(*WIRE_METRES) for _ in range(counts["wiring"]))
        worker = rng.choice(ELECTRICIANS if detail.building_id else CONTRACTORS)
        if detail.building_id is None:  # a contractor's compound: labour by the piece
            pieces = counts["bulbs"] + counts["switches"] + counts["splitters"]
            labour = Decimal(60 + 4 * pieces + 10 * counts["wiring"])
            repair_orders.update_order(
                context, order_id, detail.as_input(), labour_cost=labour, version=detail.version
            )
        steps = Steps(context, order_id, max(detail.reported_at, start), rng)
        steps.take(EventKind.ASSIGN, (1, 72), assignee=worker)
        wanted = {
            PartKind.BULB: counts["bulbs"],
            PartKind.SWITCH: counts["switches"],
            PartKind.SPLITTER: counts["splitters"],
            PartKind.WIRE: metres,
        }
        used.update(use_parts(context, order_id, parts, wanted))
        after: tuple[photos.StoredPhoto, ...] = ()
        if index % SURVEY_PHOTO_EVERY == 0:
            caption = f"{detail.compound_name} {detail.building_name or '各楼栋'} 楼道灯"
            after = (camera.take(LIGHT, True, caption, steps.at + timedelta(days=3)),)
        steps.take(EventKind.REPAIR, (24, 400), photos_after=after)
        if rng.random() >= SURVEY_LEFT_UNCHECKED:
            steps.take(EventKind.CHECK, (24, 120))
    return used
