"""The app shell: builds the window's parts once and answers the window's own menu.

How ``gui/`` is put together:

- :mod:`interview_kit.gui.context` — the :class:`~interview_kit.gui.context.AppContext`
  every section depends on (the open database, who is scoring, the window, the change
  notices, the rubric cache). Sections never import this module.
- :mod:`interview_kit.gui.sections` — the navigation sections, listed once; each section's
  ``wiring`` (``gui/home_wiring.py``, ``gui/recruiter/wiring.py``…) takes the context.
- :mod:`interview_kit.gui.stage_walk.wiring` — opening, autosaving, submitting and
  amending a stage walk.
- :mod:`interview_kit.gui.database_switch` — File → Database….

The :class:`Controller` here holds what spans them: who is scoring (restored at start-up,
asked when needed), switching databases, the demo, backup, About, and the exchange
dialogs of the File menu.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from interview_kit.gui.context import AppContext
from interview_kit.gui.database_switch import DatabaseSwitch
from interview_kit.gui.exchange_dialogs import ExchangeActions
from interview_kit.gui.home_wiring import HomeWiring, database_is_empty
from interview_kit.gui.identity import IdentityDialog, InterviewerChoice
from interview_kit.gui.interop_dialogs import InteropActions
from interview_kit.gui.main_window import MainWindow
from interview_kit.gui.sections import SECTIONS, Section, add_section
from interview_kit.gui.settings import AppSettings
from interview_kit.gui.sign_in import SignInWiring
from interview_kit.gui.stage_walk.wiring import StageWalkWiring
from interview_kit.gui.tasks import run_in_background
from interview_kit.services import demo, interviewers
from interview_kit.services.errors import ConflictError, NotFoundError, ServiceError

if TYPE_CHECKING:
    from interview_kit.services.interviewers import InterviewerRecord
    from interview_kit.storage.database import Database

logger = logging.getLogger(__name__)


class Controller(QObject):
    """Builds the context, the sections and the walk; owns identity and the File menu."""

    def __init__(
        self, window: MainWindow, settings: AppSettings, context: AppContext | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.context = context or AppContext(window, settings)
        self.walks = StageWalkWiring(self.context)
        self.walks.identityNeeded.connect(lambda: self.ask_identity(first_start=False))
        self.walks.closed.connect(self._walk_closed)
        self.database_switch = DatabaseSwitch(self.context, self.switch_database, self._busy)
        self.home: HomeWiring | None = None
        self.sections: dict[str, object] = {}
        self.identity_dialog: IdentityDialog | None = None
        self.sign_in = SignInWiring(self.context)
        self._loading_demo = False

        window.loadDemoRequested.connect(self.load_demo)
        window.switchInterviewerRequested.connect(lambda: self.ask_identity(first_start=False))
        window.backupRequested.connect(self.backup_database)
        window.databaseRequested.connect(self.database_switch.open_dialog)
        window.aboutRequested.connect(self.show_about)
        window.closing.connect(self.walks.flush)

        self.exchange = ExchangeActions(window, lambda: self.context.db, self._me_for_exchange)
        window.exportRequested.connect(self.exchange.open_export)
        window.importRequested.connect(self.exchange.open_import)
        self.exchange.imported.connect(self._after_import)

        self.interop = InteropActions(self.context, self._pipeline_query)
        self.interop.install(window.ui.menuFile, window.ui.actionBackup)

    def add_sections(self) -> None:
        """Build and wire every section of the window (see :mod:`~interview_kit.gui.sections`)."""
        for section in SECTIONS:
            self.add_section(section)

    def add_section(self, section: Section) -> None:
        """Build and wire one section (start-up adds them one event-loop turn apart)."""
        self.adopt(section.key, add_section(self.window, self.context, section))

    def adopt(self, key: str, wiring: object) -> None:
        """Take section ``key``'s wiring, built already (start-up builds Home first)."""
        self.sections[key] = wiring
        if isinstance(wiring, HomeWiring):
            self.home = wiring
            wiring.page.loadDemoRequested.connect(self.load_demo)
            wiring.page.openStageRequested.connect(self.walks.open)

    def _pipeline_query(self) -> object:
        """The pipeline's filter and order as shown, for its export."""
        query = getattr(self.sections.get("pipeline"), "query", None)
        return query() if callable(query) else None

    def attach_database(self, db: Database) -> None:
        self.context.attach_database(db)

    def start(self, *, home_listed: bool = False) -> None:
        """After the window is shown: who is scoring, and the Home lists (``home_listed``:
        Home shows its first page already, see
        :meth:`~interview_kit.gui.home_wiring.HomeWiring.show_first_page`)."""
        self._restore_interviewer()
        if home_listed and self.home is not None:
            self.home.finish_start()
        else:
            self._refresh_home()
        if self._identity_wanted():
            # Let the window paint first; the question then sits on top of it.
            QTimer.singleShot(0, lambda: self.ask_identity(first_start=True))

    def _refresh_home(self) -> None:
        if self.home is not None:
            self.home.refresh()

    def _walk_closed(self) -> None:
        if self.home is not None:
            self.home.show()

    def _database_is_empty(self) -> bool:
        assert self.context.db is not None
        return database_is_empty(self.context.db)

    def _identity_wanted(self) -> bool:
        """Nobody is scoring yet and somebody may be chosen (not on a person's login)."""
        return (
            self.context.interviewer is None
            and not self.sign_in.identity_is_login
            and not self._database_is_empty()
        )

    # ------------------------------------------------------------------------------
    # File → Database…

    def _busy(self) -> str:
        return "Wait until the demo data has loaded, then switch." if self._loading_demo else ""

    def switch_database(self, db: Database, setting: str) -> None:
        """Work on ``db`` from now on and remember it for the next start; the database in
        use until now is closed (anything typed in a stage walk is saved to it first)."""
        self.walks.close()
        if self.identity_dialog is not None:
            self.identity_dialog.reject()
        old = self.context.db
        self.database_switch.switched(setting)
        self.context.db = db
        self._restore_interviewer()  # the same person, if this database knows them
        if self.context.interviewer is not None:
            db.actor = self.context.interviewer.name
        self.context.attach_database(db)
        if old is not None and old is not db:
            old.close()
        self._refresh_home()
        self.window.statusBar().showMessage(f"Now using {db.location}", 8000)
        if self._identity_wanted():
            QTimer.singleShot(0, lambda: self.ask_identity(first_start=False))

    # ------------------------------------------------------------------------------
    # Panel packs and scorecard bundles (interview_kit/gui/exchange_dialogs.py)

    def _me_for_exchange(self) -> tuple[str, str] | None:
        person = self.context.interviewer
        return None if person is None else (person.uuid, person.name)

    def _after_import(self, plan: object) -> None:
        """Reload what an import may have changed; a pack for someone who has not said
        who they are yet tells us."""
        context = self.context
        context.forget_cached_rubrics()
        pack_for = getattr(plan, "interviewer", None) if hasattr(plan, "new_candidates") else None
        if (
            context.interviewer is None
            and pack_for is not None
            and context.db is not None
            and not self.sign_in.identity_is_login
        ):
            self.set_interviewer(interviewers.get_interviewer(context.db, pack_for.uuid))
        self._refresh_home()
        context.dataChanged.emit()

    # ------------------------------------------------------------------------------
    # Who is scoring

    def _restore_interviewer(self) -> None:
        context = self.context
        assert context.db is not None
        context.interviewer = None
        signed_in = self.sign_in.refresh()
        if signed_in is not None:  # a person's own login: the identity is the login
            context.interviewer = signed_in.interviewer
            context.db.actor = signed_in.name
            return
        uuid = self.settings.interviewer_uuid
        if uuid:
            try:
                context.interviewer = interviewers.get_interviewer(context.db, uuid)
            except NotFoundError:
                logger.info("interviewer %s is not in this database", uuid)
        self._show_identity()

    def _show_identity(self) -> None:
        person = self.context.interviewer
        if person is None:
            self.window.set_identity("Nobody is signed in (People → Switch interviewer)")
        else:
            self.window.set_identity(f"Scoring as {person.name}")

    def ask_identity(self, *, first_start: bool) -> IdentityDialog | None:
        """Open the "who is scoring" dialog (window-modal, not blocking); on a person's own
        login of a shared database, say why nobody picks a name instead."""
        context = self.context
        assert context.db is not None
        if self.sign_in.identity_is_login:
            if not first_start:
                self.sign_in.explain_identity()
            return None
        if self.identity_dialog is not None:
            self.identity_dialog.raise_()
            return self.identity_dialog
        choices = [
            InterviewerChoice(p.uuid, p.name, p.email)
            for p in interviewers.list_interviewers(context.db)
        ]
        current = context.interviewer.uuid if context.interviewer else None
        dialog = IdentityDialog(choices, current, self.window)
        if first_start:
            dialog.setWindowTitle("Welcome: who is scoring?")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._identity_chosen(dialog))
        dialog.finished.connect(lambda _result: self._identity_closed(dialog))
        self.identity_dialog = dialog
        dialog.open()
        return dialog

    def _identity_closed(self, dialog: IdentityDialog) -> None:
        if self.identity_dialog is dialog:
            self.identity_dialog = None
        dialog.deleteLater()

    def _identity_chosen(self, dialog: IdentityDialog) -> None:
        db = self.context.db
        assert db is not None
        answer = dialog.answer()
        try:
            if answer.uuid is not None:
                person = interviewers.get_interviewer(db, answer.uuid)
            else:
                person = interviewers.find_interviewer(db, email=answer.email)
                if person is None:
                    person = interviewers.add_interviewer(db, name=answer.name, email=answer.email)
        except ServiceError as exc:
            self.context.show_error("Could not set who is scoring", str(exc))
            return
        self.set_interviewer(person)
        self.walks.open_pending()

    def set_interviewer(self, person: InterviewerRecord) -> None:
        self.walks.close()
        context = self.context
        context.interviewer = person
        self.settings.interviewer_uuid = person.uuid
        if context.db is not None:
            context.db.actor = person.name
        self._show_identity()
        self._refresh_home()
        context.interviewerChanged.emit()

    # ------------------------------------------------------------------------------
    # Demo data, backup, about

    def load_demo(self, *, replace: bool = False) -> None:
        """Load the demo panel in the background; a database in use is only replaced
        after the user agrees (a backup copy is written first)."""
        db = self.context.db
        if db is None or self._loading_demo:
            return
        self.walks.close()
        self._loading_demo = True
        if self.home is not None:
            self.home.page.set_demo_loading("Loading the demo panel…")
        self.window.statusBar().showMessage("Loading demo data…")

        def work(_handle: object) -> str:
            return load_demo_data(db, replace=replace)

        run_in_background(work, self._demo_loaded, self._demo_failed)

    def _demo_loaded(self, summary: object) -> None:
        self._loading_demo = False
        self.context.forget_cached_rubrics()
        self.window.statusBar().showMessage(f"Demo data loaded: {summary}", 8000)
        self._restore_interviewer()
        self._refresh_home()
        self.context.dataChanged.emit()
        if self._identity_wanted():
            self.ask_identity(first_start=True)

    def _demo_failed(self, error: BaseException) -> None:
        self._loading_demo = False
        if self.home is not None:
            self.home.page.show_welcome(self._database_is_empty())
        self.window.statusBar().clearMessage()
        if isinstance(error, ConflictError):
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Replace with demo data?",
                "This database is already in use. Loading the demo replaces its candidates "
                "and interviewers; a backup copy of the database is written first.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                self.window,
            )
            box.setDetailedText(str(error))
            box.button(QMessageBox.StandardButton.Yes).setText("Replace")
            if box.exec() == QMessageBox.StandardButton.Yes:
                self.load_demo(replace=True)
            return
        self.context.show_error("Could not load the demo data", str(error))

    def backup_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from interview_kit.services import database

        if self.context.db is None:
            return
        target, _filter = QFileDialog.getSaveFileName(
            self.window, "Back up the database", "interview-kit-backup.sqlite3"
        )
        if not target:
            return
        try:
            written = database.backup(self.context.db, target, overwrite=True)
        except ServiceError as exc:
            self.context.show_error("Backup failed", str(exc))
            return
        self.window.statusBar().showMessage(f"Backed up to {written}", 8000)

    def show_about(self) -> None:
        from interview_kit import __version__

        box = QMessageBox(
            QMessageBox.Icon.Information,
            "About Interview Kit",
            f"Interview Kit {__version__}\n\nStructured, offline-first interview panels "
            "for hiring Builders.",
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.exec()


def load_demo_data(db: Database, *, replace: bool = False) -> str:
    """Store the default rubric and the demo panel; the summary line for the status bar."""
    return demo.load_demo(db, force=replace).summary


__all__ = ["Controller", "load_demo_data"]
