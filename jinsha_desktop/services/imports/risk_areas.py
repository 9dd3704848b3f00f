"""The risk-area list importer, `risk_areas` (风险地区名单; MANAGE_REFERENCE_DATA).

Columns 地区名称*, 风险等级* (高风险/中风险, also 高, 中, high…), 生效日期*, 解除日期, 备注. An
area is its (name, level, start date); on record it is 更新 when the end date or the note given
differs, else 重复.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from jinsha_desktop.db.registration_models import RiskArea
from jinsha_desktop.domain.errors import FieldChecks
from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.domain.imports import parse_risk_level, plain_text
from jinsha_desktop.domain.loose_values import parse_loose_date
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.risk import RiskAreaInput, RiskLevel
from jinsha_desktop.domain.sheets import CellValue
from jinsha_desktop.domain.text import clean_optional_text
from jinsha_desktop.services.imports import lookups
from jinsha_desktop.services.imports.columns import NOTE_WORDS, column
from jinsha_desktop.services.imports.framework import Importer, PreviewRow, RowOutcome


class RiskAreaImporter(Importer):
    name = "risk_areas"
    title = "风险地区名单"
    permission = Permission.MANAGE_REFERENCE_DATA
    table_name = "risk_area"
    fields = (
        column("name", "地区名称", "地区 风险地区 风险地区名称 区域 区域名称 名称 地址 地点",
               required=True, note="按通报写完整，如 上海市浦东新区张江镇。"),
        column("level", "风险等级", "风险级别 等级 级别 风险类别 风险", required=True,
               choices=(RiskLevel.HIGH.label, RiskLevel.MEDIUM.label)),
        column("effective_from", "生效日期",
               "开始日期 起始日期 生效时间 开始时间 调整日期 公布日期 日期",
               required=True, kind=CellKind.DATE),
        column("effective_to", "解除日期", "结束日期 截止日期 解除时间 结束时间 解封日期",
               kind=CellKind.DATE, note="仍在管控中的留空。"),
        column("note", "备注", NOTE_WORDS),
    )  # fmt: skip
    template_example = ("上海市浦东新区张江镇", "中风险", date(2022, 8, 5), None, "")
    template_rules = ("同一地区、风险等级和生效日期已存在的，只更新解除日期和备注。",)

    def clean(self, state: None, values: Mapping[str, CellValue]) -> dict[str, Any]:
        checks = FieldChecks(first_per_field=True)
        level = checks.check(parse_risk_level, values.get("level"))
        start = checks.check(
            parse_loose_date, values.get("effective_from"), "effective_from", "生效日期"
        )
        end = checks.check(parse_loose_date, values.get("effective_to"), "effective_to", "解除日期")
        note = checks.check(clean_optional_text, plain_text(values.get("note")), "备注", "note")
        area = checks.check(
            RiskAreaInput(
                plain_text(values.get("name")),
                level or "",
                start,  # type: ignore[arg-type]  # None is reported on its field
                end,
            ).cleaned,
        )
        checks.raise_errors()
        assert area is not None
        return {
            "name": area.name,
            "level": RiskLevel(area.level).value,
            "effective_from": area.effective_from,
            "effective_to": area.effective_to,
            "note": note or "",
        }

    def key(self, values: Mapping[str, Any]) -> Hashable:
        return (values["name"], values["level"], values["effective_from"])

    def classify(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        if "areas" not in memory:
            memory["areas"] = lookups.active_risk_areas(session)
        areas: dict[Any, RiskArea] = memory["areas"]
        for row in rows:
            area = areas.get(row.key)
            if area is None:
                row.outcome, row.reason = RowOutcome.ADD, "新增风险地区。"
            elif changed := _area_changes(area, row.values):
                labels = "、".join("解除日期" if k == "effective_to" else "备注" for k in changed)
                row.outcome, row.reason = RowOutcome.UPDATE, f"已有此地区，将更新{labels}。"
            else:
                row.outcome, row.reason = RowOutcome.DUPLICATE, "已有此地区，信息相同。"

    def write(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        areas: dict[Any, RiskArea] = memory["areas"]
        for row in rows:
            if row.outcome is RowOutcome.ADD:
                area = RiskArea(**row.values)
                session.add(area)
                areas[row.key] = area
            elif row.outcome is RowOutcome.UPDATE:
                area = areas[row.key]
                for key in _area_changes(area, row.values):
                    setattr(area, key, row.values[key])


def _area_changes(area: RiskArea, values: Mapping[str, Any]) -> list[str]:
    return [
        key
        for key in ("effective_to", "note")
        if values.get(key) not in ("", None) and getattr(area, key) != values[key]
    ]
