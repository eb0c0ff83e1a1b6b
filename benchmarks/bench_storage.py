"""Storage benchmark: bulk-load a panel archive, then time what the screens ask for.

    python benchmarks/bench_storage.py [--candidates 10000] [--db PATH]

Creates N candidates with 3 stages x 3 interviewers of submitted scorecards using core
bulk inserts (executemany), computes the cached summaries, then prints the time of a
50-row candidate list page with scores (sorted by name, by score, deep into the list),
name/e-mail filters, a draft save, a candidate's effective scorecards and a re-open.
Targets (issue 2): list page <= 5 ms, name filter <= 20 ms at 10k candidates.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert

from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.scorecard import Vote
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.services import candidates, rubrics, scorecard_reads, scorecards, summaries
from interview_kit.services.candidates import CandidateQuery, CandidateSort
from interview_kit.services.database import Database, open_database
from interview_kit.storage.models import (
    CandidateRow,
    CandidateSummaryRow,
    InterviewerRow,
    ObservationRow,
    RatingRow,
    ScorecardRow,
)
from interview_kit.storage.tables import search_key

FIRST = [
    "Ada",
    "Bo",
    "Chen",
    "Dara",
    "Émile",
    "Farah",
    "Gus",
    "Hana",
    "Ines",
    "Jon",
    "Kofi",
    "Lena",
    "Mateo",
    "Nia",
    "Oskar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Vik",
    "Wen",
    "Xavi",
    "Yara",
    "Zoë",
]
LAST = [
    "Abara",
    "Brandt",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Újvári",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhang",
]
SOURCES = ["founder", "senior_engineer", "technical_pm", "other"]
STATUSES = [
    "new",
    "screening",
    "deep_dive",
    "product",
    "committee",
    "offer",
    "hired",
    "rejected",
    "withdrawn",
]


def bulk_load(db: Database, count: int, seed: int = 1) -> dict[str, float]:
    rng = random.Random(seed)
    loaded = rubrics.active_rubric(db)
    rubric = loaded.rubric
    with db.read() as session:
        from sqlalchemy import select

        from interview_kit.storage.models import RubricVersionRow

        version_id = session.scalars(
            select(RubricVersionRow.id).where(
                RubricVersionRow.content_hash == loaded.info.content_hash
            )
        ).one()
    started = time.perf_counter()
    now = datetime(2026, 3, 1, tzinfo=UTC)
    interviewer_rows = []
    for index in range(12):
        name = f"{FIRST[index]} Interviewer"
        interviewer_rows.append(
            {
                "id": index + 1,
                "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "name": name,
                "name_key": search_key(name),
                "email": f"interviewer{index}@example.org",
                "role_title": "Staff Builder",
                "created_at": now,
                "updated_at": now,
                "row_version": 1,
            }
        )
    candidate_rows: list[dict[str, Any]] = []
    scorecard_rows: list[dict[str, Any]] = []
    rating_rows: list[dict[str, Any]] = []
    observation_rows: list[dict[str, Any]] = []
    card_id = 0
    signals = [s.id for s in rubric.signals]
    levels = [lv.id for lv in rubric.levels]
    for index in range(1, count + 1):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {index}"
        email = f"candidate{index}@example.org"
        created = now + timedelta(minutes=index)
        candidate_rows.append(
            {
                "id": index,
                "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "name": name,
                "name_key": search_key(name),
                "email": email,
                "search_key": search_key(name, email),
                "source": rng.choice(SOURCES),
                "origin_path": rng.choice(["pm", "engineer"]),
                "role_title": "Builder",
                "status": rng.choice(STATUSES),
                "stage_id": None,
                "rubric_version_id": version_id,
                "notes": "",
                "created_at": created,
                "updated_at": created,
                "row_version": 1,
            }
        )
        strength = rng.uniform(1.6, 3.9)
        panel = rng.sample(range(1, 13), 9)
        for stage_index, stage in enumerate(rubric.stages):
            for seat in range(3):
                card_id += 1
                submitted = created + timedelta(days=stage_index + 1, hours=seat)
                scorecard_rows.append(
                    {
                        "id": card_id,
                        "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                        "candidate_id": index,
                        "stage_id": stage.id,
                        "interviewer_id": panel[stage_index * 3 + seat],
                        "rubric_version_id": version_id,
                        "status": "draft",
                        "level_evidence": rng.choice(levels),
                        "vote": rng.choice(list(Vote)).value,
                        "summary": "Clear ownership of a shipped product.",
                        "private_notes": "",
                        "created_at": submitted,
                        "updated_at": submitted,
                        "submitted_at": None,
                    }
                )
                for position, criterion in enumerate(stage.criteria):
                    rating = max(1, min(4, round(rng.gauss(strength, 0.6))))
                    rating_rows.append(
                        {
                            "scorecard_id": card_id,
                            "criterion_id": criterion.id,
                            "position": position,
                            "rating": rating,
                            "evidence": "Walked through the trade-off in customer terms.",
                        }
                    )
                observation_rows.append(
                    {
                        "scorecard_id": card_id,
                        "kind": "signal",
                        "item_id": rng.choice(signals),
                        "position": 0,
                        "evidence": "Asked about activation before architecture.",
                    }
                )
    built = time.perf_counter()
    with db.write() as session:
        # Core inserts on the tables: one executemany each, no ORM bookkeeping.
        for model, rows in (
            (InterviewerRow, interviewer_rows),
            (CandidateRow, candidate_rows),
            (ScorecardRow, scorecard_rows),
            (RatingRow, rating_rows),
            (ObservationRow, observation_rows),
        ):
            t = time.perf_counter()
            session.execute(model.__table__.insert(), rows)
            print(f"  {model.__tablename__}: {len(rows)} rows {time.perf_counter() - t:.2f} s")
        # Children first, then submit: the database refuses children of a submitted card.
        from sqlalchemy import update

        session.execute(
            update(ScorecardRow).values(status="submitted", submitted_at=ScorecardRow.updated_at)
        )
        session.execute(
            insert(CandidateSummaryRow),
            [
                {"candidate_id": row["id"], "submitted_count": 0, "updated_at": now}
                for row in candidate_rows
            ],
        )
    inserted = time.perf_counter()
    summaries.refresh_all(db)
    summarised = time.perf_counter()
    return {
        "build rows in Python": built - started,
        f"bulk insert ({count} candidates, {len(scorecard_rows)} scorecards, "
        f"{len(rating_rows)} ratings)": inserted - built,
        "compute cached summaries (engine, all candidates)": summarised - inserted,
    }


def timed(action: Callable[[], object], repeat: int = 30) -> tuple[float, float]:
    action()  # warm caches and statements
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, max(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    path = args.db or Path(folder.name) / "bench.sqlite3"
    if path.exists():
        sys.exit(f"{path} exists; give a new file")

    start = time.perf_counter()
    db = open_database(path, actor="bench")
    print(f"create + migrate an empty database: {(time.perf_counter() - start) * 1000:.1f} ms")
    rubrics.ensure_default_rubric(db)
    for label, seconds in bulk_load(db, args.candidates).items():
        print(f"{label}: {seconds:.2f} s")
    db.close()

    start = time.perf_counter()
    db = open_database(path, actor="bench")
    print(f"re-open an up-to-date database: {(time.perf_counter() - start) * 1000:.1f} ms")

    checks: list[tuple[str, Callable[[], object]]] = [
        ("list page 1, by name, 50 rows + total", lambda: candidates.list_candidates(db)),
        (
            "list page 1, by name, 50 rows, no total",
            lambda: candidates.list_candidates(db, CandidateQuery(with_total=False)),
        ),
        (
            "list page 1, by score desc",
            lambda: candidates.list_candidates(
                db, CandidateQuery(sort=CandidateSort.SCORE, descending=True)
            ),
        ),
        (
            "list page 100 (offset 4950), by name",
            lambda: candidates.list_candidates(db, CandidateQuery(offset=4950)),
        ),
        (
            "list page 1, by status",
            lambda: candidates.list_candidates(db, CandidateQuery(sort=CandidateSort.STATUS)),
        ),
        (
            "filter status=screening, by updated",
            lambda: candidates.list_candidates(
                db,
                CandidateQuery(statuses=[PipelineStatus.SCREENING], sort=CandidateSort.UPDATED),
            ),
        ),
        (
            "name filter 'ann' (common)",
            lambda: candidates.list_candidates(db, CandidateQuery(text="ann")),
        ),
        (
            "name filter 'zoe' (accent-insensitive)",
            lambda: candidates.list_candidates(db, CandidateQuery(text="zoe")),
        ),
        (
            "name filter 'candidate9999@' (rare)",
            lambda: candidates.list_candidates(db, CandidateQuery(text="candidate9999@")),
        ),
        (
            "name filter, one keystroke, no total",
            lambda: candidates.list_candidates(db, CandidateQuery(text="ko", with_total=False)),
        ),
    ]
    print(f"\n{'query':<48} {'median':>9} {'max':>9}")
    for label, action in checks:
        median, worst = timed(action)
        print(f"{label:<48} {median:7.2f} ms {worst:7.2f} ms")

    some = candidates.list_candidates(db, CandidateQuery(limit=1)).rows[0]
    median, worst = timed(lambda: scorecard_reads.effective_scorecards(db, some.uuid))
    print(
        f"{'effective scorecards of one candidate (9 cards)':<48} {median:7.2f} ms {worst:7.2f} ms"
    )
    rubric = rubrics.active_rubric(db).rubric
    stage = rubric.stages[0]
    me = scorecards.start_scorecard(db, some.uuid, stage.id, _new_interviewer(db))
    counter = iter(range(10_000))
    median, worst = timed(
        lambda: scorecards.save_draft(
            db, me.uuid, ScorecardChanges(summary=f"typing {next(counter)}")
        )
    )
    print(f"{'save_draft (durable, fsync)':<48} {median:7.2f} ms {worst:7.2f} ms")
    db.close()
    folder.cleanup()


def _new_interviewer(db: Database) -> str:
    from interview_kit.services import interviewers

    return interviewers.add_interviewer(db, name="Bench Interviewer").uuid


if __name__ == "__main__":
    main()
