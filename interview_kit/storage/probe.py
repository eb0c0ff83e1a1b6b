"""Look at a database before using it: reachable, ours, and at which schema revision.

:func:`probe_database` answers "what would happen if the app opened this?" without
changing anything: a SQLite file is read through a read-only connection (a missing one is
not created), a PostgreSQL server is asked with a short connection timeout. Problems come
back as :class:`DatabaseOpenError` with a message a user can act on: a bad URL, a server
that cannot be reached, a refused user name or password, a database that is not ours or
was written by a newer version of the app.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import URL, create_engine, make_url
from sqlalchemy import exc as sa_exc
from sqlalchemy.pool import NullPool

from interview_kit import paths
from interview_kit.storage.database import SQLITE_HEADER
from interview_kit.storage.engine import sqlite_file
from interview_kit.storage.errors import DatabaseOpenError
from interview_kit.storage.migrate import HEAD_REVISION, REVISIONS, VERSION_TABLE, current_revision

CONNECT_TIMEOUT_S = 5
"""How long a probe waits for a PostgreSQL server to answer."""

SUPPORTED = "a SQLite file path or a postgresql+psycopg://user:password@host:5432/database URL"


class SchemaState(StrEnum):
    NEW = "new"
    """Empty or not there yet: opening creates the tables."""
    CURRENT = "current"
    """Ours, at this version's schema: opens as it is."""
    OLDER = "older"
    """Ours, at an older schema: opening migrates it (a SQLite file is backed up first)."""


@dataclass(frozen=True)
class DatabaseProbe:
    url: str
    """The URL to open, password included (never shown)."""
    location: str
    """The file path, or the URL with the password hidden: for messages."""
    is_sqlite: bool
    state: SchemaState
    revision: str | None
    candidates: int | None
    """Candidates stored (``None`` when new or not countable at an older schema)."""

    def describe(self) -> str:
        """One or two sentences saying what switching to it will do."""
        if self.state is SchemaState.NEW:
            if self.is_sqlite:
                return "A new database file: it is created when you switch to it."
            return "Connected: the database is empty. The tables are created when you switch to it."
        if self.state is SchemaState.CURRENT:
            count = (
                ""
                if self.candidates is None
                else f" with {self.candidates} candidate{'s' if self.candidates != 1 else ''}"
            )
            where = "" if self.is_sqlite else "Connected: "
            return f"{where}An Interview Kit database{count}, ready to use."
        backup = (
            "a backup copy is written next to the file first"
            if self.is_sqlite
            else "back it up first (for example with pg_dump): a server database is not "
            "copied automatically"
        )
        where = "" if self.is_sqlite else "Connected: "
        return (
            f"{where}An Interview Kit database from an older version (schema "
            f"{self.revision}). It is migrated when you switch to it; {backup}."
        )


def target_url(target: str | Path) -> URL:
    """The URL for a path or URL typed by a user, refused with a clear message when it
    cannot be one of ours."""
    text = str(target).strip()
    if not text:
        raise DatabaseOpenError("(nothing)", f"enter {SUPPORTED}")
    raw = paths.database_url(text)
    try:
        url = make_url(raw)
    except (sa_exc.ArgumentError, ValueError) as exc:
        raise DatabaseOpenError(
            _hide_password(text), f"is not a database URL ({exc}); enter {SUPPORTED}"
        ) from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if sqlite_file(url) is None:
            raise DatabaseOpenError(
                text, "an in-memory database forgets everything when the app closes; choose a file"
            )
        return url
    shown = url.render_as_string(hide_password=True)
    if backend in ("postgresql", "postgres"):
        if url.drivername != "postgresql+psycopg":
            fixed = url.set(drivername="postgresql+psycopg").render_as_string(hide_password=True)
            raise DatabaseOpenError(
                shown, f"names another driver; write it as {fixed} (the psycopg driver)"
            )
        if not url.host:
            raise DatabaseOpenError(shown, "names no server: add @host (and :port)")
        if not url.database:
            raise DatabaseOpenError(shown, "names no database: add /database at the end")
        return url
    raise DatabaseOpenError(
        shown, f"is a {backend} URL; Interview Kit works with SQLite files and PostgreSQL"
    )


def probe_database(target: str | Path) -> DatabaseProbe:
    """What opening ``target`` would do, without changing it (see the module notes)."""
    url = target_url(target)
    path = sqlite_file(url)
    if path is not None:
        return _probe_sqlite(url, path)
    return _probe_server(url)


def _probe_sqlite(url: URL, path: Path) -> DatabaseProbe:
    location = str(path)
    full = url.render_as_string(hide_password=False)
    if not path.exists():
        _check_creatable(path)
        return DatabaseProbe(full, location, True, SchemaState.NEW, None, None)
    if not path.is_file():
        raise DatabaseOpenError(location, "is a folder, not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseOpenError(location, f"cannot be read ({exc.strerror})") from None
    if not header:
        return DatabaseProbe(full, location, True, SchemaState.NEW, None, None)
    if header != SQLITE_HEADER:
        raise DatabaseOpenError(location, "is not an Interview Kit database (not an SQLite file)")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseOpenError(location, f"cannot be opened ({exc})") from None
    try:
        tables = {
            str(row[0])
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        revision = _sqlite_revision(connection, tables, location)
        state = _state(location, revision)
        count = None
        if state is SchemaState.CURRENT:
            count = int(connection.execute("SELECT count(*) FROM candidates").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise DatabaseOpenError(location, f"is damaged or not a database ({exc})") from None
    finally:
        connection.close()
    return DatabaseProbe(full, location, True, state, revision, count)


def _sqlite_revision(connection: sqlite3.Connection, tables: set[str], location: str) -> str | None:
    if VERSION_TABLE not in tables:
        if tables:
            raise DatabaseOpenError(
                location,
                "is not an Interview Kit database (it holds tables of another application)",
            )
        return None
    rows = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()  # noqa: S608
    if len(rows) > 1:
        raise DatabaseOpenError(location, "is not an Interview Kit database (several schemas)")
    return str(rows[0][0]) if rows else None


def _check_creatable(path: Path) -> None:
    """A new file can be made there: the nearest existing folder is writable."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise DatabaseOpenError(str(path), f"cannot be created: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseOpenError(str(path), f"cannot be created: {folder} is not writable")


def _probe_server(url: URL) -> DatabaseProbe:
    location = url.render_as_string(hide_password=True)
    engine = create_engine(
        url, poolclass=NullPool, connect_args={"connect_timeout": CONNECT_TIMEOUT_S}
    )
    try:
        with engine.connect() as connection:
            try:
                revision = current_revision(connection)
            except LookupError as exc:
                raise DatabaseOpenError(
                    location, f"is not an Interview Kit database ({exc}); left untouched"
                ) from None
            state = _state(location, revision)
            count = None
            if state is SchemaState.CURRENT:
                found = connection.exec_driver_sql("SELECT count(*) FROM candidates").scalar()
                count = int(found or 0)
    except sa_exc.DBAPIError as exc:
        raise DatabaseOpenError(location, describe_server_error(exc, url)) from None
    except sa_exc.NoSuchModuleError:
        raise DatabaseOpenError(
            location, "cannot be used: the psycopg driver is not installed"
        ) from None
    finally:
        engine.dispose()
    return DatabaseProbe(
        url.render_as_string(hide_password=False), location, False, state, revision, count
    )


def _state(location: str, revision: str | None) -> SchemaState:
    if revision is None:
        return SchemaState.NEW
    if revision == HEAD_REVISION:
        return SchemaState.CURRENT
    if revision in REVISIONS:
        return SchemaState.OLDER
    raise DatabaseOpenError(
        location,
        f"was written by a newer version of Interview Kit (schema {revision}); "
        "update the app to use it",
    )


def describe_server_error(exc: sa_exc.DBAPIError, url: URL) -> str:
    """A server's refusal in words: unreachable, bad credentials, no such database."""
    text = " ".join(str(exc.orig if exc.orig is not None else exc).split())
    lowered = text.lower()
    where = f"{url.host}:{url.port or 5432}"
    if "password authentication failed" in lowered or (
        "role" in lowered and "does not exist" in lowered
    ):
        return (
            f"the server at {where} refused the user name or password "
            f"(authentication failed for {url.username or 'the default user'})"
        )
    if "no password supplied" in lowered:
        return f"the server at {where} wants a password: add it to the URL (user:password@)"
    if "database" in lowered and "does not exist" in lowered:
        return (
            f"the server at {where} has no database {url.database!r}: create it first "
            f"(createdb {url.database})"
        )
    unreachable = (
        "connection refused",
        "could not connect",
        "timeout expired",
        "timed out",
        "could not translate host name",
        "name or service not known",
        "no route to host",
        "network is unreachable",
        "connection failed",
    )
    if any(words in lowered for words in unreachable):
        return (
            f"cannot reach a PostgreSQL server at {where}: is it running, and are the host "
            "and port right? "
            f"({_first_reason(text)})"
        )
    if "permission denied" in lowered:
        return f"the server at {where} refused access ({_first_reason(text)})"
    return f"cannot be used ({_first_reason(text)})"


def _first_reason(text: str) -> str:
    return text[:300]


def _hide_password(text: str) -> str:
    try:
        return make_url(text).render_as_string(hide_password=True)
    except (sa_exc.ArgumentError, ValueError):
        if "@" in text and "://" in text:
            scheme, rest = text.split("://", 1)
            credentials, host = rest.rsplit("@", 1)
            user = credentials.split(":", 1)[0]
            return f"{scheme}://{user}:***@{host}"
        return text


__all__ = [
    "CONNECT_TIMEOUT_S",
    "DatabaseProbe",
    "SchemaState",
    "describe_server_error",
    "probe_database",
    "target_url",
]
