"""The command line on a shared PostgreSQL database (skipped when no server is configured)."""

from __future__ import annotations

import json

import pytest
from cli_support import Run
from postgres_support import pg_databases, pg_server, pg_url  # noqa: F401

from interview_kit.cli import ExitCode

pytestmark = pytest.mark.postgres


def test_demo_list_recommend_on_postgresql(run: Run, pg_url: str) -> None:  # noqa: F811
    loaded = run("demo", db=pg_url)
    assert loaded.code == ExitCode.OK, loaded.err
    assert "13 candidates, 4 interviewers" in loaded.out

    listed = json.loads(run("candidate", "list", "--json", db=pg_url).out)
    assert listed["total"] == 13
    for row in listed["candidates"]:
        result = run("recommend", row["uuid"], "--json", db=pg_url)
        assert result.code == ExitCode.OK, result.err
        data = json.loads(result.out)
        if row["submitted_scorecards"]:
            assert data["decision"] == row["recommendation"]

    refused = run("demo", db=pg_url)
    assert refused.code == ExitCode.CONFLICT
    replaced = run("demo", "--force", "--seed", "8", db=pg_url)
    assert replaced.code == ExitCode.OK, replaced.err
    assert "backed up" not in replaced.out  # no file to copy on a server

    # Keys handed out after the bulk load do not collide with the demo's.
    added = run("candidate", "add", "--name", "Ada", "--email", "ada@example.com",
                "--source", "other", "--origin", "engineer", db=pg_url)  # fmt: skip
    assert added.code == ExitCode.OK, added.err


def test_backup_of_a_server_database_is_refused(run: Run, pg_url: str, tmp_path) -> None:  # noqa: F811
    result = run("backup", "--out", str(tmp_path / "copy.sqlite3"), db=pg_url)
    assert result.code == ExitCode.INVALID_INPUT
    assert "pg_dump" in result.err
