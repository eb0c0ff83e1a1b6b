"""Units of work on SQLite: pragmas, BEGIN IMMEDIATE, two real processes, DB guards."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from interview_kit.storage import open_database
from interview_kit.storage.database import Database
from interview_kit.storage.models import AuditRow, CandidateRow, CandidateSummaryRow
from interview_kit.storage.tables import search_key, utc_now

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def database(tmp_path: Path) -> Database:
    db = open_database(tmp_path / "uow.sqlite3")
    yield db  # type: ignore[misc]
    db.close()


def _add_candidate(db: Database, name: str = "Pat") -> int:
    with db.write() as session:
        row = CandidateRow(
            uuid="22222222-2222-4222-8222-222222222222",
            name=name,
            name_key=search_key(name),
            search_key=search_key(name),
            source="other",
            origin_path="engineer",
            status="new",
        )
        session.add(row)
        session.flush()
        session.add(CandidateSummaryRow(candidate_id=row.id, submitted_count=0))
        return row.id


def test_connections_use_wal_foreign_keys_and_a_busy_timeout(database: Database) -> None:
    with database.read() as session:
        pragma = {
            name: session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }
    assert pragma["journal_mode"] == "wal"
    assert pragma["foreign_keys"] == 1
    assert pragma["busy_timeout"] >= 5000
    assert pragma["synchronous"] == 2  # FULL


def test_a_write_unit_holds_the_write_lock_from_its_start(database: Database) -> None:
    assert database.path is not None
    other = sqlite3.connect(database.path, timeout=0, isolation_level=None)
    try:
        with database.write() as session:
            session.execute(text("SELECT 1"))  # nothing written yet, but the lock is taken
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_read_unit_never_blocks_a_writer(database: Database) -> None:
    _add_candidate(database)
    with database.read() as session:
        assert session.scalars(select(CandidateRow.name)).one() == "Pat"
        with database.write() as writer:
            writer.scalars(select(CandidateRow)).one().notes = "written during a read"
        # The reader keeps its snapshot.
        assert session.scalars(select(CandidateRow.notes)).one() == ""
    with database.read() as session:
        assert session.scalars(select(CandidateRow.notes)).one() == "written during a read"


def test_a_failed_write_unit_is_rolled_back(database: Database) -> None:
    _add_candidate(database)

    def half_done() -> None:
        with database.write() as session:
            session.scalars(select(CandidateRow)).one().notes = "half done"
            session.flush()
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        half_done()
    with database.read() as session:
        assert session.scalars(select(CandidateRow.notes)).one() == ""


_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from sqlalchemy import select
    from interview_kit.storage import open_database
    from interview_kit.storage.models import CandidateRow, CandidateSummaryRow

    path, tag, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    db = open_database(path)
    while not go.exists():
        time.sleep(0.005)
    for i in range(count):
        with db.write() as session:
            candidate = session.scalars(select(CandidateRow)).one()
            summary = session.get(CandidateSummaryRow, candidate.id)
            counter = summary.submitted_count
            notes = candidate.notes
            time.sleep(0.001)  # widen the window between read and write
            summary.submitted_count = counter + 1
            candidate.notes = notes + f"{tag}{i};"
    db.close()
    """
)


@pytest.mark.slow
def test_two_processes_never_lose_an_update(database: Database, tmp_path: Path) -> None:
    """Read-modify-write from two processes at once: every increment and append lands."""
    candidate_id = _add_candidate(database)
    assert database.path is not None
    go = tmp_path / "go"
    count = 40
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(database.path), tag, str(count), str(go)],
            cwd=REPO,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    time.sleep(0.3)
    go.touch()
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    with database.read() as session:
        candidate = session.get_one(CandidateRow, candidate_id)
        summary = session.get_one(CandidateSummaryRow, candidate_id)
        tokens = [token for token in candidate.notes.split(";") if token]
        assert summary.submitted_count == 2 * count
        assert sorted(tokens) == sorted(f"{tag}{i}" for tag in "ab" for i in range(count))
        assert candidate.row_version == 1 + 2 * count


def test_the_audit_log_refuses_updates_and_deletes(database: Database) -> None:
    with database.write() as session:
        session.add(AuditRow(at=utc_now(), actor="me", action="x", subject_type="y", detail=""))
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"), database.write() as session:
            session.execute(text(statement))
    with database.read() as session:
        assert session.scalars(select(AuditRow.actor)).all() == ["me"]


def test_ratings_outside_one_to_four_are_refused_by_the_database(database: Database) -> None:
    assert database.path is not None
    raw = sqlite3.connect(database.path)
    try:
        raw.execute("PRAGMA foreign_keys=OFF")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            raw.execute(
                "INSERT INTO scorecard_ratings (scorecard_id, criterion_id, position, rating, "
                "evidence) VALUES (1, 'c', 0, 5, '')"
            )
    finally:
        raw.close()
