"""Candidates: add, edit, move through the pipeline, list fast, erase on request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Select,
    delete,
    func,
    select,
    text,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from interview_kit.domain.candidate import CandidateSource, OriginPath, PipelineStatus
from interview_kit.services import audit
from interview_kit.services.candidate_list import (
    CandidateCursor,
    CandidatePage,
    CandidateQuery,
    CandidateSort,
    CandidateSummary,
    candidate_uuids,
    cursor_from_token,
    cursor_token,
    has_candidates,
    list_candidates,
    of_role,
    pipeline_counts,
)
from interview_kit.services.candidate_rows import load_candidate_row
from interview_kit.services.candidate_search import (
    compact_after_erasure,
    search_condition,
    search_text,
)
from interview_kit.services.common import (
    UNSET,
    UnsetType,
    checked_uuid,
    clean_text,
    enum_value,
    new_uuid,
    without_nul,
)
from interview_kit.services.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    StaleEditError,
)
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    AuditRow,
    CandidateRow,
    CandidateSummaryRow,
    ErasingCandidateRow,
    RubricRow,
    RubricVersionRow,
)
from interview_kit.storage.tables import EMAIL_LENGTH, NAME_LENGTH, search_key, utc_now

__all__ = [
    "CandidateCursor",
    "CandidatePage",
    "CandidateQuery",
    "CandidateRecord",
    "CandidateSort",
    "CandidateSummary",
    "add_candidate",
    "candidate_keys",
    "candidate_uuids",
    "clean_email",
    "clean_notes",
    "cursor_from_token",
    "cursor_token",
    "erase_candidate",
    "get_candidate",
    "has_candidates",
    "list_candidates",
    "of_role",
    "pipeline_counts",
    "resolve_candidate",
    "set_status",
    "status_left",
    "update_candidate",
]

NOTES_LIMIT = 100_000


@dataclass(frozen=True)
class CandidateRecord:
    uuid: str
    name: str
    email: str
    source: CandidateSource
    origin_path: OriginPath
    role_title: str
    status: PipelineStatus
    stage_id: str | None
    notes: str
    rubric_id: str | None
    rubric_version: int | None
    created_at: datetime
    updated_at: datetime
    version: int
    """Edit counter: pass the record back unchanged in this field to update it."""


def _record(row: CandidateRow) -> CandidateRecord:
    version = row.rubric_version
    # Left unread for a login that may not read them (see _load): shown as empty.
    unread = sa_inspect(row).unloaded
    return CandidateRecord(
        uuid=row.uuid,
        name=row.name,
        email="" if "email" in unread else row.email,
        source=CandidateSource(row.source),
        origin_path=OriginPath(row.origin_path),
        role_title=row.role_title,
        status=PipelineStatus(row.status),
        stage_id=row.stage_id,
        notes="" if "notes" in unread else row.notes,
        rubric_id=version.rubric.key if version is not None else None,
        rubric_version=version.version if version is not None else None,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.row_version,
    )


def clean_email(email: str) -> str:
    text = clean_text(email, "e-mail", limit=EMAIL_LENGTH)
    if text and ("@" not in text or any(ch.isspace() for ch in text)):
        raise InvalidInputError(f"e-mail {text!r} does not look like an address")
    return text


def add_candidate(
    db: Database,
    *,
    name: str,
    email: str = "",
    source: CandidateSource | str = CandidateSource.OTHER,
    origin_path: OriginPath | str = OriginPath.ENGINEER,
    role_title: str = "",
    status: PipelineStatus | str = PipelineStatus.NEW,
    stage_id: str | None = None,
    notes: str = "",
    rubric_id: str | None = None,
    uuid: str | None = None,
    actor: str | None = None,
) -> CandidateRecord:
    """Store a new candidate, pinned to the active version of ``rubric_id`` (or of the
    first rubric stored, if any)."""
    row = CandidateRow(
        uuid=checked_uuid(uuid, "candidate id") if uuid else new_uuid(),
        name=clean_text(name, "name", limit=NAME_LENGTH, required=True),
        email=clean_email(email),
        source=enum_value(CandidateSource, source, "source").value,
        origin_path=enum_value(OriginPath, origin_path, "origin path").value,
        role_title=clean_text(role_title, "role title", limit=NAME_LENGTH),
        status=enum_value(PipelineStatus, status, "status").value,
        stage_id=stage_id or None,
        notes=clean_notes(notes),
    )
    _set_keys(row)
    with db.write() as session:
        if session.scalar(select(CandidateRow.id).where(CandidateRow.uuid == row.uuid)):
            raise ConflictError(f"a candidate with id {row.uuid} already exists")
        row.rubric_version_id = _active_version_id(session, rubric_id)
        session.add(row)
        session.add(CandidateSummaryRow(candidate=row))
        session.flush()
        audit.append(session, actor or db.actor, "candidate.added", "candidate", row.uuid)
        return _record(row)


def clean_notes(notes: str) -> str:
    notes = without_nul(notes)
    if len(notes) > NOTES_LIMIT:
        raise InvalidInputError(
            f"notes are too long ({len(notes)} characters, at most {NOTES_LIMIT})"
        )
    return notes


def _set_keys(row: CandidateRow) -> None:
    row.name_key, row.search_key = candidate_keys(row.name)


def candidate_keys(name: str) -> tuple[str, str]:
    """A candidate's sort key and search key (bulk imports write them directly)."""
    # The name only: a login that may not read the e-mail reads the search key.
    key = search_key(name)
    return key[:NAME_LENGTH], key


def _active_version_id(session: Session, rubric_id: str | None) -> int | None:
    query = select(RubricVersionRow.id).join(RubricVersionRow.rubric)
    query = query.where(RubricVersionRow.version == RubricRow.active_version)
    if rubric_id is not None:
        found = session.scalar(query.where(RubricRow.key == rubric_id))
        if found is None:
            raise NotFoundError(f"no rubric {rubric_id!r} is stored")
        return found
    return session.scalar(query.order_by(RubricRow.id).limit(1))


def get_candidate(db: Database, uuid: str) -> CandidateRecord:
    with db.read() as session:
        return _record(load_candidate_row(session, uuid))


def resolve_candidate(db: Database, text: str) -> CandidateRecord:
    """A candidate by uuid, uuid prefix (4+ characters), exact e-mail or unique name match.

    Raises :class:`NotFoundError` when nothing matches and :class:`ConflictError` naming
    the matches when more than one does.
    """
    wanted = text.strip()
    if not wanted:
        raise InvalidInputError("say which candidate: a name, e-mail or id")
    with db.read() as session:
        for query in _resolution_queries(
            wanted, db.engine.dialect.name, with_email=db.access.reads_email
        ):
            rows = session.scalars(query.limit(6)).all()
            if len(rows) == 1:
                return _record(rows[0])
            if len(rows) > 1:
                names = ", ".join(f"{row.name} ({row.uuid[:8]})" for row in rows[:5])
                more = " and more" if len(rows) > 5 else ""
                raise ConflictError(f"{wanted!r} matches several candidates: {names}{more}")
    raise NotFoundError(f"no candidate matches {wanted!r}")


def _resolution_queries(
    wanted: str, dialect: str, *, with_email: bool
) -> list[Select[CandidateRow]]:
    base = select(CandidateRow).order_by(CandidateRow.name_key, CandidateRow.id)
    queries = [base.where(CandidateRow.uuid == wanted.lower())]
    if len(wanted) >= 4 and all(ch in "0123456789abcdef-" for ch in wanted.lower()):
        queries.append(base.where(CandidateRow.uuid.like(f"{wanted.lower()}%")))
    if "@" in wanted and with_email:
        queries.append(base.where(func.lower(CandidateRow.email) == wanted.lower()))
    key = search_key(wanted)
    queries.append(base.where(CandidateRow.name_key == key))
    if search_text(wanted):
        queries.append(base.where(search_condition(dialect, wanted, emails=with_email)))
    return queries


def update_candidate(
    db: Database, record: CandidateRecord, *, actor: str | None = None
) -> CandidateRecord:
    """Save an edited record (``dataclasses.replace`` of one read earlier).

    Refused with :class:`StaleEditError` when someone else saved the candidate after
    ``record`` was read; nothing is overwritten.
    """
    with db.write() as session:
        row = load_candidate_row(session, record.uuid, for_update=True)
        _check_version(row, record.version)
        changed = []
        values = {
            "name": clean_text(record.name, "name", limit=NAME_LENGTH, required=True),
            "email": clean_email(record.email),
            "source": enum_value(CandidateSource, record.source, "source").value,
            "origin_path": enum_value(OriginPath, record.origin_path, "origin path").value,
            "role_title": clean_text(record.role_title, "role title", limit=NAME_LENGTH),
            "status": enum_value(PipelineStatus, record.status, "status").value,
            "stage_id": record.stage_id or None,
            "notes": clean_notes(record.notes),
        }
        for field, value in values.items():
            if getattr(row, field) != value:
                setattr(row, field, value)
                changed.append(field)
        if not changed:
            return _record(row)
        _set_keys(row)
        row.updated_at = utc_now()
        session.flush()
        audit.append(
            session,
            actor or db.actor,
            "candidate.updated",
            "candidate",
            row.uuid,
            "changed " + ", ".join(changed),
        )
        return _record(row)


def set_status(
    db: Database,
    uuid: str,
    status: PipelineStatus | str,
    *,
    stage_id: str | UnsetType | None = UNSET,
    reason: str = "",
    expected_version: int | None = None,
    actor: str | None = None,
) -> CandidateRecord:
    """Advance, reject or withdraw a candidate; the reason goes to the audit log."""
    new_status = enum_value(PipelineStatus, status, "status")
    with db.write() as session:
        row = load_candidate_row(session, uuid, for_update=True)
        if expected_version is not None:
            _check_version(row, expected_version)
        old = row.status
        row.status = new_status.value
        if stage_id is not UNSET:
            row.stage_id = stage_id or None
        row.updated_at = utc_now()
        session.flush()
        if new_status is PipelineStatus.COMMITTEE and old != new_status.value:
            from interview_kit.services.evidence.debrief import freeze_in_session

            freeze_in_session(db, session, row.id, actor or db.actor)
        detail = f"{old}{_MOVE_ARROW}{new_status.value}"
        if reason.strip():
            detail += f": {reason.strip()}"
        audit.append(session, actor or db.actor, STATUS_ACTION, "candidate", uuid, detail)
        return _record(row)


STATUS_ACTION = "candidate.status"
"""The audit action of every pipeline move; its detail reads ``old -> new[: reason]``."""
_MOVE_ARROW = " -> "


def status_left(db: Database, uuid: str) -> PipelineStatus | None:
    """The status the candidate's last pipeline move left (``screening`` for a candidate
    rejected while screening), read from the audit line :func:`set_status` wrote; ``None``
    when no move is recorded (an imported candidate) or the line is not one of ours."""
    with db.read() as session:
        detail = session.scalar(
            select(AuditRow.detail)
            .where(AuditRow.subject_uuid == uuid, AuditRow.action == STATUS_ACTION)
            .order_by(AuditRow.id.desc())
            .limit(1)
        )
    if not detail or _MOVE_ARROW not in detail:
        return None
    old = detail.split(_MOVE_ARROW, 1)[0]
    try:
        return PipelineStatus(old)
    except ValueError:
        return None


def _check_version(row: CandidateRow, expected: int) -> None:
    if row.row_version != expected:
        raise StaleEditError(
            f"candidate {row.name!r} was changed by someone else after you opened it "
            f"(edit {row.row_version}, yours was based on edit {expected}); "
            "reload the candidate and make your change again"
        )


def erase_candidate(db: Database, uuid: str, *, actor: str | None = None) -> None:
    """Remove a candidate's personal data and scorecards (a privacy request).

    The candidate row, scorecards, amendments, assignments, decisions and cached summary
    are deleted; the audit log keeps only that an erasure happened, when and by whom.
    """
    who = actor or db.actor
    with db.write() as session:
        erase_candidate_in(db, session, uuid, who)


def erase_candidate_in(db: Database, session: Session, uuid: str, who: str) -> None:
    """:func:`erase_candidate` inside the caller's write transaction (an imported pack's
    erasure notices are applied with the rest of the pack)."""
    if db.is_sqlite:
        row = load_candidate_row(session, uuid, for_update=True)
        # The one time the guards let submitted scorecards go (see storage/roles.py).
        session.add(ErasingCandidateRow(candidate_id=row.id))
        session.flush()
        session.delete(row)
        session.flush()
        session.execute(delete(ErasingCandidateRow))
        compact_after_erasure(session)
        audit.append(session, who, "candidate.erased", "candidate", uuid)
    else:
        # On a shared database only the audited erasure function may do it, for a
        # recruiter's login as for the owner's.
        erased = session.execute(
            text("SELECT ik_erase_candidate(:uuid, :actor)"),
            {"uuid": uuid, "actor": who[:NAME_LENGTH]},
        ).scalar_one()
        if not erased:
            raise NotFoundError(f"no candidate with id {uuid}")
    db.cache.pop(f"summary:{uuid}", None)
