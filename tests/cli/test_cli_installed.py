"""The console script of a plain (non-editable) install finds the command line package."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from interview_kit import __version__

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What setuptools puts into the wheel: the build_py output of this checkout."""
    out = tmp_path_factory.mktemp("build") / "lib"
    result = subprocess.run(
        [sys.executable, str(REPO / "setup.py"), "-q", "build_py", "--build-lib", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


def _console_script() -> str:
    """The program ``interview-kit`` runs, as the installer writes it from pyproject.toml."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    module, function = project["scripts"]["interview-kit"].split(":")
    return f"import sys\nfrom {module} import {function}\nsys.exit({function}())\n"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--version"], f"interview-kit {__version__}"),
        (["--help"], "COMMAND"),
        (["rubric", "validate", "{rubric}"], "valid rubric 'builder'"),
        (["candidate", "list"], "No candidates yet"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_installed_console_script_runs(
    built_package: Path, tmp_path: Path, argv: list[str], expected: str
) -> None:
    rubric = built_package / "interview_kit" / "resources" / "rubrics" / "builder.toml"
    environment = {
        **os.environ,
        "PYTHONPATH": str(built_package),
        "INTERVIEW_KIT_DB": str(tmp_path / "panel.sqlite3"),
    }
    result = subprocess.run(
        [sys.executable, "-c", _console_script(), *(a.format(rubric=rubric) for a in argv)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
    assert result.stderr == ""
