"""Test set-up shared by every test: no real home folder, no display, no real modal loops."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("INTERVIEW_KIT_DB", None)
# No test reaches a real keyring: saved database passwords go nowhere (the app would ask).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Data folder, config and database of every test live in a fresh temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("INTERVIEW_KIT_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("INTERVIEW_KIT_DB", raising=False)
    return home


@pytest.fixture
def builder_rubric_path() -> Path:
    return REPO / "resources" / "rubrics" / "builder.toml"
