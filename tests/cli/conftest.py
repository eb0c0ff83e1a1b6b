"""Command-line tests: ``main(argv)`` in-process on real SQLite files.

The demo panel is loaded once per session into a template file; each test that needs it
works on its own copy, so tests stay independent and fast.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import Result, Run
from fresh_databases import fresh_demo

from interview_kit.cli import main


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "panel.sqlite3"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], db_path: Path) -> Run:
    """``run("candidate", "list")`` runs the CLI on this test's database."""

    def invoke(*argv: str, db: Path | str | None = None) -> Result:
        target = db_path if db is None else db
        code = main(["--db", str(target), *argv])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def demo_db(db_path: Path) -> Path:
    """This test's own copy of the default demo database."""
    return fresh_demo(db_path)
