"""User settings in ``QSettings``: who is scoring, which database, window state.

The settings file can be pointed anywhere (tests pass a temporary path), so nothing here
reaches into a real home folder unless asked to.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "InterviewKit"
APPLICATION = "Interview Kit"


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
        value = self._settings.value("database/url", "")
        return str(value) or None

    @database_url.setter
    def database_url(self, value: str | None) -> None:
        self._settings.setValue("database/url", value or "")
        self._settings.sync()

    # -- window ----------------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)

    def sync(self) -> None:
        self._settings.sync()
