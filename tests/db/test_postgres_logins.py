"""Logins at once on a real PostgreSQL server (issue 11.12): renewing a password hash made at an
older cost must never make a login fail, even when two program windows log the same account in
at the same moment and both want to renew it."""

from __future__ import annotations

import threading
from dataclasses import replace

from sqlalchemy import select

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.db.models import User
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.services import auth
from jinsha_desktop.services.audit import verify_audit
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.setup import local_installation
from tests.conftest import ADMIN_PASSWORD
from tests.db.conftest import Opener
from tests.unit.support import USER_PASSWORD, add_user

ROUNDS = 6
WINDOWS = 3

# Today's cost, as far as these tests are concerned: a hash made by the `passwords` fixture
# (time_cost=1) needs renewing under it.
TODAY = PasswordHashing(time_cost=2, memory_cost_kib=1024, parallelism=1)


def login_at_once(windows: list[AppContext], username: str) -> list[BaseException]:
    start = threading.Barrier(len(windows))
    errors: list[BaseException] = []

    def log_in(context: AppContext) -> None:
        try:
            start.wait(timeout=30)
            assert auth.login(context, username, USER_PASSWORD).user is not None
        except BaseException as error:  # reported in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=log_in, args=(c,)) for c in windows]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def test_logins_at_once_that_renew_the_hash_all_succeed(
    pg_context: AppContext,
    open_pg: Opener,
    clock: FixedClock,
    passwords: PasswordHashing,
    pg_config: MachineConfig,
) -> None:
    admin = auth.login(pg_context, "admin", ADMIN_PASSWORD)
    clerk = add_user(admin, "clerk", Role.CLERK)
    windows = [replace(pg_context, passwords=TODAY)]
    for _ in range(WINDOWS - 1):  # other program windows: their own connection pools
        other, _changed = local_installation(open_pg().database, clock, passwords, pg_config)
        windows.append(replace(other, passwords=TODAY))

    for _round in range(ROUNDS):
        auth.reset_password(admin, clerk.id, USER_PASSWORD)  # hashed at the old cost again
        errors = login_at_once(windows, "clerk")
        assert errors == [], [str(e) for e in errors]
        with pg_context.reading() as session:
            stored = session.scalar(select(User.password_hash).where(User.id == clerk.id))
        assert stored is not None and not TODAY.needs_rehash(stored)
        assert TODAY.verify(stored, USER_PASSWORD)

    with pg_context.reading() as session:
        report = verify_audit(session)
    assert report.ok, report
