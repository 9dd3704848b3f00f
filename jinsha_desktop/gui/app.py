"""Start-up: show the login window at once, open the database behind it, then the main window.

Nothing heavy is imported before the first window is on screen: SQLAlchemy and the services load
in a background job while the user types their name (see the start-up benchmark).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from jinsha_desktop import paths
from jinsha_desktop.config import MachineConfig
from jinsha_desktop.domain.clock import Clock, SystemClock
from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.gui.dialogs.crash_dialog import install_crash_handler
from jinsha_desktop.gui.dialogs.login_dialog import LoginDialog
from jinsha_desktop.gui.jobs import run_job
from jinsha_desktop.gui.look import (
    apply_interface_scale,
    fit_to_screen,
    install_translators,
    register_fonts,
)
from jinsha_desktop.gui.prompts import Prompts
from jinsha_desktop.gui.widgets.wheel_guard import install_wheel_guard
from jinsha_desktop.gui.workers import Job, MainThreadGarbageCollector
from jinsha_desktop.logging_setup import configure_logging

if TYPE_CHECKING:
    from jinsha_desktop.domain.first_run import FirstRun
    from jinsha_desktop.gui.dialogs.first_run import FirstRunWizard

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")


def route_qt_messages() -> None:
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _context: Any, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


@dataclass
class Prepared:
    """What the background job found: the open database and, once set up, this installation."""

    opened: Any
    context: Any = None
    unit_name: str = ""
    installation_name: str = ""
    damage: Any = None
    """A damaged file (gui/database_damage.Damage): it is reported, not logged into."""


def prepare_database(
    location: str, demo: bool, config: MachineConfig, clock: Clock, passwords: PasswordHashing
) -> Prepared:
    """Runs off the GUI thread: generate the demo data if needed, open, migrate, find ourselves."""
    from jinsha_desktop.services import demo as demo_data
    from jinsha_desktop.services import settings, setup

    if demo and not Path(location).exists():
        demo_data.write_demo_data(location, paths.backups_dir(), 1, clock, passwords, config)
    opened, damage = _open_checked(location, clock)
    if damage is not None:
        return Prepared(opened, damage=damage)
    from jinsha_desktop.services import registration

    registration.warm_up()
    try:
        if not setup.is_initialized(opened.database):
            return Prepared(opened)
        context, _changed = setup.local_installation(opened.database, clock, passwords, config)
        name = setup.installation_name(context)
        return Prepared(opened, context, settings.unit_name(context), name)
    except BaseException:
        opened.close()
        raise


def _open_checked(location: str, clock: Clock) -> tuple[Any, Any]:
    """Open the database and check it is not damaged (issue 11.5): (opened, None), or the
    damage and the backup to offer (opened read-only, or None when it cannot be opened)."""
    from jinsha_desktop.gui import database_damage
    from jinsha_desktop.services import setup
    from jinsha_desktop.services.integrity import DatabaseDamaged

    record = database_damage.integrity_record()
    try:
        opened = setup.open_database(location, paths.backups_dir(), clock, integrity_record=record)
    except DatabaseDamaged as damaged:
        return None, database_damage.find_backup(damaged.message, damaged.file)
    if opened.damage is None:
        return opened, None
    return opened, database_damage.find_backup(opened.damage, opened.database.file)


class _FirstExpose(QObject):
    """Calls back once, after the watched window was first exposed (Qt paints it then)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Expose and isinstance(watched, QWindow):
            if watched.isExposed():
                # A zero timer: runs once the expose has been handled, i.e. after the paint.
                QTimer.singleShot(0, self, self.fire)
        return False

    def fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self.deleteLater()  # and with it the filter and the fallback timer
            then()


PAINT_FALLBACK_MS = 1500
"""A window that is never exposed (started minimised) must not hold the start-up back forever."""


def when_painted(widget: QWidget, then: Callable[[], None]) -> None:
    """Call `then` once, right after `widget` (shown) is first painted on screen."""
    watcher = _FirstExpose(widget, then)
    handle = widget.windowHandle()
    if handle is not None and handle.isExposed():
        QTimer.singleShot(0, watcher, watcher.fire)
        return
    if handle is not None:
        handle.installEventFilter(watcher)
    QTimer.singleShot(PAINT_FALLBACK_MS, watcher, watcher.fire)


class Startup(QObject):
    """Drives first run, login, the main window, logout; owns the open database."""

    ended = Signal(int)
    """The program should end with this exit code (the user left, or it cannot go on)."""

    def __init__(
        self,
        location: str,
        demo: bool,
        config: MachineConfig,
        config_path: Path,
        cjk_families: list[str],
        prompts: Prompts,
        clock: Clock | None = None,
        passwords: PasswordHashing | None = None,
    ) -> None:
        super().__init__()
        self.location, self.demo = location, demo
        self.config, self.config_path = config, config_path
        self.cjk_families, self.prompts = cjk_families, prompts
        self.clock = clock or SystemClock()
        self._passwords = passwords
        self.prepared: Prepared | None = None
        self.login: LoginDialog | None = None
        self.wizard: FirstRunWizard | None = None
        self.window: Any = None
        self._job: Job | None = None
        self._daily_check: Any = None

    @property
    def passwords(self) -> PasswordHashing:
        # Made when first needed, after the first window: it imports argon2.
        if self._passwords is None:
            self._passwords = PasswordHashing()
        return self._passwords

    def start(self) -> None:
        is_new = not self.demo and "://" not in self.location and not Path(self.location).exists()
        if is_new and Path(self.location) != paths.default_database_path():
            # A database chosen in the settings or with --db is missing: perhaps a USB stick is
            # not plugged in. Creating an empty one there silently would hide the real data.
            if not self.prompts.confirm(
                None,
                self.tr("Database not found"),
                self.tr(
                    "The database file %s does not exist. If it is on a USB stick or a "
                    "network drive, connect it and start again. Create a new, empty "
                    "database there?"
                )
                % self.location,
                self.tr("Create a new database"),
            ):
                QTimer.singleShot(0, lambda: self.ended.emit(1))
                return
        first = self.show_wizard() if is_new else self.show_login()
        # The database job imports SQLAlchemy, Alembic and argon2 (and holds the GIL while it
        # does): it starts once the first window is on screen, and the window comes first.
        when_painted(first, self._open_database)

    def _open_database(self) -> None:
        if self._job is not None:
            return
        self._job = run_job(
            prepare_database,
            self.location,
            self.demo,
            self.config,
            self.clock,
            self.passwords,
            parent=self.login or self.wizard,
            prompts=self.prompts,
            title=self.tr("Cannot open the database"),
            on_done=self._database_ready,
            on_known_error=self.database_failed,
        )

    # -- database

    def _database_ready(self, prepared: Prepared) -> None:
        self.prepared = prepared
        if prepared.damage is not None:
            from jinsha_desktop.gui.database_damage import offer_restore

            offer_restore(self, prepared.damage)
            return
        self.config.save(self.config_path)
        if prepared.context is None and self.wizard is None:
            if self.login is not None:
                self.login.hide()
            self.show_wizard()
        elif self.login is not None and prepared.context is not None:
            self._login_ready()

    def reopen_database(self) -> None:
        """Open the database again as at start-up (after a backup was restored)."""
        self._job = None
        self._open_database()

    def keep_job(self, job: Job) -> None:
        self._job = job

    def database_failed(self, error: KnownError) -> None:
        """The database cannot be opened or restored (a bug goes to the crash handler)."""
        parent = self.login or self.wizard
        self.prompts.warn(parent, self.tr("Cannot open the database"), error.message)
        self.ended.emit(1)

    # -- first run

    def show_wizard(self) -> FirstRunWizard:
        from jinsha_desktop.gui.dialogs.first_run import FirstRunWizard

        self.wizard = FirstRunWizard(self._complete_first_run)
        self.wizard.rejected.connect(lambda: self.ended.emit(0))
        self.wizard.accepted.connect(self._first_run_done)
        self.wizard.show()
        return self.wizard

    def _complete_first_run(self, answers: FirstRun) -> None:
        from jinsha_desktop.services import setup

        if self.prepared is None:
            raise KnownError(
                self.tr("The database is still being prepared; please try again in a moment.")
            )
        context = setup.initialize(
            self.prepared.opened.database, self.clock, self.passwords, self.config, answers
        )
        self.config.save(self.config_path)
        self.prepared.context = context
        self.prepared.unit_name = answers.cleaned().unit_name
        self.prepared.installation_name = answers.cleaned().installation_name

    def _first_run_done(self) -> None:
        assert self.wizard is not None
        username = self.wizard.form.admin_username.text().strip()
        self.wizard.deleteLater()
        self.wizard = None
        self.show_login()
        assert self.login is not None
        self.login.form.username.setText(username)
        self.login.form.password.setFocus()
        self._login_ready()

    # -- login

    def show_login(self) -> LoginDialog:
        self.login = LoginDialog()
        self.login.submitted.connect(self._try_login)
        self.login.rejected.connect(lambda: self.ended.emit(0))
        self.login.show()
        self.login.form.username.setFocus()
        # While the user types the password: load the main window's code, so that the window
        # is there at once after "Log in" (a moment after the login window has been painted).
        when_painted(self.login, lambda: QTimer.singleShot(300, self._preload_main_window))
        return self.login

    @staticmethod
    def _preload_main_window() -> None:
        import jinsha_desktop.gui.pages.checkpoint.registration_module  # noqa: F401
        import jinsha_desktop.gui.windows.main_window  # noqa: F401

    def _login_ready(self) -> None:
        assert self.login is not None and self.prepared is not None
        self.login.set_unit(self.prepared.unit_name)
        self.login.set_ready(True)
        if self.demo:
            from jinsha_desktop.services.demo import DEMO_PASSWORD

            self.login.show_hint(
                self.tr("Demo data. Log in as admin, clerk, volunteer or viewer; password %s")
                % DEMO_PASSWORD
            )

    def _try_login(self, username: str, password: str) -> None:
        from jinsha_desktop.services import auth

        assert self.login is not None and self.prepared is not None
        try:
            context = auth.login(self.prepared.context, username, password)
        except KnownError as error:
            self.login.show_error(error.message)
            return
        self.open_main_window(context)

    def open_main_window(self, context: Any) -> None:
        from jinsha_desktop.gui.context import GuiContext
        from jinsha_desktop.gui.dialogs.user_dialogs import PasswordDialog
        from jinsha_desktop.gui.windows.main_window import MainWindow
        from jinsha_desktop.services import auth

        assert self.prepared is not None
        gui = GuiContext(
            context,
            self.prepared.opened,
            self.config,
            self.config_path,
            self.prompts,
            self.demo,
            self.cjk_families,
        )
        if auth.must_change_password(context):
            if PasswordDialog(gui, self.login, forced=True).exec() != QDialog.DialogCode.Accepted:
                auth.logout(context)
                return
        self.window = MainWindow(gui, self.prepared.installation_name)
        self.window.logout_requested.connect(self._logout)
        fit_to_screen(self.window)  # a 1366×768 laptop: within the screen, less the task bar
        self.window.show()
        if self.login is not None:
            self.login.hide()
            self.login.deleteLater()
            self.login = None
        # What is not needed for the first paint waits for it: the draft question over a
        # window already drawn, the day's integrity check not competing with the drawing.
        when_painted(self.window, self.window.offer_drafts)
        if self._daily_check is None:
            from jinsha_desktop.gui.database_damage import DailyCheck

            self._daily_check = DailyCheck(self, self.prepared.opened.database)
            when_painted(self.window, self._daily_check.start)

    def _logout(self) -> None:
        from jinsha_desktop.services import auth

        assert self.prepared is not None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setQuitOnLastWindowClosed(False)
        if not self.window.close():  # unsaved input, and the user chose to stay
            app.setQuitOnLastWindowClosed(True)
            return
        auth.logout(self.window.gui.services)
        self.window.deleteLater()
        self.window = None
        self.show_login()
        self._login_ready()
        app.setQuitOnLastWindowClosed(True)

    def close(self) -> None:
        if self._daily_check is not None:
            self._daily_check.stop.set()
        if self.prepared is not None and self.prepared.opened is not None:
            self.prepared.opened.close()


def run_gui(database: str | None = None, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Jinsha Ledger")
    app.setOrganizationName("Jinsha")
    install_wheel_guard(app)  # before any widget is made: the wheel scrolls, values stay
    config_path = paths.config_path()
    config = MachineConfig.load(config_path)
    log_file = configure_logging(paths.logs_dir())
    route_qt_messages()
    install_crash_handler(str(log_file))
    translators = install_translators(app, config.language)  # noqa: F841  (kept alive)
    families = register_fonts()
    apply_interface_scale(app, families, config.interface_scale)
    if demo:
        location = str(paths.demo_database_path())
    else:
        location = database or config.database or str(paths.default_database_path())
    collector = MainThreadGarbageCollector(app)  # noqa: F841  (owned by the application)
    startup = Startup(location, demo, config, config_path, families, Prompts())
    startup.ended.connect(app.exit)
    startup.start()
    try:
        return app.exec()
    finally:
        startup.close()
