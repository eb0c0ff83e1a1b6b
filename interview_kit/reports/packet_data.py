"""What a hiring packet shows, as plain frozen values.

Services fill these from storage and the engine; the report only lays them out. The
shapes hold display-ready text (labels, names) and numbers, never database rows, and have
no field for an interviewer's private notes: what is not here cannot leak into a PDF.

Importing this module does not import ReportLab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class BandInfo:
    """The recommended level's compensation band and where the candidate sits in it."""

    currency: str
    base_min: float
    base_mid: float
    base_max: float
    suggested_base: float | None = None
    position: float | None = None
    """0.0 at the band's minimum, 1.0 at its maximum."""
    equity_text: str = ""
    learning_budget: float | None = None
    note: str = ""


@dataclass(frozen=True)
class Coverage:
    """How much of what the rubric asks for was rated."""

    fraction: float | None
    rated: int = 0
    expected: int = 0
    missing: tuple[str, ...] = ()
    """Stages not interviewed or criteria nobody rated, as readable phrases."""


@dataclass(frozen=True)
class Agreement:
    """How far the panel agrees: reliability, the split of votes, criteria rated far apart."""

    alpha: float | None = None
    yes_side: int = 0
    no_side: int = 0
    no_vote: int = 0
    spread_criteria: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Report:
    """One interviewer's evidence for a signal, a red flag or a rating."""

    interviewer: str
    evidence: str = ""


@dataclass(frozen=True)
class Observed:
    """A positive signal or red flag, with everyone who reported it."""

    label: str
    reports: tuple[Report, ...] = ()
    severity: str | None = None
    """``"blocker"`` or ``"concern"`` for red flags; ``None`` for positive signals."""
    description: str = ""


@dataclass(frozen=True)
class CriterionResult:
    title: str
    ratings: tuple[int | None, ...]
    """One per interviewer of the stage, in :attr:`StageSection.interviewers` order;
    ``None`` is N/A or not rated."""
    panel_mean: float | None = None
    spread: bool = False
    evidence: tuple[Report, ...] = ()
    weight: float = 1.0


@dataclass(frozen=True)
class ExerciseNote:
    exercise: str
    interviewer: str
    text: str


@dataclass(frozen=True)
class Verdict:
    """One interviewer's overall view of the stage."""

    interviewer: str
    vote: str | None = None
    level_evidence: str | None = None
    summary: str = ""
    stage_score: float | None = None


@dataclass(frozen=True)
class StageSection:
    title: str
    interviewers: tuple[str, ...] = ()
    criteria: tuple[CriterionResult, ...] = ()
    panel_score: float | None = None
    exercise_notes: tuple[ExerciseNote, ...] = ()
    verdicts: tuple[Verdict, ...] = ()


@dataclass(frozen=True)
class RadarData:
    """The candidate against the recommended level's minimum, one spoke per label."""

    labels: tuple[str, ...]
    candidate: tuple[float | None, ...]
    level_minimum: tuple[float | None, ...]
    level_label: str = ""
    axis: str = "dimension"
    """What the spokes are: ``"dimension"`` or ``"stage"``."""


@dataclass(frozen=True)
class StageBar:
    label: str
    score: float | None
    scorecards: int = 0


@dataclass(frozen=True)
class PanelMember:
    name: str
    stage: str
    """Short stage label, e.g. ``"Stage 2"``."""
    stage_title: str = ""
    submitted_at: datetime | date | None = None
    vote: str | None = None


@dataclass(frozen=True)
class Amendment:
    interviewer: str
    stage: str
    when: datetime | date | None
    change: str
    reason: str


@dataclass(frozen=True)
class DebriefRescore:
    """A rating given after the committee's discussion: shown apart, never scored."""

    interviewer: str
    stage: str
    criterion: str
    independent: int | None
    """The interviewer's own rating on their submitted scorecard (``None``: N/A or none)."""
    rating: int
    note: str = ""


@dataclass(frozen=True)
class CommitteeDecision:
    decision: str
    level: str = ""
    offer: str = ""
    decided_by: tuple[str, ...] = ()
    decided_at: datetime | date | None = None
    rationale: str = ""


@dataclass(frozen=True)
class PacketData:
    """Everything one candidate's hiring packet shows."""

    candidate_name: str
    role_title: str
    packet_date: date
    rubric_version: str
    decision: str
    """Display text: "Hire", "Strong hire", "No hire", "Not enough evidence"."""
    hire: bool | None
    """Colours the decision: ``True`` hire, ``False`` no hire, ``None`` undecided."""
    level_id: str | None = None
    level_title: str = ""
    score: float | None = None
    band: BandInfo | None = None
    confidence: str = ""
    confidence_reasons: tuple[str, ...] = ()
    coverage: Coverage = field(default_factory=lambda: Coverage(None))
    agreement: Agreement = field(default_factory=Agreement)
    red_flags: tuple[Observed, ...] = ()
    signals: tuple[Observed, ...] = ()
    stages: tuple[StageSection, ...] = ()
    radar: RadarData | None = None
    stage_bars: tuple[StageBar, ...] = ()
    hire_bar: float | None = None
    level_minimum: float | None = None
    trace: tuple[str, ...] = ()
    panel: tuple[PanelMember, ...] = ()
    amendments: tuple[Amendment, ...] = ()
    rescores: tuple[DebriefRescore, ...] = ()
    """Post-debrief re-scores, kept apart from everything scored above."""
    committee: CommitteeDecision | None = None
    rubric_hash: str = ""
    candidate_email: str = ""
    candidate_source: str = ""
    candidate_origin: str = ""
    candidate_ref: str = ""
    """A stable id (the candidate's uuid); only used to derive pseudonyms, never printed."""
    anonymised: bool = False
