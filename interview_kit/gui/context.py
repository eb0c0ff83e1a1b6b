"""What every section of the window depends on: one small application context.

The app builds one :class:`AppContext` and hands it to each section's wiring. A wiring
reads the open database and who is signed in from it, shows errors through it, and
listens to its three change notices; it never reaches into another section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from interview_kit.gui.operations import Changes, WriteQueue

if TYPE_CHECKING:
    from interview_kit.domain.rubric import Rubric
    from interview_kit.gui.main_window import MainWindow
    from interview_kit.gui.settings import AppSettings
    from interview_kit.services.interviewers import InterviewerRecord
    from interview_kit.storage.database import Database


class AppContext(QObject):
    """The open database, who is scoring, the window, and the change notices."""

    databaseChanged = Signal()
    """Another database is in use (File → Database…)."""
    interviewerChanged = Signal()
    """Someone else is signed in (or nobody)."""
    dataChanged = Signal()
    """Something other sections list may have changed (demo loaded, scorecard submitted,
    candidate added…): they refresh when next shown."""

    def __init__(self, window: MainWindow, settings: AppSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.db: Database | None = None
        self.interviewer: InterviewerRecord | None = None
        self._rubric_cache: dict[str, Rubric] = {}
        self.writes = WriteQueue(self)
        """Every write the app makes goes through here: off the UI thread, in order."""
        self.writes.changed.connect(self._written)

    def _written(self, changes: Changes) -> None:
        """A write landed: rubric caches go stale with rubrics; lists refresh when shown."""
        if changes.touches("rubrics"):
            self.forget_cached_rubrics()
        self.dataChanged.emit()

    @property
    def viewer(self) -> str | None:
        """Whose scoring must stay independent on the recruiter and committee pages: the
        signed-in interviewer's uuid, ``None`` when nobody is (a recruiter). See
        :mod:`interview_kit.services.independence`."""
        return self.interviewer.uuid if self.interviewer is not None else None

    def attach_database(self, db: Database) -> None:
        """Work on ``db`` from now on and say so. The rubrics read from it stay cached if
        it is the database in use already (start-up lists Home before announcing it)."""
        if db is not self.db:
            self._rubric_cache.clear()
        self.db = db
        self.window.set_database(f"Database: {db.location}")
        self.databaseChanged.emit()

    # ------------------------------------------------------------------------------
    # Rubrics, read once

    def forget_cached_rubrics(self) -> None:
        """After a rubric version is saved, activated or imported: read them again."""
        self._rubric_cache.clear()

    def active_rubric(self) -> Rubric | None:
        if self.db is None:
            return None
        cached = self._rubric_cache.get("active")
        if cached is not None:
            return cached
        # The rubric model (and pydantic behind it) loads with the first rubric read, not
        # with the window: Home lists its first page before any rubric is needed.
        from interview_kit.services import rubrics
        from interview_kit.services.errors import NotFoundError

        try:
            loaded = rubrics.active_rubric(self.db)
        except NotFoundError:
            return None
        self._rubric_cache["active"] = loaded.rubric
        return loaded.rubric

    def rubric_version(self, rubric_id: str, version: int) -> Rubric:
        assert self.db is not None
        key = f"{rubric_id}@{version}"
        cached = self._rubric_cache.get(key)
        if cached is None:
            from interview_kit.services import rubrics

            cached = rubrics.rubric_version(self.db, rubric_id, version).rubric
            self._rubric_cache[key] = cached
        return cached

    # ------------------------------------------------------------------------------

    def show_error(self, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self.window
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()
