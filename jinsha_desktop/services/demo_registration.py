"""Demo data of the registration module: people, visits (some flagged), risk areas, cases."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.id_numbers import check_digit
from jinsha_desktop.domain.risk import RiskAreaInput, RiskLevel
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.services import monitoring, reference, registration, risk_areas
from jinsha_desktop.services.context import AppContext

if TYPE_CHECKING:
    from jinsha_desktop.services.demo import DemoSummary

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡"
# Given names by the sex the ID number says (its 17th digit), so no demo person's name
# contradicts their card.
MALE_GIVEN = (
    "建国",
    "志强",
    "伟",
    "磊",
    "军",
    "洋",
    "勇",
    "杰",
    "涛",
    "明",
    "超",
    "刚",
    "文博",
    "浩然",
)
FEMALE_GIVEN = (
    "秀英",
    "桂英",
    "海燕",
    "芳",
    "敏",
    "静",
    "艳",
    "娟",
    "秀兰",
    "霞",
    "桂兰",
    "欣怡",
    "梓萱",
)
# Where people come from: Nantong's districts, the rest of Jiangsu, further away.
REGIONS = (
    ("320612", "江苏省南通市通州区"),
    ("320602", "江苏省南通市崇川区"),
    ("320683", "江苏省南通市通州区"),
    ("320623", "江苏省南通市如东县"),
    ("320681", "江苏省南通市启东市"),
    ("320582", "江苏省苏州市张家港市"),
    ("320106", "江苏省南京市鼓楼区"),
    ("310115", "上海市浦东新区"),
    ("330106", "浙江省杭州市西湖区"),
    ("340104", "安徽省合肥市蜀山区"),
    ("420106", "湖北省武汉市武昌区"),
    ("440305", "广东省深圳市南山区"),
)
PURPOSES = ("探亲", "上班", "送货", "返乡", "就医", "办事", "走亲戚", "施工")
PLATES = ("苏F", "苏E", "沪A", "苏A", "浙A")


def id_number(rng: random.Random, region: str, born: date, male: bool) -> str:
    sequence = rng.randrange(0, 499) * 2 + (1 if male else 0)
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    return first17 + check_digit(first17)


def add_registrations(
    context: AppContext, rng: random.Random, scale: int, summary: DemoSummary
) -> None:
    today = registration.today_of(context)
    risk_areas.save_risk_area(
        context,
        RiskAreaInput(
            "上海市浦东新区",
            RiskLevel.MEDIUM,
            today - timedelta(days=20),
            today + timedelta(days=10),
        ),
    )
    risk_areas.save_risk_area(
        context,
        RiskAreaInput("湖北省武汉市武昌区", RiskLevel.HIGH, today - timedelta(days=5), None),
    )
    checkpoints = reference.list_checkpoints(context)
    units = reference.list_units(context)
    people: list[tuple[str, str, str, str]] = []
    for index in range(40 * scale):
        region, origin = rng.choice(REGIONS)
        male = rng.random() < 0.5
        born = date(rng.randint(1940, 2008), rng.randint(1, 12), rng.randint(1, 28))
        name = rng.choice(SURNAMES) + rng.choice(MALE_GIVEN if male else FEMALE_GIVEN)
        if index == 7:
            name = "𠮷祥"  # a name with a CJK Extension B character, as people really have
        phone = f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
        people.append((id_number(rng, region, born, male), name, phone, origin))
    visits = flagged = 0
    now = context.clock.now()
    # Everyone comes at least once (the first visits, in random order), then anyone again.
    first_visits = rng.sample(people, len(people))
    for day_back in range(13, -1, -1):
        day = today - timedelta(days=day_back)
        for _ in range(rng.randint(10, 16) * scale):
            number, name, phone, origin = first_visits.pop() if first_visits else rng.choice(people)
            at = datetime.combine(day, time(rng.randint(6, 21), rng.randint(0, 59)))
            visited_at = min(at.astimezone(), now)
            unit = rng.choice(units)
            risky = rng.random() < 0.08
            result = registration.register_visit(
                context,
                VisitInput(
                    document_number=number,
                    name=name,
                    phone=phone,
                    origin=origin,
                    route=(origin,) if rng.random() < 0.3 else (),
                    destination_unit_id=unit.id,
                    destination_address=f"{unit.name}{rng.randint(1, 30)}组{rng.randint(1, 60)}号",
                    purpose=rng.choice(PURPOSES),
                    plate=(rng.choice(PLATES) + f"{rng.randint(10000, 99999)}")
                    if rng.random() < 0.4
                    else "",
                    temperature=Decimal("37.6")
                    if risky and rng.random() < 0.5
                    else Decimal(f"36.{rng.randint(1, 8)}"),
                    health_code="yellow" if risky and rng.random() < 0.5 else "green",
                    travel_code_star=risky and rng.random() < 0.3,
                    direction=rng.choice(("in", "in", "out")),
                    visited_at=visited_at,
                    checkpoint_id=rng.choice(checkpoints).id,
                ),
                confirm_duplicate=True,
            )
            visits += 1
            if result.flags:
                flagged += 1
                if day_back <= 8 and rng.random() < 0.7:
                    _open_case(context, result, day, today, rng)
    if first_visits:  # a scale so small that the days ran out before everyone came
        people = people[: len(people) - len(first_visits)]
    summary.counts.update(people=len(people), visits=visits, flagged_visits=flagged)


def _open_case(
    context: AppContext,
    result: registration.RegistrationResult,
    day: date,
    today: date,
    rng: random.Random,
) -> None:
    try:
        case_id = monitoring.open_case(
            context,
            monitoring.CaseInput(
                result.person_id,
                "；".join(flag.reason for flag in result.flags),
                day,
                result.suggested_monitoring_days,
                result.flags[0].code,
                rng.choice(("王秀英", "陈建国")),
                result.visit_id,
            ),
        )
    except ValidationError:  # already monitored: one open case per person
        return
    # One check a day while the case runs: not after its period (the service refuses those).
    for offset in range(min((today - day).days, result.suggested_monitoring_days)):
        if rng.random() < 0.85:
            monitoring.add_check(
                context,
                case_id,
                monitoring.CheckInput(
                    day + timedelta(days=offset), Decimal(f"36.{rng.randint(2, 8)}"), "", "negative"
                ),
            )
