"""``interview-kit admin`` end to end on a real PostgreSQL server: the owner provisions and
hands out logins, the people sign in with them, and every refusal says why with its own
exit code."""

from __future__ import annotations

import json
import stat
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from roles_support import admin, fresh_database
from sqlalchemy import URL, make_url

from interview_kit.cli import ExitCode, main
from interview_kit.services import people
from interview_kit.storage import open_database
from interview_kit.storage.roles import Access

pytestmark = pytest.mark.postgres


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def owner_url(pg_server: URL) -> Iterator[str]:
    with fresh_database(pg_server) as url:
        yield url.render_as_string(hide_password=False)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    def run(*argv: str) -> Result:
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def _connect(url: str) -> psycopg.Connection:  # type: ignore[type-arg]
    parsed = make_url(url)
    return psycopg.connect(
        host=parsed.host,
        port=parsed.port,
        dbname=parsed.database,
        user=parsed.username,
        password=parsed.password,
        connect_timeout=5,
    )


def test_the_owner_provisions_adds_moves_lists_and_removes_people(
    cli, owner_url: str, tmp_path: Path
) -> None:
    first = cli("admin", "provision", "--db", owner_url)
    assert first.code == ExitCode.OK, first.err
    assert "_recruiter" in first.out
    again = cli("--db", owner_url, "admin", "provision")  # idempotent, either spelling
    assert again.code == ExitCode.OK, again.err

    added = cli("admin", "add-person", "Ada Lovelace", "--email", "ada@example.org",
                "--role", "interviewer", "--json", "--db", owner_url)  # fmt: skip
    assert added.code == ExitCode.OK, added.err
    ada = json.loads(added.out)
    assert ada["role"] == "interviewer"
    assert ada["interviewer_uuid"]
    with _connect(ada["url"]) as connection:  # the printed password signs in
        assert connection.execute("SELECT session_user").fetchone() == (ada["login"],)

    handed = tmp_path / "cy.json"
    made = cli("admin", "add-person", "Cy Twombly", "--role", "committee",
               "--connection-file", str(handed), "--db", owner_url)  # fmt: skip
    assert made.code == ExitCode.OK, made.err
    assert "Password" not in made.out  # the file carries it, the screen does not
    assert stat.S_IMODE(handed.stat().st_mode) == 0o600
    cy_url = people.read_connection_file(handed)
    content = json.loads(handed.read_text(encoding="utf-8"))
    assert content["format"] == "interview-kit-connection"
    assert content["role"] == "committee"
    with open_database(cy_url) as db:
        assert db.access is Access.COMMITTEE
    refused = cli("admin", "add-person", "Dee", "--role", "committee",
                  "--connection-file", str(handed), "--db", owner_url)  # fmt: skip
    assert refused.code == ExitCode.CONFLICT
    assert "already exists" in refused.err

    moved = cli("admin", "set-role", "Cy Twombly", "--role", "recruiter", "--db", owner_url)
    assert moved.code == ExitCode.OK, moved.err
    assert "now recruiter" in moved.out
    with open_database(cy_url) as db:
        assert db.access is Access.RECRUITER

    removed = cli("admin", "remove-person", "ada@example.org", "--db", owner_url)
    assert removed.code == ExitCode.OK, removed.err
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        _connect(ada["url"])

    listed = cli("admin", "people", "--json", "--db", owner_url)
    assert listed.code == ExitCode.OK, listed.err
    rows = {p["name"]: p for p in json.loads(listed.out)["people"]}
    assert rows["Ada Lovelace"]["can_sign_in"] is False
    assert rows["Ada Lovelace"]["role"] is None
    assert rows["Ada Lovelace"]["interviewer_uuid"] == ada["interviewer_uuid"]  # kept
    assert rows["Cy Twombly"]["role"] == "recruiter"
    text = cli("admin", "people", "--db", owner_url)
    assert "no (removed)" in text.out
    assert "Cy Twombly" in text.out

    fresh = cli("admin", "new-password", ada["login"], "--db", owner_url)
    assert fresh.code == ExitCode.CONFLICT  # removed: add them again instead
    assert "add the person again" in fresh.err


def test_clear_errors_for_the_wrong_database_login_or_person(
    cli, owner_url: str, tmp_path: Path
) -> None:
    sqlite = cli("admin", "provision", "--db", str(tmp_path / "panel.sqlite3"))
    assert sqlite.code == ExitCode.INVALID_INPUT
    assert "roles need a shared PostgreSQL database" in sqlite.err

    assert cli("admin", "provision", "--db", owner_url).code == ExitCode.OK
    unknown = cli("admin", "set-role", "nobody", "--role", "committee", "--db", owner_url)
    assert unknown.code == ExitCode.NOT_FOUND
    assert "no person 'nobody'" in unknown.err
    gone = cli("admin", "remove-person", "nobody", "--db", owner_url)
    assert gone.code == ExitCode.NOT_FOUND

    rita = json.loads(
        cli("admin", "add-person", "Rita", "--role", "recruiter", "--json", "--db", owner_url).out
    )
    cy = json.loads(
        cli("admin", "add-person", "Cy", "--role", "committee", "--json", "--db", owner_url).out
    )
    not_owner = cli("admin", "provision", "--db", rita["url"])
    assert not_owner.code == ExitCode.DATABASE
    assert "for the database owner" in not_owner.err
    assert "signed in as recruiter" in not_owner.err
    committee = cli("admin", "people", "--db", cy["url"])
    assert committee.code == ExitCode.DATABASE
    assert "for a recruiter or the database owner" in committee.err
    adding = cli("admin", "add-person", "Eve", "--role", "recruiter", "--db", cy["url"])
    assert adding.code == ExitCode.DATABASE


def test_a_recruiter_manages_people_but_no_other_role_on_the_server(
    cli, owner_url: str, pg_server: URL
) -> None:
    assert cli("admin", "provision", "--db", owner_url).code == ExitCode.OK
    rita = json.loads(
        cli("admin", "add-person", "Rita", "--role", "recruiter", "--json", "--db", owner_url).out
    )
    added = cli("admin", "add-person", "Ida", "--email", "ida@example.org", "--role",
                "interviewer", "--json", "--db", rita["url"])  # fmt: skip
    assert added.code == ExitCode.OK, added.err
    ida = json.loads(added.out)
    with open_database(ida["url"]) as db:
        assert db.access is Access.INTERVIEWER
    assert cli("admin", "set-role", "Ida", "--role", "committee", "--db", rita["url"]).code == 0
    assert cli("admin", "remove-person", "Ida", "--db", rita["url"]).code == 0
    # Through the database's functions a recruiter reaches this database's people only:
    # not the owner, not a server superuser.
    owner = make_url(owner_url).username
    with _connect(rita["url"]) as connection:
        for call in (
            f"SELECT ik_person_set_password('{owner}', 'taken-over')",
            f"SELECT ik_person_set_group('{owner}', 'interviewer')",
            "SELECT ik_person_remove('postgres')",
            "SELECT ik_person_create('postgres2', 'x', 'recruiter', 'x')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(call)
            connection.rollback()
    with _connect(owner_url) as connection:  # the owner still signs in as before
        assert connection.execute("SELECT session_user").fetchone() == (owner,)


def test_an_owner_without_createrole_is_told_what_to_grant(
    cli, pg_server: URL, tmp_path: Path
) -> None:
    suffix = uuid.uuid4().hex[:10]
    owner, database = f"ik_test_owner_{suffix}", f"ik_nocr_{suffix}"
    admin(pg_server, f"CREATE ROLE {owner} LOGIN NOCREATEROLE PASSWORD 'owner-secret'")
    try:
        admin(pg_server, f"GRANT {owner} TO {pg_server.username}")
        admin(pg_server, f"CREATE DATABASE {database} OWNER {owner}")
        try:
            url = pg_server.set(username=owner, password="owner-secret", database=database)
            result = cli("admin", "provision", "--db", url.render_as_string(hide_password=False))
            assert result.code == ExitCode.DATABASE, result.err
            assert "CREATEROLE" in result.err
            assert "Traceback" not in result.err
        finally:
            admin(pg_server, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            from sqlalchemy import create_engine

            from interview_kit.storage.roles import drop_database_roles

            engine = create_engine(pg_server, isolation_level="AUTOCOMMIT")
            with engine.connect() as connection:
                drop_database_roles(connection, database)
            engine.dispose()
    finally:
        admin(pg_server, f"DROP ROLE IF EXISTS {owner}")
