"""Probing a database before switching to it: what opening it would do, or why it cannot
be used, with nothing changed either way."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from interview_kit.services import candidates, connection
from interview_kit.storage import DatabaseOpenError, open_database
from interview_kit.storage.engine import create_app_engine
from interview_kit.storage.migrate import HEAD_REVISION, REVISIONS, upgrade
from interview_kit.storage.probe import SchemaState, probe_database


def closed_port() -> int:
    """A localhost port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("   ", "enter a SQLite file path or a postgresql+psycopg://"),
        ("mysql://me:secret@db.example.com/panel", "is a mysql URL; Interview Kit works with"),
        ("postgresql://me:secret@db.example.com/panel", "write it as postgresql+psycopg://me:***@"),
        ("postgres://me:secret@db.example.com/panel", "write it as postgresql+psycopg://"),
        ("postgresql+psycopg://me:secret@db.example.com:port/panel", "is not a database URL"),
        ("postgresql+psycopg://me:secret@/panel", "names no server"),
        ("postgresql+psycopg://me:secret@db.example.com", "names no database"),
        ("sqlite://", "in-memory database forgets everything"),
        ("sqlite:///:memory:", "in-memory database forgets everything"),
    ],
)
def test_bad_targets_are_refused_in_words(target: str, message: str) -> None:
    with pytest.raises(DatabaseOpenError) as caught:
        probe_database(target)
    assert message in str(caught.value)
    assert "secret" not in str(caught.value), "the password is never shown"


def test_an_unreachable_server_is_named(tmp_path: Path) -> None:
    port = closed_port()
    with pytest.raises(DatabaseOpenError) as caught:
        probe_database(f"postgresql+psycopg://me:secret@127.0.0.1:{port}/panel")
    text = str(caught.value)
    assert f"cannot reach a PostgreSQL server at 127.0.0.1:{port}" in text
    assert "secret" not in text


def test_sqlite_files_in_every_state(tmp_path: Path) -> None:
    new = tmp_path / "folder" / "new.sqlite3"
    found = probe_database(new)
    assert (found.state, found.is_sqlite, found.location) == (SchemaState.NEW, True, str(new))
    assert not new.parent.exists(), "a probe creates nothing"
    assert "created when you switch" in found.describe()

    ours = tmp_path / "ours.sqlite3"
    db = open_database(ours)
    candidates.add_candidate(db, name="Only One")
    db.close()
    before = ours.read_bytes()
    found = probe_database(ours)
    assert (found.state, found.revision, found.candidates) == (
        SchemaState.CURRENT,
        HEAD_REVISION,
        1,
    )
    assert found.describe() == "An Interview Kit database with 1 candidate, ready to use."
    assert ours.read_bytes() == before, "a probe changes nothing"

    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert probe_database(empty).state is SchemaState.NEW


def test_an_older_schema_is_migrated_with_a_backup_on_switching(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    engine = create_app_engine(make_url(f"sqlite:///{old}"))
    upgrade(engine, REVISIONS[0])
    engine.dispose()

    found = connection.check_database(old)
    assert found.state is SchemaState.OLDER
    assert found.revision == REVISIONS[0]
    assert "It is migrated when you switch to it; a backup copy is written" in found.describe()

    db = connection.open_checked(old)
    try:
        assert probe_database(old).state is SchemaState.CURRENT
    finally:
        db.close()
    assert list(tmp_path.glob(f"old.sqlite3.before-{REVISIONS[0]}-*.bak"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("tables", "holds tables of another application"),
        ("text", "not an SQLite file"),
        ("newer", "newer version of Interview Kit"),
    ],
)
def test_files_that_are_not_ours_are_refused(tmp_path: Path, content: str, message: str) -> None:
    target = tmp_path / "other.sqlite3"
    if content == "text":
        target.write_text("name,email\n")
    else:
        with sqlite3.connect(target) as raw:
            if content == "tables":
                raw.execute("CREATE TABLE orders (id INTEGER)")
            else:
                raw.execute("CREATE TABLE alembic_version (version_num TEXT)")
                raw.execute("INSERT INTO alembic_version VALUES ('9999_future')")
        raw.close()
    before = target.read_bytes()
    with pytest.raises(DatabaseOpenError, match=message):
        connection.check_database(target)
    with pytest.raises(DatabaseOpenError, match=message):
        connection.open_checked(target)
    assert target.read_bytes() == before


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="is a folder"):
        probe_database(tmp_path)


def test_what_is_remembered(tmp_path: Path) -> None:
    assert connection.setting_value(tmp_path / "a.sqlite3") == str(tmp_path / "a.sqlite3")
    url = "postgresql+psycopg://me:secret@db.example.com:5433/panel"
    # The password goes to the keyring (or is asked for at start), never into the setting:
    # see tests/services/test_credentials.py.
    assert connection.setting_value(url, store=None) == url.replace(":secret@", "@")


@pytest.mark.postgres
def test_a_postgresql_database_empty_then_ours(pg_url: str) -> None:
    found = probe_database(pg_url)
    assert (found.state, found.is_sqlite) == (SchemaState.NEW, False)
    assert found.describe().startswith("Connected: the database is empty.")
    assert ":***@" in found.location or make_url(pg_url).password is None

    db = connection.open_checked(pg_url)
    candidates.add_candidate(db, name="Shared One")
    db.close()
    found = probe_database(pg_url)
    assert (found.state, found.candidates) == (SchemaState.CURRENT, 1)


@pytest.mark.postgres
def test_postgresql_refusals_are_told_apart(pg_url: str) -> None:
    url = make_url(pg_url)
    missing = url.set(database="ik_no_such_database").render_as_string(hide_password=False)
    with pytest.raises(DatabaseOpenError, match="has no database 'ik_no_such_database'"):
        probe_database(missing)


@pytest.mark.postgres
def test_a_wrong_password_is_refused(pg_url: str) -> None:
    wrong = make_url(pg_url).set(password="not-the-password").render_as_string(hide_password=False)
    engine = create_engine(wrong, poolclass=NullPool)
    try:
        with engine.connect():
            pytest.skip("this server trusts every local connection: it refuses no password")
    except DBAPIError:
        pass
    finally:
        engine.dispose()
    with pytest.raises(DatabaseOpenError, match="refused the user name or password") as caught:
        probe_database(wrong)
    assert "not-the-password" not in str(caught.value)
