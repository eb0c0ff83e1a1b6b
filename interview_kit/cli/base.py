"""What every command works with: exit codes, the user's error, and the run's context.

Imported by every run, ``--version`` included, so it loads nothing beyond the standard
library's cheapest modules (even :mod:`typing` only for the type checker).
"""

from __future__ import annotations

import sys
from enum import IntEnum

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, TextIO

    from interview_kit.services.database import Database


class ExitCode(IntEnum):
    """What a run of ``interview-kit`` ended with (see ``docs/cli.md``)."""

    OK = 0
    ERROR = 1
    """An unexpected failure: a bug, reported in one line (``--debug`` shows the traceback)."""
    USAGE = 2
    """Bad command line: unknown command or option, missing or malformed argument, an
    argument that is not text."""
    INVALID_INPUT = 3
    """Input that cannot be used: a malformed rubric or scorecard file, a bad value."""
    NOT_FOUND = 4
    """A named thing does not exist: input file, candidate, rubric version."""
    CONFLICT = 5
    """The request contradicts what is stored: ambiguous match, existing output file,
    non-empty database for ``demo``, a record changed by someone else."""
    DATABASE = 6
    """The database cannot be used: bad URL, not a database, damaged, locked, unreachable."""


class CliError(Exception):
    """A failure the user can act on: one line, or a headline and a list of details."""

    def __init__(
        self, message: str, code: ExitCode = ExitCode.ERROR, details: Sequence[str] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = tuple(details)


class Context:
    """What every command needs: where the database is, and where to write."""

    def __init__(
        self, database_url: str, out: TextIO | None = None, err: TextIO | None = None
    ) -> None:
        self.database_url = database_url
        self.out: TextIO = sys.stdout if out is None else out
        self.err: TextIO = sys.stderr if err is None else err
        self._database: Database | None = None

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def print_json(self, data: Any) -> None:
        import json

        self.out.write(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))
        self.out.write("\n")

    def warn(self, text: str) -> None:
        self.err.write(text + "\n")

    @property
    def database(self) -> Database:
        """The opened (and migrated) database, opened on first use."""
        if self._database is None:
            from interview_kit.services.database import open_database

            self._database = open_database(self.database_url)
        return self._database

    def close(self) -> None:
        if self._database is not None:
            database, self._database = self._database, None
            database.close()


def _json_default(value: object) -> object:
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
