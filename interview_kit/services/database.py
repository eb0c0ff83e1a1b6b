"""Opening the database and backing it up: the entry points the app and CLI start from."""

from __future__ import annotations

from pathlib import Path

from interview_kit.services.errors import ConflictError, InvalidInputError
from interview_kit.storage.backup import backup_sqlite
from interview_kit.storage.database import Database, open_database
from interview_kit.storage.errors import BackupError

__all__ = ["Database", "backup", "open_database"]


def backup(db: Database, out_path: Path | str, *, overwrite: bool = False) -> Path:
    """A consistent copy of the open database, taken while it is in use (SQLite only)."""
    out = Path(out_path)
    if out.exists() and not overwrite:
        raise ConflictError(f"{out} already exists; choose another file or allow overwriting")
    try:
        written = backup_sqlite(db.engine, out, overwrite=overwrite)
    except BackupError as exc:
        raise InvalidInputError(str(exc)) from None
    from interview_kit.services import audit  # the ORM, only when a backup is made

    audit.log_event(db, "database.backup", "database", None)
    return written
