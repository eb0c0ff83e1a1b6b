"""Interviewers: the people who score (and, in the app, "who is scoring")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interview_kit.services import audit
from interview_kit.services.common import checked_uuid, clean_text, new_uuid
from interview_kit.services.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    StaleEditError,
)
from interview_kit.storage.database import Database
from interview_kit.storage.models import InterviewerRow
from interview_kit.storage.tables import EMAIL_LENGTH, NAME_LENGTH, search_key, utc_now


@dataclass(frozen=True)
class InterviewerRecord:
    uuid: str
    name: str
    email: str
    role_title: str
    created_at: datetime
    updated_at: datetime
    version: int
    """Edit counter: pass the record back unchanged in this field to update it."""
    login: str | None = None
    """The sign-in tied to this interviewer on a shared database (see services/people)."""


def record_of(row: InterviewerRow) -> InterviewerRecord:
    return InterviewerRecord(
        uuid=row.uuid,
        name=row.name,
        email=row.email,
        role_title=row.role_title,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.row_version,
        login=row.login,
    )


def _clean_email(email: str) -> str:
    text = clean_text(email, "e-mail", limit=EMAIL_LENGTH)
    if text and ("@" not in text or any(ch.isspace() for ch in text)):
        raise InvalidInputError(f"e-mail {text!r} does not look like an address")
    return text


def add_interviewer(
    db: Database,
    *,
    name: str,
    email: str = "",
    role_title: str = "",
    uuid: str | None = None,
    actor: str | None = None,
) -> InterviewerRecord:
    row = InterviewerRow(
        uuid=checked_uuid(uuid, "interviewer id") if uuid else new_uuid(),
        name=clean_text(name, "name", limit=NAME_LENGTH, required=True),
        email=_clean_email(email),
        role_title=clean_text(role_title, "role title", limit=NAME_LENGTH),
    )
    row.name_key = search_key(row.name)[:NAME_LENGTH]
    with db.write() as session:
        if session.scalar(select(InterviewerRow.id).where(InterviewerRow.uuid == row.uuid)):
            raise ConflictError(f"an interviewer with id {row.uuid} already exists")
        session.add(row)
        session.flush()
        audit.append(session, actor or db.actor, "interviewer.added", "interviewer", row.uuid)
        return record_of(row)


def load_interviewer_row(session: Session, uuid: str) -> InterviewerRow:
    row = session.scalars(select(InterviewerRow).where(InterviewerRow.uuid == uuid)).one_or_none()
    if row is None:
        raise NotFoundError(f"no interviewer with id {uuid}")
    return row


def get_interviewer(db: Database, uuid: str) -> InterviewerRecord:
    with db.read() as session:
        return record_of(load_interviewer_row(session, uuid))


def find_interviewer(db: Database, *, email: str) -> InterviewerRecord | None:
    """The interviewer with this e-mail (ignoring case), if any: "who is scoring"."""
    wanted = email.strip().lower()
    if not wanted:
        return None
    with db.read() as session:
        row = session.scalars(
            select(InterviewerRow)
            .where(func.lower(InterviewerRow.email) == wanted)
            .order_by(InterviewerRow.id)
            .limit(1)
        ).one_or_none()
        return record_of(row) if row is not None else None


def list_interviewers(db: Database) -> list[InterviewerRecord]:
    with db.read() as session:
        return [
            record_of(row)
            for row in session.scalars(
                select(InterviewerRow).order_by(InterviewerRow.name_key, InterviewerRow.id)
            )
        ]


def update_interviewer(
    db: Database, record: InterviewerRecord, *, actor: str | None = None
) -> InterviewerRecord:
    """Save an edited record; refused if someone else saved it after it was read."""
    with db.write() as session:
        row = session.scalars(
            select(InterviewerRow).where(InterviewerRow.uuid == record.uuid).with_for_update()
        ).one_or_none()
        if row is None:
            raise NotFoundError(f"no interviewer with id {record.uuid}")
        if row.row_version != record.version:
            raise StaleEditError(
                f"interviewer {row.name!r} was changed by someone else after you opened it; "
                "reload and make your change again"
            )
        name = clean_text(record.name, "name", limit=NAME_LENGTH, required=True)
        email = _clean_email(record.email)
        role_title = clean_text(record.role_title, "role title", limit=NAME_LENGTH)
        if (name, email, role_title) == (row.name, row.email, row.role_title):
            return record_of(row)
        row.name, row.email, row.role_title = name, email, role_title
        row.name_key = search_key(name)[:NAME_LENGTH]
        row.updated_at = utc_now()
        session.flush()
        audit.append(session, actor or db.actor, "interviewer.updated", "interviewer", row.uuid)
        return record_of(row)


def resolve_interviewer(db: Database, text_: str) -> InterviewerRecord:
    """An interviewer by uuid, uuid prefix (4+ characters), e-mail, or unique name.

    Names match without regard to case or accents (``tomas`` finds Tomás). Several
    matches raise :class:`ConflictError` naming them; none, :class:`NotFoundError`.
    """
    wanted = text_.strip()
    if not wanted:
        raise InvalidInputError("say which interviewer: a name, e-mail or id")
    key = search_key(wanted)
    with db.read() as session:
        rows = [
            (row.name_key, record_of(row))
            for row in session.scalars(select(InterviewerRow).order_by(InterviewerRow.name_key))
        ]
    tests: tuple[Callable[[str, InterviewerRecord], bool], ...] = (
        lambda _key, row: row.uuid == wanted.lower(),
        lambda _key, row: len(wanted) >= 4 and row.uuid.startswith(wanted.lower()),
        lambda _key, row: "@" in wanted and row.email.lower() == wanted.lower(),
        lambda name_key, _row: name_key == key,
        lambda name_key, _row: key in name_key,
    )
    for matches in tests:
        found = [row for name_key, row in rows if matches(name_key, row)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(f"{row.name} ({row.uuid[:8]})" for row in found[:5])
            raise ConflictError(f"{wanted!r} matches several interviewers: {names}")
    raise NotFoundError(f"no interviewer matches {wanted!r}")
