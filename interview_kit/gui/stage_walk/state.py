"""Plain values the stage walk shows and edits; no Qt, no database.

The controller builds a :class:`WalkSetup` from services; the walk edits a
:class:`WalkContent` and hands copies back to be saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import IntEnum

from interview_kit.domain.rubric import Rubric, Stage
from interview_kit.domain.scorecard import Vote

NOT_APPLICABLE = 0
"""The rating key and value meaning N/A (stored as a rating of ``None``)."""


class Step(IntEnum):
    BRIEF = 0
    EXERCISES = 1
    RATINGS = 2
    SIGNALS = 3
    LEVEL = 4
    REVIEW = 5

    @property
    def title(self) -> str:
        return _STEP_TITLES[self]


_STEP_TITLES = {
    Step.BRIEF: "Brief",
    Step.EXERCISES: "Exercises",
    Step.RATINGS: "Ratings",
    Step.SIGNALS: "Signals and red flags",
    Step.LEVEL: "Level and recommendation",
    Step.REVIEW: "Review and submit",
}

PROBLEM_STEPS = {
    "ratings": Step.RATINGS,
    "signals": Step.SIGNALS,
    "red_flags": Step.SIGNALS,
    "recommendation": Step.LEVEL,
    "level": Step.LEVEL,
    "summary": Step.LEVEL,
}


@dataclass
class WalkContent:
    """Everything an interviewer enters for one stage.

    ``ratings`` holds only rated criteria: a value 1-4, or ``None`` for N/A, with the
    evidence. Ticked signals and red flags map to their evidence.
    """

    ratings: dict[str, tuple[int | None, str]] = field(default_factory=dict)
    exercise_notes: dict[str, str] = field(default_factory=dict)
    signals: dict[str, str] = field(default_factory=dict)
    red_flags: dict[str, str] = field(default_factory=dict)
    level_evidence: str | None = None
    vote: Vote | None = None
    summary: str = ""
    private_notes: str = ""

    def copy(self) -> WalkContent:
        return replace(
            self,
            ratings=dict(self.ratings),
            exercise_notes=dict(self.exercise_notes),
            signals=dict(self.signals),
            red_flags=dict(self.red_flags),
        )


@dataclass(frozen=True)
class CandidateBrief:
    uuid: str
    name: str
    email: str = ""
    source: str = ""
    origin: str = ""
    role_title: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Problem:
    """Something that stops submission (``blocking``) or that the committee will miss."""

    step: Step
    item_id: str
    message: str
    blocking: bool = True


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime | None
    who: str
    title: str
    reason: str = ""
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class PanelCard:
    """One interviewer's submitted scores, for the comparison after submitting."""

    interviewer_name: str
    is_mine: bool
    ratings: dict[str, int | None]
    vote: Vote | None
    level_evidence: str | None


@dataclass(frozen=True)
class WalkSetup:
    rubric: Rubric
    stage_id: str
    candidate: CandidateBrief
    interviewer_name: str
    content: WalkContent = field(default_factory=WalkContent)
    submitted_at: datetime | None = None
    saved_at: datetime | None = None
    history: tuple[HistoryEntry, ...] = ()
    rubric_label: str = ""

    @property
    def stage(self) -> Stage:
        return self.rubric.stage(self.stage_id)

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None
