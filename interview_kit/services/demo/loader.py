"""Storing a demo: the default rubric, then a plan in one transaction of bulk inserts
(:mod:`interview_kit.storage.bulk`), fast enough for 10k candidates. Large demos build
their chunks of rows in worker processes (:mod:`interview_kit.services.workers`) while
this one writes."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, delete, func, insert, select

from interview_kit import paths
from interview_kit.domain.rubric import Rubric
from interview_kit.services import audit, rubrics
from interview_kit.services.demo.generator import (
    DEFAULT_CANDIDATES,
    DEFAULT_SEED,
    Generator,
    interviewer_count,
)
from interview_kit.services.demo.records import DemoInterviewer
from interview_kit.services.demo.rows import (
    CHILDREN_FIRST,
    CHUNK_CANDIDATES,
    COLUMNS,
    DRAFTS_FIRST,
    FLAT,
    STATUS,
    SUBMITTED_AT,
    Rows,
    chunk_rows,
    interviewer_rows,
)
from interview_kit.services.errors import ConflictError, InvalidInputError
from interview_kit.services.workers import Workers, can_fork, free_cores
from interview_kit.storage import bulk
from interview_kit.storage.backup import backup_sqlite
from interview_kit.storage.database import Database
from interview_kit.storage.errors import BackupError
from interview_kit.storage.models import (
    AmendmentRow,
    AssignmentRow,
    CandidateRow,
    CandidateSummaryRow,
    DecisionRow,
    ErasingCandidateRow,
    InterviewerRow,
    RubricVersionRow,
    ScorecardRow,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoResult:
    summary: str
    candidates: int
    scorecards: int
    backup: Path | None
    """Where the previous content went when ``force`` replaced it (SQLite files only)."""


def load_demo(
    db: Database,
    *,
    seed: int = DEFAULT_SEED,
    candidates: int = DEFAULT_CANDIDATES,
    force: bool = False,
    actor: str | None = None,
    workers: int | None = None,
    chunk_size: int = CHUNK_CANDIDATES,
) -> DemoResult:
    """Import the default rubric and store a demo panel; refuse a database in use.

    A database that already holds candidates or interviewers is refused with
    :class:`ConflictError` unless ``force``: then they are deleted (with everything
    hanging off them) after a backup copy of a SQLite file is written next to it.
    Rubric versions and the audit log are kept.

    ``workers`` processes build chunks of ``chunk_size`` candidates while this one writes
    (``None``: as many as pay off, see :func:`demo_workers`; 0: none). Neither changes
    what is stored.
    """
    if candidates < 0:
        raise InvalidInputError("the number of candidates must not be negative")
    existing = _existing_people(db)
    if existing and not force:
        raise ConflictError(
            f"the database {db.location} already holds {existing}; the demo loads into an "
            "empty database. Use another --db, or --force to replace them (a backup is "
            "written first)"
        )
    backup = _backup_before_replacing(db) if existing else None
    saved = rubrics.save_rubric(
        db, paths.default_rubric_path().read_text(encoding="utf-8"), source="builder.toml"
    )
    loaded = rubrics.active_rubric(db, saved.info.rubric_id)
    with db.read() as session:
        version_id = session.execute(
            select(RubricVersionRow.id).where(
                RubricVersionRow.content_hash == saved.info.content_hash
            )
        ).scalar_one()
    generator = Generator(loaded.rubric, seed)
    generator.interviewers(interviewer_count(candidates))
    interviewers = generator.plan.interviewers
    time = bulk.time_encoder(db.engine.dialect)
    if workers is None:
        workers = demo_workers(candidates)
    elif not can_fork():
        workers = 0
    producer = _Producer(
        loaded.rubric,
        seed,
        interviewers,
        chunk_ranges(candidates, chunk_size),
        workers,
        version_id=version_id,
        time=time,
    )
    counts = _Counts()
    with (
        producer,
        bulk.collector_paused(),
        db.write() as session,
        bulk.large_cache(session.connection()) as connection,
    ):
        if _existing_people_in(connection) and not existing:
            raise ConflictError(
                f"someone added candidates to {db.location} meanwhile; nothing was loaded"
            )
        if existing:
            _delete_people(connection)
        _check_empty(connection)
        writer = DemoWriter(connection)
        writer.insert("interviewers", interviewer_rows(interviewers, time))
        with bulk.indexes_set_aside(connection, writer.tables):
            for rows in producer.chunks():
                writer.insert_chunk(rows)
                counts.add(rows)
        writer.advance_sequences(_KEYED)
        bulk.refresh_statistics(connection)
        audit.append(
            session,
            actor or db.actor,
            "demo.loaded",
            "database",
            None,
            f"seed {seed}, {candidates} candidates"
            + (", replacing earlier content" if existing else ""),
        )
    summary = (
        f"{counts.candidates} candidates, {len(interviewers)} interviewers, "
        f"{counts.assignments} assignments, {counts.submitted} submitted and {counts.drafts} "
        f"draft scorecards, {counts.amendments} amendment{'s' if counts.amendments != 1 else ''}, "
        f"{counts.decisions} committee decisions"
    )
    return DemoResult(
        summary=summary,
        candidates=counts.candidates,
        scorecards=counts.submitted + counts.drafts,
        backup=backup,
    )


def _existing_people(db: Database) -> str:
    with db.read() as session:
        return _existing_people_in(session.connection())


def _existing_people_in(connection: Connection) -> str:
    candidates = connection.scalar(select(func.count()).select_from(CandidateRow)) or 0
    interviewers = connection.scalar(select(func.count()).select_from(InterviewerRow)) or 0
    parts = []
    if candidates:
        parts.append(f"{candidates} candidate{'s' if candidates != 1 else ''}")
    if interviewers:
        parts.append(f"{interviewers} interviewer{'s' if interviewers != 1 else ''}")
    return " and ".join(parts)


def _backup_before_replacing(db: Database) -> Path | None:
    if db.path is None:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db.path.with_name(f"{db.path.name}.before-demo-{stamp}.bak")
    counter = 1
    while target.exists():
        counter += 1
        target = db.path.with_name(f"{db.path.name}.before-demo-{stamp}-{counter}.bak")
    try:
        return backup_sqlite(db.engine, target)
    except BackupError as exc:
        raise ConflictError(
            f"nothing replaced: the backup before replacing failed ({exc})"
        ) from None


def _delete_people(connection: Connection) -> None:
    """Candidates take their scorecards, assignments and decisions with them (cascade).

    Submitted scorecards go too: every candidate is marked as being erased for the
    length of the transaction, the one case the guards allow (see storage/roles.py)."""
    connection.execute(
        insert(ErasingCandidateRow).from_select(["candidate_id"], select(CandidateRow.id))
    )
    for model in (
        DecisionRow,
        AssignmentRow,
        ScorecardRow,
        CandidateSummaryRow,
        CandidateRow,
        InterviewerRow,
        ErasingCandidateRow,
    ):
        connection.execute(delete(model))


PARALLEL_FROM = 1000
"""From this many candidates, chunks are built (plan, engine, rows) in worker processes:
below it, forking and sending the rows back cost about what the overlap saves."""

MAX_WORKERS = 2
"""Worker processes building chunks at most: with the writing process, which builds
chunks too whenever none is ready, two keep three cores busy."""


@dataclass
class _Counts:
    candidates: int = 0
    assignments: int = 0
    submitted: int = 0
    drafts: int = 0
    amendments: int = 0
    decisions: int = 0

    def add(self, rows: Rows) -> None:
        self.candidates += len(rows.candidates) // len(COLUMNS["candidates"][1])
        self.assignments += len(rows.assignments)
        self.submitted += rows.submitted
        self.drafts += len(rows.scorecards) - rows.submitted
        self.amendments += len(rows.amendments)
        self.decisions += len(rows.decisions)


def chunk_ranges(count: int, size: int = CHUNK_CANDIDATES) -> list[tuple[int, int]]:
    """Positions (first, past the last) of ``count`` candidates in chunks of ``size``."""
    if size < 1:
        raise ValueError(f"a chunk holds at least one candidate, got {size}")
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def build_chunk(
    rubric: Rubric,
    seed: int,
    interviewers: list[DemoInterviewer],
    span: tuple[int, int],
    *,
    version_id: int,
    time: bulk.TimeEncoder,
) -> Rows:
    """The rows of the candidates at positions ``span`` (first, past the last)."""
    generator = Generator(rubric, seed)
    generator.plan.interviewers = interviewers
    for index in range(*span):
        generator.add_candidate(index)
    return chunk_rows(generator.plan, span[0], version_id, time=time)


def demo_workers(candidates: int) -> int:
    """Worker processes for a demo of this size: none below :data:`PARALLEL_FROM`
    candidates or where forking is unsafe, else one per free core besides the one this
    process writes on (and builds on, when no chunk is ready), at least one and at most
    :data:`MAX_WORKERS`.

    Unlike the recompute's rounds, the workers here stream chunks while this process
    writes (a worker waits only on a full pipe, and this process builds a chunk itself
    rather than wait for one), so they pay even on a busy machine:
    at 10k candidates with a load of 8 on 2 cores, 33.6 s with two workers, 50.4 s with
    one and 53.1 s with none (``benchmarks/bench_demo.py --workers``). Measured again
    once the workers also tallied the evidence, on a quiet 2-core machine: 14.7 s with
    none, one and two within noise of each other (best of three 10.5 s and 10.3 s), and
    with a chunk of 250, 500 or 1000 candidates no clear difference either. Once this
    process built chunks too, one worker beat two on the quiet 2-core machine in each
    of five paired loads (7.3-8.0 s against 8.1-9.2 s).
    """
    if candidates < PARALLEL_FROM or not can_fork():
        return 0
    return max(1, min(MAX_WORKERS, free_cores() - 1))


AHEAD = 3
"""Chunks handed to each worker at a time: it builds the next while this process takes
the last one, and is never idle while this process builds one itself."""


class _Producer:
    """Chunks of rows, in whatever order they are ready.

    Large demos build their chunks in forked workers (:func:`demo_workers`): the plan,
    the engine and the tuples take as long as the database writes, so the two overlap.
    A worker sends each chunk as plain tuples, which pickle cheaply (repeated evidence
    texts travel once per chunk). Each worker has :data:`AHEAD` chunks to build at a
    time; whenever none is ready, this process builds one of those not yet handed out
    (from the end) rather than wait. A failed worker's chunks are built here too.
    """

    def __init__(
        self,
        rubric: Rubric,
        seed: int,
        interviewers: list[DemoInterviewer],
        spans: list[tuple[int, int]],
        workers: int,
        *,
        version_id: int,
        time: bulk.TimeEncoder,
    ) -> None:
        self.rubric, self.seed, self.interviewers = rubric, seed, interviewers
        self.version_id, self.time = version_id, time
        self.spans = deque(spans)
        self.workers: Workers[tuple[int, int], Rows] = Workers(
            self._serve, min(workers, len(spans)), name="demo worker"
        )

    def build(self, span: tuple[int, int]) -> Rows:
        return build_chunk(
            self.rubric,
            self.seed,
            self.interviewers,
            span,
            version_id=self.version_id,
            time=self.time,
        )

    @contextmanager
    def _serve(self) -> Iterator[Callable[[tuple[int, int]], Rows]]:
        yield self.build

    def __enter__(self) -> _Producer:
        """Workers start on their chunks at once, while this process gets ready to write."""
        workers = self.workers.__enter__()
        for _round in range(AHEAD):
            for index in workers.live():
                self._hand(index)
        return self

    def __exit__(self, *exc: object) -> None:
        self.workers.__exit__(*exc)

    def _hand(self, index: int) -> None:
        """The next chunk not handed out to worker ``index``, if there is one."""
        if self.spans and self.workers.hand(index, self.spans[0]):
            self.spans.popleft()

    def chunks(self) -> Iterator[Rows]:
        workers = self.workers
        while True:
            self.spans.extend(workers.left_over())  # whatever a failed worker left undone
            ready = workers.ready(timeout=0 if self.spans else None)
            for index in ready:
                answer = workers.receive(index)
                if answer is not None:
                    self._hand(index)
                    yield answer[1]
            if ready:
                continue
            if self.spans:  # the workers take theirs from the front
                yield self.build(self.spans.pop() if workers.busy() else self.spans.popleft())
            elif not workers.busy():
                return


class DemoWriter(bulk.BulkInserter):
    """Bulk inserts of the demo's chunks, in the one transaction of ``connection``.

    The database refuses children (ratings, observations, exercise notes) under a
    submitted scorecard. On SQLite the children go in first and then their scorecards,
    already submitted: foreign key checks wait until the commit
    (:func:`~interview_kit.storage.bulk.defer_foreign_keys`; the commit still fails on
    any orphan). Elsewhere (PostgreSQL's foreign keys cannot be deferred) scorecards go
    in as drafts before their children and are submitted afterwards, one UPDATE each.
    """

    def __init__(self, connection: Connection) -> None:
        super().__init__(connection, COLUMNS, flat=FLAT)
        self.children_first = bulk.defers_foreign_keys(self.dialect)
        if self.children_first:
            bulk.defer_foreign_keys(connection)
        scorecards = bulk.table_of(ScorecardRow)
        name, marker = self.quote(scorecards.name), self.marker
        assignments = f"status = 'submitted', submitted_at = {marker}"
        submit = f"UPDATE {name} SET {assignments} WHERE id = {marker}"  # noqa: S608
        self.add_statement(
            "submissions", submit, self.converters(scorecards, ("submitted_at", "id"))
        )

    def insert_chunk(self, rows: Rows) -> None:
        if self.children_first:
            for kind in CHILDREN_FIRST:
                if kind in FLAT:
                    self.insert_flat(kind, getattr(rows, kind))
                else:
                    self.insert(kind, getattr(rows, kind))
            return
        drafts, submissions = [], []
        for row in rows.scorecards:
            if row[STATUS] == "submitted":
                submissions.append((row[SUBMITTED_AT], row[0]))
                drafts.append((*row[:STATUS], "draft", *row[STATUS + 1 : SUBMITTED_AT], None))
            else:
                drafts.append(row)
        for kind in DRAFTS_FIRST:
            if kind in FLAT:
                self.insert_flat(kind, getattr(rows, kind))
            else:
                self.insert(kind, drafts if kind == "scorecards" else getattr(rows, kind))
        self.insert("submissions", submissions)


_KEYED = (InterviewerRow, CandidateRow, AssignmentRow, ScorecardRow, AmendmentRow, DecisionRow)
"""The tables the demo fills with keys of its own."""


def _check_empty(connection: Connection) -> None:
    """The demo's keys start at 1: every table it fills must be empty."""
    for model in _KEYED:
        if connection.scalar(select(func.count()).select_from(model)):
            raise ConflictError(
                f"the demo loads into empty tables, but {model.__tablename__} holds rows; "
                "nothing was loaded"
            )
