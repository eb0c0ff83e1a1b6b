"""The cached per-candidate summary behind every list: score, recommendation, decision.

Lists never run the engine; whatever changes a candidate's submitted scorecards or
decision calls :func:`refresh` in the same unit of work, so the cache can never be seen
out of step with what it summarises.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, delete, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    CandidateRow,
    CandidateSummaryRow,
    DecisionRow,
    ScorecardRow,
    utc_now,
)

if TYPE_CHECKING:
    from interview_kit.domain.rubric import Rubric
    from interview_kit.services.scorecards import ScorecardLookups

from interview_kit.domain.scorecard import Scorecard, ScorecardStatus

logger = logging.getLogger(__name__)


def refresh(db: Database, session: Session, candidate_id: int) -> None:
    """Recompute one candidate's summary inside the caller's unit of work."""
    from interview_kit.services.rubrics import rubric_for_version
    from interview_kit.services.scorecards import effective_in_session

    # On PostgreSQL two submissions for one candidate commit side by side; locking the
    # candidate makes the second wait for the first and then count both (SQLite's write
    # lock already does this; there the clause is left out).
    session.execute(
        select(CandidateRow.id).where(CandidateRow.id == candidate_id).with_for_update()
    )
    summary = session.get(CandidateSummaryRow, candidate_id)
    if summary is None:
        summary = CandidateSummaryRow(candidate_id=candidate_id, submitted_count=0)
        session.add(summary)
    cards = effective_in_session(session, CandidateRow.id == candidate_id)
    summary.submitted_count = len(cards)
    summary.score = summary.recommendation = summary.level = summary.coverage = None
    version_id = session.scalar(
        select(CandidateRow.rubric_version_id).where(CandidateRow.id == candidate_id)
    )
    if version_id is None and cards:
        version_id = session.scalar(
            select(ScorecardRow.rubric_version_id)
            .where(ScorecardRow.candidate_id == candidate_id, ScorecardRow.status == "submitted")
            .order_by(ScorecardRow.submitted_at.desc(), ScorecardRow.id.desc())
            .limit(1)
        )
    if cards and version_id is not None:
        _fill_recommendation(summary, rubric_for_version(db, session, version_id), cards)
    decision = session.scalars(
        select(DecisionRow)
        .where(DecisionRow.candidate_id == candidate_id)
        .order_by(DecisionRow.decided_at.desc(), DecisionRow.id.desc())
        .limit(1)
    ).one_or_none()
    summary.committee_decision = decision.decision if decision is not None else None
    summary.committee_level = decision.level if decision is not None else None
    summary.updated_at = utc_now()
    session.flush()


def _fill_recommendation(
    summary: CandidateSummaryRow, rubric: Rubric, cards: list[Scorecard]
) -> None:
    from interview_kit.domain.engine import recommend

    result = recommend(rubric, cards)
    summary.score = result.candidate_score
    summary.recommendation = result.decision.value
    summary.level = result.level
    summary.coverage = result.coverage


def refresh_all(db: Database, *, batch_size: int = 1000, workers: int | None = None) -> int:
    """Recompute every candidate's summary (after a bulk load, an import or an engine
    change) in one write transaction. Returns the candidates done.

    Candidates go in id ranges of ``batch_size``: a few plain queries per range read the
    scorecards (see :func:`~interview_kit.services.scorecards.load_effective_range`),
    the engine runs, and one bulk insert per range writes the summaries. ``workers``
    processes share the ranges (``None``: as many as pay off on this machine, see
    :func:`parallel_workers`; 1: all in this process). The write transaction starts
    first and holds every candidate (the write lock on SQLite, row locks on PostgreSQL),
    so a scorecard submitted meanwhile waits and is then counted by its own refresh.
    """
    from interview_kit.services.scorecards import candidate_spans

    with _collector_paused(), db.write() as session:
        connection = session.connection()
        locked = connection.execute(
            select(CandidateRow.id).order_by(CandidateRow.id).with_for_update()
        ).all()
        spans = candidate_spans(connection, batch_size)
        if not spans:
            return 0
        rubrics = _referenced_rubrics(db, session)
        if workers is None:
            count = parallel_workers(db, len(locked))
        else:
            count = max(1, workers) if can_share(db) else 1
        for (low, high), results in _computed(db, connection, spans, rubrics, count):
            latest = _latest_decisions(connection, low, high)
            now = utc_now()
            rows = [
                {
                    "candidate_id": candidate_id,
                    "score": score,
                    "recommendation": recommendation,
                    "level": level,
                    "coverage": coverage,
                    "submitted_count": submitted_count,
                    "committee_decision": latest.get(candidate_id, (None, None))[0],
                    "committee_level": latest.get(candidate_id, (None, None))[1],
                    "updated_at": now,
                }
                for candidate_id, submitted_count, score, recommendation, level, coverage in results
            ]
            # Core statements on the connection: one executemany, no ORM bookkeeping.
            connection.execute(
                delete(CandidateSummaryRow).where(
                    CandidateSummaryRow.candidate_id.between(low, high)
                )
            )
            if rows:
                connection.execute(insert(CandidateSummaryRow), rows)
    return len(locked)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a bulk recompute.

    Reading a range builds a few hundred thousand small objects at once; each batch of
    them set off a full collection that walks every object of the process, which made
    reading twice as slow. None of them forms a cycle (reference counting frees them
    when their range is done), and whatever else does is collected once this ends.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


PARALLEL_FROM = 3000
"""Fewest candidates worth a second process: below this, starting it and reading its
share apart costs about what it saves."""

MAX_WORKERS = 4


def parallel_workers(db: Database, candidates: int) -> int:
    """How many processes :func:`refresh_all` uses by default: one per core (up to
    :data:`MAX_WORKERS`), and one per :data:`PARALLEL_FROM` / 2 candidates, when the
    work can be shared at all (:func:`can_share`)."""
    if candidates < PARALLEL_FROM or not can_share(db):
        return 1
    return max(1, min(available_cores(), MAX_WORKERS, candidates * 2 // PARALLEL_FROM))


def can_share(db: Database) -> bool:
    """Whether forked processes can take part of a recompute: a database another
    process can open (a file or a server, not an in-memory SQLite), on Linux, from a
    single-threaded process (forking one that runs other threads, such as the app's,
    can leave the child waiting on a lock no thread of it will release)."""
    if db.url.get_backend_name() == "sqlite" and db.path is None:
        return False
    return sys.platform.startswith("linux") and threading.active_count() == 1


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


_Summary = tuple[int, int, float | None, str | None, str | None, float | None]
"""(candidate id, submitted scorecards, score, recommendation, level, coverage)."""


def _referenced_rubrics(db: Database, session: Session) -> dict[int, Rubric]:
    """Every rubric version a candidate is pinned to or a submitted scorecard was made
    against, parsed once (each is cached on ``db`` too)."""
    from interview_kit.services.rubrics import rubric_for_version

    version_ids = set(
        session.scalars(
            select(CandidateRow.rubric_version_id)
            .where(CandidateRow.rubric_version_id.is_not(None))
            .distinct()
        )
    )
    version_ids.update(
        session.scalars(
            select(ScorecardRow.rubric_version_id)
            .where(ScorecardRow.status == ScorecardStatus.SUBMITTED.value)
            .distinct()
        )
    )
    version_ids.discard(None)
    return {
        version_id: rubric_for_version(db, session, version_id)
        for version_id in sorted(v for v in version_ids if v is not None)
    }


def _summaries_of(
    connection: Connection,
    low: int,
    high: int,
    rubrics: Mapping[int, Rubric],
    lookups: ScorecardLookups,
) -> list[_Summary]:
    """The engine's part of the summaries of candidates ``low..high`` (as
    :func:`refresh` computes them: the pinned rubric version, else the one of the latest
    submitted scorecard)."""
    from interview_kit.domain.engine import recommend
    from interview_kit.services.scorecards import load_effective_range

    pinned = connection.execute(
        select(CandidateRow.id, CandidateRow.rubric_version_id)
        .where(CandidateRow.id.between(low, high))
        .order_by(CandidateRow.id)
    ).all()
    cards = load_effective_range(connection, low, high, lookups)
    version_of_hash = {content_hash: id_ for id_, content_hash in lookups.rubric_hashes.items()}
    results: list[_Summary] = []
    for candidate_id, pinned_version in pinned:
        own = cards.get(candidate_id)
        if not own:
            results.append((candidate_id, 0, None, None, None, None))
            continue
        version_id = (
            pinned_version
            if pinned_version is not None
            else version_of_hash[_latest(own).rubric_hash]
        )
        result = recommend(rubrics[version_id], own)
        results.append(
            (
                candidate_id,
                len(own),
                result.candidate_score,
                result.decision.value,
                result.level,
                result.coverage,
            )
        )
    return results


def _latest(cards: Sequence[Scorecard]) -> Scorecard:
    """The latest submitted of a candidate's scorecards (given in id order; of two
    submitted at the same moment, the later row), as :func:`refresh` picks it."""
    return max(reversed(cards), key=lambda card: card.submitted_at or _NEVER)


_NEVER = datetime.min.replace(tzinfo=UTC)


def _latest_decisions(
    connection: Connection, low: int, high: int
) -> dict[int, tuple[str, str | None]]:
    latest: dict[int, tuple[str, str | None]] = {}
    for candidate_id, decision, level in connection.execute(
        select(DecisionRow.candidate_id, DecisionRow.decision, DecisionRow.level)
        .where(DecisionRow.candidate_id.between(low, high))
        .order_by(DecisionRow.candidate_id, DecisionRow.decided_at, DecisionRow.id)
    ):
        latest[candidate_id] = (decision, level)
    return latest


def _computed(
    db: Database,
    connection: Connection,
    spans: Sequence[tuple[int, int]],
    rubrics: Mapping[int, Rubric],
    workers: int,
) -> Iterator[tuple[tuple[int, int], list[_Summary]]]:
    """Each range's summaries, computed here or, with ``workers`` > 1, shared with forked
    processes that read the same database file on their own connections.

    The ranges interleave (this process takes the 1st, the workers the 2nd, ...), so
    every process has work until the end. A worker that fails leaves its ranges to this
    process: the result never depends on how the work was shared.
    """
    from interview_kit.services.scorecards import ScorecardLookups

    lookups = ScorecardLookups(connection)
    if workers <= 1 or len(spans) < 2:
        for low, high in spans:
            yield (low, high), _summaries_of(connection, low, high, rubrics, lookups)
        return
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    workers = min(workers, len(spans))
    receivers: list[Any] = []
    processes: list[Any] = []
    try:
        for number in range(1, workers):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(
                target=_worker,
                args=(db.url, spans[number::workers], rubrics, sender),
                daemon=True,
            )
            process.start()
            sender.close()
            receivers.append(receiver)
            processes.append(process)
        done: set[tuple[int, int]] = set()
        for low, high in spans[0::workers]:
            done.add((low, high))
            yield (low, high), _summaries_of(connection, low, high, rubrics, lookups)
        waiting = list(receivers)
        while waiting:
            for ready in wait(waiting):
                source: Any = ready
                try:
                    message = source.recv()
                except (EOFError, OSError):
                    message = None
                if isinstance(message, tuple):
                    span, results = message
                    done.add(span)
                    yield span, results
                    continue
                waiting.remove(source)
                if message != "done":
                    logger.warning("a summary worker failed: %s", message)
        for low, high in spans:  # whatever a failed worker left undone
            if (low, high) not in done:
                yield (low, high), _summaries_of(connection, low, high, rubrics, lookups)
    finally:
        for receiver in receivers:
            receiver.close()
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()


def _worker(
    url: URL, spans: Sequence[tuple[int, int]], rubrics: Mapping[int, Rubric], sender: Any
) -> None:
    """Summaries of some ranges, read on a connection of its own (never the parent's:
    a forked copy of an open SQLite connection must not be used)."""
    from interview_kit.services.scorecards import ScorecardLookups
    from interview_kit.storage.engine import create_app_engine

    engine = create_app_engine(url)
    try:
        with engine.connect() as connection:
            lookups = ScorecardLookups(connection)
            for low, high in spans:
                results = _summaries_of(connection, low, high, rubrics, lookups)
                sender.send(((low, high), results))
        sender.send("done")
    except Exception as exc:
        logger.exception("computing summaries failed")
        with suppress(OSError):
            sender.send(f"{type(exc).__name__}: {exc}")
    finally:
        sender.close()
        engine.dispose()
