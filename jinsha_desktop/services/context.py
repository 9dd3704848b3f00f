"""The explicit context every service receives: database, clock, installation, current user."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from jinsha_desktop.db.engine import Database
from jinsha_desktop.db.errors import raise_known
from jinsha_desktop.domain.clock import Clock
from jinsha_desktop.domain.errors import PermissionDenied
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.domain.permissions import PERMISSION_LABELS, Permission, Role, role_allows


@dataclass(frozen=True)
class CurrentUser:
    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    unit_id: uuid.UUID | None = None
    """The village or community the user works for (None: the whole sub-district)."""

    def can(self, permission: Permission) -> bool:
        return role_allows(self.role, permission)


@dataclass(frozen=True)
class AppContext:
    database: Database
    clock: Clock
    installation_id: uuid.UUID
    passwords: PasswordHashing
    user: CurrentUser | None = None

    def as_user(self, user: CurrentUser | None) -> AppContext:
        return replace(self, user=user)

    def require(self, permission: Permission) -> CurrentUser:
        """The current user, if their role allows `permission`; PermissionDenied otherwise."""
        if self.user is None:
            raise PermissionDenied("请先登录。")
        if not self.user.can(permission):
            raise PermissionDenied(
                f"您的角色（{self.user.role.label}）没有“{PERMISSION_LABELS[permission]}”的权限。"
            )
        return self.user

    @contextmanager
    def uow(self) -> Iterator[Session]:
        """One use case's transaction: commits once at the end, or changes nothing.

        The session carries who is acting, so the audit hook (services/audit.py) can stamp and
        log every change.
        """
        session = self.database.write_sessions()
        session.info["context"] = self
        try:
            yield session
            session.commit()
        except BaseException as error:
            session.rollback()
            if isinstance(error, SQLAlchemyError | OSError):
                raise_known(error)
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (a flush in it is a bug and raises)."""
        session = self.database.read_sessions()
        try:
            yield session
        except SQLAlchemyError as error:
            raise_known(error)
            raise
        finally:
            session.rollback()
            session.close()
