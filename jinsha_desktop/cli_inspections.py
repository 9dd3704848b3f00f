"""`jinsha-desktop ranking --period 2026-10`: the red/black list of a month or a quarter on the
command line — the same ranking as the ranking page (services/rankings.py), as a table or JSON;
`--publish` publishes a new edition, `-o` writes the published notice (PDF) or the ranking
(.xlsx)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinsha_desktop.cli_reports import CliParser, add_user_arguments, fail, logged_in
from jinsha_desktop.domain.errors import KnownError, ValidationError

if TYPE_CHECKING:
    from jinsha_desktop.domain.rankings import RankedUnit
    from jinsha_desktop.services.rankings import RankingView

NOT_PUBLISHED = "该期间的红黑榜尚未发布，不能生成通报。请加 --publish 发布，或用 .xlsx 导出排名。"
OUTPUT_KINDS = (".pdf", ".xlsx")


def add_ranking_command(commands: argparse._SubParsersAction[CliParser]) -> None:
    ranking = commands.add_parser(
        "ranking", help="红黑榜：某月或某季度各村、社区的检查排名，可发布并生成通报"
    )
    ranking.add_argument(
        "--period", required=True, metavar="PERIOD", help="期间：2026-10（月）或 2026Q4（季度）"
    )
    ranking.add_argument("--json", action="store_true", help="输出 JSON（供脚本使用）")
    ranking.add_argument(
        "--publish", action="store_true", help="发布为新的一版（需有发布红黑榜的权限）"
    )
    ranking.add_argument("--note", default="", help="发布说明（与 --publish 一起使用）")
    ranking.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="通报 PDF（最新一版或刚发布的一版）；以 .xlsx 结尾则导出排名表",
    )
    add_user_arguments(ranking)


def run_ranking(args: argparse.Namespace) -> int:
    from jinsha_desktop.domain.rankings import Period
    from jinsha_desktop.reports.ledgers import ledger_font_chain
    from jinsha_desktop.reports.ranking_notice import write_ranking_notice, write_ranking_xlsx
    from jinsha_desktop.services.rankings import (
        compute_ranking,
        notice_of,
        publish_ranking,
        published_ranking,
    )

    try:
        # The period and the file name are checked before the password is asked for.
        period = Period.parse(args.period)
        output = Path(args.output) if args.output else None
        if output is not None and output.suffix.lower() not in OUTPUT_KINDS:
            raise ValidationError("输出文件应以 .pdf（通报）或 .xlsx（排名表）结尾。", "output")
        if args.note and not args.publish:
            raise ValidationError("发布说明（--note）只能与 --publish 一起使用。", "note")
        with logged_in(args.db, args.demo, args.user) as context:
            view = compute_ranking(context, period)
            if args.publish:
                published_id = publish_ranking(context, period, args.note)
                view = published_ranking(context, published_id)
            written = ""
            if output is not None and output.suffix.lower() == ".xlsx":
                write_ranking_xlsx(view, output)
                written = f"已导出排名表：{output}"
            elif output is not None:
                if view.published is None:
                    raise ValidationError(NOT_PUBLISHED, "output")
                notice = notice_of(context, view.published.id)
                write_ranking_notice(notice, output, ledger_font_chain(context))
                written = f"已生成通报（第{notice.edition}版）：{output}"
    except KnownError as error:
        return fail(error.message)
    if args.json:
        print(json.dumps(ranking_json(view), ensure_ascii=False, indent=2))
    else:
        print(ranking_text(view))
    if written:
        print(written)
    return 0


def _number(value: Any) -> Any:
    return None if value is None else float(value)


def ranking_json(view: RankingView) -> dict[str, Any]:
    """The ranking for scripts: the period, the rules, each unit's row, the latest edition."""
    published = view.published

    def row(item: RankedUnit) -> dict[str, Any]:
        return {
            "unit_id": str(item.unit_id),
            "unit": item.unit_name,
            "position": item.position,
            "score": _number(item.score),
            "inspections": item.inspections,
            "penalty": _number(item.penalty),
            "vetoed": item.vetoed,
            "listed": item.listed,
            "previous_position": item.previous_position,
            "main_deductions": [line for line in item.main_deductions.split("\n") if line],
        }

    return {
        "period": view.period.key,
        "label": view.period.label,
        "from": view.period.start.isoformat(),
        "to": view.period.end.isoformat(),
        "rules": json.loads(view.rules.to_json()),
        "basis_digest": view.basis_digest,
        "published": None
        if published is None
        else {
            "id": str(published.id),
            "edition": published.edition,
            "title": published.title,
            "published_at": published.published_at.isoformat(),
            "published_by": published.published_by_name,
        },
        "out_of_date": view.out_of_date,
        "rows": [row(item) for item in view.rows],
    }


def ranking_text(view: RankingView) -> str:
    """The ranking for a person: a title line, aligned columns (Chinese counts double)."""
    from jinsha_desktop.cli_repairs import display_width
    from jinsha_desktop.domain.rankings import LISTING_LABELS

    published = view.published
    title = f"{view.period.label}红黑榜"
    if published is not None:
        title += f"（已发布第{published.edition}版"
        title += "，检查结果已有变动，可发布新的一版）" if view.out_of_date else "）"
    else:
        title += "（未发布）"
    header = ["名次", "村/社区", "得分率", "检查", "扣分", "否决", "榜单", "上期"]
    lines = [
        [
            "—" if row.position is None else str(row.position),
            row.unit_name,
            "—" if row.score is None else f"{row.score:.2f}",
            str(row.inspections),
            f"{row.penalty:.2f}" if row.penalty else "",
            "是" if row.vetoed else "",
            LISTING_LABELS.get(row.listed, ""),
            "" if row.previous_position is None else str(row.previous_position),
        ]
        for row in view.rows
    ]
    widths = [
        max(display_width(cells[i]) for cells in [header, *lines]) for i in range(len(header))
    ]

    def line(cells: list[str]) -> str:
        padded = []
        for index, (text, width) in enumerate(zip(cells, widths, strict=True)):
            space = " " * (width - display_width(text))
            padded.append(text + space if index == 1 else space + text)
        return "  ".join(padded).rstrip()

    return "\n".join([title, line(header), *(line(cells) for cells in lines)])
