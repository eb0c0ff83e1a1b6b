"""Plain values the stage walk shows; no Qt, no database.

The walk's wiring builds a :class:`WalkSetup` from services; the walk edits the domain's
:class:`~interview_kit.domain.scorecard_content.ScorecardContent` and hands each new value
back to be saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum

from interview_kit.domain.rubric import Rubric, Stage
from interview_kit.domain.scorecard import Vote
from interview_kit.domain.scorecard_content import ScorecardContent, ScorecardProblem

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
"""The walk's step for each :attr:`ScorecardProblem.step`."""


def step_of(problem: ScorecardProblem) -> Step:
    """The step of the walk where a problem is fixed."""
    return PROBLEM_STEPS.get(problem.step, Step.REVIEW)


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
    content: ScorecardContent = field(default_factory=ScorecardContent)
    submitted_at: datetime | None = None
    saved_at: datetime | None = None
    history: tuple[HistoryEntry, ...] = ()
    rubric_label: str = ""
    closed_note: str = ""
    """Why the candidate's process is over (rejected, withdrawn, hired), if it is."""

    @property
    def stage(self) -> Stage:
        return self.rubric.stage(self.stage_id)

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


def saved_words(when: datetime, now: datetime | None = None) -> str:
    """ "Saved 14:05" today, "Saved 2026-12-01 14:05" on any other day (local time)."""
    local = when.astimezone()
    today = (now or datetime.now(local.tzinfo)).astimezone(local.tzinfo).date()
    if local.date() == today:
        return f"Saved {local:%H:%M}"
    return f"Saved {local:%Y-%m-%d %H:%M}"


def closed_note(name: str, status: str, closed: bool) -> str:
    """The walk's banner for a candidate whose process is over, or ``""``."""
    if not closed:
        return ""
    words = {"rejected": "was rejected", "withdrawn": "withdrew", "hired": "was hired"}
    what = words.get(status, f"is closed ({status})")
    return (
        f"{name} {what}: this candidate's process is closed. You can still finish or "
        "correct your scorecard for the record."
    )


__all__ = [
    "NOT_APPLICABLE",
    "CandidateBrief",
    "HistoryEntry",
    "PanelCard",
    "Step",
    "WalkSetup",
    "closed_note",
    "saved_words",
    "step_of",
]
