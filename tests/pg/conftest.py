"""Shared-database tests: one database, several clients, on PostgreSQL (and SQLite)."""

from __future__ import annotations

from pathlib import Path

import pytest
from postgres_support import pg_databases, pg_server, pg_url  # noqa: F401


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """One database several clients open at once: a SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "shared.sqlite3")
    return str(request.getfixturevalue("pg_url"))
