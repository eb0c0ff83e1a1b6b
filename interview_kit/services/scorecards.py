"""Scorecards: drafts that save on every change, submission, amendments.

A draft is edited with :func:`save_draft`, cheap enough for every debounced keystroke.
:func:`submit_scorecard` freezes it: from then on the row never changes (the database
refuses it too) and a correction is an amendment that keeps the original and records
who, when, why and what changed. The content and its rules (what a change may hold, what
submission needs) are :mod:`interview_kit.domain.scorecard_content`; reading stored
scorecards back is :mod:`interview_kit.services.scorecard_reads`.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import ScorecardStatus, Vote
from interview_kit.domain.scorecard_content import (
    ScorecardChanges,
    ScorecardContentError,
    check_changes,
    scorecard_problems,
)
from interview_kit.services import audit, summaries
from interview_kit.services.candidate_rows import load_candidate_row
from interview_kit.services.common import UNSET, new_uuid, without_nul
from interview_kit.services.errors import (
    ConflictError,
    ImmutableError,
    InvalidInputError,
    NotFoundError,
)
from interview_kit.services.interviewers import load_interviewer_row
from interview_kit.services.rubrics import first_active_version_id, rubric_for_version
from interview_kit.services.scorecard_reads import ScorecardDetail, load_one, reads_private_notes
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    AmendmentRow,
    ExerciseNoteRow,
    ObservationRow,
    PrivateNoteRow,
    RatingRow,
    ScorecardRow,
)
from interview_kit.storage.tables import utc_now

logger = logging.getLogger(__name__)


def _checked(rubric: Rubric, stage_id: str, changes: ScorecardChanges) -> ScorecardChanges:
    """``changes`` as stored (NUL characters out), once the rubric allows them."""
    changes = changes.map_text(without_nul)
    try:
        check_changes(rubric, stage_id, changes)
    except ScorecardContentError as exc:
        raise InvalidInputError(str(exc)) from None
    return changes


def start_scorecard(
    db: Database,
    candidate_uuid: str,
    stage_id: str,
    interviewer_uuid: str,
    *,
    uuid: str | None = None,
    actor: str | None = None,
) -> ScorecardDetail:
    """The interviewer's scorecard for this stage: the existing one, or a new draft
    against the candidate's rubric version."""
    with db.write() as session:
        candidate = load_candidate_row(session, candidate_uuid)
        interviewer = load_interviewer_row(session, interviewer_uuid)
        existing = session.scalar(
            select(ScorecardRow.uuid).where(
                ScorecardRow.candidate_id == candidate.id,
                ScorecardRow.stage_id == stage_id,
                ScorecardRow.interviewer_id == interviewer.id,
            )
        )
        if existing is not None:
            return load_one(session, existing, private=reads_private_notes(db)).detail()
        version_id = candidate.rubric_version_id or first_active_version_id(session)
        if version_id is None:
            raise NotFoundError("no rubric is stored yet: import one first")
        rubric = rubric_for_version(db, session, version_id)
        try:
            rubric.stage(stage_id)
        except KeyError:
            raise InvalidInputError(
                f"stage {stage_id!r} is not in the rubric "
                f"(stages: {', '.join(s.id for s in rubric.stages)})"
            ) from None
        now = utc_now()
        row = ScorecardRow(
            uuid=uuid or new_uuid(),
            candidate_id=candidate.id,
            stage_id=stage_id,
            interviewer_id=interviewer.id,
            rubric_version_id=version_id,
            status=ScorecardStatus.DRAFT.value,
            created_at=now,
            updated_at=now,
        )
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
        except IntegrityError:
            # The same interviewer started it a moment ago from another session (on
            # PostgreSQL two starts run side by side): theirs is the scorecard.
            existing = session.scalar(
                select(ScorecardRow.uuid).where(
                    ScorecardRow.candidate_id == candidate.id,
                    ScorecardRow.stage_id == stage_id,
                    ScorecardRow.interviewer_id == interviewer.id,
                )
            )
            if existing is None:
                raise
            return load_one(session, existing, private=reads_private_notes(db)).detail()
        audit.append(
            session,
            actor or db.actor,
            "scorecard.started",
            "scorecard",
            row.uuid,
            f"candidate {candidate_uuid} stage {stage_id}",
        )
        return load_one(session, row.uuid, private=reads_private_notes(db)).detail()


def _load_for_write(session: Session, uuid: str) -> ScorecardRow:
    row = session.scalars(
        select(ScorecardRow).where(ScorecardRow.uuid == uuid).with_for_update()
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"no scorecard with id {uuid}")
    return row


def save_draft(db: Database, scorecard_uuid: str, changes: ScorecardChanges) -> datetime:
    """Store a change to a draft at once (durable on return); returns the saved time.

    Refused for a submitted scorecard (:class:`ImmutableError`: amend it instead).
    """
    with db.write() as session:
        row = _load_for_write(session, scorecard_uuid)
        if row.status == ScorecardStatus.SUBMITTED.value:
            raise ImmutableError(
                "this scorecard is submitted and can no longer be edited; amend it with a reason"
            )
        rubric = rubric_for_version(db, session, row.rubric_version_id)
        changes = _checked(rubric, row.stage_id, changes)
        _write_changes(session, row, rubric, changes)
        row.updated_at = utc_now()
        session.flush()
        return row.updated_at


def _write_changes(
    session: Session, row: ScorecardRow, rubric: Rubric, changes: ScorecardChanges
) -> None:
    stage = rubric.stage(row.stage_id)
    positions = {criterion.id: index for index, criterion in enumerate(stage.criteria)}
    for criterion_id, rating in changes.ratings.items():
        current = session.get(RatingRow, (row.id, criterion_id))
        if rating is None:
            if current is not None:
                session.delete(current)
        elif current is None:
            session.add(
                RatingRow(
                    scorecard_id=row.id,
                    criterion_id=criterion_id,
                    position=positions.get(criterion_id, len(positions)),
                    rating=rating.rating,
                    evidence=rating.evidence,
                )
            )
        else:
            current.rating, current.evidence = rating.rating, rating.evidence
    for kind, updates, order in (
        ("signal", changes.signals, [s.id for s in rubric.signals]),
        ("red_flag", changes.red_flags, [f.id for f in rubric.red_flags]),
    ):
        for item_id, evidence in updates.items():
            current_obs = session.get(ObservationRow, (row.id, kind, item_id))
            if evidence is None:
                if current_obs is not None:
                    session.delete(current_obs)
            elif current_obs is None:
                session.add(
                    ObservationRow(
                        scorecard_id=row.id,
                        kind=kind,
                        item_id=item_id,
                        position=order.index(item_id) if item_id in order else len(order),
                        evidence=evidence,
                    )
                )
            else:
                current_obs.evidence = evidence
    for exercise_id, notes in changes.exercise_notes.items():
        current_note = session.get(ExerciseNoteRow, (row.id, exercise_id))
        if current_note is None:
            session.add(ExerciseNoteRow(scorecard_id=row.id, exercise_id=exercise_id, notes=notes))
        else:
            current_note.notes = notes
    if changes.level_evidence is not UNSET:
        row.level_evidence = changes.level_evidence
    if changes.vote is not UNSET:
        row.vote = None if changes.vote is None else Vote(changes.vote).value
    if changes.summary is not UNSET:
        row.summary = changes.summary
    _write_private_notes(session, row, changes)


def _write_private_notes(session: Session, row: ScorecardRow, changes: ScorecardChanges) -> None:
    """Private notes are their author's own, kept beside the scorecard and never in it:
    they stay editable after submission, and no amendment records them."""
    if changes.private_notes is UNSET:
        return
    note = session.get(PrivateNoteRow, row.id)
    if note is None:
        session.add(
            PrivateNoteRow(
                scorecard_id=row.id,
                interviewer_id=row.interviewer_id,
                notes=changes.private_notes,
                updated_at=utc_now(),
            )
        )
    else:
        note.notes = changes.private_notes
        note.updated_at = utc_now()


def submit_scorecard(
    db: Database, scorecard_uuid: str, *, actor: str | None = None
) -> ScorecardDetail:
    """Freeze a complete draft. Incomplete: :class:`InvalidInputError` listing what is
    missing (see :func:`scorecard_problems`). Already submitted: :class:`ImmutableError`."""
    with db.write() as session:
        row = _load_for_write(session, scorecard_uuid)
        if row.status == ScorecardStatus.SUBMITTED.value:
            raise ImmutableError("this scorecard is already submitted")
        loaded = load_one(session, scorecard_uuid)
        rubric = rubric_for_version(db, session, row.rubric_version_id)
        problems = scorecard_problems(rubric, loaded.effective())
        if problems:
            raise InvalidInputError(
                "the scorecard is not complete: " + "; ".join(p.message for p in problems)
            )
        now = utc_now()
        row.status = ScorecardStatus.SUBMITTED.value
        row.submitted_at = now
        row.updated_at = now
        session.flush()
        audit.append(session, actor or db.actor, "scorecard.submitted", "scorecard", row.uuid)
        summaries.refresh(db, session, row.candidate_id)
        return load_one(session, scorecard_uuid, private=reads_private_notes(db)).detail()


def amend_scorecard(
    db: Database,
    scorecard_uuid: str,
    changes: ScorecardChanges,
    *,
    reason: str,
    amended_by: str | None = None,
    amended_by_uuid: str | None = None,
    actor: str | None = None,
) -> ScorecardDetail:
    """Correct a submitted scorecard; the original stays and the amendment records who,
    when, why and what changed. A change of private notes is saved as it is (they are
    not part of the record) and never written into the amendment."""
    reason = without_nul(reason).strip()
    if not reason:
        raise InvalidInputError("an amendment needs a reason")
    if changes.is_empty:
        raise InvalidInputError("the amendment changes nothing")
    who = amended_by or actor or db.actor
    with db.write() as session:
        row = _load_for_write(session, scorecard_uuid)
        if row.status != ScorecardStatus.SUBMITTED.value:
            raise ConflictError("only a submitted scorecard is amended; edit the draft instead")
        rubric = rubric_for_version(db, session, row.rubric_version_id)
        changes = _checked(rubric, row.stage_id, changes)
        _write_private_notes(session, row, changes)
        changes = replace(changes, private_notes=UNSET)
        if changes.is_empty:
            session.flush()
            return load_one(session, scorecard_uuid, private=reads_private_notes(db)).detail()
        sequence = (
            session.scalar(
                select(func.max(AmendmentRow.sequence)).where(AmendmentRow.scorecard_id == row.id)
            )
            or 0
        ) + 1
        amendment = AmendmentRow(
            uuid=new_uuid(),
            scorecard_id=row.id,
            sequence=sequence,
            amended_by=who,
            amended_by_uuid=amended_by_uuid,
            reason=reason,
            changes=changes.to_json(private=False),
        )
        session.add(amendment)
        session.flush()
        audit.append(
            session,
            actor or db.actor,
            "scorecard.amended",
            "scorecard",
            row.uuid,
            f"amendment {sequence}",
        )
        summaries.refresh(db, session, row.candidate_id)
        return load_one(session, scorecard_uuid, private=reads_private_notes(db)).detail()


def delete_draft(db: Database, scorecard_uuid: str, *, actor: str | None = None) -> None:
    """Throw away a draft (a submitted scorecard is never deleted this way)."""
    with db.write() as session:
        row = _load_for_write(session, scorecard_uuid)
        if row.status == ScorecardStatus.SUBMITTED.value:
            raise ImmutableError("a submitted scorecard cannot be deleted")
        session.delete(row)
        audit.append(
            session, actor or db.actor, "scorecard.draft_deleted", "scorecard", scorecard_uuid
        )
