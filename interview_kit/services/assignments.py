"""Assignments: which interviewer takes which stage of which candidate, and when.

An assignment may carry the interview's time, length and place. Each change of those
raises its iCalendar sequence; taking away an assignment that had a time keeps a
cancelled-interview record, so the calendar can cancel it (``services/calendar.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import Session, aliased

from interview_kit.domain.candidate import PipelineStatus
from interview_kit.services import audit
from interview_kit.services.candidate_rows import load_candidate_row
from interview_kit.services.common import clean_text
from interview_kit.services.errors import InvalidInputError, NotFoundError
from interview_kit.services.interviewers import load_interviewer_row
from interview_kit.services.rubrics import rubric_for_version
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    AssignmentRow,
    CancelledInterviewRow,
    CandidateRow,
    InterviewerRow,
    ScorecardRow,
)
from interview_kit.storage.tables import NAME_LENGTH

MAX_DURATION_MINUTES = 600
"""As long as a rubric's longest stage may be."""


@dataclass(frozen=True)
class AssignmentRecord:
    candidate_uuid: str
    candidate_name: str
    candidate_status: PipelineStatus
    stage_id: str
    interviewer_uuid: str
    interviewer_name: str
    assigned_at: datetime
    scorecard_uuid: str | None
    scorecard_status: str | None
    """``None`` (not started), ``"draft"`` or ``"submitted"``."""
    last_change: datetime | None
    starts_at: datetime | None = None
    """When the interview starts (UTC), if it has been scheduled."""
    duration_minutes: int | None = None
    """Its length when it differs from the stage's; ``None`` means the stage's."""
    place: str = ""
    calendar_sequence: int = 0
    interviewer_email: str = ""


@dataclass(frozen=True)
class InterviewTime:
    """What the recruiter sets on an assignment: all three optional."""

    starts_at: datetime | None = None
    duration_minutes: int | None = None
    place: str = ""


def _checked_time(time: InterviewTime) -> InterviewTime:
    starts_at = time.starts_at
    if starts_at is not None:
        if starts_at.tzinfo is None:
            raise InvalidInputError("an interview time needs its time zone")
        starts_at = starts_at.astimezone(UTC).replace(microsecond=0)
    duration = time.duration_minutes
    if duration is not None and not 1 <= duration <= MAX_DURATION_MINUTES:
        raise InvalidInputError(
            f"an interview lasts 1 to {MAX_DURATION_MINUTES} minutes, not {duration}"
        )
    place = clean_text(time.place, "place", limit=NAME_LENGTH)
    return InterviewTime(starts_at, duration, place)


def assign(
    db: Database,
    candidate_uuid: str,
    stage_id: str,
    interviewer_uuid: str,
    *,
    actor: str | None = None,
) -> bool:
    """Put an interviewer on a candidate's stage; False if they already were."""
    if not stage_id:
        raise InvalidInputError("a stage is required")
    with db.write() as session:
        candidate = load_candidate_row(session, candidate_uuid, for_update=True)
        interviewer = load_interviewer_row(session, interviewer_uuid)
        if candidate.rubric_version_id is not None:
            rubric = rubric_for_version(db, session, candidate.rubric_version_id)
            stage_ids = [stage.id for stage in rubric.stages]
            if stage_id not in stage_ids:
                raise InvalidInputError(
                    f"stage {stage_id!r} is not in the candidate's rubric "
                    f"(stages: {', '.join(stage_ids)})"
                )
        existing = session.scalar(
            select(AssignmentRow.id).where(
                AssignmentRow.candidate_id == candidate.id,
                AssignmentRow.stage_id == stage_id,
                AssignmentRow.interviewer_id == interviewer.id,
            )
        )
        if existing is not None:
            return False
        cancelled = session.scalars(
            select(CancelledInterviewRow).where(
                CancelledInterviewRow.candidate_id == candidate.id,
                CancelledInterviewRow.stage_id == stage_id,
                CancelledInterviewRow.interviewer_id == interviewer.id,
            )
        ).one_or_none()
        sequence = 0
        if cancelled is not None:
            # The same calendar event comes back: it must outrank the cancellation.
            sequence = cancelled.calendar_sequence + 1
            session.delete(cancelled)
        session.add(
            AssignmentRow(
                candidate_id=candidate.id,
                stage_id=stage_id,
                interviewer_id=interviewer.id,
                calendar_sequence=sequence,
            )
        )
        audit.append(
            session,
            actor or db.actor,
            "assignment.added",
            "candidate",
            candidate_uuid,
            f"{stage_id}: interviewer {interviewer_uuid}",
        )
        return True


def unassign(
    db: Database,
    candidate_uuid: str,
    stage_id: str,
    interviewer_uuid: str,
    *,
    actor: str | None = None,
) -> bool:
    """Take an interviewer off a stage (their scorecards stay); False if not assigned."""
    with db.write() as session:
        candidate = load_candidate_row(session, candidate_uuid)
        interviewer = load_interviewer_row(session, interviewer_uuid)
        row = session.scalars(
            select(AssignmentRow).where(
                AssignmentRow.candidate_id == candidate.id,
                AssignmentRow.stage_id == stage_id,
                AssignmentRow.interviewer_id == interviewer.id,
            )
        ).one_or_none()
        if row is None:
            return False
        if row.starts_at is not None:
            _remember_cancelled(session, row)
        session.delete(row)
        audit.append(
            session,
            actor or db.actor,
            "assignment.removed",
            "candidate",
            candidate_uuid,
            f"{stage_id}: interviewer {interviewer_uuid}",
        )
        return True


def _remember_cancelled(session: Session, row: AssignmentRow) -> None:
    assert row.starts_at is not None
    cancelled = session.scalars(
        select(CancelledInterviewRow).where(
            CancelledInterviewRow.candidate_id == row.candidate_id,
            CancelledInterviewRow.stage_id == row.stage_id,
            CancelledInterviewRow.interviewer_id == row.interviewer_id,
        )
    ).one_or_none()
    if cancelled is None:
        cancelled = CancelledInterviewRow(
            candidate_id=row.candidate_id, stage_id=row.stage_id, interviewer_id=row.interviewer_id
        )
        session.add(cancelled)
    cancelled.starts_at = row.starts_at
    cancelled.duration_minutes = row.duration_minutes
    cancelled.place = row.place
    cancelled.calendar_sequence = row.calendar_sequence + 1
    cancelled.cancelled_at = datetime.now(UTC)


def schedule(
    db: Database,
    candidate_uuid: str,
    stage_id: str,
    interviewer_uuid: str,
    time: InterviewTime,
    *,
    actor: str | None = None,
) -> AssignmentRecord:
    """Set (or clear) an assignment's time, length and place.

    The calendar sequence goes up by one when any of them changes, so a calendar that
    received the earlier invitation takes the new one as its update.
    """
    wanted = _checked_time(time)
    with db.write() as session:
        candidate = load_candidate_row(session, candidate_uuid)
        interviewer = load_interviewer_row(session, interviewer_uuid)
        row = session.scalars(
            select(AssignmentRow)
            .where(
                AssignmentRow.candidate_id == candidate.id,
                AssignmentRow.stage_id == stage_id,
                AssignmentRow.interviewer_id == interviewer.id,
            )
            .with_for_update()
        ).one_or_none()
        if row is None:
            raise NotFoundError(
                f"{interviewer.name} is not assigned to stage {stage_id!r} of {candidate.name}"
            )
        current = InterviewTime(row.starts_at, row.duration_minutes, row.place)
        if current != wanted:
            row.starts_at = wanted.starts_at
            row.duration_minutes = wanted.duration_minutes
            row.place = wanted.place
            row.calendar_sequence += 1
            when = "no time" if wanted.starts_at is None else wanted.starts_at.isoformat()
            audit.append(
                session,
                actor or db.actor,
                "assignment.scheduled",
                "candidate",
                candidate_uuid,
                f"{stage_id}: interviewer {interviewer_uuid} at {when}",
            )
            session.flush()
    (record,) = [
        r
        for r in assignments_for_candidate(db, candidate_uuid)
        if r.stage_id == stage_id and r.interviewer_uuid == interviewer_uuid
    ]
    return record


def _assignment_query() -> Select[*tuple[Any, ...]]:
    card = aliased(ScorecardRow)
    return (
        select(
            CandidateRow.uuid,
            CandidateRow.name,
            CandidateRow.status,
            AssignmentRow.stage_id,
            InterviewerRow.uuid,
            InterviewerRow.name,
            AssignmentRow.created_at,
            card.uuid,
            card.status,
            card.updated_at,
            AssignmentRow.starts_at,
            AssignmentRow.duration_minutes,
            AssignmentRow.place,
            AssignmentRow.calendar_sequence,
            InterviewerRow.email,
        )
        .select_from(AssignmentRow)
        .join(CandidateRow, CandidateRow.id == AssignmentRow.candidate_id)
        .join(InterviewerRow, InterviewerRow.id == AssignmentRow.interviewer_id)
        .outerjoin(
            card,
            and_(
                card.candidate_id == AssignmentRow.candidate_id,
                card.stage_id == AssignmentRow.stage_id,
                card.interviewer_id == AssignmentRow.interviewer_id,
            ),
        )
    )


def _records(db: Database, query: Select[*tuple[Any, ...]]) -> list[AssignmentRecord]:
    with db.read() as session:
        return [
            AssignmentRecord(
                candidate_uuid=row[0],
                candidate_name=row[1],
                candidate_status=PipelineStatus(row[2]),
                stage_id=row[3],
                interviewer_uuid=row[4],
                interviewer_name=row[5],
                assigned_at=row[6],
                scorecard_uuid=row[7],
                scorecard_status=row[8],
                last_change=row[9] or row[6],
                starts_at=row[10],
                duration_minutes=row[11],
                place=row[12],
                calendar_sequence=row[13],
                interviewer_email=row[14],
            )
            for row in session.execute(query)
        ]


def assignments_for_interviewer(db: Database, interviewer_uuid: str) -> list[AssignmentRecord]:
    """ "My interviews": an interviewer's assignments, most recently changed first."""
    with db.read() as session:
        interviewer = load_interviewer_row(session, interviewer_uuid)
        interviewer_id = interviewer.id
    query = _assignment_query().where(AssignmentRow.interviewer_id == interviewer_id)
    records = _records(db, query)
    records.sort(key=lambda r: r.last_change or r.assigned_at, reverse=True)
    return records


def assignments_for_candidate(db: Database, candidate_uuid: str) -> list[AssignmentRecord]:
    with db.read() as session:
        candidate_id = load_candidate_row(session, candidate_uuid).id
    query = (
        _assignment_query()
        .where(AssignmentRow.candidate_id == candidate_id)
        .order_by(AssignmentRow.stage_id, InterviewerRow.name_key)
    )
    return _records(db, query)


def pending_assignments(db: Database, *, scheduled_only: bool = False) -> list[AssignmentRecord]:
    """Assignments whose scorecard is not submitted yet, on open candidates
    (``scheduled_only``: those with an interview time)."""
    open_statuses = [s.value for s in PipelineStatus if not s.is_closed]
    card = aliased(ScorecardRow)
    submitted = (
        select(card.id)
        .where(
            card.candidate_id == AssignmentRow.candidate_id,
            card.stage_id == AssignmentRow.stage_id,
            card.interviewer_id == AssignmentRow.interviewer_id,
            card.status == "submitted",
        )
        .exists()
    )
    # In SQL: a large archive holds many times more submitted assignments than open ones.
    query = _assignment_query().where(CandidateRow.status.in_(open_statuses), ~submitted)
    if scheduled_only:
        query = query.where(AssignmentRow.starts_at.is_not(None))
    records = _records(db, query)
    records.sort(key=lambda r: (r.candidate_name.casefold(), r.stage_id, r.interviewer_name))
    return records
