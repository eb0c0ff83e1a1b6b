"""A provisioned shared database with a panel of people, each with their own login, for
checking what each role reads and changes through plain SQL (psycopg, no services)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from postgres_support import PG_REQUIRED_ENV
from sqlalchemy import URL, create_engine, text

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.services import assignments, candidates, people, rubrics, scorecards
from interview_kit.storage import Database, open_database
from interview_kit.storage.roles import drop_database_roles


def admin(server: URL, statement: str) -> None:
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


_MAY_CREATE_ROLES = "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user"


def _may_create_roles(server: URL) -> bool:
    engine = create_engine(server)
    try:
        with engine.connect() as connection:
            return bool(connection.execute(text(_MAY_CREATE_ROLES)).scalar())
    finally:
        engine.dispose()


@contextmanager
def fresh_database(server: URL) -> Iterator[URL]:
    """An empty database, dropped afterwards with every role made for it."""
    if not _may_create_roles(server):
        reason = f"{server.username} may not create roles (ALTER ROLE ... CREATEROLE)"
        if os.environ.get(PG_REQUIRED_ENV) == "1":
            pytest.fail(f"PostgreSQL role tests need it: {reason}")
        pytest.skip(f"PostgreSQL role tests skipped: {reason}")
    name = f"ik_roles_{uuid.uuid4().hex[:12]}"
    admin(server, f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name)
    finally:
        admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        engine = create_engine(server, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                drop_database_roles(connection, name)
        finally:
            engine.dispose()


@dataclass
class Login:
    name: str
    password: str
    server: URL
    database: str

    def connect(self) -> psycopg.Connection[Any]:
        return psycopg.connect(
            host=self.server.host,
            port=self.server.port,
            dbname=self.database,
            user=self.name,
            password=self.password,
            autocommit=True,
            connect_timeout=5,
        )

    def rows(self, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
        with self.connect() as connection:
            return connection.execute(sql, params).fetchall()

    def run(self, sql: str, params: Any = None) -> int:
        """Runs a statement; the number of rows it touched."""
        with self.connect() as connection:
            return connection.execute(sql, params).rowcount


@dataclass
class World:
    db: Database
    """The owner's connection (migrated and provisioned it)."""
    server: URL
    rubric: Rubric
    stage: str
    candidate_uuid: str
    candidate_id: int
    ada: Login
    ada_uuid: str
    bo: Login
    bo_uuid: str
    cy: Login
    """Committee."""
    rita: Login
    """Recruiter."""
    ada_card: str
    bo_card: str

    def owner_rows(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        """Runs a statement as the owner, committed."""
        with self.db.engine.begin() as connection:
            result = connection.execute(text(sql), params)
            return [tuple(row) for row in result] if result.returns_rows else []

    def submit_ada(self) -> None:
        scorecards.submit_scorecard(self.db, self.ada_card)


def complete(rubric: Rubric, stage_id: str, vote: str, private: str) -> ScorecardChanges:
    from interview_kit.domain.scorecard import CriterionRating, Vote

    stage = rubric.stage(stage_id)
    return ScorecardChanges(
        ratings={c.id: CriterionRating(c.id, 3, f"evidence {vote} {c.id}") for c in stage.criteria},
        signals={rubric.signals[0].id: f"signal evidence {vote}"},
        level_evidence=rubric.levels[1].id,
        vote=Vote(vote),
        summary=f"summary {vote}",
        private_notes=private,
    )


def build_world(url: URL, server: URL) -> World:
    db = open_database(url.render_as_string(hide_password=False), actor="Owner")
    people.provision(db)
    rubrics.ensure_default_rubric(db)
    rubric = rubrics.active_rubric(db).rubric
    stage = rubric.stages[0].id
    candidate = candidates.add_candidate(
        db,
        name="Zoë Ångström",
        email="zoe@example.org",
        source="founder",
        origin_path="pm",
        notes="recruiter notes",
    )
    made = {
        key: people.add_person(db, name, email=email, role=role)
        for key, name, email, role in (
            ("ada", "Ada Lovelace", "ada@example.org", "interviewer"),
            ("bo", "Bo Diddley", "bo@example.org", "interviewer"),
            ("cy", "Cy Twombly", "", "committee"),
            ("rita", "Rita Recruiter", "", "recruiter"),
        )
    }
    logins = {
        key: Login(new.person.login, new.password, server, str(url.database))
        for key, new in made.items()
    }
    ada_uuid = made["ada"].person.interviewer_uuid
    bo_uuid = made["bo"].person.interviewer_uuid
    assert ada_uuid is not None
    assert bo_uuid is not None
    for who in (ada_uuid, bo_uuid):
        assignments.assign(db, candidate.uuid, stage, who)
    bo_card = scorecards.start_scorecard(db, candidate.uuid, stage, bo_uuid).uuid
    scorecards.save_draft(db, bo_card, complete(rubric, stage, "no", "bo private"))
    scorecards.submit_scorecard(db, bo_card)
    ada_card = scorecards.start_scorecard(db, candidate.uuid, stage, ada_uuid).uuid
    scorecards.save_draft(db, ada_card, complete(rubric, stage, "yes", "ada private"))
    with db.engine.connect() as connection:
        candidate_id = connection.execute(
            text("SELECT id FROM candidates WHERE uuid = :u"), {"u": candidate.uuid}
        ).scalar_one()
    return World(
        db=db,
        server=server,
        rubric=rubric,
        stage=stage,
        candidate_uuid=candidate.uuid,
        candidate_id=int(candidate_id),
        ada=logins["ada"],
        ada_uuid=ada_uuid,
        bo=logins["bo"],
        bo_uuid=bo_uuid,
        cy=logins["cy"],
        rita=logins["rita"],
        ada_card=ada_card,
        bo_card=bo_card,
    )
