"""Engines and units of work.

SQLite runs in WAL mode with foreign keys on and a busy timeout. pysqlite's own
transaction handling is switched off (``isolation_level = None``) so that we emit the
``BEGIN`` ourselves: ``BEGIN IMMEDIATE`` for a write unit of work, so two processes
writing one file queue on the write lock instead of one of them failing (or silently
losing an update) when its read transaction tries to turn into a write. Reads use a
plain deferred ``BEGIN`` and, under WAL, never wait for writers.

Nothing here is SQLite-only above this module: on PostgreSQL the same sessions run in
its default read-committed transactions, and services lock what they modify with
``SELECT ... FOR UPDATE`` (a no-op on SQLite, where the write lock is already held).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection
from sqlalchemy.pool import StaticPool

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another process's write to finish before giving up."""

_WRITE_OPTION = "interview_kit_write"


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL, ``None`` for an in-memory database."""
    if not is_sqlite(url):
        return None
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def create_app_engine(url: str | URL, *, foreign_keys: bool = True) -> Engine:
    """An engine configured as the app needs it on SQLite or PostgreSQL."""
    url = make_url(url)
    if is_sqlite(url):
        return _sqlite_engine(url, foreign_keys=foreign_keys)
    return create_engine(url, pool_pre_ping=True)


def _sqlite_engine(url: URL, *, foreign_keys: bool) -> Engine:
    in_memory = sqlite_file(url) is None
    kwargs: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000}}
    if in_memory:
        kwargs["poolclass"] = StaticPool
        kwargs["connect_args"]["check_same_thread"] = False
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            # FULL: a commit survives power loss, not only a crash of the app; with WAL
            # it costs one fsync of the log per commit.
            cursor.execute("PRAGMA synchronous=FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "close")
    def _on_close(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # What SQLite asks of a connection before it closes: statistics for the tables
        # this connection queried that lack them or changed much since (a database that
        # grew in the app would otherwise never have any, and its planner guesses). The
        # limit keeps it to a sample of each index, a few milliseconds; it never waits
        # for another process's write lock (the connection is closing: next time).
        try:
            dbapi_connection.execute("PRAGMA busy_timeout = 0")
            dbapi_connection.execute("PRAGMA analysis_limit = 400")
            dbapi_connection.execute("PRAGMA optimize")
        except sqlite3.Error as exc:  # read-only, busy or gone: the next close tries again
            logger.debug("PRAGMA optimize skipped: %s", exc)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(_WRITE_OPTION, False):
            # Takes the write lock, or waits for it: a refusal comes back as SQLAlchemy's
            # error, which the callers handle.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            # A read's BEGIN takes no lock and cannot be refused; on the driver directly
            # it costs a few microseconds instead of a statement's round trip through
            # SQLAlchemy (a keystroke's search is a statement or two).
            driver = connection.connection.driver_connection
            assert driver is not None
            driver.execute("BEGIN")

    return engine


def read_on_driver(connection: Connection, statement: str, parameters: Sequence[Any]) -> list[Any]:
    """The rows of one read run on SQLite's driver directly, inside ``connection``'s
    transaction: for a hot, fixed statement (a keystroke's index probe), SQLAlchemy's
    execution layer costs several times the query. A failure comes back as
    SQLAlchemy's error, as from any other statement."""
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    try:
        return driver.execute(statement, parameters).fetchall()
    except sqlite3.Error as exc:
        raise sa_exc.DBAPIError.instance(
            statement, parameters, exc, sqlite3.Error, dialect=connection.dialect
        ) from exc


def write_engine(engine: Engine) -> Engine:
    """The same engine (and pool), marked so its transactions take the write lock first."""
    return engine.execution_options(**{_WRITE_OPTION: True})


class UnitsOfWork:
    """Sessions that live for one unit of work and end committed or rolled back."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions: tuple[sessionmaker[Session], sessionmaker[Session]] | None = None

    def _makers(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        """The read and write session makers, made on first use: the ORM is imported
        only by a unit of work that needs it, so a plain-rows read (the start-up's first
        page, the command line's list) never pays for it."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            engine = self._engine
            self._sessions = (
                sessionmaker(bind=engine, expire_on_commit=False, autoflush=True),
                sessionmaker(bind=write_engine(engine), expire_on_commit=False, autoflush=True),
            )
        return self._sessions

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A consistent snapshot for reading; anything written is discarded."""
        with self._makers()[0]() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def read_rows(self) -> Iterator[Connection]:
        """A consistent snapshot for reading plain rows, without a session: for a read
        that builds no ORM objects (a list page), whose bookkeeping would cost more
        than the query. Anything written is discarded."""
        with self._engine.connect() as connection:
            connection.begin()
            try:
                yield connection
            finally:
                connection.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on error."""
        with self._makers()[1]() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
