"""Opening a database: checks, a backup before migrating, migrations, units of work."""

from __future__ import annotations

import getpass
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Connection, Engine, make_url
from sqlalchemy import exc as sa_exc

from interview_kit import paths
from interview_kit.storage.backup import backup_sqlite
from interview_kit.storage.engine import UnitsOfWork, create_app_engine, sqlite_file
from interview_kit.storage.errors import BackupError, DatabaseOpenError, refusal_of
from interview_kit.storage.migrate import (
    HEAD_REVISION,
    REVISIONS,
    VERSION_TABLE,
    current_revision,
    upgrade,
)
from interview_kit.storage.roles import Access, session_access

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


class Database:
    """An open Interview Kit database: the engine and its units of work.

    ``actor`` names whoever uses this instance (the interviewer at the keyboard, the
    recruiter, the command line user); services record it in the audit log.
    """

    def __init__(self, engine: Engine, *, actor: str = "") -> None:
        self.engine = engine
        self.url: URL = engine.url
        self.path: Path | None = sqlite_file(engine.url)
        self.actor = actor or _default_actor()
        self.cache: dict[str, Any] = {}
        """Parsed values keyed by content (e.g. rubrics by hash); safe because keys are."""
        self._units = UnitsOfWork(engine)
        self._access: Access | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def access(self) -> Access:
        """What the connected login may do (``FULL`` on SQLite and for the owner of a
        shared database; a group's share for a person's own login). Read once."""
        if self._access is None:
            if self.is_sqlite:
                self._access = Access.FULL
                return self._access
            with self.engine.connect() as connection:
                self._access = session_access(connection)
        return self._access

    @property
    def location(self) -> str:
        """The file path, or the URL without its password, for messages."""
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        access = self.access
        with _refusals_in_words(), self._units.read() as session:
            session.info[_ACCESS] = access
            yield session

    @contextmanager
    def read_rows(self) -> Iterator[Connection]:
        """A read of plain rows on a connection, no session (see
        :meth:`UnitsOfWork.read_rows`); :attr:`access` tells what the login may read."""
        with _refusals_in_words(), self._units.read_rows() as connection:
            yield connection

    @contextmanager
    def write(self) -> Iterator[Session]:
        access = self.access
        with _refusals_in_words(), self._units.write() as session:
            session.info[_ACCESS] = access
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({self.location!r})"


_ACCESS = "interview_kit_access"


@contextmanager
def _refusals_in_words() -> Iterator[None]:
    """A refusal by the database (a privilege, a policy, a guard) as :class:`RefusedError`
    (the services re-raise it as their own kind), never as a raw driver error."""
    try:
        yield
    except sa_exc.DBAPIError as exc:
        refused = refusal_of(exc)
        if refused is None:
            raise
        raise refused from exc


def access_of(session: Session) -> Access:
    """The access of the login behind a unit of work (see :attr:`Database.access`)."""
    found = session.info.get(_ACCESS)
    return found if isinstance(found, Access) else Access.FULL


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown"


def open_database(
    target: str | Path | None = None, *, actor: str = "", migrate: bool = True
) -> Database:
    """Open (creating if need be) and migrate the database at a path or URL.

    ``None`` means the default: ``INTERVIEW_KIT_DB`` or SQLite in the data folder. A file
    that is not an Interview Kit database, is damaged, or was made by a newer version of
    the app raises :class:`DatabaseOpenError` and is left exactly as it was. Before an
    existing file is migrated, a backup copy is written next to it.
    """
    raw = paths.default_database_url() if target is None else paths.database_url(str(target))
    try:
        url = make_url(raw)
    except sa_exc.ArgumentError:
        raise DatabaseOpenError(raw, "not a database path or URL") from None
    location = url.render_as_string(hide_password=True)
    path = sqlite_file(url)
    if path is not None:
        location = str(path)
        _check_sqlite_file(path)
        _probe_sqlite_file(path)
    try:
        engine = create_app_engine(url)
    except (sa_exc.ArgumentError, sa_exc.NoSuchModuleError) as exc:
        raise DatabaseOpenError(location, f"cannot use this URL ({exc})") from None
    try:
        _prepare_schema(engine, location, path, migrate=migrate)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, actor=actor)


def _check_sqlite_file(path: Path) -> None:
    if path.exists():
        if not path.is_file():
            raise DatabaseOpenError(str(path), "is a folder, not a database file")
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise DatabaseOpenError(str(path), f"cannot be read ({exc.strerror})") from None
        if header and header != SQLITE_HEADER:
            raise DatabaseOpenError(
                str(path), "is not an Interview Kit database (not an SQLite file); left untouched"
            )
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseOpenError(
            str(path), f"cannot create its folder ({exc.strerror or exc})"
        ) from None


def _probe_sqlite_file(path: Path) -> None:
    """Look into an existing file without changing a byte of it (the engine's first
    connection switches the journal mode, which writes the header)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        probe = sqlite3.connect(path)
    except sqlite3.Error as exc:
        raise DatabaseOpenError(str(path), f"cannot be opened ({exc})") from None
    try:
        tables = {
            str(row[0])
            for row in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.DatabaseError as exc:
        raise DatabaseOpenError(str(path), _describe_sqlite_error(exc)) from None
    finally:
        probe.close()
    if tables and VERSION_TABLE not in tables:
        raise DatabaseOpenError(
            str(path),
            "is not an Interview Kit database (it holds tables of another application); "
            "left untouched",
        )


def _prepare_schema(engine: Engine, location: str, path: Path | None, *, migrate: bool) -> None:
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
    except LookupError as exc:
        raise DatabaseOpenError(
            location, f"is not an Interview Kit database ({exc}); left untouched"
        ) from None
    except sa_exc.DBAPIError as exc:
        raise DatabaseOpenError(location, _describe_dbapi_error(exc)) from None
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision not in REVISIONS:
        raise DatabaseOpenError(
            location,
            f"was written by a newer version of Interview Kit (schema {revision}); "
            "update the app to open it",
        )
    if not migrate:
        raise DatabaseOpenError(location, f"needs migrating from schema {revision or 'empty'}")
    if revision is not None and path is not None:
        backup_before_migration(engine, path, revision)
    try:
        upgrade(engine)
    except sa_exc.DBAPIError as exc:
        raise DatabaseOpenError(
            location, f"migration failed: {_describe_dbapi_error(exc)}"
        ) from None


def backup_before_migration(engine: Engine, path: Path, revision: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-{revision}-{stamp}.bak")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.before-{revision}-{stamp}-{counter}.bak")
    try:
        backup_sqlite(engine, target)
    except BackupError as exc:
        raise DatabaseOpenError(
            str(path), f"not migrated: the backup before migrating failed ({exc})"
        ) from None
    logger.info("backed up %s to %s before migrating", path, target)
    return target


def _describe_dbapi_error(exc: sa_exc.DBAPIError) -> str:
    original = exc.orig
    if isinstance(original, sqlite3.DatabaseError):
        return _describe_sqlite_error(original)
    text = str(original if original is not None else exc).strip().splitlines()[0]
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return f"is locked by another program ({text})"
    return f"cannot be used ({text})"


def _describe_sqlite_error(exc: sqlite3.Error) -> str:
    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    lowered = text.lower()
    if isinstance(exc, sqlite3.DatabaseError) and (
        "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered
    ):
        return f"is damaged or not a database ({text}); left untouched"
    if "locked" in lowered or "busy" in lowered:
        return f"is locked by another program ({text})"
    if "unable to open" in lowered:
        return f"cannot be opened ({text})"
    return f"cannot be used ({text})"
