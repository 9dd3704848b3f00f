"""`jinsha-desktop --self-test`: the whole program headless on a throwaway database.

Used by CI and by the packaged build to prove that Qt, the fonts, the translations, the
migrations and the services all load and work together.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    steps: list[str] = []
    try:
        _run(steps)
    except Exception:
        for line in steps:
            print(f"  ok  {line}")
        print("自检失败 / self-test FAILED:", file=sys.stderr)
        traceback.print_exc()
        return 1
    for line in steps:
        print(f"  ok  {line}")
    print("自检通过 / self-test passed")
    return 0


def _ledger_step(admin: Any, folder: Path) -> None:
    """A blank registration sheet through reportlab and the bundled fonts, opened by Qt PDF."""
    from PySide6.QtPdf import QPdfDocument

    from jinsha_desktop.reports.ledgers import LedgerRequest, generate_ledger
    from jinsha_desktop.services.registration import today_of

    today = today_of(admin)
    result = generate_ledger(admin, LedgerRequest("blank", today, today), folder / "blank.pdf")
    document = QPdfDocument()
    if document.load(str(result.path)) != QPdfDocument.Error.None_ or document.pageCount() != 1:
        raise RuntimeError("the ledger PDF cannot be read back")
    document.close()


def _totals_step(window: Any) -> None:
    """The repairs module's totals page: the one page that draws with QtCharts (a package
    built without it would fail only there)."""
    from jinsha_desktop.gui.pages.repairs.totals_chart import TotalsChart

    module = window.page("repairs")
    page = module.page("jinsha_desktop.gui.pages.repairs.totals_page:TotalsPage")
    chart = page.findChild(TotalsChart)
    if chart is None or chart.chart() is None or page.grab().isNull():
        raise RuntimeError("the totals chart did not draw")


def _run(steps: list[str]) -> None:
    from PySide6.QtWidgets import QApplication

    from jinsha_desktop.config import MachineConfig
    from jinsha_desktop.gui.look import install_translators, register_fonts

    app = QApplication.instance() or QApplication(sys.argv[:1])
    families = register_fonts()
    if not families:
        raise RuntimeError("bundled CJK fonts did not load")
    steps.append(f"fonts: {', '.join(families)}")
    translators = install_translators(app, "zh_CN")  # type: ignore[arg-type]
    if not translators or app.translate("MainWindow", "Administration") == "Administration":
        raise RuntimeError("zh_CN translation did not load")
    steps.append("translation zh_CN")

    from jinsha_desktop.domain.clock import SystemClock
    from jinsha_desktop.domain.first_run import FirstRun
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.domain.permissions import Role
    from jinsha_desktop.gui.context import GuiContext
    from jinsha_desktop.gui.windows.main_window import MainWindow
    from jinsha_desktop.services import auth, reference
    from jinsha_desktop.services.audit import verify_audit
    from jinsha_desktop.services.setup import initialize, open_database

    clock, passwords = SystemClock(), PasswordHashing()
    with tempfile.TemporaryDirectory(prefix="jinsha-self-test-") as folder:
        database = Path(folder) / "self-test.sqlite3"
        opened = open_database(database, Path(folder) / "backups", clock)
        try:
            steps.append("database opened and migrated")
            config = MachineConfig()
            answers = FirstRun(
                "通州区金沙街道", "自检", "admin", "自检管理员", "self-test-2026", "self-test-2026"
            )
            context = initialize(opened.database, clock, passwords, config, answers)
            admin = auth.login(context, answers.admin_username, answers.admin_password)
            auth.create_user(
                admin, auth.UserInput("volunteer", "卡点志愿者", Role.CHECKPOINT), "self-test-2026"
            )
            auth.login(context, "volunteer", "self-test-2026")
            steps.append("users created, logged in")
            if len(reference.list_units(admin)) != 5:
                raise RuntimeError("default units missing")
            with opened.database.read_sessions() as session:
                report = verify_audit(session)
            if not report.ok:
                raise RuntimeError(f"audit chain broken: {report.first_broken}")
            steps.append(f"audit chain verified ({report.entries_checked} entries)")
            window = MainWindow(
                GuiContext(
                    admin, opened, config, Path(folder) / "config.json", cjk_families=families
                ),
                "自检",
            )
            window.show()
            window.page("administration")
            if window.grab().isNull():
                raise RuntimeError("main window did not render")
            steps.append("main window shown")
            _totals_step(window)
            steps.append("repair totals page drawn with its chart (QtCharts)")
            window.close()
            _ledger_step(admin, Path(folder))
            steps.append("ledger written with the bundled fonts and read back by Qt PDF")
        finally:
            opened.close()
