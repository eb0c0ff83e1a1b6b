"""A bulk load sets the plain indexes of the tables it fills aside and builds them again
in the same transaction (``bulk.indexes_set_aside``): what is stored afterwards has
every index as the schema defines it, nobody else ever sees the tables without them,
and a load that fails leaves them as they were."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from interview_kit.services.database import open_database
from interview_kit.services.demo import load_demo
from interview_kit.storage import bulk


def _schema(path: Path) -> list[tuple[str, str, str, str | None]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
            " WHERE type IN ('index', 'trigger') ORDER BY type, name"
        ).fetchall()
    finally:
        connection.close()


def _indexes_of(connection: object, table: str) -> set[str]:
    rows = connection.execute(  # type: ignore[attr-defined]
        text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :table"),
        {"table": table},
    )
    return {str(name) for (name,) in rows}


def test_a_demo_load_leaves_every_index_and_guard_as_the_schema_defines_them(
    tmp_path: Path,
) -> None:
    empty, loaded = tmp_path / "empty.sqlite3", tmp_path / "demo.sqlite3"
    open_database(empty).close()
    with open_database(loaded) as db:
        load_demo(db, candidates=150, seed=5, workers=0)
    assert _schema(loaded) == _schema(empty)
    connection = sqlite3.connect(loaded)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM candidates ORDER BY name_key, id LIMIT 50"
        ).fetchall()
        assert any("ix_candidates_name_key" in str(step) for step in plan), plan
        # The rebuilt indexes hold every row: a lookup through one finds them all.
        by_index = connection.execute(
            "SELECT count(*) FROM scorecards INDEXED BY ix_scorecards_status"
            " WHERE status IN ('draft', 'submitted')"
        ).fetchone()[0]
        assert by_index == connection.execute("SELECT count(*) FROM scorecards").fetchone()[0]
        assert by_index > 0
    finally:
        connection.close()


def test_the_indexes_are_aside_only_inside_the_loads_own_transaction(tmp_path: Path) -> None:
    with open_database(tmp_path / "panel.sqlite3") as db, db.write() as session:
        connection = session.connection()
        with bulk.indexes_set_aside(connection, ["interviewers", "scorecards"]):
            mine = _indexes_of(connection, "interviewers")
            # Unique indexes keep refusing duplicates during the load.
            assert "ix_interviewers_login" in mine
            assert "ix_interviewers_email" not in mine
            assert not _indexes_of(connection, "scorecards") - {
                "sqlite_autoindex_scorecards_1",
                "sqlite_autoindex_scorecards_2",
            }
            with db.engine.connect() as other:
                assert "ix_interviewers_email" in _indexes_of(other, "interviewers")
        assert "ix_interviewers_email" in _indexes_of(connection, "interviewers")


def test_a_load_that_fails_keeps_the_indexes_and_stores_nothing(tmp_path: Path) -> None:
    path = tmp_path / "panel.sqlite3"
    with open_database(path) as db:
        before = _schema(path)

        def half_a_load() -> None:
            with (
                db.write() as session,
                bulk.indexes_set_aside(session.connection(), ["interviewers"]),
            ):
                session.connection().execute(
                    text(
                        "INSERT INTO interviewers (uuid, name, name_key, email, role_title,"
                        " created_at, updated_at, row_version)"
                        " VALUES ('u1', 'Ann', 'ann', 'ann@example.com', '', '2026-01-01',"
                        " '2026-01-01', 1)"
                    )
                )
                session.connection().execute(text("INSERT INTO interviewers (uuid) VALUES ('u2')"))

        with pytest.raises(IntegrityError):
            half_a_load()
        assert _schema(path) == before
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM interviewers")).scalar() == 0
