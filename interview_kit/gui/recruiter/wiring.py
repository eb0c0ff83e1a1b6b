"""Connects the pipeline and the interviewers-and-assignments pages to the services.

Registered through :data:`interview_kit.gui.sections.SECTIONS`. Dialogs are opened
window-modal without blocking (``open()``); they close when the service stored what they
hold, and otherwise show its message and keep what was typed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import shiboken6
from PySide6.QtCore import QObject, QStandardPaths

from interview_kit.domain.candidate import CandidateSource, OriginPath, PipelineStatus
from interview_kit.domain.rubric import Rubric
from interview_kit.gui.lazy import refresh_when_shown
from interview_kit.gui.operations import Changes
from interview_kit.gui.packet_dialogs import PacketOptions, PacketOptionsDialog
from interview_kit.gui.packet_runs import PacketRun, start_packets
from interview_kit.gui.paged import Fetch, Page, PagedLoader
from interview_kit.gui.recruiter.dialogs import (
    CandidateDialog,
    CandidateValues,
    EraseDialog,
    InterviewerDialog,
    InterviewerValues,
    MoveDialog,
)
from interview_kit.gui.recruiter.interview_times_wiring import wire_interview_times
from interview_kit.gui.recruiter.models import (
    AssignmentItem,
    CandidatePick,
    InterviewerItem,
    PipelineItem,
    StageColumn,
)
from interview_kit.gui.recruiter.people_page import EVERYONE, PeoplePage
from interview_kit.gui.recruiter.pipeline_page import ALL, OPEN, PipelinePage
from interview_kit.gui.tasks import run_in_background
from interview_kit.services import (
    assignments,
    candidates,
    hiring_roles,
    independence,
    interviewers,
    pipeline,
    rubrics,
)
from interview_kit.services.assignments import AssignmentRecord
from interview_kit.services.candidates import CandidateCursor, CandidateQuery, CandidateSort
from interview_kit.services.errors import NotFoundError, ServiceError
from interview_kit.services.pipeline_table import (
    StageTitles,
    decision_label,
    recommendation_label,
)

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext

logger = logging.getLogger(__name__)

PAGE_SIZE = 60
"""Pipeline rows fetched per page; more come as the user scrolls near the end."""
PICK_LIMIT = 25


class _RubricView(StageTitles):
    """The pipeline's stage columns (see :class:`StageTitles`)."""

    def stages(self) -> list[StageColumn]:
        return [StageColumn(stage_id, title) for stage_id, title in self.columns()]


def _active_rubric(db: Any) -> Rubric | None:
    try:
        return rubrics.active_rubric(db).rubric
    except NotFoundError:
        return None


def _rubric_view(db: Any, rubric_id: str | None = None) -> _RubricView:
    """Stage columns of ``rubric_id``'s role (default: the first role's)."""
    others = tuple(
        rubrics.active_rubric(db, info.rubric_id).rubric for info in rubrics.list_rubrics(db)
    )
    if rubric_id is not None:
        return _RubricView(rubrics.active_rubric(db, rubric_id).rubric, others)
    return _RubricView(_active_rubric(db), others)


def _item(view: _RubricView, row: pipeline.PipelineRow) -> PipelineItem:
    """A pipeline row as the table shows it (built on any thread: plain values only)."""
    summary = row.candidate
    cells = {}
    done = {}
    tips = {}
    for stage in view.stages():
        progress = row.progress(stage.stage_id)
        cells[stage.stage_id] = progress.text
        tips[stage.stage_id] = progress.description
        done[stage.stage_id] = progress.state is pipeline.StageState.DONE
    step = pipeline.next_step(view.rubric, summary)
    return PipelineItem(
        uuid=summary.uuid,
        name=summary.name,
        email=summary.email,
        source=summary.source.label,
        origin=summary.origin_path.label,
        status=summary.status.value,
        where=view.where(summary.status, summary.stage_id, summary.committee_decision is not None),
        stage_cells=cells,
        stage_done=done,
        stage_tips=tips,
        score=summary.score,
        recommendation=(
            recommendation_label(summary.recommendation) if summary.submitted_count else ""
        ),
        decision=decision_label(summary.committee_decision, summary.level),
        updated_at=summary.updated_at,
        closed=summary.status.is_closed,
        next_label=step.label if step is not None else "",
        hidden_text=independence.HIDDEN_TEXT if summary.scores_hidden else "",
        hidden_tip=independence.hidden_reason(summary.name) if summary.scores_hidden else "",
        ready=row.ready_to_advance and step is not None,
    )


CANDIDATES = Changes(candidates=True)
PEOPLE = Changes(interviewers=True)


def in_words(error: BaseException) -> str:
    """A refused or failed write as the person reads it."""
    if isinstance(error, ServiceError):
        return str(error)
    return f"Nothing was saved: the database did not take the change ({error}). Try again."


def write_through(
    context: AppContext,
    page: Any,
    label: str,
    work: Callable[[], Any],
    *,
    done: Callable[[Any], None],
    dialog: Any = None,
    changes: Changes = CANDIDATES,
) -> None:
    """Hand a write to the app's write queue (off the UI thread). While it is on its way
    the dialog that asked for it is disabled; on success ``done`` runs, on a refusal the
    dialog (or, without one, the page) says why in words and keeps what was typed."""
    if dialog is not None:
        dialog.set_busy(True)

    def still_open() -> bool:
        # Closed by the window manager meanwhile: the answer goes to the page instead.
        return dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible()

    def succeeded(result: Any) -> None:
        if still_open():
            dialog.set_busy(False)
            dialog.finish()
        done(result)

    def failed(error: BaseException) -> None:
        if still_open():
            dialog.set_busy(False)
            dialog.show_problem(in_words(error))
        else:
            page.show_message(in_words(error), "error")

    context.writes.run(label, work, changes=changes, on_success=succeeded, on_failure=failed)


# ---------------------------------------------------------------------------------------
# Pipeline


class PipelineWiring(QObject):
    def __init__(self, context: AppContext, page: PipelinePage) -> None:
        super().__init__(page)
        self.context = context
        self.page = page
        self.dialog: Any = None
        self._view = _RubricView(None)
        self._select_next: str | None = None
        """A candidate to choose once the list is read again (the one just added)."""
        self.loader = PagedLoader(page.model, self._prepare, show_first=self._show_first)
        self.loader.failed.connect(lambda text: page.show_message(text, "error"))
        page.set_status_choices([(status.value, status.label) for status in PipelineStatus])
        page.filtersChanged.connect(self.refresh_rows)
        page.searchChanged.connect(lambda _text: self.loader.reload_soon())
        page.searchSubmitted.connect(self.loader.flush)
        page.roleChanged.connect(self.refresh)
        page.model.sortChanged.connect(self.refresh_rows)
        page.addRequested.connect(self.add_candidate)
        page.editRequested.connect(self.edit_candidate)
        page.advanceRequested.connect(self.advance)
        page.rejectRequested.connect(self.reject)
        page.withdrawRequested.connect(self.withdraw)
        page.reopenRequested.connect(self.reopen)
        page.eraseRequested.connect(self.erase)
        page.assignRequested.connect(self.go_assign)
        page.reviewRequested.connect(self.go_review)
        page.packetsRequested.connect(self.hiring_packets)
        self.packet_run: PacketRun | None = None
        self.packet_folder = ""
        self.packet_anonymise = False
        self.lazy = refresh_when_shown(
            page,
            self.refresh,
            context.databaseChanged,
            context.dataChanged,
            context.interviewerChanged,
        )
        if context.db is not None:
            self.lazy.request()  # now if shown, else when it is

    @property
    def db(self) -> Any:
        return self.context.db

    # -- reading ---------------------------------------------------------------------
    def refresh(self) -> None:
        if self.db is None:
            self.loader.stop()
            return
        roles = hiring_roles.list_roles(self.db)
        self.page.set_roles([(role.rubric_id or "", role.role_title) for role in roles])
        self._view = _rubric_view(self.db, self.page.role_filter())
        self.page.set_stages(self._view.stages())
        counts = candidates.pipeline_counts(self.db, self.page.role_filter())
        shown = [f"{status.label} {count}" for status, count in counts.items() if count]
        total = sum(counts.values())
        self.page.set_counts(
            f"{total} candidate{'s' if total != 1 else ''}"
            + (": " + " · ".join(shown) if shown else "")
        )
        self.refresh_rows()

    def query(self) -> CandidateQuery:
        """The first page's query as the page's search, filters and sort say now."""
        status = self.page.status_filter()
        if status == OPEN:
            statuses: tuple[PipelineStatus, ...] = tuple(
                s for s in PipelineStatus if not s.is_closed
            )
        elif status == ALL:
            statuses = ()
        else:
            statuses = (PipelineStatus(status),)
        model = self.page.model
        return CandidateQuery(
            text=self.page.search_text(),
            statuses=statuses,
            stage_id=self.page.stage_filter(),
            rubric_id=self.page.role_filter(),
            sort=CandidateSort(model.sort_key),
            descending=model.descending,
            limit=PAGE_SIZE,
        )

    def refresh_rows(self) -> None:
        self.loader.reload()

    def _prepare(self) -> Fetch | None:
        """Read on the UI thread: what to fetch, for pages read on any thread."""
        db = self.db
        if db is None:
            return None
        query, viewer, view = self.query(), self.context.viewer, self._view

        def fetch(after: object | None) -> Page[PipelineItem]:
            found = pipeline.pipeline_page(
                db,
                replace(
                    query, after=cast("CandidateCursor | None", after), with_total=after is None
                ),
                viewer=viewer,
            )
            return Page(
                [_item(view, row) for row in found.rows], found.total, found.after, found.more
            )

        return fetch

    def _show_first(self, found: Page[PipelineItem]) -> None:
        self.page.set_rows(found.rows, found.total or 0, after=found.after, more=found.more)
        if self._select_next is not None:
            self.page.select_uuid(self._select_next)
            self._select_next = None

    def item(self, row: pipeline.PipelineRow) -> PipelineItem:
        return _item(self._view, row)

    # -- writing ---------------------------------------------------------------------
    def _write(
        self,
        label: str,
        work: Callable[[], Any],
        *,
        done: Callable[[Any], None],
        dialog: Any = None,
        changes: Changes = CANDIDATES,
    ) -> None:
        """Store off the UI thread; ``done`` on success, the refusal in words otherwise
        (in the dialog, which stays open with what was typed, or above the list)."""
        write_through(
            self.context, self.page, label, work, done=done, dialog=dialog, changes=changes
        )

    def _changed(self, message: str, uuid: str | None = None) -> None:
        self.page.show_message(message, "success")
        if uuid is not None and not self.page.select_uuid(uuid):
            self._select_next = uuid

    # -- add and edit ----------------------------------------------------------------
    def _roles(self) -> list[tuple[str, str]]:
        return [
            (info.rubric_id, f"{info.role_title} ({info.rubric_id} v{info.version})")
            for info in rubrics.list_rubrics(self.db)
        ]

    def _open(self, dialog: Any) -> Any:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()
        return dialog

    def _closed(self, dialog: Any) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def add_candidate(self) -> CandidateDialog | None:
        if self.db is None:
            return None
        dialog = CandidateDialog(
            sources=[(s.value, s.label) for s in CandidateSource],
            origins=[(o.value, o.label) for o in OriginPath],
            roles=self._roles(),
            parent=self.page,
        )
        dialog.submitted.connect(lambda values: self._store_new(dialog, values))
        return self._open(dialog)

    def _store_new(self, dialog: CandidateDialog, values: CandidateValues) -> None:
        db, role = self.db, self._role_title(values.rubric_id)

        def done(record: Any) -> None:
            self._changed(f"Added {record.name}.", record.uuid)

        self._write(
            "Adding the candidate",
            lambda: candidates.add_candidate(
                db,
                name=values.name,
                email=values.email,
                source=values.source,
                origin_path=values.origin_path,
                role_title=role,
                notes=values.notes,
                rubric_id=values.rubric_id,
            ),
            done=done,
            dialog=dialog,
        )

    def _role_title(self, rubric_id: str | None) -> str:
        for info in rubrics.list_rubrics(self.db):
            if info.rubric_id == rubric_id:
                return info.role_title
        return ""

    def edit_candidate(self, uuid: str) -> CandidateDialog | None:
        if self.db is None:
            return None
        try:
            record = candidates.get_candidate(self.db, uuid)
        except ServiceError as exc:
            self.page.show_message(str(exc), "error")
            return None
        dialog = CandidateDialog(
            sources=[(s.value, s.label) for s in CandidateSource],
            origins=[(o.value, o.label) for o in OriginPath],
            roles=self._roles(),
            values=CandidateValues(
                record.name,
                record.email,
                record.source.value,
                record.origin_path.value,
                record.rubric_id,
                record.notes,
            ),
            editing=True,
            parent=self.page,
        )
        dialog.submitted.connect(lambda values: self._store_edit(dialog, record, values))
        return self._open(dialog)

    def _store_edit(self, dialog: CandidateDialog, record: Any, values: CandidateValues) -> None:
        db = self.db
        edited = replace(
            record,
            name=values.name,
            email=values.email,
            source=CandidateSource(values.source),
            origin_path=OriginPath(values.origin_path),
            notes=values.notes,
        )

        def done(saved: Any) -> None:
            self._changed(f"Saved {saved.name}.", saved.uuid)

        self._write(
            "Saving the candidate",
            lambda: candidates.update_candidate(db, edited),
            done=done,
            dialog=dialog,
        )

    # -- moving along ----------------------------------------------------------------
    def advance(self, uuid: str) -> MoveDialog | None:
        item = self.page.selected_item()
        label = item.next_label if item is not None and item.uuid == uuid else "Advance"
        return self._ask_to_move(
            uuid,
            title="Advance candidate",
            question=lambda name: f"{label}: {name}.",
            action=label,
            reason_required=False,
            move=pipeline.advance_candidate,
            label="Advancing the candidate",
        )

    def reject(self, uuid: str) -> MoveDialog | None:
        return self._ask_to_move(
            uuid,
            title="Reject candidate",
            question=lambda name: f"Reject {name}? The reason is kept in the candidate's history.",
            action="Reject",
            reason_required=True,
            move=pipeline.reject_candidate,
            label="Rejecting the candidate",
            warning=self._own_draft_warning(uuid),
        )

    def withdraw(self, uuid: str) -> MoveDialog | None:
        return self._ask_to_move(
            uuid,
            title="Candidate withdrew",
            question=lambda name: f"Mark {name} as withdrawn from the process?",
            action="Mark as withdrawn",
            reason_required=False,
            move=pipeline.withdraw_candidate,
            label="Marking the candidate as withdrawn",
        )

    def reopen(self, uuid: str) -> MoveDialog | None:
        return self._ask_to_move(
            uuid,
            title="Reopen candidate",
            question=lambda name: (
                f"Reopen {name}? They go back to the stage they left, and the reason is "
                "kept in their history."
            ),
            action="Reopen",
            reason_required=True,
            move=pipeline.reopen_candidate,
            label="Reopening the candidate",
        )

    def _own_draft_warning(self, uuid: str) -> str:
        """Said before rejecting when the person at the keyboard has a draft for them."""
        if self.db is None:
            return ""
        try:
            stages = pipeline.own_drafts(self.db, uuid, self.context.viewer)
        except ServiceError:
            return ""
        if not stages:
            return ""
        names = ", ".join(self._view.titles.get(stage, stage) for stage in stages)
        return (
            f"Your own scorecard for this candidate ({names}) is still a draft. Rejecting "
            "leaves it unfinished: it moves to Closed in My interviews, where you can finish "
            "or discard it."
        )

    def _ask_to_move(
        self,
        uuid: str,
        *,
        title: str,
        question: Callable[[str], str],
        action: str,
        reason_required: bool,
        move: Callable[..., Any],
        label: str,
        warning: str = "",
    ) -> MoveDialog | None:
        """Ask for a reason, then move the candidate along the pipeline with ``move``."""
        record = self._record(uuid)
        if record is None:
            return None
        dialog = MoveDialog(
            title=title,
            question=question(record.name),
            action=action,
            reason_required=reason_required,
            warning=warning,
            parent=self.page,
        )
        db = self.db
        dialog.submitted.connect(
            lambda reason: self._move(
                dialog,
                label,
                lambda: move(db, uuid, reason=reason, expected_version=record.version),
            )
        )
        return self._open(dialog)

    def _record(self, uuid: str) -> Any:
        if self.db is None:
            return None
        try:
            return candidates.get_candidate(self.db, uuid)
        except ServiceError as exc:
            self.page.show_message(str(exc), "error")
            return None

    def _move(self, dialog: MoveDialog, label: str, action: Callable[[], Any]) -> None:
        def done(record: Any) -> None:
            where = self._view.where(record.status, record.stage_id)
            self._changed(f"{record.name} is now: {where}.", record.uuid)

        self._write(label, action, done=done, dialog=dialog)

    # -- erasing ---------------------------------------------------------------------
    def erase(self, uuid: str) -> EraseDialog | None:
        if self.db is None:
            return None
        try:
            summary = pipeline.erasure_summary(self.db, uuid)
        except ServiceError as exc:
            self.page.show_message(str(exc), "error")
            return None
        dialog = EraseDialog(name=summary.name, what=summary.describe(), parent=self.page)
        dialog.submitted.connect(lambda _name: self._erase(dialog, summary))
        return self._open(dialog)

    def _erase(self, dialog: EraseDialog, summary: pipeline.ErasureSummary) -> None:
        db = self.db

        def done(_result: Any) -> None:
            self.page.model.remove_uuid(summary.uuid)
            self._changed("The candidate's personal data and scorecards were erased.")

        self._write(
            "Erasing the candidate",
            lambda: candidates.erase_candidate(db, summary.uuid),
            done=done,
            dialog=dialog,
            changes=CANDIDATES | Changes(scorecards=True, assignments=True, decisions=True),
        )

    # -- hiring packets --------------------------------------------------------------
    def hiring_packets(self, uuids: list[str]) -> PacketOptionsDialog | None:
        """Ask where (and whether blind), then write them off the UI thread."""
        if self.db is None or not uuids:
            return None
        if self.packet_run is not None and self.packet_run.running:
            self.page.show_message(
                "Hiring packets are still being written; cancel them or wait for them first."
            )
            self.packet_run.dialog.activateWindow()
            return None
        viewer = self.context.viewer
        if set(uuids) <= independence.held_back_uuids(self.db, viewer, uuids):
            # Nothing the viewer may read: say why instead of asking where to write.
            self.page.show_message(independence.refusal(self.db, uuids, viewer), "error")
            return None
        names = {item.uuid: item.name for item in self.page.selected_items()}
        dialog = PacketOptionsDialog(
            [names.get(uuid, "a candidate") for uuid in uuids],
            folder=self.packet_folder or _default_packet_folder(),
            anonymise=self.packet_anonymise,
            parent=self.page,
        )
        dialog.submitted.connect(lambda options: self._write_packets(dialog, uuids, names, options))
        return self._open(dialog)

    def _write_packets(
        self,
        dialog: PacketOptionsDialog,
        uuids: list[str],
        names: dict[str, str],
        options: PacketOptions,
    ) -> None:
        dialog.finish()
        self.packet_folder = str(options.folder)
        self.packet_anonymise = options.anonymise
        if self.packet_run is not None:
            self.packet_run.dialog.deleteLater()
        self.packet_run = start_packets(
            self.db, uuids, options, names=names, parent=self.page, viewer=self.context.viewer
        )
        self.packet_run.finished.connect(self._packets_written)

    def _packets_written(self, outcome: Any) -> None:
        if outcome.error:
            self.page.show_message(f"No hiring packet was written: {outcome.error}", "error")
            return
        written = len(outcome.written)
        text = f"{written} hiring packet{'s' if written != 1 else ''} written to {outcome.folder}"
        if outcome.failed:
            text += f"; {len(outcome.failed)} not written"
        if outcome.cancelled:
            text += " (cancelled)"
        self.page.show_message(text + ".", "error" if outcome.failed else "success")

    # -- elsewhere -------------------------------------------------------------------
    def go_assign(self, uuid: str) -> None:
        self._show_candidate("people", uuid)

    def go_review(self, uuid: str) -> None:
        self._show_candidate("committee", uuid)

    def _show_candidate(self, key: str, uuid: str) -> None:
        """Show another section with the candidate chosen there, as if picked in its list."""
        window = self.context.window
        window.show_page(key)
        window.page(key).candidateChosen.emit(uuid)


def _default_packet_folder() -> str:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return str(Path(documents or Path.home()) / "Hiring packets")


# ---------------------------------------------------------------------------------------
# Interviewers and assignments


class PeopleWiring(QObject):
    def __init__(self, context: AppContext, page: PeoplePage) -> None:
        super().__init__(page)
        self.context = context
        self.page = page
        self.dialog: Any = None
        self._view = _RubricView(None)
        self._people_reads = self._pending_reads = 0
        """Reads started: an answer that is not the latest is dropped."""
        page.addInterviewerRequested.connect(self.add_interviewer)
        page.editInterviewerRequested.connect(self.edit_interviewer)
        page.candidateSearchChanged.connect(self.search_candidates)
        page.candidateChosen.connect(self.open_candidate)
        page.assignRequested.connect(self.assign)
        page.unassignRequested.connect(self.unassign)
        page.pendingFilterChanged.connect(self.refresh_pending)
        self.times = wire_interview_times(context, page)
        self.lazy = refresh_when_shown(
            page, self.refresh, context.databaseChanged, context.dataChanged
        )
        if context.db is not None:
            self.lazy.request()  # now if shown, else when it is

    @property
    def db(self) -> Any:
        return self.context.db

    def refresh(self) -> None:
        """Read the interviewers with their workload and who has not submitted, off the
        UI thread (at 100k candidates about a second); the tables keep what they show
        until the answer lands, and an answer overtaken by a newer read is dropped."""
        self._people_reads += 1  # whatever is still being read is out of date now
        self._pending_reads += 1
        reads = (self._people_reads, self._pending_reads)
        db = self.db
        if db is None:
            self.page.set_reading(False)
            return
        whose = self.page.pending_filter()
        self.page.set_reading(True)
        run_in_background(
            lambda _handle: _read_people(db, whose),
            lambda read: self._show_people(reads, read),
            lambda error: self._read_failed(reads[0] == self._people_reads, error),
            owner=self.page,
        )

    def _show_people(self, reads: tuple[int, int], read: _PeopleRead) -> None:
        if reads[0] != self._people_reads:
            return
        self.page.set_reading(False)
        self._view = read.view
        self.page.set_interviewers(read.interviewers)
        if reads[1] == self._pending_reads:
            self._show_pending(read.pending)
        self.search_candidates(self.page.ui.findCandidate.text())
        if self.page.candidate_uuid is not None:
            self.open_candidate(self.page.candidate_uuid)

    def _read_failed(self, latest: bool, error: BaseException) -> None:
        """Say what failed, unless a newer read has been asked for meanwhile."""
        if not latest:
            return
        self.page.set_reading(False)
        self.page.show_message(f"Could not read the panel: {in_words(error)}", "error")

    # -- interviewers ----------------------------------------------------------------
    def _open(self, dialog: Any) -> Any:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()
        return dialog

    def _closed(self, dialog: Any) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def add_interviewer(self) -> InterviewerDialog:
        dialog = InterviewerDialog(parent=self.page)
        dialog.submitted.connect(lambda values: self._store_new(dialog, values))
        return self._open(dialog)

    def _write(
        self,
        label: str,
        work: Callable[[], Any],
        *,
        done: Callable[[Any], None],
        dialog: Any = None,
        changes: Changes = PEOPLE,
    ) -> None:
        write_through(
            self.context, self.page, label, work, done=done, dialog=dialog, changes=changes
        )

    def _store_new(self, dialog: InterviewerDialog, values: InterviewerValues) -> None:
        db = self.db

        def done(person: Any) -> None:
            self.page.show_message(f"Added {person.name} to the panel.", "success")

        self._write(
            "Adding the interviewer",
            lambda: interviewers.add_interviewer(
                db, name=values.name, email=values.email, role_title=values.role_title
            ),
            done=done,
            dialog=dialog,
        )

    def edit_interviewer(self, uuid: str) -> InterviewerDialog | None:
        try:
            person = interviewers.get_interviewer(self.db, uuid)
        except ServiceError as exc:
            self.page.show_message(str(exc), "error")
            return None
        dialog = InterviewerDialog(
            InterviewerValues(person.name, person.email, person.role_title),
            editing=True,
            parent=self.page,
        )
        dialog.submitted.connect(lambda values: self._store_edit(dialog, person, values))
        return self._open(dialog)

    def _store_edit(
        self, dialog: InterviewerDialog, person: Any, values: InterviewerValues
    ) -> None:
        db = self.db
        edited = replace(person, name=values.name, email=values.email, role_title=values.role_title)

        def done(saved: Any) -> None:
            self.page.show_message(f"Saved {saved.name}.", "success")

        self._write(
            "Saving the interviewer",
            lambda: interviewers.update_interviewer(db, edited),
            done=done,
            dialog=dialog,
        )

    # -- a candidate's panel ---------------------------------------------------------
    def search_candidates(self, text: str) -> None:
        if self.db is None:
            return
        statuses = tuple(s for s in PipelineStatus if not s.is_closed)
        found = candidates.list_candidates(
            self.db,
            CandidateQuery(text=text, statuses=statuses, limit=PICK_LIMIT, with_total=False),
        )
        self.page.set_candidate_results(
            [
                CandidatePick(r.uuid, r.name, r.email, self._view.where(r.status, r.stage_id))
                for r in found.rows
            ]
        )

    def open_candidate(self, uuid: str) -> None:
        if self.db is None:
            return
        try:
            record = candidates.get_candidate(self.db, uuid)
            rows = assignments.assignments_for_candidate(self.db, uuid)
        except NotFoundError:
            self.page.show_candidate(None, [])
            return
        rubric = self._candidate_rubric(record)
        items = _assignment_items(rows, rubric)
        stages = [(s.id, f"{s.number}. {s.title}") for s in rubric.stages] if rubric else []
        pick = CandidatePick(
            record.uuid, record.name, record.email, self._view.where(record.status, record.stage_id)
        )
        self.page.show_candidate(pick, items, stages)
        if record.stage_id:
            self.page.choose_stage(record.stage_id)

    def _candidate_rubric(self, record: Any) -> Rubric | None:
        if record.rubric_id is not None and record.rubric_version is not None:
            try:
                return rubrics.rubric_version(
                    self.db, record.rubric_id, record.rubric_version
                ).rubric
            except NotFoundError:
                pass
        return self._view.rubric

    def _name_of(self, interviewer_uuid: str) -> str:
        for item in self.page.interviewer_model.rows():
            if item.uuid == interviewer_uuid:
                return item.name
        return "The interviewer"

    def assign(self, candidate_uuid: str, stage_id: str, interviewer_uuid: str) -> None:
        db, who = self.db, self._name_of(interviewer_uuid)

        def done(added: Any) -> None:
            if added:
                self.page.show_message(f"Assigned {who}.", "success")
            else:
                self.page.show_message(f"{who} is already on that stage.", "info")

        self._write(
            "Assigning the interviewer",
            lambda: assignments.assign(db, candidate_uuid, stage_id, interviewer_uuid),
            done=done,
            changes=Changes(assignments=True),
        )

    def unassign(self, candidate_uuid: str, stage_id: str, interviewer_uuid: str) -> None:
        db, who = self.db, self._name_of(interviewer_uuid)

        def done(_removed: Any) -> None:
            self.page.show_message(
                f"Took {who} off the stage; any draft they wrote stays.", "success"
            )
            self.page.unassigned.emit(candidate_uuid, stage_id, interviewer_uuid)

        self._write(
            "Taking the interviewer off the stage",
            lambda: assignments.unassign(db, candidate_uuid, stage_id, interviewer_uuid),
            done=done,
            changes=Changes(assignments=True),
        )

    # -- who has not submitted -------------------------------------------------------
    def refresh_pending(self) -> None:
        """Who has not submitted, for the interviewer now chosen, off the UI thread."""
        self._pending_reads += 1
        reads = self._pending_reads
        db = self.db
        if db is None:
            return
        whose = self.page.pending_filter()

        def show(pending: _Pending) -> None:
            if reads == self._pending_reads:
                self._show_pending(pending)

        run_in_background(
            lambda _handle: _read_pending(db, whose),
            show,
            lambda error: self._read_failed(reads == self._pending_reads, error),
            owner=self.page,
        )

    def _show_pending(self, pending: _Pending) -> None:
        rubric = self._view.rubric
        self.page.set_pending(_assignment_items(pending.rows, rubric))
        self.page.set_closed_drafts(_assignment_items(pending.left, rubric))


@dataclass(frozen=True)
class _Pending:
    rows: list[AssignmentRecord]
    """Not submitted yet, on open candidates."""
    left: list[AssignmentRecord]
    """Drafts left on closed candidates."""


@dataclass(frozen=True)
class _PeopleRead:
    view: _RubricView
    interviewers: list[InterviewerItem]
    pending: _Pending


def _read_pending(db: Any, whose: str) -> _Pending:
    """On any thread: services only."""
    rows = assignments.pending_assignments(db)
    if whose != EVERYONE:
        rows = [r for r in rows if r.interviewer_uuid == whose]
    # The same rule as My interviews: closed candidates leave the to-do list, and the
    # drafts left on them show apart.
    left = pipeline.closed_drafts(db, None if whose == EVERYONE else whose)
    return _Pending(rows, left)


def _read_people(db: Any, whose: str) -> _PeopleRead:
    """On any thread: services only."""
    workload = pipeline.interviewer_workload(db)
    items = []
    for person in interviewers.list_interviewers(db):
        load = workload.get(person.uuid)
        items.append(
            InterviewerItem(
                uuid=person.uuid,
                name=person.name,
                email=person.email,
                role_title=person.role_title,
                open_assignments=load.open_assignments if load else 0,
                not_submitted=load.not_submitted if load else 0,
            )
        )
    return _PeopleRead(_rubric_view(db), items, _read_pending(db, whose))


def _assignment_items(rows: Iterable[Any], rubric: Rubric | None) -> list[AssignmentItem]:
    """Assignment rows as the tables show them, stages named by ``rubric``."""
    stages = {s.id: s for s in rubric.stages} if rubric else {}
    return [
        AssignmentItem(
            candidate_uuid=r.candidate_uuid,
            candidate_name=r.candidate_name,
            stage_id=r.stage_id,
            stage_title=stages[r.stage_id].title if r.stage_id in stages else r.stage_id,
            stage_number=stages[r.stage_id].number if r.stage_id in stages else 0,
            interviewer_uuid=r.interviewer_uuid,
            interviewer_name=r.interviewer_name,
            status=r.scorecard_status or "not started",
            assigned_at=r.assigned_at,
            last_change=r.last_change,
            starts_at=r.starts_at,
            place=r.place,
        )
        for r in rows
    ]


def wire_pipeline(context: AppContext, page: PipelinePage) -> PipelineWiring:
    return PipelineWiring(context, page)


def wire_people(context: AppContext, page: PeoplePage) -> PeopleWiring:
    return PeopleWiring(context, page)
