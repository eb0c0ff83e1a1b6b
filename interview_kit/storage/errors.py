"""Errors storage raises for problems a user can act on (never a bug)."""

from __future__ import annotations


class StorageError(Exception):
    """A database that cannot be used as asked; the message says which and why."""


class DatabaseOpenError(StorageError):
    """The database cannot be opened: not a database, damaged, too new, unreachable."""

    def __init__(self, location: str, problem: str) -> None:
        self.location = location
        self.problem = problem
        super().__init__(f"{location}: {problem}")


class BackupError(StorageError):
    """A backup could not be written."""


class RefusedError(StorageError):
    """The database refused a read or write: this login may not do it, or the record is
    submitted or append-only. The message says which, in words."""

    def __init__(self, message: str, *, immutable: bool = False) -> None:
        self.immutable = immutable
        super().__init__(message)


_RAISED_AS: dict[bool, type[RefusedError]] = {False: RefusedError, True: RefusedError}


def raise_refusals_as(denied: type[RefusedError], immutable: type[RefusedError]) -> None:
    """The subclasses the layer above wants refusals raised as (the services' own kinds,
    so the app and CLI catch every refusal as a service error)."""
    _RAISED_AS[False], _RAISED_AS[True] = denied, immutable


_GUARD_MESSAGES = (
    "submitted scorecard is immutable",
    "an amendment is immutable",
    "the audit log is append-only",
)


def refusal_of(error: BaseException) -> RefusedError | None:
    """The refusal behind a database error, in words; ``None`` for any other error.

    PostgreSQL reports a missing privilege and a row-level security check alike as
    ``insufficient_privilege`` (42501); the guards' triggers raise their own messages on
    both backends.
    """
    original = getattr(error, "orig", None) or error
    text = str(original)
    for message in _GUARD_MESSAGES:
        if message in text:
            return _RAISED_AS[True](message[0].upper() + message[1:] + ".", immutable=True)
    if getattr(original, "sqlstate", None) == "42501":
        first = text.strip().splitlines()[0] if text.strip() else ""
        return _RAISED_AS[False](
            "Your sign-in may not do this on the shared database"
            + (f" ({first})" if first else "")
            + ". Ask the recruiter who manages access if you need it."
        )
    return None
