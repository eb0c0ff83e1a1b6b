"""Large panels stay instant (issue 13): search, paging and the insight figures, each
measured beside the bare SQL it stands on, in one run, with the ratios printed.

The databases are the demo's (its names, e-mails, panels and scorecards), built once
and kept with ``--keep DIR``; the million-candidate one, for search and paging only, is
the 100k demo's candidates repeated (the demo's names and e-mails, new ids), as a full
demo of that size takes far longer than the few minutes a benchmark may spend building.

- **Search keystroke** (first page and its count, as the search box asks) for a word
  matching no candidate, one and many, beside the same statements run bare on the
  driver, and beside the bare index lookup alone. Targets: <= 3x bare; for no match
  and one, <= 50 ms (<= 100 ms at a million).
- **Paging**: the last page of every sort beside the first. Target: <= 2x.
- **Calibration and the funnel** (with days in stage): the service beside the
  statements it runs, replayed bare. Target: <= 1.5x. Peak memory of each, in a fresh
  process, at the largest size beside 1k. Target: <= 1.2x.

    python benchmarks/bench_large_panels.py [--sizes 10000 100000] [--million]
        [--keep DIR] [--pg URL] [--runs 7]

``--pg URL`` runs the same on PostgreSQL (a server URL whose user may create
databases; one database per size is created and kept; with ``--million``, the copy is
made there too, from the 100k one).
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
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import event, func, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from interview_kit.services import candidates, demo, insights  # noqa: E402
from interview_kit.services.candidates import (  # noqa: E402
    _SORT_COLUMNS,
    CandidateCursor,
    CandidateQuery,
    CandidateSort,
)
from interview_kit.services.database import Database, open_database  # noqa: E402
from interview_kit.storage.models import CandidateRow, CandidateSummaryRow  # noqa: E402

SEARCH_RATIO, PAGE_RATIO, FIGURE_RATIO, MEMORY_RATIO = 3.0, 2.0, 1.5, 1.2
SEARCH_MS, SEARCH_MS_AT_A_MILLION = 50.0, 100.0
"""The time limits for a word matching no candidate or one (a common word's time grows
with its matches: it is held to the ratio alone)."""


# ---------------------------------------------------------------------------------------
# Databases


def _count(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(CandidateRow)) or 0)


def demo_database(target: str, size: int) -> str:
    db = open_database(target)
    try:
        found = _count(db)
        if found != size:
            started = time.perf_counter()
            demo.load_demo(db, candidates=size, force=bool(found))
            print(f"  built the {size:,}-candidate demo in {time.perf_counter() - started:.0f} s")
    finally:
        db.close()
    return target


def million_database(target: Path, base: Path) -> str | None:
    """The 100k demo's candidates ten times over (search and paging only)."""
    import shutil
    import sqlite3

    if target.exists():
        with sqlite3.connect(target) as raw:
            if raw.execute("SELECT count(*) FROM candidates").fetchone()[0] == 1_000_000:
                return str(target)
        target.unlink()
    started = time.perf_counter()
    shutil.copyfile(base, target)
    columns = (
        "name, name_key, email, search_key, source, origin_path, role_title, status, "
        "stage_id, rubric_version_id, notes, created_at, updated_at, row_version"
    )
    with sqlite3.connect(target) as raw:
        raw.execute("PRAGMA journal_mode=WAL")
        for copy in range(1, 10):
            raw.execute(
                f"INSERT INTO candidates (uuid, {columns}) SELECT "
                f"printf('%08x-0000-4000-8000-%012x', {copy}, id), {columns} "
                "FROM candidates WHERE id <= 100000"
            )
        raw.execute(
            "INSERT INTO candidate_summaries (candidate_id, score, recommendation, level,"
            " coverage, submitted_count, committee_decision, committee_level, updated_at)"
            " SELECT c.id, s.score, s.recommendation, s.level, s.coverage, s.submitted_count,"
            " s.committee_decision, s.committee_level, s.updated_at FROM candidates c"
            " JOIN candidates o ON o.id = (c.id - 1) % 100000 + 1"
            " JOIN candidate_summaries s ON s.candidate_id = o.id WHERE c.id > 100000"
        )
        raw.execute("ANALYZE")
    print(f"  built the 1,000,000-candidate copy in {time.perf_counter() - started:.0f} s")
    return str(target)


def pg_million_database(server: str) -> str | None:
    """PostgreSQL: the 100k demo's candidates ten times over (search and paging only)."""
    from sqlalchemy import create_engine, text

    url = make_url(server)
    name, base = "ik_bench_1000000", "ik_bench_100000"
    target = url.set(database=name).render_as_string(hide_password=False)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).scalar()
            if exists:
                db = open_database(target)
                try:
                    if _count(db) == 1_000_000:
                        return target
                finally:
                    db.close()
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            started = time.perf_counter()
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{base}"'))
    finally:
        admin.dispose()
    columns = (
        "name, name_key, email, search_key, source, origin_path, role_title, status, "
        "stage_id, rubric_version_id, notes, created_at, updated_at, row_version"
    )
    engine = create_engine(target)
    try:
        with engine.begin() as connection:
            for copy in range(1, 10):
                connection.execute(
                    text(
                        f"INSERT INTO candidates (uuid, {columns}) SELECT"
                        f" lpad(to_hex({copy}), 8, '0') || '-0000-4000-8000-'"
                        f" || lpad(to_hex(id), 12, '0'), {columns}"
                        " FROM candidates WHERE id <= 100000"
                    )
                )
            connection.execute(
                text(
                    "INSERT INTO candidate_summaries (candidate_id, score, recommendation,"
                    " level, coverage, submitted_count, committee_decision, committee_level,"
                    " updated_at) SELECT c.id, s.score, s.recommendation, s.level, s.coverage,"
                    " s.submitted_count, s.committee_decision, s.committee_level, s.updated_at"
                    " FROM candidates c JOIN candidate_summaries s"
                    " ON s.candidate_id = (c.id - 1) % 100000 + 1 WHERE c.id > 100000"
                )
            )
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    finally:
        engine.dispose()
    print(f"  built the 1,000,000-candidate copy in {time.perf_counter() - started:.0f} s")
    return target


def pg_database(server: str, size: int) -> str:
    from sqlalchemy import create_engine, text

    url = make_url(server)
    name = f"ik_bench_{size}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
        ).scalar()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return demo_database(url.set(database=name).render_as_string(hide_password=False), size)


# ---------------------------------------------------------------------------------------
# Measuring


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm: a user's second keystroke, not the first read from disk
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


class Statements:
    """The statements a service call sends to the database, to replay them bare.

    On SQLite they are taken from the driver's own trace (what SQLite ran, values
    inlined), which also sees a statement run on the driver directly; on PostgreSQL from
    SQLAlchemy's cursor events.
    """

    _SKIPPED = ("BEGIN", "COMMIT", "ROLLBACK", "SET LOCAL", "--")
    """Transaction control, and SQLite's trace of an index's inner statements."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.seen: list[tuple[str, Any]] = []

    def _keep(self, statement: str, parameters: Any) -> None:
        if not statement.strip().upper().startswith(self._SKIPPED):
            self.seen.append((statement, parameters))

    def capture(self, action: Callable[[], object]) -> Statements:
        if self.db.is_sqlite:
            return self._traced(action)

        def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
            self._keep(statement, parameters)

        event.listen(self.db.engine, "before_cursor_execute", record)
        try:
            action()
        finally:
            event.remove(self.db.engine, "before_cursor_execute", record)
        return self

    def _traced(self, action: Callable[[], object]) -> Statements:
        traced: list[Any] = []

        def trace(dbapi_connection: Any, *_: Any) -> None:
            dbapi_connection.set_trace_callback(lambda sql: self._keep(sql, ()))
            traced.append(dbapi_connection)

        event.listen(self.db.engine.pool, "checkout", trace)
        try:
            action()
        finally:
            event.remove(self.db.engine.pool, "checkout", trace)
            for dbapi_connection in traced:
                dbapi_connection.set_trace_callback(None)
        return self

    def replay(self) -> None:
        raw = self.db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            for statement, parameters in self.seen:
                cursor.execute(statement, parameters)
                if cursor.description is not None:
                    cursor.fetchall()
            cursor.close()
            raw.rollback()
        finally:
            raw.close()


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER"


def line(
    label: str,
    ours: float,
    bare: float,
    target: float,
    limit_ms: float | None = None,
    versus: str = "bare",
) -> bool:
    ratio = ours / bare if bare else float("inf")
    ok = ratio <= target and (limit_ms is None or ours <= limit_ms)
    limit = f", <= {limit_ms:g} ms" if limit_ms is not None else ""
    print(
        f"  {label:<38} {ours:9.2f} ms  {versus} {bare:9.2f} ms  ratio {ratio:5.2f}x"
        f"  (target <= {target:g}x{limit}: {verdict(ok)})"
    )
    return ok


# ---------------------------------------------------------------------------------------
# The measurements


def search_words(db: Database) -> dict[str, str]:
    with db.read() as session:
        keys = list(session.scalars(select(CandidateRow.name_key).limit(5000)))
        firsts = Counter(key.split()[0] for key in keys if key)
        common = firsts.most_common(1)[0][0]
        unique = session.scalar(
            select(CandidateRow.name_key)
            .group_by(CandidateRow.name_key)
            .having(func.count() == 1)
            .order_by(CandidateRow.name_key)
            .limit(1)
            .offset(len(keys) // 3)
        )
    return {"none": "qxzvw", "one": unique or keys[0], "many": common}


def bare_index_lookup(db: Database, word: str) -> Callable[[], object]:
    from interview_kit.services.candidate_search import search_text

    key = search_text(word)
    raw = db.engine.raw_connection()
    if db.is_sqlite:
        statement, value = (
            "SELECT rowid FROM candidate_search WHERE candidate_search MATCH ?",
            f'"{key}"',
        )
    else:
        statement, value = "SELECT id FROM candidates WHERE name_key LIKE %s", f"%{key}%"

    def run() -> object:
        cursor = raw.cursor()
        cursor.execute(statement, (value,))
        found = cursor.fetchall()
        cursor.close()
        return found

    return run


def former_filter(db: Database, word: str) -> Callable[[], object]:
    """The search as it was: ``LIKE '%…%'`` on the name and e-mail key, in name order,
    and a count (for comparison only)."""
    from interview_kit.services.candidate_search import search_text
    from interview_kit.services.common import like_pattern

    pattern = like_pattern(search_text(word))
    mark = "?" if db.is_sqlite else "%s"
    page = (
        "SELECT c.id, c.name FROM candidates c LEFT JOIN candidate_summaries s"
        f" ON s.candidate_id = c.id WHERE c.search_key LIKE {mark} ESCAPE '\\'"
        " ORDER BY c.name_key, c.id LIMIT 51"
    )
    count = f"SELECT count(*) FROM candidates WHERE search_key LIKE {mark} ESCAPE '\\'"
    raw = db.engine.raw_connection()

    def run() -> object:
        cursor = raw.cursor()
        cursor.execute(page, (pattern,))
        cursor.fetchall()
        cursor.execute(count, (pattern,))
        return cursor.fetchall()

    return run


def measure_search(db: Database, runs: int) -> bool:
    ok = True
    size = _count(db)
    runs = max(runs, 51)  # a rare word's search takes a fraction of a millisecond
    for kind, word in search_words(db).items():
        query = CandidateQuery(text=word)

        def keystroke(query: CandidateQuery = query) -> object:
            return candidates.list_candidates(db, query)

        found = candidates.list_candidates(db, query).total
        ours = median_ms(keystroke, runs)
        bare = median_ms(Statements(db).capture(keystroke).replay, runs)
        lookup = median_ms(bare_index_lookup(db, word), runs)
        before = median_ms(former_filter(db, word), max(1, runs // 3))
        limit = None
        if kind != "many":
            limit = SEARCH_MS_AT_A_MILLION if size >= 1_000_000 else SEARCH_MS
        ok &= line(f"search {kind} ({word!r}, {found} found)", ours, bare, SEARCH_RATIO, limit)
        print(
            f"  {'':<38} the index lookup alone: {lookup:.2f} ms;"
            f" the former LIKE page and count, bare: {before:.2f} ms"
        )
    return ok


def cursor_before_last_page(db: Database, sort: CandidateSort) -> CandidateCursor:
    """The cursor of the 51st row from the end of the ascending list.

    Unknown values sort last either way, so the descending list is the ascending one
    reversed only for the known values.
    """
    column = _SORT_COLUMNS[sort]
    with db.read() as session:
        joined = select(CandidateRow.name_key, CandidateRow.id).outerjoin(
            CandidateSummaryRow, CandidateSummaryRow.candidate_id == CandidateRow.id
        )
        unknown = session.scalar(
            select(func.count()).select_from(joined.where(column.is_(None)).subquery())
        )
        if unknown and unknown > 50:
            name_key, row_id = session.execute(
                joined.where(column.is_(None))
                .order_by(CandidateRow.name_key.desc(), CandidateRow.id.desc())
                .offset(50)
                .limit(1)
            ).one()
            return CandidateCursor(None, name_key, row_id)
    # Known values come first in the descending list too: the last page's known rows
    # are its first 50 - unknown rows reversed, and the cursor is the row after them.
    found = candidates.list_candidates(
        db, CandidateQuery(sort=sort, descending=True, limit=51 - (unknown or 0), with_total=False)
    ).after
    assert found is not None
    return found


def measure_paging(db: Database, runs: int) -> bool:
    ok = True
    for sort in CandidateSort:
        first = CandidateQuery(sort=sort, with_total=False)
        last = CandidateQuery(sort=sort, with_total=False, after=cursor_before_last_page(db, sort))
        last_page = candidates.list_candidates(db, last)
        assert len(last_page.rows) == 50
        assert not last_page.more
        first_ms = median_ms(lambda q=first: candidates.list_candidates(db, q), runs)
        last_ms = median_ms(lambda q=last: candidates.list_candidates(db, q), runs)
        ok &= line(f"last page by {sort}", last_ms, first_ms, PAGE_RATIO, versus="first")
    return ok


FIGURES: dict[str, Callable[[Database], object]] = {
    "calibration": insights.calibration,
    "funnel and days in stage": insights.funnel,
}


def measure_figures(db: Database, runs: int) -> bool:
    ok = True
    for name, figure in FIGURES.items():
        ours = median_ms(lambda figure=figure: figure(db), runs)
        bare = median_ms(Statements(db).capture(lambda figure=figure: figure(db)).replay, runs)
        ok &= line(name, ours, bare, FIGURE_RATIO)
    return ok


def peak_memory(target: str, figure: str) -> tuple[float, float]:
    """(peak resident MB, peak Python heap MB) of one figure in a fresh process."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", figure, target],
        check=True,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    resident, heap = done.stdout.split()
    return float(resident), float(heap)


def child(figure: str, target: str) -> None:
    import tracemalloc

    db = open_database(target)
    tracemalloc.start()
    FIGURES[figure](db)
    heap = tracemalloc.get_traced_memory()[1] / 2**20
    print(f"{peak_resident_mb():.1f} {heap:.2f}")


def peak_resident_mb() -> float:
    """This process's peak resident memory. Not ``ru_maxrss``: Linux carries that over
    from the parent across fork and exec, so a child would report the benchmark's own."""
    status = Path("/proc/self/status")
    if status.exists():
        for text in status.read_text().splitlines():
            if text.startswith("VmHWM:"):
                return int(text.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_memory(small: str, large: str, size: int) -> bool:
    ok = True
    for name in FIGURES:
        small_rss, small_heap = peak_memory(small, name)
        large_rss, large_heap = peak_memory(large, name)
        ratio = large_rss / small_rss
        ok = ok and ratio <= MEMORY_RATIO
        print(
            f"  peak memory, {name:<26} {size:,}: {large_rss:6.1f} MB (Python heap"
            f" {large_heap:6.2f} MB)  1k: {small_rss:6.1f} MB (heap {small_heap:6.2f} MB)"
            f"  ratio {ratio:4.2f}x  (target <= {MEMORY_RATIO:g}x: {verdict(ok)})"
        )
    return ok


def run(label: str, target: str, runs: int, *, figures: bool = True) -> bool:
    print(f"\n{label}")
    db = open_database(target)
    try:
        ok = measure_search(db, runs)
        ok &= measure_paging(db, runs)
        if figures:
            ok &= measure_figures(db, max(3, runs // 3))
    finally:
        db.close()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--million", action="store_true", help="also 1M (search, paging)")
    parser.add_argument("--keep", type=Path, help="folder for the databases, reused")
    parser.add_argument("--pg", help="also on this PostgreSQL server")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0

    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-large-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"databases in {folder}")
    ok = True
    for size in [] if args.skip_sqlite else args.sizes:
        small = demo_database(str(folder / "demo-1000.sqlite3"), 1_000)
        target = demo_database(str(folder / f"demo-{size}.sqlite3"), size)
        ok &= run(f"SQLite, {size:,} candidates", target, args.runs)
        ok &= measure_memory(small, target, size)
    if args.million and not args.skip_sqlite:
        base = folder / f"demo-{max(args.sizes)}.sqlite3"
        if max(args.sizes) != 100_000:
            print("\n1M needs the 100k demo: add 100000 to --sizes")
        else:
            million = million_database(folder / "copies-1000000.sqlite3", base)
            if million is not None:
                ok &= run("SQLite, 1,000,000 candidates", million, args.runs, figures=False)
    if args.pg:
        pg_small = pg_database(args.pg, 1_000)
        for size in args.sizes:
            target = pg_database(args.pg, size)
            ok &= run(f"PostgreSQL, {size:,} candidates", target, args.runs)
            ok &= measure_memory(pg_small, target, size)
        if args.million:
            if 100_000 not in args.sizes:
                print("\n1M needs the 100k demo: add 100000 to --sizes")
            else:
                million = pg_million_database(args.pg)
                if million is not None:
                    label = "PostgreSQL, 1,000,000 candidates"
                    ok &= run(label, million, args.runs, figures=False)
    print("\nall targets met" if ok else "\nsome targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
