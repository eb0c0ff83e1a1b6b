"""Candidates: add, edit, move through the pipeline, list fast, erase on request."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import Session

from interview_kit.services import audit
from interview_kit.services.common import (
    UNSET,
    UnsetType,
    checked_uuid,
    clean_text,
    like_pattern,
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
    EMAIL_LENGTH,
    NAME_LENGTH,
    CandidateRow,
    CandidateSource,
    CandidateSummaryRow,
    OriginPath,
    PipelineStatus,
    RubricRow,
    RubricVersionRow,
    search_key,
    utc_now,
)

__all__ = [
    "CandidatePage",
    "CandidateQuery",
    "CandidateRecord",
    "CandidateSort",
    "CandidateSource",
    "CandidateSummary",
    "OriginPath",
    "PipelineStatus",
    "add_candidate",
    "erase_candidate",
    "get_candidate",
    "list_candidates",
    "pipeline_counts",
    "resolve_candidate",
    "set_status",
    "update_candidate",
]

NOTES_LIMIT = 100_000
_E = TypeVar("_E", bound=StrEnum)


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


@dataclass(frozen=True)
class CandidateSummary:
    """One row of a candidate list: the candidate and the cached results."""

    uuid: str
    name: str
    email: str
    source: CandidateSource
    origin_path: OriginPath
    role_title: str
    status: PipelineStatus
    stage_id: str | None
    created_at: datetime
    updated_at: datetime
    score: float | None
    recommendation: str | None
    level: str | None
    submitted_count: int
    committee_decision: str | None
    scores_hidden: bool = False
    """The viewer is on this candidate's panel and has not submitted their own scorecard:
    ``score``, ``recommendation``, ``level`` and ``committee_decision`` are withheld
    (``None``), see :mod:`interview_kit.services.independence`."""


class CandidateSort(StrEnum):
    NAME = "name"
    EMAIL = "email"
    STATUS = "status"
    STAGE = "stage"
    SOURCE = "source"
    CREATED = "created"
    UPDATED = "updated"
    SCORE = "score"
    RECOMMENDATION = "recommendation"


@dataclass(frozen=True)
class CandidateQuery:
    text: str = ""
    """Matches anywhere in the name or e-mail, ignoring case and accents."""
    statuses: Collection[PipelineStatus] = ()
    stage_id: str | None = None
    source: CandidateSource | None = None
    sort: CandidateSort = CandidateSort.NAME
    descending: bool = False
    offset: int = 0
    limit: int = 50
    with_total: bool = True


@dataclass(frozen=True)
class CandidatePage:
    rows: tuple[CandidateSummary, ...]
    total: int | None
    """Candidates matching the filter (``None`` when not asked for)."""
    offset: int


def _record(row: CandidateRow) -> CandidateRecord:
    version = row.rubric_version
    return CandidateRecord(
        uuid=row.uuid,
        name=row.name,
        email=row.email,
        source=CandidateSource(row.source),
        origin_path=OriginPath(row.origin_path),
        role_title=row.role_title,
        status=PipelineStatus(row.status),
        stage_id=row.stage_id,
        notes=row.notes,
        rubric_id=version.rubric.key if version is not None else None,
        rubric_version=version.version if version is not None else None,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.row_version,
    )


def _clean_email(email: str) -> str:
    text = clean_text(email, "e-mail", limit=EMAIL_LENGTH)
    if text and ("@" not in text or any(ch.isspace() for ch in text)):
        raise InvalidInputError(f"e-mail {text!r} does not look like an address")
    return text


def _enum(kind: type[_E], value: _E | str, what: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(item.value for item in kind)
        raise InvalidInputError(f"{what} {value!r} is not one of: {allowed}") from None


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
        email=_clean_email(email),
        source=_enum(CandidateSource, source, "source").value,
        origin_path=_enum(OriginPath, origin_path, "origin path").value,
        role_title=clean_text(role_title, "role title", limit=NAME_LENGTH),
        status=_enum(PipelineStatus, status, "status").value,
        stage_id=stage_id or None,
        notes=_clean_notes(notes),
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


def _clean_notes(notes: str) -> str:
    notes = without_nul(notes)
    if len(notes) > NOTES_LIMIT:
        raise InvalidInputError(
            f"notes are too long ({len(notes)} characters, at most {NOTES_LIMIT})"
        )
    return notes


def _set_keys(row: CandidateRow) -> None:
    row.name_key = search_key(row.name)[:NAME_LENGTH]
    row.search_key = search_key(row.name, row.email)


def _active_version_id(session: Session, rubric_id: str | None) -> int | None:
    query = select(RubricVersionRow.id).join(RubricVersionRow.rubric)
    query = query.where(RubricVersionRow.version == RubricRow.active_version)
    if rubric_id is not None:
        found = session.scalar(query.where(RubricRow.key == rubric_id))
        if found is None:
            raise NotFoundError(f"no rubric {rubric_id!r} is stored")
        return found
    return session.scalar(query.order_by(RubricRow.id).limit(1))


def _load(session: Session, uuid: str, *, for_update: bool = False) -> CandidateRow:
    query = select(CandidateRow).where(CandidateRow.uuid == uuid)
    if for_update:
        query = query.with_for_update()
    row = session.scalars(query).one_or_none()
    if row is None:
        raise NotFoundError(f"no candidate with id {uuid}")
    return row


def load_candidate_row(session: Session, uuid: str, *, for_update: bool = False) -> CandidateRow:
    """For other services working inside one unit of work."""
    return _load(session, uuid, for_update=for_update)


def get_candidate(db: Database, uuid: str) -> CandidateRecord:
    with db.read() as session:
        return _record(_load(session, uuid))


def resolve_candidate(db: Database, text: str) -> CandidateRecord:
    """A candidate by uuid, uuid prefix (4+ characters), exact e-mail or unique name match.

    Raises :class:`NotFoundError` when nothing matches and :class:`ConflictError` naming
    the matches when more than one does.
    """
    wanted = text.strip()
    if not wanted:
        raise InvalidInputError("say which candidate: a name, e-mail or id")
    with db.read() as session:
        for query in _resolution_queries(wanted):
            rows = session.scalars(query.limit(6)).all()
            if len(rows) == 1:
                return _record(rows[0])
            if len(rows) > 1:
                names = ", ".join(f"{row.name} ({row.uuid[:8]})" for row in rows[:5])
                more = " and more" if len(rows) > 5 else ""
                raise ConflictError(f"{wanted!r} matches several candidates: {names}{more}")
    raise NotFoundError(f"no candidate matches {wanted!r}")


def _resolution_queries(wanted: str) -> list[Select[CandidateRow]]:
    base = select(CandidateRow).order_by(CandidateRow.name_key, CandidateRow.id)
    queries = [base.where(CandidateRow.uuid == wanted.lower())]
    if len(wanted) >= 4 and all(ch in "0123456789abcdef-" for ch in wanted.lower()):
        queries.append(base.where(CandidateRow.uuid.like(f"{wanted.lower()}%")))
    if "@" in wanted:
        queries.append(base.where(func.lower(CandidateRow.email) == wanted.lower()))
    key = search_key(wanted)
    queries.append(base.where(CandidateRow.name_key == key))
    queries.append(base.where(CandidateRow.search_key.like(like_pattern(key), escape="\\")))
    return queries


def update_candidate(
    db: Database, record: CandidateRecord, *, actor: str | None = None
) -> CandidateRecord:
    """Save an edited record (``dataclasses.replace`` of one read earlier).

    Refused with :class:`StaleEditError` when someone else saved the candidate after
    ``record`` was read; nothing is overwritten.
    """
    with db.write() as session:
        row = _load(session, record.uuid, for_update=True)
        _check_version(row, record.version)
        changed = []
        values = {
            "name": clean_text(record.name, "name", limit=NAME_LENGTH, required=True),
            "email": _clean_email(record.email),
            "source": _enum(CandidateSource, record.source, "source").value,
            "origin_path": _enum(OriginPath, record.origin_path, "origin path").value,
            "role_title": clean_text(record.role_title, "role title", limit=NAME_LENGTH),
            "status": _enum(PipelineStatus, record.status, "status").value,
            "stage_id": record.stage_id or None,
            "notes": _clean_notes(record.notes),
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
    new_status = _enum(PipelineStatus, status, "status")
    with db.write() as session:
        row = _load(session, uuid, for_update=True)
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
        detail = f"{old} -> {new_status.value}"
        if reason.strip():
            detail += f": {reason.strip()}"
        audit.append(session, actor or db.actor, "candidate.status", "candidate", uuid, detail)
        return _record(row)


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
    with db.write() as session:
        row = _load(session, uuid, for_update=True)
        session.delete(row)
        session.flush()
        audit.append(session, actor or db.actor, "candidate.erased", "candidate", uuid)
    db.cache.pop(f"summary:{uuid}", None)


_SORT_COLUMNS: dict[CandidateSort, ColumnElement[object]] = {
    CandidateSort.NAME: CandidateRow.name_key,  # type: ignore[dict-item]
    CandidateSort.EMAIL: CandidateRow.email,  # type: ignore[dict-item]
    CandidateSort.STATUS: case(  # pipeline order, not alphabetical
        {status.value: index for index, status in enumerate(PipelineStatus)},
        value=CandidateRow.status,
        else_=len(PipelineStatus),
    ),
    CandidateSort.STAGE: CandidateRow.stage_id,  # type: ignore[dict-item]
    CandidateSort.SOURCE: CandidateRow.source,  # type: ignore[dict-item]
    CandidateSort.CREATED: CandidateRow.created_at,  # type: ignore[dict-item]
    CandidateSort.UPDATED: CandidateRow.updated_at,  # type: ignore[dict-item]
    CandidateSort.SCORE: CandidateSummaryRow.score,  # type: ignore[dict-item]
    CandidateSort.RECOMMENDATION: CandidateSummaryRow.recommendation,  # type: ignore[dict-item]
}


def _filters(query: CandidateQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    text = search_key(query.text)
    if text:
        conditions.append(CandidateRow.search_key.like(like_pattern(text), escape="\\"))
    if query.statuses:
        conditions.append(
            CandidateRow.status.in_([PipelineStatus(s).value for s in query.statuses])
        )
    if query.stage_id is not None:
        conditions.append(CandidateRow.stage_id == query.stage_id)
    if query.source is not None:
        conditions.append(CandidateRow.source == CandidateSource(query.source).value)
    return conditions


def list_candidates(
    db: Database, query: CandidateQuery | None = None, *, viewer: str | None = None
) -> CandidatePage:
    """One page of candidates with their cached scores, filtered and sorted in SQL.

    ``viewer`` is the interviewer looking (``None``: nobody signed in, a recruiter). Rows
    of candidates they are held back from (:mod:`~interview_kit.services.independence`)
    come with ``scores_hidden`` and no score, recommendation, level or decision, and
    sorting by score or recommendation places them as if those were unknown.
    """
    from interview_kit.services import independence

    query = query or CandidateQuery()
    if query.limit < 0 or query.offset < 0:
        raise InvalidInputError("offset and limit must not be negative")
    conditions = _filters(query)
    with db.read() as session:
        held_back = independence.held_back_ids(session, viewer) if viewer is not None else set()
        return _list_page(session, query, conditions, held_back, viewer)


def _list_page(
    session: Session,
    query: CandidateQuery,
    conditions: list[ColumnElement[bool]],
    held_back: set[int],
    viewer: str | None,
) -> CandidatePage:
    from interview_kit.services import independence

    column = _SORT_COLUMNS[CandidateSort(query.sort)]
    masked_sort = query.sort in (CandidateSort.SCORE, CandidateSort.RECOMMENDATION)
    if held_back and viewer is not None and masked_sort:
        # Held-back rows sort among the unknown ones: their order must not tell the score.
        hidden = independence.held_back_condition(held_back, viewer)
        column = case((hidden, None), else_=column)
    order = column.desc() if query.descending else column.asc()
    ties = [
        column.desc() if query.descending else column.asc()
        for column in (CandidateRow.name_key, CandidateRow.id)
    ]
    statement = (
        select(
            CandidateRow.uuid,
            CandidateRow.name,
            CandidateRow.email,
            CandidateRow.source,
            CandidateRow.origin_path,
            CandidateRow.role_title,
            CandidateRow.status,
            CandidateRow.stage_id,
            CandidateRow.created_at,
            CandidateRow.updated_at,
            CandidateSummaryRow.score,
            CandidateSummaryRow.recommendation,
            CandidateSummaryRow.level,
            CandidateSummaryRow.submitted_count,
            CandidateSummaryRow.committee_decision,
            CandidateRow.id,
        )
        .outerjoin(CandidateSummaryRow, CandidateSummaryRow.candidate_id == CandidateRow.id)
        .where(*conditions)
        .order_by(order.nulls_last(), *ties)
        .offset(query.offset)
        .limit(query.limit)
    )
    rows = tuple(_summary(r, r.id in held_back) for r in session.execute(statement))
    total = None
    if query.with_total:
        total = session.scalar(select(func.count()).select_from(CandidateRow).where(*conditions))
    return CandidatePage(rows=rows, total=total, offset=query.offset)


def _summary(r: Any, hidden: bool) -> CandidateSummary:
    return CandidateSummary(
        uuid=r.uuid,
        name=r.name,
        email=r.email,
        source=CandidateSource(r.source),
        origin_path=OriginPath(r.origin_path),
        role_title=r.role_title,
        status=PipelineStatus(r.status),
        stage_id=r.stage_id,
        created_at=r.created_at,
        updated_at=r.updated_at,
        score=None if hidden else r.score,
        recommendation=None if hidden else r.recommendation,
        level=None if hidden else r.level,
        submitted_count=r.submitted_count or 0,
        committee_decision=None if hidden else r.committee_decision,
        scores_hidden=hidden,
    )


def pipeline_counts(db: Database) -> dict[PipelineStatus, int]:
    """Candidates per pipeline status (every status present, zero included)."""
    with db.read() as session:
        found = dict(
            session.execute(
                select(CandidateRow.status, func.count()).group_by(CandidateRow.status)
            ).all()
        )
    return {status: int(found.get(status.value, 0)) for status in PipelineStatus}


def candidate_uuids(db: Database, *, text: str = "") -> list[str]:
    """Every matching candidate's uuid in name order (bulk work: exports, recomputes)."""
    query = select(CandidateRow.uuid).order_by(CandidateRow.name_key, CandidateRow.id)
    key = search_key(text)
    if key:
        query = query.where(or_(CandidateRow.search_key.like(like_pattern(key), escape="\\")))
    with db.read() as session:
        return list(session.scalars(query))
