"""The ledgers people print, and printing one: read it, lay it out, write the PDF, audit it.

A ledger is a declaration (reports/ledger_declaration.py): a module's ledgers live in their own
file (checkpoint_ledgers.py) and are listed in LEDGERS; the screen and the command line build
their choices from the list, and the engine (pdf_ledger.py) does the pages.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from jinsha_desktop.domain.errors import ProgressCallback, ValidationError
from jinsha_desktop.reports.checkpoint_ledgers import CHECKPOINT_LEDGERS
from jinsha_desktop.reports.fonts import FontChain
from jinsha_desktop.reports.inspection_ledgers import INSPECTION_LEDGERS
from jinsha_desktop.reports.ledger_declaration import (
    FilterKind,
    Ledger,
    LedgerFilter,
    LedgerRequest,
    Period,
)
from jinsha_desktop.reports.pdf_ledger import LedgerDocument, LedgerResult, build_pdf
from jinsha_desktop.reports.repair_ledgers import REPAIR_LEDGERS
from jinsha_desktop.reports.repair_totals_ledger import TOTALS_LEDGER
from jinsha_desktop.services.audit import log_action
from jinsha_desktop.services.audit_anchor import head_text
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.ledger_data import check_period, require_full_view
from jinsha_desktop.services.settings import font_paths, ledger_fonts, unit_name

__all__ = [
    "LEDGERS",
    "FilterKind",
    "Ledger",
    "LedgerFilter",
    "LedgerRequest",
    "LedgerResult",
    "Period",
    "all_filters",
    "describe_missing",
    "generate_ledger",
    "ledger_of",
    "prepare_ledger",
    "record_ledger_output",
]

MASKED_NOTE = "证件号码、手机号已按规定遮挡。"
FULL_NOTE = "本台账含完整证件号码和手机号，请妥善保管，不得外传。"

LEDGERS: dict[str, Ledger] = {
    ledger.name: ledger
    for ledger in (*CHECKPOINT_LEDGERS, *REPAIR_LEDGERS, TOTALS_LEDGER, *INSPECTION_LEDGERS)
}
"""Every ledger the screen offers and the command line prints, in the screen's order."""


def all_filters() -> list[LedgerFilter]:
    """Each filter key once, in the order the ledgers declare them (the screen's rows, the
    command line's flags)."""
    found: dict[str, LedgerFilter] = {}
    for ledger in LEDGERS.values():
        for item in ledger.filters:
            found.setdefault(item.key, item)
    return list(found.values())


def ledger_of(name: str) -> Ledger:
    try:
        return LEDGERS[name]
    except KeyError:
        known = "、".join(LEDGERS)
        raise ValidationError(f"没有名为“{name}”的台账（可选：{known}）。", "ledger") from None


def prepare_ledger(
    context: AppContext, request: LedgerRequest, progress: ProgressCallback | None = None
) -> LedgerDocument:
    """Read what the ledger holds (permission checked, masked unless full is allowed)."""
    ledger = ledger_of(request.ledger)
    context.require(ledger.permission)
    if ledger.reads is not None:
        context.require(ledger.reads)
    full = require_full_view(context, request.full and ledger.personal_data, "打印或导出")
    check_period(request.since, request.until)
    request = replace(request, full=full)
    tables = ledger.tables(context, request, progress)
    return LedgerDocument(
        title=ledger.title,
        unit=unit_name(context),
        period=ledger.period_text(request),
        filters=ledger.filters_text(context, request),
        generated_at=context.clock.now(),
        tables=tables,
        landscape=ledger.landscape,
        font_size=ledger.font_size,
        note=(FULL_NOTE if full else MASKED_NOTE) if ledger.personal_data else "",
        anchor=head_text(context),
        signatures=ledger.signatures,
    )


def ledger_font_chain(context: AppContext) -> FontChain:
    return FontChain([Path(path) for path in font_paths(ledger_fonts(context))])


def generate_ledger(
    context: AppContext,
    request: LedgerRequest,
    destination: Path,
    progress: ProgressCallback | None = None,
) -> LedgerResult:
    """Read, lay out and write a ledger to `destination`; the print is audited."""
    document = prepare_ledger(context, request, progress)

    result = build_pdf(document, destination, ledger_font_chain(context), progress)
    scope = "完整证件号码和手机号" if request.full and document.note == FULL_NOTE else "已遮挡"
    log_action(
        context,
        "print",
        f"生成{document.title}（{document.period}，{document.filters or '—'}，"
        f"{result.rows} 行，{result.pages} 页，个人信息{scope}）",
        table_name="ledger",
    )
    return result


def describe_missing(result: LedgerResult, limit: int = 20) -> str:
    """A message listing the records with characters no font can print."""
    lines = [f"{m.record}：{m.characters}" for m in result.missing[:limit]]
    if len(result.missing) > limit:
        lines.append(f"……另有 {len(result.missing) - limit} 处")
    return "\n".join(lines)


def record_ledger_output(context: AppContext, result: LedgerResult, how: str) -> None:
    """Audit what was done with a generated ledger: sent to a printer, saved as a file."""
    log_action(
        context, "print", f"{how}：{result.path.name}（{result.pages} 页）", table_name="ledger"
    )
