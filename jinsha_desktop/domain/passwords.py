"""Password rules and hashing (argon2id, salted, slow on purpose)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from jinsha_desktop.domain.errors import ValidationError

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128


def check_password_rules(password: str, field: str = "password") -> None:
    """Reject passwords a guesser would try first; keep the rule short enough for elderly users."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(f"密码至少需要 {MIN_PASSWORD_LENGTH} 位。", field)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError(f"密码不能超过 {MAX_PASSWORD_LENGTH} 位。", field)
    if len(set(password)) < 3:
        raise ValidationError("密码过于简单，请勿使用重复的字符。", field)
    ascending = "0123456789" * (len(password) // 10 + 2)
    if password.isdigit() and (password in ascending or password in ascending[::-1]):
        raise ValidationError("密码过于简单，请勿使用连续的数字。", field)


class PasswordHashing:
    """argon2id with the library's RFC 9106 defaults (about 0.1 s per check on an old laptop).

    The cost is a constructor argument so that the test suite can build thousands of users
    quickly; the product always uses the defaults.
    """

    def __init__(self, time_cost: int = 3, memory_cost_kib: int = 65536, parallelism: int = 4):
        from argon2 import PasswordHasher  # not at import: the login window shows before it

        self._hasher = PasswordHasher(
            time_cost=time_cost, memory_cost=memory_cost_kib, parallelism=parallelism
        )

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str, password: str) -> bool:
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            return self._hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        return self._hasher.check_needs_rehash(stored_hash)


@dataclass(frozen=True)
class LockoutPolicy:
    """Five wrong passwords lock an account for five minutes."""

    max_failures: int = 5
    lock_duration: timedelta = timedelta(minutes=5)

    def is_locked(self, locked_until: datetime | None, now: datetime) -> bool:
        return locked_until is not None and now < locked_until

    def after_failure(self, failures: int, now: datetime) -> tuple[int, datetime | None]:
        """The new failure count and lock end after one more wrong password."""
        failures += 1
        if failures >= self.max_failures:
            return 0, now + self.lock_duration
        return failures, None
