"""Command line: `jinsha-desktop` starts the GUI; subcommands call the same services headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jinsha_desktop import __version__
from jinsha_desktop.cli_inspections import add_ranking_command
from jinsha_desktop.cli_repairs import add_repairs_command
from jinsha_desktop.cli_reports import (
    CliParser,
    add_export_command,
    add_import_command,
    add_ledger_command,
)


def build_parser() -> argparse.ArgumentParser:
    """Definitions only: `jinsha-desktop` starts the GUI from here, so nothing heavy is imported
    (each command imports its services when it runs; tests/gui/test_startup_imports.py)."""
    parser = CliParser(
        prog="jinsha-desktop",
        description="金沙台账 · Jinsha Ledger：卡点登记、维修整治、检查评比的离线台账系统。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="数据库文件路径或 SQLAlchemy 地址（默认：数据目录中的 jinsha.sqlite3）",
    )
    parser.add_argument(
        "--demo", action="store_true", help="打开演示数据库（单独的文件，首次使用时自动生成）"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="无界面自检：建临时数据库、迁移、建用户，成功则返回 0",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo-data", help="生成演示数据到新的数据库文件（无界面）")
    demo.add_argument("--db", dest="target", required=True, metavar="PATH", help="新数据库文件")
    demo.add_argument("--scale", type=int, default=1, help="规模倍数（默认 1）")

    audit = commands.add_parser("audit", help="操作日志")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = audit_commands.add_parser(
        "verify",
        help="校验操作日志的哈希链、记录和锚点；退出码 0 完整，1 有程序之外的改动，"
        "2 无法打开，3 数据库文件已损坏",
    )
    verify.add_argument("--db", dest="verify_db", metavar="PATH_OR_URL", help="要校验的数据库")
    verify.add_argument(
        "--head",
        action="append",
        default=[],
        metavar="ANCHOR",
        help="台账页脚印的操作日志锚点（如 978b3502·11·a6cffe3ed133f7ab），"
        "可给多次：日志须仍包含它",
    )

    add_ledger_command(commands)
    add_export_command(commands)
    add_import_command(commands)
    add_repairs_command(commands)
    add_ranking_command(commands)
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo-data":
        return _demo_data(Path(args.target), args.scale)
    if args.command == "audit":
        return _audit_verify(args.verify_db or args.db, args.head)
    if args.command == "ledger":
        from jinsha_desktop.cli_reports import run_ledger

        return run_ledger(args)
    if args.command == "export":
        from jinsha_desktop.cli_reports import run_export

        return run_export(args)
    if args.command == "repairs":
        from jinsha_desktop.cli_repairs import run_repairs

        return run_repairs(args)
    if args.command == "ranking":
        from jinsha_desktop.cli_inspections import run_ranking

        return run_ranking(args)
    if args.command == "import":
        from jinsha_desktop.cli_reports import run_import

        return run_import(args)
    if args.self_test:
        from jinsha_desktop.gui.self_test import run_self_test

        return run_self_test()
    from jinsha_desktop.gui.app import run_gui

    return run_gui(database=args.db, demo=args.demo)


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return 2


def _demo_data(target: Path, scale: int) -> int:
    from jinsha_desktop import paths
    from jinsha_desktop.config import MachineConfig
    from jinsha_desktop.domain.clock import SystemClock
    from jinsha_desktop.domain.errors import KnownError
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.services.demo import DEMO_PASSWORD, write_demo_data

    try:
        summary = write_demo_data(
            target, paths.backups_dir(), scale, SystemClock(), PasswordHashing(), MachineConfig()
        )
    except KnownError as error:
        return _fail(error.message)
    counts = "，".join(f"{k} {v}" for k, v in sorted(summary.counts.items()))
    print(f"已生成演示数据：{target}（{counts}）。登录：admin / {DEMO_PASSWORD}")
    return 0


def _audit_verify(location: str | None, printed_heads: list[str] | None = None) -> int:
    """Exit 0: intact; 1: changed outside the program; 2: cannot be opened; 3: damaged file."""
    from jinsha_desktop import paths
    from jinsha_desktop.config import MachineConfig
    from jinsha_desktop.domain.clock import SystemClock
    from jinsha_desktop.domain.errors import KnownError
    from jinsha_desktop.services.audit_verify import (
        DamagedDatabase,
        damage_of,
        verify_database,
    )
    from jinsha_desktop.services.setup import open_database

    config = MachineConfig.load(paths.config_path())
    target = location or config.database or str(paths.default_database_path())
    if "://" not in target and not Path(target).exists():
        return _fail(f"数据库文件不存在：{target}")
    try:
        opened = open_database(target, paths.backups_dir(), SystemClock(), inspect_only=True)
        try:
            report = verify_database(opened.database, printed_heads=printed_heads or [])
        finally:
            opened.close()
    except KnownError as error:
        damaged = error if isinstance(error, DamagedDatabase) else damage_of(error)
        if damaged is None:
            return _fail(error.message)
        print(f"错误：{damaged.message}", file=sys.stderr)
        return 3
    print(f"已校验 {report.entries_checked} 条操作日志、{report.records_checked} 条记录。")
    if report.ok:
        print("操作日志完整，未发现程序之外的改动。")
    for line in report.problems:
        print(line)
    for line in report.anchor_warnings:
        print(f"注意：{line}")
    return 0 if report.ok else 1
