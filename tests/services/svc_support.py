"""Helpers shared by the service tests."""

from __future__ import annotations

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import CriterionRating, Vote
from interview_kit.services.scorecards import ScorecardChanges


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
