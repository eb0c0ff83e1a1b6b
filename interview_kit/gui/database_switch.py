"""File → Database…: show which database is in use, test another, switch to it.

Testing and opening run off the UI thread (:func:`~interview_kit.services.connection.open_checked`);
the running app switches only once the other database is open, through the ``switch``
callback it was given (which closes the walk, remembers the choice and reloads).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from interview_kit.gui.settings import DatabaseSource
from interview_kit.gui.tasks import run_in_background
from interview_kit.services.errors import ServiceError

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext
    from interview_kit.gui.database_dialog import DatabaseDialog
    from interview_kit.storage.database import Database

logger = logging.getLogger(__name__)


class DatabaseSwitch(QObject):
    def __init__(
        self,
        context: AppContext,
        switch: Callable[[Database, str], None],
        busy: Callable[[], str],
    ) -> None:
        """``switch(db, setting)`` moves the app to an opened database; ``busy()`` says
        why it cannot switch now (empty when it can)."""
        super().__init__(context)
        self.context = context
        self._switch = switch
        self._busy = busy
        self.source = DatabaseSource.DEFAULT
        """Where the database in use was chosen (the app sets it at start-up)."""
        self.startup_source: DatabaseSource | None = None
        self.dialog: DatabaseDialog | None = None

    def switched(self, setting: str) -> None:
        """Remember ``setting`` for the next start: the database now in use was chosen here."""
        self.context.settings.database_url = setting
        if self.startup_source is None:
            self.startup_source = self.source
        self.source = DatabaseSource.SETTING

    def open_dialog(self) -> DatabaseDialog:
        """Show which database is in use; test and switch to another (window-modal)."""
        from interview_kit.gui.database_dialog import DatabaseDialog

        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        db = self.context.db
        dialog = DatabaseDialog(
            location=db.location if db is not None else "none",
            source=self.source,
            startup=self.startup_source or self.source,
            is_sqlite=db is None or db.is_sqlite,
            parent=self.context.window,
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.testRequested.connect(lambda target: self._test(dialog, target))
        dialog.switchRequested.connect(lambda target: self._open(dialog, target))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: DatabaseDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _test(self, dialog: DatabaseDialog, target: str) -> None:
        from interview_kit.services import connection

        dialog.set_busy(True, "Testing the connection…")

        def work(_handle: object) -> object:
            return connection.check_database(target)

        def done(probe: Any) -> None:
            if self.dialog is dialog:
                dialog.set_busy(False)
                dialog.show_result(probe.describe(), ok=True)

        def failed(error: BaseException) -> None:
            if self.dialog is dialog:
                dialog.set_busy(False)
                dialog.show_result(database_problem(error), ok=False)

        run_in_background(work, done, failed)

    def _open(self, dialog: DatabaseDialog, target: str) -> None:
        """Open the chosen database off the UI thread; switch only once it is open."""
        from interview_kit.services import connection

        reason = self._busy()
        if reason:
            dialog.show_result(reason, ok=False)
            return
        person = self.context.interviewer
        actor = person.name if person is not None else ""
        dialog.set_busy(True, "Opening the database…")

        def work(_handle: object) -> object:
            return connection.open_checked(target, actor=actor), connection.setting_value(target)

        def done(result: Any) -> None:
            db, setting = result
            self._switch(db, setting)
            if self.dialog is dialog:
                dialog.finish()

        def failed(error: BaseException) -> None:
            if self.dialog is dialog:
                dialog.set_busy(False)
                dialog.show_result(
                    database_problem(error) + " Still using the database you had.", ok=False
                )

        run_in_background(work, done, failed)


def database_problem(error: BaseException) -> str:
    """A database that cannot be used, in words (never a traceback)."""
    from interview_kit.storage import StorageError

    if isinstance(error, StorageError | ServiceError):
        return str(error).rstrip(".") + "."
    logger.error("opening a database failed", exc_info=error)
    return f"Could not use it: {error} (details are in the log)."
