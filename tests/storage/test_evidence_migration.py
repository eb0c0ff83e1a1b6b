"""The evidence migration (0003) adds its tables and keeps every existing row.

A database is filled by the demo loader, taken back to the previous revision, and then
migrated forward again: every row of every older table must come through unchanged.
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

NEW_TABLES = {
    "hire_outcomes",
    "self_identifications",
    "frozen_recommendations",
    "decision_overrides",
    "debrief_rescores",
    # Tables of later revisions, gone after the downgrade too:
    "exchange_resolutions",
    "exchange_peers",
}
PREVIOUS = REVISIONS[REVISIONS.index("0005_evidence") - 1]
LATER_TABLES = {"evidence_cases", "evidence_cards"}
"""Added by later revisions (derived tallies, filled on first use): not this test's."""


def _dump(engine: Engine, columns: dict[str, list[str]]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the older tables, in the columns they had then (``columns``): later
    revisions may add tables and columns."""
    rows = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name not in columns or table.name in NEW_TABLES | LATER_TABLES:
                continue
            chosen = [table.c[name] for name in columns[table.name] if name in table.c]
            found = connection.execute(select(*chosen)).all()
            rows[table.name] = sorted((tuple(r) for r in found), key=repr)
    return rows


def _columns(engine: Engine) -> dict[str, list[str]]:
    inspector = inspect(engine)
    return {
        name: [c["name"] for c in inspector.get_columns(name)]
        for name in inspector.get_table_names()
    }


def _downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def _round_trip(target: str, url: str) -> None:
    with open_database(target, actor="tester") as db:
        demo.load_demo(db, candidates=40, seed=7)
    engine = create_app_engine(url)
    try:
        _downgrade(engine, PREVIOUS)
        assert not NEW_TABLES & set(inspect(engine).get_table_names())
        columns = _columns(engine)
        before = _dump(engine, columns)
        assert len(before["candidates"]) == 40
        assert before["scorecards"]
        assert before["committee_decisions"]

        upgrade(engine)

        assert set(inspect(engine).get_table_names()) >= NEW_TABLES
        assert _dump(engine, columns) == before
        with engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert revision.scalar() == HEAD_REVISION
            for table in NEW_TABLES:
                count = connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                assert count == 0
    finally:
        engine.dispose()


def test_sqlite_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "evidence.sqlite3"
    _round_trip(str(path), f"sqlite:///{path}")


@pytest.mark.postgres
def test_postgresql_keeps_every_row(pg_url: str) -> None:
    _round_trip(pg_url, pg_url)


def test_erasing_a_candidate_at_the_database_takes_their_evidence_rows(tmp_path: Path) -> None:
    """ON DELETE CASCADE: the database itself, not only the services, erases them."""
    path = tmp_path / "cascade.sqlite3"
    with open_database(path, actor="tester") as db:
        demo.load_demo(db, candidates=6, seed=3)
        with db.engine.begin() as connection:
            candidate_id, interviewer_id = connection.execute(
                text("SELECT candidate_id, interviewer_id FROM scorecards LIMIT 1")
            ).one()
            connection.execute(
                text(
                    "INSERT INTO hire_outcomes (uuid, candidate_id, checkpoint, performance, "
                    "still_employed, recorded_by, recorded_at) VALUES "
                    "('00000000-0000-4000-8000-000000000001', :c, '90_days', 3, 1, 'x', "
                    "'2026-01-01 00:00:00')"
                ),
                {"c": candidate_id},
            )
            connection.execute(
                text(
                    "INSERT INTO self_identifications VALUES (:c, 'sex', 'female', "
                    "'2026-01-01 00:00:00')"
                ),
                {"c": candidate_id},
            )
            connection.execute(
                text(
                    "INSERT INTO debrief_rescores (candidate_id, interviewer_id, stage_id, "
                    "criterion_id, rating, note, recorded_at) VALUES "
                    "(:c, :i, 's', 'c', 3, '', '2026-01-01 00:00:00')"
                ),
                {"c": candidate_id, "i": interviewer_id},
            )
            assert connection.execute(
                text("SELECT count(*) FROM evidence_cards WHERE candidate_id = :c"),
                {"c": candidate_id},
            ).scalar()
            # The one case the guards let a submitted scorecard go: an erasure.
            connection.execute(
                text("INSERT INTO erasing_candidates (candidate_id) VALUES (:c)"),
                {"c": candidate_id},
            )
            connection.execute(text("DELETE FROM candidates WHERE id = :c"), {"c": candidate_id})
            for table in ("evidence_cases", "evidence_cards"):
                found = connection.execute(
                    text(f"SELECT count(*) FROM {table} WHERE candidate_id = :c"),
                    {"c": candidate_id},
                )
                assert found.scalar() == 0
            for table in ("hire_outcomes", "self_identifications", "debrief_rescores"):
                assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
