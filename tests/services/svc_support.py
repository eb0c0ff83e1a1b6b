"""Helpers shared by the service tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import CriterionRating, Vote
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.services.candidates import CandidateRecord
from interview_kit.services.database import Database
from interview_kit.services.interviewers import InterviewerRecord
from interview_kit.storage.models import Base

NewDatabase = Callable[[str], Database]


@dataclass(frozen=True)
class Panel:
    db: Database
    rubric: Rubric
    candidate: CandidateRecord
    ada: InterviewerRecord
    bo: InterviewerRecord
    cy: InterviewerRecord

    @property
    def stage(self) -> str:
        return self.rubric.stages[0].id


def complete_changes(
    rubric: Rubric, stage_id: str, rating: int = 3, vote: Vote = Vote.YES
) -> ScorecardChanges:
    """Everything a stage needs before it can be submitted."""
    stage = rubric.stage(stage_id)
    return ScorecardChanges(
        ratings={
            c.id: CriterionRating(c.id, rating, f"evidence for {c.id}") for c in stage.criteria
        },
        signals={rubric.signals[0].id: "talked revenue when choosing the queue"},
        exercise_notes={stage.exercises[0].id: "notes as typed"},
        level_evidence=rubric.levels[1].id,
        vote=vote,
        summary="Solid builder.",
        private_notes="never leaves this app",
    )


def dump(db: Database, *, skip: tuple[str, ...] = ()) -> list[str]:
    """Every row of every table as text, in a stable order (any backend)."""
    lines = []
    with db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in skip:
                continue
            rows = connection.execute(select(table)).all()
            lines.extend(sorted(f"{table.name}: {tuple(row)!r}" for row in rows))
    return lines


def target_of(db: Database) -> str:
    """What another process passes to ``open_database`` to reach the same database."""
    if db.path is not None:
        return str(db.path)
    return db.url.render_as_string(hide_password=False)
