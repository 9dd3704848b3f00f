"""Opening a database, the first run, and this machine's installation record."""

from __future__ import annotations

import logging
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.db.engine import Database, database_url, sqlite_file
from jinsha_desktop.db.errors import known_database_error, raise_known
from jinsha_desktop.db.instance_lock import AlreadyLocked, InstanceLock
from jinsha_desktop.db.migrate import (
    current_revision,
    head_revision,
    refuse_foreign_file,
    upgrade_database,
)
from jinsha_desktop.db.models import Installation, User
from jinsha_desktop.db.reference_models import Unit
from jinsha_desktop.domain.clock import Clock
from jinsha_desktop.domain.errors import DatabaseProblem
from jinsha_desktop.domain.first_run import FirstRun
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.reference import DEFAULT_UNITS
from jinsha_desktop.services.audit import install_audit_hooks
from jinsha_desktop.services.checklists import seed_checklists
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.integrity import DatabaseDamaged, check_at_startup
from jinsha_desktop.services.repair_catalogue import free_short_code, seed_repair_catalogue
from jinsha_desktop.services.settings import DATABASE_ID, UNIT_NAME, read_setting, write_setting

log = logging.getLogger(__name__)


@dataclass
class OpenDatabase:
    database: Database
    lock: InstanceLock | None
    backup: Path | None
    """The copy made before a schema upgrade, if one was made."""
    damage: str | None = None
    """Why the file was opened read-only (found damaged at start-up), for the user; None: fine."""

    def close(self) -> None:
        self.database.dispose()
        if self.lock is not None:
            self.lock.release()


def open_database(
    location: str | Path,
    backups: Path,
    clock: Clock,
    *,
    inspect_only: bool = False,
    integrity_record: Path | None = None,
) -> OpenDatabase:
    """Lock, check, connect, back up and migrate. Raises DatabaseProblem with a message for the
    user; a file refused (not ours, from a newer program) is refused before a byte is written.

    A SQLite file found damaged (services/integrity.py; `integrity_record` remembers the last
    full check) is opened read-only, every write refused, `damage` saying why; one that would
    need migrating as well cannot be used and raises DatabaseDamaged.

    `inspect_only` opens for reading beside a running program (e.g. `audit verify`): no lock, no
    migration, not a byte written, and a database not at this program's schema version is
    refused.
    """
    url = database_url(location)
    file = sqlite_file(url)
    if file is not None:
        refuse_foreign_file(file)
    database = Database(url, read_only=inspect_only)
    if inspect_only:
        try:
            current = current_revision(database.engine)
        except SQLAlchemyError as error:
            database.dispose()
            raise known_database_error(error) or error from error
        if current != head_revision():
            database.dispose()
            raise DatabaseProblem("这个数据库的版本与本程序不一致，请先用本程序正常打开一次。")
        install_audit_hooks(database)
        return OpenDatabase(database, None, None)
    lock = None
    if database.file is not None:
        try:
            database.file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseProblem(f"无法创建数据库所在的文件夹：{database.file.parent}") from error
        lock = InstanceLock(database.file)
        try:
            lock.acquire()
        except AlreadyLocked:
            raise DatabaseProblem(
                "这个数据库已经在另一个金沙台账窗口中打开了。请切换到那个窗口；"
                "同一个数据库不能同时打开两次。"
            ) from None
        except OSError as error:
            raise DatabaseProblem(f"无法在数据库所在的文件夹中写入：{error.strerror}") from error
    if database.file is not None and database.file.stat().st_size > 0:
        damage = check_at_startup(database.file, integrity_record)
        if damage is not None:
            database.dispose()
            return _open_damaged(url, lock, damage)
    try:
        backup = upgrade_database(database.engine, backups, clock.now())
        install_audit_hooks(database)
    except BaseException as error:
        database.dispose()
        if lock is not None:
            lock.release()
        if isinstance(error, SQLAlchemyError | OSError):
            raise_known(error)
        raise
    return OpenDatabase(database, lock, backup)


def _open_damaged(url: URL, lock: InstanceLock | None, damage: str) -> OpenDatabase:
    """A damaged file, read-only and every write refused, if it needs no migration."""
    database = Database(url, read_only=True)
    database.refuse_writes(damage)
    try:
        current = current_revision(database.engine)
    except SQLAlchemyError:
        current = None
    if current != head_revision():
        database.dispose()
        if lock is not None:
            lock.release()
        raise DatabaseDamaged(damage, sqlite_file(url))
    log.error("opened %s read-only: %s", database.file, damage)
    install_audit_hooks(database)
    return OpenDatabase(database, lock, None, damage)


def is_initialized(database: Database) -> bool:
    """Whether the first-run wizard has been completed on this database."""
    with database.read_sessions() as session:
        has_id = read_setting(session, DATABASE_ID) is not None
        users = session.scalar(
            select(func.count()).select_from(User).where(User.deleted_at.is_(None))
        )
        return has_id and bool(users)


def initialize(
    database: Database,
    clock: Clock,
    passwords: PasswordHashing,
    config: MachineConfig,
    answers: FirstRun,
) -> AppContext:
    """The first run: unit name, this installation, the default units, the first administrator.

    Returns a context for this installation (nobody logged in yet).
    """
    answers = answers.cleaned()
    if is_initialized(database):
        raise DatabaseProblem("这个数据库已经完成了初始设置。")
    installation_id = uuid.uuid4()
    database_id = str(uuid.uuid4())
    context = AppContext(database, clock, installation_id, passwords)
    with context.uow() as session:
        session.add(
            Installation(
                id=installation_id,
                name=answers.installation_name,
                hostname=socket.gethostname(),
                short_code=free_short_code(session, installation_id),
            )
        )
        write_setting(session, DATABASE_ID, database_id)
        write_setting(session, UNIT_NAME, answers.unit_name)
        for order, (name, kind) in enumerate(DEFAULT_UNITS):
            session.add(Unit(name=name, kind=kind.value, sort_order=order))
        session.add(
            User(
                username=answers.admin_username,
                display_name=answers.admin_display_name,
                role=Role.ADMIN.value,
                password_hash=passwords.hash(answers.admin_password),
            )
        )
    config.installations[database_id] = str(installation_id)
    seed_repair_catalogue(context)
    seed_checklists(context)
    return context


def local_installation(
    database: Database, clock: Clock, passwords: PasswordHashing, config: MachineConfig
) -> tuple[AppContext, bool]:
    """This machine's installation in an initialised database, registered if new here.

    Returns the context and whether the machine configuration changed (and should be saved).
    """
    known_id: uuid.UUID | None = None
    known_here = False
    with database.read_sessions() as session:
        database_id = read_setting(session, DATABASE_ID)
        if database_id is None:
            raise DatabaseProblem("这个数据库还没有完成初始设置。")
        known = config.installations.get(database_id)
        if known is not None:
            try:
                known_id = uuid.UUID(known)
            except ValueError:
                known_id = None
            known_here = known_id is not None and session.get(Installation, known_id) is not None
    if known_here and known_id is not None:
        context = AppContext(database, clock, known_id, passwords)
        if database.writes_refused is None:
            seed_repair_catalogue(context)  # a database from before the repairs module
            seed_checklists(context)  # or from before the inspections module
        return context, False
    # A database copied from another machine, or a new client of a shared server.
    installation_id = uuid.uuid4()
    context = AppContext(database, clock, installation_id, passwords)
    hostname = socket.gethostname()
    with context.uow() as session:
        session.add(
            Installation(
                id=installation_id,
                name=hostname[:60] or "本机",
                hostname=hostname,
                short_code=free_short_code(session, installation_id),
            )
        )
    config.installations[database_id] = str(installation_id)
    log.info("registered this machine as a new installation %s", installation_id)
    seed_repair_catalogue(context)
    seed_checklists(context)
    return context, True


def installation_name(context: AppContext) -> str:
    """The name of this machine's installation (shown in the title bar), "" if it is gone."""
    with context.reading() as session:
        installation = session.get(Installation, context.installation_id)
        return installation.name if installation is not None else ""
