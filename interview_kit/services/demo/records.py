"""The demo's records: plain values a plan is made of (named tuples: the 10k-candidate
plan creates half a million of them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import Scorecard


class DemoInterviewer(NamedTuple):
    uuid: str
    name: str
    email: str
    title: str
    leniency: float
    """How far this interviewer's ratings sit from the panel's, on average (demo only)."""


class DemoCandidate(NamedTuple):
    uuid: str
    name: str
    email: str
    source: str
    origin: str
    role: str
    status: str
    stage_id: str | None
    """The stage the candidate is in or last reached (``None`` before the first)."""
    notes: str
    created_at: datetime


class DemoAssignment(NamedTuple):
    candidate_uuid: str
    stage_id: str
    interviewer_uuid: str
    created_at: datetime


class DemoScorecard(NamedTuple):
    """One interviewer's sheet: the scorecard as the engine reads it, and what only the
    app keeps (private notes, when it was started and last saved)."""

    sheet: Scorecard
    private_notes: str
    created_at: datetime
    updated_at: datetime

    @property
    def uuid(self) -> str:
        return self.sheet.uuid

    @property
    def candidate_uuid(self) -> str:
        return self.sheet.candidate_uuid

    @property
    def submitted(self) -> bool:
        return self.sheet.is_submitted


class DemoAmendment(NamedTuple):
    """A correction to a submitted scorecard: one criterion's rating, with the reason."""

    uuid: str
    scorecard_uuid: str
    author_uuid: str
    reason: str
    criterion_id: str
    old_rating: int | None
    new_rating: int | None
    evidence: str
    created_at: datetime


class DemoDecision(NamedTuple):
    uuid: str
    candidate_uuid: str
    decision: str
    """``hire`` or ``no_hire``."""
    level: str | None
    base_salary: float | None
    notes: str
    decided_by: str
    decided_at: datetime


@dataclass
class DemoPlan:
    seed: int
    rubric: Rubric
    interviewers: list[DemoInterviewer] = field(default_factory=list)
    candidates: list[DemoCandidate] = field(default_factory=list)
    assignments: list[DemoAssignment] = field(default_factory=list)
    scorecards: list[DemoScorecard] = field(default_factory=list)
    amendments: list[DemoAmendment] = field(default_factory=list)
    decisions: list[DemoDecision] = field(default_factory=list)

    def summary(self) -> str:
        submitted = sum(1 for card in self.scorecards if card.submitted)
        drafts = len(self.scorecards) - submitted
        amendments = len(self.amendments)
        return (
            f"{len(self.candidates)} candidates, {len(self.interviewers)} interviewers, "
            f"{len(self.assignments)} assignments, {submitted} submitted and {drafts} draft "
            f"scorecards, {amendments} amendment{'s' if amendments != 1 else ''}, "
            f"{len(self.decisions)} committee decisions"
        )
