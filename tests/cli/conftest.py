"""Command-line tests: ``main(argv)`` in-process on real SQLite files.

The demo panel is loaded once per session into a template file; each test that needs it
works on its own copy, so tests stay independent and fast.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_support import Result, Run

from interview_kit.cli import main
from interview_kit.services import demo
from interview_kit.services.database import open_database


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


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite3"
    with open_database(path, actor="tests") as db:
        demo.load_demo(db)
    return path


@pytest.fixture
def demo_db(demo_template: Path, db_path: Path) -> Path:
    """This test's own copy of the default demo database."""
    # Fold the write-ahead log into the file so one copied file is complete.
    with open_database(demo_template) as db, db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(demo_template, db_path)
    return db_path
