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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, delete, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from interview_kit.storage.database import Database, access_of
from interview_kit.storage.models import (
    CandidateRow,
    CandidateSummaryRow,
    DecisionRow,
    RubricVersionRow,
    ScorecardRow,
    utc_now,
)
from interview_kit.storage.roles import Access

if TYPE_CHECKING:
    from interview_kit.domain.rubric import Rubric
    from interview_kit.services.scorecards import ScorecardLookups

from interview_kit.domain.scorecard import Scorecard, ScorecardStatus

logger = logging.getLogger(__name__)


def refresh(db: Database, session: Session, candidate_id: int) -> None:
    """Recompute one candidate's summary inside the caller's unit of work.

    Not on an interviewer's own login to a shared database: it may neither read the
    whole panel nor write the summary everyone reads (the recruiter's or committee's
    next recompute brings it up to date).
    """
    if access_of(session) is Access.INTERVIEWER:
        return
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
    change). Returns the candidates done.

    Candidates go in id ranges of ``batch_size``: a few plain queries read a range's
    scorecards (see :func:`~interview_kit.services.scorecards.load_effective_range`), the
    engine runs, and one bulk insert writes its summaries. ``workers`` processes share
    the ranges (``None``: as many as pay off here, see :func:`parallel_workers`; 1: all
    in this process), one range each per round. Each round is one short write
    transaction that first holds its candidates (the write lock on SQLite, row locks on
    PostgreSQL) and only then has the ranges read, so a scorecard submitted meanwhile
    waits and is counted by its own refresh, never overwritten by an older summary.
    """
    from interview_kit.services.scorecards import ScorecardLookups, candidate_spans

    with _collector_paused():
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
        with _Helpers(db.url, rubrics, processes - 1) as helpers:
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
                    for span, results in helpers.round(round_spans, here):
                        _write(connection, span, results)
                        done += len(results)
    return done


def _write(connection: Connection, span: tuple[int, int], results: list[_Summary]) -> None:
    """A range's summaries in place of the old ones: one delete, one executemany (Core
    statements on the connection, no ORM bookkeeping)."""
    low, high = span
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
    connection.execute(
        delete(CandidateSummaryRow).where(CandidateSummaryRow.candidate_id.between(low, high))
    )
    if rows:
        connection.execute(insert(CandidateSummaryRow), rows)


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
    return sys.platform.startswith("linux") and _single_threaded()


def _single_threaded() -> bool:
    """No other thread in this process, Python's or native ones (a GUI toolkit's pools
    run threads Python does not list)."""
    try:
        return sum(1 for _ in Path("/proc/self/task").iterdir()) == 1
    except OSError:
        return threading.active_count() == 1


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


_Summary = tuple[int, int, float | None, str | None, str | None, float | None]
"""(candidate id, submitted scorecards, score, recommendation, level, coverage)."""


class _Rubrics:
    """Parsed rubric versions by row id: those in use when a recompute starts, and any
    other read (and parsed once) through the connection at hand when first needed."""

    def __init__(self, known: dict[int, Rubric]) -> None:
        self._known = known

    def get(self, connection: Connection, version_id: int) -> Rubric:
        from interview_kit.domain.rubric import parse_rubric

        found = self._known.get(version_id)
        if found is None:
            content = connection.execute(
                select(RubricVersionRow.content).where(RubricVersionRow.id == version_id)
            ).scalar_one()
            found = parse_rubric(content, f"rubric version {version_id}")
            self._known[version_id] = found
        return found


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
    return {
        version_id: rubric_for_version(db, session, version_id)
        for version_id in sorted(v for v in version_ids if v is not None)
    }


def _summaries_of(
    connection: Connection,
    rubrics: _Rubrics,
    lookups: ScorecardLookups,
    span: tuple[int, int],
) -> list[_Summary]:
    """The engine's part of the summaries of the candidates in ``span`` (as
    :func:`refresh` computes them: the pinned rubric version, else the one of the latest
    submitted scorecard)."""
    from interview_kit.domain.engine import recommend
    from interview_kit.services.scorecards import load_effective_range

    low, high = span
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
        result = recommend(rubrics.get(connection, version_id), own)
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


class _Helpers:
    """Forked processes that compute ranges handed to them, each on a connection of its
    own (a forked copy of the parent's must never be used).

    Each round, the parent hands one range to every helper once its write transaction
    holds the round's candidates; a helper then reads in a transaction of its own, so
    it sees everything committed before the lock and nothing after. A helper that fails
    leaves its range, and every later one, to the parent: the summaries never depend on
    how the work was shared.
    """

    def __init__(self, url: URL, rubrics: _Rubrics, count: int) -> None:
        self._url = url
        self._rubrics = rubrics
        self._count = count
        self._channels: list[Any] = []
        self._processes: list[Any] = []

    def __enter__(self) -> _Helpers:
        if self._count < 1:
            return self
        import multiprocessing

        context = multiprocessing.get_context("fork")
        for _ in range(self._count):
            mine, theirs = context.Pipe()
            process = context.Process(
                target=_helper, args=(self._url, self._rubrics, theirs), daemon=True
            )
            process.start()
            theirs.close()
            self._channels.append(mine)
            self._processes.append(process)
        return self

    def __exit__(self, *_exc: object) -> None:
        for channel in self._channels:
            with suppress(OSError):
                channel.send(None)
            channel.close()
        for process in self._processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join()
        self._channels, self._processes = [], []

    def round(
        self,
        spans: Sequence[tuple[int, int]],
        here: Callable[[tuple[int, int]], list[_Summary]],
    ) -> Iterator[tuple[tuple[int, int], list[_Summary]]]:
        """Each of ``spans`` with its summaries: the first computed here, the others by
        the helpers (here instead, for a helper that has failed)."""
        handed: list[tuple[Any, tuple[int, int]]] = []
        left: list[tuple[int, int]] = []
        channels = iter(list(self._channels))
        for span in spans[1:]:
            channel = next(channels, None)
            if channel is None:
                left.append(span)
                continue
            try:
                channel.send(span)
            except OSError as exc:
                self._drop(channel, exc)
                left.append(span)
            else:
                handed.append((channel, span))
        yield spans[0], here(spans[0])
        for channel, span in handed:
            try:
                message = channel.recv()
            except (EOFError, OSError):
                message = "the process ended"
            if isinstance(message, tuple) and message[0] == span:
                yield span, message[1]
                continue
            self._drop(channel, message)
            left.append(span)
        for span in left:
            yield span, here(span)

    def _drop(self, channel: Any, why: object) -> None:
        logger.warning("a summary helper failed (%s); this process takes over", why)
        self._channels.remove(channel)
        channel.close()


def _helper(url: URL, rubrics: _Rubrics, channel: Any) -> None:
    """A helper process: summaries of each range it is handed, until told to stop."""
    from interview_kit.services.scorecards import ScorecardLookups
    from interview_kit.storage.engine import create_app_engine

    engine = create_app_engine(url)
    try:
        with engine.connect() as connection:
            lookups: ScorecardLookups | None = None
            while (span := channel.recv()) is not None:
                with connection.begin():
                    if lookups is None:
                        lookups = ScorecardLookups(connection)
                    results = _summaries_of(connection, rubrics, lookups, span)
                channel.send((span, results))
    except EOFError:
        pass  # the parent has gone
    except Exception as exc:
        logger.exception("computing summaries failed")
        with suppress(OSError):
            channel.send(f"{type(exc).__name__}: {exc}")
    finally:
        channel.close()
        engine.dispose()
