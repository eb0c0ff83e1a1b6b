"""Choosing the database the app works on: a SQLite file or a shared PostgreSQL database.

:func:`check_database` is the "Test connection" button: it says what switching would do
(new, ready, migrated with a backup) or why it cannot (bad URL, unreachable server,
refused password, not an Interview Kit database, too new) and changes nothing.
:func:`open_checked` opens it the way the app does at start-up
(:func:`~interview_kit.storage.open_database`: created or migrated as needed, a SQLite
file backed up before a migration). Both can take seconds on a slow network: call them
off the UI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from interview_kit.services import credentials
from interview_kit.services.credentials import PasswordStore
from interview_kit.storage import Database, open_database
from interview_kit.storage.probe import DatabaseProbe, SchemaState, probe_database

__all__ = ["DatabaseProbe", "SchemaState", "check_database", "open_checked", "setting_value"]


def check_database(target: str | Path) -> DatabaseProbe:
    """What opening ``target`` (a path or URL) would do; :class:`DatabaseOpenError` when it
    cannot be used, with the reason in words."""
    return probe_database(target)


def open_checked(target: str | Path, *, actor: str = "") -> Database:
    """Check ``target``, then open it as the app opens its database at start-up."""
    probe = probe_database(target)
    return open_database(probe.url, actor=actor)


def setting_value(
    target: str | Path, *, store: PasswordStore | Literal["system"] | None = "system"
) -> str:
    """How a chosen database is remembered: a SQLite file by its absolute path, a server
    by its URL without the password, which goes to the keyring (see
    :mod:`~interview_kit.services.credentials`). May block on the keyring: call it off
    the UI thread."""
    return credentials.remember(target, store=store)
