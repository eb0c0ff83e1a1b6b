"""The "unknown" source and origin migration (0007) widens two checks and keeps every row.

A demo database is taken back to the revision before and migrated forward again: every
row comes through unchanged, the search index still follows new and renamed candidates
(its SQLite triggers went with the rebuilt table and must be back), and "unknown" is
refused before the migration and stored after it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, exc, inspect, select, text

from interview_kit.services import candidates, demo
from interview_kit.services.candidates import CandidateQuery
from interview_kit.storage import open_database
from interview_kit.storage.engine import create_app_engine
from interview_kit.storage.migrate import HEAD_REVISION, REVISIONS, alembic_config, upgrade
from interview_kit.storage.models import Base

PREVIOUS = REVISIONS[REVISIONS.index("0007_unknown_origin") - 1]


def _dump(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    inspector = inspect(engine)
    present = set(inspector.get_table_names())
    rows = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in present:
                # Only the columns this revision has (later migrations add some).
                stored = {column["name"] for column in inspector.get_columns(table.name)}
                columns = [column for column in table.columns if column.name in stored]
                found = connection.execute(select(*columns)).all()
                rows[table.name] = sorted((tuple(r) for r in found), key=repr)
    return rows


def _insert_unknown(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO candidates (uuid, name, name_key, email, search_key, source,"
                " origin_path, role_title, status, notes, created_at, updated_at, row_version)"
                " VALUES ('00000000-0000-4000-8000-0000000000aa', 'Zed Unknown', 'zed unknown',"
                " 'zed@example.com', 'zed unknown', 'unknown', 'unknown', '', 'new', '',"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
            )
        )


def _round_trip(target: str, url: str) -> None:
    with open_database(target, actor="tester") as db:
        demo.load_demo(db, candidates=20, seed=3)
    engine = create_app_engine(url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), PREVIOUS)
        with pytest.raises(exc.IntegrityError):
            _insert_unknown(engine)
        before = _dump(engine)
        assert len(before["candidates"]) == 20

        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0007_unknown_origin")
        assert _dump(engine) == before

        upgrade(engine)  # and on to the newest revision
        with engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert revision.scalar() == HEAD_REVISION
    finally:
        engine.dispose()
    with open_database(target, actor="tester") as db:
        added = candidates.add_candidate(
            db, name="Quinn Nobody-Knows", source="unknown", origin_path="unknown"
        )
        assert added.source.value == "unknown"
        assert added.origin_path.label == "Path unknown"
        found = candidates.list_candidates(db, CandidateQuery(text="nobody-kno")).rows
        assert [row.uuid for row in found] == [added.uuid]
        renamed = candidates.update_candidate(
            db, added.__class__(**{**added.__dict__, "name": "Quinn Renamed"})
        )
        assert [
            r.uuid for r in candidates.list_candidates(db, CandidateQuery(text="renamed")).rows
        ] == [renamed.uuid]
        assert not candidates.list_candidates(db, CandidateQuery(text="nobody-kno")).rows
        candidates.erase_candidate(db, added.uuid)
        assert not candidates.list_candidates(db, CandidateQuery(text="renamed")).rows


def test_sqlite_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "unknown.sqlite3"
    _round_trip(str(path), f"sqlite:///{path}")


@pytest.mark.postgres
def test_postgresql_keeps_every_row(pg_url: str) -> None:
    _round_trip(pg_url, pg_url)
