"""The journal of unsaved edits: kept durably, replaced per draft, read back exactly,
and never thrown away when it cannot be used."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from interview_kit.domain.scorecard import CriterionRating, Vote
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.gui.stage_walk.journal import (
    FORMAT,
    DraftKey,
    Journal,
    JournalEntry,
    journal_path,
)
from interview_kit.services.database import Database, open_database

KEY = DraftKey("cand-1", "initial_screen", "int-1")
OTHER = DraftKey("cand-2", "initial_screen", "int-1")
CHANGES = ScorecardChanges(
    ratings={"ownership": CriterionRating("ownership", 4, "shipped it — 👩🏽‍💻")},
    exercise_notes={"warmup": "עברית <b>not bold</b>"},
    vote=Vote.YES,
    summary="",
    private_notes="mine",
)


def entry(key: DraftKey = KEY, changes: ScorecardChanges = CHANGES) -> JournalEntry:
    return JournalEntry(key, changes, datetime(2026, 12, 3, 1, 2, tzinfo=UTC), "Siobhán")


def test_entries_are_kept_replaced_and_forgotten(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "db.sqlite3.unsaved-edits.json")
    journal.keep(entry())
    journal.keep(entry(OTHER, ScorecardChanges(summary="other")))
    assert journal.wait_written()
    data = json.loads(journal.path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT
    assert [e.key for e in journal.entries()] == [KEY, OTHER]
    assert journal.get(KEY) == entry()  # every kind of change survives the round trip

    journal.keep(entry(KEY, ScorecardChanges(summary="newer")))
    assert journal.wait_written()
    assert journal.get(KEY).changes == ScorecardChanges(summary="newer")
    journal.forget(KEY)
    journal.forget(OTHER)
    assert journal.wait_written()
    assert not journal.path.exists()  # nothing left: no file


def test_an_unreadable_journal_is_set_aside_not_deleted(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3.unsaved-edits.json"
    path.write_text("{ half written", encoding="utf-8")
    assert Journal(path).entries() == []
    assert (tmp_path / "db.sqlite3.unsaved-edits.json.unreadable").read_text(
        encoding="utf-8"
    ) == "{ half written"


def test_an_entry_that_cannot_be_stored_is_kept_in_a_file_of_its_own(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "db.sqlite3.unsaved-edits.json")
    journal.keep(entry())
    assert journal.wait_written()
    aside = journal.set_aside(journal.entries()[0], "submitted meanwhile")
    assert journal.entries() == []
    kept = json.loads(aside.read_text(encoding="utf-8"))
    assert kept["reason"] == "submitted meanwhile"
    assert kept["entries"][0]["changes"]["exercise_notes"] == {"warmup": "עברית <b>not bold</b>"}


def test_the_journal_lives_beside_a_sqlite_file_and_in_the_data_folder_for_a_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(tmp_path / "panel.sqlite3")
    try:
        assert journal_path(db) == tmp_path / "panel.sqlite3.unsaved-edits.json"
    finally:
        db.close()

    monkeypatch.setenv("INTERVIEW_KIT_DATA_DIR", str(tmp_path / "data"))
    # A server database (not connected: where its journal goes needs only its URL).
    server = Database(create_engine("postgresql+psycopg://kim:secret@db.example.com/panel"))
    same_login_new_password = Database(
        create_engine("postgresql+psycopg://kim:changed@db.example.com/panel")
    )
    try:
        found = journal_path(server)
        assert found.parent == tmp_path / "data" / "unsaved-edits"
        assert found.suffix == ".json"
        assert "kim" not in found.name
        assert journal_path(same_login_new_password) == found  # the password plays no part
    finally:
        server.close()
        same_login_new_password.close()
