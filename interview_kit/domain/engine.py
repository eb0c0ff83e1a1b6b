"""The recommendation engine: one rubric and a candidate's submitted scorecards in, a
decision, level, band position, confidence and a plain-language trace out.

Every threshold comes from ``rubric.rules`` and the levels; nothing here is a number of
its own. The rules, their precedence and the exact trace wording are documented in
``docs/engine.md``. In short, rules are evaluated in this order and the first that
decides wins:

1. a blocker red flag raised by ``blocker_min_reporters`` interviewers: strong no hire
   (even when the evidence is otherwise insufficient: one clear blocker is enough);
2. a required stage without a submitted scorecard, coverage below
   ``coverage_threshold``, or no rating at all: insufficient evidence;
3. candidate score below ``strong_no_hire_below``: strong no hire; below ``hire_bar``:
   no hire;
4. the level (lower median of the level evidence, capped by score and signals, then by
   red flags); below the lowest level: no hire;
5. score at ``strong_hire_at`` or above with no red flag at all: strong hire; else hire.

Arithmetic on scores is exact (fractions), so a score that is exactly on a threshold is
on it, and the result does not depend on the order of the scorecards. Results hold
floats at full precision; :meth:`Recommendation.to_json` rounds to three decimals.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from functools import lru_cache
from typing import Any

from interview_kit.domain.agreement import alpha_fraction
from interview_kit.domain.rubric import Band, Criterion, Level, Rubric, Stage
from interview_kit.domain.scorecard import BELOW_LADDER, Scorecard, Vote

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


# ---------------------------------------------------------------------------------
# Result types


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
            "alpha": _rounded(self.alpha),
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
            "position": _rounded(self.position),
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
            "candidate_score": _rounded(self.candidate_score),
            "stage_scores": {key: _rounded(value) for key, value in self.stage_scores.items()},
            "criterion_means": {
                key: _rounded(value) for key, value in self.criterion_means.items()
            },
            "band": None if self.band is None else self.band.to_json(),
            "confidence": self.confidence.value,
            "confidence_reasons": list(self.confidence_reasons),
            "coverage": _rounded(self.coverage),
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
                    "score": _rounded(stage.score),
                    "scorecards": [
                        {
                            "uuid": card.uuid,
                            "interviewer": card.interviewer_name,
                            "score": _rounded(card.score),
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
                    "mean": _rounded(criterion.mean),
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


# ---------------------------------------------------------------------------------
# The engine


def recommend(rubric: Rubric, scorecards: Iterable[Scorecard]) -> Recommendation:
    """The recommendation for one candidate. Pure: the same input gives the same result,
    whatever the order of ``scorecards``; drafts are left out."""
    return _Evaluation(rubric, scorecards).result()


@dataclass(frozen=True)
class _Card:
    card: Scorecard
    stage: Stage
    ratings: tuple[tuple[Criterion, int | None, str], ...]
    score: Fraction | None
    rated: int


@dataclass(frozen=True)
class _RubricFacts:
    """What every run derives from the rubric alone, worked out once per rubric: a
    recompute runs the engine for thousands of candidates against the same one."""

    stage_index: dict[str, int]
    criteria: tuple[tuple[Stage, Criterion], ...]
    """Every criterion with its stage, in rubric order."""
    criteria_of: tuple[dict[str, Criterion], ...]
    """Per stage (in rubric order): criterion id -> criterion."""
    weights: dict[str, int]
    """Criterion id -> its weight scaled to a whole number (see :func:`_integer_weights`)."""
    required: tuple[Stage, ...]
    coverage_pairs: tuple[tuple[Stage, Criterion], ...]
    stage_weights: dict[str, Fraction]
    """Exact stage weights."""
    distinct_stage_weights: int
    signal_ids: frozenset[str]
    flag_ids: frozenset[str]
    level_index: dict[str, int]
    level_minimums: tuple[Fraction, ...]


def _facts(rubric: Rubric) -> _RubricFacts:
    """The rubric's facts, from a small cache keyed by the rubric object itself (a rubric
    is frozen; the cache holds it, so its id cannot be reused while the entry lives)."""
    with _FACTS_LOCK:
        entry = _FACTS.get(id(rubric))
    if entry is not None and entry[0] is rubric:
        return entry[1]
    criteria = tuple(rubric.criteria())
    all_criteria = [criterion for _, criterion in criteria]
    required = rubric.required_stages()
    facts = _RubricFacts(
        stage_index={stage.id: index for index, stage in enumerate(rubric.stages)},
        criteria=criteria,
        criteria_of=tuple(
            {criterion.id: criterion for criterion in stage.criteria} for stage in rubric.stages
        ),
        weights=dict(
            zip(
                (criterion.id for criterion in all_criteria),
                _integer_weights(tuple(criterion.weight for criterion in all_criteria)),
                strict=True,
            )
        ),
        required=required,
        coverage_pairs=tuple(
            (stage, criterion)
            for stage in (required or rubric.stages)
            for criterion in stage.criteria
        ),
        stage_weights={stage.id: _exact(rubric.stage_weight(stage.id)) for stage in rubric.stages},
        distinct_stage_weights=len({rubric.stage_weight(stage.id) for stage in rubric.stages}),
        signal_ids=frozenset(signal.id for signal in rubric.signals),
        flag_ids=frozenset(flag.id for flag in rubric.red_flags),
        level_index={level.id: index for index, level in enumerate(rubric.levels)},
        level_minimums=tuple(_exact(level.min_score) for level in rubric.levels),
    )
    with _FACTS_LOCK:
        while len(_FACTS) >= _FACTS_KEPT:
            del _FACTS[next(iter(_FACTS))]
        _FACTS[id(rubric)] = (rubric, facts)
    return facts


_FACTS: dict[int, tuple[Rubric, _RubricFacts]] = {}
_FACTS_KEPT = 16
_FACTS_LOCK = threading.Lock()


class _Evaluation:
    """One run of the rules; collects the trace as it goes."""

    def __init__(self, rubric: Rubric, scorecards: Iterable[Scorecard]) -> None:
        self.rubric = rubric
        self.rules = rubric.rules
        self.facts = _facts(rubric)
        self.notes: list[str] = []
        self.cards = self._usable_cards(scorecards)
        self.by_stage: dict[str, list[_Card]] = {stage.id: [] for stage in rubric.stages}
        for card in self.cards:
            self.by_stage[card.stage.id].append(card)
        self.interviewer_count = len({c.card.interviewer_uuid for c in self.cards})

    # -- input ----------------------------------------------------------------------
    def _usable_cards(self, scorecards: Iterable[Scorecard]) -> list[_Card]:
        stage_index = self.facts.stage_index
        criteria_of = self.facts.criteria_of
        weights = self.facts.weights
        unknown_stages: set[str] = set()
        submitted = []
        candidates: set[str] = set()
        for card in scorecards:
            candidates.add(card.candidate_uuid)
            if not card.is_submitted:
                continue
            if card.stage_id not in stage_index:
                unknown_stages.add(card.stage_id)
                continue
            submitted.append(card)
        if len(candidates) > 1:
            raise ValueError(
                f"a recommendation is for one candidate; got scorecards of {len(candidates)}: "
                f"{', '.join(sorted(candidates))}"
            )
        submitted = self._canonical_order(submitted, stage_index)
        if unknown_stages:
            self.notes.append(
                f"Ignored scorecards for stages this rubric does not have: "
                f"{_quoted(sorted(unknown_stages))}."
            )

        unknown_criteria: set[str] = set()
        cards = []
        stages = self.rubric.stages
        for card in submitted:
            index = stage_index[card.stage_id]
            by_id = criteria_of[index]
            ratings: dict[str, tuple[Criterion, int | None, str]] = {}
            weighted_sum = total = rated = 0
            for rating in card.ratings:
                criterion_id = rating.criterion_id
                criterion = by_id.get(criterion_id)
                if criterion is None:
                    unknown_criteria.add(criterion_id)
                    continue
                if criterion_id in ratings:
                    continue
                value = rating.rating
                ratings[criterion_id] = (criterion, value, rating.evidence)
                if value is not None:
                    weight = weights[criterion.id]
                    weighted_sum += weight * value
                    total += weight
                    rated += 1
            score = Fraction(weighted_sum, total) if total else None
            cards.append(_Card(card, stages[index], tuple(ratings.values()), score, rated))
        if unknown_criteria:
            self.notes.append(
                f"Ignored ratings of criteria their stage does not have: "
                f"{_quoted(sorted(unknown_criteria))}."
            )
        return cards

    def _canonical_order(
        self, cards: list[Scorecard], stage_index: dict[str, int]
    ) -> list[Scorecard]:
        """Rubric stage order, then interviewer; a scorecard given twice counts once.

        Whatever order the caller passes, the same cards come out in the same order, so
        evidence lists and the trace never show the input order.
        """
        by_uuid: dict[str, list[Scorecard]] = defaultdict(list)
        for card in cards:
            by_uuid[card.uuid].append(card)
        repeated = sorted(uuid for uuid, group in by_uuid.items() if len(group) > 1)
        if repeated:
            self.notes.append(f"Counted once scorecards given more than once: {_quoted(repeated)}.")
        unique = [
            group[0] if len(group) == 1 else max(group, key=repr) for group in by_uuid.values()
        ]
        unique.sort(
            key=lambda c: (stage_index[c.stage_id], c.interviewer_name, c.interviewer_uuid, c.uuid)
        )
        return unique

    # -- the run --------------------------------------------------------------------
    def result(self) -> Recommendation:
        rubric, rules, facts = self.rubric, self.rules, self.facts
        stage_scores = {
            stage.id: _mean([c.score for c in self.by_stage[stage.id]]) for stage in rubric.stages
        }
        stages = self._stages(stage_scores)
        score = _weighted(
            [
                (facts.stage_weights[stage_id], value)
                for stage_id, value in stage_scores.items()
                if value is not None
            ]
        )
        criteria = self._criteria()
        coverage_pairs = facts.coverage_pairs
        rated_ids = {c.criterion_id for c in criteria if c.rated_count}
        unrated = [(s, c) for s, c in coverage_pairs if c.id not in rated_ids]
        coverage = Fraction(len(coverage_pairs) - len(unrated), len(coverage_pairs))
        cards_per_stage = {stage.id: len(self.by_stage[stage.id]) for stage in rubric.stages}
        missing = [stage for stage in facts.required if not cards_per_stage[stage.id]]

        red_flags = self._observed(flags=True)
        signals = self._observed(flags=False)
        decisive = tuple(
            f
            for f in red_flags
            if f.severity == "blocker" and f.reporters >= rules.blocker_min_reporters
        )
        minor_blockers = [f for f in red_flags if f.severity == "blocker" and f not in decisive]
        capping_concerns = [
            f
            for f in red_flags
            if f.severity == "concern" and f.reporters >= rules.concern_min_reporters
        ]
        finding = self._level_finding(score, len(signals), minor_blockers, capping_concerns)
        agreement = self._agreement(criteria)

        trace = list(self.notes)
        trace.append(self._score_sentence(score, stage_scores))
        threshold = _exact(rules.coverage_threshold)
        coverage_ok = coverage >= threshold
        insufficient = bool(missing) or not coverage_ok or score is None
        suffix = ": insufficient evidence." if insufficient and not decisive else "."
        trace.append(
            f"Coverage {_percent(coverage)}: {len(coverage_pairs) - len(unrated)} of "
            f"{len(coverage_pairs)} required criteria rated at least once."
        )
        trace.extend(
            f"Required stage '{stage.title}' has no submitted scorecard{suffix}"
            for stage in missing
        )
        if not coverage_ok:
            shown, minimum = _percent_pair(coverage, threshold)
            trace.append(
                f"Coverage {shown} is below the {minimum} minimum (unrated: "
                f"{_unrated_list(unrated)}){suffix}"
            )
        if score is None and not missing and coverage_ok:
            trace.append(f"No criterion was rated{suffix}")
        trace.extend(self._flag_sentences(red_flags, decisive))
        decision, level = self._decide(
            score=score,
            decisive=decisive,
            insufficient=insufficient,
            red_flags=red_flags,
            finding=finding,
            trace=trace,
        )
        band = None
        if level is not None and score is not None:
            band, sentence = self._band(level, score)
            trace.append(sentence)
        if agreement.panel_split:
            trace.append(
                f"Panel split: {agreement.yes_votes} yes-side and {agreement.no_votes} "
                f"no-side recommendations."
            )
        confidence, reasons, sentence = self._confidence(
            cards_per_stage, coverage, agreement, red_flags, decision
        )
        trace.append(sentence)

        return Recommendation(
            decision=decision,
            level=None if level is None else level.id,
            level_title=None if level is None else level.title,
            candidate_score=None if score is None else float(score),
            stages=stages,
            criteria=criteria,
            band=band,
            confidence=confidence,
            confidence_reasons=reasons,
            coverage=float(coverage),
            agreement=agreement,
            red_flags=red_flags,
            positive_signals=signals,
            level_finding=finding,
            interviewer_count=self.interviewer_count,
            trace=tuple(trace),
        )

    # -- scores ---------------------------------------------------------------------
    def _stages(self, stage_scores: dict[str, Fraction | None]) -> tuple[StageResult, ...]:
        results = []
        for stage in self.rubric.stages:
            cards = self.by_stage[stage.id]
            panel = stage_scores[stage.id]
            results.append(
                StageResult(
                    stage_id=stage.id,
                    title=stage.title,
                    required=stage.required,
                    weight=self.rubric.stage_weight(stage.id),
                    score=None if panel is None else _float(panel),
                    scorecards=tuple(
                        ScorecardResult(
                            uuid=c.card.uuid,
                            stage_id=stage.id,
                            interviewer_uuid=c.card.interviewer_uuid,
                            interviewer_name=c.card.interviewer_name,
                            score=None if c.score is None else _float(c.score),
                            rated=c.rated,
                            not_applicable=len(c.ratings) - c.rated,
                            vote=c.card.vote,
                            level_evidence=c.card.level_evidence,
                        )
                        for c in cards
                    ),
                )
            )
        return tuple(results)

    def _criteria(self) -> tuple[CriterionResult, ...]:
        entries: dict[str, list[RatingEntry]] = defaultdict(list)
        for c in self.cards:
            card = c.card
            uuid, interviewer_uuid, name = card.uuid, card.interviewer_uuid, card.interviewer_name
            for criterion, value, evidence in c.ratings:
                entries[criterion.id].append(
                    RatingEntry(uuid, interviewer_uuid, name, value, evidence)
                )
        results = []
        for stage, criterion in self.facts.criteria:
            ratings = tuple(entries.get(criterion.id, ()))
            values = tuple([e.rating for e in ratings if e.rating is not None])
            results.append(
                CriterionResult(
                    criterion_id=criterion.id,
                    stage_id=stage.id,
                    title=criterion.title,
                    weight=criterion.weight,
                    ratings=ratings,
                    values=values,
                    # int / int is correctly rounded: the exact mean as a float.
                    mean=sum(values) / len(values) if values else None,
                    rated_count=len(values),
                )
            )
        return tuple(results)

    def _score_sentence(
        self, score: Fraction | None, stage_scores: dict[str, Fraction | None]
    ) -> str:
        if score is None:
            return "No criterion was rated, so there is no candidate score."
        several_weights = self.facts.distinct_stage_weights > 1
        parts = []
        for stage in self.rubric.stages:
            value = stage_scores[stage.id]
            if value is None:
                continue
            count = sum(1 for c in self.by_stage[stage.id] if c.score is not None)
            weight = f", weight {self.rubric.stage_weight(stage.id):g}" if several_weights else ""
            parts.append(f"'{stage.title}' {_fmt(value)} ({_plural(count, 'scorecard')}{weight})")
        return f"Candidate score {_fmt(score)}: weighted mean of the stage scores {_join(parts)}."

    # -- observations ---------------------------------------------------------------
    def _observed(self, *, flags: bool) -> tuple[ObservedItem, ...]:
        evidence: dict[str, list[Evidence]] = defaultdict(list)
        unknown: set[str] = set()
        known = self.facts.flag_ids if flags else self.facts.signal_ids
        for c in self.cards:
            seen: set[str] = set()
            for observation in c.card.red_flags if flags else c.card.signals:
                if observation.item_id not in known:
                    unknown.add(observation.item_id)
                    continue
                if observation.item_id in seen:
                    continue
                seen.add(observation.item_id)
                evidence[observation.item_id].append(
                    Evidence(
                        interviewer_uuid=c.card.interviewer_uuid,
                        interviewer_name=c.card.interviewer_name,
                        stage_id=c.stage.id,
                        scorecard_uuid=c.card.uuid,
                        text=observation.evidence,
                    )
                )
        if unknown:
            what = "red flags" if flags else "positive signals"
            self.notes.append(
                f"Ignored {what} this rubric does not have: {_quoted(sorted(unknown))}."
            )
        items = []
        if flags:
            for flag in self.rubric.red_flags:
                if flag.id in evidence:
                    found = tuple(evidence[flag.id])
                    reporters = len({e.interviewer_uuid for e in found})
                    items.append(ObservedItem(flag.id, flag.label, flag.severity, reporters, found))
        else:
            for signal in self.rubric.signals:
                if signal.id in evidence:
                    found = tuple(evidence[signal.id])
                    reporters = len({e.interviewer_uuid for e in found})
                    items.append(ObservedItem(signal.id, signal.label, None, reporters, found))
        return tuple(items)

    def _flag_sentences(
        self, red_flags: Sequence[ObservedItem], decisive: Sequence[ObservedItem]
    ) -> list[str]:
        rules = self.rules
        sentences = []
        for flag in red_flags:
            raised = f"raised by {flag.reporters} of {self.interviewer_count} interviewers"
            if flag in decisive:
                sentences.append(f"Blocker '{flag.label}' {raised}: strong no hire.")
            elif flag.severity == "blocker":
                sentences.append(
                    f"Blocker '{flag.label}' {raised} (strong no hire needs "
                    f"{rules.blocker_min_reporters}): confidence lowered and level capped at "
                    f"{rules.blocker_level_cap}."
                )
            elif flag.reporters >= rules.concern_min_reporters:
                sentences.append(
                    f"Concern '{flag.label}' {raised}: confidence lowered and level capped at "
                    f"{rules.concern_level_cap}."
                )
            else:
                sentences.append(f"Concern '{flag.label}' {raised}: confidence lowered.")
        return sentences

    # -- level and decision ---------------------------------------------------------
    def _level_finding(
        self,
        score: Fraction | None,
        signals: int,
        minor_blockers: Sequence[ObservedItem],
        capping_concerns: Sequence[ObservedItem],
    ) -> LevelFinding:
        levels = self.rubric.levels
        index_of = self.facts.level_index
        evidence: list[int] = []
        unknown: set[str] = set()
        for c in self.cards:
            given = c.card.level_evidence
            if given is None:
                continue
            if given == BELOW_LADDER:
                evidence.append(-1)
            elif given in index_of:
                evidence.append(index_of[given])
            else:
                unknown.add(given)
        if unknown:
            self.notes.append(
                f"Ignored level evidence naming levels this rubric does not have: "
                f"{_quoted(sorted(unknown))}."
            )
        evidence.sort()
        median = evidence[(len(evidence) - 1) // 2] if evidence else None
        score_cap: int | None = None
        if score is not None:
            for index, (rung, minimum) in enumerate(
                zip(levels, self.facts.level_minimums, strict=True)
            ):
                if minimum <= score and rung.min_positive_signals <= signals:
                    score_cap = index
        flag_cap: int | None = None
        caps = []
        if minor_blockers:
            caps.append(self.rules.blocker_level_cap)
        if capping_concerns:
            caps.append(self.rules.concern_level_cap)
        for cap in caps:
            if cap in index_of:
                flag_cap = index_of[cap] if flag_cap is None else min(flag_cap, index_of[cap])
            else:
                self.notes.append(f"Ignored a red-flag level cap naming unknown level '{cap}'.")
        level: int | None = None
        if score is not None:
            candidates = [score_cap if score_cap is not None else -1]
            if median is not None:
                candidates.append(median)
            if flag_cap is not None:
                candidates.append(flag_cap)
            level = min(candidates)
        return LevelFinding(
            evidence=tuple(self._level_name(index) for index in evidence),
            evidence_median=None if median is None else self._level_name(median),
            distinct_signals=signals,
            score_cap=None if score_cap is None else levels[score_cap].id,
            flag_cap=None if flag_cap is None else levels[flag_cap].id,
            level=None if level is None or level < 0 else levels[level].id,
        )

    def _level_name(self, index: int) -> str:
        return BELOW_LADDER if index < 0 else self.rubric.levels[index].id

    def _level_words(self, name: str) -> str:
        return f"below {self.rubric.levels[0].id}" if name == BELOW_LADDER else name

    def _decide(
        self,
        *,
        score: Fraction | None,
        decisive: Sequence[ObservedItem],
        insufficient: bool,
        red_flags: Sequence[ObservedItem],
        finding: LevelFinding,
        trace: list[str],
    ) -> tuple[Decision, Level | None]:
        rules = self.rules
        if decisive:
            return Decision.STRONG_NO_HIRE, None
        if insufficient or score is None:
            return Decision.INSUFFICIENT_EVIDENCE, None
        low, bar, high = (
            _exact(rules.strong_no_hire_below),
            _exact(rules.hire_bar),
            _exact(rules.strong_hire_at),
        )
        if score < low:
            shown, threshold = _fmt_pair(score, low)
            trace.append(f"Candidate score {shown} is below {threshold}: strong no hire.")
            return Decision.STRONG_NO_HIRE, None
        if score < bar:
            shown, threshold = _fmt_pair(score, bar)
            trace.append(f"Candidate score {shown} is below the hire bar {threshold}: no hire.")
            return Decision.NO_HIRE, None

        trace.extend(self._level_sentences(score, finding))
        if finding.level is None:
            trace.append(f"Below {self.rubric.levels[0].id} after capping: no hire.")
            return Decision.NO_HIRE, None
        level = self.rubric.level(finding.level)
        if score >= high and not red_flags:
            shown, threshold = _fmt_pair(score, high)
            trace.append(
                f"Candidate score {shown} reaches {threshold} with no red flag: "
                f"strong hire at {level.id}."
            )
            return Decision.STRONG_HIRE, level
        if score >= high:
            shown, threshold = _fmt_pair(score, high)
            trace.append(
                f"Candidate score {shown} reaches {threshold}, but a red flag was raised: "
                f"hire at {level.id}."
            )
            return Decision.HIRE, level
        shown, threshold = _fmt_pair(score, bar)
        trace.append(f"Candidate score {shown} meets the hire bar {threshold}: hire at {level.id}.")
        return Decision.HIRE, level

    def _level_sentences(self, score: Fraction, finding: LevelFinding) -> list[str]:
        levels = self.rubric.levels
        sentences = []
        if finding.evidence_median is None:
            sentences.append(
                "No interviewer gave level evidence: the score and signal cap alone sets the level."
            )
        else:
            given = ", ".join(self._level_words(name) for name in finding.evidence)
            sentences.append(
                f"Level evidence from {_plural(len(finding.evidence), 'scorecard')} ({given}): "
                f"lower median {self._level_words(finding.evidence_median)}."
            )
        signals = _plural(finding.distinct_signals, "distinct positive signal")
        if finding.score_cap is None:
            first = levels[0]
            sentences.append(
                f"Score {_fmt(score)} and {signals} reach no level ({first.id} needs "
                f"{_fmt(_exact(first.min_score))} and "
                f"{_plural(first.min_positive_signals, 'signal')})."
            )
        else:
            cap_index = self.rubric.level_index(finding.score_cap)
            if cap_index + 1 < len(levels):
                following = levels[cap_index + 1]
                sentences.append(
                    f"Score {_fmt(score)} and {signals} reach {finding.score_cap} "
                    f"({following.id} needs {_fmt(_exact(following.min_score))} and "
                    f"{_plural(following.min_positive_signals, 'signal')})."
                )
            else:
                sentences.append(
                    f"Score {_fmt(score)} and {signals} reach {finding.score_cap}, the top level."
                )
        if finding.flag_cap is not None:
            flag_index = self.rubric.level_index(finding.flag_cap)
            others = []
            if finding.score_cap is not None:
                others.append(self.rubric.level_index(finding.score_cap))
            if finding.evidence_median is not None:
                others.append(
                    -1
                    if finding.evidence_median == BELOW_LADDER
                    else self.rubric.level_index(finding.evidence_median)
                )
            if others and flag_index < min(others):
                sentences.append(f"Red flags cap the level at {finding.flag_cap}.")
        return sentences

    # -- band -----------------------------------------------------------------------
    def _band(self, level: Level, score: Fraction) -> tuple[BandRecommendation, str]:
        levels = self.rubric.levels
        index = self.rubric.level_index(level.id)
        low = _exact(level.min_score)
        if index + 1 < len(levels):
            following: Level | None = levels[index + 1]
            high = _exact(levels[index + 1].min_score)
        else:
            following = None
            high = Fraction(SCORE_CEILING)
        raw = (score - low) / (high - low) if high > low else Fraction(1)
        position = min(Fraction(1), max(Fraction(0), raw))
        band = level.band
        suggested = suggested_base(band, position)
        recommendation = BandRecommendation(
            level_id=level.id,
            currency=band.currency,
            base_min=band.base_min,
            base_mid=band.base_mid,
            base_max=band.base_max,
            position=float(position),
            suggested_base=float(suggested),
            equity_min=band.equity_min,
            equity_max=band.equity_max,
            equity_unit=band.equity_unit,
            equity_note=band.equity_note,
            learning_budget=band.learning_budget,
        )
        upper = (
            f"the {following.id} minimum {_fmt(high)}"
            if following is not None
            else f"the {_fmt(high)} ceiling"
        )
        clipped = f" (clipped from {_fmt(raw)})" if raw != position else ""
        sentence = (
            f"Band position {_fmt(position)}{clipped}: score {_fmt(score)} between the "
            f"{level.id} minimum {_fmt(low)} and {upper}; suggested base "
            f"{format_amount(float(suggested))} {band.currency}."
        )
        return recommendation, sentence

    # -- agreement and confidence ---------------------------------------------------
    def _agreement(self, criteria: Sequence[CriterionResult]) -> Agreement:
        yes = no = 0
        for usable in self.cards:
            vote = usable.card.vote
            if vote is not None:
                if vote.is_yes_side:
                    yes += 1
                else:
                    no += 1
        units = [c.values for c in criteria if c.rated_count >= 2]
        alpha = alpha_fraction(units, "ordinal")
        spread = []
        threshold = self.rules.spread_threshold
        for c in criteria:
            if c.rated_count < 2:
                continue
            low, high = min(c.values), max(c.values)
            if high - low >= threshold:
                spread.append(SpreadCriterion(c.criterion_id, c.stage_id, c.title, low, high))
        return Agreement(
            panel_split=yes > 0 and no > 0,
            yes_votes=yes,
            no_votes=no,
            alpha=None if alpha is None else float(alpha),
            alpha_units=len(units),
            spread_criteria=tuple(spread),
        )

    def _confidence(
        self,
        cards_per_stage: dict[str, int],
        coverage: Fraction,
        agreement: Agreement,
        red_flags: Sequence[ObservedItem],
        decision: Decision,
    ) -> tuple[Confidence, tuple[str, ...], str]:
        rules = self.rules
        needed = rules.high_confidence_min_scorecards
        reasons = []
        if decision is Decision.INSUFFICIENT_EVIDENCE:
            reasons.append("The evidence is insufficient for a recommendation.")
        short = [
            f"'{stage.title}' ({cards_per_stage[stage.id]})"
            for stage in self.facts.required
            if cards_per_stage[stage.id] < needed
        ]
        if short:
            reasons.append(f"Fewer than {needed} submitted scorecards for {_join(short)}.")
        wanted = _exact(rules.high_confidence_coverage)
        if coverage < wanted:
            reasons.append(
                f"Coverage {_percent(coverage)} is below the {_percent(wanted)} "
                f"that high confidence needs."
            )
        if agreement.panel_split:
            reasons.append(
                f"The panel is split: {agreement.yes_votes} yes-side and "
                f"{agreement.no_votes} no-side recommendations."
            )
        if red_flags:
            listed = _join(
                [
                    f"'{flag.label}' ({flag.severity}, {_plural(flag.reporters, 'interviewer')})"
                    for flag in red_flags
                ]
            )
            reasons.append(f"Red flags were raised: {listed}.")
        if not reasons:
            confidence = Confidence.HIGH
            reasons.append(
                f"Every required stage has {needed} or more submitted scorecards, coverage "
                f"is {_percent(coverage)}, the panel is not split and no red flag was raised."
            )
            sentence = "Confidence high: every condition for high confidence holds."
        elif decision is Decision.INSUFFICIENT_EVIDENCE:
            confidence = Confidence.LOW
            sentence = "Confidence low: the evidence is insufficient for a recommendation."
        else:
            confidence = Confidence.LOW if len(reasons) >= 2 else Confidence.MEDIUM
            sentence = (
                f"Confidence {confidence.value}: {len(reasons)} of the 4 conditions for high "
                f"confidence {'fail' if len(reasons) > 1 else 'fails'}."
            )
        return confidence, tuple(reasons), sentence


# ---------------------------------------------------------------------------------
# Helpers


@lru_cache(maxsize=4096)
def _exact(value: float) -> Fraction:
    """The number as the recruiter wrote it: 2.7 is 27/10, not the nearest binary float."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    return Fraction(repr(float(value)))


@lru_cache(maxsize=256)
def _integer_weights(weights: tuple[float, ...]) -> tuple[int, ...]:
    """The weights scaled by one common factor to whole numbers (1.5, 1 -> 3, 2), so a
    scorecard's weighted mean is one exact fraction of two integers."""
    exact = [_exact(weight) for weight in weights]
    scale = math.lcm(*(value.denominator for value in exact)) if exact else 1
    return tuple(int(value * scale) for value in exact)


def _weighted(pairs: Sequence[tuple[Fraction, Fraction]]) -> Fraction | None:
    total = sum((weight for weight, _ in pairs), Fraction(0))
    if not pairs or total == 0:
        return None
    return sum((weight * value for weight, value in pairs), Fraction(0)) / total


def _mean(values: Iterable[Fraction | None]) -> Fraction | None:
    present = [value for value in values if value is not None]
    if not present:
        return None
    # Over a common denominator in plain integers, reduced once at the end: the same
    # exact value as adding the fractions one by one, without a gcd per addition.
    numerator, denominator = 0, 1
    for value in present:
        numerator = numerator * value.denominator + value.numerator * denominator
        denominator *= value.denominator
    return Fraction(numerator, denominator * len(present))


def _float(value: Fraction) -> float:
    """``float(value)`` without the generic ``numbers`` detour: integer true division is
    correctly rounded, exactly what ``float()`` of a fraction computes."""
    return value.numerator / value.denominator


def suggested_base(band: Band, position: Fraction) -> Fraction:
    """base_min + position x (base_max - base_min), to the nearest rounding unit (halves
    up), kept inside the band: a rounded figure outside it moves to the nearest unit
    inside, or stays unrounded when no unit fits."""
    low, high = _exact(band.base_min), _exact(band.base_max)
    exact = low + position * (high - low)
    unit = Fraction(band.rounding)
    rounded = math.floor(exact / unit + Fraction(1, 2)) * unit
    if rounded > high:
        rounded = math.floor(high / unit) * unit
    if rounded < low:
        rounded = math.ceil(low / unit) * unit
    if not low <= rounded <= high:
        return exact
    return rounded


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


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, JSON_DIGITS)


def _fmt(value: Fraction | float) -> str:
    return f"{_float(value) if isinstance(value, Fraction) else value:.2f}"


def _fmt_pair(value: Fraction, threshold: Fraction) -> tuple[str, str]:
    """Both numbers with enough decimals that a reader sees them differ when they do."""
    for digits in range(2, 7):
        shown, limit = f"{float(value):.{digits}f}", f"{float(threshold):.{digits}f}"
        if (shown == limit) == (value == threshold):
            break
    return shown, limit


def _percent(value: Fraction | float) -> str:
    """Whole percents when exact (80%), else one decimal (77.8%)."""
    hundredths = Fraction(value) * 100
    if hundredths.denominator == 1:
        return f"{hundredths.numerator}%"
    return f"{float(hundredths):.1f}%"


def _percent_pair(value: Fraction, threshold: Fraction) -> tuple[str, str]:
    shown, limit = _percent(value), _percent(threshold)
    if shown == limit and value != threshold:
        shown, limit = f"{float(value) * 100:.4f}%", f"{float(threshold) * 100:.4f}%"
    return shown, limit


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _join(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _quoted(items: Sequence[str]) -> str:
    return ", ".join(f"'{item}'" for item in items)


def _unrated_list(pairs: Sequence[tuple[Stage, Criterion]], shown: int = 6) -> str:
    names = [f"'{criterion.title}'" for _, criterion in pairs]
    if len(names) > shown:
        return ", ".join(names[:shown]) + f" and {len(names) - shown} more"
    return ", ".join(names)
