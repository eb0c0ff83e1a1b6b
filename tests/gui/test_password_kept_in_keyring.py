"""A database chosen with its password keeps the password in the keyring, and the next
start finds it there (the settings file never holds it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_kit.gui.settings import AppSettings, choose_database
from interview_kit.services import credentials

URL = "postgresql+psycopg://ik_panel_u_mei:s3cret@db.example.com:5432/panel"


class MemoryKeyring:
    def __init__(self) -> None:
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


def test_a_chosen_database_password_goes_to_the_keyring_and_comes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring = MemoryKeyring()
    monkeypatch.setattr(credentials, "system_store", lambda: keyring)
    path = tmp_path / "settings.ini"
    settings = AppSettings(path)
    settings.database_url = URL  # as File → Database… saves a switch
    assert "s3cret" not in path.read_text("utf-8")
    assert list(keyring.passwords.values()) == ["s3cret"]

    def never(_account: str) -> str:
        raise AssertionError("the keyring had it: nobody should be asked")

    target, _source = choose_database(None, AppSettings(path).database_url, ask_password=never)
    assert target == URL
