"""Evidence views (issue 16) on a 10k-candidate database: each must take <= 1 s, the
committee's hiring-quality report (all five, and the PDF) <= 3 s.

The database is built once with the demo loader and given outcomes and
self-identification by ``plant_evidence`` (``--db`` reuses a file). Each view runs
``--repeat`` times after a first warm-up call (which also pays SciPy's import, reported
separately); wall time and this process's CPU time are both shown (SQLite runs in this
process, so CPU time is what the view costs when other work shares the machine).

Side by side, a bare SQL baseline on the same file through the plain ``sqlite3``
module: one pass over every submitted rating (what each view used to do per call), and
one pass over the derived tallies the views read now. The views' time is judged against
these: a view cannot be much faster than reading what it needs.

    python benchmarks/bench_insights_evidence.py [--candidates 10000] [--db FILE] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_MS = 1000.0
REPORT_TARGET_MS = 3000.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="reuse (or create) this database file")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from interview_kit.services import candidates, demo, evidence
    from interview_kit.services.database import open_database

    path = args.db or Path(tempfile.mkdtemp(prefix="bench-evidence-")) / "bench.sqlite3"
    db = open_database(path, actor="bench")
    existing = candidates.list_candidates(db, candidates.CandidateQuery(limit=1)).total or 0
    if existing < args.candidates:
        started = time.perf_counter()
        demo.load_demo(db, candidates=args.candidates, force=existing > 0)
        print(f"built {args.candidates} candidates in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        planted = evidence.plant_evidence(db)
        print(
            f"planted {planted.outcomes} outcomes and {planted.identifications} "
            f"self-identifications in {time.perf_counter() - started:.1f} s"
        )
        with db.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    print(f"database: {path}")

    if db.engine.dialect.name == "sqlite":
        _baseline(Path(path), args.repeat)
    evidence.reliability(db)  # fills the tallies once on a database from before them

    views = {
        "reliability": lambda: evidence.reliability(db).to_json(),
        "validity": lambda: evidence.validity(db).to_json(),
        "adverse-impact": lambda: evidence.adverse_impact(db).to_json(),
        "drift": lambda: evidence.drift(db).to_json(),
        "overrides": lambda: evidence.overrides(db).to_json(),
    }
    report_path = Path(tempfile.mkdtemp(prefix="bench-quality-")) / "quality.pdf"

    def quality_report() -> None:
        from interview_kit.services.evidence.quality import write_quality_report

        write_quality_report(db, report_path)

    ok = True
    for name, run in views.items():
        started = time.perf_counter()
        run()
        first = (time.perf_counter() - started) * 1000
        samples, cpu = _samples(run, args.repeat)
        good = statistics.median(samples) <= TARGET_MS or max(cpu) <= TARGET_MS
        ok &= good
        print(
            f"{name:<16} first {first:7.1f} ms   median {statistics.median(samples):7.1f} ms   "
            f"worst {max(samples):7.1f} ms   cpu {max(cpu):7.1f} ms   "
            f"target {TARGET_MS:.0f} ms   {'ok' if good else 'OVER'}"
        )
    started = time.perf_counter()
    quality_report()
    first = (time.perf_counter() - started) * 1000
    samples, cpu = _samples(quality_report, args.repeat)
    good = statistics.median(samples) <= REPORT_TARGET_MS or max(cpu) <= REPORT_TARGET_MS
    ok &= good
    print(
        f"{'quality report':<16} first {first:7.1f} ms   "
        f"median {statistics.median(samples):7.1f} ms   worst {max(samples):7.1f} ms   "
        f"cpu {max(cpu):7.1f} ms   "
        f"target {REPORT_TARGET_MS:.0f} ms   {'ok' if good else 'OVER'}"
    )
    db.close()
    return 0 if ok else 1


def _samples(run: object, repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of ``repeat`` calls."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()  # type: ignore[operator]
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


BASELINE = {
    "every rating": (
        "SELECT s.candidate_id, s.stage_id, r.criterion_id, count(*), sum(r.rating) "
        "FROM scorecard_ratings r JOIN scorecards s ON s.id = r.scorecard_id "
        "WHERE s.status = 'submitted' AND r.rating IS NOT NULL "
        "GROUP BY s.candidate_id, s.stage_id, r.criterion_id"
    ),
    "case tallies": (
        "SELECT stage_id, criterion_id, n1, n2, n3, n4, count(*) FROM evidence_cases "
        "GROUP BY stage_id, criterion_id, n1, n2, n3, n4"
    ),
    "card tallies": (
        "SELECT interviewer_id, month, sum(comparisons), sum(difference_sum) "
        "FROM evidence_cards GROUP BY interviewer_id, month"
    ),
}


def _baseline(path: Path, repeat: int) -> None:
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        for name, sql in BASELINE.items():
            connection.execute(sql).fetchall()
            wall, cpu = _samples(lambda sql=sql: connection.execute(sql).fetchall(), repeat)
            print(
                f"bare SQL: {name:<13} median {statistics.median(wall):7.1f} ms   "
                f"cpu {max(cpu):7.1f} ms"
            )
    finally:
        connection.close()


if __name__ == "__main__":
    raise SystemExit(main())
