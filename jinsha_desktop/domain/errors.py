"""Expected failures, each carrying a message a user can read (in Chinese).

Anything that is *not* one of these is a bug and goes to the crash dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class KnownError(Exception):
    """An expected failure with a message for the user and, optionally, the field it concerns."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(KnownError):
    """Input that breaks a rule; nothing was written."""


class FormErrors(KnownError):
    """Several field errors found at once, so a form can mark every bad field."""

    def __init__(self, errors: list[ValidationError]) -> None:
        super().__init__("；".join(e.message for e in errors), errors[0].field if errors else None)
        self.errors = errors


class PermissionDenied(KnownError):
    """The current user's role does not allow the action."""


class NotFound(KnownError):
    """The record asked for does not exist (or was deleted)."""


class StaleRecord(KnownError):
    """Someone else saved the record after it was opened (optimistic locking)."""


class AuthenticationFailed(KnownError):
    """Wrong user name or password, a locked or a disabled account."""


class DatabaseProblem(KnownError):
    """The database cannot be used as asked: locked, read-only, full, missing, too new."""


class FieldChecks:
    """Runs the checks of one form and keeps every error, so all bad fields show at once."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def check(self, rule: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """`rule(*args)`, or None after recording its ValidationError."""
        try:
            return rule(*args, **kwargs)
        except ValidationError as error:
            self.errors.append(error)
            return None

    def fail(self, message: str, field: str) -> None:
        self.errors.append(ValidationError(message, field))

    def raise_errors(self) -> None:
        """FormErrors with every recorded error, if there is any."""
        if self.errors:
            raise FormErrors(self.errors)


class Cancelled(Exception):
    """The user cancelled a long job (its progress callback returned False); nothing was kept."""


ProgressCallback = Callable[[int, int], "bool | None"]
"""progress(done, total) of a long job; returning False asks the job to stop (Cancelled)."""


def report_progress(progress: ProgressCallback | None, done: int, total: int) -> None:
    """Tell `progress` how far the job is; Cancelled if it answers False."""
    if progress is not None and progress(done, total) is False:
        raise Cancelled()
