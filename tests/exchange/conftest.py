"""Exchange tests run on SQLite files and, when a server is reachable, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fresh_databases import fresh_sqlite
from panel_helpers import DatabaseFactory, open_db
from postgres_support import pg_databases, pg_migrated_databases, pg_server  # noqa: F401

from interview_kit.storage import Database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DatabaseFactory]:
    """Opens a separate, empty database per call (one per laptop in a panel)."""
    opened: list[Database] = []

    def make(actor: str) -> Database:
        if request.param == "sqlite":
            name = f"{actor.replace(' ', '-').lower()}-{len(opened)}.sqlite3"
            target = str(fresh_sqlite(tmp_path / name))
        else:
            target = request.getfixturevalue("pg_migrated_databases")()
        db = open_db(target, actor)
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.close()
