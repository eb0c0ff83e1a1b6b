"""A real database per test — a SQLite file, and the same on PostgreSQL when a server is
configured — with the Builder rubric, a candidate and a panel of three."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fresh_databases import fresh_sqlite
from postgres_support import pg_databases, pg_migrated_databases, pg_server  # noqa: F401
from svc_support import NewDatabase, Panel

from interview_kit.domain.rubric import Rubric
from interview_kit.services import candidates, interviewers, rubrics
from interview_kit.services.database import Database, open_database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def new_database(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[NewDatabase]:
    """Opens further databases on the same backend as ``db`` (closed afterwards)."""
    opened: list[Database] = []

    def make(actor: str) -> Database:
        if backend == "sqlite":
            target = str(fresh_sqlite(tmp_path / f"db{len(opened)}.sqlite3"))
        else:
            target = request.getfixturevalue("pg_migrated_databases")()
        database = open_database(target, actor=actor)
        opened.append(database)
        return database

    yield make
    for database in opened:
        database.close()


@pytest.fixture
def db(new_database: NewDatabase) -> Database:
    return new_database("Riley Recruiter")


@pytest.fixture
def rubric(db: Database) -> Rubric:
    rubrics.ensure_default_rubric(db)
    return rubrics.active_rubric(db).rubric


@pytest.fixture
def panel(db: Database, rubric: Rubric) -> Panel:
    candidate = candidates.add_candidate(
        db,
        name="Zoë Ångström",
        email="zoe@example.org",
        source="founder",
        origin_path="pm",
        role_title="Builder",
    )
    return Panel(
        db,
        rubric,
        candidate,
        interviewers.add_interviewer(db, name="Ada Lovelace", email="ada@example.org"),
        interviewers.add_interviewer(db, name="Bo Diddley", email="bo@example.org"),
        interviewers.add_interviewer(db, name="Cy Twombly", email="cy@example.org"),
    )
