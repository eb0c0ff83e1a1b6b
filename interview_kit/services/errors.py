"""What services raise for a request that cannot be carried out as asked.

Each message is written for the user: it names the thing and says what to do. The CLI
maps the kinds to exit codes; the app shows the message.
"""

from __future__ import annotations

from interview_kit.storage.errors import (
    BackupError,
    DatabaseOpenError,
    RefusedError,
    StorageError,
    raise_refusals_as,
)


class ServiceError(Exception):
    """A request the services refuse; ``str(error)`` is the message for the user."""


class NotFoundError(ServiceError):
    """A named thing (candidate, interviewer, scorecard, rubric version) does not exist."""


class ConflictError(ServiceError):
    """The request contradicts what is stored."""


class StaleEditError(ConflictError):
    """Someone else changed the record since it was read; reload and edit again."""


class ImmutableError(ConflictError):
    """The record may not change (a submitted scorecard: amend it instead)."""


class InvalidInputError(ServiceError):
    """The values given are not acceptable; the message says which and why."""


class ScoresHiddenError(ServiceError):
    """The viewer is on the candidate's panel and has not submitted their own scorecard:
    the panel's scores stay hidden until they do (independent scoring)."""


class AccessDeniedError(ServiceError, RefusedError):
    """The shared database refused it: this person's sign-in may not read or change
    that (an interviewer writing a decision, a committee member editing a candidate)."""


raise_refusals_as(AccessDeniedError)


__all__ = [
    "AccessDeniedError",
    "BackupError",
    "ConflictError",
    "DatabaseOpenError",
    "ImmutableError",
    "InvalidInputError",
    "NotFoundError",
    "ScoresHiddenError",
    "ServiceError",
    "StaleEditError",
    "StorageError",
    "database_failure",
]


def database_failure(exc: BaseException) -> str | None:
    """A database driver's error in words for the user (locked, damaged, unreachable…);
    ``None`` when ``exc`` is not one."""
    from sqlalchemy import exc as sa_exc

    if not isinstance(exc, sa_exc.SQLAlchemyError):
        return None
    original = getattr(exc, "orig", None)
    lines = str(original if original is not None else exc).strip().splitlines()
    text = lines[0] if lines else type(exc).__name__
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return f"the database is locked by another program; try again ({text})"
    if "not a database" in lowered or "malformed" in lowered:
        return f"the database file is damaged or not an Interview Kit database ({text})"
    if "unable to open" in lowered:
        return f"cannot open the database file ({text})"
    return f"database error: {text}"
