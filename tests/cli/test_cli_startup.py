"""What a run loads: ``--version``, ``--help`` and ``rubric validate`` stay off the database.

Each case runs in a fresh interpreter, the way the console script starts, and reports the
modules loaded once the command has finished.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from interview_kit import paths

REPO = Path(__file__).resolve().parents[2]

HEAVY = (
    "sqlalchemy",
    "alembic",
    "reportlab",
    "PySide6",
    "interview_kit.storage",
    "interview_kit.services",
    "interview_kit.domain.engine",
)
"""The database layer, the engine, ReportLab and Qt: a second of imports between them."""

PROBE = """
import json, sys
from interview_kit.cli import main
code = main(sys.argv[2:])
heavy = json.loads(sys.argv[1])
loaded = sorted(
    name for name in sys.modules if any(name == h or name.startswith(h + ".") for h in heavy)
)
sys.stderr.write("\\nPROBE " + json.dumps({"code": code, "loaded": loaded}) + "\\n")
"""


def _loaded_after(*argv: str, watched: tuple[str, ...] = HEAVY) -> tuple[int, list[str]]:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), *filter(None, [environment.get("PYTHONPATH")])]
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(watched), *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stderr.rsplit("\nPROBE ", 1)[1])
    return report["code"], report["loaded"]


@pytest.fixture(scope="module")
def broken_rubric(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rubrics") / "broken.toml"
    path.write_text('id = "builder"\nname = 3\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["--version"], 0),
        (["--help"], 0),
        (["rubric", "--help"], 0),
        (["rubric", "validate", "--help"], 0),
        (["rubric", "validate", str(paths.default_rubric_path())], 0),
        (["rubric", "validate", "no-such-rubric.toml"], 4),
        (["frobnicate"], 2),
        (["candidate", "add", "--name", "Caf\udce9"], 2),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_light_commands_never_load_the_database_layer(argv: list[str], code: int) -> None:
    ran, loaded = _loaded_after(*argv)
    assert ran == code
    assert loaded == []


def test_version_is_answered_before_the_parser_is_built() -> None:
    ran, loaded = _loaded_after("--version", watched=("argparse", "pathlib", "interview_kit.paths"))
    assert ran == 0
    assert loaded == []


def test_an_invalid_rubric_is_reported_without_the_database_layer(broken_rubric: Path) -> None:
    ran, loaded = _loaded_after("rubric", "validate", str(broken_rubric))
    assert ran == 3
    assert loaded == []


def test_the_probe_sees_what_a_database_command_loads(tmp_path: Path) -> None:
    """The check above would pass vacuously if the probe could not see an import."""
    ran, loaded = _loaded_after("--db", str(tmp_path / "panel.sqlite3"), "candidate", "list")
    assert ran == 0
    assert "sqlalchemy" in loaded
    assert "interview_kit.storage" in loaded
