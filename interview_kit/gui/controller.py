"""The one place where pages meet the services.

Pages emit intent signals (``…Requested``) and show plain data; the :class:`Controller`
answers those signals by calling services and pushing the results back. Nothing else in
``gui/`` imports a service.

Adding a section to the main window (recruiter and committee pages, say) is two edits,
both in this module:

1. a ``Controller.wire_<name>(page)`` method connecting the page's signals to services;
2. one entry in :data:`PAGES` — ``PageEntry(key, title, factory, wire)`` — in the order
   the section appears in the navigation.

:func:`register_pages` builds every entry's page, adds it to the window and wires it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from interview_kit.gui.home import CURRENT_STAGE, HomePage
from interview_kit.gui.identity import IdentityDialog, InterviewerChoice
from interview_kit.gui.main_window import MainWindow
from interview_kit.gui.models.home import CandidateItem, InterviewItem, InterviewStatus
from interview_kit.gui.settings import AppSettings
from interview_kit.gui.tasks import run_in_background

if TYPE_CHECKING:
    from interview_kit.domain.rubric import Rubric
    from interview_kit.gui.stage_walk import StageWalk
    from interview_kit.services.interviewers import InterviewerRecord
    from interview_kit.storage.database import Database

logger = logging.getLogger(__name__)

CANDIDATE_PAGE_SIZE = 200
"""Candidates fetched per page of the Home list; more come as the user scrolls."""


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str
    factory: Callable[[], QWidget]
    wire: Callable[[Controller, Any], None]


def _home_page() -> QWidget:
    return HomePage()


PAGES: list[PageEntry] = [
    PageEntry("home", "My interviews", _home_page, lambda c, page: c.wire_home(page)),
    # Recruiter and committee sections are added here, each with its wire_<name> method.
]
"""The navigation sections, top to bottom."""


def register_pages(window: MainWindow, controller: Controller) -> None:
    """Build, add and wire every section listed in :data:`PAGES`."""
    for entry in PAGES:
        page = entry.factory()
        window.add_page(entry.key, entry.title, page)
        entry.wire(controller, page)


class Controller(QObject):
    """Holds the open database and who is scoring; answers the pages' requests."""

    interviewerChanged = Signal()
    databaseChanged = Signal()
    dataChanged = Signal()
    """Something other pages list may have changed (demo loaded, scorecard submitted)."""

    def __init__(self, window: MainWindow, settings: AppSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.db: Database | None = None
        self.interviewer: InterviewerRecord | None = None
        self.home: HomePage | None = None
        self.walk: StageWalk | None = None
        self.identity_dialog: IdentityDialog | None = None
        self._rubric_cache: dict[str, Rubric] = {}
        self._candidate_query_text = ""
        self._loading_demo = False

        window.loadDemoRequested.connect(self.load_demo)
        window.switchInterviewerRequested.connect(lambda: self.ask_identity(first_start=False))
        window.backupRequested.connect(self.backup_database)
        window.aboutRequested.connect(self.show_about)
        window.closing.connect(self.shutdown)

    # ------------------------------------------------------------------------------
    # Database and start-up

    def attach_database(self, db: Database) -> None:
        self.db = db
        self._rubric_cache.clear()
        self.window.set_database(f"Database: {db.location}")
        self.databaseChanged.emit()

    def start(self) -> None:
        """After the window is shown: who is scoring, and the Home lists."""
        self._restore_interviewer()
        self.refresh_home()
        if self.interviewer is None and not self._database_is_empty():
            # Let the window paint first; the question then sits on top of it.
            QTimer.singleShot(0, lambda: self.ask_identity(first_start=True))

    def shutdown(self) -> None:
        if self.walk is not None:
            self.walk.flush()

    def _database_is_empty(self) -> bool:
        from interview_kit.services import candidates

        assert self.db is not None
        page = candidates.list_candidates(self.db, candidates.CandidateQuery(limit=1))
        return not page.total

    # ------------------------------------------------------------------------------
    # Who is scoring

    def _restore_interviewer(self) -> None:
        from interview_kit.services import interviewers
        from interview_kit.services.errors import NotFoundError

        assert self.db is not None
        self.interviewer = None
        uuid = self.settings.interviewer_uuid
        if uuid:
            try:
                self.interviewer = interviewers.get_interviewer(self.db, uuid)
            except NotFoundError:
                logger.info("interviewer %s is not in this database", uuid)
        self._show_identity()

    def _show_identity(self) -> None:
        person = self.interviewer
        if person is None:
            self.window.set_identity("Nobody is signed in (People → Switch interviewer)")
        else:
            self.window.set_identity(f"Scoring as {person.name}")

    def ask_identity(self, *, first_start: bool) -> IdentityDialog:
        """Open the "who is scoring" dialog (window-modal, not blocking)."""
        from interview_kit.services import interviewers

        assert self.db is not None
        if self.identity_dialog is not None:
            self.identity_dialog.raise_()
            return self.identity_dialog
        choices = [
            InterviewerChoice(p.uuid, p.name, p.email)
            for p in interviewers.list_interviewers(self.db)
        ]
        current = self.interviewer.uuid if self.interviewer else None
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
        from interview_kit.services import interviewers
        from interview_kit.services.errors import ServiceError

        assert self.db is not None
        answer = dialog.answer()
        try:
            if answer.uuid is not None:
                person = interviewers.get_interviewer(self.db, answer.uuid)
            else:
                person = interviewers.find_interviewer(self.db, email=answer.email)
                if person is None:
                    person = interviewers.add_interviewer(
                        self.db, name=answer.name, email=answer.email
                    )
        except ServiceError as exc:
            self.show_error("Could not set who is scoring", str(exc))
            return
        self.set_interviewer(person)

    def set_interviewer(self, person: InterviewerRecord) -> None:
        if self.walk is not None:
            self.walk.flush()
            self.close_walk()
        self.interviewer = person
        self.settings.interviewer_uuid = person.uuid
        if self.db is not None:
            self.db.actor = person.name
        self._show_identity()
        self.refresh_home()
        self.interviewerChanged.emit()

    # ------------------------------------------------------------------------------
    # Home

    def wire_home(self, page: HomePage) -> None:
        self.home = page
        page.loadDemoRequested.connect(self.load_demo)
        page.openStageRequested.connect(self.open_stage_walk)
        page.searchChanged.connect(self._search_candidates)
        page.candidates.moreWanted.connect(self._more_candidates)
        page.candidates.sortChanged.connect(lambda: self._search_candidates(None))

    def refresh_home(self) -> None:
        if self.home is None or self.db is None:
            return
        if self._database_is_empty():
            self.home.show_welcome(True)
            self.home.set_interviews([], "")
            self.home.set_candidates([], 0)
            return
        self.home.show_welcome(False)
        rubric = self.active_rubric()
        if rubric is not None:
            self.home.set_stages([(s.id, f"{s.number}. {s.title}") for s in rubric.stages])
        self.home.set_interviews(self._my_interviews(rubric), self._my_name())
        self._search_candidates(None)

    def _my_name(self) -> str:
        return self.interviewer.name if self.interviewer else ""

    def _my_interviews(self, rubric: Rubric | None) -> list[InterviewItem]:
        from interview_kit.services import assignments

        if self.interviewer is None or self.db is None:
            return []
        stages = {s.id: s for s in rubric.stages} if rubric else {}
        rows = []
        for record in assignments.assignments_for_interviewer(self.db, self.interviewer.uuid):
            stage = stages.get(record.stage_id)
            rows.append(
                InterviewItem(
                    candidate_uuid=record.candidate_uuid,
                    candidate_name=record.candidate_name,
                    stage_id=record.stage_id,
                    stage_number=stage.number if stage else 0,
                    stage_title=stage.title if stage else record.stage_id,
                    status=InterviewStatus(record.scorecard_status or "not_started"),
                    updated_at=record.last_change,
                )
            )
        return rows

    def _candidate_query(self, text: str, offset: int) -> Any:
        from interview_kit.services import candidates

        assert self.home is not None
        model = self.home.candidates
        sort = {
            0: candidates.CandidateSort.NAME,
            1: candidates.CandidateSort.EMAIL,
            2: candidates.CandidateSort.SOURCE,
            4: candidates.CandidateSort.STAGE,
            5: candidates.CandidateSort.STATUS,
            6: candidates.CandidateSort.UPDATED,
        }.get(model.sort_column, candidates.CandidateSort.NAME)
        return candidates.CandidateQuery(
            text=text,
            sort=sort,
            descending=model.descending,
            offset=offset,
            limit=CANDIDATE_PAGE_SIZE,
            with_total=offset == 0,
        )

    def _search_candidates(self, text: str | None) -> None:
        from interview_kit.services import candidates

        if self.home is None or self.db is None:
            return
        if text is not None:
            self._candidate_query_text = text
        page = candidates.list_candidates(
            self.db, self._candidate_query(self._candidate_query_text, 0)
        )
        self.home.set_candidates(self._candidate_items(page.rows), page.total or 0)

    def _more_candidates(self, offset: int) -> None:
        from interview_kit.services import candidates

        if self.home is None or self.db is None:
            return
        page = candidates.list_candidates(
            self.db, self._candidate_query(self._candidate_query_text, offset)
        )
        self.home.candidates.append_rows(self._candidate_items(page.rows))

    def _candidate_items(self, rows: Any) -> list[CandidateItem]:
        rubric = self.active_rubric()
        titles = {s.id: f"{s.number}. {s.title}" for s in rubric.stages} if rubric else {}
        # Only what any interviewer may see: no scores or recommendations here.
        return [
            CandidateItem(
                uuid=row.uuid,
                name=row.name,
                email=row.email,
                source=row.source.label,
                origin=row.origin_path.label,
                stage=titles.get(row.stage_id or "", row.stage_id or ""),
                status=row.status.label,
                updated_at=row.updated_at,
                stage_id=row.stage_id or "",
            )
            for row in rows
        ]

    def active_rubric(self) -> Rubric | None:
        from interview_kit.services import rubrics
        from interview_kit.services.errors import NotFoundError

        if self.db is None:
            return None
        cached = self._rubric_cache.get("active")
        if cached is not None:
            return cached
        try:
            loaded = rubrics.active_rubric(self.db)
        except NotFoundError:
            return None
        self._rubric_cache["active"] = loaded.rubric
        return loaded.rubric

    # ------------------------------------------------------------------------------
    # Demo data, backup, about

    def load_demo(self) -> None:
        if self.db is None or self._loading_demo:
            return
        if not self._database_is_empty():
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Load demo data",
                "This database already has candidates. Add the demo panel to them?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self.window,
            )
            if box.exec() != QMessageBox.StandardButton.Yes:
                return
        db = self.db
        self._loading_demo = True
        if self.home is not None:
            self.home.set_demo_loading("Loading the demo panel…")
        self.window.statusBar().showMessage("Loading demo data…")

        def work(_handle: object) -> str:
            return load_demo_data(db)

        run_in_background(work, self._demo_loaded, self._demo_failed)

    def _demo_loaded(self, summary: object) -> None:
        self._loading_demo = False
        self._rubric_cache.clear()
        self.window.statusBar().showMessage(f"Demo data loaded: {summary}", 8000)
        self.refresh_home()
        self.dataChanged.emit()
        if self.interviewer is None:
            self.ask_identity(first_start=True)

    def _demo_failed(self, error: BaseException) -> None:
        self._loading_demo = False
        if self.home is not None:
            self.home.show_welcome(self._database_is_empty())
        self.window.statusBar().clearMessage()
        self.show_error("Could not load the demo data", str(error))

    def backup_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from interview_kit.services import database
        from interview_kit.services.errors import ServiceError

        if self.db is None:
            return
        target, _filter = QFileDialog.getSaveFileName(
            self.window, "Back up the database", "interview-kit-backup.sqlite3"
        )
        if not target:
            return
        try:
            written = database.backup(self.db, target, overwrite=True)
        except ServiceError as exc:
            self.show_error("Backup failed", str(exc))
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

    def show_error(self, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self.window
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()

    # ------------------------------------------------------------------------------
    # Stage walk (see wire_stage_walk below)

    def open_stage_walk(self, candidate_uuid: str, stage_id: str) -> None:
        logger.info("stage walk for %s %s is not available yet", candidate_uuid, stage_id)

    def close_walk(self) -> None:
        self.walk = None


def load_demo_data(db: Database) -> str:
    """Store the default rubric and the demo panel; the summary line for the status bar."""
    from interview_kit.services import demo, rubrics

    info = rubrics.ensure_default_rubric(db)
    rubric = rubrics.active_rubric(db, info.rubric_id).rubric
    plan = demo.build_plan(rubric)
    demo.write_plan(db, plan)
    return plan.summary()


__all__ = ["CURRENT_STAGE", "PAGES", "Controller", "PageEntry", "register_pages"]
