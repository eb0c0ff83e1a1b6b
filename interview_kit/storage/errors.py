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
