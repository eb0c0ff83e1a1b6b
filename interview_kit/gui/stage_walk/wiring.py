"""Connects the stage walk to the services: open, autosave, submit, amend, the panel.

Every write goes through the app's one write queue (``context.writes``), off the UI
thread: autosave through a :class:`~interview_kit.gui.stage_walk.autosave.DraftSaver`
per draft (coalesced, retried, journalled), submit and amend as single queued writes
during which the form takes no input. Reads (opening a walk, the panel comparison) stay
on the UI thread. The panel comparison comes from
:func:`~interview_kit.services.scorecard_reads.visible_scorecards`, so another
interviewer's scores reach the walk only after the viewer's own submission. What is
missing is the domain's :func:`submission_problems`.

Closing a walk returns to the section it was opened from, with the keyboard focus back
where it was. Edits a killed app left in the journal are stored when the database is
next opened.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard_content import (
    ScorecardContent,
    ScorecardProblem,
    submission_problems,
)
from interview_kit.gui.home import CURRENT_STAGE
from interview_kit.gui.operations import Changes
from interview_kit.gui.stage_walk.autosave import DraftSaver, SaveState
from interview_kit.gui.stage_walk.drafts import apply_entry, content_of, submit_draft
from interview_kit.gui.stage_walk.journal import DraftKey, Journal, JournalEntry, journal_path
from interview_kit.gui.stage_walk.state import (
    CandidateBrief,
    HistoryEntry,
    PanelCard,
    Step,
    WalkSetup,
    closed_note,
)
from interview_kit.gui.stage_walk.walk import StageWalk
from interview_kit.services import assignments, candidates, rubrics, scorecard_reads, scorecards
from interview_kit.services.errors import (
    InvalidInputError,
    NotFoundError,
    ServiceError,
    database_failure,
)

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext
    from interview_kit.services.database import Database
    from interview_kit.services.scorecard_reads import ScorecardDetail

logger = logging.getLogger(__name__)

JOURNAL_WAIT_S = 3.0
"""Quitting waits this long at most for the journal to reach the disk."""
WAITING_BANNER = (
    "The database is busy or out of reach, so your latest edits are not stored there yet. "
    "They are kept on this computer ({where}) and saved as soon as the database answers: "
    "keep working."
)


@dataclass
class _WalkState:
    """What the wiring keeps about the open walk: where its saves go."""

    key: DraftKey
    rubric: Rubric
    saved: ScorecardContent
    """The submitted content, once submitted (what an amendment is compared with)."""
    saver: DraftSaver

    @property
    def candidate_uuid(self) -> str:
        return self.key.candidate_uuid

    @property
    def stage_id(self) -> str:
        return self.key.stage_id


@dataclass
class _Origin:
    """Where a walk was opened from: the section, and what had the keyboard focus."""

    section: str | None
    focus: QWidget | None


class StageWalkWiring(QObject):
    """Opens one walk at a time over the window's pages and answers its requests."""

    identityNeeded = Signal()
    """A walk was asked for while nobody is signed in; it opens once someone is."""
    closed = Signal()
    """The walk was closed (its last edits handed to the write queue)."""
    replayed = Signal(int)
    """Edits left in the journal by an earlier run were stored (how many drafts)."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.context = context
        self.walk: StageWalk | None = None
        self._state: _WalkState | None = None
        self._origin = _Origin(None, None)
        self._savers: dict[tuple[int, DraftKey], DraftSaver] = {}
        self._journals: dict[str, Journal] = {}
        self.pending: tuple[str, str] | None = None
        context.databaseChanged.connect(self.replay_journal)

    # ------------------------------------------------------------------------------
    # Opening

    def open(self, candidate_uuid: str, stage_id: str = CURRENT_STAGE) -> None:
        """Open the current interviewer's scorecard for a candidate's stage."""
        context = self.context
        if context.db is None:
            return
        if context.interviewer is None:
            self.pending = (candidate_uuid, stage_id)
            self.identityNeeded.emit()
            return
        origin = self._origin if self.walk is not None else self._where_we_are()
        try:
            walk = self._build(candidate_uuid, stage_id)
        except ServiceError as exc:
            context.show_error("Could not open the stage walk", str(exc))
            return
        self._origin = origin
        context.window.show_overlay_page(walk)
        walk.go_to(Step.BRIEF)

    def _where_we_are(self) -> _Origin:
        window = self.context.window
        focus = QApplication.focusWidget()
        if focus is not None and not window.isAncestorOf(focus):
            focus = None
        return _Origin(window.current_page_key(), focus)

    def open_pending(self) -> None:
        """Open the walk asked for before anyone was signed in, if there is one."""
        pending, self.pending = self.pending, None
        if pending is not None:
            self.open(*pending)

    def _build(self, candidate_uuid: str, stage_id: str) -> StageWalk:
        db, me = self.context.db, self.context.interviewer
        assert db is not None
        assert me is not None
        if self.walk is not None:
            self.close()
        candidate = candidates.get_candidate(db, candidate_uuid)
        if not stage_id:
            stage_id = self._stage_to_open(candidate)
        detail = scorecard_reads.find_scorecard(db, candidate_uuid, stage_id, me.uuid)
        rubric, label = self._rubric_for(detail, candidate)
        try:
            rubric.stage(stage_id)
        except KeyError:
            raise InvalidInputError(
                f"stage {stage_id!r} is not part of the rubric {candidate.name} is "
                "interviewed against"
            ) from None
        key = DraftKey(candidate_uuid, stage_id, me.uuid)
        stored = content_of(detail) if detail is not None else ScorecardContent()
        submitted = detail is not None and detail.is_submitted
        saver = self._saver(db, key, stored, detail, candidate.name)
        # Edits not stored yet (still on their way, or left in the journal by an app
        # that was killed) are what the interviewer last saw: open with them.
        content = stored if submitted else saver.wanted
        if not submitted and saver.wanted == saver.saved:
            left = saver.journal.get(key)
            if left is not None:
                content = stored.apply(left.changes)
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
            closed_note=closed_note(
                candidate.name, candidate.status.value, candidate.status.is_closed
            ),
        )
        walk = StageWalk(setup)
        self.walk = walk
        self._state = _WalkState(key=key, rubric=rubric, saved=stored, saver=saver)
        walk.saveRequested.connect(self._save)
        walk.contentEdited.connect(lambda content: walk.set_problems(self.problems(content)))
        walk.submitRequested.connect(self._submit)
        walk.amendRequested.connect(self._amend)
        walk.closeRequested.connect(self.close)
        saver.stateChanged.connect(self._save_state_changed)
        walk.set_problems(self.problems(content))
        if submitted:
            assert detail is not None
            walk.set_submitted(detail.scorecard.submitted_at, history_of(detail, rubric))
            self._show_panel()
        elif content != saver.saved:
            walk.restore_unsaved()
            self._save_state_changed()  # still waiting for the database, perhaps
        return walk

    def _saver(
        self,
        db: Database,
        key: DraftKey,
        stored: ScorecardContent,
        detail: ScorecardDetail | None,
        name: str,
    ) -> DraftSaver:
        """The draft's saver: the one still at work from an earlier walk, or a new one."""
        found = self._savers.get((id(db), key))
        if found is not None and found.db is db:
            if found.is_settled:
                found.settle(stored, detail.updated_at if detail else None)
            return found
        saver = DraftSaver(
            self.context.writes,
            db,
            key,
            self._journal_for(db),
            saved=stored,
            saved_at=detail.updated_at if detail is not None else None,
            scorecard_uuid=detail.uuid if detail is not None else None,
            candidate_name=name,
            parent=self,
        )
        self._savers[(id(db), key)] = saver
        return saver

    def _journal_for(self, db: Database) -> Journal:
        """The one journal of ``db`` (one writer per file)."""
        path = journal_path(db)
        found = self._journals.get(str(path))
        if found is None:
            found = self._journals[str(path)] = Journal(path)
        return found

    def _stage_to_open(self, candidate: Any) -> str:
        db, me = self.context.db, self.context.interviewer
        assert db is not None
        assert me is not None
        mine = [
            record
            for record in assignments.assignments_for_candidate(db, candidate.uuid)
            if record.interviewer_uuid == me.uuid
        ]
        open_ones = [record for record in mine if record.scorecard_status != "submitted"]
        if open_ones or mine:
            return (open_ones or mine)[0].stage_id
        if candidate.stage_id:
            return str(candidate.stage_id)
        rubric = self.context.active_rubric()
        if rubric is None:
            raise NotFoundError("no rubric is stored yet: load the demo data or import one")
        return rubric.stages[0].id

    def _rubric_for(self, detail: ScorecardDetail | None, candidate: Any) -> tuple[Rubric, str]:
        """The rubric version the scorecard (or else the candidate) is scored against."""
        assert self.context.db is not None
        if detail is not None:
            rubric_id, version = detail.rubric_id, detail.rubric_version
        elif candidate.rubric_id is not None and candidate.rubric_version is not None:
            rubric_id, version = candidate.rubric_id, candidate.rubric_version
        else:
            loaded = rubrics.active_rubric(self.context.db)
            return loaded.rubric, f"{loaded.info.rubric_id} v{loaded.info.version}"
        return self.context.rubric_version(rubric_id, version), f"{rubric_id} v{version}"

    def problems(self, content: ScorecardContent) -> list[ScorecardProblem]:
        state = self._state
        assert state is not None
        return submission_problems(state.rubric, state.stage_id, content)

    # ------------------------------------------------------------------------------
    # Saving, submitting, amending

    def _save(self, content: ScorecardContent) -> None:
        state = self._state
        if state is None:
            return
        state.saver.want(content)

    def _save_state_changed(self) -> None:
        """Show how the open walk's draft is doing: saving, saved, waiting, refused."""
        walk, state = self.walk, self._state
        if walk is None or state is None or walk.is_submitted or walk.is_busy:
            return
        saver = state.saver
        if saver.state is SaveState.WAITING:
            walk.mark_waiting(WAITING_BANNER.format(where=saver.journal.path))
        elif saver.state is SaveState.REFUSED:
            walk.mark_save_failed(saver.refused)
        elif saver.state is SaveState.CLEAN:
            walk.mark_saved(saver.saved_at, saver.saved)
        # The status bar says the same, briefly (a refusal's reason is the walk's to show).
        refused = saver.state is SaveState.REFUSED
        self.context.window.set_saved("Not saved" if refused else walk.saved_text())

    def _submit(self) -> None:
        walk, state, db, me = self.walk, self._state, self.context.db, self.context.interviewer
        if walk is None or state is None or db is None or me is None:
            return
        key, target, saver = state.key, walk.content, state.saver
        if target == ScorecardContent() and saver.saved == target:
            self.context.show_error("Nothing to submit", "Rate the criteria before submitting.")
            return
        saver.suspend()
        walk.set_busy("Submitting…")
        self.context.window.set_saved("Submitting…")

        def submitted(detail: ScorecardDetail) -> None:
            saver.settle(content_of(detail), detail.updated_at, detail.uuid)
            saver.resume()
            if self.walk is not walk:
                return
            state.saved = content_of(detail)
            walk.set_submitted(
                detail.scorecard.submitted_at, history_of(detail, state.rubric), state.saved
            )
            self._show_panel()
            self.context.window.set_saved("Submitted")
            self.context.window.statusBar().showMessage("Scorecard submitted", 8000)

        def refused(error: BaseException) -> None:
            saver.resume()
            if self.walk is not walk:
                return
            walk.set_busy("")
            walk.set_problems(self.problems(walk.content))
            self._save_state_changed()
            self.context.show_error("The scorecard was not submitted", _in_words(error))

        self.context.writes.run(
            f"Submitting the scorecard for {walk.setup.candidate.name}",
            lambda: submit_draft(db, key, target, actor=me.name),
            changes=Changes(scorecards=True, candidates=True),
            on_success=submitted,
            on_failure=refused,
        )

    def _amend(self, reason: str, content: ScorecardContent) -> None:
        walk, state, db, me = self.walk, self._state, self.context.db, self.context.interviewer
        if walk is None or state is None or db is None or me is None:
            return
        scorecard_uuid = state.saver.scorecard_uuid
        assert scorecard_uuid is not None
        # Private notes are never part of what an amendment corrects.
        corrected = replace(content, private_notes=state.saved.private_notes)
        changes = state.saved.diff(corrected)
        if changes.is_empty:
            self.context.show_error(
                "Nothing to amend",
                "The scorecard is unchanged. Correct something in the steps first, or leave "
                "the amendment.",
            )
            return
        problems = [p for p in self.problems(corrected) if p.blocking]
        if problems:
            self.context.show_error(
                "The amendment is incomplete",
                "A corrected scorecard must still be complete: "
                + "; ".join(p.message for p in problems),
            )
            return
        walk.set_busy("Saving the amendment…")

        def amended(detail: ScorecardDetail) -> None:
            if self.walk is not walk:
                return
            state.saved = content_of(detail)
            walk.set_submitted(
                detail.scorecard.submitted_at, history_of(detail, state.rubric), state.saved
            )
            self._show_panel()
            self.context.window.statusBar().showMessage("Amendment saved", 8000)

        def refused(error: BaseException) -> None:
            if self.walk is not walk:
                return
            walk.set_busy("")
            self.context.show_error("The amendment was not saved", _in_words(error))

        self.context.writes.run(
            f"Saving the amendment for {walk.setup.candidate.name}",
            lambda: scorecards.amend_scorecard(
                db,
                scorecard_uuid,
                changes,
                reason=reason,
                amended_by=me.name,
                amended_by_uuid=me.uuid,
                actor=me.name,
            ),
            changes=Changes(scorecards=True, candidates=True),
            on_success=amended,
            on_failure=refused,
        )

    def _show_panel(self) -> None:
        """The panel comparison, only ever from what the independence rule lets us see."""
        walk, state, db, me = self.walk, self._state, self.context.db, self.context.interviewer
        if walk is None or state is None or db is None or me is None:
            return
        if not scorecard_reads.may_see_others(db, state.candidate_uuid, state.stage_id, me.uuid):
            walk.set_panel([], visible=False)
            return
        visible = scorecard_reads.visible_scorecards(
            db, state.candidate_uuid, state.stage_id, me.uuid
        )
        cards = [
            PanelCard(
                interviewer_name=card.interviewer_name,
                is_mine=card.interviewer_uuid == me.uuid,
                ratings={r.criterion_id: r.rating for r in card.ratings},
                vote=card.vote,
                level_evidence=card.level_evidence,
            )
            for card in visible
            if card.is_submitted
        ]
        walk.set_panel(cards, visible=True)

    # ------------------------------------------------------------------------------
    # Closing, quitting, and what an earlier run left behind

    def flush(self) -> None:
        """Before the app quits: hand every unsaved edit to the write queue at once, and
        keep a copy in the journal in case the database does not take it in time."""
        if self.walk is not None:
            self.walk.flush()
        for saver in list(self._savers.values()):
            saver.keep_locally()
            saver.send_now()
        for journal in self._journals.values():
            journal.wait_written(JOURNAL_WAIT_S)

    def close(self) -> None:
        """Hand the open walk's last edits to its autosave, take it off the window and
        go back to where it was opened from."""
        walk, state = self.walk, self._state
        if walk is None:
            return
        walk.flush()
        if state is not None:
            state.saver.stateChanged.disconnect(self._save_state_changed)
            state.saver.send_now()
        self.walk = None
        self._state = None
        self._forget_settled_savers()
        window = self.context.window
        pages = window.ui.pages
        if pages.indexOf(walk) >= 0:
            pages.removeWidget(walk)
        walk.deleteLater()
        window.set_saved("")
        self.closed.emit()
        self._return_to(self._origin)
        self._origin = _Origin(None, None)

    def _return_to(self, origin: _Origin) -> None:
        window = self.context.window
        section = origin.section or "home"
        try:
            window.show_page(section)
        except KeyError:
            window.show_page("home")
            section = "home"
        focus = origin.focus
        if (
            focus is not None
            and shiboken6.isValid(focus)
            and focus.isVisible()
            and focus.isEnabled()
            and window.page(section).isAncestorOf(focus)
        ):
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        lists = [
            view
            for view in window.page(section).findChildren(QAbstractItemView)
            if view.isVisible() and view.focusPolicy() != Qt.FocusPolicy.NoFocus
        ]
        if lists:
            lists[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _forget_settled_savers(self) -> None:
        open_saver = self._state.saver if self._state is not None else None
        for found, saver in list(self._savers.items()):
            if saver is not open_saver and saver.is_settled and not saver.journalled:
                del self._savers[found]
                saver.deleteLater()

    def replay_journal(self) -> None:
        """Store what a run that was killed (or quit while the database was away) left
        in the journal; entries that cannot be stored any more are set aside, not lost."""
        db = self.context.db
        if db is None:
            return
        journal = self._journal_for(db)
        entries = journal.entries()
        if not entries:
            return
        window = self.context.window
        window.statusBar().showMessage(
            f"Storing edits kept on this computer from last time ({len(entries)} draft"
            f"{'s' if len(entries) != 1 else ''})…"
        )
        stored: list[JournalEntry] = []

        def landed(entry: JournalEntry) -> None:
            journal.forget(entry.key)
            stored.append(entry)
            if len(stored) == len(entries):
                window.statusBar().showMessage(
                    "Edits kept on this computer from last time are stored", 8000
                )
                self.replayed.emit(len(stored))

        def failed(entry: JournalEntry, error: BaseException) -> None:
            if isinstance(error, ServiceError):
                aside = journal.set_aside(entry, str(error))
                self.context.show_error(
                    "Edits from last time could not be stored",
                    f"Edits to the draft for {entry.candidate_name or 'a candidate'} that "
                    f"were kept on this computer could not be stored: {error}. They are "
                    f"kept in {aside}.",
                )
            else:
                window.statusBar().showMessage(
                    "Edits kept on this computer from last time are not stored yet: the "
                    "database did not answer. They stay kept and are tried again next time.",
                    15000,
                )

        for entry in entries:
            self.context.writes.run(
                f"Storing edits kept from last time for {entry.candidate_name or 'a candidate'}",
                lambda entry=entry: apply_entry(db, entry),
                changes=Changes(scorecards=True),
                on_success=lambda _stored, entry=entry: landed(entry),
                on_failure=lambda error, entry=entry: failed(entry, error),
            )


def _in_words(error: BaseException) -> str:
    if isinstance(error, ServiceError):
        return str(error)
    failure = database_failure(error) or str(error)
    return f"{failure}. Nothing you entered is lost; try again in a moment."


# ---------------------------------------------------------------------------------------
# Plain conversions for the walk's screens


def history_of(detail: ScorecardDetail, rubric: Rubric) -> list[HistoryEntry]:
    """The original submission, then every amendment with what it changed."""
    entries = [
        HistoryEntry(
            when=detail.original.submitted_at,
            who=detail.original.interviewer_name,
            title="Submitted",
        )
    ]
    before = ScorecardContent.of(detail.original)
    for amendment in detail.amendments:
        after = before.apply(amendment.changes)
        entries.append(
            HistoryEntry(
                when=amendment.created_at,
                who=amendment.amended_by,
                title=f"Amendment {amendment.sequence}",
                reason=amendment.reason,
                details=tuple(
                    describe_change(part, before, after, rubric)
                    for part, _change in before.diff(after).parts()
                    if part[0] != "private_notes"
                ),
            )
        )
        before = after
    return entries


def describe_change(
    part: tuple[str, str], before: ScorecardContent, after: ScorecardContent, rubric: Rubric
) -> str:
    """One changed part (``(field, key)``, see ``ScorecardChanges.parts``) in words."""
    name, key = part
    scale = rubric.scale
    if name == "ratings":
        titles = {c.id: c.title for _stage, c in rubric.criteria()}

        def rating(value: int | None, rated: bool) -> str:
            return (
                "not rated"
                if not rated
                else scale.label(value)
                if value is None
                else f"{value} ({scale.label(value)})"
            )

        old, new = before.ratings.get(key), after.ratings.get(key)
        title = titles.get(key, key)
        if old is not None and new is not None and old.rating == new.rating:
            return f"{title}: evidence changed"
        return (
            f"{title}: {rating(old.rating if old else None, old is not None)} → "
            f"{rating(new.rating if new else None, new is not None)}"
        )
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
