"""What row-level security costs: the same reads on a person's own login and on the owner's.

Target (issue 12): pipeline open, the committee's panel review and the interviewer's
candidate search at 10k candidates on a restricted login <= 1.5x the same on the owner
login, measured side by side. The database is the demo's (``--candidates`` fully
interviewed candidates) on a PostgreSQL server, provisioned, with a recruiter, a
committee member and the busiest demo interviewer given logins of their own. Each
reading goes through the service the app uses; medians over ``--repeat`` runs.

    python benchmarks/bench_roles.py [--server URL] [--candidates 10000] [--repeat 20]
                                     [--keep NAME]

``--server`` is a login that may create databases and roles (default:
``INTERVIEW_KIT_TEST_PG_URL``). ``--keep NAME`` keeps (and reuses) the database NAME.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import URL, create_engine, make_url, text  # noqa: E402

from interview_kit.domain.candidate import PipelineStatus  # noqa: E402
from interview_kit.services import candidates, demo, panel_review, people  # noqa: E402
from interview_kit.services.candidates import CandidateQuery  # noqa: E402
from interview_kit.services.database import Database, open_database  # noqa: E402
from interview_kit.storage.roles import TABLES, drop_database_roles  # noqa: E402

RATIO_TARGET = 1.5


def side_by_side(
    first: Callable[[], object], second: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median milliseconds of each, run in turns so both meet the same machine load."""
    first()  # warm the caches as a user's second look would
    second()
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for action, found in ((first, samples[0]), (second, samples[1])):
            started = time.perf_counter()
            action()
            found.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples[0]), statistics.median(samples[1])


def admin(server: URL, statement: str) -> None:
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def prepare(server: URL, name: str, size: int) -> tuple[Database, dict[str, str]]:
    """The demo database with its people; returns the owner's and each login's URL."""
    engine = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).scalar()
    finally:
        engine.dispose()
    if not exists:
        admin(server, f'CREATE DATABASE "{name}"')
    url = server.set(database=name).render_as_string(hide_password=False)
    db = open_database(url, actor="Owner")
    total = candidates.list_candidates(db, CandidateQuery(limit=1)).total
    if total != size:
        started = time.perf_counter()
        demo.load_demo(db, candidates=size, force=bool(total))
        print(f"built a {size}-candidate demo database in {time.perf_counter() - started:.1f} s")
    people.provision(db)
    with db.engine.begin() as connection:
        # Planner statistics, as autovacuum keeps them on a live server (a throwaway test
        # server may run without it).
        for table in TABLES:
            connection.execute(text(f"ANALYZE {table}"))
    with db.engine.connect() as connection:
        busiest = connection.execute(
            text(
                "SELECT i.name, i.email FROM interviewers i JOIN assignments a"
                " ON a.interviewer_id = i.id WHERE i.login IS NULL"
                " GROUP BY i.id ORDER BY count(*) DESC LIMIT 1"
            )
        ).one_or_none()
    logins: dict[str, str] = {}
    existing = {p.role.value: p for p in people.people(db) if p.role and p.can_sign_in}
    for role, name_email in (
        ("recruiter", ("Bench Recruiter", "")),
        ("committee", ("Bench Committee", "")),
        ("interviewer", tuple(busiest) if busiest else ("Bench Interviewer", "")),
    ):
        if role in existing:  # a kept database: the password was shown once
            logins[role] = people.new_password(db, existing[role].login).url
        else:
            logins[role] = people.add_person(db, name_email[0], email=name_email[1], role=role).url
    return db, logins


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=os.environ.get("INTERVIEW_KIT_TEST_PG_URL", ""))
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", default="")
    args = parser.parse_args()
    if not args.server:
        parser.error("give --server (or set INTERVIEW_KIT_TEST_PG_URL)")
    server = make_url(args.server)
    name = args.keep or f"ik_bench_roles_{os.getpid()}"
    owner, urls = prepare(server, name, args.candidates)
    restricted = {role: open_database(url, actor=role) for role, url in urls.items()}
    ok = True
    try:
        committee_uuid = (
            candidates.list_candidates(
                owner, CandidateQuery(statuses=(PipelineStatus.COMMITTEE,), limit=1)
            )
            .rows[0]
            .uuid
        )
        interviewer = people.signed_in_interviewer(restricted["interviewer"])
        some = candidates.list_candidates(restricted["interviewer"], CandidateQuery(limit=1)).rows
        word = some[0].name.split()[-1][:4] if some else "a"
        viewer = interviewer.uuid if interviewer else None

        def pipeline(db: Database) -> Callable[[], object]:
            return lambda: (
                candidates.pipeline_counts(db),
                candidates.list_candidates(db, CandidateQuery(limit=200)),
            )

        def review(db: Database) -> Callable[[], object]:
            return lambda: panel_review.panel_review(db, committee_uuid)

        def search(db: Database) -> Callable[[], object]:
            return lambda: candidates.list_candidates(
                db, CandidateQuery(text=word, limit=50), viewer=viewer
            )

        for label, make, role in (
            ("pipeline open (counts + 200 rows)", pipeline, "recruiter"),
            ("pipeline open, interviewer's own", pipeline, "interviewer"),
            ("committee panel review", review, "committee"),
            (f"interviewer's candidate search {word!r}", search, "interviewer"),
        ):
            as_owner, as_role = side_by_side(make(owner), make(restricted[role]), args.repeat)
            ratio = as_role / as_owner if as_owner else float("inf")
            verdict = "ok" if ratio <= RATIO_TARGET else "OVER TARGET"
            ok &= ratio <= RATIO_TARGET
            print(
                f"{label:44} owner {as_owner:8.2f} ms  {role:11} {as_role:8.2f} ms"
                f"  x{ratio:4.2f} (target <= {RATIO_TARGET}: {verdict})"
            )
    finally:
        for db in restricted.values():
            db.close()
        owner.close()
        if not args.keep:
            admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            engine = create_engine(server, isolation_level="AUTOCOMMIT")
            try:
                with engine.connect() as connection:
                    drop_database_roles(connection, name)
            finally:
                engine.dispose()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
