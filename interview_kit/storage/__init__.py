"""Storage: tables, units of work, migrations and backups (SQLite or PostgreSQL)."""

from __future__ import annotations

from interview_kit.storage.database import Database, open_database
from interview_kit.storage.errors import BackupError, DatabaseOpenError, StorageError

__all__ = ["BackupError", "Database", "DatabaseOpenError", "StorageError", "open_database"]
