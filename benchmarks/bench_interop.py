"""Data in and out: a CSV import and a spreadsheet export, each beside a bare baseline.

Targets (issue 15): import 10,000 CSV rows <= 3 s; export the 10k-candidate pipeline to
XLSX <= 5 s.

    python benchmarks/bench_interop.py [--rows 10000] [--candidates 10000] [--repeat 3]
                                       [--memory-rows 100000] [--only import|export]

Import: ``candidate import`` of a fresh file into a database holding the default rubric,
against a bare script that reads the same file with the csv module and inserts the same
columns with one ``executemany`` (no checks, no e-mail matching, no audit). The peak of
Python's allocations is printed for ``--rows`` and for ``--memory-rows`` (a preview,
which reads the whole file the same way): bounded memory means the two peaks stay close.

Export: ``export pipeline --format xlsx`` of the demo's candidates, against a bare
script that reads the same columns in one query and writes them with openpyxl's
write-only mode. Every measurement runs in this process, fresh database per import
round; medians of ``--repeat`` rounds are printed.
"""

from __future__ import annotations

import argparse
import csv
import gc
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from interview_kit.services import candidate_import, demo, exports, rubrics  # noqa: E402
from interview_kit.services.database import open_database  # noqa: E402

HEADER = ["Name", "E-mail", "Source", "Origin", "Role", "Notes"]


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for number in range(rows):
            writer.writerow(
                [
                    f"Zoë Ångström {number}",
                    f"person{number}@example.org",
                    ("founder", "senior_engineer", "technical_pm", "")[number % 4],
                    ("pm", "engineer", "")[number % 3],
                    "Builder",
                    "Met at a meetup" if number % 5 == 0 else "",
                ]
            )


def fresh_database(folder: Path, name: str) -> Path:
    path = folder / name
    with open_database(path, actor="bench") as db:
        rubrics.ensure_default_rubric(db)
    return path


def timed(action: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def bare_import(db_path: Path, csv_path: Path) -> None:
    """The floor: parse and insert, nothing else."""
    connection = sqlite3.connect(db_path)
    with csv_path.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        next(reader)
        rows = [
            (
                f"00000000-0000-4000-8000-{number:012d}",
                name,
                name.casefold(),
                email,
                name.casefold(),
                source or "unknown",
                origin or "unknown",
                role,
                "new",
                notes,
                "2026-12-03 00:00:00.000000",
                "2026-12-03 00:00:00.000000",
                1,
            )
            for number, (name, email, source, origin, role, notes) in enumerate(reader)
        ]
    with connection:
        connection.executemany(
            "INSERT INTO candidates (uuid, name, name_key, email, search_key, source,"
            " origin_path, role_title, status, notes, created_at, updated_at, row_version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    connection.close()


def bench_import(folder: Path, rows: int, repeat: int, memory_rows: int) -> None:
    csv_path = folder / f"import-{rows}.csv"
    write_csv(csv_path, rows)
    ours, bare = [], []
    for round_number in range(repeat):
        target = fresh_database(folder, f"import-{round_number}.sqlite3")
        with open_database(target, actor="bench") as db:
            plan = None

            def run(db=db) -> None:  # type: ignore[no-untyped-def]
                nonlocal plan
                plan = candidate_import.import_candidates(db, csv_path)

            ours.append(timed(run))
            assert plan is not None
            assert plan.added == rows
            assert plan.written
        floor = fresh_database(folder, f"bare-{round_number}.sqlite3")
        bare.append(timed(lambda floor=floor: bare_import(floor, csv_path)))
    print(f"import {rows:,} CSV rows (target <= 3 s)")
    report(ours, bare)
    for count in sorted({rows, memory_rows}):
        path = folder / f"memory-{count}.csv"
        if not path.exists():
            write_csv(path, count)
        target = fresh_database(folder, f"memory-{count}.sqlite3")
        with open_database(target, actor="bench") as db:
            tracemalloc.start()
            plan = candidate_import.plan_import(db, path)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        print(
            f"  preview of {count:,} rows: peak Python allocations {peak / 1e6:.1f} MB "
            f"({plan.added:,} to add)"
        )


def bare_export(db_path: Path, out: Path) -> None:
    from openpyxl import Workbook

    connection = sqlite3.connect(db_path)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Pipeline")
    sheet.append(["Name", "Status", "Stage", "Score", "Recommendation", "Decision", "E-mail"])
    for row in connection.execute(
        "SELECT c.name, c.status, c.stage_id, s.score, s.recommendation,"
        " s.committee_decision, c.email FROM candidates c"
        " LEFT JOIN candidate_summaries s ON s.candidate_id = c.id ORDER BY c.name_key, c.id"
    ):
        sheet.append(list(row))
    book.save(out)
    connection.close()


def bench_export(folder: Path, candidates: int, repeat: int) -> None:
    path = folder / f"demo-{candidates}.sqlite3"
    started = time.perf_counter()
    with open_database(path, actor="bench") as db:
        demo.load_demo(db, candidates=candidates)
    print(f"(demo of {candidates:,} candidates built in {time.perf_counter() - started:.1f} s)")
    ours, bare = [], []
    with open_database(path, actor="bench") as db:
        for round_number in range(repeat):
            out = folder / f"pipeline-{round_number}.xlsx"
            ours.append(timed(lambda out=out: exports.export_sheet(db, "pipeline", out)))
            floor = folder / f"bare-{round_number}.xlsx"
            bare.append(timed(lambda floor=floor: bare_export(path, floor)))
    print(f"export the {candidates:,}-candidate pipeline to XLSX (target <= 5 s)")
    report(ours, bare)


def report(ours: list[float], bare: list[float]) -> None:
    mine, floor = statistics.median(ours), statistics.median(bare)
    print(f"  interview-kit  median {mine:6.2f} s   fastest {min(ours):6.2f} s")
    print(f"  bare baseline  median {floor:6.2f} s   fastest {min(bare):6.2f} s")
    print(f"  ratio (medians) {mine / floor:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--memory-rows", type=int, default=100_000)
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("import", "export"), help="run one of the two")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-interop-") as name:
        folder = Path(name)
        if args.only != "export":
            bench_import(folder, args.rows, args.repeat, args.memory_rows)
        if args.only != "import":
            bench_export(folder, args.candidates, args.repeat)


if __name__ == "__main__":
    main()
