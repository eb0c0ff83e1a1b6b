"""How long recomputing every candidate's summary takes, loading from the database included.

Targets (issue 3): recomputing all of a 10k-candidate database (3 stages x 3 interviewers
of submitted scorecards each) <= 10 s including loading, on a 2-core machine; one
recommendation <= 2 ms in-process.

    python benchmarks/bench_recompute.py [--candidates 10000] [--seed 7] [--db FILE]
                                         [--fresh] [--repeat 1] [--compare]

The database is built once with ``interview-kit demo`` in a folder under the system's
temporary folder and reused by later runs with the same size and seed (``--fresh``
builds it again; ``--db`` names a file to use instead). Every timed run works on a copy,
so the runs do not change it. Printed, with wall and CPU seconds:

- the parts one after the other in this process: loading the scorecards (a few queries
  per range of 1,000 candidates), the engine, writing the summaries (with each range's
  transaction: its lock, delete, insert and commit);
- ``summaries.refresh_all`` end to end, in one process and with the default number of
  processes (what ``interview-kit recompute`` does), CPU of the worker processes apart;
- ``interview-kit recompute`` as a user runs it, start-up included;
- one recommendation in-process (median and p95 of candidates from the database);
- whether the recomputed summaries equal the ones the demo stored when it was built.

``--compare`` also times reading the same scorecards the way one candidate's are read
(``effective_in_session`` over each range). The machine is shared: the load average is
printed before each run, and CPU seconds are steadier than wall seconds.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kept import is_current  # noqa: E402 - this script's folder is on the path
from sqlalchemy import delete, insert, select  # noqa: E402

from interview_kit.domain.engine import recommend  # noqa: E402
from interview_kit.services import scorecard_reads, summaries  # noqa: E402
from interview_kit.services.database import Database, open_database  # noqa: E402
from interview_kit.storage.models import CandidateRow, CandidateSummaryRow, utc_now  # noqa: E402

TARGET_SECONDS = 10.0
TARGET_ONE_MS = 2.0
RANGE = 1000
SUMMARY_COLUMNS = (
    "candidate_id",
    "score",
    "recommendation",
    "level",
    "coverage",
    "submitted_count",
    "committee_decision",
    "committee_level",
)


class Clock:
    """Wall and CPU seconds of this process, added up over the blocks it times."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0

    @contextmanager
    def timing(self) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall += time.perf_counter() - wall
            self.cpu += time.process_time() - cpu

    def __str__(self) -> str:
        return f"{self.wall:6.2f} s wall {self.cpu:6.2f} s CPU"


def load_average() -> str:
    if not hasattr(os, "getloadavg"):
        return ""
    return f"(load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs)"


def demo_database(candidates: int, seed: int, *, fresh: bool) -> Path:
    folder = Path(tempfile.gettempdir()) / "interview-kit-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"recompute-{candidates}-seed{seed}.sqlite3"
    if path.exists() and not fresh and is_current(path):
        print(f"reusing {path}")
        return path
    for stale in folder.glob(f"{path.name}*"):
        stale.unlink()
    print(f"building {path} with interview-kit demo --candidates {candidates} ...")
    started = time.perf_counter()
    run_cli(path, "demo", "--candidates", str(candidates), "--seed", str(seed))
    print(f"  built in {time.perf_counter() - started:.1f} s")
    with open_database(path) as db, db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def run_cli(database: Path, *argv: str) -> None:
    environment = dict(os.environ, PYTHONPATH=str(REPO))
    subprocess.run(
        [sys.executable, "-m", "interview_kit", "--db", str(database), *argv],
        check=True, env=environment, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def working_copy(source: Path, folder: Path) -> Path:
    target = folder / "work.sqlite3"
    for stale in folder.glob("work.sqlite3*"):
        stale.unlink()
    shutil.copyfile(source, target)
    return target


def stored_summaries(db: Database) -> dict[int, tuple[Any, ...]]:
    columns = [getattr(CandidateSummaryRow, name) for name in SUMMARY_COLUMNS]
    with db.read() as session:
        return {row[0]: tuple(row) for row in session.execute(select(*columns))}


def parts(db: Database, *, compare: bool) -> None:
    """Loading, engine and writing one after the other, as refresh_all does them in one
    process: one write transaction per range, holding its candidates, commit included."""
    load, engine, write, old = Clock(), Clock(), Clock(), Clock()
    scorecard_count = candidate_count = 0
    collecting = gc.isenabled()
    gc.disable()  # as refresh_all does
    try:
        with db.read() as session:
            spans = scorecard_reads.candidate_spans(session.connection(), RANGE)
            rubrics = summaries._referenced_rubrics(db, session)
        for low, high in spans:
            with db.write() as session:
                with write.timing():
                    connection = session.connection()
                    connection.execute(
                        select(CandidateRow.id)
                        .where(CandidateRow.id.between(low, high))
                        .with_for_update()
                    ).all()
                with load.timing():
                    lookups = scorecard_reads.ScorecardLookups(connection)
                    pinned = dict(
                        connection.execute(
                            select(CandidateRow.id, CandidateRow.rubric_version_id).where(
                                CandidateRow.id.between(low, high)
                            )
                        ).all()
                    )
                    found = scorecard_reads.load_effective_range(connection, low, high, lookups)
                if compare:
                    with old.timing():
                        scorecard_reads.effective_in_session(
                            session, CandidateRow.id.between(low, high)
                        )
                with engine.timing():
                    results = {
                        candidate_id: summaries.summarize(
                            cards,
                            (),
                            pinned_hash=None
                            if pinned[candidate_id] is None
                            else lookups.rubric_hash(pinned[candidate_id]),
                            rubric_by_hash=rubrics.__getitem__,
                        )
                        for candidate_id, cards in found.items()
                    }
                with write.timing():
                    now = utc_now()
                    rows = [
                        {
                            "candidate_id": candidate_id,
                            "score": result.score,
                            "recommendation": result.recommendation,
                            "level": result.level,
                            "coverage": result.coverage,
                            "submitted_count": result.submitted_count,
                            "updated_at": now,
                        }
                        for candidate_id, result in results.items()
                    ]
                    connection.execute(
                        delete(CandidateSummaryRow).where(
                            CandidateSummaryRow.candidate_id.between(low, high)
                        )
                    )
                    connection.execute(insert(CandidateSummaryRow), rows)
                    session.commit()
            candidate_count += len(found)
            scorecard_count += sum(len(cards) for cards in found.values())
    finally:
        if collecting:
            gc.enable()
    print(
        f"parts, one after the other ({candidate_count} candidates with "
        f"{scorecard_count} submitted scorecards):"
    )
    print(f"  loading scorecards       {load}")
    if compare:
        print(f"  (per-candidate loader    {old})")
    print(f"  engine                   {engine}")
    print(f"  writing summaries        {write}")
    total = load.wall + engine.wall + write.wall
    print(f"  together                 {total:6.2f} s wall")


def refresh_all(db: Database, workers: int | None) -> tuple[float, float, float]:
    """Wall, own CPU and worker CPU seconds of one refresh_all."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, cpu = time.perf_counter(), time.process_time()
    summaries.refresh_all(db, workers=workers)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    children = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, children


def one_recommendation(db: Database) -> None:
    with db.read() as session:
        connection = session.connection()
        low, high = scorecard_reads.candidate_spans(connection, 200)[0]
        found = list(scorecard_reads.load_effective_range(connection, low, high).values())
        rubrics = summaries._referenced_rubrics(db, session)
    rubric = next(iter(rubrics.values()))
    samples = []
    for cards in found * 10:
        started = time.perf_counter()
        recommend(rubric, cards)
        samples.append(time.perf_counter() - started)
    samples.sort()
    print(
        f"one recommendation ({len(found)} candidates x 10): median "
        f"{statistics.median(samples) * 1000:.3f} ms, p95 "
        f"{samples[int(len(samples) * 0.95)] * 1000:.3f} ms (target <= {TARGET_ONE_MS:g} ms)"
    )


def recompute_command(database: Path) -> tuple[float, float, float]:
    """Wall seconds of ``interview-kit recompute`` in a new process, and the CPU seconds
    of that process and its workers."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run_cli(database, "recompute")
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, 0.0, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timed(label: str, action: Callable[[], tuple[float, float, float]]) -> float:
    """Runs ``action`` (wall, CPU here, CPU in other processes) and prints the times."""
    print(f"{label} {load_average()}")
    wall, cpu, others = action()
    here = f" {cpu:6.2f} s CPU" if cpu else ""
    elsewhere = f" {'+' if cpu else ''} {others:.2f} s CPU in other processes" if others else ""
    verdict = "meets" if wall <= TARGET_SECONDS else "MISSES"
    print(f"  {wall:6.2f} s wall{here}{elsewhere} ({verdict} the {TARGET_SECONDS:g} s target)")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, help="use this database file (copied) instead")
    parser.add_argument("--fresh", action="store_true", help="build the demo database again")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--compare", action="store_true", help="also time the per-candidate loader")
    args = parser.parse_args()

    source = args.db or demo_database(args.candidates, args.seed, fresh=args.fresh)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        with open_database(working_copy(source, folder)) as db:
            demo_summaries = stored_summaries(db)
            default_workers = summaries.parallel_workers(db, len(demo_summaries))
            one_recommendation(db)
        for number in range(args.repeat):
            if args.repeat > 1:
                print(f"-- run {number + 1} of {args.repeat}")
            with open_database(working_copy(source, folder)) as db:
                print(f"parts {load_average()}")
                parts(db, compare=args.compare)
            runs = ((1, "one process"), (2, "two processes"), (None, f"default: {default_workers}"))
            for workers, label in runs:
                with open_database(working_copy(source, folder)) as db:
                    timed(f"refresh_all, {label}:", partial(refresh_all, db, workers))
                    same = stored_summaries(db) == demo_summaries
                    print(f"  summaries equal the demo's: {'yes' if same else 'NO'}")
            timed(
                "interview-kit recompute (a new process, start-up included):",
                partial(recompute_command, working_copy(source, folder)),
            )


if __name__ == "__main__":
    main()
