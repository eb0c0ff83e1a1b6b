"""``interview-kit demo``: the panel it builds, determinism, refusal and replacement."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from cli_support import Run

from interview_kit.cli import ExitCode
from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.rubric import load_rubric
from interview_kit.services import demo, summaries
from interview_kit.services.database import open_database
from interview_kit.storage.models import CandidateRow, CandidateSummaryRow

_TIMES_OF_THE_RUN = {"rubrics": {"created_at", "updated_at"}, "rubric_versions": {"created_at"}}


def _content(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the audit log, without the rubric import's own time.

    The search index's own tables are left out, and the planner's statistics of them:
    their pages depend on the order rows were indexed in (and in how many statements),
    and the index is derived from the candidates by triggers."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT IN ('audit_log', 'alembic_version') "
                "AND name NOT LIKE 'candidate\\_search%' ESCAPE '\\' ORDER BY name"
            )
        ]
        content = {}
        for table in tables:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            kept = [c for c in columns if c not in _TIMES_OF_THE_RUN.get(table, set())]
            rows = connection.execute(f"SELECT {', '.join(kept)} FROM {table}").fetchall()
            if table == "sqlite_stat1":
                rows = [row for row in rows if not row[0].startswith("candidate_search")]
            content[table] = sorted(rows, key=repr)
        return content
    finally:
        connection.close()


def test_demo_reports_what_it_loaded(run: Run, db_path: Path) -> None:
    result = run("demo")
    assert result.code == ExitCode.OK, result.err
    assert f"Demo data loaded into {db_path} (seed 7):" in result.out
    assert "13 candidates, 4 interviewers" in result.out
    assert "draft scorecards, 1 amendment, 5 committee decisions" in result.out
    assert result.err == ""


def test_demo_covers_every_pipeline_state_and_rule(run: Run, demo_db: Path) -> None:
    data = json.loads(run("candidate", "list", "--json").out)["candidates"]
    statuses = Counter(row["status"] for row in data)
    assert set(statuses) == {status.value for status in PipelineStatus}
    decisions = {row["recommendation"] for row in data}
    assert {
        "strong_hire",
        "hire",
        "no_hire",
        "strong_no_hire",
        "insufficient_evidence",
    } <= decisions
    sources = {row["source"] for row in data}
    assert sources == {"founder", "senior_engineer", "technical_pm", "other"}
    assert {row["origin"] for row in data} == {"pm", "engineer"}
    assert {row["committee_decision"] for row in data} == {"hire", "no_hire", None}

    traces = {row["name"]: json.loads(run("recommend", row["uuid"], "--json").out) for row in data}
    eleni = traces["Ελένη Παπαδοπούλου"]
    assert eleni["decision"] == "strong_no_hire"
    assert any("raised by 2 of" in line and "strong no hire" in line for line in eleni["trace"])
    noor = traces["Noor Haddad"]
    assert any("raised by 1 of" in line and "capped at L4" in line for line in noor["trace"])
    priya = traces["Priya Raman"]
    assert any(
        flag["severity"] == "concern" and flag["reporters"] == 2 for flag in priya["red_flags"]
    )
    assert traces["Astrid Ørsted"]["agreement"]["panel_split"] is True
    assert traces["Юлия Соколова"]["decision"] == "insufficient_evidence"
    assert traces["Siobhán Ní Bhriain"]["candidate_score"] is None


def test_demo_has_drafts_amendments_and_evidence(demo_db: Path) -> None:
    connection = sqlite3.connect(demo_db)
    try:
        statuses = dict(
            connection.execute("SELECT status, count(*) FROM scorecards GROUP BY status")
        )
        assert statuses["draft"] >= 2
        assert statuses["submitted"] >= 50
        reason, changes = connection.execute(
            "SELECT reason, changes FROM scorecard_amendments"
        ).fetchone()
        assert "wrong rating" in reason
        assert "ratings" in json.loads(changes)
        empty = connection.execute(
            "SELECT count(*) FROM scorecard_ratings WHERE rating IS NOT NULL AND evidence = ''"
        ).fetchone()[0]
        assert empty == 0
        interviewers = [name for (name,) in connection.execute("SELECT name FROM interviewers")]
        assert len(interviewers) == 4
    finally:
        connection.close()


def test_cached_summaries_match_the_summary_service(demo_db: Path) -> None:
    """The bulk path writes what recomputing through the services would."""
    from sqlalchemy import select

    with open_database(demo_db) as db:
        with db.read() as session:
            before = {
                row.candidate_id: (row.score, row.recommendation, row.level, row.submitted_count,
                                   row.committee_decision, row.committee_level)
                for row in session.scalars(select(CandidateSummaryRow))
            }  # fmt: skip
        summaries.refresh_all(db)
        with db.read() as session:
            after = {
                row.candidate_id: (row.score, row.recommendation, row.level, row.submitted_count,
                                   row.committee_decision, row.committee_level)
                for row in session.scalars(select(CandidateSummaryRow))
            }  # fmt: skip
            count = len(session.scalars(select(CandidateRow.id)).all())
    assert len(before) == count == 13
    assert after == before


def test_same_seed_same_database(run: Run, tmp_path: Path) -> None:
    first, second, other = (tmp_path / f"{name}.sqlite3" for name in ("a", "b", "c"))
    assert run("demo", "--seed", "42", db=first).code == ExitCode.OK
    assert run("demo", "--seed", "42", db=second).code == ExitCode.OK
    assert run("demo", "--seed", "43", db=other).code == ExitCode.OK
    assert _content(first) == _content(second)
    assert _content(first)["candidates"] != _content(other)["candidates"]


def test_the_hand_written_panel_does_not_depend_on_the_size(builder_rubric_path: Path) -> None:
    rubric = load_rubric(builder_rubric_path)
    small = demo.build_plan(rubric, seed=5)
    large = demo.build_plan(rubric, seed=5, candidates=60)
    assert large.candidates[:13] == small.candidates
    assert large.scorecards[: len(small.scorecards)] == small.scorecards
    assert large.interviewers[:4] == small.interviewers


def test_generated_candidates_are_fully_interviewed(run: Run, db_path: Path) -> None:
    assert run("demo", "--candidates", "40").code == ExitCode.OK
    connection = sqlite3.connect(db_path)
    try:
        per_candidate = connection.execute(
            "SELECT count(*) FROM scorecards s JOIN candidates c ON c.id = s.candidate_id "
            "WHERE c.email LIKE '%.%.%@candidates.example.com' AND s.status = 'submitted' "
            "GROUP BY s.candidate_id"
        ).fetchall()
        assert len(per_candidate) == 27
        assert {count for (count,) in per_candidate} == {9}
        uuids = connection.execute("SELECT count(DISTINCT uuid) FROM candidates").fetchone()[0]
        assert uuids == 40
    finally:
        connection.close()
    listed = json.loads(run("candidate", "list", "--json", "--limit", "100").out)
    assert listed["total"] == 40
    generated = [row for row in listed["candidates"] if row["email"].split("@")[0].count(".") == 2]
    assert len(generated) == 27
    assert all(row["score"] is not None for row in generated)


def test_no_candidates_loads_only_the_rubric(run: Run) -> None:
    result = run("demo", "--candidates", "0")
    assert result.code == ExitCode.OK
    assert "0 candidates, 4 interviewers" in result.out
    assert run("rubric", "show").code == ExitCode.OK


def test_demo_refuses_a_database_in_use(run: Run, demo_db: Path) -> None:
    before = _content(demo_db)
    result = run("demo", "--seed", "9")
    assert result.code == ExitCode.CONFLICT
    assert "already holds 13 candidates and 4 interviewers" in result.err
    assert "--force" in result.err
    assert _content(demo_db) == before


def test_force_replaces_after_a_backup(run: Run, demo_db: Path) -> None:
    added = run("candidate", "add", "--name", "Keep Me", "--email", "keep@example.com",
                "--source", "other", "--origin", "pm")  # fmt: skip
    assert added.code == ExitCode.OK
    result = run("demo", "--force", "--seed", "9")
    assert result.code == ExitCode.OK, result.err
    assert "backed up to" in result.out
    backup = Path(result.out.split("backed up to ", 1)[1].splitlines()[0].strip())
    assert backup.parent == demo_db.parent
    assert backup.name.startswith(f"{demo_db.name}.before-demo-")

    listed = json.loads(run("candidate", "list", "--json").out)
    assert listed["total"] == 13
    assert "Keep Me" not in {row["name"] for row in listed["candidates"]}
    kept = json.loads(run("candidate", "list", "--json", db=backup).out)
    assert "Keep Me" in {row["name"] for row in kept["candidates"]}

    connection = sqlite3.connect(demo_db)
    try:
        actions = [a for (a,) in connection.execute("SELECT action FROM audit_log")]
    finally:
        connection.close()
    assert actions.count("demo.loaded") == 2  # the log keeps the first load too


def test_a_rubric_alone_does_not_count_as_in_use(run: Run) -> None:
    from interview_kit import paths

    assert run("rubric", "import", str(paths.default_rubric_path())).code == ExitCode.OK
    assert run("demo").code == ExitCode.OK


@pytest.mark.parametrize("seed", ["-1", "0", "123456789012"])
def test_any_integer_seed(run: Run, seed: str) -> None:
    assert run("demo", "--seed", seed, "--candidates", "15").code == ExitCode.OK
