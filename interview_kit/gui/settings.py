"""User settings in ``QSettings``: who is scoring, which database, where the window was
left (geometry, section, splitters).

The settings file can be pointed anywhere (tests pass a temporary path), so nothing here
reaches into a real home folder unless asked to.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from interview_kit import paths
from interview_kit.services import credentials

ORGANISATION = "InterviewKit"
APPLICATION = "Interview Kit"


class DatabaseSource(StrEnum):
    """Where the database in use was chosen, strongest first."""

    COMMAND_LINE = "command_line"
    ENVIRONMENT = "environment"
    SETTING = "setting"
    DEFAULT = "default"

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {
    DatabaseSource.COMMAND_LINE: "the command line (--db)",
    DatabaseSource.ENVIRONMENT: f"the {paths.DB_ENV} environment variable",
    DatabaseSource.SETTING: "this app's setting (File → Database…)",
    DatabaseSource.DEFAULT: "the default (a file in your data folder)",
}


def choose_database(
    command_line: str | None,
    setting: str | None,
    *,
    ask_password: Callable[[str], str | None] | None = None,
) -> tuple[str | None, DatabaseSource]:
    """The database to open at start-up and why: ``--db``, then ``INTERVIEW_KIT_DB``, then
    the app's setting, then the default file (``None``). The setting's password comes
    from the keyring, else from ``ask_password`` (given the account it is for)."""
    if command_line:
        return command_line, DatabaseSource.COMMAND_LINE
    environment = os.environ.get(paths.DB_ENV, "").strip()
    if environment:
        return environment, DatabaseSource.ENVIRONMENT
    if setting:
        start = credentials.recall(setting)
        if start.needs_password and ask_password is not None:
            return credentials.with_password(
                setting, ask_password(start.account) or ""
            ), DatabaseSource.SETTING
        return start.target, DatabaseSource.SETTING
    return None, DatabaseSource.DEFAULT


class AppSettings:
    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._settings = QSettings(ORGANISATION, APPLICATION)
        else:
            self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    # -- who is scoring --------------------------------------------------------------
    @property
    def interviewer_uuid(self) -> str | None:
        value = self._settings.value("identity/interviewer_uuid", "")
        return str(value) or None

    @interviewer_uuid.setter
    def interviewer_uuid(self, value: str | None) -> None:
        self._settings.setValue("identity/interviewer_uuid", value or "")
        self._settings.sync()

    # -- which database --------------------------------------------------------------
    @property
    def database_url(self) -> str | None:
        """Never with a password (one saved by an older version moves to the keyring)."""
        value = str(self._settings.value("database/url", "") or "")
        if value and credentials.without_password(value) != value:
            self.database_url = credentials.remember(value)
            return self.database_url
        return value or None

    @database_url.setter
    def database_url(self, value: str | None) -> None:
        """A password in ``value`` goes to the keyring (where there is one), never here."""
        self._settings.setValue("database/url", credentials.remember(value) if value else "")
        self._settings.sync()

    # -- window ----------------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)

    def section(self) -> str | None:
        """The section the window showed when it was closed."""
        return str(self._settings.value("window/section", "") or "") or None

    def set_section(self, key: str) -> None:
        self._settings.setValue("window/section", key)

    def splitter_state(self, section: str, name: str) -> QByteArray | None:
        value = self._settings.value(f"splitters/{section}/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_splitter_state(self, section: str, name: str, state: QByteArray) -> None:
        self._settings.setValue(f"splitters/{section}/{name}", state)

    def sync(self) -> None:
        self._settings.sync()
