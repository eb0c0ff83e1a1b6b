"""How fast the candidate list answers at 10k candidates.

Targets (issue 2): one list page (50 rows, each with the candidate's score) <= 5 ms; a
name filter <= 20 ms. The database is the demo's (``--candidates`` fully interviewed
candidates, scores cached as the app keeps them); each query goes through the same
service the app's list and ``interview-kit candidate list`` use, in a read unit of
work, rows converted to values. Medians and 95th percentiles over ``--repeat`` runs.

    python benchmarks/bench_list.py [--candidates 10000] [--repeat 200] [--db FILE]

``--db`` reuses (or creates, on first run) a database file, to skip building it again.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from interview_kit.domain.candidate import PipelineStatus  # noqa: E402
from interview_kit.services import candidates, demo  # noqa: E402
from interview_kit.services.candidates import CandidateQuery, CandidateSort  # noqa: E402
from interview_kit.services.database import Database, open_database  # noqa: E402

PAGE_TARGET_MS = 5.0
FILTER_TARGET_MS = 20.0


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    action()  # warm the caches as a user's second look would
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def report(label: str, action: Callable[[], object], repeat: int, target: float) -> None:
    median, p95 = timed(action, repeat)
    verdict = "ok" if median <= target else "OVER TARGET"
    print(
        f"{label:52} median {median:6.2f} ms  p95 {p95:6.2f} ms  "
        f"(target <= {target:g} ms: {verdict})"
    )


def ensure_database(path: Path, size: int) -> Database:
    db = open_database(path)
    page = candidates.list_candidates(db, CandidateQuery(limit=1))
    if page.total != size:
        started = time.perf_counter()
        demo.load_demo(db, candidates=size, force=bool(page.total))
        print(f"built a {size}-candidate demo database in {time.perf_counter() - started:.1f} s")
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-list-") as folder:
        path = args.db or Path(folder) / "list.sqlite3"
        db = ensure_database(path, args.candidates)
        try:
            sample = candidates.list_candidates(db, CandidateQuery(limit=1, offset=4321)).rows
            some_name = sample[0].name.split()[-1] if sample else "Nowak"

            def page(**options: object) -> Callable[[], object]:
                query = CandidateQuery(limit=50, **options)  # type: ignore[arg-type]

                def run() -> object:
                    result = candidates.list_candidates(db, query)
                    assert len(result.rows) == 50
                    return result

                return run

            print(f"{args.candidates} candidates, {args.repeat} runs each")
            report("first page by name, with scores and total", page(), args.repeat, PAGE_TARGET_MS)
            report(
                "page 100 by name",
                page(offset=4950),
                args.repeat,
                PAGE_TARGET_MS,
            )
            report(
                "first page by score, best first",
                page(sort=CandidateSort.SCORE, descending=True),
                args.repeat,
                PAGE_TARGET_MS,
            )
            report(
                "first page of hired candidates",
                page(statuses=(PipelineStatus.HIRED,)),
                args.repeat,
                PAGE_TARGET_MS,
            )

            def name_filter(text: str) -> Callable[[], object]:
                query = CandidateQuery(text=text, limit=50)
                return lambda: candidates.list_candidates(db, query)

            report(
                f"name filter {some_name!r} (family name)",
                name_filter(some_name),
                args.repeat,
                FILTER_TARGET_MS,
            )
            report(
                "name filter 'zoe' (accents ignored)",
                name_filter("zoe"),
                args.repeat,
                FILTER_TARGET_MS,
            )
            report("name filter with no match", name_filter("qqqqq"), args.repeat, FILTER_TARGET_MS)
        finally:
            db.close()


if __name__ == "__main__":
    main()
