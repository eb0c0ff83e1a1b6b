"""PostgreSQL for the tests: a fresh database per use on the server named by
``INTERVIEW_KIT_TEST_PG_URL``, or a skip that says why there is none.

``.ci/run`` starts a throwaway server and sets the variable (and
``INTERVIEW_KIT_TEST_PG_REQUIRED=1``, which turns "not reachable" into a failure, so CI
cannot pass by skipping). Anywhere else, set the variable to a role that may create
databases, e.g.::

    INTERVIEW_KIT_TEST_PG_URL=postgresql+psycopg://me:secret@127.0.0.1:5432/postgres

Import the fixtures into a ``conftest.py`` to use them::

    from postgres_support import pg_databases, pg_server, pg_url  # noqa: F401

``pg_databases`` makes empty databases (for tests of migrating one);
``pg_migrated_databases`` hands out migrated ones, emptied after each test and kept for
the next: emptying the tables is a fraction of creating and migrating a database.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import URL, create_engine, make_url, text
from sqlalchemy import exc as sa_exc

PG_URL_ENV = "INTERVIEW_KIT_TEST_PG_URL"
PG_REQUIRED_ENV = "INTERVIEW_KIT_TEST_PG_REQUIRED"


def _unavailable(reason: str) -> None:
    if os.environ.get(PG_REQUIRED_ENV) == "1":
        pytest.fail(f"PostgreSQL is required here but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


_ready: list[str] = []
"""Migrated databases of this test process, emptied, waiting for their next test."""


@pytest.fixture(scope="session")
def pg_server() -> Iterator[URL]:
    """The admin URL of a reachable server (skips, with the reason, when there is none)."""
    raw = os.environ.get(PG_URL_ENV, "").strip()
    if not raw:
        _unavailable(f"no server configured (set {PG_URL_ENV}=postgresql+psycopg://…)")
    try:
        url = make_url(raw)
    except sa_exc.ArgumentError:
        _unavailable(f"{PG_URL_ENV} is not a database URL: {raw!r}")
        raise
    if url.get_backend_name() != "postgresql":
        _unavailable(f"{PG_URL_ENV} is not a PostgreSQL URL: {url.render_as_string()}")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the psycopg driver is not installed (pip install 'psycopg[binary]')")
    engine = create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except sa_exc.DBAPIError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        _unavailable(f"{url.render_as_string(hide_password=True)} is not reachable ({reason})")
    finally:
        engine.dispose()
    yield url
    while _ready:
        _drop_database(url, _ready.pop())


def _admin(server: URL, statement: str) -> None:
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture
def pg_databases(pg_server: URL) -> Iterator[Callable[[], str]]:
    """A factory of empty databases on the server; every one is dropped afterwards."""
    made: list[str] = []

    def new_database() -> str:
        name = f"ik_test_{uuid.uuid4().hex[:16]}"
        _admin(pg_server, f'CREATE DATABASE "{name}"')
        made.append(name)
        return pg_server.set(database=name).render_as_string(hide_password=False)

    yield new_database
    for name in made:
        _drop_database(pg_server, name)


def _drop_database(pg_server: URL, name: str) -> None:
    """Drop a test database; a server-side worker (autovacuum) on it may delay that."""
    for attempt in range(5):
        try:
            _admin(pg_server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except sa_exc.DBAPIError:
            if attempt == 4:
                return  # a leftover empty test database harms nothing
            time.sleep(0.2 * (attempt + 1))
        else:
            return


@pytest.fixture
def pg_migrated_databases(pg_server: URL) -> Iterator[Callable[[], str]]:
    """A factory of migrated databases holding no rows, each emptied afterwards (its
    tables truncated, its sequences restarted) and kept for a later test; one that will
    not empty is dropped."""
    from interview_kit.services.database import open_database

    used: list[str] = []

    def new_database() -> str:
        if _ready:
            name = _ready.pop()
        else:
            name = f"ik_test_{uuid.uuid4().hex[:16]}"
            _admin(pg_server, f'CREATE DATABASE "{name}"')
            url = pg_server.set(database=name).render_as_string(hide_password=False)
            open_database(url, actor="tests").close()
        used.append(name)
        return pg_server.set(database=name).render_as_string(hide_password=False)

    yield new_database
    for name in used:
        if _emptied(pg_server, name):
            _ready.append(name)
        else:
            _drop_database(pg_server, name)


def _emptied(pg_server: URL, name: str) -> bool:
    """Empty every table but the schema's version, after ending the connections a test
    left open on the database (their transactions would hold locks)."""
    engine = create_engine(pg_server.set(database=name), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
            tables = connection.execute(
                text(
                    "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'"
                    " AND tablename <> 'alembic_version'"
                )
            ).scalars()
            listed = ", ".join(tables)
            connection.execute(text("SET lock_timeout = '5s'"))
            connection.execute(text(f"TRUNCATE {listed} RESTART IDENTITY CASCADE"))
    except sa_exc.DBAPIError:
        return False
    finally:
        engine.dispose()
    return True


@pytest.fixture
def pg_url(pg_databases: Callable[[], str]) -> str:
    """The URL of one fresh, empty database."""
    return pg_databases()
