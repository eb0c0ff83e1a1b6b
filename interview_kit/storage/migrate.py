"""Run the shipped Alembic migrations in code, on the app's own engine.

The schema revision is read with one query, and Alembic is imported only when there is
something to migrate, so a normal start-up pays nothing for it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import Connection

from interview_kit.storage import roles
from interview_kit.storage.engine import write_engine

if TYPE_CHECKING:
    from alembic.config import Config

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"

REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_candidate_search_key",
    "0003_candidate_search_index",
    "0004_private_notes_and_roles",
    "0005_evidence",
    "0006_offline_exchange",
    "0007_unknown_origin",
    "0008_ats_calendar",
    "0009_evidence_tallies",
)
"""Every revision, oldest first (a test checks this against the migration scripts)."""
HEAD_REVISION = REVISIONS[-1]


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    """The schema revision stored in the database, ``None`` for an empty database.

    Raises :class:`LookupError` when the database holds tables but no revision: it was
    not made by this app.
    """
    tables = set(inspect(connection).get_table_names())
    if VERSION_TABLE not in tables:
        if tables:
            raise LookupError("holds tables of another application")
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()  # noqa: S608
    if not rows:
        return None
    if len(rows) > 1:
        raise LookupError("has more than one schema revision")
    return str(rows[0][0])


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to ``revision`` in one write transaction.

    A shared PostgreSQL database that was provisioned gets its access rules applied
    again (:func:`~interview_kit.storage.roles.provision`), so a new table is never
    left without its grants and policies.

    On SQLite foreign keys are switched off for the duration: Alembic's batch mode
    rebuilds tables, and dropping a parent table with foreign keys on would cascade-delete
    its children. The foreign keys are checked before the transaction commits.
    """
    from alembic import command

    with write_engine(engine).connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _raw_pragma(connection, "PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                command.upgrade(alembic_config(connection), revision)
                if revision == "head" and not sqlite and roles.is_provisioned(connection):
                    # New tables get their grants and policies with the same commit.
                    roles.provision(connection)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"migration broke {len(broken)} foreign key(s)")
        finally:
            if sqlite:
                _raw_pragma(connection, "PRAGMA foreign_keys=ON")
    logger.info("database migrated to %s", revision)


def _raw_pragma(connection: Connection, statement: str) -> None:
    """A pragma outside any transaction (SQLite ignores ``foreign_keys`` inside one)."""
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(statement)
