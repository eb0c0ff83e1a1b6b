"""Database passwords live in the operating system's keyring, never in the settings file.

Choosing a PostgreSQL database remembers its URL without the password (:func:`remember`)
and puts the password in the keyring (Windows Credential Locker, macOS Keychain, the
Secret Service on Linux) under the account ``user@host:port/database``. At the next
start :func:`recall` puts it back. Where no keyring exists (a bare Linux session, a CI
machine) nothing is stored and the app asks for the password at start.

The ``keyring`` library is imported only when a password is stored or looked up, so a
SQLite user never pays for it. Every function takes the store to use; ``None`` means
"no keyring", and by default the system's keyring is asked for.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal, Protocol

from sqlalchemy import URL

from interview_kit.storage.probe import target_url

logger = logging.getLogger(__name__)

SERVICE = "Interview Kit database"
"""The keyring's service name for every database password of the app."""

_SYSTEM: Final = "system"


class PasswordStore(Protocol):
    """What the app needs of a keyring (``keyring``'s backends have exactly this)."""

    def get_password(self, service: str, username: str) -> str | None: ...

    def set_password(self, service: str, username: str, password: str) -> None: ...

    def delete_password(self, service: str, username: str) -> None: ...


def system_store() -> PasswordStore | None:
    """The operating system's keyring, or ``None`` where there is none to use."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except KeyringError:
        return None
    if getattr(backend, "priority", 0) <= 0:  # the "fail" and "null" backends
        return None
    store: PasswordStore = backend
    return store


def _store(store: PasswordStore | Literal["system"] | None) -> PasswordStore | None:
    return system_store() if store == _SYSTEM else store


def account(url: URL) -> str:
    """The keyring account of a server database: ``user@host:port/database``."""
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def _is_server(url: URL) -> bool:
    return url.get_backend_name() != "sqlite"


def without_password(target: str | Path) -> str:
    """How a database is written down: a SQLite file by its absolute path, a server by
    its URL with no password."""
    url = target_url(target)
    if not _is_server(url):
        return str(Path(url.database)) if url.database else str(target)
    # (``URL.set(password=None)`` leaves the password as it was.)
    bare = URL.create(
        url.drivername,
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    return bare.render_as_string(hide_password=False)


def remember(
    target: str | Path, *, store: PasswordStore | Literal["system"] | None = _SYSTEM
) -> str:
    """Keep the password of ``target`` in the keyring and return the value to save in
    the settings (no password in it). Without a keyring the password is not kept: the
    app asks for it at the next start."""
    url = target_url(target)
    setting = without_password(target)
    if not _is_server(url) or not url.password:
        return setting
    keeper = _store(store)
    if keeper is None:
        logger.info("no keyring: the database password will be asked for at start")
        return setting
    try:
        keeper.set_password(SERVICE, account(url), str(url.password))
    except Exception as exc:  # noqa: BLE001 - any keyring failure means "ask at start"
        logger.warning("the keyring refused the database password (%s); it will be asked", exc)
    return setting


@dataclass(frozen=True)
class StartTarget:
    """What to open at start: the target, with its password when it was found."""

    target: str
    needs_password: bool
    """A server URL whose password is neither in it nor in the keyring: ask for it."""
    account: str = ""


def recall(
    setting: str, *, store: PasswordStore | Literal["system"] | None = _SYSTEM
) -> StartTarget:
    """The saved database with its password from the keyring put back."""
    try:
        url = target_url(setting)
    except Exception:  # noqa: BLE001 - opening it will say what is wrong
        return StartTarget(setting, needs_password=False)
    if not _is_server(url) or url.password or not url.username:
        return StartTarget(setting, needs_password=False)
    keeper = _store(store)
    password = None
    if keeper is not None:
        try:
            password = keeper.get_password(SERVICE, account(url))
        except Exception as exc:  # noqa: BLE001 - treated as "not stored"
            logger.warning("the keyring could not be read (%s)", exc)
    if password:
        return StartTarget(with_password(setting, password), needs_password=False)
    return StartTarget(setting, needs_password=True, account=account(url))


def with_password(setting: str, password: str) -> str:
    """The saved URL with a password typed at start (empty: try without one)."""
    if not password:
        return setting
    url = target_url(setting)
    return url.set(password=password).render_as_string(hide_password=False)


def forget(setting: str, *, store: PasswordStore | Literal["system"] | None = _SYSTEM) -> None:
    """Take a database's password out of the keyring (nothing to do when absent)."""
    url = target_url(setting)
    keeper = _store(store)
    if keeper is None or not _is_server(url):
        return
    try:
        keeper.delete_password(SERVICE, account(url))
    except Exception:  # noqa: BLE001 - absent already
        logger.debug("no stored password to forget for %s", account(url))
