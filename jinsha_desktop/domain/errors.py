"""Expected failures, each carrying a message a user can read (in Chinese).

Anything that is *not* one of these is a bug and goes to the crash dialog.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
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

    def __init__(self, message: str, field: str | None = None, also: tuple[str, ...] = ()) -> None:
        super().__init__(message, field)
        self.also = also
        """Other fields the error concerns (an import marks their cells too)."""


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
    """The one error collector: runs the checks of a form, an imported row or a merged record
    and keeps every error, so all bad fields show at once.

    One argument order everywhere: the rule (or the message) first, then what it concerns.
    `check` records an error on the field its rule names; `on(field)` and `renaming(...)` are
    views of the same collector that record on another field (an import's column).
    """

    def __init__(self, *, first_per_field: bool = False) -> None:
        self.errors: list[ValidationError] = []
        self.first_per_field = first_per_field
        """Keep only the first error of a field (an import row: the first says most)."""
        self._field_of: Callable[[str | None], str | None] = _same_field
        self._also: tuple[str, ...] = ()

    def check(self, rule: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T | None:
        """`rule(*args)`, or None after recording its ValidationError (each of its FormErrors)."""
        try:
            return rule(*args, **kwargs)
        except ValidationError as error:
            found = [error]
        except FormErrors as error:
            found = list(error.errors)
        for each in found:
            self.fail(each.message, self._field_of(each.field), self._also or each.also)
        return None

    def fail(self, message: str, field: str | None, also: tuple[str, ...] = ()) -> None:
        if self.first_per_field and self.has_error(field):
            return
        self.errors.append(ValidationError(message, field, also))

    def has_error(self, field: str | None) -> bool:
        return any(error.field == field for error in self.errors)

    def on(self, field: str, also: tuple[str, ...] = ()) -> FieldChecks:
        """This collector, recording every error on `field` (and `also`)."""
        return self._view(lambda _name: field, also)

    def renaming(self, names: Mapping[str, str]) -> FieldChecks:
        """This collector, recording a rule's error on `names[field]` where the rule's field
        has another name here (a domain form's field → an import column)."""
        return self._view(lambda name: names.get(name, name) if name else name, ())

    def _view(
        self, field_of: Callable[[str | None], str | None], also: tuple[str, ...]
    ) -> FieldChecks:
        view = copy.copy(self)  # shares `errors`
        view._field_of, view._also = field_of, also
        return view

    def raise_errors(self) -> None:
        """FormErrors with every recorded error, if there is any."""
        if self.errors:
            raise FormErrors(self.errors)


def _same_field(name: str | None) -> str | None:
    return name


class Cancelled(Exception):
    """The user cancelled a long job (its progress callback returned False); nothing was kept."""


ProgressCallback = Callable[[int, int], "bool | None"]
"""progress(done, total) of a long job; returning False asks the job to stop (Cancelled)."""


def report_progress(progress: ProgressCallback | None, done: int, total: int) -> None:
    """Tell `progress` how far the job is; Cancelled if it answers False."""
    if progress is not None and progress(done, total) is False:
        raise Cancelled()
