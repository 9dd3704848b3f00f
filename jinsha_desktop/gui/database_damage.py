"""A damaged database at start-up or found by the daily check: say so, offer the latest backup.

The rules are in services/integrity.py (what counts as damaged, writes refused) and
services/backup.py (which backup is good, restoring keeps the damaged file aside); this module
only asks the person and runs those services off the GUI thread. It is imported by the start-up
(gui/app.py) only once a check has found something, or after login for the daily check.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from jinsha_desktop import paths
from jinsha_desktop.gui.jobs import run_job
from jinsha_desktop.gui.workers import Job

if TYPE_CHECKING:
    from jinsha_desktop.gui.app import Startup

log = logging.getLogger(__name__)


def integrity_record() -> Path:
    from jinsha_desktop.services.integrity import RECORD_NAME

    return paths.data_dir() / RECORD_NAME


@dataclass
class Damage:
    """What the start-up job found: the damage and the backup to offer (runs off the GUI)."""

    message: str
    file: Path | None
    backup: Path | None


def find_backup(message: str, file: Path | None) -> Damage:
    """Runs in the start-up job: look for the newest good backup (each one is checked)."""
    from jinsha_desktop.services.backup import latest_good_backup

    backup = latest_good_backup(paths.backups_dir(), file) if file is not None else None
    return Damage(message, file, backup)


def offer_restore(startup: Startup, damage: Damage) -> None:
    """Say plainly that the file is damaged; restore the latest good backup if the person
    agrees, then open it as at start-up; otherwise end (nothing can be saved to this file)."""
    parent = startup.login or startup.wizard
    title = QCoreApplication.translate("DatabaseDamage", "The database is damaged")
    if damage.backup is None or damage.file is None:
        advice = (
            QCoreApplication.translate(
                "DatabaseDamage",
                "No good backup was found in the backups folder (%s). Keep the damaged file "
                "and ask a technician; restore a backup you made yourself by copying it in "
                "place of the database file.",
            )
            % paths.backups_dir()
        )
        # What happened and that nothing more is saved (the service's message), then advice.
        startup.prompts.warn(parent, title, f"{damage.message}\n\n{advice}")
        startup.ended.emit(1)
        return
    when = datetime.fromtimestamp(damage.backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    question = (
        QCoreApplication.translate(
            "DatabaseDamage",
            "Restore the latest good backup, %1 (made %2)? The damaged file is kept beside it, "
            "renamed, never deleted. Records saved after the backup was made are only in the "
            "damaged file: ask a technician to recover them from it.",
        )
        .replace("%1", damage.backup.name)
        .replace("%2", when)
    )
    if not startup.prompts.confirm(
        parent,
        title,
        f"{damage.message}\n\n{question}",
        QCoreApplication.translate("DatabaseDamage", "Restore the backup"),
    ):
        startup.ended.emit(1)
        return
    startup.close()  # the damaged file is closed and unlocked before it is moved aside
    startup.prepared = None

    def restored(aside: Path) -> None:
        startup.prompts.info(
            parent,
            QCoreApplication.translate("DatabaseDamage", "Backup restored"),
            QCoreApplication.translate(
                "DatabaseDamage", "The backup was restored. The damaged file was kept as %s."
            )
            % aside,
        )
        startup.reopen_database()

    startup.keep_job(
        run_job(
            restore,
            damage.file,
            damage.backup,
            startup.clock,
            parent=parent,
            prompts=startup.prompts,
            title=title,
            on_done=restored,
            on_known_error=startup.database_failed,
        )
    )


def restore(file: Path, backup: Path, clock: Any) -> Path:
    from jinsha_desktop.services import integrity
    from jinsha_desktop.services.backup import restore_backup

    aside = restore_backup(file, backup, clock.now())
    integrity.forget(integrity_record(), file)
    log.warning("restored %s from %s; the damaged file was kept as %s", file, backup, aside)
    return aside


class DailyCheck:
    """The full integrity check after login, off the GUI thread, when one is due (once a day).

    On damage the database refuses every write at once (the service does it) and the person is
    told; the next start offers the backup.
    """

    def __init__(self, startup: Startup, database: Any) -> None:
        self.startup, self.database = startup, database
        self.stop = threading.Event()
        self.job: Job | None = None

    def start(self) -> None:
        from jinsha_desktop.services.integrity import full_check_due

        file = self.database.file
        if file is None or not full_check_due(file, integrity_record(), self.startup.clock.now()):
            return
        # A thread of its own, not the shared pool: on a one-core laptop the pool has one
        # thread, and a minute of checking must not hold back the person's exports.
        self.job = Job()
        self.job.finished.connect(self._done)
        self.job.failed.connect(self._failed)
        threading.Thread(target=self._run, name="integrity-check", daemon=True).start()

    def _run(self) -> None:
        from jinsha_desktop.services.integrity import run_full_check

        job = self.job
        assert job is not None
        try:
            result = run_full_check(
                self.database, integrity_record(), self.startup.clock.now(), self.stop.is_set
            )
        except BaseException as error:  # delivered to the GUI thread (signals are queued)
            job.failed.emit(error)
        else:
            job.finished.emit(result)

    def _done(self, result: Any) -> None:
        self.job = None
        if result.ok:
            return
        window = self.startup.window
        self.startup.prompts.warn(
            window,
            QCoreApplication.translate("DatabaseDamage", "The database is damaged"),
            QCoreApplication.translate(
                "DatabaseDamage",
                "The daily check found the database file damaged. Nothing more is saved to it. "
                "Quit the program and start it again to restore the latest good backup.",
            )
            + f"\n\n{self.database.writes_refused or ''}",
        )

    def _failed(self, error: BaseException) -> None:
        self.job = None
        log.warning("the daily database check could not run: %s", error)
