"""The app's settings never keep a database password: a saved one (older versions) moves
out on first read, and at start the password comes from the keyring or is asked for."""

from __future__ import annotations

from pathlib import Path

from interview_kit.gui.settings import AppSettings, DatabaseSource, choose_database

SAVED = "postgresql+psycopg://ada@db.example.com:5432/panel"


def test_a_password_never_reaches_the_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    settings = AppSettings(path)
    settings.database_url = SAVED.replace("ada@", "ada:hunter2@")
    settings.sync()
    assert settings.database_url == SAVED
    assert "hunter2" not in path.read_text("utf-8")


def test_a_password_saved_by_an_older_version_moves_out(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(
        "[database]\nurl=postgresql+psycopg://ada:hunter2@db.example.com:5432/panel\n", "utf-8"
    )
    assert AppSettings(path).database_url == SAVED
    assert "hunter2" not in path.read_text("utf-8")


def test_without_a_keyring_the_password_is_asked_for_at_start() -> None:
    asked: list[str] = []

    def ask(account: str) -> str:
        asked.append(account)
        return "typed"

    target, source = choose_database(None, SAVED, ask_password=ask)
    assert source is DatabaseSource.SETTING
    assert target == SAVED.replace("ada@", "ada:typed@")
    assert asked == ["ada@db.example.com:5432/panel"]
    # A SQLite file needs nothing.
    assert choose_database(None, "/tmp/panel.sqlite3", ask_password=ask)[0] == "/tmp/panel.sqlite3"
    assert len(asked) == 1
