"""Assignments: which interviewer takes which stage of which candidate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import aliased

from interview_kit.domain.candidate import PipelineStatus
from interview_kit.services import audit
from interview_kit.services.candidate_rows import load_candidate_row
from interview_kit.services.errors import InvalidInputError
from interview_kit.services.interviewers import load_interviewer_row
from interview_kit.services.rubrics import rubric_for_version
from interview_kit.storage.database import Database
from interview_kit.storage.models import AssignmentRow, CandidateRow, InterviewerRow, ScorecardRow


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
        session.add(
            AssignmentRow(
                candidate_id=candidate.id, stage_id=stage_id, interviewer_id=interviewer.id
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


def pending_assignments(db: Database) -> list[AssignmentRecord]:
    """Assignments whose scorecard is not submitted yet, on open candidates."""
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
    records = _records(db, query)
    records.sort(key=lambda r: (r.candidate_name.casefold(), r.stage_id, r.interviewer_name))
    return records
