"""The interview-times migration (0008) keeps every row and leaves interviews unscheduled.

A demo database is taken back to the previous revision and migrated forward again: every
row of every table comes through unchanged in its old columns, the new columns are empty
(no time, no place, sequence 0) and the new tables are empty.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, select, text

from interview_kit.services import demo
from interview_kit.storage import open_database
from interview_kit.storage.engine import create_app_engine
from interview_kit.storage.migrate import HEAD_REVISION, REVISIONS, alembic_config, upgrade
from interview_kit.storage.models import Base

NEW_TABLES = {"cancelled_interviews", "external_scorecards"}
NEW_ASSIGNMENT_COLUMNS = {"starts_at", "duration_minutes", "place", "calendar_sequence"}
PREVIOUS = REVISIONS[REVISIONS.index("0008_ats_calendar") - 1]


def _old_rows(engine: Engine, columns: dict[str, list[str]]) -> dict[str, list[tuple[object, ...]]]:
    rows = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in columns:
                chosen = [table.c[name] for name in columns[table.name]]
                found = connection.execute(select(*chosen)).all()
                rows[table.name] = sorted((tuple(r) for r in found), key=repr)
    return rows


def _round_trip(target: str, url: str) -> None:
    with open_database(target, actor="tester") as db:
        demo.load_demo(db, candidates=30, seed=5)
    engine = create_app_engine(url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), PREVIOUS)
        inspector = inspect(engine)
        assert not NEW_TABLES & set(inspector.get_table_names())
        assert not NEW_ASSIGNMENT_COLUMNS & {
            c["name"] for c in inspector.get_columns("assignments")
        }
        columns = {
            name: [c["name"] for c in inspector.get_columns(name)]
            for name in inspector.get_table_names()
            if name in Base.metadata.tables
        }
        before = _old_rows(engine, columns)
        assert before["assignments"]

        upgrade(engine)

        assert _old_rows(engine, columns) == before
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                HEAD_REVISION
            )
            scheduled = connection.execute(
                text(
                    "SELECT count(*) FROM assignments WHERE starts_at IS NOT NULL "
                    "OR duration_minutes IS NOT NULL OR place <> '' OR calendar_sequence <> 0"
                )
            ).scalar()
            assert scheduled == 0
            for table in NEW_TABLES:
                assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    finally:
        engine.dispose()


def test_sqlite_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "ats.sqlite3"
    _round_trip(str(path), f"sqlite:///{path}")


@pytest.mark.postgres
def test_postgresql_keeps_every_row(pg_url: str) -> None:
    _round_trip(pg_url, pg_url)
