"""Candidates: add, edit, move through the pipeline, list fast, erase on request."""

from __future__ import annotations

import base64
import functools
import json
import operator
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    delete,
    func,
    literal,
    select,
    text,
    true,
    tuple_,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from interview_kit.domain.candidate import CandidateSource, OriginPath, PipelineStatus
from interview_kit.services import audit
from interview_kit.services.candidate_rows import load_candidate_row
from interview_kit.services.candidate_search import (
    COMMON_FROM,
    MIN_INDEXED_LENGTH,
    compact_after_erasure,
    count_matches,
    plan_for_search,
    probe,
    search_condition,
    search_parameters,
    search_text,
)
from interview_kit.services.common import (
    UNSET,
    UnsetType,
    checked_uuid,
    clean_text,
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
    AuditRow,
    CandidateRow,
    CandidateSummaryRow,
    ErasingCandidateRow,
    RubricRow,
    RubricVersionRow,
    search_key,
    utc_now,
)

__all__ = [
    "CandidateCursor",
    "CandidatePage",
    "CandidateQuery",
    "CandidateRecord",
    "CandidateSort",
    "CandidateSummary",
    "add_candidate",
    "candidate_keys",
    "clean_email",
    "clean_notes",
    "cursor_from_token",
    "cursor_token",
    "erase_candidate",
    "get_candidate",
    "has_candidates",
    "list_candidates",
    "pipeline_counts",
    "resolve_candidate",
    "set_status",
    "status_left",
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
class CandidateCursor:
    """Where a page ended: the last row's sort value, then its name key and row id (the
    ties). The next page starts after it, whatever was added or removed meanwhile."""

    value: object
    name_key: str
    row_id: int


def cursor_token(cursor: CandidateCursor) -> str:
    """The cursor as short text, for a command line's "next page" (``--after``)."""
    value = cursor.value
    plain = value.isoformat() if isinstance(value, datetime) else value
    data = json.dumps([plain, cursor.name_key, cursor.row_id], ensure_ascii=False)
    return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")


def cursor_from_token(token: str, sort: CandidateSort | str) -> CandidateCursor:
    """A cursor back from :func:`cursor_token`, for a query sorted by ``sort``."""
    try:
        padded = token + "=" * (-len(token) % 4)
        plain, name_key, row_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if plain is not None and _enum(CandidateSort, sort, "sort") in _TIME_SORTS:
            plain = datetime.fromisoformat(plain)
        return CandidateCursor(plain, str(name_key), int(row_id))
    except (ValueError, TypeError) as exc:
        raise InvalidInputError(f"{token!r} is not a page position from this list") from exc


@dataclass(frozen=True)
class CandidateQuery:
    text: str = ""
    """Matches anywhere in the name (or e-mail, with ``search_emails``), ignoring case and
    accents; see :mod:`~interview_kit.services.candidate_search`."""
    search_emails: bool = True
    """Whether ``text`` also matches e-mails (readers who may see them)."""
    statuses: Collection[PipelineStatus] = ()
    stage_id: str | None = None
    source: CandidateSource | None = None
    rubric_id: str | None = None
    """Only candidates on a version of this rubric (a role: several are hired side by side)."""
    sort: CandidateSort = CandidateSort.NAME
    descending: bool = False
    after: CandidateCursor | None = None
    """Start after this row (:attr:`CandidatePage.after` of the page before): a seek in
    the sort index, as fast for the last page as for the first."""
    offset: int = 0
    """Rows to skip (the database reads every one of them: prefer ``after``)."""
    limit: int = 50
    with_total: bool = True


@dataclass(frozen=True)
class CandidatePage:
    rows: tuple[CandidateSummary, ...]
    total: int | None
    """Candidates matching the filter (``None`` when not asked for)."""
    offset: int
    after: CandidateCursor | None = None
    """Pass as :attr:`CandidateQuery.after` for the next page (``None`` when empty)."""
    more: bool = False
    """Whether rows follow this page."""


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
        email=clean_email(email),
        source=_enum(CandidateSource, source, "source").value,
        origin_path=_enum(OriginPath, origin_path, "origin path").value,
        role_title=clean_text(role_title, "role title", limit=NAME_LENGTH),
        status=_enum(PipelineStatus, status, "status").value,
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
            "source": _enum(CandidateSource, record.source, "source").value,
            "origin_path": _enum(OriginPath, record.origin_path, "origin path").value,
            "role_title": clean_text(record.role_title, "role title", limit=NAME_LENGTH),
            "status": _enum(PipelineStatus, record.status, "status").value,
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
    new_status = _enum(PipelineStatus, status, "status")
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


@dataclass(frozen=True)
class _Shape:
    """What decides the list statement's form (its values are parameters): statements
    of one shape are built once and reused, so a keystroke pays for running its query
    rather than for assembling it."""

    dialect: str
    sort: CandidateSort
    descending: bool
    reads_email: bool
    search: bool
    indexed: bool
    """The search text is long enough for a trigram index."""
    search_emails: bool
    common: bool
    statuses: bool
    stage: bool
    source: bool
    role: bool
    cursor: str
    """``""`` (first page), ``"known"`` (after a known value) or ``"unknown"``."""


def _filters(
    query: CandidateQuery,
    dialect: str,
    *,
    common: bool = False,
) -> list[ColumnElement[bool]]:
    """The query's conditions. The filters' values are named parameters, given at run
    time by :func:`_parameters` (the search text's and the role's also carry theirs)."""
    conditions: list[ColumnElement[bool]] = []
    if search_text(query.text):
        conditions.append(
            search_condition(dialect, query.text, emails=query.search_emails, common=common)
        )
    if query.statuses:
        conditions.append(CandidateRow.status.in_(bindparam("statuses", expanding=True)))
    if query.stage_id is not None:
        conditions.append(CandidateRow.stage_id == bindparam("stage_id"))
    if query.source is not None:
        conditions.append(CandidateRow.source == bindparam("source"))
    if query.rubric_id is not None:
        conditions.append(of_role(query.rubric_id))
    return conditions


def _parameters(query: CandidateQuery) -> dict[str, Any]:
    """The values of the named parameters :func:`_filters` and :func:`_after` write."""
    found: dict[str, Any] = {}
    if search_text(query.text):
        found.update(search_parameters(query.text, emails=query.search_emails))
    if query.statuses:
        found["statuses"] = [PipelineStatus(s).value for s in query.statuses]
    if query.stage_id is not None:
        found["stage_id"] = query.stage_id
    if query.source is not None:
        found["source"] = CandidateSource(query.source).value
    if query.rubric_id is not None:
        found["role_key"] = query.rubric_id
    if query.after is not None:
        found["after_value"] = query.after.value
        found["after_name_key"] = query.after.name_key
        found["after_row_id"] = query.after.row_id
    return found


def of_role(rubric_id: str) -> ColumnElement[bool]:
    """Candidates scored on any version of rubric ``rubric_id`` (one role)."""
    versions = select(RubricVersionRow.id).join(RubricVersionRow.rubric)
    key: BindParameter[str] = bindparam("role_key", rubric_id)
    return CandidateRow.rubric_version_id.in_(versions.where(RubricRow.key == key))


def list_candidates(
    db: Database, query: CandidateQuery | None = None, *, viewer: str | None = None
) -> CandidatePage:
    """One page of candidates with their cached scores, filtered and sorted in SQL.

    ``viewer`` is the interviewer looking (``None``: nobody signed in, a recruiter). Rows
    of candidates they are held back from (:mod:`~interview_kit.services.independence`)
    come with ``scores_hidden`` and no score, recommendation, level or decision, and
    sorting by score or recommendation places them as if those were unknown.
    """
    query = query or CandidateQuery()
    if query.limit < 0 or query.offset < 0:
        raise InvalidInputError("offset and limit must not be negative")
    if query.offset and query.after is not None:
        raise InvalidInputError("page by offset or after a row, not both")
    access = db.access
    with db.read_rows() as connection:
        held_back: set[int] = set()
        if viewer is not None:
            # Only a signed-in interviewer's list needs the independence rules (and the
            # rubric model they read): a recruiter's or the command line's does not.
            from interview_kit.services import independence

            held_back = independence.held_back_ids(connection, viewer)
        return _list_page(connection, query, held_back, viewer, reads_email=access.reads_email)


def _list_page(
    connection: Connection,
    query: CandidateQuery,
    held_back: set[int],
    viewer: str | None,
    *,
    reads_email: bool,
) -> CandidatePage:
    """The one list query: every sort, search, filter and page goes through here."""
    dialect = connection.dialect.name
    if not reads_email:
        # A login that may not read e-mails neither searches nor sorts by them.
        sort = CandidateSort(query.sort)
        query = replace(
            query,
            search_emails=False,
            sort=CandidateSort.NAME if sort is CandidateSort.EMAIL else sort,
        )
    searching = bool(search_text(query.text))
    matches = None
    if searching:
        plan_for_search(connection, query.text)
        matches = probe(connection, query.text, emails=query.search_emails)
        if matches == 0:
            # Nothing matches: nothing more to ask.
            return CandidatePage(
                rows=(), total=0 if query.with_total else None, offset=query.offset
            )
    # A common word in an order an index gives: read that order, test each row.
    common = matches is not None and matches >= COMMON_FROM and query.sort in _INDEXED_SORTS
    # Fewer matches than that: the probe counted them all.
    counted = matches if matches is not None and matches < COMMON_FROM else None

    masked = (
        bool(held_back)
        and viewer is not None
        and query.sort in (CandidateSort.SCORE, CandidateSort.RECOMMENDATION)
    )
    cursor = query.after
    shape = _Shape(
        dialect=dialect,
        sort=CandidateSort(query.sort),
        descending=query.descending,
        reads_email=reads_email,
        search=searching,
        indexed=len(search_text(query.text)) >= MIN_INDEXED_LENGTH,
        search_emails=query.search_emails,
        common=common,
        statuses=bool(query.statuses),
        stage=query.stage_id is not None,
        source=query.source is not None,
        role=query.rubric_id is not None,
        cursor="" if cursor is None else ("unknown" if cursor.value is None else "known"),
    )
    if masked:
        # Held-back rows sort among the unknown ones: their order must not tell the score.
        assert viewer is not None
        from interview_kit.services import independence

        hidden = independence.held_back_condition(held_back, viewer)
        statements = _statements(shape, query, hidden)
    else:
        statements = _cached_statements(shape)
    parameters = _parameters(query)
    parameters["page_offset"] = query.offset
    wanted = query.limit + 1  # one more says whether another page follows
    found: list[Any] = []
    for statement in statements:
        parameters["page_limit"] = wanted - len(found)
        found += connection.execute(statement, parameters).all()
        if len(found) >= wanted:
            break
    more = len(found) > query.limit
    found = found[: query.limit]
    rows = tuple(_summary(r, r.id in held_back) for r in found)
    after = None
    if found:
        last = found[-1]
        after = CandidateCursor(last.sort_value, last.name_key, last.id)
    total = None
    if query.with_total and query.after is None and query.offset == 0 and not more:
        total = len(rows)  # the whole list fits on this page: nothing left to count
    elif query.with_total:
        total = _count(connection, query, dialect, searching=searching, counted=counted)
    return CandidatePage(rows=rows, total=total, offset=query.offset, after=after, more=more)


@functools.lru_cache(maxsize=256)
def _cached_statements(shape: _Shape) -> tuple[Select[Any], ...]:
    """The statements of one shape, built the first time it is asked for."""
    return _statements(shape, _example_query(shape), None)


def _example_query(shape: _Shape) -> CandidateQuery:
    """A query with the filters of ``shape`` (their values stand in: each run passes the
    real ones; sort and page start are read from the shape itself)."""
    return CandidateQuery(
        text=("shape" if shape.indexed else "s") if shape.search else "",
        search_emails=shape.search_emails,
        statuses=(PipelineStatus.NEW,) if shape.statuses else (),
        stage_id="" if shape.stage else None,
        source=CandidateSource.OTHER if shape.source else None,
        rubric_id="" if shape.role else None,
    )


def _statements(
    shape: _Shape,
    query: CandidateQuery,
    hidden: ColumnElement[bool] | None,
) -> tuple[Select[Any], ...]:
    """The list statement for each part of the order after the cursor (see
    :func:`_after`), sorted and paged, every value a named parameter."""
    conditions = _filters(query, shape.dialect, common=shape.common)
    column = _SORT_COLUMNS[shape.sort]
    if hidden is not None:
        column = case((hidden, None), else_=column)
    sort_value = column.label("sort_value")
    order = column.desc() if shape.descending else column.asc()
    ties = [
        column.desc() if shape.descending else column.asc()
        for column in (CandidateRow.name_key, CandidateRow.id)
    ]
    statement = (
        select(
            CandidateRow.uuid,
            CandidateRow.name,
            # A login that may not read e-mail is refused the column: it gets "".
            CandidateRow.email if shape.reads_email else literal("").label("email"),
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
            CandidateRow.name_key,
            sort_value,
        )
        .outerjoin(CandidateSummaryRow, CandidateSummaryRow.candidate_id == CandidateRow.id)
        .where(*conditions)
        .order_by(order.nulls_last(), *ties)
        .offset(bindparam("page_offset", 0, type_=Integer))
        .limit(bindparam("page_limit", 0, type_=Integer))
    )
    nullable = shape.sort in _NULLABLE_SORTS or hidden is not None
    parts = _after(column, shape, nullable=nullable)
    return tuple(statement.where(part) for part in parts)  # type: ignore[misc]


def _count(
    connection: Connection,
    query: CandidateQuery,
    dialect: str,
    *,
    searching: bool,
    counted: int | None,
) -> int:
    """Candidates matching the query's filters: from the search index alone when the
    text is the only filter, else over the candidates (driven by the matches)."""
    filtered = query.statuses or query.stage_id is not None or query.source or query.rubric_id
    if searching and not filtered:
        if counted is not None:
            return counted  # the probe counted every match
        found = count_matches(connection, query.text, emails=query.search_emails)
        if found is not None:
            return found
    over_rows = select(func.count()).select_from(CandidateRow).where(*_filters(query, dialect))
    return int(connection.scalar(over_rows, _parameters(query)) or 0)


_INDEXED_SORTS = frozenset(
    {
        CandidateSort.NAME,
        CandidateSort.EMAIL,
        CandidateSort.STAGE,
        CandidateSort.SOURCE,
        CandidateSort.CREATED,
        CandidateSort.UPDATED,
    }
)
"""Sorts an index of the candidates serves in order (a page stops after its rows)."""
_TIME_SORTS = frozenset({CandidateSort.CREATED, CandidateSort.UPDATED})
_NULLABLE_SORTS = frozenset(
    {CandidateSort.STAGE, CandidateSort.SCORE, CandidateSort.RECOMMENDATION}
)
"""Sorts whose value may be unknown (they sort last, in either direction)."""
_SUMMARY_SORTS = frozenset({CandidateSort.SCORE, CandidateSort.RECOMMENDATION})
"""Sorts by a value of the cached summary rather than of the candidate row."""


def _after(
    column: ColumnElement[Any], shape: _Shape, *, nullable: bool
) -> list[ColumnElement[bool]]:
    """The rows after the cursor, in the list's order, as conditions to read in turn.

    The order is ``column`` (unknown last), then name key, then id. Each condition is a
    row-value range an index on (column, name key) seeks to, never ``… OR x IS NULL``
    (which would read every row): the known values after the cursor, then, for a column
    that may be unknown, the unknown ones. The cursor's values are the parameters
    ``after_value``, ``after_name_key`` and ``after_row_id``.
    """
    if not shape.cursor:
        return [true()]
    after: Callable[[Any, Any], ColumnElement[bool]] = (
        operator.lt if shape.descending else operator.gt
    )
    ties = tuple_(CandidateRow.name_key, CandidateRow.id)
    name_key = bindparam("after_name_key", "", type_=CandidateRow.name_key.type)
    row_id = bindparam("after_row_id", 0, type_=Integer)
    if shape.cursor == "unknown":
        return [and_(column.is_(None), after(ties, tuple_(name_key, row_id)))]
    value = bindparam("after_value", None, type_=column.type)
    known = after(
        tuple_(column, CandidateRow.name_key, CandidateRow.id), tuple_(value, name_key, row_id)
    )
    if shape.sort in _SUMMARY_SORTS:
        # No index holds the summary's values with the name: a plain bound on the value
        # lets the planner seek the summary's own index instead of reading every row.
        bound: Callable[[Any, Any], ColumnElement[bool]] = (
            operator.le if shape.descending else operator.ge
        )
        known = and_(bound(column, value), known)
    return [known, column.is_(None)] if nullable else [known]


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


def pipeline_counts(db: Database, rubric_id: str | None = None) -> dict[PipelineStatus, int]:
    """Candidates per pipeline status (every status present, zero included), of one role
    (``rubric_id``) or of all."""
    query = select(CandidateRow.status, func.count()).group_by(CandidateRow.status)
    if rubric_id is not None:
        query = query.where(of_role(rubric_id))
    with db.read() as session:
        found = dict(session.execute(query).all())
    return {status: int(found.get(status.value, 0)) for status in PipelineStatus}


def has_candidates(db: Database) -> bool:
    """Whether any candidate is stored (one index probe, not a page and a count)."""
    with db.read() as session:
        return session.scalar(select(CandidateRow.id).limit(1)) is not None


def candidate_uuids(db: Database, *, text: str = "") -> list[str]:
    """Every matching candidate's uuid in name order (bulk work: exports, recomputes)."""
    query = select(CandidateRow.uuid).order_by(CandidateRow.name_key, CandidateRow.id)
    if search_text(text):
        query = query.where(
            search_condition(db.engine.dialect.name, text, emails=db.access.reads_email)
        )
    with db.read() as session:
        return list(session.scalars(query))
