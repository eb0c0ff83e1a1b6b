"""The cached per-candidate summary behind every list: score, recommendation, decision.

Lists never run the engine; whatever changes a candidate's submitted scorecards or
decision calls :func:`refresh` (or :func:`refresh_many`) in the same unit of work, so
the cache can never be seen out of step with what it summarises. The rule itself is
:func:`summarize`, a pure function the demo uses as well.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import URL, ColumnElement, delete, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from interview_kit.domain.engine import verdict
from interview_kit.domain.scorecard import Scorecard, ScorecardStatus
from interview_kit.services.scorecard_reads import (
    ScorecardLookups,
    candidate_spans,
    effective_in_session,
    load_effective_range,
)
from interview_kit.services.workers import Workers, can_share, process_count
from interview_kit.storage.bulk import BulkInserter, collector_paused
from interview_kit.storage.database import Database, access_of
from interview_kit.storage.models import (
    CandidateRow,
    CandidateSummaryRow,
    DecisionRow,
    RubricVersionRow,
    ScorecardRow,
)
from interview_kit.storage.roles import Access
from interview_kit.storage.tables import utc_now

if TYPE_CHECKING:
    from interview_kit.domain.rubric import Rubric

logger = logging.getLogger(__name__)


class Decided(NamedTuple):
    """A committee decision as the summary needs it."""

    decided_at: datetime
    row_id: int
    """Breaks a tie between two decisions recorded at the same moment: the later row."""
    decision: str
    level: str | None


class Summary(NamedTuple):
    """One candidate's cached summary: what the lists show without running the engine."""

    submitted_count: int
    score: float | None
    recommendation: str | None
    level: str | None
    coverage: float | None
    committee_decision: str | None
    committee_level: str | None


def summarize(
    cards: Sequence[Scorecard],
    decisions: Iterable[Decided],
    *,
    pinned_hash: str | None,
    rubric_by_hash: Callable[[str], Rubric],
) -> Summary:
    """The summary rule, the one place it is written (the per-candidate refresh, the
    recompute of every candidate, imports and the demo all come here).

    ``cards`` are the candidate's submitted scorecards, amendments applied, in the order
    they were stored (row id). They are scored against the candidate's pinned rubric
    version (``pinned_hash``), else against the version of the latest submitted
    scorecard (:func:`latest_submitted`); a candidate without submitted scorecards has
    only the count (0). The committee decision in force is the newest one
    (:func:`newest_decision`).
    """
    decision = newest_decision(decisions)
    committee = (decision.decision, decision.level) if decision is not None else (None, None)
    if not cards:
        return Summary(0, None, None, None, None, *committee)
    content_hash = pinned_hash if pinned_hash is not None else latest_submitted(cards).rubric_hash
    result = verdict(rubric_by_hash(content_hash), cards)
    return Summary(
        len(cards),
        result.candidate_score,
        result.decision.value,
        result.level,
        result.coverage,
        *committee,
    )


def latest_submitted(cards: Sequence[Scorecard]) -> Scorecard:
    """The latest submitted of a candidate's scorecards (given in row id order): the
    newest submission time, and of two submitted at the same moment, the later row."""
    return max(reversed(cards), key=lambda card: card.submitted_at or _NEVER)


def newest_decision(decisions: Iterable[Decided]) -> Decided | None:
    """The decision in force: the newest, and of two at the same moment, the later row."""
    return max(decisions, key=lambda decided: (decided.decided_at, decided.row_id), default=None)


_NEVER = datetime.min.replace(tzinfo=UTC)


def refresh(db: Database, session: Session, candidate_id: int) -> None:
    """Recompute one candidate's summary inside the caller's unit of work."""
    refresh_many(db, session, (candidate_id,))


_CHUNK = 500
"""Candidates per query in :func:`refresh_many` (well under every backend's limit on
bound parameters)."""


def refresh_many(db: Database, session: Session, candidate_ids: Iterable[int]) -> None:
    """Recompute these candidates' summaries inside the caller's unit of work (a submission,
    a decision, an import of hundreds of scorecards), with a few queries per
    :data:`_CHUNK` candidates whatever their number.

    Not on an interviewer's own login to a shared database: it may neither read the
    whole panel nor write the summary everyone reads (the recruiter's or committee's
    next recompute brings it up to date).
    """
    if access_of(session) is Access.INTERVIEWER:
        return

    ids = sorted(set(candidate_ids))
    if not ids:
        return
    session.flush()  # anything the caller added (a new candidate's empty summary) first
    rubrics = _db_rubrics(db, session)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        connection = session.connection()
        # On PostgreSQL two submissions for one candidate commit side by side; locking the
        # candidates makes the second wait for the first and then count both (SQLite's
        # write lock already does this; there the clause is left out).
        heads = connection.execute(
            select(CandidateRow.id, CandidateRow.uuid, CandidateRow.rubric_version_id)
            .where(CandidateRow.id.in_(chunk))
            .order_by(CandidateRow.id)
            .with_for_update()
        ).all()
        pinned_ids = {version_id for _, _, version_id in heads if version_id is not None}
        hashes = dict(
            connection.execute(
                select(RubricVersionRow.id, RubricVersionRow.content_hash).where(
                    RubricVersionRow.id.in_(pinned_ids)
                )
            ).all()
            if pinned_ids
            else ()
        )
        by_uuid = {candidate_uuid: candidate_id for candidate_id, candidate_uuid, _ in heads}
        cards: dict[int, list[Scorecard]] = {}
        for card in effective_in_session(session, CandidateRow.id.in_(chunk)):
            cards.setdefault(by_uuid[card.candidate_uuid], []).append(card)
        decisions = _decisions(connection, DecisionRow.candidate_id.in_(chunk))
        results = [
            (
                candidate_id,
                summarize(
                    cards.get(candidate_id, ()),
                    decisions.get(candidate_id, ()),
                    pinned_hash=hashes.get(version_id) if version_id is not None else None,
                    rubric_by_hash=rubrics,
                ),
            )
            for candidate_id, _uuid, version_id in heads
        ]
        _store(connection, CandidateSummaryRow.candidate_id.in_(chunk), results)
        refill_tallies(db, session, partial(_among, chunk))
    _forget_loaded(session, set(ids))


def refill_tallies(db: Database, session: Session, candidates: Callable[[Any], Any]) -> None:
    """The evidence views' tallies of these candidates, from the same submitted
    scorecards as their summaries (:mod:`interview_kit.services.evidence.tallies`)."""
    from interview_kit.services.evidence.tallies import refill

    refill(db, session, candidates)


def _among(ids: Sequence[int], column: Any) -> Any:
    return column.in_(ids)


def _between(low: int, high: int, column: Any) -> Any:
    return column.between(low, high)


def _db_rubrics(db: Database, session: Session) -> Callable[[str], Rubric]:
    """Parsed rubric versions by content hash, through the cache on ``db``."""
    from interview_kit.services.rubrics import load_version_by_hash

    def rubric_by_hash(content_hash: str) -> Rubric:
        with session.no_autoflush:
            return load_version_by_hash(db, session, content_hash).rubric

    return rubric_by_hash


def _forget_loaded(session: Session, ids: set[int]) -> None:
    """Summaries were written below the ORM: any the session holds are read again."""
    for instance in list(session.identity_map.values()):
        if isinstance(instance, CandidateSummaryRow) and instance.candidate_id in ids:
            session.expire(instance)


def _decisions(connection: Connection, where: ColumnElement[bool]) -> dict[int, list[Decided]]:
    """The committee decisions ``where`` selects, by candidate row id."""
    found: dict[int, list[Decided]] = {}
    for candidate_id, decided_at, row_id, decision, level in connection.execute(
        select(
            DecisionRow.candidate_id,
            DecisionRow.decided_at,
            DecisionRow.id,
            DecisionRow.decision,
            DecisionRow.level,
        ).where(where)
    ):
        found.setdefault(candidate_id, []).append(Decided(decided_at, row_id, decision, level))
    return found


_COLUMNS = {
    "summaries": (
        CandidateSummaryRow,
        ("candidate_id", *Summary._fields, "updated_at"),
    )
}
"""A summary row as :func:`_store` writes it: the candidate, the :class:`Summary`, the time."""


def _store(
    connection: Connection,
    where: ColumnElement[bool],
    results: Sequence[tuple[int, Summary]],
) -> None:
    """Summaries in place of the old ones of the candidates ``where`` selects: one delete,
    one bulk insert (below the ORM, on the connection)."""
    connection.execute(delete(CandidateSummaryRow).where(where))
    if results:
        inserter = BulkInserter(connection, _COLUMNS)
        now = inserter.time(utc_now())
        inserter.insert(
            "summaries", [(candidate_id, *summary, now) for candidate_id, summary in results]
        )


def refresh_all(db: Database, *, batch_size: int = 1000, workers: int | None = None) -> int:
    """Recompute every candidate's summary (after a bulk load, an import or an engine
    change). Returns the candidates done.

    Candidates go in id ranges of ``batch_size``: a few plain queries read a range's
    scorecards (see :func:`~interview_kit.services.scorecard_reads.load_effective_range`),
    :func:`summarize` runs, and one bulk insert writes its summaries. ``workers``
    processes share the ranges (``None``: as many as pay off here, see
    :func:`parallel_workers`; 1: all in this process), one range each per round. Each
    round is one short write transaction that first holds its candidates (the write lock
    on SQLite, row locks on PostgreSQL) and only then has the ranges read, so a scorecard
    submitted meanwhile waits and is counted by its own refresh, never overwritten by an
    older summary.
    """

    # Reading a range builds a few hundred thousand small objects at once; each batch
    # of them would set off a full collection (reading took twice as long).
    with collector_paused():
        with db.read() as session:
            connection = session.connection()
            spans = candidate_spans(connection, batch_size)
            candidates = connection.scalar(select(func.count()).select_from(CandidateRow)) or 0
            rubrics = _Rubrics(_referenced_rubrics(db, session))
        if workers is None:
            processes = parallel_workers(db, candidates)
        else:
            processes = max(1, workers) if can_share(db) else 1
        processes = min(processes, len(spans)) or 1
        done = 0
        serve = partial(_serve_ranges, db.url, rubrics)
        with Workers(serve, processes - 1, name="summary worker") as helpers:
            for start in range(0, len(spans), processes):
                round_spans = spans[start : start + processes]
                with db.write() as session:
                    connection = session.connection()
                    connection.execute(
                        select(CandidateRow.id)
                        .where(CandidateRow.id.between(round_spans[0][0], round_spans[-1][1]))
                        .with_for_update()
                    ).all()
                    lookups = ScorecardLookups(connection)
                    here = partial(_summaries_of, connection, rubrics, lookups)
                    for (low, high), results in _round(helpers, round_spans, here):
                        _store(
                            connection, CandidateSummaryRow.candidate_id.between(low, high), results
                        )
                        done += len(results)
                    low, high = round_spans[0][0], round_spans[-1][1]
                    refill_tallies(db, session, partial(_between, low, high))
    return done


_Span = tuple[int, int]
_Results = list[tuple[int, Summary]]


def _round(
    helpers: Workers[_Span, _Results],
    spans: Sequence[_Span],
    here: Callable[[_Span], _Results],
) -> Iterator[tuple[_Span, _Results]]:
    """Each of ``spans`` with its summaries: the first computed here, the others by the
    helpers (here instead, for a helper that has failed)."""
    handed: list[tuple[int, _Span]] = []
    left: list[_Span] = []
    live = iter(helpers.live())
    for span in spans[1:]:
        index = next(live, None)
        if index is not None and helpers.hand(index, span):
            handed.append((index, span))
        else:
            left.append(span)
    yield spans[0], here(spans[0])
    for index, span in handed:
        answer = helpers.receive(index)
        if answer is not None:
            yield span, answer[1]
    left.extend(helpers.left_over())
    for span in left:
        yield span, here(span)


@contextmanager
def _serve_ranges(url: URL, rubrics: _Rubrics) -> Iterator[Callable[[_Span], _Results]]:
    """A helper process: summaries of each range it is handed, each read in a
    transaction of its own on a connection of its own (a forked copy of the parent's
    must never be used), so it sees everything committed before the parent's lock and
    nothing after."""
    from interview_kit.storage.engine import create_app_engine

    engine = create_app_engine(url)
    try:
        with engine.connect() as connection:
            lookups: list[ScorecardLookups] = []

            def one(span: _Span) -> _Results:
                with connection.begin():
                    if not lookups:
                        lookups.append(ScorecardLookups(connection))
                    return _summaries_of(connection, rubrics, lookups[0], span)

            yield one
    finally:
        engine.dispose()


PARALLEL_FROM = 3000
"""Fewest candidates worth a second process: below this, starting it and reading its
share apart costs about what it saves."""

MAX_WORKERS = 4


def parallel_workers(db: Database, candidates: int) -> int:
    """How many processes :func:`refresh_all` uses by default: one per
    :data:`PARALLEL_FROM` / 2 candidates, no more than the free cores (up to
    :data:`MAX_WORKERS`), when the work can be shared at all (:func:`can_share`)."""
    if not can_share(db):
        return 1
    return process_count(candidates * 2, per_process=PARALLEL_FROM, most=MAX_WORKERS)


class _Rubrics:
    """Parsed rubric versions by content hash: those in use when a recompute starts, and
    any other read (and parsed once) through the connection at hand when first needed."""

    def __init__(self, known: dict[str, Rubric]) -> None:
        self._known = known

    def get(self, connection: Connection, content_hash: str) -> Rubric:
        from interview_kit.domain.rubric import parse_rubric

        found = self._known.get(content_hash)
        if found is None:
            content = connection.execute(
                select(RubricVersionRow.content).where(
                    RubricVersionRow.content_hash == content_hash
                )
            ).scalar_one()
            found = parse_rubric(content, f"rubric {content_hash[:12]}")
            self._known[content_hash] = found
        return found


def _referenced_rubrics(db: Database, session: Session) -> dict[str, Rubric]:
    """Every rubric version a candidate is pinned to or a submitted scorecard was made
    against, parsed once (each is cached on ``db`` too), by content hash."""
    from interview_kit.services.rubrics import load_version_by_hash

    in_use = select(CandidateRow.rubric_version_id).where(
        CandidateRow.rubric_version_id.is_not(None)
    )
    scored = select(ScorecardRow.rubric_version_id).where(
        ScorecardRow.status == ScorecardStatus.SUBMITTED.value
    )
    hashes = session.scalars(
        select(RubricVersionRow.content_hash)
        .where(RubricVersionRow.id.in_(in_use.union(scored).scalar_subquery()))
        .order_by(RubricVersionRow.id)
    ).all()
    return {
        content_hash: load_version_by_hash(db, session, content_hash).rubric
        for content_hash in hashes
    }


def _summaries_of(
    connection: Connection,
    rubrics: _Rubrics,
    lookups: ScorecardLookups,
    span: _Span,
) -> _Results:
    """The summaries of the candidates in ``span`` (by :func:`summarize`)."""

    low, high = span
    pinned = connection.execute(
        select(CandidateRow.id, CandidateRow.rubric_version_id)
        .where(CandidateRow.id.between(low, high))
        .order_by(CandidateRow.id)
    ).all()
    cards = load_effective_range(connection, low, high, lookups)
    decisions = _decisions(connection, DecisionRow.candidate_id.between(low, high))
    rubric_by_hash = partial(rubrics.get, connection)
    return [
        (
            candidate_id,
            summarize(
                cards.get(candidate_id, ()),
                decisions.get(candidate_id, ()),
                pinned_hash=None if version_id is None else lookups.rubric_hash(version_id),
                rubric_by_hash=rubric_by_hash,
            ),
        )
        for candidate_id, version_id in pinned
    ]
