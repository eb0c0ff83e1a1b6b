"""Database passwords go to a keyring, never into the saved setting; at start they come
back from it, or the app asks where there is none."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from interview_kit.services import connection, credentials

URL_WITH_PASSWORD = "postgresql+psycopg://me:s3cr%40t@db.example.com:5433/panel"
SAVED = "postgresql+psycopg://me@db.example.com:5433/panel"


class MemoryKeyring(KeyringBackend):
    """A keyring backend of the ``keyring`` library that keeps passwords in memory."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def test_the_setting_never_holds_the_password_and_the_keyring_does() -> None:
    store = MemoryKeyring()
    assert connection.setting_value(URL_WITH_PASSWORD, store=store) == SAVED
    assert store.passwords == {(credentials.SERVICE, "me@db.example.com:5433/panel"): "s3cr@t"}
    start = credentials.recall(SAVED, store=store)
    assert not start.needs_password
    assert start.target == URL_WITH_PASSWORD
    credentials.forget(SAVED, store=store)
    assert store.passwords == {}


def test_without_a_keyring_the_password_is_asked_for_at_start() -> None:
    assert connection.setting_value(URL_WITH_PASSWORD, store=None) == SAVED
    start = credentials.recall(SAVED, store=None)
    assert start.needs_password
    assert start.account == "me@db.example.com:5433/panel"
    assert credentials.with_password(SAVED, "typed") == SAVED.replace("me@", "me:typed@")
    assert credentials.with_password(SAVED, "") == SAVED


@pytest.mark.parametrize(
    "target",
    ["postgresql+psycopg://me@db.example.com/panel", "postgresql+psycopg://db.example.com/p"],
)
def test_nothing_to_keep_for_a_url_without_a_password(target: str) -> None:
    store = MemoryKeyring()
    assert connection.setting_value(target, store=store) == target
    assert store.passwords == {}
    # With no user there is nothing to ask either.
    if "me@" not in target:
        assert not credentials.recall(target, store=store).needs_password


def test_a_sqlite_file_is_kept_by_its_path(tmp_path: Path) -> None:
    store = MemoryKeyring()
    file = tmp_path / "a.sqlite3"
    assert connection.setting_value(file, store=store) == str(file)
    assert credentials.recall(str(file), store=store) == credentials.StartTarget(
        str(file), needs_password=False
    )
    assert store.passwords == {}


def test_a_failing_keyring_means_asking_at_start() -> None:
    class Broken(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise RuntimeError("locked")

        def get_password(self, service: str, username: str) -> str | None:
            raise RuntimeError("locked")

    assert connection.setting_value(URL_WITH_PASSWORD, store=Broken()) == SAVED
    assert credentials.recall(SAVED, store=Broken()).needs_password


def test_the_tests_never_reach_a_real_keyring() -> None:
    assert credentials.system_store() is None
