"""The same migrations and database guards on PostgreSQL (skipped without a server)."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from interview_kit.storage import open_database
from interview_kit.storage.engine import create_app_engine
from interview_kit.storage.migrate import HEAD_REVISION, REVISIONS, upgrade
from interview_kit.storage.models import Base
from interview_kit.storage.tables import modelled

pytestmark = pytest.mark.postgres


def test_an_empty_database_is_migrated_and_agrees_with_the_models(pg_url: str) -> None:
    with open_database(pg_url) as database:
        assert not database.is_sqlite
        assert database.path is None
        assert "***" in database.location or "@" not in database.location
        with database.engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert revision.scalar() == HEAD_REVISION
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_name": modelled}
            )
            assert compare_metadata(context, Base.metadata) == []


def test_migrating_from_the_previous_revision_keeps_data(pg_url: str) -> None:
    engine = create_app_engine(pg_url)
    try:
        upgrade(engine, REVISIONS[0])
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO candidates (uuid, name, name_key, email, source, origin_path, "
                    "role_title, status, notes, created_at, updated_at, row_version) VALUES "
                    "('11111111-1111-4111-8111-111111111111', 'Zoë Ångström', 'zoe angstrom', "
                    "'Zoe@Example.org', 'founder', 'pm', '', 'new', 'keep me', now(), now(), 1)"
                )
            )
    finally:
        engine.dispose()
    with open_database(pg_url) as database, database.engine.connect() as connection:
        row = connection.execute(text("SELECT name, notes, search_key FROM candidates")).one()
        # Revision 0003 keeps the e-mail out of the search key (it is folded by 0002).
        assert tuple(row) == ("Zoë Ångström", "keep me", "zoe angstrom")


def test_the_guards_hold_on_postgresql(pg_url: str) -> None:
    with open_database(pg_url) as database:
        with database.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit_log (at, actor, action, subject_type, detail) "
                    "VALUES (now(), 'me', 'x', 'y', '')"
                )
            )
        for statement in ("UPDATE audit_log SET actor = 'other'", "DELETE FROM audit_log"):
            with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as c:
                c.execute(text(statement))
        with (
            pytest.raises(DBAPIError, match="ck_scorecard_ratings_rating"),
            database.engine.begin() as c,
        ):
            c.execute(
                text(
                    "INSERT INTO scorecard_ratings (scorecard_id, criterion_id, position, rating, "
                    "evidence) VALUES (1, 'c', 0, 7, '')"
                )
            )
