"""Computes the evidence views off the UI thread, the way the Insights section does.

Computed when the page is shown (and on Refresh, or when the data changed while it is
on screen), each view in turn with progress. The adverse-impact monitor is computed only
for a sign-in that may see it (recruiters and the committee); anyone else's tab says so.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from interview_kit.gui.insights.evidence_page import EvidencePage
from interview_kit.gui.tasks import TaskHandle, run_in_background

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext
    from interview_kit.services.evidence.tables import Section

logger = logging.getLogger(__name__)

STEPS = ("Reliability", "Validity", "Adverse impact", "Drift", "Overrides")


def compute_sections(db: Any, handle: TaskHandle | None = None) -> list[Section]:
    """The five views as display tables (in a worker thread)."""
    from interview_kit.services import evidence
    from interview_kit.services.evidence import tables
    from interview_kit.services.evidence.access import may_see_adverse_impact

    work = (
        lambda: tables.reliability_section(evidence.reliability(db)),
        lambda: tables.validity_section(evidence.validity(db)),
        lambda: (
            tables.adverse_impact_section(evidence.adverse_impact(db))
            if may_see_adverse_impact(db)
            else tables.not_shown_section()
        ),
        lambda: tables.drift_section(evidence.drift(db)),
        lambda: tables.overrides_section(evidence.overrides(db)),
    )
    sections = []
    for done, (name, step) in enumerate(zip(STEPS, work, strict=True)):
        if handle is not None:
            if handle.cancelled:
                break
            handle.progress(done, len(STEPS), f"{name}…")
        sections.append(step())
    return sections


class EvidenceWiring(QObject):
    def __init__(self, context: AppContext, page: EvidencePage) -> None:
        super().__init__(page)
        self.context = context
        self.page = page
        self.task: Any = None
        self.stale = True
        self.sections: list[Section] = []
        page.refreshRequested.connect(self.refresh)
        page.outcomeRequested.connect(self.record_outcome)
        page.selfIdentificationRequested.connect(self.record_self_identification)
        self.dialog: Any = None
        self.closed = False
        # A computation may finish after the page is gone (the window closed): its
        # answer is then dropped, and a running one is asked to stop.
        page.destroyed.connect(self._page_gone)
        page.shown.connect(self._on_shown)
        context.databaseChanged.connect(self._mark_stale)
        context.dataChanged.connect(self._mark_stale)
        context.interviewerChanged.connect(self._mark_stale)

    @property
    def db(self) -> Any:
        return self.context.db

    def _on_shown(self) -> None:
        self.page.set_recording_allowed(self._may_record())
        if self.stale:
            self.refresh()

    def _mark_stale(self) -> None:
        self.stale = True
        if self.page.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.db is None or self.task is not None:
            return
        db = self.db
        self.stale = False
        self.page.set_busy(True, "Computing…")
        self.task = run_in_background(
            lambda handle: compute_sections(db, handle),
            self._done,
            self._failed,
            on_progress=self._progress,
            owner=self.page,
        )

    def _progress(self, done: int, total: int, message: str) -> None:
        if not self.closed:
            self.page.set_progress(done, total, message)

    def _page_gone(self) -> None:
        self.closed = True
        if self.task is not None:
            self.task.cancel()

    def _done(self, result: object) -> None:
        self.task = None
        if self.closed:
            return
        self.sections = list(result)  # type: ignore[call-overload]
        self.page.show_sections(self.sections)
        self.page.set_busy(False, "Up to date.")

    def _failed(self, error: BaseException) -> None:
        self.task = None
        if self.closed:
            return
        self.stale = True
        self.page.set_busy(False)
        logger.warning("evidence views failed: %s", error)
        self.page.show_error(f"Could not compute the evidence: {error}")

    def _may_record(self) -> bool:
        from interview_kit.storage.roles import Access

        return self.db is not None and self.db.access in (Access.FULL, Access.RECRUITER)

    # -- recording -------------------------------------------------------------------
    def record_outcome(self) -> None:
        from interview_kit.domain.candidate import PipelineStatus
        from interview_kit.gui.insights.evidence_dialogs import OutcomeDialog
        from interview_kit.services import candidates
        from interview_kit.services.evidence.common import active_rubric_or_none

        db = self.db
        if db is None:
            return
        hires = candidates.list_candidates(
            db, candidates.CandidateQuery(statuses=(PipelineStatus.HIRED,), limit=PICK_LIMIT)
        ).rows
        rubric = active_rubric_or_none(db)
        levels = [level.id for level in rubric.levels] if rubric is not None else []
        dialog = OutcomeDialog([(c.uuid, c.name) for c in hires], levels, self.page)
        dialog.submitted.connect(lambda values: self._store_outcome(dialog, values))
        self._open(dialog)

    def _store_outcome(self, dialog: Any, values: Any) -> None:
        from interview_kit.gui.operations import Changes
        from interview_kit.services import evidence

        db = self.db
        self.context.writes.run(
            "Recording the outcome",
            lambda: evidence.record_outcome(
                db,
                values.candidate_uuid,
                checkpoint=values.checkpoint,
                performance=values.performance,
                still_employed=values.still_employed,
                would_hire_again=values.would_hire_again,
                level_now=values.level_now,
            ),
            changes=Changes(candidates=True),
            on_success=lambda _result: dialog.finish(),
            on_failure=lambda error: dialog.show_problem(str(error)),
        )

    def record_self_identification(self) -> None:
        from interview_kit.gui.insights.evidence_dialogs import SelfIdentificationDialog
        from interview_kit.services import candidates
        from interview_kit.services.evidence import self_identification_questions

        db = self.db
        if db is None:
            return
        people = candidates.list_candidates(db, candidates.CandidateQuery(limit=PICK_LIMIT)).rows
        dialog = SelfIdentificationDialog(
            [(c.uuid, c.name) for c in people], self_identification_questions(db), self.page
        )
        dialog.candidateChosen.connect(lambda uuid: self._show_answers(dialog, uuid))
        dialog.submitted.connect(lambda values: self._store_answers(dialog, values))
        if people:
            self._show_answers(dialog, people[0].uuid)
        self._open(dialog)

    def _show_answers(self, dialog: Any, candidate_uuid: str) -> None:
        from interview_kit.services.evidence.records import (
            candidate_questions,
            self_identification_of,
        )

        dialog.show_answers(
            self_identification_of(self.db, candidate_uuid),
            candidate_questions(self.db, candidate_uuid),
        )

    def _store_answers(self, dialog: Any, values: Any) -> None:
        from interview_kit.gui.operations import Changes
        from interview_kit.services import evidence

        db = self.db
        candidate_uuid, answers = values
        self.context.writes.run(
            "Recording self-identification",
            lambda: evidence.record_self_identification(db, candidate_uuid, answers),
            changes=Changes(candidates=True),
            on_success=lambda _result: dialog.finish(),
            on_failure=lambda error: dialog.show_problem(str(error)),
        )

    def _open(self, dialog: Any) -> None:
        from PySide6.QtCore import Qt

        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        dialog.open()


PICK_LIMIT = 500
"""Candidates offered in a recording dialog's list (the most recent by name order)."""


def wire_evidence(context: AppContext, page: EvidencePage) -> EvidenceWiring:
    return EvidenceWiring(context, page)
