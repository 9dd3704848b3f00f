"""The match list importer, `match_list` (协查名单; VIEW_RECORDS), and its report.

Columns 姓名, 证件类型, 证件号码, 手机号, 备注; 证件号码 or 手机号 on every row. Nothing is written:
each listed person is 有登记 (a visit registered with that document number — whatever its type —
or, failing that, with that phone) or 无登记. Full numbers are compared inside; `match_report`
lists every visit (time, checkpoint, direction, origin, route, destination), masked unless a
role allowed to see full data asks, and audits the export.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from jinsha_desktop.domain.contact import clean_phone
from jinsha_desktop.domain.errors import (
    FieldChecks,
    ProgressCallback,
    ValidationError,
    report_progress,
)
from jinsha_desktop.domain.id_numbers import clean_document_number
from jinsha_desktop.domain.imports import (
    guess_document_type,
    is_empty,
    parse_document_type,
    plain_text,
)
from jinsha_desktop.domain.loose_values import cell_text, id_number_cell
from jinsha_desktop.domain.masking import mask_id_number, mask_phone
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.sheets import CellValue
from jinsha_desktop.domain.text import clean_optional_text
from jinsha_desktop.services.audit import record_action
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.imports import lookups
from jinsha_desktop.services.imports.columns import (
    DOCUMENT_TYPES,
    NAME_WORDS,
    NOTE_WORDS,
    NUMBER_WORDS,
    PHONE,
    TYPE_WORDS,
    Today,
    column,
    person_column,
)
from jinsha_desktop.services.imports.framework import (
    Importer,
    ImportPreview,
    PreviewRow,
    RowOutcome,
)
from jinsha_desktop.services.personal_data import require_full_view


class MatchListImporter(Importer):
    name = "match_list"
    title = "协查名单"
    permission = Permission.VIEW_RECORDS
    table_name = "visit"
    writes_records = False
    outcomes = (RowOutcome.FOUND, RowOutcome.NOT_FOUND, RowOutcome.DUPLICATE, RowOutcome.REJECT)
    one_of = ("document_number", "phone")
    fields = (
        person_column("name", NAME_WORDS + " 协查对象"),
        person_column("document_type", TYPE_WORDS, choices=DOCUMENT_TYPES,
                      note="可不填：18 位或 15 位号码按居民身份证比对。"),
        person_column("document_number", NUMBER_WORDS, note="证件号码和手机号至少填写一项。"),
        PHONE,
        column("note", "备注", NOTE_WORDS + " 协查事由 事由 协查原因 原因"),
    )  # fmt: skip
    template_example = ("张三", "居民身份证", "320612199001011234", "13812345678", "")
    template_rules = (
        "证件号码和手机号至少填写一项；有证件号码的按证件号码比对，查不到时再按手机号比对。",
    )

    def prepare(self, context: AppContext) -> Today:
        return Today.of(context)

    def clean(self, state: Today, values: Mapping[str, CellValue]) -> dict[str, Any]:
        checks = FieldChecks(first_per_field=True)
        name = checks.check(
            clean_optional_text,
            plain_text(values.get("name")),
            "姓名",
            "name",
            max_length=50,
        )
        typed = checks.check(parse_document_type, values.get("document_type"))
        number = ""
        if not is_empty(values.get("document_number")):
            raw = checks.check(id_number_cell, values.get("document_number"))
            if raw is not None:
                kind = typed or guess_document_type(raw)
                cleaned = checks.check(clean_document_number, kind, raw, state.today, state.regions)
                number = cleaned[0] if cleaned else ""
        warnings: list[str] = []
        try:
            phone = clean_phone(cell_text(values.get("phone")))
        except ValidationError as error:
            if not number:
                checks.fail(error.message, "phone")
            # A listed person is never left unchecked for a mistyped phone: the number decides.
            warnings.append(f"手机号有误（{error.message.rstrip('。')}），只按证件号码比对。")
            phone = ""
        note = checks.check(clean_optional_text, plain_text(values.get("note")), "备注", "note")
        checks.raise_errors()
        return {
            "name": name or "",
            "document_type": typed.value if typed else "",
            "document_number": number,
            "phone": phone,
            "note": note or "",
            "_warnings": tuple(warnings),
        }

    def key(self, values: Mapping[str, Any]) -> Hashable:
        if values["document_number"]:
            return ("document", values["document_number"])
        return ("phone", values["phone"])

    def classify(self, session: Session, rows: list[PreviewRow], memory: dict[str, Any]) -> None:
        by_number, by_phone = lookups.visit_counts(
            session,
            numbers={row.values["document_number"] for row in rows},
            phones={row.values["phone"] for row in rows},
        )
        for row in rows:
            found = by_number.get(row.values["document_number"])
            how = ""
            if found is None:
                found = by_phone.get(row.values["phone"])
                how = "（按手机号）" if row.values["document_number"] else ""
            if found is None:
                row.outcome, row.reason = RowOutcome.NOT_FOUND, "本地没有登记记录。"
            else:
                last = found.last_visit_at.astimezone().strftime("%Y-%m-%d %H:%M")
                row.outcome = RowOutcome.FOUND
                row.reason = f"登记 {found.visits} 次{how}，最近一次 {last}。"


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class MatchEntry:
    """One listed person and what was registered here (numbers masked unless full)."""

    row_number: int
    name: str
    document_number: str
    phone: str
    note: str
    matched_by: str
    """"证件号码", "手机号", or "" when nothing was found."""
    visits: tuple[lookups.RegisteredVisit, ...]

    @property
    def found(self) -> bool:
        return bool(self.visits)


@dataclass(frozen=True)
class MatchReport:
    entries: tuple[MatchEntry, ...]
    full: bool
    path: Path | None
    rejected: int
    duplicates: int

    @property
    def found(self) -> list[MatchEntry]:
        return [entry for entry in self.entries if entry.found]

    @property
    def not_found(self) -> list[MatchEntry]:
        return [entry for entry in self.entries if not entry.found]


MatchWriter = Callable[[MatchReport], Path]
"""Writes a report as a file (reports/match_report.py) and says where."""


def match_report(
    context: AppContext,
    preview: ImportPreview,
    *,
    full: bool = False,
    write: MatchWriter | None = None,
    progress: ProgressCallback | None = None,
) -> MatchReport:
    """Every valid listed person of a match-list preview with each visit registered here.

    With `write`, the report is also written as a file (EXPORT needed; audited "export").
    Numbers are masked unless `full` is asked by a role that may see full data (PermissionDenied
    otherwise); a full report shown without a file is audited "view_full".
    """
    if not isinstance(preview.importer, MatchListImporter):
        raise ValueError("match_report needs a match-list preview")
    context.require(Permission.VIEW_RECORDS)
    if write is not None:
        context.require(Permission.EXPORT)
    require_full_view(context, full, "查看")
    listed = [
        row for row in preview.rows if row.outcome in (RowOutcome.FOUND, RowOutcome.NOT_FOUND)
    ]
    with context.reading() as session:
        by_number, by_phone = lookups.visits_of(
            session,
            numbers={row.values["document_number"] for row in listed},
            phones={row.values["phone"] for row in listed},
        )
    entries = []
    for row in listed:
        values = row.values
        visits, how = by_number.get(values["document_number"], []), "证件号码"
        if not visits:
            visits, how = by_phone.get(values["phone"], []), "手机号"
        entries.append(
            MatchEntry(
                row.number,
                values["name"],
                values["document_number"] if full else mask_id_number(values["document_number"]),
                values["phone"] if full else mask_phone(values["phone"]),
                values["note"],
                how if visits else "",
                tuple(_shown(v, full) for v in visits),
            )
        )
    counts = preview.counts()
    report = MatchReport(
        tuple(entries), full, None, counts[RowOutcome.REJECT], counts[RowOutcome.DUPLICATE]
    )
    if write is not None:
        report = replace(report, path=write(report))
    else:
        report_progress(progress, len(entries), len(entries))
    scope = "完整证件号码和手机号" if full else "已遮挡"
    summary = (
        f"协查名单“{preview.source_name[:60]}”比对：名单 "
        f"{len(entries)} 人，有登记 {len(report.found)} 人，个人信息{scope}"
    )
    if write is not None or full:
        with context.uow() as session:
            action = "export" if write is not None else "view_full"
            record_action(session, action, summary, table_name="visit")
    return report


def _shown(visit: lookups.RegisteredVisit, full: bool) -> lookups.RegisteredVisit:
    if full:
        return visit
    return replace(
        visit,
        document_number=mask_id_number(visit.document_number),
        phone=mask_phone(visit.phone),
    )
