"""Connects the stage walk to the services: open, autosave, submit, amend, the panel.

The walk edits a :class:`~interview_kit.domain.scorecard_content.ScorecardContent`; this
wiring stores the difference from what was last saved on every autosave, submits and
amends, and asks :func:`~interview_kit.services.scorecard_reads.visible_scorecards` for the
panel comparison, so another interviewer's scores reach the walk only after the viewer's
own submission. What is missing is the domain's :func:`submission_problems`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard_content import (
    ScorecardContent,
    ScorecardProblem,
    submission_problems,
)
from interview_kit.gui.home import CURRENT_STAGE
from interview_kit.gui.stage_walk.state import (
    CandidateBrief,
    HistoryEntry,
    PanelCard,
    Step,
    WalkSetup,
)
from interview_kit.gui.stage_walk.walk import StageWalk
from interview_kit.services import assignments, candidates, rubrics, scorecard_reads, scorecards
from interview_kit.services.errors import InvalidInputError, NotFoundError, ServiceError

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext
    from interview_kit.services.scorecard_reads import ScorecardDetail

logger = logging.getLogger(__name__)


@dataclass
class _WalkState:
    """What the wiring keeps about the open walk: where its saves go."""

    candidate_uuid: str
    stage_id: str
    scorecard_uuid: str | None
    rubric: Rubric
    saved: ScorecardContent


class StageWalkWiring(QObject):
    """Opens one walk at a time over the window's pages and answers its requests."""

    identityNeeded = Signal()
    """A walk was asked for while nobody is signed in; it opens once someone is."""
    closed = Signal()
    """The walk was closed (its last edits stored)."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.context = context
        self.walk: StageWalk | None = None
        self._state: _WalkState | None = None
        self.pending: tuple[str, str] | None = None

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
        try:
            walk = self._build(candidate_uuid, stage_id)
        except ServiceError as exc:
            context.show_error("Could not open the stage walk", str(exc))
            return
        context.window.show_overlay_page(walk)
        walk.go_to(Step.BRIEF)

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
        content = content_of(detail) if detail is not None else ScorecardContent()
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
        self._state = _WalkState(
            candidate_uuid=candidate_uuid,
            stage_id=stage_id,
            scorecard_uuid=detail.uuid if detail is not None else None,
            rubric=rubric,
            saved=content,
        )
        walk.saveRequested.connect(self._save)
        walk.contentEdited.connect(lambda content: walk.set_problems(self.problems(content)))
        walk.submitRequested.connect(self._submit)
        walk.amendRequested.connect(self._amend)
        walk.closeRequested.connect(self.close)
        walk.set_problems(self.problems(content))
        if detail is not None and detail.is_submitted:
            walk.set_submitted(detail.scorecard.submitted_at, history_of(detail, rubric))
            self._show_panel()
        return walk

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
        walk, state, db, me = self.walk, self._state, self.context.db, self.context.interviewer
        if walk is None or state is None or db is None or me is None:
            return
        try:
            if state.scorecard_uuid is None:
                detail = scorecards.start_scorecard(
                    db, state.candidate_uuid, state.stage_id, me.uuid
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
        self.context.window.set_saved(f"Saved {when.astimezone().strftime('%H:%M:%S')}")

    def _store_changes(self, state: _WalkState, content: ScorecardContent) -> tuple[datetime, str]:
        """Store what changed since the last save; on bad input, store every other part."""
        db = self.context.db
        assert db is not None
        assert state.scorecard_uuid is not None
        changes = state.saved.diff(content)
        if changes.is_empty:
            return datetime.now(UTC), ""
        try:
            when = scorecards.save_draft(db, state.scorecard_uuid, changes)
        except InvalidInputError:
            pass
        else:
            state.saved = content
            return when, ""
        # Something in this change is refused: keep everything else.
        refused = []
        when = datetime.now(UTC)
        for _part, change in changes.parts():
            try:
                when = scorecards.save_draft(db, state.scorecard_uuid, change)
            except InvalidInputError as exc:
                refused.append(str(exc))
            else:
                state.saved = state.saved.apply(change)
        return when, "; ".join(refused)

    def _submit(self) -> None:
        walk, state, db, me = self.walk, self._state, self.context.db, self.context.interviewer
        if walk is None or state is None or db is None or me is None:
            return
        if state.scorecard_uuid is None:
            self.context.show_error("Nothing to submit", "Rate the criteria before submitting.")
            return
        try:
            detail = scorecards.submit_scorecard(db, state.scorecard_uuid, actor=me.name)
        except ServiceError as exc:
            self.context.show_error("The scorecard was not submitted", str(exc))
            walk.set_problems(self.problems(walk.content))
            return
        state.saved = content_of(detail)
        walk.set_submitted(
            detail.scorecard.submitted_at, history_of(detail, state.rubric), state.saved
        )
        self._show_panel()
        self.context.window.set_saved("Submitted")
        self.context.window.statusBar().showMessage("Scorecard submitted", 8000)
        self.context.dataChanged.emit()

    def _amend(self, reason: str, content: ScorecardContent) -> None:
        walk, state, db, me = self.walk, self._state, self.context.db, self.context.interviewer
        if walk is None or state is None or db is None or me is None:
            return
        assert state.scorecard_uuid is not None
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
        try:
            detail = scorecards.amend_scorecard(
                db,
                state.scorecard_uuid,
                changes,
                reason=reason,
                amended_by=me.name,
                amended_by_uuid=me.uuid,
                actor=me.name,
            )
        except ServiceError as exc:
            self.context.show_error("The amendment was not saved", str(exc))
            return
        state.saved = content_of(detail)
        walk.set_submitted(
            detail.scorecard.submitted_at, history_of(detail, state.rubric), state.saved
        )
        self._show_panel()
        self.context.window.statusBar().showMessage("Amendment saved", 8000)
        self.context.dataChanged.emit()

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
    # Closing

    def flush(self) -> None:
        """Store what the open walk holds (before the app quits)."""
        if self.walk is not None:
            self.walk.flush()

    def close(self) -> None:
        """Store the open walk's last edits, take it off the window and say so."""
        walk = self.walk
        if walk is None:
            return
        walk.flush()
        self.walk = None
        self._state = None
        window = self.context.window
        pages = window.ui.pages
        if pages.indexOf(walk) >= 0:
            pages.removeWidget(walk)
        walk.deleteLater()
        window.set_saved("")
        self.closed.emit()


# ---------------------------------------------------------------------------------------
# Plain conversions for the walk's screens


def content_of(detail: ScorecardDetail) -> ScorecardContent:
    """What its own interviewer sees of a stored scorecard (private notes included)."""
    return ScorecardContent.of(detail.scorecard, detail.private_notes)


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
