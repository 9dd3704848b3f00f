"""Ledgers, exports and imports from the command line: the same services as the screens, as a
logged-in user (the password from JINSHA_PASSWORD or asked), masked and audited the same way."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinsha_desktop import paths
from jinsha_desktop.config import MachineConfig
from jinsha_desktop.domain.errors import KnownError, ValidationError

if TYPE_CHECKING:
    from jinsha_desktop.reports.ledger_declaration import Ledger
    from jinsha_desktop.services.context import AppContext

# The parser is built before the login window (`jinsha-desktop` with no command starts the GUI):
# defining a command imports nothing heavy. The services (SQLAlchemy, Alembic), the reports
# (openpyxl, lxml, reportlab) and argon2 load inside the command that runs, and a help text
# that names what a registry holds is filled in only when that help is shown (`later`); flags
# read from declarations are added only when their command is parsed (`later_arguments`).

PASSWORD_VARIABLE = "JINSHA_PASSWORD"
FILTER_METAVARS = {"choice": "NAME", "date": "YYYY-MM-DD", "number": "N"}
"""What a ledger filter's flag takes, by the filter's kind."""


class CliParser(argparse.ArgumentParser):
    """An ArgumentParser whose help can be completed when it is shown (see `later`), and whose
    arguments when it parses (see `later_arguments`)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.help_fillers: list[Callable[[], None]] = []
        self.argument_fillers: list[Callable[[], None]] = []

    def format_help(self) -> str:
        self._add_later_arguments()
        while self.help_fillers:
            self.help_fillers.pop(0)()
        return super().format_help()

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        self._add_later_arguments()
        return super().parse_known_args(*args, **kwargs)

    def _add_later_arguments(self) -> None:
        while self.argument_fillers:
            self.argument_fillers.pop(0)()


def later(parser: argparse.ArgumentParser, fill: Callable[[], None]) -> None:
    """Run `fill` (which may import heavy modules) only when `parser`'s help is shown."""
    if isinstance(parser, CliParser):
        parser.help_fillers.append(fill)
    else:
        fill()


def later_arguments(parser: argparse.ArgumentParser, fill: Callable[[], None]) -> None:
    """Run `fill` (which may import heavy modules to add arguments) only when `parser` parses
    its command line or shows its help: when its command runs anyway."""
    if isinstance(parser, CliParser):
        parser.argument_fillers.append(fill)
    else:
        fill()


def add_user_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", required=True, help=f"登录用户名（密码取自 {PASSWORD_VARIABLE}）")


def add_ledger_command(commands: argparse._SubParsersAction[CliParser]) -> None:
    ledger = commands.add_parser("ledger", help="生成 PDF 台账（ledger --help 列出各台账）")
    which = ledger.add_argument("name", help="台账")
    ledger.add_argument("--from", dest="since", metavar="YYYY-MM-DD", help="开始日期（默认今天）")
    ledger.add_argument("--to", dest="until", metavar="YYYY-MM-DD", help="结束日期（默认今天）")
    ledger.add_argument("--pages", type=int, default=1, help="空白登记表的页数")
    ledger.add_argument(
        "--full", action="store_true", help="打印完整身份证号和手机号（需有权限，记入操作日志）"
    )
    ledger.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    add_user_arguments(ledger)

    def add_filters() -> None:
        """A flag for every filter the ledgers declare (--checkpoint NAME, --compound NAME…)."""
        from jinsha_desktop.reports.ledgers import LEDGERS, FilterKind, all_filters

        which.help = "台账：" + " / ".join(f"{n}（{led.title}）" for n, led in LEDGERS.items())
        for item in all_filters():
            users = "、".join(led.name for led in LEDGERS.values() if _takes(led, item.key))
            choice = item.kind is FilterKind.CHOICE
            what = item.help or (f"只打印这个{item.label}（默认全部）" if choice else item.label)
            ledger.add_argument(
                f"--{item.key}",
                dest=f"filter_{item.key}",
                metavar=FILTER_METAVARS[item.kind.value],
                help=f"{what}；用于 {users}",
            )

    later_arguments(ledger, add_filters)


def _takes(ledger: Ledger, key: str) -> bool:
    """Whether the ledger declares a filter of this key (its own declaration, or a shared one)."""
    return any(item.key == key for item in ledger.filters)


def fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return 2


def parse_day(text: str | None, field: str, today: date) -> date:
    if not text:
        return today
    from jinsha_desktop.domain.loose_values import parse_loose_date

    day = parse_loose_date(text, field, "日期")
    if day is None:
        raise ValidationError(f"日期“{text}”无法识别，请写成 2026-11-25。", field)
    return day


def checkpoint_named(context: AppContext, name: str | None) -> uuid.UUID | None:
    """The checkpoint a --checkpoint option names (None: all checkpoints), found as the
    registration ledger's checkpoint filter finds it."""
    if not name:
        return None
    from jinsha_desktop.reports.checkpoint_ledgers import CHECKPOINT

    checkpoint_id: uuid.UUID = CHECKPOINT.value_of(context, name)
    return checkpoint_id


@contextmanager
def logged_in(location: str | None, demo: bool, username: str) -> Iterator[AppContext]:
    """Open the database this program would open, log in, log out at the end."""
    config_path = paths.config_path()
    config = MachineConfig.load(config_path)
    if demo:
        target = str(paths.demo_database_path())
    else:
        target = location or config.database or str(paths.default_database_path())
    if "://" not in target and not Path(target).exists():
        raise KnownError(f"数据库文件不存在：{target}")
    from jinsha_desktop.domain.clock import SystemClock
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.services import auth
    from jinsha_desktop.services.integrity import RECORD_NAME
    from jinsha_desktop.services.setup import local_installation, open_database

    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        password = getpass.getpass(f"{username} 的密码：")
    clock = SystemClock()
    # A failure of the full check the GUI ran is remembered: refused here too (issue 11.5).
    record = paths.data_dir() / RECORD_NAME
    opened = open_database(target, paths.backups_dir(), clock, integrity_record=record)
    try:
        context, changed = local_installation(opened.database, clock, PasswordHashing(), config)
        if changed:
            config.save(config_path)
        user = auth.login(context, username, password)
        try:
            yield user
        finally:
            auth.logout(user)
    finally:
        opened.close()


def run_ledger(args: argparse.Namespace) -> int:
    from jinsha_desktop.reports.ledgers import (
        LedgerRequest,
        all_filters,
        describe_missing,
        generate_ledger,
        ledger_of,
    )
    from jinsha_desktop.services.registration import today_of

    try:
        ledger = ledger_of(args.name)
        given = {f.key: getattr(args, f"filter_{f.key}") for f in all_filters()}
        for item in all_filters():
            if given[item.key] and not _takes(ledger, item.key):
                raise ValidationError(
                    f"{ledger.title}不按{item.label}筛选，请去掉 --{item.key}。", item.key
                )
        with logged_in(args.db, args.demo, args.user) as context:
            today = today_of(context)
            since = parse_day(args.since, "since", today)
            until = parse_day(args.until, "until", since if args.since else today)
            filters = {
                f.key: f.value_of(context, given[f.key]) for f in ledger.filters if given[f.key]
            }
            request = LedgerRequest(
                args.name, since, until, filters=filters, full=args.full, blank_pages=args.pages
            )
            result = generate_ledger(context, request, Path(args.output))
    except KnownError as error:
        return fail(error.message)
    print(f"已生成 {result.path}：{result.rows} 行，{result.pages} 页。")
    if result.missing:
        print("注意：以下记录中的字没有字体能够打印，请在纸上手写补全：", file=sys.stderr)
        print(describe_missing(result), file=sys.stderr)
    return 0


def add_export_command(commands: argparse._SubParsersAction[CliParser]) -> None:
    export = commands.add_parser("export", help="把列表导出为 Excel（.xlsx）")
    which = export.add_argument("list", help="列表")

    def name_the_lists() -> None:
        from jinsha_desktop.reports.exports import EXPORTABLE

        which.help = "列表：" + " / ".join(EXPORTABLE)

    later(export, name_the_lists)
    export.add_argument("--search", default="", help="搜索：证件号、姓名、手机号或车牌的开头")
    export.add_argument("--from", dest="since", metavar="YYYY-MM-DD", help="来访登记：开始日期")
    export.add_argument("--to", dest="until", metavar="YYYY-MM-DD", help="来访登记：结束日期")
    export.add_argument("--checkpoint", metavar="NAME", help="来访登记：只导出这个卡点")
    export.add_argument("--flagged", action="store_true", help="来访登记：只导出异常登记")
    for flag, what in PLACE_FLAGS.items():
        export.add_argument(f"--{flag}", metavar="NAME", help=f"报修单、整治记录：只导出{what}")
    export.add_argument(
        "--status",
        metavar="NAME",
        help="报修单：状态（未办结、已办结、已报修…）；整改问题：未销号、逾期未销号、已销号…；检查记录：草稿、已提交",
    )
    export.add_argument("--category", metavar="NAME", help="整治记录：只导出这个类别")
    export.add_argument("--template", metavar="NAME", help="检查记录：只导出这个检查清单")
    export.add_argument(
        "--source", metavar="NAME", help="整改问题：来源（检查组、部门巡查、群众反映）"
    )
    export.add_argument("--sort", default="", help="排序列，如 visited_at、person_name、name")
    export.add_argument("--ascending", action="store_true", help="升序（默认降序）")
    export.add_argument(
        "--full", action="store_true", help="导出完整身份证号和手机号（需有权限，记入操作日志）"
    )
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    add_user_arguments(export)


PLACE_FLAGS = {"community": "这个社区或村", "compound": "这个小区", "campaign": "这个排查活动"}
"""The old compounds' lists are narrowed by the same names as their ledgers' filters."""

EXPORT_FLAGS = {
    # flag: (where argparse keeps it, what a list that does not take it does not do)
    "search": ("search", "按文字搜索"),
    "from": ("since", "按开始日期筛选"),
    "to": ("until", "按结束日期筛选"),
    "checkpoint": ("checkpoint", "按卡点筛选"),
    "flagged": ("flagged", "按异常登记筛选"),
    "community": ("community", "按社区或村筛选"),
    "compound": ("compound", "按小区筛选"),
    "campaign": ("campaign", "按排查活动筛选"),
    "status": ("status", "按状态筛选"),
    "category": ("category", "按类别筛选"),
    "template": ("template", "按检查清单筛选"),
    "source": ("source", "按问题来源筛选"),
    "sort": ("sort", "按列排序"),
    "ascending": ("ascending", "按列排序"),
    "full": ("full", "导出完整身份证号和手机号"),
}
"""Every flag of `export` that narrows or shapes a list."""

EXPORT_TAKES: dict[str, tuple[str, set[str]]] = {
    "visits": (
        "来访登记",
        {"search", "from", "to", "checkpoint", "flagged", "sort", "ascending", "full"},
    ),
    "people": ("人员", {"search", "sort", "ascending", "full"}),
    "repair-orders": (
        "报修单",
        {"search", "from", "to", *PLACE_FLAGS, "status", "sort", "ascending", "full"},
    ),
    "cleanups": (
        "整治记录",
        {"search", "from", "to", *PLACE_FLAGS, "category", "sort", "ascending"},
    ),
    "inspections": (
        "检查记录",
        {"search", "from", "to", "community", "template", "status", "sort", "ascending"},
    ),
    "findings": (
        "整改问题",
        {"search", "from", "to", "community", "source", "status", "sort", "ascending", "full"},
    ),
}
"""The flags each list takes (the small lists, exported whole: none); another is refused, never
silently ignored."""


def refuse_flags_not_taken(args: argparse.Namespace) -> None:
    """ValidationError naming the first flag given that the chosen list does not take."""
    title, takes = EXPORT_TAKES.get(args.list, (f"“{args.list}”列表", set()))
    for flag, (dest, what) in EXPORT_FLAGS.items():
        if getattr(args, dest) and flag not in takes:
            raise ValidationError(f"{title}不{what}，请去掉 --{flag}。", flag)


def _named(context: AppContext, args: argparse.Namespace, key: str) -> Any:
    """The value a flag names, found as the ledger filter of that key finds it (None: all)."""
    from jinsha_desktop.reports.ledgers import all_filters

    text = getattr(args, key)
    if not text:
        return None
    [item] = [f for f in all_filters() if f.key == key]
    return item.value_of(context, text)


def _export_repairs(context: AppContext, args: argparse.Namespace, output: Path) -> Any:
    """The repair orders or clean-ups list, by the flags (period, place, status, category)."""
    from jinsha_desktop.reports.exports import export_cleanups, export_repair_orders
    from jinsha_desktop.services.cleanups import CleanupFilter, CleanupSort
    from jinsha_desktop.services.registration import today_of
    from jinsha_desktop.services.repair_lists import OrderFilter, OrderSort

    today = today_of(context)
    since = parse_day(args.since, "since", today) if args.since else None
    until = parse_day(args.until, "until", today) if args.until else None
    unit_id, compound_id, campaign_id = (_named(context, args, key) for key in PLACE_FLAGS)
    if args.list == "repair-orders":
        status = _named(context, args, "status") or ""
        orders = OrderFilter(
            args.search, since, until, unit_id, compound_id, campaign_id=campaign_id, status=status
        )
        sort = OrderSort(args.sort or "reported_at", not args.ascending)
        return export_repair_orders(context, orders, sort, output, full=args.full)
    cleanups = CleanupFilter(
        args.search,
        since,
        until,
        unit_id,
        compound_id,
        category_id=_named(context, args, "category"),
        campaign_id=campaign_id,
    )
    return export_cleanups(
        context, cleanups, CleanupSort(args.sort or "done_on", not args.ascending), output
    )


def run_export(args: argparse.Namespace) -> int:
    from jinsha_desktop.reports.exports import (
        EXPORTABLE,
        export_named_list,
        export_people,
        export_visits,
    )
    from jinsha_desktop.services.registration import today_of
    from jinsha_desktop.services.visit_lists import VisitFilter, VisitSort

    output = Path(args.output)
    try:
        if args.list in EXPORTABLE:  # (an unknown list is named as such below)
            refuse_flags_not_taken(args)
        with logged_in(args.db, args.demo, args.user) as context:
            today = today_of(context)
            if args.list == "visits":
                checkpoint_id = checkpoint_named(context, args.checkpoint)
                flt = VisitFilter(
                    text=args.search,
                    since=parse_day(args.since, "since", today) if args.since else None,
                    until=parse_day(args.until, "until", today) if args.until else None,
                    checkpoint_id=checkpoint_id,
                    flagged=True if args.flagged else None,
                )
                sort = VisitSort(args.sort or "visited_at", not args.ascending)
                result = export_visits(context, flt, sort, output, full=args.full)
            elif args.list in ("repair-orders", "cleanups"):
                result = _export_repairs(context, args, output)
            elif args.list in ("inspections", "findings"):
                from jinsha_desktop.cli_inspection_exports import export_inspection_list

                result = export_inspection_list(context, args, output)
            elif args.list == "people":
                result = export_people(
                    context,
                    args.search,
                    args.sort or "last_visit_at",
                    not args.ascending,
                    output,
                    full=args.full,
                )
            else:
                result = export_named_list(context, args.list, output)
    except KnownError as error:
        return fail(error.message)
    sheets = f"，{len(result.sheet_names)} 个工作表" if len(result.sheet_names) > 1 else ""
    print(f"已导出 {result.rows} 行到 {result.path}{sheets}。")
    return 0


def add_import_command(commands: argparse._SubParsersAction[CliParser]) -> None:
    command = commands.add_parser(
        "import", help="从 Excel 导入：预览新增/更新/重复/错误，错误行另存为工作簿"
    )
    which = command.add_argument("importer", help="导入内容")

    def name_the_importers() -> None:
        from jinsha_desktop.services.imports import IMPORTERS

        names = " / ".join(f"{name}（{importer.title}）" for name, importer in IMPORTERS.items())
        which.help = f"导入内容：{names}"

    later(command, name_the_importers)
    command.add_argument("file", help="要导入的 .xlsx 工作簿")
    command.add_argument(
        "--mapping",
        default="",
        metavar="列=字段,…",
        help="改正列的对应，如 “身份证号码=证件号码,F=-”（列写表头或列字母，- 表示不导入）",
    )
    command.add_argument("--sheet", help="工作表名称（默认：第一个有表头的工作表）")
    command.add_argument("--dry-run", action="store_true", help="只预览，不写入数据库")
    command.add_argument("--report", metavar="FILE.xlsx", help="协查名单：比对结果的文件")
    command.add_argument(
        "--full", action="store_true", help="协查名单：结果中显示完整证件号和手机号（需有权限）"
    )
    add_user_arguments(command)


def _pairs(text: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in text.replace("，", ",").replace(";", ",").split(","):
        if not item.strip():
            continue
        column, sep, field = item.partition("=")
        if not sep:
            raise ValidationError(f"列的对应“{item}”应写成 列=字段。", "mapping")
        pairs[column.strip()] = field.strip()
    return pairs


def run_import(args: argparse.Namespace) -> int:
    from jinsha_desktop.reports.import_files import read_for_import, write_rejected
    from jinsha_desktop.reports.match_report import match_report
    from jinsha_desktop.services import imports as importing
    from jinsha_desktop.services.imports import importer_of

    source = Path(args.file)
    try:
        importer = importer_of(args.importer)
        pairs = _pairs(args.mapping)
        with logged_in(args.db, args.demo, args.user) as context:
            table = read_for_import(context, importer, source, sheet_name=args.sheet)
            recalled = importing.recall_mapping(context, importer, table)
            mapping = importing.mapping_from_names(importer, table, pairs, recalled.mapping)
            preview = importing.preview_import(context, importer, table, mapping, path=source)
            print(f"{importer.title}：工作表“{table.sheet_name}”，第 {table.header_row} 行为表头。")
            if recalled.note:
                print(f"注意：{recalled.note}")
            print(f"预览：{preview.summary()}")
            rejected = preview.rows_with(importing.RowOutcome.REJECT)
            if rejected:
                errors = source.with_name(f"{source.stem}-错误行.xlsx")
                write_rejected(preview, errors)
                print(f"错误行（{len(rejected)} 行）已另存为 {errors}，改正后可重新导入：")
                for row in rejected[:10]:
                    print(f"  第 {row.number} 行：{row.reason}")
            if not importer.writes_records:
                report = (
                    Path(args.report)
                    if args.report
                    else source.with_name(f"{source.stem}-比对结果.xlsx")
                )
                result = match_report(context, preview, report, full=args.full)
                print(
                    f"比对结果：{len(result.found)} 人有登记，{len(result.not_found)} 人没有，"
                    f"已写入 {report}"
                )
            elif args.dry_run:
                print("只预览（--dry-run），没有写入数据库。")
            else:
                counts = importing.apply_import(context, preview)
                done = "，".join(f"{o.label} {n} 行" for o, n in counts.items())
                print(f"已导入：{done}。")
    except KnownError as error:
        return fail(error.message)
    return 0
