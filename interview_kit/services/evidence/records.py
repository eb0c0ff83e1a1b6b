"""Recording what the evidence views read: outcomes of hires and voluntary
self-identification. Each call is one unit of work and leaves a line in the audit log
(which never holds the answers themselves).

The self-identification questions are the rubric's (its ``[[self_identification]]``
section, else the default EEO ones): a candidate answers those of the rubric version
they are interviewed against. Answers to questions a later version dropped stay stored
until changed or erased with the candidate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.self_identification import DEFAULT_QUESTIONS, Question, question
from interview_kit.services import audit, rubrics
from interview_kit.services.candidate_rows import load_candidate_row
from interview_kit.services.common import clean_text, new_uuid
from interview_kit.services.errors import InvalidInputError
from interview_kit.services.evidence.common import active_rubric_or_none
from interview_kit.storage.database import Database
from interview_kit.storage.models import CandidateRow, HireOutcomeRow, SelfIdentificationRow
from interview_kit.storage.tables import NAME_LENGTH, utc_now


class Checkpoint(StrEnum):
    DAYS_90 = "90_days"
    ONE_YEAR = "one_year"

    @property
    def label(self) -> str:
        return "90 days" if self is Checkpoint.DAYS_90 else "One year"


@dataclass(frozen=True)
class Outcome:
    uuid: str
    candidate_uuid: str
    checkpoint: Checkpoint
    performance: int | None
    """1-4 on the rating scale's meaning (below, meets some, meets, exceeds)."""
    still_employed: bool
    would_hire_again: bool | None
    level_now: str | None
    recorded_by: str
    recorded_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "candidate_uuid": self.candidate_uuid,
            "checkpoint": self.checkpoint.value,
            "performance": self.performance,
            "still_employed": self.still_employed,
            "would_hire_again": self.would_hire_again,
            "level_now": self.level_now,
            "recorded_by": self.recorded_by,
            "recorded_at": self.recorded_at.isoformat(),
        }


def self_identification_questions(
    db: Database, rubric_id: str | None = None
) -> tuple[Question, ...]:
    """The questions the active version of ``rubric_id`` (or of the first rubric stored)
    asks; the defaults while no rubric is stored."""
    rubric = active_rubric_or_none(db, rubric_id)
    return DEFAULT_QUESTIONS if rubric is None else rubric.self_identification_questions()


def candidate_questions(db: Database, candidate_uuid: str) -> tuple[Question, ...]:
    """The questions a candidate is asked: those of the rubric version they are on."""
    with db.read() as session:
        candidate = load_candidate_row(session, candidate_uuid)
        return _questions_of(db, session, candidate)


def _questions_of(db: Database, session: Session, candidate: CandidateRow) -> tuple[Question, ...]:
    if candidate.rubric_version_id is None:
        return self_identification_questions(db)
    rubric = rubrics.rubric_for_version(db, session, candidate.rubric_version_id)
    return rubric.self_identification_questions()


def record_outcome(
    db: Database,
    candidate_uuid: str,
    *,
    checkpoint: Checkpoint | str,
    still_employed: bool,
    performance: int | None = None,
    would_hire_again: bool | None = None,
    level_now: str | None = None,
    recorded_by: str | None = None,
    actor: str | None = None,
) -> Outcome:
    """Record (or replace) how a hire turned out at a checkpoint.

    Only hired candidates have outcomes; ``performance`` is 1-4 or unknown.
    """
    try:
        point = Checkpoint(checkpoint)
    except ValueError:
        known = ", ".join(c.value for c in Checkpoint)
        raise InvalidInputError(f"checkpoint {checkpoint!r} is not one of {known}") from None
    if performance is not None and performance not in (1, 2, 3, 4):
        raise InvalidInputError("performance must be 1, 2, 3 or 4")
    level = clean_text(level_now or "", "level now", limit=16) or None
    who = (recorded_by or actor or db.actor)[:NAME_LENGTH]
    with db.write() as session:
        candidate = load_candidate_row(session, candidate_uuid, for_update=True)
        if candidate.status != PipelineStatus.HIRED.value:
            raise InvalidInputError(
                f"{candidate.name} is not hired: outcomes are recorded for hires only"
            )
        row = session.scalars(
            select(HireOutcomeRow).where(
                HireOutcomeRow.candidate_id == candidate.id,
                HireOutcomeRow.checkpoint == point.value,
            )
        ).one_or_none()
        if row is None:
            row = HireOutcomeRow(uuid=new_uuid(), candidate_id=candidate.id, checkpoint=point.value)
            session.add(row)
        row.performance = performance
        row.still_employed = still_employed
        row.would_hire_again = would_hire_again
        row.level_now = level
        row.recorded_by = who
        row.recorded_at = utc_now()
        session.flush()
        audit.append(
            session, actor or db.actor, "outcome.recorded", "candidate", candidate_uuid, point.value
        )
        return _outcome(row, candidate_uuid)


def _outcome(row: HireOutcomeRow, candidate_uuid: str) -> Outcome:
    return Outcome(
        uuid=row.uuid,
        candidate_uuid=candidate_uuid,
        checkpoint=Checkpoint(row.checkpoint),
        performance=row.performance,
        still_employed=row.still_employed,
        would_hire_again=row.would_hire_again,
        level_now=row.level_now,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
    )


def outcomes_for_candidate(db: Database, candidate_uuid: str) -> list[Outcome]:
    with db.read() as session:
        candidate = load_candidate_row(session, candidate_uuid)
        rows = session.scalars(
            select(HireOutcomeRow)
            .where(HireOutcomeRow.candidate_id == candidate.id)
            .order_by(HireOutcomeRow.checkpoint)
        )
        return [_outcome(row, candidate_uuid) for row in rows]


def record_self_identification(
    db: Database,
    candidate_uuid: str,
    answers: Mapping[str, str | None],
    *,
    actor: str | None = None,
) -> None:
    """Store a candidate's voluntary answers (question id -> category id; ``None``
    withdraws an answer). Questions and categories the candidate's rubric does not ask
    are refused; withdrawing an answer to a question it no longer asks is allowed."""
    with db.write() as session:
        candidate = load_candidate_row(session, candidate_uuid, for_update=True)
        questions = _questions_of(db, session, candidate)
        for question_id, category_id in answers.items():
            if category_id is None:
                continue
            try:
                question(questions, question_id).category(category_id)
            except KeyError as exc:
                raise InvalidInputError(
                    f"{exc.args[0]}: {candidate.name} is asked the questions of the rubric "
                    "they are interviewed against"
                ) from None
        for question_id, category_id in answers.items():
            row = session.get(SelfIdentificationRow, (candidate.id, question_id))
            if category_id is None:
                if row is not None:
                    session.delete(row)
                continue
            if row is None:
                row = SelfIdentificationRow(candidate_id=candidate.id, question_id=question_id)
                session.add(row)
            row.category_id = category_id
            row.recorded_at = utc_now()
        session.flush()
        # The log says that answers changed, never what they are.
        audit.append(
            session, actor or db.actor, "self_identification.recorded", "candidate", candidate_uuid
        )


def self_identification_of(db: Database, candidate_uuid: str) -> dict[str, str]:
    """A candidate's answers (for the recruiter who records them; nobody else)."""
    with db.read() as session:
        rows = session.execute(
            select(SelfIdentificationRow.question_id, SelfIdentificationRow.category_id)
            .join(CandidateRow, CandidateRow.id == SelfIdentificationRow.candidate_id)
            .where(CandidateRow.uuid == candidate_uuid)
        )
        return dict(rows.all())


def clear_self_identification(db: Database, candidate_uuid: str) -> None:
    with db.write() as session:
        candidate = load_candidate_row(session, candidate_uuid, for_update=True)
        session.execute(
            delete(SelfIdentificationRow).where(SelfIdentificationRow.candidate_id == candidate.id)
        )
