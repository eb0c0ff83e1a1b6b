"""Backups: consistent copies of a database in use, never half a file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from interview_kit.services import audit, candidates
from interview_kit.services.database import backup, open_database
from interview_kit.services.errors import ConflictError, InvalidInputError
from interview_kit.storage.backup import backup_sqlite
from interview_kit.storage.models import CandidateRow


def test_a_backup_is_a_complete_standalone_database(tmp_path: Path) -> None:
    with open_database(tmp_path / "live.sqlite3") as db:
        for index in range(25):
            candidates.add_candidate(db, name=f"Candidate {index}")
        out = backup(db, tmp_path / "copies" / "copy.sqlite3")
        assert out.exists()
        assert not list(out.parent.glob(".*partial"))
        assert audit.audit_entries(db, limit=1)[0].action == "database.backup"
    with sqlite3.connect(out) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert raw.execute("SELECT count(*) FROM candidates").fetchone() == (25,)
    raw.close()
    with open_database(out) as copy:
        assert candidates.list_candidates(copy).total == 25


def test_a_backup_taken_during_an_open_write_holds_only_committed_data(tmp_path: Path) -> None:
    with open_database(tmp_path / "live.sqlite3") as db:
        candidates.add_candidate(db, name="Committed")
        reader = open_database(tmp_path / "live.sqlite3")
        try:
            with db.write() as session:
                session.scalars(select(CandidateRow)).one().notes = "not yet committed"
                session.flush()
                out = backup_sqlite(reader.engine, tmp_path / "during.sqlite3")
        finally:
            reader.close()
    with sqlite3.connect(out) as raw:
        assert raw.execute("SELECT name, notes FROM candidates").fetchall() == [("Committed", "")]
    raw.close()


def test_a_backup_never_overwrites_unless_asked(tmp_path: Path) -> None:
    existing = tmp_path / "precious.sqlite3"
    existing.write_bytes(b"keep me")
    with open_database(tmp_path / "live.sqlite3") as db:
        with pytest.raises(ConflictError, match="already exists"):
            backup(db, existing)
        assert existing.read_bytes() == b"keep me"
        backup(db, existing, overwrite=True)
    assert existing.read_bytes().startswith(b"SQLite format 3")


def test_a_backup_into_an_unwritable_place_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with (
        open_database(tmp_path / "live.sqlite3") as db,
        pytest.raises(InvalidInputError, match="cannot write"),
    ):
        backup(db, blocker / "copy.sqlite3")
