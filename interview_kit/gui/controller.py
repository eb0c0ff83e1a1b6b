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
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import (
    CriterionRating,
    Observation,
    Scorecard,
    ScorecardStatus,
)
from interview_kit.gui.home import CURRENT_STAGE, HomePage
from interview_kit.gui.identity import IdentityDialog, InterviewerChoice
from interview_kit.gui.main_window import MainWindow
from interview_kit.gui.models.home import CandidateItem, InterviewItem, InterviewStatus
from interview_kit.gui.settings import AppSettings, DatabaseSource
from interview_kit.gui.stage_walk import (
    CandidateBrief,
    HistoryEntry,
    PanelCard,
    Problem,
    StageWalk,
    Step,
    WalkContent,
    WalkSetup,
)
from interview_kit.gui.stage_walk.state import PROBLEM_STEPS
from interview_kit.gui.tasks import run_in_background
from interview_kit.services import (
    assignments,
    candidates,
    demo,
    interviewers,
    rubrics,
    scorecards,
)
from interview_kit.services.common import UNSET
from interview_kit.services.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    ServiceError,
)

if TYPE_CHECKING:
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


def _pipeline_page() -> QWidget:
    from interview_kit.gui.recruiter.pipeline_page import PipelinePage

    return PipelinePage()


def _wire_pipeline(controller: Controller, page: Any) -> None:
    from interview_kit.gui.recruiter.wiring import wire_pipeline

    wire_pipeline(controller, page)


def _people_page() -> QWidget:
    from interview_kit.gui.recruiter.people_page import PeoplePage

    return PeoplePage()


def _wire_people(controller: Controller, page: Any) -> None:
    from interview_kit.gui.recruiter.wiring import wire_people

    wire_people(controller, page)


def _committee_page() -> QWidget:
    from interview_kit.gui.committee.page import CommitteePage

    return CommitteePage()


def _wire_committee(controller: Controller, page: Any) -> None:
    from interview_kit.gui.committee.wiring import wire_committee

    wire_committee(controller, page)


def _insights_page() -> QWidget:
    from interview_kit.gui.insights.page import InsightsPage

    return InsightsPage()


def _wire_insights(controller: Controller, page: Any) -> None:
    from interview_kit.gui.insights.wiring import wire_insights

    wire_insights(controller, page)


def _rubric_editor_page() -> QWidget:
    from interview_kit.gui.rubric_editor.page import RubricEditorPage

    return RubricEditorPage()


def _wire_rubric_editor(controller: Controller, page: Any) -> None:
    from interview_kit.gui.rubric_editor.wiring import wire_rubric_editor

    wire_rubric_editor(controller, page)


PAGES: list[PageEntry] = [
    PageEntry("home", "My interviews", _home_page, lambda c, page: c.wire_home(page)),
    # Recruiter and committee sections are added here, each with its wire_<name> method.
    PageEntry("pipeline", "Pipeline", _pipeline_page, _wire_pipeline),
    PageEntry("people", "Interviewers", _people_page, _wire_people),
    PageEntry("committee", "Panel review", _committee_page, _wire_committee),
    PageEntry("insights", "Insights", _insights_page, _wire_insights),
    PageEntry("rubric", "Rubric", _rubric_editor_page, _wire_rubric_editor),
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
        self._walk_state: _WalkState | None = None
        self._pending_walk: tuple[str, str] | None = None
        self.database_source = DatabaseSource.DEFAULT
        """Where the database in use was chosen (the app sets it at start-up)."""
        self.startup_source: DatabaseSource | None = None
        self.database_dialog: Any = None

        window.loadDemoRequested.connect(self.load_demo)
        window.switchInterviewerRequested.connect(lambda: self.ask_identity(first_start=False))
        window.backupRequested.connect(self.backup_database)
        window.databaseRequested.connect(self.open_database_dialog)
        window.aboutRequested.connect(self.show_about)
        window.closing.connect(self.shutdown)

        from interview_kit.gui.exchange_dialogs import ExchangeActions

        self.exchange = ExchangeActions(window, lambda: self.db, self._me_for_exchange)
        window.exportRequested.connect(self.exchange.open_export)
        window.importRequested.connect(self.exchange.open_import)
        self.exchange.imported.connect(self._after_import)

    @property
    def viewer(self) -> str | None:
        """Whose scoring must stay independent on the recruiter and committee pages: the
        signed-in interviewer's uuid, ``None`` when nobody is (a recruiter). See
        :mod:`interview_kit.services.independence`."""
        return self.interviewer.uuid if self.interviewer is not None else None

    # ------------------------------------------------------------------------------
    # Database and start-up

    def attach_database(self, db: Database) -> None:
        self.db = db
        self._rubric_cache.clear()
        self.window.set_database(f"Database: {db.location}")
        self.databaseChanged.emit()

    # ------------------------------------------------------------------------------
    # File → Database…: test another database, switch to it, remember it

    def open_database_dialog(self) -> Any:
        """Show which database is in use; test and switch to another (window-modal)."""
        from interview_kit.gui.database_dialog import DatabaseDialog

        if self.database_dialog is not None:
            self.database_dialog.raise_()
            return self.database_dialog
        db = self.db
        dialog = DatabaseDialog(
            location=db.location if db is not None else "none",
            source=self.database_source,
            startup=self.startup_source or self.database_source,
            is_sqlite=db is None or db.is_sqlite,
            parent=self.window,
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.testRequested.connect(lambda target: self._test_database(dialog, target))
        dialog.switchRequested.connect(lambda target: self._open_other_database(dialog, target))
        dialog.finished.connect(lambda _result: self._database_dialog_closed(dialog))
        self.database_dialog = dialog
        dialog.open()
        return dialog

    def _database_dialog_closed(self, dialog: Any) -> None:
        if self.database_dialog is dialog:
            self.database_dialog = None
        dialog.deleteLater()

    def _dialog_open(self, dialog: Any) -> bool:
        return self.database_dialog is dialog

    def _test_database(self, dialog: Any, target: str) -> None:
        from interview_kit.services import connection

        dialog.set_busy(True, "Testing the connection…")

        def work(_handle: object) -> object:
            return connection.check_database(target)

        def done(probe: Any) -> None:
            if self._dialog_open(dialog):
                dialog.set_busy(False)
                dialog.show_result(probe.describe(), ok=True)

        def failed(error: BaseException) -> None:
            if self._dialog_open(dialog):
                dialog.set_busy(False)
                dialog.show_result(_database_problem(error), ok=False)

        run_in_background(work, done, failed)

    def _open_other_database(self, dialog: Any, target: str) -> None:
        """Open the chosen database off the UI thread; switch only once it is open."""
        from interview_kit.services import connection

        if self._loading_demo:
            dialog.show_result("Wait until the demo data has loaded, then switch.", ok=False)
            return
        actor = self.interviewer.name if self.interviewer is not None else ""
        dialog.set_busy(True, "Opening the database…")

        def work(_handle: object) -> object:
            return connection.open_checked(target, actor=actor), connection.setting_value(target)

        def done(result: Any) -> None:
            db, setting = result
            self.switch_database(db, setting)
            if self._dialog_open(dialog):
                dialog.finish()

        def failed(error: BaseException) -> None:
            if self._dialog_open(dialog):
                dialog.set_busy(False)
                dialog.show_result(
                    _database_problem(error) + " Still using the database you had.", ok=False
                )

        run_in_background(work, done, failed)

    def switch_database(self, db: Database, setting: str) -> None:
        """Work on ``db`` from now on and remember it for the next start; the database in
        use until now is closed (anything typed in a stage walk is saved to it first)."""
        if self.walk is not None:
            self.close_walk()
        if self.identity_dialog is not None:
            self.identity_dialog.reject()
        old = self.db
        self.settings.database_url = setting
        if self.startup_source is None:
            self.startup_source = self.database_source
        self.database_source = DatabaseSource.SETTING
        self.db = db
        self._restore_interviewer()  # the same person, if this database knows them
        if self.interviewer is not None:
            db.actor = self.interviewer.name
        self.attach_database(db)
        if old is not None and old is not db:
            old.close()
        self.refresh_home()
        self.window.statusBar().showMessage(f"Now using {db.location}", 8000)
        if self.interviewer is None and not self._database_is_empty():
            QTimer.singleShot(0, lambda: self.ask_identity(first_start=False))

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
        assert self.db is not None
        page = candidates.list_candidates(self.db, candidates.CandidateQuery(limit=1))
        return not page.total

    # ------------------------------------------------------------------------------
    # Panel packs and scorecard bundles (interview_kit/gui/exchange_dialogs.py)

    def _me_for_exchange(self) -> tuple[str, str] | None:
        person = self.interviewer
        return None if person is None else (person.uuid, person.name)

    def _after_import(self, plan: object) -> None:
        """Reload what an import may have changed; a pack for someone who has not said
        who they are yet tells us."""
        self._rubric_cache.clear()
        pack_for = getattr(plan, "interviewer", None) if hasattr(plan, "new_candidates") else None
        if self.interviewer is None and pack_for is not None and self.db is not None:
            self.set_interviewer(interviewers.get_interviewer(self.db, pack_for.uuid))
        self.refresh_home()
        self.dataChanged.emit()

    # ------------------------------------------------------------------------------
    # Who is scoring

    def _restore_interviewer(self) -> None:
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
        pending, self._pending_walk = self._pending_walk, None
        if pending is not None:
            self.open_stage_walk(*pending)

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
        if self.home is None or self.db is None:
            return
        if text is not None:
            self._candidate_query_text = text
        page = candidates.list_candidates(
            self.db, self._candidate_query(self._candidate_query_text, 0)
        )
        self.home.set_candidates(self._candidate_items(page.rows), page.total or 0)

    def _more_candidates(self, offset: int) -> None:
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

    def forget_cached_rubrics(self) -> None:
        """After a rubric version is saved or activated: read the active one again."""
        self._rubric_cache.clear()

    def active_rubric(self) -> Rubric | None:
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

    def load_demo(self, *, replace: bool = False) -> None:
        """Load the demo panel in the background; a database in use is only replaced
        after the user agrees (a backup copy is written first)."""
        if self.db is None or self._loading_demo:
            return
        if self.walk is not None:
            self.close_walk()
        db = self.db
        self._loading_demo = True
        if self.home is not None:
            self.home.set_demo_loading("Loading the demo panel…")
        self.window.statusBar().showMessage("Loading demo data…")

        def work(_handle: object) -> str:
            return load_demo_data(db, replace=replace)

        run_in_background(work, self._demo_loaded, self._demo_failed)

    def _demo_loaded(self, summary: object) -> None:
        self._loading_demo = False
        self._rubric_cache.clear()
        self.window.statusBar().showMessage(f"Demo data loaded: {summary}", 8000)
        self._restore_interviewer()
        self.refresh_home()
        self.dataChanged.emit()
        if self.interviewer is None:
            self.ask_identity(first_start=True)

    def _demo_failed(self, error: BaseException) -> None:
        self._loading_demo = False
        if self.home is not None:
            self.home.show_welcome(self._database_is_empty())
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
        self.show_error("Could not load the demo data", str(error))

    def backup_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from interview_kit.services import database

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
    # Stage walk

    def open_stage_walk(self, candidate_uuid: str, stage_id: str = CURRENT_STAGE) -> None:
        """Open the current interviewer's scorecard for a candidate's stage."""
        if self.db is None:
            return
        if self.interviewer is None:
            self._pending_walk = (candidate_uuid, stage_id)
            self.ask_identity(first_start=False)
            return
        try:
            walk = self._build_walk(candidate_uuid, stage_id)
        except ServiceError as exc:
            self.show_error("Could not open the stage walk", str(exc))
            return
        self.window.show_overlay_page(walk)
        walk.go_to(Step.BRIEF)

    def _build_walk(self, candidate_uuid: str, stage_id: str) -> StageWalk:
        assert self.db is not None
        assert self.interviewer is not None
        db, me = self.db, self.interviewer
        if self.walk is not None:
            self.close_walk()
        candidate = candidates.get_candidate(db, candidate_uuid)
        if not stage_id:
            stage_id = self._stage_to_open(candidate)
        detail = scorecards.find_scorecard(db, candidate_uuid, stage_id, me.uuid)
        rubric, label = self._rubric_for(detail, candidate)
        try:
            rubric.stage(stage_id)
        except KeyError:
            raise InvalidInputError(
                f"stage {stage_id!r} is not part of the rubric {candidate.name} is "
                "interviewed against"
            ) from None
        content = content_from_detail(detail) if detail is not None else WalkContent()
        setup = WalkSetup(
            rubric=rubric,
            stage_id=stage_id,
            candidate=CandidateBrief(
                uuid=candidate.uuid,
                name=candidate.name,
                email=candidate.email,
                source=candidate.source.label,
                origin=candidate.origin_path.label,
                role_title=candidate.role_title,
                notes=candidate.notes,
            ),
            interviewer_name=me.name,
            content=content,
            submitted_at=detail.scorecard.submitted_at if detail and detail.is_submitted else None,
            saved_at=detail.updated_at if detail is not None else None,
            rubric_label=label,
        )
        walk = StageWalk(setup)
        self.walk = walk
        self._walk_state = _WalkState(
            candidate_uuid=candidate_uuid,
            stage_id=stage_id,
            scorecard_uuid=detail.uuid if detail is not None else None,
            rubric=rubric,
            saved=content.copy(),
        )
        self.wire_stage_walk(walk)
        walk.set_problems(self.walk_problems(content))
        if detail is not None and detail.is_submitted:
            walk.set_submitted(detail.scorecard.submitted_at, history_of(detail, rubric))
            self._show_panel()
        return walk

    def _stage_to_open(self, candidate: Any) -> str:
        assert self.db is not None
        assert self.interviewer is not None
        mine = [
            record
            for record in assignments.assignments_for_candidate(self.db, candidate.uuid)
            if record.interviewer_uuid == self.interviewer.uuid
        ]
        open_ones = [record for record in mine if record.scorecard_status != "submitted"]
        if open_ones or mine:
            return (open_ones or mine)[0].stage_id
        if candidate.stage_id:
            return str(candidate.stage_id)
        rubric = self.active_rubric()
        if rubric is None:
            raise NotFoundError("no rubric is stored yet: load the demo data or import one")
        return rubric.stages[0].id

    def _rubric_for(self, detail: Any, candidate: Any) -> tuple[Rubric, str]:
        """The rubric version the scorecard (or else the candidate) is scored against."""
        assert self.db is not None
        if detail is not None:
            rubric_id, version = detail.rubric_id, detail.rubric_version
        elif candidate.rubric_id is not None and candidate.rubric_version is not None:
            rubric_id, version = candidate.rubric_id, candidate.rubric_version
        else:
            loaded = rubrics.active_rubric(self.db)
            return loaded.rubric, f"{loaded.info.rubric_id} v{loaded.info.version}"
        key = f"{rubric_id}@{version}"
        cached = self._rubric_cache.get(key)
        if cached is None:
            cached = rubrics.rubric_version(self.db, rubric_id, version).rubric
            self._rubric_cache[key] = cached
        return cached, f"{rubric_id} v{version}"

    def wire_stage_walk(self, walk: StageWalk) -> None:
        walk.saveRequested.connect(self._save_walk)
        walk.contentEdited.connect(lambda content: walk.set_problems(self.walk_problems(content)))
        walk.submitRequested.connect(self._submit_walk)
        walk.amendRequested.connect(self._amend_walk)
        walk.closeRequested.connect(self.close_walk)

    def walk_problems(self, content: WalkContent) -> list[Problem]:
        state = self._walk_state
        assert state is not None
        assert self.interviewer is not None
        card = scorecard_from_content(
            content, state.candidate_uuid, state.stage_id, self.interviewer
        )
        problems = [
            Problem(PROBLEM_STEPS.get(p.step, Step.REVIEW), p.item_id, p.message)
            for p in scorecards.scorecard_problems(state.rubric, card)
        ]
        if content.level_evidence is None:
            problems.append(
                Problem(Step.LEVEL, "level", "no level evidence chosen", blocking=False)
            )
        if not content.summary.strip():
            problems.append(
                Problem(Step.LEVEL, "summary", "no summary for the committee", blocking=False)
            )
        return problems

    def _save_walk(self, content: WalkContent) -> None:
        walk, state = self.walk, self._walk_state
        if walk is None or state is None or self.db is None or self.interviewer is None:
            return
        try:
            if state.scorecard_uuid is None:
                detail = scorecards.start_scorecard(
                    self.db, state.candidate_uuid, state.stage_id, self.interviewer.uuid
                )
                state.scorecard_uuid = detail.uuid
            when, problem = self._store_changes(state, content)
        except ServiceError as exc:
            walk.mark_save_failed(str(exc))
            return
        except Exception as exc:  # a failed autosave must say so, not crash
            logger.exception("autosave failed")
            walk.mark_save_failed(f"the database refused the change ({exc})")
            return
        if problem:
            walk.mark_save_failed(problem)
            return
        walk.mark_saved(when, content)
        self.window.set_saved(f"Saved {when.astimezone().strftime('%H:%M:%S')}")

    def _store_changes(self, state: _WalkState, content: WalkContent) -> tuple[datetime, str]:
        """Store what changed since the last save; on bad input, store every other part."""
        assert self.db is not None
        assert state.scorecard_uuid is not None
        changes = changes_between(state.saved, content)
        if changes.is_empty:
            return datetime.now(UTC), ""
        try:
            when = scorecards.save_draft(self.db, state.scorecard_uuid, changes)
        except InvalidInputError:
            pass
        else:
            state.saved = content.copy()
            return when, ""
        # Something in this change is refused: keep everything else.
        refused = []
        when = datetime.now(UTC)
        for unit in change_units(state.saved, content):
            partial = state.saved.copy()
            copy_unit(unit, content, partial)
            try:
                when = scorecards.save_draft(
                    self.db, state.scorecard_uuid, changes_between(state.saved, partial)
                )
            except InvalidInputError as exc:
                refused.append(str(exc))
            else:
                state.saved = partial
        return when, "; ".join(refused)

    def _submit_walk(self) -> None:
        walk, state = self.walk, self._walk_state
        if walk is None or state is None or self.db is None or self.interviewer is None:
            return
        if state.scorecard_uuid is None:
            self.show_error("Nothing to submit", "Rate the criteria before submitting.")
            return
        try:
            detail = scorecards.submit_scorecard(
                self.db, state.scorecard_uuid, actor=self.interviewer.name
            )
        except ServiceError as exc:
            self.show_error("The scorecard was not submitted", str(exc))
            walk.set_problems(self.walk_problems(walk.content))
            return
        state.saved = content_from_detail(detail)
        walk.set_submitted(
            detail.scorecard.submitted_at, history_of(detail, state.rubric), state.saved
        )
        self._show_panel()
        self.window.set_saved("Submitted")
        self.window.statusBar().showMessage("Scorecard submitted", 8000)
        self.dataChanged.emit()

    def _amend_walk(self, reason: str, content: WalkContent) -> None:
        walk, state = self.walk, self._walk_state
        if walk is None or state is None or self.db is None or self.interviewer is None:
            return
        assert state.scorecard_uuid is not None
        corrected = content.copy()
        corrected.private_notes = state.saved.private_notes
        changes = changes_between(state.saved, corrected)
        if changes.is_empty:
            self.show_error(
                "Nothing to amend",
                "The scorecard is unchanged. Correct something in the steps first, or leave "
                "the amendment.",
            )
            return
        problems = [p for p in self.walk_problems(corrected) if p.blocking]
        if problems:
            self.show_error(
                "The amendment is incomplete",
                "A corrected scorecard must still be complete: "
                + "; ".join(p.message for p in problems),
            )
            return
        try:
            detail = scorecards.amend_scorecard(
                self.db,
                state.scorecard_uuid,
                changes,
                reason=reason,
                amended_by=self.interviewer.name,
                amended_by_uuid=self.interviewer.uuid,
                actor=self.interviewer.name,
            )
        except ServiceError as exc:
            self.show_error("The amendment was not saved", str(exc))
            return
        state.saved = content_from_detail(detail)
        walk.set_submitted(
            detail.scorecard.submitted_at, history_of(detail, state.rubric), state.saved
        )
        self._show_panel()
        self.window.statusBar().showMessage("Amendment saved", 8000)
        self.dataChanged.emit()

    def _show_panel(self) -> None:
        """The panel comparison, only ever from what the independence rule lets us see."""
        walk, state = self.walk, self._walk_state
        if walk is None or state is None or self.db is None or self.interviewer is None:
            return
        me = self.interviewer.uuid
        if not scorecards.may_see_others(self.db, state.candidate_uuid, state.stage_id, me):
            walk.set_panel([], visible=False)
            return
        visible = scorecards.visible_scorecards(self.db, state.candidate_uuid, state.stage_id, me)
        cards = [
            PanelCard(
                interviewer_name=card.interviewer_name,
                is_mine=card.interviewer_uuid == me,
                ratings={r.criterion_id: r.rating for r in card.ratings},
                vote=card.vote,
                level_evidence=card.level_evidence,
            )
            for card in visible
            if card.is_submitted
        ]
        walk.set_panel(cards, visible=True)

    def close_walk(self) -> None:
        walk = self.walk
        if walk is None:
            return
        walk.flush()
        self.walk = None
        self._walk_state = None
        pages = self.window.ui.pages
        if pages.indexOf(walk) >= 0:
            pages.removeWidget(walk)
        walk.deleteLater()
        self.window.set_saved("")
        self.refresh_home()
        if self.home is not None:
            self.window.show_page("home")
            self.home.ui.myInterviews.setFocus()


@dataclass
class _WalkState:
    """What the controller keeps about the open walk: where its saves go."""

    candidate_uuid: str
    stage_id: str
    scorecard_uuid: str | None
    rubric: Rubric
    saved: WalkContent


# ---------------------------------------------------------------------------------------
# Converting between the walk's plain content and the services' values


def content_from_detail(detail: Any) -> WalkContent:
    return content_from_scorecard(detail.scorecard, detail.private_notes)


def content_from_scorecard(card: Scorecard, private_notes: str = "") -> WalkContent:
    return WalkContent(
        ratings={r.criterion_id: (r.rating, r.evidence) for r in card.ratings},
        exercise_notes=dict(card.exercise_notes),
        signals={o.item_id: o.evidence for o in card.signals},
        red_flags={o.item_id: o.evidence for o in card.red_flags},
        level_evidence=card.level_evidence,
        vote=card.vote,
        summary=card.summary,
        private_notes=private_notes,
    )


def scorecard_from_content(
    content: WalkContent, candidate_uuid: str, stage_id: str, interviewer: Any
) -> Scorecard:
    return Scorecard(
        uuid="",
        candidate_uuid=candidate_uuid,
        stage_id=stage_id,
        interviewer_uuid=interviewer.uuid,
        interviewer_name=interviewer.name,
        status=ScorecardStatus.DRAFT,
        ratings=tuple(
            CriterionRating(cid, value, evidence)
            for cid, (value, evidence) in content.ratings.items()
        ),
        signals=tuple(Observation(k, v) for k, v in content.signals.items()),
        red_flags=tuple(Observation(k, v) for k, v in content.red_flags.items()),
        level_evidence=content.level_evidence,
        vote=content.vote,
        summary=content.summary,
        exercise_notes=dict(content.exercise_notes),
    )


_SCALARS = ("level_evidence", "vote", "summary", "private_notes")
_MAPPINGS = ("ratings", "exercise_notes", "signals", "red_flags")


def change_units(old: WalkContent, new: WalkContent) -> list[tuple[str, str]]:
    """Each field (and each entry of a mapping field) that differs: ``(field, key)``."""
    units: list[tuple[str, str]] = []
    for name in _MAPPINGS:
        before, after = getattr(old, name), getattr(new, name)
        units += [
            (name, key)
            for key in sorted(set(before) | set(after))
            if before.get(key) != after.get(key)
        ]
    units += [(name, "") for name in _SCALARS if getattr(old, name) != getattr(new, name)]
    return units


def copy_unit(unit: tuple[str, str], source: WalkContent, target: WalkContent) -> None:
    name, key = unit
    if name in _MAPPINGS:
        values = getattr(source, name)
        if key in values:
            getattr(target, name)[key] = values[key]
        else:
            getattr(target, name).pop(key, None)
    else:
        setattr(target, name, getattr(source, name))


def changes_between(old: WalkContent, new: WalkContent) -> scorecards.ScorecardChanges:
    """The services' change record turning ``old`` into ``new``."""
    ratings: dict[str, CriterionRating | None] = {}
    signals: dict[str, str | None] = {}
    red_flags: dict[str, str | None] = {}
    notes: dict[str, str] = {}
    scalars: dict[str, Any] = {}
    for name, key in change_units(old, new):
        if name == "ratings":
            entry = new.ratings.get(key)
            ratings[key] = None if entry is None else CriterionRating(key, entry[0], entry[1])
        elif name == "signals":
            signals[key] = new.signals.get(key)
        elif name == "red_flags":
            red_flags[key] = new.red_flags.get(key)
        elif name == "exercise_notes":
            notes[key] = new.exercise_notes.get(key, "")
        else:
            scalars[name] = getattr(new, name)
    return scorecards.ScorecardChanges(
        ratings=ratings, signals=signals, red_flags=red_flags, exercise_notes=notes, **scalars
    )


def apply_changes(content: WalkContent, changes: Any) -> WalkContent:
    result = content.copy()
    for cid, rating in changes.ratings.items():
        if rating is None:
            result.ratings.pop(cid, None)
        else:
            result.ratings[cid] = (rating.rating, rating.evidence)
    for target, updates in (
        (result.signals, changes.signals),
        (result.red_flags, changes.red_flags),
    ):
        for item_id, evidence in updates.items():
            if evidence is None:
                target.pop(item_id, None)
            else:
                target[item_id] = evidence
    result.exercise_notes.update(changes.exercise_notes)
    for name in _SCALARS:
        value = getattr(changes, name)
        if value is not UNSET:
            setattr(result, name, value)
    return result


def history_of(detail: Any, rubric: Rubric) -> list[HistoryEntry]:
    """The original submission, then every amendment with what it changed."""
    entries = [
        HistoryEntry(
            when=detail.original.submitted_at,
            who=detail.original.interviewer_name,
            title="Submitted",
        )
    ]
    before = content_from_detail(
        type("Original", (), {"scorecard": detail.original, "private_notes": ""})()
    )
    for amendment in detail.amendments:
        after = apply_changes(before, amendment.changes)
        entries.append(
            HistoryEntry(
                when=amendment.created_at,
                who=amendment.amended_by,
                title=f"Amendment {amendment.sequence}",
                reason=amendment.reason,
                details=tuple(
                    describe_change(unit, before, after, rubric)
                    for unit in change_units(before, after)
                    if unit[0] != "private_notes"
                ),
            )
        )
        before = after
    return entries


def describe_change(
    unit: tuple[str, str], before: WalkContent, after: WalkContent, rubric: Rubric
) -> str:
    name, key = unit
    scale = rubric.scale
    if name == "ratings":
        titles = {c.id: c.title for _stage, c in rubric.criteria()}

        def rating(entry: tuple[int | None, str] | None) -> str:
            return (
                "not rated"
                if entry is None
                else scale.label(entry[0])
                if entry[0] is None
                else f"{entry[0]} ({scale.label(entry[0])})"
            )

        old, new = before.ratings.get(key), after.ratings.get(key)
        title = titles.get(key, key)
        if old is not None and new is not None and old[0] == new[0]:
            return f"{title}: evidence changed"
        return f"{title}: {rating(old)} → {rating(new)}"
    if name in ("signals", "red_flags"):
        labels = {i.id: i.label for i in (*rubric.signals, *rubric.red_flags)}
        was, now = key in getattr(before, name), key in getattr(after, name)
        what = "signal" if name == "signals" else "red flag"
        if was and now:
            return f"{what} {labels.get(key, key)}: evidence changed"
        return f"{what} {labels.get(key, key)}: {'ticked' if now else 'unticked'}"
    if name == "exercise_notes":
        return f"notes on {key.replace('_', ' ')} changed"
    if name == "vote":
        old_vote, new_vote = before.vote, after.vote
        return (
            f"recommendation: {old_vote.label if old_vote else '—'} → "
            f"{new_vote.label if new_vote else '—'}"
        )
    if name == "level_evidence":
        return f"level evidence: {before.level_evidence or '—'} → {after.level_evidence or '—'}"
    return f"{name.replace('_', ' ')} changed"


def _database_problem(error: BaseException) -> str:
    """A database that cannot be used, in words (never a traceback)."""
    from interview_kit.storage import StorageError

    if isinstance(error, StorageError | ServiceError):
        return str(error).rstrip(".") + "."
    logger.error("opening a database failed", exc_info=error)
    return f"Could not use it: {error} (details are in the log)."


def load_demo_data(db: Database, *, replace: bool = False) -> str:
    """Store the default rubric and the demo panel; the summary line for the status bar."""
    return demo.load_demo(db, force=replace).summary


__all__ = ["CURRENT_STAGE", "PAGES", "Controller", "PageEntry", "register_pages"]
