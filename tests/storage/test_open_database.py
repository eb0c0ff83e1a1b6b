"""Opening: the default location, overrides, and every kind of file that is not ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interview_kit import paths
from interview_kit.storage import Database, DatabaseOpenError, open_database


def test_default_location_is_the_data_folder() -> None:
    with open_database() as database:
        assert database.path == paths.data_dir() / "interview-kit.sqlite3"
        assert database.path.exists()


def test_environment_variable_overrides_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "elsewhere.sqlite3"
    monkeypatch.setenv(paths.DB_ENV, str(target))
    with open_database() as database:
        assert database.path == target
    assert target.exists()


def test_a_url_is_accepted(tmp_path: Path) -> None:
    target = tmp_path / "by-url.sqlite3"
    with open_database(f"sqlite:///{target}") as database:
        assert database.path == target
        assert database.location == str(target)


def _refused(path: Path, expected: str) -> DatabaseOpenError:
    before = path.read_bytes()
    with pytest.raises(DatabaseOpenError, match=expected) as caught:
        open_database(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before, "a file that is not ours is never written"
    assert not list(path.parent.glob("*.bak"))
    return caught.value


def test_a_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("Dear diary, today I interviewed...\n", encoding="utf-8")
    _refused(path, "not an Interview Kit database")


def test_a_damaged_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    open_database(path).close()
    data = bytearray(path.read_bytes())
    data[16:] = b"\xff" * (len(data) - 16)  # keep the header magic, ruin everything else
    path.write_bytes(bytes(data))
    error = _refused(path, "damaged|not a database|cannot be used")
    assert "Traceback" not in str(error)


def test_another_applications_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        raw.execute("INSERT INTO photos (name) VALUES ('cat.jpg')")
    raw.close()
    _refused(path, "tables of another application")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.sqlite3"
    folder.mkdir()
    with pytest.raises(DatabaseOpenError, match="is a folder"):
        open_database(folder)


def test_a_folder_that_cannot_be_created_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(DatabaseOpenError, match="cannot create its folder"):
        open_database(blocker / "sub" / "db.sqlite3")


@pytest.mark.parametrize("url", ["nosuchdriver://x/y", "postgresql+nodriver://h/db"])
def test_an_unusable_url_is_reported(url: str) -> None:
    with pytest.raises(DatabaseOpenError, match=r"cannot use this URL|not a database"):
        open_database(url)


def test_database_is_a_context_manager(tmp_path: Path) -> None:
    with open_database(tmp_path / "x.sqlite3", actor="Quinn") as database:
        assert isinstance(database, Database)
        assert database.actor == "Quinn"
        assert database.is_sqlite
        assert "x.sqlite3" in repr(database)
