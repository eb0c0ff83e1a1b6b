"""A plain (non-editable) install carries the forms, resources and migrations it needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


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


def test_resources_forms_and_migrations_are_packaged(built_package: Path) -> None:
    package = built_package / "interview_kit"
    for shipped in (REPO / "resources").rglob("*"):
        if shipped.is_file():
            relative = shipped.relative_to(REPO / "resources")
            assert (package / "resources" / relative).is_file(), (
                f"resources/{relative} not packaged"
            )
    for form in (REPO / "forms").glob("*.ui"):
        assert (package / "forms" / form.name).is_file(), f"forms/{form.name} not packaged"
    versions = REPO / "interview_kit" / "storage" / "migrations" / "versions"
    for migration in versions.glob("*.py"):
        packaged = package / "storage" / "migrations" / "versions" / migration.name
        assert packaged.is_file(), f"migration {migration.name} not packaged"
    for guide in (REPO / "docs").glob("*.md"):
        assert (package / "docs" / guide.name).is_file(), f"docs/{guide.name} not packaged"


def test_installed_copy_finds_its_own_resources(built_package: Path, tmp_path: Path) -> None:
    code = (
        "import interview_kit.paths as p, sys;"
        "from interview_kit.domain.rubric import load_rubric;"
        "r = load_rubric(p.default_rubric_path());"
        "print(p.resources_dir()); print(p.forms_dir()); print(r.role_title)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(built_package)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    resources, forms, title = result.stdout.splitlines()
    assert Path(resources).is_relative_to(built_package)
    assert Path(forms).is_relative_to(built_package)
    assert title == "Builder"
