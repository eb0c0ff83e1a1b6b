"""Consistent copies of a SQLite database, taken while it is in use."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from interview_kit.storage.errors import BackupError


def backup_sqlite(engine: Engine, out_path: Path, *, overwrite: bool = False) -> Path:
    """Copy the database behind ``engine`` to ``out_path`` with SQLite's online backup API.

    The copy is written to a temporary file next to the target and renamed into place, so
    ``out_path`` is either the old file or a complete backup, never half of one.
    """
    if engine.dialect.name != "sqlite":
        raise BackupError("online backup works on SQLite files; use pg_dump for PostgreSQL")
    out_path = Path(out_path)
    if out_path.exists() and not overwrite:
        raise BackupError(f"{out_path} already exists")
    if out_path.exists() and not out_path.is_file():
        raise BackupError(f"{out_path} is not a file")
    partial = out_path.with_name(f".{out_path.name}.partial")
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        raw = engine.raw_connection()
        try:
            source = raw.driver_connection
            if not isinstance(source, sqlite3.Connection):
                raise BackupError("not a sqlite3 connection")
            destination = sqlite3.connect(partial)
            try:
                source.backup(destination)
                # A standalone copy: fold the log into the file so it needs no -wal.
                destination.execute("PRAGMA journal_mode=DELETE")
            finally:
                destination.close()
        finally:
            raw.close()
        partial.replace(out_path)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise BackupError(f"cannot write {out_path}: {exc}") from None
    return out_path
