"""Candidate lists: one page at a time, filtered, searched and sorted in SQL.

Every list of candidates (Home, the pipeline, panel review, ``candidate list``) reads
through :func:`list_candidates`: keyset paging after the last row shown
(:class:`CandidateCursor`), ties broken by name and id, one statement per shape built
once and run with its values as parameters. It reads the Core tables of
:mod:`~interview_kit.storage.tables` on a plain connection, so a list page (the
start-up's first, the command line's) never imports the ORM or the other models.
"""

from __future__ import annotations

import base64
import functools
import json
import operator
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    func,
    literal,
    select,
    true,
    tuple_,
)

from interview_kit.domain.candidate import CandidateSource, OriginPath, PipelineStatus
from interview_kit.services.candidate_search import (
    COMMON_FROM,
    MIN_INDEXED_LENGTH,
    count_matches,
    plan_for_search,
    probe,
    search_condition,
    search_parameters,
    search_text,
)
from interview_kit.services.common import enum_value
from interview_kit.services.errors import InvalidInputError
from interview_kit.storage.database import Database
from interview_kit.storage.tables import candidate_summaries as summaries
from interview_kit.storage.tables import candidates as candidates_table
from interview_kit.storage.tables import rubric_versions, rubrics

__all__ = [
    "CandidateCursor",
    "CandidatePage",
    "CandidateQuery",
    "CandidateSort",
    "CandidateSummary",
    "candidate_uuids",
    "cursor_from_token",
    "cursor_token",
    "has_candidates",
    "list_candidates",
    "of_role",
    "pipeline_counts",
]


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
        if plain is not None and enum_value(CandidateSort, sort, "sort") in _TIME_SORTS:
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


_SORT_COLUMNS: dict[CandidateSort, ColumnElement[object]] = {
    CandidateSort.NAME: candidates_table.c.name_key,
    CandidateSort.EMAIL: candidates_table.c.email,
    CandidateSort.STATUS: case(  # pipeline order, not alphabetical
        {status.value: index for index, status in enumerate(PipelineStatus)},
        value=candidates_table.c.status,
        else_=len(PipelineStatus),
    ),
    CandidateSort.STAGE: candidates_table.c.stage_id,
    CandidateSort.SOURCE: candidates_table.c.source,
    CandidateSort.CREATED: candidates_table.c.created_at,
    CandidateSort.UPDATED: candidates_table.c.updated_at,
    CandidateSort.SCORE: summaries.c.score,
    CandidateSort.RECOMMENDATION: summaries.c.recommendation,
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
        conditions.append(candidates_table.c.status.in_(bindparam("statuses", expanding=True)))
    if query.stage_id is not None:
        conditions.append(candidates_table.c.stage_id == bindparam("stage_id"))
    if query.source is not None:
        conditions.append(candidates_table.c.source == bindparam("source"))
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
    key: BindParameter[str] = bindparam("role_key", rubric_id)
    versions = (
        select(rubric_versions.c.id)
        .join(rubrics, rubrics.c.id == rubric_versions.c.rubric_id)
        .where(rubrics.c.key == key)
    )
    return candidates_table.c.rubric_version_id.in_(versions)


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
        for column in (candidates_table.c.name_key, candidates_table.c.id)
    ]
    statement = (
        select(
            candidates_table.c.uuid,
            candidates_table.c.name,
            # A login that may not read e-mail is refused the column: it gets "".
            candidates_table.c.email if shape.reads_email else literal("").label("email"),
            candidates_table.c.source,
            candidates_table.c.origin_path,
            candidates_table.c.role_title,
            candidates_table.c.status,
            candidates_table.c.stage_id,
            candidates_table.c.created_at,
            candidates_table.c.updated_at,
            summaries.c.score,
            summaries.c.recommendation,
            summaries.c.level,
            summaries.c.submitted_count,
            summaries.c.committee_decision,
            candidates_table.c.id,
            candidates_table.c.name_key,
            sort_value,
        )
        .outerjoin(summaries, summaries.c.candidate_id == candidates_table.c.id)
        .where(*conditions)
        .order_by(order.nulls_last(), *ties)
        .offset(bindparam("page_offset", 0, type_=Integer))
        .limit(bindparam("page_limit", 0, type_=Integer))
    )
    nullable = shape.sort in _NULLABLE_SORTS or hidden is not None
    parts = _after(column, shape, nullable=nullable)
    return tuple(statement.where(part) for part in parts)


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
    over_rows = select(func.count()).select_from(candidates_table).where(*_filters(query, dialect))
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
    ties = tuple_(candidates_table.c.name_key, candidates_table.c.id)
    name_key = bindparam("after_name_key", "", type_=candidates_table.c.name_key.type)
    row_id = bindparam("after_row_id", 0, type_=Integer)
    if shape.cursor == "unknown":
        return [and_(column.is_(None), after(ties, tuple_(name_key, row_id)))]
    value = bindparam("after_value", None, type_=column.type)
    known = after(
        tuple_(column, candidates_table.c.name_key, candidates_table.c.id),
        tuple_(value, name_key, row_id),
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
    query = select(candidates_table.c.status, func.count()).group_by(candidates_table.c.status)
    if rubric_id is not None:
        query = query.where(of_role(rubric_id))
    with db.read_rows() as connection:
        found = {row.status: int(row[1]) for row in connection.execute(query)}
    return {status: int(found.get(status.value, 0)) for status in PipelineStatus}


def has_candidates(db: Database) -> bool:
    """Whether any candidate is stored (one index probe, not a page and a count)."""
    with db.read_rows() as connection:
        return connection.scalar(select(candidates_table.c.id).limit(1)) is not None


def candidate_uuids(db: Database, *, text: str = "") -> list[str]:
    """Every matching candidate's uuid in name order (bulk work: exports, recomputes)."""
    query = select(candidates_table.c.uuid).order_by(
        candidates_table.c.name_key, candidates_table.c.id
    )
    if search_text(text):
        query = query.where(
            search_condition(db.engine.dialect.name, text, emails=db.access.reads_email)
        )
    with db.read_rows() as connection:
        return list(connection.scalars(query))
