"""Errors of lower layers as the user sees them: a message and an exit code.

A kind of error is looked at only when the module that defines it is already loaded:
an error of a module that never ran cannot have been raised, and importing SQLAlchemy or
the storage layer just to rule it out would cost ``rubric validate`` a second.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from interview_kit.cli.base import CliError, ExitCode

if TYPE_CHECKING:
    from interview_kit.domain.rubric import RubricError


def rubric_error(exc: RubricError) -> CliError:
    """Every problem of an invalid rubric, one per line under the rubric's own headline."""
    return CliError(
        exc.describe().splitlines()[0],
        ExitCode.INVALID_INPUT,
        [issue.format(exc.source) for issue in exc.issues],
    )


@contextmanager
def user_errors() -> Iterator[None]:
    """Re-raise what lower layers raise for a user's mistake as :class:`CliError`."""
    try:
        yield
    except (CliError, BrokenPipeError):
        raise  # a closed pipe is the entry point's to answer, not the user's mistake
    except Exception as exc:
        translated = translate(exc)
        if translated is None:
            raise
        raise translated from exc


def translate(exc: BaseException) -> CliError | None:
    """A service, storage or library error as the user sees it; ``None`` for a bug."""
    if "interview_kit.domain.rubric" in sys.modules:
        from interview_kit.domain.rubric import RubricError

        if isinstance(exc, RubricError):
            return rubric_error(exc)
    if "interview_kit.storage.errors" in sys.modules:  # services.errors builds on it
        from interview_kit.services import errors

        kinds: tuple[tuple[type[BaseException], ExitCode], ...] = (
            (errors.NotFoundError, ExitCode.NOT_FOUND),
            (errors.ConflictError, ExitCode.CONFLICT),
            (errors.InvalidInputError, ExitCode.INVALID_INPUT),
            (errors.StorageError, ExitCode.DATABASE),
            (errors.ServiceError, ExitCode.ERROR),
        )
        for kind, code in kinds:
            if isinstance(exc, kind):
                return CliError(str(exc), code)
        failure = errors.database_failure(exc)
        if failure is not None:
            return CliError(failure, ExitCode.DATABASE)
    if isinstance(exc, OSError) and exc.strerror:
        # Permissions, a full disk, a vanished folder: the machine's answer, not a bug.
        where = f"{exc.filename}: " if exc.filename else ""
        return CliError(f"{where}{exc.strerror}", ExitCode.INVALID_INPUT)
    return None
