"""Scorecards as plain values: what one interviewer recorded for one candidate's stage.

Storage turns its rows into these; the engine, the packet and the exchange formats read
them. Amendments are already applied by the time a scorecard reaches this shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType


class Vote(StrEnum):
    """An interviewer's overall recommendation."""

    STRONG_NO = "strong_no"
    NO = "no"
    YES = "yes"
    STRONG_YES = "strong_yes"

    @property
    def label(self) -> str:
        return {"strong_no": "Strong no", "no": "No", "yes": "Yes", "strong_yes": "Strong yes"}[
            self.value
        ]

    @property
    def is_yes_side(self) -> bool:
        return self in (Vote.YES, Vote.STRONG_YES)


BELOW_LADDER = "below"
"""Level evidence meaning "below the lowest level of the ladder" (below L4 by default)."""


class ScorecardStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


def _frozen(mapping: Mapping[str, str] | None) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class CriterionRating:
    """A rating 1-4, or ``None`` for N/A, with the evidence behind it."""

    criterion_id: str
    rating: int | None
    evidence: str = ""


@dataclass(frozen=True)
class Observation:
    """A positive signal or red flag an interviewer ticked, with the evidence for it."""

    item_id: str
    evidence: str = ""


@dataclass(frozen=True)
class Scorecard:
    uuid: str
    candidate_uuid: str
    stage_id: str
    interviewer_uuid: str
    interviewer_name: str
    rubric_hash: str = ""
    status: ScorecardStatus = ScorecardStatus.SUBMITTED
    ratings: tuple[CriterionRating, ...] = ()
    signals: tuple[Observation, ...] = ()
    red_flags: tuple[Observation, ...] = ()
    level_evidence: str | None = None
    """A level id (``"L5"``), :data:`BELOW_LADDER`, or ``None`` when not given."""
    vote: Vote | None = None
    summary: str = ""
    exercise_notes: Mapping[str, str] = field(default_factory=lambda: _frozen(None))
    submitted_at: datetime | None = None
    amended: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "exercise_notes", _frozen(self.exercise_notes))
        for rating in self.ratings:
            if rating.rating is not None and rating.rating not in (1, 2, 3, 4):
                raise ValueError(
                    f"rating for {rating.criterion_id!r} must be 1-4 or N/A, got {rating.rating!r}"
                )

    def rating_for(self, criterion_id: str) -> int | None:
        for rating in self.ratings:
            if rating.criterion_id == criterion_id:
                return rating.rating
        return None

    @property
    def is_submitted(self) -> bool:
        return self.status is ScorecardStatus.SUBMITTED
