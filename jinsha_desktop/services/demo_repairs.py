"""Demo data of the old-compound module (issue 13 §9): the compounds a finished survey campaign
walked (91 of them, as in 金沙街道's two weeks), what it found, the repair orders that became of
it, residents' orders in every state, clean-ups in every category, and photos.

Everything goes through the module's services, as a person's work would; the figures come out
of the records. At scale 1 they are the issue's (1,937 bulbs, 674 switches, 67 splitters;
2,831 piles of clutter…): each target is spread over the records at random, so the sum is exact.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from jinsha_desktop.domain.cleanups import CleanupInput
from jinsha_desktop.domain.repairs import Group, PartKind
from jinsha_desktop.domain.surveys import CampaignInput, MemberInput, Per, SurveyLineInput
from jinsha_desktop.services import (
    auth,
    campaigns,
    cleanups,
    photos,
    registration,
    repair_catalogue,
    survey_lines,
)
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.demo_places import Place, campaign_places, demo_phone, person_name
from jinsha_desktop.services.demo_work import (
    Photographer,
    add_resident_orders,
    plan_residents,
    planned_parts,
    work_on,
)

if TYPE_CHECKING:
    from jinsha_desktop.services.demo import DemoSummary

STAFF = "property"
"""The demo user (物管/城管) who logs the survey, the orders and the clean-ups."""
CAMPAIGN_NAME = "老旧小区楼道灯排查"
CAMPAIGN_DAYS = 14
CAMPAIGN_ENDED_DAYS_AGO = 40
# The issue's figures: what 91 compounds' survey and clean-ups added up to (per scale).
PART_TARGETS = {PartKind.BULB: 1937, PartKind.SWITCH: 674, PartKind.SPLITTER: 67}
WIRING_PLACES = 140
"""Places with damaged wiring found (not among the issue's figures; repaired by the metre)."""
CLEANUP_TARGETS: dict[str, tuple[int, int, str]] = {
    # category: (total count, records, scene of its photos)
    "乱堆乱放": (2831, 150, "clutter"),
    "乱拉乱挂": (260, 60, "wires"),
    "毁绿占绿": (225, 45, "green"),
    "私搭乱建": (17, 12, "structure"),
    "停车位施划": (215, 14, "parking"),
}
CLEANUP_PLACES = (
    "东门车棚",
    "小区主干道",
    "北侧绿化带",
    "围墙边",
    "单元门口",
    "垃圾房旁",
    "南门口",
)
MEMBERS: tuple[tuple[Group, int], ...] = (
    (Group.CADRES, 4),
    (Group.URBAN_OFFICERS, 3),
    (Group.PROPERTY_STAFF, 3),
    (Group.VOLUNTEERS, 6),
)
CLEANUP_PHOTO_EVERY = 15
"""One clean-up in this many gets before/after photos (each a few hundred KB)."""


@dataclass
class SurveyPlan:
    """The lines typed per compound and what each building's lines found."""

    lines: dict[uuid.UUID, list[SurveyLineInput]] = field(default_factory=dict)
    found: dict[uuid.UUID, Counter[str]] = field(default_factory=dict)
    """Per building and per compound: bulbs, switches, splitters, wiring."""


def add_repairs(admin: AppContext, rng: random.Random, scale: int, summary: DemoSummary) -> None:
    """The compounds (the administrator's reference data), then the property staff's work."""
    from jinsha_desktop.services.demo import DEMO_PASSWORD

    today = registration.today_of(admin)
    places, added = campaign_places(admin, rng)
    context = auth.login(admin, STAFF, DEMO_PASSWORD)
    summary.counts["compounds"] = summary.counts.get("compounds", 0) + added[0]
    summary.counts["buildings"] = summary.counts.get("buildings", 0) + added[1]
    parts = {p.kind: p.id for p in reversed(repair_catalogue.list_parts(context))}
    camera = Photographer(context, rng, scale)
    end = today - timedelta(days=CAMPAIGN_ENDED_DAYS_AGO)
    start = end - timedelta(days=CAMPAIGN_DAYS - 1)
    residents = plan_residents(context, rng, scale, places, start)
    used = planned_parts(residents)
    campaign_id = _campaign(context, rng, places, start, end)
    plan = _survey_plan(rng, scale, places, start, end, used)
    orders: list[uuid.UUID] = []
    # The pilot community's sheets were typed and converted first, an order per building (its
    # electricians work building by building); the others' then, an order per compound.
    for per, pilot in ((Per.BUILDING, True), (Per.COMPOUND, False)):
        for place in places:
            if place.per_building is pilot:
                survey_lines.save_survey(context, campaign_id, place.id, plan.lines[place.id])
        orders += survey_lines.convert_findings(context, campaign_id, per)
    survey_parts = work_on(context, rng, orders, plan.found, parts, camera, end)
    add_resident_orders(context, rng, residents, parts, camera)
    cleanups_made = _cleanups(context, rng, scale, places, campaign_id, start, today, camera)
    summary.counts.update(
        campaigns=1,
        survey_lines=sum(len(lines) for lines in plan.lines.values()),
        repair_orders=len(orders) + len(residents),
        cleanups=cleanups_made,
        photos=camera.taken,
        bulbs=survey_parts[PartKind.BULB] + used[PartKind.BULB],
    )


def _campaign(
    context: AppContext, rng: random.Random, places: list[Place], start: date, end: date
) -> uuid.UUID:
    members = tuple(
        MemberInput(person_name(rng), group, demo_phone(rng))
        for group, count in MEMBERS
        for _ in range(count)
    )
    return campaigns.save_campaign(
        context,
        CampaignInput(
            CAMPAIGN_NAME,
            start,
            end,
            tuple(place.id for place in places),
            members,
            "共治共建共管：机关社区干部、城管队员、物管人员、志愿者分组走访，逐栋逐单元排查。",
        ),
    )


def _survey_plan(
    rng: random.Random,
    scale: int,
    places: list[Place],
    start: date,
    end: date,
    used: Counter[PartKind],
) -> SurveyPlan:
    """One line per building and unit, the targets less what residents' orders used spread
    over them (a unit in four finds nothing; the others as weighted at random)."""
    rows = [
        (place, building, unit)
        for place in places
        for building in place.buildings
        for unit in (range(1, building.units + 1) if building.units else (0,))
    ]
    weights = [0.0 if rng.random() < 0.25 else rng.expovariate(1.0) for _ in rows]
    totals = {
        "bulbs": PART_TARGETS[PartKind.BULB] * scale - used[PartKind.BULB],
        "switches": PART_TARGETS[PartKind.SWITCH] * scale - used[PartKind.SWITCH],
        "splitters": PART_TARGETS[PartKind.SPLITTER] * scale - used[PartKind.SPLITTER],
        "wiring": WIRING_PLACES * scale,
    }
    spread = {key: _spread(rng, max(0, total), weights) for key, total in totals.items()}
    days = (end - start).days
    walked = {
        place.id: start + timedelta(days=index * (days + 1) // len(places))
        for index, place in enumerate(places)
    }
    plan = SurveyPlan()
    for index, (place, building, unit) in enumerate(rows):
        counts = {key: values[index] for key, values in spread.items()}
        other = "楼道窗玻璃破损" if rng.random() < 0.03 else ""
        line = SurveyLineInput(
            building.id, unit, other=other, surveyed_on=walked[place.id], **counts
        )
        plan.lines.setdefault(place.id, []).append(line)
        plan.found.setdefault(building.id, Counter()).update(counts)
        plan.found.setdefault(place.id, Counter()).update(counts)
    return plan


def _spread(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """`total` split into len(weights) whole counts, each drawn by its weight: the sum exact."""
    counts = [0] * len(weights)
    if total and any(weights):
        for index in rng.choices(range(len(weights)), weights=weights, k=total):
            counts[index] += 1
    return counts


def _cleanups(
    context: AppContext,
    rng: random.Random,
    scale: int,
    places: list[Place],
    campaign_id: uuid.UUID,
    start: date,
    today: date,
    camera: Photographer,
) -> int:
    """Clean-ups in every category, a day's sheet per unit of work: most during the campaign,
    the rest in the weeks after."""
    categories = {c.name: c.id for c in repair_catalogue.list_cleanup_categories(context)}
    planned: list[tuple[CleanupInput, str, str]] = []
    days: dict[date, list[cleanups.CleanupEntry]] = {}
    for name, (target, records, scene) in CLEANUP_TARGETS.items():
        if name not in categories:
            continue  # the administrator renamed a default category: nothing to attach to
        records = min(records * scale, target * scale)
        counts = [
            1 + extra
            for extra in _spread(
                rng, target * scale - records, [rng.expovariate(1.0) for _ in range(records)]
            )
        ]
        for count in counts:
            place = rng.choice(places)
            in_campaign = rng.random() < 0.7
            day = start + timedelta(
                days=rng.randrange(CAMPAIGN_DAYS if in_campaign else (today - start).days)
            )
            building = rng.choice(place.buildings) if rng.random() < 0.4 else None
            where = "楼北侧" if building is not None else rng.choice(CLEANUP_PLACES)
            data = CleanupInput(
                categories[name],
                place.id,
                count,
                day,
                building_id=building.id if building is not None else None,
                campaign_id=campaign_id if in_campaign else None,
                place=where,
                cadres=rng.randint(1, 4),
                urban_officers=rng.randint(0, 3),
                property_staff=rng.randint(0, 2) if place.managed else 0,
                volunteers=rng.randint(0, 8),
            )
            planned.append((data, scene, f"{place.name} {where} {name}"))
    latest = max((d.done_on for d, _scene, _caption in planned if d.done_on), default=None)
    for index, (data, scene, caption) in enumerate(planned):
        assert data.done_on is not None
        before: tuple[photos.StoredPhoto, ...] = ()
        after: tuple[photos.StoredPhoto, ...] = ()
        # some with photos, the newest among them (the top of the list shows what they are)
        if camera.wanted(index, CLEANUP_PHOTO_EVERY) or data.done_on == latest:
            at = datetime.combine(data.done_on, time(rng.randint(8, 11), rng.randint(0, 59)))
            before = (camera.take(scene, False, caption, at.astimezone()),)
            later = at.astimezone() + timedelta(hours=rng.randint(2, 6))
            after = (camera.take(scene, True, caption, later),)
        days.setdefault(data.done_on, []).append(cleanups.CleanupEntry(data, before, after))
    for day in sorted(days):
        cleanups.record_cleanups(context, days[day])
    return len(planned)
