"""Demo data of the village-inspection module (issue 14 §7): a year of monthly inspections of
every village (the rural living-environment checklist) and community (the civilised-city one),
the rural checklist edited mid-year (version 2 used after), findings in every state from all
three sources, published red/black lists for the past months, and one correction made after
its month was published (the ranking page shows it out of date).

Everything goes through the module's services, as the inspectors' and clerks' work would; the
random choices come from the demo's seeded generator, so every run writes the same records.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from jinsha_desktop.domain.checklist_defaults import CIVIL_TITLE, RURAL_TITLE
from jinsha_desktop.domain.findings import FindingInput, FindingSource, PartyInput
from jinsha_desktop.domain.inspection_input import AnswerInput, InspectionInput
from jinsha_desktop.domain.inspections import PlaceKind
from jinsha_desktop.domain.rankings import Period
from jinsha_desktop.domain.reference import UnitKind
from jinsha_desktop.services import checklists, findings, inspections, rankings, reference
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.demo_places import demo_phone, person_name
from jinsha_desktop.services.registration import today_of

if TYPE_CHECKING:
    from jinsha_desktop.services.demo import DemoSummary

MONTHS = 12
INSPECTORS = ("周建华", "吴海燕", "钱立新", "孙卫国", "郑晓梅")
MODEL_VILLAGE = "城东村"
"""Made the pond in front of its village office the model (issue 14): the fewest deductions."""
PATROLS = ("城管中队", "环卫所", "水利站", "建设管理所")
PATROL_PROBLEMS = (
    ("河坡乱种菜、堆放杂物", PlaceKind.OTHER, "河坡"),
    ("沟渠水面漂浮垃圾", PlaceKind.OTHER, "村南沟渠"),
    ("路边绿化带毁绿种菜", PlaceKind.ROAD, "村道两侧"),
    ("建筑垃圾未及时清运", PlaceKind.SITE, "在建工地北侧"),
)
RESIDENT_PROBLEMS = (
    ("小区垃圾桶满溢无人清运", PlaceKind.COMPOUND),
    ("楼道堆放杂物堵塞通道", PlaceKind.COMPOUND),
    ("房前屋后乱堆柴草", PlaceKind.UNIT),
    ("水塘边有人焚烧垃圾", PlaceKind.UNIT),
)
EDIT_NOTE = "年中修订：水塘沟渠一项加重扣分，增加“河坡杂物”检查项。"


@dataclass(frozen=True)
class Unit:
    id: uuid.UUID
    name: str
    village: bool
    care: float
    """How often problems are found there (times a base rate; 城东村 the lowest)."""


def add_inspections(
    admin: AppContext, rng: random.Random, _scale: int, summary: DemoSummary
) -> None:
    """The module's demo contributor (services/demo.py): the same year at every scale."""
    summary.counts.update(add_demo_inspections(admin, today_of(admin), rng))


def add_demo_inspections(context: AppContext, today: date, rng: random.Random) -> dict[str, int]:
    """A year of inspections up to `today`, their findings and the published rankings; returns
    what was added, by kind."""
    templates = {t.name: t.id for t in checklists.list_templates(context)}
    if RURAL_TITLE not in templates or CIVIL_TITLE not in templates:
        return {}  # the administrator renamed or removed a default checklist: nothing to use
    units = _units(context, rng)
    departments = {d.name: d.id for d in checklists.list_departments(context)}
    first = Period.containing("month", today)
    months = Period.last(MONTHS, first)
    counts = {"inspections": 0, "findings": 0, "rankings": 0}
    answers_found: list[tuple[uuid.UUID, Unit, date, str]] = []
    for number, month in enumerate(months):
        if number == MONTHS // 2:
            _edit_rural_checklist(context, templates[RURAL_TITLE])
        for unit in units:
            template = templates[RURAL_TITLE if unit.village else CIVIL_TITLE]
            visits = 2 if rng.random() < 0.15 else 1  # a re-inspection now and then
            for visit in range(visits):
                day = _day_in(month, today, rng, visit)
                if day is None:
                    continue
                found = _inspect(context, rng, template, unit, day, improving=number / MONTHS)
                counts["inspections"] += 1
                answers_found += [(answer, unit, day, text) for answer, text in found]
    counts["findings"] += _findings_of_inspections(context, rng, answers_found, departments, today)
    counts["findings"] += _patrol_and_resident_findings(
        context, rng, units, departments, months, today
    )
    published = [m for m in months if m.end < today]
    for month in published:
        rankings.publish_ranking(context, month, note="演示数据")
        counts["rankings"] += 1
    quarter = Period.containing("quarter", today).previous()
    rankings.publish_ranking(context, quarter, note="演示数据")
    counts["rankings"] += 1
    if published:
        _amend_one(context, published[-1])
    _leave_a_draft(context, templates[RURAL_TITLE], units, today)
    return counts


def _units(context: AppContext, rng: random.Random) -> list[Unit]:
    units = []
    for row in reference.list_units(context):
        care = 0.3 if row.name == MODEL_VILLAGE else rng.uniform(0.6, 1.6)
        units.append(Unit(row.id, row.name, row.kind == UnitKind.VILLAGE, care))
    return units


def _day_in(month: Period, today: date, rng: random.Random, visit: int) -> date | None:
    """A working day of the month (the second visit in its second half); never after today."""
    last = min(month.end, today)
    if last < month.start:
        return None
    span = (last - month.start).days
    day = month.start + timedelta(days=rng.randint(span // 2 if visit else 0, span))
    while day.weekday() >= 5 and day > month.start:
        day -= timedelta(days=1)
    return day


def _edit_rural_checklist(context: AppContext, template_id: uuid.UUID) -> None:
    """Mid-year the administrator weighs the ponds and ditches more and adds an item: version 2
    (the version in use is frozen); the inspections before it keep version 1's texts."""
    content, _number = checklists.template_content(context, template_id)
    sections = list(content.sections)
    first = sections[0]
    items = list(first.items)
    items[0] = replace(items[0], points=items[0].points + 1, cap=items[0].cap + 2)
    code = f"{first.items[0].code.split('.')[0]}.{len(items) + 1}" if first.items[0].code else ""
    items.append(
        replace(items[-1], code=code, text="河坡堆放杂物、乱种菜", veto=False, na_allowed=True)
    )
    sections[0] = replace(first, items=tuple(items), cap=None)
    checklists.save_template(
        context, template_id, replace(content, sections=tuple(sections), note=EDIT_NOTE)
    )


def _inspect(
    context: AppContext,
    rng: random.Random,
    template_id: uuid.UUID,
    unit: Unit,
    day: date,
    improving: float,
) -> list[tuple[uuid.UUID, str]]:
    """One inspection walked and submitted; the answers that lost points (id, item text)."""
    inspectors = "、".join(rng.sample(INSPECTORS, 2))
    inspection_id = inspections.new_inspection(
        context,
        InspectionInput(template_id, unit.id, day, PlaceKind.UNIT, inspectors=inspectors),
    )
    detail = inspections.inspection_detail(context, inspection_id)
    rate = 0.16 * unit.care * (1.1 - 0.4 * improving)  # most units get better over the year
    answers = []
    lost = []
    for row in detail.answers:
        if row.na_allowed and rng.random() < 0.08:
            answers.append(AnswerInput(row.id, 0, not_applicable=True))
            continue
        occurrences = 0
        if row.veto:
            occurrences = 1 if rng.random() < 0.004 * unit.care else 0
        elif not row.photo_required:
            occurrences = sum(1 for _ in range(3) if rng.random() < rate)
        answers.append(AnswerInput(row.id, occurrences))
        if occurrences:
            lost.append((row.id, row.text))
    inspections.save_answers(context, inspection_id, answers)
    inspections.submit_inspection(context, inspection_id)
    return lost


def _findings_of_inspections(
    context: AppContext,
    rng: random.Random,
    found: list[tuple[uuid.UUID, Unit, date, str]],
    departments: dict[str, uuid.UUID],
    today: date,
) -> int:
    """A finding for some of the last months' deductions, each taken as far as its age allows."""
    recent = [f for f in found if (today - f[2]).days <= 120]
    chosen = [f for f in recent if rng.random() < 0.35]
    helpers = [d for name, d in departments.items() if name in PATROLS] or list(
        departments.values()
    )
    made = 0
    for answer_id, unit, day, text in chosen:
        deadline = day + timedelta(days=rng.choice((7, 10, 15)))
        finding_id = findings.finding_from_answer(
            context,
            answer_id,
            FindingInput(
                FindingSource.INSPECTION,
                unit.id,
                text,
                day,
                deadline,
                PartyInput(unit_id=unit.id),
                (PartyInput(department_id=rng.choice(helpers)),) if helpers else (),
            ),
        )
        _follow(context, rng, finding_id, day, deadline, today)
        made += 1
    return made


def _follow(
    context: AppContext,
    rng: random.Random,
    finding_id: uuid.UUID,
    found_on: date,
    deadline: date,
    today: date,
) -> None:
    """The unit's work and the inspector's re-checks, as far as the finding's age allows: an
    old one closed (some after a failed re-check), a recent one waiting, some overdue."""
    age = (today - found_on).days
    if age < 5 or rng.random() < 0.12:
        return  # still open (overdue when its deadline has passed)
    done = found_on + timedelta(days=rng.randint(2, min(age - 1, (deadline - found_on).days + 4)))
    if done >= today:
        return
    findings.rectify(context, finding_id, done, "已组织清理整改。")
    check = done + timedelta(days=rng.randint(1, 3))
    if check >= today or rng.random() < 0.15:
        return  # waiting for the re-check
    if rng.random() < 0.2:
        again = check + timedelta(days=7)
        findings.recheck(context, finding_id, False, check, "整改不到位，仍有残留。", again)
        redone = check + timedelta(days=rng.randint(2, 6))
        if redone >= today:
            return
        findings.rectify(context, finding_id, redone, "已彻底清理。")
        check = redone + timedelta(days=1)
        if check >= today:
            return
    findings.recheck(context, finding_id, True, check, "复查合格，予以销号。", None)


def _patrol_and_resident_findings(
    context: AppContext,
    rng: random.Random,
    units: list[Unit],
    departments: dict[str, uuid.UUID],
    months: list[Period],
    today: date,
) -> int:
    """Department patrols' and residents' findings of the last half year, one cancelled, and
    one about a compound's broken door (the finding page offers to make it a repair order)."""
    compounds = reference.list_compounds(context)
    made = 0
    in_compound = cancelled = False
    for month in months[-6:]:
        for source in (FindingSource.PATROL, FindingSource.RESIDENT) * 2:
            day = _day_in(month, today, rng, 0)
            if day is None:
                continue
            unit = rng.choice(units)
            if source is FindingSource.RESIDENT and not in_compound and (today - day).days < 40:
                # a resident's report of a compound's broken facility
                unit = next((u for u in units if any(c.unit_id == u.id for c in compounds)), unit)
            in_unit = [c for c in compounds if c.unit_id == unit.id]
            if source is FindingSource.PATROL:
                problem, kind, place = rng.choice(PATROL_PROBLEMS)
                patrol = rng.choice(PATROLS)
                data = FindingInput(
                    source, unit.id, problem, day, day + timedelta(days=10),
                    PartyInput(unit_id=unit.id), _helpers(departments, patrol),
                    place_kind=kind, place=place, patrol=patrol,
                )  # fmt: skip
            else:
                problem, kind = rng.choice(RESIDENT_PROBLEMS)
                if not in_compound and in_unit and (today - day).days < 40:
                    problem, kind = "单元门禁损坏，无法关闭", PlaceKind.COMPOUND
                compound = rng.choice(in_unit) if kind is PlaceKind.COMPOUND and in_unit else None
                data = FindingInput(
                    source, unit.id, problem, day, day + timedelta(days=7),
                    PartyInput(unit_id=unit.id), _helpers(departments, "物业公司"),
                    place_kind=kind if compound or kind is PlaceKind.UNIT else PlaceKind.UNIT,
                    compound_id=compound.id if compound else None,
                    reporter_name=person_name(rng), reporter_phone=demo_phone(rng),
                )  # fmt: skip
            finding_id = findings.new_finding(context, data)
            made += 1
            if not cancelled and data.compound_id is None and (today - day).days > 30:
                findings.cancel_finding(context, finding_id, "与已登记问题重复。")
                cancelled = True
                continue
            in_compound = in_compound or data.compound_id is not None
            assert data.deadline is not None
            _follow(context, rng, finding_id, day, data.deadline, today)
    return made


def _helpers(departments: dict[str, uuid.UUID], name: str) -> tuple[PartyInput, ...]:
    return (PartyInput(department_id=departments[name]),) if name in departments else ()


def _amend_one(context: AppContext, month: Period) -> None:
    """A correction of the last published month's first inspection: its ranking is out of
    date until an inspector publishes a new edition."""
    from jinsha_desktop.services.inspection_lists import InspectionFilter, iter_inspections

    rows = list(
        iter_inspections(context, InspectionFilter(month.start, month.end, status="submitted"))
    )
    if not rows:
        return
    detail = inspections.inspection_detail(context, rows[0].id)
    answers = [
        AnswerInput(a.id, max(0, a.occurrences - 1), a.not_applicable, a.note)
        for a in detail.answers
    ]
    inspections.amend_inspection(
        context, detail.id, answers, "复核：部分问题检查当日已整改，按复核结果更正。"
    )


def _leave_a_draft(
    context: AppContext, template_id: uuid.UUID, units: list[Unit], today: date
) -> None:
    """Today's inspection of one village, not yet submitted."""
    village = next((u for u in units if u.village), units[0])
    inspections.new_inspection(
        context,
        InspectionInput(
            template_id, village.id, today, PlaceKind.UNIT, inspectors="、".join(INSPECTORS[:2])
        ),
    )
