"""Who may sign in to a shared PostgreSQL database, and as what.

The database owner provisions the database once (:func:`provision`: group roles, grants,
row-level security policies; safe to run again) and adds each person with
:func:`add_person`: a login role of their own, in one group (recruiter, committee,
interviewer), with a generated password shown once. An interviewer's record is tied to
their login, so on a shared database who is scoring is whoever signed in
(:func:`signed_in_interviewer`), never a name picked from a list. :func:`remove_person`
takes the sign-in away and keeps everything the person wrote.

A SQLite file has no sign-ins: it belongs to one operating-system account (see
``docs/security.md``); these functions refuse it.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from interview_kit.services import audit
from interview_kit.services.common import new_uuid
from interview_kit.services.errors import (
    AccessDeniedError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
)
from interview_kit.services.interviewers import InterviewerRecord, add_interviewer, record_of
from interview_kit.storage import roles
from interview_kit.storage.database import Database
from interview_kit.storage.models import InterviewerRow
from interview_kit.storage.roles import Access, Group
from interview_kit.storage.tables import search_key

__all__ = [
    "CONNECTION_FORMAT",
    "Access",
    "Group",
    "NewPerson",
    "Person",
    "SignedIn",
    "add_person",
    "find_person",
    "may_manage_people",
    "new_password",
    "people",
    "provision",
    "read_connection_file",
    "remove_person",
    "set_role",
    "signed_in",
    "signed_in_interviewer",
    "write_connection_file",
]

PASSWORD_BYTES = 24


@dataclass(frozen=True)
class Person:
    login: str
    role: Group | None
    """``None`` once removed."""
    can_sign_in: bool
    name: str
    """The interviewer record's name, else the name the login was made for."""
    interviewer_uuid: str | None


@dataclass(frozen=True)
class NewPerson:
    person: Person
    password: str
    """Shown once; the database keeps only its hash."""
    url: str
    """A connection URL for the person, password included: hand it over privately."""


def _shared(db: Database, what: str) -> None:
    if db.is_sqlite:
        raise InvalidInputError(
            f"{what}: roles need a shared PostgreSQL database; a SQLite file has no "
            "sign-ins (it belongs to one operating-system account, see docs/security.md)"
        )


def _owner_connection(db: Database, what: str) -> None:
    _shared(db, what)
    if db.access is not Access.FULL:
        raise AccessDeniedError(
            f"{what} is for the database owner (the login that created the database); "
            f"you are signed in as {db.access.value}"
        )


def may_manage_people(db: Database) -> bool:
    """Whether this sign-in adds, moves and removes people: the owner, or a recruiter."""
    return not db.is_sqlite and db.access in (Access.FULL, Access.RECRUITER)


def _manager_connection(db: Database, what: str) -> None:
    """People are managed by the database owner or a recruiter (through the database's
    own functions, which touch no role but this database's people)."""
    _shared(db, what)
    if not may_manage_people(db):
        raise AccessDeniedError(
            f"{what} is for a recruiter or the database owner; "
            f"you are signed in as {db.access.value}"
        )


@contextmanager
def _administering(what: str) -> Iterator[None]:
    """A role statement the server refuses, said in words: a missing CREATEROLE (the
    refusal arrives already translated by the unit of work) or any other refusal."""
    try:
        yield
    except AccessDeniedError as exc:
        cause = exc.__cause__
        original = str(getattr(cause, "orig", None) or cause or exc).strip()
        first = original.splitlines()[0] if original else ""
        if "role" not in first or "person's login" in first:
            raise AccessDeniedError(f"{what}: the database refused it ({first})") from None
        raise AccessDeniedError(
            f"{what}: the database owner's login may not create or change roles ({first}); "
            "give it CREATEROLE (ALTER ROLE … CREATEROLE, as a superuser) and run "
            "interview-kit admin provision again"
        ) from None
    except sa_exc.DBAPIError as exc:
        lines = str(exc.orig or exc).strip().splitlines()
        raise ConflictError(
            f"{what}: the database refused it ({lines[0] if lines else exc})"
        ) from None


def provision(db: Database, *, actor: str | None = None) -> list[str]:
    """Create or bring up to date the roles, grants and policies (idempotent); the
    names of the database's group roles."""
    _owner_connection(db, "provisioning")
    with _administering("provisioning failed"), db.write() as session:
        connection = session.connection()
        roles.provision(connection)
        audit.append(session, actor or db.actor, "access.provisioned", "database", None)
        database = roles.current_database(connection)
    return [roles.group_role(database, group) for group in Group]


def _group(role: Group | str) -> Group:
    try:
        return Group(str(role).strip().lower())
    except ValueError:
        known = ", ".join(g.value for g in Group)
        raise InvalidInputError(f"role {role!r} is not one of: {known}") from None


def add_person(
    db: Database,
    name: str,
    *,
    email: str = "",
    role: Group | str,
    actor: str | None = None,
) -> NewPerson:
    """A login role for a person, with a generated password. An interviewer gets an
    interviewer record tied to the login (an existing record with the same e-mail and no
    login is used, so their earlier scorecards stay theirs)."""
    group = _group(role)
    _manager_connection(db, "adding a person")
    if not _is_provisioned(db):
        raise ConflictError("provision the database first (interview-kit admin provision)")
    password = secrets.token_urlsafe(PASSWORD_BYTES)
    interviewer: InterviewerRecord | None = None
    if group is Group.INTERVIEWER:
        interviewer = _interviewer_for(db, name, email, actor=actor)
    with _administering(f"adding {name!r} failed"), db.write() as session:
        connection = session.connection()
        login = roles.create_login(connection, name, group, password)
        if interviewer is not None:
            row = session.scalars(
                select(InterviewerRow).where(InterviewerRow.uuid == interviewer.uuid)
            ).one()
            row.login = login
            session.flush()
            interviewer = record_of(row)
        audit.append(
            session,
            actor or db.actor,
            "access.person_added",
            "login",
            interviewer.uuid if interviewer else None,
            f"role {group.value}",
        )
    person = Person(
        login=login,
        role=group,
        can_sign_in=True,
        name=interviewer.name if interviewer else name,
        interviewer_uuid=interviewer.uuid if interviewer else None,
    )
    url = db.url.set(username=login, password=password).render_as_string(hide_password=False)
    return NewPerson(person, password, url)


def _is_provisioned(db: Database) -> bool:
    with db.read() as session:
        return roles.is_provisioned(session.connection())


def _interviewer_for(
    db: Database, name: str, email: str, *, actor: str | None
) -> InterviewerRecord:
    """The interviewer record a new login is tied to: one with this e-mail that has no
    login, or whose login was removed (a person coming back keeps their scorecards);
    else a new record."""
    if email.strip():
        with db.read() as session:
            active = {info.login for info in roles.logins(session.connection()) if info.group}
            for row in session.scalars(
                select(InterviewerRow)
                .where(InterviewerRow.email == email.strip())
                .order_by(InterviewerRow.id)
            ):
                if row.login is None or row.login not in active:
                    return record_of(row)
    return add_interviewer(db, name=name, email=email, uuid=new_uuid(), actor=actor)


def _known_login(connection: Connection, login: str) -> roles.LoginInfo:
    for info in roles.logins(connection):
        if info.login == login:
            return info
    raise NotFoundError(f"no login {login!r} on this database (see: interview-kit admin people)")


def set_role(db: Database, login: str, role: Group | str, *, actor: str | None = None) -> Person:
    """Move a person to another group (their sign-in and records stay)."""
    group = _group(role)
    _manager_connection(db, "changing a role")
    with _administering(f"changing the role of {login!r} failed"), db.write() as session:
        connection = session.connection()
        _known_login(connection, login)
        roles.set_login_group(connection, login, group)
        audit.append(
            session, actor or db.actor, "access.role_set", "login", None, f"role {group.value}"
        )
    return _person(db, login)


def new_password(db: Database, login: str, *, actor: str | None = None) -> NewPerson:
    """A fresh generated password for a person who lost theirs (shown once)."""
    _manager_connection(db, "setting a password")
    password = secrets.token_urlsafe(PASSWORD_BYTES)
    with _administering(f"setting the password of {login!r} failed"), db.write() as session:
        connection = session.connection()
        info = _known_login(connection, login)
        if info.group is None:
            raise ConflictError(f"{login} was removed; add the person again instead")
        roles.set_password(connection, login, password)
        audit.append(session, actor or db.actor, "access.password_set", "login", None)
    url = db.url.set(username=login, password=password).render_as_string(hide_password=False)
    return NewPerson(_person(db, login), password, url)


def remove_person(db: Database, login: str, *, actor: str | None = None) -> Person:
    """The person can no longer sign in or read anything; what they wrote stays."""
    _manager_connection(db, "removing a person")
    with _administering(f"removing {login!r} failed"), db.write() as session:
        connection = session.connection()
        _known_login(connection, login)
        roles.remove_login(connection, login)
        audit.append(session, actor or db.actor, "access.person_removed", "login", None)
    return _person(db, login)


def people(db: Database) -> list[Person]:
    """Every login of this database, with its group and interviewer record."""
    _manager_connection(db, "listing people")
    with db.read() as session:
        infos = roles.logins(session.connection())
        linked = {
            str(login): (str(name), str(uuid))
            for login, name, uuid in session.execute(
                select(InterviewerRow.login, InterviewerRow.name, InterviewerRow.uuid).where(
                    InterviewerRow.login.is_not(None)
                )
            )
        }
    found = []
    for info in infos:
        name, uuid = linked.get(info.login, (info.person, None))
        found.append(
            Person(
                login=info.login,
                role=info.group,
                can_sign_in=info.can_login and info.group is not None,
                name=name,
                interviewer_uuid=uuid,
            )
        )
    return sorted(found, key=lambda p: (search_key(p.name), p.login))


def _person(db: Database, login: str) -> Person:
    for person in people(db):
        if person.login == login:
            return person
    raise NotFoundError(f"no login {login!r} on this database")


def signed_in_interviewer(db: Database) -> InterviewerRecord | None:
    """On a shared database, the interviewer record of the login connected (identity is
    the sign-in, never chosen); ``None`` on SQLite or for a login with no record."""
    if db.is_sqlite:
        return None
    with db.read() as session:
        row = session.scalars(
            select(InterviewerRow).where(InterviewerRow.login == text("session_user"))
        ).one_or_none()
        return record_of(row) if row is not None else None


def find_person(db: Database, who: str) -> Person:
    """A person by login, or by name or e-mail as people name each other (one match,
    case and accents as typed aside); removed people are found too."""
    wanted = who.strip()
    everyone = people(db)
    for person in everyone:
        if person.login == wanted:
            return person
    key = search_key(wanted)
    emails = _emails(db)
    found = [
        p
        for p in everyone
        if search_key(p.name) == key
        or (p.interviewer_uuid and search_key(emails.get(p.interviewer_uuid, "")) == key)
    ]
    active = [p for p in found if p.can_sign_in]
    if len(found) > 1 and len(active) == 1:
        return active[0]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFoundError(
            f"no person {who!r} on this database: give a login, a name or an e-mail "
            "(see: interview-kit admin people)"
        )
    logins = ", ".join(p.login for p in found)
    raise ConflictError(f"{who!r} names several people ({logins}): give the login instead")


def _emails(db: Database) -> dict[str, str]:
    with db.read() as session:
        return {
            str(uuid): str(email or "")
            for uuid, email in session.execute(
                select(InterviewerRow.uuid, InterviewerRow.email).where(
                    InterviewerRow.login.is_not(None)
                )
            )
        }


CONNECTION_FORMAT = "interview-kit-connection"
CONNECTION_VERSION = 1


def write_connection_file(new: NewPerson, path: Path, *, overwrite: bool = False) -> Path:
    """The new person's sign-in as a file to hand over privately (JSON, readable by its
    owner only; format in docs/security.md). The password is in it: delete the file
    once it has been opened."""
    content = {
        "format": CONNECTION_FORMAT,
        "version": CONNECTION_VERSION,
        "name": new.person.name,
        "role": new.person.role.value if new.person.role else None,
        "login": new.person.login,
        "url": new.url,
    }
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
    try:
        descriptor = os.open(path, flags, 0o600)
    except FileExistsError:
        raise ConflictError(f"{path} exists; choose another file or replace it") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(content, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return path


def read_connection_file(path: Path) -> str:
    """The database URL (password included) of a connection file."""
    try:
        content = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such connection file") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidInputError(f"{path} is not an Interview Kit connection file") from None
    if not isinstance(content, dict) or content.get("format") != CONNECTION_FORMAT:
        raise InvalidInputError(f"{path} is not an Interview Kit connection file")
    if content.get("version") != CONNECTION_VERSION:
        raise InvalidInputError(
            f"{path} is a connection file of version {content.get('version')!r}; "
            f"this version reads version {CONNECTION_VERSION}"
        )
    url = content.get("url")
    if not isinstance(url, str) or not url:
        raise InvalidInputError(f"{path} has no database URL")
    return url


@dataclass(frozen=True)
class SignedIn:
    """Who is at the keyboard on a person's own login of a shared database."""

    login: str
    name: str
    """The interviewer record's name, else the name the login was made for."""
    access: Access
    interviewer: InterviewerRecord | None
    """Their interviewer record (an interviewer's login); ``None`` for the others."""


def signed_in(db: Database) -> SignedIn | None:
    """The person a restricted login belongs to; ``None`` on SQLite and for the database
    owner (who, like the owner of a file, may say who is scoring)."""
    if db.is_sqlite or not db.access.restricted:
        return None
    with db.read() as session:
        login, person = roles.session_person(session.connection())
    interviewer = signed_in_interviewer(db)
    return SignedIn(
        login=login,
        name=interviewer.name if interviewer is not None else (person or login),
        access=db.access,
        interviewer=interviewer,
    )
