"""Evidence views (issue 16) on a 10k-candidate database: each must take <= 1 s.

The database is built once with the demo loader and given outcomes and
self-identification by ``plant_evidence`` (``--db`` reuses a file). Each view runs
``--repeat`` times in a fresh process state after a first warm-up call (which also pays
SciPy's import, reported separately).

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

    views = {
        "reliability": lambda: evidence.reliability(db).to_json(),
        "validity": lambda: evidence.validity(db).to_json(),
        "adverse-impact": lambda: evidence.adverse_impact(db).to_json(),
        "drift": lambda: evidence.drift(db).to_json(),
        "overrides": lambda: evidence.overrides(db).to_json(),
    }
    ok = True
    for name, run in views.items():
        started = time.perf_counter()
        run()
        first = (time.perf_counter() - started) * 1000
        samples = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            run()
            samples.append((time.perf_counter() - started) * 1000)
        worst = max(samples)
        good = worst <= TARGET_MS
        ok &= good
        print(
            f"{name:<16} first {first:7.1f} ms   median {statistics.median(samples):7.1f} ms   "
            f"worst {worst:7.1f} ms   target {TARGET_MS:.0f} ms   {'ok' if good else 'OVER'}"
        )
    db.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
