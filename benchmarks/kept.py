"""Databases the benchmarks keep between runs (in the temporary folder)."""

from __future__ import annotations

from pathlib import Path


def is_current(path: Path) -> bool:
    """Whether a kept database has this checkout's schema: an older one would be
    migrated inside the timed commands, so it is built again instead."""
    from interview_kit.services.database import open_database
    from interview_kit.storage.errors import DatabaseOpenError

    try:
        open_database(path, migrate=False).close()
    except DatabaseOpenError:
        return False
    return True
