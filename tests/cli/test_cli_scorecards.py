"""``interview-kit scorecard import|export`` and ``backup``."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from cli_support import Run

from interview_kit.cli import ExitCode


def _count(path: Path, sql: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute(sql).fetchone()[0])
    finally:
        connection.close()


def test_export_all_and_one_candidate(run: Run, demo_db: Path, tmp_path: Path) -> None:
    everything = tmp_path / "all.json"
    result = run("scorecard", "export", "--out", str(everything))
    assert result.code == ExitCode.OK, result.err
    submitted = _count(demo_db, "SELECT count(*) FROM scorecards WHERE status = 'submitted'")
    assert result.out.strip() == f"Wrote {submitted} submitted scorecards to {everything}"
    document = json.loads(everything.read_text(encoding="utf-8"))
    assert len(document["scorecards"]) == submitted
    assert "private_notes" not in json.dumps(document)

    zoe = json.loads(run("scorecard", "export", "--candidate", "Zoë", "--out", "-").out)
    assert zoe["scorecards"]
    assert {card["candidate_uuid"] for card in zoe["scorecards"]} == {
        json.loads(run("candidate", "show", "Zoë", "--json").out)["uuid"]
    }
    amended = [card for card in zoe["scorecards"] if card.get("amendments")]
    assert len(amended) == 1


def test_export_refusals(run: Run, demo_db: Path, tmp_path: Path) -> None:
    existing = tmp_path / "exists.json"
    existing.write_text("{}", encoding="utf-8")
    refused = run("scorecard", "export", "--out", str(existing))
    assert refused.code == ExitCode.CONFLICT
    assert existing.read_text(encoding="utf-8") == "{}"
    assert run("scorecard", "export", "--out", str(existing), "--force").code == ExitCode.OK
    unknown = run("scorecard", "export", "--candidate", "Nobody Atall", "--out", "-")
    assert unknown.code == ExitCode.NOT_FOUND
    ambiguous = run("scorecard", "export", "--candidate", "an", "--out", "-")
    assert ambiguous.code == ExitCode.CONFLICT


def test_import_is_idempotent(run: Run, demo_db: Path, tmp_path: Path) -> None:
    exported = tmp_path / "cards.json"
    run("scorecard", "export", "--out", str(exported))
    before = _count(demo_db, "SELECT count(*) FROM scorecard_amendments")
    result = run("scorecard", "import", str(exported))
    assert result.code == ExitCode.OK, result.err
    assert "nothing new" in result.out
    assert _count(demo_db, "SELECT count(*) FROM scorecard_amendments") == before


def test_import_into_another_database(run: Run, demo_db: Path, tmp_path: Path) -> None:
    """A copy of the panel without one candidate's scorecards gets them back."""
    exported = tmp_path / "cards.json"
    run("scorecard", "export", "--candidate", "Łukasz", "--out", str(exported))
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(demo_db, other)
    connection = sqlite3.connect(other)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        candidate_id = connection.execute(
            "SELECT id FROM candidates WHERE name = 'Łukasz Kowalczyk'"
        ).fetchone()[0]
        # Submitted scorecards go only as part of an erasure (the guards refuse otherwise).
        connection.execute("INSERT INTO erasing_candidates VALUES (?)", (candidate_id,))
        connection.execute("DELETE FROM scorecards WHERE candidate_id = ?", (candidate_id,))
        connection.execute("DELETE FROM erasing_candidates")
        connection.commit()
    finally:
        connection.close()
    result = run("scorecard", "import", str(exported), db=other)
    assert result.code == ExitCode.OK, result.err
    assert "scorecards added" in result.out
    assert "1 candidate updated" in result.out
    before = json.loads(run("recommend", "Łukasz", "--json").out)
    after = json.loads(run("recommend", "Łukasz", "--json", db=other).out)
    assert after == before


def test_import_malformed_file_names_the_problem(run: Run, demo_db: Path, tmp_path: Path) -> None:
    exported = tmp_path / "cards.json"
    run("scorecard", "export", "--out", str(exported))
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["scorecards"][1]["ratings"][0]["rating"] = 7
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    before = _count(demo_db, "SELECT count(*) FROM scorecards")
    result = run("scorecard", "import", str(broken))
    assert result.code == ExitCode.INVALID_INPUT
    assert "scorecards[1].ratings[0]" in result.err
    assert "Traceback" not in result.err
    assert _count(demo_db, "SELECT count(*) FROM scorecards") == before


def test_import_not_json(run: Run, demo_db: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    result = run("scorecard", "import", str(broken))
    assert result.code == ExitCode.INVALID_INPUT
    assert "not valid JSON" in result.err


def test_import_unknown_candidate(run: Run, demo_db: Path, tmp_path: Path) -> None:
    exported = tmp_path / "cards.json"
    run("scorecard", "export", "--out", str(exported))
    result = run("scorecard", "import", str(exported), db=tmp_path / "empty.sqlite3")
    assert result.code in (ExitCode.NOT_FOUND, ExitCode.INVALID_INPUT)
    assert "Traceback" not in result.err


def test_import_missing_file(run: Run, tmp_path: Path) -> None:
    result = run("scorecard", "import", str(tmp_path / "none.json"))
    assert result.code == ExitCode.NOT_FOUND
    assert "no such file" in result.err


def test_backup(run: Run, demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    result = run("backup", "--out", str(copy))
    assert result.code == ExitCode.OK
    assert result.out.strip() == f"Backed up {demo_db} to {copy}"
    listed = json.loads(run("candidate", "list", "--json", db=copy).out)
    assert listed["total"] == 13

    again = run("backup", "--out", str(copy))
    assert again.code == ExitCode.CONFLICT
    assert run("backup", "--out", str(copy), "--force").code == ExitCode.OK
    missing = run("backup", "--out", str(tmp_path / "nowhere" / "copy.sqlite3"))
    assert missing.code == ExitCode.NOT_FOUND
    folder = run("backup", "--out", str(tmp_path))
    assert folder.code == ExitCode.INVALID_INPUT
