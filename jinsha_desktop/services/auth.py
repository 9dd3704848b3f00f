"""Logging in, and the administrator's management of user accounts."""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import os
import secrets
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from jinsha_desktop import paths
from jinsha_desktop.db.models import AuditEntry, User
from jinsha_desktop.db.reference_models import Unit
from jinsha_desktop.domain.errors import (
    AuthenticationFailed,
    FieldChecks,
    KnownError,
    ValidationError,
)
from jinsha_desktop.domain.passwords import LockoutPolicy, check_password_rules
from jinsha_desktop.domain.permissions import Permission, Role
from jinsha_desktop.domain.text import clean_name, clean_username, to_halfwidth
from jinsha_desktop.services.audit import log_action, record_action
from jinsha_desktop.services.context import AppContext, CurrentUser
from jinsha_desktop.services.editing import load_for_edit

log = logging.getLogger(__name__)

LOCKOUT = LockoutPolicy()
WRONG_CREDENTIALS = "用户名或密码不正确。"


def login(context: AppContext, username: str, password: str) -> AppContext:
    """Check the password; returns the context acting as that user.

    Failures are counted and audited even though the login is refused. Someone at the login
    window cannot tell a known user name from an unknown one: the same message, the same
    countdown and lock (an unknown name's are replayed from the audit log), the same field.
    """
    name = to_halfwidth((username or "").strip())  # as stored by clean_username
    failure: str | None = None
    with context.uow() as session:
        user = _active_by_username(session, name)
        now = context.clock.now()
        if user is None:
            context.passwords.hash(password or "x")  # same cost as a real check: no user probing
            failure = _unknown_name_failure(session, name, now)
        elif LOCKOUT.is_locked(user.locked_until, now):
            failure = _locked_message(user.locked_until, now)
            _record_as(session, user, "login_failed", "账号锁定中")
        elif not context.passwords.verify(user.password_hash, password or ""):
            failures, locked_until = LOCKOUT.after_failure(user.failed_login_count, now)
            _bookkeep(session, user, failed_login_count=failures, locked_until=locked_until)
            failure = _wrong_password_message(failures, locked_until)
            _record_as(session, user, "login_failed", "密码错误")
        elif not user.is_active:  # said only to someone who knows the password
            failure = "这个账号已停用，请联系管理员。"
            _record_as(session, user, "login_failed", "账号已停用")
        else:
            _bookkeep(session, user, failed_login_count=0, locked_until=None, last_login_at=now)
            current = _current(user)
            stored_hash = user.password_hash
            session.info["context"] = context.as_user(current)
            record_action(session, "login", "登录成功")
    if failure is not None:
        raise AuthenticationFailed(failure, "password" if name else "username")
    logged_in = context.as_user(current)
    if context.passwords.needs_rehash(stored_hash):
        _rehash(logged_in, password)
    return logged_in


def _wrong_password_message(failures: int, locked_until: datetime | None) -> str:
    if locked_until is not None:
        minutes = int(LOCKOUT.lock_duration.total_seconds() // 60)
        return f"密码连续输错 {LOCKOUT.max_failures} 次，账号已锁定 {minutes} 分钟。"
    return f"{WRONG_CREDENTIALS}再错 {LOCKOUT.max_failures - failures} 次账号将被锁定。"


def _locked_message(locked_until: datetime | None, now: datetime) -> str:
    assert locked_until is not None
    minutes = max(1, math.ceil((locked_until - now).total_seconds() / 60))
    return f"密码连续输错 {LOCKOUT.max_failures} 次，账号已锁定，请 {minutes} 分钟后再试。"


UNKNOWN_NAME_MEMORY = timedelta(days=1)
"""How far back an unknown name's failures are replayed (an account's own count has no end,
but nobody types the same unknown name five times a day apart)."""


def _unknown_name_failure(session: Session, name: str, now: datetime) -> str:
    """The message a known account would get, from this name's earlier failures in the audit
    log replayed under the lockout policy; the failure is audited under the name's digest."""
    summary = f"未知用户名（摘要 {username_digest(name)}）"
    earlier = session.scalars(
        select(AuditEntry.at)
        .where(
            AuditEntry.action == "login_failed",
            AuditEntry.at >= now - UNKNOWN_NAME_MEMORY,
            AuditEntry.summary == summary,
        )
        .order_by(AuditEntry.at.desc(), AuditEntry.seq.desc())
        .limit(100)
    ).all()
    failures, locked_until = 0, None
    for at in reversed(earlier):
        if not LOCKOUT.is_locked(locked_until, at):
            failures, locked_until = LOCKOUT.after_failure(failures, at)
    record_action(session, "login_failed", summary)
    if LOCKOUT.is_locked(locked_until, now):
        return _locked_message(locked_until, now)
    return _wrong_password_message(*LOCKOUT.after_failure(failures, now))


DIGEST_KEY_FILE = "login-names.key"


def username_digest(name: str) -> str:
    """What the audit log keeps of a user name nobody has: a keyed digest, never the name.

    People type their password into the name field. A plain SHA-256 of it (or a prefix) would
    fall to a dictionary in seconds for anyone holding the database, a backup or a bundle, so
    the digest is an HMAC-SHA256 under a random key of this installation kept in its data
    folder (not in the database). It still shows an administrator the same unknown name tried
    again and again, and lets the login replay that name's failures (_unknown_name_failure).
    Someone holding both the data folder and the database can test guesses against it; they
    hold the laptop, and could watch the keyboard as well.
    """
    digest = hmac.new(_digest_key(), name.encode("utf-8", "surrogatepass"), hashlib.sha256)
    return digest.hexdigest()[:16]


def _digest_key() -> bytes:
    path = paths.data_dir() / DIGEST_KEY_FILE
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        pass
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: of two programs creating it at once, one writes and both read its key
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(key.hex())
            out.flush()
            os.fsync(out.fileno())
    except FileExistsError:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except OSError as error:  # a read-only data folder: still a digest, keyed per process
        log.warning("login name key not saved (%s)", error)
    return key


def _rehash(context: AppContext, password: str) -> None:
    """Store the password hashed at today's cost. Never a reason for a login to fail: of two
    logins at once, the second finds the hash already renewed (the row is locked and read
    again) or loses the race (StaleRecord), and either way it is logged in."""
    assert context.user is not None
    try:
        with context.uow() as session:
            user = session.scalar(select(User).where(User.id == context.user.id).with_for_update())
            if user is not None and context.passwords.needs_rehash(user.password_hash):
                if context.passwords.verify(user.password_hash, password):
                    user.password_hash = context.passwords.hash(password)
    except KnownError as error:
        log.warning("password hash not renewed at login: %s", error)


def logout(context: AppContext) -> AppContext:
    if context.user is not None:
        log_action(context, "logout", "退出登录")
    return context.as_user(None)


def _bookkeep(session: Session, user: User, **values: object) -> None:
    """Login counters and times, written without touching the user's version: an
    administrator editing this account meanwhile must not get a "changed by someone" error.
    These columns are outside the audit digest; the login itself is audited as an action."""
    session.execute(
        update(User)
        .where(User.id == user.id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def _record_as(session: Session, user: User, action: str, summary: str) -> None:
    context: AppContext = session.info["context"]
    session.info["context"] = context.as_user(_current(user))
    try:
        record_action(
            session, action, summary, table_name=User.__tablename__, record_id=str(user.id)
        )
    finally:
        session.info["context"] = context


def _current(user: User) -> CurrentUser:
    return CurrentUser(user.id, user.username, user.display_name, Role(user.role), user.unit_id)


def _active_by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username, User.deleted_at.is_(None)))


# ---------------------------------------------------------------- user management


@dataclass(frozen=True)
class UserRow:
    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    is_active: bool
    must_change_password: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    version: int
    unit_id: uuid.UUID | None = None
    unit_name: str = ""


@dataclass(frozen=True)
class UserInput:
    username: str
    display_name: str
    role: Role | str
    unit_id: uuid.UUID | None = None
    """The village or community a clerk records rectifications for (None: any)."""


def list_users(context: AppContext) -> list[UserRow]:
    context.require(Permission.MANAGE_USERS)
    with context.reading() as session:
        users = session.scalars(
            select(User).where(User.deleted_at.is_(None)).order_by(User.username)
        ).all()
        names: dict[uuid.UUID | None, str] = {
            row.id: row.name for row in session.execute(select(Unit.id, Unit.name))
        }
        return [replace(_row(u), unit_name=names.get(u.unit_id, "")) for u in users]


def _row(user: User) -> UserRow:
    return UserRow(
        user.id,
        user.username,
        user.display_name,
        Role(user.role),
        user.is_active,
        user.must_change_password,
        user.locked_until,
        user.last_login_at,
        user.version,
        user.unit_id,
    )


def _clean_user(data: UserInput) -> tuple[str, str, Role]:
    checks = FieldChecks()
    username = checks.check(clean_username, data.username)
    display = checks.check(clean_name, data.display_name, "姓名", "display_name", max_length=50)
    role = checks.check(_role, data.role)
    checks.raise_errors()
    assert role is not None
    return username or "", display or "", role


def _unit_of(session: Session, unit_id: uuid.UUID | None) -> uuid.UUID | None:
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    if unit_id is not None and (unit is None or unit.is_deleted):
        raise ValidationError("所选村/社区不存在或已删除，请重新选择。", "unit_id")
    return unit_id


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise ValidationError("请选择角色。", "role") from None


def create_user(
    context: AppContext, data: UserInput, password: str, *, must_change_password: bool = True
) -> UserRow:
    """A new account; by default its first login asks for a password of the user's own."""
    context.require(Permission.MANAGE_USERS)
    username, display, role = _clean_user(data)
    check_password_rules(password)
    with context.uow() as session:
        if _active_by_username(session, username) is not None:
            raise ValidationError(f"用户名“{username}”已被使用。", "username")
        user = User(
            username=username,
            display_name=display,
            role=role.value,
            password_hash=context.passwords.hash(password),
            must_change_password=must_change_password,
            unit_id=_unit_of(session, data.unit_id),
        )
        session.add(user)
        session.flush()
        return _row(user)


def update_user(context: AppContext, user_id: uuid.UUID, data: UserInput, version: int) -> UserRow:
    """Change name and role. An administrator cannot remove the last active administrator."""
    context.require(Permission.MANAGE_USERS)
    username, display, role = _clean_user(data)
    with context.uow() as session:
        user = _get_for_edit(session, user_id, version)
        if username != user.username and _active_by_username(session, username) is not None:
            raise ValidationError(f"用户名“{username}”已被使用。", "username")
        if user.role == Role.ADMIN and role != Role.ADMIN:
            _ensure_other_admin(session, user)
        user.username, user.display_name, user.role = username, display, role.value
        user.unit_id = _unit_of(session, data.unit_id)
        session.flush()
        return _row(user)


def reset_password(context: AppContext, user_id: uuid.UUID, new_password: str) -> None:
    """Set a temporary password; the user must change it at the next login. Also unlocks."""
    context.require(Permission.MANAGE_USERS)
    check_password_rules(new_password)
    with context.uow() as session:
        user = _get_for_edit(session, user_id, None)
        user.password_hash = context.passwords.hash(new_password)
        user.must_change_password = True
        user.failed_login_count = 0
        user.locked_until = None


def set_active(context: AppContext, user_id: uuid.UUID, active: bool) -> None:
    context.require(Permission.MANAGE_USERS)
    with context.uow() as session:
        user = _get_for_edit(session, user_id, None)
        if not active:
            if context.user is not None and user.id == context.user.id:
                raise ValidationError("不能停用自己正在使用的账号。", "is_active")
            if user.role == Role.ADMIN:
                _ensure_other_admin(session, user)
        user.is_active = active


def change_own_password(
    context: AppContext, old_password: str, new_password: str, repeat: str
) -> None:
    if context.user is None:
        raise AuthenticationFailed("请先登录。")
    checks = FieldChecks()
    checks.check(check_password_rules, new_password, "new_password")
    if new_password != repeat:
        checks.fail("两次输入的新密码不一致。", "repeat_password")
    if new_password and new_password == old_password:
        checks.fail("新密码不能与原密码相同。", "new_password")
    checks.raise_errors()
    with context.uow() as session:
        user = _get_for_edit(session, context.user.id, None)
        if not context.passwords.verify(user.password_hash, old_password):
            raise ValidationError("原密码不正确。", "old_password")
        user.password_hash = context.passwords.hash(new_password)
        user.must_change_password = False


def must_change_password(context: AppContext) -> bool:
    if context.user is None:
        return False
    with context.reading() as session:
        return bool(
            session.scalar(select(User.must_change_password).where(User.id == context.user.id))
        )


def _get_for_edit(session: Session, user_id: uuid.UUID, version: int | None) -> User:
    return load_for_edit(session, User, user_id, version, "这个用户")


def _ensure_other_admin(session: Session, user: User) -> None:
    others = session.scalar(
        select(func.count())
        .select_from(User)
        .where(
            User.role == Role.ADMIN.value,
            User.is_active.is_(True),
            User.deleted_at.is_(None),
            User.id != user.id,
        )
    )
    if not others:
        raise ValidationError("至少要保留一个可用的管理员账号。", "role")
