"""``interview-kit recommend`` and ``calibration``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import Run

from interview_kit.cli import ExitCode

ISSUE_KEYS = {
    "decision", "level", "level_title", "candidate_score", "stage_scores", "criterion_means",
    "band", "confidence", "confidence_reasons", "coverage", "agreement", "red_flags",
    "positive_signals", "trace",
}  # fmt: skip
BAND_KEYS = {
    "currency", "base_min", "base_mid", "base_max", "position", "suggested_base", "equity",
    "learning_budget",
}  # fmt: skip


def _demo_candidates(run: Run) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads(run("candidate", "list", "--json").out)["candidates"]
    return rows


def test_every_demo_candidate_gets_an_explained_recommendation(run: Run, demo_db: Path) -> None:
    for row in _demo_candidates(run):
        result = run("recommend", str(row["uuid"]), "--json")
        assert result.code == ExitCode.OK, (row["name"], result.err)
        data = json.loads(result.out)
        assert data["candidate"] == {"uuid": row["uuid"], "name": row["name"]}
        assert set(data) >= ISSUE_KEYS
        assert data["trace"], row["name"]
        assert set(data["agreement"]) >= {"panel_split", "alpha", "spread_criteria"}
        assert data["confidence"] in {"high", "medium", "low"}
        assert 0.0 <= data["coverage"] <= 1.0
        if row["submitted_scorecards"]:
            # The cached list summary agrees with a fresh computation.
            assert data["decision"] == row["recommendation"]
            assert data["level"] == row["level"]
            assert data["candidate_score"] == pytest.approx(row["score"], abs=0.001)
        if data["decision"] in ("hire", "strong_hire"):
            assert data["level"] in {"L4", "L5", "L6", "L7"}
            assert set(data["band"]) == BAND_KEYS
            assert 0.0 <= data["band"]["position"] <= 1.0
            assert (
                data["band"]["base_min"]
                <= data["band"]["suggested_base"]
                <= data["band"]["base_max"]
            )
        else:
            assert data["level"] is None


def test_human_readable_recommendation(run: Run, demo_db: Path) -> None:
    result = run("recommend", "Łukasz")
    assert result.code == ExitCode.OK
    lines = result.out.splitlines()
    assert lines[0].startswith("Łukasz Kowalczyk: ")
    assert "hire at L" in lines[0]
    assert "confidence" in lines[1]
    assert any(line.startswith("  band L") and "suggested base" in line for line in lines)
    assert "  committee decision: hire at L6" in lines
    why = lines.index("Why:")
    assert lines[why + 1].startswith("  1. Candidate score")


def test_blocker_and_pending_sheets_are_shown(run: Run, demo_db: Path) -> None:
    eleni = run("recommend", "Ελένη").out
    assert eleni.startswith("Ελένη Παπαδοπούλου: strong no hire")
    assert "red flag (blocker): Lack of customer empathy, raised by" in eleni
    jonas = run("recommend", "Jonas").out
    assert "waiting for:" in jonas
    assert "draft" in jonas
    assert "insufficient evidence" in jonas.splitlines()[0]


def test_candidate_without_scorecards(run: Run, demo_db: Path) -> None:
    data = json.loads(run("recommend", "Siobhán", "--json").out)
    assert data["decision"] == "insufficient_evidence"
    assert data["candidate_score"] is None
    assert data["band"] is None
    text = run("recommend", "Siobhán").out
    assert "no score" in text


def test_recommend_unknown_and_ambiguous(run: Run, demo_db: Path) -> None:
    assert run("recommend", "Ada Lovelace").code == ExitCode.NOT_FOUND
    ambiguous = run("recommend", "an")
    assert ambiguous.code == ExitCode.CONFLICT
    assert "matches several candidates" in ambiguous.err


def test_recommend_without_a_rubric(run: Run) -> None:
    added = run("candidate", "add", "--name", "Ada", "--email", "ada@example.com",
                "--source", "other", "--origin", "engineer")  # fmt: skip
    assert added.code == ExitCode.OK
    result = run("recommend", "Ada")
    assert result.code == ExitCode.NOT_FOUND
    assert "no rubric" in result.err


def test_calibration_table(run: Run, demo_db: Path) -> None:
    result = run("calibration")
    assert result.code == ExitCode.OK
    lines = result.out.splitlines()
    assert lines[0].split() == ["INTERVIEWER", "VS", "PANEL", "COMPARISONS", "CANDIDATES", "NOTE"]
    for name in ("Ingrid Halvorsen", "Tomás Delgado", "Mei Tanaka", "Dev Raghunathan"):
        assert name in result.out
    assert "lenient" in lines[-1]


def test_calibration_json(run: Run, demo_db: Path) -> None:
    data = json.loads(run("calibration", "--json").out)
    people = {item["interviewer"]: item for item in data["interviewers"]}
    assert set(people) == {"Ingrid Halvorsen", "Tomás Delgado", "Mei Tanaka", "Dev Raghunathan"}
    for item in people.values():
        assert set(item) == {
            "interviewer_uuid", "interviewer", "mean_difference", "count", "candidates",
            "small_sample",
        }  # fmt: skip
        assert item["count"] > 0
    # The demo's most lenient interviewer rates above the one who is hardest on candidates.
    assert (
        people["Tomás Delgado"]["mean_difference"] > people["Ingrid Halvorsen"]["mean_difference"]
    )


def test_calibration_on_an_empty_database(run: Run) -> None:
    assert run("calibration").out.strip() == "No submitted scorecards yet: nothing to calibrate."
    assert json.loads(run("calibration", "--json").out) == {"interviewers": []}
