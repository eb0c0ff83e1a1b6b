"""Where things live: shipped resources and the user's data folder.

Every location can be overridden (tests point them at a temporary folder), and nothing
here creates a file on import.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "InterviewKit"
APP_AUTHOR = "InterviewKit"
DB_ENV = "INTERVIEW_KIT_DB"
DATA_DIR_ENV = "INTERVIEW_KIT_DATA_DIR"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped_dir(name: str) -> Path:
    """The installed copy (``interview_kit/<name>``), or ``<repo>/<name>`` in a checkout."""
    installed = _PACKAGE_DIR / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def resources_dir() -> Path:
    return _shipped_dir("resources")


def forms_dir() -> Path:
    return _shipped_dir("forms")


def docs_dir() -> Path:
    """The user documentation shipped with the app (the user guide opened by F1)."""
    return _shipped_dir("docs")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_rubric_path() -> Path:
    return resource_path("rubrics", "builder.toml")


def data_dir() -> Path:
    """The user's data folder (created on demand by the caller)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_database_url() -> str:
    """``INTERVIEW_KIT_DB`` if set (a path or a URL), else SQLite in the data folder."""
    configured = os.environ.get(DB_ENV)
    if configured:
        return database_url(configured)
    return database_url(str(data_dir() / "interview-kit.sqlite3"))


def database_url(path_or_url: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path."""
    if "://" in path_or_url:
        return path_or_url
    return f"sqlite:///{Path(path_or_url).expanduser().resolve()}"
