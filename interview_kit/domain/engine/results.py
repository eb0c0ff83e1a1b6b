"""What the engine returns: the recommendation and its parts, as frozen values with JSON."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from interview_kit.domain.scorecard import Vote

SCORE_CEILING = 4
"""The top of the rating scale: the band position of the top level runs up to it."""

JSON_DIGITS = 3


class Decision(StrEnum):
    STRONG_HIRE = "strong_hire"
    HIRE = "hire"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
    NO_HIRE = "no_hire"
    STRONG_NO_HIRE = "strong_no_hire"

    @property
    def label(self) -> str:
        """Lower-case words, as the trace uses them ("strong no hire")."""
        return self.value.replace("_", " ")

    @property
    def rank(self) -> int:
        """How favourable the decision is for the candidate, for comparing outcomes.

        strong no hire < no hire < insufficient evidence < hire < strong hire: a decision
        not yet made sits between the two sides.
        """
        return _DECISION_RANK[self]


_DECISION_RANK = {
    Decision.STRONG_NO_HIRE: 0,
    Decision.NO_HIRE: 1,
    Decision.INSUFFICIENT_EVIDENCE: 2,
    Decision.HIRE: 3,
    Decision.STRONG_HIRE: 4,
}


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True)
class RatingEntry:
    """One interviewer's rating of one criterion (``rating`` ``None`` is N/A)."""

    scorecard_uuid: str
    interviewer_uuid: str
    interviewer_name: str
    rating: int | None
    evidence: str = ""


@dataclass(frozen=True)
class CriterionResult:
    criterion_id: str
    stage_id: str
    title: str
    weight: float
    ratings: tuple[RatingEntry, ...]
    """Every submitted scorecard of the stage that mentions the criterion, N/A included."""
    values: tuple[int, ...]
    """The ratings given (N/A left out), in the order of ``ratings``."""
    mean: float | None
    rated_count: int

    @property
    def spread(self) -> int | None:
        """Highest minus lowest rating, or ``None`` with fewer than two ratings."""
        values = self.values
        return max(values) - min(values) if len(values) >= 2 else None


@dataclass(frozen=True)
class ScorecardResult:
    """What one submitted scorecard contributed."""

    uuid: str
    stage_id: str
    interviewer_uuid: str
    interviewer_name: str
    score: float | None
    """Weighted mean of this scorecard's rated criteria; ``None`` when all are N/A."""
    rated: int
    not_applicable: int
    vote: Vote | None
    level_evidence: str | None


@dataclass(frozen=True)
class StageResult:
    stage_id: str
    title: str
    required: bool
    weight: float
    score: float | None
    """The panel stage score: mean of the scored scorecards; ``None`` without one."""
    scorecards: tuple[ScorecardResult, ...]

    @property
    def scorecard_count(self) -> int:
        return len(self.scorecards)


@dataclass(frozen=True)
class Evidence:
    interviewer_uuid: str
    interviewer_name: str
    stage_id: str
    scorecard_uuid: str
    text: str


@dataclass(frozen=True)
class ObservedItem:
    """A positive signal or red flag as the panel reported it."""

    id: str
    label: str
    severity: str | None
    """``"blocker"`` or ``"concern"`` for red flags, ``None`` for signals."""
    reporters: int
    """Distinct interviewers who ticked it."""
    evidence: tuple[Evidence, ...]

    @property
    def interviewer_names(self) -> tuple[str, ...]:
        names: dict[str, str] = {}
        for item in self.evidence:
            names.setdefault(item.interviewer_uuid, item.interviewer_name)
        return tuple(names.values())

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "label": self.label}
        if self.severity is not None:
            data["severity"] = self.severity
        data["reporters"] = self.reporters
        data["evidence"] = [
            {"interviewer": item.interviewer_name, "stage": item.stage_id, "text": item.text}
            for item in self.evidence
        ]
        return data


@dataclass(frozen=True)
class SpreadCriterion:
    criterion_id: str
    stage_id: str
    title: str
    low: int
    high: int


@dataclass(frozen=True)
class Agreement:
    panel_split: bool
    yes_votes: int
    no_votes: int
    alpha: float | None
    """Krippendorff's alpha (ordinal); ``None`` when undefined."""
    alpha_units: int
    """How many criteria were rated by two or more interviewers."""
    spread_criteria: tuple[SpreadCriterion, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "panel_split": self.panel_split,
            "alpha": rounded_json(self.alpha),
            "spread_criteria": [
                {"id": c.criterion_id, "title": c.title, "low": c.low, "high": c.high}
                for c in self.spread_criteria
            ],
        }


@dataclass(frozen=True)
class BandRecommendation:
    level_id: str
    currency: str
    base_min: float
    base_mid: float
    base_max: float
    position: float
    """0 at the level's minimum score, 1 at the next level's (or the 4.0 ceiling)."""
    suggested_base: float
    equity_min: float
    equity_max: float
    equity_unit: str
    equity_note: str
    learning_budget: float

    @property
    def equity_text(self) -> str:
        return format_equity(self.equity_min, self.equity_max, self.equity_unit)

    def to_json(self) -> dict[str, Any]:
        return {
            "currency": self.currency,
            "base_min": _amount_json(self.base_min),
            "base_mid": _amount_json(self.base_mid),
            "base_max": _amount_json(self.base_max),
            "position": rounded_json(self.position),
            "suggested_base": _amount_json(self.suggested_base),
            "equity": {
                "min": _amount_json(self.equity_min),
                "max": _amount_json(self.equity_max),
                "unit": self.equity_unit,
                "text": self.equity_text,
                "note": self.equity_note,
            },
            "learning_budget": _amount_json(self.learning_budget),
        }


@dataclass(frozen=True)
class LevelFinding:
    """How the level came about (filled whenever there is a candidate score)."""

    evidence: tuple[str, ...]
    """The level evidence given, lowest first (level ids or ``"below"``)."""
    evidence_median: str | None
    """Lower median of the evidence, ``"below"``, or ``None`` when nobody gave any."""
    distinct_signals: int
    score_cap: str | None
    """Highest level the score and signals reach; ``None`` when they reach none."""
    flag_cap: str | None
    """Level the red flags cap at; ``None`` when no cap applies."""
    level: str | None
    """The resulting level before the decision; ``None`` when below the ladder."""


@dataclass(frozen=True)
class Verdict:
    """The part of a :class:`Recommendation` a summary keeps (the same fields, the same
    values): see :func:`~interview_kit.domain.engine.evaluation.verdict`."""

    decision: Decision
    level: str | None
    candidate_score: float | None
    coverage: float


@dataclass(frozen=True)
class Recommendation:
    decision: Decision
    level: str | None
    level_title: str | None
    candidate_score: float | None
    stages: tuple[StageResult, ...]
    """Every stage of the rubric, in rubric order, with its scorecards."""
    criteria: tuple[CriterionResult, ...]
    """Every criterion of the rubric, in rubric order, with the ratings by interviewer."""
    band: BandRecommendation | None
    confidence: Confidence
    confidence_reasons: tuple[str, ...]
    coverage: float
    agreement: Agreement
    red_flags: tuple[ObservedItem, ...]
    positive_signals: tuple[ObservedItem, ...]
    level_finding: LevelFinding
    interviewer_count: int
    trace: tuple[str, ...]

    @property
    def stage_scores(self) -> dict[str, float | None]:
        return {stage.stage_id: stage.score for stage in self.stages}

    @property
    def criterion_means(self) -> dict[str, float | None]:
        return {criterion.criterion_id: criterion.mean for criterion in self.criteria}

    @property
    def votes(self) -> tuple[tuple[str, Vote], ...]:
        """(interviewer name, vote) per scorecard that carries a vote."""
        return tuple(
            (card.interviewer_name, card.vote)
            for stage in self.stages
            for card in stage.scorecards
            if card.vote is not None
        )

    def to_json(self) -> dict[str, Any]:
        """The result as ``interview-kit recommend --json`` prints it (floats rounded)."""
        return {
            "decision": self.decision.value,
            "level": self.level,
            "level_title": self.level_title,
            "candidate_score": rounded_json(self.candidate_score),
            "stage_scores": {key: rounded_json(value) for key, value in self.stage_scores.items()},
            "criterion_means": {
                key: rounded_json(value) for key, value in self.criterion_means.items()
            },
            "band": None if self.band is None else self.band.to_json(),
            "confidence": self.confidence.value,
            "confidence_reasons": list(self.confidence_reasons),
            "coverage": rounded_json(self.coverage),
            "agreement": self.agreement.to_json(),
            "red_flags": [item.to_json() for item in self.red_flags],
            "positive_signals": [item.to_json() for item in self.positive_signals],
            "trace": list(self.trace),
        }

    def detail_json(self) -> dict[str, Any]:
        """Per stage and per interviewer detail for the committee view and the packet."""
        return {
            "stages": [
                {
                    "id": stage.stage_id,
                    "title": stage.title,
                    "required": stage.required,
                    "weight": stage.weight,
                    "score": rounded_json(stage.score),
                    "scorecards": [
                        {
                            "uuid": card.uuid,
                            "interviewer": card.interviewer_name,
                            "score": rounded_json(card.score),
                            "rated": card.rated,
                            "not_applicable": card.not_applicable,
                            "vote": None if card.vote is None else card.vote.value,
                            "level_evidence": card.level_evidence,
                        }
                        for card in stage.scorecards
                    ],
                }
                for stage in self.stages
            ],
            "criteria": [
                {
                    "id": criterion.criterion_id,
                    "stage": criterion.stage_id,
                    "title": criterion.title,
                    "mean": rounded_json(criterion.mean),
                    "spread": criterion.spread,
                    "ratings": [
                        {"interviewer": entry.interviewer_name, "rating": entry.rating}
                        for entry in criterion.ratings
                    ],
                }
                for criterion in self.criteria
            ],
            "level_finding": {
                "evidence": list(self.level_finding.evidence),
                "evidence_median": self.level_finding.evidence_median,
                "distinct_signals": self.level_finding.distinct_signals,
                "score_cap": self.level_finding.score_cap,
                "flag_cap": self.level_finding.flag_cap,
            },
            "alpha_units": self.agreement.alpha_units,
            "votes": {
                "yes_side": self.agreement.yes_votes,
                "no_side": self.agreement.no_votes,
            },
            "interviewers": self.interviewer_count,
        }


def format_amount(value: float) -> str:
    """``145000`` as ``145,000``; fractions keep two decimals."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def format_equity(low: float, high: float, unit: str) -> str:
    if low == 0 and high == 0:
        return "none"
    if unit == "percent":
        return f"{low:g}%" if low == high else f"{low:g}–{high:g}%"
    figures = format_amount(low) if low == high else f"{format_amount(low)}–{format_amount(high)}"
    return f"{figures} shares" if unit == "shares" else f"{figures} in equity value"


def _amount_json(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


def rounded_json(value: float | None) -> float | None:
    return None if value is None else round(value, JSON_DIGITS)
