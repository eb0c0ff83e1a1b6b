"""How long ``interview-kit demo --candidates 10000`` takes, as a user runs it.

Target (issue 2): 10k candidates (3 stages x 3 interviewers of scorecards each) in
<= 10 s on a 2-core machine. The command runs in a fresh process on a new SQLite file,
start-up included, so the number is what a user waits for. Beside it: the CPU time of
all its processes (chunks of candidates are built in worker processes, and by the
first one whenever none is ready, while it writes), the load average when it started
(other work on the machine slows the wall clock, not the CPU time) and the size of the
file.

Target (issue 13): the command <= 1.5x a plain sqlite3 script writing the same rows
(every table's, read back from the demo's file, into an empty database of the same
schema, whose triggers keep the search index, in one durable transaction; the script's
clock starts once its rows are in memory).

    python benchmarks/bench_demo.py [--candidates 10000] [--seed 7] [--repeat 5] [--phases]

The command and the plain write take turns ``--repeat`` times; the verdict is the ratio
of their medians.

``--phases`` also times the parts one after the other in one process: building the
plan, the engine's summaries, the row tuples with the evidence tallies, the inserts and
the commit. The command itself builds plans, summaries and rows in worker processes (one
per free core besides its own, at most two) while it inserts.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_SECONDS = 10.0
PLAIN_RATIO_TARGET = 1.5
"""Issue 13: the command against a plain sqlite3 write of the same rows."""


_LOAD_WITH_WORKERS = """
import sys
from interview_kit.services.database import open_database
from interview_kit.services.demo import load_demo
with open_database(sys.argv[1]) as db:
    load_demo(db, candidates=int(sys.argv[2]), seed=int(sys.argv[3]), workers=int(sys.argv[4]))
"""


def run_command(
    database: Path, candidates: int, seed: int, workers: int | None = None
) -> tuple[float, float]:
    """Wall and CPU seconds of one ``interview-kit demo`` in its own process (or, with
    ``workers``, of ``load_demo`` with that many worker processes)."""
    environment = dict(os.environ, PYTHONPATH=str(REPO))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    if workers is None:
        command = [sys.executable, "-m", "interview_kit", "--db", str(database), "demo",
                   "--candidates", str(candidates), "--seed", str(seed)]  # fmt: skip
    else:
        command = [sys.executable, "-c", _LOAD_WITH_WORKERS, str(database), str(candidates),
                   str(seed), str(workers)]  # fmt: skip
    subprocess.run(command, check=True, env=environment, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


_PLAIN_WRITE = """
import pickle, sqlite3, sys, time
with open(sys.argv[2], "rb") as handle:
    tables = pickle.load(handle)
started = time.perf_counter()
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode=WAL")
connection.execute("PRAGMA synchronous=FULL")
connection.execute("BEGIN IMMEDIATE")
for name, columns, rows in tables:
    marks = ", ".join("?" for _ in columns)
    listed = ", ".join(columns)
    connection.executemany(f"INSERT INTO {name} ({listed}) VALUES ({marks})", rows)
connection.execute("COMMIT")
connection.close()
print(time.perf_counter() - started)
"""


def plain_rows(demo_file: Path, folder: Path) -> Path:
    """Every table's rows of the demo's file (but the search index's own, which the
    triggers keep), in the order the demo's writer inserts them, dumped for
    :func:`plain_write`."""
    import pickle
    import sqlite3

    source = sqlite3.connect(demo_file)
    names = [
        str(row[0])
        for row in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'candidate_search%' AND name <> 'alembic_version'"
            " ORDER BY rowid"
        )
    ]
    # As the demo's writer does it on SQLite: a scorecard's children go in before it
    # (the database refuses children under a submitted scorecard); a plain connection
    # leaves foreign keys unchecked.
    names.sort(key=lambda name: name == "scorecards")
    tables = []
    for name in names:
        cursor = source.execute(f'SELECT * FROM "{name}"')
        columns = [f'"{column[0]}"' for column in cursor.description]
        tables.append((f'"{name}"', columns, cursor.fetchall()))
    source.close()
    dump = folder / "rows.pickle"
    with dump.open("wb") as handle:
        pickle.dump(tables, handle)
    return dump


def plain_write(dump: Path, target: Path) -> float:
    """Seconds a plain sqlite3 script takes to write the rows of ``dump`` into an empty
    database of the same schema, in one durable transaction; the rows are loaded before
    the clock starts."""
    from interview_kit.services.database import open_database

    open_database(target).close()  # the same schema, migrated, empty
    done = subprocess.run(
        [sys.executable, "-c", _PLAIN_WRITE, str(target), str(dump)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout)


def phases(folder: Path, candidates: int, seed: int) -> None:
    """The parts one after the other in this process (the command overlaps them)."""
    from sqlalchemy import select

    from interview_kit import paths
    from interview_kit.services import demo, rubrics
    from interview_kit.services.database import open_database
    from interview_kit.services.demo import loader, rows
    from interview_kit.storage import bulk
    from interview_kit.storage.models import RubricVersionRow

    with open_database(folder / "phases.sqlite3") as db:
        saved = rubrics.save_rubric(db, paths.default_rubric_path().read_text(encoding="utf-8"))
        rubric = rubrics.active_rubric(db).rubric
        with db.read() as session:
            version_id = session.execute(
                select(RubricVersionRow.id).where(
                    RubricVersionRow.content_hash == saved.info.content_hash
                )
            ).scalar_one()
        times = [time.perf_counter()]  # one mark before and after each part
        plan = demo.build_plan(rubric, seed=seed, candidates=candidates)
        times.append(time.perf_counter())
        summaries = demo.compute_summaries(plan)
        times.append(time.perf_counter())
        encode_time = bulk.time_encoder(db.engine.dialect)
        chunk = rows.chunk_rows(plan, 0, version_id, summaries, time=encode_time)
        times.append(time.perf_counter())
        with db.write() as session:
            writer = loader.DemoWriter(session.connection())
            writer.insert("interviewers", rows.interviewer_rows(plan.interviewers, encode_time))
            writer.insert_chunk(chunk)
            times.append(time.perf_counter())
        times.append(time.perf_counter())
    labels = (
        "plan (people, scorecards, evidence)",
        "engine summaries (domain values + recommend)",
        "rows as tuples, evidence tallies",
        "database inserts",
        "commit",
    )
    for label, begin, end in zip(labels, times[:-1], times[1:], strict=True):
        print(f"  {label:46} {end - begin:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--phases", action="store_true")
    parser.add_argument(
        "--workers",
        action="store_true",
        help="also time the load with 0, 1 and 2 worker processes, side by side",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-demo-") as folder:
        # Command and plain write take turns, so a machine that slows down or speeds up
        # (a shared one does) slows both alike; the verdict is the ratio of the medians.
        walls, plains, dump = [], [], None
        for attempt in range(args.repeat):
            database = Path(folder) / f"demo-{attempt}.sqlite3"
            load = os.getloadavg()[0]
            wall, cpu = run_command(database, args.candidates, args.seed)
            walls.append(wall)
            size = database.stat().st_size / 1e6
            verdict = "ok" if wall <= TARGET_SECONDS else "OVER TARGET"
            print(
                f"demo --candidates {args.candidates}: {wall:.2f} s wall "
                f"(target <= {TARGET_SECONDS:.0f} s: {verdict}); {cpu:.2f} s CPU in all "
                f"processes; load average {load:.2f} at start; {size:.0f} MB file"
            )
            if dump is None:
                dump = plain_rows(database, Path(folder))
            target = Path(folder) / f"plain-{attempt}.sqlite3"
            plains.append(plain_write(dump, target))
            print(
                f"a plain sqlite3 write of the same rows: {plains[-1]:.2f} s "
                f"(this round: {wall / plains[-1]:.2f}x)"
            )
            for written in Path(folder).glob(f"*-{attempt}.sqlite3*"):
                written.unlink()  # 200 MB each: the next round starts on a clean page cache
        wall, plain = statistics.median(walls), statistics.median(plains)
        ratio = wall / plain
        verdict = "ok" if ratio <= PLAIN_RATIO_TARGET else "OVER TARGET"
        print(
            f"medians of {args.repeat}: the command {wall:.2f} s, the plain write "
            f"{plain:.2f} s: {ratio:.2f}x (target <= {PLAIN_RATIO_TARGET:g}x: {verdict})"
        )
        if args.workers:
            for workers in (0, 1, 2):
                database = Path(folder) / f"workers-{workers}.sqlite3"
                load = os.getloadavg()[0]
                wall, cpu = run_command(database, args.candidates, args.seed, workers)
                print(
                    f"load_demo with {workers} worker processes: {wall:.2f} s wall, "
                    f"{cpu:.2f} s CPU; load average {load:.2f} at start"
                )
        if args.phases:
            print("phases, in-process:")
            phases(Path(folder), args.candidates, args.seed)


if __name__ == "__main__":
    main()
