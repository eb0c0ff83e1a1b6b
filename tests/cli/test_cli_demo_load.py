"""How the demo bulk-loads: times stored as SQLAlchemy stores them, children inserted
before their submitted scorecards with the foreign keys still checked at commit, and the
same rows whichever order the database needs."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Dialect, func, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql, sqlite
from test_cli_demo import _content

from interview_kit.domain.rubric import load_rubric
from interview_kit.services import demo, workers
from interview_kit.services.database import Database, open_database
from interview_kit.services.demo import loader, rows
from interview_kit.storage import bulk
from interview_kit.storage.models import RatingRow, ScorecardRow
from interview_kit.storage.tables import NAME_LENGTH, UtcDateTime, search_key

REPO = Path(__file__).resolve().parents[2]


def _sqlalchemy_time(dialect: Dialect) -> Callable[[datetime], object]:
    """What a ``UtcDateTime`` column sends the driver, by SQLAlchemy's own conversion."""
    convert = UtcDateTime().dialect_impl(dialect).bind_processor(dialect)
    assert convert is not None
    return convert


@pytest.mark.parametrize(
    "value",
    [
        demo.BASE_TIME,
        demo.BASE_TIME + timedelta(days=1234, hours=5, minutes=55),
        datetime(2031, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
        datetime(2026, 6, 1, 0, 0, 1, 5, tzinfo=UTC),
        datetime(2026, 6, 1, 2, 30, tzinfo=timezone(timedelta(hours=2))),
        datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC),
    ],
)
def test_times_are_encoded_as_a_column_would_send_them(value: datetime) -> None:
    dialect = sqlite.dialect()
    encode = bulk.time_encoder(dialect)
    assert encode(value) == _sqlalchemy_time(dialect)(value)
    assert encode(value) == encode(value)  # the remembered value too


def test_times_remembered_are_forgotten_in_bulk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "TIMES_REMEMBERED", 3)
    dialect = sqlite.dialect()
    encode, exact = bulk.time_encoder(dialect), _sqlalchemy_time(dialect)
    values = [demo.BASE_TIME + timedelta(hours=n) for n in range(10)]
    assert [encode(value) for value in values * 2] == [exact(value) for value in values * 2]


def test_a_naive_time_is_refused_as_a_column_refuses_it() -> None:
    encode = bulk.time_encoder(sqlite.dialect())
    with pytest.raises(ValueError, match="naive datetime"):
        encode(datetime(2026, 3, 2, 9, 0))  # noqa: DTZ001 - the case under test


def test_a_server_gets_aware_times() -> None:
    encode = bulk.time_encoder(postgresql.dialect())
    value = datetime(2026, 6, 1, 2, 30, tzinfo=timezone(timedelta(hours=2)))
    assert encode(value) == value
    assert encode(value).tzinfo == UTC


def test_an_orphan_child_still_fails_the_commit(tmp_path: Path) -> None:
    """Children go in before their scorecards; a child whose scorecard never comes is
    refused at commit, and nothing of the transaction stays."""
    with open_database(tmp_path / "orphan.sqlite3") as db:

        def write_an_orphan() -> None:
            with db.write() as session:
                inserter = loader.DemoWriter(session.connection())
                inserter.insert("ratings", [(4242, "ownership", 0, 3, "No such sheet")])

        with pytest.raises(sa_exc.IntegrityError, match="FOREIGN KEY"):
            write_an_orphan()
        with db.read() as session:
            assert session.scalar(select(func.count()).select_from(RatingRow)) == 0


def test_drafts_first_stores_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The order used where foreign keys cannot wait (PostgreSQL), run on SQLite: drafts,
    their children, then one UPDATE per submitted sheet. Same database content."""
    children_first = tmp_path / "children-first.sqlite3"
    with open_database(children_first) as db:
        demo.load_demo(db, candidates=40, seed=4)
    monkeypatch.setattr(bulk, "defers_foreign_keys", lambda _dialect: False)
    drafts_first = tmp_path / "drafts-first.sqlite3"
    with open_database(drafts_first) as db:
        demo.load_demo(db, candidates=40, seed=4)
    assert _content(children_first) == _content(drafts_first)


_WRITER_BUILDS_TOO = """
import os, sys
from interview_kit.services import workers
from interview_kit.services.demo import loader
from interview_kit.services.database import open_database

assert workers.can_fork(), "a fresh process may fork"
parent, build, built_here = os.getpid(), loader._Producer.build, []

def counted(self, span):
    if os.getpid() == parent:
        built_here.append(span)
    return build(self, span)

loader._Producer.build = counted
with open_database(sys.argv[1]) as db:
    loader.load_demo(db, candidates=60, seed=4, workers=1, chunk_size=5)
print("built by the writer:", len(built_here))
"""


def test_chunks_the_writer_builds_while_it_waits_store_the_same_rows(tmp_path: Path) -> None:
    """One worker with a few chunks ahead, the writing process building the last ones
    itself whenever none is ready: the database a single process loads. (In a fresh
    process: one running the test runner's threads may not fork.)"""
    shared = tmp_path / "shared.sqlite3"
    environment = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-c", _WRITER_BUILDS_TOO, str(shared)],
        capture_output=True, text=True, env=environment, cwd=REPO, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    built = int(result.stdout.split("built by the writer:")[1])
    assert 0 < built < 12, "the worker built some of the twelve chunks, the writer others"
    sequential = tmp_path / "sequential.sqlite3"
    with open_database(sequential) as db:
        demo.load_demo(db, candidates=60, seed=4, workers=0)
    assert _content(shared) == _content(sequential)


def test_submitted_sheets_are_stored_submitted_and_stay_immutable(tmp_path: Path) -> None:
    path = tmp_path / "panel.sqlite3"
    with open_database(path) as db:
        demo.load_demo(db, candidates=20, seed=2)
        with db.read() as session:
            statuses = dict(
                session.execute(
                    select(ScorecardRow.status, func.count()).group_by(ScorecardRow.status)
                ).all()
            )
            submitted = session.scalar(
                select(ScorecardRow.id).where(ScorecardRow.status == "submitted").limit(1)
            )
    assert statuses["submitted"] > statuses.get("draft", 0) > 0
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            connection.execute(
                "INSERT INTO scorecard_ratings VALUES (?, 'late', 99, 2, 'after the fact')",
                (submitted,),
            )
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            connection.execute(
                "UPDATE scorecards SET summary = 'changed' WHERE id = ?", (submitted,)
            )
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("name", "email"),
    [
        ("Łukasz Nowak", "lukasz.nowak.17@candidates.example.com"),
        ("Ελένη Παπαδάκη", "Eleni.Papadaki@Example.COM"),
        ("Olúwásẹ̀un Nguyễn", "  oluwaseun.nguyen@candidates.example.com "),
        ("  Søren O'Brien ", "soren@example.com"),
        ("Юлия ΣΊΣΥΦΟΣ", "yulia@example.com"),
        ("Zoë", "zoë@exämple.com"),
        ("   ", "blank.name@example.com"),
        ("Mei Tanaka", ""),
        ("\u0301", "starts.with.a.mark@example.com"),
    ],
)
def test_search_keys_are_the_candidate_services(name: str, email: str) -> None:
    folded: dict[str, str] = {}
    for _ in range(2):  # folding afresh and remembered
        # The search key is the folded name alone: no e-mail in it (see candidates._set_keys).
        assert rows.search_keys(name, folded) == (
            search_key(name)[:NAME_LENGTH],
            search_key(name),
        )
        assert "@" not in rows.search_keys(name, folded)[1]


def test_search_keys_of_a_whole_plan(builder_rubric_path: Path) -> None:
    plan = demo.build_plan(load_rubric(builder_rubric_path), seed=9, candidates=400)
    folded: dict[str, str] = {}
    for person in plan.candidates:
        assert rows.search_keys(person.name, folded) == (
            search_key(person.name)[:NAME_LENGTH],
            search_key(person.name),
        )


def test_a_worker_stops_once_the_writer_is_gone() -> None:
    """A closed pipe fails the send; the next chunk raises instead of waiting forever."""
    receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
    receiver.close()
    outbox = workers._Outbox(sender, ahead=1)
    outbox.put(("first", "x" * 200_000))
    outbox.thread.join(timeout=0.01)
    with pytest.raises(OSError):  # noqa: PT012 - the failure may surface on either put
        for _ in range(5):
            outbox.put(("next", "y" * 200_000))
            time.sleep(0.05)
    outbox.close()
    assert not outbox.thread.is_alive()
    sender.close()


_FAILING_WORKER = """
import logging, os, sys
from interview_kit.services.demo import loader
from interview_kit.services.database import open_database

logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
parent, build, chunk = os.getpid(), loader.build_chunk, int(sys.argv[3])

def build_or_fail(*args, **kwargs):
    if os.getpid() != parent and args[3][0] == chunk * 2:
        raise RuntimeError("lost the chunk")
    return build(*args, **kwargs)

loader.build_chunk = build_or_fail
with open_database(sys.argv[1]) as db:
    result = loader.load_demo(
        db, candidates=int(sys.argv[2]), seed=3, workers=2, chunk_size=chunk
    )
    print(result.summary)
"""


@pytest.mark.slow
def test_chunks_a_failed_worker_left_are_built_by_the_writer(tmp_path: Path) -> None:
    """One worker fails on its second chunk: what it sent is kept, the rest is built by
    the writing process, and the database is the one a single process loads."""
    chunk = 20
    size = chunk * 5
    parallel = tmp_path / "parallel.sqlite3"
    environment = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-c", _FAILING_WORKER, str(parallel), str(size), str(chunk)],
        capture_output=True, text=True, env=environment, cwd=REPO, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "a demo worker failed: RuntimeError: lost the chunk" in result.stderr
    assert result.stdout.startswith(f"{size} candidates")

    sequential = tmp_path / "sequential.sqlite3"
    with open_database(sequential) as db:
        demo.load_demo(db, candidates=size, seed=3, workers=0)
    assert _content(parallel) == _content(sequential)


_CARDS_OF = (
    "SELECT scorecards.id FROM scorecards"
    " JOIN candidates ON candidates.id = scorecards.candidate_id"
    " WHERE candidates.id = {candidate} AND scorecards.status = 'submitted'"
)
"""One candidate's submitted scorecards, as the app reads them."""


def _plan(path: Path) -> str:
    with sqlite3.connect(path) as raw:
        found = raw.execute("EXPLAIN QUERY PLAN " + _CARDS_OF.format(candidate=1))
        return " ".join(str(row[3]) for row in found)


def _grown_without_statistics(path: Path, candidates: int) -> Database:
    """A demo database whose statistics are gone (as one filled in the app has none),
    opened, with each candidate's scorecards read once."""
    with open_database(path) as db:
        demo.load_demo(db, candidates=candidates, seed=3, workers=0)
    with sqlite3.connect(path) as raw:
        raw.execute("DROP TABLE sqlite_stat1")
    assert "ix_scorecards_status" in _plan(path)  # the guess a database without them makes
    db = open_database(path)
    with db.read() as session:
        for candidate in range(1, candidates + 1):
            session.connection().exec_driver_sql(_CARDS_OF.format(candidate=candidate)).all()
    return db


def test_a_demo_leaves_the_planner_its_statistics(tmp_path: Path) -> None:
    """Without statistics SQLite read one candidate's scorecards through the status
    index, i.e. every submitted scorecard; after a load it knows better."""
    path = tmp_path / "demo.sqlite3"
    with open_database(path) as db:
        demo.load_demo(db, candidates=40, seed=3, workers=0)
    with sqlite3.connect(path) as raw:
        analyzed = {row[0] for row in raw.execute("SELECT tbl FROM sqlite_stat1")}
    assert {"candidates", "scorecards", "scorecard_ratings"} <= analyzed
    assert "candidate_id=?" in _plan(path)
    assert "ix_scorecards_status" not in _plan(path)


def test_a_database_grown_in_the_app_gets_statistics_when_it_closes(tmp_path: Path) -> None:
    """A database filled bit by bit never runs a bulk load's ANALYZE: closing a
    connection that queried its tables leaves the statistics behind."""
    path = tmp_path / "grown.sqlite3"
    _grown_without_statistics(path, 40).close()
    assert "candidate_id=?" in _plan(path)


def test_closing_never_waits_for_another_writer(tmp_path: Path) -> None:
    """The statistics at close are skipped, not waited for, while another process
    holds the write lock (a writer's busy timeout is 30 s)."""
    import threading

    path = tmp_path / "busy.sqlite3"
    db = _grown_without_statistics(path, 20)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    closing = threading.Thread(target=db.close)
    try:
        closing.start()
        closing.join(timeout=10)
        assert not closing.is_alive(), "closing waited for the other writer"
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        closing.join()
