"""The real program in real processes: ``python -m interview_kit``."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from interview_kit.services import demo
from interview_kit.services.database import open_database
from interview_kit.services.demo import loader

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _run(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), *filter(None, [environment.get("PYTHONPATH")])]
    )
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "interview_kit", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=environment,
        cwd=REPO,
        timeout=300,
        check=False,
    )


def test_demo_then_candidate_list(tmp_path: Path) -> None:
    database = tmp_path / "panel.sqlite3"
    loaded = _run("--db", str(database), "demo")
    assert loaded.returncode == 0, loaded.stderr
    assert "13 candidates, 4 interviewers" in loaded.stdout

    listed = _run("--db", str(database), "candidate", "list")
    assert listed.returncode == 0, listed.stderr
    for name in ("Łukasz Kowalczyk", "Zoë Lefèvre", "Astrid Ørsted", "Ελένη Παπαδοπούλου",
                 "Юлия Соколова", "王静"):  # fmt: skip
        assert name in listed.stdout
    assert listed.stdout.splitlines()[-1] == "1–13 of 13 candidates"

    refused = _run("--db", str(database), "demo")
    assert refused.returncode == 5
    assert refused.stderr.startswith("interview-kit: error: ")
    assert "Traceback" not in refused.stderr


def test_a_console_without_unicode_gets_escapes_not_a_crash(tmp_path: Path) -> None:
    database = tmp_path / "panel.sqlite3"
    assert _run("--db", str(database), "demo").returncode == 0
    listed = _run("--db", str(database), "candidate", "list", env={"PYTHONIOENCODING": "ascii"})
    assert listed.returncode == 0, listed.stderr
    assert "\\u0141ukasz Kowalczyk" in listed.stdout


def test_environment_variable_and_exit_code_of_a_bad_database(tmp_path: Path) -> None:
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("hello", encoding="utf-8")
    result = _run("candidate", "list", env={"INTERVIEW_KIT_DB": str(not_a_database)})
    assert result.returncode == 6
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1


def test_a_large_demo_matches_the_one_computed_in_process(tmp_path: Path) -> None:
    """From the threshold on the engine runs in worker processes (where cores are free);
    the result is the same as in one process."""
    size = loader.PARALLEL_FROM
    parallel = tmp_path / "parallel.sqlite3"
    result = _run("--db", str(parallel), "demo", "--candidates", str(size), "--seed", "3")
    assert result.returncode == 0, result.stderr

    sequential = tmp_path / "sequential.sqlite3"
    with open_database(sequential) as db:
        demo.load_demo(db, candidates=size, seed=3, workers=0)

    def summaries(path: Path) -> list[tuple[object, ...]]:
        connection = sqlite3.connect(path)
        try:
            return connection.execute(
                "SELECT c.uuid, s.score, s.recommendation, s.level, s.coverage, "
                "s.submitted_count, s.committee_decision FROM candidate_summaries s "
                "JOIN candidates c ON c.id = s.candidate_id ORDER BY c.uuid"
            ).fetchall()
        finally:
            connection.close()

    first = summaries(parallel)
    assert len(first) == size
    assert first == summaries(sequential)

    listed = _run("--db", str(parallel), "candidate", "list", "--json", "--limit", "5")
    assert json.loads(listed.stdout)["total"] == size
