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
    """The shared database refused a read or write this login may not do; the message
    says so in words."""


_RAISED_AS: list[type[RefusedError]] = [RefusedError]


def raise_refusals_as(kind: type[RefusedError]) -> None:
    """The subclass the layer above wants refusals raised as (the services' own kind, so
    the app and CLI catch every refusal as a service error)."""
    _RAISED_AS[0] = kind


def refusal_of(error: BaseException) -> RefusedError | None:
    """The refusal behind a database error, in words; ``None`` for any other error.

    PostgreSQL reports a missing privilege and a row-level security check alike as
    ``insufficient_privilege`` (42501). (The guards' refusals of changes to submitted
    records stay database errors: the services check first and say it in their words.)
    """
    original = getattr(error, "orig", None) or error
    if getattr(original, "sqlstate", None) != "42501":
        return None
    text = str(original).strip()
    first = text.splitlines()[0] if text else ""
    return _RAISED_AS[0](
        "Your sign-in may not do this on the shared database"
        + (f" ({first})" if first else "")
        + ". Ask whoever manages access to the database if you need it."
    )
