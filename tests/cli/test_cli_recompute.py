"""``interview-kit recompute``: every cached summary recomputed from the scorecards."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from cli_support import Run

from interview_kit.cli import ExitCode

_SUMMARY = (
    "SELECT candidate_id, score, recommendation, level, coverage, submitted_count, "
    "committee_decision, committee_level FROM candidate_summaries ORDER BY candidate_id"
)


def _summaries(path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(_SUMMARY).fetchall()
    finally:
        connection.close()


def _spoil(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(
                "UPDATE candidate_summaries SET score = 1.0, recommendation = 'strong_hire'"
            )
            connection.execute("DELETE FROM candidate_summaries WHERE candidate_id % 2 = 0")
    finally:
        connection.close()


@pytest.mark.parametrize("workers", [[], ["--workers", "1"], ["--workers", "2"]])
def test_recompute_restores_every_summary(run: Run, demo_db: Path, workers: list[str]) -> None:
    expected = _summaries(demo_db)
    _spoil(demo_db)
    assert _summaries(demo_db) != expected
    result = run("recompute", *workers)
    assert result.code == ExitCode.OK, result.err
    assert result.out.startswith("Recomputed the summaries of 13 candidates in ")
    assert _summaries(demo_db) == expected


def test_recompute_json(run: Run, demo_db: Path) -> None:
    result = run("recompute", "--json")
    assert result.code == ExitCode.OK, result.err
    data = json.loads(result.out)
    assert data["candidates"] == 13
    assert data["seconds"] >= 0


def test_recompute_on_an_empty_database(run: Run) -> None:
    result = run("recompute")
    assert result.code == ExitCode.OK, result.err
    assert "0 candidates" in result.out


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_bad_worker_counts_are_usage_errors(run: Run, demo_db: Path, value: str) -> None:
    result = run("recompute", "--workers", value)
    assert result.code == ExitCode.USAGE
    assert "--workers" in result.err
    assert "Traceback" not in result.err
